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
            topics. With --exam N: the questions of exam N (`iamquiz exams` lists them) in the exam's order, \
            all of them, or with --wrong those answered wrong or left unanswered, or with --flagged those \
            flagged in the exam. Answers are recorded and scheduled like practice answers; a flag stays \
            until you type `flag` again on its question.
            """
    )

    @Option(name: .customLong("topic"), help: "Review every question with this topic (repeatable).")
    var topics: [String] = []

    @Flag(help: "Only the questions you flagged (with --exam: flagged in that exam).")
    var flagged = false

    @Option(help: ArgumentHelp("Practise the questions of exam N (`iamquiz exams` lists them).", valueName: "N"))
    var exam: Int64?

    @Flag(help: "With --exam: only the questions answered wrong or left unanswered.")
    var wrong = false

    /// The longest look back: 100 years, far beyond any history, and small enough that the date it gives is
    /// always representable.
    static let maximumDays = 36_500

    @Option(parsing: .unconditional, help: "How far back to look for wrong answers, in days (1 to \(Review.maximumDays); default 14).")
    var days: Int?

    @Option(parsing: .unconditional, help: "How many questions at most (default 20; with --exam, all of them).")
    var count: Int?

    @Option(name: .customLong("bank"), help: "A bank file or folder instead of the built-in bank (repeatable).")
    var banks: [String] = []

    @Option(help: "Seed for the order of options.")
    var seed: UInt64?

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        if let days, !(1...Self.maximumDays).contains(days) {
            throw ValidationError("--days must be a whole number from 1 to \(Self.maximumDays), not `\(days)`")
        }
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if wrong, exam == nil { throw ValidationError("--wrong goes with --exam N (the questions answered wrong in that exam)") }
        if exam != nil {
            if wrong, flagged { throw ValidationError("--wrong and --flagged do not go together; choose one") }
            if !topics.isEmpty { throw ValidationError("--topic does not go with --exam; the exam's questions are reviewed") }
            if days != nil { throw ValidationError("--days does not go with --exam; the exam's answers are reviewed") }
        }
    }

    func run() throws {
        let store = try progress.openForReading()
        defer { ProgressOptions.reportDamage(store) }
        if let exam {
            try reviewExam(exam, store: store)
            return
        }
        let bank = try SelectionOptions.load(banks: banks, topics: topics)
        let seed = self.seed ?? SelectionOptions.randomSeed()
        var random = SeededRandom(seed: seed)
        let filter = ReviewFilter(topics: topics, flaggedOnly: flagged, days: days ?? 14, count: count ?? 20)
        let review = try QuestionSelector.selectForReview(from: bank.outline, filter: filter, store: store, now: Date(),
                                                          random: &random)
        try SelectionOptions.requireMatches(review.selection, description: QuizFilter(topics: topics).inWords)
        guard !review.selection.questions.isEmpty else {
            Console.writeLines(flagged
                ? "Nothing to review: no question is flagged. Type `flag` at the answer prompt to flag one.\n"
                : "Nothing to review: no question flagged or answered wrong in \(filter.window). Try `iamquiz` to practise.\n")
            return
        }
        try practise(review.selection.questions, description: review.description, bank: bank, store: store,
                     seed: seed, random: &random)
    }

    /// `--exam N`: the exam's questions (all, wrong or flagged) in the exam's order.
    private func reviewExam(_ number: Int64, store: ProgressStore) throws {
        let (_, report) = try Exams.graded(number, store: store)
        let bank = try SelectionOptions.load(banks: banks, topics: [])
        let scope: ExamReviewScope = wrong ? .wrong : flagged ? .flagged : .all
        let review = QuestionSelector.selectForExamReview(report, number: number, scope: scope, from: bank.loaded.bank)
        if review.missing > 0 {
            Console.error("note: \(counted(review.missing, "question")) of exam \(number) \(review.missing == 1 ? "is" : "are") "
                + "no longer in the bank (or no longer keyed) and left out")
        }
        guard !review.questions.isEmpty else {
            let what = switch scope {
            case .wrong: review.missing > 0 ? "no question answered wrong is still in the bank" : "every question was answered right"
            case .flagged: review.missing > 0 ? "no flagged question is still in the bank" : "no question was flagged in it"
            case .all: "none of its questions is still in the bank"
            }
            Console.writeLines("Nothing to review in exam \(number): \(what).\n")
            return
        }
        let seed = self.seed ?? SelectionOptions.randomSeed()
        var random = SeededRandom(seed: seed)
        try practise(Array(review.questions.prefix(count ?? Int.max)), description: review.description, bank: bank,
                     store: store, seed: seed, random: &random)
    }

    /// Runs the review quiz on `questions` (outlines of `bank`, read whole here), recorded and scheduled like
    /// practice.
    private func practise(_ questions: [Question], description: String, bank: BankAndScenarios, store: ProgressStore,
                          seed: UInt64, random: inout SeededRandom) throws {
        let session = QuizSession(questions: bank.complete(questions), random: &random)
        try Resume.noteUnfinished(in: store)
        let recorder = try StudyRecorder(store: store, mode: .review, questions: session.questions, seed: seed,
                                         filter: description, banks: banks)
        var loop = QuizLoop(session: session, terminal: .standard(reader: SelectionOptions.reader(completions: QuizLoop.commands, store: store)))
        try loop.record(with: recorder)
        loop.verifyWith(bank.scenarios(named:))
        let n = session.questions.count
        try ExitCode.unlessSuccess(try loop.run(intro: "iamquiz review: \(counted(n, "question"))\(description).", recorder: recorder))
    }
}
