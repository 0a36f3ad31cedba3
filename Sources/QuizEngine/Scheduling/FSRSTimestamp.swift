import Diagnostics
import Foundation

/// Reads and writes review times as ISO 8601 / RFC 3339 date-times, such as `2025-03-01T09:30:00Z` or
/// `2025-03-01T09:30:00.250+01:00`.
///
/// Parsing is strict and needs no locale or calendar: a date `YYYY-MM-DD`, `T` (or `t`, or a space), a
/// time `HH:MM:SS` with optional fractional seconds (`.` or `,`, any number of digits), and a zone: `Z`
/// or an offset `±HH:MM`, `±HHMM` or `±HH`. A time without a zone is refused, since it would be ambiguous.
public enum FSRSTimestamp {
    /// The instant `text` names, or nil when it is not a date-time of the form above.
    public static func parse(_ text: String) -> Date? {
        var reader = Reader(bytes: Array(text.utf8))
        guard let year = reader.digits(4), reader.take("-"),
              let month = reader.digits(2), reader.take("-"),
              let day = reader.digits(2),
              (1...12).contains(month), (1...CivilDays.length(month: month, year: year)).contains(day),
              reader.take("T") || reader.take("t") || reader.take(" "),
              let hour = reader.digits(2), reader.take(":"),
              let minute = reader.digits(2), reader.take(":"),
              let second = reader.digits(2),
              hour < 24, minute < 60, second < 60
        else { return nil }

        var fraction = 0.0
        if reader.take(".") || reader.take(",") {
            let start = reader.index
            while reader.peekDigit() { reader.index += 1 }
            guard reader.index > start,
                  let value = Double("0." + String(decoding: reader.bytes[start..<reader.index], as: UTF8.self))
            else { return nil }
            fraction = value
        }

        var offsetSeconds = 0
        if reader.take("Z") || reader.take("z") {
            offsetSeconds = 0
        } else if let sign = reader.takeSign() {
            guard let hours = reader.digits(2), hours < 24 else { return nil }
            var minutes = 0
            if reader.take(":") {
                guard let m = reader.digits(2) else { return nil }
                minutes = m
            } else if let m = reader.digits(2) {
                minutes = m
            }
            guard minutes < 60 else { return nil }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard reader.atEnd else { return nil }

        let days = CivilDays.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// `date` in UTC as `YYYY-MM-DDTHH:MM:SSZ`, with fractional seconds (to the microsecond, trailing zeros
    /// dropped) only when there are any.
    public static func format(_ date: Date) -> String {
        let totalMicroseconds = (date.timeIntervalSince1970 * 1_000_000).rounded()
        guard totalMicroseconds.isFinite, abs(totalMicroseconds) < 9.0e18 else { return "\(date.timeIntervalSince1970)" }
        let micro = Int64(totalMicroseconds)
        let seconds = micro.floorDivided(by: 1_000_000)
        let fraction = micro - seconds * 1_000_000
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = CivilDays.date(Int(days))
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if fraction > 0 {
            var digits = pad(Int(fraction), 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian; days are counted by `CivilDays`)

    private static func pad(_ value: Int, _ width: Int) -> String { LocalTime.digits(value, width) }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        func peekDigit() -> Bool { index < bytes.count && (0x30...0x39).contains(bytes[index]) }

        mutating func take(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func takeSign() -> Int? {
            if take("+") { return 1 }
            if take("-") { return -1 }
            // U+2212 MINUS SIGN, which RFC 3339 does not allow but ISO 8601 does.
            if bytes[index...].starts(with: [0xE2, 0x88, 0x92]) {
                index += 3
                return -1
            }
            return nil
        }

        /// Exactly `count` ASCII digits as a number.
        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }
    }
}

private extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
