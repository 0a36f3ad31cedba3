import Diagnostics
import Foundation

/// Writes a results file (docs/results-format.md) from its lines: pure, from values to text.
///
/// One JSON object a line, no pretty printing, `\n` line ends; members in sorted order, so that two exports
/// of the same answers are the same bytes and a file diff-reads well. Optional members that are nil are left
/// out (absent, never `null`). Text taken from a bank (option texts) loses the control characters iamquiz
/// never writes into a file (``ControlCharacters``); tabs and line feeds stay, escaped by JSON.
public enum ResultsWriter {
    /// The whole file: the header line, then one line per answer.
    public static func text(header: ResultsHeader, answers: [ResultLine]) throws -> String {
        var out = try line(header)
        for answer in answers { out += try line(answer) }
        return out
    }

    /// One line of the file, with its `\n`.
    public static func line(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// Sorted members, slashes as written, compact.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `text` without the characters that must never reach a terminal or a file iamquiz writes.
    public static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: ControlCharacters.isUnsafe) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !ControlCharacters.isUnsafe($0) })
        return String(scalars)
    }

    /// A moment as the file writes it: ISO 8601 in UTC with milliseconds (`2026-12-06T23:40:00.125Z`).
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Reads a moment written by ``timestamp(_:)``, or any ISO 8601 date and time with a time zone (with or
    /// without fractional seconds); nil for anything else.
    public static func parseTimestamp(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
            ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}
