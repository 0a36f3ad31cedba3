import Foundation
import QuizBank
import QuizEngine

/// Which skills (a family at a level, ``DrillSkill``) a drill run asks, in the order practice asks questions:
/// skills due for review first (most overdue first), then skills never practised, then the rest by how likely
/// they are to be forgotten (weakest first); when the run asks more drills than there are skills, it goes round
/// again in that order.
public struct DrillPlan: Sendable {
    /// One drill to write: its family and level.
    public struct Slot: Sendable {
        public var family: DrillFamily
        public var level: Level
        /// The skill the drill trains, whose card schedules it.
        public var skill: DrillSkill { DrillSkill(family: family.name, level: level) }
    }

    /// One slot per drill, in the order asked.
    public var slots: [Slot]
    /// How many distinct skills of the plan were due for review.
    public var due: Int
    /// How many distinct skills of the plan were never practised.
    public var new: Int

    /// The plan for `count` drills of `families` (each at `level`, or at each of its levels when nil) by the skills'
    /// cards (``DrillSkill/id`` keys). `seed` orders skills that tie (new ones), so the same seed and the same
    /// progress give the same plan.
    public static func make(families: [DrillFamily], level: Level?, count: Int, cards: [String: FSRSCard], now: Date,
                            seed: UInt64, scheduler: FSRSScheduler = FSRSScheduler()) -> DrillPlan {
        var candidates = families.flatMap { family in
            family.levels.filter { level == nil || $0 == level }.map { Slot(family: family, level: $0) }
        }
        var random = SeededRandom(seed: seed)
        random.shuffle(&candidates)
        func card(_ slot: Slot) -> FSRSCard? { cards[slot.skill.id].flatMap { $0.lastReview == nil ? nil : $0 } }
        let due = candidates.filter { card($0).map { $0.due <= now } ?? false }
            .sorted { (card($0)?.due ?? now) < (card($1)?.due ?? now) }
        let new = candidates.filter { card($0) == nil }
        let rest = candidates.filter { card($0).map { $0.due > now } ?? false }.sorted { a, b in
            (card(a).map { scheduler.retrievability(of: $0, at: now) } ?? 0) < (card(b).map { scheduler.retrievability(of: $0, at: now) } ?? 0)
        }
        let ordered = due + new + rest
        guard !ordered.isEmpty, count > 0 else { return DrillPlan(slots: [], due: 0, new: 0) }
        let slots = (0..<count).map { ordered[$0 % ordered.count] }
        let asked = Set(slots.map(\.skill))
        return DrillPlan(slots: slots, due: due.filter { asked.contains($0.skill) }.count, new: new.filter { asked.contains($0.skill) }.count)
    }

    /// "2 skills due, 3 new", for the line that starts a run.
    public var summary: String {
        "\(due) skill\(due == 1 ? "" : "s") due, \(new) new"
    }
}

extension DrillPlan {
    /// `drills` spread evenly among `questions` (practice with `--drills N`): drill i goes at place
    /// (i + 1) * total / (N + 1), so drills neither bunch at the start nor at the end; the order within each is kept.
    public static func interleave<T>(_ questions: [T], drills: [T]) -> [T] {
        guard !drills.isEmpty, !questions.isEmpty else { return questions + drills }
        let total = questions.count + drills.count
        let places = Set(drills.indices.map { ($0 + 1) * total / (drills.count + 1) })
        var q = questions.makeIterator(), d = drills.makeIterator()
        return (0..<total).compactMap { places.contains($0) ? d.next() : q.next() }
    }
}
