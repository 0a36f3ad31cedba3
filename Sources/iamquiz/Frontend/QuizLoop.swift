import ArgumentParser
import Diagnostics
import Foundation
import QuizBank
import QuizEngine
import TerminalUI

/// The interactive quiz: shows questions from a `QuizSession`, reads answers from a `LineReader`,
/// and prints feedback. Presentation only: grading and the key stay in the session.
///
/// Every piece of bank text passes through `TextSanitizer.clean` before it is written, so a bank
/// cannot send control sequences to the terminal.
struct QuizLoop {
    /// Words accepted at the answer prompt (also offered for tab completion).
    static let commands = ["help", "skip", "flag", "explain", "verify", "quit"]

    var session: QuizSession
    let reader: any LineReader
    let style: Style
    let width: Int
    let write: (String) -> Void
    /// Called with each graded answer before the feedback is shown (the progress store saves it there):
    /// the question, its position, the display positions chosen, right or wrong, seconds, and whether the
    /// learner needed a retry. A thrown error ends the quiz with a message, so no answer is lost silently.
    var onGraded: ((PresentedQuestion, Int, [Int], Bool, Double, Bool) throws -> Void)?
    /// Called when the learner flags or unflags a question (the store keeps flags for `iamquiz review`).
    var onFlag: ((PresentedQuestion, Bool) throws -> Void)?
    /// True when an answer could not be saved: the quiz ended there, and the command exits with 1.
    private(set) var saveFailed = false
    /// The ids of questions flagged for review, shown in the header.
    var flagged: Set<String> = []
    /// The feedback of the latest graded answer, for `explain`.
    var lastFeedback: Feedback?
    /// The latest graded question as shown, for `verify`.
    var lastPresented: PresentedQuestion?
    /// Runs the scenario of a question and returns the lines to show (nil when it has none); set by the
    /// command, which knows the scenarios.
    var onVerify: ((PresentedQuestion) -> [String]?)?

    /// Runs the quiz and closes the recorder's session when every question was answered or skipped; ends
    /// the command with exit 1 when an answer could not be saved, and with 128 + N after a stop signal.
    mutating func run(intro: String, recorder: StudyRecorder) throws {
        if run(intro: intro) { try recorder.finish() }
        if saveFailed { throw ExitCode(1) }
        try StopSignal.exitIfRequested()
    }

    /// Runs the quiz; returns true when every question was answered or skipped (not stopped early).
    @discardableResult
    mutating func run(intro: String) -> Bool {
        say(style.bold(intro) + " " + style.dim("Type the letters of your answer; ? for help, q to quit."))
        var stoppedEarly = false
        questions: while let presented = session.current {
            show(presented)
            let shownAt = ContinuousClock.now
            var retried = false
            while true {
                if InterruptTrap.wasInterrupted {
                    stoppedEarly = true
                    break questions
                }
                let required = presented.answersRequired
                let prompt = "Your answer" + (required == 1 ? "" : " (choose \(required))") + ": "
                let input: String
                switch reader.readLine(prompt: prompt) {
                case .endOfInput, .interrupted:
                    stoppedEarly = true
                    break questions
                case .line(let line):
                    input = line.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                switch input.lowercased() {
                case "":
                    continue
                case "q", "quit", "exit":
                    stoppedEarly = true
                    break questions
                case "?", "h", "help":
                    say(helpText(required: required))
                    continue
                case "skip", "s":
                    session.skip()
                    say(style.yellow("Skipped.") + "\n")
                    continue questions
                case "flag", "f":
                    let id = presented.question.id
                    let flag = !flagged.contains(id)
                    do {
                        try onFlag?(presented, flag)
                    } catch {
                        say(style.red("error: the flag could not be saved: \(TextSanitizer.clean(String(describing: error)))"))
                        continue
                    }
                    if flag { flagged.insert(id) } else { flagged.remove(id) }
                    say(flag ? "Flagged: `iamquiz review` brings it back until you unflag it." : "Flag removed.")
                    continue
                case "verify", "v":
                    // Only the question already answered: running the current one's scenario would give the key away.
                    guard let lastPresented else {
                        say(style.yellow("`verify` runs the scenario of the question you answered last; answer one first."))
                        continue
                    }
                    guard let lines = onVerify?(lastPresented) else {
                        say(style.yellow("The question you answered last has no scenario to run."))
                        continue
                    }
                    for line in lines { say(line) }
                    show(presented)
                    continue
                case "explain", "e":
                    // Only the question already answered: the current one's key stays hidden.
                    guard let lastFeedback else {
                        say(style.yellow("`explain` shows the explanation of the question you answered last; answer one first."))
                        continue
                    }
                    say(style.dim("The previous question, again:"))
                    showFeedback(lastFeedback)
                    show(presented)
                    continue
                default:
                    break
                }
                switch session.submit(input) {
                case .invalid(let problem):
                    retried = true
                    say(style.yellow(TextSanitizer.clean(problem.description)))
                case .wrongCount(let expected, let given):
                    retried = true
                    say(style.yellow("This question asks for \(counted(expected, "answer")); you gave \(given). Nothing was graded: try again."))
                case .graded(let feedback):
                    if let onGraded {
                        let elapsed = ContinuousClock.now - shownAt
                        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                        let chosen = feedback.rows.indices.filter { feedback.rows[$0].wasChosen }
                        do {
                            try onGraded(presented, session.number - 2, chosen, feedback.isCorrect, seconds, retried)
                        } catch {
                            // Nothing unsaved is counted: the score and the exit status say what was kept.
                            session.withdrawLastAnswer()
                            saveFailed = true
                            say(style.red("error: your answer could not be saved: \(TextSanitizer.clean(String(describing: error)))"))
                            say("It is not counted; the answers before it are saved.")
                            stoppedEarly = true
                            break questions
                        }
                    }
                    showFeedback(feedback)
                    lastFeedback = feedback
                    lastPresented = presented
                    continue questions
                }
            }
        }
        if !stoppedEarly { offerLastScenario() }
        finish(stoppedEarly: stoppedEarly && !session.isFinished)
        return session.isFinished && !stoppedEarly
    }

    /// After the last question, when it has a scenario, `verify` (and `explain`) can still be typed
    /// before the score; an empty line or the end of input goes on.
    private func offerLastScenario() {
        guard let lastPresented, lastPresented.question.scenario != nil, onVerify != nil else { return }
        while !InterruptTrap.wasInterrupted {
            guard case .line(let line) = reader.readLine(prompt: "verify to run its scenario, explain, or Enter for the score: ") else { return }
            switch line.trimmingCharacters(in: .whitespaces).lowercased() {
            case "verify", "v":
                for text in onVerify?(lastPresented) ?? [] { say(text) }
            case "explain", "e":
                if let lastFeedback { showFeedback(lastFeedback) }
            case "", "q", "quit", "exit":
                return
            default:
                say(style.yellow("Type `verify`, `explain`, or press Enter for the score."))
            }
        }
    }

    // MARK: - Rendering

    private func show(_ presented: PresentedQuestion) {
        let score = session.score
        renderer.question(presented, number: session.number, of: session.questions.count,
                          status: "score \(score.correct)/\(score.answered)"
                              + (flagged.contains(presented.question.id) ? " · flagged" : ""))
    }

    private func showFeedback(_ f: Feedback) {
        renderer.feedback(f)
    }

    private func finish(stoppedEarly: Bool) {
        let s = session.score
        say("")
        if stoppedEarly {
            say("Quiz ended after \(s.answered + s.skipped) of \(counted(s.total, "question")).")
        }
        var line = "Score: \(s.correct) of \(s.answered) correct"
        if s.answered > 0 { line += " (\(s.percent)%)" }
        if s.skipped > 0 { line += ", \(s.skipped) skipped" }
        say(style.bold(line + "."))
    }

    private func helpText(required: Int) -> String {
        """
        Type the letter\(required == 1 ? "" : "s") of your answer\(required == 1 ? "" : " (\(required) letters)"): \
        b, a c, a,c or ac (case does not matter).
          skip     move on without answering
          flag     flag or unflag this question: `iamquiz review` brings flagged questions back
          explain  show the explanation of the question answered last again
          verify   run the scenario of the question answered last, with its trace
          q        end the quiz and show the score (Ctrl-D too)
          ?        this help
        """
    }

    // MARK: - Text

    private var renderer: QuestionRenderer { QuestionRenderer(style: style, width: width, write: write) }

    private func say(_ text: String) {
        write(text + "\n")
    }


    /// Saves each graded answer and flag through `recorder`; `positions[i]` is the session position of the
    /// loop's question `i` (a resumed session asks only some of its questions).
    mutating func record(with recorder: StudyRecorder, positions: [Int]? = nil) throws {
        flagged = Set(try recorder.store.flaggedQuestions())
        onGraded = { presented, index, chosen, correct, seconds, retried in
            try recorder.record(presented, chosenDisplay: chosen, correct: correct, seconds: seconds, retried: retried,
                                position: positions?[index] ?? index)
        }
        onFlag = { presented, flag in try recorder.store.setQuestionFlagged(flag, questionID: presented.question.id) }
    }

    /// Lets `verify` run scenarios from `library` (the built-in ones and those next to the bank).
    mutating func verifyWith(_ library: @autoclosure @escaping () -> ScenarioLibrary) {
        let style = self.style
        var loaded: ScenarioLibrary?
        onVerify = { presented in
            if loaded == nil { loaded = library() }
            return QuizVerification.lines(for: presented, library: loaded ?? ScenarioLibrary(), style: style)
        }
    }
}
