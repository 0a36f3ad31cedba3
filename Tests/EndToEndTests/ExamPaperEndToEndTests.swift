import Foundation
import Testing

/// A fixed paper for a class: `iamquiz exam --export iqb -o FILE`, then `iamquiz exam --bank FILE --fixed-order`.
@Suite("exam paper end to end")
struct ExamPaperEndToEndTests {
    /// A fresh folder for the paper, and a fresh progress home.
    static func folder() throws -> (folder: String, env: [String: String]) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-paper-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return (url.path, try freshHome())
    }

    /// The answers the paper's `answer:` lines give, as a learner types them: "a", "bd".
    static func keys(of paper: String) -> [String] {
        paper.split(separator: "\n").filter { $0.hasPrefix("answer: ") }
            .map { $0.dropFirst("answer: ".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.joined() }
    }

    @Test("export a 3-question paper (no progress kept), take it in file order by the file's own keys, leave, resume, see it listed")
    func exportTakeResume() throws {
        let (folder, env) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paper = folder + "/paper.iqb"
        let written = try IAMQuizBinary.run(["exam", "--count", "3", "--seed", "7", "--export", "iqb", "-o", paper], environment: env)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stderr == "wrote 3 questions (saa-c03, seed 7) to \(paper); learners take it with: "
            + "iamquiz exam --bank paper.iqb --fixed-order --blueprint saa-c03\n")
        let home = try #require(env["IAMQUIZ_HOME"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: home).isEmpty, "writing a paper touched the progress folder")
        let text = try String(contentsOfFile: paper, encoding: .utf8)
        #expect(text.hasPrefix("# iamquiz exam paper: saa-c03 ") && text.contains("# Take it with: iamquiz exam --bank paper.iqb"))
        let check = try IAMQuizBinary.run(["check", paper])
        #expect(check.status == 0 && check.stderr.contains("3 questions in 1 file") && check.stderr.contains(": 0 errors"), "\(check.stderr)")

        // The file's letters are right only if the exam shows the options in the file's order.
        let keys = Self.keys(of: text)
        #expect(keys.count == 3)
        let first = try IAMQuizBinary.run(["exam", "--bank", paper, "--fixed-order", "--blueprint", "saa-c03"],
                                          input: "\(keys[0])\nq\n", environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("iamquiz exam saa-c03 (AWS Certified Solutions Architect - Associate (SAA-C03)): "
            + "3 questions (fixed order), 130 minutes, pass mark 720."), "\(first.stdout)")
        let resumed = try IAMQuizBinary.run(["resume"], input: "\(keys[1])\n\(keys[2])\nfinish\n", environment: env)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Score: 1000/1000 PASS"), "\(resumed.stdout)")

        let exams = try IAMQuizBinary.run(["exams", "--format", "json"], environment: env)
        let json = try JSONSerialization.jsonObject(with: Data(exams.stdout.utf8)) as? [String: Any]
        let listed = try #require((json?["exams"] as? [[String: Any]])?.first, "\(exams.stdout)")
        #expect(listed["questions"] as? Int == 3 && listed["correct"] as? Int == 3 && listed["status"] as? String == "passed")
    }

    @Test("usage errors exit 2 with the error line first, and write nothing",
          arguments: [
              (["--export", "iqb"], "error: --export writes a paper: name its file with -o FILE"),
              (["-o", "PAPER"], "error: -o/--output goes with --export iqb|gift"),
              (["--fixed-order", "--count", "3"], "error: --fixed-order asks every question of the bank in its order; it does not go with --count"),
              (["--fixed-order", "--seed", "2"], "error: --fixed-order asks every question of the bank in its order; it does not go with --seed"),
              (["--fixed-order", "--export", "gift", "-o", "PAPER"], "error: --fixed-order takes a paper and --export writes one"),
          ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let (folder, env) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paper = folder + "/paper.iqb"
        let out = try IAMQuizBinary.run(["exam"] + arguments.map { $0 == "PAPER" ? paper : $0 }, environment: env)
        #expect(out.status == 2)
        #expect(out.stderr.hasPrefix(message), "\(out.stderr)")
        #expect(!FileManager.default.fileExists(atPath: paper))
        #expect(try FileManager.default.contentsOfDirectory(atPath: try #require(env["IAMQUIZ_HOME"])).isEmpty)
    }

    @Test("an existing file is replaced only with --force, as every -o of iamquiz")
    func existingFile() throws {
        let (folder, env) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paper = folder + "/paper.gift"
        try "kept\n".write(toFile: paper, atomically: true, encoding: .utf8)
        let refused = try IAMQuizBinary.run(["exam", "--seed", "1", "--count", "2", "--export", "gift", "-o", paper], environment: env)
        #expect(refused.status == 1 && refused.stderr.hasPrefix("\(paper): error: the file exists"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: paper, encoding: .utf8) == "kept\n")
        let forced = try IAMQuizBinary.run(["exam", "--seed", "1", "--count", "2", "--export", "gift", "-o", paper, "--force"], environment: env)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: paper, encoding: .utf8).contains("// In Moodle, set the quiz's \"Shuffle within questions\" to No"))
    }
}
