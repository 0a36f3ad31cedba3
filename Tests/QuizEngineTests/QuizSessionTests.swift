import QuizBank
import Testing
@testable import QuizEngine

private func question(_ id: String, level: Level = .associate, topics: [String] = ["t"], key: AnswerKey = .options([1]),
                      stem: String = "Which one?", options: Int = 4) -> Question {
    Question(id: id, level: level, topics: topics, stem: stem,
             options: (0..<options).map { AnswerOption(text: "option \($0)", why: "why \($0)") }, key: key)
}

@Suite("Question selection")
struct SelectionTests {
    let bank = Bank(questions: [
        question("a1", level: .associate, topics: ["sts"]),
        question("a2", level: .associate, topics: ["mfa", "sts"]),
        question("p1", level: .professional, topics: ["mfa"]),
        question("p2", level: .professional, topics: ["external-id"]),
        question("u1", level: .associate, topics: ["sts"], key: .unkeyed),
    ])

    // Rule: level and topics filter (a question matches when it has any of the topics), unkeyed
    // questions are left out and counted, then `count` caps the number.
    @Test(arguments: [
        (Level?.none, [String](), 10, ["a1", "a2", "p1", "p2"], 1),
        (.professional, [], 10, ["p1", "p2"], 0),
        (nil, ["mfa"], 10, ["a2", "p1"], 0),
        (nil, ["sts", "external-id"], 10, ["a1", "a2", "p2"], 1),
        (.associate, ["sts"], 1, nil, 1),
    ] as [(Level?, [String], Int, [String]?, Int)])
    func filters(_ level: Level?, _ topics: [String], _ count: Int, _ expected: [String]?, _ unkeyed: Int) {
        var random = SeededRandom(seed: 5)
        let selection = QuestionSelector.select(from: bank, filter: QuizFilter(level: level, topics: topics, count: count), random: &random)
        if let expected {
            #expect(selection.questions.map(\.id).sorted() == expected)
        } else {
            #expect(selection.questions.count == count)
        }
        #expect(selection.unkeyed == unkeyed)
    }

    @Test("the same seed picks the same questions in the same order")
    func reproducible() {
        var a = SeededRandom(seed: 9), b = SeededRandom(seed: 9)
        let x = QuestionSelector.select(from: bank, filter: QuizFilter(count: 3), random: &a)
        let y = QuestionSelector.select(from: bank, filter: QuizFilter(count: 3), random: &b)
        #expect(x.questions.map(\.id) == y.questions.map(\.id))
    }
}

@Suite("Quiz session")
struct QuizSessionTests {
    /// The display letter of the bank option `index` in the current question.
    func label(of index: Int, in session: QuizSession) -> String {
        String(AnswerInput.label(session.current?.order.firstIndex(of: index) ?? -1))
    }

    @Test("a right answer, typed with the shuffled letters, is graded right and explained")
    func rightAnswer() throws {
        var random = SeededRandom(seed: 3)
        var session = QuizSession(questions: [question("q", key: .options([1, 3]), stem: "Which two? (Choose 2)")], random: &random)
        let typed = label(of: 1, in: session) + " " + label(of: 3, in: session)
        guard case .graded(let feedback) = session.submit(typed) else {
            Issue.record("not graded")
            return
        }
        #expect(feedback.isCorrect)
        #expect(feedback.rows.filter(\.isCorrect).map(\.text).sorted() == ["option 1", "option 3"])
        #expect(feedback.rows.filter(\.wasChosen).count == 2)
        #expect(feedback.rows.allSatisfy { $0.why != nil })
        #expect(session.score == Score(correct: 1, answered: 1, skipped: 0, total: 1))
        #expect(session.isFinished)
    }

    @Test("a wrong answer is graded wrong and names the right letters")
    func wrongAnswer() throws {
        var random = SeededRandom(seed: 4)
        var session = QuizSession(questions: [question("q")], random: &random)
        let right = label(of: 1, in: session)
        let wrong = label(of: 0, in: session)
        guard case .graded(let feedback) = session.submit(wrong) else {
            Issue.record("not graded")
            return
        }
        #expect(!feedback.isCorrect)
        #expect(feedback.correct.map(String.init) == [right])
        #expect(feedback.chosen.map(String.init) == [wrong])
        #expect(session.score.correct == 0 && session.score.answered == 1)
    }

    @Test("a wrong number of letters or an invalid answer grades nothing and stays on the question")
    func notGraded() {
        var random = SeededRandom(seed: 1)
        var session = QuizSession(questions: [question("q", key: .options([0, 1]), stem: "Pick two. (Choose 2)")], random: &random)
        guard case .wrongCount(expected: 2, given: 1) = session.submit("a") else {
            Issue.record("expected a count complaint")
            return
        }
        guard case .invalid = session.submit("9") else {
            Issue.record("expected invalid")
            return
        }
        #expect(session.score.answered == 0)
        #expect(session.index == 0)
    }

    @Test("options are shuffled per question: over many seeds every option shows in every place")
    func shuffled() {
        var positions = Set<Int>()
        for seed in 0..<50 {
            var random = SeededRandom(seed: UInt64(seed))
            let session = QuizSession(questions: [question("q")], random: &random)
            positions.insert(session.current?.order.firstIndex(of: 1) ?? -1)
        }
        #expect(positions == [0, 1, 2, 3])
    }

    @Test("skip and stop: skipped questions are counted, stop ends the quiz")
    func skipAndStop() {
        var random = SeededRandom(seed: 2)
        var session = QuizSession(questions: [question("a"), question("b"), question("c")], random: &random)
        session.skip()
        #expect(session.number == 2)
        session.stop()
        #expect(session.isFinished)
        #expect(session.current == nil)
        #expect(session.score == Score(correct: 0, answered: 0, skipped: 1, total: 3))
    }
}
