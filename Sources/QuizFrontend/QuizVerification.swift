import Foundation
import IAMWorld
import QuizBank
import QuizEngine
import TerminalUI

/// `verify` in the quiz: runs the scenario of an answered question and says which step backs each option,
/// with the options lettered as they were shown.
enum QuizVerification {
    /// The scenario's steps on one line each (the linked ones marked with their option letters), then for
    /// each option its step's outcome, verdict and trace: the whole run is context, the linked steps are
    /// the proof.
    static func lines(for presented: PresentedQuestion, library: ScenarioLibrary, style: Style) -> [String]? {
        let question = presented.question
        guard let id = question.scenario else { return nil }
        guard let scenario = library.scenarios[id] else {
            return [style.yellow("The scenario `\(TextSanitizer.clean(id))` of this question is not available.")]
        }
        let run = ScenarioRunner.run(scenario)
        var letters: [Int: [Character]] = [:]  // step number -> option letters linked to it
        for (display, bankIndex) in presented.order.enumerated() {
            guard let reference = question.options[bankIndex].verify, let step = run.result(of: reference) else { continue }
            letters[step.step.number, default: []].append(AnswerInput.label(display))
        }
        var lines = [style.bold("scenario \(scenario.id)") + (scenario.title.map { ": " + TextSanitizer.clean($0) } ?? "")]
        for r in run.steps {
            let mark = letters[r.step.number].map { " ← option " + $0.map(String.init).joined(separator: ", ") } ?? ""
            lines.append(String(format: "%3d ", r.step.number) + TextSanitizer.clean(r.step.commandText) + "  " + r.result.outcome.description
                + (mark.isEmpty ? "" : style.bold(mark)))
        }
        for (display, bankIndex) in presented.order.enumerated() {
            guard let reference = question.options[bankIndex].verify, let step = run.result(of: reference) else { continue }
            let works = step.result.outcome.works
            let right = question.rightWhen.isRight(step.result.outcome)
            lines.append("")
            lines.append(style.bold("Option \(AnswerInput.label(display))") + ": step \(TextSanitizer.clean(step.step.label)) "
                + "\(works ? "works" : "fails") (\(step.result.outcome)), so it is " + (right ? style.green("right") : style.red("wrong")) + ".")
            if let note = step.step.note { lines.append(style.dim("  note: " + TextSanitizer.clean(note))) }
            lines += step.result.lines.map { "  " + TextSanitizer.clean($0) }
            if let evaluation = step.result.evaluation {
                lines += Sandbox.traceLines(evaluation, reasons: !step.result.linesCarryReasons).map { "  " + TextSanitizer.clean($0) }
            }
        }
        return lines
    }
}
