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
}
