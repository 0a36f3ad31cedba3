import ArgumentParser
import Diagnostics
import Foundation
import QuizBank
import QuizEngine
import TerminalUI

/// `iamquiz review`: the questions answered wrong recently, or all questions of some topics.
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review the questions you flagged or answered wrong recently (or every question of --topic).",
        discussion: """
            Without --topic: the questions you flagged (with `flag` at the answer prompt), most recently \
            flagged first, then those whose latest answer in the last --days days was wrong, most recently \
            missed first. --flagged keeps only the flagged ones. With --topic: every question of those \
            topics. Answers are recorded and scheduled like practice answers; a flag stays until you type \
            `flag` again on its question.
            """
    )

    @Option(name: .customLong("topic"), help: "Review every question with this topic (repeatable).")
    var topics: [String] = []

    @Flag(help: "Only the questions you flagged.")
    var flagged = false

    /// The longest look back: 100 years, far beyond any history, and small enough that the date it gives is
    /// always representable.
    static let maximumDays = 36_500

    @Option(help: "How far back to look for wrong answers, in days (1 to \(Review.maximumDays)).")
    var days: Int = 14

    @Option(help: "How many questions at most.")
    var count: Int = 20

    @Option(name: .customLong("bank"), help: "A bank file or folder instead of the built-in bank (repeatable).")
    var banks: [String] = []

    @Option(help: "Seed for the order of options.")
    var seed: UInt64?

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        guard (1...Self.maximumDays).contains(days) else {
            throw ValidationError("--days must be a whole number from 1 to \(Self.maximumDays), not `\(days)`")
        }
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
    }

    func run() throws {
        let store = try progress.open()
        defer { ProgressOptions.reportDamage(store) }
        // Reuse the selection checks (bank errors, unknown topics) with every matching question.
        let selection = try SelectionOptions.parse((banks.flatMap { ["--bank", $0] }) + (topics.flatMap { ["--topic", $0] })
            + (seed.map { ["--seed", String($0)] } ?? []))
        var prepared = try selection.prepare(count: Int.max)
        var questions = prepared.selection.questions
        var description = prepared.description
        if topics.isEmpty || flagged {
            let byID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let marked = try store.flaggedQuestions().filter { byID[$0] != nil }
            let missed = flagged ? [] : try store.recentlyMissed(since: Date().addingTimeInterval(-Double(days) * 86_400))
            var seen = Set<String>()
            questions = (marked + missed).filter { seen.insert($0).inserted }.compactMap { byID[$0] }
            let window = "the last \(counted(days, "day"))"
            description = flagged ? " (flagged)" : marked.isEmpty ? " (missed in \(window))" : " (flagged, then missed in \(window))"
            guard !questions.isEmpty else {
                Console.write(flagged
                    ? "Nothing to review: no question is flagged. Type `flag` at the answer prompt to flag one.\n"
                    : "Nothing to review: no question flagged or answered wrong in \(window). Try `iamquiz` to practise.\n")
                return
            }
        }
        questions = Array(questions.prefix(count))
        let session = QuizSession(questions: questions, random: &prepared.random)
        let recorder = try StudyRecorder(store: store, mode: .review, questions: session.questions, seed: prepared.seed,
                                         filter: description)
        var loop = QuizLoop(session: session, reader: SelectionOptions.reader(completions: QuizLoop.commands, store: store),
                            style: Style(enabled: TerminalInfo.colorEnabled(fd: 1)), width: TerminalInfo.width(fd: 1),
                            write: { Console.write($0) })
        try loop.record(with: recorder)
        loop.verifyWith(SelectionOptions.scenarioLibrary(banks: banks))
        InterruptTrap.install()
        let n = questions.count
        try loop.run(intro: "iamquiz review: \(counted(n, "question"))\(description).", recorder: recorder)
    }
}
