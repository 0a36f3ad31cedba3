import IAMPolicy
import IAMWorld
import QuizEngine

/// What decides one option of a drill, for `verify`: the outcome, the request or the steps that tried it, and the
/// evaluation trace behind it, all computed again from the drill (nothing is taken from the key).
public struct DrillEvidence: Sendable, Equatable {
    /// The outcome (`allowed`, `explicitDeny`, `ok`, an AWS error code...).
    public var outcome: String
    /// Whether the outcome makes the option right for the drill's ask.
    public var right: Bool
    /// The request evaluated, or the scenario steps run, one a line.
    public var context: [String]
    /// The reasons and what each statement did (``Sandbox/traceLines(_:reasons:)``).
    public var trace: [String]
}

extension GeneratedDrill {
    /// The evidence of each option, in the question's option order: the request evaluated against the drill's
    /// policies, or the drill's scenario run and each option's steps. Nil when the drill's policies or scenario
    /// do not read (a family's bug, which the family tests catch).
    public func evidence() -> [DrillEvidence]? {
        if let scenario { return worldEvidence(scenario) }
        guard let set = DrillPolicies.policySet(policies) else { return nil }
        let evaluator = Evaluator()
        var all: [DrillEvidence] = []
        for option in options {
            guard let request = option.request else { return nil }
            let result = evaluator.evaluate(request.authorizationRequest, policies: set, explain: true)
            var context = ["request: \(request.callerARN) calls \(request.action) on \(request.resource)"]
            context += request.context.map { "  context \($0.name) = \($0.values.joined(separator: ", "))" }
            all.append(DrillEvidence(outcome: result.decision.rawValue, right: ask.isRight(result.decision), context: context,
                                     trace: Sandbox.traceLines(result)))
        }
        return all
    }

    /// Runs the drill's scenario; each option gets the steps of its candidate (`cN-1`... `cN`) and its deciding
    /// step's result and trace.
    private func worldEvidence(_ text: String) -> [DrillEvidence]? {
        guard let parsed = ScenarioParser.parse(text, file: "\(question.id).iqs", baseDirectory: "/").scenario else { return nil }
        let run = ScenarioRunner.run(parsed)
        var all: [DrillEvidence] = []
        for option in options {
            guard let name = option.step, let decided = run.result(of: name) else { return nil }
            let steps = run.steps.filter { $0.step.label == name || $0.step.label.hasPrefix(name + "-") }
            let context = steps.map { "step \($0.step.label): \($0.step.commandText)  → \($0.result.outcome)" }
            var trace = decided.result.lines.map { "  " + $0 }
            if let evaluation = decided.result.evaluation {
                trace += Sandbox.traceLines(evaluation, reasons: !decided.result.linesCarryReasons)
            }
            all.append(DrillEvidence(outcome: "\(decided.result.outcome)", right: ask.isRight(decided.result.outcome), context: context,
                                     trace: trace))
        }
        return all
    }
}
