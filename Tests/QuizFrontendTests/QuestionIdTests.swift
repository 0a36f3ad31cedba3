import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
import Testing

@Suite("Question ids: shown after grading, and `show`'s sheet")
struct QuestionIdTests {
    @Test("the id follows the topics after grading, never before the commit, in the quiz and in the exam's report")
    func idAfterGrading() throws {
        var prepared = Prepared(bank: [Fixtures.twoAnswers], seed: 1, count: 1)
        let screen = ScriptedTerminal(ScriptedTerminal.typed("ab\n"))
        var quiz = QuizLoop(session: prepared.quiz(), terminal: screen.terminal)
        quiz.run(intro: "iamquiz: test.")
        let before = try #require(screen.output.components(separatedBy: "Your answer").first)
        #expect(!before.contains("pick-two"), "the id before the commit:\n\(before)")
        #expect(screen.output.contains("\nTopics: sts · id: pick-two\n"), "\(screen.output)")

        var examPrepared = Prepared(bank: [Fixtures.twoAnswers], seed: 1, count: 1)
        // `y` confirms `finish` where the exam asks to; where it does not, it is left unread.
        let examScreen = ScriptedTerminal(ScriptedTerminal.typed("ab\nfinish\ny\n"))
        var exam = ExamLoop(exam: examPrepared.exam(), terminal: examScreen.terminal)
        _ = exam.run(intro: "iamquiz exam: test.")
        let answered = try #require(examScreen.output.range(of: "ab\n"))
        #expect(!examScreen.output[..<answered.lowerBound].contains("pick-two"))
        #expect(examScreen.output[answered.upperBound...].contains("Topics: sts · id: pick-two"), "\(examScreen.output)")
    }

    @Test("a question without topics shows its id alone")
    func idWithoutTopics() {
        let question = Question(id: "bare", stem: "Which?", options: [AnswerOption(text: "x"), AnswerOption(text: "y")], key: .options([0]))
        var random = SeededRandom(seed: 1)
        let screen = ScriptedTerminal(ScriptedTerminal.typed("a\n"))
        var quiz = QuizLoop(session: QuizSession(questions: [question], random: &random), terminal: screen.terminal)
        quiz.run(intro: "iamquiz: test.")
        #expect(screen.output.contains("\nid: bare\n"), "\(screen.output)")
    }

    @Test("show's sheet: options in bank order with bank letters, verdicts and whys, the key, the source place, the scenario")
    func sheet() throws {
        let question = try #require(BankAndScenarios.load(paths: [Fixtures.twoAnswers]).loaded.bank.questions.first)
        let screen = ScriptedTerminal([])
        QuestionSheet(terminal: screen.terminal).show(question)
        let text = screen.output
        #expect(text.hasPrefix("pick-two · associate · sts\n\(Fixtures.twoAnswers):2\n\n"), "\(text)")
        for (index, option) in question.options.enumerated() {
            #expect(text.contains("  \(OptionLetter.letter(index)). \(option.text)"), "\(text)")
        }
        #expect(text.contains("✓ right: ") && text.contains("✗ wrong: "))
        #expect(text.contains("\nAnswer: A, C (bank letters"), "\(text)")
        // A bank cannot drive the terminal through show.
        var hostile = question
        hostile.stem = "Evil \u{1B}[2J stem"
        let cleaned = ScriptedTerminal([])
        QuestionSheet(terminal: cleaned.terminal).show(hostile)
        #expect(!cleaned.output.contains("\u{1B}"))
    }
}
