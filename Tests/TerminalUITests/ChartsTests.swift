import Testing
@testable import TerminalUI

@Suite("Charts")
struct ChartsTests {
    // Rule: a bar has exactly `width` cells, filled in eighths.
    @Test(arguments: [(0.0, 4, "░░░░"), (1.0, 4, "████"), (0.5, 4, "██░░"), (0.25, 2, "▌░"), (2.0, 3, "███"), (-1.0, 3, "░░░"), (Double.nan, 2, "░░")])
    func bar(_ fraction: Double, _ width: Int, _ expected: String) {
        #expect(Charts.bar(fraction, width: width) == expected)
        #expect(Charts.bar(fraction, width: width).count == width)
    }

    @Test("a sparkline has one tick per value, lowest to highest")
    func sparkline() {
        #expect(Charts.sparkline([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█")
        #expect(Charts.sparkline([0.5, 0.5]) == "▅▅")  // a flat series sits in the middle
        #expect(Charts.sparkline([]) == "")
        #expect(Charts.sparkline([0, 1], low: 0, high: 2) == "▁▅")
    }

    @Test("the calendar puts today in the last column at its weekday, and future days blank")
    func calendar() {
        // Today is a Wednesday (2) with 4 answers; yesterday had 1.
        let rows = Charts.calendar(counts: [4, 1], weekdayOfToday: 2, weeks: 2)
        #expect(rows.count == 7)
        #expect(rows[2] == "Wed ·█")
        #expect(rows[1] == "Tue ·░")
        #expect(rows[3] == "Thu · ")
        #expect(rows.allSatisfy { $0.count == 6 })
    }
}
