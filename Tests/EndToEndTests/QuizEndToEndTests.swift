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

    @Test("--level professional asks only professional questions")
    func levelFilter() throws {
        let out = try IAMQuizBinary.run(["--level", "professional", "--count", "15", "--seed", "3"], input: "")
        #expect(out.stdout.contains("· professional"))
        #expect(!out.stdout.contains("· associate"))
    }

    // A negative number is a value to refuse with its reason, not a missing one (issue 13, smaller points).
    @Test("a negative count or time is refused with the rule it breaks, exit 2", arguments: [
        (["--count", "-3"], "--count must be at least 1"),
        (["exam", "--count", "-3"], "--count must be at least 1"),
        (["exam", "--minutes", "-1"], "--minutes must be a number from 0 (no limit) to 100000"),
        (["review", "--count", "-2"], "--count must be at least 1"),
        (["review", "--days", "-7"], "--days must be a whole number from 1 to"),
    ] as [([String], String)])
    func negativeNumbers(arguments: [String], message: String) throws {
        let out = try IAMQuizBinary.run(arguments, input: "")
        #expect(out.status == 2)
        #expect(out.stderr.hasPrefix("error: " + message), "\(out.stderr)")
        #expect(!out.stderr.contains("Missing value"))
    }

    @Test("--topic filters, and an unknown topic is a usage error with a suggestion")
    func topicFilter() throws {
        let out = try IAMQuizBinary.run(["--topic", "external-id", "--count", "1", "--seed", "3"], input: "a\n")
        #expect(out.status == 0)
        #expect(out.stdout.contains("Topics: ") && out.stdout.contains("external-id"), "the topics show with the feedback")
        let bad = try IAMQuizBinary.run(["--topic", "external-ids"], input: "")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("did you mean `external-id`?"))
        // In one line plus a help line: not the usage of the whole program.
        #expect(!bad.stderr.contains("Usage:"), "\(bad.stderr)")
    }

    // One style for every error (issue 13): `error: ` and a lower-case message, ArgumentParser's included,
    // and a mistyped command named as such, with the nearest one.
    @Test("ArgumentParser's errors read like iamquiz's own; a mistyped command gets a suggestion", arguments: [
        (["--level", "expert"], "error: the value 'expert' is invalid for '--level <level>'"),
        (["--count"], "error: missing value for '--count <count>'"),
        (["stast"], "error: unknown command `stast`; did you mean `stats`?"),
        (["frobnicate"], "error: unknown command `frobnicate`; the commands are: quiz, exam"),
        (["stats", "extra"], "error: unexpected argument 'extra'"),
    ] as [([String], String)])
    func errorStyle(arguments: [String], message: String) throws {
        let out = try IAMQuizBinary.run(arguments, input: "")
        #expect(out.status == 2)
        #expect(out.stderr.hasPrefix(message), "\(out.stderr)")
    }

    @Test(arguments: [["--count", "0"], ["--level", "expert"], ["--seed", "abc"], ["--frobnicate"]])
    func usageErrorsExit2(_ arguments: [String]) throws {
        let out = try IAMQuizBinary.run(arguments, input: "")
        #expect(out.status == 2, "\(arguments): \(out.stderr)")
        #expect(!out.stderr.isEmpty)
    }

    @Test("a bank with errors does not start a quiz: the errors are shown and the exit status is 1")
    func brokenBank() throws {
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("broken.iqb").path
        let out = try IAMQuizBinary.run(["--bank", bank], input: "a\n")
        #expect(out.status == 1)
        #expect(out.stderr.contains("broken.iqb:2:8: error[E008]"))
        #expect(!out.stdout.contains("Question 1"))
    }
}
