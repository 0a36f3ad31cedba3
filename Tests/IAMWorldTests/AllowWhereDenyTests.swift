import Foundation
import Testing
@testable import IAMWorld
import IAMPolicy

/// Places a security review found where the sandbox once said `allowed` or `ok` and AWS denies; each row
/// runs a scenario and checks every step's expectation.
@Suite("Never allowed where AWS denies")
struct AllowWhereDenyTests {
    static let header = """
        scenario: review
        account 111111111111 app
        account 222222222222 data
        user app/dev
          mfa: dev-mfa 123456
          policy p: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession", "s3:*"], "Resource": "*"}]}
        document trust-app: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole"}]}
        document read-all: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
        role app/Reader
          trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole"}]}
          policy list: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}
        role app/Admin
          path: /ops/
          trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole"}]}
        role app/AWSServiceRoleForX
          service-linked: elasticbeanstalk.amazonaws.com
          trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/dev", "Service": "elasticbeanstalk.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
        resource arn:aws:s3:::secret-data
          owner: data
          policy: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:role/Reader"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::secret-data/*"}]}

        """

    // Each row: the rule (with its page), and steps with their expectations.
    @Test("rules", arguments: [
        ("A role deleted and created again is another role: sessions of the old one and policies naming it do not carry over (reference_policies_elements_principal.html)", """
            step: as user app/dev
            step: assume app/Reader --session-name old
              expect: ok
            step: as user app/dev
            step: delete-policy role app/Reader list
            step: delete-role app/Reader
              expect: ok
            step: create-role app/Reader --trust @trust-app
            step: put-policy role app/Reader all @read-all
            step: as session old
            step: can s3:GetObject arn:aws:s3:::secret-data/x
              expect: AccessDenied
            step: as user app/dev
            step: assume app/Reader --session-name new
              expect: ok
            step: can s3:GetObject arn:aws:s3:::secret-data/x
              expect: implicitDeny
            """),
        ("A failed `as` leaves nobody acting, never the previous identity", """
            step: as user app/dev
            step: as user app/nobody
              expect: NoSuchEntity
            step: can s3:GetObject arn:aws:s3:::b/k
              expect: InvalidClientTokenId
            """),
        ("A service-linked role is assumed only by its service, whatever its trust policy says (using-service-linked-roles.html)", """
            step: as user app/dev
            step: assume app/AWSServiceRoleForX
              expect: AccessDenied
            """),
        ("The MFA serial is the bare device name or exactly its ARN in the caller's account (API_AssumeRole.html)", """
            step: as user app/dev
            step: assume app/Reader --serial arn:aws:iam::999999999999:mfa/dev-mfa --mfa 123456
              expect: AccessDenied
            step: as user app/dev
            step: assume app/Reader --serial arn:aws:iam::111111111111:mfa/dev-mfa --mfa 123456
              expect: ok
            """),
        ("A RoleArn must be the role's exact ARN: partition aws, type role, its path (API_AssumeRole.html)", """
            step: as user app/dev
            step: assume arn:aws:iam::111111111111:user/Admin
              expect: AccessDenied
            step: assume arn:aws:iam::111111111111:role/wrong/Admin
              expect: AccessDenied
            step: assume arn:aws-cn:iam::111111111111:role/ops/Admin
              expect: AccessDenied
            step: assume arn:aws:iam::111111111111:role/ops/Admin
              expect: ok
            """),
        ("`can sts:TagSession` on a role asks its trust policy, as AssumeRole with tags does (id_session-tags.html)", """
            step: as user app/dev
            step: can sts:TagSession arn:aws:iam::111111111111:role/Reader
              expect: implicitDeny
            """),
    ] as [(String, String)])
    func rule(rule: String, steps: String) throws {
        let parsed = ScenarioParser.parse(Self.header + steps, file: "review.iqs", baseDirectory: "/")
        let scenario = try #require(parsed.scenario, "\(rule): \(parsed.diagnostics.map(\.message))")
        let run = ScenarioRunner.run(scenario)
        for failure in run.failures {
            Issue.record("\(rule): step #\(failure.step.number) `\(failure.step.commandText)` expected \(failure.step.expect?.description ?? "?"), got \(failure.result.outcome): \(failure.result.lines.first ?? "")")
        }
    }

    @Test("a role for Cognito identity pools must test the pool id (identity-pools-security-best-practices.html)")
    func cognitoAudience() {
        let open = PolicyParserFixture.trust(#"{"Federated": "cognito-identity.amazonaws.com"}"#, condition: nil)
        let scoped = PolicyParserFixture.trust(#"{"Federated": "cognito-identity.amazonaws.com"}"#,
                                               condition: #"{"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:pool"}}"#)
        #expect(World.identityProviderControlProblem(open) != nil)
        #expect(World.identityProviderControlProblem(scoped) == nil)
    }
}

/// A trust policy for AssumeRoleWithWebIdentity, parsed.
enum PolicyParserFixture {
    static func trust(_ principal: String, condition: String?) -> IAMPolicy.Policy {
        let text = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": \#(principal), "Action": "sts:AssumeRoleWithWebIdentity""#
            + (condition.map { #", "Condition": \#($0)"# } ?? "") + "}]}"
        return IAMPolicy.PolicyParser.parse(text, id: "t", kind: .trust).policy!
    }
}
