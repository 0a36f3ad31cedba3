import Diagnostics
import Testing
import TestSupport
@testable import QuizBank

/// One diagnostics case: a bank with markers where diagnostics must point, and the code at each marker.
struct DiagnosticCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var bank: String
    var expected: [(marker: Character, code: String)]
    var testDescription: String { rule }
}

/// Three explained options and a key: the parts most cases do not vary.
private let options3 = """
    - one
      why: w
    - two
      why: w
    - three
      why: w
    """

@Suite("Bank parser: diagnostics at marked positions")
struct BankDiagnosticsTests {
    static let cases: [DiagnosticCase] = [
        DiagnosticCase(rule: "E001: an unknown leading field, with a did-you-mean", bank: """
            ## q
            level: associate
            1️⃣levle: professional
            topics: t

            Which?

            \(options3)

            answer: A
            """, expected: [("1️⃣", "E001")]),
        DiagnosticCase(rule: "E001: an unknown trailing field", bank: """
            ## q
            level: associate
            topics: t

            Which?

            \(options3)

            answer: A
            1️⃣explain: text
            """, expected: [("1️⃣", "E001")]),
        DiagnosticCase(rule: "E001: an unknown option field close to why/note", bank: """
            ## q
            level: associate
            topics: t

            Which?

            2️⃣- one
              1️⃣wyh: w
            - two
              why: w

            answer: A
            """, expected: [("1️⃣", "E001"), ("2️⃣", "W101")]),
        DiagnosticCase(rule: "E003: the key names an option that does not exist", bank: """
            ## q
            level: associate
            topics: t

            Which?

            \(options3)

            answer: A, 1️⃣E
            """, expected: [("1️⃣", "E003")]),
        DiagnosticCase(rule: "E004: no answer field", bank: """
            1️⃣## q
            level: associate
            topics: t

            Which?

            \(options3)
            """, expected: [("1️⃣", "E004")]),
        DiagnosticCase(rule: "E005: fewer than two options", bank: """
            ## q
            level: associate
            topics: t

            Which?

            1️⃣- one
              why: w

            answer: A
            """, expected: [("1️⃣", "E005")]),
        DiagnosticCase(rule: "E006: two options with the same text (case, spaces and a final period ignored)", bank: """
            ## q
            level: associate
            topics: t

            Which?

            - Use a role.
              why: w
            - two
              why: w
            - 2️⃣use a  role
              why: w

            answer: A
            """, expected: [("2️⃣", "E006")]),
        DiagnosticCase(rule: "E007: the stem asks for 2 answers and the key has 1", bank: """
            ## q
            level: associate
            topics: t

            Which two are right? (Choose 2 answers)

            \(options3)

            answer: 1️⃣A
            """, expected: [("1️⃣", "E007")]),
        DiagnosticCase(rule: "E007: \"Select TWO\" against a key of three", bank: """
            ## q
            level: associate
            topics: t

            Which are right? Select TWO.

            \(options3)

            answer: 1️⃣A, B, C
            """, expected: [("1️⃣", "E007")]),
        DiagnosticCase(rule: "E008: unknown level, at the value", bank: """
            ## q
            level: 1️⃣expert
            topics: t

            Which?

            \(options3)

            answer: A
            """, expected: [("1️⃣", "E008")]),
        DiagnosticCase(rule: "E009: empty stem", bank: """
            1️⃣## q
            level: associate
            topics: t

            \(options3)

            answer: A
            """, expected: [("1️⃣", "E009")]),
        DiagnosticCase(rule: "E010: malformed id, at the id", bank: """
            ## 1️⃣My Question
            level: associate
            topics: t

            Which?

            \(options3)

            answer: A
            """, expected: [("1️⃣", "E010")]),
        DiagnosticCase(rule: "E011: text before the first question", bank: """
            1️⃣Some text.
            ## q
            level: associate
            topics: t

            Which?

            \(options3)

            answer: A
            """, expected: [("1️⃣", "E011")]),
        DiagnosticCase(rule: "E011: unindented text after the options", bank: """
            ## q
            level: associate
            topics: t

            Which?

            \(options3)
            1️⃣stray words

            answer: A
            """, expected: [("1️⃣", "E011")]),
        DiagnosticCase(rule: "E012: a field given twice", bank: """
            ## q
            level: associate
            1️⃣level: professional
            topics: t

            Which?

            \(options3)

            answer: A
            """, expected: [("1️⃣", "E012")]),
        DiagnosticCase(rule: "E013: a malformed key", bank: """
            ## q
            level: associate
            topics: t

            Which?

            \(options3)

            answer: A 1️⃣& B
            """, expected: [("1️⃣", "E013")]),
        DiagnosticCase(rule: "E014: no level", bank: """
            1️⃣## q
            topics: t

            Which?

            \(options3)

            answer: A
            """, expected: [("1️⃣", "E014")]),
        DiagnosticCase(rule: "E016: a malformed topic, at the topic", bank: """
            ## q
            level: associate
            topics: good, 1️⃣Bad Topic

            Which?

            \(options3)

            answer: A
            """, expected: [("1️⃣", "E016")]),
        DiagnosticCase(rule: "E017: an empty option", bank: """
            ## q
            level: associate
            topics: t

            Which?

            - one
              why: w
            1️⃣-
            - three
              why: w

            answer: A
            """, expected: [("1️⃣", "E017")]),
        DiagnosticCase(rule: "E018: right-when takes works or fails, at the value", bank: """
            ## q
            level: associate
            topics: t
            scenario: s
            right-when: 1️⃣denied

            Which?

            \(options3)

            answer: A
            """, expected: [("1️⃣", "E018")]),
        DiagnosticCase(rule: "E019: verify names a step (lowercase, digits, -) or #N, at the value", bank: """
            ## q
            level: associate
            topics: t
            scenario: s

            Which?

            - one
              why: w
              verify: 1️⃣Step Three
            - two
              why: w

            answer: A
            """, expected: [("1️⃣", "E019")]),
        DiagnosticCase(rule: "E020: verify needs the question to name a scenario, at the step", bank: """
            ## q
            level: associate
            topics: t

            Which?

            - one
              why: w
              verify: 1️⃣with-id
            - two
              why: w

            answer: A
            """, expected: [("1️⃣", "E020")]),
        DiagnosticCase(rule: "W101: an option without why", bank: """
            ## q
            level: associate
            topics: t

            Which?

            - one
              why: w
            1️⃣- two

            answer: A
            """, expected: [("1️⃣", "W101")]),
        DiagnosticCase(rule: "W102: an unkeyed question", bank: """
            ## q
            level: associate
            topics: t

            Which?

            \(options3)

            answer: 1️⃣?
            """, expected: [("1️⃣", "W102")]),
        DiagnosticCase(rule: "W103: no topics", bank: """
            1️⃣## q
            level: associate

            Which?

            \(options3)

            answer: A
            """, expected: [("1️⃣", "W103")]),
        DiagnosticCase(rule: "W104: a control character, at its column", bank: """
            ## q
            level: associate
            topics: t

            Which one1️⃣\u{1B}[2J is it?

            \(options3)

            answer: A
            """, expected: [("1️⃣", "W104")]),
        DiagnosticCase(rule: "W105: a reference that is not a link", bank: """
            ## q
            level: associate
            topics: t

            Which?

            \(options3)

            answer: A
            reference: 1️⃣the IAM user guide
            """, expected: [("1️⃣", "W105")]),
        DiagnosticCase(rule: "W106: a letter repeated in the key", bank: """
            ## q
            level: associate
            topics: t

            Which?

            \(options3)

            answer: A, 1️⃣A
            """, expected: [("1️⃣", "W106")]),
        DiagnosticCase(rule: "E021: an option written `* ` is read as stem text, not as an option (and the key no longer fits)", bank: """
            ## q
            level: associate
            topics: t

            Which?

            3️⃣- one
              why: w
            1️⃣* two
              why: w

            answer: 2️⃣B
            """, expected: [("1️⃣", "E021"), ("2️⃣", "E003"), ("3️⃣", "E005")]),
        DiagnosticCase(rule: "E021: options marked `*`, `+`, `1.`, `A)` or `A.` in the stem", bank: """
            ## q
            level: associate
            topics: t

            Which?
            1️⃣+ zero
            2️⃣1. one
            3️⃣A) two
            4️⃣b. three

            - four
              why: w
            - five
              why: w

            answer: A
            """, expected: [("1️⃣", "E021"), ("2️⃣", "E021"), ("3️⃣", "E021"), ("4️⃣", "E021")]),
        DiagnosticCase(rule: "E021: an indented `- ` in the stem is no option; the `why:` under it is not reported again", bank: """
            ## q
            level: associate
            topics: t

            Which?

              1️⃣- zero
                why: secret

            \(options3)

            answer: A
            """, expected: [("1️⃣", "E021")]),
        DiagnosticCase(rule: "E021: an indented `- ` under an option continues its `why:`, which would hide an option", bank: """
            ## q
            level: associate
            topics: t

            Which?

            - one
              why: w
              1️⃣- two
            - three
              why: w
              2️⃣* four

            answer: A
            """, expected: [("1️⃣", "E021"), ("2️⃣", "E021")]),
        DiagnosticCase(rule: "E021: a `* ` line after the options (E011 before)", bank: """
            ## q
            level: associate
            topics: t

            Which?

            - one
              why: w
            - two
              why: w
            1️⃣* three

            answer: A
            """, expected: [("1️⃣", "E021")]),
        DiagnosticCase(rule: "E022: `why:` in the stem, where no option is open", bank: """
            ## q
            level: associate
            topics: t

            Which?
            1️⃣why: the secret
              more of it

              2️⃣note: another

            \(options3)

            answer: A
            """, expected: [("1️⃣", "E022"), ("2️⃣", "E022")]),
        DiagnosticCase(rule: "a stem list `  * item`, and `\\` before a marker, are no near-miss", bank: """
            ## q
            level: associate
            topics: t

            A company needs:

              * one
              * two,
                long
            \\1. not an option
            \\why: not a field

            - one
              why: w
              \\- not an option
            - two
              why: w

            answer: A
            """, expected: []),
        DiagnosticCase(rule: "all problems of a file are reported, not just the first", bank: """
            ## 1️⃣Bad Id
            level: 2️⃣expert
            topics: t

            Which?

            - one
              why: w
            - 3️⃣one
              why: w

            answer: 4️⃣Z
            """, expected: [("1️⃣", "E010"), ("2️⃣", "E008"), ("3️⃣", "E006"), ("4️⃣", "E003")]),
    ]

    @Test(arguments: cases)
    func diagnosticAtMarker(_ c: DiagnosticCase) {
        let marked = MarkedText(c.bank)
        let result = BankParser().parse(marked.text, file: "case.iqb")
        let found = result.diagnostics.map { d in
            "\(d.code)@\(d.range?.start.line ?? 0):\(d.range?.start.column ?? 0)"
        }.sorted()
        let expected = c.expected.map { marker, code in
            let p = marked[marker]
            return "\(code)@\(p.line):\(p.column)"
        }.sorted()
        #expect(found == expected, "\(result.diagnostics.map { "\($0.code) \($0.message)" })")
        for d in result.diagnostics {
            // House style: one line, lowercase start, no final period.
            #expect(!d.message.contains("\n"))
            #expect(d.message.first.map { !$0.isUppercase } ?? false, "\(d.message)")
            #expect(!d.message.hasSuffix("."))
            #expect(d.file == "case.iqb")
        }
    }

    @Test("did-you-mean help names the closest known field")
    func didYouMean() throws {
        let result = BankParser().parse("## q\nlevle: associate\n", file: "f")
        let d = try #require(result.diagnostics.first { $0.code == "E001" })
        #expect(d.help == "did you mean `level`?")
    }

    @Test("E002: the same id in two files is reported at the second, naming the first")
    func duplicateIDsAcrossFiles() throws {
        let text = BankParser().parse(sampleQuestion, file: "x").questions.isEmpty ? "" : sampleQuestion
        let result = BankLoader().load(sources: [("a.iqb", Array(text.utf8)), ("b.iqb", Array(text.utf8))])
        let d = try #require(result.diagnostics.first { $0.code == "E002" })
        #expect(d.file == "b.iqb")
        #expect(d.range?.start == SourceLocation(line: 2, column: 4))
        #expect(d.help?.contains("a.iqb:2") == true)
    }

    @Test("E015: bytes that are not UTF-8 are reported at their line and column")
    func invalidUTF8() throws {
        let bytes: [UInt8] = Array("## q\nlevel: ab".utf8) + [0xFF, 0x41] + Array("\n".utf8)
        let result = BankParser().parse(bytes: bytes, file: "f")
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "E015")
        #expect(d.range?.start == SourceLocation(line: 2, column: 10))
    }
}
