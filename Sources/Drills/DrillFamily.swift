import IAMPolicy
import QuizBank
import QuizEngine

/// What a family's scenario gives the builder: the situation, the policies, the requests that may become options
/// (right requests and their near misses), what the question asks, and the closing explanation.
struct DrillDraft {
    var situation: String
    var policies: [DrillPolicy]
    var candidates: [DrillRequest]
    var ask: DrillAsk
    var explanation: String
}

/// A generator of drills on one skill: a name (`evaluation-logic`), the levels it writes for, its topics, and
/// the scenario maker. The key of every drill is computed by the evaluator, never written.
public struct DrillFamily: Sendable {
    public var name: String
    public var title: String
    public var levels: [Level]
    public var topics: [String]
    let scenario: @Sendable (Level, inout SeededRandom) -> DrillDraft

    init(name: String, title: String, levels: [Level], topics: [String],
         scenario: @escaping @Sendable (Level, inout SeededRandom) -> DrillDraft) {
        self.name = name
        self.title = title
        self.levels = levels
        self.topics = topics
        self.scenario = scenario
    }

    /// A new drill at `level`: scenarios are drawn from `random` until one gives 4 to 6 distinct options with
    /// 1 to 3 right ones. The id is `drill-<family>`; ``DrillGenerator`` numbers it.
    public func generate(level: Level, random: inout SeededRandom) -> GeneratedDrill {
        while true {
            let draft = scenario(level, &random)
            if let drill = DrillBuilder.assemble(draft, family: self, level: level, random: &random) { return drill }
        }
    }
}

/// Makes a question of a draft: evaluates every candidate, chooses the right options and their near misses,
/// and writes the stem, the key and every option's explanation.
enum DrillBuilder {
    static func assemble(_ draft: DrillDraft, family: DrillFamily, level: Level, random: inout SeededRandom) -> GeneratedDrill? {
        guard let set = DrillPolicies.policySet(draft.policies) else { return nil }
        let evaluator = Evaluator()
        var seen: [String] = []
        var right: [(DrillRequest, EvaluationResult)] = []
        var wrong: [(DrillRequest, EvaluationResult)] = []
        for request in draft.candidates where !seen.contains(request.text) {
            seen.append(request.text)
            let result = evaluator.evaluate(request.authorizationRequest, policies: set)
            if draft.ask.isRight(result.decision) { right.append((request, result)) } else { wrong.append((request, result)) }
        }
        guard !right.isEmpty, wrong.count >= 3 else { return nil }
        let rightCount = 1 + random.below(min(3, right.count))
        let wrongLow = max(3, 4 - rightCount), wrongHigh = min(wrong.count, 6 - rightCount)
        guard wrongLow <= wrongHigh else { return nil }
        let wrongCount = wrongLow + random.below(wrongHigh - wrongLow + 1)
        random.shuffle(&right)
        let chosenRight = Array(right.prefix(rightCount))
        // Near misses first: the wrong requests that differ from a chosen right one in a single part.
        random.shuffle(&wrong)
        let near = wrong.filter { w in chosenRight.contains { $0.0.differences(from: w.0) == 1 } }
        let far = wrong.filter { w in !chosenRight.contains { $0.0.differences(from: w.0) == 1 } }
        var chosen = chosenRight.map { ($0.0, $0.1, true) } + (near + far).prefix(wrongCount).map { ($0.0, $0.1, false) }
        // A lone key much longer than every other option would give it away (the bank's W110).
        if rightCount == 1, let key = chosen.first?.0.text.count,
           let longest = chosen.dropFirst().map({ $0.0.text.count }).max(), Double(key) > Double(longest) * 1.2 {
            return nil
        }
        random.shuffle(&chosen)
        let options = chosen.map { request, result, _ in
            AnswerOption(text: request.text, why: DrillWhy.sentence(result, request, draft.policies))
        }
        let key = chosen.indices.filter { chosen[$0].2 }
        var stem = [draft.situation]
        for policy in draft.policies {
            stem.append(policy.heading)
            stem.append(policy.statements.map { StemBlock.itemMark + $0.json }.joined(separator: "\n"))
        }
        stem.append("\(draft.ask.sentence) (Choose \(rightCount))")
        let question = Question(id: "drill-\(family.name)", level: level, topics: family.topics, stem: stem.joined(separator: "\n\n"),
                                options: options, key: .options(key), explanation: draft.explanation,
                                source: "iamquiz drill \(family.name)")
        return GeneratedDrill(family: family.name, question: question, policies: draft.policies, ask: draft.ask,
                              options: chosen.map { DrillOption(request: $0.0, decision: $0.1.decision) })
    }
}

/// Draws drills from families with a seed: the same families, level and seed give the same drills, with ids
/// `drill-<family>-<seed>-<n>` (n from 1).
public struct DrillGenerator: Sendable {
    public let families: [DrillFamily]
    /// The level asked for; nil: each drill at one of its family's levels.
    public let level: Level?
    public let seed: UInt64
    private var random: SeededRandom
    private var made = 0

    public init(families: [DrillFamily], level: Level?, seed: UInt64) {
        precondition(!families.isEmpty, "a generator needs at least one family")
        self.families = families
        self.level = level
        self.seed = seed
        random = SeededRandom(seed: seed)
    }

    /// The next drill: a family drawn among those given (that offer the level), at the level asked for or one of
    /// the family's.
    public mutating func next() -> GeneratedDrill {
        let usable = families.filter { level == nil || $0.levels.contains(level!) }
        let family = usable.isEmpty ? families[random.below(families.count)] : usable[random.below(usable.count)]
        let chosenLevel = level.flatMap { family.levels.contains($0) ? $0 : nil } ?? family.levels[random.below(family.levels.count)]
        var drill = family.generate(level: chosenLevel, random: &random)
        made += 1
        drill.question.id = "drill-\(family.name)-\(seed)-\(made)"
        return drill
    }

    /// The next `count` drills.
    public mutating func drills(count: Int) -> [GeneratedDrill] {
        (0..<count).map { _ in next() }
    }
}
