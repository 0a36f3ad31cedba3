import Testing
@testable import Diagnostics

/// Every percentage a learner reads is rounded one way (half up), so that the score line, the exam's
/// topics and `stats` agree: 6 of 7 is 86%, not 85% on one screen and 86% on another.
@Suite("Percentages")
struct PercentageTests {
    @Test("a part of a whole, rounded half up", arguments: [
        (6, 7, 86), (7, 8, 88), (1, 8, 13), (1, 3, 33), (2, 3, 67), (0, 5, 0), (5, 5, 100), (1, 200, 1), (1, 201, 0), (3, 0, 0),
    ] as [(Int, Int, Int)])
    func partOfWhole(part: Int, whole: Int, expected: Int) {
        #expect(percentage(part, of: whole) == expected, "\(part) of \(whole)")
    }

    @Test("a share, rounded half up; a share that is not a number is 0")
    func share() {
        #expect(percentage(0.375) == 38)
        #expect(percentage(0.125) == 13)
        #expect(percentage(0.99) == 99)
        #expect(percentage(Double.nan) == 0)
    }
}
