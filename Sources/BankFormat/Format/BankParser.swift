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
    public func parse(_ source: SourceFile) -> Result {
        var state = ParserState(file: source.file, lines: SourceLines(source))
        state.run()
        return Result(questions: state.questions, diagnostics: state.diagnostics, file: source.file)
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

/// The lines of a text, with trailing whitespace removed and indentation measured.
struct SourceLines {
    struct Line {
        /// 1-based line number.
        var number: Int
        /// The whole line without trailing whitespace or `\r`.
        var text: String
        /// The number of leading spaces and tabs.
        var indent: Int
        /// The line without its indentation.
        var content: Substring

        var isBlank: Bool { content.isEmpty }
        var isComment: Bool { content == "#" || content.hasPrefix("# ") || content.hasPrefix("#\t") }
    }

    var lines: [Line]

    init(_ source: SourceFile) {
        lines = source.lines.map { raw in
            var line = raw.text
            while let last = line.last, last == " " || last == "\t" || last == "\r" { line = line.dropLast() }
            let content = line.drop { $0 == " " || $0 == "\t" }
            let indent = line.unicodeScalars.count - content.unicodeScalars.count
            return Line(number: raw.number, text: String(line), indent: indent, content: content)
        }
    }
}

/// The name and value of a `name: value` line at column 1.
struct FieldLine {
    var name: String
    var value: String
    /// 1-based column of the value's first character.
    var valueColumn: Int

    /// Reads `name: value` when the line has that shape: a name of letters, digits, `_` and `-`
    /// starting with a letter, then `:` and a space or the end of the line.
    init?(_ content: Substring) {
        guard let first = content.first, first.isASCII, first.isLetter else { return nil }
        guard let colon = content.firstIndex(of: ":") else { return nil }
        let name = content[..<colon]
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            return nil
        }
        let rest = content[content.index(after: colon)...]
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        let value = rest.drop { $0 == " " || $0 == "\t" }
        self.name = String(name)
        self.value = String(value)
        self.valueColumn = content.unicodeScalars.count - value.unicodeScalars.count + 1
    }
}
