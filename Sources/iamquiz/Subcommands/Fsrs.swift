import ArgumentParser
import Diagnostics
import FileAccess
import Foundation
import QuizEngine
import TerminalUI

/// `iamquiz fsrs`: tools to inspect the FSRS spaced-repetition scheduler.
struct Fsrs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fsrs",
        abstract: "Inspect the FSRS spaced-repetition scheduler.",
        subcommands: [Replay.self]
    )
}

extension Fsrs {
    /// `iamquiz fsrs replay FILE`: replays review histories and prints the card after each review.
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay review histories through the FSRS-6 scheduler.",
            discussion: """
                FILE holds JSON Lines, one card each: {"id": "q1", "reviews": [{"rating": 3, "at": \
                "2025-03-01T09:30:00Z"}, ...]}. A rating is 1 (again), 2 (hard), 3 (good) or 4 (easy); a time is \
                ISO 8601 with a zone (Z or an offset) and optional fractional seconds; reviews are in time order; \
                other keys are ignored. For each review, prints the card after it: id, review (from 1), rating, \
                at, state, step, stability (days), difficulty (1-10), due, and retrievability (the probability of \
                recall just before the review; null for a new card). Times print in UTC. Exit status: 0, 1 on bad \
                input (file:line:column), 2 on usage errors.
                """
        )

        @Argument(help: "A JSON Lines file of review histories, or - for standard input.")
        var file: String

        @Option(help: "Output format: json (JSON Lines) or text (a table).")
        var format: Format = .json

        @Option(help: "The probability of recall that intervals aim for, between 0 and 1.")
        var desiredRetention: Double = FSRSParameters.default.desiredRetention

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json
            case text
        }

        func validate() throws {
            guard desiredRetention > 0, desiredRetention < 1 else {
                throw ValidationError("--desired-retention must be between 0 and 1, not `\(desiredRetention)`")
            }
        }

        func run() throws {
            let label = file == "-" ? "<stdin>" : file
            let read = file == "-"
                ? String(validating: [UInt8](FileHandle.standardInput.readDataToEndOfFile()), as: UTF8.self)
                    .map { .success($0) } ?? .failure(FileError("is not valid UTF-8 text"))
                : InputFile.readText(file)
            let text: String
            switch read {
            case .success(let contents): text = contents
            case .failure(let error):
                DiagnosticPrinter.print(error, file: label, code: "F001")
                throw ExitCode(1)
            }
            let (histories, diagnostics) = ReplayFileReader.read(text, file: label)
            if !diagnostics.isEmpty {
                DiagnosticPrinter { _ in text }.print(diagnostics)
                throw ExitCode(1)
            }

            var parameters = FSRSParameters.default
            parameters.desiredRetention = desiredRetention
            let scheduler = FSRSScheduler(parameters: parameters)
            var output = format == .text ? ReplayTable.header + "\n" : ""
            for history in histories {
                for step in scheduler.replay(history.reviews) {
                    switch format {
                    case .json: output += ReplayTable.jsonLine(id: history.id, step: step) + "\n"
                    case .text: output += ReplayTable.textRow(id: history.id, step: step) + "\n"
                    }
                }
            }
            Console.write(output)
        }
    }
}

/// One card's history as read from a replay file.
struct ReplayHistory {
    /// The id as written: a string or a number.
    var id: JSONValue
    var reviews: [FSRSReview]
}

/// Reads the JSON Lines of `fsrs replay`, collecting every problem with its line and column.
enum ReplayFileReader {
    /// The lines of `text`, split as the reader splits them (on `\n`; a `\r` before it is dropped).
    static func lines(of text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }

    static func read(_ text: String, file: String) -> ([ReplayHistory], [Diagnostic]) {
        var histories: [ReplayHistory] = []
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
        Diagnostic(.error, code: "F002", message, file: file, range: node, help: help)
    }

    private static func readHistory(_ node: JSONNode, file: String, problems: inout [Diagnostic]) -> ReplayHistory? {
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
        return ReplayHistory(id: id, reviews: reviews)
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

/// The output rows of `fsrs replay`.
enum ReplayTable {
    static func jsonLine(id: JSONValue, step: FSRSReplayStep) -> String {
        let card = step.card
        let fields: [(String, String)] = [
            ("id", id.description),
            ("review", String(step.index)),
            ("rating", String(step.review.rating.rawValue)),
            ("at", JSONValue.quoted(FSRSTimestamp.format(step.review.at))),
            ("state", JSONValue.quoted(card.state.rawValue)),
            ("step", card.step.map(String.init) ?? "null"),
            ("stability", number(card.stability)),
            ("difficulty", number(card.difficulty)),
            ("due", JSONValue.quoted(FSRSTimestamp.format(card.due))),
            ("retrievability", number(step.retrievability)),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// A JSON number, or null for nil and for values JSON cannot write.
    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return "\(value)"
    }

    static let header = row(["id", "#", "rating", "at", "state", "step", "stability", "difficulty", "due", "R"])

    static func textRow(id: JSONValue, step: FSRSReplayStep) -> String {
        let card = step.card
        let name = TextSanitizer.clean(id.stringValue ?? id.description)
        return row([
            name, String(step.index), "\(step.review.rating.rawValue) \(step.review.rating)",
            FSRSTimestamp.format(step.review.at), card.state.rawValue, card.step.map(String.init) ?? "-",
            card.stability.map { String(format: "%.4f", $0) } ?? "-",
            card.difficulty.map { String(format: "%.4f", $0) } ?? "-",
            FSRSTimestamp.format(card.due),
            step.retrievability.map { String(format: "%.4f", $0) } ?? "-",
        ])
    }

    private static let widths = [12, 3, 8, 27, 10, 4, 11, 10, 27, 6]

    private static func row(_ cells: [String]) -> String {
        zip(cells, widths).map { cell, width in
            cell.count >= width ? cell : cell + String(repeating: " ", count: width - cell.count)
        }.joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }
}
