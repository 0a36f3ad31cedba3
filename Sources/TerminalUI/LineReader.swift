#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What one attempt to read a line of input produced.
public enum LineReadResult: Equatable, Sendable {
    /// A line, without its line terminator (`\n` or `\r\n`) and otherwise as typed.
    case line(String)
    /// The input ended: Ctrl-D on an empty line at a terminal, or end of file.
    case endOfInput
    /// Ctrl-C (SIGINT) arrived while reading; see ``InterruptTrap``.
    case interrupted
}

/// A source of input lines, each read after showing a prompt.
public protocol LineReader: AnyObject {
    /// Shows `prompt` and reads one line.
    func readLine(prompt: String) -> LineReadResult
}

/// Returns the best reader for the standard input and output of this process.
///
/// An ``EditLineReader`` (line editing, history, tab completion) when standard input and
/// standard output are both terminals and `TERM` is not `dumb`; otherwise, or when libedit
/// cannot start, a ``PlainLineReader``.
/// `completionProvider`, when given, chooses the candidates from the text before the cursor.
public func makeLineReader(
    programName: String,
    historyFile: URL?,
    completions: [String],
    completionProvider: ((String) -> [String])? = nil
) -> any LineReader {
    let environment = ProcessInfo.processInfo.environment
    if TerminalInfo.isTerminal(0), TerminalInfo.isTerminal(1), environment["TERM"] != "dumb",
       let reader = EditLineReader(
           programName: programName, historyFile: historyFile, completions: completions)
    {
        reader.completionProvider = completionProvider
        return reader
    }
    return PlainLineReader()
}

/// A reader that replays fixed input, for tests.
///
/// Each call returns the next scripted result and records its prompt in ``prompts``; after
/// the script runs out, every call returns ``LineReadResult/endOfInput`` (and is still recorded).
public final class ScriptedLineReader: LineReader {
    /// The prompts the reader was asked with, in order.
    public private(set) var prompts: [String] = []
    private let script: [LineReadResult]
    private var position = 0

    /// Creates a reader that returns each of `lines` in turn.
    public convenience init(_ lines: [String]) {
        self.init(results: lines.map(LineReadResult.line))
    }

    /// Creates a reader that returns each of `results` in turn (to script Ctrl-C and Ctrl-D too).
    public init(results: [LineReadResult]) {
        script = results
    }

    /// The number of scripted results not returned yet.
    public var remaining: Int {
        script.count - position
    }

    /// Records `prompt` and returns the next scripted result, or `.endOfInput`.
    public func readLine(prompt: String) -> LineReadResult {
        prompts.append(prompt)
        guard position < script.count else { return .endOfInput }
        defer { position += 1 }
        return script[position]
    }
}
