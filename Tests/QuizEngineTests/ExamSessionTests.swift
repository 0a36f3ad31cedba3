import QuizBank
import Testing
@testable import QuizEngine

private func question(_ id: String, topics: [String], key: [Int], stem: String = "Which?") -> Question {
    Question(id: id, level: .associate, topics: topics, stem: stem,
             options: (0..<4).map { AnswerOption(text: "\(id) option \($0)", why: "why \($0)") }, key: .options(key))
}

@Suite("Exam session")
struct ExamSessionTests {
    /// Letters for the bank options `indices` of the current question.
    func letters(_ exam: ExamSession, _ indices: [Int]) -> String {
        guard let q = exam.current else { return "" }
        return indices.compactMap { i in q.order.firstIndex(of: i).map { String(AnswerInput.label($0)) } }.joined()
    }

    @Test("nothing is graded before the end; answers can be changed, questions flagged and revisited")
    func flow() {
        var random = SeededRandom(seed: 7)
        var exam = ExamSession(questions: [question("a", topics: ["sts"], key: [0]), question("b", topics: ["mfa"], key: [1]),
                                           question("c", topics: ["sts"], key: [2])], random: &random, timeLimit: 600)
        var outcome = exam.answer(letters(exam, [1]), seconds: 5)  // a: wrong
        #expect(outcome == .recorded)
        exam.toggleFlag()
        #expect(exam.flaggedPositions == [1])
        outcome = exam.answer(letters(exam, [1]), seconds: 5)  // b: right
        #expect(outcome == .recorded)
        #expect(exam.position == 2)
        #expect(exam.unansweredPositions == [2])
        var moved = exam.go(to: 0)
        #expect(moved)
        outcome = exam.answer(letters(exam, [0]), seconds: 3)  // a changed: right
        #expect(outcome == .recorded)
        moved = exam.go(to: 9)
        #expect(!moved)
        moved = exam.go(to: 2)
        #expect(moved)
        outcome = exam.answer("ab", seconds: 1)
        #expect(outcome == .wrongCount(expected: 1, given: 2))
        outcome = exam.answer("?", seconds: 1)
        #expect(outcome == .invalid(.unexpected("?")))
        let result = exam.finish()
        #expect(result.correct == 2)
        #expect(result.total == 3)
        #expect(exam.current == nil)
        #expect(result.lines[0].seconds == 8)
        #expect(result.lines[1].flagged)
        #expect(result.lines[2].chosen == nil)
        #expect(result.topics.first == ExamResult.TopicLine(topic: "sts", correct: 1, total: 2))
    }

    // Rule: score = 100 + 900 × right / total, rounded; 720 passes (AWS's pass mark).
    @Test(arguments: [(0, 10, 100, false), (10, 10, 1000, true), (7, 10, 730, true), (6, 10, 640, false), (69, 100, 721, true), (68, 100, 712, false)])
    func scaledScore(_ right: Int, _ total: Int, _ score: Int, _ passed: Bool) {
        var random = SeededRandom(seed: 1)
        let questions = (0..<total).map { question("q\($0)", topics: ["t"], key: [0]) }
        var exam = ExamSession(questions: questions, random: &random, timeLimit: nil)
        for i in 0..<total {
            let chosen = i < right ? [0] : [1]
            _ = exam.answer(letters(exam, chosen), seconds: 1)
        }
        let result = exam.finish()
        #expect(result.correct == right)
        #expect(result.scaledScore == score)
        #expect(result.passed == passed)
    }
}
