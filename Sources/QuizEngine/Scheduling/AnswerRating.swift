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
