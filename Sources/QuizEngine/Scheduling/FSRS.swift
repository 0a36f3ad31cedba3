import Foundation

// FSRS-6 as the `fsrs` Python package (py-fsrs 6.x) implements it, with fuzzing off. Every formula below
// keeps py-fsrs's order of operations and uses `pow(M_E, x)` where it writes `math.e ** x`, so results
// agree with it to the last bit or nearly (checked against its output in FSRSVectorTests).

/// The settings of an FSRS scheduler: the model's 21 weights and the scheduling policy around them.
public struct FSRSParameters: Sendable, Equatable, Codable {
    /// The FSRS-6 model weights w0...w20; w20 is the decay of the forgetting curve.
    public var weights: [Double]
    /// The probability of recall that review intervals aim for, in (0, 1).
    public var desiredRetention: Double
    /// The short intervals of a new card before it graduates to review.
    public var learningSteps: [TimeInterval]
    /// The short intervals of a forgotten (lapsed) card before it returns to review.
    public var relearningSteps: [TimeInterval]
    /// The longest interval, in days, that a card is scheduled for.
    public var maximumInterval: Int

    public init(weights: [Double] = FSRSParameters.defaultWeights, desiredRetention: Double = 0.9,
                learningSteps: [TimeInterval] = [60, 600], relearningSteps: [TimeInterval] = [600],
                maximumInterval: Int = 36500) {
        self.weights = weights
        self.desiredRetention = desiredRetention
        self.learningSteps = learningSteps
        self.relearningSteps = relearningSteps
        self.maximumInterval = maximumInterval
    }

    /// py-fsrs's defaults: its default weights, retention 0.9, learning steps 1 min and 10 min,
    /// relearning step 10 min, maximum interval 36,500 days.
    public static let `default` = FSRSParameters()

    /// The default FSRS-6 weights (py-fsrs `DEFAULT_PARAMETERS`).
    public static let defaultWeights: [Double] = [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ]

    /// The smallest and largest value each weight may take (py-fsrs's bounds).
    public static let weightBounds: [ClosedRange<Double>] = [
        0.001...100, 0.001...100, 0.001...100, 0.001...100, 1...10, 0.001...4, 0.001...4, 0.001...0.75,
        0...4.5, 0...0.8, 0.001...3.5, 0.001...5, 0.001...0.25, 0.001...0.9, 0...4, 0...1, 1...6,
        0...2, 0...2, 0...0.8, 0.1...0.8,
    ]

    /// Why a set of parameters cannot be used.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Every problem of these parameters (empty when they are usable). Check parameters that come from
    /// a file with this before giving them to `FSRSScheduler`, which expects 21 weights.
    public var problems: [Problem] {
        var list: [Problem] = []
        if weights.count != Self.weightBounds.count {
            list.append(Problem(description: "expected \(Self.weightBounds.count) weights, found \(weights.count)"))
        } else {
            for (index, (weight, bounds)) in zip(weights, Self.weightBounds).enumerated() where !bounds.contains(weight) {
                list.append(Problem(description: "weight w\(index) = \(weight) is outside \(bounds.lowerBound)...\(bounds.upperBound)"))
            }
        }
        if !(desiredRetention > 0 && desiredRetention < 1) {
            list.append(Problem(description: "desired retention must be between 0 and 1, found \(desiredRetention)"))
        }
        if (learningSteps + relearningSteps).contains(where: { !($0 > 0) || !$0.isFinite }) {
            list.append(Problem(description: "learning and relearning steps must be positive"))
        }
        if maximumInterval < 1 {
            list.append(Problem(description: "maximum interval must be at least 1 day, found \(maximumInterval)"))
        }
        return list
    }
}

/// How well the learner recalled a card.
public enum FSRSRating: Int, Sendable, Codable, CaseIterable {
    /// Forgotten (a wrong answer).
    case again = 1
    /// Recalled with serious difficulty.
    case hard
    /// Recalled.
    case good
    /// Recalled with no effort.
    case easy
}

/// Where a card is in its life: new and being learned, in spaced review, or relearning after a lapse.
public enum FSRSState: String, Sendable, Codable, CaseIterable {
    case learning
    case review
    case relearning
}

/// The scheduling state of one card (one question for one learner).
public struct FSRSCard: Sendable, Codable, Equatable {
    public var state: FSRSState
    /// The current learning or relearning step (0-based); nil in review.
    public var step: Int?
    /// Days for the probability of recall to fall to 90 %; nil until the first review.
    public var stability: Double?
    /// How hard the card is, from 1 (easiest) to 10; nil until the first review.
    public var difficulty: Double?
    /// When the card should next be reviewed.
    public var due: Date
    /// When the card was last reviewed; nil for a new card.
    public var lastReview: Date?

    public init(state: FSRSState, step: Int?, stability: Double?, difficulty: Double?, due: Date, lastReview: Date?) {
        self.state = state
        self.step = step
        self.stability = stability
        self.difficulty = difficulty
        self.due = due
        self.lastReview = lastReview
    }

    /// A card never reviewed, due at `date`.
    public static func new(at date: Date) -> FSRSCard {
        FSRSCard(state: .learning, step: 0, stability: nil, difficulty: nil, due: date, lastReview: nil)
    }
}

/// The FSRS-6 scheduler: given a card and a rating, the card's next state and due date.
///
/// It matches py-fsrs 6.x with fuzzing disabled, including its quirks: elapsed time counts whole days
/// (24-hour periods since the last review, not calendar days), a review less than a day after the previous
/// one uses the short-term stability formula, and review intervals are whole days rounded half to even.
public struct FSRSScheduler: Sendable {
    public let parameters: FSRSParameters
    private let w: [Double]
    private let decay: Double
    private let factor: Double

    /// A scheduler with `parameters`, which must have 21 weights (see `FSRSParameters.problems`).
    public init(parameters: FSRSParameters = .default) {
        precondition(parameters.weights.count == FSRSParameters.weightBounds.count,
                     "FSRS needs \(FSRSParameters.weightBounds.count) weights; check FSRSParameters.problems first")
        self.parameters = parameters
        w = parameters.weights
        decay = -parameters.weights[20]
        factor = pow(0.9, 1 / decay) - 1
    }

    /// The probability that the learner recalls `card` at `date`; 0 for a card never reviewed.
    public func retrievability(of card: FSRSCard, at date: Date) -> Double {
        guard let lastReview = card.lastReview, let stability = card.stability else { return 0 }
        let elapsed = max(0, Self.elapsedDays(from: lastReview, to: date))
        return pow(1 + factor * Double(elapsed) / stability, decay)
    }

    /// The card after a review with `rating` at `date`.
    ///
    /// A card without stability or difficulty is treated as new, whatever its state says.
    public func review(_ card: FSRSCard, rating: FSRSRating, at date: Date) -> FSRSCard {
        var next = card
        let elapsed = card.lastReview.map { Self.elapsedDays(from: $0, to: date) }
        let interval: TimeInterval

        guard let stability = card.stability, let difficulty = card.difficulty else {
            next.state = .learning
            next.stability = initialStability(rating)
            next.difficulty = clampDifficulty(initialDifficulty(rating))
            let step = card.state == .learning ? (card.step ?? 0) : 0
            interval = stepInterval(&next, step: step, rating: rating, steps: parameters.learningSteps)
            return finish(next, interval: interval, at: date)
        }

        if let elapsed, elapsed < 1 {
            next.stability = shortTermStability(stability, rating: rating)
        } else {
            let r = retrievability(of: card, at: date)
            next.stability = nextStability(difficulty: difficulty, stability: stability, retrievability: r, rating: rating)
        }
        next.difficulty = nextDifficulty(difficulty, rating: rating)

        switch card.state {
        case .learning:
            interval = stepInterval(&next, step: card.step ?? 0, rating: rating, steps: parameters.learningSteps)
        case .relearning:
            interval = stepInterval(&next, step: card.step ?? 0, rating: rating, steps: parameters.relearningSteps)
        case .review:
            if rating == .again, !parameters.relearningSteps.isEmpty {
                next.state = .relearning
                next.step = 0
                interval = parameters.relearningSteps[0]
            } else {
                interval = graduate(&next)
            }
        }
        return finish(next, interval: interval, at: date)
    }

    // MARK: - Steps and intervals

    /// Moves a learning or relearning card along `steps` and returns the time until it is due.
    private func stepInterval(_ card: inout FSRSCard, step: Int, rating: FSRSRating, steps: [TimeInterval]) -> TimeInterval {
        let step = max(0, step) // a stored card could say anything
        // A step past the end happens when the card was scheduled with more steps than there are now.
        if steps.isEmpty || (step >= steps.count && rating != .again) {
            return graduate(&card)
        }
        switch rating {
        case .again:
            card.step = 0
            return steps[0]
        case .hard:
            card.step = step
            if step == 0 { return steps.count == 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2 }
            return steps[min(step, steps.count - 1)]
        case .good:
            if step + 1 >= steps.count { return graduate(&card) }
            card.step = step + 1
            return steps[step + 1]
        case .easy:
            return graduate(&card)
        }
    }

    /// Puts the card in review and returns its interval from its (already updated) stability.
    private func graduate(_ card: inout FSRSCard) -> TimeInterval {
        card.state = .review
        card.step = nil
        return TimeInterval(nextIntervalDays(stability: card.stability ?? Self.stabilityMinimum)) * 86_400
    }

    private func finish(_ card: FSRSCard, interval: TimeInterval, at date: Date) -> FSRSCard {
        var card = card
        card.due = date.addingTimeInterval(interval)
        card.lastReview = date
        return card
    }

    /// Whole days until recall probability falls to the desired retention, in 1...maximumInterval.
    func nextIntervalDays(stability: Double) -> Int {
        let days = (stability / factor) * (pow(parameters.desiredRetention, 1 / decay) - 1)
        // Python's round() rounds half to even; clamp before converting so huge values cannot trap.
        let rounded = days.rounded(.toNearestOrEven)
        guard rounded.isFinite, rounded < Double(parameters.maximumInterval) else { return max(1, parameters.maximumInterval) }
        return max(1, Int(rounded))
    }

    /// Whole days from `start` to `end`, rounded down (Python's `timedelta.days`); negative when `end` is
    /// earlier. The difference is first rounded to microseconds, the resolution of Python's datetime.
    static func elapsedDays(from start: Date, to end: Date) -> Int {
        let microseconds = (end.timeIntervalSince(start) * 1_000_000).rounded()
        let days = (microseconds / 86_400_000_000).rounded(.down)
        guard days.isFinite, abs(days) < 1e15 else { return days < 0 ? Int.min / 2 : Int.max / 2 }
        return Int(days)
    }

    // MARK: - Model

    static let stabilityMinimum = 0.001
    static let difficultyRange = 1.0...10.0

    private func clampDifficulty(_ d: Double) -> Double {
        min(max(d, Self.difficultyRange.lowerBound), Self.difficultyRange.upperBound)
    }

    private func clampStability(_ s: Double) -> Double { max(s, Self.stabilityMinimum) }

    private func initialStability(_ rating: FSRSRating) -> Double {
        clampStability(w[rating.rawValue - 1])
    }

    private func initialDifficulty(_ rating: FSRSRating) -> Double {
        w[4] - pow(M_E, w[5] * Double(rating.rawValue - 1)) + 1
    }

    private func shortTermStability(_ stability: Double, rating: FSRSRating) -> Double {
        var increase = pow(M_E, w[17] * (Double(rating.rawValue - 3) + w[18])) * pow(stability, -w[19])
        if rating != .again { increase = max(increase, 1.0) }
        return clampStability(stability * increase)
    }

    private func nextDifficulty(_ difficulty: Double, rating: FSRSRating) -> Double {
        let target = initialDifficulty(.easy)
        let delta = -(w[6] * Double(rating.rawValue - 3))
        let damped = difficulty + (10.0 - difficulty) * delta / 9.0
        return clampDifficulty(w[7] * target + (1 - w[7]) * damped)
    }

    private func nextStability(difficulty: Double, stability: Double, retrievability: Double, rating: FSRSRating) -> Double {
        let next: Double
        if rating == .again {
            let longTerm = w[11] * pow(difficulty, -w[12]) * (pow(stability + 1, w[13]) - 1)
                * pow(M_E, (1 - retrievability) * w[14])
            let shortTerm = stability / pow(M_E, w[17] * w[18])
            next = min(longTerm, shortTerm)
        } else {
            let hardPenalty = rating == .hard ? w[15] : 1
            let easyBonus = rating == .easy ? w[16] : 1
            next = stability * (1 + pow(M_E, w[8]) * (11 - difficulty) * pow(stability, -w[9])
                * (pow(M_E, (1 - retrievability) * w[10]) - 1) * hardPenalty * easyBonus)
        }
        return clampStability(next)
    }
}
