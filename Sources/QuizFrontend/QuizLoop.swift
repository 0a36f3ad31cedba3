import Diagnostics
import Foundation
import QuizBank
import QuizEngine
import TerminalUI

/// One graded answer of a quiz, as ``QuizLoop`` hands it on (to the progress store) before the feedback shows.
public struct GradedAnswer: Sendable {
    /// The question as shown: its option order turns ``chosen`` into the bank's letters.
    public var presented: PresentedQuestion
    /// The question's place in this quiz, from 0 (a resumed quiz asks only part of its session).
    public var position: Int
    /// The display positions chosen, in order.
    public var chosen: [Int]
    public var isCorrect: Bool
    /// Seconds from showing the question to the graded answer.
    public var seconds: Double
    /// Whether an earlier attempt at this question was refused (a wrong number of letters, not an option).
    public var retried: Bool
    /// Whether the question came back after a wrong answer earlier in the quiz (a relearning step).
    public var isRepeat: Bool

    public var questionID: String { presented.question.id }

    public init(presented: PresentedQuestion, position: Int, chosen: [Int], isCorrect: Bool, seconds: Double, retried: Bool,
                isRepeat: Bool = false) {
        self.presented = presented
        self.position = position
        self.chosen = chosen
        self.isCorrect = isCorrect
        self.seconds = seconds
        self.retried = retried
        self.isRepeat = isRepeat
    }
}

/// The interactive quiz: shows questions from a `QuizSession`, reads answers from the terminal's reader,
/// and prints feedback. Presentation only: grading and the key stay in the session.
///
/// Every piece of bank text passes through `TextSanitizer.clean` before it is written, so a bank
/// cannot send control sequences to the terminal.
public struct QuizLoop {
    /// Words accepted at the answer prompt and after the feedback (also offered for tab completion).
    public static let commands = ["help", "skip", "flag", "explain", "verify", "quit"] + RatingChoice.words

    public private(set) var session: QuizSession
    let terminal: Terminal
    /// Called with each graded answer before the feedback is shown (the progress store saves it there). A
    /// thrown error ends the quiz with a message, so no answer is lost silently.
    public var onGraded: ((GradedAnswer) throws -> Void)?
    /// Called when the learner flags or unflags a question (the store keeps flags for `iamquiz review`).
    public var onFlag: ((PresentedQuestion, Bool) throws -> Void)?
    /// Called when the learner rates the answer given last (`guess`, `again`, `hard`, `good`, `easy`), once the
    /// choice is known to apply to it; the recorder schedules the question again with it.
    public var onRate: ((RatingChoice) throws -> Void)?
    /// True when an answer could not be saved: the quiz ended there, and the command exits with 1.
    public private(set) var saveFailed = false
    /// The ids of questions flagged for review, shown in the header.
    public var flagged: Set<String> = []
    /// The feedback of the latest graded answer, for `explain`.
    var lastFeedback: Feedback?
    /// The latest graded question as shown, for `verify`.
    var lastPresented: PresentedQuestion?
    /// The latest graded answer, for a rating typed after it.
    var lastGraded: GradedAnswer?
    /// Runs the scenario of a question and returns the lines to show (nil when it has none); set by
    /// ``verifyWith(_:)``.
    public var onVerify: ((PresentedQuestion) -> [String]?)?
    /// Whether `verify` has evidence for a question without a scenario (a drill); set by ``verifyWith(evidence:covers:)``.
    var hasEvidence: ((Question) -> Bool)?

    public init(session: QuizSession, terminal: Terminal) {
        self.session = session
        self.terminal = terminal
    }

    /// Runs the quiz and closes the recorder's session when every question was answered or skipped.
    /// Returns the exit status: 1 when an answer could not be saved, 128 + N after the stop signal N, else 0.
    public mutating func run(intro: String, recorder: StudyRecorder) throws -> Int32 {
        if run(intro: intro) { try recorder.finish() }
        return exitStatus
    }

    /// The exit status of the quiz run last: 1 when an answer could not be saved, 128 + N after the stop
    /// signal N, else 0 (also when the learner ended it early).
    public var exitStatus: Int32 {
        saveFailed ? 1 : terminal.exitStatus
    }

    /// Runs the quiz; returns true when every question was answered or skipped (not stopped early).
    @discardableResult
    public mutating func run(intro: String) -> Bool {
        say(style.bold(intro) + " " + style.dim("Type the letters of your answer; ? for help, q to quit."))
        var stoppedEarly = false
        questions: while let presented = session.current {
            show(presented)
            let position = session.index
            let isRepeat = session.isRepeat
            let shownAt = terminal.clock()
            var retried = false
            while true {
                if terminal.interrupts.wasInterrupted {
                    stoppedEarly = true
                    break questions
                }
                let required = presented.answersRequired
                let prompt = "Your answer" + (required == 1 ? "" : " (choose \(required))") + ": "
                let input: String
                switch terminal.reader.readLine(prompt: prompt) {
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
                    toggleFlag(presented)
                    continue
                case "verify", "v":
                    // Only the question already answered: running the current one's scenario would give the key away.
                    if verifyLast() { show(presented) }
                    continue
                case "explain", "e":
                    // Only the question already answered: the current one's key stays hidden.
                    if explainLast() { show(presented) }
                    continue
                case let word where RatingChoice(word: word) != nil:
                    if let choice = RatingChoice(word: word) { rate(choice) }
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
                    let answer = GradedAnswer(presented: presented, position: position,
                                              chosen: feedback.rows.indices.filter { feedback.rows[$0].wasChosen },
                                              isCorrect: feedback.isCorrect, seconds: terminal.clock() - shownAt, retried: retried,
                                              isRepeat: isRepeat)
                    if let onGraded {
                        do {
                            try onGraded(answer)
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
                    lastGraded = answer
                    if !afterFeedback(answer) {
                        stoppedEarly = true
                        break questions
                    }
                    continue questions
                }
            }
        }
        if !stoppedEarly, !terminal.isInteractive { offerLastScenario() }
        // Stopping with only repeats of missed questions left still finishes the quiz: each question was asked.
        finish(stoppedEarly: stoppedEarly && !session.everyQuestionAsked)
        return session.everyQuestionAsked
    }

    /// After the last question, when it has a scenario (or evidence, ``hasEvidence``), `verify` (and `explain`)
    /// can still be typed before the score; an empty line or the end of input goes on.
    private func offerLastScenario() {
        guard let lastPresented, lastPresented.question.scenario != nil || hasEvidence?(lastPresented.question) == true,
              onVerify != nil else { return }
        while !terminal.interrupts.wasInterrupted {
            guard case .line(let line) = terminal.reader.readLine(prompt: "verify to run its scenario, explain, or Enter for the score: ") else { return }
            switch line.trimmingCharacters(in: .whitespaces).lowercased() {
            case "verify", "v":
                page(onVerify?(lastPresented) ?? [])
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

    func show(_ presented: PresentedQuestion) {
        let score = session.score
        renderer.question(presented, number: session.number, of: session.questions.count,
                          status: "score \(score.correct)/\(score.answered)" + (session.isRepeat ? " · asked again" : "")
                              + (flagged.contains(presented.question.id) ? " · flagged" : ""))
    }

    func showFeedback(_ f: Feedback) {
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
        if session.repeatsAnswered > 0 {
            say("Missed questions asked again: \(session.repeatsAnswered), \(session.repeatsRight) right"
                + style.dim(" (the score counts each question's first answer)."))
        }
    }

    private func helpText(required: Int) -> String {
        """
        Type the letter\(required == 1 ? "" : "s") of your answer\(required == 1 ? "" : " (\(required) letters)"): \
        b, a c, a,c or ac (case does not matter).
          skip     move on without answering
          flag     flag or unflag this question: `iamquiz review` brings flagged questions back
          explain  show the explanation of the question answered last again
          verify   run the scenario of the question answered last, with its trace
          guess    the answer given last was right by luck: it comes back soon (the score keeps it right)
          again, hard, good, easy
                   rate the answer given last yourself, in place of the automatic rating
          q        end the quiz and show the score (Ctrl-D too); `iamquiz resume` continues it
          ?        this help
        """
    }

    // MARK: - Text

    var style: Style { terminal.style }

    private var renderer: QuestionRenderer { QuestionRenderer(terminal: terminal) }

    func say(_ text: String) {
        terminal.say(text)
    }

    /// Shows long output (a scenario's trace) through the terminal's pager.
    func page(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        // Wrapped as `say` wraps: a trace read in the pager keeps its hanging indents and whole ARNs.
        terminal.page(lines.map { TextWrapper.wrapLines($0, width: terminal.width).joined(separator: "\n") + "\n" }.joined())
    }

    /// Saves each graded answer and flag through `recorder`; `positions[i]` is the session position of the
    /// loop's question `i` (a resumed session asks only some of its questions).
    public mutating func record(with recorder: StudyRecorder, positions: [Int]? = nil) throws {
        flagged = Set(try recorder.store.flaggedQuestions())
        onGraded = { answer in
            try recorder.record(answer.presented, chosenDisplay: answer.chosen, correct: answer.isCorrect, seconds: answer.seconds,
                                retried: answer.retried, isRepeat: answer.isRepeat,
                                position: positions?[answer.position] ?? answer.position)
        }
        onRate = { choice in try recorder.rate(choice) }
        onFlag = { presented, flag in try recorder.store.setQuestionFlagged(flag, questionID: presented.question.id) }
    }

    /// Lets `verify` run scenarios: `library(id)` holds the scenario `id` (the built-in one, or the bank
    /// folder's), loaded when a question that names it is first verified, and kept.
    public mutating func verifyWith(_ library: @escaping (String) -> ScenarioLibrary) {
        let style = self.style
        var loaded: [String: ScenarioLibrary] = [:]
        onVerify = { presented in
            guard let id = presented.question.scenario else { return nil }
            if loaded[id] == nil { loaded[id] = library(id) }
            return QuizVerification.lines(for: presented, library: loaded[id] ?? ScenarioLibrary(), style: style)
        }
    }
}
