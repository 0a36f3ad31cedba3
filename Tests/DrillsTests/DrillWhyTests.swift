import IAMPolicy
import Testing

@testable import Drills

/// The explanation of an option, written from the evaluator's result, on hand-made policies.
@Suite("Drill explanations")
struct DrillWhyTests {
    static let alice = DrillPerson(name: "Alice")
    static let identity = DrillPolicy(kind: .identity, name: "AliceApp", statements: [
        DrillStatement(sid: "AllowReports", effect: .allow, actions: ["s3:GetObject", "s3:PutObject"],
                       resources: ["arn:aws:s3:::reports/*"]),
        DrillStatement(sid: "AllowWithMFA", effect: .allow, actions: ["s3:DeleteObject"], resources: ["arn:aws:s3:::reports/*"],
                       conditions: [DrillCondition("Bool", "aws:MultiFactorAuthPresent", ["true"])]),
    ])
    static let boundary = DrillPolicy(kind: .boundary, name: "DevBoundary", statements: [
        DrillStatement(sid: "BoundaryActions", effect: .allow, actions: ["s3:GetObject", "s3:DeleteObject"]),
    ])
    static let scp = DrillPolicy(kind: .scp, name: "Guardrails", statements: [
        DrillStatement(sid: "FullAWSAccess", effect: .allow, actions: ["*"]),
        DrillStatement(sid: "DenyGetObject", effect: .deny, actions: ["s3:GetObject"], resources: ["arn:aws:s3:::reports/2026/*"]),
    ])

    static func why(_ action: String, _ resource: String, _ policies: [DrillPolicy], context: [ContextEntry] = [],
                    phrase: String? = nil) throws -> String {
        let request = DrillRequest(principal: "Alice", callerARN: alice.userARN, action: action, resource: resource,
                                   context: context, contextPhrase: phrase)
        let set = try #require(DrillPolicies.policySet(policies))
        return DrillWhy.sentence(Evaluator().evaluate(request.authorizationRequest, policies: set), request, policies)
    }

    @Test("allowed: the identity statement that allows, the other policy types that allow too, no deny")
    func allowed() throws {
        #expect(try Self.why("s3:GetObject", "arn:aws:s3:::reports/q1.csv", [Self.identity, Self.boundary, Self.scp])
            == "allowed: the statement `AllowReports` of the identity policy `AliceApp` allows it, the SCP `Guardrails` and "
            + "the permissions boundary `DevBoundary` allow it too, and nothing denies it")
    }

    @Test("implicit deny: the first policy type that does not allow, in the evaluator's order")
    func implicit() throws {
        #expect(try Self.why("s3:PutObject", "arn:aws:s3:::reports/q1.csv", [Self.identity, Self.boundary])
            == "denied (implicitly): the permissions boundary `DevBoundary` does not allow s3:PutObject")
        #expect(try Self.why("s3:GetObject", "arn:aws:s3:::invoices/q1.csv", [Self.identity])
            == "denied (implicitly): no statement of the identity policy `AliceApp` allows s3:GetObject on this resource")
    }

    @Test("explicit deny: the Deny statement and its policy type")
    func explicit() throws {
        #expect(try Self.why("s3:GetObject", "arn:aws:s3:::reports/2026/q1.csv", [Self.identity, Self.scp])
            == "denied explicitly: the statement `DenyGetObject` of the SCP `Guardrails` denies s3:GetObject here, "
            + "and an explicit Deny overrides every Allow")
    }

    @Test("a condition that does not hold is named, with what the request holds for its key")
    func failedCondition() throws {
        #expect(try Self.why("s3:DeleteObject", "arn:aws:s3:::reports/q1.csv", [Self.identity], phrase: "with access keys")
            == "denied (implicitly): the statement `AllowWithMFA` of the identity policy `AliceApp` would allow "
            + "s3:DeleteObject, but its condition `Bool aws:MultiFactorAuthPresent true` does not hold: the request has "
            + "no aws:MultiFactorAuthPresent")
        let mfa = [ContextEntry(name: "aws:MultiFactorAuthPresent", values: ["true"], type: .boolean)]
        #expect(try Self.why("s3:DeleteObject", "arn:aws:s3:::reports/q1.csv", [Self.identity], context: mfa, phrase: "with MFA")
            == "allowed: the statement `AllowWithMFA` of the identity policy `AliceApp` allows it (its condition "
            + "`Bool aws:MultiFactorAuthPresent true` holds: the request has aws:MultiFactorAuthPresent = true) and nothing denies it")
    }

    @Test("SCPs at two levels: the explanation names the level whose SCP does not allow, or denies")
    func scpLevels() throws {
        let allowList = DrillPolicy(kind: .scp, name: "ProdAllowList", statements: [
            DrillStatement(sid: "AllowListed", effect: .allow, actions: ["s3:GetObject", "s3:PutObject"]),
        ], attachment: "the Prod OU")
        let guardrails = DrillPolicy(kind: .scp, name: "RootGuardrails", statements: [
            DrillStatement(sid: "FullAWSAccess", effect: .allow, actions: ["*"]),
            DrillStatement(sid: "DenyPutObject", effect: .deny, actions: ["s3:PutObject"]),
        ], attachment: "the root")
        let policies = [Self.identity, guardrails, allowList]
        #expect(try Self.why("s3:DeleteObject", "arn:aws:s3:::reports/q1.csv", policies,
                             context: [ContextEntry(name: "aws:MultiFactorAuthPresent", values: ["true"], type: .boolean)])
            == "denied (implicitly): the SCP `ProdAllowList` on the Prod OU does not allow s3:DeleteObject")
        #expect(try Self.why("s3:PutObject", "arn:aws:s3:::reports/q1.csv", policies)
            == "denied explicitly: the statement `DenyPutObject` of the SCP `RootGuardrails` on the root denies "
            + "s3:PutObject here, and an explicit Deny overrides every Allow")
        #expect(try Self.why("s3:GetObject", "arn:aws:s3:::reports/q1.csv", policies)
            == "allowed: the statement `AllowReports` of the identity policy `AliceApp` allows it, the SCPs `RootGuardrails` "
            + "(the root) and `ProdAllowList` (the Prod OU) allow it too, and nothing denies it")
    }

    @Test("a policy variable the request cannot resolve: the statement that names its resource with it does not apply")
    func unresolvedVariable() throws {
        let folders = DrillPolicy(kind: .identity, name: "TeamFolders", statements: [
            DrillStatement(sid: "AllowTeamFolder", effect: .allow, actions: ["s3:GetObject"],
                           resources: ["arn:aws:s3:::team-bucket/${aws:PrincipalTag/team}/*"]),
        ])
        #expect(try Self.why("s3:GetObject", "arn:aws:s3:::team-bucket/web/a.txt", [folders])
            == "denied (implicitly): the statement `AllowTeamFolder` of the identity policy `TeamFolders` names its "
            + "resource with ${aws:PrincipalTag/team}, and the request has no aws:PrincipalTag/team, so the statement does not apply")
        let web = [ContextEntry(name: "aws:PrincipalTag/team", values: ["data"], type: .string)]
        #expect(try Self.why("s3:GetObject", "arn:aws:s3:::team-bucket/web/a.txt", [folders], context: web)
            == "denied (implicitly): no statement of the identity policy `TeamFolders` allows s3:GetObject on this resource")
    }

    @Test("ABAC: a condition comparing a resource tag with a principal tag shows both values")
    func abacCondition() throws {
        let instances = DrillPolicy(kind: .identity, name: "TeamInstances", statements: [
            DrillStatement(sid: "AllowOwnTeamInstances", effect: .allow, actions: ["ec2:StopInstances"],
                           conditions: [DrillCondition("StringEquals", "aws:ResourceTag/team", ["${aws:PrincipalTag/team}"])]),
        ])
        let context = [ContextEntry(name: "aws:PrincipalTag/team", values: ["web"], type: .string),
                       ContextEntry(name: "aws:ResourceTag/team", values: ["data"], type: .string)]
        #expect(try Self.why("ec2:StopInstances", "arn:aws:ec2:us-east-1:111122223333:instance/i-0a4f3c21", [instances], context: context)
            == "denied (implicitly): the statement `AllowOwnTeamInstances` of the identity policy `TeamInstances` would allow "
            + "ec2:StopInstances, but its condition `StringEquals aws:ResourceTag/team ${aws:PrincipalTag/team}` does not hold: "
            + "the request has aws:ResourceTag/team = data and aws:PrincipalTag/team = web")
    }
}
