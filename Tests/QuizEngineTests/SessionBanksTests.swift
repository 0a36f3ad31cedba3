import Diagnostics
import Foundation
import QuizBank
import Testing
@testable import QuizEngine

@Suite("Session digest: which questions of a session changed since it started")
struct SessionDigestTests {
    @Test("the digest reads back from its text, and tells an edited stem, option or key from an unchanged question")
    func changes() throws {
        let questions = [StudyFixture.question("a"), StudyFixture.question("b")]
        let digest = SessionDigest(questions: questions)
        #expect(digest.hashes.count == 2)
        #expect(SessionDigest(text: digest.text) == digest)
        #expect(!digest.changed(questions[0], at: 0))
        #expect(digest.changed(questions[1], at: 0), "another question at that place")
        var stem = questions[1]
        stem.stem = "Which one?"
        #expect(digest.changed(stem, at: 1))
        var option = questions[1]
        option.options[2].text = "b option 2, reworded"
        #expect(digest.changed(option, at: 1))
        var key = questions[1]
        key.key = .options([2])
        #expect(digest.changed(key, at: 1))
        // Explanations are not what a question asks: fixing a `why` changes nothing.
        var why = questions[1]
        why.options[0].why = "a better reason"
        #expect(!digest.changed(why, at: 1))
        #expect(!digest.changed(stem, at: 5), "a place the digest does not cover is not a change")
    }

    @Test("text this version cannot read is no digest (not known), never a change", arguments: [nil, "", "abc", "2:0011"] as [String?])
    func unreadable(_ text: String?) {
        #expect(SessionDigest(text: text) == nil)
    }

    @Test func anEmptySessionHasAnEmptyDigest() {
        #expect(SessionDigest(text: SessionDigest(questions: []).text)?.hashes == [])
    }

    @Test("bank paths are kept absolute, resolved against the current folder")
    func absolutePaths() {
        let cwd = FileManager.default.currentDirectoryPath
        #expect(SessionBanks.absolute(["/tmp/x/../b.iqb", "rel/a.iqb"]) == ["/tmp/b.iqb", cwd + "/rel/a.iqb"])
    }
}

@Suite("Sessions in the store: banks, digest, unfinished ones, option orders")
struct SessionStoreTests {
    @Test("a session keeps its banks and digest; resume counts the questions left that changed or are gone")
    func restoreAfterBankChange() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            let questions = ["a", "b", "c", "d"].map { StudyFixture.question($0) }
            let recorder = try StudyRecorder(store: store, mode: .practice,
                                             questions: questions.map { PresentedQuestion(question: $0, order: [3, 2, 1, 0]) },
                                             seed: 1, filter: "", banks: ["/banks/x.iqb"])
            let id = try #require(recorder.sessionID)
            let session = try #require(try store.session(id: id))
            #expect(session.banks == ["/banks/x.iqb"])
            #expect(SessionDigest(text: session.bankDigest) == SessionDigest(questions: questions))
            // a is answered; then b changes and c is removed from the bank.
            try recorder.record(PresentedQuestion(question: questions[0], order: [3, 2, 1, 0]), chosenDisplay: [0], correct: false,
                                seconds: 3, retried: false, position: 0)
            var edited = questions[1]
            edited.stem = "Which, now?"
            let bank = Bank(questions: [questions[0], edited, questions[3]])
            let remaining = try SessionRestore.remaining(sessionID: id, store: store, bank: bank, digest: session.bankDigest)
            #expect(remaining.questions.map(\.question.id) == ["b", "d"])
            #expect(remaining.questions.first?.question.stem == "Which, now?", "a changed question is asked in its new form")
            #expect(remaining.positions == [1, 3])
            #expect((remaining.changed, remaining.missing) == (1, 1))
            // Without a digest (a session from before iamquiz kept one), changes cannot be told.
            #expect(try SessionRestore.remaining(sessionID: id, store: store, bank: bank).changed == 0)
        }
    }

    @Test("a changed exam question comes back without the answer given to its old form")
    func examAfterBankChange() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            var random = SeededRandom(seed: 2)
            let questions = [StudyFixture.question("a"), StudyFixture.question("b")]
            let exam = ExamSession(questions: questions, random: &random, timeLimit: nil)
            let recorder = try ExamRecorder(store: store, exam: exam, seed: 2, filter: "")
            let id = try #require(recorder.sessionID)
            try recorder.saveAnswer([0], seconds: 5, at: 0)
            try recorder.saveAnswer([1], seconds: 6, at: 1)
            var edited = questions[1]
            edited.options[0].text = "reworded"
            let digest = try store.session(id: id)?.bankDigest
            let restored = try SessionRestore.exam(sessionID: id, store: store, bank: Bank(questions: [questions[0], edited]), digest: digest)
            #expect(restored.items.map { $0.answer != nil } == [true, false])
            #expect(restored.items.map(\.seconds) == [5, 6], "the time spent stays")
            #expect((restored.changed, restored.missing) == (1, 0))
        }
    }

    @Test("unfinished sessions, newest first, with the questions left; the note names the latest and counts the others")
    func unfinished() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            let start = Date(timeIntervalSince1970: 1_796_565_720)  // 2026-12-06 14:02 UTC
            let rows = (0..<3).map { SessionQuestionRecord(position: $0, questionID: "q\($0)", optionOrder: [0, 1]) }
            let older = try store.startSession(SessionRecord(mode: .review, startedAt: start, questionCount: 3), questions: rows)
            let newer = try store.startSession(SessionRecord(mode: .practice, startedAt: start.addingTimeInterval(60), questionCount: 3),
                                               questions: rows)
            let done = try store.startSession(SessionRecord(mode: .practice, startedAt: start.addingTimeInterval(120), questionCount: 3),
                                              questions: rows)
            try store.finishSession(id: try #require(done.id))
            _ = try store.record(answer: AnswerRecord(sessionID: newer.id, questionID: "q0", contentHash: "", chosen: "A",
                                                      isCorrect: true, seconds: 1, mode: .practice), card: nil, position: 0)
            let list = try store.unfinishedSessions()
            #expect(list.map(\.session.id) == [newer.id, older.id])
            #expect(list.map(\.left) == [2, 3])
            #expect(UnfinishedSession.note(keeping: list, localTime: .utc) == "note: an unfinished practice session of 2026-12-06 14:03 "
                + "(2 of 3 left) is kept: `iamquiz resume` continues it (1 more: `iamquiz resume --list`)")
            #expect(UnfinishedSession.note(keeping: [list[1]], localTime: .utc) == "note: an unfinished review session of 2026-12-06 14:02 "
                + "(3 of 3 left) is kept: `iamquiz resume` continues it")
            #expect(UnfinishedSession.note(keeping: [], localTime: .utc) == nil)
        }
    }

    @Test("what can be continued: practice with questions left, any exam; not a session fully answered, nor an unknown mode")
    func canContinue() {
        func session(_ mode: SessionMode, left: Int) -> UnfinishedSession {
            UnfinishedSession(session: SessionRecord(mode: mode, questionCount: 10), left: left)
        }
        #expect(session(.practice, left: 4).canContinue)
        #expect(!session(.review, left: 0).canContinue)
        #expect(session(.exam, left: 0).canContinue, "a fully answered exam still waits to be graded")
        #expect(!session(.other("drill"), left: 3).canContinue)
        #expect(session(.exam, left: 60).progress == "60 of 10 unanswered")
        #expect(session(.practice, left: 4).progress == "4 of 10 left")
    }

    @Test("the option order of a question by session; a session holding it twice is left out")
    func optionOrders() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            let once = try store.startSession(SessionRecord(mode: .practice, questionCount: 2), questions: [
                SessionQuestionRecord(position: 0, questionID: "q", optionOrder: [2, 0, 1]),
                SessionQuestionRecord(position: 1, questionID: "other", optionOrder: [0, 1, 2]),
            ])
            _ = try store.startSession(SessionRecord(mode: .practice, questionCount: 2), questions: [
                SessionQuestionRecord(position: 0, questionID: "q", optionOrder: [1, 0, 2]),
                SessionQuestionRecord(position: 1, questionID: "q", optionOrder: [0, 2, 1]),
            ])
            #expect(try store.optionOrders(questionID: "q") == [try #require(once.id): [2, 0, 1]])
        }
    }
}

@Suite("Letters seen: the letters an answer had on screen")
struct SeenLettersTests {
    // Rule: the letter seen for a bank option is its place in the order shown; sorted; nothing is made up
    // when the order does not fit the answer.
    @Test(arguments: [
        ("B,D", [1, 3, 0, 2], "A,B"),
        ("B", [2, 0, 1], "C"),
        ("A,C", [0, 1, 2, 3], "A,C"),
        ("C,A", [2, 1, 0], "A,C"),
        ("E", [0, 1, 2], nil),
        ("A", [0, 0, 1], nil),
        ("A", [], nil),
    ] as [(String, [Int], String?)])
    func derive(_ chosen: String, _ order: [Int], _ seen: String?) {
        #expect(SeenLetters.derive(chosen: chosen, optionOrder: order) == seen)
    }

    @Test("the letters recorded win; else the session's order; else none")
    func ofAnswer() {
        var answer = AnswerRecord(sessionID: 7, questionID: "q", contentHash: "", chosen: "B", isCorrect: true, seconds: 1, mode: .practice)
        #expect(SeenLetters.of(answer, orders: [7: [1, 0]]) == "A")
        #expect(SeenLetters.of(answer, orders: [8: [1, 0]]) == nil, "another session's order says nothing")
        answer.shown = "D"
        #expect(SeenLetters.of(answer, orders: [7: [1, 0]]) == "D")
        answer.shown = nil
        answer.sessionID = nil
        #expect(SeenLetters.of(answer, orders: [7: [1, 0]]) == nil)
    }
}
