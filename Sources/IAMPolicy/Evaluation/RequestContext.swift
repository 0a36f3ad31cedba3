/// The type of a context value, as in the `ContextKeyType` of AWS's simulate APIs.
public enum ContextKeyType: String, Sendable, Hashable, Codable, CaseIterable {
    case string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList

    /// Whether the key holds a set of values (a multivalued key).
    public var isList: Bool { rawValue.hasSuffix("List") }

    /// The type of one element.
    public var element: ContextKeyType {
        switch self {
        case .stringList: .string
        case .numericList: .numeric
        case .booleanList: .boolean
        case .ipList: .ip
        case .binaryList: .binary
        case .dateList: .date
        default: self
        }
    }

    /// Parses `string`, `StringList`... ignoring case.
    public init?(caseInsensitive text: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else { return nil }
        self = match
    }
}

/// The values of one context key in a request.
public struct ContextValue: Sendable, Hashable {
    public var type: ContextKeyType
    /// The values as text (a single-valued key has exactly one).
    public var values: [String]

    public init(type: ContextKeyType, values: [String]) {
        self.type = type
        self.values = values
    }

    public static func string(_ value: String) -> ContextValue { ContextValue(type: .string, values: [value]) }
    public static func strings(_ values: [String]) -> ContextValue { ContextValue(type: .stringList, values: values) }
    public static func bool(_ value: Bool) -> ContextValue { ContextValue(type: .boolean, values: [value ? "true" : "false"]) }
}

/// The context keys of a request. Key names match ignoring case, as IAM does.
///
/// The keys are kept in a list, each with the hash of its lookup form: a request carries a handful of
/// keys, and policies hash each key they look up once (`ContextKey`), so a lookup compares a few integers
/// where a dictionary would hash the key again on every evaluation.
public struct RequestContext: Sendable {
    private struct Entry: Sendable {
        let key: ContextKey
        /// The key as first written.
        let name: String
        var value: ContextValue
    }

    private var entries: [Entry] = []
    /// The caller and resource account whose global keys (`aws:PrincipalArn`...) were added, so an
    /// evaluation does not add them again.
    var principalKeysFor: (caller: String, owner: String?)?

    public init() {}

    public init(_ values: [String: ContextValue]) {
        for (name, value) in values { self[name] = value }
    }

    /// The value of `key` (any case), or nil when the request does not carry it.
    public subscript(key: String) -> ContextValue? {
        get { self[ContextKey(key)] }
        set {
            let lookup = ContextKey(key)
            let position = entries.firstIndex { $0.key == lookup }
            switch (position, newValue) {
            case let (position?, value?): entries[position].value = value
            case let (nil, value?): entries.append(Entry(key: lookup, name: key, value: value))
            case let (position?, nil): entries.remove(at: position)
            case (nil, nil): break
            }
        }
    }

    /// The value of a key in lookup form (what policies store), or nil when the request does not carry it.
    subscript(key: ContextKey) -> ContextValue? {
        for i in entries.indices where entries[i].key == key { return entries[i].value }
        return nil
    }

    /// The keys as they were first written, sorted.
    public var keys: [String] { entries.map(\.name).sorted() }

    /// The lookup form of a key name: ASCII lowercase (keys are ASCII), other text lowercased.
    static func fold(_ key: String) -> String {
        var needs = false
        for byte in key.utf8 where byte >= 0x41 && byte <= 0x5A || byte >= 0x80 {
            needs = true
            break
        }
        return needs ? key.lowercased() : key
    }
}

/// A context key name in lookup form: folded (`RequestContext.fold`) and hashed once, when a policy is read.
struct ContextKey: Sendable, Hashable {
    let folded: String
    /// The hash of `folded` in this process, compared before the text.
    let hash: Int

    init(_ name: String) {
        folded = RequestContext.fold(name)
        hash = folded.hashValue
    }

    static func == (lhs: ContextKey, rhs: ContextKey) -> Bool {
        lhs.hash == rhs.hash && lhs.folded == rhs.folded
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(folded)
    }
}
