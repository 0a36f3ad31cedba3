import Diagnostics

/// Parses the native bank format (docs/bank-format.md) into questions and diagnostics.
///
/// The parser never stops at the first problem: it reports every problem of the file and keeps every
/// question it could make sense of. Cross-file checks (duplicate ids) live in `BankLoader`.
public struct BankParser: BankImporter {
    public init() {}

    public static let fileExtension = "iqb"
    public static let formatName = "iamquiz's own format"
    public static let lineBreaks = SourceFile.LineBreaks.lineFeed
    public static let utf8Help = "save the bank as UTF-8"
    /// The parser reports W104 itself, in the lines as it trims them.
    public static let reportsControlCharacters = true

    /// The result of parsing one file.
    public struct Result: ParsedBankFile {
        public var questions: [Question]
        public var diagnostics: [Diagnostic]
        /// The file named in diagnostics and positions.
        public var file: String
    }

    /// Fields allowed in a question, and whether they may be repeated.
    static let fields: [String: Bool] = [
        "level": false, "topics": false, "scenario": false, "right-when": false, "source": false, "allow": true,
        "answer": false, "explanation": false, "reference": true, "changed": true, "disputed": true,
    ]
    static let trailingFields: Set<String> = ["answer", "explanation", "reference", "changed", "disputed"]
    static let optionFields = ["why", "note", "verify"]

    /// Parses a decoded file.
    ///
    /// The parser reads the text's UTF-8 bytes in one pass (see `LineBytes` for why bytes, and how they keep
    /// the columns and the line shapes that `Character`s gave).
    public func parse(_ source: SourceFile) -> Result {
        var text = source.text
        return text.withUTF8 { bytes in
            var state = ParserState(file: source.file, lexer: BankLexer(bytes, file: source.file, lineBreaks: source.lineBreaks))
            state.run()
            return Result(questions: state.questions, diagnostics: state.lexer.controlCharacters + state.diagnostics, file: source.file)
        }
    }

    /// The questions, as parsed: the file gives each its id, level and topics.
    public func questions(from parsed: Result, settings: ImportSettings) -> [Question] {
        parsed.questions
    }
}

extension BankParser.Result {
    public init(unreadable: Diagnostic, file: String) {
        self.init(questions: [], diagnostics: [unreadable], file: file)
    }
}

/// The name and value of a `name: value` line at column 1.
struct FieldLine {
    var name: String
    /// The bytes of the value: after the colon and the spaces after it.
    var value: Range<Int>
    /// 1-based column of the value's first character, counted from where the name starts.
    var valueColumn: Int

    /// Reads `name: value` at `offset` when the line has that shape: a name of ASCII letters, digits, `_`
    /// and `-` starting with a letter, then `:` and a space, a tab or the end of the line.
    init?(_ line: LineBytes, at offset: Int) {
        guard offset < line.end, Self.isLetter(line[offset]) else { return nil }
        var colon = offset + 1
        while colon < line.end, Self.isLetter(line[colon]) || (0x30...0x39).contains(line[colon]) || line[colon] == 0x5F || line[colon] == 0x2D {
            colon += 1
        }
        // The name's bytes are ASCII and so is the colon, so they are `Character`s of their own when the
        // colon is followed by a space or a tab that is one.
        guard colon < line.end, line[colon] == 0x3A, colon + 1 == line.end || line.isSpace(at: colon + 1) else { return nil }
        let valueStart = line.skippingSpaces(from: colon + 1, to: line.end)
        name = line.string(offset..<colon)
        value = valueStart..<line.end
        valueColumn = valueStart - offset + 1
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
