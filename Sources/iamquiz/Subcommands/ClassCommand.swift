import ArgumentParser
import ClassReport
import Diagnostics
import FileAccess
import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
import TerminalUI

/// `iamquiz class report FILE...`: the class's results combined, and the questions to fix.
struct ClassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "class",
        abstract: "For instructors: combine the results learners hand in, and find the questions to fix.",
        subcommands: [ClassReportCommand.self],
        defaultSubcommand: ClassReportCommand.self
    )
}

/// `iamquiz class report`: reads every results file, refuses to report on any with an error, and prints
/// the item analysis (text through the pager, JSON or CSV).
struct ClassReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Item analysis of a class's results files: facility, discrimination, options chosen, flags.",
        discussion: """
            Each learner hands in `iamquiz results export -o NAME.jsonl` (for one exam: `--exam N`). The \
            report takes each learner's first attempt at each question: the facility index (the share right), \
            the discrimination index (as Moodle defines it: the correlation between the question's score and \
            the rest of the test's), how often each option was chosen and the median time. It flags what \
            an instructor should look at: a negative or near-zero discrimination (check the key or the \
            stem), a distractor chosen more often than the key, a facility above 95% or below 20%. \
            Answers to different versions of a question (another content hash) are never pooled; with \
            --bank the current version is told from older ones. A file with an error stops the report: \
            nothing is counted from part of a hand-in. docs/item-analysis.md explains every figure and flag.
            """
    )

    @Argument(help: ArgumentHelp("The learners' results files (`iamquiz results export`).", valueName: "file"),
              completion: .file())
    var files: [String] = []

    @Option(name: .customLong("bank"), help: ArgumentHelp(
        "The bank the questions come from, to tell current versions from older ones (repeatable; `builtin` for the built-in bank).",
        valueName: "path"))
    var banks: [String] = []

    @Option(help: "Output format: text, json or csv (the questions table).")
    var format: ClassReportFormat = .text

    @Option(name: .customLong("min-learners"), help: ArgumentHelp(
        "Learners a question needs before it is judged (default \(ClassAnalysis.minimumLearners)).", valueName: "n"))
    var minimumLearners = ClassAnalysis.minimumLearners

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one results file (`iamquiz results export -o FILE` writes one)") }
        if minimumLearners < 2 { throw ValidationError("--min-learners must be at least 2: one learner cannot be compared with anyone") }
    }

    func run() throws {
        let results = try Self.read(files)
        let bank = try banks.isEmpty ? nil : Self.bankQuestions(banks)
        let report = ClassAnalysis.report(results, bank: bank, minimumLearners: minimumLearners)
        switch format {
        case .json:
            try printJSON(report)
        case .csv:
            Console.write(ClassReportCSV.items(report))
        case .text:
            let byID = Dictionary((bank ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let terminal = Terminal.output()
            terminal.page(ClassReportRenderer(terminal: terminal).render(report) { byID[$0] })
        }
    }

    /// Every file read; all their problems printed, and exit 1 when any has an error (nothing is reported
    /// from part of the class's hand-ins).
    static func read(_ files: [String]) throws -> [LearnerResults] {
        var texts: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        var results: [LearnerResults] = []
        for file in files {
            switch InputFile.readText(file) {
            case .success(let text):
                texts[file] = text
                let outcome = ResultsReader.parse(text, file: file)
                diagnostics += outcome.diagnostics
                if let read = outcome.results { results.append(read) }
            case .failure:
                diagnostics += ResultsReader.read(path: file).diagnostics
            }
        }
        DiagnosticPrinter { texts[$0] }.print(diagnostics)
        let broken = Set(diagnostics.filter { $0.severity == .error }.map(\.file))
        if !broken.isEmpty {
            Console.error("error: \(counted(broken.count, "results file")) of \(files.count) cannot be read; "
                + "no report is made from part of the class's results")
            throw ExitCode(1)
        }
        return results
    }

    /// The questions of the banks named by `--bank` (`builtin` is the built-in bank), checked as a quiz checks them.
    static func bankQuestions(_ paths: [String]) throws -> [Question] {
        var questions: [Question] = []
        let files = paths.filter { $0 != "builtin" }
        if paths.contains("builtin") { questions += try SelectionOptions.load(banks: [], topics: []).loaded.bank.questions }
        if !files.isEmpty { questions += try SelectionOptions.load(banks: files, topics: []).loaded.bank.questions }
        return questions
    }
}

/// The forms `class report` prints.
enum ClassReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case csv
}
