import Foundation
import Testing

/// `iamquiz drill --export`: drills written for a class, never asked, with the progress left alone.
@Suite("iamquiz end to end: drill export")
struct DrillExportEndToEndTests {
    /// The `## id` and `answer:` lines of a bank text, in order.
    static func keys(_ bank: String) -> [String] {
        bank.split(separator: "\n").filter { $0.hasPrefix("## ") || $0.hasPrefix("answer: ") }.map(String.init)
    }

    /// Each question's id and key line: `## id` to `answer: ...`.
    static func keyed(_ bank: String) -> [String: String] {
        let lines = keys(bank)
        return Dictionary(stride(from: 0, to: lines.count - 1, by: 2).map { (lines[$0], lines[$0 + 1]) }, uniquingKeysWith: { a, _ in a })
    }

    @Test("--export gift and --export iqb: 40 drills of one seed (the bank folder replacing those a scenario cannot express, and saying so); GIFT imports back to the same keys; `check DIR` verifies all 40")
    func exportBoth() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-e2e-drill-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let home = folder.appendingPathComponent("home").path
        let gift = folder.appendingPathComponent("week3.gift").path
        let bank = folder.appendingPathComponent("week3").path

        let written = try IAMQuizBinary.run(["drill", "--count", "40", "--seed", "7", "--export", "gift", "-o", gift],
                                            environment: ["IAMQUIZ_HOME": home])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stderr.contains("wrote 40 drills (seed 7) to \(gift)"))
        #expect(written.stdout.isEmpty)
        let again = try IAMQuizBinary.run(["drill", "--count", "40", "--seed", "7", "--export", "gift", "-o", gift],
                                          environment: ["IAMQUIZ_HOME": home])
        #expect(again.status == 1)
        #expect(again.stderr.contains("\(gift): error: the file exists"), "\(again.stderr)")
        let forced = try IAMQuizBinary.run(["drill", "--count", "40", "--seed", "7", "--export", "gift", "-o", gift, "--force"],
                                           environment: ["IAMQUIZ_HOME": home])
        #expect(forced.status == 0, "\(forced.stderr)")

        let folderWritten = try IAMQuizBinary.run(["drill", "--count", "40", "--seed", "7", "--export", "iqb", "-o", bank],
                                                  environment: ["IAMQUIZ_HOME": home])
        #expect(folderWritten.status == 0, "\(folderWritten.stderr)")
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: bank + "/scenarios").filter { $0.hasSuffix(".iqs") }
        #expect(scenarios.count == 40)
        let refused = try IAMQuizBinary.run(["drill", "--count", "40", "--seed", "7", "--export", "iqb", "-o", bank],
                                            environment: ["IAMQUIZ_HOME": home])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: the file exists"), "\(refused.stderr)")

        let check = try IAMQuizBinary.run(["check", bank, "--format", "json"], timeout: 300)
        #expect(check.status == 0, "\(check.stdout.prefix(2_000))")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 0)
        #expect(summary["questions"] as? Int == 40)
        #expect(summary["verified"] as? Int == 40)

        let back = folder.appendingPathComponent("back.iqb").path
        let imported = try IAMQuizBinary.run(["import", "gift", gift, "-o", back])
        #expect(imported.status == 0, "\(imported.stderr)")
        // The GIFT file holds the 40 drills drawn; the folder the same, but for those it replaced (a note names them).
        let folderKeys = Self.keyed(try String(contentsOfFile: bank + "/drills.iqb", encoding: .utf8))
        let giftKeys = Self.keyed(try String(contentsOfFile: back, encoding: .utf8))
        #expect(folderKeys.count == 40 && giftKeys.count == 40)
        let replaced = folderKeys.keys.filter { giftKeys[$0] == nil }.count
        #expect(replaced == 0 || folderWritten.stderr.contains(" replaced by the next ones, as a scenario cannot express "),
                "\(folderWritten.stderr)")
        #expect(replaced <= 12)
        for (id, key) in folderKeys where giftKeys[id] != nil { #expect(giftKeys[id] == key, "\(id)") }
        // Exporting asked nothing and kept no progress.
        #expect(!FileManager.default.fileExists(atPath: home))
    }

    @Test("export usage errors exit 2: iqb without -o, -o or --force without --export, --export with --list")
    func usage() throws {
        for arguments in [["--export", "iqb"], ["-o", "x.gift"], ["--force"], ["--export", "gift", "--list"], ["--export", "moodle"]] {
            let out = try IAMQuizBinary.run(["drill"] + arguments)
            #expect(out.status == 2, "\(arguments)")
            #expect(out.stderr.hasPrefix("error: "), "\(out.stderr)")
        }
    }
}
