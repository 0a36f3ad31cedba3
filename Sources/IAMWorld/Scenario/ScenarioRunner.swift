import Foundation
import IAMPolicy

/// What running a scenario gave: each step's result and whether it met its expectation.
public struct ScenarioRun: Sendable {
    public struct StepResult: Sendable {
        public var step: Step
        public var result: CommandResult
        /// Nil when the step states no expectation.
        public var met: Bool?
    }

    public var scenario: Scenario
    public var steps: [StepResult]

    /// True when every step with an expectation met it.
    public var passed: Bool { steps.allSatisfy { $0.met ?? true } }

    /// The steps whose expectation failed.
    public var failures: [StepResult] { steps.filter { $0.met == false } }

    /// The result of a step by name or `#N`.
    public func result(of reference: String) -> StepResult? {
        guard let step = scenario.step(named: reference) else { return nil }
        // Steps run in order, so step N's result is usually at N - 1 (`check` asks thousands of times).
        let index = step.number - 1
        if steps.indices.contains(index), steps[index].step.number == step.number { return steps[index] }
        return steps.first { $0.step.number == step.number }
    }
}

/// Runs a scenario's steps in order on a fresh sandbox of its world.
public enum ScenarioRunner {
    public static func run(_ scenario: Scenario) -> ScenarioRun {
        var sandbox = Sandbox(world: scenario.world)
        var results: [ScenarioRun.StepResult] = []
        for step in scenario.steps {
            let result = sandbox.run(step.command)
            results.append(ScenarioRun.StepResult(step: step, result: result, met: step.expect.map { $0.matches(result.outcome) }))
        }
        return ScenarioRun(scenario: scenario, steps: results)
    }
}
