import Diagnostics
import FileAccess
import TerminalUI

/// Prints diagnostics on standard error with their source lines, the way every command does: each file is
/// split into lines once (not once per diagnostic), and after `maximumPerFile` problems of one file the
/// rest are counted rather than printed, so a broken file cannot flood the terminal.
struct DiagnosticPrinter {
    static let maximumPerFile = 200

    let renderer = DiagnosticRenderer(color: TerminalInfo.colorEnabled(fd: 2))
    /// The text of a file by name, when known.
    let source: (String) -> String?

    /// Lines end at LF or CRLF; a file that has neither but lone CRs (old Mac files, which the Aiken and
    /// GIFT readers accept) is split at those.
    static func lines(of text: String) -> [Substring] {
        let crOnly = !text.contains(where: { $0 == "\n" || $0 == "\r\n" }) && text.contains("\r")
        return text.split(omittingEmptySubsequences: false, whereSeparator: { crOnly ? $0 == "\r" : ($0 == "\n" || $0 == "\r\n") })
    }

    func print(_ diagnostics: [Diagnostic]) {
        var lines: [String: [Substring]] = [:]
        var printed: [String: Int] = [:]
        var left: [String: Int] = [:]
        for d in Diagnostic.sortedForDisplay(diagnostics) {
            if printed[d.file, default: 0] >= Self.maximumPerFile {
                left[d.file, default: 0] += 1
                continue
            }
            printed[d.file, default: 0] += 1
            if lines[d.file] == nil, let text = source(d.file) {
                lines[d.file] = Self.lines(of: text)
            }
            Console.diagnostic(renderer.render(d, sourceLines: lines[d.file]))
        }
        for (file, count) in left.sorted(by: { $0.key < $1.key }) {
            Console.error("\(TextSanitizer.clean(file)): … and \(counted(count, "more problem")) not shown")
        }
    }

    /// Prints why a file could not be read or written: `PATH: error[CODE]: REASON` and its help line.
    static func print(_ error: FileError, file: String, code: String? = nil) {
        let renderer = DiagnosticRenderer(color: TerminalInfo.colorEnabled(fd: 2))
        let rendered = renderer.render(Diagnostic(.error, code: code ?? "", error.reason, file: file.isEmpty ? "-" : file, help: error.help))
        // An empty name has no place to show: the message starts at `error`.
        Console.diagnostic(file.isEmpty ? String(rendered.dropFirst(3)) : rendered)
    }
}

extension Console {
    /// Writes a rendered diagnostic to standard error: its message and help lines wrapped to the width
    /// (the help hanging after `help: `), its source line and caret as they are, so the caret stays under
    /// its column.
    static func diagnostic(_ rendered: String) {
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            isSourceExcerpt(line) ? String(line) : wrappedError(String(line))
        }
        errorVerbatim(lines.joined(separator: "\n"))
    }

    /// Whether `line` is a diagnostic's quoted source line or caret line: ` 12 | text`, `    | ^^^`.
    private static func isSourceExcerpt(_ line: Substring) -> Bool {
        let gutter = line.drop(while: { $0 == " " || $0.isNumber })
        return gutter.hasPrefix("| ") || gutter == "|"
    }
}
