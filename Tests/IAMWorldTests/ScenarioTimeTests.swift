import Foundation
import Testing
@testable import IAMWorld

/// A scenario's `time:` and the sandbox's times (`aws:CurrentTime`, expiries) are counted without Foundation's
/// `Calendar` and date styles (which load ICU's data): they must name the same instants and write the same text
/// as those do, and refuse what they refused.
@Suite("Scenario start times") struct ScenarioTimeTests {
    @Test("the instant of a time is the one the Gregorian calendar in UTC gives", arguments: [
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2000-02-29T12:30:45Z", "2024-03-01T00:00:00Z",
        "2025-12-31T23:59:59Z", "2038-01-19T03:14:08Z", "2100-02-28T08:00:00Z", "1600-03-01T00:00:00Z", "9999-12-31T23:59:59Z",
    ])
    func sameInstant(text: String) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int { Int(String(decoding: b[from..<from + count], as: UTF8.self))! }
        let expected = calendar.date(from: DateComponents(year: number(0, 4), month: number(5, 2), day: number(8, 2),
                                                          hour: number(11, 2), minute: number(14, 2), second: number(17, 2)))
        #expect(ScenarioBuilder.time(text) == expected)
    }

    @Test("a time that is not one, or not a day of the calendar, is refused", arguments: [
        "2025-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z", "2025-01-01T24:00:00Z",
        "2025-01-01T00:00:00", "2025-01-01 00:00:00Z", "2025-1-01T00:00:00Z",
    ])
    func refused(text: String) {
        #expect(ScenarioBuilder.time(text) == nil)
    }

    @Test("a time is written as the ISO 8601 style writes it, to the second below", arguments: [
        0, -1, -0.25, 59.999, 951_827_445.5, 1_709_251_200, 2_147_483_648.75, 4_107_542_400, -11_676_096_000, 253_402_300_799,
    ])
    func written(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(UTCTime.text(date) == date.formatted(Date.ISO8601FormatStyle()))
        #expect(Sandbox.format(date) == UTCTime.text(date))
    }

    @Test("a written time reads back as the same second")
    func roundTrip() {
        for seconds in stride(from: -2_000_000_000, to: 4_000_000_000, by: 86_399 * 97) {
            let date = Date(timeIntervalSince1970: Double(seconds))
            #expect(ScenarioBuilder.time(UTCTime.text(date)) == date)
        }
    }
}
