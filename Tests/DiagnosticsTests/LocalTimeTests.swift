import Foundation
import Testing
@testable import Diagnostics

/// `LocalTime` against Foundation's `Calendar`, which the quiz used before: the same day, hour, minute and
/// start of day in zones whose rules are awkward (half-hour and 45-minute offsets, half-hour daylight saving,
/// changes at midnight, a skipped day), at random instants and at every change of offset.
@Suite struct LocalTimeTests {
    /// New York and London: the usual daylight saving. Lord Howe: a 30-minute change. Kolkata (+5:30) and
    /// Chatham (+12:45 / +13:45): offsets that are not whole hours. São Paulo (to 2019) and Havana: changes at
    /// midnight, so some days start at 01:00. Apia: 2011-12-30 was skipped. Los Angeles and UTC for contrast.
    static let zones = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham",
                        "America/Sao_Paulo", "America/Havana", "Pacific/Apia", "America/Los_Angeles", "UTC"]

    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// Instants to compare in a zone: random ones from 1971 to 2037, and a second before, at and after each
    /// change of offset in those years.
    static func instants(_ zone: TimeZone) -> [Date] {
        var generator = SystemRandomNumberGenerator()
        var instants = (0..<3000).map { _ in Date(timeIntervalSince1970: Double.random(in: 3e7...2.1e9, using: &generator)) }
        var at = Date(timeIntervalSince1970: 3e7)
        while let next = zone.nextDaylightSavingTimeTransition(after: at), next.timeIntervalSince1970 < 2.1e9 {
            instants += [next.addingTimeInterval(-1), next, next.addingTimeInterval(1), next.addingTimeInterval(3600)]
            at = next
        }
        return instants
    }

    @Test(arguments: zones)
    func agreesWithFoundationsCalendar(_ name: String) throws {
        let zone = try #require(TimeZone(identifier: name))
        let calendar = Self.calendar(zone)
        let local = LocalTime.zone(zone)
        for instant in Self.instants(zone) {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
            let mine = local.components(instant)
            #expect(mine.year == c.year && mine.month == c.month && mine.day == c.day && mine.hour == c.hour
                    && mine.minute == c.minute && mine.second == c.second, "\(name) \(instant)")
            #expect(local.hour(instant) == c.hour, "\(name) \(instant)")
            #expect(local.startOfDay(instant) == calendar.startOfDay(for: instant), "\(name) \(instant)")
        }
    }

    /// The process's own zone (`TZ`, else `/etc/localtime`) read through the C library agrees with Foundation's
    /// reading of the same setting.
    @Test func currentAgreesWithFoundationsCurrentZone() {
        let calendar = Self.calendar(.current)
        for instant in Self.instants(.current).prefix(2000) {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
            let mine = LocalTime.current.components(instant)
            #expect(mine.year == c.year && mine.month == c.month && mine.day == c.day && mine.hour == c.hour && mine.minute == c.minute,
                    "\(TimeZone.current.identifier) \(instant)")
            #expect(LocalTime.current.startOfDay(instant) == calendar.startOfDay(for: instant), "\(instant)")
        }
    }

    /// Days before 1970 count down, not toward zero; a half-hour zone moves the day at 18:30 UTC.
    @Test func textsOfKnownInstants() {
        let newYear1970 = Date(timeIntervalSince1970: 0)
        #expect(LocalTime.utc.dayText(newYear1970) == "1970-01-01")
        #expect(LocalTime.fixed(secondsEast: -1).dayText(newYear1970) == "1969-12-31")
        #expect(LocalTime.fixed(secondsEast: -1).minuteText(newYear1970) == "1969-12-31 23:59")
        #expect(LocalTime.utc.minuteText(Date(timeIntervalSince1970: -0.5)) == "1969-12-31 23:59", "to the second below")
        let kolkata = LocalTime.fixed(secondsEast: 5 * 3600 + 1800)
        let evening = Date(timeIntervalSince1970: 1_796_668_200)  // 2026-12-07 18:30:00 UTC
        #expect(kolkata.dayText(evening) == "2026-12-08")
        #expect(kolkata.dayText(evening.addingTimeInterval(-1)) == "2026-12-07")
        #expect(kolkata.startOfDay(evening) == evening)
        #expect(kolkata.hour(evening) == 0)
        #expect(LocalTime.digits(7, 4) == "0007" && LocalTime.digits(-7, 2) == "-07" && LocalTime.digits(12345, 4) == "12345")
    }
}
