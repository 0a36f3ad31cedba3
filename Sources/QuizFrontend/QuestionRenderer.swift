import Foundation
import QuizBank
import QuizEngine
import TerminalUI

/// Draws questions and feedback, for the quiz and the exam. Every piece of bank text passes through
/// `TextSanitizer.clean`, so a bank cannot send control sequences to the terminal.
///
/// Prose is wrapped to the terminal's prose width with hanging indents (an option's text under its text, not
/// under its letter); every line then goes through ``Terminal/say(_:)``, which wraps what is still wider
/// than the display, such as the question header on a narrow terminal.
struct QuestionRenderer {
    let terminal: Terminal

    init(terminal: Terminal) {
        self.terminal = terminal
    }

    var style: Style { terminal.style }

    /// The stem and the options in display order, under a header line. Nothing here may hint at the key:
    /// the header gives the position and the level, and the topics wait for the feedback.
    func question(_ presented: PresentedQuestion, number: Int, of total: Int, status: String) {
        let q = presented.question
        say("")
        say(style.dim(TextSanitizer.clean(PresentedQuestion.header(number: number, of: total, level: q.level)) + "  " + status))
        stem(q)
        say("")
        for (i, option) in presented.options.enumerated() {
            let label = "\(AnswerInput.label(i)). "
            say(wrap(TextSanitizer.clean(option.text), indent: "  " + label, subsequent: "     "))
        }
        say("")
    }

    /// The stem's paragraphs, and its lists one item a line under a bullet, wrapped lines hanging under
    /// the item's text.
    func stem(_ q: Question) {
        let blocks = q.stemBlocks
        for (i, block) in blocks.enumerated() {
            // A block of lines as written (a policy) stands apart, with the paragraph that heads it.
            let heading = i + 1 < blocks.count && blocks[i + 1].isCode
            if i > 0, !block.isCode, heading || blocks[i - 1].isCode { say("") }
            switch block {
            case .paragraph(let text):
                say(wrap(TextSanitizer.clean(text)))
            case .list(let items):
                for item in items { say(wrap(TextSanitizer.clean(item), indent: "  • ", subsequent: "    ")) }
            case .code(let lines):
                // As written, two spaces in; a line too long for the screen wraps under its own indentation.
                for line in lines {
                    let clean = TextSanitizer.clean(line)
                    let content = clean.drop { $0 == " " }
                    let indent = "  " + String(repeating: " ", count: clean.count - content.count)
                    say(content.isEmpty ? "" : wrap(String(content), indent: indent, subsequent: indent + "  "))
                }
            }
        }
    }

    /// Right or wrong, the key, and every option's explanation with the learner's choice marked.
    func feedback(_ f: Feedback) {
        let correct = f.correct.map(String.init).joined(separator: ", ")
        if f.isCorrect {
            say(style.green(style.bold("✓ Correct.")) + " The answer is \(correct).")
        } else if f.chosen.isEmpty {
            say(style.red(style.bold("✗ Not answered.")) + " The answer is \(correct).")
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
            say(wrap(why, indent: "     \(verdict): ", subsequent: "     "))
            if let note = row.note {
                say(style.dim(wrap("Note: " + TextSanitizer.clean(note), indent: "     ", subsequent: "     ")))
            }
        }
        let q = f.question
        if let explanation = q.explanation {
            say("")
            for (i, paragraph) in paragraphs(explanation).enumerated() {
                say(wrap(paragraph, indent: i == 0 ? style.bold("Explanation: ") : "", subsequent: ""))
            }
        }
        for text in q.changed {
            say(wrap(TextSanitizer.clean(text), indent: style.bold("Changed: "), subsequent: ""))
        }
        for text in q.disputed {
            say(wrap(TextSanitizer.clean(text), indent: style.bold("Disputed: "), subsequent: ""))
        }
        for reference in q.references {
            // A reference is a link to follow, not prose: it may use the full width, and stays whole.
            let lines = TextWrapper.wrap("See " + TextSanitizer.clean(reference), width: terminal.width, subsequentIndent: "    ")
            say(style.dim(lines.joined(separator: "\n")))
        }
        // The id, so that a learner can name the question (`iamquiz show ID`, a report of a bad question); only
        // after grading, since an id may hint at the answer.
        let topics = q.topics.isEmpty ? "" : "Topics: " + TextSanitizer.clean(q.topics.joined(separator: ", ")) + " · "
        say(style.dim(wrap(topics + "id: " + TextSanitizer.clean(q.id), subsequent: q.topics.isEmpty ? "" : "        ")))
    }

    func say(_ text: String) {
        terminal.say(text)
    }

    func paragraphs(_ text: String) -> [String] {
        TextSanitizer.clean(text).components(separatedBy: "\n\n")
    }

    /// Wraps cleaned prose to the prose width, the first line after `indent` (which may hold style codes:
    /// they take no room) and the others after `subsequent`.
    func wrap(_ text: String, indent: String = "", subsequent: String = "") -> String {
        let lines = TextWrapper.wrap(text, width: terminal.proseWidth, indent: indent, subsequentIndent: subsequent)
        return lines.isEmpty ? indent : lines.joined(separator: "\n")
    }
}
