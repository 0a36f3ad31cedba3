import Foundation
import Testing

/// `iamquiz simulate` warns, like IAM Access Analyzer's policy validation
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html), about
/// names it does not know; the decision is printed all the same and the exit status stays 0.
@Suite("iamquiz simulate: validation warnings end to end")
struct SimulateWarningsEndToEndTests {
    static let allowS3 = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#

    /// Writes `text` to a file in a new temporary folder, runs `body` with its URL, and removes the folder.
    private func withFile(_ name: String, _ text: String, _ body: (URL) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-warn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        try body(file)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    @Test("a misspelled action: the decision is printed, exit 0, and a warning names `s3:GetObject`; none when spelled right")
    func misspelledAction() throws {
        let out = try IAMQuizBinary.run(["simulate", "--policy-input-list", Self.allowS3, "--action-names", "s3:GetObjekt"])
        #expect(out.status == 0, "\(out.stderr)")
        let response = try json(out.stdout)
        let results = try #require(response["EvaluationResults"] as? [[String: Any]])
        #expect(results.map { $0["EvalDecision"] as? String } == ["allowed"])
        let warnings = try #require(response["Warnings"] as? [[String: Any]])
        #expect(warnings.count == 1)
        #expect(warnings.first?["Code"] as? String == "W202")
        #expect(warnings.first?["Source"] as? String == "--action-names")
        #expect(warnings.first?["Help"] as? String == "did you mean `s3:GetObject`?")
        #expect(out.stderr.contains("--action-names: warning[W202]: unknown action `s3:GetObjekt`"), "\(out.stderr)")
        #expect(out.stderr.contains("help: did you mean `s3:GetObject`?"), "\(out.stderr)")

        // Spelled right: nothing on stderr and no Warnings member.
        let clean = try IAMQuizBinary.run(["simulate", "--policy-input-list", Self.allowS3, "--action-names", "s3:GetObject"])
        #expect(clean.status == 0 && clean.stderr.isEmpty, "\(clean.stderr)")
        #expect(try json(clean.stdout)["Warnings"] == nil)
    }

    @Test("text output: the table on stdout, the warning on stderr with the policy's line, column and caret")
    func textOutput() throws {
        let text = """
            {
              "Version": "2012-10-17",
              "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                             "Condition": {"IpAddress": {"aws:SourceIpp": "203.0.113.0/24"}}}]
            }
            """
        try withFile("policy.json", text) { policy in
            let out = try IAMQuizBinary.run(["simulate", "--policy-input-list", "file://" + policy.path, "--action-names", "s3:GetObject",
                                             "--output", "text"])
            #expect(out.status == 0, "\(out.stderr)")
            #expect(out.stdout.contains("s3:GetObject  *         implicitDeny"), "\(out.stdout)")
            #expect(out.stderr.contains("\(policy.path):4:46: warning[W204]: unknown global condition key `aws:SourceIpp`"), "\(out.stderr)")
            #expect(out.stderr.contains("^^^^^^^^^^^^^^^"), "\(out.stderr)")
            #expect(out.stderr.contains("help: did you mean `aws:SourceIp`?"), "\(out.stderr)")
        }
    }

    @Test("--batch: each response line carries its own request's warnings")
    func batch() throws {
        let policy = Self.allowS3.replacingOccurrences(of: "\"", with: "\\\"")
        let lines = """
            {"PolicyInputList": ["\(policy)"], "ActionNames": ["s3:GetObject"]}
            {"PolicyInputList": ["\(policy)"], "ActionNames": ["s3:PutObjekt"]}

            """
        try withFile("batch.jsonl", lines) { file in
            let out = try IAMQuizBinary.run(["simulate", "--batch", file.path, "--output", "json"])
            #expect(out.status == 0, "\(out.stderr)")
            let responses = out.stdout.split(separator: "\n").map(String.init)
            #expect(responses.count == 2)
            #expect(try json(responses[0])["Warnings"] == nil)
            let warnings = try #require(try json(responses[1])["Warnings"] as? [[String: Any]])
            #expect(warnings.map { $0["Help"] as? String } == ["did you mean `s3:PutObject`?"])
            #expect(warnings.first?["Source"] as? String == "\(file.path):2 ActionNames")
        }
    }
}
