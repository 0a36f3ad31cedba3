import Diagnostics
import Foundation
import QuizBank
import QuizEngine
import TerminalUI

/// The interactive exam: questions without feedback, flags and navigation, a time limit, and the graded
/// result with explanations only at the end.
public struct ExamLoop {
    public static let commands = ["flag", "next", "prev", "go", "list", "finish", "help"]

    public private(set) var exam: ExamSession
    let terminal: Terminal
    let renderer: QuestionRenderer
    /// The terminal's clock when the loop was made, less the seconds already spent then.
    private let origin: Double
    /// Called as soon as an answer is given (position, display positions, seconds so far) and when a flag
    /// changes, so that the progress store keeps the exam as it goes. A thrown error ends the exam.
    public var onAnswer: ((Int, [Int], Double) throws -> Void)?
    public var onFlag: ((Int, Bool) throws -> Void)?
    /// True when an answer or a flag could not be saved: the exam stopped ungraded, and the command exits 1.
    public private(set) var saveFailed = false
    /// Called after every command with the exam clock (seconds spent), so a resumed exam keeps its time.
    public var onClock: ((Double) throws -> Void)?

    /// An exam on `terminal` whose timer goes on from `spent` seconds (a resumed exam's time, or what its
    /// recorder's clock has counted so far).
    public init(exam: ExamSession, terminal: Terminal, spent: Double = 0) {
        self.exam = exam
        self.terminal = terminal
        renderer = QuestionRenderer(terminal: terminal)
        origin = terminal.clock() - spent
    }

    /// Seconds spent in the exam so far, on the terminal's clock.
    private func clock() -> Double {
        terminal.clock() - origin
    }

    private var style: Style { terminal.style }

    /// Runs the exam with `recorder` saving it as it goes, and grades it into the progress store at the
    /// end. Returns the exit status: 1 when something could not be saved, 128 + N after the stop signal N
    /// (the exam is then left to `iamquiz resume`), else 0.
    public mutating func run(intro: String, recorder: ExamRecorder) throws -> Int32 {
        onAnswer = { index, chosen, seconds in try recorder.saveAnswer(chosen, seconds: seconds, at: index) }
        onFlag = { index, flagged in try recorder.saveFlag(flagged, at: index) }
        onClock = { _ in try recorder.saveClock() }
        recorder.startClock()
        let outcome = run(intro: intro)
        try? recorder.stopClock()
        // Without a result and with every save made, a stop signal ended the exam (SIGTERM, if it is not known which).
        guard let result = outcome else { return saveFailed ? 1 : 128 + (terminal.interrupts.stopSignal ?? 15) }
        try recorder.record(result, of: exam)
        return 0
    }

    /// Runs the exam; returns its result, or nil when a stop signal (SIGTERM, SIGHUP) or a failed save
    /// ended it: then what could be saved is, and the exam is left to `iamquiz resume`, ungraded.
    public mutating func run(intro: String) -> ExamResult? {
        renderer.say(style.bold(intro))
        renderer.say(style.dim("Nothing about correctness is shown until the end. Commands: flag, next, prev, go N, list, finish, ? for help."))
        var lastShown = -1
        var shownAt = clock()
        while let presented = exam.current {
            if let limit = exam.timeLimit, clock() >= limit {
                renderer.say(style.yellow("Time is up."))
                break
            }
            if exam.position != lastShown {
                renderer.question(presented, number: exam.position + 1, of: exam.items.count, status: status())
                lastShown = exam.position
                shownAt = clock()
            }
            let required = presented.answersRequired
            let prompt = "Answer" + (required == 1 ? "" : " (choose \(required))") + ": "
            let input: String
            switch terminal.reader.readLine(prompt: prompt) {
            case .interrupted where terminal.interrupts.stopSignal != nil:
                return stopped()
            case .endOfInput, .interrupted:
                renderer.say("")
                return finish()
            case .line(let line):
                input = line.trimmingCharacters(in: .whitespaces)
            }
            if terminal.interrupts.stopSignal != nil { return stopped() }
            if terminal.interrupts.wasInterrupted { return finish() }
            if let limit = exam.timeLimit, clock() >= limit {
                renderer.say(style.yellow("Time is up; what was typed after the limit is not recorded."))
                break
            }
            defer {
                do { try onClock?(clock()) } catch {
                    renderer.say(style.red("error: the exam clock could not be saved: \(TextSanitizer.clean(String(describing: error)))"))
                }
            }
            let words = input.lowercased().split(separator: " ")
            switch words.first.map(String.init) ?? "" {
            case "":
                continue
            case "?", "help":
                renderer.say(helpText)
            case "flag", "f":
                exam.toggleFlag()
                let flagged = exam.items[exam.position].flagged
                do {
                    try onFlag?(exam.position, flagged)
                } catch {
                    exam.toggleFlag()
                    saveFailed = true
                    renderer.say(style.red("error: the flag could not be saved: \(TextSanitizer.clean(String(describing: error)))"))
                    renderer.say("The exam stops here, ungraded; its answers are saved. `iamquiz resume` continues it.")
                    return nil
                }
                renderer.say(flagged ? "Flagged." : "Flag removed.")
            case "next", "n":
                move(to: exam.position + 1, since: shownAt)
            case "prev", "p":
                move(to: exam.position - 1, since: shownAt)
            case "go", "g":
                if words.count == 2, let n = Int(words[1]) {
                    move(to: n - 1, since: shownAt)
                } else {
                    renderer.say(style.yellow("Type `go N` with a question number from 1 to \(exam.items.count)."))
                }
            case "list", "l":
                listQuestions()
            case "explain", "verify", "skip":
                // Practice words: in an exam, nothing about correctness comes before the end.
                renderer.say(style.yellow(words.first == "skip"
                    ? "In an exam, `next` moves on without answering."
                    : "Explanations come with the results, after `finish`: nothing about correctness is shown before."))
            case "finish", "submit", "q", "quit":
                if !exam.unansweredPositions.isEmpty {
                    renderer.say(style.yellow("\(exam.unansweredPositions.count) question(s) unanswered; they count as wrong."))
                }
                return finish()
            default:
                let answeredPosition = exam.position
                let before = exam.items[answeredPosition]
                let outcome = exam.answer(input, seconds: clock() - shownAt)
                switch outcome {
                case .recorded:
                    let item = exam.items[answeredPosition]
                    do {
                        try onAnswer?(answeredPosition, item.answer ?? [], item.seconds)
                    } catch {
                        // Not graded on what the store does not hold: the exam stays as saved, for `resume`.
                        exam.restore(before, at: answeredPosition)
                        saveFailed = true
                        renderer.say(style.red("error: your answer could not be saved: \(TextSanitizer.clean(String(describing: error)))"))
                        renderer.say("The exam stops here, ungraded; the answers before it are saved. `iamquiz resume` continues it.")
                        return nil
                    }
                    // The exam stays on the last question once all are answered; say what is left.
                    if exam.position == lastShown {
                        let left = exam.unansweredPositions
                        renderer.say(left.isEmpty
                            ? "Recorded. Every question is answered: `finish` to submit, or `go N` to revisit."
                            : "Recorded. Unanswered: " + left.map { String($0 + 1) }.joined(separator: ", ") + ".")
                        shownAt = clock()
                    }
                case .invalid(let problem):
                    renderer.say(style.yellow(TextSanitizer.clean(problem.description)))
                case .wrongCount(let expected, let given):
                    renderer.say(style.yellow("This question asks for \(counted(expected, "answer")); you gave \(given). Nothing was recorded."))
                }
            }
        }
        return finish()
    }

    private mutating func move(to index: Int, since shownAt: Double) {
        guard exam.items.indices.contains(index) else {
            renderer.say(style.yellow("There is no question \(index + 1); the exam has \(exam.items.count)."))
            return
        }
        exam.spend(clock() - shownAt)
        exam.go(to: index)
    }

    private func status() -> String {
        var parts = ["answered \(exam.answeredCount)/\(exam.items.count)"]
        if let limit = exam.timeLimit {
            let left = max(0, Int(limit - clock()))
            parts.append(String(format: "time left %d:%02d", left / 60, left % 60))
        }
        if exam.items[exam.position].flagged { parts.append("flagged") }
        return parts.joined(separator: " · ")
    }

    private func listQuestions() {
        for (i, item) in exam.items.enumerated() {
            let mark = item.answer == nil ? "unanswered" : "answered"
            renderer.say("  \(i + 1). \(mark)\(item.flagged ? " · flagged" : "")")
        }
    }

    private var helpText: String {
        """
        Type the letters of your answer (b, a c, ac). Answers can be changed until you finish.
          flag       flag or unflag this question      list    the state of every question
          next/prev  move without answering            go N    jump to question N
          finish     submit the exam (Ctrl-D too)
        """
    }

    /// Saves the clock (the answers are saved as they are given) and leaves the exam open for `resume`.
    private func stopped() -> ExamResult? {
        do { try onClock?(clock()) } catch {}
        renderer.say("\nThe exam was stopped; its answers and time are saved. `iamquiz resume` continues it.")
        return nil
    }

    private mutating func finish() -> ExamResult {
        let result = exam.finish()
        show(result)
        return result
    }

    /// The graded exam as `iamquiz exams show` shows it (summary first, then every question with its
    /// explanations), through the terminal's pager: a full exam's report is thousands of lines.
    private func show(_ result: ExamResult) {
        let report = ExamReport(result: result, of: exam, secondsUsed: clock(), blueprint: nil)
        let items = exam.items
        let text = ExamReportRenderer(terminal: terminal).render(report) { line in
            items.indices.contains(line.position - 1) ? items[line.position - 1].question.question : nil
        }
        terminal.page("\n" + text)
    }
}
