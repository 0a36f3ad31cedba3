import Foundation
import QuizBank
import QuizEngine
import Testing

@testable import Drills

/// Drill ids that write their drill again, the plan of skills by progress, and drills mixed among questions.
@Suite("Drill plans and ids")
struct DrillPlanTests {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)

    @Test("every drill of a mixed run is written again, exactly, from its id alone")
    func regenerate() throws {
        var generator = DrillGenerator(families: DrillFamilies.all, level: nil, seed: 77)
        let drills = generator.drills(count: 12)
        #expect(Set(drills.map(\.family)).count > 1)
        for drill in drills {
            let id = try #require(DrillID(parsing: drill.question.id))
            #expect(id.seed == 77 && id.family == drill.family && id.level == drill.question.level)
            #expect(DrillGenerator.regenerate(id: drill.question.id) == drill)
        }
        #expect(DrillGenerator.regenerate(id: "drill-kerberos-associate-1-1") == nil)
        #expect(DrillGenerator.regenerate(id: "drill-conditions-associate-1-1") == nil)  // conditions is professional only
        var again = DrillGenerator(families: DrillFamilies.all, level: nil, seed: 77)
        #expect(again.drills(count: 12) == drills)
    }

    /// A card reviewed at `reviewed`, due at `due`.
    static func card(due: Date, reviewed: Date) -> FSRSCard {
        FSRSCard(state: .review, step: nil, stability: 3, difficulty: 5, due: due, lastReview: reviewed)
    }

    @Test("the plan asks due skills first (most overdue first), then new ones, then the weakest, and goes round")
    func plan() throws {
        let families = [DrillFamilies.named("not-action"), DrillFamilies.named("explicit-deny")].compactMap { $0 }
        try #require(families.count == 2)
        let skills = families.flatMap { f in f.levels.map { DrillSkill(family: f.name, level: $0) } }
        try #require(skills.count >= 3)
        var cards: [String: FSRSCard] = [:]
        cards[skills[2].id] = Self.card(due: Self.now.addingTimeInterval(-3_600), reviewed: Self.now.addingTimeInterval(-86_400))
        cards[skills[1].id] = Self.card(due: Self.now.addingTimeInterval(-7_200), reviewed: Self.now.addingTimeInterval(-86_400))
        cards[skills[0].id] = Self.card(due: Self.now.addingTimeInterval(86_400), reviewed: Self.now.addingTimeInterval(-3_600))
        let plan = DrillPlan.make(families: families, level: nil, count: skills.count + 1, cards: cards, now: Self.now, seed: 4)
        let order = plan.slots.map(\.skill)
        #expect(Array(order.prefix(2)) == [skills[1], skills[2]])
        #expect(Set(order.dropFirst(2).prefix(skills.count - 3)) == Set(skills.dropFirst(3)))
        #expect(order[skills.count - 1] == skills[0])
        #expect(order[skills.count] == skills[1])  // round again
        #expect(plan.due == 2 && plan.new == skills.count - 3)
        #expect(plan.summary == "2 skills due, \(skills.count - 3) new")
        // Same seed, same progress: the same plan; the drills are numbered in its order.
        let drills = DrillGenerator.drills(plan, seed: 4)
        #expect(drills.map(\.question.id).first == DrillID(family: skills[1].family, level: skills[1].level, seed: 4, position: 1).text)
        let level = DrillPlan.make(families: families, level: .associate, count: 2, cards: [:], now: Self.now, seed: 4)
        #expect(level.slots.allSatisfy { $0.level == .associate })
    }

    @Test("drills mixed among questions are spread evenly, each list in its order", arguments: [(5, 3), (1, 1), (8, 2), (3, 0)])
    func interleave(questions: Int, drills: Int) {
        let q = (0..<questions).map { "q\($0)" }, d = (0..<drills).map { "d\($0)" }
        let mixed = DrillPlan.interleave(q, drills: d)
        #expect(mixed.count == questions + drills)
        #expect(mixed.filter { $0.hasPrefix("q") } == q && mixed.filter { $0.hasPrefix("d") } == d)
        if questions > 0 { #expect(mixed.first?.hasPrefix("q") == true) }  // never a drill first
    }
}
