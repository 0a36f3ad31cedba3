import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program run as a child process and timed from its spawn: until it exits, or until a given text first
/// appears on its standard output (it is then killed), with its own peak memory.
///
/// It uses `posix_spawn` directly: Foundation's `Process` adds tens of milliseconds of its own, which
/// would be counted as the program's.
///
/// The peak is the program's own on Linux (``PeakMemory``: `VmHWM`, read at the marker or at the exit stop),
/// not `ru_maxrss` from `wait4`, which there never goes below the spawning process's own peak.
public struct ChildProcess: Sendable {
    /// What one run gave.
    public struct Run: Sendable {
        /// Seconds from just before the spawn until the marker was seen, or until the process had exited.
        public var seconds: Double
        /// Whether the marker appeared (always false without one).
        public var sawMarker: Bool
        /// The exit status, or 128 + the signal that ended it (the kill after the marker gives 137).
        public var status: Int32
        /// The peak resident memory of the process, in bytes: until the marker appeared, or until it exited.
        public var peakBytes: Int
        /// Whether ``peakBytes`` is the program's own (`VmHWM` on Linux). When it could not be read (the
        /// marker never came, `ptrace` was refused, another system) it is `ru_maxrss`, which on Linux cannot
        /// go below this process's own peak (``ownPeakBytes``).
        public var peakIsOwn: Bool
        /// Everything read from its standard output (up to the marker, when there is one).
        public var output: [UInt8]
    }

    /// The program's path.
    public var executable: String
    public var arguments: [String]
    /// Variables set for the child on top of this process's environment.
    public var environment: [String: String]
    /// The file read as its standard input in a run without a marker; `/dev/null` (end of input at once) by
    /// default. A run with a marker reads a pipe that stays open and empty until the program is killed, so
    /// that it waits at its first read (a quiz at its prompt): what it measures is the way to the marker,
    /// not what an end of input would set off meanwhile.
    public var input: String

    public init(_ executable: String, arguments: [String], environment: [String: String] = [:], input: String = "/dev/null") {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.input = input
    }

    /// Runs the program once. With a `marker`, the time stops when those bytes first appear on its standard
    /// output and the process is killed then; without one, the output is read to the end and the time
    /// stops when the process has exited. Its standard error goes to `/dev/null`. Nil when it cannot be
    /// spawned.
    public func run(until marker: String? = nil) -> Run? {
        // The read end stays in this process only; the write end becomes the child's fd 1. Both are
        // close-on-exec, and made so before another run's spawn (``spawning``) can hand them to its child,
        // which would hold the pipe open after this child has exited.
        spawning.lock()
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            spawning.unlock()
            return nil
        }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        defer { close(readEnd) }

        // With a marker, the child's standard input: a pipe whose write end this process holds, unwritten.
        var inputFDs: [Int32] = [-1, -1]
        if marker != nil {
            guard pipe(&inputFDs) == 0 else {
                close(writeEnd)
                spawning.unlock()
                return nil
            }
            for fd in inputFDs { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        defer { if inputFDs[1] >= 0 { close(inputFDs[1]) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if marker != nil {
            posix_spawn_file_actions_adddup2(&actions, inputFDs[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }

        let start = ContinuousClock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0
        close(writeEnd)
        if inputFDs[0] >= 0 { close(inputFDs[0]) }
        spawning.unlock()
        guard spawned else { return nil }
        guard let marker else { return follow(pid, output: readEnd, start: start) }

        let wanted = Array(marker.utf8)
        var output: [UInt8] = []
        var seenAt: ContinuousClock.Instant?
        var ownPeak: Int?
        Self.readAll(readEnd) { bytes in
            // Only the new bytes and the marker's length before them can complete the marker.
            let searchFrom = max(0, output.count - wanted.count)
            output += bytes
            guard Self.contains(output, wanted, from: searchFrom) else { return true }
            seenAt = ContinuousClock.now
            #if os(Linux)
            // Still running: its peak so far is the peak until the marker.
            ownPeak = PeakMemory.highWaterMark(of: pid)
            #endif
            kill(pid, SIGKILL)
            return false
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let end = seenAt ?? ContinuousClock.now
        return Run(seconds: (end - start).seconds, sawMarker: seenAt != nil, status: Self.exitCode(status),
                   peakBytes: ownPeak ?? Self.bytes(usage), peakIsOwn: ownPeak != nil, output: output)
    }

    /// A run without a marker: its output is read on another thread, while this one (the tracer, as
    /// `ptrace` requires) waits for the exit stop, where the peak is read, and then for the exit.
    private func follow(_ pid: pid_t, output readEnd: Int32, start: ContinuousClock.Instant) -> Run {
        let reader = OutputReader(readEnd)
        #if os(Linux)
        let followed = PeakMemory.follow(pid, traced: PeakMemory.traceExit(of: pid))
        let (status, usage, ownPeak) = (followed.status, followed.usage, followed.peakBytes)
        #else
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let ownPeak: Int? = nil
        #endif
        let end = ContinuousClock.now
        return Run(seconds: (end - start).seconds, sawMarker: false, status: Self.exitCode(status),
                   peakBytes: ownPeak ?? Self.bytes(usage), peakIsOwn: ownPeak != nil, output: reader.finish())
    }

    /// Reads `descriptor` until its end, or until `take` returns false.
    static func readAll(_ descriptor: Int32, _ take: ([UInt8]) -> Bool) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0, take(Array(buffer[0..<count])) else { return }
        }
    }

    /// `wait4`'s status as a shell shows it: the exit code, or 128 + the signal.
    private static func exitCode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// `ru_maxrss` in bytes.
    private static func bytes(_ usage: rusage) -> Int {
        #if os(Linux)
        Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #else
        Int(usage.ru_maxrss)  // bytes on macOS
        #endif
    }

    /// This process's own peak resident memory, in bytes: below it a child's `ru_maxrss` cannot go on Linux.
    public static var ownPeakBytes: Int {
        var usage = rusage()
        getrusage(selfUsage, &usage)
        #if os(Linux)
        return Int(usage.ru_maxrss) * 1024
        #else
        return Int(usage.ru_maxrss)
        #endif
    }

    #if os(Linux)
    /// Glibc imports `RUSAGE_SELF` as an enum case where `getrusage` takes its raw value.
    private static let selfUsage = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
    private static let selfUsage = RUSAGE_SELF
    #endif

    /// Whether `haystack` holds `needle` starting at or after `from`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8], from: Int) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        var index = from
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}

/// Held from making a run's pipe until its child is spawned (see ``ChildProcess/run(until:)``).
private let spawning = NSLock()

/// A child's standard output read to its end on a thread of its own, so that the child never blocks on a
/// full pipe while the spawning thread waits for it.
private final class OutputReader: @unchecked Sendable {
    // Written by the reading thread only, and read after `done` is signalled.
    private var bytes: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)

    init(_ descriptor: Int32) {
        let thread = Thread { [self] in
            ChildProcess.readAll(descriptor) { piece in
                self.bytes += piece
                return true
            }
            done.signal()
        }
        thread.start()
    }

    /// Everything read, once the child has closed its end (it has exited).
    func finish() -> [UInt8] {
        done.wait()
        return bytes
    }
}
