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

/// The one definition of the characters untrusted text must not carry to a terminal or a written file.
@Suite("Control characters")
struct ControlCharacterDefinitionTests {
    static let rows: [(Unicode.Scalar, Bool, String)] = [
        ("\u{1B}", true, "ESC starts terminal escape sequences"),
        ("\u{07}", true, "BEL"),
        ("\u{00}", true, "NUL"),
        ("\r", true, "a carriage return inside a text moves the cursor back"),
        ("\u{08}", true, "a backspace overwrites"),
        ("\u{7F}", true, "DEL"),
        ("\u{85}", true, "a C1 control (NEL)"),
        ("\u{9B}", true, "a C1 control (CSI)"),
        ("\u{202E}", true, "right-to-left override: text displays in another order than stored"),
        ("\u{202A}", true, "left-to-right embedding"),
        ("\u{2066}", true, "left-to-right isolate"),
        ("\u{2069}", true, "pop directional isolate"),
        ("\u{200E}", false, "a left-to-right mark only gives neutral characters a direction; right-to-left text needs it"),
        ("\u{200F}", false, "a right-to-left mark, likewise"),
        ("\u{061C}", false, "the Arabic letter mark, likewise"),
        ("\t", false, "tab is layout"),
        ("\n", false, "a line feed separates lines and paragraphs"),
        (" ", false, "space"),
        ("é", false, "letters of any script"),
        ("\u{A0}", false, "a no-break space"),
        ("\u{200D}", false, "the zero-width joiner builds emoji"),
        ("\u{FEFF}", false, "a byte order mark (dropped at the start of a file, elsewhere text)"),
    ]

    @Test("which characters are unsafe", arguments: rows)
    func definition(_ scalar: Unicode.Scalar, isUnsafe: Bool, rule: String) {
        #expect(ControlCharacters.isUnsafe(scalar) == isUnsafe, "\(rule)")
    }

    @Test("A diagnostic shows an unsafe character of its source line as U+FFFD, a tab as a space")
    func excerpt() {
        let d = Diagnostic(.error, code: "E001", "unknown field `x\u{1B}[2J`", file: "a\u{202E}b.iqb",
                           range: SourceRange(line: 1, column: 3, length: 1))
        let text = DiagnosticRenderer().render(d, sourceLines: ["\tx\u{202E}y: z"])
        #expect(!text.unicodeScalars.contains { ControlCharacters.isUnsafe($0) && $0 != "\n" })
        #expect(text.contains(" 1 |  x\u{FFFD}y: z"), "\(text)")
        #expect(text.contains("a\u{FFFD}b.iqb:1:3: error[E001]: unknown field `x\u{FFFD}[2J`"), "\(text)")
    }
}

/// Issue 9, point 17: messages said "1 questions".
@Test("A count takes its noun in the right number", arguments: [
    (1, "question", nil, "1 question"), (0, "question", nil, "0 questions"), (2, "step", nil, "2 steps"),
    (1, "entry", "entries", "1 entry"), (3, "entry", "entries", "3 entries"),
])
func countedNouns(count: Int, noun: String, plural: String?, expected: String) {
    #expect(counted(count, noun, plural: plural) == expected)
}
