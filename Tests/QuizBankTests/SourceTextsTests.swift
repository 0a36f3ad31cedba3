import Foundation
import Testing
@testable import QuizBank

/// `check` lets go of a large bank's text once it is parsed, and reads it again only for a diagnostic that
/// points into it, while the file is still the one that was read.
@Suite struct SourceTextsTests {
    @Test("a large bank file's text is let go and read again the same; small files and names that are no file stay")
    func letGoAndReadAgain() throws {
        let root = try BankCacheTests.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let big = root.appendingPathComponent("big.iqb").path, small = root.appendingPathComponent("small.iqb").path
        let bigText = String(repeating: "## q\nWhy?\n", count: 200), smallText = "## s\n"
        try bigText.write(toFile: big, atomically: true, encoding: .utf8)
        try smallText.write(toFile: small, atomically: true, encoding: .utf8)
        let texts = SourceTexts([big: bigText, small: smallText, "<builtin>/x.iqb": bigText])
        texts.letGo(largerThan: 1000)
        #expect(texts.names == [big, small, "<builtin>/x.iqb"])
        #expect(texts.text(of: big) == bigText, "read again from the file")
        #expect(texts.text(of: small) == smallText && texts.text(of: "<builtin>/x.iqb") == bigText, "never let go")
        #expect(texts.text(of: "other.iqb") == nil)
    }

    @Test("a file changed since it was read shows no text rather than the wrong one")
    func changedFile() throws {
        let root = try BankCacheTests.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let big = root.appendingPathComponent("big.iqb").path
        let text = String(repeating: "## q\nWhy?\n", count: 200)
        try text.write(toFile: big, atomically: true, encoding: .utf8)
        let texts = SourceTexts([big: text])
        texts.letGo(largerThan: 1000)
        try (text + "## r\n").write(toFile: big, atomically: true, encoding: .utf8)
        #expect(texts.text(of: big) == nil)
    }

    @Test("the cue warnings of a bank whose text was let go are the same, in the same places")
    func lintsAfterLettingGo() throws {
        let root = try BankCacheTests.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("cues.iqb").path
        let text = """
            ## cited-letter
            level: professional
            topics: trust-policy

            A role's trust policy names account 111111111111 as principal. Who may assume the role?

            - Principals of that account whose own identity policies allow sts:AssumeRole on the role
              why: the trust policy trusts the account, which then delegates through its own policies.
            - Only the account's root user, unlike option A
              why: naming the account trusts the account, not just its root user.

            answer: A

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = BankLoader().load(paths: [path])
        let kept = BankLints.diagnostics(for: loaded.bank.questions, sources: loaded.sources)
        let texts = SourceTexts(loaded.sources)
        texts.letGo(largerThan: 10)
        let reread = BankLints.diagnostics(for: loaded.bank.questions, sources: texts)
        #expect(!kept.isEmpty, "the bank has a cue to find")
        #expect(reread == kept)
        #expect(reread.allSatisfy { $0.range != nil })
    }
}
