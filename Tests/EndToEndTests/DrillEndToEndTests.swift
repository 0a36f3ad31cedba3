import Foundation
import Testing

@Suite("iamquiz end to end: drills")
struct DrillEndToEndTests {
    @Test("iamquiz drill --count 2 --seed 5 with piped answers: two generated questions, graded and explained")
    func pipedDrill() throws {
        // Whatever number of letters each drill wants, one of these lines answers it (the families drawn change
        // as families are added).
        let input = "a\nab\nabc\na\nab\nabc\n"
        let out = try IAMQuizBinary.run(["drill", "--count", "2", "--seed", "5"], input: input)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("iamquiz drill: 2 new questions (drills: all families), seed 5; 0 skills due, 2 new "
            + "(a skill is a family at a level)."), "\(out.stdout)")
        #expect(out.stdout.contains("Question 1 of 2"))
        #expect(out.stdout.contains("Question 2 of 2"))
        #expect(out.stdout.contains("  A. "))
        #expect(out.stdout.contains("id: drill-"))
        #expect(out.stdout.contains("Score: "))
        // Every option's explanation comes from the evaluation (or, for drills decided in a world, from the run).
        #expect([": allowed: ", ": denied", ": succeeds: ", ": fails with "].contains { out.stdout.contains($0) })
        let again = try IAMQuizBinary.run(["drill", "--count", "2", "--seed", "5"], input: input)
        #expect(again.stdout == out.stdout)
    }

    @Test("the graded answer is kept in the profile's progress, under the drill's id; its skill's card is scheduled")
    func recorded() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-drill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        // Whatever number of letters the drill wants, one of these lines answers it.
        let out = try IAMQuizBinary.run(["drill", "not-action", "--level", "associate", "--count", "1", "--seed", "9"], input: "a\nab\nabc\n",
                                        environment: ["IAMQUIZ_HOME": home.path])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("id: drill-not-action-associate-9-1"))
        let stats = try IAMQuizBinary.run(["stats", "--format", "json"], environment: ["IAMQUIZ_HOME": home.path])
        #expect(stats.status == 0, "\(stats.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(json["answers"] as? Int == 1)
        let csv = try IAMQuizBinary.run(["stats", "--export", "csv"], environment: ["IAMQUIZ_HOME": home.path])
        #expect(csv.stdout.contains(",drill-not-action-associate-9-1,"))
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

    // MARK: - Skills, stats, --drills, show and verify (issue 14, part 3)

    /// Lines that answer any drill: whatever number of letters it asks, one of them fits, and the rest go to
    /// the prompts after it.
    static let anyAnswer = "a\nab\nabc\n"

    /// The question ids the feedback showed (`id: ...`, which may wrap to the next line), in order.
    static func ids(in output: String) -> [String] {
        output.components(separatedBy: "id:").dropFirst().map { rest in
            String(rest.drop { $0.isWhitespace }.prefix { !$0.isWhitespace })
        }
    }

    @Test("answering drills updates the family's skill, and `stats` shows its accuracy (text and JSON)")
    func skillStats() throws {
        let env = try freshHome()
        defer { try? FileManager.default.removeItem(atPath: env["IAMQUIZ_HOME"] ?? "") }
        let before = try IAMQuizBinary.run(["stats", "--format", "json"], environment: env)
        let empty = try #require(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any])
        #expect((empty["drills"] as? [Any])?.isEmpty == true)
        #expect(!before.stdout.contains("Drills"))
        let run = try IAMQuizBinary.run(["drill", "explicit-deny", "--level", "associate", "--count", "2", "--seed", "3"],
                                        input: String(repeating: Self.anyAnswer, count: 4), environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let stats = try IAMQuizBinary.run(["stats", "--format", "json"], environment: env)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        let drills = try #require(json["drills"] as? [[String: Any]])
        #expect(drills.count == 1)
        let row = try #require(drills.first)
        #expect(row["skill"] as? String == "drill:explicit-deny:associate")
        #expect(row["answered"] as? Int == 2)
        let right = try #require(row["right"] as? Int)
        #expect((row["accuracy"] as? Double) == Double(right) / 2)
        #expect(row["due"] is String)
        let text = try IAMQuizBinary.run(["stats"], environment: env)
        #expect(text.stdout.contains("Drills (per family and level"), "\(text.stdout)")
        #expect(text.stdout.contains("explicit-deny") && text.stdout.contains("2 answered, \(right) right, \(percentage(right, 2))%"))
        // One drill's history: its answer, and the memory of its skill.
        let first = try #require(Self.ids(in: run.stdout).first { $0.hasPrefix("drill-") })
        let question = try IAMQuizBinary.run(["stats", "--question", first], environment: env)
        #expect(question.status == 0, "\(question.stderr)")
        #expect(question.stdout.contains("Memory (of the skill `drill:explicit-deny:associate`): "), "\(question.stdout)")
        #expect(question.stdout.contains("Answers: ") && question.stdout.contains("  drill"), "\(question.stdout)")
        // The next run asks the skill that is now known after the new ones.
        let next = try IAMQuizBinary.run(["drill", "explicit-deny", "--count", "1", "--seed", "3"], input: "q\n", environment: env)
        #expect(next.stdout.contains("seed 3; 0 skills due, 1 new"), "\(next.stdout)")
        #expect(next.stdout.contains("Question 1 of 1 · professional"))
    }

    private func percentage(_ part: Int, _ whole: Int) -> Int { Int((Double(part) * 100 / Double(whole)).rounded()) }

    @Test("iamquiz --drills 3 --count 5 --seed 2: 8 questions, 3 of them drills spread among 5 of the bank, the same again")
    func mixedPractice() throws {
        // Wrong answers come back (asked again): enough lines for every question and its repeats.
        let input = String(repeating: Self.anyAnswer, count: 40)
        let out = try IAMQuizBinary.run(["--drills", "3", "--count", "5", "--seed", "2"], input: input)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("iamquiz: 5 questions of ") && out.stdout.contains(" and 3 drills (0 skills due, 3 new)"), "\(out.stdout)")
        #expect(out.stdout.contains("Question 1 of 8") && out.stdout.contains("Question 8 of 8"))
        let ids = Self.ids(in: out.stdout)
        let drillIDs = Set(ids.filter { $0.hasPrefix("drill-") })
        #expect(drillIDs.count == 3, "\(ids)")
        #expect(drillIDs.allSatisfy { $0.contains("-2-") })
        #expect(ids.first.map { !$0.hasPrefix("drill-") } == true)  // a bank question first
        let again = try IAMQuizBinary.run(["--drills", "3", "--count", "5", "--seed", "2"], input: input)
        #expect(again.stdout == out.stdout)
        let bad = try IAMQuizBinary.run(["--drills", "-1"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("error: --drills must be 0 or more, not `-1`"), "\(bad.stderr)")
    }

    @Test("show writes a drill again exactly as it was asked, from its id; a bad drill id is a usage error")
    func show() throws {
        let answered = try IAMQuizBinary.run(["drill", "--count", "1", "--seed", "11"], input: Self.anyAnswer)
        let shownID = Self.ids(in: answered.stdout).first
        let drillID = try #require(shownID)
        #expect(drillID.hasPrefix("drill-") && drillID.hasSuffix("-11-1"))
        let show = try IAMQuizBinary.run(["show", drillID])
        #expect(show.status == 0, "\(show.stderr)")
        // Every line of the stem and options the quiz showed is in the sheet (the sheet letters options in order).
        let asked = answered.stdout.components(separatedBy: "Question 1 of 1").last ?? ""
        let choose = try #require(asked.split(separator: "\n").first { $0.contains("(Choose ") })
        #expect(show.stdout.contains(choose.trimmingCharacters(in: .whitespaces)), "\(show.stdout)")
        // Each option's first line as the quiz showed it (`  A. Dmitri calls ...`): the same text in the sheet.
        let options = asked.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.count > 3 && $0.dropFirst().hasPrefix(". ") && $0.first.map { "ABCDEF".contains($0) } == true }
            .map { String($0.dropFirst(3).prefix(25)) }
        #expect(options.count >= 4, "\(asked)")
        for option in Set(options) { #expect(show.stdout.contains(option), "\(option)") }
        #expect(try IAMQuizBinary.run(["show", drillID]).stdout == show.stdout)
        let unknown = try IAMQuizBinary.run(["show", "drill-kerberos-associate-1-1"])
        #expect(unknown.status == 2 && unknown.stderr.hasPrefix("error: no drill family `kerberos`"), "\(unknown.stderr)")
        let old = try IAMQuizBinary.run(["show", "drill-not-action-9-1"])
        #expect(old.status == 2 && old.stderr.hasPrefix("error: `drill-not-action-9-1` is not a drill id"), "\(old.stderr)")
    }

    @Test("verify after a drill shows each option's evaluation trace (evaluator) or steps (world)",
          arguments: [("not-action", "each option's request evaluated"), ("scp-inheritance", "each option's request evaluated")])
    func verify(family: String, how: String) throws {
        // `verify` at whichever prompt comes after the answer (a repeat's, or the one before the score).
        let out = try IAMQuizBinary.run(["drill", family, "--count", "1", "--seed", "6"], input: Self.anyAnswer + "verify\n\n")
        #expect(out.status == 0, "\(out.stderr)")
        let after = out.stdout.components(separatedBy: "verify\n").dropFirst().joined()
        #expect(after.contains("drill drill-\(family)-"), "\(out.stdout)")
        #expect(after.contains(how))
        #expect(after.contains("Option A: ") && after.contains("so it is right.") && after.contains("Option D: "))
        #expect(after.contains("policy `") && after.contains(", statement 1"), "\(after)")
        // Nothing of it before the answer.
        let before = out.stdout.components(separatedBy: "verify\n").first ?? ""
        #expect(!before.contains("request: arn:aws") && after.contains("request: arn:aws"))
    }

    @Test("a practice session with drills resumes with its drills, each written again from its id")
    func resumeWithDrills() throws {
        let env = try freshHome()
        defer { try? FileManager.default.removeItem(atPath: env["IAMQUIZ_HOME"] ?? "") }
        let first = try IAMQuizBinary.run(["--drills", "2", "--count", "2", "--seed", "4"], input: "q\n", environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        let resumed = try IAMQuizBinary.run(["resume"], input: String(repeating: Self.anyAnswer, count: 6), environment: env)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("iamquiz resume: 4 questions left of the practice session"), "\(resumed.stdout)")
        #expect(!resumed.stderr.contains("no longer in the bank") && !resumed.stderr.contains("changed"), "\(resumed.stderr)")
        #expect(Set(Self.ids(in: resumed.stdout).filter { $0.hasPrefix("drill-") }).count == 2)
    }
}
