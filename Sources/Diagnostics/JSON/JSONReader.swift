/// Reads JSON text (RFC 8259) into `JSONNode`s that keep their source positions, without Foundation.
///
/// - Positions are 1-based lines and columns; a column counts Unicode scalars (as `SourceLocation`
///   does), and only `\n` starts a line (`\r\n` works because the `\r` ends the line).
/// - A UTF-8 byte order mark at the very start is skipped; it still counts as one column, since it is a
///   scalar of the text.
/// - Malformed JSON gives exactly one diagnostic, `JSONCode.malformed` (`J001`), at the offending character.
/// - Time is linear in the input, and nesting is handled with an explicit stack (no recursion), limited
///   to `maximumDepth` levels so that a hostile file cannot exhaust memory or the stack.
public enum JSONReader {
    /// How many arrays and objects may be nested inside each other.
    public static let maximumDepth = 512

    /// Parses `text`; `file` names it in the diagnostic.
    public static func parse(_ text: String, file: String) -> Result<JSONNode, Diagnostic> {
        var parser = JSONParser(bytes: Array(text.utf8))
        do {
            return .success(try parser.document())
        } catch {
            let range = SourceRange(start: error.location,
                                    end: SourceLocation(line: error.location.line, column: error.location.column + max(1, error.length)))
            return .failure(Diagnostic(.error, code: JSONCode.malformed, error.message, file: file, range: range, help: error.help))
        }
    }
}

/// A diagnostic is the error of a failed parse, so that it can be the failure of a `Result`.
extension Diagnostic: Error {}

/// A syntax error found while reading: where, what, and optional help.
struct JSONSyntaxError: Error {
    var location: SourceLocation
    /// How many columns the offending text covers.
    var length: Int
    var message: String
    var help: String?
}

private enum Byte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let apostrophe = UInt8(ascii: "'")
}

/// The parser state: the bytes, the cursor and what is needed to turn a byte offset into a line and column.
struct JSONParser {
    /// An array or object whose elements are still being read.
    private struct Frame {
        var isObject: Bool
        var start: SourceLocation
        var elements: [JSONNode] = []
        var members: [JSONMember] = []
        var key = ""
        var keyRange = SourceRange(line: 1, column: 1)
    }

    let bytes: [UInt8]
    private var pos = 0
    private var line = 1
    /// The offset where the current line starts.
    private var lineStart = 0
    /// A known (offset, column) pair on the current line, so that columns are counted only once.
    private var columnOffset = 0
    private var column = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    // MARK: Positions

    /// The line and column of `offset`, normally on the current line (or at the end of the input).
    private mutating func location(_ offset: Int) -> SourceLocation {
        if offset < lineStart {
            // Not expected; counted from the start so that the answer is still right.
            var line = 1
            var start = 0
            for i in 0..<offset where bytes[i] == Byte.newline {
                line += 1
                start = i + 1
            }
            let column = 1 + bytes[start..<offset].count { $0 & 0xC0 != 0x80 }
            return SourceLocation(line: line, column: column)
        }
        if offset < columnOffset {
            columnOffset = lineStart
            column = 1
        }
        var i = columnOffset
        var c = column
        while i < offset {
            // Each scalar has exactly one byte that is not a continuation byte (10xxxxxx).
            if bytes[i] & 0xC0 != 0x80 { c += 1 }
            i += 1
        }
        columnOffset = offset
        column = c
        return SourceLocation(line: line, column: c)
    }

    private mutating func here() -> SourceLocation { location(pos) }

    private mutating func fail(at offset: Int, length: Int = 1, _ message: String, help: String? = nil) -> JSONSyntaxError {
        JSONSyntaxError(location: location(offset), length: length, message: message, help: help)
    }

    private mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case Byte.space, Byte.tab, Byte.carriageReturn:
                pos += 1
            case Byte.newline:
                pos += 1
                line += 1
                lineStart = pos
                columnOffset = pos
                column = 1
            default:
                return
            }
        }
    }

    private var atEnd: Bool { pos >= bytes.count }
    private var current: UInt8? { pos < bytes.count ? bytes[pos] : nil }

    // MARK: Document

    /// Reads one JSON value and checks that only whitespace follows.
    mutating func document() throws(JSONSyntaxError) -> JSONNode {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
        var stack: [Frame] = []
        readValue: while true {
            // Read the start of a value: a scalar completes at once, a container pushes a frame.
            skipWhitespace()
            guard let byte = current else {
                throw endOfInput(expecting: "a JSON value", stack: stack)
            }
            let start = here()
            var completed: JSONNode
            switch byte {
            case Byte.openBrace, Byte.openBracket:
                if stack.count >= JSONReader.maximumDepth {
                    throw fail(at: pos, "nesting deeper than \(JSONReader.maximumDepth) levels",
                               help: "arrays and objects may be nested at most \(JSONReader.maximumDepth) deep")
                }
                let isObject = byte == Byte.openBrace
                let close = isObject ? Byte.closeBrace : Byte.closeBracket
                pos += 1
                skipWhitespace()
                if current == close {
                    pos += 1
                    completed = JSONNode(value: isObject ? .object([]) : .array([]), range: SourceRange(start: start, end: here()))
                } else {
                    var frame = Frame(isObject: isObject, start: start)
                    if isObject {
                        (frame.key, frame.keyRange) = try key(afterComma: false, objectStart: start)
                    }
                    stack.append(frame)
                    continue readValue
                }
            case Byte.quote:
                let text = try string()
                completed = JSONNode(value: .string(text), range: SourceRange(start: start, end: here()))
            case Byte.minus, Byte.zero...Byte.nine:
                let text = try number()
                completed = JSONNode(value: .number(text), range: SourceRange(start: start, end: here()))
            default:
                completed = try literal()
            }

            // Hand the value to the enclosing containers, closing those that end here.
            while true {
                guard var frame = stack.popLast() else {
                    skipWhitespace()
                    if !atEnd {
                        throw fail(at: pos, "extra text after the JSON value",
                                   help: "a JSON document holds a single value; the value ended at \(completed.range.end)")
                    }
                    return completed
                }
                let close = frame.isObject ? Byte.closeBrace : Byte.closeBracket
                if frame.isObject {
                    frame.members.append(JSONMember(key: frame.key, keyRange: frame.keyRange, value: completed))
                } else {
                    frame.elements.append(completed)
                }
                skipWhitespace()
                guard let next = current else {
                    stack.append(frame)
                    throw endOfInput(expecting: nil, stack: stack)
                }
                if next == Byte.comma {
                    // Located now: the line may change while skipping whitespace.
                    let comma = here()
                    pos += 1
                    skipWhitespace()
                    if current == close {
                        throw JSONSyntaxError(location: comma, length: 1, message: "trailing comma",
                                              help: "JSON does not allow a comma before `\(frame.isObject ? "}" : "]")`")
                    }
                    if frame.isObject {
                        stack.append(frame)
                        let (key, keyRange) = try key(afterComma: true, objectStart: frame.start)
                        stack[stack.count - 1].key = key
                        stack[stack.count - 1].keyRange = keyRange
                    } else {
                        stack.append(frame)
                    }
                    continue readValue
                } else if next == close {
                    pos += 1
                    let range = SourceRange(start: frame.start, end: here())
                    completed = JSONNode(value: frame.isObject ? .object(frame.members) : .array(frame.elements), range: range)
                } else if frame.isObject {
                    throw fail(at: pos, length: tokenLength(at: pos), "expected `,` or `}` after an object member, found \(describe(at: pos))",
                               help: missingCommaHelp(next))
                } else {
                    throw fail(at: pos, length: tokenLength(at: pos), "expected `,` or `]` after an array element, found \(describe(at: pos))",
                               help: missingCommaHelp(next))
                }
            }
        }
    }

    private func missingCommaHelp(_ next: UInt8) -> String? {
        switch next {
        case Byte.quote, Byte.openBrace, Byte.openBracket, Byte.minus, Byte.zero...Byte.nine:
            "is a comma missing before it?"
        case Byte.closeBrace, Byte.closeBracket:
            "the closing bracket does not match the one that was opened"
        default:
            nil
        }
    }

    private mutating func endOfInput(expecting: String?, stack: [Frame]) -> JSONSyntaxError {
        var help: String?
        if let open = stack.last {
            help = "the \(open.isObject ? "object" : "array") opened at \(open.start) is not closed"
        } else if let expecting {
            help = "expected \(expecting)"
        }
        return fail(at: bytes.count, "unexpected end of input", help: help)
    }

    // MARK: Object keys

    /// Reads `"key" :` and returns the key and its range.
    private mutating func key(afterComma: Bool, objectStart: SourceLocation) throws(JSONSyntaxError) -> (String, SourceRange) {
        skipWhitespace()
        guard let byte = current else {
            throw fail(at: bytes.count, "unexpected end of input", help: "the object opened at \(objectStart) is not closed")
        }
        guard byte == Byte.quote else {
            let message = afterComma ? "expected a string key after `,`" : "expected a string key or `}`"
            var help: String?
            if isLetter(byte) {
                help = "object keys must be in double quotes"
            } else if byte == Byte.apostrophe {
                help = "JSON strings use double quotes"
            }
            throw fail(at: pos, length: tokenLength(at: pos), "\(message), found \(describe(at: pos))", help: help)
        }
        let start = here()
        let text = try string()
        let range = SourceRange(start: start, end: here())
        skipWhitespace()
        guard current == Byte.colon else {
            if atEnd { throw fail(at: bytes.count, "unexpected end of input", help: "the object opened at \(objectStart) is not closed") }
            throw fail(at: pos, length: tokenLength(at: pos), "expected `:` after the object key, found \(describe(at: pos))")
        }
        pos += 1
        return (text, range)
    }

    // MARK: Strings

    /// Reads a string starting at its opening quote; the cursor ends after the closing quote.
    private mutating func string() throws(JSONSyntaxError) -> String {
        let open = pos
        var i = pos + 1
        // Fast path: no escapes.
        while i < bytes.count {
            let b = bytes[i]
            if b == Byte.quote {
                pos = i + 1
                return String(decoding: bytes[(open + 1)..<i], as: UTF8.self)
            }
            if b == Byte.backslash { break }
            if b < 0x20 { throw controlCharacter(at: i, open: open) }
            i += 1
        }
        var buffer = Array(bytes[(open + 1)..<i])
        while i < bytes.count {
            let b = bytes[i]
            if b == Byte.quote {
                pos = i + 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if b < 0x20 { throw controlCharacter(at: i, open: open) }
            guard b == Byte.backslash else {
                buffer.append(b)
                i += 1
                continue
            }
            let escape = i
            guard i + 1 < bytes.count else { break }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case Byte.quote: buffer.append(Byte.quote)
            case Byte.backslash: buffer.append(Byte.backslash)
            case Byte.slash: buffer.append(Byte.slash)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(Byte.newline)
            case UInt8(ascii: "r"): buffer.append(Byte.carriageReturn)
            case UInt8(ascii: "t"): buffer.append(Byte.tab)
            case UInt8(ascii: "u"):
                let unit = try hex4(at: i, escape: escape)
                i += 4
                var scalarValue = UInt32(unit)
                if (0xD800...0xDBFF).contains(unit) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    guard i + 1 < bytes.count, bytes[i] == Byte.backslash, bytes[i + 1] == UInt8(ascii: "u"),
                          let low = try? hex4(at: i + 2, escape: i), (0xDC00...0xDFFF).contains(low) else {
                        throw fail(at: escape, length: 6, "lone surrogate `\\u\(hexText(unit))` in string",
                                   help: "a high surrogate (`\\uD800` to `\\uDBFF`) must be followed by a low surrogate (`\\uDC00` to `\\uDFFF`)")
                    }
                    i += 6
                    scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(unit) {
                    throw fail(at: escape, length: 6, "lone surrogate `\\u\(hexText(unit))` in string",
                               help: "a low surrogate (`\\uDC00` to `\\uDFFF`) must follow a high surrogate (`\\uD800` to `\\uDBFF`)")
                }
                // Surrogates are excluded above, so the value is a valid scalar.
                let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
                buffer.append(contentsOf: Array(String(scalar).utf8))
            default:
                if e < 0x20 { throw controlCharacter(at: i - 1, open: open) }
                throw fail(at: escape, length: 2, "invalid escape `\\\(scalarText(at: i - 1))`",
                           help: "JSON escapes are `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`")
            }
        }
        throw fail(at: open, "unterminated string", help: "the string has no closing `\"`")
    }

    private mutating func controlCharacter(at offset: Int, open: Int) -> JSONSyntaxError {
        if bytes[offset] == Byte.newline || bytes[offset] == Byte.carriageReturn {
            return fail(at: open, "unterminated string",
                        help: "a string cannot span lines; close it with `\"` on the same line, or write `\\n` for a line break")
        }
        return fail(at: offset, "control character \(scalarText(at: offset)) in string",
                    help: "write it as an escape such as `\\t` or `\\u00\(hexText(UInt16(bytes[offset])).suffix(2))`")
    }

    /// Four hex digits at `offset`, the code unit of a `\u` escape that starts at `escape`.
    private mutating func hex4(at offset: Int, escape: Int) throws(JSONSyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for k in 0..<4 {
            let index = offset + k
            guard index < bytes.count, let digit = hexDigit(bytes[index]) else {
                if index >= bytes.count { throw fail(at: escape, "unterminated string", help: "the string has no closing `\"`") }
                throw fail(at: escape, length: 2 + k + 1, "invalid unicode escape: expected 4 hex digits after `\\u`")
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private func hexDigit(_ b: UInt8) -> UInt8? {
        switch b {
        case Byte.zero...Byte.nine: b - Byte.zero
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private func hexText(_ unit: UInt16) -> String {
        let hex = String(unit, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - hex.count) + hex
    }

    // MARK: Numbers and literals

    /// Reads a number as written: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = pos
        if current == Byte.minus {
            pos += 1
            guard let b = current, isDigit(b) else {
                throw fail(at: pos, "expected a digit after `-`")
            }
        }
        if current == Byte.zero {
            pos += 1
            if let b = current, isDigit(b) {
                throw fail(at: pos, "leading zero in a number", help: "JSON numbers cannot start with `0` followed by digits")
            }
        } else {
            skipDigits()
        }
        if current == Byte.dot {
            pos += 1
            guard let b = current, isDigit(b) else {
                throw fail(at: pos, "expected a digit after the decimal point")
            }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            pos += 1
            if current == Byte.plus || current == Byte.minus { pos += 1 }
            guard let b = current, isDigit(b) else {
                throw fail(at: pos, "expected a digit in the exponent")
            }
            skipDigits()
        }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    private mutating func skipDigits() {
        while let b = current, isDigit(b) { pos += 1 }
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= Byte.zero && b <= Byte.nine }

    private func isLetter(_ b: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b) || b == UInt8(ascii: "_")
    }

    /// Reads `true`, `false` or `null`, or reports what was found where a value was expected.
    private mutating func literal() throws(JSONSyntaxError) -> JSONNode {
        let start = pos
        let startLocation = here()
        guard let first = current, isLetter(first) else {
            throw fail(at: pos, length: tokenLength(at: pos), "expected a JSON value, found \(describe(at: pos))", help: valueHelp(current))
        }
        var end = pos
        while end < bytes.count, isLetter(bytes[end]) || isDigit(bytes[end]) { end += 1 }
        let word = String(decoding: bytes[start..<end], as: UTF8.self)
        let value: JSONValue
        switch word {
        case "true": value = .bool(true)
        case "false": value = .bool(false)
        case "null": value = .null
        default:
            var help: String?
            let lowered = word.lowercased()
            if ["true", "false", "null"].contains(lowered) {
                help = "JSON literals are lowercase: `\(lowered)`"
            } else if let close = ["true", "false", "null"].first(where: { $0.hasPrefix(lowered) || lowered.hasPrefix($0) }) {
                help = "did you mean `\(close)`?"
            } else if lowered == "nan" || lowered == "infinity" {
                help = "JSON has no `NaN` or `Infinity`"
            } else {
                help = "strings must be in double quotes"
            }
            throw fail(at: start, length: word.unicodeScalars.count, "expected a JSON value, found `\(shortened(word))`", help: help)
        }
        pos = end
        return JSONNode(value: value, range: SourceRange(start: startLocation, end: here()))
    }

    private func valueHelp(_ byte: UInt8?) -> String? {
        switch byte {
        case Byte.apostrophe: "JSON strings use double quotes"
        case Byte.slash, UInt8(ascii: "#"): "JSON does not allow comments"
        case Byte.plus: "a JSON number cannot start with `+`"
        case Byte.dot: "a JSON number needs a digit before the decimal point"
        case Byte.closeBrace, Byte.closeBracket, Byte.comma, Byte.colon: "a value is missing here"
        default: nil
        }
    }

    // MARK: Describing what was found

    /// How many columns to underline for the token at `offset`: a word, or one character.
    private func tokenLength(at offset: Int) -> Int {
        guard offset < bytes.count, isLetter(bytes[offset]) else { return 1 }
        var end = offset
        while end < bytes.count, isLetter(bytes[end]) || isDigit(bytes[end]) { end += 1 }
        return end - offset
    }

    /// The token at `offset` quoted for a message: a word, a printable character, or `U+XXXX`.
    private func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of input" }
        if isLetter(bytes[offset]) {
            let length = tokenLength(at: offset)
            return "`\(shortened(String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)))`"
        }
        let text = scalarText(at: offset)
        return text.hasPrefix("U+") ? text : "`\(text)`"
    }

    /// The scalar starting at `offset`: itself when printable, else `U+XXXX`.
    private func scalarText(at offset: Int) -> String {
        var length = 1
        let lead = bytes[offset]
        if lead >= 0xF0 { length = 4 } else if lead >= 0xE0 { length = 3 } else if lead >= 0xC0 { length = 2 }
        let end = min(offset + length, bytes.count)
        let text = String(decoding: bytes[offset..<end], as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return "U+FFFD" }
        let v = scalar.value
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0xFEFF || scalar.properties.generalCategory == .format
            || scalar.properties.isWhitespace {
            let hex = String(v, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return String(scalar)
    }

    private func shortened(_ word: String) -> String {
        word.count > 24 ? String(word.prefix(24)) + "…" : word
    }
}
