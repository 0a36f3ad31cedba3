import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import QuizBank


@Suite("Printer round trip and robustness")
struct RoundTripTests {
    static var builtinTexts: [String] {
        BuiltinBank.files.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    @Test("parse, print, parse gives the same bank: the built-in bank and the sample")
    func roundTrip() {
        for text in Self.builtinTexts + [sampleQuestion] {
            let first = BankParser().parse(text, file: "a")
            #expect(!first.diagnostics.hasErrors)
            let printed = BankPrinter().print(first.questions)
            let second = BankParser().parse(printed, file: "b")
            #expect(second.diagnostics.filter { $0.severity == .error }.isEmpty, "\(second.diagnostics)")
            #expect(second.questions == first.questions)
            // Printing is canonical: printing again gives the same text.
            #expect(BankPrinter().print(second.questions) == printed)
        }
    }

    @Test("stem lists and lines that need `\\` round-trip; the printer writes lists as `  * item`")
    func stemListsRoundTrip() throws {
        var question = try #require(BankParser().parse(sampleQuestion, file: "a").questions.first)
        question.stem = "A company needs:\n\n• one\n• two, with a # and why: inside\n\n- a paragraph that starts like an option"
            + "\n\n* or a list\n\n1. or a numbered option\n\nexplanation: or a field\n\n# or a comment\n\n\\ or a backslash"
        question.options[1].why = "first\n\n- second paragraph\n\nwhy: third\n\n\\fourth"
        question.explanation = "one\n\n\\two"
        let printed = BankPrinter().print([question])
        #expect(printed.contains("A company needs:\n\n  * one\n  * two, with a # and why: inside\n\n\\- a paragraph"), "\(printed)")
        let back = BankParser().parse(printed, file: "b")
        #expect(!back.diagnostics.hasErrors, "\(back.diagnostics.map(\.message))\n\(printed)")
        #expect(back.questions == [question], "\(printed)")
        #expect(BankPrinter().print(back.questions) == printed)
    }

    @Test("scenario links round-trip: scenario, right-when and each option's verify")
    func verifiedRoundTrip() throws {
        let text = """
            ## deputy
            level: professional
            topics: external-id
            scenario: confused-deputy
            right-when: fails

            Which request is refused?

            - The vendor assumes the role without the External ID.
              why: the trust policy asks for it
              verify: without-id
            - The vendor assumes the role with the right External ID.
              why: that is the intended path
              verify: #3

            answer: A
            """
        let first = BankParser().parse(text, file: "a.iqb")
        #expect(!first.diagnostics.hasErrors, "\(first.diagnostics)")
        let question = try #require(first.questions.first)
        #expect(question.scenario == "confused-deputy")
        #expect(question.rightWhen == .fails)
        #expect(question.options.map(\.verify) == ["without-id", "#3"])
        #expect(question.options[0].verifyPosition.location == SourceLocation(line: 11, column: 11))
        let printed = BankPrinter().print(first.questions)
        #expect(printed.contains("right-when: fails\n") && printed.contains("  verify: #3\n"))
        #expect(BankParser().parse(printed, file: "b.iqb").questions == first.questions)
    }

    @Test("imported blog questions round-trip through the printer, with notes and unkeyed keys")
    func importedRoundTrip() {
        let post = """
            Practice Questions
            - Which service issues temporary credentials? (Choose 2 answers) [PROFESSIONAL]
            - AWS STS (Security Token Service)
            - Amazon S3 (stores objects, not credentials)
            - IAM Identity Center
            """
        let importer = BlogImporter()
        let result = importer.parse(post, file: "p.txt")
        let questions = importer.questions(from: result, key: [:], idPrefix: "p", source: "p.txt")
        let printed = BankPrinter().print(questions, comment: "imported\n\nfor a test")
        let parsed = BankParser().parse(printed, file: "x")
        #expect(parsed.questions == questions)
        #expect(parsed.diagnostics.contains { $0.code == "W102" })
    }

    /// Mutations an editor could make: delete, duplicate or swap lines, change indentation, insert
    /// characters (including control characters, markers and field-like text), truncate.
    static func mutate(_ text: String, random: inout TestRandom) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let pieces = ["- ", "## ", "  ", "answer: ", "why: ", "level: ", "#", ":", "\u{1B}[31m", "\t", "\r", "?", "(Choose 2)",
                      "é", "漢", "\u{0}", "\u{202E}", "Z", ",", "topics: ", "\n", "-"]
        for _ in 0..<(1 + random.below(4)) {
            guard !lines.isEmpty else { break }
            let i = random.below(lines.count)
            switch random.below(7) {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[i], at: i)
            case 2: lines.swapAt(i, random.below(lines.count))
            case 3: lines[i] = "  " + lines[i]
            case 4: lines[i] = String(lines[i].drop { $0 == " " })
            case 5:
                var chars = Array(lines[i])
                chars.insert(contentsOf: pieces[random.below(pieces.count)], at: random.below(chars.count + 1))
                lines[i] = String(chars)
            default: lines = Array(lines.prefix(i))
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test("random mutations of valid banks never crash or hang; what parses cleanly still round-trips")
    func mutationProperty() {
        var random = TestRandom(state: 20_261_128)
        let bases = Self.builtinTexts.map { String($0.prefix(6000)) } + [sampleQuestion]
        var clean = 0
        for iteration in 0..<1500 {
            let base = bases[iteration % bases.count]
            let mutated = Self.mutate(base, random: &random)
            let result = BankParser().parse(mutated, file: "m")
            for d in result.diagnostics {
                if let range = d.range {
                    #expect(range.start.line >= 1 && range.start.column >= 1)
                }
            }
            if !result.diagnostics.hasErrors {
                clean += 1
                let again = BankParser().parse(BankPrinter().print(result.questions), file: "p")
                #expect(again.questions == result.questions, "mutation \(iteration) did not round-trip:\n\(mutated)")
            }
        }
        #expect(clean > 100, "too few mutations parsed cleanly to test the round trip")
    }

    @Test("random bytes never crash the parser")
    func randomBytes() {
        var random = TestRandom(state: 7)
        for _ in 0..<300 {
            let count = random.below(400)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            _ = BankParser().parse(bytes: bytes, file: "r")
            let text = String(decoding: bytes, as: UTF8.self)
            _ = BankParser().parse(text, file: "r")
            _ = BlogImporter().parse(text, file: "r")
        }
    }

    @Test("a very long line is parsed in linear time (no hang)")
    func longLine() {
        let long = "## q\nlevel: associate\n\n" + String(repeating: "word (Choose ", count: 20_000) + "?\n- a\n- b\nanswer: A\n"
        let result = BankParser().parse(long, file: "l")
        #expect(result.questions.count == 1)
        _ = BlogImporter().parse("Practice questions\n- " + String(repeating: "x (", count: 20_000) + "?\n- a\n- b", file: "l")
    }
}
