import Drills
import Foundation
import QuizBank
import QuizEngine
import QuizFrontend

/// The drills of a quiz run (`iamquiz drill`, `iamquiz --drills N`): written from a plan by the skills' progress,
/// and offered to `verify`, which shows each option's evidence (the evaluator's trace, or the scenario's steps).
struct DrillsInSession {
    let plan: DrillPlan
    let drills: [GeneratedDrill]

    /// The plan for `count` drills of `families` at `level` by the profile's skill cards (the skills' among
    /// `cards`, ``ProgressStore/cardsByID()``: a quiz passes those it read for its selection), and its drills.
    init(families: [DrillFamily], level: Level?, count: Int, seed: UInt64, cards: [String: FSRSCard], now: Date = Date()) {
        let skills = cards.filter { DrillSkill(cardID: $0.key) != nil }
        plan = DrillPlan.make(families: families, level: level, count: count, cards: skills, now: now, seed: seed)
        drills = DrillGenerator.drills(plan, seed: seed)
    }

    /// Sets `verify` to show the evidence of a drill (one of this run's, or any drill written again from its id).
    static func verify(_ loop: inout QuizLoop, drills: [GeneratedDrill]) {
        let known = Dictionary(drills.map { ($0.question.id, $0) }, uniquingKeysWith: { a, _ in a })
        loop.verifyWith { question in
            guard let drill = known[question.id] ?? DrillGenerator.regenerate(id: question.id), let evidence = drill.evidence() else {
                return nil
            }
            let how = drill.scenario == nil ? "each option's request evaluated against the policies shown"
                : "the drill's scenario run, each option's steps"
            return ("drill \(question.id): \(how)",
                    evidence.map { OptionEvidence(outcome: $0.outcome, right: $0.right, context: $0.context, trace: $0.trace) })
        } covers: { DrillID(parsing: $0.id) != nil }
    }
}
