import Diagnostics
import Foundation

/// `iamquiz class report --format csv`: the items table, one row per question version, for a spreadsheet.
///
/// Topics, learners and notes are in the text and JSON forms; a CSV file holds one table. Shares are
/// decimals from 0 to 1 with three digits, an undefined discrimination an empty cell. Options are
/// `A=2;B*=6` (chosen at first attempt, `*` on the key) without their texts, and flags are their kinds
/// (`negativeDiscrimination;lowFacility`), as in the JSON.
public enum ClassReportCSV {
    /// The header row, and the order of every row's cells.
    public static let columns = ["question", "version", "hash", "level", "topics", "learners", "attempts", "right_at_first",
                                 "facility", "discrimination", "discrimination_learners", "median_seconds", "options", "flags"]

    /// The table, header first, lines ended by CRLF as RFC 4180 writes them.
    public static func items(_ report: ClassReport) -> String {
        var rows = [columns.joined(separator: ",")]
        for item in report.items {
            let options = item.options.map { "\($0.letter)\($0.isKey == true ? "*" : "")=\($0.chosenAtFirst)" }
            let cells = [
                item.question, item.version.rawValue, item.hash, item.level ?? "", (item.topics ?? []).joined(separator: ";"),
                String(item.learners), String(item.attempts), String(item.rightAtFirst), decimal(item.facility),
                item.discrimination.map(decimal) ?? "", String(item.discriminationLearners), decimal(item.medianSeconds),
                options.joined(separator: ";"), item.flags.map(\.kind.rawValue).joined(separator: ";"),
            ]
            rows.append(cells.map(field).joined(separator: ","))
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    /// A number with three decimals, `0.375`; the sign kept, `-0.420`.
    static func decimal(_ value: Double) -> String {
        value.isFinite ? String(format: "%.3f", value) : ""
    }

    /// One cell, quoted as RFC 4180 says when it holds a comma, quote or line break. Text from results
    /// files is untrusted: control characters are dropped, and a cell that a spreadsheet would run as a
    /// formula (starting with `=`, `+`, `-` or `@`, and not a number) gets a leading `'`.
    public static func field(_ text: String) -> String {
        var cell = String(String.UnicodeScalarView(text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
        if let first = cell.first, "=+-@".contains(first), Double(cell) == nil { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
