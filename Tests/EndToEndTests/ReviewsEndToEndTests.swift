import Foundation
import Testing

@Suite("iamquiz end to end: new questions per day, the start line and the forecast")
struct ReviewsEndToEndTests {
    static let single = IAMQuizBinary.fixtures.appendingPathComponent("single-answers.iqb").path

    @Test("--new-per-day limits the new questions of the day, is kept for the profile, and a negative one is refused")
    func newPerDay() throws {
        let env = try freshHome().merging(middayTimeZone()) { $1 }
        let first = try IAMQuizBinary.run(["--bank", Self.single, "--seed", "1", "--count", "4", "--new-per-day", "2"],
                                          input: "a\na\na\na\n", environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("iamquiz: 2 questions of 4"), "\(first.stdout)")
        #expect(first.stdout.contains("0 due today, 2 new of 4 unseen (new per day: 2)."), "\(first.stdout)")

        // Later runs keep the limit: the 2 new questions of today are used, and the 2 studied ones are due today.
        let second = try IAMQuizBinary.run(["--bank", Self.single, "--seed", "1", "--count", "4"], input: "", environment: env)
        #expect(second.stdout.contains("2 due today, 0 new of 2 unseen (new per day: 2)."), "\(second.stdout)")
        #expect(second.stdout.contains("iamquiz: 2 questions of 4"), "\(second.stdout)")

        let none = try IAMQuizBinary.run(["--bank", Self.single, "--new-per-day", "0"],
                                         environment: try freshHome().merging(middayTimeZone()) { $1 })
        #expect(none.status == 0)
        #expect(none.stdout.contains("Nothing to practise: 0 due today, 0 new of 4 unseen (new per day: 0)."), "\(none.stdout)")

        let negative = try IAMQuizBinary.run(["--bank", Self.single, "--new-per-day", "-1"], environment: env)
        #expect(negative.status == 2)
        #expect(negative.stderr.hasPrefix("error: --new-per-day must be 0 or more, not `-1`"), "\(negative.stderr)")
    }

    @Test("stats --forecast counts the studied questions by the day they fall due, as a chart and as JSON")
    func forecast() throws {
        let env = try freshHome().merging(middayTimeZone()) { $1 }
        let quiz = try IAMQuizBinary.run(["--bank", Self.single, "--seed", "1", "--count", "3"], input: "a\na\na\n", environment: env)
        #expect(quiz.status == 0, "\(quiz.stderr)")
        let json = try IAMQuizBinary.run(["stats", "--forecast", "--format", "json", "--bank", Self.single], environment: env)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let days = try #require(object["days"] as? [[String: Any]])
        #expect(days.count == 30)
        // Learning steps are minutes long: all three are due today.
        #expect(days.first?["due"] as? Int == 3 && object["total"] as? Int == 3, "\(json.stdout)")
        let text = try IAMQuizBinary.run(["stats", "--forecast", "--bank", Self.single], environment: env)
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.first == "Due in the next 30 days (today includes overdue questions): 3 in all", "\(text.stdout)")
        #expect(lines.count == 31)
        #expect(lines[1].hasPrefix("  today      █") && lines[1].hasSuffix("  3"), "\(text.stdout)")
        let refused = try IAMQuizBinary.run(["stats", "--forecast", "--export", "csv"], environment: env)
        #expect(refused.status == 2)
    }
}
