#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process's own peak resident memory, as the kernel keeps it for its address space.
///
/// Why not `ru_maxrss` from `wait4`: on Linux `exec` starts a process's `ru_maxrss` from the peak of the
/// address space it replaces, and `posix_spawn` execs from the parent's (it shares it, as `vfork` does). A
/// child of a 28 MB benchmark therefore never reports less than 28 MB, and whether a `fork`ed launcher helps
/// depends on the launcher's own size. `VmHWM` in `/proc/PID/status` is the high-water mark of the
/// address space the program itself runs in: `exec` makes a new one, so it has no floor. It is what
/// `ru_maxrss` reports when the spawner is tiny (GNU `/usr/bin/time -f %M` forks from a process of about
/// 1 MB), without relying on such a tool being installed.
///
/// It can only be read while the process is alive: at a marker on its output (the process is still
/// running), or at its exit through `ptrace`: attached with `PTRACE_SEIZE` and `PTRACE_O_TRACEEXIT`, the
/// process stops at the start of its exit, before its memory is released, and the reading is taken there.
/// Tracing sees only that one stop and the signals sent to the process (passed on unchanged); its threads are
/// not traced.
enum PeakMemory {
    #if os(Linux)
    /// The process's `VmHWM` in bytes, or nil when it cannot be read (the process is gone, or no `/proc`).
    static func highWaterMark(of pid: pid_t) -> Int? {
        let descriptor = open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var text: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            text += buffer[0..<count]
        }
        return kilobytes(after: "VmHWM:", in: text).map { $0 * 1024 }
    }

    /// The number of kilobytes on the line of `/proc/PID/status` that starts with `field` ("VmHWM:   1172 kB").
    static func kilobytes(after field: String, in status: [UInt8]) -> Int? {
        let name = Array(field.utf8)
        var lineStart = 0
        while lineStart < status.count {
            let lineEnd = status[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? status.count
            if status[lineStart..<lineEnd].starts(with: name) {
                let digits = status[(lineStart + name.count)..<lineEnd].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                    .prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                return digits.isEmpty ? nil : Int(String(decoding: digits, as: UTF8.self))
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// The result of following a traced process to its end.
    struct Followed {
        var status: Int32
        var usage: rusage
        /// `VmHWM` at the exit stop; nil when the process could not be traced or read.
        var peakBytes: Int?
    }

    /// Attaches to `pid` (just spawned) so that it stops when it starts to exit; false when the system
    /// refuses (no `ptrace`, a policy that forbids it, or the process has already exited).
    static func traceExit(of pid: pid_t) -> Bool {
        guard let ptrace = Self.ptrace else { return false }
        return ptrace(requestSeize, pid, nil, UnsafeMutableRawPointer(bitPattern: optionTraceExit)) == 0
    }

    /// Waits for `pid` to end, reading its `VmHWM` at its exit stop when `traced`; signals that stop it on the
    /// way are delivered to it as they would have been.
    static func follow(_ pid: pid_t, traced: Bool) -> Followed {
        var status: Int32 = 0
        var usage = rusage()
        var peak: Int?
        while true {
            if wait4(pid, &status, 0, &usage) < 0 {
                if errno == EINTR { continue }
                break
            }
            // Stopped (traced): `status >> 8` is the signal, with the ptrace event in the bits above it.
            guard status & 0xff == 0x7f, traced, let ptrace = Self.ptrace else { break }
            let signal = (status >> 8) & 0xff
            let event = (status >> 16) & 0xff
            var deliver: Int32 = 0
            if signal == SIGTRAP, event == eventExit {
                peak = highWaterMark(of: pid)
            } else if event == 0 {
                deliver = signal  // a signal on its way to the process: let it through
            }
            _ = ptrace(requestContinue, pid, nil, UnsafeMutableRawPointer(bitPattern: Int(deliver)))
        }
        return Followed(status: status, usage: usage, peakBytes: peak)
    }

    /// `ptrace` is variadic in C, which Swift cannot call; every request here passes a pid and two
    /// word-sized arguments, which the calling convention of Linux's 64-bit platforms passes the same way to a
    /// variadic function and to this fixed signature.
    private typealias PTrace = @convention(c) (CInt, pid_t, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> CLong
    private static let ptrace: PTrace? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "ptrace").map { unsafeBitCast($0, to: PTrace.self) }
    // From <sys/ptrace.h>, which Swift's Glibc module does not import.
    private static let requestContinue: CInt = 7  // PTRACE_CONT
    private static let requestSeize: CInt = 0x4206  // PTRACE_SEIZE
    private static let optionTraceExit = 0x40  // PTRACE_O_TRACEEXIT
    private static let eventExit: Int32 = 6  // PTRACE_EVENT_EXIT
    #endif
}
