import Foundation
import Testing

@Suite("iamquiz end to end: drills")
struct DrillEndToEndTests {
    @Test("iamquiz drill --count 2 --seed 5 with piped answers: two generated questions, graded and explained")
    func pipedDrill() throws {
        // Whatever number of letters each drill wants, these lines answer it (a wrong count is asked again).
        let answers = "a\nab\nabc\na\nab\nabc\n"
        let out = try IAMQuizBinary.run(["drill", "--count", "2", "--seed", "5"], input: answers)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("iamquiz drill: 2 new questions (drills: all families), seed 5."))
        #expect(out.stdout.contains("Question 1 of 2"))
        #expect(out.stdout.contains("Question 2 of 2"))
        #expect(out.stdout.contains(" calls "))
        #expect(out.stdout.contains("id: drill-"))
        #expect(out.stdout.contains("Score: "))
        // Every option's explanation comes from the evaluation.
        #expect(out.stdout.contains(": allowed: ") || out.stdout.contains(": denied"))
        let again = try IAMQuizBinary.run(["drill", "--count", "2", "--seed", "5"], input: answers)
        #expect(again.stdout == out.stdout)
    }

    @Test("the graded answer is kept in the profile's progress, under the drill's id")
    func recorded() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-drill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        // Whatever number of letters the drill wants, one of these lines answers it.
        let out = try IAMQuizBinary.run(["drill", "not-action", "--count", "1", "--seed", "9"], input: "a\nab\nabc\n",
                                        environment: ["IAMQUIZ_HOME": home.path])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("id: drill-not-action-9-1"))
        let stats = try IAMQuizBinary.run(["stats", "--format", "json"], environment: ["IAMQUIZ_HOME": home.path])
        #expect(stats.status == 0, "\(stats.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(json["answers"] as? Int == 1)
        let csv = try IAMQuizBinary.run(["stats", "--export", "csv"], environment: ["IAMQUIZ_HOME": home.path])
        #expect(csv.stdout.contains(",drill-not-action-9-1,"))
        #expect(csv.stdout.contains(",drill,"))
    }

    @Test("--list shows every family with its levels and topics")
    func list() throws {
        let out = try IAMQuizBinary.run(["drill", "--list"])
        #expect(out.status == 0)
        for name in ["evaluation-logic", "explicit-deny", "not-action", "conditions", "policy-variables", "scp-inheritance"] {
            #expect(out.stdout.contains(name))
        }
        #expect(out.stdout.contains("associate, professional: Policy evaluation logic"))
        #expect(out.stdout.contains("topics: conditions, mfa, policy-evaluation"))
    }

    @Test("an unknown family is a usage error with the nearest name, exit 2")
    func unknownFamily() throws {
        let out = try IAMQuizBinary.run(["drill", "not-actoin"])
        #expect(out.status == 2)
        #expect(out.stderr.hasPrefix("error: no drill family `not-actoin`; did you mean `not-action`?"), "\(out.stderr)")
        let far = try IAMQuizBinary.run(["drill", "kerberos"])
        #expect(far.status == 2)
        #expect(far.stderr.hasPrefix("error: no drill family `kerberos`; the families are: evaluation-logic, explicit-deny, "
            + "not-action, conditions"), "\(far.stderr)")
        let level = try IAMQuizBinary.run(["drill", "conditions", "--level", "associate"])
        #expect(level.status == 2)
        #expect(level.stderr.hasPrefix("error: drill family `conditions` has no associate drills"), "\(level.stderr)")
    }
}
