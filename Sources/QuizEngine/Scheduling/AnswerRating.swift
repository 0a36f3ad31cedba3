/// Turns a graded quiz answer into an FSRS rating, since learners answer questions rather than rate them.
///
/// The rule, applied in this order:
///
/// 1. A wrong answer is **Again**.
/// 2. A right answer is **Hard** when the learner needed a retry (for example a re-prompt after choosing
///    the wrong number of options), or took more than twice their typical time.
/// 3. A right answer is **Easy** when it took at most half the learner's typical time and less than
///    20 seconds.
/// 4. Any other right answer is **Good**.
///
/// The typical time is the median of the learner's recent answer times (see `typicalSeconds(of:)`).
/// Without one (a new learner), or when a time is not a finite, non-negative number, speed is not
/// judged: a right answer without a retry is Good.
///
/// The learner may overrule the rating after the feedback (``RatingChoice``): their own rating, or `guess`.
public enum AnswerRating {
    /// A right answer slower than this many times the typical time is Hard.
    public static let slowFactor = 2.0
    /// A right answer within this fraction of the typical time (and under `easyLimitSeconds`) is Easy.
    public static let fastFactor = 0.5
    /// No answer that takes this long or longer is Easy, however slow the learner usually is.
    public static let easyLimitSeconds = 20.0

    /// The rating for an answer (see ``AnswerRating`` for the rule).
    ///
    /// - Parameters:
    ///   - correct: whether the answer was right.
    ///   - retried: whether the learner was asked to answer again before it was graded.
    ///   - seconds: how long the learner took.
    ///   - typicalSeconds: the learner's typical (median) answer time, or nil when unknown.
    public static func rating(correct: Bool, retried: Bool, seconds: Double, typicalSeconds: Double?) -> FSRSRating {
        guard correct else { return .again }
        if retried { return .hard }
        guard let typical = typicalSeconds, typical.isFinite, typical > 0, seconds.isFinite, seconds >= 0 else {
            return .good
        }
        if seconds > slowFactor * typical { return .hard }
        if seconds <= fastFactor * typical, seconds < easyLimitSeconds { return .easy }
        return .good
    }

    /// The median of the finite, non-negative times in `seconds`, or nil when there are none.
    public static func typicalSeconds(of seconds: [Double]) -> Double? {
        let times = seconds.filter { $0.isFinite && $0 >= 0 }.sorted()
        guard !times.isEmpty else { return nil }
        let middle = times.count / 2
        return times.count.isMultiple(of: 2) ? (times[middle - 1] + times[middle]) / 2 : times[middle]
    }
}

extension FSRSRating {
    /// The rating's word, as the learner types it and `answers.rating` stores it: `again`, `hard`, `good`, `easy`.
    public var name: String {
        switch self {
        case .again: "again"
        case .hard: "hard"
        case .good: "good"
        case .easy: "easy"
        }
    }

    /// The rating named `name` (case does not matter), or nil.
    public init?(name: String) {
        guard let rating = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = rating
    }
}

/// What the learner may say about an answer after its feedback, in place of the automatic rating
/// (``AnswerRating``): that a right answer was a guess, or the rating they would give it, as in Anki.
///
/// A guess is scheduled as **Again** (the question comes back soon) while the answer stays right in the
/// score and is marked guessed in the log. A wrong answer is **Again** and cannot be raised: the learner did
/// not recall the key, whatever they feel about it.
public enum RatingChoice: Sendable, Equatable {
    /// The answer was right, but by luck.
    case guess
    /// The learner's own rating.
    case rating(FSRSRating)

    /// The words the learner types.
    public static let words = ["guess"] + FSRSRating.allCases.map(\.name)

    /// The choice typed as `word` (`guess`, `again`, `hard`, `good`, `easy`; case does not matter), or nil.
    public init?(word: String) {
        if word.lowercased() == "guess" {
            self = .guess
        } else if let rating = FSRSRating(name: word) {
            self = .rating(rating)
        } else {
            return nil
        }
    }

    /// Why a choice cannot apply to an answer.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The rating and guess mark this choice gives an answer that was right (`correct`) or wrong.
    public func applied(correct: Bool) -> Result<(rating: FSRSRating, guessed: Bool), Refusal> {
        switch (self, correct) {
        case (.guess, true): .success((.again, true))
        case (.rating(let rating), true): .success((rating, false))
        case (.rating(.again), false): .success((.again, false))
        case (.guess, false):
            .failure(Refusal(description: "a wrong answer is already rated again, so it comes back soon"))
        case (.rating(let rating), false):
            .failure(Refusal(description: "a wrong answer stays rated again; it cannot be rated \(rating.name)"))
        }
    }
}
