import Foundation

/// The learner's local time: the calendar day, hour and minute of an instant, and the start of a day, in the
/// time zone of the C library (`TZ`, else `/etc/localtime`, as `date` uses), on the proleptic Gregorian
/// calendar of ``CivilDays``.
///
/// A quiz needs only that much (the start of today for the daily limit of new questions, the day and hour an
/// answer is recorded at), and asking a Foundation `Calendar` or `TimeZone` for it loads ICU's data: about
/// 4 MB of memory at start-up, more than a whole quiz otherwise keeps. Both read the same zone setting.
package struct LocalTime: Sendable {
    /// Seconds east of UTC in effect at an instant.
    private let offset: @Sendable (Date) -> Int

    /// A zone whose offset at each instant `offset` gives (tests use a Foundation `TimeZone`'s).
    package init(offset: @escaping @Sendable (Date) -> Int) {
        self.offset = offset
    }

    /// The zone of this process, from the C library's `localtime_r`.
    package static let current = LocalTime { date in
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, abs(seconds) < 1e15 else { return 0 }
        var time = time_t(seconds)
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else { return 0 }
        return Int(parts.tm_gmtoff)
    }

    /// Coordinated Universal Time.
    package static let utc = LocalTime { _ in 0 }

    /// The zone of a Foundation `TimeZone` (for tests: it loads ICU's data).
    package static func zone(_ zone: TimeZone) -> LocalTime { LocalTime { zone.secondsFromGMT(for: $0) } }

    /// A zone `seconds` east of UTC all year.
    package static func fixed(secondsEast seconds: Int) -> LocalTime { LocalTime { _ in seconds } }

    /// The day (counted from 1970-01-01, as ``CivilDays``) and the second of that day that `date` falls on
    /// here, to the second below it.
    private func dayAndSecond(_ date: Date) -> (day: Int, second: Int) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        // Beyond any calendar a learner meets (about ±31 million years): the day of the instant in UTC.
        let whole = seconds.isFinite && abs(seconds) < 1e15 ? Int(seconds) : 0
        let local = whole + offset(date)
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (day, local - day * 86_400)
    }

    /// The local day of `date`, counted from 1970-01-01.
    package func day(_ date: Date) -> Int { dayAndSecond(date).day }

    /// The local date and time of `date`, to the second below it.
    package func components(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let (day, second) = dayAndSecond(date)
        let (y, m, d) = CivilDays.date(day)
        return (y, m, d, second / 3600, second / 60 % 60, second % 60)
    }

    /// The local hour of `date`, 0 to 23.
    package func hour(_ date: Date) -> Int { dayAndSecond(date).second / 3600 }

    /// The first second of the local day of `date`: its midnight, or where a change of offset skips midnight,
    /// the first instant that is on that day (as Foundation's `Calendar.startOfDay(for:)`).
    package func startOfDay(_ date: Date) -> Date {
        let target = day(date)
        // No zone is more than 16 hours from UTC, so the day starts in this window: search it for the first
        // second on the day (a local day only moves forward as time does).
        var low = target * 86_400 - 16 * 3600  // before the day everywhere
        var high = target * 86_400 + 16 * 3600  // on or after the day everywhere
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if day(Date(timeIntervalSince1970: Double(middle))) >= target { high = middle } else { low = middle }
        }
        return Date(timeIntervalSince1970: Double(high))
    }

    /// `YYYY-MM-DD` of the local day of `date`.
    package func dayText(_ date: Date) -> String { text(date, through: 3) }

    /// `YYYY-MM-DD HH:MM` of `date` here.
    package func minuteText(_ date: Date) -> String { text(date, through: 5) }

    /// `YYYY-MM-DD HH:MM:SS` of `date` here, to the second below it; `separator` goes between the day and the
    /// time (`T` for ISO 8601).
    package func secondText(_ date: Date, separator: String = " ") -> String { text(date, through: 6, separator: separator) }

    /// The first `count` fields of `YYYY-MM-DD HH:MM:SS` for `date`.
    private func text(_ date: Date, through count: Int, separator: String = " ") -> String {
        let c = components(date)
        let fields = [Self.digits(c.year, 4), "-", Self.digits(c.month, 2), "-", Self.digits(c.day, 2), separator,
                      Self.digits(c.hour, 2), ":", Self.digits(c.minute, 2), ":", Self.digits(c.second, 2)]
        return fields.prefix(count * 2 - 1).joined()
    }

    /// `value` with zeros in front to `width` digits (a minus sign first when negative).
    package static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value.magnitude)
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
