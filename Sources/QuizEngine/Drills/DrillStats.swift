import Foundation
import QuizBank

/// How a learner does on one drill skill (a family at a level): the drills answered, how many were right the
/// first time, and when FSRS brings the skill back.
public struct DrillSkillStats: Sendable, Equatable {
    public var skill: DrillSkill
    /// Drills answered, each counted once: a drill that came back after a wrong answer is not counted again.
    public var answered: Int
    /// Drills answered right the first time.
    public var right: Int
    /// When the skill's card is due; nil when it has none (no answer scheduled it yet).
    public var due: Date?

    /// The figures of one skill, as ``build(answers:cards:)`` counts them.
    public init(skill: DrillSkill, answered: Int, right: Int, due: Date?) {
        self.skill = skill
        self.answered = answered
        self.right = right
        self.due = due
    }

    /// Right over answered; nil when no drill was answered (no accuracy, rather than a 0% that did not happen).
    public var accuracy: Double? { answered == 0 ? nil : Double(right) / Double(answered) }

    /// Per skill, in the order of families' names then levels: from the answers to drills (oldest first, as
    /// ``ProgressStore/drillAnswers()`` gives them) and the cards by key. Answers whose id is not a drill id of
    /// this form (an older form without the level) are left out.
    public static func build(answers: [AnswerRecord], cards: [String: CardRecord]) -> [DrillSkillStats] {
        var counts: [DrillSkill: (answered: Int, right: Int)] = [:]
        var seen: Set<String> = []
        for answer in answers {
            guard let id = DrillID(parsing: answer.questionID), seen.insert(answer.questionID).inserted else { continue }
            counts[id.skill, default: (0, 0)].answered += 1
            if answer.isCorrect { counts[id.skill, default: (0, 0)].right += 1 }
        }
        for key in cards.keys { if let skill = DrillSkill(cardID: key), counts[skill] == nil { counts[skill] = (0, 0) } }
        return counts.keys.sorted().map { skill in
            let count = counts[skill] ?? (0, 0)
            return DrillSkillStats(skill: skill, answered: count.answered, right: count.right, due: cards[skill.id]?.due)
        }
    }
}

extension DrillSkillStats: Encodable {
    private enum Key: String, CodingKey { case skill, family, level, answered, right, accuracy, due }

    /// `accuracy` and `due` are `null` when there is none, never a 0 that did not happen; `due` is ISO 8601.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(skill.id, forKey: .skill)
        try c.encode(skill.family, forKey: .family)
        try c.encode(skill.level.rawValue, forKey: .level)
        try c.encode(answered, forKey: .answered)
        try c.encode(right, forKey: .right)
        if let accuracy { try c.encode(accuracy, forKey: .accuracy) } else { try c.encodeNil(forKey: .accuracy) }
        if let due { try c.encode(ISO8601DateFormatter().string(from: due), forKey: .due) } else { try c.encodeNil(forKey: .due) }
    }
}
