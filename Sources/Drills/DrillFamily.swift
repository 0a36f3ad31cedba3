import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine

/// What a family's scenario gives the builder when the evaluator alone keys the drill: the situation, the
/// policies, the requests that may become options (right requests and their near misses), what the question
/// asks, and the closing explanation.
struct DrillDraft {
    var situation: String
    var policies: [DrillPolicy]
    var candidates: [DrillRequest]
    var ask: DrillAsk
    var explanation: String
}

/// A generator of drills on one skill: a name (`evaluation-logic`), the levels it writes for, its topics, and
/// the maker of its drafts. The key of every drill is computed, never written: by the evaluator for a
/// ``DrillDraft``, by running the steps in the world for a ``WorldDraft``.
public struct DrillFamily: Sendable {
    public var name: String
    public var title: String
    public var levels: [Level]
    public var topics: [String]
    /// One attempt at a drill: nil when the draw gave no usable question (too few right or wrong options).
    let attempt: @Sendable (DrillFamily, Level, inout SeededRandom) -> GeneratedDrill?

    /// A family whose drafts the evaluator keys.
    init(name: String, title: String, levels: [Level], topics: [String],
         scenario: @escaping @Sendable (Level, inout SeededRandom) -> DrillDraft) {
        self.init(name: name, title: title, levels: levels, topics: topics) { family, level, random in
            DrillBuilder.assemble(scenario(level, &random), family: family, level: level, random: &random)
        }
    }

    /// A family whose drafts are decided by running steps in a world.
    init(name: String, title: String, levels: [Level], topics: [String],
         world: @escaping @Sendable (Level, inout SeededRandom) -> WorldDraft) {
        self.init(name: name, title: title, levels: levels, topics: topics) { family, level, random in
            WorldDrillBuilder.assemble(world(level, &random), family: family, level: level, random: &random)
        }
    }

    /// A family with its own way of making drills (options that are policy edits, templates).
    init(name: String, title: String, levels: [Level], topics: [String],
         attempt: @escaping @Sendable (DrillFamily, Level, inout SeededRandom) -> GeneratedDrill?) {
        self.name = name
        self.title = title
        self.levels = levels
        self.topics = topics
        self.attempt = attempt
    }

    /// Draws that may fail in a row before ``generate(level:random:)`` gives up: a family that cannot make a
    /// question in this many draws is broken, and the tests say which.
    static let attemptLimit = 10_000

    /// A new drill at `level`: drafts are drawn from `random` until one gives 4 to 6 distinct options with
    /// 1 to 3 right ones. The id is `drill-<family>`; ``DrillGenerator`` numbers it.
    public func generate(level: Level, random: inout SeededRandom) -> GeneratedDrill {
        for _ in 0..<Self.attemptLimit {
            if let drill = attempt(self, level, &random) { return drill }
        }
        preconditionFailure("the drill family `\(name)` made no usable question in \(Self.attemptLimit) draws at level \(level)")
    }
}

/// A candidate option once decided: its text and parts, whether it is right, its explanation and what came of it.
struct DecidedCandidate {
    var text: String
    /// What the learner reads as the option's parts (who, action, resource, context...), for near misses.
    var parts: [String]
    var right: Bool
    /// The option's explanation, written only for the options chosen (it may evaluate again).
    var why: () -> String
    var option: DrillOption
}

/// What every builder shares: choosing the options among decided candidates and writing the question.
enum DrillQuestion {
    /// 1 to 3 right options and enough near misses for 4 to 6 in all, in a random order; nil when the
    /// candidates do not allow it, or when a lone key would stand out by its length.
    static func choose(_ candidates: [DecidedCandidate], random: inout SeededRandom) -> [DecidedCandidate]? {
        var seen: Set<String> = []
        let distinct = candidates.filter { seen.insert($0.text.lowercased()).inserted }
        var right = distinct.filter(\.right), wrong = distinct.filter { !$0.right }
        guard !right.isEmpty, wrong.count >= 3 else { return nil }
        let rightCount = 1 + random.below(min(3, right.count))
        let wrongLow = max(3, 4 - rightCount), wrongHigh = min(wrong.count, 6 - rightCount)
        guard wrongLow <= wrongHigh else { return nil }
        let wrongCount = wrongLow + random.below(wrongHigh - wrongLow + 1)
        random.shuffle(&right)
        let chosenRight = Array(right.prefix(rightCount))
        // Near misses first: the wrong candidates that differ from a chosen right one in a single part.
        random.shuffle(&wrong)
        func isNear(_ w: DecidedCandidate) -> Bool {
            chosenRight.contains { r in zip(r.parts, w.parts).filter { $0 != $1 }.count == 1 }
        }
        var chosen = chosenRight + (wrong.filter(isNear) + wrong.filter { !isNear($0) }).prefix(wrongCount)
        // A lone key much longer than every other option would give it away (the bank's W110).
        if rightCount == 1, let key = chosen.first?.text.count,
           let longest = chosen.dropFirst().map({ $0.text.count }).max(), Double(key) > Double(longest) * 1.2 {
            return nil
        }
        random.shuffle(&chosen)
        return chosen
    }

    /// The question of chosen options: the situation, each shown policy under its heading as pretty JSON that
    /// fits the terminal, the ask with "(Choose N)", and every option's explanation.
    static func make(family: DrillFamily, level: Level, situation: String, policies: [DrillPolicy], sentence: String,
                     chosen: [DecidedCandidate], explanation: String) -> Question {
        let key = chosen.indices.filter { chosen[$0].right }
        var stem = [situation]
        for policy in policies {
            stem.append(policy.heading)
            stem.append(policy.prettyLines().map { StemBlock.codeMark + $0 }.joined(separator: "\n"))
        }
        stem.append("\(sentence) (Choose \(key.count))")
        return Question(id: "drill-\(family.name)", level: level, topics: family.topics, stem: stem.joined(separator: "\n\n"),
                        options: chosen.map { AnswerOption(text: $0.text, why: $0.why()) }, key: .options(key),
                        explanation: explanation, source: "iamquiz drill \(family.name)")
    }
}

/// Makes a question of a draft the evaluator keys: evaluates every candidate, chooses the right options and
/// their near misses, and writes the stem, the key and every option's explanation.
enum DrillBuilder {
    static func assemble(_ draft: DrillDraft, family: DrillFamily, level: Level, random: inout SeededRandom) -> GeneratedDrill? {
        guard let set = DrillPolicies.policySet(draft.policies) else { return nil }
        let evaluator = Evaluator()
        let decided = draft.candidates.map { request in
            let result = evaluator.evaluate(request.authorizationRequest, policies: set)
            return DecidedCandidate(text: request.text, parts: request.parts, right: draft.ask.isRight(result.decision),
                                    why: { DrillWhy.sentence(result, request, draft.policies) },
                                    option: DrillOption(text: request.text, request: request, outcome: Outcome(result.decision)))
        }
        guard let chosen = DrillQuestion.choose(decided, random: &random) else { return nil }
        let question = DrillQuestion.make(family: family, level: level, situation: draft.situation, policies: draft.policies,
                                          sentence: draft.ask.sentence, chosen: chosen, explanation: draft.explanation)
        return GeneratedDrill(family: family.name, question: question, policies: draft.policies, ask: draft.ask,
                              options: chosen.map(\.option))
    }
}
