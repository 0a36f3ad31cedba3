import Foundation
import QuizBank
import Synchronization

extension FSRSCard {
    /// The scheduling state stored for a question.
    public init(record: CardRecord) {
        self.init(state: FSRSState(rawValue: record.state) ?? .learning, step: record.step, stability: record.stability,
                  difficulty: record.difficulty, due: record.due, lastReview: record.lastReview)
    }
}

/// Connects a quiz to the progress store: each graded answer is rated, scheduled with FSRS and saved
/// with the question's new card in one transaction, before the next question is shown.
///
/// A drill (``DrillID``) is never asked again, so its answer schedules its skill's card (``DrillSkill``) instead
/// of a card of its own; the answer keeps the drill's id.
///
/// The learner may then rate the answer themselves (``rate(_:at:)``): the recorder keeps the card as it
/// was before the answer, so the new rating is applied to that card, not on top of the automatic one.
public final class StudyRecorder: Sendable {
    /// The answer recorded last, with what its re-rating needs.
    struct LastAnswer: Sendable {
        var answerID: Int64
        /// The card the answer scheduled: the question's, or its skill's for a drill.
        var cardID: String
        var correct: Bool
        /// The question's card before this answer; nil for a question never scheduled.
        var previous: CardRecord?
        var answeredAt: Date
    }

    public let store: ProgressStore
    public let sessionID: Int64?
    let mode: SessionMode
    let scheduler: FSRSScheduler
    /// The learner's median answer time, for the Hard/Easy rule.
    let typicalSeconds: Double?
    private let lastAnswer = Mutex<LastAnswer?>(nil)

    /// Starts a session in the store for `questions`, taken from the bank files or folders `banks` (none for
    /// the built-in bank): the session keeps them, made absolute, and the ``SessionDigest`` of the questions,
    /// so that `iamquiz resume` reloads the same bank and tells what changed in it since.
    public init(store: ProgressStore, mode: SessionMode, questions: [PresentedQuestion], seed: UInt64?, filter: String,
                timeLimitSeconds: Double? = nil, banks: [String] = [], blueprint: String? = nil,
                scheduler: FSRSScheduler = FSRSScheduler()) throws {
        self.store = store
        self.mode = mode
        self.scheduler = scheduler
        let session = try store.startSession(
            SessionRecord(mode: mode, questionCount: questions.count, seed: seed, filterDescription: filter,
                          timeLimitSeconds: timeLimitSeconds, banks: SessionBanks.absolute(banks),
                          bankDigest: SessionDigest(questions: questions.map(\.question)).text, blueprint: blueprint),
            questions: questions.enumerated().map { SessionQuestionRecord(position: $0.offset, questionID: $0.element.question.id,
                                                                          optionOrder: $0.element.order) })
        sessionID = session.id
        typicalSeconds = AnswerRating.typicalSeconds(of: try store.recentAnswerSeconds(limit: 200))
    }

    /// Continues an interrupted session of the store.
    public init(store: ProgressStore, resuming session: SessionRecord, scheduler: FSRSScheduler = FSRSScheduler()) throws {
        self.store = store
        self.mode = session.mode
        self.scheduler = scheduler
        sessionID = session.id
        typicalSeconds = AnswerRating.typicalSeconds(of: try store.recentAnswerSeconds(limit: 200))
    }

    /// Rates and records one graded answer; returns the question's next due date (its skill's, for a drill).
    ///
    /// - Parameters:
    ///   - retried: an earlier attempt was refused (a wrong number of letters): a right answer is Hard.
    ///   - isRepeat: the question came back after a wrong answer in this session (a relearning step).
    @discardableResult
    public func record(_ presented: PresentedQuestion, chosenDisplay: [Int], correct: Bool, seconds: Double, retried: Bool,
                       isRepeat: Bool = false, position: Int, at date: Date = Date()) throws -> Date {
        let id = presented.question.id
        let cardID = DrillSkill.cardID(forQuestion: id)
        let previous = try store.card(questionID: cardID)
        let rating = AnswerRating.rating(correct: correct, retried: retried, seconds: seconds, typicalSeconds: typicalSeconds)
        let cardRecord = nextCard(cardID, after: previous, rating: rating, at: date)
        let answer = AnswerRecord(sessionID: sessionID, questionID: id, contentHash: ContentHash.of(presented.question),
                                  chosen: presented.bankLetters(displayIndices: chosenDisplay), isCorrect: correct,
                                  seconds: seconds, answeredAt: date, mode: mode, isRetry: retried || isRepeat,
                                  shown: chosenDisplay.sorted().map { String(AnswerInput.label($0)) }.joined(separator: ","),
                                  rating: rating.name)
        let saved = try store.record(answer: answer, card: cardRecord, position: position)
        lastAnswer.withLock { last in
            last = saved.id.map { LastAnswer(answerID: $0, cardID: cardID, correct: correct, previous: previous, answeredAt: date) }
        }
        return cardRecord.due
    }

    /// Applies the learner's own rating (or a guess) to the answer recorded last, in place of the automatic
    /// one: the card is computed again from the card before that answer, and the card and the answer's rating
    /// and guess mark are saved in one transaction. Returns the rating applied and the question's next due date.
    ///
    /// - Throws: ``RatingChoice/Refusal`` when there is no answer to rate or the choice cannot apply to it (a
    ///   wrong answer cannot be raised); ``ProgressStoreError`` when the store fails (nothing changed then).
    @discardableResult
    public func rate(_ choice: RatingChoice) throws -> (rating: FSRSRating, due: Date) {
        guard let last = lastAnswer.withLock({ $0 }) else {
            throw RatingChoice.Refusal(description: "there is no answer to rate yet")
        }
        let (rating, guessed) = try choice.applied(correct: last.correct).get()
        let card = nextCard(last.cardID, after: last.previous, rating: rating, at: last.answeredAt)
        try store.rerate(answerID: last.answerID, rating: rating.name, guessed: guessed, card: card)
        return (rating, card.due)
    }

    /// The card of question `id` after a review rated `rating` at `date`, from its card before (nil: new).
    private func nextCard(_ id: String, after previous: CardRecord?, rating: FSRSRating, at date: Date) -> CardRecord {
        let card = previous.map(FSRSCard.init(record:)) ?? FSRSCard.new(at: date)
        let next = scheduler.review(card, rating: rating, at: date)
        let lapsed = rating == .again && card.state == .review
        return CardRecord(questionID: id, state: next.state.rawValue, step: next.step, stability: next.stability,
                          difficulty: next.difficulty, due: next.due, lastReview: next.lastReview,
                          reps: (previous?.reps ?? 0) + 1, lapses: (previous?.lapses ?? 0) + (lapsed ? 1 : 0))
    }

    /// Marks the session finished (an unfinished one can be resumed).
    public func finish() throws {
        if let sessionID { try store.finishSession(id: sessionID) }
    }
}

extension QuestionSelector {
    /// Practice order: questions due for review first (most overdue first), then up to `newLimit` questions
    /// never seen (the daily limit of new questions, less those introduced today), then the rest by how
    /// likely they are to be forgotten (review ahead); the level and topic filters and `count` apply.
    public static func selectForPractice(from bank: Bank, filter: QuizFilter, cards: [String: FSRSCard], now: Date,
                                         newLimit: Int = .max, scheduler: FSRSScheduler = FSRSScheduler(),
                                         random: inout SeededRandom) -> Selection {
        var all = select(from: bank, filter: QuizFilter(level: filter.level, topics: filter.topics, count: Int.max),
                         random: &random)
        let due = all.questions.filter { cards[$0.id].map { $0.lastReview != nil && $0.due <= now } ?? false }
            .sorted { (cards[$0.id]?.due ?? now) < (cards[$1.id]?.due ?? now) }
        let new = all.questions.filter { cards[$0.id]?.lastReview == nil }
        let rest = all.questions.filter { q in cards[q.id].map { $0.lastReview != nil && $0.due > now } ?? false }
            .sorted { a, b in
                let ra = cards[a.id].map { scheduler.retrievability(of: $0, at: now) } ?? 0
                let rb = cards[b.id].map { scheduler.retrievability(of: $0, at: now) } ?? 0
                return ra < rb
            }
        all.questions = Array((due + new.prefix(max(0, newLimit)) + rest).prefix(max(0, filter.count)))
        return all
    }
}
