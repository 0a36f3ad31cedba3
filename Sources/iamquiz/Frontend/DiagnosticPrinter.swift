import Diagnostics
import TerminalUI

/// Prints diagnostics on standard error with their source lines, the way every command does: each file is
/// split into lines once (not once per diagnostic), and after `maximumPerFile` problems of one file the
/// rest are counted rather than printed, so a broken file cannot flood the terminal.
struct DiagnosticPrinter {
    static let maximumPerFile = 200

    let renderer = DiagnosticRenderer(color: TerminalInfo.colorEnabled(fd: 2))
    /// The text of a file by name, when known.
    let source: (String) -> String?

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
                lines[d.file] = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            }
            Console.error(renderer.render(d, sourceLines: lines[d.file]))
        }
        for (file, count) in left.sorted(by: { $0.key < $1.key }) {
            Console.error("\(TextSanitizer.clean(file)): … and \(count) more problem\(count == 1 ? "" : "s") not shown")
        }
    }
}
