import ArgumentParser
import TerminalUI

/// How a command ends after SIGTERM or SIGHUP asked it to stop (see ``InterruptTrap``): its state is
/// saved by then, and the exit status is 128 + the signal, as a shell reports a program killed by it.
enum StopSignal {
    static func exitCode() -> ExitCode {
        ExitCode(128 + (InterruptTrap.stopSignal ?? 15))
    }

    /// Ends the command when a stop signal arrived.
    static func exitIfRequested() throws {
        if InterruptTrap.stopSignal != nil { throw exitCode() }
    }
}
