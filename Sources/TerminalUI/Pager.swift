#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Shows long output through the learner's pager, as git and man do, so that an exam report or a trace
/// does not scroll away with its first lines (the score).
///
/// The rule: the text goes through `$PAGER` (`less -R` when unset, so colours pass; empty or `cat` for
/// none) only when standard output is a terminal and the text is taller than the screen; piped output
/// is never paged. The pager runs under `/bin/sh -c`, as `$PAGER` may hold options, and reads the text on
/// its standard input. When it cannot be started (not installed: the shell's status 126 or 127), the text
/// is written directly: it is never lost.
///
/// While the pager runs, iamquiz ignores Ctrl-C and Ctrl-\\ (the pager handles them, and they must not end
/// the program behind it) and SIGPIPE (quitting the pager early closes the pipe); the previous
/// dispositions come back afterwards.
public enum Pager {
    /// The pager when `$PAGER` is unset: `-R` passes colour sequences through.
    public static let defaultCommand = "less -R"
    /// The screen height when neither the terminal nor `$LINES` tells one.
    public static let defaultHeight = 24

    /// The pager command `environment` asks for, or nil for none (`PAGER` empty or `cat`).
    public static func command(environment: [String: String]) -> String? {
        guard let value = environment["PAGER"] else { return defaultCommand }
        let command = trimmed(value)
        return command.isEmpty || command == "cat" ? nil : command
    }

    /// The rows of the terminal behind `fd`; when it does not say, `$LINES`; else 24.
    public static func height(fd: Int32 = 1, environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        if let text = environment["LINES"], let rows = Int(trimmed(text)), rows > 0 { return rows }
        return defaultHeight
    }

    /// The screen rows `text` takes at `width` columns: each line, with colour sequences left out, takes
    /// as many rows as its width needs (at least one).
    public static func rows(_ text: String, width: Int) -> Int {
        let width = max(1, width)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines.reduce(0) { total, line in
            total + max(1, (TextWrapper.displayWidth(withoutEscapes(String(line))) + width - 1) / width)
        }
    }

    /// Whether text of `rows` rows wants the pager on a screen of `height` rows: when it does not fit with
    /// the prompt line that follows it.
    public static func isTaller(rows: Int, than height: Int) -> Bool {
        rows > max(1, height - 1)
    }

    /// Shows `text`: through the pager when standard output (`fd`) is a terminal, a pager is set and the
    /// text is taller than the screen; else (or when the pager cannot be started) through `write`.
    public static func show(_ text: String, fd: Int32 = 1,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            ignoring signals: [Int32] = Pager.ignoredSignals,
                            write: (String) -> Void) {
        guard TerminalInfo.isTerminal(fd), let command = command(environment: environment),
              isTaller(rows: rows(text, width: TerminalInfo.width(fd: fd, environment: environment)),
                       than: height(fd: fd, environment: environment))
        else {
            write(text)
            return
        }
        if !run(command, text: text, ignoring: signals) { write(text) }
    }

    /// Runs `command` with `/bin/sh -c` in this process's environment, feeds it `text` and waits for it to
    /// end. False when it could not be started (then it has shown nothing, and the caller writes the text).
    /// The signals iamquiz ignores while the pager runs: Ctrl-C and Ctrl-\\ belong to the pager, and quitting
    /// it early closes the pipe (SIGPIPE).
    public static let ignoredSignals = [SIGINT, SIGQUIT, SIGPIPE]

    /// `signals` are ignored while the pager runs (``ignoredSignals``; tests that run beside processes they
    /// start leave SIGINT alone, since a child started meanwhile would inherit an ignored SIGINT).
    public static func run(_ command: String, text: String, ignoring signals: [Int32] = Pager.ignoredSignals) -> Bool {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return false }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let ignored = ignoring(signals)
        defer { restore(ignored) }

        guard let pid = spawn(["/bin/sh", "-c", command], stdin: readEnd, closing: writeEnd,
                              environment: pagerEnvironment(ProcessInfo.processInfo.environment)) else {
            close(readEnd)
            close(writeEnd)
            return false
        }
        close(readEnd)
        feed(text, to: writeEnd)
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // The shell's 127 and 126: the command was not found or could not be run, so nothing was shown.
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        return !(exited && (code == 126 || code == 127))
    }

    /// The pager's environment: this process's, with `LESS=R` when `LESS` is unset, so that `PAGER=less`
    /// shows colours rather than their escape sequences (as git does).
    static func pagerEnvironment(_ environment: [String: String]) -> [String: String] {
        var environment = environment
        if environment["LESS"] == nil { environment["LESS"] = "R" }
        return environment
    }

    /// Writes all of `text` to `fd`, going on after a signal; stops when the reader has gone (EPIPE).
    private static func feed(_ text: String, to fd: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written == -1 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    /// Starts `arguments` with standard input from `stdin`, the signals this process ignores set back to
    /// their defaults and none blocked; `closing` is closed in the child. Nil when it cannot be started.
    private static func spawn(_ arguments: [String], stdin: Int32, closing: Int32, environment: [String: String]) -> pid_t? {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_addclose(&actions, stdin)
        posix_spawn_file_actions_addclose(&actions, closing)
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        return result == 0 ? pid : nil
    }

    /// Sets `signals` to be ignored; returns the dispositions they had.
    private static func ignoring(_ signals: [Int32]) -> [(Int32, sigaction)] {
        var ignore = sigaction()
        #if canImport(Darwin)
        ignore.__sigaction_u.__sa_handler = SIG_IGN
        #else
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        #endif
        sigemptyset(&ignore.sa_mask)
        var previous: [(Int32, sigaction)] = []
        for signal in signals {
            var old = sigaction()
            if sigaction(signal, &ignore, &old) == 0 { previous.append((signal, old)) }
        }
        return previous
    }

    private static func restore(_ dispositions: [(Int32, sigaction)]) {
        for (signal, action) in dispositions {
            var action = action
            sigaction(signal, &action, nil)
        }
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// `text` without its ANSI escape sequences (CSI: ESC [ ... final byte), which take no columns.
    static func withoutEscapes(_ text: String) -> String {
        guard text.contains("\u{1B}") else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                out.append(scalar)
                continue
            }
            guard scalars.next() == "[" else { continue }
            while let next = scalars.next(), !(0x40...0x7E).contains(next.value) {}
        }
        return String(out)
    }
}
