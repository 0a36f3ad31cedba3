import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import QuizBank

// Tests of `AikenImporter`: Moodle's Aiken format read strictly, with every malformed question reported
// at its position and every well-formed one kept; conversion to bank questions; the JSON shape.

/// The Aiken importer's suites (one name, so that `--filter AikenTests` runs them all).
@Suite("Aiken importer")
struct AikenTests {}

// MARK: - Support

/// One diagnostics case: an Aiken file with markers where diagnostics must point, the code at each
/// marker, and how many questions survive.
struct AikenCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var text: String
    var expected: [(marker: Character, code: String)]
    var kept: Int = 0
    var testDescription: String { rule }
}

/// "A006@3:9" for each diagnostic, sorted: what the marker tables compare.
private func located(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.code)@\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0)" }.sorted()
}

/// Writes questions back as canonical Aiken text (`A) text`, LF, one blank line between questions).
private func aikenText(_ questions: [AikenQuestion]) -> String {
    questions.map { q in
        var lines = [q.stem]
        for (i, option) in q.options.enumerated() {
            lines.append("\(OptionLetter.letter(i))) \(option.text)")
        }
        lines.append("ANSWER: \(q.key)")
        return lines.joined(separator: "\n")
    }.joined(separator: "\n\n") + "\n"
}

// MARK: - Well-formed files

extension AikenTests {
    @Suite("Aiken importer: well-formed files")
    struct ValidFile {
        /// Both option styles, a byte order mark, CRLF line endings, indentation and trailing spaces, no space
        /// after a marker, several spaces after another, `ANSWER:` without a space, and blank lines made of spaces.
        static let lines = [
            "Which AWS service issues temporary credentials for an assumed role?",
            "A. AWS Key Management Service",
            "B. AWS Security Token Service",
            "C.   Amazon Cognito user pools   ",
            "ANSWER: B",
            "   ",
            "",
            "  What must a SaaS vendor pass when it assumes a customer's role that requires one?  ",
            "A)the session name",
            "B) the external ID",
            "\tANSWER:B",
            "",
            "Which principal element trusts an AWS service?",
            "A) \"Service\": \"ec2.amazonaws.com\"",
            "B) \"AWS\": \"arn:aws:iam::123456789012:root\"",
            "C) \"Federated\": \"cognito-identity.amazonaws.com\"",
            "D) \"CanonicalUser\": \"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\"",
            "ANSWER:    A",
        ]

        let result = AikenImporter().parse("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n", file: "iam.aiken")

        @Test("three questions, no diagnostics")
        func everythingRead() {
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
            #expect(result.questions.map(\.number) == [1, 2, 3])
            #expect(result.questions.map(\.key) == ["B", "B", "A"])
            #expect(result.questions.map(\.keyIndex) == [1, 1, 0])
        }

        @Test("stems and options are trimmed; no carriage return or byte order mark is left")
        func textIsTrimmed() throws {
            let second = try #require(result.questions.dropFirst().first)
            #expect(second.stem == "What must a SaaS vendor pass when it assumes a customer's role that requires one?")
            #expect(second.options.map(\.text) == ["the session name", "the external ID"])
            let first = try #require(result.questions.first)
            #expect(first.stem.hasPrefix("Which AWS service"))
            #expect(first.options.map(\.text) == ["AWS Key Management Service", "AWS Security Token Service", "Amazon Cognito user pools"])
            let everything = result.questions.flatMap { [$0.stem] + $0.options.map(\.text) }
            #expect(everything.allSatisfy { !$0.contains("\r") && !$0.contains("\u{FEFF}") && $0 == $0.trimmingCharacters(in: .whitespaces) })
        }

        @Test("positions point at the stem and each option marker, in characters after the indentation")
        func positions() throws {
            let second = try #require(result.questions.dropFirst().first)
            #expect(second.position.file == "iam.aiken")
            #expect(second.position.location == SourceLocation(line: 8, column: 3))
            #expect(second.options.map(\.position.location) == [SourceLocation(line: 9, column: 1), SourceLocation(line: 10, column: 1)])
            // The byte order mark is not a column.
            #expect(result.questions.first?.position.location == SourceLocation(line: 1, column: 1))
        }

        @Test("the same file with LF, CR or CRLF line endings, with or without a byte order mark, reads the same")
        func lineEndingsDoNotMatter() {
            let reference = result.questions
            for ending in ["\n", "\r", "\r\n"] {
                for bom in ["", "\u{FEFF}"] {
                    let other = AikenImporter().parse(bom + Self.lines.joined(separator: ending), file: "iam.aiken")
                    #expect(other.diagnostics.isEmpty)
                    #expect(other.questions == reference)
                    #expect(other.questions.map(\.position.location) == reference.map(\.position.location))
                }
            }
        }

        @Test("26 options, A to Z, are accepted; the key may be the last one")
        func twentySixOptions() throws {
            let options = (0..<26).map { "\(OptionLetter.letter($0)). option \($0 + 1)" }
            let result = AikenImporter().parse((["Which one?"] + options + ["ANSWER: Z"]).joined(separator: "\n"), file: "f")
            #expect(result.diagnostics.isEmpty)
            let question = try #require(result.questions.first)
            #expect(question.options.count == 26)
            #expect(question.keyIndex == 25)
        }

        @Test("an empty file, or one of blank lines, has no questions: error A015 at its start, as the blog importer's B001")
        func emptyFiles() {
            for text in ["", "\n\n", "\u{FEFF}", "  \r\n\t\r\n"] {
                let result = AikenImporter().parse(text, file: "f")
                #expect(result.questions.isEmpty)
                #expect(located(result.diagnostics) == ["A015@1:1"], "\(text.debugDescription)")
                #expect(result.diagnostics.allSatisfy { $0.severity == .error && $0.help != nil })
            }
        }
    }
}

// MARK: - Malformed questions

extension AikenTests {
    @Suite("Aiken importer: diagnostics at marked positions")
    struct MarkedDiagnostics {
        static let cases: [AikenCase] = [
            AikenCase(rule: "A001: the stem is one line; a second line of text before the options is reported", text: """
                Which policy decides who may assume a role?
                1️⃣Choose the best answer.
                A) The trust policy
                B) The permissions policy
                ANSWER: A
                """, expected: [("1️⃣", "A001")]),
            AikenCase(rule: "A001: a line among the options that is neither an option nor ANSWER (once per run of lines)", text: """
                Which policy decides who may assume a role?
                A) The trust policy, which names the principals
                1️⃣that may call sts:AssumeRole
                and nothing else
                B) The permissions policy
                ANSWER: A
                """, expected: [("1️⃣", "A001")]),
            AikenCase(rule: "A001: option letters are capitals; `b)` is not an option (and one option is too few)", text: """
                2️⃣Which policy decides who may assume a role?
                A) The trust policy
                1️⃣b) The permissions policy
                ANSWER: A
                """, expected: [("1️⃣", "A001"), ("2️⃣", "A004")]),
            AikenCase(rule: "A002: options skipping a letter", text: """
                Which element names the role's trusted principals?
                A) Action
                1️⃣C) Principal
                D) Resource
                ANSWER: C
                """, expected: [("1️⃣", "A002")]),
            AikenCase(rule: "A002: options out of order", text: """
                Which element names the role's trusted principals?
                A) Action
                1️⃣C) Principal
                2️⃣B) Resource
                ANSWER: C
                """, expected: [("1️⃣", "A002"), ("2️⃣", "A002")]),
            AikenCase(rule: "A002: the first option must be A", text: """
                Which element names the role's trusted principals?
                1️⃣B) Action
                C) Principal
                ANSWER: C
                """, expected: [("1️⃣", "A002")]),
            AikenCase(rule: "A003: a letter used twice", text: """
                Which element names the role's trusted principals?
                A) Action
                B) Principal
                1️⃣B) Resource
                ANSWER: B
                """, expected: [("1️⃣", "A003")]),
            AikenCase(rule: "A004: fewer than two options", text: """
                1️⃣Which element names the role's trusted principals?
                A) Principal
                ANSWER: A
                """, expected: [("1️⃣", "A004")]),
            AikenCase(rule: "A004: a lone line is reported once, even over two lines", text: """
                1️⃣IAM roles, chapter 3
                practice questions

                Which element names the role's trusted principals?
                A) Action
                B) Principal
                ANSWER: B
                """, expected: [("1️⃣", "A004")], kept: 1),
            AikenCase(rule: "A005: no ANSWER line before the blank line", text: """
                1️⃣Which element names the role's trusted principals?
                A) Action
                B) Principal
                """, expected: [("1️⃣", "A005")]),
            AikenCase(rule: "A005: a question with no ANSWER and no blank line before the next one; the next is kept", text: """
                1️⃣Which element names the role's trusted principals?
                A) Action
                B) Principal
                Which call returns temporary credentials for a role?
                A) sts:AssumeRole
                B) iam:PassRole
                ANSWER: A
                """, expected: [("1️⃣", "A005")], kept: 1),
            AikenCase(rule: "A006: ANSWER names a letter that is not an option", text: """
                Which element names the role's trusted principals?
                A) Action
                B) Principal
                ANSWER: 1️⃣C
                """, expected: [("1️⃣", "A006")]),
            AikenCase(rule: "A007: ANSWER with several letters (Aiken has one answer)", text: """
                Which elements can a trust policy hold?
                A) Principal
                B) Condition
                C) NotResource
                ANSWER: 1️⃣A, B
                """, expected: [("1️⃣", "A007")]),
            AikenCase(rule: "A007: several letters written together", text: """
                Which elements can a trust policy hold?
                A) Principal
                B) Condition
                ANSWER: 1️⃣AB
                """, expected: [("1️⃣", "A007")]),
            AikenCase(rule: "A008: an empty option", text: """
                Which element names the role's trusted principals?
                A) Principal
                1️⃣B)
                2️⃣C.\u{20}\u{20}
                ANSWER: A
                """, expected: [("1️⃣", "A008"), ("2️⃣", "A008")]),
            AikenCase(rule: "A009: text after ANSWER before the blank line; the question itself is kept", text: """
                Which element names the role's trusted principals?
                A) Action
                B) Principal
                ANSWER: B
                1️⃣Explanation: the Principal element of the trust policy.
                It names accounts, services and federated providers.

                Which call returns temporary credentials for a role?
                A) sts:AssumeRole
                B) iam:PassRole
                ANSWER: A
                """, expected: [("1️⃣", "A009")], kept: 2),
            AikenCase(rule: "A009: a question right after ANSWER with no blank line is reported and still read", text: """
                Which element names the role's trusted principals?
                A) Action
                B) Principal
                ANSWER: B
                1️⃣Which call returns temporary credentials for a role?
                A) sts:AssumeRole
                B) iam:PassRole
                ANSWER: A
                """, expected: [("1️⃣", "A009")], kept: 2),
            AikenCase(rule: "A010: an option before any stem", text: """
                1️⃣A) sts:AssumeRole
                B) iam:PassRole
                ANSWER: A
                """, expected: [("1️⃣", "A010")]),
            AikenCase(rule: "A010: ANSWER before any stem", text: """
                Which call returns temporary credentials for a role?
                A) sts:AssumeRole
                B) iam:PassRole
                ANSWER: A

                1️⃣ANSWER: B
                """, expected: [("1️⃣", "A010")], kept: 1),
            AikenCase(rule: "A011: `answer:` in lowercase is not Moodle's ANSWER line", text: """
                Which call returns temporary credentials for a role?
                A) sts:AssumeRole
                B) iam:PassRole
                1️⃣answer: A
                """, expected: [("1️⃣", "A011")]),
            AikenCase(rule: "A011: a space before the colon", text: """
                Which call returns temporary credentials for a role?
                A) sts:AssumeRole
                B) iam:PassRole
                1️⃣ANSWER : A
                """, expected: [("1️⃣", "A011")]),
            AikenCase(rule: "A012: ANSWER names no letter", text: """
                Which call returns temporary credentials for a role?
                A) sts:AssumeRole
                B) iam:PassRole
                ANSWER:1️⃣
                """, expected: [("1️⃣", "A012")]),
            AikenCase(rule: "A012: a lowercase answer letter", text: """
                Which call returns temporary credentials for a role?
                A) sts:AssumeRole
                B) iam:PassRole
                ANSWER: 1️⃣a
                """, expected: [("1️⃣", "A012")]),
            AikenCase(rule: "A012: the letter with its punctuation", text: """
                Which call returns temporary credentials for a role?
                A) sts:AssumeRole
                B) iam:PassRole
                ANSWER: 1️⃣A)
                """, expected: [("1️⃣", "A012")]),
            AikenCase(rule: "A013: two options with the same text (the bank's checker would refuse them, E006)", text: """
                Which call returns temporary credentials for a role?
                A) sts:AssumeRole
                1️⃣B) sts:AssumeRole
                ANSWER: A
                """, expected: [("1️⃣", "A013")]),
            AikenCase(rule: "A014: a stem that asks for several answers, which Aiken cannot key (E007)", text: """
                1️⃣Which two calls return temporary credentials? (Choose 2)
                A) sts:AssumeRole
                B) sts:GetSessionToken
                C) iam:CreateUser
                ANSWER: A
                """, expected: [("1️⃣", "A014")]),
            AikenCase(rule: "all problems of a question are reported, with their positions past the indentation", text: """
                  Which element names the role's trusted principals?
                  1️⃣That is, who may assume it?
                A) Action
                  2️⃣A) Principal
                3️⃣D)
                4️⃣answer: 5️⃣E
                """, expected: [("1️⃣", "A001"), ("2️⃣", "A003"), ("3️⃣", "A002"), ("3️⃣", "A008"), ("4️⃣", "A011"), ("5️⃣", "A006")]),
        ]

        @Test(arguments: cases)
        func diagnosticAtMarker(_ c: AikenCase) {
            let marked = MarkedText(c.text)
            let result = AikenImporter().parse(marked.text, file: "case.aiken")
            let expected = c.expected.map { marker, code in
                let p = marked[marker]
                return "\(code)@\(p.line):\(p.column)"
            }.sorted()
            #expect(located(result.diagnostics) == expected, "\(result.diagnostics.map { "\($0.code) \($0.message)" })")
            #expect(result.questions.count == c.kept)
            for d in result.diagnostics {
                // House style: one line, lowercase start, no final period, a help note.
                #expect(d.severity == .error)
                #expect(!d.message.contains("\n"))
                #expect(d.message.first.map { !$0.isUppercase } ?? false, "\(d.message)")
                #expect(!d.message.hasSuffix("."))
                #expect(d.help != nil)
                #expect(d.file == "case.aiken")
            }
        }
    }
}

// MARK: - Files mixing good and bad questions

extension AikenTests {
    @Suite("Aiken importer: every problem of a file, every good question kept")
    struct MixedFile {
        static let marked = MarkedText("""
            Which service issues temporary credentials?
            A. AWS STS
            B. AWS KMS
            ANSWER: A

            Which element of a trust policy names who may assume the role?
            A) Principal
            1️⃣C) Action
            ANSWER: A

            What does an instance profile hold?
            A) One IAM role
            B) One IAM user
            ANSWER: A

            Which two actions does a role chain need?
            A) sts:AssumeRole
            B) iam:PassRole
            C) sts:TagSession
            ANSWER: 2️⃣A, C

            3️⃣Which condition key carries the External ID?
            A) sts:ExternalId
            B) aws:SourceIp

            4️⃣ANSWER: A

            Can a role's trust policy use NotPrincipal with Allow?
            A) Yes
            B) No
            ANSWER: B
            """)

        let result = AikenImporter().parse(Self.marked.text, file: "mixed.aiken")

        @Test("one diagnostic per problem, at its position, in the order of the file")
        func allProblems() {
            let markers: [(marker: Character, code: String)] = [("1️⃣", "A002"), ("2️⃣", "A007"), ("3️⃣", "A005"), ("4️⃣", "A010")]
            let expected = markers.map { marker, code in
                "\(code)@\(Self.marked[marker].line):\(Self.marked[marker].column)"
            }
            #expect(result.diagnostics.map { "\($0.code)@\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0)" } == expected)
        }

        @Test("the good questions are kept, numbered by their place in the file")
        func goodQuestionsKept() {
            #expect(result.questions.map(\.number) == [1, 3, 7])
            #expect(result.questions.map(\.stem) == [
                "Which service issues temporary credentials?",
                "What does an instance profile hold?",
                "Can a role's trust policy use NotPrincipal with Allow?",
            ])
            #expect(result.questions.map(\.key) == ["A", "A", "B"])
        }

        @Test("fixing a bad question does not renumber the ones after it")
        func numbersAreStable() {
            let fixed = Self.marked.text.replacingOccurrences(of: "C) Action", with: "B) Action")
            let numbers = AikenImporter().parse(fixed, file: "mixed.aiken").questions.map(\.number)
            #expect(numbers == [1, 2, 3, 7])
        }
    }
}

// MARK: - Moodle's reading

extension AikenTests {
    @Suite("Aiken importer: what Moodle accepts and what it loses")
    struct MoodleBehaviour {
        @Test("`A)text` without a space and `A.   text` with several are options, as in Moodle")
        func spacingAfterMarker() throws {
            let result = AikenImporter().parse("Which?\nA)first\nB.     second\nANSWER: B\n", file: "f")
            #expect(result.diagnostics.isEmpty)
            #expect(try #require(result.questions.first).options.map(\.text) == ["first", "second"])
        }

        @Test("a tab after the marker, and trailing tabs, are trimmed like spaces")
        func tabs() throws {
            let result = AikenImporter().parse("Which?\t\nA)\tfirst\t\nB.\tsecond\nANSWER:\tA\t\n", file: "f")
            #expect(result.diagnostics.isEmpty)
            let question = try #require(result.questions.first)
            #expect(question.stem == "Which?")
            #expect(question.options.map(\.text) == ["first", "second"])
        }

        @Test("an answer line in another case keeps the question's shape: no A005, no A009 after it")
        func lowercaseAnswerIsRecognised() {
            let result = AikenImporter().parse("Which?\nA) one\nB) two\nAnswer: B\n\nNext?\nA) x\nB) y\nANSWER: A", file: "f")
            #expect(result.diagnostics.map(\.code) == ["A011"])
            #expect(result.questions.map(\.number) == [2])
        }

        @Test("a numbered option list is reported at the marker, with help about letters")
        func numberedOptions() throws {
            let result = AikenImporter().parse("Which?\nA) one\n  2. two\nANSWER: A", file: "f")
            let d = try #require(result.diagnostics.first { $0.code == "A001" })
            #expect(d.range == SourceRange(line: 3, column: 3, length: 2))
            #expect(d.message == "`2.` is not an option marker")
            #expect(d.help?.contains("`A)`") == true)
        }

        @Test("`e.g.` at the start of a stray line is not mistaken for an option marker")
        func abbreviationIsNotAMarker() throws {
            let result = AikenImporter().parse("Which?\ne.g. a role\nA) one\nB) two\nANSWER: A", file: "f")
            let d = try #require(result.diagnostics.first)
            #expect(d.code == "A001")
            #expect(d.message == "question text goes on over a second line")
        }
    }
}

// MARK: - Bank questions

extension AikenTests {
    @Suite("Aiken importer: conversion to bank questions")
    struct Conversion {
        static let text = """
            Which service issues temporary credentials?
            A. AWS STS
            B. AWS KMS
            ANSWER: A

            Broken question without options

            What does an instance profile hold?
            A) One IAM role
            B) One IAM user
            C) One access key
            ANSWER: A
            """

        let result = AikenImporter().parse(Self.text, file: "course/iam.aiken")

        @Test("defaults apply to every question; ids follow the place in the file; why is nil")
        func defaults() {
            let questions = AikenImporter().questions(from: result, level: .professional, topics: ["sts", "instance-profile"],
                                                      idPrefix: "iam")
            #expect(questions.map(\.id) == ["iam-1", "iam-3"])
            #expect(questions.allSatisfy { $0.level == .professional && $0.topics == ["sts", "instance-profile"] })
            #expect(questions.map(\.key) == [.options([0]), .options([0])])
            #expect(questions.map(\.stem) == ["Which service issues temporary credentials?", "What does an instance profile hold?"])
            #expect(questions.flatMap(\.options).allSatisfy { $0.why == nil && $0.note == nil && $0.verify == nil })
            #expect(questions.allSatisfy { $0.explanation == nil && $0.source == nil })
        }

        @Test("positions point into the Aiken file")
        func positions() throws {
            let question = try #require(AikenImporter().questions(from: result, idPrefix: "iam").last)
            #expect(question.position.file == "course/iam.aiken")
            #expect(question.position.location == SourceLocation(line: 8, column: 1))
            #expect(question.options.map { $0.position.location?.line } == [9, 10, 11])
        }

        @Test("a source, when given, names the question's place")
        func source() {
            let questions = AikenImporter().questions(from: result, idPrefix: "iam", source: "iam.aiken")
            #expect(questions.map(\.source) == ["iam.aiken, question 1", "iam.aiken, question 3"])
        }

        @Test("printed and parsed as a bank: valid, and the native checker warns W101 for each option")
        func nativeCheck() {
            let questions = AikenImporter().questions(from: result, level: .associate, topics: ["sts"], idPrefix: "iam")
            let bank = BankParser().parse(BankPrinter().print(questions), file: "iam.iqb")
            #expect(bank.questions == questions)
            #expect(Set(bank.diagnostics.map(\.code)) == ["W101"])
            #expect(bank.diagnostics.count == 5)
        }

        @Test("id prefixes come from the file name")
        func idPrefix() {
            #expect(AikenImporter.idPrefix(fileName: "course/IAM Roles.aiken") == "iam-roles")
            #expect(AikenImporter.idPrefix(fileName: "quiz_2.txt") == "quiz-2")
            #expect(AikenImporter.idPrefix(fileName: ".aiken") == "aiken")
        }
    }
}

// MARK: - JSON

extension AikenTests {
    @Suite("Aiken importer: JSON for --format json")
    struct JSON {
        @Test("the shape of an imported GIFT question: null feedback, category and id, empty tags, key as a list")
        func shape() throws {
            let result = AikenImporter().parse("Which?\nA) one \"quoted\"\nB) two\nANSWER: B\n", file: "f")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = String(decoding: try encoder.encode(result.questions), as: UTF8.self)
            #expect(json == #"[{"category":null,"generalFeedback":null,"id":null,"key":["B"],"options":[{"feedback":null,"text":"one \"quoted\""},{"feedback":null,"text":"two"}],"stem":"Which?","tags":[]}]"#)
        }

        @Test("decoding gives the same questions back (positions and numbers are not in the JSON)")
        func roundTrip() throws {
            let result = AikenImporter().parse(Conversion.text, file: "f")
            let data = try JSONEncoder().encode(result.questions)
            let decoded = try JSONDecoder().decode([AikenQuestion].self, from: data)
            #expect(decoded.map(\.stem) == result.questions.map(\.stem))
            #expect(decoded.map(\.options) == result.questions.map(\.options))
            #expect(decoded.map(\.key) == result.questions.map(\.key))
            #expect(decoded.allSatisfy { $0.number == 0 && $0.position.location == nil })
        }

        @Test("a key that is not one capital letter does not decode", arguments: [#"[]"#, #"["A","B"]"#, #"["b"]"#, #"["AB"]"#])
        func badKeys(key: String) {
            let json = #"{"stem":"Which?","options":[{"text":"a","feedback":null}],"key":"# + key + "}"
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(AikenQuestion.self, from: Data(json.utf8)) }
        }
    }
}

// MARK: - Bytes and robustness

extension AikenTests {
    @Suite("Aiken importer: bytes and fuzzing")
    struct Robustness {
        @Test("bytes that are not UTF-8 give E015 at their line and column")
        func invalidUTF8() throws {
            let bytes: [UInt8] = Array("Which?\nA) ab".utf8) + [0xC3, 0x28] + Array("\nB) c\nANSWER: A\n".utf8)
            let result = AikenImporter().parse(bytes: bytes, file: "f.aiken")
            #expect(result.questions.isEmpty)
            let d = try #require(result.diagnostics.first)
            #expect(d.code == "E015")
            #expect(d.range?.start == SourceLocation(line: 2, column: 6))
        }

        @Test("E015 counts columns as the parser does: after a byte order mark, on a line after a lone CR")
        func invalidUTF8Columns() throws {
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            let first = AikenImporter().parse(bytes: bom + Array("ab".utf8) + [0xFF], file: "f")
            #expect(first.diagnostics.first?.range?.start == SourceLocation(line: 1, column: 3))
            let afterCR = AikenImporter().parse(bytes: Array("Which?\r  é".utf8) + [0x80], file: "f")
            #expect(afterCR.diagnostics.first?.range?.start == SourceLocation(line: 2, column: 4))
        }

        @Test("valid bytes read like the text")
        func validBytes() {
            let text = "\u{FEFF}Which?\r\nA) é\r\nB) ü\r\nANSWER: A\r\n"
            let fromBytes = AikenImporter().parse(bytes: Array(text.utf8), file: "f")
            #expect(fromBytes.diagnostics.isEmpty)
            #expect(fromBytes.questions == AikenImporter().parse(text, file: "f").questions)
        }

        /// Pieces of lines that make up likely and unlikely Aiken files.
        static let pieces: [String] = [
            "Which role?", "A) one", "B) two", "C) three", "A. x", "B.", "Z) last", "b) low", "1. num", "ANSWER: A",
            "ANSWER: B", "ANSWER:", "answer: a", "ANSWER : C", "ANSWER: A, B", "ANSWER: é", "  ", "", "\t", "e.g. x",
            "\u{FEFF}", "é🙂\u{301}", "A)", "ANSWER:AB)", "A\u{301}) accent", "\u{0}", "ANSWERS: A",
        ]

        @Test("random files never crash; positions stay in the file; kept questions are well-formed", arguments: 0..<8)
        func fuzz(seed: Int) {
            var random = TestRandom(seed: UInt64(seed) &* 7919 &+ 17)
            let endings = ["\n", "\r\n", "\r"]
            for _ in 0..<300 {
                var text = ""
                for _ in 0..<random.below(14) {
                    if random.below(5) == 0 {
                        // A line of random characters, some of them control characters or line breaks.
                        let length = random.below(12)
                        for _ in 0..<length {
                            let value = UInt32(random.below(0x3000))
                            if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
                        }
                    } else {
                        text += Self.pieces[random.below(Self.pieces.count)]
                    }
                    text += endings[random.below(endings.count)]
                }
                let result = AikenImporter().parse(text, file: "fuzz")
                let lineCount = SourceFile(text: text, file: "fuzz", lineBreaks: AikenImporter.lineBreaks).lines.count
                for d in result.diagnostics {
                    let start = d.range?.start ?? SourceLocation(line: 0, column: 0)
                    #expect(start.line >= 1 && start.line <= lineCount && start.column >= 1, "\(d.code) at \(start) in \(text.debugDescription)")
                }
                var previous = 0
                for q in result.questions {
                    #expect(q.options.count >= 2 && q.keyIndex != nil && !q.stem.isEmpty)
                    #expect(q.number > previous)
                    previous = q.number
                }
                // What was kept reads back, written canonically, as the same questions and no problems.
                guard !result.questions.isEmpty else { continue }
                let again = AikenImporter().parse(aikenText(result.questions), file: "fuzz")
                #expect(again.diagnostics.isEmpty, "\(text.debugDescription)")
                #expect(again.questions.map(\.stem) == result.questions.map(\.stem))
                #expect(again.questions.map(\.options) == result.questions.map(\.options))
                #expect(again.questions.map(\.key) == result.questions.map(\.key))
            }
        }

        @Test("random bytes never crash", arguments: 0..<4)
        func fuzzBytes(seed: Int) {
            var random = TestRandom(seed: UInt64(100 + seed))
            let interesting: [UInt8] = Array("AB).:\r\n ANSWER".utf8) + [0xEF, 0xBB, 0xBF, 0xC3, 0xFF, 0x80]
            for _ in 0..<300 {
                let bytes = (0..<random.below(80)).map { _ in
                    random.below(2) == 0 ? interesting[random.below(interesting.count)] : UInt8(random.below(256))
                }
                let result = AikenImporter().parse(bytes: bytes, file: "fuzz")
                if String(validating: bytes, as: UTF8.self) == nil {
                    #expect(result.diagnostics.map(\.code) == ["E015"])
                }
            }
        }
    }
}
