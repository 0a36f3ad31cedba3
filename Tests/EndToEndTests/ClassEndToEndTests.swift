import Foundation
import Testing

/// The instructor's round trip: one paper for the class, each learner takes it in their own profile and
/// hands in `results export --exam 1`, and `class report` points at the question to fix.
@Suite("class report end to end")
struct ClassEndToEndTests {
    /// One question of a paper: its options' letters and its key, as the file gives them.
    struct PaperQuestion {
        var letters: [String]
        var key: [String]

        /// A wrong answer with as many options as the key: the options outside the key first.
        var wrong: [String] {
            let others = letters.filter { !key.contains($0) }
            return Array((others + key).prefix(key.count)).sorted()
        }
    }

    /// The questions of an iqb paper in file order.
    static func questions(of paper: String) -> [PaperQuestion] {
        paper.components(separatedBy: "\n## ").dropFirst().map { block in
            let lines = block.split(separator: "\n")
            let count = lines.filter { $0.hasPrefix("- ") }.count
            let key = lines.first { $0.hasPrefix("answer: ") }.map {
                $0.dropFirst("answer: ".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            } ?? []
            return PaperQuestion(letters: (0..<count).map { String(UnicodeScalar(65 + $0)!) }, key: key)
        }
    }

    @Test("a paper with a wrong key: six learners take it, hand in their results, and the report puts that question first")
    func wrongKeyFound() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-class-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paper = folder + "/paper.iqb"
        let written = try IAMQuizBinary.run(["exam", "--count", "6", "--seed", "11", "--export", "iqb", "-o", paper])
        #expect(written.status == 0, "\(written.stderr)")
        var text = try String(contentsOfFile: paper, encoding: .utf8)
        let questions = Self.questions(of: text)
        try #require(questions.count == 6)
        // The instructor's mistake: the second question's key in the file names a wrong answer. Learners who
        // know the topic choose the true key and are marked wrong; those who do not may pick the file's key.
        let trueKey = questions[1].key
        let wrongKey = questions[1].wrong
        text = text.replacingOccurrences(of: "answer: " + trueKey.joined(separator: ", "),
                                         with: "answer: " + wrongKey.joined(separator: ", "),
                                         range: Self.range(ofQuestion: 1, in: text))
        try text.write(toFile: paper, atomically: true, encoding: .utf8)

        // Who is right where (by the true keys): three strong learners, three weak ones.
        // Six questions keep the rest of the test, against which each question is correlated, mostly sound.
        let knows: [[Bool]] = [[true, true, true, true, true, true], [true, true, true, true, true, false],
                               [true, true, true, false, true, true], [false, false, true, true, false, false],
                               [true, false, false, false, false, false], [false, false, false, false, false, false]]
        var files: [String] = []
        for (number, row) in knows.enumerated() {
            let env = try freshHome()
            let typed = zip(questions.indices, row).map { index, knows in
                let answer = index == 1 ? (knows ? trueKey : wrongKey) : (knows ? questions[index].key : questions[index].wrong)
                return answer.joined().lowercased()
            }
            let exam = try IAMQuizBinary.run(["exam", "--bank", paper, "--fixed-order"],
                                             input: typed.joined(separator: "\n") + "\nfinish\n", environment: env)
            #expect(exam.status == 0, "\(exam.stderr)")
            let file = folder + "/learner\(number + 1).jsonl"
            let export = try IAMQuizBinary.run(["results", "export", "--learner", "Learner \(number + 1)", "--exam", "1", "-o", file],
                                               environment: env)
            #expect(export.stderr == "wrote 6 answers of Learner \(number + 1) (profile default, exam 1) to \(file)\n", "\(export.stderr)")
            files.append(file)
        }

        let json = try IAMQuizBinary.run(["class", "report", "--bank", paper, "--format", "json"] + files)
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let items = try #require(report["items"] as? [[String: Any]])
        #expect(items.count == 6 && (report["learners"] as? [Any])?.count == 6)
        let miskeyed = try #require(text.components(separatedBy: "\n## ").dropFirst().dropFirst().first?.split(separator: "\n").first)
        let first = items[0]
        #expect(first["question"] as? String == String(miskeyed), "the wrong key comes first: \(json.stdout)")
        let kinds = (first["flags"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
        #expect(kinds.first == "negativeDiscrimination", "\(kinds)")
        #expect((first["discrimination"] as? Double ?? 0) < -0.5)
        #expect(first["facility"] as? Double == 0.5, "learners 4 to 6 chose the file's key")
        for item in items.dropFirst() {
            let flags = (item["flags"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
            #expect(!flags.contains("negativeDiscrimination"), "only the wrong key is negative: \(item)")
        }

        let shown = try IAMQuizBinary.run(["class", "report", "--bank", paper] + files)
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix("iamquiz class report: 6 learners, 6 questions, 36 answers analysed from 6 files."), "\(shown.stdout)")
        #expect(shown.stdout.contains("1. \(miskeyed) · version "), "\(shown.stdout)")
        #expect(shown.stdout.contains("check the key"))
        let csv = try IAMQuizBinary.run(["class", "report", "--format", "csv"] + files)
        #expect(csv.stdout.hasPrefix("question,version,hash,") && csv.stdout.components(separatedBy: "\r\n").count == 8, "\(csv.stdout)")
    }

    /// The text of question `index` (0-based) of a paper, for a replacement that must not touch the others.
    static func range(ofQuestion index: Int, in text: String) -> Range<String.Index> {
        var starts: [String.Index] = []
        var search = text.startIndex..<text.endIndex
        while let found = text.range(of: "\n## ", range: search) {
            starts.append(found.lowerBound)
            search = found.upperBound..<text.endIndex
        }
        return starts[index]..<(index + 1 < starts.count ? starts[index + 1] : text.endIndex)
    }

    @Test("a broken or foreign results file stops the report with file:line:col, exit 1, and nothing on standard output")
    func badFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-class-bad-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let env = try freshHome()
        let single = IAMQuizBinary.fixtures.appendingPathComponent("single-answers.iqb").path
        let quiz = try IAMQuizBinary.run(["--bank", single, "--count", "2", "--seed", "3"], input: "a\na\n", environment: env)
        #expect(quiz.status == 0, "\(quiz.stderr)")
        let good = folder + "/good.jsonl"
        #expect(try IAMQuizBinary.run(["results", "export", "--learner", "Ana", "-o", good], environment: env).status == 0)
        let lines = try String(contentsOfFile: good, encoding: .utf8).split(separator: "\n")
        let broken = folder + "/broken.jsonl"
        try (lines[0] + "\n" + lines[1] + "\n{\"type\": \"answer\", oops\n").write(toFile: broken, atomically: true, encoding: .utf8)
        let gift = folder + "/paper.gift"
        try "::q1:: What is IAM? {=Identity ~Storage}\n".write(toFile: gift, atomically: true, encoding: .utf8)

        let run = try IAMQuizBinary.run(["class", "report", good, broken, gift])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("\(broken):3:"), "\(run.stderr)")
        #expect(run.stderr.contains("\(gift):1:1:"), "\(run.stderr)")
        #expect(run.stderr.contains("error: 2 results files of 3 cannot be read; no report is made from part of the class's results"))

        let none = try IAMQuizBinary.run(["class", "report"])
        #expect(none.status == 2 && none.stderr.hasPrefix("error: name at least one results file"), "\(none.stderr)")
        let own = try IAMQuizBinary.run(["class", "report", "--bank", single, "--format", "json", good])
        #expect(own.status == 0, "\(own.stderr)")
        #expect(own.stdout.contains("\"version\" : \"current\"") && !own.stdout.contains("notInBank"), "\(own.stdout)")
        let builtin = try IAMQuizBinary.run(["class", "report", "--bank", "builtin", "--format", "json", good])
        #expect(builtin.status == 0, "\(builtin.stderr)")
        #expect(builtin.stdout.contains("\"version\" : \"notInBank\""), "the built-in bank has no such question: \(builtin.stdout)")
    }
}
