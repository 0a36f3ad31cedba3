/// A policy value of a condition after variable expansion.
public struct PolicyValue: Sendable, Hashable {
    /// The tokens: literal characters and, for `...Like` operators, wildcards.
    public var tokens: [PatternToken]
    /// The value as text (wildcards written as `*` and `?`): what equality operators compare.
    public var text: String

    public init(tokens: [PatternToken]) {
        self.tokens = tokens
        text = PatternToken.text(tokens)
    }

    /// A value written without variables.
    public init(_ text: String) {
        tokens = PatternToken.parse(text)
        self.text = text
    }
}

/// What one condition clause (operator, key, values) decided, and why.
public struct ConditionOutcome: Sendable, Hashable {
    public var satisfied: Bool
    /// True when the key was absent from the request (reported as a missing context value).
    public var keyMissing: Bool
    /// One line for the trace, e.g. `StringEquals sts:ExternalId: wanted "cust-42", request has "cust-17"`.
    public var detail: String

    public init(satisfied: Bool, keyMissing: Bool, detail: String) {
        self.satisfied = satisfied
        self.keyMissing = keyMissing
        self.detail = detail
    }
}
