import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine

/// A candidate option of a drill decided in a world: the option's text, the steps that try it (commands of
/// the scenario format, docs/scenario-format.md), and the parts a learner reads, for near misses.
///
/// The candidates of a draft run one after the other in one sandbox, as the scenario's steps do, so each
/// starts by saying who acts (`as user ...`); the outcome of its last step decides the option.
struct WorldCandidate: Sendable {
    var text: String
    var steps: [String]
    var parts: [String]
    /// The option's explanation from the result of its deciding step; nil: ``WorldWhy/sentence(_:)``.
    var why: (@Sendable (CommandResult) -> String)?

    init(text: String, steps: [String], parts: [String], why: (@Sendable (CommandResult) -> String)? = nil) {
        self.text = text
        self.steps = steps
        self.parts = parts
        self.why = why
    }
}

/// What a family gives the builder when a world decides the drill: the situation and the policies the stem
/// shows, the world as a scenario's header lines and declarations (without `scenario:` and without steps),
/// the candidates, what the question asks, and the closing explanation.
///
/// The world must hold the very documents the stem shows (``DrillPolicy/document``), so that what the
/// learner reads is what decides; the tests check it.
struct WorldDraft: Sendable {
    var situation: String
    var shown: [DrillPolicy]
    var world: String
    var candidates: [WorldCandidate]
    var ask: DrillAsk
    /// The question's sentence when ``DrillAsk/sentence`` does not fit ("Which of these calls to AssumeRole succeed?").
    var sentence: String?
    var explanation: String

    init(situation: String, shown: [DrillPolicy], world: String, candidates: [WorldCandidate], ask: DrillAsk,
         sentence: String? = nil, explanation: String) {
        self.situation = situation
        self.shown = shown
        self.world = world
        self.candidates = candidates
        self.ask = ask
        self.sentence = sentence
        self.explanation = explanation
    }
}

/// Makes a question of a world draft: writes the scenario (the world, then each candidate's steps, the deciding
/// one named `cN`), parses and runs it, and keys each option by its outcome.
enum WorldDrillBuilder {
    static func assemble(_ draft: WorldDraft, family: DrillFamily, level: Level, random: inout SeededRandom) -> GeneratedDrill? {
        guard let run = run(draft, family: family) else { return nil }
        let decided = draft.candidates.enumerated().compactMap { i, candidate -> DecidedCandidate? in
            guard let result = run.result(of: "c\(i + 1)")?.result else { return nil }
            return DecidedCandidate(text: candidate.text, parts: candidate.parts, right: draft.ask.isRight(result.outcome),
                                    why: { candidate.why?(result) ?? WorldWhy.sentence(result) },
                                    option: DrillOption(text: candidate.text, outcome: result.outcome, step: "c\(i + 1)"))
        }
        guard decided.count == draft.candidates.count, let chosen = DrillQuestion.choose(decided, random: &random) else { return nil }
        let question = DrillQuestion.make(family: family, level: level, situation: draft.situation, policies: draft.shown,
                                          sentence: draft.sentence ?? draft.ask.sentence, chosen: chosen,
                                          explanation: draft.explanation)
        // The scenario states every deciding step's outcome, so that `iamquiz scenario run` re-proves it.
        let scenario = scenarioText(draft, family: family, outcomes: decided.map(\.option.outcome))
        return GeneratedDrill(family: family.name, question: question, policies: draft.shown, ask: draft.ask,
                              options: chosen.map(\.option), scenario: scenario)
    }

    /// The scenario of a draft: `scenario: drill-<family>`, the world, then the steps of candidate N named
    /// `cN-1`, `cN-2`... and the last `cN`, with `expect:` lines when the `outcomes` of the deciding steps are known.
    static func scenarioText(_ draft: WorldDraft, family: DrillFamily, outcomes: [Outcome]? = nil) -> String {
        var lines = ["scenario: drill-\(family.name)", draft.world.trimmingTrailingNewlines, ""]
        for (i, candidate) in draft.candidates.enumerated() {
            for (j, step) in candidate.steps.enumerated() {
                let name = j == candidate.steps.count - 1 ? "c\(i + 1)" : "c\(i + 1)-\(j + 1)"
                lines.append("step \(name): \(step)")
                if j == candidate.steps.count - 1, let outcomes { lines.append("  expect: \(outcomes[i])") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The draft's scenario, parsed and run; nil when it does not parse (a family's bug, which the tests name).
    static func run(_ draft: WorldDraft, family: DrillFamily) -> ScenarioRun? {
        let parsed = ScenarioParser.parse(scenarioText(draft, family: family), file: "drill-\(family.name).iqs", baseDirectory: "/")
        guard let scenario = parsed.scenario else { return nil }
        return ScenarioRunner.run(scenario)
    }
}

/// The explanation of a world option when its family gives none: what came of it, and the sandbox's reason.
enum WorldWhy {
    static func sentence(_ result: CommandResult) -> String {
        let reason = result.error?.message ?? result.lines.first ?? ""
        switch result.outcome {
        case .allowed: return "allowed" + (reason.isEmpty ? "" : ": \(reason)")
        case .ok: return "succeeds" + (reason.isEmpty ? "" : ": \(reason)")
        case .explicitDeny: return "denied explicitly" + (reason.isEmpty ? "" : ": \(reason)")
        case .implicitDeny: return "denied (implicitly)" + (reason.isEmpty ? "" : ": \(reason)")
        case .error(let code): return "fails with \(code)" + (reason.isEmpty ? "" : ": \(reason)")
        case .info: return reason
        }
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
