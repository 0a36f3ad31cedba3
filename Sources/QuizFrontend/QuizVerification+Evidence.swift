import QuizBank
import QuizEngine
import TerminalUI

/// What decides one option of a question that has no bank scenario (a drill), computed by its producer: the
/// outcome, the request or steps behind it, and the evaluation trace.
public struct OptionEvidence: Sendable, Equatable {
    public var outcome: String
    /// Whether that outcome makes the option right.
    public var right: Bool
    /// The request evaluated or the steps run, one a line.
    public var context: [String]
    /// The reasons and what each statement did.
    public var trace: [String]

    /// The evidence of one option, as its producer computed it.
    public init(outcome: String, right: Bool, context: [String], trace: [String]) {
        self.outcome = outcome
        self.right = right
        self.context = context
        self.trace = trace
    }
}

extension QuizVerification {
    /// `verify` for a question backed by per-option evidence: for each option in the order shown, its letter,
    /// outcome and verdict, then the request or steps and the trace. `evidence` is in the question's own option
    /// order; a question whose evidence does not match its options gets nil (nothing to show).
    static func lines(for presented: PresentedQuestion, evidence: [OptionEvidence], title: String, style: Style) -> [String]? {
        guard evidence.count == presented.question.options.count else { return nil }
        var lines = [style.bold(TextSanitizer.clean(title))]
        for (display, index) in presented.order.enumerated() {
            let e = evidence[index]
            lines.append("")
            lines.append(style.bold("Option \(AnswerInput.label(display))") + ": \(TextSanitizer.clean(e.outcome)), so it is "
                + (e.right ? style.green("right") : style.red("wrong")) + ".")
            lines += e.context.map { "  " + TextSanitizer.clean($0) }
            lines += e.trace.map { "  " + TextSanitizer.clean($0) }
        }
        return lines
    }
}

extension QuizLoop {
    /// Lets `verify` show, for the questions `covers` names (drills), each option's evidence; other questions
    /// keep the verification set before (a bank scenario, ``verifyWith(_:)``).
    public mutating func verifyWith(evidence: @escaping (Question) -> (title: String, options: [OptionEvidence])?,
                                    covers: @escaping (Question) -> Bool) {
        let style = self.style
        hasEvidence = covers
        let fallback = onVerify
        onVerify = { presented in
            guard let found = evidence(presented.question) else { return fallback?(presented) }
            return QuizVerification.lines(for: presented, evidence: found.options, title: found.title, style: style)
        }
    }
}
