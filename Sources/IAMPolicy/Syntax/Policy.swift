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

    /// Whether the `Principal`/`NotPrincipal` element belongs in this kind of policy.
    public var allowsPrincipal: Bool { self == .resource || self == .trust || self == .rcp }
    public var requiresPrincipal: Bool { self == .resource || self == .trust || self == .rcp }
}

public enum Effect: String, Sendable, Hashable, Codable {
    case allow = "Allow"
    case deny = "Deny"
}

/// A parsed policy document.
public struct Policy: Sendable {
    /// The name the caller gave the policy (for example `PolicyInputList.1` or a file name).
    public var id: String
    public var kind: PolicyKind
    public var version: PolicyVersion
    public var policyID: String?
    public var statements: [Statement]
    /// The whole document.
    public var range: SourceRange

    public init(id: String, kind: PolicyKind, version: PolicyVersion, policyID: String? = nil,
                statements: [Statement], range: SourceRange) {
        self.id = id
        self.kind = kind
        self.version = version
        self.policyID = policyID
        self.statements = statements
        self.range = range
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

    public init(_ text: String, range: SourceRange, expandVariables: Bool) {
        self.text = text
        self.range = range
        if expandVariables, let template = PolicyTemplate(text), template.hasVariables {
            self.template = template
            fixed = nil
        } else {
            template = nil
            fixed = ARNPattern(text)
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
public struct ConditionClause: Sendable {
    public var op: ConditionOperator
    /// The operator as written, for traces.
    public var operatorText: String
    /// The condition key as written (keys match ignoring case).
    public var key: String
    /// The values as written; JSON numbers and booleans are kept as their text.
    public var values: [String]
    public var range: SourceRange

    /// The values compiled once: literal text and wildcard tokens, for policies without variables.
    let parsedValues: [PolicyValue]
    /// For each value that contains `${`, its template (used when the policy version expands variables
    /// and the operator allows them).
    let templates: [PolicyTemplate?]
    let hasTemplates: Bool
    /// The key as the request context looks it up (case folded once).
    let foldedKey: String

    public init(op: ConditionOperator, operatorText: String, key: String, values: [String], range: SourceRange) {
        foldedKey = RequestContext.fold(key)
        self.op = op
        self.operatorText = operatorText
        self.key = key
        self.values = values
        self.range = range
        parsedValues = values.map { PolicyValue($0) }
        templates = values.map { $0.contains("${") ? PolicyTemplate($0) : nil }
        hasTemplates = templates.contains { $0 != nil }
    }
}
