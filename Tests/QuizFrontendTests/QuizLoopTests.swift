import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
import Testing

/// Runs a practice quiz of `prepared` on a scripted terminal; returns the terminal, the loop after the run
/// and the graded answers it reported.
private func runQuiz(_ prepared: Prepared, _ script: [Keystroke], width: Int = 80,
                     configure: (inout QuizLoop) -> Void = { _ in }) -> (ScriptedTerminal, QuizLoop, [GradedAnswer]) {
    var prepared = prepared
    let screen = ScriptedTerminal(script, width: width)
    var loop = QuizLoop(session: prepared.quiz(), terminal: screen.terminal)
    let graded = Box<[GradedAnswer]>([])
    loop.onGraded = { graded.value.append($0) }
    configure(&loop)
    loop.run(intro: "iamquiz: test.")
    return (screen, loop, graded.value)
}

private func runQuiz(_ prepared: Prepared, typing text: String, width: Int = 80) -> ScriptedTerminal {
    runQuiz(prepared, ScriptedTerminal.typed(text), width: width).0
}

@Suite("The quiz loop, in-process on a scripted terminal")
struct QuizLoopTests {
    @Test("a right and a wrong answer: each verdict and key, the options explained, the topics after grading, the score")
    func rightAndWrong() throws {
        let prepared = Prepared(bank: [Fixtures.single], seed: 3, count: 2)
        var probe = prepared
        let questions = probe.quiz().questions
        let (screen, loop, graded) = runQuiz(prepared, [.wait(4), .line(questions[0].rightLetters), .wait(9), .line(questions[1].wrongLetters)])
        let text = screen.output
        #expect(text.hasPrefix("iamquiz: test. Type the letters of your answer; ? for help, q to quit.\n\nQuestion 1 of 2 · "), "\(text)")
        #expect(text.contains("score 0/0\n"))
        #expect(text.contains("✓ Correct. The answer is \(questions[0].rightLetters.uppercased())."))
        #expect(text.contains("score 1/1\n"), "the second header counts the first answer")
        #expect(text.contains("✗ Wrong. You chose \(questions[1].wrongLetters.uppercased()); the answer is \(questions[1].rightLetters.uppercased())."))
        #expect(text.contains("✓ right · your choice: ") && text.contains("✗ wrong · your choice: ") && text.contains("✗ wrong: "))
        #expect(text.contains("Explanation: \(questions[1].question.explanation ?? "?")"))
        for presented in questions {
            let topics = "Topics: " + presented.question.topics.joined(separator: ", ")
            let question = try #require(text.range(of: presented.question.stem))
            let answer = try #require(text.range(of: "the answer is", options: .caseInsensitive, range: question.upperBound..<text.endIndex))
            #expect(text[question.upperBound..<answer.lowerBound].contains(topics) == false)
            #expect(text[answer.upperBound...].contains(topics))
        }
        #expect(text.hasSuffix("\nScore: 1 of 2 correct (50%).\n"), "\(text)")
        #expect(!text.contains("Quiz ended after"))
        #expect(!text.contains("\u{1B}"), "no colour when the terminal does not take it")
        #expect(loop.exitStatus == 0)

        // The event says which question, where, what was chosen, the verdict and the time on the question.
        try #require(graded.count == 2)
        #expect(graded.map(\.questionID) == questions.map(\.question.id))
        #expect(graded.map(\.position) == [0, 1])
        #expect(graded.map(\.isCorrect) == [true, false])
        #expect(graded.map(\.seconds) == [4, 9])
        #expect(String(graded[1].chosen.map(AnswerInput.label)).lowercased() == questions[1].wrongLetters)
        #expect(graded.allSatisfy { !$0.retried })
    }

    /// Was the end-to-end test "the key never appears before the learner commits an answer".
    @Test("the key never appears before the learner commits an answer")
    func keyHiddenUntilCommit() {
        let screen = runQuiz(Prepared(bank: [Fixtures.single], seed: 5, count: 4), typing: "a\nb\na\nb\n")
        // Each question's text runs from its header to its first prompt: no verdict, key or explanation in it.
        let segments = screen.output.components(separatedBy: "\nQuestion ").dropFirst()
        #expect(segments.count >= 4, "4 questions, and the repeats of those answered wrong")
        for (i, segment) in segments.enumerated() {
            let beforePrompt = segment.components(separatedBy: "Your answer").first ?? ""
            for marker in ["the answer is", "✓ right", "✗ wrong", "Correct.", "Wrong.", "Explanation:", "See https"] {
                #expect(!beforePrompt.contains(marker), "`\(marker)` shown before the answer to question \(i + 1)")
            }
        }
        #expect(screen.output.lowercased().occurrences(of: "the answer is") == 4)
    }

    /// Was the end-to-end test of the same name.
    @Test("a wrong number of letters re-prompts without grading; invalid input too")
    func wrongCountReprompts() {
        let (screen, _, graded) = runQuiz(Prepared(bank: [Fixtures.twoAnswers], seed: 1), ["a", "z", "1", "q"])
        let text = screen.output
        #expect(text.contains("asks for 2 answers; you gave 1"))
        #expect(text.contains("there is no option Z"))
        #expect(text.contains("not an option letter"))
        #expect(text.occurrences(of: "Your answer (choose 2)") == 4)
        #expect(!text.contains("the answer is"))
        #expect(text.contains("Score: 0 of 0 correct"))
        #expect(graded.isEmpty)
    }

    @Test("an answer after a refused attempt is graded as retried")
    func retried() throws {
        var probe = Prepared(bank: [Fixtures.twoAnswers], seed: 1)
        let right = probe.quiz().questions[0].rightLetters
        let (_, _, graded) = runQuiz(Prepared(bank: [Fixtures.twoAnswers], seed: 1), ["a", .line(right)])
        let answer = try #require(graded.first)
        #expect(answer.retried && answer.isCorrect)
    }

    /// Was the end-to-end test "typing both right letters in any accepted form scores the question".
    @Test("typing both right letters in any accepted form scores the question", arguments: ["%0 %1", "%0,%1", "%1%0 upper"])
    func twoAnswerForms(form: String) throws {
        var probe = Prepared(bank: [Fixtures.twoAnswers], seed: 1)
        let letters = probe.quiz().questions[0].rightLetters.map(String.init)
        try #require(letters.count == 2)
        var typed = form.replacingOccurrences(of: " upper", with: "").replacingOccurrences(of: "%0", with: letters[0])
            .replacingOccurrences(of: "%1", with: letters[1])
        if form.hasSuffix(" upper") { typed = typed.uppercased() }
        let screen = runQuiz(Prepared(bank: [Fixtures.twoAnswers], seed: 1), typing: typed + "\n")
        #expect(screen.output.contains("✓ Correct."), "typed `\(typed)`")
        #expect(screen.output.contains("Score: 1 of 1 correct (100%)."))
    }

    /// Was the end-to-end test "q and end of input stop the quiz with the score so far".
    @Test("q and end of input stop the quiz with the score so far; skip and ? on the built-in bank")
    func stopEarly() {
        let bank = Prepared(bank: [Fixtures.single], seed: 2, count: 3)
        let (quit, quitLoop, _) = runQuiz(bank, ["a", "q"])
        #expect(quit.output.contains("Quiz ended after 1 of 3 questions."))
        #expect(quitLoop.exitStatus == 0)
        let (eof, eofLoop, _) = runQuiz(bank, ["a"])
        #expect(eof.output.contains("Quiz ended after 1 of 3 questions."))
        #expect(eof.output.contains("Score: "))
        #expect(eofLoop.exitStatus == 0)
        let (ctrlD, _, _) = runQuiz(bank, ["a", .endOfInput, "a"])
        #expect(ctrlD.output.contains("Quiz ended after 1 of 3 questions."), "Ctrl-D ends the quiz even with more input to come")
        let skip = runQuiz(Prepared(seed: 2, count: 2), typing: "skip\n?\na\n")
        #expect(skip.output.contains("Skipped."))
        #expect(skip.output.contains("move on without answering"))
        #expect(skip.output.contains(", 1 skipped."))
    }

    @Test("after a skip, the graded answer's position is still the question's place in the quiz")
    func positionsAfterSkip() {
        let (_, _, graded) = runQuiz(Prepared(bank: [Fixtures.single], seed: 2, count: 4), ["a", "skip", "s", "b"])
        #expect(graded.map(\.position) == [0, 3])
    }

    /// Was the end-to-end test "control sequences in bank text never reach the output".
    @Test("control sequences in bank text never reach the output")
    func controlCharactersStripped() {
        let screen = runQuiz(Prepared(bank: [Fixtures.path("control-characters.iqb")], seed: 1), typing: "a\n")
        #expect(screen.output.contains("title"))
        #expect(screen.output.contains("red"))
        for forbidden in ["\u{1B}", "\u{07}", "\u{9B}", "pwned"] {
            #expect(!screen.output.contains(forbidden), "found \(forbidden.unicodeScalars.map { $0.value })")
        }
    }

    /// Was the end-to-end test "a list in the stem is shown as an indented list, ...", at `COLUMNS=40`.
    @Test("a list in the stem is shown as an indented list, wrapped lines hanging under the item's text")
    func stemList() throws {
        let bank = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-list-\(UUID().uuidString).iqb").path
        defer { try? FileManager.default.removeItem(atPath: bank) }
        try """
            ## listed
            level: associate
            topics: t

            A company needs:

              * developers never create IAM users in production accounts
              * one role a team

            Which control fits?

            - An SCP
              why: w
            - A bucket policy
              why: w

            answer: A
            """.write(toFile: bank, atomically: true, encoding: .utf8)
        let screen = runQuiz(Prepared(bank: [bank], seed: 1), typing: "a\n", width: 40)
        #expect(screen.output.contains("A company needs:\n  • developers never create IAM users in\n    production accounts\n  • one role a team\nWhich control fits?"),
                "\(screen.output)")
    }

    @Test("lines kept as written are shown as they are, two spaces in, apart from the text around them; a line too wide wraps under its indentation")
    func stemCode() throws {
        let bank = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-code-\(UUID().uuidString).iqb").path
        defer { try? FileManager.default.removeItem(atPath: bank) }
        try """
            ## coded
            level: associate
            topics: t

            Alice's policy:
            ```json
            {"Version": "2012-10-17", "Statement": [{
              "Effect": "Allow",
              "Resource": ["arn:aws:s3:::reports/2026/*", "arn:aws:s3:::invoices/*"]
            }]}
            ```
            Which request is allowed?

            - s3:GetObject on reports
              why: w
            - s3:GetObject on media
              why: w

            answer: A
            """.write(toFile: bank, atomically: true, encoding: .utf8)
        let screen = runQuiz(Prepared(bank: [bank], seed: 1), typing: "a\n", width: 60)
        #expect(screen.output.contains("""
            Alice's policy:
              {"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow",
                "Resource": ["arn:aws:s3:::reports/2026/*",
                  "arn:aws:s3:::invoices/*"]
              }]}

            Which request is allowed?
            """), "\(screen.output)")
    }

    /// Was the quiz half of the end-to-end test "practice and exam: the header shows position and level; ...".
    @Test("the header shows position and level; the topics wait until the answer is graded")
    func topicsOnlyAfterGrading() throws {
        // The fixture's topic, `sts`, is a word of its two right options only: shown early, it would point at them.
        let screen = runQuiz(Prepared(bank: [Fixtures.twoAnswers], seed: 1, count: 1), typing: "ab\n")
        let before = try #require(screen.output.components(separatedBy: "Your answer").first)
        #expect(before.contains("Question 1 of 1 · associate"))
        #expect(!before.contains("sts"), "a topic before the commit:\n\(before)")
        #expect(screen.output.contains("Topics: sts"))
    }

    @Test("flag calls onFlag and shows in the header; a second flag removes it; a failed save says so and changes nothing")
    func flag() {
        let flags = Box<[Bool]>([])
        let (screen, loop, _) = runQuiz(Prepared(bank: [Fixtures.twoAnswers], seed: 1), ["flag", "?", "flag", "flag", "q"]) { loop in
            loop.onFlag = { presented, flag in
                flags.value.append(flag)
                if flags.value.count == 3 { throw CocoaError(.fileWriteOutOfSpace) }
            }
        }
        #expect(flags.value == [true, false, true])
        #expect(screen.output.contains("Flagged: `iamquiz review` brings it back until you unflag it."))
        #expect(screen.output.contains("Flag removed."))
        #expect(screen.output.contains("error: the flag could not be saved: "))
        #expect(loop.flagged.isEmpty)
        #expect(screen.output.contains("flag     flag or unflag this question"))
    }

    @Test("the header says `flagged` for a question flagged before")
    func flaggedHeader() {
        var prepared = Prepared(bank: [Fixtures.twoAnswers], seed: 1)
        let id = prepared.quiz().questions[0].question.id
        let (screen, _, _) = runQuiz(Prepared(bank: [Fixtures.twoAnswers], seed: 1), ["q"]) { $0.flagged = [id] }
        #expect(screen.output.contains("score 0/0 · flagged"))
    }

    /// Was the end-to-end test "`explain` after an answer shows that question's explanation again, then the
    /// current question", with the first half of "`practice` is the quiz; `flag` ...; `explain` repeats only
    /// the last answer's explanation".
    @Test("explain before any answer reveals nothing; after one it repeats that question's feedback, then the current question")
    func explain() throws {
        let before = runQuiz(Prepared(bank: [Fixtures.twoAnswers], seed: 1), typing: "explain\nad\nq\n", width: 200)
        let beforeAnswer = before.output.components(separatedBy: "Your answer (choose 2): ad").first ?? ""
        #expect(beforeAnswer.contains("answer one first"), "\(before.output)")
        #expect(!beforeAnswer.contains("the answer is") && !beforeAnswer.contains("Explanation"), "\(beforeAnswer)")

        let after = runQuiz(Prepared(bank: [Fixtures.single], seed: 9, count: 2), typing: "a\nexplain\nq\n")
        let parts = after.output.components(separatedBy: "The previous question, again:")
        #expect(parts.count == 2, "\(after.output)")
        let firstFeedback = parts[0].components(separatedBy: "Explanation:").dropFirst().first?.prefix(80) ?? ""
        #expect(!firstFeedback.isEmpty && parts[1].contains(firstFeedback))
        #expect(parts[1].contains("Question 2 of 2"))
    }

    /// Was the end-to-end test "in the quiz, verify runs the answered question's scenario, lettering options as shown".
    @Test("verify runs the answered question's scenario, lettering options as shown; after the last question it is offered")
    func verify() throws {
        let prepared = Prepared(bank: [Fixtures.verifiedBank], seed: 1)
        // The scenario is asked for when a question naming it is first verified, and kept for the second time.
        final class Requests { var ids: [String] = [] }
        let requests = Requests()
        let (screen, _, _) = runQuiz(prepared, ScriptedTerminal.typed("verify\nab\nverify\nverify\nq\n")) {
            $0.verifyWith { id in
                requests.ids.append(id)
                return prepared.bank.scenarios(named: id)
            }
        }
        #expect(requests.ids == ["e2e-deputy"])
        let text = screen.output
        let beforeAnswer = text.components(separatedBy: "Your answer (choose 2): ab").first ?? ""
        #expect(beforeAnswer.contains("answer one first"), "\(text)")
        #expect(!beforeAnswer.contains("scenario e2e-deputy"))
        #expect(text.contains("scenario e2e-deputy"))
        #expect(text.contains("works (ok), so it is right") && text.contains("fails (AccessDenied), so it is wrong"))
        // The one question was the last: its scenario is offered before the score, and q goes on to the score.
        #expect(text.contains("verify to run its scenario, explain, or Enter for the score: verify\nscenario e2e-deputy"))
        #expect(text.components(separatedBy: "scenario e2e-deputy").count == 3)
        #expect(text.contains("Enter for the score: q\n\nScore: "), "\(text)")
    }

    @Test("verify on a question without a scenario says so")
    func verifyWithoutScenario() {
        let prepared = Prepared(bank: [Fixtures.single], seed: 1, count: 2)
        let library = prepared.bank.scenarios()
        let (screen, _, _) = runQuiz(prepared, ["a", "verify", "q"]) { $0.verifyWith { _ in library } }
        #expect(screen.output.contains("The question you answered last has no scenario to run."))
    }

    @Test("an answer that cannot be saved ends the quiz, is not counted, and makes the exit status 1")
    func saveFails() {
        let (screen, loop, _) = runQuiz(Prepared(bank: [Fixtures.single], seed: 1, count: 3), ["a", "a", "a"]) { loop in
            var saved = 0
            loop.onGraded = { _ in
                saved += 1
                if saved == 2 { throw CocoaError(.fileWriteOutOfSpace) }
            }
        }
        #expect(screen.output.contains("error: your answer could not be saved: "))
        #expect(screen.output.contains("It is not counted; the answers before it are saved."))
        #expect(screen.output.occurrences(of: "the answer is") == 1, "no feedback for the answer not saved")
        #expect(screen.output.contains("Quiz ended after 1 of 3 questions."))
        #expect(screen.output.contains("Score: 0 of 1 correct (0%)."))
        #expect(loop.exitStatus == 1)
        #expect(loop.session.score.answered == 1)
    }
}

/// Ctrl-C and the stop signals in the middle of a quiz, with the progress store behind it.
@Suite("The quiz loop interrupted, in-process")
struct QuizInterruptionTests {
    static func run(_ script: [Keystroke]) throws -> (screen: ScriptedTerminal, status: Int32, store: ProgressStore, answers: Int) {
        var prepared = Prepared(bank: [Fixtures.single], seed: 1, count: 2)
        let session = prepared.quiz()
        let store = try temporaryStore()
        let recorder = try StudyRecorder(store: store, mode: .practice, questions: session.questions, seed: 1, filter: "")
        let screen = ScriptedTerminal(script)
        var loop = QuizLoop(session: session, terminal: screen.terminal)
        try loop.record(with: recorder)
        let status = try loop.run(intro: "iamquiz: test.", recorder: recorder)
        return (screen, status, store, try store.answerCount())
    }

    @Test("Ctrl-C at the second question: the score so far, the first answer saved, the session left to resume, exit 0")
    func ctrlC() throws {
        let run = try Self.run(["a", .interrupt, "a"])
        #expect(run.screen.output.contains("Quiz ended after 1 of 2 questions."))
        #expect(run.screen.output.contains("Score: "))
        #expect(run.status == 0)
        #expect(run.answers == 1)
        #expect(try run.store.latestUnfinishedSession() != nil)
    }

    @Test("SIGTERM and SIGHUP at the second question: the first answer saved, exit 128 + the signal", arguments: [(15, 143), (1, 129)])
    func stopSignal(signal: Int32, status: Int32) throws {
        let run = try Self.run(["a", .stopSignal(signal)])
        #expect(run.screen.output.contains("Score: "))
        #expect(run.status == status)
        #expect(run.answers == 1)
        #expect(try run.store.latestUnfinishedSession() != nil)
    }

    @Test("a quiz answered to the end closes its session")
    func finished() throws {
        let run = try Self.run(["a", "b"])
        #expect(run.status == 0)
        #expect(run.answers == 2)
        #expect(try run.store.latestUnfinishedSession() == nil)
    }
}
