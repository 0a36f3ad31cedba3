import ArgumentParser
import QuizFrontend
import TerminalUI

extension Terminal {
    /// The terminal of this process for an interactive command: standard output through ``Console``, colour
    /// and width as ``TerminalInfo`` finds them, `reader`, a monotonic clock, and the flags of
    /// ``InterruptTrap``, which this installs; interactive when standard input is a terminal.
    static func standard(reader: any LineReader) -> Terminal {
        InterruptTrap.install()
        let origin = ContinuousClock.now
        return Terminal(write: { Console.write($0) }, color: TerminalInfo.colorEnabled(fd: 1), width: TerminalInfo.width(fd: 1),
                        reader: reader,
                        clock: {
                            let elapsed = ContinuousClock.now - origin
                            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                        },
                        interrupts: TrappedSignals(), page: Self.pageStandardOutput,
                        isInteractive: TerminalInfo.isTerminal(0))
    }

    /// Long text through ``Pager`` (on a terminal, when taller than the screen), else standard output.
    static func pageStandardOutput(_ text: String) {
        Pager.show(text) { Console.write($0) }
    }

    /// A terminal for a command that only prints (`exams show`): standard output, its colour and width,
    /// and the pager; no input is read and no signal is trapped, so Ctrl-C ends the command as usual.
    static func output() -> Terminal {
        Terminal(write: { Console.write($0) }, color: TerminalInfo.colorEnabled(fd: 1), width: TerminalInfo.width(fd: 1),
                 reader: PlainLineReader(), clock: { 0 }, interrupts: NoInterrupts(), page: pageStandardOutput)
    }
}

/// The flags of a terminal that traps no signal: never raised.
final class NoInterrupts: InterruptFlags {
    var wasInterrupted: Bool { false }
    var stopSignal: Int32? { nil }
    func reset() {}
}

/// ``InterruptTrap``'s process-wide flags, as a loop reads them.
final class TrappedSignals: InterruptFlags {
    var wasInterrupted: Bool { InterruptTrap.wasInterrupted }
    var stopSignal: Int32? { InterruptTrap.stopSignal }
    func reset() { InterruptTrap.reset() }
}

extension ExitCode {
    /// Ends the command with `status` (a loop's exit status) unless it is 0.
    static func unlessSuccess(_ status: Int32) throws {
        if status != 0 { throw ExitCode(status) }
    }
}
