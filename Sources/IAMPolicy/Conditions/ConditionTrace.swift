/// Builds the one-line trace of a condition clause, e.g.
/// `StringEquals sts:ExternalId: wanted "cust-42", request has "cust-17"`.
///
/// User values are quoted (IP addresses that parse are shown as written), long values are cut, control
/// characters are escaped, and lists show at most three values then `and N more`.
struct ConditionTrace: Sendable {
    /// What the evaluator saw, kept until the line is read.
    enum Event: Sendable {
        /// A line given as text.
        case text(String)
        /// The key is not in the request (`missing`) or carries an empty set.
        case absent(missing: Bool, holds: Bool)
        /// One request value and how it compared.
        case single(request: String, test: ValueTest, negated: Bool)
        /// `ForAnyValue:` that no request value satisfied.
        case noneSatisfies(requests: [String], negated: Bool)
        /// `ForAllValues:` that every request value satisfied.
        case allSatisfy(requests: [String], negated: Bool)
        /// An operator without `ForAnyValue:`/`ForAllValues:` on a key that carries several values.
        case unqualifiedSet(requests: [String], holds: Bool)
        /// `Null`.
        case null(entry: ContextValue?, holds: Bool, wantsAbsent: Bool, wantsPresent: Bool)
    }

    private let op: ConditionOperator
    private let operatorText: String
    private let key: String
    private let values: [PolicyValue]
    private let event: Event

    init(text: String) {
        op = ConditionOperator(base: .null)
        operatorText = ""
        key = ""
        values = []
        event = .text(text)
    }

    init(clause: ConditionClause, values: [PolicyValue], event: Event) {
        op = clause.op
        operatorText = clause.operatorText
        key = clause.key
        self.values = values
        self.event = event
    }

    static let maxListed = 3
    static let maxValueLength = 64

    private var base: ConditionOperator.Base { op.base }
    private var family: PreparedValues.Family { PreparedValues.family(of: op.base) }

    /// The line.
    var text: String {
        switch event {
        case .text(let text):
            return text
        case .absent(let missing, let holds):
            let state = missing ? "key is missing" : "key has no values"
            return line(holds ? state + ", so the condition holds" : state)
        case .single(let request, let test, let negated):
            return single(request, test, negated: negated)
        case .noneSatisfies(let requests, let negated):
            let shown = list(requests)
            if negated { return each(shown) }
            if family == .ip { return line("none of \(shown) is in \(policyList)") }
            return line("wanted \(phrase.prefix)\(policyList)\(phrase.suffix), request has \(shown)")
        case .allSatisfy(let requests, let negated):
            let shown = list(requests)
            if !negated { return each(shown) }
            if family == .ip { return line("none of \(shown) is in \(policyList)") }
            return line("none of \(shown) is \(phrase.prefix)\(policyList)\(phrase.suffix)")
        case .unqualifiedSet(let requests, let holds):
            let message = "request has \(requests.count) values (\(list(requests, family: .string))); "
                + "a multivalued key needs ForAnyValue: or ForAllValues:"
            return line(holds ? message + ", so the negated condition holds" : message)
        case .null(let entry, let holds, let wantsAbsent, let wantsPresent):
            let state: String
            if let entry, !entry.values.isEmpty {
                state = "key is present (\(list(entry.values, family: .string)))"
            } else {
                state = entry == nil ? "key is missing" : "key has no values"
            }
            if holds { return line(state + ", so the condition holds") }
            if !wantsAbsent, !wantsPresent { return line(state + "; the policy value is not true or false") }
            let absent = entry?.values.isEmpty ?? true
            return line(state + (absent ? ", wanted it present" : ", wanted it missing"))
        }
    }

    private var operatorName: String {
        if !operatorText.isEmpty { return operatorText }
        var name = op.qualifier.map { $0.rawValue + ":" } ?? ""
        name += op.base.rawValue
        if op.ifExists { name += "IfExists" }
        return name
    }

    private func line(_ message: String) -> String {
        "\(Self.sanitized(operatorName)) \(Self.sanitized(key)): \(message)"
    }

    private func single(_ request: String, _ test: ValueTest, negated: Bool) -> String {
        let shown = show(request)
        switch test {
        case .invalid:
            return line("request has \(Self.quoted(request)), which is not \(Self.kind(family))")
        case .invalidPolicy(let index):
            return line("request has \(shown), but the policy value \(Self.quoted(values[index].text)) is not \(Self.kind(family))")
        case .match(let index):
            let matched = show(values[index].text)
            if family == .ip { return line("\(shown) is in \(matched)") }
            return line("request has \(shown), which is \(phrase.prefix)\(matched)\(phrase.suffix)")
        case .noMatch:
            if family == .ip { return line("\(shown) is not in \(policyList)") }
            if negated {
                return line("request has \(shown), which is not \(phrase.prefix)\(policyList)\(phrase.suffix)")
            }
            return line("wanted \(phrase.prefix)\(policyList)\(phrase.suffix), request has \(shown)")
        }
    }

    private func each(_ shown: String) -> String {
        if family == .ip { return line("each of \(shown) is in \(policyList)") }
        return line("each of \(shown) is \(phrase.prefix)\(policyList)\(phrase.suffix)")
    }

    // MARK: Pieces

    /// How the relation between request and policy value reads: `wanted less than "10"`.
    private var phrase: (prefix: String, suffix: String) {
        switch base {
        case .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase: ("", " (ignoring case)")
        case .stringLike, .stringNotLike, .arnLike, .arnNotLike: ("like ", "")
        case .numericLessThan: ("less than ", "")
        case .numericLessThanEquals: ("at most ", "")
        case .numericGreaterThan: ("greater than ", "")
        case .numericGreaterThanEquals: ("at least ", "")
        case .dateLessThan: ("before ", "")
        case .dateLessThanEquals: ("at or before ", "")
        case .dateGreaterThan: ("after ", "")
        case .dateGreaterThanEquals: ("at or after ", "")
        default: ("", "")
        }
    }

    private static func kind(_ family: PreparedValues.Family) -> String {
        switch family {
        case .numeric: "a number"
        case .date: "a date"
        case .ip: "an IP address"
        case .binary: "base64"
        case .bool: "true or false"
        case .string, .ignoreCase, .like, .arn: "a string"
        }
    }

    /// The policy values: one as itself, several as `one of "a", "b", "c" and 2 more`.
    private var policyList: String {
        switch values.count {
        case 0: return "nothing (the policy lists no values)"
        case 1: return show(values[0].text)
        default: return (family == .ip ? "any of " : "one of ") + list(values.map(\.text))
        }
    }

    private func list(_ items: [String]) -> String {
        list(items, family: family)
    }

    private func list(_ items: [String], family: PreparedValues.Family) -> String {
        var out = ""
        for (i, item) in items.prefix(Self.maxListed).enumerated() {
            if i > 0 { out += ", " }
            out += show(item, family: family)
        }
        if items.count > Self.maxListed { out += " and \(items.count - Self.maxListed) more" }
        return out
    }

    private func show(_ value: String) -> String {
        show(value, family: family)
    }

    /// A value as shown: quoted, except an IP address or range that parses.
    private func show(_ value: String, family: PreparedValues.Family) -> String {
        if family == .ip, IPRange(cidr: value) != nil { return value }
        return Self.quoted(value)
    }

    static func quoted(_ value: String) -> String {
        "\"" + sanitized(value, escapingQuotes: true) + "\""
    }

    static func backticked(_ value: String) -> String {
        "`" + sanitized(value) + "`"
    }

    /// Escapes control characters (so a value cannot drive a terminal) and cuts long values.
    static func sanitized(_ value: String, escapingQuotes: Bool = false) -> String {
        var plain = true
        var count = 0
        for scalar in value.unicodeScalars {
            count += 1
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (escapingQuotes && (scalar == "\"" || scalar == "\\")) {
                plain = false
                break
            }
        }
        if plain, count <= maxValueLength { return value }
        var out = String.UnicodeScalarView()
        for (i, scalar) in value.unicodeScalars.enumerated() {
            if i == maxValueLength {
                out.append("…")
                break
            }
            switch scalar {
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\"" where escapingQuotes: out.append(contentsOf: "\\\"".unicodeScalars)
            case "\\" where escapingQuotes: out.append(contentsOf: "\\\\".unicodeScalars)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }
}
