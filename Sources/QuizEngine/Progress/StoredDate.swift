import Diagnostics
import Foundation
import GRDB

/// A date as the progress store keeps it: GRDB's text form for dates, `yyyy-MM-dd HH:mm:ss.SSS` in UTC, which
/// sorts and compares as text (the store's queries compare dates in SQL).
///
/// Written and read here rather than by GRDB's `Date` conversion, which makes a `DateFormatter` and a
/// `Calendar`: they load ICU's data, megabytes of memory for a quiz that needs neither. The text is GRDB's to
/// the byte (tests compare the two over many dates), so that stores written before, and by GRDB's conversion,
/// read the same; a value in any other form GRDB accepts (a hand-edited store) is read by GRDB's conversion.
struct StoredDate: DatabaseValueConvertible {
    var date: Date

    init(_ date: Date) {
        self.date = date
    }

    var databaseValue: DatabaseValue {
        guard let text = Self.text(date) else { return date.databaseValue }
        return text.databaseValue
    }

    static func fromDatabaseValue(_ value: DatabaseValue) -> StoredDate? {
        if case .string(let text) = value.storage, let date = date(text) { return StoredDate(date) }
        return Date.fromDatabaseValue(value).map(StoredDate.init)
    }

    /// `date` in the stored form, to the nearest millisecond; nil outside the years 1 to 9999.
    static func text(_ date: Date) -> String? {
        // As Foundation's formatter rounds (so the text is GRDB's): milliseconds since 1970 from the seconds since
        // 2001, plus a half, then down to the millisecond.
        let milliseconds = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1000 + 0.5).rounded(.down)
        guard milliseconds.isFinite, milliseconds >= -62_135_596_800_000, milliseconds < 253_402_300_800_000 else { return nil }
        let whole = Int(milliseconds)
        let seconds = whole >= 0 ? whole / 1000 : (whole - 999) / 1000
        let instant = Date(timeIntervalSince1970: Double(seconds))
        return LocalTime.utc.secondText(instant) + ".\(LocalTime.digits(whole - seconds * 1000, 3))"
    }

    /// The date of a text in exactly the stored form (`2026-12-07 05:02:11.250`); nil for any other text.
    static func date(_ text: String) -> Date? {
        guard text.utf8.count == 23 else { return nil }
        var text = text
        return text.withUTF8 { bytes -> Date? in
            func number(_ start: Int, _ count: Int) -> Int? {
                var value = 0
                for byte in bytes[start..<start + count] {
                    guard byte >= 0x30, byte <= 0x39 else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                }
                return value
            }
            for (index, separator) in [(4, "-"), (7, "-"), (10, " "), (13, ":"), (16, ":"), (19, ".")] as [(Int, Unicode.Scalar)]
            where bytes[index] != UInt8(ascii: separator) {
                return nil
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
                  let minute = number(14, 2), let second = number(17, 2), let millisecond = number(20, 3),
                  year >= 1, (1...12).contains(month), day >= 1, day <= CivilDays.length(month: month, year: year),
                  hour < 24, minute < 60, second < 60
            else { return nil }
            let seconds = CivilDays.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
            // Seconds from 2001, as `Date` keeps them: the nearest value to the instant the text names (GRDB's
            // calendar arithmetic can land a unit in the last place away; the text written again is the same).
            return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(millisecond * 1_000_000) / 1e9)
        }
    }
}

extension Row {
    /// The date of a column the store wrote (``StoredDate``); throws on a value that is not a date.
    func storedDate(atIndex index: Int) throws -> Date { try decode(StoredDate.self, atIndex: index).date }

    /// The date of a column the store wrote; throws on a value that is not a date.
    func storedDate(forColumn column: String) throws -> Date { try decode(StoredDate.self, forColumn: column).date }

    /// The date of a column the store wrote, or nil for NULL; throws on a value that is neither.
    func optionalStoredDate(forColumn column: String) throws -> Date? { try decode(StoredDate?.self, forColumn: column)?.date }
}
