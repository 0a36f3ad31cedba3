import Diagnostics
import Testing
import TestSupport
@testable import QuizBank

// Tests of `ControlCharacters`: which characters bank text must not hold, W104 in every format `check`
// reads, and W108 for what import and export leave out.

/// "W104@2:5" for each diagnostic, sorted.
private func located(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.code)@\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0)" }.sorted()
}

@Suite("Control characters in bank text")
struct ControlCharacterTests {
    @Test("W104 in GIFT and Aiken files read by check, at the first control character of each line")
    func w104InEveryFormat() {
        let gift = MarkedText("// a comment1️⃣\u{1B}[0m\n::q:: Which 2️⃣\u{202E}role? {=yes#3️⃣\u{07}~no}\n")
        let aiken = "Which\u{202E} role?\r\nA) yes\rB) no\u{1B}\nANSWER: A\n"
        let native = MarkedText("## q\nlevel: associate\ntopics: t\n\nWhich1️⃣\u{1B} role?\n\n- a\n  why: w\n- b\n  why: w\n\nanswer: A\n")
        let result = BankLoader().load(sources: [("c.gift", Array(gift.text.utf8)), ("c.aiken", Array(aiken.utf8)),
                                                 ("c.iqb", Array(native.text.utf8))])
        func w104(_ file: String) -> [String] { located(result.diagnostics.filter { $0.file == file && $0.code == "W104" }) }
        // One warning a line: the BEL on GIFT line 2 is not reported again.
        #expect(w104("c.gift") == ["W104@1:13", "W104@2:13"])
        #expect(gift["1️⃣"] == SourceLocation(line: 1, column: 13))
        #expect(gift["2️⃣"] == SourceLocation(line: 2, column: 13))
        // Aiken lines also end at a lone CR.
        #expect(w104("c.aiken") == ["W104@1:6", "W104@3:6"])
        #expect(w104("c.iqb") == ["W104@\(native["1️⃣"].line):\(native["1️⃣"].column)"])
        #expect(result.bank.questions.count == 3)
    }

    @Test("W104 in a GIFT file with lone CRs only: they end its lines, as in Moodle")
    func w104GiftCROnly() {
        let result = BankLoader().load(sources: [("c.gift", Array("// x\r::q:: Which\u{1B}? {=a ~b}\r".utf8))])
        #expect(located(result.diagnostics.filter { $0.code == "W104" }) == ["W104@2:12"])
    }

    /// A question with a control character in every text field.
    static let dirty = Question(
        id: "dirty", topics: ["t"], stem: "Which\u{1B}[2J role?\n\nSecond \u{202E}paragraph",
        options: [
            AnswerOption(text: "The trust\u{07} policy", why: "it names\u{2066} who", note: "a\u{0}note",
                         position: SourcePosition(file: "d.iqb", location: SourceLocation(line: 7, column: 1))),
            AnswerOption(text: "Another", why: "clean"),
        ],
        key: .options([0]), explanation: "Because\u{9B}.", references: ["https://x.example/\u{2066}"],
        changed: ["clean", "in 2020\u{7F}"], disputed: ["\u{202B}x"], scenario: nil, source: "blog\u{1B}",
        position: SourcePosition(file: "d.iqb", location: SourceLocation(line: 1, column: 1)))

    @Test("removing them: every text clean, tabs and paragraphs kept, one W108 per field at its question or option")
    func w108PerField() throws {
        let (questions, diagnostics) = ControlCharacters.removed(from: [Self.dirty, sampleQuestionValue()])
        let q = try #require(questions.first)
        #expect(q.stem == "Which[2J role?\n\nSecond paragraph")
        #expect(q.options.map(\.text) == ["The trust policy", "Another"])
        #expect(q.options[0].why == "it names who" && q.options[0].note == "anote")
        #expect(q.explanation == "Because." && q.changed == ["clean", "in 2020"] && q.disputed == ["x"] && q.source == "blog")
        #expect(diagnostics.map(\.message) == [
            "control characters removed from the stem of question `dirty`",
            "control characters removed from option A of question `dirty`",
            "control characters removed from `why:` of option A of question `dirty`",
            "control characters removed from `note:` of option A of question `dirty`",
            "control characters removed from `explanation:` of question `dirty`",
            "control characters removed from `reference:` of question `dirty`",
            "control characters removed from `changed:` of question `dirty`",
            "control characters removed from `disputed:` of question `dirty`",
            "control characters removed from `source:` of question `dirty`",
        ])
        #expect(diagnostics.allSatisfy { $0.code == "W108" && $0.severity == .warning && $0.file == "d.iqb" && $0.help != nil })
        #expect(diagnostics.map { $0.range?.start.line } == [1, 7, 7, 7, 1, 1, 1, 1, 1])
        // A clean question is left as it is.
        #expect(questions[1] == sampleQuestionValue())
        #expect(ControlCharacters.removed(from: "a\tb\n\nc") == "a\tb\n\nc")
    }

    @Test("imported GIFT, Aiken and blog questions are written without them, with W108")
    func imports() throws {
        let gift = GIFTImporter().parse("::q:: Which\u{1B}[2J role? {=trust\u{07}#names \u{202E}who ~other}\n", file: "i.gift")
        let aiken = AikenImporter().parse("Which\u{202E} role?\nA) trust\u{07}\nB) other\nANSWER: A\n", file: "i.aiken")
        let blog = BlogImporter().parse("Practice Questions\n- Which\u{1B}]0;x\u{07} role?\n- trust\u{202E}\n- other\n", file: "i.txt")
        let sets = [
            GIFTImporter().questions(from: gift, idPrefix: "g"),
            AikenImporter().questions(from: aiken, idPrefix: "a"),
            BlogImporter().questions(from: blog, key: [:], idPrefix: "b", source: nil),
        ]
        for (questions, file) in zip(sets, ["i.gift", "i.aiken", "i.txt"]) {
            try #require(questions.count == 1, "\(file)")
            let (clean, diagnostics) = ControlCharacters.removed(from: questions)
            let text = BankPrinter().print(clean)
            #expect(!text.unicodeScalars.contains(where: ControlCharacters.isUnsafe), "\(file): \(text.debugDescription)")
            #expect(!diagnostics.isEmpty && diagnostics.allSatisfy { $0.code == "W108" && $0.file == file }, "\(file)")
            #expect(diagnostics.allSatisfy { $0.range?.start.line == 1 || $0.range?.start.line == 2 }, "\(file)")
        }
    }

    @Test("export gift writes none of them, with W108 at the question's place in the bank")
    func export() {
        let output = GIFTExporter().export([Self.dirty])
        #expect(output.exported == 1)
        #expect(!output.text.unicodeScalars.contains(where: ControlCharacters.isUnsafe), "\(output.text.debugDescription)")
        #expect(output.diagnostics.map(\.code) == Array(repeating: "W108", count: 9))
        // What is written reads back as the cleaned question.
        let back = GIFTImporter().questions(from: GIFTImporter().parse(output.text, file: "x.gift"), idPrefix: "x")
        #expect(back == ControlCharacters.removed(from: [Self.dirty]).questions)
    }
}

/// The sample question of BankParserTests, parsed.
private func sampleQuestionValue() -> Question {
    BankParser().parse(sampleQuestion, file: "s.iqb").questions[0]
}
