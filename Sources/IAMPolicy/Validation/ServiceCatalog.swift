import Diagnostics
import Synchronization

/// The IAM actions and condition keys of every AWS service, and the global condition keys: what policy
/// validation checks names against, and what the sandbox completes.
///
/// Read from the texts of `Catalog/`, compiled in as string literals: `CatalogActions.swift` and
/// `CatalogConditionKeys.swift`, generated from the AWS Service Authorization Reference by
/// `Tools/generate-catalog.py`, and `CatalogGlobalConditionKeys.swift`, kept by hand from the IAM User Guide.
/// Every text has `[prefix] Name | reference page` section lines and `name<TAB>value` entry lines; lines
/// starting with `#` are comments. (Swift source rather than data files, so that IAMPolicy needs no build
/// plugin and build tools, such as `ScenarioCompiler`, can depend on it.)
public struct ServiceCatalog: Sendable {
    public struct Action: Sendable, Hashable {
        public var name: String
        /// `Read`, `Write`, `List`, `Tagging` or `Permissions management`.
        public var accessLevel: String
    }

    /// A service and its actions. The actions are read from the catalog text when asked for: a
    /// simulation looks at a few services of more than 400, and reading all 20,000 actions up front
    /// would cost more than the whole evaluation.
    public struct Service: Sendable {
        public var prefix: String
        public var name: String
        public var reference: String
        /// The catalog file's bytes (shared, not copied) and where this service's action lines are.
        let text: [UInt8]
        let lines: Range<Int>

        public var actions: [Action] {
            var out: [Action] = []
            ServiceCatalog.forEachEntry(text, lines) { name, value in
                out.append(Action(name: String(decoding: name, as: UTF8.self), accessLevel: String(decoding: value, as: UTF8.self)))
            }
            return out
        }

        /// The service's action names in ASCII lowercase, read on the first question and kept: a scenario asks
        /// about the same few services for every policy and `can` step, and a scan of the lines each time made
        /// the names check most of the time of parsing a scenario (the drills parse one per question).
        let lowercasedNames = LowercasedNames()

        /// Whether the service has an action of this name, ignoring ASCII case (action names are ASCII).
        func hasAction(named name: some StringProtocol) -> Bool {
            let wanted = String(decoding: name.utf8.map(ServiceCatalog.lowercase), as: UTF8.self)
            return lowercasedNames.names.withLock { names in
                if names == nil {
                    var read: Set<String> = []
                    ServiceCatalog.forEachEntry(text, lines) { entry, _ in
                        read.insert(String(decoding: entry.map(ServiceCatalog.lowercase), as: UTF8.self))
                    }
                    names = read
                }
                return names?.contains(wanted) ?? false
            }
        }
    }

    /// A service's action names once read, shared by the copies of the service.
    final class LowercasedNames: Sendable {
        let names = Mutex<Set<String>?>(nil)
    }

    /// A condition key as the catalog lists it.
    public struct ConditionKey: Sendable {
        /// As written in the catalog, with placeholders such as `${TagKey}` for names the author chooses.
        public var name: String
        /// Usually one; `aws:EpochTime` works with two.
        public var types: [ConditionKeyType]
        /// The services (lowercased prefixes) whose reference lists the key; empty for a global or
        /// cross-service key, which a request to any service may carry.
        public var services: Set<String>
        /// Placeholders matched as wildcards; nil for a key without placeholders.
        let pattern: WildcardPattern?
    }

    public private(set) var services: [Service] = []
    public private(set) var conditionKeys: [ConditionKey] = []
    private var serviceIndex: [String: Int] = [:]
    /// Keys without placeholders by lowercased name; keys with placeholders by lowercased prefix.
    private var exactKeys: [String: Int] = [:]
    private var templateKeys: [String: [Int]] = [:]
    /// The lowercased prefixes of all keys (`aws`, `s3`, `saml`...).
    private var keyPrefixes: Set<String> = []

    /// The catalog compiled into the binary.
    public static let builtIn: ServiceCatalog = {
        ServiceCatalog(actions: Array(actionsText.utf8), conditionKeys: Array(conditionKeysText.utf8),
                       globalConditionKeys: Array(globalConditionKeysText.utf8))
    }()

    /// Parses catalog text; malformed lines are skipped (the files are ours and tested).
    public init(actions: String, conditionKeys: String = "", globalConditionKeys: String = "") {
        self.init(actions: Array(actions.utf8), conditionKeys: Array(conditionKeys.utf8), globalConditionKeys: Array(globalConditionKeys.utf8))
    }

    init(actions: [UInt8], conditionKeys: [UInt8], globalConditionKeys: [UInt8]) {
        for section in Self.sections(actions) {
            serviceIndex[section.prefix.lowercased()] = services.count
            services.append(Service(prefix: section.prefix, name: section.name, reference: section.reference, text: actions,
                                    lines: section.lines))
        }
        for section in Self.sections(globalConditionKeys) {
            Self.forEachEntry(globalConditionKeys, section.lines) { addKey(Self.string($0), types: Self.string($1), service: nil) }
        }
        for section in Self.sections(conditionKeys) {
            let service = section.prefix.lowercased()
            Self.forEachEntry(conditionKeys, section.lines) { addKey(Self.string($0), types: Self.string($1), service: service) }
        }
    }

    private mutating func addKey(_ name: String, types text: String, service: String?) {
        let types = text.split(separator: ",").compactMap { ConditionKeyType(catalogName: String($0)) }
        guard !types.isEmpty, let colon = name.firstIndex(of: ":") else { return }
        let lowered = name.lowercased()
        keyPrefixes.insert(String(lowered[..<colon]))
        let placeholders = Self.placeholderTokens(name)
        let existing = placeholders == nil ? exactKeys[lowered]
            : templateKeys[String(lowered[..<colon]), default: []].first { conditionKeys[$0].name.lowercased() == lowered }
        if let index = existing {
            // A key listed by several services (or as global and by a service): one entry, every service.
            for type in types where !conditionKeys[index].types.contains(type) { conditionKeys[index].types.append(type) }
            if let service, !conditionKeys[index].services.isEmpty { conditionKeys[index].services.insert(service) }
            if service == nil { conditionKeys[index].services = [] }
            return
        }
        let key = ConditionKey(name: name, types: types, services: service.map { [$0] } ?? [],
                               pattern: placeholders.map { WildcardPattern(tokens: $0, caseInsensitive: true) })
        if placeholders == nil {
            exactKeys[lowered] = conditionKeys.count
        } else {
            templateKeys[String(lowered[..<colon]), default: []].append(conditionKeys.count)
        }
        conditionKeys.append(key)
    }

    /// The key as wildcard tokens, each `${...}` or `<...>` placeholder a `*`; nil when it has none.
    private static func placeholderTokens(_ name: String) -> [PatternToken]? {
        var tokens: [PatternToken] = []
        var closing: Unicode.Scalar?
        var previous: Unicode.Scalar?
        var found = false
        for scalar in name.unicodeScalars {
            if let close = closing {
                if scalar == close { closing = nil }
                continue
            }
            if scalar == "{", previous == "$" {
                tokens.removeLast()
                tokens.append(.anyRun)
                closing = "}"
                found = true
            } else if scalar == "<" {
                tokens.append(.anyRun)
                closing = ">"
                found = true
            } else {
                tokens.append(.literal(scalar))
            }
            previous = scalar
        }
        return found ? tokens : nil
    }

    // MARK: Reading the files

    /// A section line and where its entry lines are.
    struct Section {
        var prefix: String
        var name: String
        var reference: String
        /// From the first byte after the section line to the next section line.
        var lines: Range<Int>
    }

    /// The sections of a catalog file. Only section lines are decoded here; entries are read on demand.
    static func sections(_ text: [UInt8]) -> [Section] {
        var sections: [Section] = []
        var start = 0
        while start < text.count {
            let end = text[start...].firstIndex(of: newline) ?? text.count
            if text[start] == UInt8(ascii: "["), let close = text[start..<end].firstIndex(of: UInt8(ascii: "]")) {
                if !sections.isEmpty { sections[sections.count - 1].lines = sections[sections.count - 1].lines.lowerBound..<start }
                let rest = text[(close + 1)..<end].split(separator: UInt8(ascii: "|"), maxSplits: 1).map { string($0).trimmingSpaces }
                let prefix = string(text[(start + 1)..<close])
                sections.append(Section(prefix: prefix, name: rest.first ?? prefix, reference: rest.count > 1 ? rest[1] : "",
                                        lines: min(end + 1, text.count)..<text.count))
            }
            start = end + 1
        }
        return sections
    }

    /// Calls `body` with the name and value of each `name<TAB>value` line in `range` (comments skipped).
    static func forEachEntry(_ text: [UInt8], _ range: Range<Int>, _ body: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Void) {
        var start = range.lowerBound
        while start < range.upperBound {
            var end = text[start..<range.upperBound].firstIndex(of: newline) ?? range.upperBound
            let next = end + 1
            if end > start, text[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            if end > start, text[start] != UInt8(ascii: "#"), text[start] != UInt8(ascii: " ") {
                let tab = text[start..<end].firstIndex(of: UInt8(ascii: "\t")) ?? end
                body(text[start..<tab], text[min(tab + 1, end)..<end])
            }
            start = next
        }
    }

    private static let newline = UInt8(ascii: "\n")

    static func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    // MARK: Actions

    /// The service with this prefix, ignoring case.
    public func service(_ prefix: some StringProtocol) -> Service? {
        serviceIndex[prefix.lowercased()].map { services[$0] }
    }

    /// Every action as `prefix:Name`.
    public var allActions: [String] {
        services.flatMap { service in service.actions.map { "\(service.prefix):\($0.name)" } }
    }

    /// Whether the catalog lists the action or, for a pattern with `*` or `?`, an action it matches
    /// (ignoring case, as IAM does); nil when the service is not in the catalog or the text is not
    /// `service:action`.
    public func knows(_ action: String) -> Bool? {
        guard let colon = action.firstIndex(of: ":"), let index = serviceIndex[action[..<colon].lowercased()] else { return nil }
        let name = action[action.index(after: colon)...]
        if name.contains("*") || name.contains("?") {
            let pattern = WildcardPattern(String(name), caseInsensitive: true)
            return services[index].actions.contains { pattern.matches($0.name) }
        }
        return services[index].hasAction(named: name)
    }

    /// The closest listed action to a misspelled one (within the same service when it is known), for a
    /// did-you-mean.
    public func suggestion(for action: String) -> String? {
        if let colon = action.firstIndex(of: ":"), let service = service(action[..<colon]) {
            return closestMatch(to: action, in: service.actions.map { "\(service.prefix):\($0.name)" })
        }
        return closestMatch(to: action, in: allActions)
    }

    /// The closest service prefix to an unknown one.
    public func suggestion(forService prefix: String) -> String? {
        closestMatch(to: prefix, in: services.map(\.prefix))
    }

    // MARK: Condition keys

    /// The catalog's entry for a condition key (ignoring case; `aws:PrincipalTag/team` finds
    /// `aws:PrincipalTag/${TagKey}`).
    public func conditionKey(_ key: String) -> ConditionKey? {
        let lowered = key.lowercased()
        if let index = exactKeys[lowered] { return conditionKeys[index] }
        guard let colon = lowered.firstIndex(of: ":") else { return nil }
        for index in templateKeys[String(lowered[..<colon])] ?? [] where conditionKeys[index].pattern?.matches(lowered) == true {
            return conditionKeys[index]
        }
        return nil
    }

    /// Whether any key of the catalog has this prefix (`aws`, `s3`, `saml`...), ignoring case.
    public func hasConditionKeys(prefix: String) -> Bool {
        keyPrefixes.contains(prefix.lowercased())
    }

    /// The closest key of the same prefix to a misspelled one. A key with a placeholder is offered with the
    /// user's text in its place: `aws:PrincipalTagg/team` gives `aws:PrincipalTag/team`.
    public func suggestion(forConditionKey key: String) -> String? {
        guard let colon = key.firstIndex(of: ":") else { return nil }
        let prefix = key[...colon].lowercased()
        var candidates: [String] = []
        for entry in conditionKeys where entry.name.lowercased().hasPrefix(prefix) {
            guard entry.pattern != nil else {
                candidates.append(entry.name)
                continue
            }
            // The literal text before the placeholder ends with a separator (`/` or `:`); the user's key
            // up to the same separator is compared with it, and the rest kept.
            let head = entry.name.prefix { $0 != "$" && $0 != "<" }
            guard let separator = head.last, let userSeparator = key[key.index(after: colon)...].firstIndex(of: separator) else { continue }
            candidates.append(String(head) + key[key.index(after: userSeparator)...])
        }
        return closestMatch(to: key, in: candidates)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (no Foundation here).
    fileprivate var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }),
              let end = scalars.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) else { return "" }
        return String(scalars[start...end])
    }
}
