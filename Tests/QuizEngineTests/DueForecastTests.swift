import Foundation
import Testing
@testable import QuizEngine

@Suite("The due forecast of stats --forecast")
struct DueForecastTests {
    static let now = Date(timeIntervalSince1970: 1_767_268_800)  // 2026-01-01 12:00 UTC

    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }

    /// A studied card due `days` days from `now`.
    static func card(dueIn days: Double) -> FSRSCard {
        FSRSCard(state: .review, step: nil, stability: 5, difficulty: 5, due: now.addingTimeInterval(days * 86_400),
                 lastReview: now.addingTimeInterval(-86_400))
    }

    // Rule: each studied card counts on the local day it is due, an overdue card today, a card due after the
    // 30th day nowhere; a card never studied, or of a question not in the bank, does not count.
    @Test func countsPerDay() {
        let cards: [String: FSRSCard] = [
            "overdue": Self.card(dueIn: -3), "later-today": Self.card(dueIn: 0.4), "tomorrow-morning": Self.card(dueIn: 0.6),
            "tomorrow-evening": Self.card(dueIn: 1.4), "day-29": Self.card(dueIn: 29), "day-30": Self.card(dueIn: 30),
            "new": FSRSCard.new(at: Self.now), "elsewhere": Self.card(dueIn: 2),
        ]
        let ids: Set<String> = ["overdue", "later-today", "tomorrow-morning", "tomorrow-evening", "day-29", "day-30", "new"]
        let forecast = DueForecast(cards: cards, questionIDs: ids, now: Self.now, calendar: Self.utc)
        #expect(forecast.days.count == 30)
        #expect(forecast.days.first == DueForecast.Day(date: "2026-01-01", due: 2))
        #expect(forecast.days[1] == DueForecast.Day(date: "2026-01-02", due: 2))
        #expect(forecast.days[29] == DueForecast.Day(date: "2026-01-30", due: 1))
        #expect(forecast.days[2..<29].allSatisfy { $0.due == 0 })
        #expect(forecast.total == 5)
        #expect(DueForecast(cards: cards, now: Self.now, calendar: Self.utc).total == 6, "without a bank every studied card counts")
    }
}
