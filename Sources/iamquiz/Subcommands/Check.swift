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

    /// The size of a bank file whose text is let go once it is parsed (about 400 questions), and read again
    /// only for a diagnostic that points into it (``SourceTexts``).
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
        var given = ScenarioLibrary()
        given.add(paths: scenarioFiles + scenarioPaths)
        given.add(bankFolders: bankPaths)
        var result = paths.isEmpty ? BuiltinBank.parse()
            : bankPaths.isEmpty ? BankLoader().load(sources: []) : BankLoader().load(paths: bankPaths)
        let templates = DrillTemplateFiles.load(paths: templatePaths, besideBanks: bankPaths)
        result.diagnostics += templates.loaded.diagnostics
        result.sources.merge(templates.sources) { kept, _ in kept }
        // A large bank's text goes now: the questions are what the checks read.
        let texts = SourceTexts(result.sources)
        result.sources = [:]
        texts.letGo(largerThan: Self.largeBank)
        // The cues are looked for, then the scenarios are parsed, merged and run: one after the other, each on
        // every core (see `Parallel`), and neither's memory held during the other.
        let questions = result.bank.questions
        let lints = BankLints.diagnostics(for: questions, sources: texts)
        // The built-in scenarios: all of them with the built-in bank, parsed for their warnings; with files, only
        // those they need (those the questions name, those the given files reuse), as the build parsed them.
        var library = paths.isEmpty ? ScenarioLibrary.parsedBuiltIn() : .builtIn(ids: Self.scenariosNamed(by: result, given: given))
        let merged = library.merge(given)
        // Every scenario checked is run in full: the built-in ones with the built-in bank, given files always.
        let runAll = paths.isEmpty ? Array(library.scenarios.keys) : Array(given.scenarios.keys)
        let verification = AnswerVerifier(library: library).verify(questions, alsoRun: runAll.sorted())
        result.diagnostics += merged
        // The built-in scenarios' own problems matter when the built-in bank is checked; given files' always.
        result.diagnostics += (paths.isEmpty ? library.diagnostics : []) + verification.diagnostics
        result.diagnostics += lints
        let longestKey = BankLints.longestKeyShare(result.bank.questions)
        let files = texts.names.filter { !$0.hasSuffix(".iqs") && !DrillTemplateFiles.isTemplate($0) }.count
        let scenarios = texts.names.union(library.sources.keys).filter { $0.hasSuffix(".iqs") }.count
        let diagnostics = Diagnostic.sortedForDisplay(result.diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        switch format {
        case .json:
            try printJSON(CheckReport(result: result, files: files, diagnostics: diagnostics, errors: errors, warnings: warnings,
                                      verification: verification, scenarios: library.scenarios.count, longestKey: longestKey,
                                      drillTemplates: templates.count))
        case .text:
            DiagnosticPrinter { texts.text(of: $0) ?? library.sources[$0] }.print(diagnostics)
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

    init(result: BankLoader.Result, files: Int, diagnostics: [Diagnostic], errors: Int, warnings: Int,
         verification: AnswerVerifier.Report, scenarios: Int, longestKey: BankLints.LongestKeyShare, drillTemplates: Int = 0) {
        let questions = result.bank.questions
        var perLevel: [String: Int] = [:]
        for level in Level.allCases { perLevel[level.rawValue] = questions.filter { $0.level == level }.count }
        var perTopic: [String: Int] = [:]
        for question in questions { for topic in question.topics { perTopic[topic, default: 0] += 1 } }
        summary = Summary(files: files, questions: questions.count, errors: errors, warnings: warnings,
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
