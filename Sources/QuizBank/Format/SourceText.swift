import Diagnostics

/// Turning a file's bytes into text, for every bank format: bytes that are not UTF-8 are `E015`, at the
/// line and column (in characters) of the first bad byte.
enum SourceText {
    static func decode(_ bytes: [UInt8], file: String, help: String) -> Result<String, Diagnostic> {
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        let location = firstInvalidUTF8(bytes)
        return .failure(Diagnostic(.error, code: "E015", "file is not valid UTF-8 text", file: file,
                                   range: SourceRange(line: location.line, column: location.column), help: help))
    }

    /// Lines end at LF, CRLF or a lone CR; a byte order mark at the start is not a column.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> SourceLocation {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var line = 1
        var column = 1
        var previous: Unicode.Scalar?
        while case .valid(let encoded) = parser.parseScalar(from: &iterator) {
            let scalar = Unicode.UTF8.decode(encoded)
            switch scalar {
            case "\n" where previous == "\r":
                break
            case "\n", "\r":
                line += 1
                column = 1
            case "\u{FEFF}" where line == 1 && column == 1 && previous == nil:
                break
            default:
                column += 1
            }
            previous = scalar
        }
        return SourceLocation(line: line, column: column)
    }
}
