import Foundation
import Testing

/// `iamquiz exams`, `exams show N` and `review --exam N` on exams taken with piped input.
@Suite("iamquiz exams end to end")
struct ExamsEndToEndTests {
    static let bank = IAMQuizBinary.fixtures.appendingPathComponent("single-answers.iqb").path

    /// Takes a 3-question exam: the first answered, the second flagged and answered, the third left; finished.
    static func takeExam(_ env: [String: String], seed: Int) throws -> IAMQuizBinary.Output {
        try IAMQuizBinary.run(["exam", "--bank", bank, "--count", "3", "--seed", String(seed)],
                              input: "a\nflag\na\nfinish\n", environment: env)
    }

    /// The exams as `exams --format json` lists them.
    static func listed(_ env: [String: String]) throws -> [[String: Any]] {
        let out = try IAMQuizBinary.run(["exams", "--format", "json"], environment: env)
        #expect(out.status == 0, "\(out.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        #expect(json?["passMark"] as? Int == 720)
        return json?["exams"] as? [[String: Any]] ?? []
    }

    @Test("finished exams are listed oldest first with number, score, pass or fail and the trend; empty history says so")
    func list() throws {
        let env = try freshHome()
        let empty = try IAMQuizBinary.run(["exams"], environment: env)
        #expect(empty.status == 0 && empty.stdout == "No exams yet: `iamquiz exam` starts one, and its report is kept here.\n")
        #expect(try Self.listed(env).isEmpty)

        for seed in [7, 8] { #expect(try Self.takeExam(env, seed: seed).status == 0) }
        let exams = try Self.listed(env)
        #expect(exams.map { $0["number"] as? Int } == [1, 2])
        #expect(exams.allSatisfy { ($0["questions"] as? Int) == 3 && ["passed", "failed"].contains($0["status"] as? String ?? "") })
        let text = try IAMQuizBinary.run(["exams"], environment: env)
        #expect(text.status == 0)
        for exam in exams {
            let score = try #require(exam["score"] as? Int)
            let verdict = exam["status"] as? String == "passed" ? "PASS" : "FAIL"
            #expect(text.stdout.contains("   \(exam["number"] ?? 0)  ") && text.stdout.contains("\(score)/1000  \(verdict)"), "\(text.stdout)")
        }
        #expect(text.stdout.contains("  Trend: "), "\(text.stdout)")

        // An exam stopped before the end is listed as unfinished, and cannot be shown yet.
        let open = try RunningIAMQuiz(["exam", "--bank", Self.bank, "--count", "3", "--seed", "9"], environment: env)
        #expect(open.waitFor("Answer: "))
        #expect(open.stop(with: SIGTERM) == 128 + SIGTERM)
        let after = try IAMQuizBinary.run(["exams"], environment: env)
        #expect(after.stdout.contains("   3  ") && after.stdout.contains("3  unfinished, `iamquiz resume`"), "\(after.stdout)")
        #expect(try Self.listed(env).last?["status"] as? String == "unfinished")
        let show = try IAMQuizBinary.run(["exams", "show", "3"], environment: env)
        #expect(show.status == 2 && show.stderr == "error: exam 3 is not finished; `iamquiz resume` continues it\n")
    }

    @Test("exams show N: the summary first, then each question with the answer given; an unknown N is an error, exit 2")
    func show() throws {
        var env = try freshHome()
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-pager-\(UUID().uuidString)")
        // Piped output is never paged, even with a pager set.
        env["PAGER"] = "cat > '\(marker.path)'"
        #expect(try Self.takeExam(env, seed: 7).status == 0)
        let out = try IAMQuizBinary.run(["exams", "show", "1", "--bank", Self.bank], environment: env)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("Exam 1 · "), "\(out.stdout)")
        let score = try #require(out.stdout.range(of: "Score: "))
        let topics = try #require(out.stdout.range(of: "By topic (weakest first):"))
        let flagged = try #require(out.stdout.range(of: "Flagged: question 2."))
        let first = try #require(out.stdout.range(of: "Question 1 of 3 · id "))
        #expect(score.lowerBound < flagged.lowerBound && flagged.lowerBound < topics.lowerBound && topics.lowerBound < first.lowerBound)
        #expect(out.stdout.contains("Question 2 of 3 · flagged · id "))
        #expect(out.stdout.contains("✗ Not answered."), "the third question was left unanswered")
        #expect(!FileManager.default.fileExists(atPath: marker.path), "the pager ran on piped output")

        let unknown = try IAMQuizBinary.run(["exams", "show", "99"], environment: env)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "error: no exam 99; `iamquiz exams` lists them\n")
        let wrong = try IAMQuizBinary.run(["review", "--exam", "99"], environment: env)
        #expect(wrong.status == 2 && wrong.stderr.contains("error: no exam 99; `iamquiz exams` lists them"))
    }

    @Test("review --exam N practises the exam's questions: all, the wrong ones (unanswered included) or the flagged ones")
    func review() throws {
        let env = try freshHome()
        #expect(try Self.takeExam(env, seed: 7).status == 0)
        let exam = try #require(try Self.listed(env).first)
        let wrongCount = 3 - (try #require(exam["correct"] as? Int))
        for (flag, count, label) in [(nil, 3, "(exam 1)"), ("--wrong", wrongCount, "(exam 1, wrong)"), ("--flagged", 1, "(exam 1, flagged)")] {
            let out = try IAMQuizBinary.run(["review", "--exam", "1", "--bank", Self.bank, "--seed", "1"] + (flag.map { [$0] } ?? []),
                                            input: "a\na\na\n", environment: env)
            #expect(out.status == 0, "\(out.stderr)")
            if count == 0 {
                #expect(out.stdout.contains("Nothing to review in exam 1: every question was answered right."))
            } else {
                #expect(out.stdout.hasPrefix("iamquiz review: \(count == 1 ? "1 question" : "\(count) questions") \(label)."), "\(out.stdout)")
                #expect(out.stdout.occurrences(of: "Your answer: ") == count)
            }
        }
        let usage = try IAMQuizBinary.run(["review", "--wrong"], environment: env)
        #expect(usage.status == 2 && usage.stderr.hasPrefix("error: --wrong goes with --exam N"))
        let both = try IAMQuizBinary.run(["review", "--exam", "1", "--topic", "sts"], environment: env)
        #expect(both.status == 2 && both.stderr.hasPrefix("error: --topic does not go with --exam"))
    }
}

/// The pager on a real terminal, with a pager command the test controls (no `less` needed).
@Suite("the pager on a pseudo-terminal",
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "`script` (util-linux) is not installed"))
struct PagerEndToEndTests {
    @Test("exams show N and scenario run --explain go through $PAGER on a terminal taller output than the screen")
    func pagerOnTerminal() throws {
        var env = try freshHome()
        #expect(try ExamsEndToEndTests.takeExam(env, seed: 7).status == 0)
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-pager-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: marker) }
        env["PAGER"] = "cat > '\(marker.path)'; echo PAGER-USED"
        env["NO_COLOR"] = "1"
        let binary = IAMQuizBinary.url.path
        let session = try PseudoTerminalSession(
            shellCommand: "stty rows 12 cols 80; \(binary) exams show 1 --bank \(ExamsEndToEndTests.bank); echo \"status=$?\"",
            environment: env)
        #expect(session.waitFor("status="), "screen:\n\(session.text)")
        session.finish()
        #expect(session.text.contains("PAGER-USED\r\nstatus=0") || session.text.contains("PAGER-USED\nstatus=0"), "\(session.text)")
        let paged = try String(contentsOf: marker, encoding: .utf8)
        #expect(paged.hasPrefix("Exam 1 · ") && paged.contains("Question 3 of 3"), "\(paged)")
        #expect(!session.text.contains("By topic"), "the report was printed as well as paged:\n\(session.text)")

        try? FileManager.default.removeItem(at: marker)
        let scenario = try PseudoTerminalSession(
            shellCommand: "stty rows 12 cols 80; \(binary) scenario run --explain abac-growing-teams; echo \"status=$?\"",
            environment: env)
        #expect(scenario.waitFor("status="), "screen:\n\(scenario.text)")
        scenario.finish()
        #expect(scenario.text.contains("PAGER-USED"), "\(scenario.text)")
        #expect(try String(contentsOf: marker, encoding: .utf8).hasPrefix("scenario abac-growing-teams"))
    }

    @Test("Ctrl-C while the pager runs ends the pager, not iamquiz")
    func interruptInPager() throws {
        var env = try freshHome()
        #expect(try ExamsEndToEndTests.takeExam(env, seed: 7).status == 0)
        // The pager sends SIGINT to the whole foreground process group, as Ctrl-C in less would reach it.
        env["PAGER"] = "cat >/dev/null; kill -INT 0; echo NOT-REACHED"
        env["NO_COLOR"] = "1"
        // The shell ignores SIGINT so that it can report the status; iamquiz starts with the default, as from a shell.
        let session = try PseudoTerminalSession(
            shellCommand: "stty rows 12 cols 80; trap '' INT; (trap - INT; exec \(IAMQuizBinary.url.path) exams show 1 "
                + "--bank \(ExamsEndToEndTests.bank)); echo \"status=$?\"",
            environment: env)
        #expect(session.waitFor("status="), "screen:\n\(session.text)")
        session.finish()
        #expect(session.text.contains("status=0"), "\(session.text)")
        #expect(!session.text.contains("NOT-REACHED"), "the pager did not get the interrupt")
    }
}
