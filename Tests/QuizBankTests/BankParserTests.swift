import Diagnostics
import Testing
@testable import QuizBank

/// A well-formed question used as the base of many tests.
let sampleQuestion = """
    # A comment line.
    ## ec2-app-credentials
    level: professional
    topics: service-role, instance-profile
    scenario: scenarios/ec2.json
    source: blog, question 1

    A company runs software on Amazon EC2 that calls AWS
    services. How should it get credentials?

    Second paragraph of the stem.

    - Turn on MFA for the root user.
      why: MFA guards sign-in; the software still needs credentials.
    - Attach an IAM role through an instance profile.
      why: the instance receives temporary credentials
      that rotate automatically.

        A second paragraph of the explanation.
      note: a remark from the source
    - Keep the keys in code
      comments.
      why: anyone who reads the code reads the keys.

    answer: B
    explanation: Roles for EC2 give temporary credentials.
      They are rotated before they expire.
    reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html
    reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp.html
    changed: before 2017 a role could only be given at launch.
    disputed: some readers argue for A.
    """

@Suite("Bank parser: fields and structure")
struct BankParserStructureTests {
    @Test("every field of a question is read")
    func readsEveryField() throws {
        let result = BankParser().parse(sampleQuestion, file: "s.iqb")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let q = try #require(result.questions.first)
        #expect(q.id == "ec2-app-credentials")
        #expect(q.level == .professional)
        #expect(q.topics == ["service-role", "instance-profile"])
        #expect(q.scenario == "scenarios/ec2.json")
        #expect(q.source == "blog, question 1")
        // Stem lines are joined with spaces; a blank line starts a paragraph.
        #expect(q.stem == "A company runs software on Amazon EC2 that calls AWS services. How should it get credentials?\n\nSecond paragraph of the stem.")
        #expect(q.options.map(\.text) == ["Turn on MFA for the root user.", "Attach an IAM role through an instance profile.", "Keep the keys in code comments."])
        #expect(q.options[1].why == "the instance receives temporary credentials that rotate automatically.\n\nA second paragraph of the explanation.")
        #expect(q.options[1].note == "a remark from the source")
        #expect(q.options[2].why == "anyone who reads the code reads the keys.")
        #expect(q.key == .options([1]))
        #expect(q.explanation == "Roles for EC2 give temporary credentials. They are rotated before they expire.")
        #expect(q.references.count == 2)
        #expect(q.changed == ["before 2017 a role could only be given at launch."])
        #expect(q.disputed == ["some readers argue for A."])
        #expect(q.position.location == SourceLocation(line: 2, column: 1))
        #expect(q.options[2].position.location?.line == 21)
    }

    // Rule: the key is letters separated by commas, spaces or nothing, in any case; `?` is unkeyed.
    @Test(arguments: [
        ("B", AnswerKey.options([1])), ("A, C", .options([0, 2])), ("AC", .options([0, 2])),
        ("a c", .options([0, 2])), ("c,a", .options([0, 2])), ("?", .unkeyed),
    ])
    func answerForms(_ written: String, _ expected: AnswerKey) throws {
        let bank = """
            ## q
            level: associate
            topics: t

            Which of these?

            - one
              why: w
            - two
              why: w
            - three
              why: w

            answer: \(written)
            """
        let result = BankParser().parse(bank, file: "f")
        #expect(!result.diagnostics.hasErrors)
        #expect(try #require(result.questions.first).key == expected)
    }

    @Test("CRLF line endings, a byte order mark and trailing spaces do not matter")
    func crlfAndBOM() {
        let crlf = "\u{FEFF}" + sampleQuestion.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "  " }.joined(separator: "\r\n")
        let a = BankParser().parse(crlf, file: "f")
        let b = BankParser().parse(sampleQuestion, file: "f")
        #expect(a.diagnostics.isEmpty)
        #expect(a.questions == b.questions)
    }

    @Test("several questions in one file, comments anywhere")
    func severalQuestions() {
        let text = sampleQuestion + "\n\n# between\n" + sampleQuestion.replacingFirst("## ec2-app-credentials", with: "## second")
        let result = BankParser().parse(text, file: "f")
        #expect(result.diagnostics.isEmpty)
        #expect(result.questions.map(\.id) == ["ec2-app-credentials", "second"])
    }

    @Test("the stem's request for several answers is read: answersAskedFor and answerCount")
    func answersAskedFor() throws {
        let text = """
            ## q
            level: associate
            topics: t

            Which two are right? (Choose 2)

            - one
              why: w
            - two
              why: w
            - three
              why: w

            answer: A, C
            """
        let q = try #require(BankParser().parse(text, file: "f").questions.first)
        #expect(q.answersAskedFor == 2)
        #expect(q.answerCount == 2)
    }
}

/// A question whose stem is `stem` (written as in a bank file), with two options.
private func stemQuestion(_ stem: String) -> String {
    """
    ## q
    level: associate
    topics: t

    \(stem)

    - one
      why: w
    - two
      why: w

    answer: A
    """
}

@Suite("Bank parser: lists in the stem")
struct BankParserStemListTests {
    static let rows: [(rule: String, stem: String, expected: String)] = [
        ("a line indented by two spaces and starting with `* ` is a list item",
         "A company needs:\n\n  * one\n  * two\n\nWhich?", "A company needs:\n\n• one\n• two\n\nWhich?"),
        ("no blank lines are needed around a list; a line at column 1 ends it",
         "A company needs:\n  * one\n  * two\nWhich?", "A company needs:\n\n• one\n• two\n\nWhich?"),
        ("an indented line after an item continues it (a hanging indent)",
         "Needs:\n  * one that is\n    long\n  * two", "Needs:\n\n• one that is long\n• two"),
        ("a blank line ends a list: the next item starts another",
         "Needs:\n  * one\n\n  * two", "Needs:\n\n• one\n\n• two"),
        ("a tab indents too, and a stem may start with a list",
         "\t* one\n\t* two\n\nWhich?", "• one\n• two\n\nWhich?"),
        ("`\\` starts a line that is text: it is dropped and the line read as written",
         "\\- not an option\n\\* nor a list\n\n\\\\server", "- not an option * nor a list\n\n\\server"),
        ("other indented lines are stem text, as before", "Which\n  one?", "Which one?"),
    ]

    @Test("how a stem holds a list", arguments: rows)
    func stemList(rule: String, stem: String, expected: String) throws {
        let result = BankParser().parse(stemQuestion(stem), file: "f")
        #expect(!result.diagnostics.hasErrors, "\(rule): \(result.diagnostics.map(\.message))")
        #expect(try #require(result.questions.first).stem == expected, "\(rule)")
    }

    /// docs/bank-format.md, "Lines kept as written".
    static let codeRows: [(rule: String, stem: String, expected: [StemBlock])] = [
        ("lines between ``` fences are kept as written, indentation included, and end the paragraph before them",
         "Policy:\n```json\n{\n  \"Effect\": \"Allow\"\n}\n```\nWhich?",
         [.paragraph("Policy:"), .code(["{", "  \"Effect\": \"Allow\"", "}"]), .paragraph("Which?")]),
        ("inside a block, lines that would be options, fields, list items or comments are text",
         "P:\n```\n- not an option\nwhy: not a field\n  * not an item\n# not a comment\n```",
         [.paragraph("P:"), .code(["- not an option", "why: not a field", "  * not an item", "# not a comment"])]),
        ("a blank line inside a block is kept", "```\na\n\nb\n```", [.code(["a", "", "b"])]),
        ("an indented ``` is no fence: it is text of the paragraph", "A\n  ```\nB", [.paragraph("A ``` B")]),
    ]

    @Test("how a stem holds lines kept as written", arguments: codeRows)
    func codeBlock(rule: String, stem: String, expected: [StemBlock]) throws {
        let result = BankParser().parse(stemQuestion(stem), file: "f")
        #expect(!result.diagnostics.hasErrors, "\(rule): \(result.diagnostics.map(\.message))")
        let q = try #require(result.questions.first)
        #expect(q.stemBlocks == expected, "\(rule)")
        // Printed and read back, the block is the same.
        let again = try #require(BankParser().parse(BankPrinter().print([q]), file: "g").questions.first)
        #expect(again == q, "\(rule)")
    }

    @Test("a ``` block not closed before the end of the question is E025 at its fence")
    func unclosedCodeBlock() throws {
        let result = BankParser().parse(stemQuestion("Policy:\n```\n{\"Effect\": \"Allow\"}"), file: "f")
        let e025 = try #require(result.diagnostics.first { $0.code == "E025" })
        #expect(e025.range?.start.line == 6 && e025.range?.start.column == 1)
        #expect(e025.message == "the ``` block of the stem is not closed")
    }

    @Test("the model gives the stem's paragraphs and lists as blocks")
    func blocks() throws {
        let q = try #require(BankParser().parse(stemQuestion("Needs:\n\n  * one\n  * two\n\nWhich?"), file: "f").questions.first)
        #expect(q.stemBlocks == [.paragraph("Needs:"), .list(["one", "two"]), .paragraph("Which?")])
        #expect(StemBlock.text(of: q.stemBlocks) == q.stem)
        #expect(StemBlock.blocks(of: "a\nb\n\n• c") == [.paragraph("a b"), .list(["c"])])
        #expect(StemBlock.blocks(of: "") == [])
    }

    @Test("the `why:` of an option written the wrong way never gets into the stem, which the learner sees first")
    func whyNeverInStem() throws {
        for stem in ["Which?\n\n* A role\n  why: secret", "Which?\n  - A role\n    why: secret", "Which?\nwhy: secret",
                     "Which?\n\n  why: secret\n  more secret", "Which?\n\n1. A role\n   why: secret"] {
            let result = BankParser().parse(stemQuestion(stem), file: "f")
            let q = try #require(result.questions.first)
            #expect(!q.stem.contains("secret"), "\(stem.debugDescription) -> \(q.stem.debugDescription)")
            // An error, so that no quiz starts with the bank.
            #expect(result.diagnostics.contains { $0.severity == .error && ["E021", "E022"].contains($0.code) }, "\(stem.debugDescription)")
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(ofCaseInsensitive: target) else { return self }
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }
}
