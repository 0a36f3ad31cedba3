import Foundation
import Testing
@testable import QuizEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func corruptName(_ path: String, _ now: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = .current
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    return path + ".corrupt-" + formatter.string(from: now)
}

private func siblings(of url: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)) ?? []).sorted()
}

@Suite("Progress store corruption")
struct ProgressCorruptionTests {
    let now = Date(timeIntervalSince1970: 1_767_225_600)  // a fixed clock names the moved file

    @Test func aFileThatIsNotADatabaseIsMovedAside() throws {
        try withTemporaryHome { home in
            let url = try ProgressStore.databaseURL(environment: ["IAMQUIZ_HOME": home.path])
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let junk = Data(String(repeating: "these are not the pages you are looking for\n", count: 200).utf8)
            try junk.write(to: url)
            try Data("not a wal either".utf8).write(to: URL(fileURLWithPath: url.path + "-wal"))

            let expected = corruptName(url.path, now)
            do {
                _ = try ProgressStore.open(at: url, now: now)
                Issue.record("opening junk succeeded")
            } catch let error as ProgressStoreError {
                guard case .corrupt(let path, let movedTo, _) = error else {
                    Issue.record("unexpected error: \(error)")
                    return
                }
                #expect(path == url.path)
                #expect(movedTo == expected)
                #expect("\(error)".contains("was moved to `\(expected)`"))
                #expect(error.help != nil)
            }
            // Moved, byte for byte, with its WAL; nothing left at the old place.
            #expect(try Data(contentsOf: URL(fileURLWithPath: expected)) == junk)
            #expect(try Data(contentsOf: URL(fileURLWithPath: expected + "-wal")) == Data("not a wal either".utf8))
            #expect(!FileManager.default.fileExists(atPath: url.path))
            #expect(!FileManager.default.fileExists(atPath: url.path + "-wal"))

            // The caller decides to start fresh: opening again gives an empty, working store.
            let fresh = try ProgressStore.open(at: url, now: now)
            #expect(try fresh.answerCount() == 0)
            #expect(try fresh.integrityCheck() == ["ok"])
            try fresh.close()

            // A second damaged file in the same second never overwrites the first copy.
            try Data("junk again, and long enough to hold a header\n".utf8).write(to: url)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
            #expect(throws: ProgressStoreError.self) { try ProgressStore.open(at: url, now: now) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: expected)) == junk)
            #expect(FileManager.default.fileExists(atPath: expected + "-2"))
        }
    }

    @Test func damagedPagesFailTheCheckAndAreMovedAside() throws {
        try withTemporaryHome { home in
            let url = home.appendingPathComponent("progress.sqlite")
            try damage(url, size: try filledStore(at: url))

            #expect {
                try ProgressStore.open(at: url, now: now)
            } throws: { error in
                guard case .corrupt(_, let movedTo?, _) = error as? ProgressStoreError else { return false }
                return movedTo == corruptName(url.path, now) && "\(error)".contains(movedTo)
            }
            #expect(FileManager.default.fileExists(atPath: corruptName(url.path, now)))
            #expect(!FileManager.default.fileExists(atPath: url.path))
        }
    }

    /// A store with 3,000 answers whose pages are all in the main file; returns its size.
    private func filledStore(at url: URL) throws -> Int {
        let store = try ProgressStore.open(at: url)
        try store.insert(answers: (0..<3_000).map {
            AnswerRecord(sessionID: nil, questionID: "q\($0 % 97)", contentHash: "0123456789abcdef", chosen: "A",
                         isCorrect: $0 % 2 == 0, seconds: 3, answeredAt: Date(timeIntervalSince1970: Double($0)),
                         localHour: 9, mode: .practice, isRetry: false)
        })
        // Copy everything into the database file: a page still in the WAL would mask the damage.
        _ = try store.strings("PRAGMA wal_checkpoint(TRUNCATE)")
        try store.close()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(size > 16 * 4096)
        return size
    }

    /// Scribbles over pages in the middle of the file, keeping the header page intact.
    private func damage(_ url: URL, size: Int) throws {
        let handle = try FileHandle(forWritingTo: url)
        try handle.seek(toOffset: UInt64(size / 2 / 4096 * 4096))
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 3 * 4096))
        try handle.close()
    }

    // Stores above `fullCheckLimit` (a million answers) are not checked while the learner waits: the check
    // runs beside the session, at most weekly. Here the limit is 0 so a small store takes that path.
    @Test func aLargeStoreIsCheckedInTheBackgroundAtMostWeekly() throws {
        try withTemporaryHome { home in
            let url = home.appendingPathComponent("progress.sqlite")
            _ = try filledStore(at: url)
            let first = try ProgressStore.open(at: url, now: now, fullCheckLimit: 0, backgroundCheckDelay: 0)
            #expect(first.checksInBackground)
            #expect(first.waitForBackgroundCheck(timeout: 30) == nil)
            try first.close()
            // Passed a day ago: no check now. Passed 8 days ago: check again.
            let nextDay = try ProgressStore.open(at: url, now: now.addingTimeInterval(86_400), fullCheckLimit: 0, backgroundCheckDelay: 0)
            #expect(!nextDay.checksInBackground)
            try nextDay.close()
            let nextWeek = try ProgressStore.open(at: url, now: now.addingTimeInterval(8 * 86_400), fullCheckLimit: 0, backgroundCheckDelay: 0)
            #expect(nextWeek.checksInBackground)
            #expect(nextWeek.waitForBackgroundCheck(timeout: 30) == nil)
            try nextWeek.close()
        }
    }

    @Test func damageFoundInTheBackgroundIsReportedAndTheFileMovedAsideAtTheNextOpen() throws {
        try withTemporaryHome { home in
            let url = home.appendingPathComponent("progress.sqlite")
            try damage(url, size: try filledStore(at: url))

            // The open itself succeeds (only the schema is read); the background check finds the damage.
            let store = try ProgressStore.open(at: url, now: now, fullCheckLimit: 0, backgroundCheckDelay: 0)
            let problem = store.waitForBackgroundCheck(timeout: 30)
            #expect(problem != nil)
            try store.close()
            #expect(FileManager.default.fileExists(atPath: url.path), "nothing is moved while the file is in use")

            // The next open checks in the foreground and moves the file aside, as for a small store.
            #expect {
                try ProgressStore.open(at: url, now: now.addingTimeInterval(60), fullCheckLimit: 0, backgroundCheckDelay: 0)
            } throws: { error in
                guard case .corrupt(_, let movedTo?, _) = error as? ProgressStoreError else { return false }
                return movedTo == corruptName(url.path, now.addingTimeInterval(60))
            }
            #expect(!FileManager.default.fileExists(atPath: url.path))
        }
    }

    // As root, permissions do not stop anything, so this runs only for ordinary users.
    @Test(.enabled(if: geteuid() != 0)) func anUnreadableFileIsLeftAlone() throws {
        try withTemporaryHome { home in
            let url = home.appendingPathComponent("progress.sqlite")
            try ProgressStore.open(at: url).close()
            let before = try Data(contentsOf: url)
            #expect(chmod(url.path, 0) == 0)
            defer { chmod(url.path, 0o644) }
            #expect {
                try ProgressStore.open(at: url, now: now)
            } throws: { error in
                guard case .notAccessible(let path, _) = error as? ProgressStoreError else { return false }
                return path == url.path
            }
            #expect(siblings(of: url).allSatisfy { !$0.contains("corrupt") })
            chmod(url.path, 0o644)
            #expect(try Data(contentsOf: url) == before)
        }
    }
}

// MARK: - Several processes

/// The `progress-writer` test tool, built next to the test bundle: `swift test` alone does not build an
/// executable, so `make test` builds it first (`swift build --build-tests` builds every product), and the
/// suite that needs it is skipped, saying so, when it is missing.
private func writerBinary() throws -> URL {
    guard let found = writerCandidates().first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw WriterError(message: "progress-writer not found (build with `swift build --build-tests`); looked in "
                          + writerCandidates().map { $0.deletingLastPathComponent().path }.joined(separator: ", "))
    }
    return found
}

/// Whether the `progress-writer` tool is built (the cross-process suite needs it).
let progressWriterIsBuilt = writerCandidates().contains { FileManager.default.isExecutableFile(atPath: $0.path) }

private func writerCandidates() -> [URL] {
    var folders = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                   Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
    folders += Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map { $0.bundleURL.deletingLastPathComponent() }
    // Last resort: a scratch folder of this package (`.build`, `.build-progress` ...).
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for scratch in ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted() where scratch.hasPrefix(".build") {
        folders.append(root.appendingPathComponent(scratch).appendingPathComponent("debug"))
    }
    return folders.map { $0.appendingPathComponent("progress-writer") }
}

private struct WriterError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A running `progress-writer` and the numbers it printed (one line per committed answer).
private final class Writer {
    let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private var pending = ""
    /// The last complete number printed: answers this process has committed, at least.
    private(set) var reported = 0
    private(set) var finishedOutput = false

    init(home: URL, arguments: [String]) throws {
        process.executableURL = try writerBinary()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["IAMQUIZ_HOME"] = home.path
        process.environment = environment
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // A watchdog, so a stuck writer fails the test instead of hanging it.
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) { kill(pid, SIGKILL) }
    }

    /// Reads what is available (blocking until something is); false at end of output.
    @discardableResult
    func readSome() -> Bool {
        let data = output.fileHandleForReading.availableData
        if data.isEmpty {
            finishedOutput = true
            return false
        }
        pending += String(decoding: data, as: UTF8.self)
        while let newline = pending.firstIndex(of: "\n") {
            if let number = Int(pending[..<newline]) { reported = number }
            pending.removeSubrange(...newline)
        }
        return true
    }

    /// Waits for the process to end and reads the rest of its output.
    func finish() -> String {
        while readSome() {}
        process.waitUntilExit()
        return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}

@Suite("Progress store across processes", .serialized,
       .enabled(if: progressWriterIsBuilt, "the progress-writer tool is not built: `make test` or `swift build --build-tests` builds it"))
struct ProgressProcessTests {
    @Test func twoProcessesWritingAtOnce() throws {
        try withTemporaryHome { home in
            // Both start on a store that does not exist yet, so they also race to create and migrate it.
            let writers = try (0..<2).map { try Writer(home: home, arguments: ["--count", "300", "--label", "writer-\($0)"]) }
            for writer in writers {
                let problems = writer.finish()
                #expect(writer.process.terminationStatus == 0, "\(problems)")
                #expect(writer.reported == 300)
            }
            let store = try ProgressStore.open(environment: ["IAMQUIZ_HOME": home.path])
            #expect(try store.answerCount() == 600)
            #expect(try store.integrityCheck() == ["ok"])
            var perSession: [Int64: Int] = [:]
            try store.forEachAnswer { perSession[$0.sessionID ?? -1, default: 0] += 1 }
            #expect(perSession.values.sorted() == [300, 300])
            // Both updated the same 50 cards: every one holds a complete row from one of them.
            #expect(try store.cards(dueBefore: Date.distantFuture).count == 50)
        }
    }

    @Test func killedWritersLoseNothingCommitted() throws {
        try withTemporaryHome { home in
            let environment = ["IAMQUIZ_HOME": home.path]
            var total = 0
            var random = SystemRandomNumberGenerator()
            for round in 0..<20 {
                let writer = try Writer(home: home, arguments: ["--count", "0", "--label", "round-\(round)"])
                let target = Int.random(in: 1...40, using: &random)
                while writer.reported < target, writer.readSome() {}
                // Sometimes kill at once, sometimes a little later, in the middle of a transaction or an fsync.
                if Bool.random(using: &random) { usleep(UInt32.random(in: 0...4_000, using: &random)) }
                kill(writer.process.processIdentifier, SIGKILL)
                let problems = writer.finish()
                #expect(writer.reported >= target, "round \(round): the writer stopped early: \(problems)")
                #expect(writer.process.terminationReason == .uncaughtSignal)

                let store = try ProgressStore.open(environment: environment)
                #expect(try store.integrityCheck() == ["ok"], "round \(round)")
                let count = try store.answerCount()
                // Everything it reported is there; at most one more committed before its line got out.
                #expect(count - total >= writer.reported && count - total <= writer.reported + 1,
                        "round \(round): \(count - total) answers stored, \(writer.reported) reported")
                total = count
                try store.close()
            }

            // Each answer marked its session position in the same transaction, so the two always agree.
            let store = try ProgressStore.open(environment: environment)
            var answersPerSession: [Int64: Int] = [:]
            try store.forEachAnswer { answersPerSession[$0.sessionID ?? -1, default: 0] += 1 }
            for (session, answers) in answersPerSession {
                let marked = try store.sessionQuestions(sessionID: session).filter(\.isAnswered).count
                #expect(marked == answers, "session \(session)")
            }
        }
    }
}

/// Issue 9, point 3: after a killed quiz the latest answers may be only in `progress.sqlite-wal`. A damaged
/// WAL made the next `stats` show no answers, and SQLite then deleted it. Each test builds the files a
/// crash leaves (copied while the writer still has the store open, so the answers are in the WAL only),
/// changes them as damage or a crash would, and opens the copy.
@Suite("Progress store: the write-ahead log a crash leaves")
struct WriteAheadLogTests {
    let now = Date(timeIntervalSince1970: 1_767_225_600)
    static let pageSize = 4096
    static let frameSize = 24 + pageSize

    /// A database and its WAL as a crash leaves them: `answers` committed one transaction each.
    private func crashCopy(in home: URL, answers: Int) throws -> URL {
        let live = home.appendingPathComponent("live.sqlite")
        let store = try ProgressStore.open(at: live)
        for i in 0..<answers {
            try store.insert(answers: [AnswerRecord(sessionID: nil, questionID: "q\(i)", contentHash: "0123456789abcdef", chosen: "A",
                                                    isCorrect: true, seconds: 3, answeredAt: Date(timeIntervalSince1970: Double(i)),
                                                    localHour: 9, mode: .practice, isRetry: false)])
        }
        let copy = home.appendingPathComponent("progress.sqlite")
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: live.path + suffix, toPath: copy.path + suffix)
        }
        try store.close()
        return copy
    }

    private func wal(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: url.path + "-wal"))) }
    private func setWAL(_ url: URL, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: url.path + "-wal")) }

    @Test("A sound WAL left by a crash is read: every committed answer is there")
    func soundWALIsRead() throws {
        try withTemporaryHome { home in
            let url = try crashCopy(in: home, answers: 12)
            #expect(try wal(url).count > 12 * Self.frameSize, "the answers are in the WAL")
            #expect(WriteAheadLog.damage(databasePath: url.path) == nil)
            let store = try ProgressStore.open(at: url, now: now)
            #expect(try store.answerCount() == 12)
            try store.close()
        }
    }

    /// A crash in the middle of a transaction leaves its frames without a commit: SQLite drops them, and
    /// so does the check (no false alarm).
    @Test("A WAL cut inside its last frame is a crash, not damage: the earlier commits are kept")
    func cutTailIsNotDamage() throws {
        try withTemporaryHome { home in
            let url = try crashCopy(in: home, answers: 12)
            let bytes = try wal(url)
            try setWAL(url, Array(bytes.dropLast(Self.frameSize / 2)))
            #expect(WriteAheadLog.damage(databasePath: url.path) == nil)
            let store = try ProgressStore.open(at: url, now: now)
            #expect(try store.answerCount() == 11)
            try store.close()
        }
    }

    /// Each row: where the damage is, and a word of the reason.
    @Test("A damaged WAL moves the database, its WAL and its shared memory aside together", arguments: [
        ("a page in an early frame", "frame"),
        ("the header's checksum", "header"),
    ])
    func damagedWALIsMovedAside(place: String, reason: String) throws {
        try withTemporaryHome { home in
            let url = try crashCopy(in: home, answers: 12)
            var bytes = try wal(url)
            if place.hasPrefix("a page") {
                bytes[32 + Self.frameSize + 24 + 100] ^= 0xFF  // a byte of the second frame's page
            } else {
                bytes[24] ^= 0x01
            }
            try setWAL(url, bytes)
            try Data(repeating: 7, count: 32_768).write(to: URL(fileURLWithPath: url.path + "-shm"))
            let database = try Data(contentsOf: url)
            #expect {
                try ProgressStore.open(at: url, now: now)
            } throws: { error in
                guard case .corrupt(_, let movedTo?, let why) = error as? ProgressStoreError else { return false }
                return movedTo == url.path + ".corrupt-" + Self.stamp(now) && why.contains(reason) && why.contains("write-ahead log")
            }
            let moved = url.path + ".corrupt-" + Self.stamp(now)
            #expect(try Data(contentsOf: URL(fileURLWithPath: moved)) == database)
            #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: moved + "-wal"))) == bytes)
            #expect(FileManager.default.fileExists(atPath: moved + "-shm"))
            for suffix in ["", "-wal", "-shm"] { #expect(!FileManager.default.fileExists(atPath: url.path + suffix)) }
        }
    }

    @Test("The WAL of a store that is open is live, and not checked")
    func liveWALIsNotChecked() throws {
        try withTemporaryHome { home in
            let url = home.appendingPathComponent("progress.sqlite")
            let store = try ProgressStore.open(at: url)
            try store.insert(answers: [AnswerRecord(sessionID: nil, questionID: "q", contentHash: "0123456789abcdef", chosen: "A",
                                                    isCorrect: true, seconds: 3, answeredAt: now, localHour: 9, mode: .practice,
                                                    isRetry: false)])
            #expect(WriteAheadLog.inUse(databasePath: url.path))
            try store.close()
            #expect(!WriteAheadLog.inUse(databasePath: url.path))
        }
    }

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}
