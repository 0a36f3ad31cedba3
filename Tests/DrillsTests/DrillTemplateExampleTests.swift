import Diagnostics
import Foundation
import IAMWorld
import QuizBank
import QuizEngine
import Testing

@testable import Drills

/// The example templates of `QuestionBank/drills/`: they pass the sample check, and their drills are keyed by
/// the scenario each carries.
@Suite("Drill templates: the examples")
struct DrillTemplateExampleTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("QuestionBank/drills")
    static let examples = ["cross-account-read.iqd", "vendor-external-id.iqd"]

    static func template(_ name: String) throws -> DrillTemplate {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let parsed = DrillTemplateParser.parse(text, file: name)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map { "\($0.locationText): \($0.code) \($0.message)" })")
        return try #require(parsed.template)
    }

    @Test("each example passes the sample check of 200 draws (`iamquiz check QuestionBank/drills`)", arguments: examples)
    func passesTheCheck(_ name: String) throws {
        let problems = try Self.template(name).sampleCheck()
        #expect(problems.isEmpty, "\(problems.map { "\($0.locationText): \($0.code) \($0.message) (\($0.help ?? ""))" })")
    }

    @Test("200 drills of each example: 4 to 6 options, 1 to 3 right, and the scenario re-runs with every expectation met",
          arguments: examples)
    func drillsReRun(_ name: String) throws {
        let template = try Self.template(name)
        var generator = DrillGenerator(families: [template.family], level: nil, seed: 7)
        var rightCounts: Set<Int> = []
        for drill in generator.drills(count: 200) {
            #expect((4...6).contains(drill.options.count))
            guard case .options(let key) = drill.question.key else { Issue.record("unkeyed"); continue }
            #expect((1...3).contains(key.count))
            rightCounts.insert(key.count)
            #expect(Set(drill.options.map { $0.text.lowercased() }).count == drill.options.count)
            let text = try #require(drill.scenario)
            let scenario = try #require(ScenarioParser.parse(text, file: "drill.iqs", baseDirectory: "/").scenario)
            let run = ScenarioRunner.run(scenario)
            #expect(run.passed, "\(drill.question.id)")
            for (index, option) in drill.options.enumerated() {
                let step = try #require(option.step)
                let outcome = try #require(run.result(of: step)?.result.outcome)
                #expect(outcome == option.outcome)
                #expect(template.ask.isRight(outcome) == key.contains(index))
            }
            for policy in drill.policies { #expect(text.contains(policy.document), "\(policy.name)") }
        }
        #expect(rightCounts.count >= 2, "the examples vary the number of right options: \(rightCounts)")
    }

    @Test("the same seed gives the same drills; another seed others", arguments: examples)
    func sameSeed(_ name: String) throws {
        let family = try Self.template(name).family
        var a = DrillGenerator(families: [family], level: nil, seed: 3), b = DrillGenerator(families: [family], level: nil, seed: 3)
        var c = DrillGenerator(families: [family], level: nil, seed: 4)
        let first = a.drills(count: 5)
        #expect(first == b.drills(count: 5))
        #expect(first.map(\.question.stem) != c.drills(count: 5).map(\.question.stem))
    }
}
