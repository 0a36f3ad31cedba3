import Foundation
import TerminalUI

/// Writing to standard output and standard error.
///
/// Text for people on standard output is laid out to its width (``TerminalInfo/width(fd:environment:)``:
/// the terminal's columns, else `$COLUMNS`, else 80 when piped), each line wrapped with a hanging indent and
/// URLs and ARNs kept whole (``TextWrapper/wrapLines(_:width:)``); data (JSON, CSV, bank text) is written
/// as is with ``write(_:)-(String)``. Messages and diagnostics on standard error wrap only on a terminal:
/// piped, each stays one `file:line:col: error[CODE]: message` line for editors and scripts to parse.
///
/// A write that fails (a full disk, a closed pipe) ends the program with exit 1 and a message on
/// standard error, rather than trapping: the output is incomplete, and saying so is all that is left.
enum Console {
    /// The columns of standard output.
    static let width = TerminalInfo.width(fd: 1)
    /// The columns prose on standard output is wrapped to (``TerminalInfo/proseWidth(columns:)``).
    static let proseWidth = TerminalInfo.proseWidth(columns: width)
    /// The columns of standard error when it is a terminal; nil when piped (messages are not wrapped).
    static let errorWidth: Int? = TerminalInfo.isTerminal(2) ? TerminalInfo.width(fd: 2) : nil

    /// Writes a message and a newline to standard error, each line wrapped to its width on a terminal.
    static func error(_ text: String) {
        errorVerbatim(wrappedError(text))
    }

    /// `text` laid out for standard error: wrapped on a terminal, as is when piped.
    static func wrappedError(_ text: String) -> String {
        guard let errorWidth else { return text }
        return TextWrapper.wrapLines(text, width: errorWidth).joined(separator: "\n")
    }

    /// Writes text and a newline to standard error as is: a diagnostic's source line and caret must keep
    /// their columns.
    static func errorVerbatim(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
    }
}

extension Console {
    /// Writes text as is (no newline added) to standard output: data, or text already laid out.
    static func write(_ text: String) {
        write(Data(text.utf8))
    }

    static func write(_ data: Data) {
        do {
            try FileHandle.standardOutput.write(contentsOf: data)
        } catch {
            Console.error("error: cannot write to standard output: \(error.localizedDescription)")
            exit(1)
        }
    }

    /// Writes text for people to standard output, its newlines as they are (none added), each line
    /// wrapped to the width with a hanging indent.
    static func writeLines(_ text: String) {
        write(wrapped(text))
    }

    /// `text` laid out for standard output, as ``writeLines(_:)`` writes it.
    static func wrapped(_ text: String) -> String {
        TextWrapper.wrapLines(text, width: width).joined(separator: "\n")
    }
}
