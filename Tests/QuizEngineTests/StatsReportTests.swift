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
            perQuestion: ["a": .init(answers: 2, correct: 2, firstCorrect: true, lastCorrect: true),
                          "c": .init(answers: 1, correct: 0, firstCorrect: false, lastCorrect: false)],
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
        // Mastery: the retrievability of questions whose latest answer was right, unseen ones counting 0.
        let ra = scheduler.retrievability(of: a, at: now)
        #expect(abs((sts?.mastery ?? 0) - ra / 2) < 1e-9)
        // `c` was answered wrong a minute ago: its retrievability is about 1, but it counts 0.
        #expect(report.topics.first { $0.name == "mfa" }?.mastery == 0)
        let associate = report.levels.first { $0.name == "associate" }
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

/// Issue 9, point 2: after ten wrong answers, stats showed mastery 100% and readiness 1000 ("ready"),
/// because retrievability just after a review is about 1 even after Again. Readiness now predicts a score
/// on new questions (see `Readiness`): these histories have answers worked out by hand.
///
/// The bank: ten associate questions of one topic, four options, one answer each, so a blind guess is
/// right with chance 1/4 and the prior of ability is 2 answers at 1/4.
@Suite("Readiness on histories with known answers")
struct ReadinessTests {
    let now = Date(timeIntervalSince1970: 1_764_000_000)
    let scheduler = FSRSScheduler()
    let bank = Bank(questions: (0..<10).map { i in
        Question(id: "q\(i)", level: .associate, topics: ["trust-policy"], stem: "?",
                 options: ["a", "b", "c", "d"].map { AnswerOption(text: $0) }, key: .options([0]))
    })

    /// Every question answered at `date`: first right or wrong as `firstRight(i)` says, then once more
    /// ten minutes later when the latest answer, `right(i)`, differs.
    func history(at date: Date, firstRight: (Int) -> Bool, right: (Int) -> Bool) -> (AnswerAggregates, [String: FSRSCard]) {
        var aggregates = AnswerAggregates()
        var cards: [String: FSRSCard] = [:]
        for i in 0..<10 {
            var card = scheduler.review(FSRSCard.new(at: date), rating: firstRight(i) ? .good : .again, at: date)
            var answers = 1, correct = firstRight(i) ? 1 : 0
            if firstRight(i) != right(i) {
                card = scheduler.review(card, rating: right(i) ? .good : .again, at: date.addingTimeInterval(600))
                answers += 1
                correct += right(i) ? 1 : 0
            }
            cards["q\(i)"] = card
            aggregates.perQuestion["q\(i)"] = .init(answers: answers, correct: correct, firstCorrect: firstRight(i), lastCorrect: right(i))
        }
        return (aggregates, cards)
    }

    func report(_ h: (AnswerAggregates, [String: FSRSCard]), examDate: Date) -> StatsReport {
        StatsBuilder.build(bank: bank, aggregates: h.0, cards: h.1, now: now, examDate: examDate, scheduler: scheduler)
    }

    @Test("All wrong: mastery 0, readiness at the floor of guessing (138), whatever the date")
    func allWrong() {
        let h = history(at: now, firstRight: { _ in false }, right: { _ in false })
        let r = report(h, examDate: now)
        #expect(r.topics[0].mastery == 0)
        // ability = (0 + 2 × 1/4) / (10 + 2) = 0.041 667; score = 100 + 900 × 0.041 667 = 137.5 → 138
        #expect(abs(r.topics[0].ability - 0.5 / 12) < 1e-12)
        #expect(r.readiness["associate"] == 138)
        #expect(report(h, examDate: now.addingTimeInterval(30 * 86_400)).readiness["associate"] == 138)
    }

    @Test("All right at first sight: 1000 on the day, 978 a week later")
    func allRight() throws {
        let h = history(at: now, firstRight: { _ in true }, right: { _ in true })
        // On the day every key is remembered (retrievability 1), so every new question is right.
        #expect(report(h, examDate: now).readiness["associate"] == 1000)
        // A week later: K = R(7 days) of a card rated Good once; ability = (10 + 0.5) / 12 = 0.875.
        let card = try #require(h.1["q0"])
        let recall = scheduler.retrievability(of: card, at: now.addingTimeInterval(7 * 86_400))
        let week = report(h, examDate: now.addingTimeInterval(7 * 86_400))
        #expect(week.readiness["associate"] == 100 + Int((900 * (recall + (1 - recall) * 0.875)).rounded()))
        #expect(week.readiness["associate"] == 978)
    }

    @Test("Half right: mastery 50%, readiness 756 on the day")
    func halfRight() {
        let r = report(history(at: now, firstRight: { $0 < 5 }, right: { $0 < 5 }), examDate: now)
        #expect(r.topics[0].mastery == 0.5)
        // ability = (5 + 0.5) / 12 = 0.458 333; p = 0.5 + 0.5 × 0.458 333 = 0.729 167; 100 + 656.25 → 756
        #expect(r.readiness["associate"] == 756)
    }

    @Test("A long break: the same answers 200 days ago give lower mastery and readiness")
    func longBreak() throws {
        let fresh = report(history(at: now, firstRight: { _ in true }, right: { _ in true }), examDate: now)
        let old = history(at: now.addingTimeInterval(-200 * 86_400), firstRight: { _ in true }, right: { _ in true })
        let r = report(old, examDate: now)
        let recall = scheduler.retrievability(of: try #require(old.1["q0"]), at: now)
        #expect(recall < 0.6)
        #expect(abs(r.topics[0].mastery - recall) < 1e-12)
        #expect(r.readiness["associate"] == 100 + Int((900 * (recall + (1 - recall) * 0.875)).rounded()))
        #expect((r.readiness["associate"] ?? 0) < (fresh.readiness["associate"] ?? 0))
    }

    @Test("Keys learnt by repetition, not at first sight: 1000 on the day, 663 a week later")
    func cramming() {
        let h = history(at: now, firstRight: { _ in false }, right: { _ in true })
        #expect(report(h, examDate: now).readiness["associate"] == 1000)
        let week = report(h, examDate: now.addingTimeInterval(7 * 86_400))
        #expect(week.readiness["associate"] == 663)
        #expect((week.readiness["associate"] ?? 1000) < ExamResult.passMark)
    }

    @Test("Questions never answered count: one right answer in ten is not readiness")
    func unseenCount() {
        var (aggregates, cards) = history(at: now, firstRight: { _ in true }, right: { _ in true })
        aggregates.perQuestion = aggregates.perQuestion.filter { $0.key == "q0" }
        cards = cards.filter { $0.key == "q0" }
        let r = report((aggregates, cards), examDate: now)
        #expect(r.topics[0].mastery == 0.1)
        // ability = (1 + 0.5) / 3 = 0.5; p = 0.1 + 0.9 × 0.5 = 0.55; 100 + 495 = 595
        #expect(r.readiness["associate"] == 595)
    }

    @Test("The chance of a blind guess is 1 / C(options, answers)", arguments: [(4, 1, 0.25), (5, 2, 0.1), (6, 3, 0.05), (2, 1, 0.5)])
    func guessChance(options: Int, answers: Int, chance: Double) {
        let q = Question(id: "x", level: .associate, topics: [], stem: "? (Choose \(answers))",
                         options: (0..<options).map { AnswerOption(text: "o\($0)") }, key: .options(Array(0..<answers)))
        #expect(abs(Readiness.guessChance(q) - chance) < 1e-12)
    }
}
