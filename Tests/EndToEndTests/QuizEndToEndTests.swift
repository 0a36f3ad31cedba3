import Foundation
import Testing

@Suite("iamquiz end to end: the quiz with piped input")
struct QuizEndToEndTests {
    @Test("the issue's example: printf 'a\\nbd\\n' | iamquiz --seed 1 --count 2")
    func pipedExample() throws {
        let out = try IAMQuizBinary.run(["--seed", "1", "--count", "2"], input: "a\nbd\n")
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("Question 1 of 2"))
        #expect(out.stdout.contains("Question 2 of 2"))
        #expect(out.stdout.contains("Score: "))
        // Not a terminal: no colour, no escape sequence at all.
        #expect(!out.stdout.contains("\u{1B}"))
    }

    @Test("the same seed gives the same quiz; another seed another")
    func reproducible() throws {
        let a = try IAMQuizBinary.run(["--seed", "77", "--count", "3"], input: "a\na\na\n")
        let b = try IAMQuizBinary.run(["--seed", "77", "--count", "3"], input: "a\na\na\n")
        let c = try IAMQuizBinary.run(["--seed", "78", "--count", "3"], input: "a\na\na\n")
        #expect(a.stdout == b.stdout)
        #expect(a.stdout != c.stdout)
    }

    @Test("the key never appears before the learner commits an answer")
    func keyHiddenUntilCommit() throws {
        let single = IAMQuizBinary.fixtures.appendingPathComponent("single-answers.iqb").path
        let out = try IAMQuizBinary.run(["--bank", single, "--seed", "5", "--count", "4"], input: "a\nb\na\nb\n")
        // Each question's text runs from its header to its first prompt: no verdict, key or
        // explanation may appear in it.
        let segments = out.stdout.components(separatedBy: "\nQuestion ").dropFirst()
        #expect(segments.count == 4)
        for (i, segment) in segments.enumerated() {
            let beforePrompt = segment.components(separatedBy: "Your answer").first ?? ""
            for marker in ["the answer is", "✓ right", "✗ wrong", "Correct.", "Wrong.", "Explanation:", "See https"] {
                #expect(!beforePrompt.contains(marker), "`\(marker)` shown before the answer to question \(i + 1)")
            }
        }
        #expect(out.stdout.lowercased().occurrences(of: "the answer is") == 4)
    }

    @Test("a wrong number of letters re-prompts without grading; invalid input too")
    func wrongCountReprompts() throws {
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("two-answers.iqb").path
        let out = try IAMQuizBinary.run(["--bank", bank, "--seed", "1"], input: "a\nz\n1\nq\n")
        #expect(out.status == 0)
        #expect(out.stdout.contains("asks for 2 answers; you gave 1"))
        #expect(out.stdout.contains("there is no option Z"))
        #expect(out.stdout.contains("not an option letter"))
        #expect(out.stdout.occurrences(of: "Your answer (choose 2)") == 4)
        #expect(!out.stdout.contains("the answer is"))
        #expect(out.stdout.contains("Score: 0 of 0 correct"))
    }

    @Test("typing both right letters in any accepted form scores the question")
    func twoAnswerForms() throws {
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("two-answers.iqb").path
        // Find where A and C of the bank landed after shuffling by reading the screen.
        let probe = try IAMQuizBinary.run(["--bank", bank, "--seed", "1"], input: "q\n")
        var letters: [String] = []
        for line in probe.stdout.split(separator: "\n") where line.contains("AWS STS AssumeRole") || line.contains("GetSessionToken") {
            letters.append(String(line.trimmingCharacters(in: .whitespaces).prefix(1)).lowercased())
        }
        try #require(letters.count == 2)
        for typed in ["\(letters[0]) \(letters[1])", "\(letters[0]),\(letters[1])", "\(letters[1])\(letters[0])".uppercased()] {
            let out = try IAMQuizBinary.run(["--bank", bank, "--seed", "1"], input: typed + "\n")
            #expect(out.stdout.contains("✓ Correct."), "typed `\(typed)`")
            #expect(out.stdout.contains("Score: 1 of 1 correct (100%)."))
        }
    }

    @Test("q and end of input stop the quiz with the score so far")
    func stopEarly() throws {
        // A bank of single-answer questions, so that one letter is always a complete answer.
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("single-answers.iqb").path
        let quit = try IAMQuizBinary.run(["--bank", bank, "--seed", "2", "--count", "3"], input: "a\nq\n")
        #expect(quit.status == 0)
        #expect(quit.stdout.contains("Quiz ended after 1 of 3 questions."))
        let eof = try IAMQuizBinary.run(["--bank", bank, "--seed", "2", "--count", "3"], input: "a\n")
        #expect(eof.status == 0)
        #expect(eof.stdout.contains("Quiz ended after 1 of 3 questions."))
        #expect(eof.stdout.contains("Score: "))
        let skip = try IAMQuizBinary.run(["--seed", "2", "--count", "2"], input: "skip\n?\na\n")
        #expect(skip.stdout.contains("Skipped."))
        #expect(skip.stdout.contains("move on without answering"))
        #expect(skip.stdout.contains(", 1 skipped."))
    }

    @Test("--level professional asks only professional questions")
    func levelFilter() throws {
        let out = try IAMQuizBinary.run(["--level", "professional", "--count", "15", "--seed", "3"], input: "")
        #expect(out.stdout.contains("· professional"))
        #expect(!out.stdout.contains("· associate"))
    }

    @Test("--topic filters, and an unknown topic is a usage error with a suggestion")
    func topicFilter() throws {
        let out = try IAMQuizBinary.run(["--topic", "external-id", "--count", "1", "--seed", "3"], input: "a\n")
        #expect(out.status == 0)
        #expect(out.stdout.contains("Topics: ") && out.stdout.contains("external-id"), "the topics show with the feedback")
        let bad = try IAMQuizBinary.run(["--topic", "external-ids"], input: "")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("did you mean `external-id`?"))
    }

    @Test(arguments: [["--count", "0"], ["--level", "expert"], ["--seed", "abc"], ["--frobnicate"]])
    func usageErrorsExit2(_ arguments: [String]) throws {
        let out = try IAMQuizBinary.run(arguments, input: "")
        #expect(out.status == 2, "\(arguments): \(out.stderr)")
        #expect(!out.stderr.isEmpty)
    }

    @Test("control sequences in bank text never reach the output")
    func controlCharactersStripped() throws {
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("control-characters.iqb").path
        let out = try IAMQuizBinary.run(["--bank", bank, "--seed", "1"], input: "a\n")
        #expect(out.status == 0)
        #expect(out.stdout.contains("title"))
        #expect(out.stdout.contains("red"))
        for forbidden in ["\u{1B}", "\u{07}", "\u{9B}", "pwned"] {
            #expect(!out.stdout.contains(forbidden), "found \(forbidden.unicodeScalars.map { $0.value })")
        }
    }

    @Test("a list in the stem is shown as an indented list, wrapped lines hanging under the item's text")
    func stemList() throws {
        let bank = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-list-\(UUID().uuidString).iqb").path
        defer { try? FileManager.default.removeItem(atPath: bank) }
        try """
            ## listed
            level: associate
            topics: t

            A company needs:

              * developers never create IAM users in production accounts
              * one role a team

            Which control fits?

            - An SCP
              why: w
            - A bucket policy
              why: w

            answer: A
            """.write(toFile: bank, atomically: true, encoding: .utf8)
        let out = try IAMQuizBinary.run(["--bank", bank, "--seed", "1"], input: "a\n", environment: ["COLUMNS": "40"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("A company needs:\n  • developers never create IAM users in\n    production accounts\n  • one role a team\nWhich control fits?"),
                "\(out.stdout)")
    }

    @Test("a bank with errors does not start a quiz: the errors are shown and the exit status is 1")
    func brokenBank() throws {
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("broken.iqb").path
        let out = try IAMQuizBinary.run(["--bank", bank], input: "a\n")
        #expect(out.status == 1)
        #expect(out.stderr.contains("broken.iqb:2:8: error[E008]"))
        #expect(!out.stdout.contains("Question 1"))
    }

    @Test("practice and exam: the header shows position and level; the topics wait until the answer is graded")
    func topicsOnlyAfterGrading() throws {
        // The fixture's topic, `sts`, is a word of its two right options only: shown early, it would point at them.
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("two-answers.iqb").path
        let quiz = try IAMQuizBinary.run(["--bank", bank, "--count", "1", "--seed", "1"], input: "ab\n")
        let before = try #require(quiz.stdout.components(separatedBy: "Your answer").first)
        #expect(before.contains("Question 1 of 1 · associate"))
        #expect(!before.contains("sts"), "a topic before the commit:\n\(before)")
        #expect(quiz.stdout.contains("Topics: sts"))
        let exam = try IAMQuizBinary.run(["exam", "--bank", bank, "--count", "1", "--seed", "1"], input: "ab\nfinish\n")
        let parts = exam.stdout.components(separatedBy: "Score: ")
        try #require(parts.count == 2, "no score in:\n\(exam.stdout)")
        #expect(parts[0].contains("Question 1 of 1 · associate"))
        #expect(!parts[0].contains("sts"), "a topic during the exam:\n\(parts[0])")
        #expect(parts[1].contains("Topics: sts"))
    }

    @Test("exam: nothing about correctness appears before the end; then a scaled score, topics and explanations")
    func examHidesEverythingUntilTheEnd() throws {
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("two-answers.iqb").path
        let out = try IAMQuizBinary.run(["exam", "--bank", bank, "--count", "1", "--seed", "1"],
                                        input: "a\nflag\nlist\nx y\nfinish\n")
        #expect(out.status == 0, "\(out.stderr)")
        let parts = out.stdout.components(separatedBy: "Score: ")
        try #require(parts.count == 2, "no score in:\n\(out.stdout)")
        for marker in ["the answer is", "✓ right", "✗ wrong", "Correct.", "Wrong.", "Explanation:"] {
            #expect(!parts[0].contains(marker), "`\(marker)` shown before the end of the exam")
        }
        #expect(parts[0].contains("Flagged."))
        #expect(parts[0].contains("1. unanswered · flagged"))
        #expect(parts[1].hasPrefix("100/1000"))
        #expect(parts[1].contains("FAIL (pass mark 720)"))
        #expect(parts[1].contains("By topic"))
        #expect(parts[1].contains("Not answered. The answer is"))
        #expect(parts[1].contains("Explanation:"))
    }

    @Test("exam: right answers give 1000 and a pass")
    func examPasses() throws {
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("two-answers.iqb").path
        let probe = try IAMQuizBinary.run(["exam", "--bank", bank, "--count", "1", "--seed", "1"], input: "finish\n")
        var letters: [String] = []
        for line in probe.stdout.split(separator: "\n").prefix(while: { !$0.hasPrefix("Score") })
        where line.contains("AWS STS AssumeRole") || line.contains("GetSessionToken") {
            letters.append(String(line.trimmingCharacters(in: .whitespaces).prefix(1)).lowercased())
        }
        try #require(letters.count == 2)
        let out = try IAMQuizBinary.run(["exam", "--bank", bank, "--count", "1", "--seed", "1"], input: letters.joined() + "\nfinish\n")
        #expect(out.stdout.contains("Score: 1000/1000 PASS"))
    }
}
