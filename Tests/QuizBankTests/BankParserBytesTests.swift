import Diagnostics
import Foundation
import Testing
@testable import QuizBank

// The parser reads UTF-8 bytes; columns still count Unicode scalars, and a mark followed by a combining
// mark is not that mark. Each test would fail on a byte column or on a byte-only test of a mark.

/// A question whose stem line is `stem`, with `before` and `after` around it, two options and a key.
private func bank(stem: String, level: String = "associate", topics: String = "a", lineBreak: String = "\n") -> String {
    ["## q", "level: \(level)", "topics: \(topics)", "", stem, "", "- one", "  why: w", "- two", "  why: w", "", "answer: A"]
        .joined(separator: lineBreak) + lineBreak
}

private func parse(_ text: String) -> BankParser.Result {
    BankParser().parse(text, file: "t.iqb")
}

/// `code` at `line:column` with `length`, once.
private func expectOne(_ result: BankParser.Result, _ code: BankCode, line: Int, column: Int, length: Int = 1,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let found = result.diagnostics.filter { $0.code == code.rawValue }
    #expect(found.count == 1, "\(result.diagnostics)", sourceLocation: sourceLocation)
    #expect(found.first?.range == SourceRange(line: line, column: column, length: length), "\(found)", sourceLocation: sourceLocation)
}

@Suite("Bank parser: bytes, columns and line breaks")
struct BankParserBytesTests {
    @Test("a column after multi-byte characters counts scalars, not bytes")
    func columnAfterMultiByte() {
        expectOne(parse(bank(stem: "Caf\u{E9} \u{65E5}\u{672C} \u{1F600}\u{1B}x")), .controlCharacter, line: 5, column: 10)
    }

    @Test("a combining mark is a scalar of its own in a column")
    func columnAfterCombiningMark() {
        expectOne(parse(bank(stem: "e\u{301}e\u{301}\u{7}")), .controlCharacter, line: 5, column: 5)
    }

    @Test("topic columns after a multi-byte topic")
    func topicColumns() {
        let result = parse(bank(stem: "Which?", topics: "caf\u{E9}, bad_tag"))
        let topics = result.diagnostics.filter { $0.code == BankCode.malformedTopic.rawValue }.map(\.range)
        #expect(topics == [SourceRange(line: 3, column: 9, length: 4), SourceRange(line: 3, column: 15, length: 7)])
    }

    @Test("CRLF lines read as LF lines: same diagnostics, no CR in values")
    func crlf() {
        let lf = parse(bank(stem: "Which \u{E9}?", level: "assoc"))
        let crlf = parse(bank(stem: "Which \u{E9}?", level: "assoc", lineBreak: "\r\n"))
        #expect(crlf.diagnostics == lf.diagnostics)
        expectOne(crlf, .unknownLevel, line: 2, column: 8, length: 5)
        #expect(crlf.questions.first?.stem == "Which \u{E9}?")
        #expect(crlf.questions.first?.options.map(\.why) == ["w", "w"])
    }

    @Test("a lone CR is part of its line: the line count does not move, and it is a control character")
    func loneCR() {
        let result = parse(bank(stem: "one\rtwo"))
        expectOne(result, .controlCharacter, line: 5, column: 4)
        #expect(result.questions.first?.options.first?.position.location?.line == 7)
    }

    @Test("a byte order mark is not a column of the first line")
    func byteOrderMark() {
        let result = parse("\u{FEFF}## q\u{1B}")
        expectOne(result, .controlCharacter, line: 1, column: 5)
        #expect(result.questions.map(\.id) == ["q\u{1B}"])
    }

    @Test("a tab indents like a space, one column")
    func tabs() {
        let text = bank(stem: "Which?").replacingOccurrences(of: "  why: w\n- two", with: "\twhy: w\n\twhy: x\n- two")
        expectOne(parse(text), .duplicateField, line: 9, column: 2, length: 3)
    }

    @Test("a file that ends without a line break keeps its last line")
    func noFinalLineBreak() {
        var text = bank(stem: "Which?")
        text.removeLast()
        let result = parse(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.questions.first?.key == .options([0]))
    }

    @Test("a very long line: its column is counted to the end")
    func longLine() {
        let long = String(repeating: "\u{E9}a", count: 50_000)
        expectOne(parse(bank(stem: long + "\u{1B}")), .controlCharacter, line: 5, column: 100_001)
    }

    @Test("a mark followed by a combining mark is not that mark")
    func combiningMarkAfterMarks() {
        // `- ` + U+0301 at column 1: the space and the accent are one character, so no option starts.
        let result = parse(bank(stem: "- \u{301}x"))
        #expect(result.questions.first?.stem == "- \u{301}x")
        #expect(result.questions.first?.options.count == 2)
        // `##` + U+0301 is no header: text outside a question, its length in scalars.
        expectOne(parse("##\u{301} q\n"), .strayText, line: 1, column: 1, length: 5)
        // `why:` + U+0301 in the stem is text, not an option's field (E022).
        #expect(parse(bank(stem: "why:\u{301} x")).diagnostics.isEmpty)
    }

    @Test("trailing spaces after a prepended character stay: they are one character with it")
    func prependedSpace() {
        // U+0600 (an Arabic number sign) joins the character after it, so the space is not trailing.
        let result = parse(bank(stem: "x \u{600} "))
        #expect(result.questions.first?.stem == "x \u{600} ")
    }

    @Test("three U+1FEF (canonically ```) open a block kept as written")
    func variaFence() {
        expectOne(parse(bank(stem: "\u{1FEF}\u{1FEF}\u{1FEF}")), .unclosedCodeBlock, line: 5, column: 1, length: 3)
    }

    @Test("source lines split at byte line breaks, whatever the format")
    func sourceLines() {
        let source = SourceFile(text: "\u{FEFF}a\u{301}\r\nb\rc\n", file: "f", lineBreaks: .any)
        #expect(source.lines.map { String($0.text) } == ["a\u{301}", "b", "c", ""])
        #expect(SourceFile(text: "\u{FEFF}a\u{301}\r\nb\rc\n", file: "f", lineBreaks: .lineFeed).lines.map { String($0.text) } == ["a\u{301}", "b\rc", ""])
    }
}
