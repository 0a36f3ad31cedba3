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
    static let commands = ["help", "skip", "quit"]

    var session: QuizSession
    let reader: any LineReader
    let style: Style
    let width: Int
    let write: (String) -> Void

    mutating func run(intro: String) {
        say(style.bold(intro) + " " + style.dim("Type the letters of your answer; ? for help, q to quit."))
        var stoppedEarly = false
        questions: while let presented = session.current {
            show(presented)
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
                default:
                    break
                }
                switch session.submit(input) {
                case .invalid(let problem):
                    say(style.yellow(TextSanitizer.clean(problem.description)))
                case .wrongCount(let expected, let given):
                    say(style.yellow("This question asks for \(expected) answer\(expected == 1 ? "" : "s"); you gave \(given). Nothing was graded: try again."))
                case .graded(let feedback):
                    showFeedback(feedback)
                    continue questions
                }
            }
        }
        finish(stoppedEarly: stoppedEarly && !session.isFinished)
    }

    // MARK: - Rendering

    private func show(_ presented: PresentedQuestion) {
        let q = presented.question
        let score = session.score
        var header = "Question \(session.number) of \(session.questions.count) · \(q.level.rawValue)"
        if !q.topics.isEmpty { header += " · " + q.topics.joined(separator: ", ") }
        let tally = "score \(score.correct)/\(score.answered)"
        say("")
        say(style.dim(TextSanitizer.clean(header) + "  " + tally))
        for paragraph in paragraphs(q.stem) {
            say(wrap(paragraph))
        }
        say("")
        for (i, option) in presented.options.enumerated() {
            let label = "\(AnswerInput.label(i)). "
            say(wrap(TextSanitizer.clean(option.text), indent: "  " + label, subsequent: "     "))
        }
        say("")
    }

    private func showFeedback(_ f: Feedback) {
        let correct = f.correct.map(String.init).joined(separator: ", ")
        if f.isCorrect {
            say(style.green(style.bold("✓ Correct.")) + " The answer is \(correct).")
        } else {
            let chosen = f.chosen.map(String.init).joined(separator: ", ")
            say(style.red(style.bold("✗ Wrong.")) + " You chose \(chosen); the answer is \(correct).")
        }
        say("")
        for row in f.rows {
            var verdict = row.isCorrect ? style.green("✓ right") : style.red("✗ wrong")
            if row.wasChosen { verdict += style.bold(" · your choice") }
            say(wrap(TextSanitizer.clean(row.text), indent: "  \(row.label). ", subsequent: "     "))
            let why = row.why.map { TextSanitizer.clean($0) } ?? "(no explanation in the bank)"
            say(wrap(why, indent: "     \(verdict): ", subsequent: "     ", prefixWidth: 5 + (row.isCorrect ? 7 : 7) + (row.wasChosen ? 14 : 0) + 2))
            if let note = row.note {
                say(style.dim(wrap("Note: " + TextSanitizer.clean(note), indent: "     ", subsequent: "     ")))
            }
        }
        let q = f.question
        if let explanation = q.explanation {
            say("")
            for (i, paragraph) in paragraphs(explanation).enumerated() {
                say(wrap(paragraph, indent: i == 0 ? style.bold("Explanation: ") : "", subsequent: "", prefixWidth: i == 0 ? 13 : 0))
            }
        }
        for text in q.changed {
            say(wrap(TextSanitizer.clean(text), indent: style.bold("Changed: "), subsequent: "", prefixWidth: 9))
        }
        for text in q.disputed {
            say(wrap(TextSanitizer.clean(text), indent: style.bold("Disputed: "), subsequent: "", prefixWidth: 10))
        }
        for reference in q.references {
            say(style.dim("See " + TextSanitizer.clean(reference)))
        }
    }

    private func finish(stoppedEarly: Bool) {
        let s = session.score
        say("")
        if stoppedEarly {
            say("Quiz ended after \(s.answered + s.skipped) of \(s.total) question\(s.total == 1 ? "" : "s").")
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
          skip   move on without answering
          q      end the quiz and show the score (Ctrl-D too)
          ?      this help
        """
    }

    // MARK: - Text

    private func say(_ text: String) {
        write(text + "\n")
    }

    private func paragraphs(_ text: String) -> [String] {
        TextSanitizer.clean(text).components(separatedBy: "\n\n")
    }

    /// Wraps cleaned text to the width; `indent` may contain style codes, so `prefixWidth` gives its
    /// visible width when it differs from its length.
    private func wrap(_ text: String, indent: String = "", subsequent: String = "", prefixWidth: Int? = nil) -> String {
        let visible = prefixWidth ?? TextWrapper.displayWidth(indent)
        let pad = String(repeating: " ", count: visible)
        let lines = TextWrapper.wrap(text, width: width, indent: pad, subsequentIndent: subsequent)
        guard let first = lines.first else { return indent }
        return ([indent + first.dropFirst(visible)] + lines.dropFirst()).joined(separator: "\n")
    }
}

