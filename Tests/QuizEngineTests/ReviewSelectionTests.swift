import Foundation
import QuizBank
import Testing
@testable import QuizEngine

@Suite("Review selection")
struct ReviewSelectionTests {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
    static let bank = Bank(questions: [
        StudyFixture.question("a"), StudyFixture.question("b"), StudyFixture.question("c"), StudyFixture.question("d"),
        StudyFixture.question("e", topics: ["mfa"]), StudyFixture.question("f", topics: ["mfa"]),
        Question(id: "unkeyed", topics: ["mfa"], stem: "?", options: [AnswerOption(text: "x")], key: .unkeyed),
    ])

    /// A store where `a` was missed a day ago and `c` 30 days ago, `d` was missed and then answered right,
    /// `b` was answered right, and `e` then `b` were flagged (and `gone`, no longer in the bank).
    func withHistory(_ body: (ProgressStore) throws -> Void) throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            func answer(_ id: String, _ correct: Bool, daysAgo: Double) -> AnswerRecord {
                AnswerRecord(sessionID: nil, questionID: id, contentHash: "0", chosen: "A", isCorrect: correct, seconds: 3,
                             answeredAt: Self.now.addingTimeInterval(-daysAgo * 86_400), mode: .practice)
            }
            try store.insert(answers: [answer("c", false, daysAgo: 30), answer("d", false, daysAgo: 3), answer("b", true, daysAgo: 2),
                                       answer("a", false, daysAgo: 1), answer("d", true, daysAgo: 0.5)])
            try store.setQuestionFlagged(true, questionID: "gone", at: Self.now.addingTimeInterval(-300))
            try store.setQuestionFlagged(true, questionID: "e", at: Self.now.addingTimeInterval(-200))
            try store.setQuestionFlagged(true, questionID: "b", at: Self.now.addingTimeInterval(-100))
            try body(store)
        }
    }

    func select(_ filter: ReviewFilter, _ store: ProgressStore, seed: UInt64 = 1) throws -> ReviewSelection {
        var random = SeededRandom(seed: seed)
        return try QuestionSelector.selectForReview(from: Self.bank, filter: filter, store: store, now: Self.now, random: &random)
    }

    @Test("without topics: the flagged questions, most recent flag first, then those missed in the window, each once")
    func flaggedThenMissed() throws {
        try withHistory { store in
            let review = try select(ReviewFilter(), store)
            #expect(review.selection.questions.map(\.id) == ["b", "e", "a"])
            #expect(review.description == " (flagged, then missed in the last 14 days)")
            #expect(try select(ReviewFilter(days: 31), store).selection.questions.map(\.id) == ["b", "e", "a", "c"])
            #expect(try select(ReviewFilter(count: 2), store).selection.questions.map(\.id) == ["b", "e"])
            #expect(try select(ReviewFilter(days: 1), store).description == " (flagged, then missed in the last 1 day)")
        }
    }

    @Test("only missed questions when none is flagged; only flagged ones with flaggedOnly")
    func missedOrFlaggedOnly() throws {
        try withHistory { store in
            let flagged = try select(ReviewFilter(flaggedOnly: true), store)
            #expect(flagged.selection.questions.map(\.id) == ["b", "e"])
            #expect(flagged.description == " (flagged)")
            for id in ["b", "e", "gone"] { try store.setQuestionFlagged(false, questionID: id) }
            let missed = try select(ReviewFilter(), store)
            #expect(missed.selection.questions.map(\.id) == ["a"])
            #expect(missed.description == " (missed in the last 14 days)")
            let none = try select(ReviewFilter(flaggedOnly: true), store)
            #expect(none.selection.questions.isEmpty)
            #expect(none.selection.matching == 6)
        }
    }

    @Test("with topics: every keyed question of them in the quiz's random order; with flaggedOnly, the flagged ones among them")
    func topics() throws {
        try withHistory { store in
            let review = try select(ReviewFilter(topics: ["mfa"]), store, seed: 9)
            var random = SeededRandom(seed: 9)
            let quiz = QuestionSelector.select(from: Self.bank, filter: QuizFilter(topics: ["mfa"], count: Int.max), random: &random)
            #expect(review.selection.questions.map(\.id) == quiz.questions.map(\.id))
            #expect(Set(review.selection.questions.map(\.id)) == ["e", "f"])
            #expect(review.selection.matching == 2 && review.selection.unkeyed == 1)
            #expect(review.description == " (topic mfa)")
            let flagged = try select(ReviewFilter(topics: ["mfa", "nothing"], flaggedOnly: true), store)
            #expect(flagged.selection.questions.map(\.id) == ["e"])
            #expect(flagged.description == " (flagged)")
        }
    }

    @Test("the filter in words names the level and the topics")
    func filterInWords() {
        #expect(QuizFilter().inWords == "")
        #expect(QuizFilter(level: .professional).inWords == " (professional)")
        #expect(QuizFilter(level: .associate, topics: ["sts", "mfa"]).inWords == " (associate, topic sts or mfa)")
    }
}
