import Foundation
import Testing
@testable import QuizEngine

@Suite("FSRS review timestamps (ISO 8601)")
struct FSRSTimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0),
        ("2024-03-01T09:00:00Z", 1_709_283_600),
        ("2024-03-01t09:00:00z", 1_709_283_600),
        ("2024-03-01 09:00:00+00:00", 1_709_283_600),
        ("2024-03-01T10:00:00+01:00", 1_709_283_600),
        ("2024-03-01T14:30:00+0530", 1_709_283_600),
        ("2024-02-29T23:00:00-10", 1_709_283_600),
        ("2024-03-01T05:30:00-03:30", 1_709_283_600),
        ("2024-03-01T09:00:00.5Z", 1_709_283_600.5),
        ("2024-03-01T09:00:00,250Z", 1_709_283_600.25),
        ("2024-03-01T09:00:00.123456+00:00", 1_709_283_600.123456),
        ("1969-12-31T23:59:59Z", -1),
        ("2000-02-29T00:00:00Z", 951_782_400),
        ("9999-12-31T23:59:59Z", 253_402_300_799),
    ])
    func parses(_ text: String, _ epoch: Double) throws {
        let date = try #require(FSRSTimestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - epoch) < 1e-6)
    }

    @Test(arguments: [
        "", "2024-03-01", "2024-03-01T09:00:00", "2024-03-01T09:00Z", "2024-3-01T09:00:00Z", "2024-02-30T09:00:00Z",
        "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-03-01T24:00:00Z", "2024-03-01T09:60:00Z",
        "2024-03-01T09:00:60Z", "2024-03-01T09:00:00.Z", "2024-03-01T09:00:00+1", "2024-03-01T09:00:00+01:60",
        "2024-03-01T09:00:00Z ", " 2024-03-01T09:00:00Z", "2024-03-01X09:00:00Z", "２０２４-03-01T09:00:00Z",
        "2024-03-01T09:00:00+01:", "2024-03-01T09:00:00ZZ",
    ])
    func refuses(_ text: String) {
        #expect(FSRSTimestamp.parse(text) == nil)
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"), (1_709_283_600, "2024-03-01T09:00:00Z"), (1_709_283_600.5, "2024-03-01T09:00:00.5Z"),
        (1_709_283_600.123456, "2024-03-01T09:00:00.123456Z"), (-1, "1969-12-31T23:59:59Z"),
        (951_868_799, "2000-02-29T23:59:59Z"), (253_402_300_799, "9999-12-31T23:59:59Z"),
    ])
    func formats(_ epoch: Double, _ text: String) {
        #expect(FSRSTimestamp.format(Date(timeIntervalSince1970: epoch)) == text)
    }

    @Test("formatting then parsing gives the same instant, to the microsecond")
    func roundTrip() throws {
        var random = SeededRandom(seed: 7)
        for _ in 0..<500 {
            let epoch = Double(random.below(400_000_000_000)) / 100 - 1_000_000_000
            let date = Date(timeIntervalSince1970: epoch)
            let back = try #require(FSRSTimestamp.parse(FSRSTimestamp.format(date)))
            #expect(abs(back.timeIntervalSince1970 - epoch) < 1e-6)
        }
    }
}
