import Diagnostics
import Foundation
import QuizBank
import QuizEngine
import TerminalUI

/// The interactive exam: questions without feedback, flags and navigation, a time limit, and the graded
/// result with explanations only at the end.
///
/// How an exam ends, and why:
/// - `finish` grades it. On a terminal it first asks, with the number unanswered and flagged, since a
///   submitted exam cannot be taken back; piped input (a script) is graded at once.
/// - `q`, Ctrl-C and Ctrl-D leave it ungraded, saved with its answers, flags and time, for `iamquiz resume`
///   (`q` asks first on a terminal). An exam never loses work: the end of piped input leaves it too.
/// - The time limit grades it, also while the learner is idle: the prompt shows the time left and the
///   read ends by itself when it runs out.
/// - SIGTERM and SIGHUP leave it like `q`, with the exit status 128 + N; a failed save stops it, exit 1.
public struct ExamLoop {
    public static let commands = ["flag", "next", "prev", "go", "list", "finish", "quit", "help"]

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
    /// Called with the result as soon as the exam is graded, before the report is shown, so that the grade
    /// is stored even while the learner reads the report in a pager. A thrown error is reported, and the
    /// exam stays open for `iamquiz resume`.
    public var onGraded: ((ExamResult, ExamSession) throws -> Void)?
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
    /// end. Returns the exit status: 1 when something could not be saved, 128 + N after the stop signal N,
    /// else 0 (graded, or left for `iamquiz resume`).
    public mutating func run(intro: String, recorder: ExamRecorder) throws -> Int32 {
        onAnswer = { index, chosen, seconds in try recorder.saveAnswer(chosen, seconds: seconds, at: index) }
        onFlag = { index, flagged in try recorder.saveFlag(flagged, at: index) }
        onClock = { _ in try recorder.saveClock() }
        recorder.startClock()
        // Graded and stored before the report shows: a report read in a pager for minutes is already kept.
        onGraded = { result, exam in try recorder.record(result, of: exam) }
        let outcome = run(intro: intro)
        try? recorder.stopClock()
        guard outcome != nil else {
            if saveFailed { return 1 }
            return terminal.interrupts.stopSignal.map { 128 + $0 } ?? 0
        }
        return saveFailed ? 1 : 0
    }

    /// What the learner did at a prompt.
    private enum Input {
        case line(String)
        /// Ctrl-D, Ctrl-C or the end of piped input: leave, saved.
        case leave
        /// SIGTERM or SIGHUP.
        case stop
        /// The time ran out while waiting.
        case timeUp
    }

    /// Runs the exam; returns its result, or nil when it was left (`q`, Ctrl-C, Ctrl-D, a stop signal) or a
    /// failed save ended it: then what could be saved is, and the exam is left to `iamquiz resume`, ungraded.
    public mutating func run(intro: String) -> ExamResult? {
        renderer.say(style.bold(intro))
        renderer.say(style.dim("Nothing about correctness is shown until the end. Commands: flag, next, prev, go N, list, finish, "
            + "q to leave and resume later, ? for help."))
        var lastShown = -1
        var shownAt = clock()
        while let presented = exam.current {
            if isTimeUp {
                renderer.say(style.yellow("Time is up."))
                break
            }
            if exam.position != lastShown {
                renderer.question(presented, number: exam.position + 1, of: exam.items.count, status: status())
                lastShown = exam.position
                shownAt = clock()
            }
            let required = presented.answersRequired
            let input: String
            switch read("Answer" + (required == 1 ? "" : " (choose \(required))") + ": ", timed: terminal.isInteractive) {
            case .line(let line):
                input = line.trimmingCharacters(in: .whitespaces)
            case let ending:
                return end(by: ending)
            }
            if isTimeUp {
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
            case "finish", "submit":
                let unanswered = exam.unansweredPositions.count
                guard terminal.isInteractive else {
                    if unanswered > 0 {
                        renderer.say(style.yellow("\(unanswered) question(s) unanswered; they count as wrong."))
                    }
                    return finish()
                }
                switch confirm("Submit the exam? \(unanswered) unanswered, \(exam.flaggedPositions.count) flagged. [y/N] ") {
                case .line(let answer) where Self.isYes(answer): return finish()
                case .line: renderer.say("The exam goes on.")
                case let ending: return end(by: ending)
                }
            case "q", "quit", "exit":
                guard terminal.isInteractive else { return leave() }
                switch confirm("Leave the exam? Answers and time are saved; `iamquiz resume` continues it. [y/N] ") {
                case .line(let answer) where Self.isYes(answer): return leave()
                case .line: renderer.say("The exam goes on.")
                case let ending: return end(by: ending)
                }
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

    /// Ends the exam as `input` says when it is not a line: left, stopped, or graded when the time is up.
    private mutating func end(by input: Input) -> ExamResult? {
        switch input {
        case .leave: return leave()
        case .stop: return stopped()
        case .timeUp, .line:  // a line is handled by the caller and never comes here
            renderer.say(style.yellow("Time is up."))
            return finish()
        }
    }

    /// Whether the time limit has passed.
    private var isTimeUp: Bool {
        exam.timeLimit.map { clock() >= $0 } ?? false
    }

    /// Seconds left, or nil without a limit.
    private var secondsLeft: Double? {
        exam.timeLimit.map { $0 - clock() }
    }

    /// Reads a line at `prompt`; with a time limit the read ends by itself when the time is up, and with
    /// `timed` (on a terminal) the prompt starts with the time left, redrawn every second.
    private func read(_ prompt: String, timed: Bool) -> Input {
        let limit = exam.timeLimit
        let (now, origin) = (terminal.clock, origin)
        let live = LivePrompt(text: {
            guard timed, let limit else { return prompt }
            return "[\(Self.clockText(limit - (now() - origin), limit: limit)) left] " + prompt
        }, secondsLeft: { limit.map { $0 - (now() - origin) } })
        switch terminal.reader.readLine(live: live) {
        case .timeUp:
            return .timeUp
        case .input(.interrupted) where terminal.interrupts.stopSignal != nil:
            return .stop
        case .input(.interrupted), .input(.endOfInput):
            return .leave
        case .input(.line(let line)):
            if terminal.interrupts.stopSignal != nil { return .stop }
            if terminal.interrupts.wasInterrupted { return .leave }
            return .line(line)
        }
    }

    /// Asks `question` (a yes/no question) at the prompt; the time limit still applies.
    private func confirm(_ question: String) -> Input {
        let answer = read(question, timed: false)
        if case .line = answer, isTimeUp { return .timeUp }
        return answer
    }

    /// Whether a confirmation was answered yes.
    static func isYes(_ answer: String) -> Bool {
        ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// The time left as the prompt shows it: `1:23:45`, or `12:05` for an exam under an hour (the width
    /// stays the same through the exam, so the prompt does not jump).
    public static func clockText(_ seconds: Double, limit: Double) -> String {
        clockFace(max(0, Int(seconds.rounded(.up))), hours: limit >= 3600)
    }

    /// Whole seconds as `h:mm:ss` with `hours`, else `m:ss` (minutes beyond 59 then stay minutes).
    static func clockFace(_ total: Int, hours: Bool) -> String {
        hours ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
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
            parts.append("time left " + Self.clockText(limit - clock(), limit: limit))
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
          finish     submit the exam and see the results
          q          leave it, saved with its time, for `iamquiz resume` (Ctrl-D and Ctrl-C too)
        """
    }

    /// After a stop signal: saves the clock (the answers are saved as they are given) and leaves the exam
    /// open for `resume`.
    private func stopped() -> ExamResult? {
        do { try onClock?(clock()) } catch {}
        renderer.say("\nThe exam was stopped; its answers and time are saved. `iamquiz resume` continues it.")
        return nil
    }

    /// Leaves the exam ungraded at the learner's request (`q`, Ctrl-C, Ctrl-D): saves the clock, and says
    /// what is kept and how to come back.
    private func leave() -> ExamResult? {
        var saved = true
        do { try onClock?(clock()) } catch {
            saved = false
            renderer.say(style.red("error: the exam clock could not be saved: \(TextSanitizer.clean(String(describing: error)))"))
        }
        let time = secondsLeft.map { ", \(Self.clockText($0, limit: exam.timeLimit ?? 0)) left" } ?? ""
        renderer.say("Exam left: \(exam.answeredCount) of \(exam.items.count) answered, \(exam.flaggedPositions.count) flagged\(time)"
            + (saved ? ", all saved" : "") + ". `iamquiz resume` continues it.")
        return nil
    }

    private mutating func finish() -> ExamResult {
        let result = exam.finish()
        do {
            try onGraded?(result, exam)
        } catch {
            saveFailed = true
            renderer.say(style.red("error: the graded exam could not be saved: \(TextSanitizer.clean(String(describing: error)))"))
            renderer.say("Its answers are saved: `iamquiz resume` brings the exam back to grade it again.")
        }
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
