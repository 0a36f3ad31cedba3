import Foundation
import Testing

/// Drill templates through the command line: `iamquiz check` on templates, and `iamquiz drill --bank`.
@Suite("iamquiz end to end: drill templates")
struct DrillTemplateEndToEndTests {
    static let examples = IAMQuizBinary.packageRoot.appendingPathComponent("QuestionBank/drills").path

    /// A folder holding a copy of an example template with an unknown ask and an option without steps.
    static func folderWithBadTemplate() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let good = try String(contentsOfFile: examples + "/vendor-external-id.iqd", encoding: .utf8)
        let bad = good.replacingOccurrences(of: "drill: vendor-external-id", with: "drill: bad-one")
            .replacingOccurrences(of: "ask: works", with: "ask: work") + "option: Nothing here\n"
        try bad.write(to: folder.appendingPathComponent("bad.iqd"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("iamquiz check on a folder with a bad template: exit 1, each problem at file:line:col with its code")
    func checkBadTemplate() throws {
        let folder = try Self.folderWithBadTemplate()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = try IAMQuizBinary.run(["check", folder.path])
        #expect(out.status == 1)
        let bad = folder.appendingPathComponent("bad.iqd").path
        #expect(out.stdout.contains("\(bad):40:6: error[T008]: unknown ask `work`") || out.stderr.contains("\(bad):40:6: error[T008]: unknown ask `work`"),
                "\(out.stdout)\(out.stderr)")
        #expect((out.stdout + out.stderr).contains("\(bad):64:1: error[T009]: an option without steps"))
        #expect(out.stderr.contains("1 drill template (200 drills each): 2 errors"))
        // `drill --bank` refuses the folder with the same problems.
        let drill = try IAMQuizBinary.run(["drill", "--bank", folder.path, "--count", "1"], environment: try freshHome())
        #expect(drill.status == 1)
        #expect(drill.stderr.contains("error: the drill templates have errors"), "\(drill.stderr)")
    }

    @Test("iamquiz drill --bank DIR --count 2 --seed 1 plays the templates' drills, the same for the same seed; --list shows them")
    func drillFromTemplates() throws {
        let arguments = ["drill", "--bank", Self.examples, "--count", "2", "--seed", "1"]
        let out = try IAMQuizBinary.run(arguments, input: "a\nab\nabc\n", environment: try freshHome())
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("iamquiz drill: 2 new questions (drills: cross-account-read, vendor-external-id)"), "\(out.stdout)")
        #expect(out.stdout.contains("Question 2 of 2"))
        #expect(out.stdout.contains("Trust policy `customer/VendorAccess`:") || out.stdout.contains("Resource-based policy `arn:aws:s3:::"))
        #expect(out.stdout.contains("id: drill-vendor-external-id-professional-1-") || out.stdout.contains("id: drill-cross-account-read-"))
        let again = try IAMQuizBinary.run(arguments, input: "a\nab\nabc\n", environment: try freshHome())
        #expect(again.stdout.split(separator: "\n").dropFirst() == out.stdout.split(separator: "\n").dropFirst())
        let list = try IAMQuizBinary.run(["drill", "--bank", Self.examples, "--list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("evaluation-logic"))
        #expect(list.stdout.split(separator: "\n").contains { $0.hasPrefix("vendor-external-id ") && $0.contains(" professional: A vendor's role in a customer account") },
                "\(list.stdout)")
        // A built-in family is still there by name beside the templates.
        let named = try IAMQuizBinary.run(["drill", "--bank", Self.examples, "not-action", "cross-account-read", "--count", "1", "--seed", "2"],
                                          input: "a\nab\nabc\n", environment: try freshHome())
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.contains("(drills: not-action, cross-account-read)"))
    }
}
