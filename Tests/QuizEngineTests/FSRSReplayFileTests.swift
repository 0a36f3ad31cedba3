import Diagnostics
import Foundation
import Testing
@testable import QuizEngine

@Suite("FSRS replay file")
struct FSRSReplayFileTests {
    @Test("one history a line; blank lines are skipped; CRLF line ends and extra keys are fine; ids keep their JSON form")
    func reads() throws {
        let text = """
            {"id": "q1", "reviews": [{"rating": 3, "at": "2025-03-01T09:30:00Z"}, {"rating": 1, "at": "2025-03-02T10:30:00.250+01:00"}]}\r

            {"id": 42, "note": "ignored", "reviews": []}
            """
        let (histories, diagnostics) = FSRSReplayFileReader.read(text, file: "h.jsonl")
        #expect(diagnostics.isEmpty)
        #expect(histories.map(\.id) == [.string("q1"), .number("42")])
        #expect(histories[0].reviews.map(\.rating) == [.good, .again])
        #expect(histories[0].reviews[1].at == Date(timeIntervalSince1970: 1_740_907_800.25))
        #expect(histories[1].reviews.isEmpty)
    }

    // Rule: every problem of every line is reported (F002, or the JSON reader's code) at its own line and
    // column; a line with a problem gives no history, the others still do.
    @Test("problems are collected with their line and column")
    func problems() throws {
        let text = """
            {"id": "ok", "reviews": [{"rating": 4, "at": "2025-03-01T09:30:00Z"}]}
            {"id": true, "reviews": [{"rating": 5, "at": "yesterday"}]}
            {"id": "late", "reviews": [{"rating": 3, "at": "2025-03-02T00:00:00Z"}, {"rating": 3, "at": "2025-03-01T00:00:00Z"}]}
            {"id": "d", "reviews": [], "reviews": []}
            {"reviews": []}
            [1, 2
            """
        let (histories, diagnostics) = FSRSReplayFileReader.read(text, file: "h.jsonl")
        #expect(histories.map(\.id) == [.string("ok")])
        let found = diagnostics.map { "\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0) \($0.message)" }
        #expect(found.contains("2:8 `id` must be a string or a number, found a boolean"), "\(found)")
        #expect(found.contains("2:37 `rating` must be 1, 2, 3 or 4, found `5`"), "\(found)")
        #expect(found.contains { $0.hasPrefix("2:46 `at` must be an ISO 8601 date-time with a zone") }, "\(found)")
        #expect(found.contains("3:93 review is earlier than the one before it"), "\(found)")
        #expect(found.contains("4:28 duplicate key `reviews`"), "\(found)")
        #expect(found.contains("5:1 missing `id`"), "\(found)")
        #expect(found.contains("6:6 unexpected end of input"), "\(found)")
        #expect(found.count == 7, "\(found)")
        // The history's problems are F002; the line that is not JSON at all is the JSON reader's J001.
        #expect(diagnostics.map { "\($0.range?.start.line ?? 0) \($0.code)" }.sorted()
                == ["2 F002", "2 F002", "2 F002", "3 F002", "4 F002", "5 F002", "6 J001"])
        #expect(diagnostics.allSatisfy { $0.file == "h.jsonl" && $0.severity == .error })
    }
}
