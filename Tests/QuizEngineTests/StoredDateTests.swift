import Foundation
import GRDB
import Testing
@testable import QuizEngine

/// The progress store writes and reads its dates itself (`StoredDate`), without GRDB's `Date` conversion and
/// the ICU data it loads. Stores written before hold GRDB's text, and the store's queries compare dates as
/// text, so the text must be GRDB's to the byte and read back to the same instant.
@Suite struct StoredDateTests {
    /// Random instants from 1900 to 2200, and some whose milliseconds sit at a boundary (the text has the
    /// nearest millisecond, as GRDB's formatter does).
    static var instants: [Date] {
        var generator = SystemRandomNumberGenerator()
        var instants = (0..<20_000).map { _ in Date(timeIntervalSince1970: Double.random(in: -2.2e9...7.3e9, using: &generator)) }
        for whole in [0.0, 1_796_620_931, -1, -86_400, 951_782_400 /* 2000-02-29 */, 4_107_542_400 /* 2100-03-01 */] {
            for fraction in [0.0, 0.0005, 0.0009999, 0.001, 0.1234, 0.9994, 0.9995, 0.99999] {
                instants.append(Date(timeIntervalSince1970: whole + fraction))
            }
        }
        return instants
    }

    @Test func textIsGRDBsToTheByte() throws {
        for instant in Self.instants {
            let grdb = try #require(String.fromDatabaseValue(instant.databaseValue))
            #expect(StoredDate.text(instant) == grdb, "\(instant.timeIntervalSince1970)")
            #expect(String.fromDatabaseValue(StoredDate(instant).databaseValue) == grdb)
        }
    }

    /// GRDB's text reads to GRDB's instant. Not always to the same `Double`: GRDB's calendar arithmetic can land
    /// one unit in the last place away (about 1e-10 s) from the nearest one, which is the one read here. Either
    /// way the text written again is the text read.
    @Test func readsGRDBsTextToTheSameInstant() throws {
        for instant in Self.instants {
            let text = instant.databaseValue
            let grdb = try #require(Date.fromDatabaseValue(text))
            let mine = try #require(StoredDate.fromDatabaseValue(text)?.date)
            #expect(abs(mine.timeIntervalSince(grdb)) < 1e-6, "\(text)")
            #expect(StoredDate(mine).databaseValue == text && StoredDate(grdb).databaseValue == text, "\(text)")
            #expect(try #require(String.fromDatabaseValue(text)).count == 23)
        }
    }

    /// Text in another form SQLite and GRDB accept (a hand-edited store, a `datetime('now')`) is read as GRDB
    /// reads it; text that is no date stays unreadable.
    @Test(arguments: ["2026-12-07", "2026-12-07 05:02", "2026-12-07 05:02:11", "2026-12-07T05:02:11.250", "2026-12-07 05:02:11.25",
                      "2026-12-07 05:02:11.250Z", "2026-12-07 05:02:11.250+01:00"])
    func otherFormsReadAsGRDBReadsThem(_ text: String) throws {
        let grdb = Date.fromDatabaseValue(text.databaseValue)
        #expect(grdb != nil, "GRDB reads \(text)")
        #expect(StoredDate.fromDatabaseValue(text.databaseValue)?.date == grdb)
    }

    @Test(arguments: ["2026-02-30 00:00:00.000", "2026-13-01 00:00:00.000", "2026-12-07 24:00:00.000", "2026-12-07 05:02:60.000",
                      "2026-12-07 05:02:11,250", "２026-12-07 05:02:11.250", "yesterday", ""])
    func theExactFormOnlyForRealDates(_ text: String) {
        #expect(StoredDate.date(text) == nil, "\(text) is left to GRDB")
    }

    @Test func numbersAreSecondsSince1970() {
        #expect(StoredDate.fromDatabaseValue(1_796_620_931.5.databaseValue)?.date == Date(timeIntervalSince1970: 1_796_620_931.5))
        #expect(StoredDate.fromDatabaseValue(DatabaseValue.null) == nil)
    }
}
