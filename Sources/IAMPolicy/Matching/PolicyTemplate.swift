/// Text with `${...}` policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, any context key,
/// defaults `${key, 'default'}` (a quote in a default is written `''`), and the escapes `${*}`, `${?}`,
/// `${$}` for a literal `*`, `?` and `$`.
///
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html. Only one round
/// of substitution happens: a value that itself contains `${...}` is taken literally. A variable whose
/// key has no single value in the request, and no default, cannot be resolved: AWS then treats the
/// statement as not applying.
public struct PolicyTemplate: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case text(String)
        /// A literal character that would otherwise be a wildcard (`${*}`, `${?}`).
        case escapedWildcard(Unicode.Scalar)
        case variable(key: String, defaultValue: String?)
    }

    public let parts: [Part]
    /// The keys of the variables in lookup form, in order (hashed once, not on every request).
    private let lookupKeys: [ContextKey]

    /// Parses `text`; returns nil when a `${` is not closed or a variable is malformed.
    public init?(_ text: String) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let dollar = Self.openingBrace(rest) {
            literal += rest[..<dollar]
            let afterOpen = rest[rest.index(dollar, offsetBy: 2)...]
            guard let close = Self.closingBrace(afterOpen) else { return nil }
            let inner = afterOpen[..<close]
            rest = afterOpen[afterOpen.index(after: close)...]
            switch inner {
            case "*", "?":
                if !literal.isEmpty { parts.append(.text(literal)); literal = "" }
                parts.append(.escapedWildcard(inner.unicodeScalars.first ?? "*"))
            case "$":
                literal += "$"
            default:
                guard let variable = Self.variable(inner) else { return nil }
                if !literal.isEmpty { parts.append(.text(literal)); literal = "" }
                parts.append(variable)
            }
        }
        literal += rest
        if !literal.isEmpty { parts.append(.text(literal)) }
        self.parts = parts
        lookupKeys = parts.compactMap { if case .variable(let key, _) = $0 { ContextKey(key) } else { nil } }
    }

    /// The keys of the variables, as written.
    public var variableKeys: [String] {
        parts.compactMap { if case .variable(let key, _) = $0 { key } else { nil } }
    }

    /// The value of each variable, in order; nil when one cannot be resolved.
    func resolve(in context: RequestContext) -> [String]? {
        var values: [String] = []
        for case .variable(_, let defaultValue) in parts {
            // The variables before this one each added a value: `values.count` is this one's position.
            guard let value = Self.value(of: lookupKeys[values.count], defaultValue, in: context) else { return nil }
            values.append(value)
        }
        return values
    }

    /// Whether `resolve(in: context)` would return `values` (without building them).
    func resolves(in context: RequestContext, to values: [String]) -> Bool {
        var position = 0
        for case .variable(_, let defaultValue) in parts {
            guard position < values.count, Self.value(of: lookupKeys[position], defaultValue, in: context) == values[position] else {
                return false
            }
            position += 1
        }
        return position == values.count
    }

    /// The value of one variable: the key's single value in the request, else the default.
    private static func value(of key: ContextKey, _ defaultValue: String?, in context: RequestContext) -> String? {
        if let entry = context[key], !entry.type.isList, entry.values.count == 1 { return entry.values[0] }
        return defaultValue
    }

    /// The tokens with the given variable values (from `resolve`) substituted.
    func tokens(with values: [String]) -> [PatternToken] {
        var tokens: [PatternToken] = []
        var next = 0
        for part in parts {
            switch part {
            case .text(let text):
                tokens += PatternToken.parse(text)
            case .escapedWildcard(let scalar):
                tokens.append(.literal(scalar))
            case .variable:
                // A substituted value is data: its `*` and `?` are not wildcards.
                tokens += values[next].unicodeScalars.map { .literal($0) }
                next += 1
            }
        }
        return tokens
    }

    /// Expands the variables from `context`; nil when one cannot be resolved.
    public func expand(in context: RequestContext) -> [PatternToken]? {
        resolve(in: context).map(tokens(with:))
    }

    /// The position of the next `${`.
    private static func openingBrace(_ text: Substring) -> Substring.Index? {
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == "$" {
                let next = text.index(after: i)
                if next < text.endIndex, text[next] == "{" { return i }
            }
            i = text.index(after: i)
        }
        return nil
    }

    /// The closing `}` of a variable, skipping braces inside a quoted default.
    private static func closingBrace(_ text: Substring) -> Substring.Index? {
        var inQuote = false
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "'" { inQuote.toggle() }
            if c == "}", !inQuote { return i }
            i = text.index(after: i)
        }
        return nil
    }

    private static func variable(_ inner: Substring) -> Part? {
        let trimmed = inner.trimmingPolicySpaces()
        guard !trimmed.isEmpty else { return nil }
        guard let comma = trimmed.firstIndex(of: ",") else {
            return trimmed.contains(" ") ? nil : .variable(key: String(trimmed), defaultValue: nil)
        }
        let key = trimmed[..<comma].trimmingPolicySpaces()
        let rawDefault = trimmed[trimmed.index(after: comma)...].trimmingPolicySpaces()
        guard !key.isEmpty, !key.contains(" "), rawDefault.count >= 2, rawDefault.first == "'", rawDefault.last == "'" else {
            return nil
        }
        let body = rawDefault.dropFirst().dropLast()
        // Inside the quotes a quote is written twice.
        var value = ""
        var i = body.startIndex
        while i < body.endIndex {
            let c = body[i]
            if c == "'" {
                let next = body.index(after: i)
                guard next < body.endIndex, body[next] == "'" else { return nil }
                value.append("'")
                i = body.index(after: next)
            } else {
                value.append(c)
                i = body.index(after: i)
            }
        }
        return .variable(key: String(key), defaultValue: value)
    }
}

extension Substring {
    func trimmingPolicySpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
