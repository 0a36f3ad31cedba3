import Diagnostics
import Testing
@testable import IAMPolicy

// Rules beyond the common policy logic, found missing by comparing iamquiz with AWS (issue 10): the wildcard
// principal and boundaries, the `${$}` escape, KMS key policies, VPC endpoint policies, sts:GetCallerIdentity,
// and what AWS keeps out of an account's hands. Each row states the rule; the comment at its end names the page.
//
//   principal-roles  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles
//                    ("permissions boundaries or session policies, do not limit permissions granted using the
//                    aws:PrincipalArn condition key with a wildcard(*) in the Principal element, unless the
//                    identity-based policies contain an explicit deny"; the same on the denyallow page)
//   denyallow        https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
//                    ("IAM role trust policies and KMS key policies are exceptions ... they must explicitly allow access")
//   kms-keypolicy    https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html ("Unless the key policy
//                    explicitly allows it, you cannot use IAM policies to allow access to a KMS key")
//   kms-default      https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html (the statement for the
//                    account's root principal lets IAM policies grant access)
//   kms-xacct        https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
//   vpce             https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html ("an endpoint policy
//                    does not override or replace identity-based policies or resource-based policies")
//   callerid         https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html ("No permissions are
//                    required to perform this operation")
//   managed          https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies
//   reserved         https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html (roles under
//                    /aws-reserved/sso.amazonaws.com/ are managed by IAM Identity Center)
//   variables        https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html (`${$}` is a literal `$`)

private let allowGet = doc(.allow("s3:GetObject"))
private let allowEC2 = doc(.allow("ec2:*"))
private func rp(_ statements: Stmt...) -> String { doc(statements) }

// MARK: - The wildcard principal

private let wildcardCases: [EvalCase] = [
    EvalCase("Principal \"*\": a boundary that does not allow the action does not limit it", caller: Who.session,
             boundary: [allowEC2], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.star)), expected: .allowed), // principal-roles
    EvalCase("Principal {\"AWS\": \"*\"}: a session policy that does not allow the action does not limit it", caller: Who.session,
             session: [allowEC2], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws("*"))), expected: .allowed), // principal-roles
    EvalCase("Principal \"*\" with aws:PrincipalArn naming the role: the boundary does not limit it (the documented case)",
             caller: Who.session, boundary: [allowEC2],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.star).when("ArnEquals", "aws:PrincipalArn", Who.roleARN)),
             expected: .allowed), // principal-roles
    EvalCase("Principal \"*\" with aws:PrincipalArn naming another role does not apply", caller: Who.session, boundary: [allowEC2],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.star).when("ArnEquals", "aws:PrincipalArn",
                                                                                   "arn:aws:iam::111122223333:role/other")),
             expected: .implicitDeny), // principal-roles
    EvalCase("Principal \"*\" and a user with a boundary that does not allow it: allowed", caller: Who.alice, boundary: [allowEC2],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.star)), expected: .allowed), // principal-roles
    EvalCase("Principal \"*\" is stopped by an explicit Deny in an identity-based policy", caller: Who.session,
             identity: [doc(.deny("s3:GetObject"))], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.star)),
             expected: .explicitDeny), // principal-roles ("unless the identity-based policies contain an explicit deny")
    EvalCase("Principal \"*\" is stopped by an explicit Deny in the boundary", caller: Who.session,
             boundary: [doc(.allow("*"), .deny("s3:*"))], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.star)),
             expected: .explicitDeny), // denyallow (an explicit deny in any policy)
    EvalCase("the role ARN, unlike `*`, is still limited by the boundary", caller: Who.session, boundary: [allowEC2],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.roleARN))), expected: .implicitDeny), // denyallow
    EvalCase("across accounts, Principal \"*\" still needs the caller's own policies", caller: Who.carol, resourceAccount: Acct.a,
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.star)), expected: .implicitDeny), // xacct
    EvalCase("across accounts, Principal \"*\" and the caller's own Allow", caller: Who.carol, resourceAccount: Acct.a, identity: [allowGet],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.star)), expected: .allowed), // xacct
]

// MARK: - KMS key policies

private let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
private let alias = "arn:aws:kms:us-east-1:111122223333:alias/orders"
private let allowDecrypt = doc(.allow("kms:Decrypt"))
private let keyPolicyForAccount = rp(Stmt.allow("kms:*").principal(P.aws(Who.aRoot)))

private let kmsCases: [EvalCase] = [
    EvalCase("an identity Allow does nothing when the key policy does not let IAM policies grant access (same account)",
             action: "kms:Decrypt", resource: key, identity: [allowDecrypt],
             resourcePolicy: rp(Stmt.allow("kms:*").principal(P.aws(Who.bob))), expected: .implicitDeny), // kms-keypolicy
    EvalCase("the key policy names the account: the identity Allow grants access", action: "kms:Decrypt", resource: key,
             identity: [allowDecrypt], resourcePolicy: keyPolicyForAccount, expected: .allowed), // kms-default
    EvalCase("the key policy names the account, and no identity policy allows: denied", action: "kms:Decrypt", resource: key,
             resourcePolicy: keyPolicyForAccount, expected: .implicitDeny), // kms-default
    EvalCase("the account statement with a boundary that does not allow: denied", action: "kms:Decrypt", resource: key,
             identity: [allowDecrypt], boundary: [allowEC2], resourcePolicy: keyPolicyForAccount, expected: .implicitDeny), // kms-default, boundaries
    EvalCase("the key policy names the user: no identity policy is needed", action: "kms:Decrypt", resource: key,
             resourcePolicy: rp(Stmt.allow("kms:Decrypt").principal(P.aws(Who.alice))), expected: .allowed), // kms-keypolicy
    EvalCase("the key policy names the role: its sessions need no identity policy", caller: Who.session, action: "kms:Decrypt",
             resource: key, resourcePolicy: rp(Stmt.allow("kms:Decrypt").principal(P.aws(Who.roleARN))), expected: .allowed), // kms-keypolicy
    EvalCase("a key policy without any applicable Allow denies the key's own administrators' IAM grants",
             action: "kms:ScheduleKeyDeletion", resource: key, identity: [doc(.allow("kms:*"))],
             resourcePolicy: rp(Stmt.allow("kms:Decrypt").principal(P.aws(Who.aRoot))), expected: .implicitDeny), // kms-keypolicy
    EvalCase("no key policy given: AWS's default key policy is assumed, so the identity Allow works", action: "kms:Decrypt",
             resource: key, identity: [allowDecrypt], expected: .allowed), // kms-default
    EvalCase("no key policy given: the default key policy lets no other account in", caller: Who.carol, action: "kms:Decrypt",
             resource: key, resourceAccount: Acct.a, identity: [allowDecrypt], expected: .implicitDeny), // kms-default, kms-xacct
    EvalCase("another account: the key policy names it and its user's policy allows", caller: Who.carol, action: "kms:Decrypt",
             resource: key, resourceAccount: Acct.a, identity: [allowDecrypt],
             resourcePolicy: rp(Stmt.allow("kms:Decrypt").principal(P.aws(Who.bRoot))), expected: .allowed), // kms-xacct
    EvalCase("another account cannot manage the key, even when the key policy and its own policy allow everything",
             caller: Who.carol, action: "kms:ScheduleKeyDeletion", resource: key, resourceAccount: Acct.a, identity: [doc(.allow("kms:*"))],
             resourcePolicy: rp(Stmt.allow("kms:*").principal(P.aws(Who.bRoot))), expected: .implicitDeny), // kms-xacct ("those permissions have no effect")
    EvalCase("... nor replace its key policy", caller: Who.carol, action: "kms:PutKeyPolicy", resource: key, resourceAccount: Acct.a,
             identity: [doc(.allow("kms:*"))], resourcePolicy: rp(Stmt.allow("kms:*").principal(P.aws(Who.bRoot))),
             expected: .implicitDeny), // kms-xacct
    EvalCase("... but may create a grant, a cross-account operation", caller: Who.carol, action: "kms:CreateGrant", resource: key,
             resourceAccount: Acct.a, identity: [doc(.allow("kms:*"))], resourcePolicy: rp(Stmt.allow("kms:*").principal(P.aws(Who.bRoot))),
             expected: .allowed), // kms-xacct
    EvalCase("another account: the key policy names it but its user's policy does not allow", caller: Who.carol,
             action: "kms:Decrypt", resource: key, resourceAccount: Acct.a,
             resourcePolicy: rp(Stmt.allow("kms:Decrypt").principal(P.aws(Who.bRoot))), expected: .implicitDeny), // kms-xacct
    EvalCase("an alias stands for its key: the key policy applies", action: "kms:Decrypt", resource: alias,
             identity: [allowDecrypt], resourcePolicy: rp(Stmt.allow("kms:*").principal(P.aws(Who.bob))), expected: .implicitDeny), // kms-keypolicy
    EvalCase("a KMS action on `*` (not a key) is an identity-policy matter", action: "kms:ListKeys", resource: "*",
             identity: [doc(.allow("kms:ListKeys"))], expected: .allowed), // kms-keypolicy (only key resources have key policies)
    EvalCase("a bucket policy naming someone else is no obstacle in the same account (unlike a key policy)", identity: [allowGet],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.bob))), expected: .allowed), // denyallow
]

// MARK: - VPC endpoint policies

private let endpointAllowsBucket = rp(Stmt.allow("s3:GetObject", on: Res.bucketAll).principal(P.star))

private let endpointCases: [EvalCase] = [
    EvalCase("through an endpoint whose policy allows: the identity Allow works", identity: [allowGet],
             endpoint: [endpointAllowsBucket], expected: .allowed, matched: ["Identity.1#0"]), // vpce
    EvalCase("through an endpoint whose policy allows another bucket only: denied", identity: [allowGet],
             endpoint: [rp(Stmt.allow("s3:GetObject", on: "arn:aws:s3:::other/*").principal(P.star))], expected: .implicitDeny), // vpce
    EvalCase("an endpoint policy grants nothing: without an identity Allow the request is denied",
             endpoint: [endpointAllowsBucket], expected: .implicitDeny), // vpce
    EvalCase("a Deny in the endpoint policy is an explicit deny", identity: [allowGet],
             endpoint: [rp(Stmt.allow("s3:*").principal(P.star), Stmt.deny("s3:GetObject").principal(P.star))],
             expected: .explicitDeny), // vpce, denyallow
    EvalCase("an endpoint policy that names only another account's principals", identity: [allowGet],
             endpoint: [rp(Stmt.allow("s3:GetObject").principal(P.aws(Acct.b)))], expected: .implicitDeny), // vpce
    EvalCase("an endpoint policy naming the caller's account", identity: [allowGet],
             endpoint: [rp(Stmt.allow("s3:GetObject").principal(P.aws(Acct.a)))], expected: .allowed), // vpce
    EvalCase("the endpoint policy also limits what a bucket policy grants", resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.alice))),
             endpoint: [rp(Stmt.allow("s3:PutObject").principal(P.star))], expected: .implicitDeny), // vpce
]

// MARK: - Decisions no policy changes

private let reservedRole = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef"
private let managedPolicy = "arn:aws:iam::aws:policy/AdministratorAccess"
private let allowAll = doc(.allow("*"))

private let fixedCases: [EvalCase] = [
    EvalCase("sts:GetCallerIdentity needs no permission", action: "sts:GetCallerIdentity", resource: "*", expected: .allowed), // callerid
    EvalCase("sts:GetCallerIdentity is allowed even against an explicit Deny", action: "sts:GetCallerIdentity", resource: "*",
             identity: [doc(.deny("sts:*"))], expected: .allowed), // callerid
    EvalCase("an SCP cannot stop sts:GetCallerIdentity either", action: "sts:GetCallerIdentity", resource: "*",
             scps: [[doc(.deny("*"))]], expected: .allowed), // callerid
    EvalCase("no policy lets the account change an IAM Identity Center role", action: "iam:PutRolePolicy", resource: reservedRole,
             identity: [allowAll], expected: .implicitDeny), // reserved
    EvalCase("nor delete it", action: "iam:DeleteRole", resource: reservedRole, identity: [allowAll], expected: .implicitDeny), // reserved
    EvalCase("nor change its trust policy", action: "iam:UpdateAssumeRolePolicy", resource: reservedRole, identity: [allowAll],
             expected: .implicitDeny), // reserved
    EvalCase("reading an IAM Identity Center role is an ordinary permission", action: "iam:GetRole", resource: reservedRole,
             identity: [allowAll], expected: .allowed), // reserved
    EvalCase("no policy lets the account edit an AWS managed policy", action: "iam:CreatePolicyVersion", resource: managedPolicy,
             identity: [allowAll], expected: .implicitDeny), // managed
    EvalCase("nor delete it", action: "iam:DeletePolicy", resource: managedPolicy, identity: [allowAll], expected: .implicitDeny), // managed
    EvalCase("reading an AWS managed policy is an ordinary permission", action: "iam:GetPolicyVersion", resource: managedPolicy,
             identity: [allowAll], expected: .allowed), // managed
    EvalCase("the account's own roles can be changed as its policies allow", action: "iam:PutRolePolicy", resource: Res.targetRole,
             identity: [allowAll], expected: .allowed), // managed (customer managed resources)
]

// MARK: - The `${$}` escape

private let variableCases: [EvalCase] = [
    EvalCase("`${$}` in a Resource is a literal `$`", resource: "arn:aws:s3:::bucket/price-$5",
             identity: [doc(.allow("s3:GetObject", on: "arn:aws:s3:::bucket/price-${$}5"))], expected: .allowed), // variables
    EvalCase("`${$}` matches only `$`", resource: "arn:aws:s3:::bucket/price-x5",
             identity: [doc(.allow("s3:GetObject", on: "arn:aws:s3:::bucket/price-${$}5"))], expected: .implicitDeny), // variables
    EvalCase("`${$}` next to a variable", resource: "arn:aws:s3:::bucket/alice$",
             identity: [doc(.allow("s3:GetObject", on: "arn:aws:s3:::bucket/${aws:username}${$}"))], expected: .allowed), // variables
    EvalCase("`${$}` in a condition value is a literal `$`", context: ctx(("s3:prefix", "price-$5")),
             identity: [doc(Stmt.allow("s3:GetObject").when("StringEquals", "s3:prefix", "price-${$}5"))], expected: .allowed), // variables
    EvalCase("in a 2008-10-17 policy `${$}` is plain text", resource: "arn:aws:s3:::bucket/price-$5",
             identity: [doc([.allow("s3:GetObject", on: "arn:aws:s3:::bucket/price-${$}5")], version: "2008-10-17")],
             expected: .implicitDeny), // variables ("policy variables ... only in Version 2012-10-17")
]

@Suite("Evaluation: rules of particular services and principals")
struct ServiceRuleTests {
    @Test(arguments: wildcardCases) func wildcardPrincipal(_ row: EvalCase) throws { try row.check() }
    @Test(arguments: kmsCases) func kmsKeyPolicies(_ row: EvalCase) throws { try row.check() }
    @Test(arguments: endpointCases) func vpcEndpointPolicies(_ row: EvalCase) throws { try row.check() }
    @Test(arguments: fixedCases) func decisionsNoPolicyChanges(_ row: EvalCase) throws { try row.check() }
    @Test(arguments: variableCases) func dollarEscape(_ row: EvalCase) throws { try row.check() }

    @Test("The trace names what the wildcard granted, and never calls a user's grant a role's")
    func wildcardTraceWording() throws {
        let row = EvalCase("user with a boundary", caller: Who.alice, boundary: [allowEC2],
                           resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.star)), expected: .allowed)
        let reasons = try row.evaluate(explain: true).reasons.joined(separator: " ")
        #expect(reasons.contains("allows `*`"), "\(reasons)")
        #expect(reasons.contains("do not limit"), "\(reasons)")
        #expect(!reasons.contains("role"), "\(reasons)")
        let role = EvalCase("role", caller: Who.session, boundary: [allowEC2],
                            resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.roleARN))), expected: .implicitDeny)
        let roleReasons = try role.evaluate(explain: true).reasons.joined(separator: " ")
        #expect(roleReasons.contains("allows the caller's role `\(Who.roleARN)`"), "\(roleReasons)")
    }

    @Test("A KMS denial says the key policy decided, and a missing key policy is said to be assumed")
    func kmsTraceWording() throws {
        let denied = EvalCase("denied", action: "kms:Decrypt", resource: key, identity: [allowDecrypt],
                              resourcePolicy: rp(Stmt.allow("kms:*").principal(P.aws(Who.bob))), expected: .implicitDeny)
        #expect(try denied.evaluate(explain: true).reasons.joined().contains("IAM policies alone never give access to a KMS key"))
        let assumed = EvalCase("assumed", action: "kms:Decrypt", resource: key, identity: [allowDecrypt], expected: .allowed)
        #expect(try assumed.evaluate(explain: true).reasons.joined().contains("default key policy is assumed"))
    }

    @Test("A VPC endpoint policy parses like a resource-based policy: Principal required, NotPrincipal allowed")
    func endpointPolicyParsing() {
        #expect(PolicyParser.parse(doc(.allow("s3:*")), id: "e", kind: .endpoint).policy == nil)
        #expect(PolicyParser.parse(doc(Stmt.deny("s3:*").notPrincipal(P.aws(Who.alice))), id: "e", kind: .endpoint).policy != nil)
    }
}
