import Diagnostics

/// A bank file's text, decoded once, and its lines: what every format's reader starts from.
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
    /// Where the format ends lines.
    public let lineBreaks: LineBreaks

    /// The lines after the byte order mark; a text ending with a line break ends with an empty line.
    ///
    /// Split on each use (read it once): the bank parser reads the bytes itself and never asks, so a large
    /// bank does not pay for an array of lines it would not use.
    public var lines: [Line] {
        Self.split(body, at: lineBreaks).enumerated().map { Line(number: $0.offset + 1, text: $0.element) }
    }

    public init(text: String, file: String, lineBreaks: LineBreaks) {
        self.file = file
        self.text = text
        self.lineBreaks = lineBreaks
    }

    /// The text after the byte order mark.
    private var body: Substring {
        text.utf8.starts(with: Self.byteOrderMark) ? text[text.utf8.index(text.startIndex, offsetBy: 3)...] : Substring(text)
    }

    /// U+FEFF in UTF-8. It is a `Character` of its own (a format control), so testing its bytes is exact.
    package static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

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
    ///
    /// The breaks are found by their bytes: LF, CR and CRLF are `Character`s of their own (CRLF is one, and
    /// one break), so this splits where splitting the `Character`s would, at a fraction of the cost.
    package static func split(_ text: Substring, at breaks: LineBreaks) -> [Substring] {
        let utf8 = text.utf8
        let loneCR = switch breaks {
        case .lineFeed: false
        case .any: true
        case .lineFeedOrOldMac: !utf8.contains(0x0A)
        }
        var lines: [Substring] = []
        var lineStart = utf8.startIndex
        var i = lineStart
        while i < utf8.endIndex {
            let byte = utf8[i]
            let next = utf8.index(after: i)
            if byte == 0x0A {
                lines.append(text[lineStart..<i])
                lineStart = next
            } else if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A {
                lines.append(text[lineStart..<i])
                lineStart = utf8.index(after: next)
                i = lineStart
                continue
            } else if byte == 0x0D, loneCR {
                lines.append(text[lineStart..<i])
                lineStart = next
            }
            i = next
        }
        lines.append(text[lineStart...])
        return lines
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
