import QuizBank
import QuizEngine

/// Draws drills from families with a seed: the same families, level and seed give the same drills.
///
/// The run's seed chooses each drill's family and level; the drill itself is written from a stream of its own,
/// derived from its family, level, the seed and its place only (``drill(family:level:seed:position:)``), so that
/// its id (``DrillID``, `drill-<family>-<level>-<seed>-<n>`) is enough to write it again.
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
        made += 1
        return Self.drill(family: family, level: chosenLevel, seed: seed, position: made)
    }

    /// The next `count` drills.
    public mutating func drills(count: Int) -> [GeneratedDrill] {
        (0..<count).map { _ in next() }
    }

    /// The drill at `position` (from 1) of a run with `seed`, of `family` at `level`: the same arguments give the
    /// same drill, whatever else the run held.
    public static func drill(family: DrillFamily, level: Level, seed: UInt64, position: Int) -> GeneratedDrill {
        let id = DrillID(family: family.name, level: level, seed: seed, position: position)
        var stream = SeededRandom(seed: streamSeed(id))
        var drill = family.generate(level: level, random: &stream)
        drill.question.id = id.text
        return drill
    }

    /// The drills of a plan (``DrillPlan``), numbered from 1 in its order.
    public static func drills(_ plan: DrillPlan, seed: UInt64) -> [GeneratedDrill] {
        plan.slots.enumerated().map { drill(family: $0.element.family, level: $0.element.level, seed: seed, position: $0.offset + 1) }
    }

    /// The drill an id names, written again; nil when the id is not a drill id, names no built-in family, or a
    /// level the family does not write for.
    public static func regenerate(id text: String) -> GeneratedDrill? {
        guard let id = DrillID(parsing: text), let family = DrillFamilies.named(id.family), family.levels.contains(id.level) else {
            return nil
        }
        return drill(family: family, level: id.level, seed: id.seed, position: id.position)
    }

    /// The seed of one drill's stream: FNV-1a over its id, the same on every machine (Swift's `Hasher` is not).
    static func streamSeed(_ id: DrillID) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
