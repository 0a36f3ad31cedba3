import Foundation
import IAMPolicy
import Testing
@testable import IAMWorld

/// IAM's controls on federation that a trust policy or an assertion must meet before STS evaluates anything.
@Suite("Federation controls: shared OIDC providers and SAML assertions")
struct FederationControlTests {
    static func trust(_ condition: String) -> Policy {
        let text = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"Federated": "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},
              "Action": "sts:AssumeRoleWithWebIdentity"\(condition)}]}
            """
        return PolicyParser.parse(text, id: "t", kind: .trust).policy!
    }

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html:
    // for a shared provider such as GitHub, IAM refuses to create or update a role whose trust policy does
    // not evaluate the provider's required claim.
    @Test("a GitHub OIDC trust policy must test the sub claim", arguments: [
        ("no condition at all: any repository of any GitHub customer", "", false),
        ("only the audience: still any repository", #", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}"#, false),
        ("the sub claim, any operator", #", "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:org/app:*"}}"#, true),
        ("keys match ignoring case", #", "Condition": {"StringEquals": {"Token.Actions.GithubUserContent.com:SUB": "repo:org/app:ref:refs/heads/main"}}"#, true),
    ] as [(String, String, Bool)])
    func githubSubRequired(rule: String, condition: String, accepted: Bool) {
        #expect((World.identityProviderControlProblem(Self.trust(condition)) == nil) == accepted, "\(rule)")
    }

    @Test("CreateRole and UpdateAssumeRolePolicy refuse it with MalformedPolicyDocument")
    func refusedOnChange() throws {
        var world = World()
        try world.addAccount("111111111111", alias: "ci")
        let bad = NamedPolicy(name: "trust", text: "", policy: Self.trust(""))
        #expect(throws: AWSError.self) { try world.addRole(Role(name: "Deploy", trust: bad), to: "111111111111") }
        let good = NamedPolicy(name: "trust", text: "", policy: Self.trust(#", "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:org/app:*"}}"#))
        try world.addRole(Role(name: "Deploy", trust: good), to: "111111111111")
        var sandbox = Sandbox(world: world)
        let update = Document(text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}"#, file: "t")
        #expect(sandbox.run(.setTrust(role: "ci/Deploy", update)).outcome == .error("MalformedPolicyDocument"))
    }

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html: the
    // audience is AWS's sign-in endpoint, global or regional.
    @Test("SAML audiences STS accepts", arguments: [
        ("https://signin.aws.amazon.com/saml", true),
        ("https://us-east-1.signin.aws.amazon.com/saml", true),
        ("https://eu-central-1.signin.aws.amazon.com/saml", true),
        ("urn:amazon:webservices", true),
        ("https://signin.aws.amazon.com.evil.example/saml", false),
        ("https://evil.example/.signin.aws.amazon.com/saml", false),
        ("https://.signin.aws.amazon.com/saml", false),
        ("http://signin.aws.amazon.com/saml", false),
    ] as [(String, Bool)])
    func samlAudience(audience: String, accepted: Bool) {
        #expect(Sandbox.isSAMLAudience(audience) == accepted)
    }

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html: the
    // claims of a federated session (`saml:sub`, `HOST:sub`) are in its requests, so a role can give each
    // federated user a folder of their own with a policy variable.
    @Test("a federated session's claims resolve policy variables: each user reaches only their own folder")
    func claimsAsVariables() throws {
        let text = """
            scenario: homes
            account 111111111111 corp
            saml-provider corp/IdP
            role corp/Employees
              trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111111111111:saml-provider/IdP"}, "Action": "sts:AssumeRoleWithSAML"}]}
              policy home: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::homes/${saml:sub}/*"}]}
            step: assume-saml corp/Employees --provider IdP --subject alice
              expect: ok
            step: can s3:GetObject arn:aws:s3:::homes/alice/notes.txt
              expect: allowed
            step: can s3:GetObject arn:aws:s3:::homes/bob/notes.txt
              expect: implicitDeny
            step: can s3:GetObject arn:aws:s3:::homes/bob/notes.txt --context saml:sub=bob
              expect: ValidationError
            """
        let parsed = ScenarioParser.parse(text, file: "homes.iqs", baseDirectory: "/")
        let scenario = try #require(parsed.scenario, "\(parsed.diagnostics.map(\.message))")
        let run = ScenarioRunner.run(scenario)
        for failure in run.failures {
            Issue.record("#\(failure.step.number) expected \(failure.step.expect?.description ?? "?"), got \(failure.result.outcome): \(failure.result.lines.first ?? "")")
        }
        #expect(run.failures.isEmpty)
    }
}
