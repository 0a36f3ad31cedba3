import Foundation
import QuizBank
import Testing
@testable import QuizEngine

@Suite("Stats report on a known history")
struct StatsReportTests {
    let bank = Bank(questions: [
        Question(id: "a", level: .associate, topics: ["sts"], stem: "?", options: [AnswerOption(text: "x"), AnswerOption(text: "y")], key: .options([0])),
        Question(id: "b", level: .associate, topics: ["sts", "mfa"], stem: "?", options: [AnswerOption(text: "x"), AnswerOption(text: "y")], key: .options([0])),
        Question(id: "c", level: .professional, topics: ["mfa"], stem: "?", options: [AnswerOption(text: "x"), AnswerOption(text: "y")], key: .options([0])),
    ])

    var calendar: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? .current
        return c
    }

    @Test("totals, streak, due counts, mastery and readiness")
    func knownHistory() {
        let now = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24 16:00 UTC
        let scheduler = FSRSScheduler()
        // `a` reviewed Good twice long ago (in review, due in the past); `b` never seen; `c` just answered wrong.
        var a = scheduler.review(FSRSCard.new(at: now.addingTimeInterval(-40 * 86_400)), rating: .good, at: now.addingTimeInterval(-40 * 86_400))
        a = scheduler.review(a, rating: .good, at: now.addingTimeInterval(-39 * 86_400))
        let c = scheduler.review(FSRSCard.new(at: now.addingTimeInterval(-60)), rating: .again, at: now.addingTimeInterval(-60))
        let aggregates = AnswerAggregates(
            perQuestion: ["a": .init(answers: 2, correct: 2), "c": .init(answers: 1, correct: 0)],
            perDay: ["2025-11-22": .init(answers: 1, correct: 1), "2025-11-23": .init(answers: 1, correct: 1),
                     "2025-11-24": .init(answers: 1, correct: 0), "2025-11-20": .init(answers: 0, correct: 0)])
        let report = StatsBuilder.build(bank: bank, aggregates: aggregates, cards: ["a": a, "c": c],
                                        flagged: ["b", "no-longer-in-the-bank"], now: now,
                                        scheduler: scheduler, calendar: calendar)
        #expect(report.answers == 3)
        #expect(report.correct == 2)
        #expect(abs(report.accuracy - 2.0 / 3.0) < 1e-9)
        // Rule: consecutive days with answers up to today (22, 23, 24).
        #expect(report.streakDays == 3)
        // `a` is overdue and `c` is due within minutes: both due today; `b` was never seen.
        #expect(report.dueToday == 2)
        #expect(report.dueThisWeek == 2)
        let sts = report.topics.first { $0.name == "sts" }
        #expect(sts?.questions == 2)
        #expect(sts?.seen == 1)
        // Mastery is the mean retrievability, unseen questions counting 0.
        let ra = scheduler.retrievability(of: a, at: now)
        #expect(abs((sts?.mastery ?? 0) - ra / 2) < 1e-9)
        let associate = report.levels.first { $0.name == "associate" }
        #expect(report.readiness["associate"] == 100 + Int((900 * (associate?.mastery ?? 0)).rounded()))
        #expect(report.days.map(\.date) == ["2025-11-20", "2025-11-22", "2025-11-23", "2025-11-24"])
        // Per level: seen and right answers, as for topics.
        // associate: `a` seen (2 of 2 right), `b` unseen; professional: `c` seen, answered wrong once.
        #expect(associate.map { [$0.questions, $0.seen, $0.answers, $0.correct] } == [2, 1, 2, 2])
        #expect(report.levels.first { $0.name == "professional" }.map { [$0.questions, $0.seen, $0.answers, $0.correct] } == [1, 1, 1, 0])
        // Flags of questions no longer in the bank are not counted.
        #expect(report.flagged == 1)
    }

    @Test("the streak counts up to yesterday when today has no answer yet, and stops at a gap")
    func streak() {
        let now = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24
        #expect(StatsBuilder.streak(days: ["2025-11-23", "2025-11-22", "2025-11-20"], now: now, calendar: calendar) == 2)
        #expect(StatsBuilder.streak(days: ["2025-11-21"], now: now, calendar: calendar) == 0)
        #expect(StatsBuilder.streak(days: [], now: now, calendar: calendar) == 0)
    }
}
