#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Catches Ctrl-C (SIGINT) so that the program can stop cleanly instead of being killed.
///
/// `install()` sets a SIGINT handler that does nothing but raise a flag. The handler is
/// installed *without* `SA_RESTART`, so a blocking `read` (and therefore `el_gets`) returns
/// with `EINTR`; the line readers report that as ``LineReadResult/interrupted``. The program
/// then checks ``wasInterrupted`` at convenient points, prints its summary and exits.
///
/// A Ctrl-C pressed while no line is being read is not lost: the flag stays raised until
/// ``reset()``. The readers themselves do not look at the flag.
///
/// The readers may run on any thread, even one that blocks SIGINT (as the worker threads of
/// Dispatch and Swift concurrency do): while a reader waits for input it unblocks SIGINT on
/// its thread and registers itself, and a SIGINT that lands on another thread is passed on
/// to it with `pthread_kill`. Only one reader should wait at a time.
public enum InterruptTrap {
    /// Installs the SIGINT handler. Calling it again has no further effect.
    public static func install() {
        state.withLock {
            guard !$0.installed else { return }
            // Run the lazy initialisers of the shared storage now, outside any signal handler.
            _ = interruptFlag.pointee
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
            var previous = sigaction()
            // A parent may have blocked SIGINT (test runners, some shells); a blocked signal never
            // reaches the handler, so unblock it for this thread.
            var unblock = sigset_t()
            sigemptyset(&unblock)
            sigaddset(&unblock, SIGINT)
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
            if sigaction(SIGINT, &action, &previous) == 0 {
                $0.previous = previous
                $0.installed = true
            }
        }
    }

    /// Restores the SIGINT disposition that was in place before ``install()``.
    public static func uninstall() {
        state.withLock {
            guard $0.installed else { return }
            var previous = $0.previous
            sigaction(SIGINT, &previous, nil)
            $0.installed = false
        }
    }

    /// Whether SIGINT arrived since the handler was installed or the flag was last reset.
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

    /// Runs `body`, a blocking read, so that SIGINT interrupts it with `EINTR` whatever the
    /// thread: SIGINT is unblocked on this thread meanwhile, and the handler forwards a SIGINT
    /// that arrives on another thread to this one.
    static func interruptibleRead<T>(_ body: () -> T) -> T {
        _ = interruptFlag.pointee
        readerThread.pointee = pthread_self()
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
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
        var previous = sigaction()
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

/// The SIGINT handler. Async-signal-safe: it stores to the flag and, when a reader waits on
/// another thread, passes the signal on to that thread (`pthread_kill` is async-signal-safe)
/// so that its read returns `EINTR`.
private func interruptTrapHandler(_ signal: Int32) {
    interruptFlag.pointee = 1
    if readerActive.pointee != 0 {
        let reader = readerThread.pointee
        if pthread_equal(reader, pthread_self()) == 0 {
            pthread_kill(reader, SIGINT)
        }
    }
}
