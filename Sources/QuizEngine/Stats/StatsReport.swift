import Foundation
import QuizBank

/// Counts of answers, as the progress store aggregates them (SQL `GROUP BY`, so that a million answers
/// never have to be loaded one by one).
public struct AnswerAggregates: Sendable {
    public struct Tally: Sendable, Equatable, Codable {
        public var answers: Int
        public var correct: Int

        public init(answers: Int = 0, correct: Int = 0) {
            self.answers = answers
            self.correct = correct
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
        /// Mean FSRS retrievability now over the group's questions (unseen count as 0), 0 to 1.
        public var mastery: Double
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
    /// Per level: the score out of 1000 an exam would give at the current mastery (100 + 900 × mastery),
    /// and whether it reaches the pass mark of 720.
    public var readiness: [String: Int]
    /// Every day with answers, oldest first (for the calendar and the sparkline).
    public var days: [Day]
    /// Questions of the bank flagged for review.
    public var flagged: Int
}

public enum StatsBuilder {
    /// Builds the report from aggregates and the scheduling state of each seen question.
    public static func build(bank: Bank, aggregates: AnswerAggregates, cards: [String: FSRSCard], flagged: [String] = [],
                             now: Date, scheduler: FSRSScheduler = FSRSScheduler(), calendar: Calendar = .current) -> StatsReport {
        let total = aggregates.perQuestion.values.reduce(AnswerAggregates.Tally()) {
            AnswerAggregates.Tally(answers: $0.answers + $1.answers, correct: $0.correct + $1.correct)
        }
        var retrievability: [String: Double] = [:]
        for (id, card) in cards where card.lastReview != nil {
            retrievability[id] = scheduler.retrievability(of: card, at: now)
        }
        func group(_ name: String, _ questions: [Question]) -> StatsReport.Group {
            var seen = 0, answers = 0, correct = 0
            var mastery = 0.0
            for q in questions {
                if let tally = aggregates.perQuestion[q.id], tally.answers > 0 {
                    seen += 1
                    answers += tally.answers
                    correct += tally.correct
                }
                mastery += retrievability[q.id] ?? 0
            }
            return StatsReport.Group(name: name, questions: questions.count, seen: seen, answers: answers, correct: correct,
                                     mastery: questions.isEmpty ? 0 : mastery / Double(questions.count))
        }
        let topics = bank.topics.map { topic in group(topic, bank.questions.filter { $0.topics.contains(topic) }) }
            .sorted { ($0.mastery, $0.name) < ($1.mastery, $1.name) }
        let levels = Level.allCases.map { level in group(level.rawValue, bank.questions.filter { $0.level == level }) }
        var readiness: [String: Int] = [:]
        for level in levels where level.questions > 0 {
            readiness[level.name] = 100 + Int((900 * level.mastery).rounded())
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
                           readiness: readiness, days: days, flagged: Set(flagged).intersection(ids).count)
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
