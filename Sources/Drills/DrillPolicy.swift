import IAMPolicy

/// A condition of a drill statement: `"Operator": {"key": values}`.
public struct DrillCondition: Sendable, Hashable {
    public var op: String
    public var key: String
    public var values: [String]

    public init(_ op: String, _ key: String, _ values: [String]) {
        self.op = op
        self.key = key
        self.values = values
    }
}

/// One principal type of a `Principal` element: `"AWS": [...]`, `"Service": ...`, `"Federated": ...`, or
/// ``anyone`` for `"Principal": "*"`.
public struct DrillPrincipal: Sendable, Hashable {
    public var type: String
    public var values: [String]

    public init(_ type: String, _ values: [String]) {
        self.type = type
        self.values = values
    }

    /// `"Principal": "*"`.
    public static let anyone = DrillPrincipal("*", [])
}

/// One statement of a drill policy, built from parts so that families can vary them one at a time.
public struct DrillStatement: Sendable, Hashable {
    public var sid: String
    public var effect: Effect
    public var actions: [String]
    /// `NotAction` instead of `Action`.
    public var notAction: Bool
    public var resources: [String]
    /// `NotResource` instead of `Resource`.
    public var notResource: Bool
    public var conditions: [DrillCondition]
    /// `Principal` of a resource-based or trust policy, one entry per principal type; empty in identity
    /// policies, boundaries, SCPs and session policies.
    public var principals: [DrillPrincipal]
    /// `NotPrincipal` instead of `Principal`.
    public var notPrincipal: Bool

    public init(sid: String, effect: Effect, actions: [String], notAction: Bool = false, resources: [String] = ["*"],
                notResource: Bool = false, conditions: [DrillCondition] = [],
                principals: [DrillPrincipal] = [], notPrincipal: Bool = false) {
        self.sid = sid
        self.effect = effect
        self.actions = actions
        self.notAction = notAction
        self.resources = resources
        self.notResource = notResource
        self.conditions = conditions
        self.principals = principals
        self.notPrincipal = notPrincipal
    }


    /// The statement as JSON on one line, keys in the order AWS's documentation writes them: the stem shows
    /// one statement a line, so that a policy of a few statements stays readable when the terminal wraps.
    public var json: String {
        var parts = ["\"Sid\": \(Self.quoted(sid))", "\"Effect\": \(Self.quoted(effect.rawValue))"]
        if !principals.isEmpty {
            let element = notPrincipal ? "NotPrincipal" : "Principal"
            if principals.count == 1, principals[0].type == "*" {
                parts.append("\"\(element)\": \"*\"")
            } else {
                parts.append("\"\(element)\": {" + principals.map { "\(Self.quoted($0.type)): \(Self.list($0.values))" }.joined(separator: ", ") + "}")
            }
        }
        parts.append("\"\(notAction ? "NotAction" : "Action")\": \(Self.list(actions))")
        // A trust policy's statements name no resource: the role is the resource.
        if !resources.isEmpty { parts.append("\"\(notResource ? "NotResource" : "Resource")\": \(Self.list(resources))") }
        if !conditions.isEmpty {
            // One operator block per operator, in the order first written.
            var operators: [String] = []
            for c in conditions where !operators.contains(c.op) { operators.append(c.op) }
            let blocks = operators.map { op in
                let keys = conditions.filter { $0.op == op }.map { "\(Self.quoted($0.key)): \(Self.list($0.values))" }
                return "\(Self.quoted(op)): {\(keys.joined(separator: ", "))}"
            }
            parts.append("\"Condition\": {\(blocks.joined(separator: ", "))}")
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    static func list(_ items: [String]) -> String {
        items.count == 1 ? quoted(items[0]) : "[" + items.map(quoted).joined(separator: ", ") + "]"
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// A policy of a drill: its kind, the name the stem gives it, and its statements.
public struct DrillPolicy: Sendable, Hashable {
    public var kind: PolicyKind
    public var name: String
    public var statements: [DrillStatement]
    /// Where an SCP is attached in the organization tree ("the Prod OU"), for the stem and the explanations;
    /// nil when the drill has one level only.
    public var attachment: String?

    public init(kind: PolicyKind, name: String, statements: [DrillStatement], attachment: String? = nil) {
        self.kind = kind
        self.name = name
        self.statements = statements
        self.attachment = attachment
    }

    /// The whole policy document, as the evaluator reads it.
    public var document: String {
        "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements.map(\.json).joined(separator: ", ") + "]}"
    }

    /// The policy type in the words of the stem and the explanations ("the permissions boundary").
    public var kindName: String { Self.name(of: kind) }

    /// How a learner names a policy type.
    public static func name(of kind: PolicyKind) -> String {
        switch kind {
        case .identity: "identity policy"
        case .boundary: "permissions boundary"
        case .scp: "SCP"
        case .rcp: "RCP"
        case .session: "session policy"
        case .resource: "resource-based policy"
        case .trust: "trust policy"
        case .endpoint: "VPC endpoint policy"
        }
    }

    /// The stem's heading of the policy ("Permissions boundary `DevBoundary`:").
    var heading: String {
        let kind = kindName
        return kind.prefix(1).uppercased() + kind.dropFirst() + " `\(name)`" + (attachment.map { ", attached to \($0):" } ?? ":")
    }
}

/// The policies of a drill, parsed for the evaluator.
public enum DrillPolicies {
    /// The policy set of `policies` (SCPs at one level each, in order), or nil when one does not parse: a
    /// generator's bug, which the tests catch.
    public static func policySet(_ policies: [DrillPolicy]) -> PolicySet? {
        let parsed = policies.compactMap { PolicyParser.parse($0.document, id: $0.name, kind: $0.kind).policy }
        return parsed.count == policies.count ? policySet(parsed: parsed) : nil
    }

    /// The policy set of policies parsed already, each placed by its kind: for callers that parse a policy once
    /// and evaluate it with several versions of another (the edits of `fix-the-policy`).
    static func policySet(parsed policies: [Policy]) -> PolicySet {
        var set = PolicySet()
        for parsed in policies {
            switch parsed.kind {
            case .identity: set.identity.append(parsed)
            case .boundary: set.boundary.append(parsed)
            case .session: set.session.append(parsed)
            case .scp: set.scps.append([parsed])
            case .rcp: set.rcps.append([parsed])
            case .resource, .trust: set.resource = parsed
            case .endpoint: set.endpoint.append(parsed)
            }
        }
        return set
    }
}
