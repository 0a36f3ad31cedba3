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
        return LocalTime.utc.secondText(date, separator: "T") + "Z"
    }
}
