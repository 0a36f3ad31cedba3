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
public struct RequestContext: Sendable {
    private var entries: [String: (name: String, value: ContextValue)] = [:]
    /// The caller and resource account whose global keys (`aws:PrincipalArn`...) were added, so an
    /// evaluation does not add them again.
    var principalKeysFor: (caller: String, owner: String?)?

    public init() {}

    public init(_ values: [String: ContextValue]) {
        for (name, value) in values { self[name] = value }
    }

    /// The value of `key` (any case), or nil when the request does not carry it.
    public subscript(key: String) -> ContextValue? {
        get { entries[Self.fold(key)]?.value }
        set {
            let folded = Self.fold(key)
            if let newValue { entries[folded] = (entries[folded]?.name ?? key, newValue) } else { entries[folded] = nil }
        }
    }

    /// The value of a key already folded with `RequestContext.fold` (what policies store).
    func value(foldedKey: String) -> ContextValue? {
        entries[foldedKey]?.value
    }

    /// The keys as they were first written, sorted.
    public var keys: [String] { entries.values.map(\.name).sorted() }

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
