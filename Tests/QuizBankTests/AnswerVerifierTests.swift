import Diagnostics
import Testing
import TestSupport
@testable import QuizBank

/// A reader of one bucket: reads work, writes do not, and `whoami` only shows who is asking.
private let readerScenario = """
    scenario: reader
    title: A user who may read the reports bucket
    start: 2026-03-02T09:00:00Z

    account 111111111111 main

    user main/reader
      policy read: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}

    resource arn:aws:s3:::reports
      owner: main

    step as-reader: as user main/reader
    step read: can s3:GetObject arn:aws:s3:::reports/q1.csv
      expect: allowed
    step write: can s3:PutObject arn:aws:s3:::reports/q1.csv
      expect: implicitDeny
    step who: whoami
    """

/// One verification case: a bank (and a scenario, when it differs from `readerScenario`) with markers
/// where the verifier's diagnostics must point, and the code at each marker. Bank markers are 1️⃣ to 8️⃣,
/// scenario markers 9️⃣, so each names its file.
struct VerificationCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var scenario = readerScenario
    var bank: String
    var expected: [(marker: Character, code: String)]
    var testDescription: String { rule }
}

/// A question on the reader scenario: `##` and its id (after `mark`, for a marker), the leading fields
/// (`extra` adds one such as `right-when: fails`), the stem, the options as (text, `verify:` value) and
/// the key.
private func question(mark: String = "", scenario: String = "reader", extra: String = "",
                      _ options: [(text: String, verify: String?)], answer: String) -> String {
    var text = "\(mark)## q\nlevel: associate\ntopics: s3\nscenario: \(scenario)\n\(extra)\nWhat can the reader do?\n\n"
    for option in options {
        text += "- \(option.text)\n  why: w\n" + (option.verify.map { "  verify: \($0)\n" } ?? "")
    }
    return text + "\nanswer: \(answer)\n"
}

@Suite("Answer verification: diagnostics at marked positions")
struct AnswerVerifierTests {
    static let cases: [VerificationCase] = [
        VerificationCase(rule: "V001: a question names a scenario that does not exist, at the `scenario:` value",
                         bank: question(scenario: "1️⃣raeder", [("read", "read"), ("write", nil)], answer: "A"),
                         expected: [("1️⃣", "V001")]),
        VerificationCase(rule: "V002: a step that does not meet its own `expect:`, at the step, however the key agrees", scenario: """
            \(readerScenario)
            9️⃣step delete: can s3:DeleteObject arn:aws:s3:::reports/q1.csv
              expect: allowed
            """, bank: question([("read", "read"), ("write", "write")], answer: "A"), expected: [("9️⃣", "V002")]),
        VerificationCase(rule: "V003: `verify:` names a step the scenario does not have, at the `verify:` value",
                         bank: question([("read", "1️⃣raed"), ("write", nil)], answer: "A"), expected: [("1️⃣", "V003")]),
        VerificationCase(rule: "V004: the key contradicts a step: keyed right, but the step fails, at its `verify:` value",
                         bank: question([("read", "read"), ("write", "1️⃣write")], answer: "A, B"), expected: [("1️⃣", "V004")]),
        VerificationCase(rule: "V004: with `right-when: fails`, a working step keyed right contradicts the key",
                         bank: question(extra: "right-when: fails\n", [("read", "1️⃣read"), ("write", "write")], answer: "A, B"),
                         expected: [("1️⃣", "V004")]),
        VerificationCase(rule: "V005: `verify:` names a step that only shows something, at the `verify:` value",
                         bank: question([("read", "read"), ("ask who it is", "1️⃣who")], answer: "A"), expected: [("1️⃣", "V005")]),
        VerificationCase(rule: "W107: an unkeyed question whose options are all verified: the scenario gives the key, at the question",
                         bank: question(mark: "1️⃣", [("read", "read"), ("write", "write")], answer: "?"), expected: [("1️⃣", "W107")]),
        VerificationCase(rule: "a key that agrees with every step gives no diagnostic",
                         bank: question([("read", "read"), ("write", "write")], answer: "A"), expected: []),
    ]

    @Test(arguments: cases)
    func diagnosticsAtMarkers(_ testCase: VerificationCase) throws {
        let scenario = MarkedText(testCase.scenario)
        let bank = MarkedText(testCase.bank)
        var library = ScenarioLibrary()
        library.add(text: scenario.text, file: "reader.iqs", baseDirectory: "/")
        try #require(library.diagnostics.isEmpty, "\(library.diagnostics)")
        let parsed = BankParser().parse(bank.text, file: "case.iqb")
        try #require(!parsed.diagnostics.hasErrors, "\(parsed.diagnostics)")

        let report = AnswerVerifier(library: library).verify(parsed.questions)
        let found = report.diagnostics.map { "\($0.file):\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0) \($0.code)" }
        let wanted = testCase.expected.map { marker, code in
            let (file, location) = marker == "9️⃣" ? ("reader.iqs", scenario[marker]) : ("case.iqb", bank[marker])
            return "\(file):\(location.line):\(location.column) \(code)"
        }
        #expect(found == wanted)
    }
}
