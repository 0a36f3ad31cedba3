import Diagnostics

/// A bank file's text, decoded once, and its lines, split once: what every format's reader starts from.
///
/// Every format reads UTF-8 (bytes that are not are `E015`, at the line and column of the first bad byte)
/// and drops a byte order mark at the start of the file; the formats differ only in where lines end.
public struct SourceFile: Sendable {
    /// Where a format ends its lines.
    public enum LineBreaks: Sendable {
        /// LF and CRLF; a lone CR is part of its line (the bank format, blog posts).
        case lineFeed
        /// LF, CRLF and a lone CR (Aiken, as Moodle reads it).
        case any
        /// LF and CRLF, or a lone CR in a file without LF (GIFT, as Moodle reads old Mac files).
        case lineFeedOrOldMac
    }

    /// One line, without its line break.
    public struct Line: Sendable {
        /// 1-based.
        public var number: Int
        public var text: Substring
    }

    /// The name used in diagnostics and positions.
    public let file: String
    /// The whole text as decoded, a byte order mark included.
    public let text: String
    /// The lines after the byte order mark; a text ending with a line break ends with an empty line.
    public let lines: [Line]

    public init(text: String, file: String, lineBreaks: LineBreaks) {
        self.file = file
        self.text = text
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        lines = Self.split(body, at: lineBreaks).enumerated().map { Line(number: $0.offset + 1, text: $0.element) }
    }

    /// Decodes a file's bytes; bytes that are not UTF-8 are `E015`, with `help`.
    public static func decode(_ bytes: [UInt8], file: String, lineBreaks: LineBreaks, help: String) -> Result<SourceFile, Diagnostic> {
        if let text = String(validating: bytes, as: UTF8.self) {
            return .success(SourceFile(text: text, file: file, lineBreaks: lineBreaks))
        }
        // The first bad byte is where the valid text before it ends; its lines end at LF, CRLF or a lone CR
        // whatever the format, and columns count Unicode scalars.
        let before = SourceFile(text: String(decoding: bytes[..<validUTF8Count(bytes)], as: UTF8.self), file: file, lineBreaks: .any)
        let column = (before.lines.last?.text.unicodeScalars.count ?? 0) + 1
        return .failure(Diagnostic(.error, code: BankCode.unreadable, "file is not valid UTF-8 text", file: file,
                                   range: SourceRange(line: before.lines.count, column: column), help: help))
    }

    /// The lines of `text`, split at the line breaks `breaks` names (a byte order mark is not dropped).
    package static func split(_ text: Substring, at breaks: LineBreaks) -> [Substring] {
        let loneCR = switch breaks {
        case .lineFeed: false
        case .any: true
        case .lineFeedOrOldMac: !text.unicodeScalars.contains("\n")
        }
        // CRLF is one character, so that it is one break.
        return text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || (loneCR && $0 == "\r") })
    }

    /// How many bytes at the start of `bytes` are valid UTF-8.
    private static func validUTF8Count(_ bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var count = 0
        while case .valid(let encoded) = parser.parseScalar(from: &iterator) { count += encoded.count }
        return count
    }
}
