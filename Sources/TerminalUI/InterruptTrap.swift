#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Catches Ctrl-C (SIGINT) and Ctrl-\\ (SIGQUIT), and the requests to stop that a session manager or a
/// closed terminal sends (SIGTERM, SIGHUP), so that the program can stop cleanly instead of being killed.
///
/// `install()` sets a handler that does nothing but raise flags. The handler is installed *without*
/// `SA_RESTART`, so a blocking `read` (and therefore `el_gets`) returns with `EINTR`; the line readers
/// report that as ``LineReadResult/interrupted``. The program then checks ``wasInterrupted`` at
/// convenient points, saves what it must and stops or goes on.
///
/// - SIGINT and SIGQUIT are an interrupt typed by the learner: ``wasInterrupted``. SIGQUIT would
///   otherwise start Swift's crash reporter, which prints a backtrace and waits for a key.
/// - SIGTERM and SIGHUP also raise ``stopSignal``: the program must save its state and exit
///   (128 + the signal), whatever the prompt (the sandbox, which ignores Ctrl-C, too).
///
/// A signal that arrives while no line is being read is not lost: the flags stay raised until
/// ``reset()`` (the interrupt) or the end of the program (a stop).
///
/// The readers may run on any thread, even one that blocks these signals (as the worker threads of
/// Dispatch and Swift concurrency do): while a reader waits for input it unblocks them on its thread
/// and registers itself, and a signal that lands on another thread is passed on to it with
/// `pthread_kill`. Only one reader should wait at a time.
public enum InterruptTrap {
    /// The signals the trap handles.
    static let signals: [Int32] = [SIGINT, SIGQUIT, SIGTERM, SIGHUP]

    /// Installs the handlers. Calling it again has no further effect.
    public static func install() {
        state.withLock {
            guard !$0.installed else { return }
            // Run the lazy initialisers of the shared storage now, outside any signal handler.
            _ = interruptFlag.pointee
            _ = stopFlag.pointee
            _ = readerActive.pointee
            _ = readerThread.pointee
            var action = sigaction()
            #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = interruptTrapHandler
            #else
            action.__sigaction_handler.sa_handler = interruptTrapHandler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0  // deliberately no SA_RESTART: blocking reads must return EINTR
            // A parent may have blocked these signals (test runners, some shells); a blocked signal never
            // reaches the handler, so unblock them for this thread.
            var unblock = signalSet()
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
            $0.previous = [:]
            for signal in signals {
                var previous = sigaction()
                if sigaction(signal, &action, &previous) == 0 { $0.previous[signal] = previous }
            }
            $0.installed = true
        }
    }

    /// The signal that asked the program to stop (SIGTERM or SIGHUP), or nil.
    public static var stopSignal: Int32? {
        let value = stopFlag.pointee
        return value == 0 ? nil : Int32(value)
    }

    /// The set of ``signals``.
    private static func signalSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        return set
    }

    /// Restores the dispositions that were in place before ``install()``.
    public static func uninstall() {
        state.withLock {
            guard $0.installed else { return }
            for (signal, action) in $0.previous {
                var previous = action
                sigaction(signal, &previous, nil)
            }
            $0.installed = false
        }
    }

    /// Whether one of the signals arrived since the handler was installed or the flag was last reset.
    public static var wasInterrupted: Bool {
        interruptFlag.pointee != 0
    }

    /// Lowers the flag.
    public static func reset() {
        interruptFlag.pointee = 0
    }

    /// Whether the handler is currently installed.
    public static var isInstalled: Bool {
        state.withLock { $0.installed }
    }

    /// Runs `body`, a blocking read, so that the signals interrupt it with `EINTR` whatever the
    /// thread: they are unblocked on this thread meanwhile, and the handler forwards a signal that
    /// arrives on another thread to this one.
    static func interruptibleRead<T>(_ body: () -> T) -> T {
        _ = interruptFlag.pointee
        readerThread.pointee = pthread_self()
        var unblock = signalSet()
        var previous = sigset_t()
        // The system call between the two stores keeps them in order for the handler.
        pthread_sigmask(SIG_UNBLOCK, &unblock, &previous)
        readerActive.pointee = 1
        defer {
            readerActive.pointee = 0
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        return body()
    }

    private struct State {
        var installed = false
        var previous: [Int32: sigaction] = [:]
    }

    private static let state = LockedState()

    private final class LockedState: @unchecked Sendable {
        private let lock = PThreadLock()
        private var value = State()

        func withLock<T>(_ body: (inout State) -> T) -> T {
            lock.withLock { body(&value) }
        }
    }
}

/// Storage of the interrupt flag. Heap memory reached through an immutable pointer, so the
/// signal handler touches no Swift variable (no exclusivity checks, no allocation).
nonisolated(unsafe) private let interruptFlag: UnsafeMutablePointer<sig_atomic_t> = {
    let pointer = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return pointer
}()

/// The stop signal (SIGTERM or SIGHUP) that arrived, or 0.
nonisolated(unsafe) private let stopFlag: UnsafeMutablePointer<sig_atomic_t> = {
    let pointer = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return pointer
}()

/// Whether a reader is waiting in ``InterruptTrap/interruptibleRead(_:)``.
nonisolated(unsafe) private let readerActive: UnsafeMutablePointer<sig_atomic_t> = {
    let pointer = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return pointer
}()

/// The thread of the waiting reader; meaningful while `readerActive` is 1.
nonisolated(unsafe) private let readerThread: UnsafeMutablePointer<pthread_t> = {
    let pointer = UnsafeMutablePointer<pthread_t>.allocate(capacity: 1)
    pointer.initialize(to: pthread_self())
    return pointer
}()

/// The handler. Async-signal-safe: it stores to the flags and, when a reader waits on another
/// thread, passes the signal on to that thread (`pthread_kill` is async-signal-safe) so that its
/// read returns `EINTR`.
private func interruptTrapHandler(_ signal: Int32) {
    interruptFlag.pointee = 1
    if signal == SIGTERM || signal == SIGHUP { stopFlag.pointee = sig_atomic_t(signal) }
    if readerActive.pointee != 0 {
        let reader = readerThread.pointee
        if pthread_equal(reader, pthread_self()) == 0 {
            pthread_kill(reader, signal)
        }
    }
}
