import Diagnostics
import Testing

@Suite("Diagnostic rendering")
struct DiagnosticRenderingTests {
    @Test("header names file:line:col, severity and code; a caret marks the range")
    func rendersCaretUnderColumn() {
        let d = Diagnostic(.error, code: "E003", "answer names option `E`, but there are only 4 options",
                           file: "bank.iqb", range: SourceRange(line: 2, column: 9), help: "options are lettered A to D")
        let text = DiagnosticRenderer().render(d, sourceLines: ["## q", "answer: E"])
        #expect(text == """
            bank.iqb:2:9: error[E003]: answer names option `E`, but there are only 4 options
             2 | answer: E
               |         ^
              help: options are lettered A to D
            """)
    }

    @Test("the caret spans the range on one line and columns count characters, not bytes")
    func caretSpansRangeInCharacters() {
        let d = Diagnostic(.warning, code: "W101", "x", file: "f", range: SourceRange(line: 1, column: 4, length: 3))
        let text = DiagnosticRenderer().render(d, sourceLines: ["é— abc"])
        #expect(text.hasSuffix("\n   |    ^^^"))
    }

    @Test("a control character in the quoted line is not sent to the terminal")
    func quotedLineIsSanitised() {
        let d = Diagnostic(.warning, code: "W104", "control", file: "f", range: SourceRange(line: 1, column: 1))
        let text = DiagnosticRenderer().render(d, sourceLines: ["a\u{1B}[31mb"])
        #expect(!text.contains("\u{1B}"))
    }

    @Test("a control character in a message or help (a quoted user value) is not sent to the terminal")
    func messageIsSanitised() {
        let d = Diagnostic(.error, code: "E010", "malformed question id `a\u{1B}]0;x\u{07}`", file: "f",
                           range: SourceRange(line: 1, column: 4), help: "try `\u{9B}2J`")
        let text = DiagnosticRenderer().render(d, sourceLines: ["## a"])
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
    }

    @Test("without a position only the file is named")
    func noPosition() {
        let d = Diagnostic(.error, code: "E015", "cannot read the file", file: "missing.iqb")
        #expect(DiagnosticRenderer().render(d) == "missing.iqb: error[E015]: cannot read the file")
    }

    @Test("display order: file, then position, then the order found")
    func sortOrder() {
        let a = Diagnostic(.error, code: "A", "a", file: "b.iqb", range: SourceRange(line: 1, column: 1))
        let b = Diagnostic(.error, code: "B", "b", file: "a.iqb", range: SourceRange(line: 9, column: 1))
        let c = Diagnostic(.error, code: "C", "c", file: "a.iqb", range: SourceRange(line: 2, column: 5))
        let d = Diagnostic(.warning, code: "D", "d", file: "a.iqb", range: SourceRange(line: 2, column: 5))
        #expect(Diagnostic.sortedForDisplay([a, b, c, d]).map(\.code) == ["C", "D", "B", "A"])
    }
}

@Suite("Did-you-mean suggestions")
struct SuggestionTests {
    // Rule: the closest candidate within max(1, length/3) edits, ignoring case; nothing when too far.
    @Test(arguments: [
        ("levle", "level"), ("topic", "topics"), ("answers", "answer"), ("Level", "level"),
        ("explanaton", "explanation"), ("refrence", "reference"),
    ])
    func suggests(_ typed: String, _ expected: String) {
        let known = ["level", "topics", "answer", "explanation", "reference", "changed", "disputed", "scenario", "source"]
        #expect(closestMatch(to: typed, in: known) == expected)
    }

    @Test(arguments: ["colour", "zzz", "difficulty"])
    func noSuggestionWhenFar(_ typed: String) {
        #expect(closestMatch(to: typed, in: ["level", "topics", "answer"]) == nil)
    }

    // Rule: insertions, deletions, substitutions and adjacent swaps each cost one edit.
    @Test(arguments: [("kitten", "sitting", 3), ("", "abc", 3), ("same", "same", 0), ("flaw", "lawn", 2), ("levle", "level", 1), ("ab", "ba", 1)])
    func distance(_ a: String, _ b: String, _ distance: Int) {
        #expect(editDistance(Array(a), Array(b)) == distance)
    }
}
