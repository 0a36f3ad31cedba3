/// A JSON value together with the source range it was read from.
///
/// Equality and hashing ignore the range (two nodes are equal when their values are), so a value read
/// from a file can be compared with one built in code.
public struct JSONNode: Sendable, Hashable, CustomStringConvertible {
    public var value: JSONValue
    /// From the first character of the value to just after its last (the closing quote or bracket).
    public var range: SourceRange

    public init(value: JSONValue, range: SourceRange) {
        self.value = value
        self.range = range
    }

    public static func == (lhs: JSONNode, rhs: JSONNode) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }

    public var description: String { value.description }
}

/// A JSON value (RFC 8259). Numbers keep the text they were written with, so nothing is lost to rounding.
public indirect enum JSONValue: Sendable, Hashable, CustomStringConvertible {
    /// Members in the order written; a repeated key is kept (the caller decides what it means).
    case object([JSONMember])
    case array([JSONNode])
    case string(String)
    /// The number as written, such as `-1.5e3`.
    case number(String)
    case bool(Bool)
    case null

    /// The kind of value with its article, for messages: `an object`, `a string`, `null`...
    public var kindDescription: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { s } else { nil }
    }

    /// Compact JSON text for the value (keys in the order written).
    public var description: String {
        switch self {
        case .object(let members):
            "{" + members.map { "\(JSONValue.quoted($0.key)):\($0.value.value.description)" }.joined(separator: ",") + "}"
        case .array(let elements):
            "[" + elements.map(\.value.description).joined(separator: ",") + "]"
        case .string(let s):
            JSONValue.quoted(s)
        case .number(let text):
            text
        case .bool(let b):
            b ? "true" : "false"
        case .null:
            "null"
        }
    }

    /// `text` as a JSON string literal, with quotes, backslashes and control characters (C0, DEL, C1)
    /// escaped, so that the output can also be shown on a terminal.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// One `"key": value` member of a JSON object.
///
/// Equality and hashing ignore `keyRange` (and the ranges inside `value`).
public struct JSONMember: Sendable, Hashable {
    public var key: String
    /// The key as written, quotes included.
    public var keyRange: SourceRange
    public var value: JSONNode

    public init(key: String, keyRange: SourceRange, value: JSONNode) {
        self.key = key
        self.keyRange = keyRange
        self.value = value
    }

    public static func == (lhs: JSONMember, rhs: JSONMember) -> Bool {
        lhs.key == rhs.key && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(value)
    }

    /// From the first character of the key to the end of the value.
    public var range: SourceRange { SourceRange(start: keyRange.start, end: value.range.end) }
}
