import Diagnostics
import Testing
import TestSupport

/// Swift Testing has its own `SourceLocation`; these tests mean the one of diagnostics.
private typealias SourceLocation = Diagnostics.SourceLocation

private typealias SplitMix64 = TestRandom

private func parse(_ text: String) -> Result<JSONNode, Diagnostic> {
    JSONReader.parse(text, file: "test.json")
}

private func value(_ text: String) -> JSONValue? {
    if case .success(let node) = parse(text) { return node.value }
    return nil
}

private func failure(_ text: String) -> Diagnostic? {
    if case .failure(let diagnostic) = parse(text) { return diagnostic }
    return nil
}

private func member(_ key: String, _ value: JSONValue) -> JSONMember {
    JSONMember(key: key, keyRange: SourceRange(line: 1, column: 1), value: node(value))
}

private func node(_ value: JSONValue) -> JSONNode {
    JSONNode(value: value, range: SourceRange(line: 1, column: 1))
}

/// One valid document and the value it reads as.
struct ValidJSONCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var text: String
    var expected: JSONValue
    var testDescription: String { rule }
}

/// One malformed document: the marker 1️⃣ is where the single J001 diagnostic must point.
struct MalformedJSONCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var text: String
    var message: String
    var testDescription: String { rule }
}

@Suite("JSON reader")
struct JSONReaderTests {
    // Rule: RFC 8259 values, whitespace around them, escapes, and duplicate keys kept in order.
    static let valid: [ValidJSONCase] = [
        ValidJSONCase(rule: "empty object", text: "{}", expected: .object([])),
        ValidJSONCase(rule: "empty array with inner whitespace", text: "[ \n\t\r ]", expected: .array([])),
        ValidJSONCase(rule: "string", text: "\"hello\"", expected: .string("hello")),
        ValidJSONCase(rule: "empty string", text: "\"\"", expected: .string("")),
        ValidJSONCase(rule: "integer kept as written", text: "12", expected: .number("12")),
        ValidJSONCase(rule: "negative zero kept as written", text: "-0", expected: .number("-0")),
        ValidJSONCase(rule: "fraction and exponent kept as written", text: "-1.50E+03", expected: .number("-1.50E+03")),
        ValidJSONCase(rule: "zero with fraction", text: "0.5e-1", expected: .number("0.5e-1")),
        ValidJSONCase(rule: "true", text: "true", expected: .bool(true)),
        ValidJSONCase(rule: "false", text: "false", expected: .bool(false)),
        ValidJSONCase(rule: "null", text: "null", expected: .null),
        ValidJSONCase(rule: "whitespace around the value", text: " \n\t {} \r\n ", expected: .object([])),
        ValidJSONCase(rule: "byte order mark at the start", text: "\u{FEFF}[1]", expected: .array([node(.number("1"))])),
        ValidJSONCase(rule: "simple escapes", text: #""\"\\\/\b\f\n\r\t""#, expected: .string("\"\\/\u{8}\u{C}\n\r\t")),
        ValidJSONCase(rule: "unicode escape", text: #""caf\u00e9 \u00C9""#, expected: .string("café É")),
        ValidJSONCase(rule: "surrogate pair escape", text: #""\uD83D\uDE00""#, expected: .string("😀")),
        ValidJSONCase(rule: "escaped NUL", text: #""a\u0000b""#, expected: .string("a\u{0}b")),
        ValidJSONCase(rule: "raw non-ASCII text", text: "\"é—😀\"", expected: .string("é—😀")),
        ValidJSONCase(rule: "members in order", text: #"{"b": 1, "a": [true, null]}"#,
                      expected: .object([member("b", .number("1")), member("a", .array([node(.bool(true)), node(.null)]))])),
        ValidJSONCase(rule: "duplicate keys are kept for the caller", text: #"{"a": 1, "a": 2}"#,
                      expected: .object([member("a", .number("1")), member("a", .number("2"))])),
        ValidJSONCase(rule: "nested containers", text: #"[[[]], {"x": {"y": []}}]"#,
                      expected: .array([node(.array([node(.array([]))])),
                                        node(.object([member("x", .object([member("y", .array([]))]))]))])),
    ]

    @Test(arguments: valid)
    func readsValidDocument(_ c: ValidJSONCase) {
        #expect(value(c.text) == c.expected)
    }

    // Rule: every malformed document gives one J001 diagnostic at the offending character.
    static let malformed: [MalformedJSONCase] = [
        MalformedJSONCase(rule: "empty input", text: "1️⃣", message: "unexpected end of input"),
        MalformedJSONCase(rule: "only whitespace", text: "  \n 1️⃣", message: "unexpected end of input"),
        MalformedJSONCase(rule: "missing colon", text: #"{"a" 1️⃣1}"#, message: "expected `:` after the object key, found `1`"),
        MalformedJSONCase(rule: "missing comma between members", text: #"{"a": 1 1️⃣"b": 2}"#,
                          message: "expected `,` or `}` after an object member, found `\"`"),
        MalformedJSONCase(rule: "missing comma between elements", text: "[1 1️⃣2]", message: "expected `,` or `]` after an array element, found `2`"),
        MalformedJSONCase(rule: "mismatched closing bracket", text: #"{"a": 11️⃣]"#, message: "expected `,` or `}` after an object member, found `]`"),
        MalformedJSONCase(rule: "trailing comma in an array", text: "[1, 21️⃣,]", message: "trailing comma"),
        MalformedJSONCase(rule: "trailing comma in an object", text: "{\"a\": 1 1️⃣,\n}", message: "trailing comma"),
        MalformedJSONCase(rule: "unterminated string at end of input", text: #"["ok", 1️⃣"abc"#, message: "unterminated string"),
        MalformedJSONCase(rule: "string broken by a line break", text: "{\"a\": 1️⃣\"ab\nc\"}", message: "unterminated string"),
        MalformedJSONCase(rule: "control character in a string", text: "\"a1️⃣\tb\"", message: "control character U+0009 in string"),
        MalformedJSONCase(rule: "invalid escape", text: #""ab1️⃣\qc""#, message: "invalid escape `\\q`"),
        MalformedJSONCase(rule: "short unicode escape", text: #""1️⃣\u12G4""#, message: "invalid unicode escape: expected 4 hex digits after `\\u`"),
        MalformedJSONCase(rule: "lone high surrogate", text: #""x1️⃣\uD800y""#, message: "lone surrogate `\\uD800` in string"),
        MalformedJSONCase(rule: "high surrogate followed by a non-surrogate", text: #""1️⃣\uD83D\u0041""#, message: "lone surrogate `\\uD83D` in string"),
        MalformedJSONCase(rule: "lone low surrogate", text: #""1️⃣\uDE00""#, message: "lone surrogate `\\uDE00` in string"),
        MalformedJSONCase(rule: "leading zero", text: "[01️⃣1]", message: "leading zero in a number"),
        MalformedJSONCase(rule: "minus without digits", text: "[-1️⃣]", message: "expected a digit after `-`"),
        MalformedJSONCase(rule: "decimal point without digits", text: "1.1️⃣", message: "expected a digit after the decimal point"),
        MalformedJSONCase(rule: "exponent without digits", text: "[1e+1️⃣]", message: "expected a digit in the exponent"),
        MalformedJSONCase(rule: "plus sign", text: "[1️⃣+1]", message: "expected a JSON value, found `+`"),
        MalformedJSONCase(rule: "capitalised literal", text: #"{"a": 1️⃣True}"#, message: "expected a JSON value, found `True`"),
        MalformedJSONCase(rule: "misspelt literal", text: "[1️⃣nul]", message: "expected a JSON value, found `nul`"),
        MalformedJSONCase(rule: "NaN", text: "1️⃣NaN", message: "expected a JSON value, found `NaN`"),
        MalformedJSONCase(rule: "single-quoted key", text: "{1️⃣'a': 1}", message: "expected a string key or `}`, found `'`"),
        MalformedJSONCase(rule: "unquoted key after a comma", text: #"{"a": 1, 1️⃣b: 2}"#, message: "expected a string key after `,`, found `b`"),
        MalformedJSONCase(rule: "comment", text: "[1,\n  1️⃣// two\n  2]", message: "expected a JSON value, found `/`"),
        MalformedJSONCase(rule: "missing value after a colon", text: #"{"a": 1️⃣}"#, message: "expected a JSON value, found `}`"),
        MalformedJSONCase(rule: "unclosed array", text: "[1, [2]1️⃣", message: "unexpected end of input"),
        MalformedJSONCase(rule: "unclosed object after a key", text: #"{"a"1️⃣"#, message: "unexpected end of input"),
        MalformedJSONCase(rule: "extra text after the value", text: "{} 1️⃣{}", message: "extra text after the JSON value"),
        MalformedJSONCase(rule: "columns count Unicode scalars, not bytes", text: "{\"é😀\": [1,\n  \"—\" 1️⃣2]}",
                          message: "expected `,` or `]` after an array element, found `2`"),
        MalformedJSONCase(rule: "a byte order mark counts as one column", text: "\u{FEFF}[1️⃣,]", message: "expected a JSON value, found `,`"),
        MalformedJSONCase(rule: "a byte order mark is allowed only at the start", text: "[1️⃣\u{FEFF}1]", message: "expected a JSON value, found U+FEFF"),
    ]

    @Test(arguments: malformed)
    func reportsMalformedDocument(_ c: MalformedJSONCase) throws {
        let marked = MarkedText(c.text)
        let diagnostic = try #require(failure(marked.text))
        #expect(diagnostic.code == "J001")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == "test.json")
        #expect(diagnostic.range?.start == marked["1️⃣"])
        #expect(diagnostic.message == c.message)
        // House style: lowercase, one line, no final period.
        #expect(diagnostic.message.first?.isUppercase == false)
        #expect(!diagnostic.message.hasSuffix("."))
        #expect(!diagnostic.message.contains("\n"))
    }

    @Test("an unclosed container names where it was opened")
    func unclosedContainerHelp() throws {
        let diagnostic = try #require(failure("{\"a\": [1,\n 2"))
        #expect(diagnostic.range?.start == SourceLocation(line: 2, column: 3))
        #expect(diagnostic.help == "the array opened at 1:7 is not closed")
    }

    @Test("a trailing comma points at the comma and explains")
    func trailingCommaHelp() throws {
        let diagnostic = try #require(failure("[1,]"))
        #expect(diagnostic.locationText == "test.json:1:3")
        #expect(diagnostic.help == "JSON does not allow a comma before `]`")
    }

    @Test("ranges of nodes and keys, in Unicode scalars across lines")
    func positions() throws {
        let marked = MarkedText("""
            1️⃣{
              2️⃣"é😀": 3️⃣[4️⃣"x", 5️⃣-1.5e36️⃣],
              7️⃣"b"8️⃣: 9️⃣{}
            }
            """)
        guard case .success(let root) = parse(marked.text) else {
            Issue.record("expected a valid document")
            return
        }
        #expect(root.range.start == marked["1️⃣"])
        #expect(root.range.end == SourceLocation(line: 4, column: 2))
        guard case .object(let members) = root.value, members.count == 2 else {
            Issue.record("expected an object of two members")
            return
        }
        #expect(members[0].key == "é😀")
        #expect(members[0].keyRange.start == marked["2️⃣"])
        #expect(members[0].keyRange.end == SourceLocation(line: 2, column: 7))
        #expect(members[0].value.range.start == marked["3️⃣"])
        guard case .array(let elements) = members[0].value.value else {
            Issue.record("expected an array")
            return
        }
        #expect(elements[0].range == SourceRange(start: marked["4️⃣"], end: SourceLocation(line: 2, column: 13)))
        #expect(elements[1].range == SourceRange(start: marked["5️⃣"], end: marked["6️⃣"]))
        #expect(members[1].keyRange == SourceRange(start: marked["7️⃣"], end: marked["8️⃣"]))
        #expect(members[1].value.range.start == marked["9️⃣"])
        #expect(members[1].range == SourceRange(start: marked["7️⃣"], end: SourceLocation(line: 3, column: 10)))
    }

    @Test("CRLF line ends count as one line break")
    func crlfLines() throws {
        let diagnostic = try #require(failure("{\r\n  \"a\": 1\r\n  \"b\": 2\r\n}"))
        #expect(diagnostic.range?.start == SourceLocation(line: 3, column: 3))
    }

    @Test("nesting up to the limit is read; one level more is an error at the bracket that exceeds it")
    func depthLimit() throws {
        let depth = JSONReader.maximumDepth
        let deepest = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(value(deepest) != nil)
        let tooDeep = String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)
        let diagnostic = try #require(failure(tooDeep))
        #expect(diagnostic.range?.start == SourceLocation(line: 1, column: depth + 1))
        #expect(diagnostic.message == "nesting deeper than 512 levels")
        let objects = String(repeating: "{\"a\":", count: depth + 1) + "1" + String(repeating: "}", count: depth + 1)
        #expect(failure(objects)?.message == "nesting deeper than 512 levels")
    }

    @Test("hostile nesting (100 000 brackets) fails cleanly instead of overflowing the stack")
    func hostileNesting() {
        #expect(failure(String(repeating: "[", count: 100_000))?.code == "J001")
        #expect(failure(String(repeating: "{\"a\":", count: 100_000))?.code == "J001")
    }

    @Test("a long single-line document is read in linear time, with exact columns at its end")
    func longSingleLine() throws {
        let count = 200_000
        let text = "[" + Array(repeating: "\"é\"", count: count).joined(separator: ",") + "]"
        guard case .success(let root) = parse(text), case .array(let elements) = root.value else {
            Issue.record("expected an array")
            return
        }
        #expect(elements.count == count)
        // Each element takes 4 columns ("é",) and the array starts at column 2.
        #expect(elements.last?.range.start == SourceLocation(line: 1, column: 2 + (count - 1) * 4))
        #expect(root.range.end == SourceLocation(line: 1, column: text.unicodeScalars.count + 1))
        let broken = String(text.dropLast()) + "}"
        #expect(failure(broken)?.range?.start == SourceLocation(line: 1, column: text.unicodeScalars.count))
    }

    @Test("the description is JSON that reads back as the same value")
    func descriptionRoundTrip() throws {
        let text = #"{"a\n\"b": [1, -2.5e3, true, false, null, "\u0001é😀"], "c": {}}"#
        let first = try #require(value(text))
        #expect(value(first.description) == first)
    }

    // Rule: no input crashes the reader; an error always points inside the text (or just after it).
    @Test("fuzz: random text and mutated documents never crash and always point inside the text",
          arguments: [UInt64(1), 2, 3, 4])
    func fuzz(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let alphabet = Array("{}[]:,\"\\ \n\t-+.0123456789eEtrufalsn/uDd8Ab'é😀\u{0}\u{1F}")
        let seeds = [
            #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": "*"}]}"#,
            #"[1, -2.5e+3, "a\"b\\c\u00e9\uD83D\uDE00", true, false, null, {"k": [[], {}]}]"#,
        ]
        for round in 0..<1500 {
            var text: String
            if round % 2 == 0 {
                let length = Int.random(in: 0...40, using: &rng)
                text = String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
            } else {
                var characters = Array(seeds[round % 4 / 2])
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let index = Int.random(in: 0..<characters.count, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: characters.remove(at: index)
                    case 1: characters.insert(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)], at: index)
                    default: characters[index] = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                    }
                    if characters.isEmpty { characters = ["0"] }
                }
                text = String(characters)
            }
            switch parse(text) {
            case .success(let root):
                #expect(value(root.value.description) == root.value, "round trip of \(text.debugDescription)")
            case .failure(let diagnostic):
                #expect(diagnostic.code == "J001")
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                guard let start = diagnostic.range?.start else {
                    Issue.record("no position for \(text.debugDescription)")
                    continue
                }
                #expect(start.line >= 1 && start.line <= lines.count, "line of \(text.debugDescription)")
                if start.line >= 1, start.line <= lines.count {
                    let width = lines[start.line - 1].unicodeScalars.count
                    #expect(start.column >= 1 && start.column <= width + 1, "column of \(text.debugDescription)")
                }
            }
        }
    }
}
