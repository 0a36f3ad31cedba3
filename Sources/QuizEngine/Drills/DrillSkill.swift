import Foundation
import QuizBank

/// The id of a generated drill, `drill-<family>-<level>-<seed>-<n>`: everything needed to write the same drill
/// again (the family, the level, the seed of the run and the drill's place in it), so that `iamquiz show` and
/// `verify` regenerate it exactly from the id alone.
///
/// Family names hold hyphens, so the id is read from the end: two numbers, then a level word.
public struct DrillID: Hashable, Sendable {
    public var family: String
    public var level: Level
    public var seed: UInt64
    /// The drill's place in its run, from 1.
    public var position: Int

    /// The id of drill `position` of a run with `seed`, of `family` at `level`.
    public init(family: String, level: Level, seed: UInt64, position: Int) {
        self.family = family
        self.level = level
        self.seed = seed
        self.position = position
    }

    /// Reads an id; nil for anything else (a bank question, or a drill id of an older form without its level).
    public init?(parsing text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let parts = text.dropFirst(Self.prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 4, let position = Int(parts[parts.count - 1]), position >= 1,
              let seed = UInt64(parts[parts.count - 2]), let level = Level(rawValue: String(parts[parts.count - 3])) else { return nil }
        let family = parts.dropLast(3).joined(separator: "-")
        guard !family.isEmpty, String(position) == parts[parts.count - 1], String(seed) == parts[parts.count - 2] else { return nil }
        self.init(family: family, level: level, seed: seed, position: position)
    }

    /// What every drill id starts with.
    public static let prefix = "drill-"

    /// The id as questions carry it.
    public var text: String { "\(Self.prefix)\(family)-\(level.rawValue)-\(seed)-\(position)" }

    /// The skill the drill trains.
    public var skill: DrillSkill { DrillSkill(family: family, level: level) }
}

/// A skill: a drill family at one level, the unit FSRS schedules for drills. Every drill is new, so a card per
/// drill would never come back; the skill's card (kept in the cards table under ``id``, `drill:<family>:<level>`)
/// is updated by every drill of that family and level, while the answers keep each drill's own id.
public struct DrillSkill: Hashable, Sendable, Comparable {
    public var family: String
    public var level: Level

    /// The skill of `family` at `level`.
    public init(family: String, level: Level) {
        self.family = family
        self.level = level
    }

    /// The card key: `drill:<family>:<level>` (a colon, which no question id of a bank holds).
    public var id: String { "drill:\(family):\(level.rawValue)" }

    /// The skill of a card key; nil for a question's card.
    public init?(cardID: String) {
        let parts = cardID.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "drill", !parts[1].isEmpty, let level = Level(rawValue: String(parts[2])) else { return nil }
        self.init(family: String(parts[1]), level: level)
    }

    /// The key under which an answer to question `questionID` is scheduled: its skill's for a drill, its own otherwise.
    public static func cardID(forQuestion questionID: String) -> String {
        DrillID(parsing: questionID)?.skill.id ?? questionID
    }

    /// In the order of families' names, associate before professional.
    public static func < (a: DrillSkill, b: DrillSkill) -> Bool {
        (a.family, Level.allCases.firstIndex(of: a.level) ?? 0) < (b.family, Level.allCases.firstIndex(of: b.level) ?? 0)
    }
}
