import Diagnostics
import Testing
@testable import IAMPolicy

// Evaluation tables: every row states the AWS rule it checks; the comment at its end names the AWS
// documentation page the rule comes from. Pages are under https://docs.aws.amazon.com/IAM/latest/UserGuide/
// unless they start with `orgs_` (https://docs.aws.amazon.com/organizations/latest/userguide/).
//
//   denyallow   reference_policies_evaluation-logic_policy-eval-denyallow.html
//   basics      reference_policies_evaluation-logic_policy-eval-basics.html
//   xacct       reference_policies_evaluation-logic-cross-account.html
//   boundaries  access_policies_boundaries.html
//   session     access_policies.html#policies_session
//   scps        orgs_manage_policies_scps_evaluation.html (+ orgs_manage_policies_scps.html)
//   rcps        orgs_manage_policies_rcps_evaluation.html (+ orgs_manage_policies_rcps.html)
//   principal   reference_policies_elements_principal.html
//   notprincipal reference_policies_elements_notprincipal.html
//   notaction   reference_policies_elements_notaction.html
//   notresource reference_policies_elements_notresource.html
//   action      reference_policies_elements_action.html
//   resource    reference_policies_elements_resource.html
//   condition   reference_policies_elements_condition.html, reference_policies_elements_condition_operators.html
//   variables   reference_policies_variables.html
//   version     reference_policies_elements_version.html

// MARK: - Policies used by several tables

private let allowGet = doc(.allow("s3:GetObject"))
private let allowS3 = doc(.allow("s3:*"))
private let allowAll = doc(.allow("*"))
private let allowEC2 = doc(.allow("ec2:*"))
private let denyGet = doc(.deny("s3:GetObject"))
private let allowAllDenyGet = doc(.allow("*"), .deny("s3:GetObject"))

private func rp(_ statements: Stmt...) -> String { doc(statements) }

// MARK: - Defaults, identity-based policies, NotAction, NotResource

private let identityCases: [EvalCase] = [
    EvalCase("implicit deny by default: no policy applies", identity: [], expected: .implicitDeny), // denyallow
    EvalCase("implicit deny: the identity policy allows another action",
             identity: [doc(.allow("s3:PutObject"))], expected: .implicitDeny), // denyallow
    EvalCase("an explicit Allow in an identity-based policy overrides the default deny",
             identity: [allowGet], expected: .allowed, matched: ["Identity.1#0"]), // denyallow
    EvalCase("action wildcard: s3:Get* covers s3:GetObject", identity: [doc(.allow("s3:Get*"))], expected: .allowed), // action
    EvalCase("action names are case-insensitive", identity: [doc(.allow("S3:getobject"))], expected: .allowed), // action
    EvalCase("a wildcard never crosses the service prefix: ec2:* does not cover s3:GetObject",
             identity: [allowEC2], expected: .implicitDeny), // action
    EvalCase("`*` alone covers every action of every service", action: "dynamodb:GetItem",
             identity: [allowAll], expected: .allowed), // action
    EvalCase("Resource must match: an Allow for another bucket does not apply",
             identity: [doc(.allow("s3:GetObject", on: "arn:aws:s3:::other/*"))], expected: .implicitDeny), // resource
    EvalCase("a resource wildcard spans `/` within the resource part", resource: "arn:aws:s3:::bucket/a/b/c",
             identity: [doc(.allow("s3:GetObject", on: Res.bucketAll))], expected: .allowed), // resource
    EvalCase("resource ARNs are case-sensitive: Bucket is not bucket",
             identity: [doc(.allow("s3:GetObject", on: "arn:aws:s3:::Bucket/*"))], expected: .implicitDeny), // resource
    EvalCase("several resources in one statement are ORed",
             identity: [doc(.allow("s3:GetObject", on: "arn:aws:s3:::other/*", Res.bucketAll))], expected: .allowed), // resource
    EvalCase("one Allow among several identity policies is enough",
             identity: [allowEC2, allowGet], expected: .allowed, matched: ["Identity.2#0"]), // basics
    EvalCase("Allow and Deny in one policy: the Deny wins",
             identity: [allowAllDenyGet], expected: .explicitDeny, matched: ["Identity.1#1"]), // denyallow
    EvalCase("a Deny in a second identity policy overrides the Allow of the first",
             identity: [allowAll, denyGet], expected: .explicitDeny, matched: ["Identity.2#0"]), // denyallow
    EvalCase("a Deny for another action does not apply",
             identity: [doc(.allow("*"), .deny("s3:PutObject"))], expected: .allowed), // denyallow
    EvalCase("a Deny without any Allow is an explicit deny, not an implicit one",
             identity: [denyGet], expected: .explicitDeny), // denyallow
    EvalCase("a Deny whose condition does not hold does not apply",
             context: ctx(("aws:RequestedRegion", "eu-west-1")),
             identity: [doc(.allow("*"), Stmt.deny("s3:*").when("StringEquals", "aws:RequestedRegion", "us-east-1"))],
             expected: .allowed), // condition
    EvalCase("a Deny whose condition holds applies",
             context: ctx(("aws:RequestedRegion", "us-east-1")),
             identity: [doc(.allow("*"), Stmt.deny("s3:*").when("StringEquals", "aws:RequestedRegion", "us-east-1"))],
             expected: .explicitDeny), // condition
    EvalCase("an Allow whose condition does not hold does not apply",
             context: ctx(("aws:RequestedRegion", "us-east-1")),
             identity: [doc(Stmt.allow("s3:*").when("StringEquals", "aws:RequestedRegion", "eu-west-1"))],
             expected: .implicitDeny), // condition
    EvalCase("an Allow conditioned on a key the request lacks does not apply, and the key is reported missing",
             identity: [doc(Stmt.allow("s3:*").when("StringEquals", "aws:SourceVpc", "vpc-1"))],
             expected: .implicitDeny, missing: ["aws:SourceVpc"]), // condition
    EvalCase("a Deny with a positive operator on a missing key does not apply (the key is reported)",
             identity: [doc(.allow("*"), Stmt.deny("s3:*").when("StringEquals", "aws:SourceVpc", "vpc-1"))],
             expected: .allowed, missing: ["aws:SourceVpc"]), // condition
    EvalCase("a Deny with ...IfExists holds when the key is missing",
             identity: [doc(.allow("*"), Stmt.deny("s3:*").when("StringNotEqualsIfExists", "aws:SourceVpc", "vpc-1"))],
             expected: .explicitDeny), // condition_operators#Conditions_IfExists
    EvalCase("Deny unless TLS: Bool aws:SecureTransport false does not apply to a TLS request",
             context: ["aws:SecureTransport": .bool(true)],
             identity: [doc(.allow("*"), Stmt.deny("s3:*").when("Bool", "aws:SecureTransport", "false"))],
             expected: .allowed), // condition_operators#Conditions_Boolean
    EvalCase("every condition clause must hold (AND across keys)",
             context: ctx(("aws:RequestedRegion", "eu-west-1")),
             identity: [doc(Stmt.allow("s3:*").when("StringEquals", "aws:RequestedRegion", "eu-west-1")
                                .when("StringEquals", "aws:SourceVpc", "vpc-1"))],
             expected: .implicitDeny, missing: ["aws:SourceVpc"]), // reference_policies_condition-logic-multiple-context-keys-or-values.html
    EvalCase("NotAction with Allow allows every action not listed", identity: [doc(Stmt.allow("iam:*").notAction)],
             expected: .allowed), // notaction
    EvalCase("NotAction with Allow does not allow the listed actions", action: "iam:CreateUser",
             identity: [doc(Stmt.allow("iam:*").notAction)], expected: .implicitDeny), // notaction
    EvalCase("NotAction with Allow is still limited by Resource", resource: Res.other,
             identity: [doc(Stmt.allow("iam:*", on: Res.bucketAll).notAction)], expected: .implicitDeny), // notaction
    EvalCase("NotResource with Allow allows every resource not listed", resource: Res.pub,
             identity: [doc(Stmt.allow("s3:GetObject", on: "arn:aws:s3:::bucket/secret/*").notResource)],
             expected: .allowed), // notresource
    EvalCase("NotResource with Allow does not allow the listed resources", resource: Res.secret,
             identity: [doc(Stmt.allow("s3:GetObject", on: "arn:aws:s3:::bucket/secret/*").notResource)],
             expected: .implicitDeny), // notresource
    EvalCase("NotAction with Deny denies every action not listed", action: "ec2:RunInstances",
             identity: [doc(.allow("*"), Stmt.deny("s3:*").notAction)], expected: .explicitDeny), // notaction
    EvalCase("NotAction with Deny does not deny the listed actions",
             identity: [doc(.allow("*"), Stmt.deny("s3:*").notAction)], expected: .allowed), // notaction
    EvalCase("NotResource with Deny denies every resource not listed", resource: Res.secret,
             identity: [doc(.allow("*"), Stmt.deny("s3:*", on: "arn:aws:s3:::bucket/public/*").notResource)],
             expected: .explicitDeny), // notresource
    EvalCase("NotResource with Deny does not deny the listed resources", resource: Res.pub,
             identity: [doc(.allow("*"), Stmt.deny("s3:*", on: "arn:aws:s3:::bucket/public/*").notResource)],
             expected: .allowed), // notresource
    EvalCase("Deny NotAction iam:* without MFA: s3 is denied when MFA is false",
             context: ["aws:MultiFactorAuthPresent": .bool(false)],
             identity: [doc(.allow("*"), Stmt.deny("iam:*").notAction.when("BoolIfExists", "aws:MultiFactorAuthPresent", "false"))],
             expected: .explicitDeny), // notaction (example: deny all but IAM without MFA)
    EvalCase("Deny NotAction iam:* without MFA: s3 is allowed with MFA",
             context: ["aws:MultiFactorAuthPresent": .bool(true)],
             identity: [doc(.allow("*"), Stmt.deny("iam:*").notAction.when("BoolIfExists", "aws:MultiFactorAuthPresent", "false"))],
             expected: .allowed), // notaction
    EvalCase("Deny NotAction iam:* without MFA: iam actions stay allowed without MFA", action: "iam:ListUsers",
             context: ["aws:MultiFactorAuthPresent": .bool(false)],
             identity: [doc(.allow("*"), Stmt.deny("iam:*").notAction.when("BoolIfExists", "aws:MultiFactorAuthPresent", "false"))],
             expected: .allowed), // notaction
    EvalCase("NotAction and NotResource together: a listed action on an unlisted resource is not denied", resource: Res.other,
             identity: [doc(.allow("*"), Stmt.deny("s3:*", on: Res.bucketAll).notAction.notResource)],
             expected: .allowed), // notaction, notresource
    EvalCase("NotAction and NotResource together: an unlisted action on an unlisted resource is denied",
             action: "sqs:SendMessage", resource: Res.other,
             identity: [doc(.allow("*"), Stmt.deny("s3:*", on: Res.bucketAll).notAction.notResource)],
             expected: .explicitDeny), // notaction, notresource
    EvalCase("the root user has full access to its own account without any policy", caller: Who.root,
             expected: .allowed), // denyallow ("with the exception of the AWS account root user")
    EvalCase("the root user is still bound by an explicit deny in a resource-based policy", caller: Who.root,
             resourcePolicy: rp(Stmt.deny("s3:*").principal(P.star)), expected: .explicitDeny), // denyallow
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html: "the root principal in a bucket
    // owner's AWS account can perform the GetBucketPolicy, PutBucketPolicy, and DeleteBucketPolicy API actions,
    // even if their bucket policy explicitly denies the root principal's access. Bucket owner root principals can
    // only be blocked from performing these API actions by VPC endpoint policies and AWS Organizations policies."
    EvalCase("a bucket policy that denies everyone cannot stop the owner's root user from deleting it", caller: Who.root,
             action: "s3:DeleteBucketPolicy", resource: "arn:aws:s3:::bucket",
             resourcePolicy: rp(Stmt.deny("s3:*").principal(P.star)), expected: .allowed), // S3 DeleteBucketPolicy
    EvalCase("... nor from reading or replacing it", caller: Who.root, action: "s3:PutBucketPolicy", resource: "arn:aws:s3:::bucket",
             resourcePolicy: rp(Stmt.deny("s3:*").principal(P.star)), expected: .allowed), // S3 PutBucketPolicy
    EvalCase("the exception is for the bucket policy actions only: the root user is still denied the objects", caller: Who.root,
             action: "s3:GetObject", resourcePolicy: rp(Stmt.deny("s3:*").principal(P.star)), expected: .explicitDeny), // S3 DeleteBucketPolicy
    EvalCase("the exception is for the root user only: an administrator of the account is denied", caller: Who.alice,
             action: "s3:DeleteBucketPolicy", resource: "arn:aws:s3:::bucket", identity: [allowAll],
             resourcePolicy: rp(Stmt.deny("s3:*").principal(P.star)), expected: .explicitDeny), // S3 DeleteBucketPolicy
    EvalCase("an SCP can still stop the root user of a member account", caller: Who.root, action: "s3:DeleteBucketPolicy",
             resource: "arn:aws:s3:::bucket", scps: [[doc(.allow("*"), .deny("s3:DeleteBucketPolicy"))]],
             resourcePolicy: rp(Stmt.deny("s3:*").principal(P.star)), expected: .explicitDeny), // S3 DeleteBucketPolicy
    EvalCase("a VPC endpoint policy can still stop it", caller: Who.root, action: "s3:DeleteBucketPolicy",
             resource: "arn:aws:s3:::bucket", resourcePolicy: rp(Stmt.deny("s3:*").principal(P.star)),
             endpoint: [rp(Stmt.allow("s3:GetObject").principal(P.star))], expected: .implicitDeny), // S3 DeleteBucketPolicy
    EvalCase("another account can never manage the bucket policy, even when the bucket policy allows it", caller: Who.carol,
             action: "s3:PutBucketPolicy", resource: "arn:aws:s3:::bucket", resourceAccount: Acct.a, identity: [allowAll],
             resourcePolicy: rp(Stmt.allow("s3:*").principal(P.aws(Who.bRoot))), expected: .implicitDeny), // S3 PutBucketPolicy (405 Method Not Allowed)
]

@Suite("Evaluation: defaults, identity-based policies, NotAction, NotResource")
struct IdentityEvaluationTests {
    @Test(arguments: identityCases)
    func evaluates(_ row: EvalCase) throws { try row.check() }
}

// MARK: - Explicit deny in every policy type

private let denyCases: [EvalCase] = [
    EvalCase("explicit deny in the permissions boundary", identity: [allowAll], boundary: [allowAllDenyGet],
             expected: .explicitDeny, matched: ["Boundary.1#1"]), // denyallow, boundaries
    EvalCase("explicit deny in a session policy", caller: Who.session, identity: [allowAll], session: [allowAllDenyGet],
             expected: .explicitDeny, matched: ["Session.1#1"]), // denyallow, session
    EvalCase("explicit deny in an SCP at the root of the organization", identity: [allowAll],
             scps: [[allowAllDenyGet], [fullAccessSCP], [fullAccessSCP]], expected: .explicitDeny,
             matched: ["SCP.L1.1#1"]), // scps ("any SCP from the root ... can deny")
    EvalCase("explicit deny in an SCP at an OU", identity: [allowAll],
             scps: [[fullAccessSCP], [allowAllDenyGet], [fullAccessSCP]], expected: .explicitDeny,
             matched: ["SCP.L2.1#1"]), // scps
    EvalCase("explicit deny in an SCP attached to the account", identity: [allowAll],
             scps: [[fullAccessSCP], [fullAccessSCP], [allowAllDenyGet]], expected: .explicitDeny), // scps
    EvalCase("explicit deny in the second SCP of one level", identity: [allowAll],
             scps: [[fullAccessSCP, denyGet]], expected: .explicitDeny, matched: ["SCP.L1.2#0"]), // scps
    EvalCase("explicit deny in an RCP at the root", identity: [allowAll],
             rcps: [[doc(Stmt.allow("*").principal(P.star), Stmt.deny("s3:GetObject").principal(P.star))], [fullAccessRCP]],
             expected: .explicitDeny, matched: ["RCP.L1.1#1"]), // rcps ("any RCP ... can deny")
    EvalCase("explicit deny in an RCP attached to the account", identity: [allowAll],
             rcps: [[fullAccessRCP], [fullAccessRCP, doc(Stmt.deny("s3:*").principal(P.star))]],
             expected: .explicitDeny, matched: ["RCP.L2.2#0"]), // rcps
    EvalCase("explicit deny in a resource-based policy (same account)", identity: [allowAll],
             resourcePolicy: rp(Stmt.deny("s3:GetObject").principal(P.aws(Who.alice))),
             expected: .explicitDeny, matched: ["ResourcePolicy#0"]), // denyallow
    EvalCase("explicit deny in a resource-based policy for a cross-account caller", caller: Who.carol,
             resourceAccount: Acct.a, identity: [allowAll],
             resourcePolicy: rp(Stmt.allow("s3:*").principal(P.aws(Who.carol)), Stmt.deny("s3:GetObject").principal(P.star)),
             expected: .explicitDeny), // xacct
    EvalCase("an identity-based Deny beats a resource-based policy that names the user", identity: [denyGet],
             resourcePolicy: rp(Stmt.allow("s3:*").principal(P.aws(Who.alice))), expected: .explicitDeny), // denyallow
    EvalCase("a boundary Deny beats a resource-based policy that names the user", boundary: [allowAllDenyGet],
             resourcePolicy: rp(Stmt.allow("s3:*").principal(P.aws(Who.alice))), expected: .explicitDeny), // boundaries
    EvalCase("a session-policy Deny beats a resource-based policy that names the session", caller: Who.session,
             session: [allowAllDenyGet], resourcePolicy: rp(Stmt.allow("s3:*").principal(P.aws(Who.session))),
             expected: .explicitDeny), // session
    EvalCase("an SCP Deny beats a resource-based policy that names the user", scps: [[allowAllDenyGet]],
             resourcePolicy: rp(Stmt.allow("s3:*").principal(P.aws(Who.alice))), expected: .explicitDeny), // scps
    EvalCase("an RCP Deny beats both sides of a cross-account grant", caller: Who.carol, resourceAccount: Acct.a,
             identity: [allowAll], rcps: [[fullAccessRCP, doc(Stmt.deny("s3:*").principal(P.star))]],
             resourcePolicy: rp(Stmt.allow("s3:*").principal(P.aws(Who.carol))), expected: .explicitDeny), // rcps
    EvalCase("a Deny of `*` in the boundary denies everything", action: "ec2:RunInstances", identity: [allowAll],
             boundary: [doc(.allow("*"), .deny("*"))], expected: .explicitDeny), // boundaries
    EvalCase("an explicit deny is reported even when nothing allows the request", boundary: [denyGet],
             expected: .explicitDeny), // denyallow (deny evaluation comes first)
    EvalCase("an SCP Deny applies to the root user of a member account", caller: Who.root, scps: [[allowAllDenyGet]],
             expected: .explicitDeny), // basics ("including each AWS account root user")
    EvalCase("a Deny in every kind at once lists every Deny statement", caller: Who.session,
             identity: [allowAllDenyGet], boundary: [allowAllDenyGet], session: [allowAllDenyGet],
             scps: [[allowAllDenyGet]], expected: .explicitDeny,
             matched: ["Identity.1#1", "Boundary.1#1", "Session.1#1", "SCP.L1.1#1"]), // denyallow
]

@Suite("Evaluation: an explicit deny in any policy type wins")
struct ExplicitDenyEvaluationTests {
    @Test(arguments: denyCases)
    func evaluates(_ row: EvalCase) throws { try row.check() }
}

// MARK: - Service control policies

private let scpCases: [EvalCase] = [
    EvalCase("an SCP that allows and an identity policy that allows", identity: [allowGet], scps: [[fullAccessSCP]],
             expected: .allowed, matched: ["Identity.1#0"]), // scps
    EvalCase("every level allows: root, OU, account", identity: [allowGet],
             scps: [[fullAccessSCP], [fullAccessSCP], [fullAccessSCP]], expected: .allowed), // scps
    EvalCase("a missing Allow at the OU level denies", identity: [allowGet],
             scps: [[fullAccessSCP], [allowEC2], [fullAccessSCP]], expected: .implicitDeny), // scps ("explicit Allow at every level")
    EvalCase("a missing Allow at the root denies", identity: [allowGet],
             scps: [[allowEC2], [fullAccessSCP], [fullAccessSCP]], expected: .implicitDeny), // scps
    EvalCase("a missing Allow at the account level denies", identity: [allowGet],
             scps: [[fullAccessSCP], [fullAccessSCP], [allowEC2]], expected: .implicitDeny), // scps
    EvalCase("a level with only a Deny (FullAWSAccess detached) denies everything else", identity: [allowGet],
             scps: [[fullAccessSCP], [doc(.deny("ec2:*"))]], expected: .implicitDeny), // scps
    EvalCase("a narrow Allow at the root covers the action it lists", identity: [allowS3],
             scps: [[allowGet], [fullAccessSCP]], expected: .allowed), // scps
    EvalCase("a narrow Allow at the root does not cover other actions", action: "s3:PutObject", identity: [allowS3],
             scps: [[allowGet], [fullAccessSCP]], expected: .implicitDeny), // scps
    EvalCase("the Allow of a level may come from any SCP attached there", identity: [allowGet],
             scps: [[allowEC2, allowS3]], expected: .allowed), // scps
    EvalCase("an SCP never grants by itself: SCP allows, identity policy does not",
             identity: [allowEC2], scps: [[fullAccessSCP]], expected: .implicitDeny), // scps ("No permissions are granted by an SCP")
    EvalCase("an SCP never grants by itself: no identity policy at all", scps: [[fullAccessSCP]],
             expected: .implicitDeny), // scps
    EvalCase("an SCP that allows and a resource-based policy naming the user", scps: [[fullAccessSCP]],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.alice))), expected: .allowed), // basics
    EvalCase("an SCP without an Allow also limits what a resource-based policy grants to the account's principals",
             scps: [[allowEC2]], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.alice))),
             expected: .implicitDeny), // basics ("only if those policies and the SCP allow")
    EvalCase("the root user of a member account is limited by SCPs", caller: Who.root, scps: [[allowEC2]],
             expected: .implicitDeny), // basics
    EvalCase("service-linked roles are exempt from SCPs: no Allow at a level does not deny", caller: Who.slr,
             identity: [allowGet], scps: [[fullAccessSCP], [allowEC2]], expected: .allowed), // orgs_manage_policies_scps.html (not restricted by SCPs)
    EvalCase("a service role that is not service-linked is not exempt", caller: Who.serviceRole,
             identity: [allowGet], scps: [[fullAccessSCP], [allowEC2]], expected: .implicitDeny), // orgs_manage_policies_scps.html
    EvalCase("service-linked roles are exempt from SCPs: an SCP Deny does not apply to them", caller: Who.slr,
             identity: [allowGet], scps: [[allowAllDenyGet]], expected: .allowed), // orgs_manage_policies_scps.html
    EvalCase("an SCP condition that holds", context: ctx(("aws:RequestedRegion", "eu-west-1")), identity: [allowGet],
             scps: [[doc(Stmt.allow("*").when("StringEquals", "aws:RequestedRegion", "eu-west-1"))]], expected: .allowed), // scps
    EvalCase("an SCP condition that does not hold leaves the level without an Allow",
             context: ctx(("aws:RequestedRegion", "us-east-1")), identity: [allowGet],
             scps: [[doc(Stmt.allow("*").when("StringEquals", "aws:RequestedRegion", "eu-west-1"))]], expected: .implicitDeny), // scps
    EvalCase("an SCP condition on a missing key is reported", identity: [allowGet],
             scps: [[doc(Stmt.allow("*").when("StringEquals", "aws:RequestedRegion", "eu-west-1"))]],
             expected: .implicitDeny, missing: ["aws:RequestedRegion"]), // scps
    EvalCase("SCPs do not apply to AWS service principals (they are not principals of the member account)",
             caller: Who.events, action: "sns:Publish", resource: Res.topic, scps: [[allowEC2]],
             resourcePolicy: rp(Stmt.allow("sns:Publish").principal(P.service(Who.events))), expected: .allowed), // orgs_manage_policies_scps.html
    EvalCase("an SCP Deny does not apply to an AWS service principal", caller: Who.events, action: "sns:Publish",
             resource: Res.topic, scps: [[doc(.allow("*"), .deny("sns:*"))]],
             resourcePolicy: rp(Stmt.allow("sns:Publish").principal(P.service(Who.events))), expected: .allowed), // orgs_manage_policies_scps.html
    EvalCase("cross-account: the caller's SCPs apply to its requests", caller: Who.carol, resourceAccount: Acct.a,
             identity: [allowGet], scps: [[allowEC2]],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.carol))), expected: .implicitDeny), // xacct
]

@Suite("Evaluation: service control policies")
struct SCPEvaluationTests {
    @Test(arguments: scpCases)
    func evaluates(_ row: EvalCase) throws { try row.check() }
}

// MARK: - Resource control policies

private let rcpOrgOnly = doc(Stmt.deny("s3:*").principal(P.star)
    .when("StringNotEqualsIfExists", "aws:PrincipalOrgID", "o-mine")
    .when("BoolIfExists", "aws:PrincipalIsAWSService", "false"))

private let rcpCases: [EvalCase] = [
    EvalCase("RCPFullAWSAccess at every level lets identity permissions through", identity: [allowGet],
             rcps: [[fullAccessRCP], [fullAccessRCP]], expected: .allowed), // rcps
    EvalCase("an RCP level without an Allow denies", identity: [allowGet],
             rcps: [[fullAccessRCP], [doc(Stmt.deny("ec2:*").principal(P.star))]], expected: .implicitDeny), // rcps
    EvalCase("an RCP never grants by itself", rcps: [[fullAccessRCP]], expected: .implicitDeny), // rcps ("No permissions are granted by an RCP")
    EvalCase("an RCP never grants by itself, even to a cross-account caller", caller: Who.carol, resourceAccount: Acct.a,
             rcps: [[fullAccessRCP]], expected: .implicitDeny), // rcps
    EvalCase("an organisation-perimeter RCP denies a principal of another organisation", caller: Who.carol,
             resourceAccount: Acct.a, context: ctx(("aws:PrincipalOrgID", "o-other")), identity: [allowGet],
             rcps: [[fullAccessRCP, rcpOrgOnly]], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.carol))),
             expected: .explicitDeny), // orgs_manage_policies_rcps_examples.html
    EvalCase("an organisation-perimeter RCP lets a principal of the organisation through", caller: Who.carol,
             resourceAccount: Acct.a, context: ctx(("aws:PrincipalOrgID", "o-mine")), identity: [allowGet],
             rcps: [[fullAccessRCP, rcpOrgOnly]], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.carol))),
             expected: .allowed), // orgs_manage_policies_rcps_examples.html
    EvalCase("the perimeter RCP exempts AWS service principals (aws:PrincipalIsAWSService is true for them)",
             caller: Who.ec2, rcps: [[fullAccessRCP, rcpOrgOnly]],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.service(Who.ec2))), expected: .allowed), // condition-keys#condition-keys-principalisawsservice
    // orgs_manage_policies_rcps.html: RCPs "impact the effective permissions of principals trying to access resources
    // ... This includes root users. The exception is when principals are service-linked roles"; they apply to the
    // services listed under rcp-supported-services only, and "do not impact the kms:RetireGrant permission".
    EvalCase("an RCP Deny applies to an AWS service principal too: only service-linked roles are exempt", caller: Who.ec2,
             rcps: [[fullAccessRCP, doc(Stmt.deny("s3:*").principal(P.star))]],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.service(Who.ec2))), expected: .explicitDeny), // rcps
    EvalCase("an RCP Deny does not apply to a service-linked role", caller: Who.slr, identity: [allowGet],
             rcps: [[fullAccessRCP, doc(Stmt.deny("s3:*").principal(P.star))]], expected: .allowed), // rcps
    EvalCase("RCPs govern only the services that support them: a Deny on ec2:* does not reach EC2", action: "ec2:RunInstances",
             resource: "*", identity: [allowAll], rcps: [[fullAccessRCP, doc(Stmt.deny("ec2:*").principal(P.star))]],
             expected: .allowed), // rcps (EC2 is not in the list of supported services)
    EvalCase("RCPs do not impact kms:RetireGrant", action: "kms:RetireGrant",
             resource: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", identity: [allowAll],
             rcps: [[fullAccessRCP, doc(Stmt.deny("kms:*").principal(P.star))]],
             resourcePolicy: rp(Stmt.allow("kms:*").principal(P.aws(Who.aRoot))), expected: .allowed), // rcps
    EvalCase("an RCP Deny applies to principals of the resource's own account too", identity: [allowGet],
             rcps: [[fullAccessRCP, doc(Stmt.deny("s3:GetObject").principal(P.star))]], expected: .explicitDeny), // rcps
    EvalCase("an RCP Deny at the second of three levels", identity: [allowGet],
             rcps: [[fullAccessRCP], [fullAccessRCP, doc(Stmt.deny("s3:*").principal(P.star))], [fullAccessRCP]],
             expected: .explicitDeny), // rcps
    EvalCase("an RCP Deny applies to the root user", caller: Who.root,
             rcps: [[fullAccessRCP, doc(Stmt.deny("s3:*").principal(P.star))]], expected: .explicitDeny), // rcps
    EvalCase("an RCP Deny with a condition that does not hold does not apply",
             context: ctx(("aws:SourceVpce", "vpce-1")), identity: [allowGet],
             rcps: [[fullAccessRCP, doc(Stmt.deny("s3:*").principal(P.star).when("StringNotEquals", "aws:SourceVpce", "vpce-1"))]],
             expected: .allowed), // rcps
]

@Suite("Evaluation: resource control policies")
struct RCPEvaluationTests {
    @Test(arguments: rcpCases)
    func evaluates(_ row: EvalCase) throws { try row.check() }
}

// MARK: - Permissions boundaries and session policies

private let intersectionCases: [EvalCase] = [
    EvalCase("identity and boundary both allow", identity: [allowGet], boundary: [allowS3], expected: .allowed,
             matched: ["Identity.1#0"]), // boundaries
    EvalCase("identity allows, the boundary does not: implicit deny", identity: [allowGet], boundary: [allowEC2],
             expected: .implicitDeny), // boundaries
    EvalCase("the boundary allows, identity does not: a boundary grants nothing", identity: [allowEC2],
             boundary: [allowS3], expected: .implicitDeny), // boundaries
    EvalCase("the boundary allows and there is no identity policy", boundary: [allowAll], expected: .implicitDeny), // boundaries
    EvalCase("Shirley: boundary s3/cloudwatch/ec2, identity iam:CreateUser is not allowed", action: "iam:CreateUser",
             identity: [doc(.allow("iam:CreateUser"))], boundary: [doc(.allow("s3:*", "cloudwatch:*", "ec2:*"))],
             expected: .implicitDeny), // boundaries (ShirleyRodriguez example)
    EvalCase("Shirley: an s3 action inside the boundary is allowed", identity: [allowS3],
             boundary: [doc(.allow("s3:*", "cloudwatch:*", "ec2:*"))], expected: .allowed), // boundaries
    EvalCase("boundary, SCP and identity all allow", identity: [allowGet], boundary: [allowS3], scps: [[fullAccessSCP]],
             expected: .allowed), // boundaries ("allowed only if all three policy types allow it")
    EvalCase("boundary and identity allow, the SCP does not", identity: [allowGet], boundary: [allowS3],
             scps: [[allowEC2]], expected: .implicitDeny), // boundaries
    EvalCase("SCP and identity allow, the boundary does not", identity: [allowGet], boundary: [allowEC2],
             scps: [[fullAccessSCP]], expected: .implicitDeny), // boundaries
    EvalCase("a boundary Allow whose condition does not hold", context: ctx(("aws:RequestedRegion", "us-east-1")),
             identity: [allowGet], boundary: [doc(Stmt.allow("*").when("StringEquals", "aws:RequestedRegion", "eu-west-1"))],
             expected: .implicitDeny), // boundaries
    EvalCase("a role session without session policies has its role's permissions", caller: Who.session,
             identity: [allowGet], expected: .allowed), // denyallow ("If the principal is a role session ... Allowed")
    EvalCase("role session: identity and session policy both allow", caller: Who.session, identity: [allowGet],
             session: [allowS3], expected: .allowed), // session
    EvalCase("role session: the session policy does not allow", caller: Who.session, identity: [allowGet],
             session: [allowEC2], expected: .implicitDeny), // session
    EvalCase("role session: a session policy cannot grant more than the identity policies", caller: Who.session,
             identity: [allowEC2], session: [allowAll], expected: .implicitDeny), // session
    EvalCase("role session: session, boundary and identity all allow", caller: Who.session, identity: [allowGet],
             boundary: [allowS3], session: [allowS3], expected: .allowed), // boundaries ("allowed by all three types")
    EvalCase("role session: session and identity allow, the boundary does not", caller: Who.session,
             identity: [allowGet], boundary: [allowEC2], session: [allowS3], expected: .implicitDeny), // boundaries
    EvalCase("role session: boundary and identity allow, the session policy does not", caller: Who.session,
             identity: [allowGet], boundary: [allowS3], session: [allowEC2], expected: .implicitDeny), // boundaries
    EvalCase("role session: session and boundary allow, identity does not", caller: Who.session,
             identity: [allowEC2], boundary: [allowS3], session: [allowS3], expected: .implicitDeny), // boundaries
    EvalCase("federated user session with a session policy that allows", caller: Who.fed, identity: [allowGet],
             session: [allowS3], expected: .allowed), // denyallow (session policies step)
    EvalCase("federated user session whose session policy does not allow", caller: Who.fed, identity: [allowGet],
             session: [allowEC2], expected: .implicitDeny), // denyallow
    EvalCase("federated user session without a session policy has no permissions", caller: Who.fed,
             identity: [allowGet], expected: .implicitDeny), // denyallow; STS GetFederationToken ("without session policies the federated user session has no permissions")
]

@Suite("Evaluation: permissions boundaries and session policies are intersections")
struct IntersectionEvaluationTests {
    @Test(arguments: intersectionCases)
    func evaluates(_ row: EvalCase) throws { try row.check() }
}

// MARK: - Resource-based policies in the same account

private let sameAccountCases: [EvalCase] = [
    EvalCase("a resource-based policy naming the user ARN allows without any identity policy",
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.alice))), expected: .allowed,
             matched: ["ResourcePolicy#0"]), // denyallow, basics ("If either ... allows the request ... still allowed")
    EvalCase("user ARN: an identity policy that allows nothing relevant does not matter", identity: [allowEC2],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.alice))), expected: .allowed), // denyallow
    EvalCase("user ARN: not limited by an implicit deny in the permissions boundary", boundary: [allowEC2],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.alice))), expected: .allowed), // denyallow (IAM user bullet), boundaries
    EvalCase("a resource-based policy naming another user does not allow this one",
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.bob))), expected: .implicitDeny), // principal
    EvalCase("user with a path named by its full ARN", caller: Who.alicePath,
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.alicePath))), expected: .allowed), // principal
    EvalCase("a role session ARN principal allows without any identity policy", caller: Who.session,
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.session))), expected: .allowed), // denyallow (IAM role session bullet)
    EvalCase("session ARN: not limited by an implicit deny in the session policy", caller: Who.session,
             session: [allowEC2], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.session))),
             expected: .allowed), // session ("not limited by the session policies")
    EvalCase("session ARN: not limited by an implicit deny in the boundary", caller: Who.session,
             boundary: [allowEC2], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.session))),
             expected: .allowed), // denyallow
    EvalCase("another session of the same role is not named by a session ARN", caller: Who.otherSession,
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.session))), expected: .implicitDeny), // principal
    EvalCase("a role ARN principal allows the role's sessions without identity policies", caller: Who.session,
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.roleARN))), expected: .allowed,
             matched: ["ResourcePolicy#0"]), // denyallow (IAM role bullet: limited only by boundary or session policy)
    EvalCase("role ARN: allowed when the boundary allows too", caller: Who.session, boundary: [allowS3],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.roleARN))), expected: .allowed), // denyallow
    EvalCase("role ARN: limited by an implicit deny in the permissions boundary", caller: Who.session,
             boundary: [allowEC2], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.roleARN))),
             expected: .implicitDeny), // denyallow
    EvalCase("role ARN: limited by an implicit deny in the session policy", caller: Who.session,
             session: [allowEC2], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.roleARN))),
             expected: .implicitDeny), // denyallow, session
    EvalCase("role ARN: allowed when the session policy allows too", caller: Who.session, session: [allowS3],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.roleARN))), expected: .allowed), // session
    EvalCase("role ARN with a path names the session of that role", caller: Who.session,
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws("arn:aws:iam::111122223333:role/team/app"))),
             expected: .allowed), // principal (role session ARNs omit the role path)
    EvalCase("another role's ARN does not name this session", caller: Who.otherRoleSession,
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.roleARN))), expected: .implicitDeny), // principal
    EvalCase("an account principal delegates to the account: the identity policy must allow",
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Acct.a))), expected: .implicitDeny), // principal (AWS account principals)
    EvalCase("account principal (root ARN form) with an identity policy that allows", identity: [allowGet],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.aRoot))), expected: .allowed), // principal
    EvalCase("account principal with identity allow but a boundary that does not", identity: [allowGet],
             boundary: [allowEC2], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.aRoot))),
             expected: .implicitDeny), // principal, boundaries
    EvalCase("Principal \"*\" allows a user of the account without identity policies",
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.star)), expected: .allowed), // principal (all principals)
    EvalCase("Principal {\"AWS\": \"*\"} allows a user of the account", resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws("*"))),
             expected: .allowed), // principal
    EvalCase("Principal \"*\" allows a role session", caller: Who.session,
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.star)), expected: .allowed), // principal
    EvalCase("Principal \"*\" allows an anonymous caller", caller: Who.anonymous,
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.star)), expected: .allowed), // principal ("anonymous users")
    EvalCase("an anonymous caller has no identity policies: without a public grant it is denied", caller: Who.anonymous,
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.alice))), expected: .implicitDeny), // principal
    EvalCase("a resource-based Allow whose condition does not hold", context: ctx(("aws:SourceVpce", "vpce-2")),
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.alice)).when("StringEquals", "aws:SourceVpce", "vpce-1")),
             expected: .implicitDeny), // condition
    EvalCase("a resource-based Allow for another action", action: "s3:PutObject",
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.alice))), expected: .implicitDeny), // denyallow
    EvalCase("a resource-based Allow for another resource", resource: Res.other,
             resourcePolicy: rp(Stmt.allow("s3:GetObject", on: Res.bucketAll).principal(P.aws(Who.alice))),
             expected: .implicitDeny), // resource
    EvalCase("a resource-based policy naming a service principal allows that service", caller: Who.events,
             action: "sns:Publish", resource: Res.topic,
             resourcePolicy: rp(Stmt.allow("sns:Publish").principal(P.service(Who.events))), expected: .allowed), // principal (service principals)
    EvalCase("a resource-based policy naming one service does not allow another", caller: Who.lambda,
             action: "sns:Publish", resource: Res.topic,
             resourcePolicy: rp(Stmt.allow("sns:Publish").principal(P.service(Who.events))), expected: .implicitDeny), // principal
    EvalCase("either side is enough in one account: identity allows, the resource policy names someone else",
             identity: [allowGet], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.bob))),
             expected: .allowed), // basics
    EvalCase("a federated user session ARN principal allows that session directly", caller: Who.fed,
             session: [allowEC2], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.fed))),
             expected: .allowed), // denyallow (IAM federated user sessions bullet)
]

@Suite("Evaluation: resource-based policies in the caller's account")
struct SameAccountResourcePolicyTests {
    @Test(arguments: sameAccountCases)
    func evaluates(_ row: EvalCase) throws { try row.check() }
}

// MARK: - Cross-account

private let crossAccountCases: [EvalCase] = [
    EvalCase("cross-account: a resource-based policy alone is not enough", caller: Who.carol, resourceAccount: Acct.a,
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.carol))), expected: .implicitDeny), // xacct
    EvalCase("cross-account: an identity policy alone is not enough", caller: Who.carol, resourceAccount: Acct.a,
             identity: [allowGet], expected: .implicitDeny), // xacct
    EvalCase("cross-account: both sides allow", caller: Who.carol, resourceAccount: Acct.a, identity: [allowGet],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.carol))), expected: .allowed,
             matched: ["ResourcePolicy#0", "Identity.1#0"]), // xacct
    EvalCase("cross-account: the resource policy names another principal of the caller's account", caller: Who.carol,
             resourceAccount: Acct.a, identity: [allowGet],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws("arn:aws:iam::444455556666:user/dave"))),
             expected: .implicitDeny), // xacct
    EvalCase("cross-account: naming the account root still needs the identity side", caller: Who.carol,
             resourceAccount: Acct.a, resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.bRoot))),
             expected: .implicitDeny), // xacct, principal
    EvalCase("cross-account: account root named and identity allows", caller: Who.carol, resourceAccount: Acct.a,
             identity: [allowGet], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.bRoot))),
             expected: .allowed), // xacct
    EvalCase("cross-account: the account named by its 12-digit ID", caller: Who.carol, resourceAccount: Acct.a,
             identity: [allowGet], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Acct.b))),
             expected: .allowed), // principal
    EvalCase("cross-account: Principal \"*\" and an identity policy that allows", caller: Who.carol, resourceAccount: Acct.a,
             identity: [allowGet], resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.star)), expected: .allowed), // xacct
    EvalCase("cross-account: Principal \"*\" without an identity policy", caller: Who.carol, resourceAccount: Acct.a,
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.star)), expected: .implicitDeny), // xacct
    EvalCase("cross-account: the caller's boundary still limits", caller: Who.carol, resourceAccount: Acct.a,
             identity: [allowGet], boundary: [allowEC2],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.carol))), expected: .implicitDeny), // xacct, boundaries
    EvalCase("cross-account: the caller's session policy still limits", caller: Who.bSession, resourceAccount: Acct.a,
             identity: [allowGet], session: [allowEC2],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.bSession))), expected: .implicitDeny), // xacct, session
    EvalCase("cross-account: a role session named by its role ARN, identity allows", caller: Who.bSession,
             resourceAccount: Acct.a, identity: [allowGet],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.bRoleARN))), expected: .allowed), // xacct
    EvalCase("cross-account: a session named directly still needs the identity side", caller: Who.bSession,
             resourceAccount: Acct.a, resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.bSession))),
             expected: .implicitDeny), // xacct
    EvalCase("cross-account: the identity policy allows another resource only", caller: Who.carol, resourceAccount: Acct.a,
             identity: [doc(.allow("s3:GetObject", on: "arn:aws:s3:::other/*"))],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.carol))), expected: .implicitDeny), // xacct
    EvalCase("cross-account: a resource policy that names only the owner's account does not trust the caller",
             caller: Who.carol, resourceAccount: Acct.a, identity: [allowGet],
             resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.aRoot))), expected: .implicitDeny), // xacct
    EvalCase("cross-account: the caller's root user with a resource policy naming its account", caller: Who.bRoot,
             resourceAccount: Acct.a, resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Acct.b))),
             expected: .allowed), // xacct, denyallow (root user has full access in its account)
]

@Suite("Evaluation: cross-account requests need both sides")
struct CrossAccountEvaluationTests {
    @Test(arguments: crossAccountCases)
    func evaluates(_ row: EvalCase) throws { try row.check() }
}

// MARK: - Policy variables

private let homeAllow = Stmt.allow("s3:GetObject", on: "arn:aws:s3:::bucket/home/${aws:username}/*")
private let prefixAllow = Stmt.allow("s3:ListBucket", on: "arn:aws:s3:::bucket").when("StringLike", "s3:prefix", "home/${aws:username}/*")

private let variableCases: [EvalCase] = [
    EvalCase("${aws:username} in Resource: alice may read home/alice/", resource: "arn:aws:s3:::bucket/home/alice/notes",
             identity: [doc(homeAllow)], expected: .allowed), // variables
    EvalCase("${aws:username} in Resource: alice may not read home/bob/", resource: "arn:aws:s3:::bucket/home/bob/notes",
             identity: [doc(homeAllow)], expected: .implicitDeny), // variables
    EvalCase("${aws:username} in Resource: bob may read home/bob/", caller: Who.bob,
             resource: "arn:aws:s3:::bucket/home/bob/notes", identity: [doc(homeAllow)], expected: .allowed), // variables
    EvalCase("aws:username is the last part of a user ARN with a path", caller: Who.alicePath,
             resource: "arn:aws:s3:::bucket/home/alice/notes", identity: [doc(homeAllow)], expected: .allowed), // variables, reference_policies_condition-keys.html#condition-keys-username
    EvalCase("variable key names ignore case: ${AWS:UserName}", resource: "arn:aws:s3:::bucket/home/alice/notes",
             identity: [doc(.allow("s3:GetObject", on: "arn:aws:s3:::bucket/home/${AWS:UserName}/*"))], expected: .allowed), // variables
    EvalCase("a role session has no aws:username: the statement does not apply and the key is reported",
             caller: Who.session, resource: "arn:aws:s3:::bucket/home/app/notes", identity: [doc(homeAllow)],
             expected: .implicitDeny, missing: ["aws:username"]), // variables ("If AWS cannot resolve a variable ... the entire statement" may be invalid)
    EvalCase("without Version, ${...} is literal text: home/alice/ is not allowed",
             resource: "arn:aws:s3:::bucket/home/alice/notes", identity: [doc([homeAllow], version: nil)],
             expected: .implicitDeny), // variables, version ("variables ... only with 2012-10-17")
    EvalCase("without Version, ${aws:username} matches only itself",
             resource: "arn:aws:s3:::bucket/home/${aws:username}/notes", identity: [doc([homeAllow], version: nil)],
             expected: .allowed), // version
    EvalCase("in version 2008-10-17 variables are not expanded", resource: "arn:aws:s3:::bucket/home/alice/notes",
             identity: [doc([homeAllow], version: "2008-10-17")], expected: .implicitDeny), // version
    EvalCase("in version 2008-10-17 ${aws:username} is literal text",
             resource: "arn:aws:s3:::bucket/home/${aws:username}/notes", identity: [doc([homeAllow], version: "2008-10-17")],
             expected: .allowed), // version
    EvalCase("a variable in a condition value: s3:prefix home/alice/ for alice", action: "s3:ListBucket",
             resource: "arn:aws:s3:::bucket", context: ctx(("s3:prefix", "home/alice/docs")), identity: [doc(prefixAllow)],
             expected: .allowed), // variables
    EvalCase("a variable in a condition value: s3:prefix home/bob/ for alice", action: "s3:ListBucket",
             resource: "arn:aws:s3:::bucket", context: ctx(("s3:prefix", "home/bob/docs")), identity: [doc(prefixAllow)],
             expected: .implicitDeny), // variables
    // variables ("Policy variables with no value"): a variable with no value in a condition is null; "condition
    // operators like StringEquals or StringLike do not match", "inverted condition operators like StringNotEquals or
    // StringNotLike do match against a null value".
    EvalCase("a null variable never equals: StringEquals on ${aws:PrincipalTag/team} without the tag does not allow",
             action: "s3:ListBucket", resource: "arn:aws:s3:::bucket", context: ctx(("s3:prefix", "blue")),
             identity: [doc(Stmt.allow("s3:ListBucket").when("StringEquals", "s3:prefix", "${aws:PrincipalTag/team}"))],
             expected: .implicitDeny), // variables (policy variables with no value)
    EvalCase("a null variable leaves the other values: StringEquals [${aws:PrincipalTag/team}, shared] allows shared",
             action: "s3:ListBucket", resource: "arn:aws:s3:::bucket", context: ctx(("s3:prefix", "shared")),
             identity: [doc(Stmt.allow("s3:ListBucket").when("StringEquals", "s3:prefix", "${aws:PrincipalTag/team}", "shared"))],
             expected: .allowed), // variables (policy variables with no value)
    EvalCase("a null variable is unequal to everything: the Deny keeping instance credentials in their VPC applies off the VPC",
             context: ctx(("aws:Ec2InstanceSourceVpc", "vpc-0a1b2c3d")), identity: [allowAll],
             scps: [[doc(.allow("*"), Stmt.deny("*").when("StringNotEquals", "aws:Ec2InstanceSourceVpc", "${aws:SourceVpc}"))]],
             expected: .explicitDeny), // variables (policy variables with no value), condition-keys#condition-keys-ec2instancesourcevpc
    EvalCase("... and not in the VPC the credentials were delivered to", context: ctx(("aws:Ec2InstanceSourceVpc", "vpc-0a1b2c3d"), ("aws:SourceVpc", "vpc-0a1b2c3d")),
             identity: [allowAll],
             scps: [[doc(.allow("*"), Stmt.deny("*").when("StringNotEquals", "aws:Ec2InstanceSourceVpc", "${aws:SourceVpc}"))]],
             expected: .allowed), // variables
    EvalCase("a variable in a condition of a 2008-10-17 policy is literal", action: "s3:ListBucket",
             resource: "arn:aws:s3:::bucket", context: ctx(("s3:prefix", "home/alice/docs")),
             identity: [doc([prefixAllow], version: "2008-10-17")], expected: .implicitDeny), // version
    EvalCase("a default value applies when the key is missing: ${aws:PrincipalTag/team, 'shared'}",
             resource: "arn:aws:s3:::bucket/shared/x",
             identity: [doc(.allow("s3:GetObject", on: "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'shared'}/*"))],
             expected: .allowed), // variables (specifying default values)
    EvalCase("the key's value wins over the default", resource: "arn:aws:s3:::bucket/blue/x",
             context: ctx(("aws:PrincipalTag/team", "blue")),
             identity: [doc(.allow("s3:GetObject", on: "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'shared'}/*"))],
             expected: .allowed), // variables
    EvalCase("an unresolvable variable makes a Deny not apply (Resource)", resource: "arn:aws:s3:::bucket/blue/x",
             identity: [doc(.allow("*"), .deny("s3:*", on: "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*"))],
             expected: .allowed, missing: ["aws:PrincipalTag/team"]), // variables
    EvalCase("an unresolvable variable makes a Deny not apply (condition)",
             caller: Who.session, context: ctx(("s3:prefix", "home/app/")),
             identity: [doc(.allow("*"), Stmt.deny("s3:*").when("StringLike", "s3:prefix", "home/${aws:username}/*"))],
             expected: .allowed), // variables
    EvalCase("aws:PrincipalAccount as a variable in Resource", action: "sqs:SendMessage",
             resource: "arn:aws:sqs:us-east-1:111122223333:jobs",
             identity: [doc(.allow("sqs:SendMessage", on: "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:jobs"))],
             expected: .allowed), // variables, reference_policies_condition-keys.html#condition-keys-principalaccount
    EvalCase("${*} is a literal star, not a wildcard", resource: "arn:aws:s3:::bucket/a-anything",
             identity: [doc(.allow("s3:GetObject", on: "arn:aws:s3:::bucket/a-${*}"))], expected: .implicitDeny), // variables (special characters)
]

@Suite("Evaluation: policy variables")
struct VariableEvaluationTests {
    @Test(arguments: variableCases)
    func evaluates(_ row: EvalCase) throws { try row.check() }
}

// MARK: - NotPrincipal

private let notPrincipalPolicy = rp(
    Stmt.allow("s3:*").principal(P.star),
    Stmt.deny("s3:*").notPrincipal(P.aws(Who.alice, Who.aRoot)))

private let notPrincipalAccountIssue = "ALLOWED WHERE AWS DENIES: an account ARN listed in NotPrincipal (as AWS tells you to list it) excludes every principal of that account, so the Deny never applies to them; AWS documents NotPrincipal [user/Bob, account root] as denying 'all principals except the user named Bob'"

private let notPrincipalCases: [EvalCase] = [
    EvalCase("Deny with NotPrincipal does not deny the listed principal", resourcePolicy: notPrincipalPolicy,
             expected: .allowed), // notprincipal
    EvalCase("Deny with NotPrincipal [alice, account] denies another user of the same account", caller: Who.bob,
             resourcePolicy: notPrincipalPolicy, expected: .explicitDeny), // notprincipal (example: "all principals except the user named Bob in AWS account 444455556666 are explicitly denied", with NotPrincipal [user/Bob, account root])
    EvalCase("Deny with NotPrincipal denies a principal of another account", caller: Who.carol, resourceAccount: Acct.a,
             identity: [allowGet], resourcePolicy: notPrincipalPolicy, expected: .explicitDeny,
             matched: ["ResourcePolicy#1"]), // notprincipal
    EvalCase("Deny with NotPrincipal denies a service principal that is not listed", caller: Who.events,
             resourcePolicy: notPrincipalPolicy, expected: .explicitDeny), // notprincipal
    EvalCase("NotPrincipal with the role ARN and the account, but not the session ARN, does not exclude the session (sessions must be named; the simulator takes the denying reading)", caller: Who.session,
             resourcePolicy: rp(Stmt.allow("s3:*").principal(P.star), Stmt.deny("s3:*").notPrincipal(P.aws(Who.roleARN, Who.aRoot))),
             expected: .explicitDeny), // notprincipal ("Principals must always name a specific session")
    EvalCase("NotPrincipal with the session ARN, its role ARN and the account excludes the session", caller: Who.session,
             resourcePolicy: rp(Stmt.allow("s3:*").principal(P.star), Stmt.deny("s3:*").notPrincipal(P.aws(Who.session, Who.roleARN, Who.aRoot))),
             expected: .allowed), // notprincipal (example "IAM role in the same or different account")
    EvalCase("NotPrincipal with a role ARN and the account does not exclude another role's session",
             caller: Who.otherRoleSession,
             resourcePolicy: rp(Stmt.allow("s3:*").principal(P.star), Stmt.deny("s3:*").notPrincipal(P.aws(Who.roleARN, Who.aRoot))),
             expected: .explicitDeny), // notprincipal
    EvalCase("NotPrincipal with a role ARN only (no account) does not exclude another role's session",
             caller: Who.otherRoleSession,
             resourcePolicy: rp(Stmt.allow("s3:*").principal(P.star), Stmt.deny("s3:*").notPrincipal(P.aws(Who.roleARN))),
             expected: .explicitDeny), // notprincipal
    EvalCase("NotPrincipal with session, role and account excludes that session", caller: Who.session,
             resourcePolicy: rp(Stmt.allow("s3:*").principal(P.star),
                                Stmt.deny("s3:*").notPrincipal(P.aws(Who.session, Who.roleARN, Who.aRoot))),
             expected: .allowed), // notprincipal
    EvalCase("NotPrincipal + Deny always denies a principal that has a permissions boundary", identity: [allowGet],
             boundary: [allowS3], resourcePolicy: notPrincipalPolicy, expected: .explicitDeny), // notprincipal, boundaries
    EvalCase("NotPrincipal naming a user without its account may deny the user (AWS may validate the account first)",
             resourcePolicy: rp(Stmt.allow("s3:*").principal(P.star), Stmt.deny("s3:*").notPrincipal(P.aws(Who.alice))),
             expected: .explicitDeny), // notprincipal
]

@Suite("Evaluation: NotPrincipal")
struct NotPrincipalEvaluationTests {
    @Test(arguments: notPrincipalCases)
    func evaluates(_ row: EvalCase) throws { try row.check() }

    @Test("NotPrincipal with Allow is rejected, and so is NotPrincipal outside resource-based policies")
    func notPrincipalRejected() {
        // notprincipal: "NotPrincipal must be used with "Effect":"Deny""; "You cannot use the NotPrincipal
        // element in an IAM identity-based policy nor in an IAM role trust policy"; SCPs and RCPs do not support it.
        let allow = doc(Stmt.allow("s3:*").notPrincipal(P.aws(Who.alice)))
        #expect(PolicyParser.parse(allow, id: "r", kind: .resource).policy == nil)
        let deny = doc(Stmt.deny("sts:AssumeRole").noResource.notPrincipal(P.aws(Who.alice)))
        #expect(PolicyParser.parse(deny, id: "t", kind: .trust).policy == nil)
        let rcp = doc(Stmt.deny("s3:*").notPrincipal(P.star))
        #expect(PolicyParser.parse(rcp, id: "rcp", kind: .rcp).policy == nil)
    }
}

// MARK: - Results: matched statements, missing keys, per-kind details

@Suite("Evaluation results: matched statements, missing context keys, decision details")
struct EvaluationResultTests {
    @Test("matched statements name the policy, the 0-based index, the Sid, the kind and the position")
    func matchedStatements() throws {
        let identity = doc(
            Stmt.allow("ec2:*").sid("Compute"),
            Stmt.allow("s3:GetObject").sid("ReadObjects"),
            Stmt.allow("s3:Get*"))
        let row = EvalCase("matched", identity: [allowEC2, identity], expected: .allowed)
        let result = try row.evaluate()
        #expect(result.decision == .allowed)
        let matched = result.matchedStatements
        try #require(matched.count == 2)
        #expect(matched[0].policyID == "Identity.2")
        #expect(matched[0].policyKind == .identity)
        #expect(matched[0].statementIndex == 1)
        #expect(matched[0].sid == "ReadObjects")
        #expect(matched[0].effect == .allow)
        // `doc` writes statement N (0-based) on line N + 4.
        #expect(matched[0].range.start.line == 5)
        #expect(matched[1].statementIndex == 2)
        #expect(matched[1].sid == nil)
    }

    @Test("an explicit deny lists the Deny statements of every kind, not the Allows")
    func denyStatements() throws {
        let row = EvalCase("deny", caller: Who.session, identity: [doc(Stmt.allow("*").sid("All"), Stmt.deny("s3:*").sid("NoS3"))],
                           session: [doc(.allow("*"), Stmt.deny("s3:GetObject").sid("NoGet"))],
                           resourcePolicy: rp(Stmt.deny("s3:GetObject").principal(P.star).sid("Locked")), expected: .explicitDeny)
        let result = try row.evaluate()
        #expect(result.decision == .explicitDeny)
        #expect(Set(result.matchedStatements.map { "\($0.policyID)/\($0.sid ?? "-")/\($0.policyKind.rawValue)" })
                == ["Identity.1/NoS3/identity", "Session.1/NoGet/session", "ResourcePolicy/Locked/resource"])
    }

    @Test("missing context keys: every key asked by an otherwise matching statement, once, ignoring case")
    func missingKeys() throws {
        let row = EvalCase("missing",
                           identity: [doc(Stmt.allow("s3:*").when("StringEquals", "aws:SourceVpc", "vpc-1"),
                                          Stmt.allow("s3:*").when("StringEquals", "AWS:SOURCEVPC", "vpc-2"),
                                          Stmt.allow("s3:*").when("IpAddress", "aws:SourceIp", "10.0.0.0/8"))],
                           boundary: [doc(Stmt.allow("*").when("Bool", "aws:MultiFactorAuthPresent", "true"))],
                           expected: .implicitDeny)
        let result = try row.evaluate()
        #expect(result.decision == .implicitDeny)
        #expect(Set(result.missingContextKeys.map { $0.lowercased() }) == ["aws:sourcevpc", "aws:sourceip", "aws:multifactorauthpresent"])
        #expect(result.missingContextKeys.count == 3)
    }

    @Test("keys given in the request are not reported; keys of non-matching statements are not reported")
    func notMissing() throws {
        let row = EvalCase("present", context: ctx(("aws:SourceVpc", "vpc-1")),
                           identity: [doc(Stmt.allow("s3:*").when("StringEquals", "aws:SourceVpc", "vpc-1"),
                                          Stmt.allow("ec2:*").when("StringEquals", "ec2:Region", "eu-west-1"))],
                           expected: .allowed)
        let result = try row.evaluate()
        #expect(result.decision == .allowed)
        #expect(result.missingContextKeys.isEmpty)
    }

    @Test("allowedByOrganizations: nil without SCPs, true when every level allows, false otherwise")
    func organizationsDetail() throws {
        let none = try EvalCase("no SCP", identity: [allowGet], expected: .allowed).evaluate()
        #expect(none.allowedByOrganizations == nil)
        let yes = try EvalCase("SCP allows", identity: [allowGet], scps: [[fullAccessSCP]], expected: .allowed).evaluate()
        #expect(yes.allowedByOrganizations == true)
        let no = try EvalCase("SCP OU", identity: [allowGet], scps: [[fullAccessSCP], [allowEC2]], expected: .implicitDeny).evaluate()
        #expect(no.allowedByOrganizations == false)
        #expect(no.perKind[.scp] == .implicitDeny)
        let denied = try EvalCase("SCP deny", identity: [allowGet], scps: [[allowAllDenyGet]], expected: .explicitDeny).evaluate()
        #expect(denied.allowedByOrganizations == false)
        #expect(denied.perKind[.scp] == .explicitDeny)
    }

    @Test("allowedByPermissionsBoundary: nil without a boundary, true or false with one")
    func boundaryDetail() throws {
        let none = try EvalCase("no boundary", identity: [allowGet], expected: .allowed).evaluate()
        #expect(none.allowedByPermissionsBoundary == nil)
        let yes = try EvalCase("boundary allows", identity: [allowGet], boundary: [allowS3], expected: .allowed).evaluate()
        #expect(yes.allowedByPermissionsBoundary == true)
        let no = try EvalCase("boundary does not", identity: [allowGet], boundary: [allowEC2], expected: .implicitDeny).evaluate()
        #expect(no.allowedByPermissionsBoundary == false)
        #expect(no.decision == .implicitDeny)
        // The user ARN in a resource policy gets past the boundary: the detail still says what the boundary decided.
        let viaResource = try EvalCase("resource", boundary: [allowEC2],
                                       resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.alice))),
                                       expected: .allowed).evaluate()
        #expect(viaResource.decision == .allowed)
        #expect(viaResource.allowedByPermissionsBoundary == false)
    }

    @Test("per-kind decisions list exactly the kinds present")
    func perKind() throws {
        let result = try EvalCase("kinds", caller: Who.session, identity: [allowGet], boundary: [allowS3], session: [allowEC2],
                                  rcps: [[fullAccessRCP]], resourcePolicy: rp(Stmt.deny("s3:PutObject").principal(P.star)),
                                  expected: .implicitDeny).evaluate()
        #expect(result.perKind == [.identity: .allowed, .boundary: .allowed, .session: .implicitDeny,
                                   .rcp: .allowed, .resource: .implicitDeny])
    }

    @Test("explain mode gives the deciding rule and traces every statement; the decision does not depend on it")
    func reasonsAndTrace() throws {
        let row = EvalCase("trace", caller: Who.carol, resourceAccount: Acct.a,
                           resourcePolicy: rp(Stmt.allow("s3:GetObject").principal(P.aws(Who.carol))), expected: .implicitDeny)
        let quiet = try row.evaluate()
        #expect(quiet.trace.isEmpty)
        let traced = try row.evaluate(explain: true)
        #expect(traced.reasons.contains { $0.contains("cross-account") }, "\(traced.reasons)")
        #expect(traced.trace.count == 1)
        #expect(traced.trace.first?.applies == true)
        #expect(traced.decision == quiet.decision)
    }
}

@Suite("Evaluation results: explain mode")
struct ExplainModeTests {
    @Test("missing context keys do not depend on explain mode")
    func missingKeysSameWithExplain() throws {
        // SimulateCustomPolicy's MissingContextValues: "context keys that are required by the included input
        // policies but that were not provided" (API_EvaluationResult). The first clause fails, the second
        // names a key the request lacks.
        let row = EvalCase("missing", context: ctx(("aws:RequestedRegion", "us-east-1")),
                           identity: [doc(Stmt.allow("s3:*").when("StringEquals", "aws:RequestedRegion", "eu-west-1")
                                              .when("StringEquals", "aws:SourceVpc", "vpc-1"))],
                           expected: .implicitDeny)
        let quiet = try row.evaluate()
        let explained = try row.evaluate(explain: true)
        #expect(quiet.decision == explained.decision)
        #expect(quiet.missingContextKeys == explained.missingContextKeys)
    }
}
