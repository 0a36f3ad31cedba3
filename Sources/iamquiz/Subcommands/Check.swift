import ArgumentParser
import Diagnostics
import Drills
import Foundation
import QuizBank
import TerminalUI

/// `iamquiz check [PATH...]`: lints banks.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check bank and scenario files for problems (default: the built-in bank and scenarios).",
        discussion: """
            Reports every problem of every file as file:line:column with a stable code. Questions whose \
            options name scenario steps (`verify:`) are verified by running the scenarios: a key that \
            contradicts its scenario is an error (V004). Scenario files (.iqs) given as paths are parsed \
            and run, and every step must meet its `expect:`. Drill templates (.iqd, named or in the folders \
            given) are checked by generating \(DrillTemplate.sampleSize) drills from each (docs/drill-format.md). Exit status: 0 when there is no error \
            (warnings allowed), 1 when there are errors, 2 on usage errors.
            """
    )

    @Argument(help: "Bank files or folders of .iqb files, scenario files (.iqs) and drill templates (.iqd).")
    var paths: [String] = []

    @Option(name: .customLong("scenarios"), help: "Scenario files or folders the questions may name, besides the built-in ones (repeatable).")
    var scenarioPaths: [String] = []

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    /// The size of bank files above which the built-in scenarios are parsed beside them (about 400 questions).
    static let largeBank = 1_000_000

    /// The built-in scenarios a check of files needs: those the questions name, and those whose ids the given
    /// scenario files reuse (V006).
    static func scenariosNamed(by result: BankLoader.Result, given: ScenarioLibrary) -> Set<String> {
        Set(result.bank.questions.compactMap(\.scenario)).union(given.scenarios.keys)
    }

    func run() throws {
        let scenarioFiles = paths.filter { $0.hasSuffix(".iqs") }
        // Drill templates: `.iqd` files, and folders of templates without a bank; also those beside banks.
        let templatePaths = paths.filter { DrillTemplateFiles.isTemplate($0) || DrillTemplateFiles.isTemplateFolder($0) }
        let bankPaths = paths.filter { !$0.hasSuffix(".iqs") && !templatePaths.contains($0) }
        let onlyOtherFiles = !scenarioFiles.isEmpty || !templatePaths.isEmpty
        let load: @Sendable () -> BankLoader.Result = {
            bankPaths.isEmpty
                ? (onlyOtherFiles ? BankLoader().load(sources: []) : BuiltinBank.parse())
                : BankLoader().load(paths: bankPaths)
        }
        var given = ScenarioLibrary()
        given.add(paths: scenarioFiles + scenarioPaths)
        given.add(bankFolders: bankPaths)
        // The built-in scenarios: all of them with the built-in bank; with other files, those the questions
        // name and those whose ids the given scenario files reuse. A large bank is parsed while all of them
        // are (it names most); a small one first, so that only its own are parsed.
        var result: BankLoader.Result
        var library: ScenarioLibrary
        if paths.isEmpty {
            (result, library) = Parallel.both(load, { ScenarioLibrary.builtIn() })
        } else if BankLoader.totalBytes(of: bankPaths) > Self.largeBank {
            (result, library) = Parallel.both(load, { ScenarioLibrary.builtIn() })
            library = library.restricted(to: Self.scenariosNamed(by: result, given: given))
        } else {
            result = load()
            library = .builtIn(ids: Self.scenariosNamed(by: result, given: given))
        }
        let templates = DrillTemplateFiles.load(paths: templatePaths, besideBanks: bankPaths)
        result.diagnostics += templates.loaded.diagnostics
        result.sources.merge(templates.sources) { kept, _ in kept }
        result.diagnostics += library.merge(given)
        // Every scenario checked is run in full: the built-in ones with the built-in bank, given files always.
        let runAll = paths.isEmpty ? Array(library.scenarios.keys) : Array(given.scenarios.keys)
        // The keys are verified while the cues are looked for.
        let (questions, sources, checked) = (result.bank.questions, result.sources, library)
        let (verification, lints) = Parallel.both({ AnswerVerifier(library: checked).verify(questions, alsoRun: runAll.sorted()) },
                                                  { BankLints.diagnostics(for: questions, sources: sources) })
        // The built-in scenarios' own problems matter when the built-in bank is checked; given files' always.
        result.diagnostics += (paths.isEmpty ? library.diagnostics : []) + verification.diagnostics
        result.diagnostics += lints
        let longestKey = BankLints.longestKeyShare(result.bank.questions)
        for (file, text) in library.sources where result.sources[file] == nil { result.sources[file] = text }
        let diagnostics = Diagnostic.sortedForDisplay(result.diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        switch format {
        case .json:
            try printJSON(CheckReport(result: result, diagnostics: diagnostics, errors: errors, warnings: warnings,
                                      verification: verification, scenarios: library.scenarios.count, longestKey: longestKey,
                                      drillTemplates: templates.count))
        case .text:
            DiagnosticPrinter { result.sources[$0] }.print(diagnostics)
            let files = result.sources.keys.filter { !$0.hasSuffix(".iqs") && !DrillTemplateFiles.isTemplate($0) }.count
            let scenarios = result.sources.keys.filter { $0.hasSuffix(".iqs") }.count
            let summary = "\(counted(result.bank.questions.count, "question")) in \(counted(files, "file"))"
                + (scenarios > 0 ? " and \(counted(scenarios, "scenario"))" : "")
                + (templates.count > 0 ? " and \(counted(templates.count, "drill template")) (\(DrillTemplate.sampleSize) drills each)" : "")
                + ": \(counted(errors, "error")), \(counted(warnings, "warning"))"
            Console.error(summary)
            if verification.verifiedCount + verification.partlyVerified.count > 0 {
                Console.error("\(counted(verification.verifiedCount, "question")) verified by scenarios"
                    + (verification.partlyVerified.isEmpty ? "" : ", \(verification.partlyVerified.count) partly"))
            }
            if longestKey.singleAnswer > 0 {
                Console.error("the key is the longest option in \(longestKey.keyLongest) of \(counted(longestKey.singleAnswer, "single-answer question"))"
                    + " (\(percent(longestKey.share)); chance alone would give \(percent(longestKey.chance)); aim for at most 35%),"
                    + " the shortest in \(longestKey.keyShortest)")
            }
        }
        if errors > 0 { throw ExitCode(1) }
    }
}

/// The machine-readable result of `check --format json`.
struct CheckReport: Encodable {
    struct Summary: Encodable {
        var files: Int
        var questions: Int
        var errors: Int
        var warnings: Int
        var perLevel: [String: Int]
        var perTopic: [String: Int]
        var unkeyed: Int
        /// Questions whose every option is verified by a scenario step that agrees with the key.
        var verified: Int
        /// Questions with some options verified, all agreeing.
        var partlyVerified: Int
        /// The verified question ids by scenario id.
        var verifiedBy: [String: [String]]
        var scenarios: Int
        /// How often the key of a single-answer question is its longest option (W110 looks at each).
        var longestKey: BankLints.LongestKeyShare
        /// The drill templates checked, each by a sample of drills.
        var drillTemplates: Int
    }

    var summary: Summary
    var diagnostics: [Diagnostic]

    init(result: BankLoader.Result, diagnostics: [Diagnostic], errors: Int, warnings: Int,
         verification: AnswerVerifier.Report, scenarios: Int, longestKey: BankLints.LongestKeyShare, drillTemplates: Int = 0) {
        let questions = result.bank.questions
        var perLevel: [String: Int] = [:]
        for level in Level.allCases { perLevel[level.rawValue] = questions.filter { $0.level == level }.count }
        var perTopic: [String: Int] = [:]
        for question in questions { for topic in question.topics { perTopic[topic, default: 0] += 1 } }
        summary = Summary(files: result.sources.keys.filter { !$0.hasSuffix(".iqs") && !DrillTemplateFiles.isTemplate($0) }.count, questions: questions.count, errors: errors, warnings: warnings,
                          perLevel: perLevel, perTopic: perTopic,
                          unkeyed: questions.filter { $0.key == .unkeyed }.count,
                          verified: verification.verifiedCount, partlyVerified: verification.partlyVerified.count,
                          verifiedBy: verification.verified, scenarios: scenarios, longestKey: longestKey,
                          drillTemplates: drillTemplates)
        self.diagnostics = diagnostics
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// A share as a whole percentage, "29%".
private func percent(_ share: Double) -> String { "\(percentage(share))%" }

/// Prints a value as pretty JSON with sorted keys on standard output.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    Console.write(data)
    Console.write("\n")
}
