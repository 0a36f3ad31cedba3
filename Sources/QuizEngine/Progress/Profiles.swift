import Foundation
import GRDB

/// The learners' profiles under the data directory: which exist, what each holds, and resetting or deleting
/// one. A profile is the folder `profiles/NAME/` with its `progress.sqlite` (and the line history).
///
/// Listing reads each database through a read-only connection: it never creates, migrates or moves a
/// file, so `iamquiz profile list` is safe to run while a quiz is open in another terminal.
public enum Profiles {
    /// What `profile list` shows of one profile.
    public struct Summary: Sendable, Equatable {
        public var name: String
        /// The profile's folder.
        public var folder: URL
        /// Answers recorded; nil when the database could not be read (see ``problem``).
        public var answers: Int?
        /// Questions with a spaced-repetition card.
        public var cards: Int?
        /// When the latest answer was given.
        public var lastAnswer: Date?
        /// Bytes of the database and its write-ahead log.
        public var bytes: Int64
        /// Why the database could not be read (damaged, not a database, no permission), or nil.
        public var problem: String?
    }

    /// The names of the profiles that exist (a folder with a progress database), sorted.
    public static func names(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        let root = DataDirectory.resolve(environment: environment).appendingPathComponent("profiles", isDirectory: true)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return entries.filter { name in
            ProgressStore.isValidProfileName(name)
                && FileManager.default.fileExists(atPath: root.appendingPathComponent(name).appendingPathComponent("progress.sqlite").path)
        }.sorted()
    }

    /// Whether the profile has a progress database.
    public static func exists(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let url = try? ProgressStore.databaseURL(profile: name, environment: environment) else { return false }
        return FileManager.default.fileExists(atPath: url.path)
    }

    /// A summary of each profile that exists.
    public static func summaries(environment: [String: String] = ProcessInfo.processInfo.environment) -> [Summary] {
        names(environment: environment).compactMap { name in
            guard let url = try? ProgressStore.databaseURL(profile: name, environment: environment) else { return nil }
            return summary(name: name, database: url)
        }
    }

    /// Reads a profile's counts through a read-only connection.
    static func summary(name: String, database url: URL) -> Summary {
        var summary = Summary(name: name, folder: url.deletingLastPathComponent(), bytes: fileBytes(url))
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(ProgressStore.busyTimeout)
            let queue = try DatabaseQueue(path: url.path, configuration: configuration)
            try queue.read { db in
                guard try db.tableExists("answers"), try db.tableExists("cards") else {
                    summary.answers = 0
                    summary.cards = 0
                    return
                }
                summary.answers = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answers") ?? 0
                summary.cards = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cards") ?? 0
                summary.lastAnswer = try StoredDate.fetchOne(db, sql: "SELECT MAX(answered_at) FROM answers")?.date
            }
            try queue.close()
        } catch let error as DatabaseError {
            summary.problem = error.message ?? "\(error.resultCode)"
        } catch {
            summary.problem = "\(error)"
        }
        return summary
    }

    private static func fileBytes(_ url: URL) -> Int64 {
        [url.path, url.path + "-wal"].reduce(Int64(0)) { total, path in
            let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
            return total + (size?.int64Value ?? 0)
        }
    }

    /// Whether another iamquiz has the profile's database open now (it holds SQLite's shared-memory lock).
    public static func isInUse(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let url = try? ProgressStore.databaseURL(profile: name, environment: environment) else { return false }
        return WriteAheadLog.inUse(databasePath: url.path)
    }

    /// Deletes a profile's folder with everything in it (database, history, files moved aside as damaged).
    /// The caller checks ``isInUse(_:environment:)`` first and asks the learner.
    public static func delete(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let folder = try ProgressStore.databaseURL(profile: name, environment: environment).deletingLastPathComponent()
        do {
            try FileManager.default.removeItem(at: folder)
        } catch {
            throw ProgressStoreError.notAccessible(path: folder.path, reason: (error as NSError).localizedDescription)
        }
    }
}

extension ProgressStore {
    /// What ``resetProgress()`` removed.
    public struct ResetCounts: Sendable, Equatable {
        public var answers: Int
        public var cards: Int
        public var sessions: Int
    }

    /// Empties the learning history in one transaction: answers, cards, sessions and their questions,
    /// flags and the totals. Settings kept in `store_meta` (such as new questions per day) stay. Another
    /// iamquiz open on the profile sees an empty history from its next read.
    @discardableResult
    public func resetProgress() throws -> ResetCounts {
        try write { db in
            let counts = ResetCounts(answers: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answers") ?? 0,
                                     cards: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cards") ?? 0,
                                     sessions: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions") ?? 0)
            try db.execute(sql: """
                DELETE FROM answers;
                DELETE FROM session_questions;
                DELETE FROM sessions;
                DELETE FROM cards;
                DELETE FROM flagged_questions;
                DELETE FROM answer_totals_by_question;
                DELETE FROM answer_totals_by_day;
                """)
            return counts
        }
    }
}
