import Diagnostics
import IAMPolicy

/// A stored policy is written as its text, with its name, kind, id and where its document starts, and read
/// back through the policy parser: `Policy` holds matchers compiled from its text, which are not written.
/// A policy without text (a placeholder the scenario builder makes for a role whose trust policy is an
/// error) is made again empty, as it was.
extension NamedPolicy: Codable {
    enum CodingKeys: String, CodingKey {
        case name, text, kind, id, version, start, end
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(text, forKey: .text)
        try container.encode(policy.kind, forKey: .kind)
        try container.encode(policy.id, forKey: .id)
        try container.encode(policy.version, forKey: .version)
        try container.encode(policy.range.start, forKey: .start)
        try container.encode(policy.range.end, forKey: .end)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let text = try container.decode(String.self, forKey: .text)
        let kind = try container.decode(PolicyKind.self, forKey: .kind)
        let id = try container.decode(String.self, forKey: .id)
        let range = SourceRange(start: try container.decode(SourceLocation.self, forKey: .start),
                                end: try container.decode(SourceLocation.self, forKey: .end))
        guard !text.isEmpty else {
            let version = try container.decode(PolicyVersion.self, forKey: .version)
            self.init(name: name, text: text, policy: Policy(id: id, kind: kind, version: version, statements: [], range: range))
            return
        }
        // The document's first character is where the policy starts, so that every position read is the file's.
        let document = Document(text: String(text.drop(while: \.isWhitespace)), file: "", start: range.start)
        guard let policy = document.parse(kind: kind, id: id).policy else {
            throw DecodingError.dataCorruptedError(forKey: .text, in: container, debugDescription: "policy `\(id)` does not parse")
        }
        self.init(name: name, text: text, policy: policy)
    }
}

/// Pairs kept in order as labelled tuples (session tags, context keys), written as keys and values in turn:
/// tuples have no `Codable` conformance of their own.
@propertyWrapper
public struct CodablePairs: Sendable, Codable {
    public var wrappedValue: [(key: String, value: String)]

    public init(wrappedValue: [(key: String, value: String)]) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var pairs: [(key: String, value: String)] = []
        while !container.isAtEnd {
            pairs.append((try container.decode(String.self), try container.decode(String.self)))
        }
        wrappedValue = pairs
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for pair in wrappedValue {
            try container.encode(pair.key)
            try container.encode(pair.value)
        }
    }
}
