import Foundation
import Testing
@testable import ClassReport

/// Facility and discrimination against values worked by hand on a small class.
///
/// The definitions are Moodle's quiz statistics (docs.moodle.org, "Quiz statistics calculations", developer
/// documentation; and "Quiz statistics report"): the facility index is the mean score on the item over its
/// maximum, here the share of learners right at their first attempt (Moodle also uses the first attempt by
/// default); the discrimination index is the correlation between the item's score and the score on the rest
/// of the test. Where we differ: Moodle shows it as a percentage (×100), we give -1…1; Moodle's rest of the
/// test is the sum of the other items' marks over attempts at the whole quiz, ours is the share right among
/// the other items each learner answered, because learners who practise answer different subsets (for a
/// fixed paper that everyone answered in full, the share is the sum over a constant, and the correlation is
/// the same).
@Suite("Class report: item analysis by hand") struct ItemAnalysisTests {
    /// Five learners, four questions, key A for all. Letters chosen at first (and only) attempt:
    ///
    /// ```
    ///            q1  q2  q3  q4        score  q1 q2 q3 q4
    ///     Ana    A   A   A   A                 1  1  1  1
    ///     Ben    A   C   A   A                 1  0  1  1
    ///     Cai    A   A   A   B                 1  1  1  0
    ///     Dee    B   A   C   A                 0  1  0  1
    ///     Eva    C   B   D   A                 0  0  0  1
    /// ```
    static func fiveByFour() -> ResultsTable {
        var table = ResultsTable()
        let choices = [("Ana", "AAAA"), ("Ben", "ACAA"), ("Cai", "AAAB"), ("Dee", "BACA"), ("Eva", "CBDA")]
        for (learner, letters) in choices {
            for (index, letter) in letters.enumerated() {
                table.answer(learner, "q\(index + 1)", chose: [String(letter)], minute: index, seconds: Double(10 * (index + 1)),
                             topics: index < 2 ? ["trust-policy"] : ["sts"])
            }
        }
        return table
    }

    @Test func facilityIsTheShareRightAtFirstAttempt() throws {
        let report = ClassAnalysis.report(Self.fiveByFour().files())
        // q1..q3: 3 of 5 right = 0.6; q4: 4 of 5 = 0.8.
        #expect(report.items.count == 4)
        for (question, facility) in [("q1", 0.6), ("q2", 0.6), ("q3", 0.6), ("q4", 0.8)] {
            let item = try #require(report.item(question))
            #expect(abs(item.facility - facility) < 1e-12, "\(question)")
            #expect(item.learners == 5 && item.attempts == 5)
        }
    }

    /// q1 worked by hand. Item score x (first attempt) and rest score y (share right on q2, q3, q4):
    ///
    /// ```
    ///            x    y                     dx = x - 0.6   dy = y - 2/3   dx·dy
    ///     Ana    1    3/3 = 1                  0.4            1/3          0.4/3
    ///     Ben    1    2/3 (q2 wrong)           0.4            0            0
    ///     Cai    1    2/3 (q4 wrong)           0.4            0            0
    ///     Dee    0    2/3 (q3 wrong)          -0.6            0            0
    ///     Eva    0    1/3 (q4 right)          -0.6           -1/3          0.6/3
    /// ```
    ///
    /// mean x = 3/5 = 0.6; mean y = (1 + 2/3 + 2/3 + 2/3 + 1/3) / 5 = (10/3) / 5 = 2/3.
    /// Σ dx·dy = 0.4/3 + 0.6/3 = 1/3; Σ dx² = 3(0.16) + 2(0.36) = 1.2; Σ dy² = 1/9 + 1/9 = 2/9.
    /// r = (1/3) / √(1.2 × 2/9) = (1/3) / √(4/15) = √15 / 6 ≈ 0.6455.
    ///
    /// q4, the same way: x = (1, 1, 0, 1, 1), y = (1, 2/3, 1, 1/3, 0); mean x = 0.8, mean y = 3/5.
    /// dx = (0.2, 0.2, -0.8, 0.2, 0.2); dy = (0.4, 1/15, 0.4, -4/15, -0.6).
    /// Σ dx·dy = 0.08 + 0.2/15 - 0.32 - 0.8/15 - 0.12 = -0.36 - 0.04 = -0.4; Σ dx² = 0.8;
    /// Σ dy² = 0.16 + 1/225 + 0.16 + 16/225 + 0.36 = 170/225. r = -0.4 / √(0.8 × 170/225) = -6/√136 ≈ -0.5145:
    /// the weakest learners (Dee, Eva) get it right and Cai, who gets everything else, misses it.
    ///
    /// q2: x = (1, 0, 1, 1, 0), y = (1, 1, 2/3, 1/3, 1/3), mean y = 2/3, dy = (1/3, 1/3, 0, -1/3, -1/3),
    /// dx = (0.4, -0.6, 0.4, 0.4, -0.6): Σ dx·dy = (0.4 - 0.6 + 0 - 0.4 + 0.6)/3 = 0, so r = 0.
    /// q3 mirrors q1 (x = 1, 1, 1, 0, 0 against y = 1, 2/3, 2/3, 2/3, 1/3): r = √15 / 6.
    @Test func discriminationIsTheItemRestCorrelation() throws {
        let report = ClassAnalysis.report(Self.fiveByFour().files())
        let expected = ["q1": 15.0.squareRoot() / 6, "q2": 0, "q3": 15.0.squareRoot() / 6, "q4": -6 / 136.0.squareRoot()]
        for (question, value) in expected {
            let item = try #require(report.item(question))
            let index = try #require(item.discrimination, "\(question)")
            #expect(abs(index - value) < 1e-9, "\(question): \(index)")
            #expect(item.discriminationLearners == 5)
        }
    }

    @Test func flagsPointAtTheItemsToFixFirst() throws {
        let report = ClassAnalysis.report(Self.fiveByFour().files())
        // q4 (negative) first, then q2 (near zero), then the items without flags by id.
        #expect(report.items.map(\.question) == ["q4", "q2", "q1", "q3"])
        #expect(report.item("q4")?.flags.map(\.kind) == [.negativeDiscrimination])
        #expect(report.item("q4")?.flags.first?.reason == "strong learners miss it (discrimination -0.51): check the key")
        #expect(report.item("q2")?.flags.map(\.kind) == [.nearZeroDiscrimination])
        #expect(report.item("q1")?.flags == [])
        #expect(report.itemsToFix.map(\.question) == ["q4", "q2"])
    }

    @Test func optionsCountFirstChoicesWithTheirTextsAndKey() throws {
        let report = ClassAnalysis.report(Self.fiveByFour().files())
        let options = try #require(report.item("q1")?.options)
        #expect(options.map(\.letter) == ["A", "B", "C", "D"])
        #expect(options.map(\.chosenAtFirst) == [3, 1, 1, 0])
        #expect(options.map(\.isKey) == [true, false, false, false])
        #expect(options.map(\.share) == [0.6, 0.2, 0.2, 0])
        #expect(options[1].text == "option B of q1")
        #expect(options[3].text == nil) // nobody chose D, and without a bank its text is unknown
        // First attempts took 10, 20, 30 and 40 seconds on q1..q4 for everyone.
        #expect(report.item("q3")?.medianSeconds == 30)
    }

    /// Mastery is the mean over learners of each one's share right on the topic's questions.
    /// trust-policy (q1, q2): Ana 2/2, Ben 1/2, Cai 2/2, Dee 1/2, Eva 0/2: (1 + 0.5 + 1 + 0.5 + 0) / 5 = 0.6.
    /// sts (q3, q4): Ana 1, Ben 1, Cai 1/2, Dee 1/2, Eva 1/2: 3.5 / 5 = 0.7.
    @Test func topicMasteryAndLearners() throws {
        let report = ClassAnalysis.report(Self.fiveByFour().files())
        #expect(report.topics.map(\.topic) == ["sts", "trust-policy"])
        #expect(abs(report.topics[0].mastery - 0.7) < 1e-12)
        #expect(abs(report.topics[1].mastery - 0.6) < 1e-12)
        #expect(report.topics.map(\.learners) == [5, 5] && report.topics.map(\.questions) == [2, 2])
        #expect(report.learners.map(\.name) == ["Ana", "Ben", "Cai", "Dee", "Eva"])
        #expect(report.learners.map(\.accuracy) == [1, 0.75, 0.75, 0.5, 0.25])
        #expect(report.learner("Eva")?.questions == 4 && report.learner("Eva")?.files == ["eva.jsonl"])
        #expect(report.notes.isEmpty)
        #expect(report.totals == ReportTotals(files: 5, answersRead: 20, answers: 20, analysedAnswers: 20))
    }

    /// Ben answers q1 three times: wrong at 10:05, then right on a retry at 10:06; a line written earlier in his
    /// file (right, at 10:07) is later in time. His first attempt is the one at 10:05, by time, not by line.
    @Test func retriesCountAsAttemptsButFacilityTakesTheFirstByTime() throws {
        var table = ResultsTable()
        table.answer("Ben", "q1", chose: ["A"], minute: 7, seconds: 5)
        table.answer("Ben", "q1", chose: ["C"], minute: 5, seconds: 50)
        table.answer("Ben", "q1", chose: ["A"], minute: 6, seconds: 8, retry: true)
        for learner in ["Ana", "Cai", "Dee", "Eva"] { table.answer(learner, "q1", chose: ["A"], minute: 1, seconds: 20) }
        let item = try #require(ClassAnalysis.report(table.files()).item("q1"))
        #expect(item.attempts == 7 && item.learners == 5)
        #expect(item.rightAtFirst == 4 && item.facility == 0.8)
        #expect(item.options.map(\.chosenAtFirst) == [4, 0, 1, 0])
        #expect(item.medianSeconds == 20) // first attempts: 20, 20, 20, 20 and Ben's 50
        #expect(ClassAnalysis.report(table.files()).learner("Ben")?.attempts == 3)
    }

    /// Same time: the earlier line is the first attempt.
    @Test func sameTimeFallsBackToLineOrder() throws {
        var table = ResultsTable()
        table.answer("Ana", "q1", chose: ["B"], minute: 3)
        table.answer("Ana", "q1", chose: ["A"], minute: 3)
        let item = try #require(ClassAnalysis.report(table.files()).item("q1"))
        #expect(item.rightAtFirst == 0 && item.attempts == 2)
    }

    /// Eva skips q1: q1's figures are over the four who answered it, and an item with four learners is not judged.
    @Test func aLearnerWhoSkippedIsLeftOutAndFourLearnersGetNoSampleFlags() throws {
        var table = ResultsTable()
        for learner in ["Ana", "Ben", "Cai", "Dee"] { table.answer(learner, "q1", chose: ["B"]) }
        for learner in ["Ana", "Ben", "Cai", "Dee", "Eva"] { table.answer(learner, "q2", chose: ["A"], minute: 1) }
        let report = ClassAnalysis.report(table.files())
        let item = try #require(report.item("q1"))
        #expect(item.learners == 4 && item.facility == 0) // 0 of 4, not 0 of 5
        // 0% would be a low-facility flag and "B over the key A" a distractor flag with five learners.
        #expect(item.flags.map(\.kind) == [.tooFewLearners])
        #expect(item.flags.first?.reason == "too few learners to judge (4; facility, discrimination and distractors need 5)")
        #expect(item.needsFix == false)
        #expect(report.learner("Eva")?.questions == 1)
    }

    /// All five right: the item's score does not vary, so the correlation is undefined (nil, not 0) and no
    /// discrimination flag is raised; facility 100% is still flagged, as it is a fact of the sample.
    @Test func zeroVarianceGivesNoDiscriminationAndNoDiscriminationFlag() throws {
        var table = Self.fiveByFour()
        for learner in ["Ana", "Ben", "Cai", "Dee", "Eva"] { table.answer(learner, "easy", chose: ["A"], minute: 9) }
        let report = ClassAnalysis.report(table.files())
        let item = try #require(report.item("easy"))
        #expect(item.discrimination == nil)
        #expect(item.flags.map(\.kind) == [.highFacility])
        #expect(item.flags.first?.reason == "almost everyone gets it right (100% at first attempt): it tells learners apart little")
        // In JSON the undefined index is absent, never 0.
        let json = try JSONEncoder().encode(item)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["discrimination"] == nil && object["facility"] as? Double == 1)
    }

    @Test func fewerThanThreeLearnersGiveNoDiscrimination() throws {
        var table = ResultsTable()
        table.answer("Ana", "q1", chose: ["A"]); table.answer("Ana", "q2", chose: ["A"], minute: 1)
        table.answer("Ben", "q1", chose: ["B"]); table.answer("Ben", "q2", chose: ["B"], minute: 1)
        #expect(ClassAnalysis.report(table.files()).item("q1")?.discrimination == nil)
    }
}
