import TerminalUI

/// Everything a front-end loop takes from the outside world, in one value: where text goes, how it is laid
/// out, where lines come from, what time it is and whether the learner pressed Ctrl-C.
///
/// The executable builds the real one (standard output, libedit or plain lines, a monotonic clock and
/// ``InterruptTrap``'s flags); tests build one with a scripted reader, collected output, a clock they move
/// and flags they raise, so every loop runs in-process.
public struct Terminal {
    /// Writes text as is (no newline added).
    public var write: (String) -> Void
    /// Whether output is styled: standard output is a terminal, `NO_COLOR` is unset and `TERM` is not `dumb`.
    public var color: Bool
    /// The columns of the display: tables, traces and every line written with ``say(_:)`` are wrapped to it.
    public var width: Int
    /// Where typed lines come from.
    public var reader: any LineReader
    /// Seconds on a monotonic clock, from any origin: the time spent on a question, and the exam's timer.
    public var clock: () -> Double
    /// The interrupts (Ctrl-C, Ctrl-\\) and stop signals (SIGTERM, SIGHUP) that arrived.
    public var interrupts: any InterruptFlags
    /// Shows a long text at once (an exam report, a scenario's trace): the executable sends it through
    /// ``Pager`` on a terminal; by default, and in tests that do not ask for more, it is written as is.
    public var page: (String) -> Void
    /// Whether a learner is at the keyboard (standard input is a terminal): loops pause and ask only then,
    /// so scripts and piped input run straight through.
    public var isInteractive: Bool

    public init(write: @escaping (String) -> Void, color: Bool, width: Int, reader: any LineReader,
                clock: @escaping () -> Double, interrupts: any InterruptFlags, page: ((String) -> Void)? = nil,
                isInteractive: Bool = false) {
        self.write = write
        self.page = page ?? write
        self.color = color
        self.width = width
        self.reader = reader
        self.clock = clock
        self.interrupts = interrupts
        self.isInteractive = isInteractive
    }

    var style: Style { Style(enabled: color) }

    /// The columns prose (stems, options, explanations) is wrapped to: the width, up to a readable measure.
    var proseWidth: Int { TerminalInfo.proseWidth(columns: width) }

    /// Writes `text` and a newline, each line wrapped to the width with a hanging indent
    /// (``TextWrapper/wrapLines(_:width:)``): a line wider than the display never breaks mid-word, and
    /// never breaks a URL or an ARN.
    func say(_ text: String) {
        write(TextWrapper.wrapLines(text, width: width).joined(separator: "\n") + "\n")
    }

    /// Writes a paragraph of prose and a newline, wrapped to the prose width, its lines after the first
    /// indented by `hang`.
    func sayProse(_ text: String, hang: String = "  ") {
        say(TextWrapper.wrap(text, width: proseWidth, subsequentIndent: hang).joined(separator: "\n"))
    }

    /// 0, or 128 + N after the stop signal N, as a shell reports a program that the signal killed: the
    /// state is saved by then, and the status still says why the program ended.
    var exitStatus: Int32 {
        interrupts.stopSignal.map { 128 + $0 } ?? 0
    }
}

/// The flags a loop checks at its prompts; ``InterruptTrap`` raises them for the real terminal.
public protocol InterruptFlags: AnyObject {
    /// Whether Ctrl-C, Ctrl-\\ or a stop signal arrived since the last ``reset()``.
    var wasInterrupted: Bool { get }
    /// The signal (SIGTERM or SIGHUP) that asked the program to stop, or nil.
    var stopSignal: Int32? { get }
    /// Lowers ``wasInterrupted`` (the sandbox drops the line and goes on).
    func reset()
}
