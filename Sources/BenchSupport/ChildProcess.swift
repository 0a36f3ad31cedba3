import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program run as a child process and timed from its spawn: until it exits, or until a given text first
/// appears on its standard output (it is then killed), with its peak memory from `wait4`'s resource usage.
///
/// It uses `posix_spawn` directly: Foundation's `Process` adds tens of milliseconds of its own, which
/// would be counted as the program's.
///
/// On Linux a child's `ru_maxrss` is at least the spawning process's own peak: `exec` starts the count from
/// the peak of the memory it replaces, which `posix_spawn` shares with the parent. A benchmark that reports
/// its children's peaks keeps its own small until then, and quotes ``ownPeakBytes`` as the floor.
public struct ChildProcess: Sendable {
    /// What one run gave.
    public struct Run: Sendable {
        /// Seconds from just before the spawn until the marker was seen, or until the process had exited.
        public var seconds: Double
        /// Whether the marker appeared (always false without one).
        public var sawMarker: Bool
        /// The exit status, or 128 + the signal that ended it (the kill after the marker gives 137).
        public var status: Int32
        /// The peak resident memory of the process, in bytes (`ru_maxrss`).
        public var peakBytes: Int
        /// Everything read from its standard output (up to the marker, when there is one).
        public var output: [UInt8]
    }

    /// The program's path.
    public var executable: String
    public var arguments: [String]
    /// Variables set for the child on top of this process's environment.
    public var environment: [String: String]
    /// The file read as its standard input; `/dev/null` (end of input at once) by default.
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
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        // The read end stays in this process only; the write end becomes the child's fd 1.
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        defer { close(readEnd) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
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
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else {
            close(writeEnd)
            return nil
        }
        close(writeEnd)

        let wanted = marker.map { Array($0.utf8) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var seenAt: ContinuousClock.Instant?
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            // Only the new bytes and the marker's length before them can complete the marker.
            let searchFrom = max(0, output.count - (wanted?.count ?? 0))
            output.append(contentsOf: buffer[0..<count])
            if let wanted, Self.contains(output, wanted, from: searchFrom) {
                seenAt = ContinuousClock.now
                kill(pid, SIGKILL)
                break
            }
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let end = seenAt ?? ContinuousClock.now
        #if os(Linux)
        let peak = Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #else
        let peak = Int(usage.ru_maxrss)  // bytes on macOS
        #endif
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return Run(seconds: (end - start).seconds, sawMarker: seenAt != nil, status: code, peakBytes: peak, output: output)
    }

    /// This process's own peak resident memory, in bytes: below it a child's peak cannot be seen.
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
