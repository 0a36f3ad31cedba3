import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine
import Testing

@testable import Drills

/// The audit that `make test` runs on 10,000 drills a family in a release build (`drill-bench --audit 10000`):
/// here on fewer, and on drills spoiled on purpose, which it must catch.
@Suite("Drill audit")
struct DrillAuditTests {
    @Test("every family passes the audit on 150 drills: keys recomputed, shapes, right counts 1 to 3, levels, bank round trip, same seed",
          arguments: DrillFamilies.all.map(\.name))
    func familyPasses(name: String) throws {
        let family = try #require(DrillFamilies.named(name))
        let report = DrillAudit.audit(family, count: 150, seed: 20_261_206, reproducible: 20)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.passed(levels: family.levels), "right counts \(report.rightCounts), levels \(report.levels)")
    }

    /// One drill of each kind of keying: the evaluator, a world, edits.
    static func drill(_ family: String, seed: UInt64 = 4) throws -> GeneratedDrill {
        var generator = DrillGenerator(families: [try #require(DrillFamilies.named(family))], level: nil, seed: seed)
        return generator.next()
    }

    static func problems(_ drill: GeneratedDrill) -> [String] {
        var report = DrillAudit.Report(family: drill.family)
        DrillAudit.check(drill, into: &report)
        return report.problems
    }

    @Test("a wrong key is caught, whatever keyed the drill", arguments: ["explicit-deny", "trust-policies", "fix-the-policy"])
    func wrongKey(family: String) throws {
        var drill = try Self.drill(family)
        #expect(Self.problems(drill).isEmpty)
        let right = drill.question.key.indices
        // Another set of as many options: the stem still asks for that many.
        let other = drill.question.options.indices.filter { !right.contains($0) }.prefix(right.count)
        drill.question.key = .options(Array(other).sorted())
        #expect(Self.problems(drill).contains { $0.contains("the key is") }, "\(Self.problems(drill))")
    }

    @Test("a stem whose policy says otherwise than the drill's is caught: the key is recomputed from what is shown")
    func shownPolicyDiffers() throws {
        var drill = try Self.drill("explicit-deny")
        // Show a policy that allows nothing: every option the drill calls allowed is now denied.
        let blocks = drill.question.stemBlocks.map { block -> StemBlock in
            guard case .code = block else { return block }
            return .code([#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}"#])
        }
        drill.question.stem = StemBlock.text(of: blocks)
        #expect(!Self.problems(drill).isEmpty)
    }

    @Test("two options with one text, and a stem asking for another number, are caught")
    func shapes() throws {
        var drill = try Self.drill("not-action")
        drill.question.options[1].text = drill.question.options[0].text
        #expect(Self.problems(drill).contains { $0.contains("two options with the same text") })
        var asked = try Self.drill("not-action")
        asked.question.stem = asked.question.stem.replacingOccurrences(of: "(Choose ", with: "(Choose 1") // (Choose 12)
        #expect(Self.problems(asked).contains { $0.contains("the stem asks for") })
    }

    @Test("a world drill whose scenario decides otherwise is caught")
    func worldDiffers() throws {
        var drill = try Self.drill("trust-policies")
        let outcome = drill.options[0].outcome
        drill.options[0].outcome = outcome.works ? .error("AccessDenied") : .ok
        #expect(Self.problems(drill).contains { $0.contains("option 1: the scenario gives") }, "\(Self.problems(drill))")
    }
}
