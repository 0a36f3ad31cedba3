import Diagnostics
import Foundation
import IAMWorld
import Testing
@testable import QuizBank

/// The built-in scenarios as the build compiled them (`ScenarioCompiler`, run by the `PrebuildBank` plugin)
/// and as the quiz, `verify` and `scenario run` read them (`ScenarioLibrary.builtIn`): they must be the
/// scenarios of the `QuestionBank/scenarios/` folder of the source tree, parsed.
@Suite("The built-in scenarios, compiled at build time")
struct PrebuiltScenarioTests {
    /// The `.iqs` files of `QuestionBank/scenarios/` parsed from disk, under the names the binary gives them.
    static func parsedFolder() throws -> [String: Scenario] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("QuestionBank/scenarios")
        var scenarios: [String: Scenario] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".iqs") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let parsed = ScenarioParser.parse(text, file: "\(BuiltinBank.label)/scenarios/\(name)", baseDirectory: "/")
            let scenario = try #require(parsed.scenario, "\(name): \(parsed.diagnostics.map { DiagnosticRenderer().render($0) })")
            scenarios[scenario.id] = scenario
        }
        return scenarios
    }

    /// What a run shows of each step: outcome, lines and evaluation trace.
    static func shown(_ run: ScenarioRun) -> [String] {
        run.steps.flatMap { step in
            ["\(step.step.number) \(step.step.commandText) \(step.result.outcome) \(String(describing: step.met))"] + step.result.lines
                + (step.result.evaluation.map { Sandbox.traceLines($0, reasons: !step.result.linesCarryReasons) } ?? [])
        }
    }

    // The compact form depends on the value alone (not on hash order), so equal bytes mean equal scenarios,
    // every field written; running them compares what the policies, parsed again from their text, decide.
    @Test("each compiled scenario reads back, and is the folder's scenario: the same bytes, and the same run step by step and trace by trace")
    func compiledEqualsFolder() throws {
        let folder = try Self.parsedFolder()
        #expect(folder.count >= 50)
        #expect(ScenarioLibrary.builtInIDs == Set(folder.keys))
        for (id, parsed) in folder.sorted(by: { $0.key < $1.key }) {
            let compiled = try #require(BuiltinBank.prebuiltScenario(id), "\(id): no compact form, or it does not read back")
            #expect(try CompactCoding.encode(compiled) == CompactCoding.encode(parsed), "\(id)")
            #expect(Self.shown(ScenarioRunner.run(compiled)) == Self.shown(ScenarioRunner.run(parsed)), "\(id)")
        }
        #expect(BuiltinBank.prebuiltScenario("no-such-scenario") == nil)
    }

    @Test("builtIn(ids:) gives the compiled scenarios, with their texts for diagnostics and no diagnostics of its own")
    func libraryReadsCompiled() throws {
        let ids: Set<String> = ["role-trust-basics", "organizations-scp"]
        let library = ScenarioLibrary.builtIn(ids: ids)
        #expect(library.diagnostics.isEmpty)
        for id in ids {
            let scenario = try #require(library.scenarios[id])
            let compiled = try #require(BuiltinBank.prebuiltScenario(id))
            #expect(try CompactCoding.encode(scenario) == CompactCoding.encode(compiled))
            #expect(library.sources[scenario.file] == BuiltinBank.scenarioTexts.first { "\(BuiltinBank.label)/\($0.name)" == scenario.file }?.text)
        }
    }
}
