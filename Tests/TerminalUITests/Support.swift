import Dispatch
import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// A value shared between a test and a helper thread, behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withValue<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }

    var current: Value {
        withValue { $0 }
    }
}

/// Polls `condition` every few milliseconds until it holds or `seconds` pass.
func waitUntil(seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(5_000)
    }
    return condition()
}

/// A pipe, closed on deinit.
final class Pipe2: @unchecked Sendable {
    let readEnd: Int32
    private(set) var writeEnd: Int32

    init() {
        var fds: [Int32] = [-1, -1]
        let status = pipe(&fds)
        precondition(status == 0, "pipe failed")
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(writeEnd, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }

    func closeWriteEnd() {
        if writeEnd >= 0 {
            close(writeEnd)
            writeEnd = -1
        }
    }

    deinit {
        close(readEnd)
        closeWriteEnd()
    }
}

/// A pseudo-terminal whose output is collected by a background thread.
final class PseudoTerminal: @unchecked Sendable {
    let master: Int32
    let slave: Int32
    private let collected = Locked<[UInt8]>([])
    private let stopped = Locked(false)
    private let drained = DispatchSemaphore(value: 0)

    init?(columns: UInt16 = 80, rows: UInt16 = 24) {
        guard let functions = PTYFunctions.shared else { return nil }
        let master = functions.openpt(O_RDWR | O_NOCTTY)
        guard master >= 0 else { return nil }
        var name = [CChar](repeating: 0, count: 256)
        guard functions.grantpt(master) == 0, functions.unlockpt(master) == 0,
              functions.ptsname_r(master, &name, name.count) == 0
        else {
            Glibc.close(master)
            return nil
        }
        let slave = open(String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
                         O_RDWR | O_NOCTTY)
        guard slave >= 0 else {
            Glibc.close(master)
            return nil
        }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        self.master = master
        self.slave = slave
        DispatchQueue.global().async { [collected, stopped, drained] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !stopped.current {
                var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 20) > 0 else { continue }
                let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                collected.withValue { $0.append(contentsOf: buffer[..<count]) }
            }
            drained.signal()
        }
    }

    /// Everything written to the terminal so far.
    var output: String {
        String(decoding: collected.current, as: UTF8.self)
    }

    /// Types `text` on the keyboard.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Whether the terminal is in raw (non-canonical) mode, as libedit sets it while editing.
    var isRaw: Bool {
        var attributes = termios()
        guard tcgetattr(slave, &attributes) == 0 else { return false }
        return attributes.c_lflag & tcflag_t(ICANON) == 0
    }

    /// Opens a stdio stream on a duplicate of the slave side.
    func openStream(_ mode: String) -> UnsafeMutablePointer<FILE>? {
        fdopen(dup(slave), mode)
    }

    /// Stops collecting output and closes both sides.
    func close() {
        stopped.withValue { $0 = true }
        drained.wait()
        Glibc.close(slave)
        Glibc.close(master)
    }
}

/// The pseudo-terminal functions of the C library, looked up at run time: Swift's Glibc module
/// does not declare them (they need `_XOPEN_SOURCE`).
struct PTYFunctions: @unchecked Sendable {
    let openpt: @convention(c) (Int32) -> Int32
    let grantpt: @convention(c) (Int32) -> Int32
    let unlockpt: @convention(c) (Int32) -> Int32
    let ptsname_r: @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32

    static let shared: PTYFunctions? = {
        guard let library = dlopen(nil, RTLD_NOW),
              let openpt = dlsym(library, "posix_openpt"),
              let grantpt = dlsym(library, "grantpt"),
              let unlockpt = dlsym(library, "unlockpt"),
              let ptsname = dlsym(library, "ptsname_r")
        else { return nil }
        return PTYFunctions(
            openpt: unsafeBitCast(openpt, to: (@convention(c) (Int32) -> Int32).self),
            grantpt: unsafeBitCast(grantpt, to: (@convention(c) (Int32) -> Int32).self),
            unlockpt: unsafeBitCast(unlockpt, to: (@convention(c) (Int32) -> Int32).self),
            ptsname_r: unsafeBitCast(
                ptsname, to: (@convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32).self))
    }()
}

/// A thread id that can be handed to another thread.
struct ThreadID: @unchecked Sendable {
    let value: pthread_t

    static var current: ThreadID {
        ThreadID(value: pthread_self())
    }

    /// Sends SIGINT to this thread.
    func interrupt() {
        pthread_kill(value, SIGINT)
    }
}
