import Foundation
import Testing

/// A copy of the four single-answer questions in a folder of its own, for tests that edit or delete it.
private struct BankCopy {
    let folder: URL
    let path: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-bank-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("bank.iqb").path
        try FileManager.default.copyItem(atPath: ProgressEndToEndTests.single, toPath: path)
    }

    var text: String {
        get throws { try String(contentsOfFile: path, encoding: .utf8) }
    }

    func write(_ text: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The question `id`'s section: from its `## ` line to the next one (or the end).
    func section(_ id: String) throws -> Range<String.Index> {
        let all = try text
        let start = try #require(all.range(of: "## \(id)\n"))
        let end = all.range(of: "\n## ", range: start.upperBound..<all.endIndex)?.lowerBound ?? all.endIndex
        return start.lowerBound..<end
    }

    /// The text of question `id`'s options, in bank order.
    func options(_ id: String) throws -> [String] {
        try text[section(id)].split(separator: "\n").filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// The question ids of the answer log, oldest first.
private func answeredIDs(_ env: [String: String]) throws -> [String] {
    try IAMQuizBinary.run(["stats", "--export", "csv"], environment: env).stdout.split(separator: "\n").dropFirst()
        .map { String($0.split(separator: ",")[1]) }
}

/// The ids of the four questions of the single-answer bank.
private let allIDs = ["fixture-sts-issues", "fixture-role-credentials", "fixture-external-id", "fixture-chaining"]

/// A fresh history and a bank copy, with a quiz on the copy's four questions stopped (end of input) after one
/// answer: an unfinished session with 3 of 4 left.
private func interruptedQuiz() throws -> (env: [String: String], bank: BankCopy, quiz: IAMQuizBinary.Output) {
    let env = try freshHome()
    let bank = try BankCopy()
    let quiz = try IAMQuizBinary.run(["--bank", bank.path, "--seed", "9", "--count", "4"], input: "a\n", environment: env)
    return (env, bank, quiz)
}

@Suite("iamquiz end to end: sessions keep their bank; unfinished ones are kept; ids and letters seen")
struct SessionsEndToEndTests {
    @Test("a quiz on a --bank file stopped after one answer: `resume` without --bank reads that file and goes on")
    func resumeReadsTheSessionsBank() throws {
        let (env, bank, quiz) = try interruptedQuiz()
        defer { bank.remove() }
        #expect(quiz.stdout.contains("Quiz ended after 1 of 4 questions."), "\(quiz.stdout)")
        let resumed = try IAMQuizBinary.run(["resume"], input: "a\na\na\n", environment: env)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("iamquiz resume: 3 questions left of the practice session"), "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stdout.contains("Score: "))
        #expect(resumed.stderr.isEmpty, "no note when the bank did not change: \(resumed.stderr)")
        #expect(Set(try answeredIDs(env)) == Set(allIDs), "every question answered once, across the two runs")
        #expect(try IAMQuizBinary.run(["resume"], environment: env).stdout.contains("Nothing to resume"))
    }

    @Test("an exam on a --bank file, killed: `resume` without --bank reads that file and brings the answers back")
    func examResumeReadsTheSessionsBank() throws {
        let env = try freshHome()
        let bank = try BankCopy()
        defer { bank.remove() }
        let exam = try RunningIAMQuiz(["exam", "--bank", bank.path, "--count", "2", "--seed", "1"], environment: env)
        #expect(exam.waitFor("Answer"))
        exam.type("a\nflag\n")
        #expect(exam.waitFor("Flagged."))
        _ = exam.stop(with: SIGKILL)
        let resumed = try IAMQuizBinary.run(["resume"], input: "finish\ny\n", environment: env)
        #expect(resumed.stdout.contains("1 of 2 answered so far"), "\(resumed.stdout)\(resumed.stderr)")
    }

    @Test("the bank edited since (one question changed, one removed): resume says so and asks the rest, the changed one as it reads now")
    func resumeAfterTheBankChanged() throws {
        let (env, bank, _) = try interruptedQuiz()
        defer { bank.remove() }
        let answered = try answeredIDs(env)
        let left = allIDs.filter { !answered.contains($0) }
        try #require(left.count == 3)
        var text = try bank.text
        let firstOption = try #require(try bank.options(left[0]).first)
        text = text.replacingCharacters(in: try bank.section(left[0]),
                                        with: String(text[try bank.section(left[0])]).replacingOccurrences(of: "- " + firstOption, with: "- " + firstOption + " (edited)"))
        try bank.write(text)
        text.removeSubrange(try bank.section(left[1]))
        try bank.write(text)

        let resumed = try IAMQuizBinary.run(["resume"], input: "a\na\n", environment: env)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("note: the bank changed since the session started: 1 question changed, 1 gone; "
            + "the others continue, the changed one as it reads now"), "\(resumed.stderr)")
        #expect(resumed.stdout.contains("iamquiz resume: 2 questions left"), "\(resumed.stdout)")
        #expect(resumed.stdout.contains(firstOption + " (edited)"))
        #expect(Set(try answeredIDs(env)) == Set(allIDs).subtracting([left[1]]))
    }

    @Test("the bank deleted: an error naming it, exit 1, and the session stays listed and resumable")
    func resumeWithTheBankGone() throws {
        let (env, bank, _) = try interruptedQuiz()
        defer { bank.remove() }
        let saved = try bank.text
        // A bank that no longer parses: its problems, exit 1, nothing lost.
        try bank.write(saved.replacingOccurrences(of: "answer: A", with: "answer: Q"))
        let broken = try IAMQuizBinary.run(["resume"], input: "a\n", environment: env)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains(", the bank of the practice session of ") && broken.stderr.contains("has errors"), "\(broken.stderr)")
        #expect(broken.stderr.contains("the session is kept"))
        try FileManager.default.removeItem(atPath: bank.path)
        let failed = try IAMQuizBinary.run(["resume"], input: "a\n", environment: env)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("error: cannot read `\(bank.path)`, the bank of the practice session of "), "\(failed.stderr)")
        #expect(failed.stderr.contains("the session is kept"))
        let list = try IAMQuizBinary.run(["resume", "--list"], environment: env)
        #expect(list.stdout.contains("practice session, 3 of 4 left · `\(bank.path)`"), "\(list.stdout)")
        // --bank reads another file instead, saying so; `q` leaves the session to resume later.
        let other = bank.folder.appendingPathComponent("other.iqb").path
        try saved.write(toFile: other, atomically: true, encoding: .utf8)
        let elsewhere = try IAMQuizBinary.run(["resume", "--bank", other], input: "q\n", environment: env)
        #expect(elsewhere.stderr.contains("note: reading --bank `\(other)`, not the bank the session used (`\(bank.path)`)"),
                "\(elsewhere.stderr)")
        #expect(elsewhere.stdout.contains("iamquiz resume: 3 questions left"), "\(elsewhere.stdout)")
        // Back in place, the bank reads again and the session goes on.
        try bank.write(saved)
        let resumed = try IAMQuizBinary.run(["resume"], input: "a\na\na\n", environment: env)
        #expect(resumed.stdout.contains("iamquiz resume: 3 questions left"), "\(resumed.stdout)\(resumed.stderr)")
    }

    @Test("a new quiz beside an unfinished one says so once and keeps it: resume --list and resume N reach it")
    func newSessionKeepsTheUnfinishedOne() throws {
        let (env, bank, _) = try interruptedQuiz()
        defer { bank.remove() }
        let second = try IAMQuizBinary.run(["--bank", bank.path, "--seed", "3", "--count", "1"], input: "a\n", environment: env)
        #expect(second.status == 0)
        let note = "note: an unfinished practice session of "
        #expect(second.stderr.components(separatedBy: note).count == 2, "said once: \(second.stderr)")
        #expect(second.stderr.contains("(3 of 4 left) is kept: `iamquiz resume` continues it"), "\(second.stderr)")
        // The second quiz ran to its end; the first one is still there to continue.
        let list = try IAMQuizBinary.run(["resume", "--list"], environment: env)
        let rows = list.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 1 && rows.first?.contains("3 of 4 left") == true, "\(list.stdout)")
        let number = try #require(rows.first?.split(separator: " ").first.map(String.init))
        #expect(try IAMQuizBinary.run(["resume", "99"], environment: env).status == 2)
        let resumed = try IAMQuizBinary.run(["resume", number], input: "a\na\na\n", environment: env)
        #expect(resumed.stdout.contains("iamquiz resume: 3 questions left"), "\(resumed.stdout)\(resumed.stderr)")
        #expect(try IAMQuizBinary.run(["resume", "--list"], environment: env).stdout == "No unfinished session.\n")
    }

    @Test("stats --question shows each answer by the letter seen, the bank's letter and the option's text")
    func historyByLettersSeen() throws {
        let env = try freshHome()
        let bank = try BankCopy()
        defer { bank.remove() }
        // Seed 1 shows the bank's B first: typing `a` chooses bank option B.
        _ = try IAMQuizBinary.run(["--bank", bank.path, "--seed", "1", "--count", "1"], input: "a\n", environment: env)
        let csv = try #require(try IAMQuizBinary.run(["stats", "--export", "csv"], environment: env).stdout.split(separator: "\n").last)
        let fields = csv.split(separator: ",").map(String.init)
        let (id, bankLetter) = (fields[1], fields[3])
        let option = try bank.options(id)[Int(try #require(bankLetter.unicodeScalars.first).value) - 65]
        let out = try IAMQuizBinary.run(["stats", "--question", id, "--bank", bank.path], environment: env)
        #expect(bankLetter == "B")
        // Option texts are cut to 40 characters.
        #expect(out.stdout.contains("chose A (bank B): \(option.prefix(30))"), "\(out.stdout)")
    }

    @Test("show ID prints the question with its key; an unknown id gets the nearest one, in show and in stats --question")
    func showAndDidYouMean() throws {
        let env = try freshHome()
        let bank = try BankCopy()
        defer { bank.remove() }
        let shown = try IAMQuizBinary.run(["show", "fixture-sts-issues", "--bank", bank.path], environment: env)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.hasPrefix("fixture-sts-issues · associate · sts\n\(bank.path):3\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("  A. AWS Security Token Service\n     ✓ right: STS issues them."))
        #expect(shown.stdout.contains("Answer: A (bank letters"))
        #expect(shown.stdout.contains("Explanation: STS issues temporary credentials."))
        for arguments in [["show", "fixture-sts-isues"], ["stats", "--question", "fixture-sts-isues"]] {
            let typo = try IAMQuizBinary.run(arguments + ["--bank", bank.path], environment: env)
            #expect(typo.status == 2)
            #expect(typo.stderr == "error: no question `fixture-sts-isues` in the bank; did you mean `fixture-sts-issues`?\n",
                    "\(typo.stderr)")
        }
        let none = try IAMQuizBinary.run(["show", "nope", "--bank", bank.path], environment: env)
        #expect(none.status == 2)
        #expect(none.stderr.hasPrefix("error: no question `nope` in the bank\n"), "\(none.stderr)")
        let missing = try IAMQuizBinary.run(["show", "x", "--bank", bank.folder.appendingPathComponent("gone.iqb").path], environment: env)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("gone.iqb"))
    }
}
