#if os(Linux)
@testable import BenchSupport
import Foundation
import Testing

/// The benchmarks' child processes (`bank-bench`): the peak memory they quote must be the child's own, not
/// the floor that `ru_maxrss` inherits from the spawning process on Linux, and the output must be read whole
/// while the child is traced to its exit.
@Suite("Child processes of the benchmarks")
struct ChildProcessTests {
    static let megabyte = 1_000_000

    /// Whether the machine forbids a process to trace its own child, which following a run to its exit
    /// needs: Yama's `ptrace_scope` 2 or 3, or a seccomp filter (a container's). Read from the system, not
    /// from ChildProcess, so that a fault of ours still fails the tests where tracing is allowed; where it is
    /// forbidden the benchmark quotes `ru_maxrss` and says so, and these tests are skipped.
    static let tracingForbidden: Bool = {
        let scope = (try? String(contentsOfFile: "/proc/sys/kernel/yama/ptrace_scope", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        return scope >= 2 || status.contains("Seccomp:\t2")
    }()

    /// Makes this process's own peak at least `bytes`, so that a floor would show in a child's figure.
    static func raiseOwnPeak(to bytes: Int) {
        let block = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
        memset(block, 1, bytes)
        block.deallocate()
    }

    @Test("A small child of a large process reports its own peak, not the parent's", .disabled(if: tracingForbidden, "this machine forbids tracing a child (ptrace)"))
    func smallChildOwnPeak() throws {
        Self.raiseOwnPeak(to: 80 * Self.megabyte)
        #expect(ChildProcess.ownPeakBytes >= 80 * Self.megabyte)
        let run = try #require(ChildProcess("/bin/sh", arguments: ["-c", "sleep 0.1; exit 3"]).run())
        #expect(run.status == 3)
        #expect(run.peakIsOwn)
        #expect(run.peakBytes > 0 && run.peakBytes < 20 * Self.megabyte)
    }

    @Test("The peak follows what the child holds at its largest", .disabled(if: tracingForbidden, "this machine forbids tracing a child (ptrace)"))
    func peakFollowsTheChild() throws {
        Self.raiseOwnPeak(to: 80 * Self.megabyte)
        // dash and bash keep a command substitution's output in memory: 30 MB of `a`.
        let script = "x=$(head -c 30000000 /dev/zero | tr '\\0' a); echo ${#x}"
        let run = try #require(ChildProcess("/bin/sh", arguments: ["-c", script]).run())
        #expect(run.status == 0)
        #expect(String(decoding: run.output, as: UTF8.self) == "30000000\n")
        #expect(run.peakIsOwn)
        #expect(run.peakBytes > 30 * Self.megabyte && run.peakBytes < 80 * Self.megabyte)
    }

    @Test("Output larger than a pipe holds is read whole while the child is followed to its exit", .disabled(if: tracingForbidden, "this machine forbids tracing a child (ptrace)"))
    func largeOutput() throws {
        let run = try #require(ChildProcess("/bin/sh", arguments: ["-c", "head -c 300000 /dev/zero; exit 1"]).run())
        #expect(run.status == 1)
        #expect(run.output.count == 300_000)
        #expect(run.peakIsOwn)
    }

    @Test("At the marker the child is killed and its peak so far is its own")
    func marker() throws {
        Self.raiseOwnPeak(to: 80 * Self.megabyte)
        let run = try #require(ChildProcess("/bin/sh", arguments: ["-c", "echo first; echo ready; exec sleep 30"]).run(until: "ready"))
        #expect(run.sawMarker)
        #expect(run.status == 128 + SIGKILL)
        #expect(String(decoding: run.output, as: UTF8.self).hasPrefix("first\nready"))
        #expect(run.peakIsOwn)
        #expect(run.peakBytes > 0 && run.peakBytes < 20 * Self.megabyte)
    }

    /// A quiz at its prompt waits for input; with `/dev/null` it would read an end of input at once and go
    /// on (saving its session) while the peak is read.
    @Test("With a marker the child's standard input stays open: a read waits instead of meeting the end")
    func inputStaysOpen() throws {
        let script = "( sleep 0.3; echo waited; echo ready ) & if read line; then echo line; else echo end-of-input; fi; echo ready; wait"
        let run = try #require(ChildProcess("/bin/sh", arguments: ["-c", script]).run(until: "ready"))
        let output = String(decoding: run.output, as: UTF8.self)
        #expect(run.sawMarker)
        #expect(output.hasPrefix("waited\nready"), "\(output)")
        #expect(!output.contains("end-of-input") && !output.contains("line"))
    }

    @Test("Without the marker the run ends at the exit and is not counted as seen")
    func missingMarker() throws {
        let run = try #require(ChildProcess("/bin/sh", arguments: ["-c", "echo nothing"]).run(until: "ready"))
        #expect(!run.sawMarker)
        #expect(run.status == 0)
        #expect(!run.peakIsOwn)
    }

    @Test("VmHWM is read from a status file's line, in kilobytes")
    func statusLine() {
        let status = Array("Name:\tsh\nVmPeak:\t    2680 kB\nVmHWM:\t    1172 kB\nVmRSS:\t    1172 kB\n".utf8)
        #expect(PeakMemory.kilobytes(after: "VmHWM:", in: status) == 1172)
        #expect(PeakMemory.kilobytes(after: "VmSwap:", in: status) == nil)
        #expect(PeakMemory.kilobytes(after: "VmHWM:", in: Array("VmHWM:\t kB\n".utf8)) == nil)
    }

    @Test("A spawn that fails gives nil")
    func cannotSpawn() {
        #expect(ChildProcess("/nonexistent/program", arguments: []).run() == nil)
    }
}
#endif
