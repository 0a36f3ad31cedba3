import Diagnostics
import Foundation
import QuizBank
import Testing
@testable import QuizEngine

/// A fixed paper (`iamquiz exam --export`) and the exam that takes it (`--fixed-order`).
@Suite("Exam paper")
struct ExamPaperTests {
    static let bank = BuiltinBank.load().bank
    static let saa = Blueprint.builtin(named: "saa-c03")!
    static let day = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01 00:00 UTC

    /// The exam `iamquiz exam --seed SEED --count COUNT` draws from the built-in bank.
    static func exam(seed: UInt64, count: Int = 65) -> ExamSession {
        let filter = QuizFilter(level: saa.level, count: count)
        return ExamSession.drawn(from: bank, filter: filter, weights: saa.topicWeights, seed: seed, timeLimit: 130 * 60,
                                 passMark: saa.passMark).exam
    }

    static func details(seed: UInt64, blueprint: Blueprint = saa, argument: String = "saa-c03", isFile: Bool = false,
                        minutes: Double = 130, paper: String = "paper.iqb") -> ExamPaper.Details {
        ExamPaper.Details(blueprint: blueprint, blueprintArgument: argument, blueprintIsFile: isFile, seed: seed, minutes: minutes,
                          source: "the built-in bank (associate)", paperFile: paper, written: day)
    }

    /// The paper's questions as a learner's iamquiz reads them from the file.
    static func read(_ text: String) throws -> [Question] {
        let parsed = BankParser().parse(text, file: "paper.iqb")
        #expect(!parsed.diagnostics.hasErrors, "\(parsed.diagnostics)")
        return parsed.questions
    }

    @Test("the paper written with a seed holds the exam that seed draws: same ids, option texts in order, keys on the same texts",
          arguments: [7, 8] as [UInt64])
    func paperIsTheExam(seed: UInt64) throws {
        let written = ExamPaper(exam: Self.exam(seed: seed), details: Self.details(seed: seed), scenarios: []).text(.iqb)
        #expect(written.count == 65 && written.diagnostics.isEmpty)
        let paper = try Self.read(written.text)
        // The exam a learner starting `iamquiz exam --seed N` gets, drawn again on its own.
        let exam = Self.exam(seed: seed)
        #expect(paper.map(\.id) == exam.items.map(\.question.question.id))
        #expect(paper.map { $0.options.map(\.text) } == exam.items.map { $0.question.options.map(\.text) })
        #expect(paper.map(\.key.indices) == exam.items.map(\.question.correctDisplayIndices))
        // The draw shuffles options: the paper does not merely copy the bank's order.
        #expect(zip(paper, exam.items).contains { $0.options != $1.question.question.options })
        #expect(paper.map { $0.options.map(\.why) } == exam.items.map { $0.question.options.map(\.why) })
        #expect(paper.map(\.explanation) == exam.items.map(\.question.question.explanation))
    }

    @Test("every learner who takes the paper records the same content hash for each question: the paper's, options in paper order")
    func sameHashForEveryLearner() throws {
        let text = ExamPaper(exam: Self.exam(seed: 7, count: 5), details: Self.details(seed: 7), scenarios: []).text(.iqb).text
        var hashes: [[String: String]] = []
        for learner in 0..<2 {
            // Each learner reads the file and takes it in fixed order, in a profile of their own.
            let questions = try Self.read(text)
            try withTemporaryHome { home in
                let store = try StudyFixture.store(in: home)
                var exam = ExamSession(fixedOrder: questions, timeLimit: nil)
                let recorder = try ExamRecorder(store: store, exam: exam, seed: nil, filter: " (fixed order)")
                for item in exam.items {
                    // The first learner picks the first options, the second the last ones.
                    let (n, options) = (item.question.answersRequired, item.question.order.count)
                    let picks = learner == 0 ? Array(0..<n) : Array((options - n)..<options)
                    #expect(exam.answer(String(picks.map(AnswerInput.label)), seconds: 1) == .recorded)
                }
                let result = exam.finish()
                try recorder.record(result, of: exam)
                var recorded: [String: String] = [:]
                try store.forEachAnswer { recorded[$0.questionID] = $0.contentHash }
                hashes.append(recorded)
            }
            #expect(hashes.last == Dictionary(uniqueKeysWithValues: questions.map { ($0.id, ContentHash.of($0)) }))
        }
        #expect(hashes.count == 2 && hashes[0] == hashes[1] && hashes[0].count == 5)
        // The hash is the paper's question's: where the paper's order is not the bank's, it differs from the bank's.
        let written = try Self.read(text)
        let bankHashes = Dictionary(Self.bank.questions.map { ($0.id, ContentHash.of($0)) }, uniquingKeysWith: { first, _ in first })
        let reordered = written.filter { question in Self.bank.questions.first { $0.id == question.id }?.options != question.options }
        #expect(!reordered.isEmpty)
        #expect(reordered.allSatisfy { hashes[0][$0.id] != bankHashes[$0.id] })
    }

    @Test("the GIFT paper, taken with --bank, holds the same questions as the iqb paper: same ids, order and content hashes")
    func giftPaperIsTheSame() throws {
        let paper = ExamPaper(exam: Self.exam(seed: 7), details: Self.details(seed: 7, paper: "paper.gift"), scenarios: [])
        let gift = GIFTImporter()
        let parsed = gift.parse(paper.text(.gift).text, file: "paper.gift")
        #expect(!parsed.diagnostics.hasErrors, "\(parsed.diagnostics)")
        let fromGIFT = gift.questions(from: parsed, settings: ImportSettings())
        let fromIQB = try Self.read(paper.text(.iqb).text)
        #expect(fromGIFT.map(\.id) == fromIQB.map(\.id))
        #expect(fromGIFT.map(ContentHash.of) == fromIQB.map(ContentHash.of))
    }

    @Test("--fixed-order asks the bank's keyed questions in file order, each with its options as written")
    func fixedOrder() throws {
        let questions = try Self.read(ExamPaper(exam: Self.exam(seed: 3, count: 6), details: Self.details(seed: 3), scenarios: []).text(.iqb).text)
        var bank = Bank(questions: questions)
        bank.questions.insert(Question(id: "unkeyed", stem: "?", options: [AnswerOption(text: "x"), AnswerOption(text: "y")], key: .unkeyed), at: 2)
        let chosen = QuestionSelector.inBankOrder(bank)
        #expect(chosen.unkeyed == 1 && chosen.matching == 6)
        let exam = ExamSession(fixedOrder: chosen.questions, timeLimit: 60, passMark: 750)
        #expect(exam.items.map(\.question.question.id) == questions.map(\.id))
        #expect(exam.items.allSatisfy { $0.question.order == Array($0.question.question.options.indices) })
        #expect(exam.items.map { $0.question.options.map(\.text) } == questions.map { $0.options.map(\.text) })
        #expect(exam.timeLimit == 60 && exam.passMark == 750 && exam.position == 0)
    }

    @Test("the header names the blueprint, seed, count, time, pass mark and day, and the command learners type")
    func header() throws {
        let paper = ExamPaper(exam: Self.exam(seed: 7, count: 3), details: Self.details(seed: 7), scenarios: [])
        #expect(paper.header(.iqb) == [
            "iamquiz exam paper: saa-c03 (AWS Certified Solutions Architect - Associate (SAA-C03))",
            "3 questions, 130 minutes, pass mark 720; drawn from the built-in bank (associate) with seed 7; written 2026-01-01.",
            "Every learner gets these questions in this order, each with its options in this order.",
            "Take it with: iamquiz exam --bank paper.iqb --fixed-order --blueprint saa-c03",
        ])
        let text = paper.text(.iqb).text
        #expect(text.hasPrefix("# iamquiz exam paper: saa-c03 ") && text.contains("\n# Take it with: iamquiz exam --bank paper.iqb"))
        let gift = paper.text(.gift)
        #expect(gift.count == 3 && gift.text.hasPrefix("// iamquiz exam paper: saa-c03"))
        #expect(gift.text.contains("// In Moodle, set the quiz's \"Shuffle within questions\" to No"))
        #expect(!text.contains("Shuffle within questions"))
    }

    // Rule: the command gives the learners the exam's time limit and pass mark: a built-in blueprint by name,
    // a file by its name (handed out with the paper), `--minutes` when the exam's time is not the blueprint's.
    @Test(arguments: [
        ("saa-c03", false, 130.0, "paper.iqb", "iamquiz exam --bank paper.iqb --fixed-order --blueprint saa-c03"),
        ("saa-c03", false, 45.5, "paper.iqb", "iamquiz exam --bank paper.iqb --fixed-order --blueprint saa-c03 --minutes 45.5"),
        ("saa-c03", false, 0, "paper.iqb", "iamquiz exam --bank paper.iqb --fixed-order --blueprint saa-c03 --minutes 0"),
        ("week 3.blueprint", true, 130, "it's.iqb", "iamquiz exam --bank 'it'\\''s.iqb' --fixed-order --blueprint 'week 3.blueprint'"),
    ] as [(String, Bool, Double, String, String)])
    func command(_ argument: String, _ isFile: Bool, _ minutes: Double, _ file: String, _ expected: String) {
        let paper = ExamPaper(exam: Self.exam(seed: 1, count: 1),
                              details: Self.details(seed: 1, argument: argument, isFile: isFile, minutes: minutes, paper: file), scenarios: [])
        #expect(paper.command == expected)
        #expect(paper.header(.iqb).contains("Hand out \(argument) with the paper: it sets the time limit and the pass mark.") == isFile)
        #expect(paper.header(.iqb).contains { $0.hasPrefix("Hand out") } == isFile)
        #expect(paper.header(.iqb)[1].hasPrefix(minutes == 0 ? "1 question, no time limit," : "1 question, \(ExamPaper.number(minutes)) minutes,"))
    }

    @Test("scenario links stay when the scenario is built in; another is left out with its verify lines, and listed")
    func scenarioLinks() throws {
        let options = (0..<3).map { AnswerOption(text: "option \($0)", verify: "step\($0)") }
        let questions = [
            Question(id: "kept", stem: "Which?", options: options, key: .options([0]), scenario: "built-in", rightWhen: .fails),
            Question(id: "dropped", stem: "Which?", options: options, key: .options([1]), scenario: "folder-only", rightWhen: .fails),
            Question(id: "plain", stem: "Which?", options: [AnswerOption(text: "a"), AnswerOption(text: "b")], key: .options([1])),
        ]
        let paper = ExamPaper(exam: ExamSession(fixedOrder: questions, timeLimit: nil), details: Self.details(seed: 1),
                              scenarios: ["built-in"])
        #expect(paper.unlinked == ["dropped"])
        #expect(paper.questions[0] == questions[0])
        #expect(paper.questions[1].scenario == nil && paper.questions[1].rightWhen == .works)
        #expect(paper.questions[1].options.allSatisfy { $0.verify == nil } && paper.questions[1].key == .options([1]))
        #expect(try Self.read(paper.text(.iqb).text).map(\.scenario) == ["built-in", nil, nil])
    }
}
