import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
import Testing

/// Runs an exam of `prepared` on a scripted terminal; returns the terminal and the result.
private func runExam(_ prepared: Prepared, minutes: Double? = 130, spent: Double = 0, interactive: Bool = false,
                     _ script: [Keystroke]) -> (screen: ScriptedTerminal, result: ExamResult?) {
    var prepared = prepared
    let screen = ScriptedTerminal(script, interactive: interactive)
    var loop = ExamLoop(exam: prepared.exam(minutes: minutes), terminal: screen.terminal, spent: spent)
    return (screen, loop.run(intro: "iamquiz exam: test."))
}

/// The exam's first question as shown.
private func firstQuestion(_ prepared: Prepared) -> PresentedQuestion? {
    var prepared = prepared
    return prepared.exam().current
}

@Suite("The exam loop, in-process on a scripted terminal")
struct ExamLoopTests {
    static let twoAnswers = Prepared(bank: [Fixtures.twoAnswers], seed: 1, count: 1)

    /// Was the end-to-end test "exam: nothing about correctness appears before the end; then a scaled score,
    /// topics and explanations".
    @Test("nothing about correctness appears before the end; then a scaled score, topics and explanations")
    func hidesEverythingUntilTheEnd() throws {
        let (screen, result) = runExam(Self.twoAnswers, ScriptedTerminal.typed("a\nflag\nlist\nx y\nfinish\n"))
        let parts = screen.output.components(separatedBy: "Score: ")
        try #require(parts.count == 2, "no score in:\n\(screen.output)")
        for marker in ["the answer is", "✓ right", "✗ wrong", "Correct.", "Wrong.", "Explanation:"] {
            #expect(!parts[0].contains(marker), "`\(marker)` shown before the end of the exam")
        }
        #expect(parts[0].contains("Flagged."))
        #expect(parts[0].contains("1. unanswered · flagged"))
        #expect(parts[1].hasPrefix("100/1000"))
        #expect(parts[1].contains("FAIL (pass mark 720)"))
        #expect(parts[1].contains("By topic"))
        #expect(parts[1].contains("Not answered. The answer is"))
        #expect(parts[1].contains("Explanation:"))
        #expect(result?.passed == false)
    }

    /// Was the exam half of the end-to-end test "practice and exam: the header shows position and level; ...".
    @Test("the header shows position and level; the topics come with the results")
    func topicsOnlyAtTheEnd() throws {
        let (screen, _) = runExam(Self.twoAnswers, ["ab", "finish"])
        let parts = screen.output.components(separatedBy: "Score: ")
        try #require(parts.count == 2, "no score in:\n\(screen.output)")
        #expect(parts[0].contains("Question 1 of 1 · associate"))
        #expect(!parts[0].contains("sts"), "a topic during the exam:\n\(parts[0])")
        #expect(parts[1].contains("Topics: sts"))
    }

    /// Was the end-to-end test "exam: right answers give 1000 and a pass".
    @Test("right answers give 1000 and a pass")
    func passes() throws {
        let right = try #require(firstQuestion(Self.twoAnswers)?.rightLetters)
        let (screen, result) = runExam(Self.twoAnswers, [.line(right), "finish"])
        #expect(screen.output.contains("Score: 1000/1000 PASS"))
        #expect(result?.passed == true)
    }

    @Test("next, prev, go N and list move between questions; every answer recorded, then the unanswered count at finish")
    func navigation() {
        let prepared = Prepared(bank: [Fixtures.single], seed: 4, count: 3)
        let (screen, result) = runExam(prepared, ["next", "prev", "go 3", "a", "go 9", "go", "list", "skip", "explain", "?", "finish"])
        let text = screen.output
        let during = text.components(separatedBy: "Score: ")[0]
        #expect(during.occurrences(of: "Question 1 of 3") == 2, "shown, then again after prev")
        #expect(during.contains("Question 2 of 3"))
        #expect(during.contains("Question 3 of 3 · "))
        #expect(text.contains("Recorded. Unanswered: 1, 2."), "the last question stays on screen once answered")
        #expect(text.contains("There is no question 9; the exam has 3."))
        #expect(text.contains("Type `go N` with a question number from 1 to 3."))
        #expect(text.contains("  1. unanswered\n  2. unanswered\n  3. answered\n"))
        #expect(text.contains("In an exam, `next` moves on without answering."))
        #expect(text.contains("Explanations come with the results, after `finish`"))
        #expect(text.contains("go N    jump to question N"))
        #expect(text.contains("2 question(s) unanswered; they count as wrong."))
        #expect(result?.lines.map { $0.chosen != nil } == [false, false, true])
    }

    @Test("a wrong number of letters or a word that is not an answer records nothing")
    func refusedAnswers() {
        let (screen, result) = runExam(Self.twoAnswers, ["a", "z", "finish"])
        #expect(screen.output.contains("This question asks for 2 answers; you gave 1. Nothing was recorded."))
        #expect(screen.output.contains("there is no option Z"))
        #expect(result?.lines.first?.chosen == nil)
    }

    @Test("the header counts down the time left on the terminal's clock")
    func timeLeft() {
        let (screen, _) = runExam(Prepared(bank: [Fixtures.single], seed: 4, count: 2), minutes: 2, [.wait(45.5), "a", "finish"])
        #expect(screen.output.contains("answered 0/2 · time left 2:00"))
        #expect(screen.output.contains("answered 1/2 · time left 1:15"), "74.5 s, rounded up as the prompt's clock")
    }

    /// Was the end-to-end test "an answer typed after the exam's time limit is not recorded" (which waited
    /// 1.5 s for a 0.6 s limit): the clock is the terminal's, so no test waits. The terminal plays a reader
    /// that cannot wake up at the limit, so the line typed late does arrive.
    @Test("an answer typed after the time limit is not recorded, and the exam is graded without it")
    func answerAfterTheLimit() throws {
        var prepared = Self.twoAnswers
        let exam = prepared.exam(minutes: 0.01)
        let right = try #require(exam.current?.rightLetters)
        let store = try temporaryStore()
        let recorder = try ExamRecorder(store: store, exam: exam, seed: 1, filter: "")
        let screen = ScriptedTerminal([.wait(1.5), .line(right)], wakesUp: false)
        var loop = ExamLoop(exam: exam, terminal: screen.terminal)
        let status = try loop.run(intro: "iamquiz exam: test.", recorder: recorder)
        #expect(screen.output.contains("Time is up; what was typed after the limit is not recorded."), "\(screen.output)")
        #expect(screen.output.contains("0 of 1 correct"), "\(screen.output)")
        #expect(status == 0)
        #expect(try store.answerCount() == 0, "no exam answer in the log")
        #expect(try store.latestUnfinishedSession() == nil, "the exam was graded and closed")
    }

    @Test("an exam resumed with its time already spent is up at once and graded")
    func resumedAfterTheLimit() {
        let (screen, result) = runExam(Self.twoAnswers, minutes: 1, spent: 61, ["ab"])
        #expect(screen.output.contains("Time is up.\n"))
        #expect(!screen.output.contains("answered 0/1"), "the question is not shown")
        #expect(screen.prompts.isEmpty)
        #expect(result?.total == 1)
    }

    @Test("Ctrl-C, Ctrl-D and the end of piped input leave the exam ungraded, saved for resume, exit 0",
          arguments: [(Keystroke.interrupt, true), (.endOfInput, true), (.endOfInput, false)])
    func leavingKeys(key: Keystroke, interactive: Bool) throws {
        var prepared = Prepared(bank: [Fixtures.single], seed: 4, count: 2)
        let exam = prepared.exam(minutes: 2)
        let store = try temporaryStore()
        let recorder = try ExamRecorder(store: store, exam: exam, seed: 1, filter: "")
        let screen = ScriptedTerminal(["a", .wait(30), key, "finish"], width: 200, interactive: interactive)
        var loop = ExamLoop(exam: exam, terminal: screen.terminal)
        #expect(try loop.run(intro: "iamquiz exam: test.", recorder: recorder) == 0)
        #expect(screen.output.contains("Exam left: 1 of 2 answered, 0 flagged, 1:30 left, all saved. `iamquiz resume` continues it."),
                "\(screen.output)")
        #expect(!screen.output.contains("Score: "))
        #expect(!screen.output.contains("Leave the exam?"), "no question after a key that says it")
        let session = try #require(try store.latestUnfinishedSession())
        #expect(try store.pendingAnswers(sessionID: try #require(session.id)).count == 1)
        #expect(try store.answerCount() == 0, "ungraded")
    }

    @Test("on a terminal, finish asks first with the unanswered and flagged counts; only yes submits")
    func finishAsks() {
        let prepared = Prepared(bank: [Fixtures.single], seed: 4, count: 3)
        let (screen, result) = runExam(prepared, interactive: true, ["flag", "a", "finish", "", "finish", "no", "finish", "y"])
        let question = "Submit the exam? 2 unanswered, 1 flagged. [y/N] "
        #expect(screen.prompts.filter { $0 == question }.count == 3, "\(screen.prompts)")
        #expect(screen.output.occurrences(of: "The exam goes on.") == 2)
        #expect(screen.output.occurrences(of: "Score: ") == 1)
        #expect(!screen.output.contains("question(s) unanswered; they count as wrong"), "the question said it")
        #expect(result?.lines.map { $0.chosen != nil } == [true, false, false])
    }

    @Test("on a terminal, q asks first; yes leaves the exam saved and ungraded, no goes on")
    func quitAsks() throws {
        var prepared = Prepared(bank: [Fixtures.single], seed: 4, count: 2)
        let exam = prepared.exam()
        let store = try temporaryStore()
        let recorder = try ExamRecorder(store: store, exam: exam, seed: 1, filter: "")
        let screen = ScriptedTerminal(["flag", "q", "n", "quit", "y", "finish"], interactive: true)
        var loop = ExamLoop(exam: exam, terminal: screen.terminal)
        #expect(try loop.run(intro: "iamquiz exam: test.", recorder: recorder) == 0)
        let question = "Leave the exam? Answers and time are saved; `iamquiz resume` continues it. [y/N] "
        #expect(screen.prompts.filter { $0 == question }.count == 2)
        #expect(screen.output.contains("The exam goes on."))
        #expect(screen.output.contains("Exam left: 0 of 2 answered, 1 flagged, 2:10:00 left, all saved."), "\(screen.output)")
        #expect(!screen.output.contains("Score: "))
        #expect(try store.latestUnfinishedSession() != nil, "left open for resume")
        #expect(try store.answerCount() == 0)
    }

    @Test("with piped input, q leaves and finish grades without asking")
    func pipedNeverAsks() {
        let left = runExam(Self.twoAnswers, ["q", "finish"])
        #expect(left.result == nil)
        #expect(left.screen.output.contains("Exam left: 0 of 1 answered"))
        let graded = runExam(Self.twoAnswers, ["finish"])
        #expect(graded.screen.output.contains("1 question(s) unanswered; they count as wrong."))
        #expect(graded.result != nil)
        for screen in [left.screen, graded.screen] {
            #expect(!screen.output.contains("[y/N]"))
            #expect(screen.prompts.allSatisfy { !$0.contains(" left] ") }, "no clock in a transcript")
        }
    }

    @Test("on a terminal the prompt shows the time left, and an idle exam ends on time and is graded")
    func idleExamEndsOnTime() throws {
        var prepared = Prepared(bank: [Fixtures.single], seed: 4, count: 2)
        let exam = prepared.exam(minutes: 2)
        let store = try temporaryStore()
        let recorder = try ExamRecorder(store: store, exam: exam, seed: 1, filter: "")
        let screen = ScriptedTerminal([.wait(45.5), "a", .wait(500), "never read"], interactive: true)
        var loop = ExamLoop(exam: exam, terminal: screen.terminal)
        #expect(try loop.run(intro: "iamquiz exam: test.", recorder: recorder) == 0)
        #expect(screen.prompts == ["[2:00 left] Answer: ", "[1:15 left] Answer: "])
        #expect(screen.output.contains("Time is up.\n"))
        #expect(screen.output.contains("Score: "))
        #expect(try store.latestUnfinishedSession() == nil, "graded and closed")
        #expect(try store.answerCount() == 1)
    }

    @Test("the time limit also ends a confirmation left unanswered")
    func confirmationOnTime() {
        let (screen, result) = runExam(Self.twoAnswers, minutes: 1, interactive: true, ["finish", .wait(61), "n"])
        #expect(screen.output.contains("Submit the exam?"))
        #expect(screen.output.contains("Time is up."))
        #expect(result != nil)
    }

    @Test("the prompt's clock: hours when the exam has them, rounded up so 0:00 means the end",
          arguments: [(5025.0, 7800.0, "1:23:45"), (7800, 7800, "2:10:00"), (59.2, 120, "1:00"), (0.4, 3, "0:01"), (-2, 60, "0:00")])
    func clockText(seconds: Double, limit: Double, text: String) {
        #expect(ExamLoop.clockText(seconds, limit: limit) == text)
    }

    @Test("a stop signal leaves the exam ungraded with its answers and flags saved, exit 128 + the signal", arguments: [(15, 143), (1, 129)])
    func stopSignal(signal: Int32, status: Int32) throws {
        var prepared = Prepared(bank: [Fixtures.single], seed: 4, count: 2)
        let exam = prepared.exam()
        let store = try temporaryStore()
        let recorder = try ExamRecorder(store: store, exam: exam, seed: 1, filter: "")
        let screen = ScriptedTerminal(["a", "flag", .stopSignal(signal)], width: 200)
        var loop = ExamLoop(exam: exam, terminal: screen.terminal)
        #expect(try loop.run(intro: "iamquiz exam: test.", recorder: recorder) == status)
        #expect(screen.output.contains("The exam was stopped; its answers and time are saved. `iamquiz resume` continues it."))
        #expect(!screen.output.contains("Score: "))
        let session = try #require(try store.latestUnfinishedSession())
        let sessionID = try #require(session.id)
        #expect(try store.pendingAnswers(sessionID: sessionID).count == 1)
        #expect(try store.answerCount() == 0, "ungraded")
    }

    @Test("an answer that cannot be saved stops the exam ungraded, exit 1")
    func saveFails() {
        var prepared = Self.twoAnswers
        let screen = ScriptedTerminal(["ab", "finish"])
        var loop = ExamLoop(exam: prepared.exam(), terminal: screen.terminal)
        loop.onAnswer = { _, _, _ in throw CocoaError(.fileWriteOutOfSpace) }
        #expect(loop.run(intro: "iamquiz exam: test.") == nil)
        #expect(loop.saveFailed)
        #expect(screen.output.contains("error: your answer could not be saved: "))
        #expect(screen.output.contains("The exam stops here, ungraded; the answers before it are saved."))
        #expect(loop.exam.items[0].answer == nil)
    }
}
