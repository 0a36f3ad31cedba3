import ArgumentParser
import Diagnostics
import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
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

    @Option(parsing: .unconditional, help: "How far back to look for wrong answers, in days (1 to \(Review.maximumDays)).")
    var days: Int = 14

    @Option(parsing: .unconditional, help: "How many questions at most.")
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
        let bank = try SelectionOptions.load(banks: banks, topics: topics)
        let seed = self.seed ?? SelectionOptions.randomSeed()
        var random = SeededRandom(seed: seed)
        let filter = ReviewFilter(topics: topics, flaggedOnly: flagged, days: days, count: count)
        let review = try QuestionSelector.selectForReview(from: bank.loaded.bank, filter: filter, store: store, now: Date(),
                                                          random: &random)
        try SelectionOptions.requireMatches(review.selection, description: QuizFilter(topics: topics).inWords)
        guard !review.selection.questions.isEmpty else {
            Console.writeLines(flagged
                ? "Nothing to review: no question is flagged. Type `flag` at the answer prompt to flag one.\n"
                : "Nothing to review: no question flagged or answered wrong in \(filter.window). Try `iamquiz` to practise.\n")
            return
        }
        let session = QuizSession(questions: review.selection.questions, random: &random)
        let recorder = try StudyRecorder(store: store, mode: .review, questions: session.questions, seed: seed,
                                         filter: review.description)
        var loop = QuizLoop(session: session, terminal: .standard(reader: SelectionOptions.reader(completions: QuizLoop.commands, store: store)))
        try loop.record(with: recorder)
        loop.verifyWith(bank.scenarios())
        let n = session.questions.count
        try ExitCode.unlessSuccess(try loop.run(intro: "iamquiz review: \(counted(n, "question"))\(review.description).", recorder: recorder))
    }
}
