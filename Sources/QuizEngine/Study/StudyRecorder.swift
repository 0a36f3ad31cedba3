import Foundation
import QuizBank

extension FSRSCard {
    /// The scheduling state stored for a question.
    public init(record: CardRecord) {
        self.init(state: FSRSState(rawValue: record.state) ?? .learning, step: record.step, stability: record.stability,
                  difficulty: record.difficulty, due: record.due, lastReview: record.lastReview)
    }
}

/// Connects a quiz to the progress store: each graded answer is rated, scheduled with FSRS and saved
/// with the question's new card in one transaction, before the next question is shown.
public final class StudyRecorder: Sendable {
    public let store: ProgressStore
    public let sessionID: Int64?
    let mode: SessionMode
    let scheduler: FSRSScheduler
    /// The learner's median answer time, for the Hard/Easy rule.
    let typicalSeconds: Double?

    /// Starts a session in the store for `questions`, taken from the bank files or folders `banks` (none for
    /// the built-in bank): the session keeps them, made absolute, and the ``SessionDigest`` of the questions,
    /// so that `iamquiz resume` reloads the same bank and tells what changed in it since.
    public init(store: ProgressStore, mode: SessionMode, questions: [PresentedQuestion], seed: UInt64?, filter: String,
                timeLimitSeconds: Double? = nil, banks: [String] = [], scheduler: FSRSScheduler = FSRSScheduler()) throws {
        self.store = store
        self.mode = mode
        self.scheduler = scheduler
        let session = try store.startSession(
            SessionRecord(mode: mode, questionCount: questions.count, seed: seed, filterDescription: filter,
                          timeLimitSeconds: timeLimitSeconds, banks: SessionBanks.absolute(banks),
                          bankDigest: SessionDigest(questions: questions.map(\.question)).text),
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

    /// Rates and records one graded answer; returns the question's next due date.
    @discardableResult
    public func record(_ presented: PresentedQuestion, chosenDisplay: [Int], correct: Bool, seconds: Double, retried: Bool,
                       position: Int, at date: Date = Date()) throws -> Date {
        let id = presented.question.id
        let previous = try store.card(questionID: id)
        let card = previous.map(FSRSCard.init(record:)) ?? FSRSCard.new(at: date)
        let rating = AnswerRating.rating(correct: correct, retried: retried, seconds: seconds, typicalSeconds: typicalSeconds)
        let next = scheduler.review(card, rating: rating, at: date)
        let lapsed = rating == .again && card.state == .review
        let cardRecord = CardRecord(questionID: id, state: next.state.rawValue, step: next.step, stability: next.stability,
                                    difficulty: next.difficulty, due: next.due, lastReview: next.lastReview,
                                    reps: (previous?.reps ?? 0) + 1, lapses: (previous?.lapses ?? 0) + (lapsed ? 1 : 0))
        let answer = AnswerRecord(sessionID: sessionID, questionID: id, contentHash: ContentHash.of(presented.question),
                                  chosen: presented.bankLetters(displayIndices: chosenDisplay), isCorrect: correct,
                                  seconds: seconds, answeredAt: date, mode: mode, isRetry: retried)
        _ = try store.record(answer: answer, card: cardRecord, position: position)
        return next.due
    }

    /// Marks the session finished (an unfinished one can be resumed).
    public func finish() throws {
        if let sessionID { try store.finishSession(id: sessionID) }
    }
}

extension QuestionSelector {
    /// Practice order: questions due for review first (most overdue first), then questions never seen, then
    /// the rest by how likely they are to be forgotten; the level and topic filters and `count` apply.
    public static func selectForPractice(from bank: Bank, filter: QuizFilter, cards: [String: FSRSCard], now: Date,
                                         scheduler: FSRSScheduler = FSRSScheduler(), random: inout SeededRandom) -> Selection {
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
        all.questions = Array((due + new + rest).prefix(max(0, filter.count)))
        return all
    }
}
