import IAMPolicy
import QuizBank
import Testing

@testable import Drills

/// The variants inside a family come up among its 1,000 drills (those of ``DrillFamilyTests``), each with 1, 2
/// and 3 right options, so that none can silently vanish; and the traps they are for do occur. The facts follow
/// AWS's reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAllValues holds when the key is
/// missing, ForAnyValue does not), reference_policies_elements_condition_operators.html (a missing key makes a
/// condition false except with ...IfExists and Null; Date and Numeric comparisons) and
/// reference_policies_elements_notprincipal.html (a Deny with NotPrincipal spares a role session only when the
/// session's ARN is listed).
@Suite("Drill variants")
struct DrillVariantTests {
    static func drills(_ family: String) throws -> [GeneratedDrill] {
        try #require(DrillFamilyTests.generated[family])
    }

    /// The right counts of the drills whose policies contain `marker` (written on one line, as the evaluator
    /// reads them: the stem lays them out over several lines), and how many there are.
    static func rightCounts(_ drills: [GeneratedDrill], _ marker: String) -> (count: Int, rights: Set<Int>) {
        let matching = drills.filter { $0.policies.contains { $0.document.contains(marker) } }
        return (matching.count, Set(matching.map { $0.question.key.indices.count }))
    }

    @Test("conditions: every operator variant comes up, with 1, 2 and 3 right options",
          arguments: ["\"Bool\"", "\"BoolIfExists\"", "\"Null\"", "\"IpAddress\"", "\"NotIpAddress\"", "\"StringLike\"",
                      "\"StringEquals\": {\"aws:PrincipalTag", "\"ArnLike\"", "\"DateGreaterThan\"", "\"DateLessThan\"",
                      "\"NumericLessThan\"", "\"NumericGreaterThanEquals\"", "\"StringEqualsIfExists\"",
                      "\"ForAllValues:StringEquals\": {\"aws:TagKeys\"", "\"ForAnyValue:StringEquals\": {\"aws:TagKeys\"",
                      "\"ForAllValues:StringEquals\": {\"aws:PrincipalTag", "\"ForAllValues:StringEquals\": {\"aws:CalledVia\"",
                      "\"ForAnyValue:StringEquals\": {\"aws:CalledVia\""])
    func conditionVariants(marker: String) throws {
        let (count, rights) = Self.rightCounts(try Self.drills("conditions"), marker)
        #expect(count >= 15, "\(marker): \(count) drills")
        #expect(rights == [1, 2, 3], "\(marker): right counts \(rights)")
    }

    /// The options of the drills whose policy has a condition with `op` on `key`, with what the evaluator decided.
    static func options(_ drills: [GeneratedDrill], op: String, key: String) -> [(request: DrillRequest, decision: Decision?)] {
        drills.filter { $0.policies.contains { $0.statements.contains { $0.conditions.contains { $0.op == op && $0.key == key } } } }
            .flatMap { drill in drill.options.compactMap { o in o.request.map { ($0, o.decision) } } }
    }

    @Test("the missing-key traps come up: ForAllValues allows a request without aws:TagKeys, ForAnyValue does not")
    func missingKeyTraps() throws {
        let drills = try Self.drills("conditions")
        let tagless = { (r: DrillRequest) in !r.context.contains { $0.name == "aws:TagKeys" } && r.action.contains("Tag") }
        // A tagging action allowed with no tag keys: only a ForAllValues Allow can do that.
        #expect(Self.options(drills, op: "ForAllValues:StringEquals", key: "aws:TagKeys")
            .contains { tagless($0.request) && $0.decision == .allowed })
        // ForAnyValue: no action an Allow with it covers is allowed without tag keys, and that comes up.
        var anyTagless = 0
        for drill in drills {
            let covered = drill.policies.flatMap(\.statements).filter { s in
                s.effect == .allow && s.conditions.contains { $0.op == "ForAnyValue:StringEquals" && $0.key == "aws:TagKeys" }
            }.flatMap(\.actions)
            for option in drill.options {
                guard let request = option.request, covered.contains(request.action), tagless(request) else { continue }
                anyTagless += 1
                #expect(option.decision != .allowed, "\(drill.question.id)")
            }
        }
        #expect(anyTagless > 0)
        // A single-valued key under ForAllValues: a caller without the tag is allowed.
        #expect(Self.options(drills, op: "ForAllValues:StringEquals", key: "aws:PrincipalTag/team")
            .contains { $0.request.context.isEmpty && $0.decision == .allowed })
        // A Deny on aws:MultiFactorAuthAge does not stop long-term access keys.
        #expect(Self.options(drills, op: "NumericGreaterThanEquals", key: "aws:MultiFactorAuthAge")
            .contains { $0.request.context.isEmpty && $0.decision == .allowed })
    }

    @Test("not-action: NotAction, an Allow and a Deny with NotResource, and a Deny with NotPrincipal all come up, with 1, 2 and 3 right options",
          arguments: ["\"Effect\": \"Allow\", \"NotAction\"", "\"Effect\": \"Deny\", \"NotAction\"",
                      "\"Effect\": \"Allow\", \"Action\": [", "\"NotResource\"", "\"NotPrincipal\""])
    func notActionVariants(marker: String) throws {
        let (count, rights) = Self.rightCounts(try Self.drills("not-action"), marker)
        #expect(count >= 50, "\(marker): \(count) drills")
        #expect(rights == [1, 2, 3], "\(marker): right counts \(rights)")
    }

    @Test("the NotPrincipal trap comes up: a Deny that lists a role but not its session denies the session")
    func notPrincipalTrap() throws {
        var trapped = 0, spared = 0
        for drill in try Self.drills("not-action") {
            guard let deny = drill.policies.first(where: { $0.kind == .resource })?.statements.first(where: \.notPrincipal) else { continue }
            let listed = deny.principals.flatMap(\.values)
            for option in drill.options {
                guard let request = option.request, request.callerARN.contains(":assumed-role/") else { continue }
                let role = try #require(Caller(parsing: request.callerARN)?.roleARN)
                guard listed.contains(role) else { continue }
                if !listed.contains(request.callerARN), option.decision == .explicitDeny { trapped += 1 }
                if listed.contains(request.callerARN), option.decision == .allowed { spared += 1 }
            }
        }
        #expect(trapped > 0 && spared > 0, "trapped \(trapped), spared \(spared)")
    }

    /// The difficulty rule: associate drills have one or two policy types and no conditions.
    @Test("associate drills have no conditions and at most two policy types, in every family")
    func associateWithoutConditions() {
        for (family, drills) in DrillFamilyTests.generated {
            for drill in drills where drill.question.level == .associate {
                #expect(!drill.policies.contains { $0.statements.contains { !$0.conditions.isEmpty } }, "\(family): \(drill.question.id)")
                #expect(Set(drill.policies.map(\.kind)).count <= 2, "\(family): \(drill.question.id): \(drill.policies.map(\.kind))")
            }
        }
    }
}
