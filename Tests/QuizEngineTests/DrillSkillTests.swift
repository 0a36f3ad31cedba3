import Foundation
import QuizBank
import Testing

@testable import QuizEngine

@Suite("Drill skills: ids, the skill's card, accuracy per skill")
struct DrillSkillTests {
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01 00:00 UTC

    @Test("a drill id reads back from the end (families hold hyphens); bank ids and the old form are not drill ids")
    func ids() throws {
        let id = DrillID(family: "policy-variables", level: .professional, seed: 42, position: 3)
        #expect(id.text == "drill-policy-variables-professional-42-3")
        #expect(DrillID(parsing: id.text) == id)
        #expect(id.skill.id == "drill:policy-variables:professional")
        #expect(DrillSkill(cardID: id.skill.id) == id.skill)
        for text in ["sts-chain-limit", "drill-not-action-9-1", "drill-not-action-expert-9-1", "drill-associate-9-1",
                     "drill-x-associate-09-1", "drill-x-associate-9-0"] {
            #expect(DrillID(parsing: text) == nil, "\(text)")
        }
        #expect(DrillSkill.cardID(forQuestion: "sts-chain-limit") == "sts-chain-limit")
        #expect(DrillSkill.cardID(forQuestion: id.text) == "drill:policy-variables:professional")
    }

    /// Two drills of one skill and one of another, answered in a practice-like session.
    private func answerDrills(_ store: ProgressStore) throws -> StudyRecorder {
        let ids = [DrillID(family: "conditions", level: .professional, seed: 5, position: 1),
                   DrillID(family: "conditions", level: .professional, seed: 5, position: 2),
                   DrillID(family: "not-action", level: .associate, seed: 5, position: 3)]
        let shown = ids.map { PresentedQuestion(question: StudyFixture.question($0.text), order: [0, 1, 2, 3]) }
        let recorder = try StudyRecorder(store: store, mode: .other("drill"), questions: shown, seed: 5, filter: "")
        try recorder.record(shown[0], chosenDisplay: [1], correct: true, seconds: 5, retried: false, position: 0, at: Self.t0)
        try recorder.record(shown[1], chosenDisplay: [0], correct: false, seconds: 5, retried: false, position: 1,
                            at: Self.t0.addingTimeInterval(60))
        try recorder.record(shown[2], chosenDisplay: [1], correct: true, seconds: 5, retried: false, position: 2,
                            at: Self.t0.addingTimeInterval(120))
        return recorder
    }

    @Test("each answered drill updates its skill's card; the answers keep each drill's id; no card per drill")
    func skillCard() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            _ = try answerDrills(store)
            let cards = try store.allCards()
            #expect(Set(cards.map(\.questionID)) == ["drill:conditions:professional", "drill:not-action:associate"])
            let conditions = try #require(try store.card(questionID: "drill:conditions:professional"))
            #expect(conditions.reps == 2)
            #expect(conditions.state == "learning" || conditions.state == "relearning")
            #expect(try store.answers(questionID: "drill-conditions-professional-5-1").count == 1)
            #expect(try store.answers(questionID: "drill-conditions-professional-5-2").map(\.isCorrect) == [false])
            // Drills are not new questions of the bank: they do not use up the daily limit.
            #expect(try store.questionsFirstAnswered(since: Self.t0.addingTimeInterval(-1)) == 0)
        }
    }

    @Test("a rating typed after the feedback re-rates the skill's card, from the card before the answer")
    func rerate() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            let recorder = try answerDrills(store)
            let before = try #require(try store.card(questionID: "drill:not-action:associate"))
            let (rating, due) = try recorder.rate(.rating(.easy))
            #expect(rating == .easy)
            let after = try #require(try store.card(questionID: "drill:not-action:associate"))
            #expect(after.due == due)
            #expect(after.due > before.due)
            #expect(after.reps == 1)
            #expect(try store.answers(questionID: "drill-not-action-associate-5-3").first?.rating == "easy")
        }
    }

    @Test("accuracy per skill counts each drill once, right at first sight; a skill with no answer has no accuracy")
    func stats() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            _ = try answerDrills(store)
            // The wrong drill came back and was answered right: still one drill, wrong at first sight.
            let again = PresentedQuestion(question: StudyFixture.question("drill-conditions-professional-5-2"), order: [0, 1, 2, 3])
            let recorder = try StudyRecorder(store: store, mode: .other("drill"), questions: [again], seed: 5, filter: "")
            try recorder.record(again, chosenDisplay: [1], correct: true, seconds: 5, retried: false, isRepeat: true, position: 0,
                                at: Self.t0.addingTimeInterval(300))
            var cards = Dictionary(uniqueKeysWithValues: try store.allCards().map { ($0.questionID, $0) })
            cards["drill:scp-inheritance:professional"] = CardRecord(questionID: "drill:scp-inheritance:professional", state: "learning",
                                                                     due: Self.t0)
            let rows = DrillSkillStats.build(answers: try store.drillAnswers(), cards: cards)
            #expect(rows.map(\.skill.id) == ["drill:conditions:professional", "drill:not-action:associate",
                                             "drill:scp-inheritance:professional"])
            #expect(rows[0].answered == 2 && rows[0].right == 1 && rows[0].accuracy == 0.5)
            #expect(rows[0].due == cards["drill:conditions:professional"]?.due)
            #expect(rows[1].answered == 1 && rows[1].accuracy == 1)
            #expect(rows[2].answered == 0 && rows[2].accuracy == nil)
        }
    }
}
