import Diagnostics
import Testing
@testable import IAMPolicy

// Role trust policies (the resource-based policy of a role, for sts:AssumeRole*). Pages are under
// https://docs.aws.amazon.com/IAM/latest/UserGuide/ unless written otherwise:
//
//   denyallow   reference_policies_evaluation-logic_policy-eval-denyallow.html ("IAM role trust policies ... must
//               explicitly allow access for principals")
//   for-user    id_roles_create_for-user.html
//   third-party id_roles_common-scenarios_third-party.html (external ID)
//   principal   reference_policies_elements_principal.html (AWS, service, web identity, SAML principals)
//   xacct       reference_policies_evaluation-logic-cross-account.html
//   trust-edit  id_roles_update-role-trust-policy.html ("If a permissions boundary is set for the user, then it
//               must allow the sts:AssumeRole action")
//   sts-api     https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html ("To allow a user to assume
//               a role in the same account, you can do either of the following: attach a policy to the user ...
//               or add the user as a principal directly in the role's trust policy")
//   mfa         id_credentials_mfa_configure-api-require.html, reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
//   web         id_roles_create_for-idp_oidc.html, reference_policies_iam-condition-keys.html (accounts.google.com:aud)
//   saml        id_roles_create_for-idp_saml.html (SAML:aud)
//   temp        id_credentials_temp_request.html (AssumeRole: who can call — IAM user or role, not the root user)

private let assumeAllowed = doc(.allow("sts:AssumeRole", on: Res.targetRole))
private let assumeAny = doc(.allow("sts:AssumeRole"))
private func trust(_ statements: Stmt...) -> String { doc(statements) }
private func trusting(_ principal: String) -> String { trust(.trust(principal: principal)) }

private let externalIDTrust = trust(Stmt.trust(principal: P.aws(Who.bRoot)).when("StringEquals", "sts:ExternalId", "cust-42"))
private let mfaTrust = trust(Stmt.trust(principal: P.aws(Who.aRoot)).when("Bool", "aws:MultiFactorAuthPresent", "true"))
private let googleTrust = trust(Stmt.trust("Allow", "sts:AssumeRoleWithWebIdentity", principal: P.federated(Who.google))
    .when("StringEquals", "accounts.google.com:aud", "my-app.apps.googleusercontent.com"))
private let samlTrust = trust(Stmt.trust("Allow", "sts:AssumeRoleWithSAML", principal: P.federated(Who.saml))
    .when("StringEquals", "SAML:aud", "https://signin.aws.amazon.com/saml"))

private let trustCases: [EvalCase] = [
    // Same account.
    EvalCase("same account: a trust policy that does not name the caller denies even when identity allows",
             action: "sts:AssumeRole", resource: Res.targetRole, identity: [assumeAllowed], trust: trusting(P.aws(Who.bob)),
             expected: .implicitDeny), // denyallow
    EvalCase("same account: a trust policy naming the account, and an identity policy that allows",
             action: "sts:AssumeRole", resource: Res.targetRole, identity: [assumeAllowed], trust: trusting(P.aws(Who.aRoot)),
             expected: .allowed, matched: ["TrustPolicy#0", "Identity.1#0"]), // sts-api, for-user
    EvalCase("same account: a trust policy naming the account needs the identity policy", action: "sts:AssumeRole",
             resource: Res.targetRole, trust: trusting(P.aws(Who.aRoot)), expected: .implicitDeny), // sts-api
    EvalCase("same account: the account by its 12-digit ID", action: "sts:AssumeRole", resource: Res.targetRole,
             identity: [assumeAllowed], trust: trusting(P.aws(Acct.a)), expected: .allowed), // principal
    EvalCase("same account: the identity policy allows AssumeRole on another role only", action: "sts:AssumeRole",
             resource: Res.targetRole, identity: [doc(.allow("sts:AssumeRole", on: "arn:aws:iam::111122223333:role/other"))],
             trust: trusting(P.aws(Who.aRoot)), expected: .implicitDeny), // for-user
    EvalCase("same account: a trust policy naming the user directly needs no identity policy", action: "sts:AssumeRole",
             resource: Res.targetRole, trust: trusting(P.aws(Who.alice)), expected: .allowed,
             matched: ["TrustPolicy#0"]), // sts-api ("add the user as a principal directly in the role's trust policy")
    EvalCase("same account: user named directly, but the user's boundary does not allow sts:AssumeRole",
             action: "sts:AssumeRole", resource: Res.targetRole, boundary: [allowS3Only], trust: trusting(P.aws(Who.alice)),
             expected: .implicitDeny), // trust-edit
    EvalCase("same account: user named directly, the boundary allows sts:AssumeRole", action: "sts:AssumeRole",
             resource: Res.targetRole, boundary: [assumeAny], trust: trusting(P.aws(Who.alice)), expected: .allowed), // trust-edit
    EvalCase("same account: user named directly, an identity Deny wins", action: "sts:AssumeRole", resource: Res.targetRole,
             identity: [doc(.deny("sts:AssumeRole"))], trust: trusting(P.aws(Who.alice)), expected: .explicitDeny), // denyallow
    EvalCase("same account: an explicit Deny in the trust policy wins", action: "sts:AssumeRole", resource: Res.targetRole,
             identity: [assumeAllowed],
             trust: trust(.trust(principal: P.aws(Who.aRoot)), .trust("Deny", principal: P.aws(Who.alice))),
             expected: .explicitDeny, matched: ["TrustPolicy#1"]), // denyallow
    EvalCase("role chaining in one account: the trust policy names the caller's role", caller: Who.session,
             action: "sts:AssumeRole", resource: Res.targetRole, trust: trusting(P.aws(Who.roleARN)), expected: .allowed), // denyallow (role ARN principal)
    EvalCase("role chaining: the session policy of the caller does not allow sts:AssumeRole", caller: Who.session,
             action: "sts:AssumeRole", resource: Res.targetRole, session: [allowS3Only], trust: trusting(P.aws(Who.roleARN)),
             expected: .implicitDeny), // denyallow, session
    EvalCase("role chaining: the trust policy names the caller's session", caller: Who.session, action: "sts:AssumeRole",
             resource: Res.targetRole, trust: trusting(P.aws(Who.session)), expected: .allowed), // principal (role session principals)
    EvalCase("same account: an SCP without an Allow for sts:AssumeRole denies", action: "sts:AssumeRole",
             resource: Res.targetRole, scps: [[allowS3Only]], trust: trusting(P.aws(Who.alice)), expected: .implicitDeny), // orgs_manage_policies_scps_evaluation.html
    EvalCase("AssumeRole needs the trust policy: without one the request cannot be allowed", action: "sts:AssumeRole",
             resource: Res.targetRole, identity: [assumeAllowed], expected: .implicitDeny), // denyallow
    EvalCase("the root user cannot assume a role", caller: Who.root, action: "sts:AssumeRole", resource: Res.targetRole,
             trust: trusting(P.aws(Who.aRoot)), expected: .implicitDeny), // temp

    // Cross-account.
    EvalCase("cross-account: trust names the user and the identity policy allows", caller: Who.carol,
             action: "sts:AssumeRole", resource: Res.targetRole, resourceAccount: Acct.a, identity: [assumeAllowed], trust: trusting(P.aws(Who.carol)),
             expected: .allowed), // xacct, for-user
    EvalCase("cross-account: trust names the user but the identity policy does not allow", caller: Who.carol,
             action: "sts:AssumeRole", resource: Res.targetRole, resourceAccount: Acct.a, trust: trusting(P.aws(Who.carol)), expected: .implicitDeny), // xacct
    EvalCase("cross-account: identity allows but the trust policy trusts only the role's account", caller: Who.carol,
             action: "sts:AssumeRole", resource: Res.targetRole, resourceAccount: Acct.a, identity: [assumeAllowed], trust: trusting(P.aws(Who.aRoot)),
             expected: .implicitDeny), // xacct
    EvalCase("cross-account: trust names the caller's account and identity allows", caller: Who.carol,
             action: "sts:AssumeRole", resource: Res.targetRole, resourceAccount: Acct.a, identity: [assumeAllowed], trust: trusting(P.aws(Who.bRoot)),
             expected: .allowed), // xacct
    EvalCase("cross-account: trust names the caller's account, no identity policy", caller: Who.carol,
             action: "sts:AssumeRole", resource: Res.targetRole, resourceAccount: Acct.a, trust: trusting(P.aws(Who.bRoot)), expected: .implicitDeny), // xacct
    EvalCase("cross-account: the caller's boundary does not allow sts:AssumeRole", caller: Who.carol,
             action: "sts:AssumeRole", resource: Res.targetRole, resourceAccount: Acct.a, identity: [assumeAllowed], boundary: [allowS3Only],
             trust: trusting(P.aws(Who.carol)), expected: .implicitDeny), // xacct, boundaries

    // External ID.
    EvalCase("external ID: the right value", caller: Who.carol, action: "sts:AssumeRole", resource: Res.targetRole, resourceAccount: Acct.a,
             context: ctx(("sts:ExternalId", "cust-42")), identity: [assumeAllowed], trust: externalIDTrust,
             expected: .allowed), // third-party
    EvalCase("external ID: a wrong value", caller: Who.carol, action: "sts:AssumeRole", resource: Res.targetRole, resourceAccount: Acct.a,
             context: ctx(("sts:ExternalId", "cust-17")), identity: [assumeAllowed], trust: externalIDTrust,
             expected: .implicitDeny, missing: []), // third-party
    EvalCase("external ID: missing from the request, and reported missing", caller: Who.carol, action: "sts:AssumeRole",
             resource: Res.targetRole, resourceAccount: Acct.a, identity: [assumeAllowed], trust: externalIDTrust, expected: .implicitDeny,
             missing: ["sts:ExternalId"]), // third-party
    EvalCase("external ID: StringEquals is case-sensitive", caller: Who.carol, action: "sts:AssumeRole",
             resource: Res.targetRole, resourceAccount: Acct.a, context: ctx(("sts:ExternalId", "CUST-42")), identity: [assumeAllowed],
             trust: externalIDTrust, expected: .implicitDeny), // third-party, condition_operators
    EvalCase("external ID: the right value does not replace the identity side", caller: Who.carol,
             action: "sts:AssumeRole", resource: Res.targetRole, resourceAccount: Acct.a, context: ctx(("sts:ExternalId", "cust-42")),
             trust: externalIDTrust, expected: .implicitDeny), // xacct

    // MFA.
    EvalCase("MFA required by the trust policy: present", action: "sts:AssumeRole", resource: Res.targetRole,
             context: ["aws:MultiFactorAuthPresent": .bool(true)], identity: [assumeAllowed], trust: mfaTrust,
             expected: .allowed), // mfa
    EvalCase("MFA required by the trust policy: false", action: "sts:AssumeRole", resource: Res.targetRole,
             context: ["aws:MultiFactorAuthPresent": .bool(false)], identity: [assumeAllowed], trust: mfaTrust,
             expected: .implicitDeny), // mfa
    EvalCase("MFA required by the trust policy: key missing (long-term keys), reported", action: "sts:AssumeRole",
             resource: Res.targetRole, identity: [assumeAllowed], trust: mfaTrust, expected: .implicitDeny,
             missing: ["aws:MultiFactorAuthPresent"]), // mfa ("not present when ... long-term credentials")

    // Service principals.
    EvalCase("a service principal named in the trust policy may assume the role", caller: Who.ec2,
             action: "sts:AssumeRole", resource: Res.targetRole, trust: trusting(P.service(Who.ec2)), expected: .allowed), // principal (service principals)
    EvalCase("a service not named in the trust policy may not", caller: Who.lambda, action: "sts:AssumeRole",
             resource: Res.targetRole, trust: trusting(P.service(Who.ec2)), expected: .implicitDeny), // principal
    EvalCase("a trust policy for ec2.amazonaws.com does not let a user assume the role", action: "sts:AssumeRole",
             resource: Res.targetRole, identity: [assumeAllowed], trust: trusting(P.service(Who.ec2)),
             expected: .implicitDeny), // principal
    EvalCase("a Deny on the service in the trust policy wins", caller: Who.ec2, action: "sts:AssumeRole",
             resource: Res.targetRole,
             trust: trust(.trust(principal: P.service(Who.ec2)), .trust("Deny", principal: P.service(Who.ec2))),
             expected: .explicitDeny), // denyallow

    // Web identity (OIDC).
    EvalCase("web identity: accounts.google.com with the right audience", caller: Who.google,
             action: "sts:AssumeRoleWithWebIdentity", resource: Res.targetRole,
             context: ctx(("accounts.google.com:aud", "my-app.apps.googleusercontent.com")), trust: googleTrust,
             expected: .allowed), // web, principal (web identity principals)
    EvalCase("web identity: another audience", caller: Who.google, action: "sts:AssumeRoleWithWebIdentity",
             resource: Res.targetRole, context: ctx(("accounts.google.com:aud", "someone-else.apps.googleusercontent.com")),
             trust: googleTrust, expected: .implicitDeny), // web
    EvalCase("web identity: the audience is missing and reported", caller: Who.google,
             action: "sts:AssumeRoleWithWebIdentity", resource: Res.targetRole, trust: googleTrust, expected: .implicitDeny,
             missing: ["accounts.google.com:aud"]), // web
    EvalCase("web identity: another provider is not trusted", caller: Who.facebook, action: "sts:AssumeRoleWithWebIdentity",
             resource: Res.targetRole, context: ctx(("accounts.google.com:aud", "my-app.apps.googleusercontent.com")),
             trust: googleTrust, expected: .implicitDeny), // principal
    EvalCase("web identity: a trust statement for sts:AssumeRole does not cover AssumeRoleWithWebIdentity",
             caller: Who.google, action: "sts:AssumeRoleWithWebIdentity", resource: Res.targetRole,
             context: ctx(("accounts.google.com:aud", "my-app.apps.googleusercontent.com")),
             trust: trusting(P.federated(Who.google)), expected: .implicitDeny), // web

    // SAML.
    EvalCase("SAML: the provider with the sign-in audience", caller: Who.saml, action: "sts:AssumeRoleWithSAML",
             resource: Res.targetRole, context: ctx(("SAML:aud", "https://signin.aws.amazon.com/saml")), trust: samlTrust,
             expected: .allowed), // saml
    EvalCase("SAML: a wrong audience", caller: Who.saml, action: "sts:AssumeRoleWithSAML", resource: Res.targetRole,
             context: ctx(("SAML:aud", "https://example.com/")), trust: samlTrust, expected: .implicitDeny), // saml
    EvalCase("SAML: the audience is missing and reported", caller: Who.saml, action: "sts:AssumeRoleWithSAML",
             resource: Res.targetRole, trust: samlTrust, expected: .implicitDeny, missing: ["SAML:aud"]), // saml
    EvalCase("SAML: another provider is not trusted", caller: Who.otherSaml, action: "sts:AssumeRoleWithSAML",
             resource: Res.targetRole, context: ctx(("SAML:aud", "https://signin.aws.amazon.com/saml")), trust: samlTrust,
             expected: .implicitDeny), // principal
]

private let allowS3Only = doc(.allow("s3:*"))

@Suite("Role trust policies")
struct TrustPolicyTests {
    @Test(arguments: trustCases)
    func evaluates(_ row: EvalCase) throws { try row.check() }

    @Test("a trust policy takes no Resource and no NotPrincipal")
    func trustPolicyShape() {
        // principal / notprincipal: "You cannot use the NotPrincipal element in ... an IAM role trust policy";
        // IAM rejects a trust policy with a Resource element ("has prohibited field Resource").
        let withResource = doc(Stmt.allow("sts:AssumeRole").principal(P.aws(Who.aRoot)))
        let (p1, d1) = PolicyParser.parse(withResource, id: "t", kind: .trust)
        #expect(p1 == nil)
        #expect(d1.contains { $0.code == "P011" })
        let withNotPrincipal = doc(Stmt.trust("Deny", principal: P.aws(Who.alice)).notPrincipal(P.aws(Who.alice)))
        let (p2, d2) = PolicyParser.parse(withNotPrincipal, id: "t", kind: .trust)
        #expect(p2 == nil)
        #expect(d2.contains { $0.code == "P017" })
    }

    @Test("the trace of an external ID condition says what was wanted and what the request had")
    func externalIDTrace() throws {
        let row = EvalCase("trace", caller: Who.carol, action: "sts:AssumeRole", resource: Res.targetRole, resourceAccount: Acct.a,
                           context: ctx(("sts:ExternalId", "cust-17")), identity: [assumeAllowed], trust: externalIDTrust,
                           expected: .implicitDeny)
        let result = try row.evaluate(explain: true)
        #expect(result.decision == .implicitDeny)
        let lines = result.trace.flatMap(\.reasons)
        #expect(lines.contains("StringEquals sts:ExternalId: wanted \"cust-42\", request has \"cust-17\""), "\(lines)")
        #expect(result.reasons.contains { $0.contains("trust policy") })
    }

    @Test("the simulator reads the resource policy as the role's trust policy for sts:AssumeRole* only")
    func simulatorUsesTrustPolicy() throws {
        var input = SimulationInput()
        input.callerARN = Who.alice
        input.actions = ["sts:AssumeRole"]
        input.resources = [Res.targetRole]
        // A trust policy has no Resource element: read as a resource-based policy it would not parse.
        input.resourcePolicy = PolicyDocument(id: "ResourcePolicy", text: trusting(P.aws(Who.alice)))
        let prepared = try Simulator.prepare(input).get()
        let results = Simulator.run(prepared)
        #expect(results.map(\.result.decision) == [.allowed])
        #expect(results.first?.result.matchedStatements.first?.policyKind == .trust)
    }
}
