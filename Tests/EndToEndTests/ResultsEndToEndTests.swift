import Foundation
import Testing

/// `iamquiz results export`: the file a learner hands in, from exams taken with piped input.
@Suite("iamquiz results export end to end")
struct ResultsEndToEndTests {
    /// A home with two exams taken on the fixture bank.
    static func homeWithExams() throws -> [String: String] {
        let env = try freshHome()
        for seed in [7, 8] { #expect(try ExamsEndToEndTests.takeExam(env, seed: seed).status == 0) }
        return env
    }

    static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-results-\(UUID().uuidString)-\(name)").path
    }

    /// The JSON objects of a JSON Lines text.
    static func objects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test("--exam N writes exam N's answers: a header naming the learner and the selection, then one line per answer")
    func examAnswers() throws {
        let env = try Self.homeWithExams()
        let file = Self.temporaryFile("ana.jsonl")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let out = try IAMQuizBinary.run(["results", "export", "--learner", "Ana Lima", "--exam", "2", "-o", file], environment: env)
        #expect(out.status == 0, "\(out.stderr)")
        let lines = try Self.objects(try String(contentsOfFile: file, encoding: .utf8))
        let header = try #require(lines.first)
        let answers = lines.dropFirst()
        #expect(header["format"] as? String == "iamquiz-results" && header["version"] as? Int == 1 && header["learner"] as? String == "Ana Lima")
        #expect(header["selection"] as? String == "--exam 2" && header["answers"] as? Int == answers.count && !answers.isEmpty)
        #expect(out.stderr == "wrote \(answers.count) answers of Ana Lima (profile default, exam 2) to \(file)\n")
        for answer in answers {
            #expect(answer["session"] as? Int == 2 && answer["mode"] as? String == "exam" && answer["bank"] as? String == "single-answers.iqb")
            #expect(answer["learner"] as? String == "Ana Lima" && (answer["hash"] as? String)?.count == 16)
            let chosen = answer["chosen"] as? [String] ?? []
            #expect((answer["chosenText"] as? [String])?.count == chosen.count && answer["key"] is [String], "\(answer)")
        }
        let all = try IAMQuizBinary.run(["results", "export", "--learner", "Ana Lima", "-o", "-"], environment: env)
        #expect(try Self.objects(all.stdout).count == 1 + 2 * answers.count, "both exams")
    }

    @Test("the name is never taken from the system: no --learner without a terminal is exit 2, and $USER never reaches the file")
    func learnerNotFromSystem() throws {
        var env = try Self.homeWithExams()
        env["USER"] = "zyxw-system-user"
        env["LOGNAME"] = "zyxw-system-user"
        let file = Self.temporaryFile("x.jsonl")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let refused = try IAMQuizBinary.run(["results", "export", "-o", file], environment: env)
        #expect(refused.status == 2 && refused.stderr == "error: --learner NAME is required when not asked on a terminal\n")
        #expect(!FileManager.default.fileExists(atPath: file))
        let given = try IAMQuizBinary.run(["results", "export", "--learner", "Ana", "--format", "xapi", "-o", file], environment: env)
        #expect(given.status == 0, "\(given.stderr)")
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!written.contains("zyxw") && written.contains("\"name\":\"Ana\""))
        let blank = try IAMQuizBinary.run(["results", "export", "--learner", "  ", "-o", "-"], environment: env)
        #expect(blank.status == 2 && blank.stderr.contains("the learner's name is empty"))
    }

    @Test("a file is replaced only with --force; no answers selected writes nothing (exit 1); bad --since and --exam are usage errors")
    func refusals() throws {
        let env = try Self.homeWithExams()
        let file = Self.temporaryFile("ana.jsonl")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "mine\n".write(toFile: file, atomically: true, encoding: .utf8)
        let kept = try IAMQuizBinary.run(["results", "export", "--learner", "Ana", "-o", file], environment: env)
        let unchanged = try String(contentsOfFile: file, encoding: .utf8)
        #expect(kept.status == 1 && kept.stderr.contains("the file exists") && unchanged == "mine\n")
        #expect(try IAMQuizBinary.run(["results", "export", "--learner", "Ana", "-o", file, "--force"], environment: env).status == 0)

        let none = try IAMQuizBinary.run(["results", "export", "--learner", "Ana", "--since", "2999-01-01", "-o", "-"], environment: env)
        #expect(none.status == 1 && none.stdout.isEmpty)
        #expect(none.stderr.hasPrefix("error: no answers to export (profile default, since 2999-01-01); nothing written\n"))
        let date = try IAMQuizBinary.run(["results", "export", "--learner", "Ana", "--since", "last week", "-o", "-"], environment: env)
        #expect(date.status == 2 && date.stderr.contains("YYYY-MM-DD") && date.stderr.contains("ISO 8601"))
        let exam = try IAMQuizBinary.run(["results", "export", "--learner", "Ana", "--exam", "9", "-o", "-"], environment: env)
        #expect(exam.status == 2 && exam.stderr == "error: no exam 9; `iamquiz exams` lists them\n")
        let open = try RunningIAMQuiz(["exam", "--bank", ExamsEndToEndTests.bank, "--count", "3", "--seed", "9"], environment: env)
        #expect(open.waitFor("Answer: "))
        #expect(open.stop(with: SIGTERM) == 128 + SIGTERM)
        let unfinished = try IAMQuizBinary.run(["results", "export", "--learner", "Ana", "--exam", "3", "-o", "-"], environment: env)
        #expect(unfinished.status == 2 && unfinished.stderr.hasPrefix("error: exam 3 is not finished; `iamquiz resume` continues it"))
        let homepage = try IAMQuizBinary.run(["results", "export", "--learner", "Ana", "--homepage", "https://lms.example.edu", "-o", "-"],
                                             environment: env)
        #expect(homepage.status == 2 && homepage.stderr.contains("--homepage and --mbox go with --format xapi"))
    }

    @Test("--format xapi writes a JSON array of statements whose ids stay the same on a second export")
    func xapiStable() throws {
        let env = try Self.homeWithExams()
        func ids() throws -> [String] {
            let out = try IAMQuizBinary.run(["results", "export", "--learner", "Ana", "--format", "xapi", "--mbox", "ana@example.edu",
                                             "-o", "-"], environment: env)
            #expect(out.status == 0 && out.stderr.contains("as xAPI statements"), "\(out.stderr)")
            let statements = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
            #expect(statements.allSatisfy { ($0["actor"] as? [String: Any])?["mbox"] as? String == "mailto:ana@example.edu" })
            return statements.compactMap { $0["id"] as? String }
        }
        let first = try ids()
        let again = try ids()
        #expect(!first.isEmpty && Set(first).count == first.count && again == first)
    }
}

@Suite("iamquiz results export on a pseudo-terminal",
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "`script` (util-linux) is not installed"))
struct ResultsTerminalEndToEndTests {
    @Test("on a terminal the name is asked; the next time the name given is offered, and Enter takes it, saying where it came from")
    func askedAndRemembered() throws {
        let env = try ResultsEndToEndTests.homeWithExams()
        let file = ResultsEndToEndTests.temporaryFile("ana.jsonl")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let command = "\(IAMQuizBinary.url.path) results export -o \(file) --force; echo \"status=$?\""
        let first = try PseudoTerminalSession(shellCommand: command, environment: env)
        #expect(first.waitFor("Your name, as your instructor knows you: "), "screen:\n\(first.text)")
        first.type("   \r")
        #expect(first.waitFor("the learner's name is empty"), "screen:\n\(first.text)")
        first.type("Ana Lima\r")
        #expect(first.waitFor("status="), "screen:\n\(first.text)")
        first.finish()
        #expect(first.text.contains("status=0") && first.text.contains("of Ana Lima (profile default)"), "\(first.text)")

        let second = try PseudoTerminalSession(shellCommand: command, environment: env)
        #expect(second.waitFor("Your name, as your instructor knows you [Ana Lima]: "), "screen:\n\(second.text)")
        second.type("\r")
        #expect(second.waitFor("status="), "screen:\n\(second.text)")
        second.finish()
        #expect(second.text.contains("learner: Ana Lima (the name given last time, kept in profile default)"), "\(second.text)")
        let header = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").first ?? ""
        #expect(header.contains("\"learner\":\"Ana Lima\""))
    }
}
