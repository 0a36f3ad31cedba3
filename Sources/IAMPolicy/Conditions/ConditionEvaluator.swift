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
    ///
    /// The evaluator records what it saw and the line is written when read, so evaluations whose trace
    /// nobody reads do not pay for building text.
    public var detail: String {
        get { trace.text }
        set { trace = ConditionTrace(text: newValue) }
    }

    private var trace: ConditionTrace

    public init(satisfied: Bool, keyMissing: Bool, detail: String) {
        self.satisfied = satisfied
        self.keyMissing = keyMissing
        trace = ConditionTrace(text: detail)
    }

    init(satisfied: Bool, keyMissing: Bool, trace: ConditionTrace) {
        self.satisfied = satisfied
        self.keyMissing = keyMissing
        self.trace = trace
    }

    public static func == (lhs: ConditionOutcome, rhs: ConditionOutcome) -> Bool {
        lhs.satisfied == rhs.satisfied && lhs.keyMissing == rhs.keyMissing && lhs.detail == rhs.detail
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(satisfied)
        hasher.combine(keyMissing)
        hasher.combine(detail)
    }
}

/// Evaluates condition clauses against a request context, following the AWS documentation:
///
/// - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
/// - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
/// - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
/// - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
///
/// The rules, in the order they apply:
///
/// 1. `Null`: `true` holds when the key is absent, `false` when it is present; a key whose value is an
///    empty set counts as absent ("the key exists and its value is not null" is what `false` asks).
/// 2. An absent key (not in the request, or an empty set): `...IfExists` holds; otherwise `ForAllValues:`
///    holds and `ForAnyValue:` does not, whatever the operator; otherwise a negated operator holds and a
///    positive one does not.
/// 3. `ForAllValues:` holds when every request value satisfies the operator, `ForAnyValue:` when at least
///    one does. A single-valued key is a set of one.
/// 4. Without a qualifier, the one request value is compared. A multivalued key carrying several values
///    needs a qualifier: no single policy value can equal the set, so a positive operator does not hold
///    and a negated one does.
///
/// One request value satisfies a positive operator when it matches any policy value (OR) and a negated
/// operator when it matches none of them (NOR). A request value that is not of the operator's type (not a
/// number for `Numeric...`, not an IP address for `IpAddress`...) satisfies neither, so a malformed value
/// never makes a condition hold. Policy values that do not parse match nothing, and when no valid one
/// matched, a negated operator does not hold either (its outcome is unknown); `validate` reports them.
public enum ConditionEvaluator {
    /// Evaluates one clause: `values` are the policy's values after variable expansion (for operators that
    /// expand variables) or as written.
    public static func evaluate(_ clause: ConditionClause, values: [PolicyValue], context: RequestContext) -> ConditionOutcome {
        let entry = context[clause.contextKey]
        return evaluate(clause, PreparedValues(for: clause, values: values, entry: entry), entry: entry)
    }

    /// `evaluate` for the evaluator: `values` are the clause's values ready for `entry`, the context's value of
    /// the clause's key (the clause's own `preparedValues`, or `PreparedValues(for:values:entry:)`).
    static func evaluate(_ clause: ConditionClause, _ values: PreparedValues, entry: ContextValue?) -> ConditionOutcome {
        apply(clause, values, entry: entry) { satisfied, event in
            ConditionOutcome(satisfied: satisfied, keyMissing: entry == nil,
                             trace: ConditionTrace(clause: clause, values: values.values, event: event()))
        }
    }

    /// Whether the clause holds, without the outcome's line: what most evaluations need (recording what
    /// was seen costs copies).
    static func holds(_ clause: ConditionClause, _ values: PreparedValues, entry: ContextValue?) -> Bool {
        apply(clause, values, entry: entry) { satisfied, _ in satisfied }
    }

    /// The rules, written once: `make` turns whether the clause holds, and what was seen (computed only
    /// if it asks), into the result.
    private static func apply<Result>(_ clause: ConditionClause, _ prepared: PreparedValues, entry: ContextValue?,
                                      make: (Bool, () -> ConditionTrace.Event) -> Result) -> Result {
        let op = clause.op
        let values = prepared.values

        if op.base == .null {
            // `Null`: each policy value `true` asks for the key to be absent, `false` for it to be
            // present; the values are ORed.
            let absent = entry?.values.isEmpty ?? true
            var wantsAbsent = false, wantsPresent = false
            for value in values {
                switch BoolValue.parse(value.text) {
                case true?: wantsAbsent = true
                case false?: wantsPresent = true
                case nil: break
                }
            }
            let holds = absent ? wantsAbsent : wantsPresent
            return make(holds) { .null(entry: entry, holds: holds, wantsAbsent: wantsAbsent, wantsPresent: wantsPresent) }
        }

        guard let entry, !entry.values.isEmpty else {
            let holds: Bool
            if op.ifExists {
                holds = true
            } else if let qualifier = op.qualifier {
                holds = qualifier == .forAllValues
            } else {
                holds = op.base.isNegated
            }
            return make(holds) { .absent(missing: entry == nil, holds: holds) }
        }

        let negated = op.base.isNegated
        let requestValues = entry.values

        /// Whether one request value satisfies the operator (OR for positive, NOR for negated).
        func satisfies(_ test: ValueTest) -> Bool {
            switch test {
            case .invalid, .invalidPolicy: false
            case .match: !negated
            case .noMatch: negated
            }
        }

        switch op.qualifier {
        case .forAnyValue?:
            for request in requestValues {
                let test = prepared.test(request)
                if satisfies(test) { return make(true) { .single(request: request, test: test, negated: negated) } }
            }
            if requestValues.count == 1 {
                return make(false) { .single(request: requestValues[0], test: prepared.test(requestValues[0]), negated: negated) }
            }
            return make(false) { .noneSatisfies(requests: requestValues, negated: negated) }
        case .forAllValues?:
            for request in requestValues {
                let test = prepared.test(request)
                if !satisfies(test) { return make(false) { .single(request: request, test: test, negated: negated) } }
            }
            if requestValues.count == 1 {
                return make(true) { .single(request: requestValues[0], test: prepared.test(requestValues[0]), negated: negated) }
            }
            return make(true) { .allSatisfy(requests: requestValues, negated: negated) }
        case nil:
            guard requestValues.count == 1 else { return make(negated) { .unqualifiedSet(requests: requestValues, holds: negated) } }
            let test = prepared.test(requestValues[0])
            return make(satisfies(test)) { .single(request: requestValues[0], test: test, negated: negated) }
        }
    }

    /// Problems with the values as written in the policy (not a number for `Numeric...`, not a date, not an
    /// IP address or CIDR range, not base64, a `Bool` or `Null` value that is not true or false), one
    /// lowercase message each; empty when fine.
    public static func validate(_ clause: ConditionClause) -> [String] {
        let base = clause.op.base
        let name = base.rawValue
        var problems: [String] = []
        for value in clause.values {
            let shown = ConditionTrace.backticked(value)
            switch PreparedValues.family(of: base) {
            case .numeric:
                if DecimalNumber(value) == nil { problems.append("\(shown) is not a number for \(name)") }
            case .date:
                if Instant(value) == nil {
                    problems.append("\(shown) is not a date for \(name) (write ISO 8601 such as 2024-01-01T00:00:00Z, or epoch seconds)")
                }
            case .ip:
                if IPRange(cidr: value) == nil {
                    problems.append("\(shown) is not an IP address or CIDR range for \(name)")
                }
            case .binary:
                if Base64.decode(value) == nil { problems.append("\(shown) is not base64 for \(name)") }
            case .bool:
                if BoolValue.parse(value) == nil { problems.append("\(shown) is not true or false for \(name)") }
            case .string, .ignoreCase, .like, .arn:
                break
            }
        }
        return problems
    }
}

extension ConditionClause {
    /// Whether the clause holds for `entry` with its own values (`ConditionEvaluator.holds`). A method, so
    /// that the values are read in place rather than copied for the call.
    func holds(for entry: ContextValue?) -> Bool {
        ConditionEvaluator.holds(self, preparedValues, entry: entry)
    }
}
