import Diagnostics
import Foundation
import GRDB
import QuizBank
import Testing
@testable import QuizEngine

/// A fresh folder for `IAMQUIZ_HOME`, removed afterwards.
func withTemporaryHome<T>(_ body: (URL) throws -> T) throws -> T {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-progress-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    return try body(home)
}

/// A date with whole milliseconds, which the store keeps exactly.
private func date(_ secondsSince2025: Double) -> Date {
    Date(timeIntervalSince1970: 1_735_689_600 + secondsSince2025)
}

private func answer(_ questionID: String, session: Int64? = nil, at when: Date = date(0), correct: Bool = true) -> AnswerRecord {
    AnswerRecord(sessionID: session, questionID: questionID, contentHash: "00000000000000aa", chosen: "B,D",
                 isCorrect: correct, seconds: 12.5, answeredAt: when, localHour: 14, mode: .practice, isRetry: false)
}

@Suite("Progress data directory")
struct ProgressDataDirectoryTests {
    // Rule: IAMQUIZ_HOME, else XDG_DATA_HOME/iamquiz (absolute only), else HOME/.local/share/iamquiz;
    // empty variables count as unset.
    @Test(arguments: [
        (["IAMQUIZ_HOME": "/data/q", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u"], "/data/q"),
        (["IAMQUIZ_HOME": "/data/q/", "HOME": "/home/u"], "/data/q"),
        (["XDG_DATA_HOME": "/xdg", "HOME": "/home/u"], "/xdg/iamquiz"),
        (["IAMQUIZ_HOME": "", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u"], "/xdg/iamquiz"),
        (["XDG_DATA_HOME": "relative/share", "HOME": "/home/u"], "/home/u/.local/share/iamquiz"),
        (["XDG_DATA_HOME": "", "HOME": "/home/u"], "/home/u/.local/share/iamquiz"),
        (["HOME": "/home/u"], "/home/u/.local/share/iamquiz"),
        (["HOME": "/home/u/"], "/home/u/.local/share/iamquiz"),
    ] as [([String: String], String)])
    func resolves(_ environment: [String: String], _ expected: String) {
        #expect(DataDirectory.resolve(environment: environment).path == expected)
    }

    @Test func relativeHomeIsTakenFromTheCurrentDirectory() {
        let cwd = FileManager.default.currentDirectoryPath
        #expect(DataDirectory.resolve(environment: ["IAMQUIZ_HOME": "quiz-data"]).path
            == URL(fileURLWithPath: cwd).appendingPathComponent("quiz-data").standardizedFileURL.path)
    }

    @Test func withoutHomeFallsBackToTheAccountsHome() {
        #expect(DataDirectory.resolve(environment: [:]).path.hasSuffix("/.local/share/iamquiz"))
    }

    @Test func profilesLiveUnderTheDataDirectory() throws {
        try withTemporaryHome { home in
            let store = try ProgressStore.open(profile: "exam-2025_b", environment: ["IAMQUIZ_HOME": home.path])
            let expected = home.appendingPathComponent("profiles/exam-2025_b/progress.sqlite").path
            #expect(store.url.path == expected)
            #expect(FileManager.default.fileExists(atPath: expected))
            #expect(try ProgressStore.databaseURL(environment: ["IAMQUIZ_HOME": home.path]).path
                == home.appendingPathComponent("profiles/default/progress.sqlite").path)
        }
    }

    @Test(arguments: ["", "a b", "../x", "x/y", ".", "..", "é", "a.b", String(repeating: "x", count: 65)])
    func invalidProfileNames(_ name: String) throws {
        try withTemporaryHome { home in
            #expect(throws: ProgressStoreError.invalidProfileName(name)) {
                try ProgressStore.open(profile: name, environment: ["IAMQUIZ_HOME": home.path])
            }
            #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("profiles").path))
        }
        #expect("\(ProgressStoreError.invalidProfileName(name))".hasPrefix("invalid profile name `"))
    }
}

@Suite("Progress store")
struct ProgressStoreTests {
    @Test func migrationsCreateTheSchemaAndTheConnectionIsConfigured() throws {
        try withTemporaryHome { home in
            let store = try ProgressStore.open(environment: ["IAMQUIZ_HOME": home.path])
            #expect(try store.strings("PRAGMA journal_mode") == ["wal"])
            #expect(try store.strings("PRAGMA synchronous") == ["2"])  // FULL
            #expect(try store.strings("PRAGMA busy_timeout") == ["5000"])
            #expect(try store.strings("PRAGMA foreign_keys") == ["1"])
            #expect(try store.strings("SELECT identifier FROM grdb_migrations ORDER BY identifier") == ["v1", "v2-totals", "v3-exam-answers", "v4-time-flags-meta", "v5-first-and-latest", "v6-exams-sessions-ratings"])
            let names = Set(try store.strings("SELECT name FROM sqlite_master"))
            for name in ["sessions", "answers", "cards", "session_questions", "grdb_migrations",
                         "answers_by_question", "answers_by_time", "answers_by_session", "cards_by_due",
                         "sessions_unfinished", "answer_totals_by_question", "answer_totals_by_day", "answers_totals",
                         "flagged_questions", "store_meta"] {
                #expect(names.contains(name), "missing \(name)")
            }
            #expect(try store.integrityCheck() == ["ok"])
            try store.close()
            // Opening again finds the migrations applied.
            let again = try ProgressStore.open(environment: ["IAMQUIZ_HOME": home.path])
            #expect(try again.answerCount() == 0)
        }
    }

    @Test func answerAndCardRoundTrip() throws {
        try withTemporaryHome { home in
            let store = try ProgressStore.open(environment: ["IAMQUIZ_HOME": home.path])
            let written = AnswerRecord(sessionID: nil, questionID: "trust-1", contentHash: "0123456789abcdef", chosen: "A,C",
                                       isCorrect: false, seconds: 7.25, answeredAt: date(3_600.125),
                                       localTime: .zone(TimeZone(identifier: "Asia/Tokyo") ?? .gmt), mode: .exam, isRetry: true)
            #expect(written.localHour == 10)  // 01:00 UTC is 10:00 in Tokyo
            let card = CardRecord(questionID: "trust-1", state: "relearning", step: 0, stability: 1.5, difficulty: 6.75,
                                  due: date(4_200), lastReview: date(3_600.125), reps: 3, lapses: 1)
            let saved = try store.record(answer: written, card: card)
            #expect(saved.id != nil)
            var expected = written
            expected.id = saved.id
            #expect(try store.answers(questionID: "trust-1") == [expected])
            #expect(try store.answers(questionID: "other").isEmpty)
            #expect(try store.card(questionID: "trust-1") == card)
            #expect(try store.answerCount() == 1)

            // A new review replaces the card; a card in review has no step, a new one no stability.
            let reviewed = CardRecord(questionID: "trust-1", state: "review", step: nil, stability: 4, difficulty: 6,
                                      due: date(90_000), lastReview: date(4_300), reps: 4, lapses: 1)
            try store.record(answer: answer("trust-1", at: date(4_300)), card: reviewed)
            #expect(try store.card(questionID: "trust-1") == reviewed)
            #expect(try store.answers(questionID: "trust-1").map(\.answeredAt) == [date(3_600.125), date(4_300)])
            try store.save(card: CardRecord(questionID: "fresh", state: "learning", due: date(10)))
            #expect(try store.card(questionID: "fresh")?.stability == nil)
            #expect(try store.card(questionID: "missing") == nil)
            #expect(try store.answerCount() == 2)
            #expect(try store.recentAnswerSeconds(limit: 5) == [12.5, 7.25])
            #expect(try store.recentAnswerSeconds(limit: 1) == [12.5])
        }
    }

    @Test func answerAndCardAreOneTransaction() throws {
        try withTemporaryHome { home in
            let store = try ProgressStore.open(environment: ["IAMQUIZ_HOME": home.path])
            // `reps` may not be negative: the card fails, so the answer must not stay either.
            let bad = CardRecord(questionID: "q", state: "review", due: date(0), reps: -1)
            #expect(throws: ProgressStoreError.self) { try store.record(answer: answer("q"), card: bad) }
            #expect(try store.answerCount() == 0)
            #expect(try store.card(questionID: "q") == nil)
        }
    }

    @Test func cardsDueBeforeADate() throws {
        try withTemporaryHome { home in
            let store = try ProgressStore.open(environment: ["IAMQUIZ_HOME": home.path])
            for (id, due) in [("late", 300.0), ("soon", 100), ("now", 200), ("edge", 250)] {
                try store.save(card: CardRecord(questionID: id, state: "review", due: date(due)))
            }
            #expect(try store.cards(dueBefore: date(250)).map(\.questionID) == ["soon", "now"])
            #expect(try store.cards(dueBefore: date(0)).isEmpty)
            #expect(try store.cards(dueBefore: date(1_000)).count == 4)
        }
    }

    // The quiz reads every card in one query; it must find what one query per question finds, and
    // nothing for a question never answered.
    @Test func cardsByIDFindWhatEachQuestionsOwnLookupFinds() throws {
        try withTemporaryHome { home in
            let store = try ProgressStore.open(environment: ["IAMQUIZ_HOME": home.path])
            #expect(try store.cardsByID().isEmpty)
            try store.save(card: CardRecord(questionID: "reviewed", state: "review", step: nil, stability: 4, difficulty: 6,
                                            due: date(500), lastReview: date(100), reps: 3, lapses: 1))
            try store.save(card: CardRecord(questionID: "learning", state: "learning", step: 1, due: date(50)))
            try store.save(card: CardRecord(questionID: "drill-skill:conditions", state: "review", due: date(90), lastReview: date(10)))
            let cards = try store.cardsByID()
            #expect(cards.count == 3)
            for id in ["reviewed", "learning", "drill-skill:conditions", "never-answered", ""] {
                #expect(cards[id] == (try store.card(questionID: id)).map(FSRSCard.init(record:)), "\(id)")
            }
            #expect(cards["never-answered"] == nil)
            #expect(cards["reviewed"]?.lastReview == date(100))
        }
    }

    // A resumed exam goes on with the time it had left: the limit and the time spent are kept.
    @Test func anExamKeepsItsTimeLimitAndTheTimeSpent() throws {
        try withTemporaryHome { home in
            let store = try ProgressStore.open(environment: ["IAMQUIZ_HOME": home.path])
            let exam = try store.startSession(SessionRecord(mode: .exam, startedAt: date(0), questionCount: 2,
                                                            timeLimitSeconds: 7_800), questions: [])
            let id = try #require(exam.id)
            #expect(try store.session(id: id)?.timeLimitSeconds == 7_800)
            #expect(try store.session(id: id)?.elapsedSeconds == 0)
            try store.saveElapsed(312.5, sessionID: id)
            #expect(try store.session(id: id)?.elapsedSeconds == 312.5)
            try store.saveElapsed(-4, sessionID: id)  // a clock cannot run backwards into negative time
            #expect(try store.session(id: id)?.elapsedSeconds == 0)
            let practice = try store.startSession(SessionRecord(mode: .practice, questionCount: 1), questions: [])
            #expect(try store.session(id: try #require(practice.id))?.timeLimitSeconds == nil)
        }
    }

    // `flag` in practice marks a question for `review`; flagging again later moves it to the front.
    @Test func flaggedQuestionsAreKeptUntilUnflagged() throws {
        try withTemporaryHome { home in
            let store = try ProgressStore.open(environment: ["IAMQUIZ_HOME": home.path])
            #expect(try store.flaggedQuestions().isEmpty)
            try store.setQuestionFlagged(true, questionID: "a", at: date(10))
            try store.setQuestionFlagged(true, questionID: "b", at: date(20))
            #expect(try store.flaggedQuestions() == ["b", "a"])
            try store.setQuestionFlagged(true, questionID: "a", at: date(30))
            #expect(try store.flaggedQuestions() == ["a", "b"])
            try store.setQuestionFlagged(false, questionID: "a")
            try store.setQuestionFlagged(false, questionID: "never-flagged")
            #expect(try store.flaggedQuestions() == ["b"])
        }
    }

    @Test func sessionsCanBeResumed() throws {
        try withTemporaryHome { home in
            let store = try ProgressStore.open(environment: ["IAMQUIZ_HOME": home.path])
            #expect(try store.latestUnfinishedSession() == nil)
            let old = try store.startSession(SessionRecord(mode: .exam, startedAt: date(0), questionCount: 1), questions: [])
            try store.finishSession(id: try #require(old.id), endedAt: date(60))
            let session = try store.startSession(
                SessionRecord(mode: .practice, startedAt: date(100), questionCount: 3, seed: .max,
                              filterDescription: "level=professional topics=sts count=3"),
                questions: [SessionQuestionRecord(position: 0, questionID: "a", optionOrder: [2, 0, 1, 3]),
                            SessionQuestionRecord(position: 1, questionID: "b", optionOrder: [1, 0]),
                            SessionQuestionRecord(position: 2, questionID: "c", optionOrder: [0, 1, 2])])
            let id = try #require(session.id)
            try store.record(answer: answer("a", session: id, at: date(130)), card: nil, position: 0)
            try store.setFlagged(true, sessionID: id, position: 1)

            let resumed = try #require(try store.latestUnfinishedSession())
            #expect(resumed == session)
            #expect(resumed.seed == .max)
            #expect(try store.session(id: id) == session)
            #expect(try store.session(id: 999) == nil)
            #expect(try store.sessionQuestions(sessionID: id) == [
                SessionQuestionRecord(position: 0, questionID: "a", optionOrder: [2, 0, 1, 3], isAnswered: true),
                SessionQuestionRecord(position: 1, questionID: "b", optionOrder: [1, 0], isFlagged: true),
                SessionQuestionRecord(position: 2, questionID: "c", optionOrder: [0, 1, 2]),
            ])
            #expect(try store.card(questionID: "a") == nil)  // card: nil leaves cards alone

            try store.finishSession(id: id, endedAt: date(400))
            #expect(try store.latestUnfinishedSession() == nil)
            let finished = try #require(try store.session(id: id))
            #expect(finished.isFinished && finished.endedAt == date(400))
        }
    }

    @Test func forEachAnswerWalksEverythingInBatches() throws {
        try withTemporaryHome { home in
            let store = try ProgressStore.open(environment: ["IAMQUIZ_HOME": home.path])
            try store.insert(answers: (0..<50).map { answer("q\($0)", at: date(Double($0))) })
            var seen: [String] = []
            var ids: [Int64] = []
            try store.forEachAnswer(batchSize: 7) { answer in
                seen.append(answer.questionID)
                ids.append(answer.id ?? -1)
                // The body may use the store: no read transaction is held while it runs.
                if seen.count == 10 { try store.record(answer: answerAfter(), card: nil) }
            }
            #expect(seen == (0..<50).map { "q\($0)" } + ["late"])
            #expect(ids == ids.sorted() && Set(ids).count == 51)

            var count = 0
            try store.forEachAnswer(batchSize: 51) { _ in count += 1 }
            #expect(count == 51)
        }
        func answerAfter() -> AnswerRecord { answer("late", at: date(1_000)) }
    }

    @Test func storesAreSharedAcrossThreads() async throws {
        try await withTemporaryHomeAsync { home in
            let store = try ProgressStore.open(environment: ["IAMQUIZ_HOME": home.path])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<4 {
                    group.addTask {
                        for i in 0..<25 { try store.record(answer: answer("t\(task)-\(i)"), card: nil) }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try store.answerCount() == 100)
        }
    }

    @Test func chosenLettersAreInBankOrder() {
        let presented = PresentedQuestion(question: Question(id: "x", level: .associate, topics: [], stem: "?",
                                                             options: (0..<4).map { AnswerOption(text: "\($0)") },
                                                             key: .options([2])),
                                          order: [2, 0, 3, 1])
        // Display A and C are bank options 2 and 3.
        #expect(presented.bankLetters(displayIndices: [0, 2]) == "C,D")
        #expect(AnswerRecord.letters(bankIndices: [3, 1]) == "B,D")
    }

    @Test func contentHashFollowsStemOptionsAndKeyOnly() {
        let base = Question(id: "h", level: .associate, topics: ["sts"], stem: "Which one?",
                            options: [AnswerOption(text: "one", why: "because"), AnswerOption(text: "two")],
                            key: .options([1]))
        let hash = ContentHash.of(base)
        #expect(hash.count == 16 && hash.allSatisfy(\.isHexDigit))
        #expect(hash == "9d257a2b54a6f102")  // the same on every platform and run

        var explained = base
        explained.options[0].why = "another reason"
        explained.topics = ["mfa"]
        explained.id = "renamed"
        #expect(ContentHash.of(explained) == hash)

        var restated = base
        restated.stem = "Which two?"
        var rekeyed = base
        rekeyed.key = .options([0])
        var reworded = base
        reworded.options[1].text = "2"
        var shifted = base  // the same characters split differently between fields
        shifted.stem = "Which one?o"
        shifted.options[0].text = "ne"
        for changed in [restated, rekeyed, reworded, shifted] { #expect(ContentHash.of(changed) != hash) }
    }
}

/// `withTemporaryHome` for async bodies.
func withTemporaryHomeAsync<T>(_ body: (URL) async throws -> T) async throws -> T {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-progress-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    return try await body(home)
}

/// Timings with a million answers; run with `IAMQUIZ_PROGRESS_BENCH=1` (about a minute in debug builds).
@Suite("Progress store at scale", .enabled(if: ProcessInfo.processInfo.environment["IAMQUIZ_PROGRESS_BENCH"] == "1"))
struct ProgressScaleTests {
    @Test func aMillionAnswers() throws {
        try withTemporaryHome { home in
            let url = home.appendingPathComponent("progress.sqlite")
            let store = try ProgressStore.open(at: url)
            let clock = ContinuousClock()
            let insert = try clock.measure {
                for chunk in 0..<10 {
                    try store.insert(answers: (0..<100_000).map { i in
                        answer("q\((chunk * 100_000 + i) % 500)", at: date(Double(chunk * 100_000 + i)))
                    })
                }
            }
            try store.close()
            var reopened: ProgressStore?
            let open = try clock.measure { reopened = try ProgressStore.open(at: url) }
            let again = try #require(reopened)
            var count = 0
            var bytes = 0
            let walk = try clock.measure {
                try again.forEachAnswer { answer in
                    count += 1
                    bytes += answer.questionID.utf8.count + answer.chosen.utf8.count
                }
            }
            var oneQuestion = 0
            let byQuestion = try clock.measure { oneQuestion = try again.answers(questionID: "q7").count }
            let check = try clock.measure { _ = try again.integrityCheck() }
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            print("1M answers: insert \(insert), open with quick_check \(open), forEachAnswer \(walk), "
                  + "answers(questionID:) \(byQuestion) for \(oneQuestion), integrity_check \(check), file \(size / 1_000_000) MB")
            #expect(count == 1_000_000)
            #expect(oneQuestion == 2_000)
        }
    }
}

@Suite("Progress store: totals for stats")
struct ProgressTotalsTests {
    @Test("the totals per question and per day follow every insert, one at a time or in bulk")
    func totalsFollowInserts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-totals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try ProgressStore.open(at: dir.appendingPathComponent("progress.sqlite"))
        let day1 = Date(timeIntervalSince1970: 1_700_000_000)
        let day2 = day1.addingTimeInterval(3 * 86_400)
        func answer(_ id: String, _ correct: Bool, _ at: Date) -> AnswerRecord {
            AnswerRecord(sessionID: nil, questionID: id, contentHash: "h", chosen: "A", isCorrect: correct, seconds: 1,
                         answeredAt: at, mode: .practice)
        }
        _ = try store.record(answer: answer("q1", true, day1), card: nil)
        try store.insert(answers: [answer("q1", false, day1), answer("q2", true, day2)])
        let totals = try store.aggregates()
        // The first and the latest answer of each question are kept too (readiness uses them).
        #expect(totals.perQuestion["q1"] == AnswerAggregates.Tally(answers: 2, correct: 1, firstCorrect: true, lastCorrect: false))
        #expect(totals.perQuestion["q2"] == AnswerAggregates.Tally(answers: 1, correct: 1, firstCorrect: true, lastCorrect: true))
        #expect(totals.perDay.count == 2)
        #expect(totals.perDay.values.map(\.answers).reduce(0, +) == 3)
    }

    @Test("a store from before v5 gets each question's first and latest answer from its history")
    func firstAndLatestAreBackfilled() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-v5-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("progress.sqlite")
        let queue = try DatabaseQueue(path: url.path)
        try ProgressSchema.migrator.migrate(queue, upTo: "v4-time-flags-meta")
        try queue.write { db in
            // q1: wrong, right, wrong; q2: right once.
            for (id, correct) in [("q1", 0), ("q1", 1), ("q2", 1), ("q1", 0)] {
                try db.execute(sql: """
                    INSERT INTO answers (question_id, content_hash, chosen, correct, seconds, answered_at, local_hour, mode, local_day)
                    VALUES (?, 'h', 'A', ?, 1, '2025-01-01 10:00:00.000', 10, 'practice', '2025-01-01')
                    """, arguments: [id, correct])
            }
        }
        try queue.close()
        let store = try ProgressStore.open(at: url)
        let totals = try store.aggregates()
        #expect(totals.perQuestion["q1"] == AnswerAggregates.Tally(answers: 3, correct: 1, firstCorrect: false, lastCorrect: false))
        #expect(totals.perQuestion["q2"] == AnswerAggregates.Tally(answers: 1, correct: 1, firstCorrect: true, lastCorrect: true))
        try store.close()
    }
}

@Suite("Progress store: what v6 keeps for sessions, exams and ratings")
struct ProgressV6FieldsTests {
    @Test("a session's banks, digest, blueprint and report, and an answer's shown letters, rating and guess, come back as written")
    func newFieldsRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-v6-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try ProgressStore.open(at: dir.appendingPathComponent("progress.sqlite"))
        let session = try store.startSession(
            SessionRecord(mode: .exam, questionCount: 1, banks: ["/b/one.iqb", "/b/two dir"], bankDigest: "d1",
                          blueprint: "sap-c02", report: #"{"score":800}"#),
            questions: [SessionQuestionRecord(position: 0, questionID: "q1", optionOrder: [1, 0])])
        let id = try #require(session.id)
        let read = try #require(try store.session(id: id))
        #expect(read.banks == ["/b/one.iqb", "/b/two dir"])
        #expect(read.bankDigest == "d1" && read.blueprint == "sap-c02" && read.report == #"{"score":800}"#)
        let answer = AnswerRecord(sessionID: session.id, questionID: "q1", contentHash: "h", chosen: "B", isCorrect: true,
                                  seconds: 3, mode: .practice, shown: "A", rating: "again", guessed: true)
        _ = try store.record(answer: answer, card: nil)
        try store.insert(answers: [AnswerRecord(sessionID: nil, questionID: "q1", contentHash: "h", chosen: "A",
                                                isCorrect: false, seconds: 1, mode: .practice)])
        let answers = try store.answers(questionID: "q1")
        #expect(answers.map(\.shown) == ["A", nil])
        #expect(answers.map(\.rating) == ["again", nil])
        #expect(answers.map(\.guessed) == [true, false])
    }
}
