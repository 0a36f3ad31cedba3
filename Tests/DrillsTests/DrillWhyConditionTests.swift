import IAMPolicy
import Testing

@testable import Drills

/// The explanations of conditions where a missing key or a wildcard decides, of a Deny whose condition did
/// not hold, and of a Deny with NotPrincipal, on hand-made policies. The facts: AWS's
/// reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAllValues also holds when the key is
/// missing; ForAnyValue does not), reference_policies_elements_condition_operators.html (...IfExists holds when
/// the key is missing; StringEquals has no wildcards) and reference_policies_elements_notprincipal.html (a
/// role session is spared only when its own ARN is listed).
@Suite("Drill explanations of conditions and principals")
struct DrillWhyConditionTests {
    static let tagging = DrillPolicy(kind: .identity, name: "AliceTagging", statements: [
        DrillStatement(sid: "AllowKnownTagKeys", effect: .allow, actions: ["sqs:TagQueue"],
                       conditions: [DrillCondition("ForAllValues:StringEquals", "aws:TagKeys", ["env", "owner"])]),
        DrillStatement(sid: "AllowSomeKnownKey", effect: .allow, actions: ["sqs:CreateQueue"],
                       conditions: [DrillCondition("ForAnyValue:StringEquals", "aws:TagKeys", ["env", "owner"])]),
    ])
    static let queue = "arn:aws:sqs:us-east-1:111122223333:audit-queue"

    static func why(_ action: String, _ resource: String, _ policies: [DrillPolicy], caller: String = DrillWhyTests.alice.userARN,
                    context: [ContextEntry] = []) throws -> String {
        let request = DrillRequest(principal: "Alice", callerARN: caller, action: action, resource: resource, context: context)
        let set = try #require(DrillPolicies.policySet(policies))
        return DrillWhy.sentence(Evaluator().evaluate(request.authorizationRequest, policies: set), request, policies)
    }

    @Test("a missing multivalued key: ForAllValues holds, ForAnyValue does not, and the explanation says why")
    func missingKey() throws {
        #expect(try Self.why("sqs:TagQueue", Self.queue, [Self.tagging])
            == "allowed: the statement `AllowKnownTagKeys` of the identity policy `AliceTagging` allows it (its condition "
            + "`ForAllValues:StringEquals aws:TagKeys env, owner` holds: the request has no aws:TagKeys, and ForAllValues "
            + "holds when the key is missing) and nothing denies it")
        #expect(try Self.why("sqs:CreateQueue", Self.queue, [Self.tagging])
            == "denied (implicitly): the statement `AllowSomeKnownKey` of the identity policy `AliceTagging` would allow "
            + "sqs:CreateQueue, but its condition `ForAnyValue:StringEquals aws:TagKeys env, owner` does not hold: the "
            + "request has no aws:TagKeys, and ForAnyValue never holds when the key is missing")
        let keys = [ContextEntry(name: "aws:TagKeys", values: ["env", "cost-center"], type: .stringList)]
        #expect(try Self.why("sqs:TagQueue", Self.queue, [Self.tagging], context: keys)
            == "denied (implicitly): the statement `AllowKnownTagKeys` of the identity policy `AliceTagging` would allow "
            + "sqs:TagQueue, but its condition `ForAllValues:StringEquals aws:TagKeys env, owner` does not hold: the "
            + "request has aws:TagKeys = env, cost-center")
    }

    @Test("...IfExists on a missing key, and StringEquals with a * that is no wildcard")
    func ifExistsAndWildcard() throws {
        let policy = DrillPolicy(kind: .identity, name: "AliceApp", statements: [
            DrillStatement(sid: "AllowFromAppVpc", effect: .allow, actions: ["s3:GetObject"],
                           conditions: [DrillCondition("StringEqualsIfExists", "aws:SourceVpc", ["vpc-0a1b2c3d"])]),
            DrillStatement(sid: "AllowTeamEquals", effect: .allow, actions: ["s3:PutObject"],
                           conditions: [DrillCondition("StringEquals", "aws:PrincipalTag/team", ["data-*"])]),
        ])
        #expect(try Self.why("s3:GetObject", "arn:aws:s3:::reports/a.csv", [policy])
            == "allowed: the statement `AllowFromAppVpc` of the identity policy `AliceApp` allows it (its condition "
            + "`StringEqualsIfExists aws:SourceVpc vpc-0a1b2c3d` holds: the request has no aws:SourceVpc, and ...IfExists "
            + "holds when the key is missing) and nothing denies it")
        let team = [ContextEntry(name: "aws:PrincipalTag/team", values: ["data-eng"], type: .string)]
        #expect(try Self.why("s3:PutObject", "arn:aws:s3:::reports/a.csv", [policy], context: team)
            == "denied (implicitly): the statement `AllowTeamEquals` of the identity policy `AliceApp` would allow "
            + "s3:PutObject, but its condition `StringEquals aws:PrincipalTag/team data-*` does not hold: the request has "
            + "aws:PrincipalTag/team = data-eng, and StringEquals reads * as a plain character")
    }

    @Test("allowed despite a conditional Deny: the Deny's condition and what the request held for its key")
    func sparedByCondition() throws {
        let policy = DrillPolicy(kind: .identity, name: "AliceApp", statements: [
            DrillStatement(sid: "AllowWork", effect: .allow, actions: ["s3:GetObject"]),
            DrillStatement(sid: "DenyStaleMFA", effect: .deny, actions: ["*"],
                           conditions: [DrillCondition("NumericGreaterThanEquals", "aws:MultiFactorAuthAge", ["3600"])]),
        ])
        #expect(try Self.why("s3:GetObject", "arn:aws:s3:::reports/a.csv", [policy])
            == "allowed: the statement `AllowWork` of the identity policy `AliceApp` allows it and nothing denies it: the "
            + "condition `NumericGreaterThanEquals aws:MultiFactorAuthAge 3600` of `DenyStaleMFA` does not hold, as the "
            + "request has no aws:MultiFactorAuthAge")
    }

    @Test("a Deny with NotPrincipal: a role listed without its session denies the session; the session listed spares it")
    func notPrincipal() throws {
        let session = DrillWhyTests.alice.sessionARN(role: "admin")
        func policies(_ listed: [String]) -> [DrillPolicy] {
            [DrillPolicy(kind: .identity, name: "AliceWork", statements: [
                DrillStatement(sid: "AllowWork", effect: .allow, actions: ["s3:GetObject"]),
             ]),
             DrillPolicy(kind: .resource, name: "ReportsPolicy", statements: [
                DrillStatement(sid: "DenyAllButAdmin", effect: .deny, actions: ["s3:*"], resources: ["arn:aws:s3:::reports/*"],
                               principals: [DrillPrincipal("AWS", listed)], notPrincipal: true),
             ])]
        }
        let listed = ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/admin"]
        #expect(try Self.why("s3:GetObject", "arn:aws:s3:::reports/a.csv", policies(listed), caller: session)
            == "denied explicitly: the statement `DenyAllButAdmin` of the resource-based policy `ReportsPolicy` denies "
            + "s3:GetObject here (its NotPrincipal lists the role arn:aws:iam::111122223333:role/admin but not this session, "
            + "\(session)), and an explicit Deny overrides every Allow")
        #expect(try Self.why("s3:GetObject", "arn:aws:s3:::reports/a.csv", policies(listed))
            == "denied explicitly: the statement `DenyAllButAdmin` of the resource-based policy `ReportsPolicy` denies "
            + "s3:GetObject here (its NotPrincipal does not list arn:aws:iam::111122223333:user/alice), and an explicit "
            + "Deny overrides every Allow")
        #expect(try Self.why("s3:GetObject", "arn:aws:s3:::reports/a.csv", policies(listed + [session]), caller: session)
            == "allowed: the statement `AllowWork` of the identity policy `AliceWork` allows it and nothing denies it: the "
            + "NotPrincipal of `DenyAllButAdmin` lists \(session) itself, so that Deny does not apply to it")
        #expect(try Self.why("s3:PutObject", "arn:aws:s3:::invoices/a.csv", policies(listed))
            == "denied (implicitly): no statement of the identity policy `AliceWork` allows s3:PutObject on this resource; "
            + "the resource-based policy `ReportsPolicy` does not allow it either")
    }
}
