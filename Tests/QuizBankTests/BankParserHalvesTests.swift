import BenchSupport
import Foundation
import QuizEngine
import Testing
@testable import BankFormat
@testable import QuizBank

/// A bank file of 1 MB or more is parsed in two halves at once, cut before a question's header. The rule that
/// makes that exact: a header line always starts a new question, and nothing of one question carries over to
/// the next. These tests hold the halves to the one-pass parse, questions (positions included) and
/// diagnostics (their order included), on large banks with every kind of line a half may start or end with.
@Suite struct BankParserHalvesTests {
    static func source(_ text: String, file: String = "big.iqb") throws -> SourceFile {
        try BankParser().decode(Array(text.utf8), file: file).get()
    }

    static func expectSameAsOnePass(_ text: String, _ comment: Comment? = nil) throws {
        let source = try source(text)
        #expect(source.text.utf8.count >= BankParser.parallelSize)
        #expect(Array(source.text.utf8).withUnsafeBufferPointer { BankParser.split($0) } != nil, "the file is cut in two")
        let halves = BankParser().parse(source, inParallel: true)
        let whole = BankParser().parse(source, inParallel: false)
        #expect(halves.questions.count == whole.questions.count, comment)
        #expect(zip(halves.questions, whole.questions).allSatisfy { $0.isExactCopy(of: $1) }, comment)
        #expect(halves.diagnostics == whole.diagnostics, comment)
    }

    static var builtInTexts: [String] { BuiltinBank.texts.map(\.text) }

    @Test("the built-in bank repeated past 1 MB: the same questions, positions and diagnostics")
    func repeatedBuiltInBank() throws {
        try Self.expectSameAsOnePass(RepeatedBank.text(count: 600, from: Self.builtInTexts))
    }

    /// Damage of every kind, at random lines: errors, control characters, stray text, CRLF line ends,
    /// headers without a blank line before them, a byte order mark and no final line break.
    @Test("damaged banks: the same diagnostics in the same order", arguments: 1...6)
    func damagedBanks(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed))
        let lines = RepeatedBank.text(count: 600, from: Self.builtInTexts).split(separator: "\n", omittingEmptySubsequences: false)
        let damage = ["stray text", "level: expert", "- ", "answer: Z", "why: orphan", "\u{7}bell", "\u{202E}reversed",
                      "topics:", "## ", "##", "## dup-id", "  indented", "\t", "explanation: late", "# a comment"]
        var out: [String] = []
        for line in lines {
            switch Int.random(in: 0..<200, using: &random) {
            case 0: out.append(damage.randomElement(using: &random)!)
            case 1: continue
            case 2: out.append(String(line) + "\r")
            case 3: out.append(String(line) + " \u{1}")
            default: out.append(String(line))
            }
        }
        var text = out.joined(separator: "\n")
        if seed.isMultiple(of: 2) { text = "\u{FEFF}" + text } else { text += "\n" }
        try Self.expectSameAsOnePass(text, "seed \(seed)")
        #expect(BankParser().parse(try Self.source(text)).diagnostics.count > 50, "the damage is found")
    }

    @Test("the cut: at a header after the middle, else before it, never without one")
    func cut() throws {
        let text = String(repeating: "x\n", count: 10) + "## a\n" + String(repeating: "y\n", count: 2) + "## b\n"
        let bytes = Array(text.utf8)
        let cut = try #require(bytes.withUnsafeBufferPointer { BankParser.split($0) })
        #expect(cut.header == 20 && cut.lineOfHeader == 11, "`## a` is the first header after the middle (byte 17)")
        let early = "x\n## a\n" + String(repeating: "z\n", count: 50)
        let before = try #require(Array(early.utf8).withUnsafeBufferPointer { BankParser.split($0) })
        #expect(before.header == 2 && before.lineOfHeader == 2)
        for none in ["## first line only\n" + String(repeating: "z\n", count: 50), "no header\n", "##x\n#### y\n x\n##\n"] {
            #expect(Array(none.utf8).withUnsafeBufferPointer { BankParser.split($0) } == nil, "\(none.prefix(20))")
        }
    }
}
