import Diagnostics
import Foundation
import GRDB
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The learner's history and scheduling state: sessions, answers and cards, in one SQLite file per profile.
///
/// The file is `profiles/NAME/progress.sqlite` under ``DataDirectory``. It is opened as a WAL
/// database (`journal_mode=WAL`): readers never block the writer, and several processes (two
/// terminals, a quiz and a `stats`) can use it at once; a writer that finds the file locked waits
/// up to ``busyTimeout`` instead of failing.
///
/// Durability: `synchronous=FULL`. In WAL mode, NORMAL already survives a crash or `kill -9` of the
/// process, but a power cut or kernel panic may roll back the latest commits. FULL syncs the WAL
/// on every commit, so an answer that ``record(answer:card:position:)`` has returned for survives
/// that too. The cost, one fsync per answer, is a few milliseconds at the pace of a learner typing
/// letters; bulk writes would want one transaction for many rows.
///
/// Every method is synchronous, safe to call from any thread, and throws ``ProgressStoreError``.
public final class ProgressStore: Sendable {
    /// The database file.
    public let url: URL
    private let pool: DatabasePool
    private let checkGroup = DispatchGroup()
    private let checkProblem = Mutex<String?>(nil)
    private let checkCancelled = Mutex(false)
    /// Signalled by ``close()`` to end the background check's wait early.
    private let checkWakeUp = DispatchSemaphore(value: 0)

    /// Stores up to this size get SQLite's `quick_check` every time they are opened; larger ones get it
    /// in the background, at most every ``backgroundCheckInterval``.
    public static let fullCheckLimit = 64 << 20

    /// How long a write waits for another process holding the database lock before it fails.
    public static let busyTimeout: TimeInterval = 5

    /// True when this open started a background check (a large store not checked for a while).
    let checksInBackground: Bool

    private init(url: URL, pool: DatabasePool, checkInBackgroundAt now: Date? = nil, after delay: TimeInterval = 0) {
        self.url = url
        self.pool = pool
        checksInBackground = now != nil
        if let now { startBackgroundCheck(now: now, after: delay) }
    }

    // MARK: - Opening

    /// Opens (creating it and its folders if needed) the store of a profile.
    ///
    /// - Parameters:
    ///   - profile: ASCII letters, digits, `-` and `_`, at most 64 characters.
    ///   - environment: where ``DataDirectory/resolve(environment:)`` looks for `IAMQUIZ_HOME`,
    ///     `XDG_DATA_HOME` and `HOME`.
    /// - Throws: ``ProgressStoreError``; for a damaged file, ``ProgressStoreError/corrupt(path:movedTo:reason:)``
    ///   after moving it aside, so the caller can open again to start an empty history.
    public static func open(profile: String = "default",
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProgressStore {
        try open(at: databaseURL(profile: profile, environment: environment))
    }

    /// Where the store of a profile lives: `profiles/NAME/progress.sqlite` under the data directory.
    public static func databaseURL(profile: String = "default",
                                   environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        guard isValidProfileName(profile) else { throw ProgressStoreError.invalidProfileName(profile) }
        return DataDirectory.resolve(environment: environment)
            .appendingPathComponent("profiles", isDirectory: true)
            .appendingPathComponent(profile, isDirectory: true)
            .appendingPathComponent("progress.sqlite", isDirectory: false)
    }

    /// The longest profile name.
    public static let maximumProfileNameLength = 64

    /// True for 1 to 64 ASCII letters, digits, `-` and `_`: names that are safe as a folder everywhere.
    public static func isValidProfileName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= maximumProfileNameLength
            && name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2D || byte == 0x5F
            }
    }

    /// Opens (creating it and its folder if needed) the store at a path.
    ///
    /// Checks the file with `PRAGMA quick_check` and applies pending migrations. A file that is not a
    /// database or fails the check is moved to `NAME.corrupt-YYYYMMDD-HHMMSS` (local time, `-2`, `-3`
    /// ... if taken) and ``ProgressStoreError/corrupt(path:movedTo:reason:)`` is thrown. A file that
    /// cannot be read or written is left alone (``ProgressStoreError/notAccessible(path:reason:)``).
    public static func open(at url: URL) throws -> ProgressStore {
        try open(at: url, now: Date())
    }

    /// `open(at:)` with the clock used to name a corrupt file's new place and to date checks, and the size
    /// above which the check moves to the background (tests fix both).
    static func open(at url: URL, now: Date, fullCheckLimit: Int = ProgressStore.fullCheckLimit,
                     backgroundCheckDelay: TimeInterval = ProgressStore.backgroundCheckDelay) throws -> ProgressStore {
        let path = url.path
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ProgressStoreError.cannotCreateDirectory(path: folder.path, reason: FileProblem.reason(error))
        }
        if FileManager.default.fileExists(atPath: path), access(path, R_OK | W_OK) != 0 {
            throw ProgressStoreError.notAccessible(path: path, reason: FileProblem.errnoReason())
        }

        var damage: String
        do {
            // A file that does not even start like an SQLite database is moved aside before SQLite
            // opens it: SQLite would otherwise treat a `-wal` next to it as its own, and may delete it.
            if let problem = try headerProblem(path: path) {
                throw DatabaseError(resultCode: .SQLITE_NOTADB, message: problem)
            }
            // A damaged WAL left by a crash would be ignored by SQLite, and then deleted with its answers.
            if let problem = WriteAheadLog.damage(databasePath: path) {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: problem)
            }
            let pool = try makePool(path: path)
            do {
                // quick_check reads every page: a few milliseconds for a learner's store, about half a
                // second at a million answers. Above `fullCheckLimit` bytes only the schema is read at
                // start-up, and the full check runs in the background (see `startBackgroundCheck`).
                let size = WriteAheadLog.fileSize(path) ?? 0
                let large = size > fullCheckLimit
                var check = try pool.read { db in
                    large
                        ? (try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0) > 0 ? ["ok"] : ["empty schema"]
                        : try String.fetchAll(db, sql: "PRAGMA quick_check")
                }
                var lastCheck: Date?
                if check == ["ok"] {
                    try migrate(pool)
                    // After the pool is set up: GRDB's WAL setup sets NORMAL on the writer connection.
                    try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
                    if large {
                        let meta = try pool.read { db in
                            try Dictionary(Row.fetchAll(db, sql: "SELECT key, value FROM store_meta").map {
                                (String($0["key"]), String($0["value"]))
                            }, uniquingKeysWith: { a, _ in a })
                        }
                        lastCheck = meta[MetaKey.lastCheck].flatMap(Self.parseMetaDate)
                        // A background check found damage last time: check now, before anything is written.
                        if meta[MetaKey.failedCheck] != nil {
                            check = try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
                            if check == ["ok"] {
                                try pool.write { db in try db.execute(sql: "DELETE FROM store_meta WHERE key = ?", arguments: [MetaKey.failedCheck]) }
                            }
                            lastCheck = now
                        }
                    } else if size > 0 {
                        lastCheck = now
                    }
                }
                if check == ["ok"] {
                    let due = large && (lastCheck.map { now.timeIntervalSince($0) >= backgroundCheckInterval || $0 > now } ?? true)
                    return ProgressStore(url: url, pool: pool, checkInBackgroundAt: due ? now : nil, after: backgroundCheckDelay)
                }
                damage = checkSummary(check)
            } catch {
                try? pool.close()
                throw error
            }
            try? pool.close()
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                damage = error.message ?? "not a database"
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
                throw ProgressStoreError.notAccessible(path: path, reason: error.message ?? "\(error.resultCode)")
            default:
                throw ProgressStoreError.database(path: path, reason: error.message ?? "\(error.resultCode)")
            }
        } catch let error as ProgressStoreError {
            throw error
        } catch {
            throw ProgressStoreError.database(path: path, reason: "\(error)")
        }
        do {
            let movedTo = try CorruptFile.moveAside(url, now: now)
            throw ProgressStoreError.corrupt(path: path, movedTo: movedTo.path, reason: damage)
        } catch let error as ProgressStoreError {
            throw error
        } catch {
            throw ProgressStoreError.corrupt(path: path, movedTo: nil, reason: "\(damage); moving it failed: \(error)")
        }
    }

    // MARK: - Checking large stores

    /// A store above ``fullCheckLimit`` gets `quick_check` on a background thread at most this often.
    public static let backgroundCheckInterval: TimeInterval = 7 * 86_400

    /// The background check starts this long after opening: by then the first question is on screen and
    /// the learner is reading, and a short command (`stats`, a script) has finished without paying for it.
    static let backgroundCheckDelay: TimeInterval = 1.5

    /// Keys of the `store_meta` table.
    enum MetaKey {
        /// When the latest full check passed (ISO 8601).
        static let lastCheck = "quick_check_passed_at"
        /// What the latest background check found wrong; the next open checks in the foreground.
        static let failedCheck = "quick_check_failed"
    }

    private static func parseMetaDate(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle().parse(text)
    }

    /// Runs `quick_check` on a reader connection while the learner studies (WAL lets it run beside the
    /// writer). A pass is dated in `store_meta`; damage is noted there, so that the next open checks in
    /// the foreground and moves the file aside, and reported by ``backgroundCheckProblem``.
    private func startBackgroundCheck(now: Date, after delay: TimeInterval) {
        checkGroup.enter()
        let pool = self.pool
        let group = self.checkGroup
        let wakeUp = self.checkWakeUp
        // Weak while waiting: a store nobody uses any more (released, or closed) skips its check.
        Thread.detachNewThread { [weak self] in
            defer { group.leave() }
            if delay > 0 { _ = wakeUp.wait(timeout: .now() + delay) }
            guard let self, !checkCancelled.withLock({ $0 }) else { return }
            var found: String?
            do {
                let rows = try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
                if rows == ["ok"] {
                    try pool.write { db in
                        try db.execute(sql: "INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)",
                                       arguments: [MetaKey.lastCheck, now.formatted(Date.ISO8601FormatStyle())])
                    }
                    return
                }
                found = Self.checkSummary(rows)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
                found = error.message ?? "damaged"
            } catch {
                return  // busy or closed: the next start tries again
            }
            guard let found else { return }
            checkProblem.withLock { $0 = found }
            try? pool.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)",
                               arguments: [MetaKey.failedCheck, found])
            }
        }
    }

    /// What the background check of a large store found wrong, once it has finished; nil while it runs,
    /// when it passed, or when none ran.
    public var backgroundCheckProblem: String? {
        checkProblem.withLock { $0 }
    }

    /// Waits up to `timeout` seconds for a running background check; returns ``backgroundCheckProblem``.
    @discardableResult
    public func waitForBackgroundCheck(timeout: TimeInterval) -> String? {
        _ = checkGroup.wait(timeout: .now() + timeout)
        return backgroundCheckProblem
    }

    /// The problems `quick_check` found, on one line: the first one and how many more.
    private static func checkSummary(_ rows: [String]) -> String {
        let problems = rows.flatMap { $0.split(separator: "\n") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("***") }
        guard let first = problems.first else { return "consistency check failed" }
        return problems.count == 1 ? first : "\(first), and \(problems.count - 1) more problems"
    }

    /// Why the file at `path` cannot be an SQLite database, judging by its first 16 bytes, or nil
    /// (also for a missing or empty file, which SQLite turns into a new database).
    private static func headerProblem(path: String) throws -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let header = try handle.read(upToCount: 16) ?? Data()
        if header.isEmpty || header == Data("SQLite format 3\0".utf8) { return nil }
        return "not an SQLite database"
    }

    private static func makePool(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.label = "iamquiz.progress"
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        return try DatabasePool(path: path, configuration: configuration)
    }

    /// Applies pending migrations, tolerating another process that applies them at the same time.
    ///
    /// GRDB reads the applied migrations before taking the write lock, so two processes opening a new
    /// file together may both try `v1`; the second fails ("table already exists") after the first
    /// committed. Each migration is one transaction, so a failed attempt leaves nothing behind: look
    /// again, and stop once everything is applied.
    private static func migrate(_ pool: DatabasePool) throws {
        let migrator = ProgressSchema.migrator
        var attempt = 0
        while true {
            do {
                try migrator.migrate(pool)
                return
            } catch {
                attempt += 1
                if try pool.read(migrator.hasCompletedMigrations) { return }
                if attempt >= 5 { throw error }
            }
        }
    }

    /// Closes the database; later calls throw. Also happens when the store is released.
    public func close() throws {
        checkCancelled.withLock { $0 = true }  // a check not started yet is skipped; one running is waited for
        checkWakeUp.signal()
        checkGroup.wait()
        try guarded { try pool.close() }
    }

    // MARK: - Writing

    /// Records a new session and the questions it will ask, in one transaction.
    ///
    /// - Returns: the session with its `id`.
    @discardableResult
    public func startSession(_ session: SessionRecord, questions: [SessionQuestionRecord]) throws -> SessionRecord {
        try guarded {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO sessions (mode, started_at, ended_at, question_count, seed, filter, finished,
                                              time_limit_seconds, elapsed_seconds, banks, bank_digest, blueprint, report)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [session.mode.rawValue, StoredDate(session.startedAt), session.endedAt.map(StoredDate.init), session.questionCount,
                                session.seed.map { Int64(bitPattern: $0) }, session.filterDescription, session.isFinished,
                                session.timeLimitSeconds, session.elapsedSeconds, Self.banksJSON(session.banks),
                                session.bankDigest, session.blueprint, session.report])
                var saved = session
                saved.id = db.lastInsertedRowID
                for question in questions {
                    try db.execute(
                        sql: """
                            INSERT INTO session_questions (session_id, position, question_id, option_order, flagged, answered)
                            VALUES (?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [saved.id, question.position, question.questionID,
                                    question.optionOrder.map(String.init).joined(separator: ","),
                                    question.isFlagged, question.isAnswered])
                }
                return saved
            }
        }
    }

    /// Records a graded answer and the question's updated card in one transaction, committed (and
    /// synced) before returning: call it before showing the next question.
    ///
    /// - Parameters:
    ///   - card: the scheduler's new state for the question, inserted or replacing the old one; nil
    ///     leaves the card as it is (modes that do not schedule).
    ///   - position: the question's place in the session; when given with `answer.sessionID`, it is
    ///     marked answered in the same transaction so a resumed session skips it.
    /// - Returns: the answer with its `id`.
    @discardableResult
    public func record(answer: AnswerRecord, card: CardRecord?, position: Int? = nil) throws -> AnswerRecord {
        try guarded {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO answers (session_id, question_id, content_hash, chosen, correct, seconds,
                                             answered_at, local_hour, mode, retried, local_day, shown, rating, guessed)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [answer.sessionID, answer.questionID, answer.contentHash, answer.chosen, answer.isCorrect,
                                answer.seconds, StoredDate(answer.answeredAt), answer.localHour, answer.mode.rawValue, answer.isRetry,
                                Self.localDay(answer.answeredAt), answer.shown, answer.rating, answer.guessed])
                var saved = answer
                saved.id = db.lastInsertedRowID
                if let card { try Self.upsert(card, db) }
                if let position, let sessionID = answer.sessionID {
                    try db.execute(sql: "UPDATE session_questions SET answered = 1 WHERE session_id = ? AND position = ?",
                                   arguments: [sessionID, position])
                }
                return saved
            }
        }
    }

    /// Inserts or replaces a card outside of an answer (an import, a reset).
    public func save(card: CardRecord) throws {
        try guarded { try pool.write { db in try Self.upsert(card, db) } }
    }

    /// Marks or unmarks a question of a session for review.
    public func setFlagged(_ flagged: Bool, sessionID: Int64, position: Int) throws {
        try guarded {
            try pool.write { db in
                try db.execute(sql: "UPDATE session_questions SET flagged = ? WHERE session_id = ? AND position = ?",
                               arguments: [flagged, sessionID, position])
            }
        }
    }

    /// Keeps an exam answer, ungraded, as soon as it is given (bank letters such as `B,D`), with the time
    /// spent on the question so far.
    public func savePendingAnswer(_ letters: String, seconds: Double, sessionID: Int64, position: Int) throws {
        try guarded {
            try pool.write { db in
                try db.execute(sql: "UPDATE session_questions SET pending_answer = ?, seconds = ? WHERE session_id = ? AND position = ?",
                               arguments: [letters, seconds, sessionID, position])
            }
        }
    }

    /// The pending (ungraded) exam answers of a session by position: bank letters and seconds.
    public func pendingAnswers(sessionID: Int64) throws -> [Int: (letters: String, seconds: Double)] {
        try guarded {
            try pool.read { db in
                var out: [Int: (letters: String, seconds: Double)] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT position, pending_answer, seconds FROM session_questions
                    WHERE session_id = ? AND pending_answer IS NOT NULL
                    """, arguments: [sessionID]) {
                    out[row["position"]] = (row["pending_answer"], row["seconds"])
                }
                return out
            }
        }
    }

    /// Saves the time spent in a session so far (an exam saves it with every answer, flag and move).
    public func saveElapsed(_ seconds: Double, sessionID: Int64) throws {
        try guarded {
            try pool.write { db in
                try db.execute(sql: "UPDATE sessions SET elapsed_seconds = ? WHERE id = ?", arguments: [max(0, seconds), sessionID])
            }
        }
    }

    /// Flags a question for review, or removes its flag (the `flag` command of practice and review).
    public func setQuestionFlagged(_ flagged: Bool, questionID: String, at date: Date = Date()) throws {
        try guarded {
            try pool.write { db in
                if flagged {
                    try db.execute(sql: "INSERT OR REPLACE INTO flagged_questions (question_id, flagged_at) VALUES (?, ?)",
                                   arguments: [questionID, StoredDate(date)])
                } else {
                    try db.execute(sql: "DELETE FROM flagged_questions WHERE question_id = ?", arguments: [questionID])
                }
            }
        }
    }

    /// The flagged questions, most recently flagged first.
    public func flaggedQuestions() throws -> [String] {
        try guarded {
            try pool.read { db in
                try String.fetchAll(db, sql: "SELECT question_id FROM flagged_questions ORDER BY flagged_at DESC, question_id")
            }
        }
    }

    /// Marks a session finished, so ``latestUnfinishedSession()`` no longer offers it.
    public func finishSession(id: Int64, endedAt: Date = Date()) throws {
        try guarded {
            try pool.write { db in
                try db.execute(sql: "UPDATE sessions SET finished = 1, ended_at = ? WHERE id = ?", arguments: [StoredDate(endedAt), id])
            }
        }
    }

    /// Inserts many answers in one transaction (imports, tests, benchmarks); cards are left as they are.
    public func insert(answers: [AnswerRecord]) throws {
        try guarded {
            try pool.write { db in
                let statement = try db.makeStatement(sql: """
                    INSERT INTO answers (session_id, question_id, content_hash, chosen, correct, seconds,
                                         answered_at, local_hour, mode, retried, local_day, shown, rating, guessed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for answer in answers {
                    try statement.execute(arguments: [answer.sessionID, answer.questionID, answer.contentHash, answer.chosen,
                                                      answer.isCorrect, answer.seconds, StoredDate(answer.answeredAt), answer.localHour,
                                                      answer.mode.rawValue, answer.isRetry, Self.localDay(answer.answeredAt),
                                                      answer.shown, answer.rating, answer.guessed])
                }
            }
        }
    }

    private static func upsert(_ card: CardRecord, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO cards (question_id, state, step, stability, difficulty, due, last_review, reps, lapses)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (question_id) DO UPDATE SET
                    state = excluded.state, step = excluded.step, stability = excluded.stability,
                    difficulty = excluded.difficulty, due = excluded.due, last_review = excluded.last_review,
                    reps = excluded.reps, lapses = excluded.lapses
                """,
            arguments: [card.questionID, card.state, card.step, card.stability, card.difficulty, StoredDate(card.due),
                        card.lastReview.map(StoredDate.init), card.reps, card.lapses])
    }

    // MARK: - Ratings and new questions per day

    /// Replaces the rating of a recorded answer (the learner rated it, or said it was a guess) and the card
    /// computed with it, in one transaction: the log and the schedule never disagree.
    public func rerate(answerID: Int64, rating: String, guessed: Bool, card: CardRecord) throws {
        try guarded {
            try pool.write { db in
                try db.execute(sql: "UPDATE answers SET rating = ?, guessed = ? WHERE id = ?", arguments: [rating, guessed, answerID])
                try Self.upsert(card, db)
            }
        }
    }

    /// How many questions were answered for the first time at or after `start` (the start of the learner's
    /// day): the new questions introduced today, for the daily limit of new questions. Drills are left out:
    /// every drill is new, and none comes from the bank the limit is for.
    public func questionsFirstAnswered(since start: Date) throws -> Int {
        try guarded {
            try pool.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT COUNT(DISTINCT t.question_id) FROM answers t
                    WHERE t.answered_at >= ? AND t.question_id NOT LIKE 'drill-%'
                      AND NOT EXISTS (SELECT 1 FROM answers e WHERE e.question_id = t.question_id AND e.answered_at < ?)
                    """, arguments: [StoredDate(start), StoredDate(start)]) ?? 0
            }
        }
    }

    /// The `store_meta` key of the profile's daily limit of new questions.
    static let newPerDayKey = "new_per_day"

    /// The daily limit of new questions kept for this profile (`--new-per-day`), or nil when never given.
    public func newPerDay() throws -> Int? {
        try guarded {
            try pool.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = ?", arguments: [Self.newPerDayKey])
            }
        }.flatMap { Int($0) }.map { max(0, $0) }
    }

    /// Keeps the daily limit of new questions for the later runs of this profile.
    public func setNewPerDay(_ limit: Int) throws {
        try guarded {
            try pool.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)",
                               arguments: [Self.newPerDayKey, String(max(0, limit))])
            }
        }
    }

    // MARK: - Reading

    /// How many answers have been recorded.
    public func answerCount() throws -> Int {
        try guarded { try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answers") ?? 0 } }
    }

    /// Calls `body` with every answer, oldest first, reading `batchSize` rows at a time.
    ///
    /// Memory stays flat for any number of rows (CSV export of a million answers), and no read
    /// transaction is held while `body` runs, so `body` may call the store and other processes may
    /// write meanwhile; answers recorded during the walk are included. An error thrown by `body` stops
    /// the walk and is rethrown as it is.
    public func forEachAnswer(batchSize: Int = 1000, _ body: (AnswerRecord) throws -> Void) throws {
        var afterID: Int64 = 0
        let limit = max(1, batchSize)
        while true {
            let batch = try guarded {
                try pool.read { db in
                    try Row.fetchAll(db, sql: "SELECT \(Self.answerColumns) FROM answers WHERE id > ? ORDER BY id LIMIT ?",
                                     arguments: [afterID, limit]).map(Self.answer)
                }
            }
            for answer in batch { try body(answer) }
            guard batch.count == limit, let last = batch.last?.id else { return }
            afterID = last
        }
    }

    /// The answers to one question, oldest first.
    public func answers(questionID: String) throws -> [AnswerRecord] {
        try guarded {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT \(Self.answerColumns) FROM answers WHERE question_id = ? ORDER BY answered_at, id",
                                 arguments: [questionID]).map(Self.answer)
            }
        }
    }

    /// The answers to drills (ids starting `drill-`), oldest first, for the accuracy of each drill skill.
    public func drillAnswers() throws -> [AnswerRecord] {
        try guarded {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT \(Self.answerColumns) FROM answers WHERE question_id LIKE 'drill-%' ORDER BY answered_at, id")
                    .map(Self.answer)
            }
        }
    }

    /// The answer times (``AnswerRecord/seconds``) of the latest `limit` answers, newest first, for
    /// the learner's typical pace.
    public func recentAnswerSeconds(limit: Int) throws -> [Double] {
        try guarded {
            try pool.read { db in
                try Double.fetchAll(db, sql: "SELECT seconds FROM answers ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)])
            }
        }
    }

    /// The card of a question, or nil if it was never scheduled.
    public func card(questionID: String) throws -> CardRecord? {
        try guarded {
            try pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM cards WHERE question_id = ?", arguments: [questionID]).map(Self.card)
            }
        }
    }

    /// Cards due strictly before `date`, earliest first.
    public func cards(dueBefore date: Date) throws -> [CardRecord] {
        try guarded {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM cards WHERE due < ? ORDER BY due, question_id",
                                 arguments: [StoredDate(date)]).map(Self.card)
            }
        }
    }

    /// Every card, for practice ordering and stats.
    public func allCards() throws -> [CardRecord] {
        try guarded {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM cards ORDER BY question_id").map(Self.card)
            }
        }
    }

    /// Answers and right answers per question and per local day. Triggers keep these totals up to date
    /// as answers are inserted, so stats over a million answers read two small tables.
    public func aggregates() throws -> AnswerAggregates {
        try guarded {
            try pool.read { db in
                var result = AnswerAggregates()
                for row in try Row.fetchAll(db, sql: """
                    SELECT question_id, answers, correct, first_correct, last_correct FROM answer_totals_by_question
                    """) {
                    result.perQuestion[row["question_id"]] = AnswerAggregates.Tally(
                        answers: row["answers"], correct: row["correct"], firstCorrect: row["first_correct"], lastCorrect: row["last_correct"])
                }
                for row in try Row.fetchAll(db, sql: "SELECT day, answers, correct FROM answer_totals_by_day") {
                    result.perDay[row["day"]] = AnswerAggregates.Tally(answers: row["answers"], correct: row["correct"])
                }
                return result
            }
        }
    }

    /// `YYYY-MM-DD` of a moment on the learner's calendar (the time zone of this process).
    static func localDay(_ date: Date) -> String { LocalTime.current.dayText(date) }

    /// Questions whose latest answer since `date` was wrong, most recently missed first.
    public func recentlyMissed(since date: Date) throws -> [String] {
        try guarded {
            try pool.read { db in
                try String.fetchAll(db, sql: """
                    SELECT a.question_id FROM answers a
                    JOIN (SELECT question_id, MAX(id) AS last FROM answers WHERE answered_at >= ? GROUP BY question_id) l
                      ON a.id = l.last
                    WHERE a.correct = 0
                    ORDER BY a.id DESC
                    """, arguments: [StoredDate(date)])
            }
        }
    }

    /// A session by id, or nil.
    public func session(id: Int64) throws -> SessionRecord? {
        try guarded {
            try pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM sessions WHERE id = ?", arguments: [id]).map(Self.session)
            }
        }
    }

    /// The most recently started session that is not finished (for `resume`), or nil.
    public func latestUnfinishedSession() throws -> SessionRecord? {
        try guarded {
            try pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM sessions WHERE finished = 0 ORDER BY started_at DESC, id DESC LIMIT 1")
                    .map(Self.session)
            }
        }
    }

    /// The questions of a session in order, with their option order and flags.
    public func sessionQuestions(sessionID: Int64) throws -> [SessionQuestionRecord] {
        try guarded {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM session_questions WHERE session_id = ? ORDER BY position",
                                 arguments: [sessionID]).map(Self.sessionQuestion)
            }
        }
    }

    /// The result of SQLite's full `PRAGMA integrity_check`: `["ok"]` for a sound database, else the problems.
    public func integrityCheck() throws -> [String] {
        try guarded { try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") } }
    }

    /// The first column of every row of a query, on the writer connection (tests check pragmas and the schema).
    func strings(_ sql: String) throws -> [String] {
        try guarded { try pool.writeWithoutTransaction { db in try String.fetchAll(db, sql: sql) } }
    }

    // MARK: - Exam reports

    /// Grades an exam's session in one transaction: keeps its report (JSON, ``ExamReport/json()``) and
    /// marks it finished, so that a report is never missing from a finished exam that was graded here.
    public func finishExam(id: Int64, report: String, endedAt: Date = Date()) throws {
        try guarded {
            try pool.write { db in
                try db.execute(sql: "UPDATE sessions SET report = ?, finished = 1, ended_at = ? WHERE id = ?",
                               arguments: [report, StoredDate(endedAt), id])
            }
        }
    }

    /// Every exam session, finished or not, oldest first, each with its report when it has a readable one
    /// (`iamquiz exams`).
    public func exams() throws -> [StoredExam] {
        try guarded {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM sessions WHERE mode = ? ORDER BY started_at, id",
                                 arguments: [SessionMode.exam.rawValue]).map(Self.storedExam)
            }
        }
    }

    /// The exam session `id` with its report, or nil when there is no exam of that id.
    public func exam(id: Int64) throws -> StoredExam? {
        try guarded {
            try pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM sessions WHERE id = ? AND mode = ?",
                                 arguments: [id, SessionMode.exam.rawValue]).map(Self.storedExam)
            }
        }
    }

    private static func storedExam(_ row: Row) throws -> StoredExam {
        let session = try session(row)
        return StoredExam(session: session, report: session.report.flatMap(ExamReport.decode))
    }

    // MARK: - Rows

    // Decoding throws on a value of the wrong type (a hand-edited file) instead of trapping.
    // Answers are decoded by position, in the order of `answerColumns`: a million of them are read for an export.
    private static let answerColumns = """
        id, session_id, question_id, content_hash, chosen, correct, seconds, answered_at, local_hour, mode, retried,
        shown, rating, guessed
        """

    private static func answer(_ row: Row) throws -> AnswerRecord {
        AnswerRecord(id: try row.decode(atIndex: 0), sessionID: try row.decode(atIndex: 1),
                     questionID: try row.decode(atIndex: 2), contentHash: try row.decode(atIndex: 3),
                     chosen: try row.decode(atIndex: 4), isCorrect: try row.decode(atIndex: 5),
                     seconds: try row.decode(atIndex: 6), answeredAt: try row.storedDate(atIndex: 7),
                     localHour: try row.decode(atIndex: 8), mode: SessionMode(rawValue: try row.decode(atIndex: 9)),
                     isRetry: try row.decode(atIndex: 10), shown: try row.decode(atIndex: 11),
                     rating: try row.decode(atIndex: 12), guessed: try row.decode(atIndex: 13))
    }

    private static func card(_ row: Row) throws -> CardRecord {
        CardRecord(questionID: try row.decode(forColumn: "question_id"), state: try row.decode(forColumn: "state"),
                   step: try row.decode(forColumn: "step"), stability: try row.decode(forColumn: "stability"),
                   difficulty: try row.decode(forColumn: "difficulty"), due: try row.storedDate(forColumn: "due"),
                   lastReview: try row.optionalStoredDate(forColumn: "last_review"), reps: try row.decode(forColumn: "reps"),
                   lapses: try row.decode(forColumn: "lapses"))
    }

    private static func session(_ row: Row) throws -> SessionRecord {
        let seed: Int64? = try row.decode(forColumn: "seed")
        return SessionRecord(id: try row.decode(forColumn: "id"), mode: SessionMode(rawValue: try row.decode(forColumn: "mode")),
                             startedAt: try row.storedDate(forColumn: "started_at"), endedAt: try row.optionalStoredDate(forColumn: "ended_at"),
                             questionCount: try row.decode(forColumn: "question_count"),
                             seed: seed.map { UInt64(bitPattern: $0) }, filterDescription: try row.decode(forColumn: "filter"),
                             isFinished: try row.decode(forColumn: "finished"),
                             timeLimitSeconds: try row.decode(forColumn: "time_limit_seconds"),
                             elapsedSeconds: try row.decode(forColumn: "elapsed_seconds"),
                             banks: banks(fromJSON: try row.decode(forColumn: "banks")),
                             bankDigest: try row.decode(forColumn: "bank_digest"),
                             blueprint: try row.decode(forColumn: "blueprint"), report: try row.decode(forColumn: "report"))
    }

    /// Bank paths as the `banks` column holds them: a JSON array of strings.
    private static func banksJSON(_ banks: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: banks, options: [.withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The bank paths of a `banks` column; a value that is not a JSON array of strings (a hand-edited file)
    /// reads as no banks.
    private static func banks(fromJSON text: String) -> [String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] ?? []
    }

    private static func sessionQuestion(_ row: Row) throws -> SessionQuestionRecord {
        let order: String = try row.decode(forColumn: "option_order")
        return SessionQuestionRecord(position: try row.decode(forColumn: "position"),
                                     questionID: try row.decode(forColumn: "question_id"),
                                     optionOrder: order.split(separator: ",").compactMap { Int($0) },
                                     isFlagged: try row.decode(forColumn: "flagged"),
                                     isAnswered: try row.decode(forColumn: "answered"))
    }

    /// A write transaction for the store's extensions in other files (``resetProgress()``), errors mapped as
    /// everywhere else.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try guarded { try pool.write(body) }
    }

    /// Runs a database access, turning GRDB's errors into ``ProgressStoreError``.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ProgressStoreError {
            throw error
        } catch let error as DatabaseError {
            throw ProgressStoreError.database(path: url.path, reason: error.message ?? "\(error.resultCode)")
        } catch {
            throw ProgressStoreError.database(path: url.path, reason: "\(error)")
        }
    }
}

// MARK: - Sessions

extension ProgressStore {
    /// The sessions not finished, newest first, each with how many of its questions have no answer yet (for
    /// an exam: no answer saved), for `iamquiz resume --list` and the note at the start of a new session.
    public func unfinishedSessions() throws -> [UnfinishedSession] {
        try guarded {
            try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT s.*, (SELECT COUNT(*) FROM session_questions q
                                 WHERE q.session_id = s.id AND q.answered = 0 AND q.pending_answer IS NULL) AS left_count
                    FROM sessions s WHERE s.finished = 0 ORDER BY s.started_at DESC, s.id DESC
                    """).map { row in UnfinishedSession(session: try Self.session(row), left: try row.decode(forColumn: "left_count")) }
            }
        }
    }

    /// The option order (``SessionQuestionRecord/optionOrder``) in which each session showed the question
    /// `questionID`, by session id; a session that holds the question more than once is left out, since
    /// which of its orders an answer saw cannot be told.
    public func optionOrders(questionID: String) throws -> [Int64: [Int]] {
        try guarded {
            try pool.read { db in
                var orders: [Int64: [Int]] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT session_id, MIN(option_order) AS option_order FROM session_questions
                    WHERE question_id = ? GROUP BY session_id HAVING COUNT(*) = 1
                    """, arguments: [questionID]) {
                    let order: String = try row.decode(forColumn: "option_order")
                    orders[try row.decode(forColumn: "session_id")] = order.split(separator: ",").compactMap { Int($0) }
                }
                return orders
            }
        }
    }
}
