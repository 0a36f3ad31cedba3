import Foundation
import Diagnostics
import Testing
import TestSupport
@testable import QuizBank

/// The cue lints of `iamquiz check` (W110 to W114, `allow:`), at marked positions. Each case states the
/// rule from QUESTION-STYLE.md that the warning enforces.
@Suite("Bank lints: cues that give the key away, at marked positions")
struct BankLintsTests {
    static let cases: [DiagnosticCase] = [
        DiagnosticCase(rule: "W110: the single key is longer than every other option by 25% or more", bank: """
            ## q
            level: associate
            topics: roles

            Which way should an application on a server get its credentials?

            - From a file on disk.
              why: w
            - 1️⃣From the instance's role, through the metadata service, rotated automatically.
              why: w
            - From the environment.
              why: w

            answer: B
            """, expected: [("1️⃣", "W110")]),
        DiagnosticCase(rule: "W110 is not raised when a distractor is nearly as long as the key", bank: """
            ## q
            level: associate
            topics: roles

            Which way should an application on a server get its credentials?

            - From a file on disk that an administrator copies there each week.
              why: w
            - From the instance's role, through the metadata service.
              why: w
            - From the environment variables of the shell.
              why: w

            answer: B
            """, expected: []),
        DiagnosticCase(rule: "W111: a topic tag that only the right option mentions names the answer", bank: """
            ## q
            level: associate
            topics: iam, 1️⃣service-linked-role

            A service created a role in your account that you cannot edit. Why can you not edit it?

            - It is a service-linked role whose permissions the service defines.
              why: w
            - It is a role that a service of another account in your organization created.
              why: w
            - It is a role with a permissions boundary, set by the service, that forbids edits.
              why: w

            answer: A
            """, expected: [("1️⃣", "W111")]),
        DiagnosticCase(rule: "W111 is not raised when a wrong option names the topic too", bank: """
            ## q
            level: associate
            topics: service-linked-role

            A service created a role in your account that you cannot edit. Why can you not edit it?

            - It is a service-linked role whose permissions the service defines.
              why: w
            - It is a service-linked role of another account of your organization.
              why: w
            - It is a role with a permissions boundary, set by the service, that forbids edits.
              why: w

            answer: A
            """, expected: []),
        DiagnosticCase(rule: "W112: a rare stem word that comes back in the right option only", bank: """
            ## q
            level: associate
            topics: roles

            The Auditor role must be assumable by the security account. What do you change?

            - The trust policy of the 1️⃣Auditor role.
              why: w
            - The permissions policy of the security account's users.
              why: w
            - The account's password policy.
              why: w

            answer: A
            """, expected: [("1️⃣", "W112")]),
        DiagnosticCase(rule: "W112: a plural in the stem matches the singular in the key, and the warning marks the key's word", bank: """
            ## q
            level: associate
            topics: roles

            Which setting keeps the buckets private?

            - Block Public Access on the 1️⃣bucket.
              why: w
            - An SCP attached to the whole organization.
              why: w
            - A tag on the object.
              why: w

            answer: A
            """, expected: [("1️⃣", "W112")]),
        DiagnosticCase(rule: "W113: option letters cited in why, note, explanation, changed and disputed", bank: """
            ## q
            level: associate
            topics: roles

            Which?

            - one
              why: unlike 1️⃣option B, this works.
            - two
              why: w
              note: see 2️⃣(A, C)
            - three
              why: w

            answer: A
            explanation: The key is A. 3️⃣B and C fail for the same reason.
            changed: 4️⃣Answer C was right until 2020.
            disputed: some argue. 5️⃣C is right too.
            disputed: the blog keyed the other option (6️⃣C, "the role first"); a reader said that 7️⃣A says so.
            """, expected: [("1️⃣", "W113"), ("2️⃣", "W113"), ("3️⃣", "W113"), ("4️⃣", "W113"), ("5️⃣", "W113"),
                              ("6️⃣", "W113"), ("7️⃣", "W113")]),
        DiagnosticCase(rule: "W113 leaves prose alone: accounts named A and B, an article, acronyms in parentheses, letters past the options", bank: """
            ## q
            level: associate
            topics: roles

            Which?

            - Account A trusts account B.
              why: a role in account A and account B's users (IAM) work together.
            - A role in account B, a trust.
              why: w
            - three
              why: w (see option F of the guide)

            answer: A
            explanation: A user of account B switches. Account A and B agree (S). Account B is trusted, and
              a user in Region C is denied.
            """, expected: []),
        DiagnosticCase(rule: "W114: an option about the other options breaks when they are shuffled", bank: """
            ## q
            level: associate
            topics: roles

            Which?

            - The first answer
              why: w
            - The second answer
              why: w
            - 1️⃣All of the above
              why: w

            answer: C
            """, expected: [("1️⃣", "W114")]),
        DiagnosticCase(rule: "allow: accepts a reviewed warning on one question, with its reason", bank: """
            ## q
            level: associate
            topics: roles
            allow: W114 a reviewed exception for this test

            Which?

            - The first answer
              why: w
            - The second answer
              why: w
            - None of the above
              why: w

            answer: C
            """, expected: []),
        DiagnosticCase(rule: "allow: accepts parser warnings too (W101), and only the codes it names", bank: """
            ## q
            level: associate
            topics: roles
            allow: W101 the options explain themselves

            Which?

            - The first answer
            - The second answer
            - 1️⃣None of the above
              why: w

            answer: C
            """, expected: [("1️⃣", "W114")]),
        DiagnosticCase(rule: "E024: allow: without a reason, or naming an error or an unknown code", bank: """
            ## q
            level: associate
            topics: roles
            allow: 1️⃣W114
            allow: 2️⃣E003 the key is fine
            allow: 3️⃣W999 why not

            Which?

            - The first answer
              why: w
            - The second answer
              why: w
            - 4️⃣None of the above
              why: w

            answer: C
            """, expected: [("1️⃣", "E024"), ("2️⃣", "E024"), ("3️⃣", "E024"), ("4️⃣", "W114")]),
    ]

    @Test(arguments: cases)
    func warningAtMarker(_ c: DiagnosticCase) {
        let marked = MarkedText(c.bank)
        let parsed = BankParser().parse(marked.text, file: "case.iqb")
        let diagnostics = parsed.diagnostics + BankLints.diagnostics(for: parsed.questions, sources: ["case.iqb": marked.text])
        let found = diagnostics.map { "\($0.code)@\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0)" }.sorted()
        let expected = c.expected.map { marker, code in "\(code)@\(marked[marker].line):\(marked[marker].column)" }.sorted()
        #expect(found == expected, "\(diagnostics.map { "\($0.code) \($0.message)" })")
        for d in diagnostics {
            #expect(!d.message.contains("\n"))
            #expect(d.message.first.map { !$0.isUppercase } ?? false, "\(d.message)")
            #expect(!d.message.hasSuffix("."))
        }
    }

    /// The warnings of a file with CRLF line breaks stand where those of the same file with LF do: the
    /// lines that place them end before `\r\n` as the parser's do (the bank format accepts both).
    @Test("a CRLF file's cue warnings stand on the same words as an LF file's", arguments: cases)
    func crlfPlaces(_ c: DiagnosticCase) {
        let text = MarkedText(c.bank).text
        func places(_ source: String) -> [String] {
            let parsed = BankParser().parse(source, file: "case.iqb")
            return BankLints.diagnostics(for: parsed.questions, sources: ["case.iqb": source])
                .map { "\($0.code)@\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0)" }
        }
        #expect(places(text.replacingOccurrences(of: "\n", with: "\r\n")) == places(text))
    }

    @Test("the bank's figure: how often the single key is the strictly longest option, against chance")
    func longestKeyShare() {
        func question(_ id: String, _ options: [String], key: [Int]) -> Question {
            Question(id: id, stem: "Which?", options: options.map { AnswerOption(text: $0) }, key: .options(key))
        }
        let questions = [
            question("longest", ["a much longer option", "short", "tiny"], key: [0]),
            question("tied", ["same size", "same size!"], key: [1]),  // strictly longest by one character
            question("not-longest", ["short", "a much longer option", "x", "y"], key: [0]),
            question("equal", ["equal", "equal"], key: [0]),  // a tie is not strictly longest
            question("multi", ["a much longer option", "b"], key: [0, 1]),  // not single-answer
            question("shortest", ["a", "bbb", "cc"], key: [0]),
            Question(id: "unkeyed", stem: "?", options: [AnswerOption(text: "long one"), AnswerOption(text: "b")], key: .unkeyed),
        ]
        let share = BankLints.longestKeyShare(questions)
        #expect(share.singleAnswer == 5)
        #expect(share.keyLongest == 2)
        #expect(share.keyShortest == 1)
        #expect(share.share == 0.4)
        // Chance: (1/3 + 1/2 + 1/4 + 1/2 + 1/3) / 5.
        #expect(abs(share.chance - (1.0 / 3 + 0.5 + 0.25 + 0.5 + 1.0 / 3) / 5) < 1e-9)
    }

    @Test("allow: survives printing and parsing again")
    func allowRoundTrip() throws {
        let text = """
            ## q
            level: associate
            topics: roles
            allow: W110 the key must name all three conditions

            Which?

            - one
              why: w
            - two
              why: w

            answer: A
            """
        let first = BankParser().parse(text, file: "a.iqb")
        let printed = BankPrinter().print(first.questions)
        let second = BankParser().parse(printed, file: "b.iqb")
        #expect(second.questions.first?.allowed == [AllowedWarning(code: "W110", reason: "the key must name all three conditions")])
        #expect(second.questions == first.questions)
    }
}
