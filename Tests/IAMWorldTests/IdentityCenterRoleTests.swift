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

    @Test("the account's administrator cannot change the role; Identity Center provisioning it can", arguments: [
        ("put-policy role prod/AWSReservedSSO_ReadOnly_0123456789abcdef extra @more", "put-policy role prod/AWSReservedSSO_ReadOnly_0123456789abcdef extra @more --by sso.amazonaws.com"),
        ("delete-policy role prod/AWSReservedSSO_ReadOnly_0123456789abcdef AwsSSOInlinePolicy", "delete-policy role prod/AWSReservedSSO_ReadOnly_0123456789abcdef AwsSSOInlinePolicy --by sso.amazonaws.com"),
        ("set-boundary role prod/AWSReservedSSO_ReadOnly_0123456789abcdef @more", "set-boundary role prod/AWSReservedSSO_ReadOnly_0123456789abcdef @more --by sso.amazonaws.com"),
        ("set-trust prod/AWSReservedSSO_ReadOnly_0123456789abcdef @more", nil),
    ] as [(String, String?)])
    func changes(byAdministrator: String, byIdentityCenter: String?) throws {
        var session = try ScenarioSession(Self.world)
        #expect(session.run(byAdministrator) == .error("UnmodifiableEntity"), "\(byAdministrator)")
        if let byIdentityCenter {
            #expect(session.run(byIdentityCenter) == .ok, "\(byIdentityCenter)")
        }
    }

    @Test("only Identity Center is accepted after --by, and only on change commands")
    func byOption() throws {
        let session = try ScenarioSession(Self.world)
        #expect(session.refuses("put-policy role prod/AWSReservedSSO_ReadOnly_0123456789abcdef extra @more --by iam.amazonaws.com"))
        #expect(session.refuses("can s3:GetObject arn:aws:s3:::b/k --by sso.amazonaws.com"))
    }
}
