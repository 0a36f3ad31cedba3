import Foundation
import Testing

/// Runs the built `iamquiz` binary, for end-to-end tests.
enum IAMQuizBinary {
    /// The package root, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The source document, when `../shared/seeds/` is beside the package.
    static let seed = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds/000_bc46414ecc8c8e05.txt")
    static var seedExists: Bool { FileManager.default.fileExists(atPath: seed.path) }

    /// The binary beside the test bundle (`swift test` builds it first, since the tests depend on it).
    static let url: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("iamquiz"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("iamquiz"),
            Bundle.main.bundleURL.appendingPathComponent("iamquiz"),
            packageRoot.appendingPathComponent(".build/debug/iamquiz"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[3]
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Whether the tests run as root, who may read any file: permission tests then run the binary as
    /// `nobody` (see ``run(_:input:environment:timeout:unprivileged:)``).
    static var isRoot: Bool { getuid() == 0 }

    /// A copy of the binary that `nobody` may run (the build folder may be closed to other users).
    static let unprivilegedCopy: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-bin-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o755])
        let copy = folder.appendingPathComponent("iamquiz")
        try? FileManager.default.copyItem(at: url, to: copy)
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
        return copy
    }()

    /// Runs iamquiz with `arguments`, feeding `input` on standard input; kills it after `timeout` seconds.
    /// `unprivileged`: when the tests run as root, run it as `nobody` (uid 65534) through setpriv, so that
    /// file permissions apply.
    static func run(_ arguments: [String], input: String = "", environment: [String: String] = [:],
                    timeout: TimeInterval = 60, unprivileged: Bool = false) throws -> Output {
        let process = Process()
        if unprivileged, isRoot {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", unprivilegedCopy.path] + arguments
        } else {
            process.executableURL = url
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        // Wide enough that no line wraps: tests match whole sentences. The wrapping tests set their own width.
        env["COLUMNS"] = "1000"
        // A fresh, empty progress store per run unless the test passes its own: practice order depends
        // on progress, and runs must not see each other's answers.
        let ownHome = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-home-\(UUID().uuidString)")
        env["IAMQUIZ_HOME"] = ownHome.path
        defer { if environment["IAMQUIZ_HOME"] == nil { try? FileManager.default.removeItem(at: ownHome) } }
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read both streams on their own threads so that a full pipe cannot block the child.
        let outBox = DataBox(), errBox = DataBox()
        let group = DispatchGroup()
        for (pipe, box) in [(stdout, outBox), (stderr, errBox)] {
            group.enter()
            DispatchQueue.global().async {
                box.set(pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        if group.wait(timeout: .now() + timeout) == .timedOut {
            // SIGKILL: a child can block SIGTERM (children of the test runner were seen to), and then
            // `terminate()` leaves the test waiting for ever.
            kill(process.processIdentifier, SIGKILL)
            Issue.record("iamquiz \(arguments) did not finish within \(timeout) s")
        }
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outBox.get(), as: UTF8.self),
                      stderr: String(decoding: errBox.get(), as: UTF8.self))
    }
}

/// An environment with a fresh, empty progress folder (`IAMQUIZ_HOME`), for runs that share one history.
func freshHome() throws -> [String: String] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-home-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return ["IAMQUIZ_HOME": dir.path]
}

/// A thread-safe holder for data read on another thread.
final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func append(_ d: Data) { lock.lock(); data.append(d); lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }

    /// The data so far, as text.
    var text: String { String(decoding: get(), as: UTF8.self) }

    /// Waits until the text contains `needle`; false after `timeout` seconds.
    func waitFor(_ needle: String, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if text.contains(needle) { return true }
            Thread.sleep(forTimeInterval: 0.025)
        }
        return text.contains(needle)
    }
}

extension String {
    /// The number of times `needle` occurs.
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}

/// `TZ` naming a zone where it is now about noon, for tests whose figures count "today": an answer's
/// learning step falls due minutes later, which is tomorrow when the test runs just before midnight. Empty
/// when the machine has no time zone files (the test then runs in the machine's own zone).
func middayTimeZone(now: Date = Date()) -> [String: String] {
    guard FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/Etc/GMT") else { return [:] }
    var utc = Calendar(identifier: .gregorian)
    utc.timeZone = TimeZone(identifier: "UTC") ?? utc.timeZone
    let offset = 12 - utc.component(.hour, from: now)
    // Etc/GMT-5 is five hours ahead of UTC: POSIX signs are inverted.
    return ["TZ": offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + String(abs(offset))]
}
