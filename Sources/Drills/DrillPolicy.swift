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


    /// The statement as JSON on one line, keys in the order AWS's documentation writes them.
    public var json: String { tree.inline }

    /// The statement as a JSON value: `Sid`, `Effect`, `Principal`, `Action`, `Resource`, `Condition`.
    var tree: DrillJSON {
        var members: [(String, DrillJSON)] = [("Sid", .string(sid)), ("Effect", .string(effect.rawValue))]
        if !principals.isEmpty {
            let element = notPrincipal ? "NotPrincipal" : "Principal"
            if principals.count == 1, principals[0].type == "*" {
                members.append((element, .string("*")))
            } else {
                members.append((element, .object(principals.map { ($0.type, .list($0.values)) })))
            }
        }
        members.append((notAction ? "NotAction" : "Action", .list(actions)))
        // A trust policy's statements name no resource: the role is the resource.
        if !resources.isEmpty { members.append((notResource ? "NotResource" : "Resource", .list(resources))) }
        if !conditions.isEmpty {
            // One operator block per operator, in the order first written.
            var operators: [String] = []
            for c in conditions where !operators.contains(c.op) { operators.append(c.op) }
            members.append(("Condition", .object(operators.map { op in
                (op, .object(conditions.filter { $0.op == op }.map { ($0.key, .list($0.values)) }))
            })))
        }
        return .object(members)
    }

}

/// A policy of a drill: its kind, the name the stem gives it, and its statements.
public struct DrillPolicy: Sendable, Hashable {
    public var kind: PolicyKind
    public var name: String
    public var statements: [DrillStatement]
    /// Where an SCP or RCP is attached in the organization tree ("the Prod OU"), for the stem and the
    /// explanations; policies attached to the same place form one level. Nil when the drill has one level only.
    public var attachment: String?

    public init(kind: PolicyKind, name: String, statements: [DrillStatement], attachment: String? = nil) {
        self.kind = kind
        self.name = name
        self.statements = statements
        self.attachment = attachment
    }

    /// The whole policy document on one line, as the evaluator reads it.
    public var document: String { tree.inline }

    /// The document laid out for the terminal (76 columns by default: the quiz indents a block by two, and
    /// terminals are at least 80 wide), short as policies are written in AWS's documentation: `Version` on
    /// the first line, a statement that fits on one line, a longer one a member a line.
    ///
    ///     {"Version": "2012-10-17", "Statement": [{
    ///       "Sid": "AllowReports",
    ///       ...
    ///     }]}
    public func prettyLines(width: Int = 76) -> [String] {
        let flat = document
        if flat.count <= width { return [flat] }
        let head = "{\"Version\": \"2012-10-17\", \"Statement\": ["
        if statements.count == 1, case .object(let members) = statements[0].tree {
            return [head + "{"] + DrillJSON.object(members).memberLines(indent: "  ", width: width) + ["}]}"]
        }
        return [head] + statements.enumerated().flatMap { i, statement in
            statement.tree.lines(indent: "  ", suffix: i == statements.count - 1 ? "" : ",", width: width)
        } + ["]}"]
    }

    var tree: DrillJSON {
        .object([("Version", .string("2012-10-17")), ("Statement", .array(statements.map(\.tree)))])
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
    /// The policy set of `policies`, or nil when one does not parse: a generator's bug, which the tests catch.
    /// SCPs and RCPs attached to the same place form one level of the organization tree (a level allows what any
    /// of its policies allows); each other one is a level of its own, in order.
    public static func policySet(_ policies: [DrillPolicy]) -> PolicySet? {
        let parsed = policies.compactMap { PolicyParser.parse($0.document, id: $0.name, kind: $0.kind).policy }
        return parsed.count == policies.count ? policySet(parsed: parsed, of: policies) : nil
    }

    /// The policy set of `policies` parsed already (`parsed`, in the same order), each placed by its kind and
    /// attachment: for callers that parse a policy once and evaluate it with several versions of another (the
    /// edits of `fix-the-policy`).
    static func policySet(parsed: [Policy], of policies: [DrillPolicy]) -> PolicySet {
        policySet(placed: zip(parsed, policies).map { ($0, $1.kind, $1.attachment) })
    }

    /// The policy set of parsed policies, each with its kind and where it is attached (for SCPs and RCPs: the
    /// policies of one place are one level).
    static func policySet(placed policies: [(policy: Policy, kind: PolicyKind, place: String?)]) -> PolicySet {
        var set = PolicySet()
        var scpLevels: [String?] = [], rcpLevels: [String?] = []
        /// Adds `policy` to the level of its attachment, or to a new level.
        func place(_ policy: Policy, _ attachment: String?, _ levels: inout [[Policy]], _ names: inout [String?]) {
            if let attachment, let at = names.firstIndex(of: attachment) {
                levels[at].append(policy)
            } else {
                levels.append([policy])
                names.append(attachment)
            }
        }
        for (parsed, kind, attachment) in policies {
            switch kind {
            case .identity: set.identity.append(parsed)
            case .boundary: set.boundary.append(parsed)
            case .session: set.session.append(parsed)
            case .scp: place(parsed, attachment, &set.scps, &scpLevels)
            case .rcp: place(parsed, attachment, &set.rcps, &rcpLevels)
            case .resource, .trust: set.resource = parsed
            case .endpoint: set.endpoint.append(parsed)
            }
        }
        return set
    }
}
