import Diagnostics
import Testing
@testable import QuizBank

// Tests of what every bank format shares: `SourceFile` (decoding, line breaks), `OptionLetter`, and the
// choice of a `BankImporter` by extension.

/// A text, a format's line breaks, and the lines expected.
struct LineBreakCase: CustomTestStringConvertible, Sendable {
    var text: String
    var breaks: SourceFile.LineBreaks
    var lines: [String]
    var testDescription: String { "\(breaks): \(text.debugDescription)" }
}

@Suite("Source files")
struct SourceFileTests {
    static let cases: [LineBreakCase] = [
        LineBreakCase(text: "a\nb\r\nc", breaks: .lineFeed, lines: ["a", "b", "c"]),
        LineBreakCase(text: "a\rb\n", breaks: .lineFeed, lines: ["a\rb", ""]),
        LineBreakCase(text: "a\rb\r\nc\nd", breaks: .any, lines: ["a", "b", "c", "d"]),
        LineBreakCase(text: "a\rb\nc", breaks: .lineFeedOrOldMac, lines: ["a\rb", "c"]),
        LineBreakCase(text: "a\rb\rc", breaks: .lineFeedOrOldMac, lines: ["a", "b", "c"]),
        LineBreakCase(text: "\u{FEFF}a\n\u{FEFF}b", breaks: .lineFeed, lines: ["a", "\u{FEFF}b"]),
        LineBreakCase(text: "", breaks: .any, lines: [""]),
    ]

    @Test("lines end where the format ends them; a byte order mark at the start is dropped", arguments: cases)
    func lineBreaks(_ c: LineBreakCase) {
        let source = SourceFile(text: c.text, file: "f", lineBreaks: c.breaks)
        #expect(source.lines.map { String($0.text) } == c.lines)
        #expect(source.lines.map(\.number) == Array(1...c.lines.count))
        #expect(source.text == c.text)
    }

    @Test("bytes that are not UTF-8 are E015 at the first bad byte, counting lines at any break")
    func notUTF8() {
        let bytes = Array("\u{FEFF}one\r\ntwo\rt\u{E9}".utf8) + [0xFF] + Array("\nmore".utf8)
        for breaks in [SourceFile.LineBreaks.lineFeed, .any, .lineFeedOrOldMac] {
            guard case .failure(let diagnostic) = SourceFile.decode(bytes, file: "f", lineBreaks: breaks, help: "h") else {
                Issue.record("decoded bytes that are not UTF-8")
                continue
            }
            #expect(diagnostic.code == "E015" && diagnostic.help == "h")
            #expect(diagnostic.range?.start == SourceLocation(line: 3, column: 3))
        }
    }

    @Test("option letters: A to Z, then #27 in messages; only single capitals name an option")
    func optionLetters() {
        #expect((0..<26).map(OptionLetter.letter).joined() == "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        #expect(OptionLetter.letter(26) == "#27")
        #expect((0..<26).map { OptionLetter.index(Character(OptionLetter.letter($0))) } == Array(0..<26))
        for character: Character in ["a", "z", "1", "É", "A\u{301}", "["] {
            #expect(OptionLetter.index(character) == nil, "\(character)")
        }
    }

    @Test("a bank file's importer is chosen by its extension, in any case")
    func importerByExtension() {
        #expect(BankLoader.importer(for: "x/quiz.GIFT") is GIFTImporter)
        #expect(BankLoader.importer(for: "quiz.aiken") is AikenImporter)
        #expect(BankLoader.importer(for: "quiz.iqb") is BankParser)
        #expect(BankLoader.importer(for: "quiz.txt") == nil)
        let extensions = BankLoader.importers.map { type(of: $0).fileExtension }
        #expect(Set(extensions).count == extensions.count)
    }
}
