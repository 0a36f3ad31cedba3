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

    /// Shows a prompt that may change while the learner is idle, and stops waiting when its time is up.
    ///
    /// For a timed exam: the prompt shows the time left, and the exam must end on time even when nobody
    /// presses Enter. The default shows the prompt once and waits for a line, as ``readLine(prompt:)``
    /// does, for readers that cannot wake up; the caller then checks the time itself after the read.
    func readLine(live: LivePrompt) -> LiveReadResult
}

extension LineReader {
    /// Shows the prompt once and reads a line: this reader cannot redraw a prompt or stop waiting.
    public func readLine(live: LivePrompt) -> LiveReadResult {
        .input(readLine(prompt: live.text()))
    }
}

/// A prompt that is redrawn while the reader waits, and a time after which the read ends by itself.
public struct LivePrompt {
    /// The prompt as it should read now (an exam's `[1:23:45 left] Answer: `).
    public var text: () -> String
    /// Seconds until the read must end, asked at each refresh; nil (or a positive value) goes on waiting.
    public var secondsLeft: () -> Double?
    /// Seconds between two redraws of the prompt while the learner is idle.
    public var refreshInterval: Double

    public init(text: @escaping () -> String, secondsLeft: @escaping () -> Double?, refreshInterval: Double = 1) {
        self.text = text
        self.secondsLeft = secondsLeft
        self.refreshInterval = refreshInterval
    }

    /// Whether the time is up now.
    public var isOver: Bool {
        secondsLeft().map { $0 <= 0 } ?? false
    }

    /// Milliseconds to wait for input before the next refresh or the end, for `poll(2)`.
    var pollTimeout: Int32 {
        var seconds = max(0.05, refreshInterval)
        if let left = secondsLeft() { seconds = min(seconds, max(0, left)) }
        return Int32((seconds * 1000).rounded(.up))
    }
}

/// What a read with a ``LivePrompt`` produced.
public enum LiveReadResult: Equatable, Sendable {
    /// The learner typed a line, pressed Ctrl-D or Ctrl-C, as with ``LineReader/readLine(prompt:)``.
    case input(LineReadResult)
    /// The time ran out while the reader waited; what was typed on the line so far is dropped.
    case timeUp
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
