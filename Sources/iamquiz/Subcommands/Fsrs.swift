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
                DiagnosticPrinter.print(error, file: label, code: FSRSReplayCode.unreadable.rawValue)
                throw ExitCode(1)
            }
            let (histories, diagnostics) = FSRSReplayFileReader.read(text, file: label)
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
            // The text table wraps like every table; JSON lines are data.
            format == .text ? Console.writeLines(output) : Console.write(output)
        }
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
