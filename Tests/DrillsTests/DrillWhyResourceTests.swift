import IAMPolicy
import Testing

@testable import Drills

/// The explanations of requests decided by a resource-based policy, an RCP or a source identity, on hand-made
/// policies in one account.
///
/// The rules, from https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
/// ("Resource-based policies") and access_policies_boundaries.html: within one account a resource-based policy that
/// names the IAM user or the role session grants by itself, whatever the identity policy, the permissions boundary
/// or the session policy say; one that names the role's ARN needs no identity policy but is limited by an implicit
/// deny in the boundary or the session policy.
@Suite("Drill explanations: resource-based policies, RCPs, source identity")
struct DrillWhyResourceTests {
    static let alice = DrillPerson(name: "Alice")
    static let roleARN = "arn:aws:iam::111122223333:role/DataRole"
    static let sessionARN = alice.sessionARN(role: "DataRole")
    static let object = "arn:aws:s3:::reports/q1.csv"
    /// The identity policy allows nothing on `reports`.
    static let identity = DrillPolicy(kind: .identity, name: "AliceApp", statements: [
        DrillStatement(sid: "AllowInvoices", effect: .allow, actions: ["s3:GetObject"], resources: ["arn:aws:s3:::invoices/*"]),
    ])
    static let boundary = DrillPolicy(kind: .boundary, name: "DevBoundary", statements: [
        DrillStatement(sid: "BoundaryActions", effect: .allow, actions: ["s3:GetObject"]),
    ])
    static let session = DrillPolicy(kind: .session, name: "SessionScope", statements: [
        DrillStatement(sid: "SessionActions", effect: .allow, actions: ["s3:GetObject"]),
    ])

    static func bucketPolicy(naming arn: String, sid: String) -> DrillPolicy {
        DrillPolicy(kind: .resource, name: "ReportsPolicy", statements: [
            DrillStatement(sid: sid, effect: .allow, actions: ["s3:GetObject", "s3:PutObject"], resources: ["arn:aws:s3:::reports/*"],
                           principals: [DrillPrincipal("AWS", [arn])]),
        ])
    }

    static func why(_ caller: String, _ action: String, _ resource: String, _ policies: [DrillPolicy],
                    context: [ContextEntry] = []) throws -> String {
        let request = DrillRequest(principal: "Alice", callerARN: caller, action: action, resource: resource, context: context)
        let set = try #require(DrillPolicies.policySet(policies))
        return DrillWhy.sentence(Evaluator().evaluate(request.authorizationRequest, policies: set), request, policies)
    }

    @Test("a resource-based policy that names the user grants by itself: the boundary does not limit it")
    func namesUser() throws {
        let policies = [Self.identity, Self.boundary, Self.bucketPolicy(naming: Self.alice.userARN, sid: "AllowUser")]
        #expect(try Self.why(Self.alice.userARN, "s3:PutObject", Self.object, policies)
            == "allowed: the statement `AllowUser` of the resource-based policy `ReportsPolicy` names the user alice directly, "
            + "which in the same account grants by itself, whatever the identity policy and the permissions boundary say, "
            + "and nothing denies it")
    }

    @Test("a resource-based policy that names the session grants by itself: the session policy does not limit it")
    func namesSession() throws {
        let policies = [Self.identity, Self.boundary, Self.session, Self.bucketPolicy(naming: Self.sessionARN, sid: "AllowSession")]
        #expect(try Self.why(Self.sessionARN, "s3:PutObject", Self.object, policies)
            == "allowed: the statement `AllowSession` of the resource-based policy `ReportsPolicy` names this role session's "
            + "ARN directly, which in the same account grants by itself, whatever the identity policy, the permissions "
            + "boundary and the session policy say, and nothing denies it")
    }

    @Test("a resource-based policy that names the role's ARN needs no identity policy, but stays within the boundary and the session policy")
    func namesRole() throws {
        let scp = DrillPolicy(kind: .scp, name: "Guardrails", statements: [DrillStatement(sid: "FullAWSAccess", effect: .allow, actions: ["*"])])
        let policies = [Self.identity, Self.boundary, scp, Self.session, Self.bucketPolicy(naming: Self.roleARN, sid: "AllowRole")]
        #expect(try Self.why(Self.sessionARN, "s3:GetObject", Self.object, policies)
            == "allowed: the statement `AllowRole` of the resource-based policy `ReportsPolicy` names the role `DataRole`, "
            + "which grants it without the identity policy, within the permissions boundary and the session policy, which "
            + "allow it; the SCP `Guardrails` allows it too, and nothing denies it")
        #expect(try Self.why(Self.sessionARN, "s3:PutObject", Self.object, policies)
            == "denied (implicitly): the resource-based policy `ReportsPolicy` allows the role `DataRole`, but a grant to the "
            + "role's ARN stays within the permissions boundary `DevBoundary`, which does not allow s3:PutObject")
    }

    @Test("neither side allows: the caller's own policies say why, and the resource-based policy does not allow it either")
    func neitherSide() throws {
        let policies = [Self.identity, Self.boundary, Self.bucketPolicy(naming: Self.roleARN, sid: "AllowRole")]
        #expect(try Self.why(Self.sessionARN, "s3:DeleteObject", Self.object, policies)
            == "denied (implicitly): no statement of the identity policy `AliceApp` allows s3:DeleteObject on this resource; "
            + "the resource-based policy `ReportsPolicy` does not allow it either")
    }

    @Test("an RCP's Deny is named with its level; RCPFullAWSAccess beside it at the same level allows the rest")
    func rcp() throws {
        // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html: RCPs restrict the
        // resources of the accounts below them, whoever calls; only RCPFullAWSAccess allows.
        let own = DrillPolicy(kind: .identity, name: "AliceWork", statements: [
            DrillStatement(sid: "AllowReports", effect: .allow, actions: ["s3:*"], resources: ["arn:aws:s3:::reports/*"]),
        ])
        let full = DrillPolicy(kind: .rcp, name: "RCPFullAWSAccess", statements: [
            DrillStatement(sid: "RCPFullAWSAccess", effect: .allow, actions: ["*"], principals: [.anyone]),
        ], attachment: "the Prod OU")
        let perimeter = DrillPolicy(kind: .rcp, name: "ProdDataPerimeter", statements: [
            DrillStatement(sid: "DenyPutObjectExceptAppRole", effect: .deny, actions: ["s3:PutObject"],
                           conditions: [DrillCondition("ArnNotLike", "aws:PrincipalArn", ["arn:aws:iam::111122223333:role/AppRole"])],
                           principals: [.anyone]),
        ], attachment: "the Prod OU")
        let policies = [own, full, perimeter]
        #expect(try Self.why(Self.alice.userARN, "s3:PutObject", Self.object, policies)
            == "denied explicitly: the statement `DenyPutObjectExceptAppRole` of the RCP `ProdDataPerimeter` on the Prod OU "
            + "denies s3:PutObject here (its condition `ArnNotLike aws:PrincipalArn arn:aws:iam::111122223333:role/AppRole` "
            + "holds: the request has aws:PrincipalArn = arn:aws:iam::111122223333:user/alice), and an explicit Deny overrides every Allow")
        // The role's session: aws:PrincipalArn is the role's ARN, so the Deny does not apply.
        #expect(try Self.why(Self.alice.sessionARN(role: "AppRole"), "s3:PutObject", Self.object, policies)
            == "allowed: the statement `AllowReports` of the identity policy `AliceWork` allows it, the RCP `RCPFullAWSAccess` "
            + "on the Prod OU allows it too, and nothing denies it: the condition `ArnNotLike aws:PrincipalArn "
            + "arn:aws:iam::111122223333:role/AppRole` of `DenyPutObjectExceptAppRole` does not hold, as the request has "
            + "aws:PrincipalArn = arn:aws:iam::111122223333:role/AppRole")
    }

    @Test("a session without a source identity cannot resolve ${aws:SourceIdentity}")
    func sourceIdentity() throws {
        let homes = DrillPolicy(kind: .identity, name: "DataRoleHomes", statements: [
            DrillStatement(sid: "AllowOwnHome", effect: .allow, actions: ["s3:GetObject"],
                           resources: ["arn:aws:s3:::team-bucket/home/${aws:SourceIdentity}/*"]),
        ])
        let home = "arn:aws:s3:::team-bucket/home/alice/plan.md"
        #expect(try Self.why(Self.sessionARN, "s3:GetObject", home, [homes])
            == "denied (implicitly): the statement `AllowOwnHome` of the identity policy `DataRoleHomes` names its resource "
            + "with ${aws:SourceIdentity}, and the request has no aws:SourceIdentity, so the statement does not apply")
        let alice = [ContextEntry(name: "aws:SourceIdentity", values: ["alice"], type: .string)]
        #expect(try Self.why(Self.sessionARN, "s3:GetObject", home, [homes], context: alice)
            == "allowed: the statement `AllowOwnHome` of the identity policy `DataRoleHomes` allows it and nothing denies it")
    }
}
