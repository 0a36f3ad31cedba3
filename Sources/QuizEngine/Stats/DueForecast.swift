import Foundation

/// How many questions fall due on each of the coming days, from their cards: the review load ahead, as
/// Anki's forecast shows it, so a learner can see what a day off or a burst of new questions will cost.
public struct DueForecast: Sendable, Codable, Equatable {
    /// One day of the forecast.
    public struct Day: Sendable, Codable, Equatable {
        /// `YYYY-MM-DD` on the learner's calendar.
        public var date: String
        /// Questions due that day (today: also every question overdue).
        public var due: Int
    }

    /// The days from today on, today first.
    public var days: [Day]
    /// Every question due in those days.
    public var total: Int

    /// The forecast for `days` days from `now`: each studied card counts on the local day it is due, an
    /// overdue one today; cards due after the last day are left out. With `questionIDs`, only the cards of
    /// those questions count (the bank's, as `stats` shows).
    public init(cards: [String: FSRSCard], questionIDs: Set<String>? = nil, now: Date, days: Int = 30,
                calendar: Calendar = .current) {
        let start = calendar.startOfDay(for: now)
        var starts: [Date] = []
        var day = start
        for _ in 0..<max(0, days) {
            starts.append(day)
            // By the calendar, not by 86,400 s: days across a daylight-saving change have 23 or 25 hours.
            day = calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400)
        }
        var counts = [Int](repeating: 0, count: starts.count)
        for (id, card) in cards where card.lastReview != nil && (questionIDs?.contains(id) ?? true) {
            guard card.due < day else { continue }  // after the last day
            // The last day starting at or before the due date; overdue cards fall before the first: today.
            let index = starts.lastIndex { $0 <= card.due } ?? 0
            counts[index] += 1
        }
        self.days = zip(starts, counts).map { Day(date: StatsBuilder.dayKey($0, calendar: calendar), due: $1) }
        total = counts.reduce(0, +)
    }
}
