import Testing
@testable import QuizBank

/// `Question.reordered(by:)`: a question as an exam showed it, which a fixed paper writes.
@Suite("Reordering a question's options")
struct QuestionOrderTests {
    /// Five options, B and D right, each with its own why, note and verify.
    static let question = Question(
        id: "q", stem: "Which two? (Choose 2)",
        options: ["alpha", "bravo", "charlie", "delta", "echo"].map {
            AnswerOption(text: $0, why: "why \($0)", note: "note \($0)", verify: "step-\($0)")
        },
        key: .options([1, 3]), scenario: "s")

    // Rule: the option at place i is the one order[i] names, with its why, note and verify; the key names
    // the places of the options it named before, so the right texts stay right.
    @Test(arguments: [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [3, 0, 4, 1, 2], [1, 3, 0, 2, 4], [2, 4, 0, 3, 1]])
    func keyFollowsTheOptions(_ order: [Int]) throws {
        let original = Self.question
        let shown = try #require(original.reordered(by: order))
        #expect(shown.options.map(\.text) == order.map { original.options[$0].text })
        #expect(shown.options.map(\.why) == order.map { original.options[$0].why })
        #expect(shown.options.map(\.verify) == order.map { original.options[$0].verify })
        #expect(shown.key.indices == shown.key.indices.sorted())
        let rightBefore = Set(original.key.indices.map { original.options[$0].text })
        #expect(Set(shown.key.indices.map { shown.options[$0].text }) == rightBefore)
        #expect(shown.key.indices.count == 2)
        // Everything else is the question as written.
        #expect(shown.stem == original.stem && shown.id == original.id && shown.scenario == original.scenario)
    }

    @Test("reordering back by the inverse order gives the question as written")
    func inverse() throws {
        let order = [3, 0, 4, 1, 2]
        var inverse = Array(repeating: 0, count: order.count)
        for (place, index) in order.enumerated() { inverse[index] = place }
        let shown = try #require(Self.question.reordered(by: order))
        #expect(shown.reordered(by: inverse) == Self.question)
        #expect(shown != Self.question)
    }

    // Rule: an order that does not name every option exactly once is refused (nil), never half applied.
    @Test(arguments: [[0, 1, 2, 3], [0, 1, 2, 3, 4, 5], [0, 0, 1, 2, 3], [0, 1, 2, 3, 5], [-1, 0, 1, 2, 3]])
    func notAnOrdering(_ order: [Int]) {
        #expect(Self.question.reordered(by: order) == nil)
    }

    @Test("an unkeyed question stays unkeyed")
    func unkeyed() throws {
        var question = Self.question
        question.key = .unkeyed
        #expect(try #require(question.reordered(by: [4, 3, 2, 1, 0])).key == .unkeyed)
    }
}
