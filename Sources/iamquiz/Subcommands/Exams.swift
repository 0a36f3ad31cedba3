import ArgumentParser
import Diagnostics
import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
import TerminalUI

/// `iamquiz exams [show N]`: the exams taken, with their scores and the trend, and one exam's report again.
struct Exams: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the exams you took, with score, pass or fail and the trend; `exams show N` reopens one.",
        discussion: """
            Oldest first, so the newest is last. N is the exam's number in the progress store: it never \
            changes as exams are added. An exam left with `q` or stopped is listed as unfinished \
            (`iamquiz resume` continues it). `iamquiz exams --format json` prints the same for scripts.
            """,
        subcommands: [ExamsList.self, ExamsShow.self],
        defaultSubcommand: ExamsList.self
    )

    /// The finished exam `number` of `store`; otherwise a one-line error and exit 2.
    static func finished(_ number: Int64, store: ProgressStore) throws -> StoredExam {
        guard let exam = try store.exam(id: number) else {
            Console.error("error: no exam \(number); `iamquiz exams` lists them")
            throw ExitCode(2)
        }
        guard exam.session.isFinished else {
            Console.error("error: exam \(number) is not finished; `iamquiz resume` continues it")
            throw ExitCode(2)
        }
        return exam
    }

    /// The graded exam `number` of `store`; otherwise a one-line error and exit 2 (1 when it has no report).
    static func graded(_ number: Int64, store: ProgressStore) throws -> (exam: StoredExam, report: ExamReport) {
        let exam = try finished(number, store: store)
        guard let report = exam.report else {
            Console.error("error: exam \(number) has no report: it ended before iamquiz kept reports, or without grading")
            throw ExitCode(1)
        }
        return (exam, report)
    }
}

/// `iamquiz exams` (`exams list`): every exam of the profile.
struct ExamsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the exams you took (the default).")

    @OptionGroup var progress: ProgressOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let store = try progress.openForReading()
        defer { ProgressOptions.reportDamage(store) }
        let exams = try store.exams()
        switch format {
        case .json:
            try printJSON(ExamHistoryJSON(exams))
        case .text:
            Terminal.pageStandardOutput(ExamHistoryRenderer(terminal: .output()).render(exams))
        }
    }
}

/// `iamquiz exams show N`: one exam's report, summary first, through the pager.
struct ExamsShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the report of exam N again: the summary, then every question with your answer and the explanations.",
        discussion: "The questions come from the bank; one no longer there is listed by its id."
    )

    @Argument(help: ArgumentHelp("The exam's number, as `iamquiz exams` shows it.", valueName: "N"))
    var number: Int64

    @Option(name: .customLong("bank"), help: "The bank the exam used (default: the built-in bank; repeatable).")
    var banks: [String] = []

    @OptionGroup var progress: ProgressOptions

    func run() throws {
        let store = try progress.openForReading()
        defer { ProgressOptions.reportDamage(store) }
        let (exam, report) = try Exams.graded(number, store: store)
        let bank = BankAndScenarios.load(paths: banks).loaded.bank
        let byID = Dictionary(bank.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let terminal = Terminal.output()
        let text = ExamReportRenderer(terminal: terminal)
            .render(report, heading: .init(number: number, startedAt: exam.session.startedAt)) { byID[$0.id] }
        terminal.page(text)
    }
}

/// The exam list as `exams --format json` prints it.
struct ExamHistoryJSON: Encodable {
    struct Row: Encodable {
        var number: Int64
        var startedAt: String
        var endedAt: String?
        /// `passed`, `failed`, `unfinished` or `no-report`.
        var status: String
        var blueprint: String?
        var level: String?
        var questions: Int
        var score: Int?
        var passMark: Int?
        var correct: Int?
        var secondsUsed: Double?
        var timeLimitSeconds: Double?
    }

    var passMark = ExamResult.passMark
    var exams: [Row]

    init(_ stored: [StoredExam]) {
        let formatter = ISO8601DateFormatter()
        exams = stored.map { exam in
            let report = exam.report
            let status = report.map { $0.passed ? "passed" : "failed" } ?? (exam.session.isFinished ? "no-report" : "unfinished")
            return Row(number: exam.number, startedAt: formatter.string(from: exam.session.startedAt),
                       endedAt: exam.session.endedAt.map(formatter.string(from:)), status: status,
                       blueprint: exam.session.blueprint ?? report?.blueprint, level: report?.level,
                       questions: report?.total ?? exam.session.questionCount, score: report?.score,
                       passMark: report?.passMark, correct: report?.correct, secondsUsed: report?.secondsUsed,
                       timeLimitSeconds: report?.timeLimitSeconds ?? exam.session.timeLimitSeconds)
        }
    }
}
