import Foundation
import QuizBank
import QuizEngine
import TerminalUI

/// One question with its key and every explanation, for `iamquiz show ID`.
///
/// For someone who names a question (a learner reporting a bad one, an instructor checking an edit), not
/// for studying: the key is given at once, and the options keep the bank's order and letters, the letters
/// that `answer:`, `stats --question` and `check` use. Bank text goes through `TextSanitizer.clean`, wrapped
/// as the quiz wraps it.
public struct QuestionSheet {
    private let renderer: QuestionRenderer

    /// A sheet that writes to `terminal`, at its width and with its colours.
    public init(terminal: Terminal) {
        renderer = QuestionRenderer(terminal: terminal)
    }

    /// Writes `q`: its id, level, topics and source place; the stem; each option with its verdict, why and
    /// the scenario step that verifies it; the key; the explanation, changes, disputes, references, the
    /// scenario and where the question came from.
    public func show(_ q: Question) {
        let style = renderer.style
        let topics = q.topics.isEmpty ? "" : " · " + TextSanitizer.clean(q.topics.joined(separator: ", "))
        renderer.say(style.bold(TextSanitizer.clean(q.id)) + style.dim(" · \(q.level.rawValue)" + topics))
        if let place = Self.place(q.position) { renderer.say(style.dim(TextSanitizer.clean(place))) }
        renderer.say("")
        renderer.stem(q)
        renderer.say("")
        let key = Set(q.key.indices)
        for (index, option) in q.options.enumerated() {
            let label = OptionLetter.letter(index)
            renderer.say(renderer.wrap(TextSanitizer.clean(option.text), indent: "  \(label). ", subsequent: "     "))
            if case .unkeyed = q.key {} else {
                let verdict = key.contains(index) ? style.green("✓ right") : style.red("✗ wrong")
                let why = option.why.map { TextSanitizer.clean($0) } ?? "(no explanation in the bank)"
                renderer.say(renderer.wrap(why, indent: "     \(verdict): ", subsequent: "     "))
            }
            if let note = option.note {
                renderer.say(style.dim(renderer.wrap("Note: " + TextSanitizer.clean(note), indent: "     ", subsequent: "     ")))
            }
            if let step = option.verify {
                renderer.say(style.dim("     verified by step `\(TextSanitizer.clean(step))` of the scenario"))
            }
        }
        renderer.say("")
        switch q.key {
        case .options(let indices):
            renderer.say(style.bold("Answer: ") + indices.map { OptionLetter.letter($0) }.joined(separator: ", ")
                + style.dim(" (bank letters: a quiz shuffles the options and letters them as shown)"))
        case .unkeyed:
            renderer.say(style.bold("Answer: ") + "not keyed yet (`answer: ?`): quizzes leave the question out")
        }
        if let explanation = q.explanation {
            for (i, paragraph) in renderer.paragraphs(explanation).enumerated() {
                renderer.say(renderer.wrap(paragraph, indent: i == 0 ? style.bold("Explanation: ") : "", subsequent: ""))
            }
        }
        for text in q.changed {
            renderer.say(renderer.wrap(TextSanitizer.clean(text), indent: style.bold("Changed: "), subsequent: ""))
        }
        for text in q.disputed {
            renderer.say(renderer.wrap(TextSanitizer.clean(text), indent: style.bold("Disputed: "), subsequent: ""))
        }
        for reference in q.references {
            renderer.say(style.dim("See " + TextSanitizer.clean(reference)))
        }
        if let scenario = q.scenario {
            let verified = q.hasVerifiedOptions ? ", whose steps verify the options marked above" : ""
            renderer.say("Scenario: `\(TextSanitizer.clean(scenario))`\(verified)")
        }
        if let source = q.source {
            renderer.say(style.dim(renderer.wrap("Source: " + TextSanitizer.clean(source), subsequent: "        ")))
        }
    }

    /// `file:line` of a question, or the file alone; nil when unknown.
    static func place(_ position: SourcePosition) -> String? {
        guard !position.file.isEmpty else { return nil }
        return position.location.map { "\(position.file):\($0.line)" } ?? position.file
    }
}
