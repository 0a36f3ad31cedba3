import ArgumentParser
import ClassReport
import Diagnostics
import FileAccess
import Foundation
import QuizBank
import QuizEngine
import TerminalUI

/// `iamquiz results export`: the learner's answers as a file to hand in (docs/results-format.md).
struct Results: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hand in your results: `results export` writes your answers to a file for your instructor.",
        subcommands: [ResultsExportCommand.self]
    )
}

/// The formats `results export` writes.
enum ResultsFileFormat: String, ExpressibleByArgument, CaseIterable {
    /// JSON Lines, for `iamquiz class report` (docs/results-format.md).
    case jsonl
    /// xAPI 1.0.3 statements, a JSON array for a Learning Record Store.
    case xapi
}

struct ResultsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write your answers to a file to hand in: JSON Lines for `iamquiz class report`, or xAPI statements.",
        discussion: """
            One line per answer: the question's id and content hash, its bank, the options you chose (bank letters \
            and texts), right or wrong, seconds, mode and time; the first line names you, the profile, what was \
            selected and your readiness per level (as `iamquiz stats` shows it). docs/results-format.md describes \
            the format. Your name is the one you give with --learner, or type when asked; it is never taken from \
            the system. Answers to a question that changed since (or whose bank is gone) keep their letters and \
            lose their texts. When no answer is selected, nothing is written and the exit status is 1. \
            Example: `iamquiz results export --learner "Ana Lima" --since 2026-12-01 -o ana.jsonl`.
            """
    )

    @OptionGroup var progress: ProgressOptions

    @Option(help: ArgumentHelp("Your name, as your instructor knows you (asked on a terminal when not given).", valueName: "NAME"))
    var learner: String?

    @Option(help: ArgumentHelp("Only answers from this day (YYYY-MM-DD, from local midnight) or time (ISO 8601 with a time zone).",
                               valueName: "DATE"))
    var since: String?

    @Option(help: ArgumentHelp("Only the answers of exam N (`iamquiz exams` lists them).", valueName: "N"))
    var exam: Int64?

    @Option(name: .customLong("bank"),
            help: "The bank of answers recorded without a session, and of readiness (default: the built-in bank; repeatable).")
    var banks: [String] = []

    @Option(help: "jsonl (for `iamquiz class report`) or xapi (xAPI 1.0.3 statements for a Learning Record Store).")
    var format: ResultsFileFormat = .jsonl

    @Option(help: ArgumentHelp("With --format xapi: your instructor's site, for your account and the activity ids (default \(XAPIStatements.defaultHomePage)).",
                               valueName: "URL"))
    var homepage: String?

    @Option(help: ArgumentHelp("With --format xapi: identify you by this e-mail address instead of an account.", valueName: "EMAIL"))
    var mbox: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write; `-` for standard output.", valueName: "FILE"))
    var output: String

    @Flag(help: "Replace the file if it exists.")
    var force = false

    func validate() throws {
        if let since, ResultsSelection.parseSince(since) == nil {
            throw ValidationError("--since takes \(ResultsSelection.sinceForms); not `\(TextSanitizer.clean(since))`")
        }
        if format != .xapi, homepage != nil || mbox != nil {
            throw ValidationError("--homepage and --mbox go with --format xapi")
        }
        if let homepage, XAPIStatements.checkedHomePage(homepage) == nil {
            throw ValidationError("--homepage takes an http or https URL such as https://lms.example.edu, not `\(TextSanitizer.clean(homepage))`")
        }
        if let mbox, XAPIStatements.checkedMbox(mbox) == nil {
            throw ValidationError("--mbox takes an e-mail address such as ana@example.edu, not `\(TextSanitizer.clean(mbox))`")
        }
        if let learner {
            do { _ = try LearnerName.validated(learner) } catch { throw ValidationError("--learner: \(error.description)") }
        }
        if force, output == "-" { throw ValidationError("--force replaces a file; `-o -` writes to standard output") }
    }

    func run() throws {
        if learner == nil, !TerminalInfo.isTerminal(0) {
            Console.error("error: --learner NAME is required when not asked on a terminal")
            throw ExitCode(2)
        }
        let store = try progress.openForReading()
        defer { ProgressOptions.reportDamage(store) }
        // An exam's answers are recorded when it is graded: an unfinished one has none to hand in yet.
        if let exam { _ = try Exams.finished(exam, store: store) }
        let ownBank = banks.isEmpty ? nil : try SelectionOptions.load(banks: banks, topics: []).loaded.bank
        let name = try learnerName(store: store)
        let selection = ResultsSelection(since: since.flatMap { ResultsSelection.parseSince($0) }, sinceText: since, exam: exam)
        let export = ResultsExport(learner: name, profile: progress.profile, selection: selection,
                                   banks: SessionBanks.absolute(banks), iamquiz: IAMQuiz.configuration.version)
        let result = try export.run(store: store) { paths in
            paths == SessionBanks.absolute(banks) ? ownBank ?? ResultsExport.loadBank(paths) : ResultsExport.loadBank(paths)
        }
        var scope = "profile \(progress.profile)"
        if let since { scope += ", since \(TextSanitizer.clean(since))" }
        if let exam { scope += ", exam \(exam)" }
        guard !result.answers.isEmpty else {
            Console.error("error: no answers to export (\(scope)); nothing written")
            Console.error("  help: `iamquiz stats --profile \(progress.profile)` shows what this profile holds")
            throw ExitCode(1)
        }
        let text: String
        switch format {
        case .jsonl:
            text = try ResultsWriter.text(header: result.header, answers: result.answers.map(\.line))
        case .xapi:
            let builder = XAPIStatements(homePage: homepage.flatMap(XAPIStatements.checkedHomePage) ?? XAPIStatements.defaultHomePage,
                                         mbox: mbox.flatMap(XAPIStatements.checkedMbox))
            text = try XAPIStatements.text(builder.statements(header: result.header, answers: result.answers))
        }
        if result.unmatched > 0 {
            Console.error("note: \(counted(result.unmatched, "answer")) to questions that changed since or are no longer in their bank: "
                + "their letters are kept, their texts left out")
        }
        let what = "\(counted(result.answers.count, "answer")) of \(TextSanitizer.clean(name))\(format == .xapi ? " as xAPI statements" : "") (\(scope))"
        if output == "-" {
            Console.write(text)
            Console.error("wrote \(what) to standard output")
        } else {
            try ImportFiles.write(text, to: output, force: force, summary: "wrote \(what) to \(TextSanitizer.clean(output))")
        }
    }

    /// The learner's name: `--learner`, or asked on the terminal (the name given last time offered as the
    /// default, and said so). Never taken from the system. The name used is kept for the next time.
    private func learnerName(store: ProgressStore) throws -> String {
        let remembered = try? store.rememberedLearnerName()
        var name: String
        if let learner {
            name = try LearnerName.validated(learner)
        } else {
            name = try ask(default: remembered)
        }
        if name != remembered { try? store.rememberLearnerName(name) }
        return name
    }

    /// Asks for the name on standard error (standard output may be the file) until one is valid.
    private func ask(default remembered: String?) throws -> String {
        while true {
            let prompt = "Your name, as your instructor knows you" + (remembered.map { " [\(TextSanitizer.clean($0))]" } ?? "") + ": "
            try? FileHandle.standardError.write(contentsOf: Data(prompt.utf8))
            guard let typed = readLine() else {
                Console.error("\nerror: no name given; nothing written")
                throw ExitCode(1)
            }
            if typed.trimmingCharacters(in: .whitespaces).isEmpty, let remembered {
                Console.error("learner: \(TextSanitizer.clean(remembered)) (the name given last time, kept in profile \(progress.profile))")
                return remembered
            }
            do {
                return try LearnerName.validated(typed)
            } catch {
                Console.error("\(error.description); type your name, or Ctrl-D to stop")
            }
        }
    }
}
