import Diagnostics
import Dispatch
import Synchronization

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
    ///
    /// A file of ``parallelSize`` bytes or more is parsed in two halves at once, split before a question's
    /// header: a header always starts a new question and nothing of a question carries over to the next, so
    /// the halves give the questions and diagnostics the whole file gives, in the same order (tests compare the
    /// two on large banks).
    public func parse(_ source: SourceFile) -> Result {
        parse(source, inParallel: true)
    }

    /// The size of a file parsed in two halves at once.
    static let parallelSize = 1_000_000

    /// `parse(_:)`, in one pass when `inParallel` is false (for the tests that hold the halves to it).
    func parse(_ source: SourceFile, inParallel: Bool) -> Result {
        var text = source.text
        return text.withUTF8 { bytes in
            guard inParallel, bytes.count >= Self.parallelSize, source.lineBreaks == .lineFeed, let split = Self.split(bytes) else {
                let part = Self.parse(bytes, file: source.file, lineBreaks: source.lineBreaks, firstLine: 1)
                return Result(questions: part.questions, diagnostics: part.controlCharacters + part.diagnostics, file: source.file)
            }
            // The first half ends before the line break that ends its last line, so that it does not end with an
            // empty line the whole file does not have there.
            let halves = [(0..<split.header - 1, 1), (split.header..<bytes.count, split.lineOfHeader)]
            nonisolated(unsafe) let whole = bytes
            let parts = Mutex<[Int: Part]>([:])
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let (range, firstLine) = halves[i]
                let part = Self.parse(UnsafeBufferPointer(rebasing: whole[range]), file: source.file, lineBreaks: source.lineBreaks,
                                      firstLine: firstLine)
                parts.withLock { $0[i] = part }
            }
            let (first, second) = parts.withLock { ($0[0]!, $0[1]!) }
            return Result(questions: first.questions + second.questions,
                          diagnostics: first.controlCharacters + second.controlCharacters + first.diagnostics + second.diagnostics,
                          file: source.file)
        }
    }

    /// What the parser makes of some lines of a file.
    private struct Part: Sendable {
        var questions: [Question]
        var controlCharacters: [Diagnostic]
        var diagnostics: [Diagnostic]
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String, lineBreaks: SourceFile.LineBreaks, firstLine: Int) -> Part {
        var state = ParserState(file: file, lexer: BankLexer(bytes, file: file, lineBreaks: lineBreaks, firstLine: firstLine))
        state.run()
        return Part(questions: state.questions, controlCharacters: state.lexer.controlCharacters, diagnostics: state.diagnostics)
    }

    /// Where to cut `bytes` in two: the start of the header line (`##` then a space or a tab, at column 1)
    /// nearest after the middle, else before it, and that line's number; nil when no such line is past the
    /// first one.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> (header: Int, lineOfHeader: Int)? {
        func isHeader(at i: Int) -> Bool {
            i + 2 < bytes.count && bytes[i - 1] == 0x0A && bytes[i] == 0x23 && bytes[i + 1] == 0x23 && (bytes[i + 2] == 0x20 || bytes[i + 2] == 0x09)
        }
        let middle = bytes.count / 2
        guard let header = (middle..<bytes.count).first(where: isHeader) ?? (1..<middle).reversed().first(where: isHeader) else {
            return nil
        }
        var lineBreaks = 0
        for byte in UnsafeBufferPointer(rebasing: bytes[..<header]) where byte == 0x0A { lineBreaks += 1 }
        return (header, lineBreaks + 1)
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
