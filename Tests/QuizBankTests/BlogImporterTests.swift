import Diagnostics
import Foundation
import Testing
@testable import QuizBank

// Tests of `BlogImporter` (reading the practice questions of a blog post), `AnswerKeyText` (the
// `--key` syntax), key validation and conversion to bank questions.
//
// Fixtures live in Fixtures/blog/ next to this file and are found through #filePath (they are not
// declared as package resources). The source document the importer was designed on sits outside the
// package, in ../shared/seeds/; its test is skipped when the file is not there.

// MARK: - Support

/// The blog fixtures of this test target.
enum BlogFixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/blog")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func parse(_ name: String) throws -> BlogImporter.Result {
        BlogImporter().parse(try text(name), file: name)
    }
}

/// The package root: Tests/QuizBankTests/BlogImporterTests.swift -> up 3 levels.
let blogPackageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The source document: ../shared/seeds/000_bc46414ecc8c8e05.txt relative to the package root.
let blogSeedPath = blogPackageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/seeds/000_bc46414ecc8c8e05.txt").path

fileprivate extension BlogImporter.ImportedQuestion {
    var optionTexts: [String] { options.map(\.text) }
    var optionNotes: [String?] { options.map(\.note) }
    var optionLabels: [String] { options.map(\.label) }
}

/// "3B" for every option that carries a note.
private func notedOptions(_ result: BlogImporter.Result) -> Set<String> {
    Set(result.questions.flatMap { q in q.options.filter { $0.note != nil }.map { "\(q.number)\($0.label)" } })
}

// MARK: - The source document

@Suite("Blog importer: the source document (../shared/seeds)",
       .enabled(if: FileManager.default.fileExists(atPath: blogSeedPath), "source document ../shared/seeds not present"))
struct BlogImporterSeedTests {
    let result: BlogImporter.Result

    init() throws {
        let text = try String(contentsOfFile: blogSeedPath, encoding: .utf8)
        result = BlogImporter().parse(text, file: "000_bc46414ecc8c8e05.txt")
    }

    @Test("11 questions with the right option counts, answer counts, levels and lines")
    func shape() throws {
        try #require(result.questions.count == 11)
        let qs = result.questions
        #expect(qs.map(\.number) == Array(1...11))
        #expect(qs.map(\.options.count) == [4, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4])
        #expect(qs.map(\.answersAskedFor) == [1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1])
        // [PROFESSIONAL] marks questions 5, 6, 7, 8 and 10.
        let professional = Set(qs.filter { $0.level == .professional }.map(\.number))
        #expect(professional == [5, 6, 7, 8, 10])
        #expect(qs.filter { $0.level == .associate }.count == 6)
        #expect(qs.map(\.line) == [111, 116, 122, 128, 134, 139, 144, 149, 154, 159, 164])
        #expect(result.title == "AWS IAM Role")
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.map(\.message))")
        for q in qs {
            #expect(q.optionLabels == Array(["A", "B", "C", "D", "E"].prefix(q.options.count)))
        }
    }

    @Test("stems: first and last, level markers removed")
    func stems() throws {
        let qs = result.questions
        try #require(qs.count == 11)
        #expect(qs[0].stem.hasPrefix("A company is building software"))
        #expect(qs[10].stem.hasPrefix("You are creating an Auto Scaling group"))
        for q in qs {
            #expect(q.stem.range(ofCaseInsensitive: "[PROFESSIONAL]") == nil, "question \(q.number)")
            #expect(q.stem.first != " " && q.stem.last != " ", "question \(q.number)")
        }
        #expect(qs[4].stem.hasSuffix("Identify which option will allow you to achieve this goal."))
        #expect(qs[7].stem.hasSuffix("Which of the following would meet all of these conditions?"))
        #expect(qs[1].stem.hasSuffix("(Select 2) Choose 2 answers"))
        // The comments after the last question are not part of it.
        #expect(qs[10].optionTexts.last == "Create an IAM user with the PutMetricData permission and put the credentials in a private repository and have applications on the server pull the credentials as needed")
    }

    @Test("trailing parenthetical remarks become notes on 3B, 3D, 4B, 4E, 10A, 10B, 10C only")
    func notes() throws {
        let qs = result.questions
        try #require(qs.count == 11)
        #expect(notedOptions(result) == ["3B", "3D", "4B", "4E", "10A", "10B", "10C"])
        // Option texts keep no parenthetical at all in this post.
        for q in qs {
            for option in q.options {
                #expect(!option.text.contains("(") && !option.text.contains(")"), "\(q.number)\(option.label): \(option.text)")
            }
        }
        #expect(qs[2].options[1].text == "Enable IAM cross-account access for all corporate IT administrators in each child account.")
        #expect(qs[2].options[1].note == "Provides IT governance")
        #expect(qs[2].options[3].text == "Use AWS Consolidated Billing to link the divisions\u{2019} accounts to a parent corporate account.")
        #expect(qs[2].options[3].note == "Will provide cost oversight")
        #expect(qs[3].options[1].text == "Add an IAM Role to a running EC2 instance.")
        #expect(qs[3].options[1].note == "With latest enhancement from AWS, IAM role can be assigned to a running EC2 instance")
        #expect(qs[3].options[4].text == "Launch an EC2 Instance with the IAM Role included in the launch configuration")
        #expect(qs[3].options[4].note == "This was the correct answer before, as AWS did not allow IAM role to be added to an existing instance")
        #expect(qs[9].optionTexts.prefix(3) == [
            "Operate an authentication service that generates AWS STS tokens with IAM policies from application-defined IAM roles.",
            "Add additional IAM policies to the application IAM roles that deny user privileges based on information security policy.",
            "Configure IAM policies that restrict modification of the application IAM roles only to the information security team.",
        ])
        #expect(qs[9].optionNotes == [
            "no user separation, will just help generate temporary tokens",
            "Different policy with deny rules based on location, device and more restrictive wins",
            "Authorization should still be in developers control",
            nil,
        ])
    }

    @Test("converted with a key: ids from the title, keyed and unkeyed answers")
    func conversion() throws {
        try #require(result.questions.count == 11)
        let key = try AnswerKeyText.parse("1:B 2:AD 3:BD 4:AB")
        #expect(BlogImporter().validate(key: key, against: result, keyLabel: "--key").isEmpty)
        let prefix = BlogImporter.idPrefix(title: result.title, fileName: "000_bc46414ecc8c8e05.txt")
        #expect(prefix == "aws-iam-role")
        let questions = BlogImporter().questions(from: result, key: key, idPrefix: prefix, source: "000_bc46414ecc8c8e05.txt")
        #expect(questions.map(\.id).first == "aws-iam-role-01")
        #expect(questions.map(\.id).last == "aws-iam-role-11")
        #expect(questions[3].key == .options([0, 1]))
        #expect(questions[4...].allSatisfy { $0.key == .unkeyed })
        #expect(questions[2].options[1].note == "Provides IT governance")
        #expect(questions[6].level == .professional)
    }
}

// MARK: - Fixture (a): a post with a JSON example, disclaimers, five kinds of stems and comments

@Suite("Blog importer: KMS key policies post (JSON example, notes, comments)")
struct BlogImporterKMSPostTests {
    let result: BlogImporter.Result
    init() throws { result = try BlogFixture.parse("kms-key-policies.txt") }

    @Test("five questions, from the list after the heading; notes, JSON and comments are not questions")
    func shape() throws {
        let qs = result.questions
        try #require(qs.count == 5, "\(qs.map(\.stem))")
        // Rule: the list after the "... Practice Questions" heading wins over an earlier list of notes,
        // even though the notes (line 4) hold a bullet ending with `?` followed by bullets.
        #expect(qs.map(\.line) == [24, 29, 34, 40, 45])
        #expect(qs.map(\.number) == [1, 2, 3, 4, 5])
        #expect(qs.map(\.options.count) == [4, 4, 5, 4, 5])
        #expect(qs.map(\.answersAskedFor) == [1, 1, 3, 1, 3])
        #expect(qs.map(\.level) == [.associate, .associate, .associate, .professional, .associate])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(result.title == "AWS KMS Key Policies")
    }

    @Test("stems: `?`, a closing instruction with a period, `Select 3`, `[PROFESSIONAL]`, `(Choose 3)`")
    func stems() throws {
        let qs = result.questions
        try #require(qs.count == 5)
        #expect(qs[0].stem.hasPrefix("A security team requires that every object"))
        #expect(qs[0].stem.hasSuffix("enforce with a bucket policy?"))
        // Rule: a last sentence starting "Identify ..." ending with a period is a stem when options follow.
        #expect(qs[1].stem.hasPrefix("A company wants an IAM role in a second account"))
        #expect(qs[1].stem.hasSuffix("Identify the option that meets these needs."))
        // Rule: "Select 3" at the end of a stem asks for three answers and is kept in the stem.
        #expect(qs[2].stem == "Which of the following statements about KMS key policies are correct? Select 3")
        // Rule: the level marker is removed from the stem.
        #expect(qs[3].stem.hasPrefix("A financial services company runs workloads in 40 accounts"))
        #expect(qs[3].stem.hasSuffix("What is the most operationally efficient solution?"))
        // Rule: a parenthetical in the stem stays; "(Choose 3)" asks for three.
        #expect(qs[4].stem.hasPrefix("A Lambda function reads objects"))
        #expect(qs[4].stem.contains("customer managed key (Key Management Service)."))
        #expect(qs[4].stem.hasSuffix("Which steps are required? (Choose 3)"))
    }

    @Test("options: remarks become notes, abbreviations and their spelling out stay in the text")
    func options() throws {
        let qs = result.questions
        try #require(qs.count == 5)
        #expect(qs[0].optionTexts == [
            "Server-side encryption with Amazon S3 managed keys (SSE-S3)",    // one-word abbreviation: kept
            "Server-side encryption with AWS KMS keys (SSE-KMS)",
            "Server-side encryption with customer-provided keys (SSE-C)",     // only the last parenthetical is a note
            "Client-side encryption with a key embedded in the application code",
        ])
        #expect(qs[0].optionNotes == [
            nil, nil,
            "the key is never stored by AWS, so KMS cannot log it",
            "not recommended, the key can leak",
        ])
        #expect(qs[1].optionTexts == [
            "Allow the second account to call kms:Decrypt in the key policy, and allow kms:Decrypt on the key in an IAM policy of the role",
            "Add a statement to the key policy that allows kms:* for every principal",
            "Import the same key material into the second account (Bring Your Own Key)", // Title Case spelling out: kept
            "Share the AWS managed key for Amazon S3 with the second account",
        ])
        #expect(qs[1].optionNotes == ["both policies are needed for cross-account use", nil, nil, nil])
        #expect(qs[2].optionTexts == [
            "Every KMS key has exactly one key policy.",
            "One key policy can be attached to several keys at once.",
            "Without a statement for the account root, IAM policies alone cannot give access to the key",
            "Grants can give temporary permissions without changing the key policy.",
            "Key policies are optional for customer managed keys.",
        ])
        #expect(qs[2].optionNotes == [nil, nil, "the default key policy adds that statement", nil, nil])
        #expect(qs[3].options[0].text == "Add a condition on aws:PrincipalOrgID to every key policy with a deny statement, and check it with AWS Config rules")
        #expect(qs[3].options[0].note == "key policies are resource policies, which SCPs do not restrict for outside principals")
        #expect(qs[4].optionTexts == [
            "Allow s3:GetObject on the bucket in the function's execution role",
            "Allow kms:Decrypt on the key in the function's execution role",
            "Make sure the key policy lets IAM policies in the account grant access to the key",
            "Turn on automatic key rotation",
            "Create a VPC endpoint for S3 (AWS PrivateLink)",
        ])
        #expect(qs[4].optionNotes == [nil, nil, nil, "rotation does not affect who can decrypt", nil])
        #expect(notedOptions(result) == ["1C", "1D", "2A", "3C", "4A", "5D"])
    }

    @Test("reader comments after the last question are not options, even `?` lines and `–` bullets")
    func comments() throws {
        let last = try #require(result.questions.last)
        #expect(last.options.count == 5)
        #expect(!result.questions.flatMap(\.optionTexts).contains { $0.contains("allow kms:Decrypt in the") })
        #expect(!result.questions.map(\.stem).contains { $0.contains("Isn't option C") })
    }

    @Test("the same post with CRLF line endings or a byte order mark reads the same")
    func lineEndings() throws {
        let text = try BlogFixture.text("kms-key-policies.txt")
        let crlf = BlogImporter().parse(text.replacingOccurrences(of: "\n", with: "\r\n"), file: "crlf.txt")
        #expect(crlf.questions == result.questions)
        #expect(crlf.title == result.title)
        let bom = BlogImporter().parse("\u{FEFF}" + text, file: "bom.txt")
        #expect(bom.questions == result.questions)
        #expect(bom.title == "AWS KMS Key Policies")
    }
}

// MARK: - Fixture (b): numbered questions and lettered options

@Suite("Blog importer: numbered questions, lettered options")
struct BlogImporterNumberedTests {
    let result: BlogImporter.Result
    init() throws { result = try BlogFixture.parse("vpc-endpoints-numbered.txt") }

    @Test("`1.`, `2)`, `3.` and `Q4:` are questions; `a)`, `(a)`, `a.`, `A.` are options")
    func shape() throws {
        let qs = result.questions
        try #require(qs.count == 4, "\(qs.map(\.stem))")
        #expect(qs.map(\.line) == [6, 11, 16, 19])
        #expect(qs.map(\.options.count) == [4, 4, 2, 3])
        #expect(qs.map(\.answersAskedFor) == [1, 2, 1, 1])
        #expect(qs.allSatisfy { $0.level == .associate })
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(result.title == "Amazon VPC Endpoints Quiz")
    }

    @Test("markers are removed from stems and options; options are relabelled A, B, ...")
    func texts() throws {
        let qs = result.questions
        try #require(qs.count == 4)
        #expect(qs[0].stem == "A company wants instances in a private subnet to read objects from Amazon S3 without a NAT gateway. What should it use?")
        #expect(qs[0].optionTexts == [
            "A gateway VPC endpoint for Amazon S3",
            "An internet gateway attached to the VPC",
            "A VPC peering connection to the S3 service VPC",
            "An interface endpoint for Amazon DynamoDB",
        ])
        #expect(qs[0].optionNotes == [nil, nil, "S3 does not live in a customer VPC", nil])
        #expect(qs[1].stem == "Which two of the following services support gateway endpoints?")
        #expect(qs[1].optionTexts == ["Amazon S3", "Amazon SQS", "Amazon DynamoDB", "AWS Key Management Service"])
        // Rule: with numbered questions the markers decide, so a stem ending with a period needs no cue.
        #expect(qs[2].stem.hasSuffix("Identify the endpoint type to use."))
        #expect(qs[2].optionTexts == ["Gateway endpoint", "Interface endpoint (AWS PrivateLink)"])
        #expect(qs[3].stem == "Which endpoint type is charged by the hour?")
        #expect(qs[3].optionTexts == ["Gateway endpoint", "Interface endpoint", "Neither; both are free"])
        #expect(qs[3].optionNotes == [nil, nil, "only data transfer is charged"])
        for q in qs { #expect(q.optionLabels == Array(["A", "B", "C", "D"].prefix(q.options.count))) }
    }
}

// MARK: - Fixture (c): CRLF line endings, blank lines between bullets

@Suite("Blog importer: CRLF post with blank lines between bullets")
struct BlogImporterCRLFTests {
    @Test("blank lines do not end the list; no carriage return is left in any text")
    func crlf() throws {
        let raw = try BlogFixture.text("scp-crlf.txt")
        try #require(raw.contains("\r\n"), "the fixture must keep its CRLF line endings")
        let result = BlogImporter().parse(raw, file: "scp-crlf.txt")
        let qs = result.questions
        try #require(qs.count == 2, "\(qs.map(\.stem))")
        #expect(qs.map(\.line) == [11, 20])
        #expect(qs.map(\.options.count) == [3, 4])
        #expect(qs.map(\.answersAskedFor) == [1, 2])
        #expect(qs[0].stem.hasPrefix("An administrator attaches an SCP"))
        #expect(qs[0].stem.hasSuffix("Can the user delete a bucket?"))
        #expect(qs[0].optionTexts == [
            "Yes, the IAM policy overrides the SCP",
            "No, the SCP applies",
            "Only if the user signs in as the root user of the member account",
        ])
        #expect(qs[0].optionNotes == [nil, "an explicit deny always wins", nil])
        // Trailing spaces and runs of spaces are collapsed.
        #expect(qs[1].stem == "Which two of the following are restricted by SCPs?")
        #expect(qs[1].optionTexts == ["IAM users in member accounts", "The management account", "IAM roles in member accounts", "Service-linked roles"])
        #expect(result.title == "AWS Organizations Service Control Policies")
        let everything = [result.title ?? ""] + qs.map(\.stem) + qs.flatMap(\.optionTexts) + qs.flatMap { $0.optionNotes.compactMap { $0 } }
        #expect(!everything.contains { $0.unicodeScalars.contains { $0 == "\r" || $0 == "\n" } })
        #expect(result.diagnostics.isEmpty)
    }
}

// MARK: - Fixtures (d) and (e): no questions; questions without enough options

@Suite("Blog importer: posts with missing questions or options")
struct BlogImporterProblemTests {
    @Test("a post without questions gives error B001 and no questions")
    func noQuestions() throws {
        let result = try BlogFixture.parse("iam-notes-only.txt")
        #expect(result.questions.isEmpty)
        #expect(result.diagnostics.map(\.code) == ["B001"])
        #expect(result.diagnostics.first?.severity == .error)
        #expect(result.diagnostics.first?.file == "iam-notes-only.txt")
        #expect(result.diagnostics.hasErrors)
        #expect(result.title == "AWS IAM Policy Evaluation")
    }

    @Test("empty text gives B001")
    func emptyText() {
        let result = BlogImporter().parse("", file: "empty.txt")
        #expect(result.questions.isEmpty)
        #expect(result.diagnostics.map(\.code) == ["B001"])
        #expect(result.title == nil)
    }

    @Test("a question with one option, and one with none, are skipped with warning B002; the rest import")
    func missingOptions() throws {
        let result = try BlogFixture.parse("s3-storage-classes-missing-options.txt")
        let qs = result.questions
        try #require(qs.count == 2, "\(qs.map(\.stem))")
        #expect(qs.map(\.line) == [8, 12])
        // Questions are numbered by their place in the post, skipped ones included, so that a key
        // written while reading the post lines up.
        #expect(qs.map(\.number) == [2, 3])
        #expect(qs[0].stem == "How long can a standard retrieval from S3 Glacier Deep Archive take?")
        #expect(qs[0].optionTexts == ["Up to 12 hours", "Up to 48 hours", "Up to 5 minutes"])
        #expect(qs[1].answersAskedFor == 2)
        #expect(qs[1].optionTexts == ["S3 One Zone-IA", "S3 Standard-IA", "S3 Express One Zone", "S3 Intelligent-Tiering"])
        #expect(result.diagnostics.map(\.code) == ["B002", "B002"])
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(!result.diagnostics.hasErrors)
        #expect(result.diagnostics.map { $0.range?.start } == [SourceLocation(line: 6, column: 1), SourceLocation(line: 17, column: 1)])
        #expect(result.diagnostics.map(\.message) == ["question 1 skipped: it has 1 option", "question 4 skipped: it has 0 options"])
    }
}

// MARK: - Fixture (f): bulleted and numbered questions in one list

@Suite("Blog importer: bulleted and numbered questions in one list")
struct BlogImporterMixedMarkerTests {
    let result: BlogImporter.Result
    init() throws { result = try BlogFixture.parse("iam-mixed-markers.txt") }

    @Test("with numbered questions and lettered options, a bullet that reads as a question is a question too")
    func everyQuestionImported() throws {
        // Rule: the numbers and letters decide for numbered and lettered items; a bullet is read as in a
        // bulleted post (a question when it reads as one, else an option of the question before it).
        let qs = result.questions
        try #require(qs.count == 4, "\(qs.map(\.stem))")
        #expect(qs.map(\.line) == [3, 7, 11, 15])
        #expect(qs.map(\.number) == [1, 2, 3, 4])
        #expect(qs.map(\.options.count) == [3, 3, 3, 2])
        #expect(qs.map(\.answersAskedFor) == [1, 1, 2, 1])
        #expect(qs[0].optionTexts == ["A trust policy", "A permissions boundary", "A service control policy"])
        #expect(qs[1].optionTexts == ["Principal", "Resource", "NotAction"])
        #expect(qs[2].stem == "Which two statements about permissions boundaries are true? (Choose 2)")
    }

    @Test("a list of questions after the practice list is reported at each question, not dropped silently")
    func laterListReported() throws {
        // Rule: one list is imported; a question in any later list is a B005 warning at its line.
        #expect(result.diagnostics.map(\.code) == ["B005"])
        #expect(result.diagnostics.map(\.severity) == [.warning])
        #expect(result.diagnostics.map { $0.range?.start } == [SourceLocation(line: 19, column: 1)])
        #expect(result.diagnostics.first?.help?.contains("line 3") == true, "\(result.diagnostics.first?.help ?? "")")
    }
}

// MARK: - Rules on small inline posts

@Suite("Blog importer: rules on small posts")
struct BlogImporterRuleTests {
    let importer = BlogImporter()

    @Test("without a questions heading, the first list that holds questions is used")
    func noHeading() throws {
        let text = """
            Notes on Amazon SQS
            - Standard queues deliver at least once.
            Some more thoughts
            - Which queue type keeps messages in order?
            - Standard queue
            - FIFO queue
            Bye
            """
        let result = importer.parse(text, file: "x.txt")
        let q = try #require(result.questions.first)
        #expect(result.questions.count == 1)
        #expect(q.line == 4)
        #expect(q.optionTexts == ["Standard queue", "FIFO queue"])
    }

    @Test("level markers anywhere in the stem, in any case")
    func levelMarkers() throws {
        let text = """
            Practice Questions
            - [Professional] A company needs a multi-account landing zone. What should it use?
            - AWS Control Tower
            - A single VPC
            - What does IAM stand for? [ASSOCIATE]
            - Identity and Access Management
            - Internet Access Manager
            """
        let qs = importer.parse(text, file: "x.txt").questions
        try #require(qs.count == 2)
        #expect(qs[0].level == .professional)
        #expect(qs[0].stem == "A company needs a multi-account landing zone. What should it use?")
        #expect(qs[1].level == .associate)
        #expect(qs[1].stem == "What does IAM stand for?")
    }

    /// (rule, post body after a "Practice Questions" heading, option counts of the questions found)
    static let weakStemCases: [(String, String, [Int])] = [
        ("a closing instruction with a period followed by two options starts a question", """
            - Which service stores objects?
            - Amazon EBS
            - Amazon S3
            - A team needs a managed queue. Identify the service to use.
            - Amazon SQS
            - Amazon SNS
            """, [2, 2]),
        ("followed by a single option, it stays an option of the question before", """
            - Which service stores objects?
            - Amazon EBS
            - Amazon EFS
            - Identify the service that stores objects durably.
            - Amazon S3
            - Which service is a managed queue?
            - Amazon SQS
            - Amazon SNS
            """, [4, 2]),
        ("while the question before has fewer than two options, it is one of them", """
            - Which service stores objects?
            - Amazon EBS
            - Identify the service that stores objects durably.
            - Amazon S3
            - Amazon EFS
            """, [4]),
        ("a sentence ending with a period that is no instruction is never a stem", """
            - Which service stores objects?
            - Amazon EBS
            - Amazon S3
            - Amazon S3 stores objects durably.
            - Amazon SQS
            - Amazon SNS
            """, [5]),
    ]

    @Test("a weak stem (an instruction ending with a period) needs two options after it", arguments: weakStemCases)
    func weakStems(rule: String, body: String, optionCounts: [Int]) {
        let qs = importer.parse("Practice Questions\n" + body, file: "x.txt").questions
        #expect(qs.map(\.options.count) == optionCounts, "\(rule)")
    }

    /// (rule, post body after a "Practice Questions" heading, option counts of the questions found)
    static let mixedMarkerCases: [(String, String, [Int])] = [
        ("a bulleted question before the first numbered one is imported", """
            - Which service stores objects?
            - Amazon EBS
            - Amazon S3
            1. Which service is a managed queue?
            a) Amazon SQS
            b) Amazon SNS
            """, [2, 2]),
        ("a bulleted question after a numbered one is a question, not options of it", """
            1. Which service is a managed queue?
            a) Amazon SQS
            b) Amazon SNS
            - Which service stores objects?
            - Amazon EBS
            - Amazon S3
            """, [2, 2]),
        ("a bullet that reads as no question after lettered options is still one of them", """
            1. Which service is a managed queue?
            a) Amazon SQS
            b) Amazon SNS
            - Amazon MQ
            """, [3]),
    ]

    @Test("bulleted and numbered questions in one list are all imported", arguments: mixedMarkerCases)
    func mixedMarkers(rule: String, body: String, optionCounts: [Int]) {
        let result = importer.parse("Practice Questions\n" + body, file: "x.txt")
        #expect(result.questions.map(\.options.count) == optionCounts, "\(rule)")
        #expect(result.diagnostics.isEmpty, "\(rule): \(result.diagnostics.map(\.message))")
    }

    @Test("an option that starts with an instruction verb is not a new question")
    func optionLikeInstruction() throws {
        // Options in the style of the source document are imperative sentences ending with a period.
        // One starting with "Choose" / "Select" / "Specify" is still an option of the question it
        // follows: the question asks for 2 answers and the bullet names no answers itself.
        let text = """
            AWS Certification Exam Practice Questions
            - A company must encrypt every new EBS volume in a Region with its own key. What should the administrator do? (Choose 2)
            - Turn on EBS encryption by default in the Region.
            - Create a new KMS key for every volume.
            - Choose a customer managed key as the default EBS encryption key.
            - Encrypt the snapshots manually after each backup.
            - Use instance store volumes instead.
            """
        let qs = importer.parse(text, file: "x.txt").questions
        try #require(qs.count == 1, "got stems \(qs.map(\.stem))")
        #expect(qs[0].options.count == 5)
    }
}

// MARK: - Answer keys

/// A key in the `--key` syntax and the option indices it must give.
struct BlogKeyCase: CustomTestStringConvertible, Sendable {
    var text: String
    var expected: [Int: [Int]]
    var rule: String
    var testDescription: String { "\(rule): \(text.debugDescription)" }
}

/// A key with a mistake and where it must be reported.
struct BlogKeyErrorCase: CustomTestStringConvertible, Sendable {
    var text: String
    var line: Int
    var column: Int
    var message: String
    var rule: String
    var testDescription: String { "\(rule): \(text.debugDescription)" }
}

@Suite("Answer key text")
struct AnswerKeyTextTests {
    static let valid: [BlogKeyCase] = [
        BlogKeyCase(text: "1:B 2:AD", expected: [1: [1], 2: [0, 3]],
                rule: "entries separated by spaces; several letters run together"),
        BlogKeyCase(text: "1:b,2:a,d", expected: [1: [1], 2: [0, 3]],
                rule: "lowercase letters; a comma before a digit starts the next entry, between letters it separates them"),
        BlogKeyCase(text: "3:A,C", expected: [3: [0, 2]],
                rule: "letters separated by a comma"),
        BlogKeyCase(text: """
            # Key for the KMS post
            1: B      # SSE-KMS

            2: A, D   # two answers, a space after the colon and the comma
            3:ACD
            """, expected: [1: [1], 2: [0, 3], 3: [0, 2, 3]],
                rule: "a key file: `#` comments, blank lines, one entry a line"),
        BlogKeyCase(text: "1:B;2:C\t3:D", expected: [1: [1], 2: [2], 3: [3]],
                rule: "semicolons and tabs separate entries"),
        BlogKeyCase(text: "1=B 2.C 3)D", expected: [1: [1], 2: [2], 3: [3]],
                rule: "`=`, `.` and `)` may follow the number instead of `:`"),
        BlogKeyCase(text: "4:D,A 5:AA", expected: [4: [0, 3], 5: [0]],
                rule: "letters are sorted and deduplicated"),
        BlogKeyCase(text: "6:A+C 7:B & D", expected: [6: [0, 2], 7: [1, 3]],
                rule: "`+` and `&` join letters"),
        BlogKeyCase(text: "10:B 11:C", expected: [10: [1], 11: [2]],
                rule: "numbers of several digits"),
        BlogKeyCase(text: "", expected: [:], rule: "an empty key is empty"),
        BlogKeyCase(text: "# nothing yet\n\n", expected: [:], rule: "a key of comments only is empty"),
    ]

    @Test("valid keys", arguments: valid)
    func parses(_ c: BlogKeyCase) throws {
        #expect(try AnswerKeyText.parse(c.text) == c.expected)
    }

    @Test("a key file with CRLF line endings reads like one with LF")
    func crlfKeyFile() throws {
        // Rule: newlines between entries may be Windows line endings; `\r` is no letter of an entry.
        #expect(try AnswerKeyText.parse("1:B\r\n2:AD\r\n") == [1: [1], 2: [0, 3]])
        #expect(try AnswerKeyText.parse("# key\r\n3:C # note\r\n\r\n4:A") == [3: [2], 4: [0]])
        let problem = try #require(throws: AnswerKeyText.Problem.self) { try AnswerKeyText.parse("1:B\r\n2B\r\n") }
        #expect((problem.line, problem.column) == (2, 2))
    }

    static let invalid: [BlogKeyErrorCase] = [
        BlogKeyErrorCase(text: "x:B", line: 1, column: 1, message: "expected a question number, found `x`",
                     rule: "an entry starts with a question number"),
        BlogKeyErrorCase(text: "1B", line: 1, column: 2, message: "expected `:` after question number 1",
                     rule: "the number is followed by `:` (reported where it is missing)"),
        BlogKeyErrorCase(text: "1:", line: 1, column: 3, message: "no option letters for question 1",
                     rule: "an entry names at least one letter"),
        BlogKeyErrorCase(text: "1:B2", line: 1, column: 4, message: "expected option letters for question 1, found `2`",
                     rule: "a digit right after letters is not a new entry"),
        BlogKeyErrorCase(text: "1:A # first\n2 A", line: 2, column: 2, message: "expected `:` after question number 2",
                     rule: "lines count after a comment; a space is not `:`"),
        BlogKeyErrorCase(text: "1:B\n\n  7:?", line: 3, column: 5, message: "expected option letters for question 7, found `?`",
                     rule: "`?` (unkeyed) is not a letter; columns count leading spaces"),
    ]

    @Test("invalid keys are reported at their line and column", arguments: invalid)
    func rejects(_ c: BlogKeyErrorCase) throws {
        let problem = try #require(throws: AnswerKeyText.Problem.self) { try AnswerKeyText.parse(c.text) }
        #expect(problem.message == c.message)
        #expect(problem.line == c.line)
        #expect(problem.column == c.column)
    }

    static let misplaced: [BlogKeyErrorCase] = [
        BlogKeyErrorCase(text: "1:A\n2:B\n1:C", line: 3, column: 1, message: "question 1 appears twice in the key",
                     rule: "a question appears once; the second entry's number is reported"),
        BlogKeyErrorCase(text: "2:B 0:A", line: 1, column: 5, message: "question number `0` is out of range",
                     rule: "question numbers start at 1; the number is reported"),
    ]

    @Test("errors about an entry's number point at the number", arguments: misplaced)
    func pointsAtNumber(_ c: BlogKeyErrorCase) throws {
        let problem = try #require(throws: AnswerKeyText.Problem.self) { try AnswerKeyText.parse(c.text) }
        #expect(problem.message == c.message)
        #expect(problem.line == c.line)
        #expect(problem.column == c.column)
    }
}

// MARK: - Key validation and conversion

@Suite("Blog importer: key validation and conversion")
struct BlogImporterKeyTests {
    let importer = BlogImporter()
    let result: BlogImporter.Result
    init() throws { result = try BlogFixture.parse("kms-key-policies.txt") }

    @Test("a key that fits the post has no problems")
    func fits() throws {
        try #require(result.questions.count == 5)
        let key = try AnswerKeyText.parse("1:B 2:A 3:ACD 4:A 5:ABC")
        #expect(importer.validate(key: key, against: result, keyLabel: "--key").isEmpty)
    }

    @Test("a question number beyond the post")
    func numberOutOfRange() throws {
        try #require(result.questions.count == 5)
        let problems = importer.validate(key: [6: [0]], against: result, keyLabel: "keys.txt")
        #expect(problems.map(\.code) == ["B003"])
        #expect(problems.map(\.message) == ["key names question 6, but the post has 5 questions"])
        #expect(problems.allSatisfy { $0.severity == .error && $0.file == "keys.txt" })
        #expect(importer.validate(key: [0: [0]], against: result, keyLabel: "k").map(\.code) == ["B003"])
    }

    @Test("a letter beyond the question's options")
    func letterOutOfRange() throws {
        try #require(result.questions.count == 5)
        let problems = importer.validate(key: [1: [4]], against: result, keyLabel: "--key")
        #expect(problems.map(\.message) == ["key for question 1 names option `E`, but it has 4 options"])
        #expect(problems.allSatisfy { $0.severity == .error && $0.code == "B003" && $0.file == "--key" })
    }

    @Test("a count that differs from what the question asks for")
    func countMismatch() throws {
        try #require(result.questions.count == 5)
        // Question 3 says "Select 3"; question 1 asks for one answer.
        let problems = importer.validate(key: [1: [0, 1], 3: [0, 2]], against: result, keyLabel: "--key")
        #expect(problems.map(\.message) == [
            "key for question 1 has 2 answers, but the question asks for 1",
            "key for question 3 has 2 answers, but the question asks for 3",
        ])
        #expect(problems.allSatisfy { $0.code == "B003" && $0.severity == .error })
    }

    @Test("several problems are all reported, in question order")
    func several() throws {
        try #require(result.questions.count == 5)
        let problems = importer.validate(key: [9: [0], 2: [5], 5: [0]], against: result, keyLabel: "--key")
        #expect(problems.map(\.message) == [
            "key for question 2 names option `F`, but it has 4 options",
            "key for question 5 has 1 answer, but the question asks for 3",
            "key names question 9, but the post has 5 questions",
        ])
    }

    @Test("questions(from:) keys the named questions and leaves the rest unkeyed")
    func conversion() throws {
        try #require(result.questions.count == 5)
        let questions = importer.questions(from: result, key: [1: [1], 3: [3, 0, 2]], idPrefix: "kms", source: "kms-key-policies.txt")
        #expect(questions.map(\.id) == ["kms-01", "kms-02", "kms-03", "kms-04", "kms-05"])
        #expect(questions.map(\.key) == [.options([1]), .unkeyed, .options([0, 2, 3]), .unkeyed, .unkeyed])
        #expect(questions.map(\.level) == [.associate, .associate, .associate, .professional, .associate])
        #expect(questions.map(\.source) == (1...5).map { "kms-key-policies.txt, question \($0)" })
        #expect(questions.allSatisfy { $0.topics.isEmpty })
        #expect(questions[0].stem == result.questions[0].stem)
        #expect(questions[0].options.map(\.text) == result.questions[0].optionTexts)
        #expect(questions[0].options.map(\.note) == result.questions[0].optionNotes)
        #expect(questions[2].answersAskedFor == 3)
        let unsourced = importer.questions(from: result, key: [:], idPrefix: "p", source: nil)
        #expect(unsourced.allSatisfy { $0.source == nil && $0.key == .unkeyed })
    }

    @Test("id prefix: the title's slug when short, else the file name's", arguments: [
        // (title, file name, prefix)
        ("AWS IAM Role", "000_bc46414ecc8c8e05.txt", "aws-iam-role"),               // short title
        ("AWS KMS Key Policies", "kms.txt", "aws-kms-key-policies"),
        ("AWS Certification Exam Practice Questions For IAM", "posts/iam-post.txt", "iam-post"), // 7 words: file name
        ("Amazon-Simple-Storage-Service-and-Glacier-Storage-Classes", "s3.txt", "s3"), // over 48 characters
        (nil, "blog/000_bc46414ecc8c8e05.txt", "000-bc46414ecc8c8e05"),              // no title; `_` becomes `-`
        (nil, "My Post.TXT", "my-post"),
    ] as [(String?, String, String)])
    func idPrefix(title: String?, fileName: String, prefix: String) {
        #expect(BlogImporter.idPrefix(title: title, fileName: fileName) == prefix)
    }
}
