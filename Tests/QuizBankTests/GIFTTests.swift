import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import QuizBank

// Tests of `GIFTImporter` and `GIFTExporter`: Moodle's GIFT read as Moodle reads it, every malformed
// block reported at its position, conversion to bank questions, the JSON shape, and export then import
// giving the same bank.

/// The GIFT suites (one name, so that `--filter GIFTTests` runs them all).
@Suite("GIFT import and export")
struct GIFTTests {}

// MARK: - Support

/// "G006@3:9" for each diagnostic, sorted: what the marker tables compare.
private func located(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.code)@\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0)" }.sorted()
}

/// Parses `text` and makes bank questions with the prefix `t`.
private func importGIFT(_ text: String, file: String = "t.gift") -> (GIFTImporter.Result, [Question]) {
    let result = GIFTImporter().parse(text, file: file)
    return (result, GIFTImporter().questions(from: result, idPrefix: "t"))
}

/// House style of every message: one line, lowercase start, no final period.
private func expectHouseStyle(_ diagnostics: [Diagnostic], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    for d in diagnostics {
        #expect(!d.message.contains("\n"), "\(d.message)", sourceLocation: sourceLocation)
        #expect(d.message.first.map { !$0.isUppercase } ?? false, "\(d.message)", sourceLocation: sourceLocation)
        #expect(!d.message.hasSuffix("."), "\(d.message)", sourceLocation: sourceLocation)
        #expect(d.help.map { !$0.contains("\n") } ?? true, sourceLocation: sourceLocation)
    }
}

/// A question that uses every native field, with GIFT's special characters in every text.
let everyFieldQuestion = Question(
    id: "every.field_1", level: .professional, topics: ["trust-policy", "external-id", "confused-deputy"],
    stem: "Which {braces}, ~tildes~, a = sign, a # hash, a: colon and a \\ backslash survive?\n\n• a list item with {braces}\n• and a second item\n\nA second paragraph: [html] in the middle. (Choose 2)",
    options: [
        AnswerOption(text: "%50% of them, read as a weight unless guarded", why: "a leading `%` must not become a weight",
                     note: "a note with [id:sneaky] and [tag:sneaky] inside", verify: "with-id"),
        AnswerOption(text: "[html] a text starting with a format tag", why: "[markdown] a why starting with one\n\nand a second paragraph",
                     verify: "#2"),
        AnswerOption(text: "=equals first, ~tilde, #hash", why: "ends with a backslash \\"),
        AnswerOption(text: "a plain option", why: "no special characters at all", note: "a: colon in a note\\n"),
    ],
    key: .options([0, 1]),
    explanation: "[plain] An explanation.\n\nWith {two} paragraphs and a #### inside.",
    references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html", "https://example.com/a?b=c#d"],
    changed: ["first change: before 2023", "second change\n\nwith a paragraph"],
    disputed: ["some argue for C\\D"],
    scenario: "confused-deputy", source: "a blog post, question 7 [tag:x]", rightWhen: .fails)

// MARK: - Every feature of a well-formed course

extension GIFTTests {
    @Suite("GIFT importer: a course using every feature")
    struct Course {
        static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/gift/course.gift")

        static func load() throws -> (GIFTImporter.Result, [Question]) {
            let text = try String(contentsOf: url, encoding: .utf8)
            let result = GIFTImporter().parse(text, file: "course.gift")
            return (result, GIFTImporter().questions(from: result, idPrefix: GIFTImporter.idPrefix(fileName: "course.gift")))
        }

        @Test("the whole course is read without a diagnostic, every question kept")
        func clean() throws {
            let (result, questions) = try Self.load()
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.locationText) \($0.code) \($0.message)" })")
            #expect(questions.map(\.id) == [
                "trust-who", "sts-fill", "two-keys", "course-4", "course-5", "course-6", "tf-short", "tf-long",
                "escapes-all-of-them",
            ])
            // Numbers count question blocks only: not the comment block at the top, not categories.
            #expect(result.questions.map(\.number) == Array(1...9))
        }

        @Test("category, [id:], [tag:], title, single answer, per-answer and general feedback")
        func singleAnswer() throws {
            let (result, questions) = try Self.load()
            let gift = try #require(result.questions.first)
            #expect(gift.kind == .multipleChoice)
            #expect(gift.category == "$course$/IAM course/associate/trust-policy")
            #expect(gift.id == "trust-who")
            #expect(gift.title == "Who may assume a role")
            #expect(gift.tags == ["role-basics"])
            #expect(gift.stem == "Which part of a role decides who may assume it?")
            #expect(gift.options.map(\.text) == ["The trust policy", "The permissions policy", "The permissions boundary"])
            #expect(gift.options.map(\.weight) == [100, 0, 0])
            #expect(gift.options[0].feedback == "it names the principals that may call sts:AssumeRole.")
            #expect(gift.key == [0])
            #expect(gift.generalFeedback == "The trust policy is the role's resource-based policy.")

            let question = try #require(questions.first)
            #expect(question.level == .associate)
            #expect(question.topics == ["trust-policy", "role-basics"])
            #expect(question.key == .options([0]))
            #expect(question.options.map(\.why) == gift.options.map(\.feedback))
            #expect(question.explanation == gift.generalFeedback)
            // Positions point into the GIFT file: the question's `::`, each answer's `=` or `~` (after a tab).
            #expect(question.position.location == SourceLocation(line: 7, column: 1))
            #expect(question.position.file == "course.gift")
            #expect(question.options.map { $0.position.location?.line } == [8, 9, 10])
            #expect(question.options[0].position.location?.column == 2)
        }

        @Test("missing word: the block inside the text becomes `_____`")
        func missingWord() throws {
            let (result, questions) = try Self.load()
            let gift = result.questions[1]
            #expect(gift.isMissingWord)
            #expect(gift.stem == "The _____ service issues temporary credentials.")
            #expect(gift.key == [1])
            #expect(questions[1].id == "sts-fill")
            #expect(questions[1].position.location == SourceLocation(line: 15, column: 1))
        }

        @Test("several answers by weight, [markdown], a multi-line question, and every `// iamquiz:` field")
        func weightedWithIamquizFields() throws {
            let (result, questions) = try Self.load()
            let gift = result.questions[2]
            #expect(gift.format == .markdown)
            #expect(gift.stem == "Which **two** settings protect a role that a SaaS vendor assumes? (Choose 2)")
            #expect(gift.options.map(\.weight) == [50, 50, -100])
            #expect(gift.key == [0, 1])
            #expect(gift.tags == ["professional", "External ID"])

            let question = questions[2]
            #expect(question.level == .professional)
            #expect(question.topics == ["trust-policy", "external-id"])
            #expect(question.key == .options([0, 1]))
            #expect(question.source == "the course workbook, chapter 3")
            #expect(question.references == ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html"])
            #expect(question.changed == ["before 2023 the console did not show the field.\n\nIt does now."])
            #expect(question.disputed == ["some read C as right too."])
            #expect(question.scenario == "confused-deputy")
            #expect(question.rightWhen == .works)
            #expect(question.options.map(\.note) == ["the usual answer", nil, nil])
            #expect(question.options.map(\.verify) == ["with-id", "#2", nil])
            #expect(question.scenarioPosition.location == SourceLocation(line: 22, column: 23))
            #expect(question.options[0].verifyPosition.location == SourceLocation(line: 25, column: 30))
            #expect(question.position.location == SourceLocation(line: 27, column: 1))
        }

        @Test("decimal weights; an id from the prefix and the question's number")
        func decimalWeights() throws {
            let (result, questions) = try Self.load()
            let gift = result.questions[3]
            #expect(gift.options.map(\.weight) == [33.33333, 33.33333, 33.33333, -100])
            #expect(gift.key == [0, 1, 2])
            #expect(gift.options[3].feedback == "an IAM operation")
            #expect(gift.bankID == nil)
            #expect(questions[3].id == "course-4")
            #expect(questions[3].topics == ["trust-policy"])
        }

        @Test("true/false in each spelling, each feedback on the option it is shown for")
        func trueFalse() throws {
            let (result, questions) = try Self.load()
            let kinds = result.questions[4...7].map(\.kind)
            #expect(kinds == [.trueFalse, .trueFalse, .trueFalse, .trueFalse])
            #expect(questions[4...7].map(\.key) == [.options([0]), .options([1]), .options([1]), .options([0])])
            #expect(questions[4...7].allSatisfy { $0.options.map(\.text) == ["True", "False"] })
            #expect(questions[4...7].allSatisfy { $0.level == .professional && $0.topics == ["federation"] })
            // {T#wrong#right}: the first feedback is for the learner who picks False.
            #expect(questions[4].options.map(\.why) == ["Right: the provider is the principal.", "It does: the role trusts the provider."])
            // {FALSE#wrong#right}: the first feedback is for the learner who picks True.
            #expect(questions[5].options.map(\.why) == ["No: the identity provider signs it.", "Right: the provider signs it, AWS checks it."])
            #expect(questions[5].explanation == "Tokens come from the provider.")
            #expect(questions[6].options.map(\.why) == [nil, nil])
        }

        @Test("escapes in the title, text, answers and feedback; [html] keeps its tags; `\\n\\n` is a paragraph")
        func escapes() throws {
            let (result, questions) = try Self.load()
            let gift = result.questions[8]
            #expect(gift.title == "Escapes : all of them")
            #expect(gift.format == .html)
            #expect(gift.stem == "<p>Which condition key holds {a ~ b} = c # d \\ e?</p>\n\nSecond paragraph.")
            #expect(gift.options.map(\.text) == ["aws:SourceArn", "aws:PrincipalTag/{key}"])
            #expect(gift.options.map(\.feedback) == ["right # indeed", "a ~ tilde"])
            #expect(questions[8].id == "escapes-all-of-them")
        }

        @Test("the course prints as a native bank that the native parser reads back unchanged")
        func nativeRoundTrip() throws {
            let (_, questions) = try Self.load()
            let printed = BankPrinter().print(questions)
            let parsed = BankParser().parse(printed, file: "course.iqb")
            #expect(!parsed.diagnostics.hasErrors, "\(parsed.diagnostics.filter { $0.severity == .error })")
            #expect(parsed.questions == questions)
        }

        @Test("CRLF line ends, a byte order mark, indentation and trailing spaces change nothing")
        func lineEnds() throws {
            let text = try String(contentsOf: Self.url, encoding: .utf8)
            let (reference, referenceQuestions) = try Self.load()
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let variants = [
                "\u{FEFF}" + lines.joined(separator: "\r\n"),
                lines.map { $0.isEmpty ? " \t " : "  " + $0 + " \t" }.joined(separator: "\n"),
                lines.joined(separator: "\r"),
            ]
            for variant in variants {
                let result = GIFTImporter().parse(variant, file: "course.gift")
                #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
                #expect(result.questions == reference.questions)
                #expect(GIFTImporter().questions(from: result, idPrefix: "course") == referenceQuestions)
            }
        }
    }
}

// MARK: - Rules tables

/// One row of a rule table: a GIFT question, what it must give, and the rule it shows.
struct GIFTRuleRow: CustomTestStringConvertible, Sendable {
    var rule: String
    var gift: String
    /// The key as letters ("AB"), or nil when the question must be left out.
    var key: String?
    var codes: [String] = []
    var testDescription: String { rule }
}

extension GIFTTests {
    @Suite("GIFT importer: weights")
    struct Weights {
        static let rows: [GIFTRuleRow] = [
            GIFTRuleRow(rule: "`=` marks the one right answer, `~` the wrong ones", gift: "Q? {~A =B ~C}", key: "B"),
            GIFTRuleRow(rule: "without `=`, the answers with a positive weight are the key", gift: "Q? {~%50%A ~%50%B ~%-100%C}", key: "AB"),
            GIFTRuleRow(rule: "decimal weights: 3 x 33.33333 rounds to 100%, a Moodle grade",
                        gift: "Q? {~%33.33333%A ~%33.33333%B ~%33.33333%C ~%-100%D}", key: "ABC"),
            GIFTRuleRow(rule: "Moodle allows a grade 0.00001 off: 33.333 still matches 33.33333",
                        gift: "Q? {~%33.333%A ~%33.333%B ~%33.333%C ~D}", key: "ABC"),
            GIFTRuleRow(rule: "33.33 is too far from any grade: Moodle refuses it unless rounding",
                        gift: "Q? {~%33.33%A ~%33.33%B ~%33.34%C ~D}", key: "ABC", codes: ["G104", "G104", "G104"]),
            GIFTRuleRow(rule: "one positive weight of 100 without `=` is a one-answer key", gift: "Q? {~%100%A ~B}", key: "A"),
            GIFTRuleRow(rule: "negative weights are wrong answers", gift: "Q? {~%-100%A ~%100%B ~%-50%C}", key: "B"),
            GIFTRuleRow(rule: "a weight with a point needs at most two digits before it", gift: "Q? {~%50.%A ~%50%B ~C}", key: "AB"),
            GIFTRuleRow(rule: "weights that are not Moodle grades are read, with a warning",
                        gift: "Q? {~%45%A ~%55%B ~C}", key: "AB", codes: ["G104", "G104"]),
            GIFTRuleRow(rule: "the positive weights must add up to 100%", gift: "Q? {~%50%A ~%40%B ~C}", key: nil, codes: ["G009"]),
            GIFTRuleRow(rule: "no `=` and no positive weight: no right answer", gift: "Q? {~A ~B}", key: nil, codes: ["G008"]),
            GIFTRuleRow(rule: "only negative weights: no right answer", gift: "Q? {~%-50%A ~%-50%B}", key: nil, codes: ["G008"]),
            GIFTRuleRow(rule: "partial credit next to `=` counts as wrong", gift: "Q? {=A ~%50%B ~C}", key: "A", codes: ["G105"]),
            GIFTRuleRow(rule: "two `=` give full marks for either: left out (and the file has no other question: G021)", gift: "Q? {=A =B ~C}", key: nil, codes: ["G106", "G021"]),
            GIFTRuleRow(rule: "`=` and `~%100%` also give full marks for either", gift: "Q? {=A ~%100%B ~C}", key: nil, codes: ["G106", "G021"]),
            // Moodle's weight is `%`, `-`s, one or two digits, an optional point and digits, `%`; anything else
            // after `~` or `=` is the answer's text, so a `%` there is read as text, with a warning.
            GIFTRuleRow(rule: "`%abc%` is no weight: the answer's text, as Moodle reads it", gift: "Q? {~%abc%A =B}", key: "B", codes: ["G113"]),
            GIFTRuleRow(rule: "`%HOME%` in a path is text, after `~` or after `=`",
                        gift: "Q? {=%HOME%/.aws/credentials ~%USERPROFILE%/.aws}", key: "A", codes: ["G113", "G113"]),
            GIFTRuleRow(rule: "Moodle does not read three digits before a point: text, and no right answer is left",
                        gift: "Q? {~%100.0%A ~B}", key: nil, codes: ["G113", "G008"]),
            GIFTRuleRow(rule: "a `%` without its closing `%` is text", gift: "Q? {~%50 A =B}", key: "B", codes: ["G113"]),
            GIFTRuleRow(rule: "two minus signs match Moodle's weight but are not a number", gift: "Q? {~%--50%A =B}", key: nil, codes: ["G005"]),
            GIFTRuleRow(rule: "a weight above 100", gift: "Q? {~%150%A =B}", key: nil, codes: ["G006"]),
            GIFTRuleRow(rule: "a weight below -100", gift: "Q? {~%-150%A =B}", key: nil, codes: ["G006"]),
            GIFTRuleRow(rule: "`=%50%` is read by Moodle as text, not a weight", gift: "Q? {=%50%A ~B}", key: nil, codes: ["G007"]),
            GIFTRuleRow(rule: "`[moodle]` keeps a leading `%` as text", gift: "Q? {=[moodle]%50% off ~B}", key: "A"),
        ]

        @Test(arguments: rows)
        func weight(_ row: GIFTRuleRow) {
            let (result, questions) = importGIFT(row.gift)
            #expect(result.diagnostics.map(\.code).sorted() == row.codes.sorted(), "\(result.diagnostics.map(\.message))")
            if let key = row.key {
                let letters = questions.first.map { $0.key.indices.map { OptionLetter.letter($0) }.joined() }
                #expect(letters == key)
            } else {
                #expect(questions.isEmpty)
            }
            expectHouseStyle(result.diagnostics)
        }

        @Test("a `%...%` that is no weight stays in the answer's text")
        func percentAsText() throws {
            let (result, questions) = importGIFT("Where? {=%HOME%/.aws/credentials ~%50 off}")
            #expect(questions.first?.options.map(\.text) == ["%HOME%/.aws/credentials", "%50 off"])
            let warning = try #require(result.diagnostics.first)
            #expect(warning.message == "`%HOME%` is not a weight; the answer is read as text, as Moodle reads it")
            #expect(warning.range == SourceRange(line: 1, column: 10, length: 6))
            #expect(warning.help?.contains("`[moodle]`") == true)
            #expect(warning.help?.contains("no `\\%` escape") == true)
        }

        @Test("a weight's text and value come back in the option, `[moodle]` dropped")
        func weightValues() throws {
            let (result, _) = importGIFT("Q? {~%-33.33333%A ~%50%B ~%50%C ~%-33.33333%D ~%-33.33333%E ~[moodle]%weird}")
            let gift = try #require(result.questions.first)
            #expect(gift.options.map(\.weight) == [-33.33333, 50, 50, -33.33333, -33.33333, 0])
            #expect(gift.options.last?.text == "%weird")
        }
    }

    @Suite("GIFT importer: true/false")
    struct TrueFalse {
        struct Row: CustomTestStringConvertible, Sendable {
            var rule: String
            var block: String
            var key: Int
            var whyTrue: String?
            var whyFalse: String?
            var testDescription: String { rule }
        }

        static let rows: [Row] = [
            Row(rule: "`{T}` makes True right", block: "{T}", key: 0, whyTrue: nil, whyFalse: nil),
            Row(rule: "`{TRUE}` is the same", block: "{TRUE}", key: 0, whyTrue: nil, whyFalse: nil),
            Row(rule: "`{F}` makes False right", block: "{F}", key: 1, whyTrue: nil, whyFalse: nil),
            Row(rule: "`{FALSE}` is the same", block: "{FALSE}", key: 1, whyTrue: nil, whyFalse: nil),
            Row(rule: "one feedback is shown to a wrong answer: with T it belongs to False", block: "{T#shown for False}", key: 0,
                whyTrue: nil, whyFalse: "shown for False"),
            Row(rule: "with F the one feedback belongs to True", block: "{F#shown for True}", key: 1,
                whyTrue: "shown for True", whyFalse: nil),
            Row(rule: "with T the second feedback (shown to a right answer) belongs to True", block: "{T#for False#for True}", key: 0,
                whyTrue: "for True", whyFalse: "for False"),
            Row(rule: "with FALSE the second feedback belongs to False", block: "{FALSE#for True#for False}", key: 1,
                whyTrue: "for True", whyFalse: "for False"),
            Row(rule: "an empty first feedback leaves that option without one", block: "{TRUE##for True}", key: 0,
                whyTrue: "for True", whyFalse: nil),
            Row(rule: "a third `#` belongs to the right-answer feedback", block: "{T#a#b#c}", key: 0, whyTrue: "b#c", whyFalse: "a"),
            Row(rule: "spaces around the word and feedbacks do not count", block: "{ T # for False # for True }", key: 0,
                whyTrue: "for True", whyFalse: "for False"),
        ]

        @Test(arguments: rows)
        func row(_ row: Row) throws {
            let (result, questions) = importGIFT("Statement.\(row.block)")
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
            let question = try #require(questions.first)
            #expect(result.questions.first?.kind == .trueFalse)
            #expect(question.options.map(\.text) == ["True", "False"])
            #expect(question.key == .options([row.key]))
            #expect(question.options.map(\.why) == [row.whyTrue, row.whyFalse])
        }
    }

    @Suite("GIFT importer: escapes and text")
    struct Escapes {
        struct Row: CustomTestStringConvertible, Sendable {
            var rule: String
            var gift: String
            var stem: String
            var option: String
            var feedback: String?
            var codes: [String] = []
            var testDescription: String { rule }
        }

        static let rows: [Row] = [
            Row(rule: "`\\~` is a tilde, not an answer", gift: "a \\~ b{=x\\~y ~z}", stem: "a ~ b", option: "x~y"),
            Row(rule: "`\\=` is an equals sign, not an answer", gift: "a \\= b{=x\\=y ~z}", stem: "a = b", option: "x=y"),
            Row(rule: "`\\#` is a hash, not feedback", gift: "a \\# b{=x\\#y#f\\#g ~z}", stem: "a # b", option: "x#y", feedback: "f#g"),
            Row(rule: "`\\{` and `\\}` are braces, not a block", gift: "a \\{b\\} c{=\\{x\\} ~z}", stem: "a {b} c", option: "{x}"),
            Row(rule: "`\\:` is a colon", gift: "a\\: b{=x\\:y ~z}", stem: "a: b", option: "x:y"),
            Row(rule: "`\\\\` is a backslash", gift: "a \\\\ b{=x\\\\ ~z}", stem: "a \\ b", option: "x\\"),
            Row(rule: "`\\\\n` is a backslash and an n, not a line break", gift: "a\\\\nb{=x ~z}", stem: "a\\nb", option: "x"),
            Row(rule: "one `\\n` is a space (a line break inside a paragraph)", gift: "a\\nb{=x ~z}", stem: "a b", option: "x"),
            Row(rule: "`\\n\\n` starts a paragraph", gift: "a\\n\\nb{=x ~z}", stem: "a\n\nb", option: "x"),
            Row(rule: "three `\\n` are one paragraph break too", gift: "a \\n\\n\\n b{=x ~z}", stem: "a\n\nb", option: "x"),
            Row(rule: "the file's line breaks are spaces", gift: "a\nb\n{=x\n~z}", stem: "a b", option: "x"),
            Row(rule: "spaces between words stay as written", gift: "a  b{=x  y ~z}", stem: "a  b", option: "x  y"),
            Row(rule: "an unknown escape keeps its backslash, as in Moodle", gift: "a \\d b{=x ~z}", stem: "a \\d b", option: "x",
                codes: ["G102"]),
            Row(rule: "a backslash ending a line escapes nothing", gift: "a \\\nb{=x ~z}", stem: "a \\ b", option: "x", codes: ["G102"]),
            Row(rule: "`[html]` is dropped and HTML kept as written", gift: "[html]<b>a</b>{=<i>x</i> ~z}", stem: "<b>a</b>", option: "<i>x</i>"),
            Row(rule: "`[plain]` on an answer and its feedback is dropped", gift: "a{=[plain]x#[markdown]*f* ~z}", stem: "a", option: "x",
                feedback: "*f*"),
            Row(rule: "an unknown tag is text", gift: "[note] a{=x ~z}", stem: "[note] a", option: "x"),
            Row(rule: "format tags are lowercase in Moodle: `[HTML]` is text", gift: "[HTML]a{=x ~z}", stem: "[HTML]a", option: "x"),
            Row(rule: "only one tag is dropped", gift: "[moodle][html]a{=x ~z}", stem: "[html]a", option: "x"),
            Row(rule: "a `//` line inside a question is a comment", gift: "a\n// not text\nb{=x ~z}", stem: "a b", option: "x"),
            Row(rule: "`//` inside a line is text", gift: "see https://aws.amazon.com{=x ~z}", stem: "see https://aws.amazon.com", option: "x"),
            Row(rule: "an empty feedback after `#` is kept as empty", gift: "a{=x# ~z}", stem: "a", option: "x", feedback: ""),
        ]

        @Test(arguments: rows)
        func row(_ row: Row) throws {
            let (result, _) = importGIFT(row.gift)
            #expect(result.diagnostics.map(\.code) == row.codes, "\(result.diagnostics.map(\.message))")
            let question = try #require(result.questions.first)
            #expect(question.stem == row.stem)
            #expect(question.options.first?.text == row.option)
            #expect(question.options.first?.feedback == row.feedback)
        }

        @Test("a line that starts with `• ` is an item of a list in the stem, after an escaped or a raw line break", arguments: [
            ("::q:: Needs\\:\\n• one\\n• two\\n\\nWhich? {=a ~b}", "Needs:\n\n• one\n• two\n\nWhich?"),
            ("::q:: Needs\\:\n• one\n• two\nWhich? {=a ~b}", "Needs:\n\n• one\n• two\n\nWhich?"),
            ("• one\\n• two\\n\\n• three {=a ~b}", "• one\n• two\n\n• three"),
            ("Which bullet, • or -? {=a ~b}", "Which bullet, • or -?"),
        ])
        func stemList(gift: String, stem: String) throws {
            let (result, questions) = importGIFT(gift)
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
            #expect(try #require(questions.first).stem == stem)
        }

        @Test("the general feedback starts after the last `####`")
        func generalFeedback() throws {
            let (result, _) = importGIFT("Q?{=a#x ~b####first####second}")
            let question = try #require(result.questions.first)
            #expect(question.generalFeedback == "second")
            // An earlier `####` stays with the answers: its first `#` starts a feedback, as Moodle splits it.
            #expect(question.options.map(\.text) == ["a", "b"])
            #expect(question.options.map(\.feedback) == ["x", "###first"])
        }
    }
}

// MARK: - Diagnostics at marked positions

/// One diagnostics case: a GIFT file with markers where diagnostics must point, and how many questions survive.
struct GIFTCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var text: String
    var expected: [(marker: Character, code: String)]
    var kept: Int = 0
    var testDescription: String { rule }
}

extension GIFTTests {
    @Suite("GIFT importer: diagnostics")
    struct DiagnosticCodes {
        static let twentyFive = (0..<25).map { "~o\($0)" }.joined(separator: " ")

        static let cases: [GIFTCase] = [
            GIFTCase(rule: "G001: `{` without a `}`", text: "Which? 1️⃣{=a ~b\n", expected: [("1️⃣", "G001")]),
            GIFTCase(rule: "G002: `}` before any `{`", text: "Which 1️⃣} one? {=a ~b}\n", expected: [("1️⃣", "G002")]),
            GIFTCase(rule: "G002: `}` after the block", text: "Which? {=a ~b} 1️⃣}\n", expected: [("1️⃣", "G002")]),
            GIFTCase(rule: "G003: `{` inside the block", text: "Which? {=a 1️⃣{ ~b}\n", expected: [("1️⃣", "G003")]),
            GIFTCase(rule: "G003: a second block, reported once", text: "Which {=a ~b} and 1️⃣{=c ~d}?\n", expected: [("1️⃣", "G003")]),
            GIFTCase(rule: "G004: an answer without a prefix", text: "Which? {1️⃣a ~b =c}\n", expected: [("1️⃣", "G004")]),
            GIFTCase(rule: "G005: a weight that Moodle's pattern takes but that is not a number", text: "Which? {=a ~1️⃣%--5%b}\n",
                     expected: [("1️⃣", "G005")]),
            GIFTCase(rule: "G006: a weight outside -100..100", text: "Which? {=a ~1️⃣%101%b}\n", expected: [("1️⃣", "G006")]),
            GIFTCase(rule: "G007: a weight after `=`", text: "Which? {=1️⃣%50%a ~b}\n", expected: [("1️⃣", "G007")]),
            GIFTCase(rule: "G008: no right answer", text: "Which? 1️⃣{~a ~b}\n", expected: [("1️⃣", "G008")]),
            GIFTCase(rule: "G009: positive weights that do not make 100%", text: "Which? 1️⃣{~%50%a ~%40%b ~c}\n", expected: [("1️⃣", "G009")]),
            GIFTCase(rule: "G010: one answer", text: "Which? 1️⃣{~a}\n", expected: [("1️⃣", "G010")]),
            GIFTCase(rule: "G011: 27 answers", text: "Which? {=right \(twentyFive) 1️⃣~o25}\n", expected: [("1️⃣", "G011")]),
            GIFTCase(rule: "G012: an answer without text", text: "Which? {=a 1️⃣~ ~b}\n", expected: [("1️⃣", "G012")]),
            GIFTCase(rule: "G013: two answers alike (case and a final period do not count)", text: "Which? {=a 1️⃣~A. ~b}\n",
                     expected: [("1️⃣", "G013")]),
            GIFTCase(rule: "G014: no question text", text: "1️⃣::t::{=a ~b}\n", expected: [("1️⃣", "G014")]),
            GIFTCase(rule: "G015: the text asks for 2 answers, the key has 1", text: "Which two? (Choose 2) 1️⃣{=a ~b ~c}\n",
                     expected: [("1️⃣", "G015")]),
            GIFTCase(rule: "G016: a question in the block of its category", text: "$CATEGORY: a/b\n1️⃣Which? {=a ~b}\n",
                     expected: [("1️⃣", "G016")]),
            GIFTCase(rule: "G017: the same [id:] twice; the first question stays",
                     text: "// [id:q]\nWhich? {=a ~b}\n\n// 1️⃣[id:Q]\nWhich again? {=a ~b}\n", expected: [("1️⃣", "G017")], kept: 1),
            GIFTCase(rule: "G018: an unknown iamquiz field", text: "// iamquiz: 1️⃣referense: https://x\nWhich? {=a ~b}\n",
                     expected: [("1️⃣", "G018")]),
            GIFTCase(rule: "G018: an iamquiz line without a field", text: "// iamquiz: 1️⃣just words\nWhich? {=a ~b}\n",
                     expected: [("1️⃣", "G018")]),
            GIFTCase(rule: "G019: an unknown right-when", text: "// iamquiz: right-when: 1️⃣sometimes\nWhich? {=a ~b}\n",
                     expected: [("1️⃣", "G019")]),
            GIFTCase(rule: "G019: an option the question does not have", text: "// iamquiz: 1️⃣option C note: x\nWhich? {=a ~b}\n",
                     expected: [("1️⃣", "G019")]),
            GIFTCase(rule: "G019: verify without a scenario", text: "// iamquiz: option A verify: 1️⃣step\nWhich? {=a ~b}\n",
                     expected: [("1️⃣", "G019")]),
            GIFTCase(rule: "G019: a malformed step", text: "// iamquiz: scenario: s\n// iamquiz: option A verify: 1️⃣Step One\nWhich? {=a ~b}\n",
                     expected: [("1️⃣", "G019")]),
            GIFTCase(rule: "G020: a single field twice", text: "// iamquiz: source: a\n// iamquiz: 1️⃣source: b\nWhich? {=a ~b}\n",
                     expected: [("1️⃣", "G020")]),
            GIFTCase(rule: "G101: short answer (and G021: nothing is left to import)", text: "1️⃣Which? {=a =b}\n",
                     expected: [("1️⃣", "G101"), ("1️⃣", "G021")]),
            GIFTCase(rule: "G021: a file without questions", text: "1️⃣// only a comment\n\n$CATEGORY: a\n", expected: [("1️⃣", "G021")]),
            GIFTCase(rule: "G021: an empty file", text: "1️⃣", expected: [("1️⃣", "G021")]),
            GIFTCase(rule: "G021: only essays and descriptions", text: "1️⃣Explain. {}\n\n2️⃣A description.\n",
                     expected: [("1️⃣", "G101"), ("1️⃣", "G021"), ("2️⃣", "G101")]),
            GIFTCase(rule: "G102: an unknown escape; the question stays", text: "Which 1️⃣\\d? {=a ~b}\n",
                     expected: [("1️⃣", "G102")], kept: 1),
            GIFTCase(rule: "G103: a title without its closing `::`; the question stays", text: "1️⃣::title Which? {=a ~b}\n",
                     expected: [("1️⃣", "G103")], kept: 1),
            GIFTCase(rule: "G104: weights that are not Moodle grades; the question stays", text: "Which? {~1️⃣%45%a ~2️⃣%55%b ~c}\n",
                     expected: [("1️⃣", "G104"), ("2️⃣", "G104")], kept: 1),
            GIFTCase(rule: "G105: partial credit next to `=`; the question stays", text: "Which? {=a 1️⃣~%50%b ~c}\n",
                     expected: [("1️⃣", "G105")], kept: 1),
            GIFTCase(rule: "G106: two full-credit answers; left out (and nothing else to import: G021)", text: "2️⃣Which? 1️⃣{=a =b ~c}\n",
                     expected: [("1️⃣", "G106"), ("2️⃣", "G021")]),
            GIFTCase(rule: "G113: a `%` that starts no weight is text; the question stays", text: "Which? {=a ~1️⃣%HOME%/.aws}\n",
                     expected: [("1️⃣", "G113")], kept: 1),
            GIFTCase(rule: "G107: a title-made id that is taken; both stay",
                     text: "::Same:: One? {=a ~b}\n\n1️⃣::Same:: Two? {=a ~b}\n", expected: [("1️⃣", "G107")], kept: 2),
            GIFTCase(rule: "G108: question fields cut off by a blank line", text: "// 1️⃣[id:x] [tag:y]\n\nWhich? {=a ~b}\n",
                     expected: [("1️⃣", "G108")], kept: 1),
            GIFTCase(rule: "G108: question fields in a category's block", text: "// iamquiz: 1️⃣source: s\n$CATEGORY: a\n\nWhich? {=a ~b}\n",
                     expected: [("1️⃣", "G108")], kept: 1),
            GIFTCase(rule: "G109: a line holding only `0` ends the question", text: "Which? {=a ~b}\n  1️⃣0\n", expected: [("1️⃣", "G109")],
                     kept: 1),
            GIFTCase(rule: "G110: a second [id:]", text: "// [id:a] 1️⃣[id:b]\nWhich? {=a ~b}\n", expected: [("1️⃣", "G110")], kept: 1),
            GIFTCase(rule: "G111: a tag that makes no topic", text: "// 1️⃣[tag:!!!]\nWhich? {=a ~b}\n", expected: [("1️⃣", "G111")], kept: 1),
            GIFTCase(rule: "all problems of a block are reported, not just the first",
                     text: "Which? {1️⃣x ~2️⃣%-%a =3️⃣%5%b ~4️⃣%200%c ~5️⃣%--1%d}\n",
                     expected: [("1️⃣", "G004"), ("2️⃣", "G113"), ("3️⃣", "G007"), ("4️⃣", "G006"), ("5️⃣", "G005")]),
            GIFTCase(rule: "a bad block does not stop the questions after it",
                     text: "Which? 1️⃣{=a ~b\n\nWhich? {=a ~b}\n\n2️⃣Which? {}\n\nWhich? {T}\n",
                     expected: [("1️⃣", "G001"), ("2️⃣", "G101")], kept: 2),
            GIFTCase(rule: "columns count Unicode scalars, after the line's indentation",
                     text: "  Wählen Sie: 🙂 1️⃣{~a ~b}\n", expected: [("1️⃣", "G008")]),
        ]

        @Test(arguments: cases)
        func diagnosticAtMarker(_ c: GIFTCase) {
            let marked = MarkedText(c.text)
            let (result, questions) = importGIFT(marked.text, file: "case.gift")
            let expected = c.expected.map { marker, code in "\(code)@\(marked[marker].line):\(marked[marker].column)" }.sorted()
            #expect(located(result.diagnostics) == expected, "\(result.diagnostics.map { "\($0.code) \($0.message)" })")
            #expect(questions.count == c.kept)
            for d in result.diagnostics {
                // G0xx are errors, G1xx warnings.
                #expect(d.severity == (d.code.hasPrefix("G0") ? .error : .warning), "\(d.code)")
                #expect(d.file == "case.gift")
                #expect((d.help ?? "").isEmpty == false, "\(d.code) has no help")
            }
            expectHouseStyle(result.diagnostics)
        }

        @Test("every documented code has a case in the table")
        func everyCodeCovered() throws {
            let source = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Sources/QuizBank/Import/GIFTImporter.swift"), encoding: .utf8)
            let documented = Set(source.split(separator: "\n").compactMap { line -> String? in
                let words = line.split(separator: " ")
                guard words.count >= 2, words[0] == "//", words[1].hasPrefix("G"), words[1].count == 4 else { return nil }
                return String(words[1])
            })
            let tested = Set(Self.cases.flatMap { $0.expected.map(\.code) })
            // G112 belongs to the exporter and has its own test.
            #expect(documented.subtracting(tested) == ["G112"])
            #expect(documented.count == 34)
        }

        @Test("unsupported types are reported at their question, with their kind, and left out")
        func unsupportedTypes() {
            let rows: [(String, String)] = [
                ("Capital of France? {=Paris =paris}", "short answer question left out"),
                ("Match. {=a -> 1 =b -> 2}", "matching question left out"),
                ("When? {#1822:5}", "numerical question left out"),
                ("Explain. {}", "essay question left out"),
                ("Explain. {####general feedback only}", "essay question left out"),
                ("Just a description.", "description left out"),
                ("Sky is blue. {true}", "short answer question left out"),
            ]
            var text = "// leading comment\n\n"
            var lines: [Int] = []
            for (gift, _) in rows {
                lines.append(text.split(separator: "\n", omittingEmptySubsequences: false).count)
                text += "  \(gift)\n\n"
            }
            text += "Kept? {=yes ~no}\n"
            let (result, questions) = importGIFT(text)
            #expect(questions.count == 1)
            #expect(questions.first?.id == "t-8")
            #expect(result.diagnostics.map(\.code) == Array(repeating: "G101", count: rows.count))
            #expect(result.diagnostics.map(\.message) == rows.map(\.1))
            #expect(result.diagnostics.map { $0.range?.start } == lines.map { SourceLocation(line: $0, column: 3) })
            #expect(result.diagnostics.last?.help?.contains("`{TRUE}`") == true)
        }

        @Test("E015: bytes that are not UTF-8 are reported at their line and column")
        func invalidUTF8() throws {
            let bytes = Array("Which?\n{=a ".utf8) + [0xC3, 0x28] + Array(" ~b}".utf8)
            let result = GIFTImporter().parse(bytes: bytes, file: "bad.gift")
            let d = try #require(result.diagnostics.first)
            #expect(d.code == "E015")
            #expect(d.range?.start == SourceLocation(line: 2, column: 5))
            #expect(result.questions.isEmpty)
        }
    }
}

// MARK: - Conversion to bank questions

extension GIFTTests {
    @Suite("GIFT importer: levels, topics and ids")
    struct Conversion {
        struct Row: CustomTestStringConvertible, Sendable {
            var rule: String
            var category: String?
            var tags: [String]
            var level: Level
            var topics: [String]
            var testDescription: String { rule }
        }

        static let rows: [Row] = [
            Row(rule: "iamquiz's own path: level and topic", category: "$course$/iamquiz/professional/trust-policy", tags: [],
                level: .professional, topics: ["trust-policy"]),
            Row(rule: "a level as the last part gives no topic", category: "$course$/iamquiz/professional", tags: [],
                level: .professional, topics: ["default"]),
            Row(rule: "any part can give the level; the last part is slugged", category: "$course$/top/Associate/Trust Policies",
                tags: [], level: .associate, topics: ["trust-policies"]),
            Row(rule: "a `$...$` context and `top` give no topic", category: "$course$/top", tags: [], level: .associate,
                topics: ["default"]),
            Row(rule: "`//` in a category is a slash inside a name", category: "$course$/STS//IAM", tags: [], level: .associate,
                topics: ["sts-iam"]),
            Row(rule: "tags add topics after the category's", category: "$course$/iamquiz/associate/trust-policy",
                tags: ["External ID", "trust-policy", "C++"], level: .associate, topics: ["trust-policy", "external-id", "c"]),
            Row(rule: "a level tag beats the category's level", category: "$course$/iamquiz/associate/sts", tags: ["PROFESSIONAL"],
                level: .professional, topics: ["sts"]),
            Row(rule: "without category or tags: the defaults", category: nil, tags: [], level: .associate, topics: ["default"]),
        ]

        @Test(arguments: rows)
        func levelAndTopics(_ row: Row) throws {
            var text = row.category.map { "$CATEGORY: \($0)\n\n" } ?? ""
            if !row.tags.isEmpty { text += "// " + row.tags.map { "[tag:\($0)]" }.joined(separator: " ") + "\n" }
            text += "Which? {=a ~b}\n"
            let result = GIFTImporter().parse(text, file: "t.gift")
            let question = try #require(GIFTImporter().questions(from: result, level: .associate, topics: ["default"], idPrefix: "t").first)
            #expect(question.level == row.level)
            #expect(question.topics == row.topics)
        }

        @Test("the default level applies when nothing names one")
        func defaultLevel() throws {
            let result = GIFTImporter().parse("Which? {=a ~b}", file: "t.gift")
            let question = try #require(GIFTImporter().questions(from: result, level: .professional, idPrefix: "t").first)
            #expect(question.level == .professional)
            #expect(question.topics.isEmpty)
        }

        @Test("ids: [id:] as written when valid, else slugged; titles slugged; else the prefix and number")
        func ids() {
            let text = """
                // [id:kept.id_1]
                One? {=a ~b}

                // [id:Needs Slugging!]
                ::a title that loses:: Two? {=a ~b}

                ::Title, with Capitals & Signs:: Three? {=a ~b}

                Four? {=a ~b}

                // [id:t-6]
                Five takes the id that six would get? {=a ~b}

                Six? {=a ~b}

                // [id: \\] escaped]
                Seven? {=a ~b}
                """
            let (result, questions) = importGIFT(text)
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
            #expect(result.questions.map(\.id) == ["kept.id_1", "Needs Slugging!", nil, nil, "t-6", nil, "] escaped"])
            #expect(questions.map(\.id) == ["kept.id_1", "needs-slugging", "title-with-capitals-signs", "t-4", "t-6", "t-6-2", "escaped"])
        }

        @Test("a long title makes an id of at most 64 characters, cut at a word")
        func longTitle() throws {
            let title = Array(repeating: "word", count: 30).joined(separator: " ")
            let (_, questions) = importGIFT("::\(title)::Which? {=a ~b}")
            let id = try #require(questions.first?.id)
            #expect(id.count <= 64)
            #expect(id.hasPrefix("word-word"))
            #expect(id.hasSuffix("word"))
        }

        @Test("an id prefix comes from the file name")
        func prefix() {
            #expect(GIFTImporter.idPrefix(fileName: "courses/IAM Basics.gift") == "iam-basics")
            let result = GIFTImporter().parse("Q? {=a ~b}", file: "x.gift")
            #expect(GIFTImporter().questions(from: result, idPrefix: "Not Valid").first?.id == "not-valid-1")
        }

        @Test("imported questions pass the native checks once printed")
        func passesNativeChecks() {
            let (_, questions) = importGIFT("// [tag:sts]\nWhich two? (Choose 2) {~%50%a#x ~%50%b#y ~%-100%c#z}")
            let parsed = BankParser().parse(BankPrinter().print(questions), file: "p.iqb")
            #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map(\.message))")
            #expect(parsed.questions == questions)
        }
    }
}

// MARK: - JSON

extension GIFTTests {
    @Suite("GIFT importer: JSON")
    struct JSON {
        @Test("the JSON has the fields scripts read, in the Aiken importer's shape, and decodes back")
        func shape() throws {
            let text = """
                $CATEGORY: $course$/iamquiz/associate/sts

                // [id:q1] [tag:sts] [tag:federation]
                // iamquiz: option B note: kept
                ::Title::Which?{~%50%A#fa ~%50%B ~%-100%C####general}
                """
            let (result, _) = importGIFT(text)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(result.questions)
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
            let object = try #require(json.first)
            #expect(object["stem"] as? String == "Which?")
            #expect(object["key"] as? [String] == ["A", "B"])
            #expect(object["generalFeedback"] as? String == "general")
            #expect(object["category"] as? String == "$course$/iamquiz/associate/sts")
            #expect(object["id"] as? String == "q1")
            #expect(object["tags"] as? [String] == ["sts", "federation"])
            #expect(object["kind"] as? String == "multiple-choice")
            #expect(object["title"] as? String == "Title")
            let options = try #require(object["options"] as? [[String: Any]])
            #expect(options.map { $0["text"] as? String } == ["A", "B", "C"])
            #expect(options.map { $0["weight"] as? Double } == [50, 50, -100])
            #expect(options.first?["feedback"] as? String == "fa")
            #expect(options[1]["feedback"] is NSNull)
            #expect(options[1]["note"] as? String == "kept")
            // Positions and numbers stay out.
            #expect(object["position"] == nil && object["number"] == nil && object["bankID"] == nil)

            var decoded = try JSONDecoder().decode([GIFTQuestion].self, from: data)
            #expect(decoded.first?.number == 0)
            decoded[0].number = result.questions[0].number
            decoded[0].bankID = result.questions[0].bankID
            #expect(decoded == result.questions)
        }

        @Test("a key letter that names no option does not decode")
        func badKey() {
            let json = #"[{"stem":"s","options":[{"text":"a","weight":100},{"text":"b","weight":0}],"key":["C"]}]"#
            #expect(throws: DecodingError.self) { try JSONDecoder().decode([GIFTQuestion].self, from: Data(json.utf8)) }
        }
    }
}

// MARK: - Export

extension GIFTTests {
    @Suite("GIFT exporter")
    struct Export {
        @Test("one question, exactly as docs/gift-aiken.md lays it out")
        func golden() {
            let question = Question(
                id: "ec2-creds", level: .associate, topics: ["instance-profile", "service-role"],
                stem: "How does software on EC2 get credentials?",
                options: [
                    AnswerOption(text: "An access key in the code", why: "keys in code leak"),
                    AnswerOption(text: "A role through an instance profile", why: "temporary, rotated credentials", note: "the usual answer"),
                ],
                key: .options([1]), explanation: "Roles for EC2: no stored keys.",
                references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html"])
            let output = GIFTExporter().export([question], comment: "Exported by iamquiz")
            #expect(output.text == """
                // Exported by iamquiz

                $CATEGORY: $course$/iamquiz/associate/instance-profile

                // [id:ec2-creds] [tag:instance-profile] [tag:service-role]
                // iamquiz: reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html
                // iamquiz: option B note: the usual answer
                ::ec2-creds::How does software on EC2 get credentials?{
                \t~An access key in the code#keys in code leak
                \t=A role through an instance profile#temporary, rotated credentials
                \t####Roles for EC2\\: no stored keys.
                }

                """)
            #expect(output.exported == 1)
            #expect(output.diagnostics.isEmpty)
        }

        struct WeightRow: CustomTestStringConvertible, Sendable {
            var rule: String
            var key: [Int]
            var optionCount: Int
            var markers: [String]
            var testDescription: String { rule }
        }

        static let weightRows: [WeightRow] = [
            WeightRow(rule: "one right option: `=` for it, `~` for the rest", key: [2], optionCount: 4, markers: ["~", "~", "=", "~"]),
            WeightRow(rule: "2 right of 3: 100/2 each, the wrong one -100", key: [0, 1], optionCount: 3,
                      markers: ["~%50%", "~%50%", "~%-100%"]),
            WeightRow(rule: "3 right of 5: 100/3 with five decimals, wrong ones -100/2", key: [0, 2, 4], optionCount: 5,
                      markers: ["~%33.33333%", "~%-50%", "~%33.33333%", "~%-50%", "~%33.33333%"]),
            WeightRow(rule: "2 right of 5: wrong ones -100/3", key: [1, 3], optionCount: 5,
                      markers: ["~%-33.33333%", "~%50%", "~%-33.33333%", "~%50%", "~%-33.33333%"]),
            WeightRow(rule: "every option right: 100/n each, no negative weight", key: [0, 1, 2, 3], optionCount: 4,
                      markers: ["~%25%", "~%25%", "~%25%", "~%25%"]),
            WeightRow(rule: "6 right of 7: 16.66667 rounds the last decimal", key: [0, 1, 2, 3, 4, 5], optionCount: 7,
                      markers: Array(repeating: "~%16.66667%", count: 6) + ["~%-100%"]),
            WeightRow(rule: "2 right of 9: wrong ones -100/7 = -14.28571", key: [0, 1], optionCount: 9,
                      markers: ["~%50%", "~%50%"] + Array(repeating: "~%-14.28571%", count: 7)),
        ]

        @Test(arguments: weightRows)
        func weights(_ row: WeightRow) throws {
            let options = (0..<row.optionCount).map { AnswerOption(text: "option \($0)") }
            let question = Question(id: "w", stem: "Which?", options: options, key: .options(row.key))
            let block = try #require(GIFTExporter().export(question))
            let markers = block.split(separator: "\n").filter { $0.hasPrefix("\t") }.map { line in
                String(line.dropFirst().prefix { $0 != "o" })
            }
            #expect(markers == row.markers)
            // The weights read back give the same key, without a diagnostic (they are Moodle grades).
            let (result, questions) = importGIFT(block)
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
            #expect(questions.first?.key == .options(row.key))
        }

        struct EscapeRow: CustomTestStringConvertible, Sendable {
            var rule: String
            var text: String
            var isAnswer: Bool
            var written: String
            var testDescription: String { rule }
        }

        static let escapeRows: [EscapeRow] = [
            EscapeRow(rule: "every GIFT special character gets a backslash", text: "a~b=c#d{e}f:g", isAnswer: false,
                      written: "a\\~b\\=c\\#d\\{e\\}f\\:g"),
            EscapeRow(rule: "a backslash is doubled", text: "C:\\path", isAnswer: false, written: "C\\:\\\\path"),
            EscapeRow(rule: "a paragraph break is written `\\n\\n`", text: "one\n\ntwo", isAnswer: false, written: "one\\n\\ntwo"),
            EscapeRow(rule: "carriage returns are dropped, as Moodle's exporter drops them", text: "a\r\nb", isAnswer: false,
                      written: "a\\nb"),
            EscapeRow(rule: "a leading format tag is guarded by `[moodle]`", text: "[html] is a tag", isAnswer: false,
                      written: "[moodle][html] is a tag"),
            EscapeRow(rule: "a leading unknown tag needs no guard", text: "[note] text", isAnswer: false, written: "[note] text"),
            EscapeRow(rule: "an answer's leading `%` is guarded so it is not a weight", text: "%50% off", isAnswer: true,
                      written: "[moodle]%50% off"),
            EscapeRow(rule: "a leading `%` elsewhere needs no guard", text: "%50% off", isAnswer: false, written: "%50% off"),
            EscapeRow(rule: "other characters stay as written", text: "ünïcode 🙂 \"quotes\" <b>", isAnswer: false,
                      written: "ünïcode 🙂 \"quotes\" <b>"),
        ]

        @Test(arguments: escapeRows)
        func escaping(_ row: EscapeRow) {
            #expect(GIFTExporter.text(row.text, isAnswer: row.isAnswer) == row.written)
        }

        @Test("`// iamquiz:` values escape `\\` and line breaks, and break `[id:` and `[tag:` so that Moodle ignores them")
        func commentValues() {
            #expect(GIFTExporter.commentValue("a\\b\n\nc") == "a\\\\b\\n\\nc")
            #expect(GIFTExporter.commentValue("see [id:x] and [tag:y]") == "see [id\\:x] and [tag\\:y]")
        }

        @Test("a category line starts each run of the same level and first topic")
        func categories() {
            func q(_ id: String, _ level: Level, _ topics: [String]) -> Question {
                Question(id: id, level: level, topics: topics, stem: "S?", options: [AnswerOption(text: "a"), AnswerOption(text: "b")],
                         key: .options([0]))
            }
            let text = GIFTExporter().export([
                q("a", .associate, ["sts", "x"]), q("b", .associate, ["sts", "y"]), q("c", .professional, ["sts"]),
                q("d", .professional, []), q("e", .associate, ["sts"]),
            ]).text
            let categories = text.split(separator: "\n").filter { $0.hasPrefix("$CATEGORY:") }
            #expect(categories == [
                "$CATEGORY: $course$/iamquiz/associate/sts", "$CATEGORY: $course$/iamquiz/professional/sts",
                "$CATEGORY: $course$/iamquiz/professional", "$CATEGORY: $course$/iamquiz/associate/sts",
            ])
        }

        @Test("G112: unkeyed questions and questions with one option are left out, at their position")
        func unexportable() {
            let position = SourcePosition(file: "bank.iqb", location: SourceLocation(line: 4, column: 1))
            let questions = [
                Question(id: "unkeyed", stem: "S?", options: [AnswerOption(text: "a"), AnswerOption(text: "b")], key: .unkeyed,
                         position: position),
                Question(id: "lonely", stem: "S?", options: [AnswerOption(text: "a")], key: .options([0])),
                Question(id: "fine", stem: "S?", options: [AnswerOption(text: "a"), AnswerOption(text: "b")], key: .options([1])),
            ]
            let output = GIFTExporter().export(questions)
            #expect(output.exported == 1)
            #expect(output.diagnostics.map(\.code) == ["G112", "G112"])
            #expect(output.diagnostics.first?.locationText == "bank.iqb:4:1")
            #expect(output.diagnostics.map(\.severity) == [.warning, .warning])
            #expect(!output.text.contains("unkeyed") && output.text.contains("::fine::"))
            expectHouseStyle(output.diagnostics)
        }

        @Test("export then import gives the built-in bank back, without a diagnostic")
        func builtinRoundTrip() {
            let bank = BuiltinBank.load().bank
            #expect(bank.questions.count > 20)
            let output = GIFTExporter().export(bank.questions, comment: "iamquiz's built-in bank")
            #expect(output.exported == bank.questions.count)
            let (result, questions) = importGIFT(output.text, file: "builtin.gift")
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.locationText) \($0.code) \($0.message)" })")
            #expect(questions.count == bank.questions.count)
            for (original, back) in zip(bank.questions, questions) where original != back {
                Issue.record("\(original.id) changed:\n\(BankPrinter().print(original))\n---\n\(BankPrinter().print(back))")
            }
            // Moodle sees one id and only topic tags per question: no `[id:` or `[tag:` escapes from a value.
            let ids = output.text.components(separatedBy: "[id:").count - 1
            #expect(ids == bank.questions.count)
            let tags = output.text.components(separatedBy: "[tag:").count - 1
            #expect(tags == bank.questions.reduce(0) { $0 + $1.topics.count })
        }

        @Test("export then import keeps every native field of a question, special characters included")
        func everyField() throws {
            let output = GIFTExporter().export([everyFieldQuestion])
            let (result, questions) = importGIFT(output.text)
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.locationText) \($0.code) \($0.message)" })")
            let back = try #require(questions.first)
            #expect(back == everyFieldQuestion)
            // Field by field, so that a failure says which.
            #expect(back.stem == everyFieldQuestion.stem)
            #expect(back.options == everyFieldQuestion.options)
            #expect(back.explanation == everyFieldQuestion.explanation)
            #expect(back.changed == everyFieldQuestion.changed)
            #expect(back.source == everyFieldQuestion.source)
            #expect(back.rightWhen == .fails)
            #expect(result.questions.first?.id == "every.field_1")
            #expect(result.questions.first?.tags == everyFieldQuestion.topics)
            // And the GIFT file holds one id and the topics as its only tags.
            #expect(output.text.components(separatedBy: "[id:").count == 2)
            #expect(output.text.components(separatedBy: "[tag:").count == 4)
        }

        @Test("in a one-answer question, options starting with `%` or a format tag come back as written")
        func guardedOneAnswer() throws {
            let question = Question(
                id: "guarded", stem: "[markdown] is not a tag here; which discount?",
                options: [AnswerOption(text: "%50% off", why: "%-sign first"), AnswerOption(text: "%25% off"),
                          AnswerOption(text: "[plain] text")],
                key: .options([0]))
            let block = try #require(GIFTExporter().export(question))
            #expect(block.contains("\t=[moodle]%50% off#%-sign first\n\t~[moodle]%25% off\n\t~[moodle][plain] text\n"))
            let (result, questions) = importGIFT(block)
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
            #expect(questions.first == question)
        }

        @Test("an empty `why:` or explanation survives as empty")
        func emptyTexts() throws {
            let question = Question(id: "e", stem: "S?", options: [AnswerOption(text: "a", why: ""), AnswerOption(text: "b")],
                                    key: .options([0]), explanation: "")
            let (_, questions) = importGIFT(try #require(GIFTExporter().export(question)))
            #expect(questions.first == question)
        }
    }
}

// MARK: - Robustness

extension GIFTTests {
    @Suite("GIFT robustness")
    struct Robustness {
        static let pieces = [
            "{", "}", "~", "=", "#", "####", "%", "%50%", "%-100%", "%33.33333%", "::", ":", "\\", "\\~", "\\n", "\\{", "\\x",
            "->", "T", "TRUE", "F", "FALSE", "$CATEGORY:", "// ", "// [id:a]", "// [tag:b]", "// iamquiz: ", "source: s",
            "option A note: n", "option Z verify: v", "scenario: x", "right-when: fails", "[html]", "[moodle]", "[", "]", "0",
            "\n", "\n", "\n\n", "\r\n", "\r", " ", "\t", "word", "🙂", "é", "\u{0}", "\u{FEFF}", "_____", "(Choose 2)",
        ]

        @Test("random GIFT never crashes, and every diagnostic points into the text", arguments: 0..<4)
        func fuzz(_ round: Int) {
            var random = TestRandom(seed: 0x61F7 &+ UInt64(round))
            for _ in 0..<500 {
                var text = ""
                for _ in 0..<random.below(60) { text += Self.pieces[random.below(Self.pieces.count)] }
                let result = GIFTImporter().parse(text, file: "f.gift")
                let lineCount = max(1, text.unicodeScalars.filter { $0 == "\n" || $0 == "\r" }.count + 1)
                for d in result.diagnostics {
                    guard let start = d.range?.start else {
                        Issue.record("no position: \(d.code) \(d.message) in \(text.debugDescription)")
                        continue
                    }
                    #expect(start.line >= 1 && start.line <= lineCount && start.column >= 1, "\(d.code) in \(text.debugDescription)")
                }
                expectHouseStyle(result.diagnostics)
                // What is kept is always a question iamquiz can ask.
                for question in result.questions {
                    #expect(question.options.count >= 2 && question.options.count <= 26)
                    #expect(!question.key.isEmpty && question.key.allSatisfy { $0 < question.options.count })
                    #expect(!question.stem.isEmpty)
                }
                let questions = GIFTImporter().questions(from: result, idPrefix: "f")
                #expect(Set(questions.map(\.id)).count == questions.count, "\(text.debugDescription)")
                #expect(questions.allSatisfy { QuestionID.isValid($0.id) })
                _ = GIFTImporter().parse(bytes: Array(text.utf8) + [0xFF], file: "f.gift")
            }
        }

        static let textPieces = [
            "a", "word", " ", "~", "=", "#", "{", "}", ":", "\\", "\\n", "%", "%50%", "[html]", "[", "]", "[id:x]", "[tag:y]",
            "->", "####", "//", "$CATEGORY:", "🙂", "ü", "T", "\"",
        ]

        /// A random text as the native parser makes them: trimmed, no line breaks but paragraph breaks, not empty.
        static func text(_ random: inout TestRandom) -> String {
            var text = ""
            for _ in 0..<(1 + random.below(8)) {
                text += textPieces[random.below(textPieces.count)]
                if random.below(12) == 0 { text += "\n\n" }
            }
            var result = text.split(separator: "\n\n", omittingEmptySubsequences: true)
                .map { String($0.trimmingSpaces()) }.filter { !$0.isEmpty }.joined(separator: "\n\n")
            if result.isEmpty || !result.unicodeScalars.contains(where: { ("a"..."z").contains($0) }) { result += " x" }
            return String(result.trimmingSpaces())
        }

        @Test("random native questions survive export then import", arguments: 0..<4)
        func exportFuzz(_ round: Int) throws {
            var random = TestRandom(seed: 0xB1F7 &+ UInt64(round))
            var questions: [Question] = []
            for n in 0..<60 {
                let count = 2 + random.below(6)
                var options: [AnswerOption] = []
                for i in 0..<count {
                    options.append(AnswerOption(
                        text: "\(i) " + Self.text(&random),
                        why: random.below(3) == 0 ? nil : Self.text(&random),
                        note: random.below(4) == 0 ? Self.text(&random) : nil,
                        verify: random.below(4) == 0 ? "step-\(i)" : nil))
                }
                let keyCount = 1 + random.below(count)
                let key = Array(Set((0..<keyCount).map { _ in random.below(count) })).sorted()
                questions.append(Question(
                    id: "q\(n)-\(random.below(100))", level: random.below(2) == 0 ? .associate : .professional,
                    topics: Array(["sts", "trust-policy", "federation"].prefix(random.below(4))),
                    stem: Self.text(&random), options: options, key: .options(key),
                    explanation: random.below(2) == 0 ? Self.text(&random) : nil,
                    references: random.below(2) == 0 ? ["https://x.example/" + Self.text(&random)] : [],
                    changed: random.below(3) == 0 ? [Self.text(&random)] : [],
                    disputed: random.below(3) == 0 ? [Self.text(&random), Self.text(&random)] : [],
                    scenario: "s", source: random.below(2) == 0 ? Self.text(&random) : nil,
                    rightWhen: random.below(2) == 0 ? .works : .fails))
            }
            // Unique ids, and no stem that asks for a count of answers (the native check would differ).
            questions = questions.enumerated().map { i, q in
                var q = q
                q.id = "q\(i)"
                return q
            }.filter { $0.answersAskedFor == nil }
            let output = GIFTExporter().export(questions)
            let (result, back) = importGIFT(output.text)
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.locationText) \($0.code) \($0.message)" })")
            #expect(back.count == questions.count)
            for (original, imported) in zip(questions, back) where original != imported {
                Issue.record("\(original.id) changed:\n\(BankPrinter().print(original))\n---\n\(BankPrinter().print(imported))\n---\n\(GIFTExporter().export(original) ?? "")")
            }
        }
    }
}
