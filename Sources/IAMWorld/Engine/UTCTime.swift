import Diagnostics
import Foundation

/// Instants as the sandbox and scenarios write them, `2025-03-01T09:30:00Z`, counted without Foundation's
/// `Calendar` and date styles: making either looks up the local time zone and loads ICU's data, megabytes that
/// `iamquiz check` would hold to run its scenarios. The calendar is the proleptic Gregorian one (``CivilDays``), in UTC.
enum UTCTime {
    /// The instant of a day and time in UTC; the caller has checked that the day exists.
    static func date(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Date {
        Date(timeIntervalSince1970: Double(CivilDays.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second))
    }

    /// `date` as `YYYY-MM-DDTHH:MM:SSZ`, to the second below it (as `Date.ISO8601FormatStyle()` writes it).
    static func text(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, abs(seconds) < 1e15 else { return date.formatted(Date.ISO8601FormatStyle()) }
        let total = Int(seconds)
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondOfDay = total - days * 86_400
        let (year, month, day) = CivilDays.date(days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }
}
