/// Renders diagnostics the way compilers do: a header line, the source line, and a caret under the column.
///
/// ```
/// bank.iqb:12:9: error[E003]: key names option `E`, but there are only 4 options
///    12 | answer: E
///       |         ^
///   help: options are lettered A to D in the order they are written
/// ```
public struct DiagnosticRenderer: Sendable {
    /// Adds ANSI colour to the severity word when true.
    public var color: Bool

    /// Source lines longer than this are shown as a window of this many characters around the column.
    public static let maximumShownColumns = 160

    public init(color: Bool = false) {
        self.color = color
    }

    /// Renders one diagnostic; `sourceLines` are the lines of its file when available.
    public func render(_ d: Diagnostic, sourceLines: [Substring]? = nil) -> String {
        // Messages quote user values (ids, field values) and must not carry control characters either.
        let code = d.code.isEmpty ? "" : "[\(d.code)]"
        var out = "\(printable(d.locationText)): \(severityWord(d.severity))\(code): \(printable(d.message))"
        if let range = d.range, let lines = sourceLines, range.start.line >= 1, range.start.line <= lines.count {
            let lineText = String(lines[range.start.line - 1])
            let gutter = String(range.start.line)
            let pad = String(repeating: " ", count: gutter.count)
            var scalars = Array(lineText.unicodeScalars)
            var column = min(max(range.start.column, 1), scalars.count + 1)
            var width = 1
            if range.end.line == range.start.line {
                width = max(1, min(range.end.column, scalars.count + 1) - column)
            }
            // A very long line is shown as a window around the column, so that output stays readable
            // (and small) whatever the file holds.
            var prefix = ""
            var suffix = ""
            if scalars.count > Self.maximumShownColumns {
                let start = max(0, min(column - 1 - Self.maximumShownColumns / 2, scalars.count - Self.maximumShownColumns))
                let end = min(scalars.count, start + Self.maximumShownColumns)
                if start > 0 { prefix = "…" }
                if end < scalars.count { suffix = "…" }
                scalars = Array(scalars[start..<end])
                column = column - start + prefix.count
                width = min(width, max(1, scalars.count + prefix.count - column + 1))
            }
            var shown = String.UnicodeScalarView()
            shown.append(contentsOf: scalars)
            out += "\n \(gutter) | \(prefix)\(printable(String(shown)))\(suffix)"
            out += "\n \(pad) | " + String(repeating: " ", count: column - 1) + String(repeating: "^", count: width)
        }
        if let help = d.help {
            out += "\n  help: \(printable(help))"
        }
        return out
    }

    private func severityWord(_ s: Severity) -> String {
        guard color else { return s.rawValue }
        switch s {
        case .error: return "\u{1B}[1;31merror\u{1B}[0m"
        case .warning: return "\u{1B}[1;33mwarning\u{1B}[0m"
        case .note: return "\u{1B}[1;36mnote\u{1B}[0m"
        }
    }

    /// Replaces control and bidirectional formatting characters (``ControlCharacters``) with U+FFFD, so
    /// that a quoted source line or value cannot drive the terminal or reorder what is shown. A tab
    /// becomes a space, keeping the caret's column.
    private func printable(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "\t" || ControlCharacters.isUnsafe($0) }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { scalar in
            scalar == "\t" ? " " : ControlCharacters.isUnsafe(scalar) ? "\u{FFFD}" : scalar
        }))
    }
}
