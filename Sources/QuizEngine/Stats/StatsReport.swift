import Foundation
import QuizBank

/// Counts of answers, as the progress store aggregates them (SQL `GROUP BY`, so that a million answers
/// never have to be loaded one by one).
public struct AnswerAggregates: Sendable {
    public struct Tally: Sendable, Equatable, Codable {
        public var answers: Int
        public var correct: Int
        /// Whether the first and the latest answer were right (nil when unknown, as for a day).
        public var firstCorrect: Bool?
        public var lastCorrect: Bool?

        public init(answers: Int = 0, correct: Int = 0, firstCorrect: Bool? = nil, lastCorrect: Bool? = nil) {
            self.answers = answers
            self.correct = correct
            self.firstCorrect = firstCorrect
            self.lastCorrect = lastCorrect
        }

        public var accuracy: Double { answers == 0 ? 0 : Double(correct) / Double(answers) }
    }

    /// Per question id.
    public var perQuestion: [String: Tally]
    /// Per local calendar day, `YYYY-MM-DD`.
    public var perDay: [String: Tally]

    public init(perQuestion: [String: Tally] = [:], perDay: [String: Tally] = [:]) {
        self.perQuestion = perQuestion
        self.perDay = perDay
    }
}

/// What `iamquiz stats` shows: totals, streak, mastery and readiness, and what is due.
public struct StatsReport: Sendable, Codable, Equatable {
    public struct Group: Sendable, Codable, Equatable {
        public var name: String
        /// Questions of the bank in the group.
        public var questions: Int
        /// Questions answered at least once.
        public var seen: Int
        public var answers: Int
        public var correct: Int
        /// Knowledge now (see ``Readiness``): the share of the group's questions whose latest answer was
        /// right, each weighted by the probability that it is still remembered; 0 to 1.
        public var mastery: Double
        /// Ability on a question new to the learner: the share right at first sight, from a prior at the
        /// chance of guessing (see ``Readiness``); 0 to 1.
        public var ability: Double
        /// Questions answered at least once, and how many of those were right the first time.
        public var firstAnswers: Int
        public var firstRight: Int
    }

    public struct Day: Sendable, Codable, Equatable {
        public var date: String
        public var answers: Int
        public var correct: Int
    }

    public var answers: Int
    public var correct: Int
    public var accuracy: Double
    /// Consecutive days with at least one answer, ending today (or yesterday, when today has none yet).
    public var streakDays: Int
    public var dueToday: Int
    public var dueThisWeek: Int
    public var topics: [Group]
    public var levels: [Group]
    /// Per level: the score (100 to 1000, pass mark 720) expected on an exam of new questions taken on
    /// `examDate` (see ``Readiness``).
    public var readiness: [String: Int]
    /// The day readiness is computed for, `YYYY-MM-DD`.
    public var examDate: String
    /// Every day with answers, oldest first (for the calendar and the sparkline).
    public var days: [Day]
    /// Questions of the bank flagged for review.
    public var flagged: Int
}

public enum StatsBuilder {
    /// How far ahead readiness looks when no exam date is given: an exam a week from now, so that a session
    /// of answers just seen (remembered now, less so in a week) does not read as ready.
    public static let defaultExamHorizon: TimeInterval = 7 * 86_400

    /// Builds the report from aggregates and the scheduling state of each seen question; readiness is for
    /// an exam on `examDate` (default: a week after `now`).
    public static func build(bank: Bank, aggregates: AnswerAggregates, cards: [String: FSRSCard], flagged: [String] = [],
                             now: Date, examDate: Date? = nil, scheduler: FSRSScheduler = FSRSScheduler(),
                             calendar: Calendar = .current) -> StatsReport {
        let total = aggregates.perQuestion.values.reduce(AnswerAggregates.Tally()) {
            AnswerAggregates.Tally(answers: $0.answers + $1.answers, correct: $0.correct + $1.correct)
        }
        var histories: [String: Readiness.History] = [:]
        for (id, tally) in aggregates.perQuestion where tally.answers > 0 {
            histories[id] = Readiness.History(firstCorrect: tally.firstCorrect, lastCorrect: tally.lastCorrect, card: cards[id])
        }
        let exam = examDate ?? now.addingTimeInterval(defaultExamHorizon)
        let factsNow = Readiness.facts(bank.questions, histories: histories, at: now, scheduler: scheduler)
        let factsAtExam = Readiness.facts(bank.questions, histories: histories, at: exam, scheduler: scheduler)
        func group(_ name: String, _ questions: [Question]) -> StatsReport.Group {
            var seen = 0, answers = 0, correct = 0
            for q in questions {
                if let tally = aggregates.perQuestion[q.id], tally.answers > 0 {
                    seen += 1
                    answers += tally.answers
                    correct += tally.correct
                }
            }
            let estimate = Readiness.estimate(questions, facts: factsNow)
            return StatsReport.Group(name: name, questions: questions.count, seen: seen, answers: answers, correct: correct,
                                     mastery: estimate.knowledge, ability: estimate.ability,
                                     firstAnswers: estimate.firstAnswers, firstRight: estimate.firstRight)
        }
        let topics = bank.topics.map { topic in group(topic, bank.questions.filter { $0.topics.contains(topic) }) }
            .sorted { ($0.mastery, $0.name) < ($1.mastery, $1.name) }
        let levels = Level.allCases.map { level in group(level.rawValue, bank.questions.filter { $0.level == level }) }
        // Readiness per level: each topic's estimates over the level's questions of the topic at the exam
        // date (a professional exam is judged on professional questions), then the level's questions stand
        // for their topics.
        var readiness: [String: Int] = [:]
        for level in Level.allCases {
            let questions = bank.questions.filter { $0.level == level }
            guard !questions.isEmpty else { continue }
            var atExam: [String: Readiness.Estimate] = [:]
            for topic in Set(questions.flatMap { $0.topics.isEmpty ? [""] : $0.topics }) {
                let members = questions.filter { topic.isEmpty ? $0.topics.isEmpty : $0.topics.contains(topic) }
                atExam[topic] = Readiness.estimate(members, facts: factsAtExam)
            }
            readiness[level.rawValue] = Readiness.score(questions, topics: atExam)
        }

        let ids = Set(bank.questions.map(\.id))
        let endOfToday = calendar.startOfDay(for: now).addingTimeInterval(86_400)
        let endOfWeek = endOfToday.addingTimeInterval(6 * 86_400)
        let seenCards = cards.filter { ids.contains($0.key) && $0.value.lastReview != nil }
        let dueToday = seenCards.values.filter { $0.due < endOfToday }.count
        let dueThisWeek = seenCards.values.filter { $0.due < endOfWeek }.count

        let days = aggregates.perDay.sorted { $0.key < $1.key }
            .map { StatsReport.Day(date: $0.key, answers: $0.value.answers, correct: $0.value.correct) }
        return StatsReport(answers: total.answers, correct: total.correct, accuracy: total.accuracy,
                           streakDays: streak(days: Set(days.filter { $0.answers > 0 }.map(\.date)), now: now, calendar: calendar),
                           dueToday: dueToday, dueThisWeek: dueThisWeek, topics: topics, levels: levels,
                           readiness: readiness, examDate: dayKey(exam, calendar: calendar), days: days,
                           flagged: Set(flagged).intersection(ids).count)
    }

    /// `YYYY-MM-DD` of a date in the calendar's time zone.
    public static func dayKey(_ date: Date, calendar: Calendar = .current) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    static func streak(days: Set<String>, now: Date, calendar: Calendar) -> Int {
        var day = calendar.startOfDay(for: now)
        if !days.contains(dayKey(day, calendar: calendar)) {
            // Today has no answers yet: the streak still counts up to yesterday.
            day = day.addingTimeInterval(-86_400)
        }
        var count = 0
        while days.contains(dayKey(day, calendar: calendar)) {
            count += 1
            guard let previous = calendar.date(byAdding: .day, value: -1, to: day) else { break }
            day = previous
        }
        return count
    }
}
