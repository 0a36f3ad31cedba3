import Foundation
import QuizBank
import Testing
@testable import QuizEngine

/// The letters that choose the bank options `indices` of the exam's current question (the exam report tests use it too).
func letters(_ exam: ExamSession, _ indices: [Int]) -> String {
    guard let shown = exam.current else { return "" }
    return indices.compactMap { i in shown.order.firstIndex(of: i).map { String(AnswerInput.label($0)) } }.joined()
}

@Suite("Stored answer letters")
struct AnswerLettersTests {
    // Rule: answers are stored as bank letters, sorted; reading them back gives the display positions of
    // the order shown, sorted; letters of options the question does not have are left out.
    @Test(arguments: [
        ([2, 0, 3, 1], [0], "C", [0]),
        ([2, 0, 3, 1], [3, 0], "B,C", [0, 3]),
        ([0, 1, 2, 3], [1, 2], "B,C", [1, 2]),
        ([1, 0], [], "", []),
    ] as [([Int], [Int], String, [Int])])
    func roundTrip(_ order: [Int], _ display: [Int], _ stored: String, _ readBack: [Int]) {
        let shown = PresentedQuestion(question: StudyFixture.question("q", options: order.count), order: order)
        #expect(shown.bankLetters(displayIndices: display) == stored)
        #expect(shown.displayIndices(bankLetters: stored) == readBack)
    }

    @Test func lettersOfOptionsNoLongerThereAreLeftOut() {
        let shown = PresentedQuestion(question: StudyFixture.question("q", options: 3), order: [2, 1, 0])
        #expect(AnswerRecord.bankIndices(letters: "A,E") == [0, 4])
        #expect(shown.displayIndices(bankLetters: "A,E") == [2])
    }

    @Test func aStoredOrderThatNoLongerFitsFallsBackToTheWrittenOrder() {
        #expect(PresentedQuestion(question: StudyFixture.question("q"), storedOrder: [3, 1, 0, 2]).order == [3, 1, 0, 2])
        #expect(PresentedQuestion(question: StudyFixture.question("q"), storedOrder: [2, 1, 0]).order == [0, 1, 2, 3])
        #expect(PresentedQuestion(question: StudyFixture.question("q"), storedOrder: [0, 0, 1, 2]).order == [0, 1, 2, 3])
    }
}

@Suite("Exam recording and restore")
struct ExamRecordingTests {
    static let questions = [StudyFixture.question("a", key: [0]), StudyFixture.question("b", topics: ["mfa"], key: [1, 3]), StudyFixture.question("c", key: [2])]

    @Test("a killed exam comes back with its answers, flags and seconds, in the order shown, and is graded once at the end")
    func roundTrip() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            var random = SeededRandom(seed: 11)
            var exam = ExamSession(questions: Self.questions, random: &random, timeLimit: 600)
            let recorder = try ExamRecorder(store: store, exam: exam, seed: 11, filter: " (topic sts)")
            let sessionID = try #require(recorder.sessionID)
            // a: right; b: wrong (one of its two right options), flagged; c: not answered yet.
            for (index, bankOptions) in [[0], [1, 2]].enumerated() {
                let outcome = exam.answer(letters(exam, bankOptions), seconds: Double(index + 4))
                #expect(outcome == .recorded)
                try recorder.saveAnswer(try #require(exam.items[index].answer), seconds: Double(index + 4), at: index)
            }
            let moved1 = exam.go(to: 1)
            #expect(moved1)
            exam.toggleFlag()
            try recorder.saveFlag(true, at: 1)
            try recorder.saveClock()
            #expect(try store.answers(questionID: "a").isEmpty, "nothing is graded before the end")

            // The process dies here; a new one restores the exam from the store.
            let session = try #require(try store.latestUnfinishedSession())
            #expect(session.mode == .exam && session.timeLimitSeconds == 600 && session.filterDescription == " (topic sts)")
            let restored = try SessionRestore.exam(sessionID: sessionID, store: store, bank: Bank(questions: Self.questions))
            #expect(restored.positions == [0, 1, 2])
            #expect(restored.items.map(\.question.order) == exam.items.map(\.question.order))
            #expect(restored.items.map(\.answer) == exam.items.map(\.answer))
            #expect(restored.items.map(\.flagged) == [false, true, false])
            #expect(restored.items.map(\.seconds) == [4, 5, 0])

            var resumed = ExamSession(items: restored.items, timeLimit: session.timeLimitSeconds)
            #expect(resumed.position == 2)
            let again = try ExamRecorder(store: store, resuming: session, restored: restored)
            #expect(again.sessionID == sessionID)
            #expect(again.elapsed >= session.elapsedSeconds)
            let outcome = resumed.answer(letters(resumed, [2]), seconds: 3)
            #expect(outcome == .recorded)
            try again.saveAnswer(try #require(resumed.items[2].answer), seconds: 3, at: 2)
            let result = resumed.finish()
            try again.record(result, of: resumed)

            #expect(result.correct == 2)
            #expect(try store.answers(questionID: "a").map(\.chosen) == ["A"])
            #expect(try store.answers(questionID: "b").map(\.chosen) == ["B,C"])
            #expect(try store.answers(questionID: "b").map(\.isCorrect) == [false])
            #expect(try store.answers(questionID: "c").map(\.mode) == [.exam])
            #expect(try store.card(questionID: "c") != nil)
            #expect(try store.sessionQuestions(sessionID: sessionID).allSatisfy(\.isAnswered))
            #expect(try store.latestUnfinishedSession() == nil)
        }
    }

    @Test("unanswered questions are not graded; a question no longer in the bank is left out of the restored exam")
    func unansweredAndMissing() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            var random = SeededRandom(seed: 3)
            var exam = ExamSession(questions: Self.questions, random: &random, timeLimit: nil)
            let recorder = try ExamRecorder(store: store, exam: exam, seed: 3, filter: "")
            let sessionID = try #require(recorder.sessionID)
            let moved2 = exam.go(to: 2)
            #expect(moved2)
            let outcome = exam.answer(letters(exam, [2]), seconds: 2)
            #expect(outcome == .recorded)
            try recorder.saveAnswer(try #require(exam.items[2].answer), seconds: 2, at: 2)

            let restored = try SessionRestore.exam(sessionID: sessionID, store: store,
                                                   bank: Bank(questions: [Self.questions[1], Self.questions[2]]))
            #expect(restored.positions == [1, 2])
            #expect(restored.items.map(\.question.question.id) == ["b", "c"])
            let session = try #require(try store.latestUnfinishedSession())
            var resumed = ExamSession(items: restored.items, timeLimit: nil)
            let again = try ExamRecorder(store: store, resuming: session, restored: restored)
            // The flag of the restored exam's first question is the session's position 1.
            try again.saveFlag(true, at: 0)
            #expect(try store.sessionQuestions(sessionID: sessionID).map(\.isFlagged) == [false, true, false])
            try again.record(resumed.finish(), of: resumed)
            #expect(try store.answers(questionID: "b").isEmpty)
            #expect(try store.answers(questionID: "c").map(\.isCorrect) == [true])
            #expect(try store.sessionQuestions(sessionID: sessionID).map(\.isAnswered) == [false, false, true])
            #expect(try store.session(id: sessionID)?.isFinished == true)
        }
    }
}

@Suite("Practice and review restore")
struct PracticeRestoreTests {
    @Test("the questions not answered come back as they were shown, with their session positions")
    func remaining() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            let questions = [StudyFixture.question("a"), StudyFixture.question("b"), StudyFixture.question("c"), StudyFixture.question("d")]
            var random = SeededRandom(seed: 5)
            let session = QuizSession(questions: questions, random: &random)
            let recorder = try StudyRecorder(store: store, mode: .review, questions: session.questions, seed: 5, filter: "")
            let sessionID = try #require(recorder.sessionID)
            try recorder.record(session.questions[1], chosenDisplay: [0], correct: false, seconds: 2, retried: false, position: 1)

            let all = try SessionRestore.remaining(sessionID: sessionID, store: store, bank: Bank(questions: questions))
            #expect(all.positions == [0, 2, 3])
            #expect(all.questions.map(\.question.id) == ["a", "c", "d"])
            #expect(all.questions.map(\.order) == [0, 2, 3].map { session.questions[$0].order })
            #expect(all.missing == 0)

            let some = try SessionRestore.remaining(sessionID: sessionID, store: store, bank: Bank(questions: [questions[3], questions[0]]))
            #expect(some.positions == [0, 3])
            #expect(some.missing == 1)
            #expect(try store.latestUnfinishedSession()?.mode == .review)
        }
    }
}
