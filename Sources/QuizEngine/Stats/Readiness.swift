import Foundation
import QuizBank

/// What a learner's history predicts about an exam of questions they have not seen: per topic, how much
/// they know and how well they do on a question new to them; per level, the expected scaled score.
///
/// The exam asks new questions, so neither memorised keys nor the number of answers can stand in for
/// readiness. Two things from the history do carry over to a new question of a topic:
///
/// - **Knowledge** `K` (shown as *mastery*): the share of the topic's questions whose latest answer was
///   right, each weighted by FSRS's probability that the learner still remembers it at the date asked
///   (its retrievability). A question answered wrong last counts 0, however recently the key was shown;
///   a question never answered counts 0. Right after a session of wrong answers it is 0, and it falls
///   during a long break as memory fades.
/// - **Ability** `a` on a new question: the share of the topic's questions answered right the *first*
///   time they were seen, when no memory of the key could help, started from `priorAnswers` answers at
///   the chance of a blind guess (1 / C(options, answers to choose)): no first answers give the chance
///   of guessing, and a few right ones do not give 100%.
///
/// A new question of the topic is then answered right with probability `p = K + (1 − K) × a`: from
/// knowledge, or else by reasoning as on a first sight. Readiness for a level is the AWS-style score an
/// exam of new questions would give, `100 + 900 × mean p`, the mean taken over the level's bank
/// questions (each standing for its topics, so that the topics weigh as in the bank), with K taken at the
/// exam date.
public enum Readiness {
    /// The weight of the prior: first answers at the chance of a blind guess that each topic starts with.
    public static let priorAnswers = 2.0

    /// What the history says about one question.
    public struct History: Sendable, Equatable {
        /// Whether the first answer was right (nil: never answered).
        public var firstCorrect: Bool?
        /// Whether the latest answer was right (nil: never answered).
        public var lastCorrect: Bool?
        /// Its scheduling state, for the probability that it is still remembered.
        public var card: FSRSCard?

        public init(firstCorrect: Bool? = nil, lastCorrect: Bool? = nil, card: FSRSCard? = nil) {
            self.firstCorrect = firstCorrect
            self.lastCorrect = lastCorrect
            self.card = card
        }
    }

    /// The estimates for one topic (or any group of questions).
    public struct Estimate: Sendable, Equatable, Codable {
        /// Knowledge `K` at the date asked, 0 to 1.
        public var knowledge: Double
        /// Ability `a` on a new question, 0 to 1.
        public var ability: Double
        /// Questions answered at least once, and how many of those were right the first time.
        public var firstAnswers: Int
        public var firstRight: Int

        /// The probability of answering a new question right: `K + (1 − K) × a`.
        public var newQuestion: Double { knowledge + (1 - knowledge) * ability }
    }

    /// The chance of choosing the key of `question` by a blind guess: 1 / C(options, answers). The number
    /// of answers is the key's (a bank where the stem asks for another count does not load: E007), which
    /// spares reading the stem.
    public static func guessChance(_ question: Question) -> Double {
        let asked = question.key.indices.isEmpty ? question.answerCount : question.key.indices.count
        let n = question.options.count, k = min(asked, question.options.count)
        guard n > 0, k > 0 else { return 0 }
        var combinations = 1.0
        for i in 0..<k { combinations = combinations * Double(n - i) / Double(i + 1) }
        return 1 / combinations
    }

    /// The probability that a question is known at `date`: its retrievability when its latest answer was
    /// right, else 0.
    public static func known(_ history: History?, at date: Date, scheduler: FSRSScheduler) -> Double {
        guard let history, history.lastCorrect == true, let card = history.card else { return 0 }
        return scheduler.retrievability(of: card, at: date)
    }

    /// What the estimates need of one question at one date, worked out once per question (the number of
    /// answers a stem asks for is read from its text).
    public struct Facts: Sendable {
        public var chance: Double
        public var firstCorrect: Bool?
        public var known: Double
    }

    /// The facts of every question of `questions` at `date`, by id.
    public static func facts(_ questions: [Question], histories: [String: History], at date: Date,
                             scheduler: FSRSScheduler) -> [String: Facts] {
        var facts: [String: Facts] = [:]
        for question in questions {
            let history = histories[question.id]
            facts[question.id] = Facts(chance: guessChance(question), firstCorrect: history?.firstCorrect,
                                       known: known(history, at: date, scheduler: scheduler))
        }
        return facts
    }

    /// The estimates over `questions`, from their facts at one date.
    public static func estimate(_ questions: [Question], facts: [String: Facts]) -> Estimate {
        guard !questions.isEmpty else { return Estimate(knowledge: 0, ability: 0, firstAnswers: 0, firstRight: 0) }
        var knowledge = 0.0, chance = 0.0
        var firstAnswers = 0, firstRight = 0
        for question in questions {
            guard let fact = facts[question.id] else { continue }
            knowledge += fact.known
            chance += fact.chance
            if let first = fact.firstCorrect {
                firstAnswers += 1
                if first { firstRight += 1 }
            }
        }
        let count = Double(questions.count)
        let ability = (Double(firstRight) + priorAnswers * chance / count) / (Double(firstAnswers) + priorAnswers)
        return Estimate(knowledge: knowledge / count, ability: ability, firstAnswers: firstAnswers, firstRight: firstRight)
    }

    /// The scaled score (100 to 1000) an exam of new questions like `questions` would give at `examDate`,
    /// each question standing for its topics (`topics`: the topics' estimates at the exam date; questions
    /// without a topic stand for the group `""`).
    public static func score(_ questions: [Question], topics: [String: Estimate]) -> Int {
        guard !questions.isEmpty else { return 100 }
        var sum = 0.0
        for question in questions {
            let estimates = (question.topics.isEmpty ? [""] : question.topics).compactMap { topics[$0] }
            sum += estimates.isEmpty ? 0 : estimates.map(\.newQuestion).reduce(0, +) / Double(estimates.count)
        }
        return 100 + Int((900 * sum / Double(questions.count)).rounded())
    }
}
