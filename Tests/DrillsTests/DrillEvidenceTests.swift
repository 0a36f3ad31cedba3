import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine
import Testing

@testable import Drills

/// The evidence `verify` shows for a drill, computed again from the drill: it agrees with the key.
@Suite("Drill evidence for verify")
struct DrillEvidenceTests {
    @Test("a drill the evaluator keys: each option's request, decision and trace; right exactly for the key")
    func evaluator() throws {
        for family in [DrillFamilies.named("not-action"), DrillFamilies.named("evaluation-logic")].compactMap({ $0 }) {
            let drill = DrillGenerator.drill(family: family, level: .associate, seed: 8, position: 1)
            let evidence = try #require(drill.evidence())
            #expect(evidence.count == drill.options.count)
            guard case .options(let key) = drill.question.key else { Issue.record("not keyed by options"); continue }
            #expect(evidence.indices.filter { evidence[$0].right } == key)
            for (e, option) in zip(evidence, drill.options) {
                #expect(e.outcome == option.decision?.rawValue)
                #expect(e.context.first?.hasPrefix("request: ") == true && e.context.first?.contains(option.request?.action ?? "?") == true)
                #expect(e.trace.contains { $0.contains("statement 1") || $0.contains("no statement matched") }, "\(e.trace)")
            }
        }
    }

    @Test("a drill decided in a world: each option's steps run again, with the deciding step's result")
    func world() throws {
        var random = SeededRandom(seed: 1)
        let drill = try #require(WorldDrillBuilder.assemble(WorldDrillBuilderTests.draft(), family: WorldDrillBuilderTests.family,
                                                            level: .associate, random: &random))
        let evidence = try #require(drill.evidence())
        #expect(evidence.count == drill.options.count)
        for (e, option) in zip(evidence, drill.options) {
            #expect(e.outcome == "\(option.outcome)")
            #expect(e.right == option.text.hasPrefix("Alice"))
            let step = try #require(option.step)
            #expect(e.context.count == 2 && e.context.last?.hasPrefix("step \(step): assume prod/Reports") == true, "\(e.context)")
        }
    }
}
