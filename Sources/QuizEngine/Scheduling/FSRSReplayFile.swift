import Diagnostics
import Foundation

/// One card's history as read from a replay file.
public struct FSRSReplayHistory: Sendable, Equatable {
    /// The id as written: a string or a number.
    public var id: JSONValue
    public var reviews: [FSRSReview]
}

/// Reads the JSON Lines of `iamquiz fsrs replay`, one card's history a line:
/// `{"id": "q1", "reviews": [{"rating": 3, "at": "2025-03-01T09:30:00Z"}, ...]}`, collecting every problem
/// (F002) with its line and column.
public enum FSRSReplayFileReader {
    /// The lines of `text`, split as the reader splits them (on `\n`; a `\r` before it is dropped).
    static func lines(of text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }

    /// The histories of `text` (named `file` in diagnostics) and every problem; a line with a problem gives
    /// no history. Blank lines are skipped.
    public static func read(_ text: String, file: String) -> ([FSRSReplayHistory], [Diagnostic]) {
        var histories: [FSRSReplayHistory] = []
        var diagnostics: [Diagnostic] = []
        for (index, line) in lines(of: text).enumerated() where !line.allSatisfy({ $0 == " " || $0 == "\t" }) {
            switch JSONReader.parse(String(line), file: file) {
            case .failure(let d):
                diagnostics.append(moved(d, toLine: index + 1))
            case .success(let node):
                var problems: [Diagnostic] = []
                let history = readHistory(node, file: file, problems: &problems)
                diagnostics += problems.map { moved($0, toLine: index + 1) }
                if problems.isEmpty, let history { histories.append(history) }
            }
        }
        return (histories, diagnostics)
    }

    /// `d` with its range on line `line` of the file rather than line 1 of the single line parsed.
    private static func moved(_ d: Diagnostic, toLine line: Int) -> Diagnostic {
        var d = d
        if var range = d.range {
            range.start.line += line - 1
            range.end.line += line - 1
            d.range = range
        }
        return d
    }

    private static func error(_ message: String, _ node: SourceRange, file: String, help: String? = nil) -> Diagnostic {
        Diagnostic(.error, code: FSRSReplayCode.malformedHistory, message, file: file, range: node, help: help)
    }

    private static func readHistory(_ node: JSONNode, file: String, problems: inout [Diagnostic]) -> FSRSReplayHistory? {
        guard case .object(let members) = node.value else {
            problems.append(error("expected an object with `id` and `reviews`, found \(node.value.kindDescription)",
                                  node.range, file: file, help: #"write one card per line: {"id": "q1", "reviews": [...]}"#))
            return nil
        }
        guard let idMember = member("id", of: members, at: node.range, file: file, problems: &problems),
              let reviewsMember = member("reviews", of: members, at: node.range, file: file, problems: &problems)
        else { return nil }

        var id: JSONValue?
        switch idMember.value.value {
        case .string, .number: id = idMember.value.value
        default:
            problems.append(error("`id` must be a string or a number, found \(idMember.value.value.kindDescription)",
                                  idMember.value.range, file: file))
        }

        guard case .array(let elements) = reviewsMember.value.value else {
            problems.append(error("`reviews` must be an array, found \(reviewsMember.value.value.kindDescription)",
                                  reviewsMember.value.range, file: file))
            return nil
        }
        var reviews: [FSRSReview] = []
        for element in elements {
            guard let review = readReview(element, file: file, problems: &problems) else { continue }
            if let previous = reviews.last, review.at < previous.at {
                let at = atRange(of: element) ?? element.range
                problems.append(error("review is earlier than the one before it", at, file: file,
                                      help: "list each card's reviews in the order they happened"))
            }
            reviews.append(review)
        }
        guard let id else { return nil }
        return FSRSReplayHistory(id: id, reviews: reviews)
    }

    private static func readReview(_ node: JSONNode, file: String, problems: inout [Diagnostic]) -> FSRSReview? {
        guard case .object(let members) = node.value else {
            problems.append(error("expected a review object, found \(node.value.kindDescription)", node.range, file: file,
                                  help: #"write each review as {"rating": 3, "at": "2025-03-01T09:30:00Z"}"#))
            return nil
        }
        let ratingMember = member("rating", of: members, at: node.range, file: file, problems: &problems)
        let atMember = member("at", of: members, at: node.range, file: file, problems: &problems)

        var rating: FSRSRating?
        if let ratingMember {
            if case .number(let text) = ratingMember.value.value, let value = Int(text), let r = FSRSRating(rawValue: value) {
                rating = r
            } else {
                problems.append(error("`rating` must be 1, 2, 3 or 4, found `\(ratingMember.value.value)`",
                                      ratingMember.value.range, file: file, help: "1 is again, 2 hard, 3 good, 4 easy"))
            }
        }
        var at: Date?
        if let atMember {
            if case .string(let text) = atMember.value.value, let date = FSRSTimestamp.parse(text) {
                at = date
            } else {
                problems.append(error("`at` must be an ISO 8601 date-time with a zone, found `\(atMember.value.value)`",
                                      atMember.value.range, file: file,
                                      help: "write it like `2025-03-01T09:30:00Z` or `2025-03-01T10:30:00.250+01:00`"))
            }
        }
        guard let rating, let at else { return nil }
        return FSRSReview(rating: rating, at: at)
    }

    /// The member named `key`, reporting it when missing or repeated.
    private static func member(_ key: String, of members: [JSONMember], at range: SourceRange, file: String,
                               problems: inout [Diagnostic]) -> JSONMember? {
        let found = members.filter { $0.key == key }
        for repeated in found.dropFirst() {
            problems.append(error("duplicate key `\(key)`", repeated.keyRange, file: file))
        }
        guard let first = found.first else {
            let start = SourceRange(start: range.start, end: SourceLocation(line: range.start.line, column: range.start.column + 1))
            problems.append(error("missing `\(key)`", start, file: file))
            return nil
        }
        return first
    }

    private static func atRange(of review: JSONNode) -> SourceRange? {
        guard case .object(let members) = review.value else { return nil }
        return members.first { $0.key == "at" }?.value.range
    }
}
