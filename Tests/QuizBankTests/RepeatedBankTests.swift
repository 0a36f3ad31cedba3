import BenchSupport
import Diagnostics
import Testing
@testable import QuizBank

/// The generator of `bank-bench`'s large banks: its output must be a valid bank of exactly the size asked,
/// or the benchmark would time a parser reporting errors, or the wrong number of questions.
@Suite("Generated banks for the benchmark")
struct RepeatedBankTests {
    static let first = """
        # A file's opening comment.

        ## first-question
        level: associate
        topics: sts

        Which call returns temporary credentials?

        - sts:AssumeRole
        - iam:CreateUser

        answer: A

        ## second.question
        level: professional
        topics: trust-policy

        Which document says who may assume a role?

        - The trust policy.
        - The permissions boundary.

        answer: A
        """

    @Test("n questions with unique, valid, renamed ids, parsed without errors: a small bank and the built-in one",
          arguments: [(0, 5), (0, 1), (1, 3)])
    func repeated(source: Int, count: Int) throws {
        let files = source == 0 ? [Self.first] : BuiltinBank.files.map { String(decoding: $0.bytes, as: UTF8.self) }
        let total = source == 0 ? 2 : BuiltinBank.load().bank.questions.count
        let wanted = source == 0 ? count : total + count  // past the end of the first copy
        let text = RepeatedBank.text(count: wanted, from: files)
        let parsed = BankParser().parse(text, file: "generated.iqb")
        #expect(!parsed.diagnostics.hasErrors, "\(parsed.diagnostics.filter { $0.severity == .error }.prefix(3))")
        #expect(parsed.questions.count == wanted)
        let ids = parsed.questions.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { QuestionID.isValid($0) && $0.contains("-copy") })
        #expect(ids.first == (source == 0 ? "first-question-copy1" : BuiltinBank.load().bank.questions.first.map { "\($0.id)-copy1" }))
        #expect(ids.last?.hasSuffix(wanted > total ? "-copy\((wanted - 1) / total + 1)" : "-copy1") == true)
        // The questions keep everything but their ids.
        let original = BankParser().parse(files[0], file: "generated.iqb").questions[0]
        #expect(parsed.questions[0].stem == original.stem)
        #expect(parsed.questions[0].scenario == original.scenario)
    }

    @Test("without scenarios: no `scenario:` or `verify:` line is left, and the bank still parses without errors")
    func withoutScenarios() {
        let files = BuiltinBank.files.map { String(decoding: $0.bytes, as: UTF8.self) }
        let text = RepeatedBank.text(count: 40, from: files, withoutScenarios: true)
        let parsed = BankParser().parse(text, file: "generated.iqb")
        #expect(!parsed.diagnostics.hasErrors)
        #expect(parsed.questions.count == 40)
        #expect(parsed.questions.allSatisfy { $0.scenario == nil })
        #expect(!text.contains("verify:"))
    }
}
