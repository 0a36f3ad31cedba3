import Diagnostics
import QuizBank
import Testing

@testable import Drills

/// The sample check of drill templates: a fixture per kind of degenerate question, each found at its place
/// with the slot values of a draw that shows it.
@Suite("Drill templates: the sample check")
struct DrillTemplateCheckTests {
    /// The parser tests' good template with each replacement made.
    static func fixture(_ replacements: [(String, String)]) throws -> DrillTemplate {
        var text = DrillTemplateParserTests.good
        for (old, new) in replacements {
            #expect(text.contains(old), "the fixture has `\(old)`")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let parsed = DrillTemplateParser.parse(text, file: "t.iqd")
        #expect(!parsed.diagnostics.hasErrors, "\(parsed.diagnostics.map(\.message))")
        return try #require(parsed.template)
    }

    /// `code@line:column` of the errors a sample of 30 draws finds.
    static func found(_ template: DrillTemplate) -> [String] {
        template.sampleCheck(draws: 30).filter { $0.severity == .error }.map { "\($0.code)@\($0.range!.start.line):\($0.range!.start.column)" }
    }

    static let aliceReads = "option: Alice reads `{bucket}/a.csv`"
    static let bobWrites = "option: Bob writes `{bucket}/a.csv`\n  as user prod/bob\n"

    @Test("the good fixture passes, and makes a family whose drills are keyed")
    func good() throws {
        let template = try Self.fixture([])
        #expect(template.sampleCheck(draws: 30).isEmpty)
        var generator = DrillGenerator(families: [template.family], level: nil, seed: 1)
        let drill = generator.next()
        #expect(drill.question.id == "drill-fixture-associate-1-1")
        #expect(drill.question.key == .options(drill.options.indices.filter { drill.options[$0].text.hasPrefix("Alice reads") }))
    }

    @Test("every option with the same outcome: T014 at `ask:`, with the slot values")
    func sameOutcome() throws {
        let template = try Self.fixture([("\"Action\": \"s3:GetObject\"", "\"Action\": \"s3:ListBucket\"")])
        #expect(Self.found(template) == ["T014@17:1"])
        let message = try #require(template.sampleCheck(draws: 30).first { $0.code == DrillTemplateCode.sameOutcome.rawValue }).message
        #expect(message.hasPrefix("with bucket=reports: no option is right") || message.hasPrefix("with bucket=exports: no option is right"), "\(message)")
    }

    @Test("two options alike: T015 at the second")
    func duplicates() throws {
        #expect(Self.found(try Self.fixture([("option: Bob writes `{bucket}/a.csv`", "option: Alice reads `{bucket}/a.csv`")])) == ["T015@28:9"])
    }

    @Test("fewer than 3 wrong options: T016")
    func tooFewWrong() throws {
        #expect(Self.found(try Self.fixture([("ask: works", "ask: fails")])) == ["T016@17:1"])
    }

    @Test("the scenario does not parse with some values: T013 at the slot, naming the scenario's own code")
    func scenarioError() throws {
        let template = try Self.fixture([("vary bucket: reports | exports", "vary bucket: reports | exports\nvary hours: 1h | 13h"),
                                         ("role prod/Reports\n", "role prod/Reports\n  max-session: {hours}\n")])
        #expect(Self.found(template) == ["T013@14:16"])
        let problem = try #require(template.sampleCheck(draws: 30).first { $0.severity == .error })
        #expect(problem.message.contains("hours=13h"))
        #expect(problem.message.contains("S009"))
        #expect(problem.help?.contains("of 30 draws") == true)
    }

    @Test("a shown policy the stem cannot show: T012")
    func unshowable() throws {
        #expect(Self.found(try Self.fixture([("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"",
                                              "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"")])) == ["T012@10:3"])
    }

    @Test("a step before an option's last fails: T017 at that step")
    func earlierStepFails() throws {
        #expect(Self.found(try Self.fixture([(Self.bobWrites, Self.bobWrites + "  assume prod/Reports\n")])) == ["T017@30:3"])
    }

    @Test("no draw makes a question (a lone key much longer than the others): T018")
    func noQuestion() throws {
        let long = "option: Alice, who holds the identity policy `read`, reads the object `a.csv` of the bucket `{bucket}`"
        #expect(Self.found(try Self.fixture([(Self.aliceReads, long)])) == ["T018@17:1"])
    }

    @Test("loading: a drill id of a built-in family or used twice is refused (T003); a template with errors makes no family")
    func loading() throws {
        let renamed = DrillTemplateParserTests.good.replacingOccurrences(of: "drill: fixture", with: "drill: conditions")
        let broken = DrillTemplateParserTests.good.replacingOccurrences(of: "drill: fixture", with: "drill: broken")
            .replacingOccurrences(of: "ask: works", with: "ask: fails")
        let loaded = DrillTemplates.load([("a.iqd", DrillTemplateParserTests.good), ("b.iqd", DrillTemplateParserTests.good),
                                          ("c.iqd", renamed), ("d.iqd", broken)], draws: 10)
        #expect(loaded.families.map(\.name) == ["fixture"])
        #expect(loaded.diagnostics.map { "\($0.file):\($0.code)" } == ["b.iqd:T003", "c.iqd:T003", "d.iqd:T016"])
        #expect(loaded.diagnostics[1].message == "drill id `conditions` is a built-in family")
    }
}
