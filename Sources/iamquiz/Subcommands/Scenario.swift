import ArgumentParser
import Diagnostics
import FileAccess
import Foundation
import IAMWorld
import QuizBank
import TerminalUI

/// `iamquiz scenario run|list`: runs scenario files and shows each step's decision.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Run scenarios: a small AWS world and steps with expected decisions (docs/scenario-format.md).",
        subcommands: [ScenarioRun.self, ScenarioList.self]
    )

    /// Loads scenarios named by file path or built-in id; problems are printed and end the command with 1.
    static func load(_ references: [String]) throws -> [Scenario] {
        // Only the built-in scenarios named are read; the ids of the others come from their files' names.
        let builtIn = ScenarioLibrary.builtIn(ids: Set(references))
        var library = ScenarioLibrary()
        var scenarios: [Scenario] = []
        var failed = false
        for reference in references {
            // Something at that path (even a file that cannot be read, or a link loop) is read as a file, so
            // that its problem is reported with the reason; a word that names nothing may be a built-in id.
            let kind = InputFile.kind(of: reference)
            let namesNothing = kind.failureReason == FileError.errno(ENOENT).reason
            let looksLikePath = reference.contains("/") || reference.hasSuffix(".iqs")
            if !namesNothing || (looksLikePath && builtIn.scenarios[reference] == nil) {
                var single = ScenarioLibrary()
                single.add(paths: [reference])
                library.diagnostics += single.diagnostics
                library.sources.merge(single.sources) { a, _ in a }
                scenarios += single.scenarios.values.sorted { $0.file < $1.file }
                if single.diagnostics.hasErrors { failed = true }
            } else if let scenario = builtIn.scenarios[reference] {
                scenarios.append(scenario)
            } else {
                let suggestion = closestMatch(to: reference, in: ScenarioLibrary.builtInIDs.sorted())
                Console.error("error: no scenario file or built-in scenario `\(TextSanitizer.clean(reference))`"
                    + (suggestion.map { "\n  help: did you mean `\($0)`?" } ?? "\n  help: `iamquiz scenario list` shows the built-in scenarios"))
                failed = true
            }
        }
        DiagnosticPrinter { library.sources[$0] }.print(library.diagnostics)
        if failed { throw ExitCode(1) }
        return scenarios
    }
}

/// `iamquiz scenario run FILE|ID... [--explain]`.
struct ScenarioRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run scenario files (or built-in scenarios by id) and print each step with its outcome.",
        discussion: """
            Exit status: 0 when every step met its `expect:`, 1 when one did not or a file has errors, 2 on \
            usage errors. --explain adds each decision's trace: the policies and statements that decided it.
            """
    )

    @Argument(help: "Scenario files (.iqs) or ids of built-in scenarios.")
    var scenarios: [String]

    @Flag(help: "Show the evaluation trace of every decision.")
    var explain = false

    func validate() throws {
        guard !scenarios.isEmpty else { throw ValidationError("name at least one scenario file or built-in id") }
    }

    func run() throws {
        let style = Style(enabled: TerminalInfo.colorEnabled(fd: 1))
        var failures = 0
        var text = ""
        for scenario in try ScenarioCommand.load(scenarios) {
            let result = ScenarioRunner.run(scenario)
            text += ScenarioReport(style: style, explain: explain).render(result)
            failures += result.failures.count
        }
        // With --explain a run is hundreds of lines: on a terminal, the pager keeps its start in reach.
        Pager.show(text) { Console.write($0) }
        if failures > 0 { throw ExitCode(1) }
    }
}

/// `iamquiz scenario list`: the built-in scenarios.
struct ScenarioList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the built-in scenarios.")

    func run() throws {
        let library = ScenarioLibrary.builtIn()
        for scenario in library.scenarios.values.sorted(by: { $0.id < $1.id }) {
            Console.writeLines("\(scenario.id)  \(TextSanitizer.clean(scenario.title ?? ""))  (\(counted(scenario.steps.count, "step")))\n")
        }
    }
}

/// The text of a scenario run: a line per step with its outcome and whether it met its expectation.
struct ScenarioReport {
    let style: Style
    let explain: Bool
    /// The columns the report is laid out to: each line wraps with a hanging indent (a step's command
    /// under the command column, a trace node's continuation under the node), URLs and ARNs whole.
    var width = Console.width

    func render(_ run: IAMWorld.ScenarioRun) -> String {
        let scenario = run.scenario
        var out = style.bold("scenario \(scenario.id)") + (scenario.title.map { ": " + TextSanitizer.clean($0) } ?? "") + "\n"
        for r in run.steps {
            let label = r.step.name ?? "#\(r.step.number)"
            var line = String(format: "%3d ", r.step.number) + label.padding(toLength: max(label.count, 20), withPad: " ", startingAt: 0)
                + " " + TextSanitizer.clean(r.step.commandText)
            let outcome = r.result.outcome.description
            switch r.met {
            case .some(true): line += "  " + style.green("\(outcome) ✓")
            case .some(false): line += "  " + style.red("\(outcome) ✗ expected \(r.step.expect.map(\.description) ?? "?")")
            case .none: line += "  " + outcome
            }
            out += line + "\n"
            if let note = r.step.note { out += style.dim("      note: " + TextSanitizer.clean(note)) + "\n" }
            if explain || r.met == false {
                for text in r.result.lines { out += "      " + TextSanitizer.clean(text) + "\n" }
                if explain, let evaluation = r.result.evaluation {
                    for text in Sandbox.traceLines(evaluation, reasons: !r.result.linesCarryReasons) { out += "    " + TextSanitizer.clean(text) + "\n" }
                }
            }
        }
        let failed = run.failures.count
        let checked = run.steps.filter { $0.met != nil }.count
        out += failed == 0
            ? style.green("\(counted(run.steps.count, "step")): \(counted(checked, "expectation")) met.") + "\n"
            : style.red("\(counted(run.steps.count, "step")): \(failed) of \(counted(checked, "expectation")) not met.") + "\n"
        return TextWrapper.wrapLines(out, width: width).joined(separator: "\n")
    }
}
