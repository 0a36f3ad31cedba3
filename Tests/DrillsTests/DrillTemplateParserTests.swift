import Diagnostics
import QuizBank
import Testing

@testable import Drills

/// The drill template parser: every problem of a file, at its line and column, with its code.
@Suite("Drill templates: the parser")
struct DrillTemplateParserTests {
    /// A small template that parses: Alice may read the bucket, Bob nothing.
    static let good = """
        drill: fixture
        title: A fixture
        level: associate
        topics: s3

        vary bucket: reports | exports

        account 111122223333 prod
        user prod/alice
          policy read: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::{bucket}/*"}]}
        user prod/bob
        role prod/Reports
          trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}]}

        situation: Alice and Bob work in account `prod`.
        show: user prod/alice policy read
        ask: works

        option: Alice reads `{bucket}/a.csv`
          as user prod/alice
          can s3:GetObject arn:aws:s3:::{bucket}/a.csv
        option: Bob reads `{bucket}/a.csv`
          as user prod/bob
          can s3:GetObject arn:aws:s3:::{bucket}/a.csv
        option: Alice writes `{bucket}/a.csv`
          as user prod/alice
          can s3:PutObject arn:aws:s3:::{bucket}/a.csv
        option: Bob writes `{bucket}/a.csv`
          as user prod/bob
          can s3:PutObject arn:aws:s3:::{bucket}/a.csv
        explanation: Only an identity policy allows here.
        """

    /// `code@line:column` of each diagnostic, in order.
    static func places(_ text: String) -> [String] {
        DrillTemplateParser.parse(text, file: "t.iqd").diagnostics.map { "\($0.code)@\($0.range!.start.line):\($0.range!.start.column)" }
    }

    @Test("a good template parses without a diagnostic, with its header, slots, shown policy and options")
    func good() throws {
        let parsed = DrillTemplateParser.parse(Self.good, file: "t.iqd")
        #expect(parsed.diagnostics.isEmpty)
        let template = try #require(parsed.template)
        #expect(template.id == "fixture")
        #expect(template.levels == [.associate])
        #expect(template.slots.map(\.values) == [["reports", "exports"]])
        #expect(template.shown.map(\.kind) == [.identity])
        #expect(template.options.count == 4)
        #expect(template.options[0].steps.map(\.text) == ["as user prod/alice", "can s3:GetObject arn:aws:s3:::{bucket}/a.csv"])
    }

    @Test("every problem of a file is reported at its line and column, and the file gives no template")
    func allProblems() {
        var text = Self.good
        text = text.replacingOccurrences(of: "title: A fixture", with: "title: A fixture\ntitle: Again")
        text = text.replacingOccurrences(of: "level: associate", with: "level: expert")
        text = text.replacingOccurrences(of: "vary bucket: reports | exports", with: "vary bucket: reports | exports\nvary lonely: one\nvary spare: a | b")
        text = text.replacingOccurrences(of: "show: user prod/alice policy read", with: "show: user prod/alice policy read\nshow: role prod/Nope trust")
        text = text.replacingOccurrences(of: "ask: works", with: "ask: work\nstep one: as user prod/bob")
        text = text.replacingOccurrences(of: "option: Bob writes `{bucket}/a.csv`\n  as user prod/bob\n  can s3:PutObject arn:aws:s3:::{bucket}/a.csv",
                                         with: "option: Bob writes `{bukket}/a.csv`\n  can s3:ListBucket arn:aws:s3:::x\noption: Nobody")
        let parsed = DrillTemplateParser.parse(text, file: "t.iqd")
        #expect(parsed.template == nil)
        #expect(Self.places(text) == [
            "T003@3:1",   // title twice
            "T002@4:8",   // level expert
            "T004@8:6",   // a slot of one value
            "T006@9:6",   // spare is never used (a warning)
            "T007@20:7",  // show names no policy
            "T008@21:6",  // unknown ask, with did-you-mean
            "T011@22:1",  // a step line outside an option
            "T005@33:21", // {bukket} is not declared
            "T009@34:3",  // the option's first step is not `as`
            "T009@35:1",  // an option without steps
        ])
        let diagnostics = parsed.diagnostics
        #expect(diagnostics.first { $0.code == "T008" }?.help?.contains("did you mean `works`?") == true)
        #expect(diagnostics.first { $0.code == "T005" }?.help == "did you mean `{bucket}`?")
        #expect(diagnostics.first { $0.code == "T006" }?.severity == .warning)
    }

    @Test("a file that does not start with `drill:`, lines missing, too few options, a control character")
    func missing() {
        #expect(Self.places("title: x\n") == ["T001@1:1", "T010@2:1", "T010@2:1", "T010@2:1", "T010@2:1", "T010@2:1", "T010@2:1", "T009@2:1"])
        let threeOptions = Self.good.replacingOccurrences(of: "option: Bob writes `{bucket}/a.csv`\n  as user prod/bob\n  can s3:PutObject arn:aws:s3:::{bucket}/a.csv\n", with: "")
        #expect(Self.places(threeOptions) == ["T009@25:1"])
        #expect(Self.places(Self.good.replacingOccurrences(of: "A fixture", with: "A \u{1B}[31mfixture")) == ["T000@2:1", "T010@31:1"])
        #expect(Self.places(Self.good.replacingOccurrences(of: "drill: fixture", with: "drill: Fixture!")) == ["T002@1:8"])
        #expect(Self.places(Self.good + "\nscenario: no") == ["T011@32:1"])
    }

    @Test("slots: a range, policy variables left alone, values filled where they are used")
    func slots() throws {
        #expect(TemplateParserState.range("1..3") == 1...3)
        #expect(TemplateParserState.range("3..1") == nil)
        #expect(SlotScanner.pieces("${aws:username} and {who}") == [.text("${aws:username} and "), .slot("who", 20)])
        #expect(SlotScanner.pieces("{\"AWS\": \"*\"} {Not} {x y}") == [.text("{\"AWS\": \"*\"} {Not} {x y}")])
        let text = TemplateText(text: "as user prod/{who} now", line: 3, column: 5)
        #expect(text.fill(["who": "alice"]) == "as user prod/alice now")
        // Column 20 of the filled text ("now") is column 5 + 19 in the template; a column within the value is the slot's `{`.
        #expect(text.column(ofFilled: 20, ["who": "alice"]) == 5 + 19)
        #expect(text.column(ofFilled: 15, ["who": "alice"]) == 5 + 13)
    }
}
