import Foundation
import Testing

@Suite("iamquiz end to end: progress and stats")
struct ProgressEndToEndTests {
    /// A fresh data directory for one test.
    /// Single-answer questions: any one letter answers any of them, whatever the seed picks.
    static let single = IAMQuizBinary.fixtures.appendingPathComponent("single-answers.iqb").path

    @Test("every graded answer is saved; stats counts them; profiles are separate")
    func answersAreRecorded() throws {
        let env = try freshHome()
        let quiz = try IAMQuizBinary.run(["--bank", Self.single, "--seed", "3", "--count", "2"], input: "a\nb\n", environment: env)
        #expect(quiz.status == 0, "\(quiz.stderr)")
        let stats = try IAMQuizBinary.run(["stats", "--format", "json", "--bank", Self.single], environment: env)
        #expect(stats.status == 0, "\(stats.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(json["answers"] as? Int == 2)
        #expect((json["levels"] as? [[String: Any]])?.count == 2)
        #expect((json["days"] as? [[String: Any]])?.count == 1)

        // Reading commands never create a profile: `second` does not exist until a quiz uses it.
        let missing = try IAMQuizBinary.run(["stats", "--profile", "second"], environment: env)
        #expect(missing.status == 2 && missing.stderr.hasPrefix("error: no profile `second`"))
        _ = try IAMQuizBinary.run(["--bank", Self.single, "--count", "1", "--profile", "second"], input: "skip\n", environment: env)
        let other = try IAMQuizBinary.run(["stats", "--format", "json", "--profile", "second"], environment: env)
        let otherJSON = try #require(try JSONSerialization.jsonObject(with: Data(other.stdout.utf8)) as? [String: Any])
        #expect(otherJSON["answers"] as? Int == 0)
        #expect(try IAMQuizBinary.run(["stats", "--profile", "bad name"], environment: env).status == 2)
    }

    @Test("an interrupted quiz keeps the answers given before the interruption")
    func earlyStopKeepsAnswers() throws {
        let env = try freshHome()
        // Whatever number of letters the first question wants, one of these lines answers it; then quit.
        let quiz = try IAMQuizBinary.run(["--seed", "4", "--count", "5"], input: "a\nab\nq\n", environment: env)
        let graded = quiz.stdout.components(separatedBy: "The answer is").count - 1 + quiz.stdout.components(separatedBy: "the answer is").count - 1
        #expect(quiz.stdout.contains("Quiz ended after"))
        let csv = try IAMQuizBinary.run(["stats", "--export", "csv"], environment: env)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "answered_at,question_id,content_hash,chosen,correct,seconds,local_hour,mode,retried,session_id")
        #expect(graded >= 1)
        #expect(lines.count == graded + 1)
        // Writing the log to a file never replaces an existing file without --force.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-export-\(UUID().uuidString).csv").path
        #expect(try IAMQuizBinary.run(["stats", "--export", "csv", "-o", file], environment: env).status == 0)
        #expect(try IAMQuizBinary.run(["stats", "--export", "csv", "-o", file], environment: env).status == 1)
        #expect(try IAMQuizBinary.run(["stats", "--export", "csv", "-o", file, "--force"], environment: env).status == 0)
        #expect(FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } == csv.stdout)
        try? FileManager.default.removeItem(atPath: file)
        #expect(lines.last?.contains(",practice,") == true)
    }

    @Test("stats --question shows one question's history and memory")
    func questionHistory() throws {
        let env = try freshHome()
        let quiz = try IAMQuizBinary.run(["--bank", Self.single, "--seed", "6", "--count", "1"], input: "a\n", environment: env)
        let id = try #require(try IAMQuizBinary.run(["stats", "--export", "csv"], environment: env).stdout
            .split(separator: "\n").dropFirst().first?.split(separator: ",")[1])
        #expect(quiz.status == 0)
        let out = try IAMQuizBinary.run(["stats", "--question", String(id), "--bank", Self.single], environment: env)
        #expect(out.stdout.contains("Answers: 1"))
        #expect(out.stdout.contains("Memory: "))
        let unknown = try IAMQuizBinary.run(["stats", "--question", "no-such-question"], environment: env)
        #expect(unknown.status == 2)
        // One line that says what is wrong, not the usage of `iamquiz` (issue 13, smaller points).
        #expect(unknown.stderr.hasPrefix("error: no question `no-such-question` in the bank"), "\(unknown.stderr)")
        #expect(!unknown.stderr.contains("Usage: iamquiz <subcommand>"))
    }

    @Test("a damaged progress file is moved aside with a message, never overwritten, and the quiz still runs")
    func corruptStore() throws {
        let env = try freshHome()
        let folder = URL(fileURLWithPath: env["IAMQUIZ_HOME"] ?? "").appendingPathComponent("profiles/default")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let garbage = Data("this is not a database".utf8)
        try garbage.write(to: folder.appendingPathComponent("progress.sqlite"))
        let quiz = try IAMQuizBinary.run(["--seed", "3", "--count", "1"], input: "a\n", environment: env)
        #expect(quiz.status == 0)
        #expect(quiz.stderr.contains("was moved to"))
        let moved = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".corrupt-") }
        try #require(moved.count == 1)
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(moved[0]).path) == garbage)
    }

    @Test("review asks the questions answered wrong; the exam saves its answers at the end")
    func reviewAndExam() throws {
        let env = try freshHome()
        let nothing = try IAMQuizBinary.run(["review"], environment: env)
        #expect(nothing.stdout.contains("Nothing to review"))
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("two-answers.iqb").path
        // A wrong two-letter answer (B and D are both wrong in this bank, whatever the shuffle puts there).
        let probe = try IAMQuizBinary.run(["--bank", bank, "--seed", "1"], input: "q\n", environment: try freshHome())
        var wrong: [String] = []
        for line in probe.stdout.split(separator: "\n") where line.contains("access key") || line.contains("root user's password") {
            wrong.append(String(line.trimmingCharacters(in: .whitespaces).prefix(1)).lowercased())
        }
        try #require(wrong.count == 2)
        _ = try IAMQuizBinary.run(["--bank", bank, "--seed", "1"], input: wrong.joined() + "\n", environment: env)
        let review = try IAMQuizBinary.run(["review", "--bank", bank, "--seed", "1"], input: "q\n", environment: env)
        #expect(review.stdout.contains("iamquiz review: 1 question (missed in the last 14 days)"))
        // The longest look back still finds it (issue 9, point 15: from about 1.48 million days on, the
        // date overflowed and nothing was found); beyond it, a usage error.
        let longest = try IAMQuizBinary.run(["review", "--bank", bank, "--seed", "1", "--days", "36500"], input: "q\n", environment: env)
        #expect(longest.stdout.contains("iamquiz review: 1 question"), "\(longest.stderr)")
        for days in ["36501", "1500000", "2000000000", "0", "-3"] {
            let refused = try IAMQuizBinary.run(["review", "--days=\(days)"], environment: env)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("--days must be a whole number from 1 to 36500"), "\(days): \(refused.stderr)")
        }
        _ = try IAMQuizBinary.run(["exam", "--bank", bank, "--count", "1", "--seed", "1"], input: wrong.joined() + "\nfinish\n",
                                  environment: env)
        let csv = try IAMQuizBinary.run(["stats", "--export", "csv"], environment: env).stdout
        #expect(csv.contains(",exam,"))
        #expect(csv.split(separator: "\n").count == 3)
    }

    @Test("`practice` is the quiz; `flag` marks a question for `review --flagged`; `explain` repeats only the last answer's explanation")
    func flagAndExplain() throws {
        let env = try freshHome()
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("two-answers.iqb").path
        // Before any answer, `explain` must not reveal the current question's key.
        let run = try IAMQuizBinary.run(["practice", "--bank", bank, "--seed", "1"], input: "explain\nflag\nad\nq\n",
                                        environment: env.merging(["COLUMNS": "1000"]) { $1 })
        let beforeAnswer = run.stdout.components(separatedBy: "Your answer (choose 2): ad").first ?? ""
        #expect(beforeAnswer.contains("answer one first"), "\(run.stdout)")
        #expect(!beforeAnswer.contains("the answer is") && !beforeAnswer.contains("Explanation"), "\(beforeAnswer)")
        #expect(run.stdout.contains("Flagged: `iamquiz review` brings it back"))
        #expect(try IAMQuizBinary.run(["stats", "--bank", bank], environment: env).stdout.contains("flagged 1"))

        let review = try IAMQuizBinary.run(["review", "--flagged", "--bank", bank, "--seed", "1"], input: "flag\nq\n",
                                           environment: env)
        #expect(review.stdout.contains("iamquiz review: 1 question (flagged)"), "\(review.stdout)")
        #expect(review.stdout.contains("score 0/0 · flagged"))
        #expect(review.stdout.contains("Flag removed."))
        let none = try IAMQuizBinary.run(["review", "--flagged", "--bank", bank], environment: env)
        #expect(none.stdout.contains("Nothing to review: no question is flagged."), "\(none.stdout)")
    }

    @Test("resume continues an interrupted session with the questions left, in the same order, into the same session")
    func resume() throws {
        let env = try freshHome()
        #expect(try IAMQuizBinary.run(["resume"], environment: env).stdout.contains("Nothing to resume"))
        let first = try IAMQuizBinary.run(["--bank", Self.single, "--seed", "9", "--count", "4"], input: "a\nb\nq\n", environment: env)
        #expect(first.stdout.contains("Quiz ended after 2 of 4 questions."))
        let resumed = try IAMQuizBinary.run(["resume", "--bank", Self.single], input: "a\nb\n", environment: env)
        #expect(resumed.stdout.contains("iamquiz resume: 2 questions left of the practice session"))
        #expect(resumed.stdout.contains("Score: "))
        let csv = try IAMQuizBinary.run(["stats", "--export", "csv"], environment: env).stdout.split(separator: "\n").dropFirst()
        #expect(csv.count == 4)
        // All four answers belong to one session.
        #expect(Set(csv.map { $0.split(separator: ",").last.map(String.init) ?? "" }).count == 1)
        #expect(try IAMQuizBinary.run(["resume"], environment: env).stdout.contains("Nothing to resume"))
    }

    @Test("an exam killed with SIGKILL keeps the answers given; resume brings them back and grades the exam")
    func killedExamResumes() throws {
        let env = try freshHome()
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("simulate").deletingLastPathComponent()
            .appendingPathComponent("two-answers.iqb").path
        let exam = try RunningIAMQuiz(["exam", "--bank", bank, "--count", "1", "--seed", "1"], environment: env)
        #expect(exam.waitFor("Answer (choose 2)"))
        exam.type("ab\nflag\n")
        #expect(exam.waitFor("Flagged."))
        _ = exam.stop(with: SIGKILL)
        let resumed = try IAMQuizBinary.run(["resume", "--bank", bank], input: "list\nfinish\n", environment: env)
        #expect(resumed.stdout.contains("1 of 1 answered so far"), "\(resumed.stdout)")
        // The 130-minute limit carries over, less the time already spent (a second or two here).
        #expect(resumed.stdout.contains("answered so far, 2:09:5") || resumed.stdout.contains("answered so far, 2:10:00"),
                "\(resumed.stdout)")
        #expect(resumed.stdout.contains("1. answered · flagged"))
        #expect(resumed.stdout.contains("Score: "))
        let csv = try IAMQuizBinary.run(["stats", "--export", "csv"], environment: env).stdout
        #expect(csv.contains(",exam,"))
        #expect(try IAMQuizBinary.run(["resume"], environment: env).stdout.contains("Nothing to resume"))
    }
}
