import Diagnostics
import Foundation
import IAMWorld

/// Checks answer keys against scenarios: each option with `verify:` is run as its scenario step, and the
/// key must select exactly the options whose steps work (or fail, with `right-when: fails`).
///
/// Its codes are `VerificationCode`s.
public struct AnswerVerifier: Sendable {
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic] = []
        /// Questions whose every option is verified and agrees with the key, by scenario id.
        public var verified: [String: [String]] = [:]
        /// Questions with some options verified (all agreeing) but not all.
        public var partlyVerified: [String] = []

        public var verifiedCount: Int { verified.values.reduce(0) { $0 + $1.count } }
    }

    public let library: ScenarioLibrary

    public init(library: ScenarioLibrary) {
        self.library = library
    }

    /// Runs every scenario the questions name (each once) and checks every linked option; the scenarios
    /// named in `alsoRun` run too, so their own expectations are checked even when no question links them.
    public func verify(_ questions: [Question], alsoRun: [String] = []) -> Report {
        var report = Report()
        // Every scenario is run once, all of them at the same time on the machine's cores.
        let scenarios = library.scenarios
        let needed = Set(questions.compactMap(\.scenario) + alsoRun).filter { scenarios[$0] != nil }.sorted()
        let finished = Parallel.map(needed, chunkSize: 1) { ScenarioRunner.run(scenarios[$0]!) }
        let runs = Dictionary(uniqueKeysWithValues: zip(needed, finished))
        // Each question is checked against the runs on every core; the verdicts are taken in the questions' order.
        for verdict in Parallel.map(questions, chunkSize: 64, { verdict(on: $0, runs: runs) }) {
            report.diagnostics += verdict.diagnostics
            switch verdict.verified {
            case .fully(let id): report.verified[id, default: []].append(verdict.question)
            case .partly: report.partlyVerified.append(verdict.question)
            case nil: break
            }
        }
        // A scenario that contradicts itself proves nothing: report each failed step once.
        for id in runs.keys.sorted() {
            guard let scenarioRun = runs[id] else { continue }
            for failure in scenarioRun.failures {
                let step = failure.step
                report.diagnostics.append(Diagnostic(
                    .error, code: VerificationCode.stepMissesExpectation,
                    "step \(step.name.map { "`\($0)`" } ?? "#\(step.number)") of scenario `\(id)` expected \(step.expect.map(\.description) ?? "?") but got \(failure.result.outcome)",
                    file: scenarioRun.scenario.file, range: step.range,
                    help: failure.result.lines.first))
            }
        }
        return report
    }

    /// What checking one question against the scenario runs found.
    private struct Verdict: Sendable {
        enum Verified: Sendable { case fully(String), partly }
        var question: String
        var diagnostics: [Diagnostic]
        /// Whether every linked option agrees with the key (`fully`, by the scenario's id, when all options are
        /// linked and the scenario met its expectations), some do (`partly`), or nil.
        var verified: Verified?
    }

    /// The verdict on `question`, against the runs of the scenarios by id.
    private func verdict(on question: Question, runs: [String: ScenarioRun]) -> Verdict {
        var found: [Diagnostic] = []
        guard let id = question.scenario else { return Verdict(question: question.id, diagnostics: found, verified: nil) }
        guard let scenarioRun = runs[id] else {
            let suggestion = closestMatch(to: id, in: Array(library.scenarios.keys))
            found.append(diagnostic(.error, .unknownScenario, "question `\(question.id)` names the scenario `\(id)`, which does not exist",
                                    at: question.scenarioPosition,
                                    help: suggestion.map { "did you mean `\($0)`?" }
                                        ?? "give scenario files with --scenarios, or use a built-in scenario id"))
            return Verdict(question: question.id, diagnostics: found, verified: nil)
        }
        guard question.hasVerifiedOptions else { return Verdict(question: question.id, diagnostics: found, verified: nil) }
        var agreeing = 0
        var contradicted = false
        var predictedKey: [Int] = []
        for (index, option) in question.options.enumerated() {
            guard let reference = option.verify else { continue }
            let letter = OptionLetter.letter(index)
            guard let stepResult = scenarioRun.result(of: reference) else {
                let names = scenarioRun.scenario.steps.compactMap(\.name)
                found.append(diagnostic(.error, .unknownStep, "scenario `\(id)` has no step `\(reference)` (option \(letter) of `\(question.id)`)",
                                    at: option.verifyPosition,
                                    help: closestMatch(to: reference, in: names).map { "did you mean `\($0)`?" }
                                        ?? "the scenario has \(counted(scenarioRun.steps.count, "step")); name one or write `#N`"))
                contradicted = true
                continue
            }
            let outcome = stepResult.result.outcome
            if outcome == .info {
                found.append(diagnostic(.error, .stepProvesNothing, "step `\(reference)` of `\(id)` only shows something, so it cannot verify option \(letter)",
                                    at: option.verifyPosition,
                                    help: "link the option to a `can` step or an operation that succeeds or fails"))
                contradicted = true
                continue
            }
            let right = question.rightWhen.isRight(outcome)
            if right { predictedKey.append(index) }
            guard question.key != .unkeyed else { continue }
            let keyed = question.key.indices.contains(index)
            if keyed == right {
                agreeing += 1
            } else {
                contradicted = true
                let how = outcome.works ? "works (\(outcome))" : "fails (\(outcome))"
                found.append(diagnostic(
                    .error, .keyContradictsStep,
                    "the key says option \(letter) of `\(question.id)` is \(keyed ? "right" : "wrong"), but step `\(reference)` of `\(id)` \(how)",
                    at: option.verifyPosition,
                    help: "with `right-when: \(question.rightWhen.rawValue)` the option is \(right ? "right" : "wrong"); fix the key, the option or the scenario"
                        + (stepResult.result.lines.first.map { " (the step said: \($0))" } ?? "")))
            }
        }
        let allLinked = question.options.allSatisfy { $0.verify != nil }
        if question.key == .unkeyed, allLinked, !contradicted {
            let letters = predictedKey.map(OptionLetter.letter).joined(separator: ", ")
            found.append(diagnostic(.warning, .scenarioGivesKey, "the scenario `\(id)` gives the key of `\(question.id)`: \(letters.isEmpty ? "no option" : letters)",
                                    at: question.position, help: "write `answer: \(letters)`"))
            return Verdict(question: question.id, diagnostics: found, verified: nil)
        }
        guard !contradicted, agreeing > 0 else { return Verdict(question: question.id, diagnostics: found, verified: nil) }
        return Verdict(question: question.id, diagnostics: found, verified: allLinked && scenarioRun.passed ? .fully(id) : .partly)
    }

    private func diagnostic(_ severity: Severity, _ code: VerificationCode, _ message: String, at position: SourcePosition,
                            help: String?) -> Diagnostic {
        Diagnostic(severity, code: code, message, file: position.file,
                   range: position.location.map { SourceRange(start: $0, end: SourceLocation(line: $0.line, column: $0.column + 1)) },
                   help: help)
    }
}

extension RightWhen {
    /// Whether an option whose step came to `outcome` is right under this rule.
    public func isRight(_ outcome: Outcome) -> Bool {
        switch self {
        case .works: outcome.works
        case .fails: !outcome.works
        case .explicitDeny: outcome == .explicitDeny
        case .implicitDeny: outcome == .implicitDeny
        }
    }
}
