import Foundation
import Testing
@testable import IAMWorld

/// The roles IAM Identity Center creates for permission sets live under `/aws-reserved/sso.amazonaws.com/`
/// and only Identity Center changes them: "you can't modify these roles in IAM"; a change is made to the
/// permission set, and Identity Center provisions it.
/// https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html
/// https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html
@Suite("IAM Identity Center's permission-set roles")
struct IdentityCenterRoleTests {
    static let world = """
        scenario: identity-center
        account 111111111111 prod
        saml-provider prod/AWSSSO_abc_DO_NOT_DELETE
        role prod/AWSReservedSSO_ReadOnly_0123456789abcdef
          path: /aws-reserved/sso.amazonaws.com/
          trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111111111111:saml-provider/AWSSSO_abc_DO_NOT_DELETE"}, "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"], "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}
          policy AwsSSOInlinePolicy: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
        document more: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
        """

    static func sandbox() throws -> (Sandbox, CommandParser) {
        let parsed = ScenarioParser.parse(world, file: "t.iqs", baseDirectory: "/")
        let scenario = try #require(parsed.scenario, "\(parsed.diagnostics)")
        var sandbox = Sandbox(world: scenario.world)
        sandbox.documents = scenario.documents
        return (sandbox, CommandParser(file: "t.iqs", line: 1, baseDirectory: "/", documents: scenario.documents))
    }

    static func run(_ sandbox: inout Sandbox, _ parser: CommandParser, _ line: String) -> Outcome {
        switch parser.parse(line) {
        case .success(let command):
            return sandbox.run(command).outcome
        case .failure(let diagnostic):
            Issue.record("\(line): \(diagnostic.message)")
            return .info
        }
    }

    @Test("the account's administrator cannot change the role; Identity Center provisioning it can", arguments: [
        ("put-policy role prod/AWSReservedSSO_ReadOnly_0123456789abcdef extra @more", "put-policy role prod/AWSReservedSSO_ReadOnly_0123456789abcdef extra @more --by sso.amazonaws.com"),
        ("delete-policy role prod/AWSReservedSSO_ReadOnly_0123456789abcdef AwsSSOInlinePolicy", "delete-policy role prod/AWSReservedSSO_ReadOnly_0123456789abcdef AwsSSOInlinePolicy --by sso.amazonaws.com"),
        ("set-boundary role prod/AWSReservedSSO_ReadOnly_0123456789abcdef @more", "set-boundary role prod/AWSReservedSSO_ReadOnly_0123456789abcdef @more --by sso.amazonaws.com"),
        ("set-trust prod/AWSReservedSSO_ReadOnly_0123456789abcdef @more", nil),
    ] as [(String, String?)])
    func changes(byAdministrator: String, byIdentityCenter: String?) throws {
        var (sandbox, parser) = try Self.sandbox()
        #expect(Self.run(&sandbox, parser, byAdministrator) == .error("UnmodifiableEntity"), "\(byAdministrator)")
        if let byIdentityCenter {
            #expect(Self.run(&sandbox, parser, byIdentityCenter) == .ok, "\(byIdentityCenter)")
        }
    }

    @Test("only Identity Center is accepted after --by, and only on change commands")
    func byOption() throws {
        let (_, parser) = try Self.sandbox()
        guard case .failure = parser.parse("put-policy role prod/AWSReservedSSO_ReadOnly_0123456789abcdef extra @more --by iam.amazonaws.com") else {
            Issue.record("another service accepted after --by")
            return
        }
        guard case .failure = parser.parse("can s3:GetObject arn:aws:s3:::b/k --by sso.amazonaws.com") else {
            Issue.record("--by accepted on can")
            return
        }
    }
}
