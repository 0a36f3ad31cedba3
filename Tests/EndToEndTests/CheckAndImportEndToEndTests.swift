import Foundation
import Testing

@Suite("iamquiz check and import end to end")
struct CheckAndImportEndToEndTests {
    @Test("check with no path checks the built-in bank: clean, exit 0")
    func checkBuiltin() throws {
        let out = try IAMQuizBinary.run(["check"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr.contains("0 errors, 0 warnings"))
    }

    @Test("check reports every problem with file:line:col and exits 1")
    func checkBroken() throws {
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("broken.iqb").path
        let out = try IAMQuizBinary.run(["check", bank])
        #expect(out.status == 1)
        for expected in ["broken.iqb:2:8: error[E008]", "broken.iqb:9:3: error[E006]", "broken.iqb:12:9: error[E003]"] {
            #expect(out.stderr.contains(expected), "missing \(expected) in\n\(out.stderr)")
        }
        #expect(out.stderr.contains("help: the levels are `associate` and `professional`"))
    }

    @Test("check --format json gives diagnostics and a summary per level and topic")
    func checkJSON() throws {
        let out = try IAMQuizBinary.run(["check", "--format", "json"])
        #expect(out.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        let perLevel = try #require(summary["perLevel"] as? [String: Int])
        #expect((perLevel["associate"] ?? 0) + (perLevel["professional"] ?? 0) == summary["questions"] as? Int)
        #expect((summary["perTopic"] as? [String: Int])?["external-id"] ?? 0 > 0)
        #expect((json["diagnostics"] as? [Any])?.isEmpty == true)

        let bank = IAMQuizBinary.fixtures.appendingPathComponent("broken.iqb").path
        let broken = try IAMQuizBinary.run(["check", "--format", "json", bank])
        #expect(broken.status == 1)
        let brokenJSON = try #require(try JSONSerialization.jsonObject(with: Data(broken.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(brokenJSON["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.contains { ($0["code"] as? String) == "E008" })
    }

    /// `check` lets go of a bank file's text above 1 MB once it is parsed (SourceTexts): a warning and an
    /// error in such a file still show their source lines, read from the file again.
    @Test("check of a bank over 1 MB shows the source lines of its warnings and errors")
    func largeBankSourceLines() throws {
        let plain = """
            level: associate
            topics: sts

            Which AWS service issues temporary security credentials to a role session?

            - AWS Security Token Service
              why: AssumeRole and its siblings are STS actions that return temporary credentials.
            - Amazon Simple Storage Service
              why: S3 stores objects; it issues no credentials.
            - AWS Key Management Service
              why: KMS manages encryption keys; it issues no credentials.

            answer: A


            """
        var bank = ""
        for n in 0..<2500 { bank += "## plain-\(n)\n" + plain }
        bank += """
            ## long-key
            level: associate
            topics: sts

            Which service issues temporary credentials?

            - AWS Security Token Service, which returns an access key, a secret access key and a session token
              why: it issues them.
            - Amazon S3
              why: it stores objects.
            - AWS KMS
              why: it manages keys.

            answer: A

            ## plain-0
            level: associate
            topics: sts

            Which one?

            - A
              why: a.
            - B
              why: b.

            answer: A

            """
        #expect(bank.utf8.count > 1_000_000)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("large.iqb").path
        try bank.write(toFile: path, atomically: true, encoding: .utf8)
        let out = try IAMQuizBinary.run(["check", path])
        #expect(out.status == 1, "the duplicate id is an error")
        #expect(out.stderr.contains("warning[W110]"), "\(out.stderr.suffix(3000))")
        #expect(out.stderr.contains("| - AWS Security Token Service, which returns an access key"), "the warning's line: \(out.stderr.suffix(3000))")
        #expect(out.stderr.contains("error[E002]") && out.stderr.contains("| ## plain-0"), "the error's line: \(out.stderr.suffix(3000))")
    }

    @Test("check: an option written `* ` is an error at its line and column, with the `- ` form in the help")
    func nearMissOption() throws {
        let bank = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-star-\(UUID().uuidString).iqb")
        defer { try? FileManager.default.removeItem(at: bank) }
        try "## q\nlevel: associate\ntopics: t\n\nWhich?\n\n* Use a role\n  why: secret\n- Use a user\n  why: w\n\nanswer: A\n"
            .write(to: bank, atomically: true, encoding: .utf8)
        let out = try IAMQuizBinary.run(["check", bank.path])
        #expect(out.status == 1)
        #expect(out.stderr.contains("\(bank.lastPathComponent):7:1: error[E021]"), "\(out.stderr)")
        #expect(out.stderr.contains("write the option as `- Use a role`"), "\(out.stderr)")
    }

    @Test("check usage errors exit 2; a missing file exits 1")
    func checkExitCodes() throws {
        #expect(try IAMQuizBinary.run(["check", "--format", "xml"]).status == 2)
        #expect(try IAMQuizBinary.run(["check", "/nonexistent.iqb"]).status == 1)
    }

    @Test("import blog on the source document: 11 questions, unkeyed, and check warns about them",
          .enabled(if: IAMQuizBinary.seedExists, "the source document ../shared/seeds/ is not present"))
    func importSeed() throws {
        let seed = IAMQuizBinary.seed.path
        let json = try IAMQuizBinary.run(["import", "blog", seed, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(parsed["count"] as? Int == 11)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let unkeyed = dir.appendingPathComponent("unkeyed.iqb").path
        let written = try IAMQuizBinary.run(["import", "blog", seed, "-o", unkeyed])
        #expect(written.status == 0)
        let check = try IAMQuizBinary.run(["check", unkeyed])
        #expect(check.status == 0)
        #expect(check.stderr.occurrences(of: "warning[W102]") == 11)
        // Writing over an existing file needs --force: nothing is lost by accident.
        #expect(try IAMQuizBinary.run(["import", "blog", seed, "-o", unkeyed]).status == 1)

        let keyed = dir.appendingPathComponent("keyed.iqb").path
        let key = "1:B 2:AD 3:BD 4:AB 5:C 6:C 7:A 8:C 9:A 10:B 11:A"
        let withKey = try IAMQuizBinary.run(["import", "blog", seed, "--key", key, "-o", keyed])
        #expect(withKey.status == 0, "\(withKey.stderr)")
        let keyedCheck = try IAMQuizBinary.run(["check", keyed])
        #expect(keyedCheck.status == 0)
        #expect(keyedCheck.stderr.occurrences(of: "W102") == 0)
        // An imported, keyed bank can be practised right away.
        let quiz = try IAMQuizBinary.run(["--bank", keyed, "--count", "11", "--seed", "1"], input: "")
        #expect(quiz.stdout.contains("iamquiz: 11 questions"))

        // A key that contradicts the post is refused.
        let badKey = try IAMQuizBinary.run(["import", "blog", seed, "--key", "2:A 12:B"])
        #expect(badKey.status == 1)
        #expect(badKey.stderr.contains("question 12"))
        #expect(badKey.stderr.contains("asks for 2"))
    }

    @Test("import blog with a key file")
    func importKeyFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-keyfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let post = dir.appendingPathComponent("post.txt")
        try """
            Practice Questions
            - Which STS operation exchanges a SAML assertion for credentials?
            - AssumeRoleWithSAML
            - AssumeRoleWithWebIdentity
            - GetSessionToken
            - Which two are temporary credentials? (Choose 2)
            - Role session credentials
            - An access key of an IAM user
            - GetSessionToken credentials
            """.write(to: post, atomically: true, encoding: .utf8)
        let keyFile = dir.appendingPathComponent("key.txt")
        try "# key for post.txt\n1: A\n2: A, C\n".write(to: keyFile, atomically: true, encoding: .utf8)
        let out = try IAMQuizBinary.run(["import", "blog", post.path, "--key-file", keyFile.path])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("answer: A\n"))
        #expect(out.stdout.contains("answer: A, C\n"))

        try "1: A\n2: X?\n".write(to: keyFile, atomically: true, encoding: .utf8)
        let bad = try IAMQuizBinary.run(["import", "blog", post.path, "--key-file", keyFile.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("key.txt:2:5: error[B004]: expected option letters for question 2, found `?`"), "\(bad.stderr)")
        let badInline = try IAMQuizBinary.run(["import", "blog", post.path, "--key", "1:A 2"])
        #expect(badInline.status == 1)
        #expect(badInline.stderr.contains("--key:6: error[B004]: expected `:` after question number 2"), "\(badInline.stderr)")
    }

    @Test("import of a file that is not there, or not a post, fails with a clear error")
    func importErrors() throws {
        let missing = try IAMQuizBinary.run(["import", "blog", "/nonexistent.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent.txt"))
        let notAPost = IAMQuizBinary.fixtures.appendingPathComponent("two-answers.iqb").path
        let none = try IAMQuizBinary.run(["import", "blog", notAPost])
        #expect(none.status == 1)
        #expect(none.stderr.contains("B001"))
    }

    @Test("a failed write to standard output is an error (exit 1), not a crash")
    func fullDisk() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\"$0\" export gift > /dev/full", IAMQuizBinary.url.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(text)")
        #expect(text.contains("error: cannot write to standard output"))
    }

    @Test("a file with hundreds of problems prints the first 200 of them and counts the rest")
    func manyProblems() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-\(UUID().uuidString).iqb")
        defer { try? FileManager.default.removeItem(at: file) }
        let broken = (1...300).map { "## q\($0)\nlevel: nonsense\n\nStem?\n\n- a\n  why: w\n- b\n  why: w\n\nanswer: A\ntopics: x\n" }.joined(separator: "\n")
        try broken.write(to: file, atomically: true, encoding: .utf8)
        let run = try IAMQuizBinary.run(["check", file.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("more problems not shown"), "\(run.stderr.suffix(300))")
        #expect(run.stderr.components(separatedBy: "error[").count - 1 + run.stderr.components(separatedBy: "warning[").count - 1 == 200)
    }
}
