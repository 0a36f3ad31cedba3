import Diagnostics
import Foundation
import QuizBank

// Plain values for the rows of the progress database. They know nothing of GRDB, so the store's
// public API does not expose the database library.
//
// Dates are stored in UTC with millisecond precision: a date read back may differ from the one
// written by less than a millisecond.

/// One quiz run: its mode, when it ran, how it was chosen and whether it reached the end.
public struct SessionRecord: Sendable, Equatable {
    /// Assigned by ``ProgressStore/startSession(_:questions:)``; nil before.
    public var id: Int64?
    public var mode: SessionMode
    public var startedAt: Date
    public var endedAt: Date?
    public var questionCount: Int
    /// The `--seed` of the run, so the same selection and shuffles can be replayed.
    public var seed: UInt64?
    /// The filter in words, for example `level=professional topics=sts,mfa count=10`.
    public var filterDescription: String
    /// True when the learner reached the end or ended the session; false while it can be resumed.
    public var isFinished: Bool
    /// An exam's time limit in seconds; nil for none.
    public var timeLimitSeconds: Double?
    /// The time spent in the session so far (saved as an exam goes), so a resumed exam keeps its clock.
    public var elapsedSeconds: Double
    /// The bank files or folders the session's questions came from, as given on the command line (made
    /// absolute); empty for the built-in bank.
    public var banks: [String]
    /// A digest of the questions of those banks when the session started, to tell a bank that changed since.
    public var bankDigest: String?
    /// The exam blueprint's name (`sap-c02`, or a file's path); nil for other sessions.
    public var blueprint: String?
    /// A graded exam's report, as JSON (``ProgressStore`` does not read it); nil until graded.
    public var report: String?

    public init(id: Int64? = nil, mode: SessionMode, startedAt: Date = Date(), endedAt: Date? = nil, questionCount: Int,
                seed: UInt64? = nil, filterDescription: String = "", isFinished: Bool = false,
                timeLimitSeconds: Double? = nil, elapsedSeconds: Double = 0, banks: [String] = [], bankDigest: String? = nil,
                blueprint: String? = nil, report: String? = nil) {
        self.id = id
        self.mode = mode
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.questionCount = questionCount
        self.seed = seed
        self.filterDescription = filterDescription
        self.isFinished = isFinished
        self.timeLimitSeconds = timeLimitSeconds
        self.elapsedSeconds = elapsedSeconds
        self.banks = banks
        self.bankDigest = bankDigest
        self.blueprint = blueprint
        self.report = report
    }
}

/// One question of a session, as it was presented, so an interrupted session can be resumed.
public struct SessionQuestionRecord: Sendable, Equatable {
    /// 0-based place of the question in the session.
    public var position: Int
    public var questionID: String
    /// `optionOrder[displayIndex]` is the index of the option in the bank (``PresentedQuestion/order``).
    public var optionOrder: [Int]
    public var isFlagged: Bool
    public var isAnswered: Bool

    public init(position: Int, questionID: String, optionOrder: [Int], isFlagged: Bool = false, isAnswered: Bool = false) {
        self.position = position
        self.questionID = questionID
        self.optionOrder = optionOrder
        self.isFlagged = isFlagged
        self.isAnswered = isAnswered
    }
}

/// One graded answer.
public struct AnswerRecord: Sendable, Equatable {
    /// Assigned by ``ProgressStore/record(answer:card:position:)``; nil before. Increases with each answer.
    public var id: Int64?
    public var sessionID: Int64?
    public var questionID: String
    /// ``ContentHash/of(_:)`` of the question when it was answered, to tell answers to an edited question apart.
    public var contentHash: String
    /// The chosen options as letters of the bank's order (not the shuffled display), comma-separated: `B,D`.
    public var chosen: String
    public var isCorrect: Bool
    /// Time from showing the question to committing the answer.
    public var seconds: Double
    /// When the answer was committed (stored in UTC).
    public var answeredAt: Date
    /// The learner's local hour of day (0 to 23) at `answeredAt`, for time-of-day statistics.
    public var localHour: Int
    public var mode: SessionMode
    /// True when this is another attempt at a question already answered in the same session.
    public var isRetry: Bool
    /// The chosen options by the letters the learner saw (display order), comma-separated: `A,C`; nil for
    /// answers recorded before iamquiz kept them.
    public var shown: String?
    /// The FSRS rating the answer was scheduled with (`again`, `hard`, `good`, `easy`): the automatic one, or
    /// the learner's own typed after the feedback; nil when it was recorded before iamquiz kept it.
    public var rating: String?
    /// True when the learner said a right answer was a guess.
    public var guessed: Bool

    /// An answer; `localHour` is the hour of `answeredAt` in the learner's time.
    package init(id: Int64? = nil, sessionID: Int64?, questionID: String, contentHash: String, chosen: String,
                isCorrect: Bool, seconds: Double, answeredAt: Date = Date(), localTime: LocalTime = .current,
                mode: SessionMode, isRetry: Bool = false, shown: String? = nil, rating: String? = nil, guessed: Bool = false) {
        self.init(id: id, sessionID: sessionID, questionID: questionID, contentHash: contentHash, chosen: chosen,
                  isCorrect: isCorrect, seconds: seconds, answeredAt: answeredAt,
                  localHour: localTime.hour(answeredAt), mode: mode, isRetry: isRetry,
                  shown: shown, rating: rating, guessed: guessed)
    }

    /// An answer with an explicit local hour (as read back from the store).
    public init(id: Int64? = nil, sessionID: Int64?, questionID: String, contentHash: String, chosen: String,
                isCorrect: Bool, seconds: Double, answeredAt: Date, localHour: Int, mode: SessionMode, isRetry: Bool,
                shown: String? = nil, rating: String? = nil, guessed: Bool = false) {
        self.id = id
        self.sessionID = sessionID
        self.questionID = questionID
        self.contentHash = contentHash
        self.chosen = chosen
        self.isCorrect = isCorrect
        self.seconds = seconds
        self.answeredAt = answeredAt
        self.localHour = localHour
        self.mode = mode
        self.isRetry = isRetry
        self.shown = shown
        self.rating = rating
        self.guessed = guessed
    }

    /// Bank option indices as the stored letters: `[1, 3]` is `B,D`.
    public static func letters(bankIndices: [Int]) -> String {
        bankIndices.sorted().map { String(AnswerInput.label($0)) }.joined(separator: ",")
    }

    /// The bank option indices of stored letters (the inverse of ``letters(bankIndices:)``): `B,D` is `[1, 3]`.
    public static func bankIndices(letters: String) -> [Int] {
        letters.split(separator: ",").compactMap { letter in letter.unicodeScalars.first.map { Int($0.value) - 65 } }
    }
}

/// The spaced-repetition state of one question, as the scheduler left it after the latest review.
///
/// The columns hold an FSRS card exactly (state, learning step, stability, difficulty, due date,
/// last review) plus review and lapse counts, as plain values: the store does not depend on the scheduler.
public struct CardRecord: Sendable, Equatable {
    public var questionID: String
    /// The scheduler's state name, for example `learning`, `review` or `relearning`.
    public var state: String
    /// The current (re)learning step, nil in review.
    public var step: Int?
    public var stability: Double?
    public var difficulty: Double?
    public var due: Date
    public var lastReview: Date?
    /// How many times the question was reviewed.
    public var reps: Int
    /// How many times a review was forgotten.
    public var lapses: Int

    public init(questionID: String, state: String, step: Int? = nil, stability: Double? = nil, difficulty: Double? = nil,
                due: Date, lastReview: Date? = nil, reps: Int = 0, lapses: Int = 0) {
        self.questionID = questionID
        self.state = state
        self.step = step
        self.stability = stability
        self.difficulty = difficulty
        self.due = due
        self.lastReview = lastReview
        self.reps = reps
        self.lapses = lapses
    }
}

extension PresentedQuestion {
    /// The stored form (``AnswerRecord/chosen``) of display positions the learner typed: bank letters, sorted.
    public func bankLetters(displayIndices: [Int]) -> String {
        AnswerRecord.letters(bankIndices: displayIndices.compactMap { order.indices.contains($0) ? order[$0] : nil })
    }

    /// The display positions, sorted, of stored bank letters (the inverse of ``bankLetters(displayIndices:)``);
    /// letters of options this question does not have are left out.
    public func displayIndices(bankLetters letters: String) -> [Int] {
        AnswerRecord.bankIndices(letters: letters).compactMap { order.firstIndex(of: $0) }.sorted()
    }
}
