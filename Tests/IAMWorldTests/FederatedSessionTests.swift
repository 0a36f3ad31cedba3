import Foundation
import Testing
@testable import IAMWorld

/// Session tags and a source identity passed by an identity provider (a SAML assertion's attributes, a web
/// identity token's claims), and Cognito's `amr` claim. Each test names the page that states its rule.
@Suite("Session tags, source identity and amr from identity providers")
struct FederatedSessionTests {
    static let world = """
        scenario: federated-sessions
        account 111111111111 prod
        saml-provider prod/Corp
        role prod/Engineers
          trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111111111111:saml-provider/Corp"}, "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"], "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}
          policy own-team: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}}]}
        role prod/NoTags
          trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111111111111:saml-provider/Corp"}, "Action": "sts:AssumeRoleWithSAML", "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}
        role prod/AppUsers
          trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"], "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:pool-1"}, "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]}
          policy own-prefix: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/${aws:PrincipalTag/tenant}/*"}]}
        resource arn:aws:secretsmanager:us-east-1:111111111111:secret:blue-db
          tag: team=blue
        resource arn:aws:secretsmanager:us-east-1:111111111111:secret:red-db
          tag: team=red
        """

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html (passing session tags using
    // AssumeRoleWithSAML): the assertion's PrincipalTag attributes become session tags, which the trust policy
    // must allow with sts:TagSession, and which policies read as aws:PrincipalTag.
    @Test("SAML session tags reach the session as principal tags, and need sts:TagSession in the trust policy")
    func samlTags() throws {
        var s = try ScenarioSession(Self.world)
        #expect(s.run("assume-saml prod/Engineers --provider Corp --subject ana --tag team=blue") == .ok)
        #expect(s.run("can secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:111111111111:secret:blue-db") == .allowed)
        #expect(s.run("can secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:111111111111:secret:red-db") == .implicitDeny)
        #expect(s.run("assume-saml prod/NoTags --provider Corp --subject ana --tag team=blue") == .error("AccessDenied"),
                "a trust policy without sts:TagSession refuses an assertion with tags")
        #expect(s.run("assume-saml prod/NoTags --provider Corp --subject ana") == .ok, "and accepts one without")
    }

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html: the
    // SourceIdentity attribute of an assertion sets the source identity; the trust policy needs sts:SetSourceIdentity.
    @Test("a SAML source identity is set on the session, and needs sts:SetSourceIdentity in the trust policy")
    func samlSourceIdentity() throws {
        var s = try ScenarioSession(Self.world)
        #expect(s.run("assume-saml prod/Engineers --provider Corp --subject ana --source-identity ana@example.com") == .ok)
        #expect(s.sandbox.current?.sourceIdentity == "ana@example.com")
        #expect(s.run("assume-saml prod/NoTags --provider Corp --subject ana --source-identity ana@example.com") == .error("AccessDenied"))
    }

    // https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html: the amr claim
    // tells authenticated identities from guests; https://docs.aws.amazon.com/cognito/latest/developerguide/using-afac-with-cognito-identity-pools.html:
    // principal tags from the identity pool's attribute mappings.
    @Test("Cognito: amr separates signed-in users from guests, and mapped principal tags scope their data")
    func cognito() throws {
        var s = try ScenarioSession(Self.world)
        #expect(s.run("assume-web prod/AppUsers --provider cognito-identity.amazonaws.com --subject us-east-1:guest --audience us-east-1:pool-1 --amr unauthenticated") == .error("AccessDenied"))
        #expect(s.run("assume-web prod/AppUsers --provider cognito-identity.amazonaws.com --subject us-east-1:u1 --audience us-east-1:pool-1 --amr authenticated --amr cognito-idp.us-east-1.amazonaws.com/us-east-1_pool --tag tenant=acme") == .ok)
        #expect(s.run("can s3:GetObject arn:aws:s3:::photos/acme/1.jpg") == .allowed)
        #expect(s.run("can s3:GetObject arn:aws:s3:::photos/globex/1.jpg") == .implicitDeny)
        #expect(s.run("assume-web prod/AppUsers --provider accounts.google.com --subject 123 --audience x --amr authenticated") == .error("ValidationError"),
                "only Cognito tokens carry amr")
    }
}
