import ArgumentParser
import Diagnostics
import Foundation
import QuizBank
import TerminalUI

/// `iamquiz check [PATH...]`: lints banks.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check bank files for problems (default: the built-in bank).",
        discussion: """
            Reports every problem of every file as file:line:column with a stable code. Exit status: 0 when \
            there is no error (warnings allowed), 1 when there are errors, 2 on usage errors.
            """
    )

    @Argument(help: "Bank files or folders of .iqb files.")
    var paths: [String] = []

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let result = paths.isEmpty ? BuiltinBank.load() : BankLoader().load(paths: paths)
        let diagnostics = Diagnostic.sortedForDisplay(result.diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        switch format {
        case .json:
            try printJSON(CheckReport(result: result, diagnostics: diagnostics, errors: errors, warnings: warnings))
        case .text:
            let renderer = DiagnosticRenderer(color: TerminalInfo.colorEnabled(fd: 2))
            for d in diagnostics {
                Console.error(renderer.render(d, sourceLines: result.sourceLines(of: d.file)))
            }
            let files = Set(result.sources.keys).count
            let summary = "\(result.bank.questions.count) question\(result.bank.questions.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
            Console.error(summary)
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
    }

    var summary: Summary
    var diagnostics: [Diagnostic]

    init(result: BankLoader.Result, diagnostics: [Diagnostic], errors: Int, warnings: Int) {
        let questions = result.bank.questions
        var perLevel: [String: Int] = [:]
        for level in Level.allCases { perLevel[level.rawValue] = questions.filter { $0.level == level }.count }
        var perTopic: [String: Int] = [:]
        for question in questions { for topic in question.topics { perTopic[topic, default: 0] += 1 } }
        summary = Summary(files: result.sources.count, questions: questions.count, errors: errors, warnings: warnings,
                          perLevel: perLevel, perTopic: perTopic,
                          unkeyed: questions.filter { $0.key == .unkeyed }.count)
        self.diagnostics = diagnostics
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// Prints a value as pretty JSON with sorted keys on standard output.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}
