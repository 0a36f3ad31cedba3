import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
import Testing

/// Runs a practice quiz of `prepared` on a scripted terminal, interactive (a learner at a terminal) or not
/// (piped input); returns the terminal, the loop and the ratings the loop passed on.
private func run(_ prepared: Prepared, _ script: [Keystroke], interactive: Bool, width: Int = 120,
                 configure: (inout QuizLoop) -> Void = { _ in }) -> (ScriptedTerminal, QuizLoop, [RatingChoice]) {
    var prepared = prepared
    let screen = ScriptedTerminal(script, width: width)
    var terminal = screen.terminal
    terminal.isInteractive = interactive
    var loop = QuizLoop(session: prepared.quiz(), terminal: terminal)
    let ratings = Box<[RatingChoice]>([])
    loop.onRate = { ratings.value.append($0) }
    configure(&loop)
    loop.run(intro: "iamquiz: test.")
    return (screen, loop, ratings.value)
}

/// The shown questions of `prepared`'s quiz.
private func shown(_ prepared: Prepared) -> [PresentedQuestion] {
    var probe = prepared
    return probe.quiz().questions
}

@Suite("After the feedback: the pause on a terminal, ratings and relearning")
struct QuizPauseTests {
    static let two = Prepared(bank: [Fixtures.single], seed: 3, count: 2)

    @Test("on a terminal the feedback waits for Enter; guess and easy rate the answer just given")
    func pauseGuessEasyEnter() throws {
        let q = shown(Self.two)
        let (screen, _, ratings) = run(Self.two, [.line(q[0].rightLetters), "guess", "", .line(q[1].rightLetters), "easy", ""],
                                       interactive: true)
        let text = screen.output
        #expect(ratings == [.guess, .rating(.easy)])
        let guess = try #require(text.range(of: "Marked as a guess: scheduled as again"))
        let second = try #require(text.range(of: "Question 2 of 2"))
        #expect(guess.upperBound < second.lowerBound, "the next question waits for Enter:\n\(text)")
        #expect(text.contains("Enter for the next question · guess, again, hard, good, easy to rate · verify, explain, flag"))
        #expect(text.contains("Enter for the score · guess"), "the last question's pause leads to the score")
        #expect(text.contains("Rated easy."))
        #expect(text.hasSuffix("Score: 2 of 2 correct (100%).\n"), "a guess stays right in the score:\n\(text)")
        #expect(screen.prompts.filter { $0 == "> " }.count == 4)

        // At 60 columns the hint wraps between words.
        let (narrow, _, _) = run(Self.two, [.line(q[0].rightLetters), "q"], interactive: true, width: 60)
        #expect(narrow.output.contains("Enter for the next question · guess, again, hard, good, easy\nto rate · verify"),
                "\(narrow.output)")
    }

    @Test("after a wrong answer: a higher rating is refused, flag marks the question just answered, q leaves")
    func wrongAnswerPause() throws {
        let q = shown(Self.two)
        let flags = Box<[String]>([])
        let (screen, loop, ratings) = run(Self.two, [.line(q[0].wrongLetters), "good", "flag", "q", "a"], interactive: true) {
            $0.onFlag = { presented, flag in if flag { flags.value.append(presented.question.id) } }
        }
        let text = screen.output
        #expect(ratings.isEmpty)
        #expect(text.contains("Not rated: a wrong answer stays rated again; it cannot be rated good."))
        #expect(!text.contains("Enter for the next question · guess"), "no rating offered after a wrong answer")
        #expect(text.contains("It comes back after 1 other question, its options in a new order."))
        #expect(flags.value == [q[0].question.id])
        #expect(loop.flagged == [q[0].question.id])
        #expect(text.contains("Quiz ended after 1 of 2 questions."))
        #expect(!text.contains("Question 2 of 2"))
    }

    @Test("verify at the pause runs the scenario of the question just answered; on a terminal the pause replaces the offer before the score")
    func verifyAtThePause() throws {
        let prepared = Prepared(bank: [Fixtures.verifiedBank], seed: 1)
        let library = prepared.bank.scenarios()
        let right = try #require(shown(prepared).first).rightLetters
        let (screen, _, _) = run(prepared, [.line(right), "verify", ""], interactive: true) { $0.verifyWith { _ in library } }
        let text = screen.output
        let pause = try #require(text.range(of: "Enter for the score"))
        let scenario = try #require(text.range(of: "scenario e2e-deputy"))
        #expect(pause.upperBound < scenario.lowerBound, "\(text)")
        #expect(!text.contains("verify to run its scenario"), "one pause, not two")
        #expect(text.hasSuffix("Score: 1 of 1 correct (100%).\n"), "\(text)")
    }

    @Test("with piped input nothing waits; a rating typed at the next prompt applies to the answer given last")
    func pipedInput() {
        let q = shown(Self.two)
        let (screen, _, ratings) = run(Self.two, [.line(q[0].rightLetters), "hard", .line(q[1].rightLetters)], interactive: false)
        #expect(ratings == [.rating(.hard)])
        #expect(!screen.prompts.contains("> "))
        #expect(!screen.output.contains("Enter for the"))
        #expect(screen.output.contains("Rated hard."))
        #expect(screen.output.hasSuffix("Score: 2 of 2 correct (100%).\n"))
    }

    @Test("a missed question comes back, asked again in a new order, graded, and counted once in the score")
    func relearningInTheLoop() throws {
        let q = shown(Self.two)
        // The same quiz as a value, to learn the letters of the repeat (its options are shuffled again).
        var probe = Self.two
        var session = probe.quiz()
        _ = session.submit(q[0].wrongLetters)
        _ = session.submit(q[1].rightLetters)
        let again = try #require(session.current)
        #expect(session.isRepeat && again.order != q[0].order)

        var prepared = Self.two
        let screen = ScriptedTerminal([.line(q[0].wrongLetters), .line(q[1].rightLetters), .line(again.rightLetters)], width: 200)
        var loop = QuizLoop(session: prepared.quiz(), terminal: screen.terminal)
        let graded = Box<[GradedAnswer]>([])
        loop.onGraded = { graded.value.append($0) }
        let finished = loop.run(intro: "iamquiz: test.")
        let text = screen.output
        #expect(finished)
        #expect(text.contains("score 1/2 · asked again"), "\(text)")
        #expect(text.contains("It comes back after 1 other question"))
        #expect(graded.value.map(\.isRepeat) == [false, false, true])
        #expect(graded.value.map(\.position) == [0, 1, 0])
        #expect(graded.value.map(\.isCorrect) == [false, true, true])
        #expect(text.hasSuffix("Score: 1 of 2 correct (50%).\nMissed questions asked again: 1, 1 right (the score counts each question's first answer).\n"),
                "\(text)")

        // Input that ends at the repeat still completes the quiz: every question was asked once.
        var again2 = Self.two
        let cut = ScriptedTerminal([.line(q[0].wrongLetters), .line(q[1].rightLetters)])
        var cutLoop = QuizLoop(session: again2.quiz(), terminal: cut.terminal)
        let cutFinished = cutLoop.run(intro: "iamquiz: test.")
        #expect(cutFinished)
        #expect(!cut.output.contains("Quiz ended after"))
    }

    @Test("the recorder saves the letters shown, the rating and the guess of an answer")
    func recordedRating() throws {
        let store = try temporaryStore()
        let q = shown(Self.two)
        var prepared = Self.two
        let session = prepared.quiz()
        let recorder = try StudyRecorder(store: store, mode: .practice, questions: session.questions, seed: 3, filter: "")
        let screen = ScriptedTerminal([.line(q[0].rightLetters), "guess", "", .line(q[1].wrongLetters), "easy", ""])
        var terminal = screen.terminal
        terminal.isInteractive = true
        var loop = QuizLoop(session: session, terminal: terminal)
        try loop.record(with: recorder)
        _ = try loop.run(intro: "iamquiz: test.", recorder: recorder)
        let first = try #require(try store.answers(questionID: q[0].question.id).first)
        #expect(first.guessed && first.rating == "again" && first.isCorrect)
        #expect(first.shown == q[0].rightLetters.uppercased())
        let second = try #require(try store.answers(questionID: q[1].question.id).first)
        #expect(!second.guessed && second.rating == "again" && !second.isCorrect)
        #expect(screen.output.contains("Not rated: a wrong answer"))
    }
}
