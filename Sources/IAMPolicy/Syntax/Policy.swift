import Diagnostics

/// The policy language version: variables are expanded only in 2012-10-17.
public enum PolicyVersion: String, Sendable, Hashable, Codable {
    case v2012_10_17 = "2012-10-17"
    case v2008_10_17 = "2008-10-17"
    /// No `Version` element: treated like 2008-10-17 (no policy variables).
    case absent = ""

    /// Whether `${...}` policy variables are expanded.
    public var expandsVariables: Bool { self == .v2012_10_17 }
}

/// Which kind of policy a document is; it decides which elements are allowed and how it is evaluated.
public enum PolicyKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Attached to a user, group or role: no `Principal`.
    case identity
    /// Attached to a resource (bucket, key, queue...): needs `Principal` or `NotPrincipal`.
    case resource
    /// A role's trust policy: a resource policy whose resource is the role.
    case trust
    /// A permissions boundary: like an identity policy.
    case boundary
    /// A service control policy of AWS Organizations: no `Principal`.
    case scp
    /// A resource control policy of AWS Organizations: `Principal` must be `*`.
    case rcp
    /// A session policy passed to AssumeRole* or GetFederationToken: like an identity policy.
    case session
    /// The policy of the VPC endpoint a request goes through: written like a resource-based policy
    /// (`Principal` or `NotPrincipal`), it grants nothing but must allow the request.
    case endpoint

    /// Whether the `Principal`/`NotPrincipal` element belongs in this kind of policy.
    public var allowsPrincipal: Bool { requiresPrincipal }
    public var requiresPrincipal: Bool { self == .resource || self == .trust || self == .rcp || self == .endpoint }
    /// Whether `NotPrincipal` is allowed (resource-based policies, VPC endpoint policies among them).
    public var allowsNotPrincipal: Bool { self == .resource || self == .endpoint }
}

public enum Effect: String, Sendable, Hashable, Codable {
    case allow = "Allow"
    case deny = "Deny"
}

/// A parsed policy document (a class: evaluation passes policies around on every request).
public final class Policy: Sendable {
    /// The name the caller gave the policy (for example `PolicyInputList.1` or a file name).
    public let id: String
    public let kind: PolicyKind
    public let version: PolicyVersion
    public let policyID: String?
    public let statements: [Statement]
    /// The whole document.
    public let range: SourceRange
    /// For large policies: which statements can match an action of each service.
    let actionIndex: ActionIndex?

    public init(id: String, kind: PolicyKind, version: PolicyVersion, policyID: String? = nil,
                statements: [Statement], range: SourceRange) {
        self.id = id
        self.kind = kind
        self.version = version
        self.policyID = policyID
        self.statements = statements
        self.range = range
        actionIndex = statements.count >= ActionIndex.threshold ? ActionIndex(statements) : nil
    }
}

/// The statements of a policy grouped by the service prefix of their actions, so that a request for
/// `s3:GetObject` visits only the statements that can match an S3 action (in their original order).
/// Statements with `NotAction`, or with a wildcard in a service prefix, are visited for every service.
struct ActionIndex: Sendable {
    /// Below this many statements a plain scan is as fast.
    static let threshold = 12

    let byService: [String: [Int]]
    let always: [Int]

    init(_ statements: [Statement]) {
        var byService: [String: [Int]] = [:]
        var always: [Int] = []
        for (i, statement) in statements.enumerated() {
            var services = Set<String>()
            var everyService = statement.actionPolarity == .negated
            for action in statement.actions where !everyService {
                let lowered = action.text.lowercased()
                guard let colon = lowered.firstIndex(of: ":") else { everyService = true; break }
                let service = String(lowered[..<colon])
                if service.contains("*") || service.contains("?") { everyService = true } else { services.insert(service) }
            }
            if everyService { always.append(i) } else { for s in services { byService[s, default: []].append(i) } }
        }
        self.byService = byService
        self.always = always
    }

    /// The statements to visit for actions of `service`, in order.
    func candidates(service: String) -> [Int] {
        guard let listed = byService[service] else { return always }
        if always.isEmpty { return listed }
        // Merge two sorted lists.
        var out: [Int] = []
        out.reserveCapacity(listed.count + always.count)
        var i = 0, j = 0
        while i < listed.count || j < always.count {
            if j == always.count || (i < listed.count && listed[i] < always[j]) { out.append(listed[i]); i += 1 } else { out.append(always[j]); j += 1 }
        }
        return out
    }
}

/// A list of values that applies either to what it names or to everything else (`NotAction`...).
public enum Polarity: Sendable, Hashable {
    case positive
    case negated
}

/// One statement of a policy.
public final class Statement: Sendable {
    // A class: evaluation walks statements on every request, and a reference costs one retain
    // where a struct with this many fields costs one per field.
    /// 0-based position in the policy.
    public let index: Int
    public let sid: String?
    public let effect: Effect
    /// `Action` (positive) or `NotAction` (negated).
    public let actions: [ActionPattern]
    public let actionPolarity: Polarity
    /// `Resource` or `NotResource`; nil when the statement has neither (allowed in trust policies).
    public let resources: [ResourcePattern]?
    public let resourcePolarity: Polarity
    /// `Principal` or `NotPrincipal`; nil when absent.
    public let principals: [PrincipalPattern]?
    public let principalPolarity: Polarity
    public let conditions: [ConditionClause]
    public let range: SourceRange
    /// `actions`, and the `resources` without variables, compiled for matching.
    let actionPatterns: PatternList
    let resourcePatterns: PatternList

    public init(index: Int, sid: String?, effect: Effect, actions: [ActionPattern], actionPolarity: Polarity,
                resources: [ResourcePattern]?, resourcePolarity: Polarity, principals: [PrincipalPattern]?,
                principalPolarity: Polarity, conditions: [ConditionClause], range: SourceRange) {
        self.index = index
        self.sid = sid
        self.effect = effect
        self.actions = actions
        self.actionPolarity = actionPolarity
        self.resources = resources
        self.resourcePolarity = resourcePolarity
        self.principals = principals
        self.principalPolarity = principalPolarity
        self.conditions = conditions
        self.range = range
        actionPatterns = PatternList(actions.map(\.matcher), caseInsensitive: true)
        resourcePatterns = PatternList((resources ?? []).map { $0.fixed?.wildcard }, caseInsensitive: false)
    }
}

/// An entry of `Action`/`NotAction`: `service:Action` with `*` and `?`, matched ignoring case.
public struct ActionPattern: Sendable {
    public var text: String
    public var range: SourceRange
    let matcher: WildcardPattern

    public init(_ text: String, range: SourceRange) {
        self.text = text
        self.range = range
        matcher = WildcardPattern(text, caseInsensitive: true)
    }

    public func matches(loweredAction: String) -> Bool {
        matcher.matches(loweredAction)
    }
}

/// An entry of `Resource`/`NotResource`: an ARN pattern, matched case-sensitively segment by segment,
/// possibly with policy variables.
public struct ResourcePattern: Sendable {
    public var text: String
    public var range: SourceRange
    /// The pattern when it has no variables (or the policy version does not expand them).
    let fixed: ARNPattern?
    let template: PolicyTemplate?
    /// The pattern compiled for the last variable values seen (requests by one principal repeat them).
    let compiled: CompiledTemplateCache?

    public init(_ text: String, range: SourceRange, expandVariables: Bool) {
        self.text = text
        self.range = range
        if expandVariables, text.contains("${"), let template = PolicyTemplate(text) {
            if template.variableKeys.isEmpty {
                // Only escapes (`${*}`, `${?}`, `${$}`): the pattern is the same for every request.
                self.template = nil
                fixed = ARNPattern(tokens: template.tokens(with: []), text: text)
                compiled = nil
            } else {
                self.template = template
                fixed = nil
                compiled = CompiledTemplateCache()
            }
        } else {
            template = nil
            fixed = ARNPattern(text)
            compiled = nil
        }
    }
}

/// An entry of `Principal`/`NotPrincipal`.
public struct PrincipalPattern: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `"*"` or `{"AWS": "*"}`: everyone (anonymous included for `"*"`).
        case everyone
        case aws
        case service
        case federated
        case canonicalUser
    }

    public let kind: Kind
    public let value: String
    public let range: SourceRange
    /// The value read once, so that matching a caller compares a few strings and parses nothing.
    let parsed: ParsedPrincipal

    public init(kind: Kind, value: String, range: SourceRange) {
        self.kind = kind
        self.value = value
        self.range = range
        parsed = ParsedPrincipal(kind: kind, value: value)
    }

    public static func == (lhs: PrincipalPattern, rhs: PrincipalPattern) -> Bool {
        lhs.kind == rhs.kind && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(value)
    }
}

/// One `"Operator": {"key": [values]}` entry of a `Condition` block.
///
/// A class: a clause is read on every evaluation, and copying a struct of this many fields costs a
/// reference count per field.
public final class ConditionClause: Sendable {
    public let op: ConditionOperator
    /// The operator as written, for traces.
    public let operatorText: String
    /// The condition key as written (keys match ignoring case).
    public let key: String
    /// The values as written; JSON numbers and booleans are kept as their text.
    public let values: [String]
    public let range: SourceRange

    /// The values compiled once: literal text and wildcard tokens, for policies without variables.
    let parsedValues: [PolicyValue]
    /// For each value that contains `${`, its template (used when the policy version expands variables
    /// and the operator allows them).
    let templates: [PolicyTemplate?]
    let hasTemplates: Bool
    /// `parsedValues` parsed for the operator once (numbers, dates, IP ranges, patterns).
    let preparedValues: PreparedValues
    /// The values as last expanded, when some have variables.
    private let lastExpansion: TemplateCache<[PolicyValue]>?
    /// The key as the request context looks it up (folded and hashed once).
    let contextKey: ContextKey

    public init(op: ConditionOperator, operatorText: String, key: String, values: [String], range: SourceRange) {
        contextKey = ContextKey(key)
        self.op = op
        self.operatorText = operatorText
        self.key = key
        self.values = values
        self.range = range
        parsedValues = values.map { PolicyValue($0) }
        templates = values.map { $0.contains("${") ? PolicyTemplate($0) : nil }
        hasTemplates = templates.contains { $0 != nil }
        lastExpansion = hasTemplates ? TemplateCache() : nil
        preparedValues = PreparedValues(base: op.base, values: parsedValues, compiled: true)
    }

    /// The values whose policy variables resolve in `context`, expanded. A value whose variable has no value
    /// in the request is null, and is left out: "condition operators like StringEquals or StringLike do not
    /// match" it, and "inverted condition operators like StringNotEquals or StringNotLike do match against a
    /// null value" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
    func resolvableValues(in context: RequestContext) -> [PolicyValue] {
        zip(templates, parsedValues).compactMap { template, value in
            guard let template else { return value }
            guard let resolved = template.resolve(in: context) else { return nil }
            return PolicyValue(tokens: template.tokens(with: resolved))
        }
    }

    /// The values with their policy variables expanded from `context`; nil when one cannot be resolved.
    func expandedValues(in context: RequestContext) -> [PolicyValue]? {
        guard let lastExpansion else { return parsedValues }
        return lastExpansion.built(from: templates.lazy.compactMap { $0 }, in: context) { resolved in
            var next = resolved.makeIterator()
            return zip(templates, parsedValues).map { template, value in
                guard let template, let values = next.next() else { return value }
                return PolicyValue(tokens: template.tokens(with: values))
            }
        }
    }
}
