import Foundation
import Testing

/// `iamquiz import gift|aiken`, `iamquiz export gift`, and GIFT and Aiken files used as banks.
@Suite("iamquiz end to end: Moodle GIFT and Aiken")
struct MoodleEndToEndTests {
    static let folder = IAMQuizBinary.fixtures.appendingPathComponent("moodle")
    static let gift = folder.appendingPathComponent("course.gift").path
    static let aiken = folder.appendingPathComponent("quiz.aiken").path
    static let brokenAiken = folder.appendingPathComponent("broken.aiken").path

    static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-\(UUID().uuidString)-\(name)").path
    }

    @Test("import gift writes a bank that check finds clean; the matching question is reported, not dropped silently")
    func importGIFT() throws {
        let out = Self.temporaryFile("course.iqb")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try IAMQuizBinary.run(["import", "gift", Self.gift, "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("course.gift:19:1: warning[G101]"), "\(run.stderr)")
        #expect(run.stderr.contains("wrote 3 questions to \(out)"))
        let bank = try String(contentsOfFile: out, encoding: .utf8)
        #expect(bank.contains("## sts-temporary\nlevel: professional\ntopics: sts, temporary-credentials"))
        #expect(bank.contains("answer: A, B"))
        #expect(try IAMQuizBinary.run(["check", out]).status == 0)
        // The output file is never replaced without --force.
        #expect(try IAMQuizBinary.run(["import", "gift", Self.gift, "-o", out]).status == 1)
        #expect(try IAMQuizBinary.run(["import", "gift", Self.gift, "-o", out, "--force"]).status == 0)
    }

    @Test("import --format json gives stem, options with feedback, key, general feedback, category, id and tags")
    func importJSON() throws {
        let run = try IAMQuizBinary.run(["import", "gift", "--format", "json", Self.gift])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let questions = try #require(json["questions"] as? [[String: Any]])
        #expect(questions.count == 3)
        let first = questions[0]
        #expect(first["id"] as? String == "sts-temporary")
        #expect(first["category"] as? String == "$course$/iam-course/professional/sts")
        #expect(first["tags"] as? [String] == ["temporary-credentials"])
        #expect(first["generalFeedback"] as? String == "STS is the security token service.")
        #expect((first["options"] as? [[String: Any]])?.first?["feedback"] as? String == "STS issues them.")
        let aiken = try IAMQuizBinary.run(["import", "aiken", "--format", "json", Self.aiken])
        let aikenJSON = try #require(try JSONSerialization.jsonObject(with: Data(aiken.stdout.utf8)) as? [String: Any])
        #expect(aikenJSON["count"] as? Int == 2)
        #expect(((aikenJSON["questions"] as? [[String: Any]])?[1]["key"] as? [String]) == ["B"])
    }

    @Test("a malformed Aiken block is an error at its position, exit 1, and nothing is written")
    func brokenAiken() throws {
        let out = Self.temporaryFile("broken.iqb")
        let run = try IAMQuizBinary.run(["import", "aiken", Self.brokenAiken, "-o", out])
        #expect(run.status == 1)
        #expect(run.stderr.contains("broken.aiken:4:9: error[A006]"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a GIFT file of essays only, or an empty Aiken file, is an error (exit 1) and nothing is written")
    func nothingToImport() throws {
        let essays = Self.temporaryFile("essays.gift")
        let empty = Self.temporaryFile("empty.aiken")
        let out = Self.temporaryFile("out.iqb")
        defer { for file in [essays, empty, out] { try? FileManager.default.removeItem(atPath: file) } }
        try "Explain trust policies. {}\n\nA description.\n".write(toFile: essays, atomically: true, encoding: .utf8)
        try "\n\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let gift = try IAMQuizBinary.run(["import", "gift", essays, "-o", out])
        #expect(gift.status == 1)
        #expect(gift.stderr.contains("essays.gift:1:1: error[G021]"), "\(gift.stderr)")
        let aiken = try IAMQuizBinary.run(["import", "aiken", empty, "-o", out])
        #expect(aiken.status == 1)
        #expect(aiken.stderr.contains("empty.aiken:1:1: error[A015]"), "\(aiken.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try IAMQuizBinary.run(["check", essays]).status == 1)
    }

    @Test("control characters: check warns about them in GIFT and Aiken files (W104); import and export write none (W108)")
    func controlCharacters() throws {
        let gift = Self.temporaryFile("esc.gift")
        let aiken = Self.temporaryFile("esc.aiken")
        let post = Self.temporaryFile("esc.txt")
        let bank = Self.temporaryFile("esc.iqb")
        let out = Self.temporaryFile("out")
        defer { for file in [gift, aiken, post, bank, out] { try? FileManager.default.removeItem(atPath: file) } }
        let controls: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\u{202E}"]
        func hasControls(_ text: String) -> Bool { text.unicodeScalars.contains { controls.contains($0) } }
        try "::q1:: Which role\u{1B}[2J is it? {=The trust\u{07} policy#it names \u{202E}who ~Another}\n"
            .write(toFile: gift, atomically: true, encoding: .utf8)
        try "Which role\u{202E} is it?\nA) The trust\u{07} policy\nB) Another\nANSWER: A\n"
            .write(toFile: aiken, atomically: true, encoding: .utf8)
        try "Practice Questions\n- Which role\u{1B}]0;title\u{07} is it?\n- The trust policy\n- Another\n"
            .write(toFile: post, atomically: true, encoding: .utf8)

        let check = try IAMQuizBinary.run(["check", gift, aiken])
        #expect(check.stderr.contains("esc.gift:1:18: warning[W104]"), "\(check.stderr)")
        #expect(check.stderr.contains("esc.aiken:1:11: warning[W104]"), "\(check.stderr)")
        #expect(check.stderr.contains("esc.aiken:2:13: warning[W104]"), "\(check.stderr)")

        for (format, file) in [("gift", gift), ("aiken", aiken), ("blog", post)] {
            try? FileManager.default.removeItem(atPath: out)
            let run = try IAMQuizBinary.run(["import", format, file, "-o", out])
            #expect(run.status == 0, "\(format): \(run.stderr)")
            #expect(run.stderr.contains("warning[W108]"), "\(format): \(run.stderr)")
            let written = try String(contentsOfFile: out, encoding: .utf8)
            #expect(!hasControls(written), "\(format): \(written.debugDescription)")
            #expect(written.contains("The trust policy"), "\(format): \(written)")
        }

        try "## q\nlevel: associate\ntopics: t\n\nWhich role\u{1B}[2J is it?\n\n- The trust policy\n  why: it names \u{202E}who\n- Another\n  why: no\n\nanswer: A\n"
            .write(toFile: bank, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: out)
        let export = try IAMQuizBinary.run(["export", "gift", bank, "-o", out])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("esc.iqb:1:1: warning[W108]"), "\(export.stderr)")
        #expect(!hasControls(try String(contentsOfFile: out, encoding: .utf8)))
    }

    @Test("--bank and check take GIFT and Aiken files directly")
    func banksDirectly() throws {
        let check = try IAMQuizBinary.run(["check", Self.gift, Self.aiken])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.contains("5 questions in 2 files"), "\(check.stderr)")
        let quiz = try IAMQuizBinary.run(["--bank", Self.aiken, "--seed", "1", "--count", "2"], input: "a\na\n")
        #expect(quiz.stdout.contains("Which principal can never assume an IAM role?"), "\(quiz.stdout)")
        #expect(quiz.stdout.contains("Score: "))
        #expect(try IAMQuizBinary.run(["check", Self.brokenAiken]).status == 1)
    }

    @Test("export gift then import gift gives the built-in bank back, with its scenarios still verifying it")
    func roundTrip() throws {
        let gift = Self.temporaryFile("bank.gift")
        let back = Self.temporaryFile("bank.iqb")
        defer {
            try? FileManager.default.removeItem(atPath: gift)
            try? FileManager.default.removeItem(atPath: back)
        }
        let export = try IAMQuizBinary.run(["export", "gift", "-o", gift])
        #expect(export.status == 0, "\(export.stderr)")
        let text = try String(contentsOfFile: gift, encoding: .utf8)
        #expect(text.contains("$CATEGORY: $course$/iamquiz/professional/"))
        #expect(text.contains("~%50%") || text.contains("~%33.33333%"), "weights for questions with several answers")
        #expect(try IAMQuizBinary.run(["import", "gift", gift, "-o", back]).status == 0)
        let json = try IAMQuizBinary.run(["check", "--format", "json", back])
        #expect(json.status == 0, "\(json.stderr)")
        let summary = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["summary"] as? [String: Any])
        let builtin = try #require((try JSONSerialization.jsonObject(with: Data(try IAMQuizBinary.run(["check", "--format", "json"]).stdout.utf8)) as? [String: Any])?["summary"] as? [String: Any])
        #expect(summary["questions"] as? Int == builtin["questions"] as? Int)
        #expect(summary["verified"] as? Int == builtin["verified"] as? Int)
        #expect(summary["perTopic"] as? [String: Int] == builtin["perTopic"] as? [String: Int])
    }
}
