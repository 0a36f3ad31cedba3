// How one request value is compared with the policy values of a clause, per operator family.
//
// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html

/// The outcome of comparing one request value with every policy value of a clause.
enum ValueTest: Equatable {
    /// The request value is not of the operator's type (not a number, not a date...): it matches nothing,
    /// and it does not satisfy a negated operator either.
    case invalid
    /// The request value matched the policy value at this index (the first that did).
    case match(Int)
    /// The request value matched no policy value.
    case noMatch
    /// The request value matched no policy value, and the policy value at this index (the first such) is
    /// not of the operator's type: the outcome is unknown, so neither a positive nor a negated operator
    /// holds (`validate` reports the value).
    case invalidPolicy(Int)
}

/// The policy values of a clause, ready to be compared with request values under its operator.
struct PreparedValues: Sendable {
    enum Family: Sendable {
        case string, ignoreCase, like, arn, numeric, date, bool, binary, ip
    }

    private enum Storage: Sendable {
        /// Nothing kept: each policy value is parsed when compared (values compared once).
        case direct
        case patterns([TextMatcher])
        case numbers([DecimalNumber?])
        case dates([Instant?])
        case bools([Bool?])
        case binaries([[UInt8]?])
        case ranges([IPRange?])
    }

    /// A `...Like` or ARN pattern, with fast paths for plain text and a lone `*`.
    private enum TextMatcher: Sendable {
        case exact(String)
        case everything
        /// A pattern `ConditionGlob` matches without building anything.
        case glob([PatternToken])
        case arnGlob([PatternToken])
        case wildcard(WildcardPattern)

        func matches(_ text: String) -> Bool {
            switch self {
            case .exact(let literal): literal.bytesEqual(text)
            case .everything: true
            case .glob(let tokens): ConditionGlob.matches(tokens, text)
            case .arnGlob(let tokens): ConditionGlob.matchesARN(tokens, text)
            case .wildcard(let pattern): pattern.matches(text)
            }
        }
    }

    let base: ConditionOperator.Base
    let family: Family
    let values: [PolicyValue]
    private let storage: Storage

    /// Values (after variable expansion) to compare with the request values of `entry`: parsed up front
    /// when there are several request values, else each as it is compared, which allocates nothing.
    init(for clause: ConditionClause, values: [PolicyValue], entry: ContextValue?) {
        self.init(base: clause.op.base, values: values, compiled: (entry?.values.count ?? 0) > 1)
    }

    /// `compiled`: the policy values are parsed (and patterns built) up front, for values compared many
    /// times (a policy's own values, or several request values); else each is parsed as it is compared,
    /// which allocates nothing.
    init(base: ConditionOperator.Base, values: [PolicyValue], compiled: Bool) {
        self.base = base
        self.values = values
        family = Self.family(of: base)
        guard compiled else {
            storage = .direct
            return
        }
        switch family {
        case .string, .ignoreCase:
            storage = .direct
        case .like, .arn:
            let family = family
            storage = .patterns(values.map { Self.matcher($0, family: family) })
        case .numeric:
            storage = .numbers(values.map { DecimalNumber($0.text) })
        case .date:
            storage = .dates(values.map { Instant($0.text) })
        case .bool:
            storage = .bools(values.map { BoolValue.parse($0.text) })
        case .binary:
            storage = .binaries(values.map { Base64.decode($0.text) })
        case .ip:
            storage = .ranges(values.map { IPRange(cidr: $0.text) })
        }
    }

    private static func matcher(_ value: PolicyValue, family: Family) -> TextMatcher {
        if let plain = plainMatcher(value) { return plain }
        let fast = ConditionGlob.isFast(value.tokens)
        if family == .arn { return fast ? .arnGlob(value.tokens) : arnMatcher(value.tokens) }
        return fast ? .glob(value.tokens) : .wildcard(WildcardPattern(tokens: value.tokens, caseInsensitive: false))
    }

    static func family(of base: ConditionOperator.Base) -> Family {
        switch base {
        case .stringEquals, .stringNotEquals: .string
        case .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase: .ignoreCase
        case .stringLike, .stringNotLike: .like
        case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: .arn
        case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan,
             .numericGreaterThanEquals: .numeric
        case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan,
             .dateGreaterThanEquals: .date
        case .bool, .null: .bool
        case .binaryEquals: .binary
        case .ipAddress, .notIpAddress: .ip
        }
    }

    /// Tokens without wildcards compare as text; a lone `*` matches everything.
    private static func plainMatcher(_ value: PolicyValue) -> TextMatcher? {
        var literalsOnly = true
        for token in value.tokens {
            if case .literal = token { continue }
            literalsOnly = false
            break
        }
        if literalsOnly { return .exact(value.text) }
        if value.tokens.count == 1, value.tokens[0] == .anyRun { return .everything }
        return nil
    }

    /// An ARN condition pattern. Unlike `Resource` (where a `*` ending a segment may run past the colon,
    /// see `ARNPattern`), the ARN condition operators check "each of the six colon-delimited components of
    /// the ARN separately": in the first five components no wildcard matches a colon, so
    /// `arn:aws:someservice:*:111122223333:finance/*` does not match
    /// `arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt` (the example
    /// of reference_policies_elements_condition_operators.html). In the resource, after the fifth colon,
    /// `*` and `?` match any character.
    private static func arnMatcher(_ tokens: [PatternToken]) -> TextMatcher {
        .wildcard(WildcardPattern(tokens: tokens, caseInsensitive: false,
                                  colonBounded: ARNPattern.colonBounded(tokens, segmentEndingStarCrosses: false)))
    }

    /// Compares one request value with every policy value. For the ordering operators the request value is
    /// on the left: `NumericLessThan` matches when the request value is less than the policy value.
    func test(_ request: String) -> ValueTest {
        switch storage {
        case .direct:
            return testDirect(request)
        case .patterns(let matchers):
            for (i, matcher) in matchers.enumerated() where matcher.matches(request) { return .match(i) }
            return .noMatch
        case .numbers(let numbers):
            guard let r = DecimalNumber(request) else { return .invalid }
            return scan { numbers[$0] } matching: { ordering(r.compare($0)) }
        case .dates(let dates):
            guard let r = Instant(request) else { return .invalid }
            return scan { dates[$0] } matching: { ordering(r.compare($0)) }
        case .bools(let bools):
            guard let r = BoolValue.parse(request) else { return .invalid }
            return scan { bools[$0] } matching: { $0 == r }
        case .binaries(let binaries):
            guard let r = Base64.decode(request) else { return .invalid }
            return scan { binaries[$0] } matching: { $0 == r }
        case .ranges(let ranges):
            guard let r = IPRange(address: request) else { return .invalid }
            return scan { ranges[$0] } matching: { $0.contains(r) }
        }
    }

    /// `test` parsing each policy value as it goes.
    private func testDirect(_ request: String) -> ValueTest {
        switch family {
        case .string:
            for (i, value) in values.enumerated() where request.bytesEqual(value.text) { return .match(i) }
            return .noMatch
        case .ignoreCase:
            for (i, value) in values.enumerated() where Self.equalsIgnoringCase(request, value.text) { return .match(i) }
            return .noMatch
        case .like, .arn:
            for (i, value) in values.enumerated() where Self.matcher(value, family: family).matches(request) {
                return .match(i)
            }
            return .noMatch
        case .numeric:
            guard let r = DecimalNumber(request) else { return .invalid }
            return scan { DecimalNumber(values[$0].text) } matching: { ordering(r.compare($0)) }
        case .date:
            guard let r = Instant(request) else { return .invalid }
            return scan { Instant(values[$0].text) } matching: { ordering(r.compare($0)) }
        case .bool:
            guard let r = BoolValue.parse(request) else { return .invalid }
            return scan { BoolValue.parse(values[$0].text) } matching: { $0 == r }
        case .binary:
            guard let r = Base64.decode(request) else { return .invalid }
            return scan { Base64.decode(values[$0].text) } matching: { $0 == r }
        case .ip:
            guard let r = IPRange(address: request) else { return .invalid }
            return scan { IPRange(cidr: values[$0].text) } matching: { $0.contains(r) }
        }
    }

    /// The first policy value (parsed by `policyValue`) that `matches`; else whether one did not parse.
    @inline(__always)
    private func scan<T>(_ policyValue: (Int) -> T?, matching matches: (T) -> Bool) -> ValueTest {
        var firstInvalid: Int?
        for i in values.indices {
            if let p = policyValue(i) {
                if matches(p) { return .match(i) }
            } else if firstInvalid == nil {
                firstInvalid = i
            }
        }
        return firstInvalid.map { .invalidPolicy($0) } ?? .noMatch
    }

    /// Whether a comparison result (request vs policy: -1, 0, 1) satisfies the operator.
    @inline(__always)
    private func ordering(_ c: Int) -> Bool {
        switch base {
        case .numericLessThan, .dateLessThan: c < 0
        case .numericLessThanEquals, .dateLessThanEquals: c <= 0
        case .numericGreaterThan, .dateGreaterThan: c > 0
        case .numericGreaterThanEquals, .dateGreaterThanEquals: c >= 0
        default: c == 0
        }
    }

    /// Scalar-by-scalar comparison with simple case folding (the folding `WildcardPattern` uses).
    static func equalsIgnoringCase(_ a: String, _ b: String) -> Bool {
        var ia = a.unicodeScalars.makeIterator()
        var ib = b.unicodeScalars.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil):
                return true
            case let (x?, y?):
                if x != y, WildcardPattern.fold(x) != WildcardPattern.fold(y) { return false }
            default:
                return false
            }
        }
    }
}
