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
                        interrupts: TrappedSignals(), isInteractive: TerminalInfo.isTerminal(0))
    }
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
