import Foundation
import Testing

/// `iamquiz scenario run`, `check` with scenario-verified questions, and starting `sandbox` (the sandbox prompt and the
/// quiz's `verify` are tested in-process in QuizFrontendTests).
@Suite("iamquiz end to end: scenarios, verified answers and the sandbox")
struct ScenarioEndToEndTests {
    static let folder = IAMQuizBinary.fixtures.appendingPathComponent("verified-bank").path
    static let scenario = IAMQuizBinary.fixtures.appendingPathComponent("verified-bank/deputy.iqs").path
    static let wrongKey = IAMQuizBinary.fixtures.appendingPathComponent("wrong-key.iqb").path

    @Test("scenario run prints every step with its outcome and exits 0 when all expectations hold")
    func runPasses() throws {
        let run = try IAMQuizBinary.run(["scenario", "run", Self.scenario])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("scenario e2e-deputy: The External ID decides"))
        #expect(run.stdout.contains("without-id") && run.stdout.contains("AccessDenied ✓"))
        #expect(run.stdout.contains("read-after-expiry") && run.stdout.contains("ExpiredToken ✓"))
        #expect(run.stdout.contains("8 steps: 6 expectations met."))
    }

    @Test("--explain shows the trace: the trust policy's External ID condition and what the request had")
    func explain() throws {
        // Wide, so that the long trace lines checked here are not wrapped.
        let run = try IAMQuizBinary.run(["scenario", "run", "--explain", Self.scenario], environment: ["COLUMNS": "1000"])
        #expect(run.stdout.contains("sts:ExternalId"), "\(run.stdout)")
        #expect(run.stdout.contains("StringEquals sts:ExternalId: wanted \"cust-7f3e\", request has \"cust-0000\""))
        #expect(run.stdout.contains("no identity-based policy allows `s3:PutObject` on `arn:aws:s3:::reports/q1.csv`"))
    }

    @Test("a step that does not meet its expectation fails the run (exit 1) and says what happened")
    func runFails() throws {
        let text = try String(contentsOfFile: Self.scenario, encoding: .utf8)
            .replacingOccurrences(of: "step write: can s3:PutObject arn:aws:s3:::reports/q1.csv\n  expect: implicitDeny",
                                  with: "step write: can s3:PutObject arn:aws:s3:::reports/q1.csv\n  expect: allowed")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-\(UUID().uuidString).iqs")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try IAMQuizBinary.run(["scenario", "run", file.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("implicitDeny ✗ expected allowed"), "\(run.stdout)")
        #expect(run.stdout.contains("1 of 6 expectations not met"))
    }

    @Test("check verifies a bank folder's questions against the scenarios beside them")
    func checkVerifies() throws {
        let run = try IAMQuizBinary.run(["check", "--format", "json", Self.folder])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["verified"] as? Int == 1)
        #expect((summary["verifiedBy"] as? [String: [String]])?["e2e-deputy"] == ["deputy-which-works"])
    }

    @Test("check fails on a key that contradicts its scenario, at the option's verify line (V004)")
    func checkCatchesWrongKey() throws {
        let run = try IAMQuizBinary.run(["check", Self.wrongKey, "--scenarios", Self.scenario])
        #expect(run.status == 1)
        // Option B (read) is keyed wrong but its step is allowed; option C (without-id) keyed right but fails.
        #expect(run.stderr.contains("wrong-key.iqb:14:11: error[V004]"), "\(run.stderr)")
        #expect(run.stderr.contains("the key says option B of `deputy-wrong-key` is wrong, but step `read` of `e2e-deputy` works (allowed)"))
        #expect(run.stderr.contains("the key says option C of `deputy-wrong-key` is right, but step `without-id` of `e2e-deputy` fails (AccessDenied)"))
    }

    @Test("a bank folder's scenario that reuses a built-in id is V006 for check and the quiz alike; one named like the built-in file replaces it")
    func builtInIDsAgree() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: Self.folder + "/verified.iqb", toPath: folder.appendingPathComponent("q.iqb").path)
        let reused = try String(contentsOfFile: Self.scenario, encoding: .utf8)
            .replacingOccurrences(of: "scenario: e2e-deputy", with: "scenario: confused-deputy")
        try reused.write(to: folder.appendingPathComponent("mine.iqs"), atomically: true, encoding: .utf8)
        let env = try freshHome()
        let check = try IAMQuizBinary.run(["check", folder.path], environment: env)
        let quiz = try IAMQuizBinary.run(["--bank", folder.path, "--seed", "1"], input: "q\n", environment: env)
        for run in [check, quiz] {
            #expect(run.status == 1)
            #expect(run.stderr.contains("mine.iqs:1:1: error[V006]: scenario id `confused-deputy` is already used by a built-in scenario"),
                    "\(run.stderr)")
        }
        #expect(quiz.stderr.contains("error: the bank has errors"))
        // Named like the built-in file, it replaces the built-in scenario (a copy of QuestionBank/ being edited).
        try FileManager.default.moveItem(at: folder.appendingPathComponent("mine.iqs"), to: folder.appendingPathComponent("confused-deputy.iqs"))
        let replaced = try IAMQuizBinary.run(["--bank", folder.path, "--seed", "1"], input: "q\n", environment: env)
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(!replaced.stderr.contains("V006"))
    }

    /// `check` of a small bank parses only the built-in scenarios its questions name: their keys are
    /// verified as before, and the summary counts the scenarios used, not all the built-in ones.
    @Test("check of a small bank verifies against the built-in scenario it names, and counts only that one")
    func namedBuiltInsOnly() throws {
        let bank = try String(contentsOfFile: IAMQuizBinary.packageRoot.appendingPathComponent("QuestionBank/roles-and-trust.iqb").path,
                              encoding: .utf8)
        let blocks = bank.components(separatedBy: "\n## ")
        let question = try #require(blocks.first { $0.hasPrefix("role-trust-vs-permissions-policy\n") })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let named = folder.appendingPathComponent("named.iqb")
        try ("## " + question + "\n").write(to: named, atomically: true, encoding: .utf8)
        let text = try IAMQuizBinary.run(["check", named.path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stderr.contains("1 question in 1 file and 1 scenario: 0 errors, 0 warnings"), "\(text.stderr)")
        #expect(text.stderr.contains("1 question verified by scenarios"), "\(text.stderr)")
        let json = try IAMQuizBinary.run(["check", "--format", "json", named.path])
        let summary = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["summary"] as? [String: Any])
        #expect(summary["scenarios"] as? Int == 1)
        #expect(summary["verified"] as? Int == 1)
        // The key made wrong: the scenario still decides against it.
        let wrong = named.path.replacingOccurrences(of: "named", with: "wrong")
        try ("## " + question.replacingOccurrences(of: "answer: A", with: "answer: B") + "\n").write(toFile: wrong, atomically: true, encoding: .utf8)
        let contradicted = try IAMQuizBinary.run(["check", wrong])
        #expect(contradicted.status == 1)
        #expect(contradicted.stderr.contains("error[V004]"), "\(contradicted.stderr)")
    }

    @Test("check names an unknown scenario and an unknown step with a did-you-mean")
    func checkUnknowns() throws {
        let text = try String(contentsOfFile: Self.folder + "/verified.iqb", encoding: .utf8)
            .replacingOccurrences(of: "scenario: e2e-deputy", with: "scenario: e2e-deputi")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try text.write(to: folder.appendingPathComponent("q.iqb"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Self.scenario, toPath: folder.appendingPathComponent("deputy.iqs").path)
        let run = try IAMQuizBinary.run(["check", folder.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("V001") && run.stderr.contains("did you mean `e2e-deputy`?"), "\(run.stderr)")
    }

    @Test("scenario list shows the built-in scenarios; the sandbox starts in confused-deputy without an argument")
    func builtIns() throws {
        let list = try IAMQuizBinary.run(["scenario", "list"])
        for id in ["confused-deputy", "ec2-instance-profile", "organizations-scp", "service-linked-role"] {
            #expect(list.stdout.contains(id), "\(list.stdout)")
        }
        let sandbox = try IAMQuizBinary.run(["sandbox"], input: "help\nexit\n")
        #expect(sandbox.stdout.contains("the world of `confused-deputy`"))
        #expect(sandbox.stdout.contains("assume-saml ROLE --provider NAME"), "help lists every command")
        let missing = try IAMQuizBinary.run(["sandbox", "no-such-world"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no scenario file or built-in scenario `no-such-world`"))
        // `scenario run` reads only the built-in scenarios it is given, and suggests among all of their ids.
        let typo = try IAMQuizBinary.run(["scenario", "run", "role-trust-basic"])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("did you mean `role-trust-basics`?"), "\(typo.stderr)")
        let two = try IAMQuizBinary.run(["scenario", "run", "role-trust-basics", "organizations-scp"])
        #expect(two.status == 0, "\(two.stderr)")
        #expect(two.stdout.contains("scenario role-trust-basics") && two.stdout.contains("scenario organizations-scp"), "\(two.stdout)")
    }
}
