import Diagnostics
import Testing
@testable import IAMPolicy

// Helpers for the evaluation tests: policies are written as JSON text (with a small builder for the
// statements) and always go through `PolicyParser`, so the tests exercise what the simulator reads.

// MARK: - Accounts, principals, resources

/// The two accounts of the tests: A owns the caller and, unless said otherwise, the resource.
enum Acct {
    static let a = "111122223333"
    static let b = "444455556666"
}

/// Callers, by ARN or name, as `Caller(parsing:)` reads them.
enum Who {
    static let alice = "arn:aws:iam::111122223333:user/alice"
    static let bob = "arn:aws:iam::111122223333:user/bob"
    /// A user with a path: `aws:username` is still `alice`.
    static let alicePath = "arn:aws:iam::111122223333:user/division/alice"
    static let root = "arn:aws:iam::111122223333:root"
    /// The role `app` and one of its sessions.
    static let roleARN = "arn:aws:iam::111122223333:role/app"
    static let session = "arn:aws:sts::111122223333:assumed-role/app/s1"
    static let otherSession = "arn:aws:sts::111122223333:assumed-role/app/s2"
    static let otherRoleSession = "arn:aws:sts::111122223333:assumed-role/other/s1"
    /// A service role that is not service-linked (the path is `service-role/`, not `aws-service-role/`).
    static let serviceRole = "arn:aws:iam::111122223333:role/service-role/lambda-exec"
    static let slr = "arn:aws:iam::111122223333:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing"
    static let fed = "arn:aws:sts::111122223333:federated-user/fed"
    /// Account B.
    static let carol = "arn:aws:iam::444455556666:user/carol"
    static let bRoot = "arn:aws:iam::444455556666:root"
    static let bRoleARN = "arn:aws:iam::444455556666:role/ext"
    static let bSession = "arn:aws:sts::444455556666:assumed-role/ext/s1"
    static let aRoot = "arn:aws:iam::111122223333:root"
    static let ec2 = "ec2.amazonaws.com"
    static let lambda = "lambda.amazonaws.com"
    static let events = "events.amazonaws.com"
    static let google = "accounts.google.com"
    static let facebook = "graph.facebook.com"
    static let saml = "arn:aws:iam::111122223333:saml-provider/corp"
    static let otherSaml = "arn:aws:iam::111122223333:saml-provider/other"
    static let anonymous = "anonymous"
}

enum Res {
    static let obj = "arn:aws:s3:::bucket/key"
    static let bucketAll = "arn:aws:s3:::bucket/*"
    static let other = "arn:aws:s3:::other/key"
    static let secret = "arn:aws:s3:::bucket/secret/plan"
    static let pub = "arn:aws:s3:::bucket/public/index.html"
    static let targetRole = "arn:aws:iam::111122223333:role/target"
    static let topic = "arn:aws:sns:us-east-1:111122223333:alerts"
}

// MARK: - Building policy text

/// JSON string literal for `s`.
func jsonString(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        default: out.unicodeScalars.append(c)
        }
    }
    return out + "\""
}

/// A string or an array of strings, as JSON.
func jsonList(_ values: [String]) -> String {
    values.count == 1 ? jsonString(values[0]) : "[" + values.map(jsonString).joined(separator: ", ") + "]"
}

/// `Principal` values as JSON.
enum P {
    static let star = "\"*\""
    static func aws(_ values: String...) -> String { "{\"AWS\": \(jsonList(values))}" }
    static func service(_ values: String...) -> String { "{\"Service\": \(jsonList(values))}" }
    static func federated(_ values: String...) -> String { "{\"Federated\": \(jsonList(values))}" }
}

/// One condition clause: operator, key, values.
struct Clause: Sendable, Hashable {
    var op: String
    var key: String
    var values: [String]
}

/// One statement, written as JSON by `json`.
struct Stmt: Sendable {
    var effect: String
    var sid: String?
    var actionKey = "Action"
    var actions: [String]
    /// nil: no `Resource`/`NotResource` (trust policies).
    var resourceKey: String? = "Resource"
    var resources: [String] = ["*"]
    var principalKey = "Principal"
    /// Raw JSON of the principal, nil for none.
    var principal: String?
    var clauses: [Clause] = []

    static func allow(_ actions: String..., on resources: String...) -> Stmt {
        Stmt(effect: "Allow", actions: actions, resources: resources.isEmpty ? ["*"] : resources)
    }

    static func deny(_ actions: String..., on resources: String...) -> Stmt {
        Stmt(effect: "Deny", actions: actions, resources: resources.isEmpty ? ["*"] : resources)
    }

    /// A trust-policy statement: no resource element.
    static func trust(_ effect: String = "Allow", _ actions: String..., principal: String) -> Stmt {
        Stmt(effect: effect, actions: actions.isEmpty ? ["sts:AssumeRole"] : actions, resourceKey: nil, principal: principal)
    }

    func sid(_ s: String) -> Stmt { var c = self; c.sid = s; return c }
    func principal(_ p: String) -> Stmt { var c = self; c.principal = p; c.principalKey = "Principal"; return c }
    func notPrincipal(_ p: String) -> Stmt { var c = self; c.principal = p; c.principalKey = "NotPrincipal"; return c }
    var notAction: Stmt { var c = self; c.actionKey = "NotAction"; return c }
    var notResource: Stmt { var c = self; c.resourceKey = "NotResource"; return c }
    var noResource: Stmt { var c = self; c.resourceKey = nil; return c }
    func when(_ op: String, _ key: String, _ values: String...) -> Stmt {
        var c = self
        c.clauses.append(Clause(op: op, key: key, values: values))
        return c
    }

    var json: String {
        var members: [String] = []
        if let sid { members.append("\"Sid\": \(jsonString(sid))") }
        members.append("\"Effect\": \(jsonString(effect))")
        if let principal { members.append("\(jsonString(principalKey)): \(principal)") }
        members.append("\(jsonString(actionKey)): \(jsonList(actions))")
        if let resourceKey { members.append("\(jsonString(resourceKey)): \(jsonList(resources))") }
        if !clauses.isEmpty {
            var ops: [String] = []
            var byOp: [String: [Clause]] = [:]
            for clause in clauses {
                if byOp[clause.op] == nil { ops.append(clause.op) }
                byOp[clause.op, default: []].append(clause)
            }
            let blocks = ops.map { op in
                "\(jsonString(op)): {" + (byOp[op] ?? []).map { "\(jsonString($0.key)): \(jsonList($0.values))" }
                    .joined(separator: ", ") + "}"
            }
            members.append("\"Condition\": {" + blocks.joined(separator: ", ") + "}")
        }
        return "{" + members.joined(separator: ", ") + "}"
    }
}

/// A policy document: one statement per line, so that statement N (0-based) is on line N + 4
/// (N + 3 without `Version`).
func doc(_ statements: Stmt..., version: String? = "2012-10-17") -> String {
    doc(statements, version: version)
}

func doc(_ statements: [Stmt], version: String? = "2012-10-17") -> String {
    var text = "{\n"
    if let version { text += "  \"Version\": \(jsonString(version)),\n" }
    text += "  \"Statement\": [\n"
    text += statements.map { "    " + $0.json }.joined(separator: ",\n")
    text += "\n  ]\n}"
    return text
}

/// The AWS managed `FullAWSAccess` SCP / `RCPFullAWSAccess` RCP.
let fullAccessSCP = doc(.allow("*"))
let fullAccessRCP = doc(Stmt.allow("*").principal(P.star))

// MARK: - Parsing

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}

/// Parses `text` as a policy of `kind`; records the diagnostics and throws when it has errors.
func parsePolicy(_ text: String, id: String, kind: PolicyKind,
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Policy {
    let (policy, diagnostics) = PolicyParser.parse(text, id: id, kind: kind)
    let errors = diagnostics.filter { $0.severity == .error }
    guard let policy, errors.isEmpty else {
        let message = "fixture \(id) (\(kind.rawValue)) does not parse: " + errors.map { "\($0.code) \($0.message)" }.joined(separator: "; ")
        Issue.record(Comment(rawValue: message + "\n" + text), sourceLocation: sourceLocation)
        throw FixtureError(description: message)
    }
    return policy
}

/// The caller for `text`, or a recorded issue.
func parseCaller(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Caller {
    guard let caller = Caller(parsing: text) else {
        Issue.record("cannot parse caller \(text)", sourceLocation: sourceLocation)
        throw FixtureError(description: "bad caller \(text)")
    }
    return caller
}

/// String context values.
func ctx(_ pairs: (String, String)...) -> [String: ContextValue] {
    var out: [String: ContextValue] = [:]
    for (k, v) in pairs { out[k] = .string(v) }
    return out
}

// MARK: - One evaluation case

/// A row of an evaluation table: the AWS rule, the request and the policies, and what AWS decides.
///
/// `knownIssue` marks a row where the evaluator disagrees with the documented rule: the expectation still
/// states what AWS does, wrapped in `withKnownIssue`, so the row starts failing when the evaluator is fixed.
struct EvalCase: Sendable, CustomTestStringConvertible {
    var rule: String
    var caller: String
    var action: String
    var resource: String
    var resourceAccount: String?
    var context: [String: ContextValue]
    var identity: [String]
    var boundary: [String]
    var session: [String]
    var scps: [[String]]
    var rcps: [[String]]
    var resourcePolicy: String?
    var resourceKind: PolicyKind
    /// The policy of the VPC endpoint the request goes through, if any.
    var endpoint: [String]
    var expected: Decision
    var missing: [String]?
    var matched: [String]?
    var knownIssue: String?

    init(_ rule: String, caller: String = Who.alice, action: String = "s3:GetObject", resource: String = Res.obj,
         resourceAccount: String? = nil, context: [String: ContextValue] = [:],
         identity: [String] = [], boundary: [String] = [], session: [String] = [],
         scps: [[String]] = [], rcps: [[String]] = [], resourcePolicy: String? = nil, trust: String? = nil,
         endpoint: [String] = [],
         expected: Decision, missing: [String]? = nil, matched: [String]? = nil, knownIssue: String? = nil) {
        self.rule = rule
        self.caller = caller
        self.action = action
        self.resource = resource
        self.resourceAccount = resourceAccount
        self.context = context
        self.identity = identity
        self.boundary = boundary
        self.session = session
        self.scps = scps
        self.rcps = rcps
        self.resourcePolicy = trust ?? resourcePolicy
        self.resourceKind = trust != nil ? .trust : .resource
        self.endpoint = endpoint
        self.expected = expected
        self.missing = missing
        self.matched = matched
        self.knownIssue = knownIssue
    }

    var testDescription: String { (knownIssue != nil ? "[known issue] " : "") + rule }

    /// The parsed policies, with the ids the assertions use: `Identity.N`, `Boundary.N`, `Session.N`,
    /// `SCP.L<level>.N`, `RCP.L<level>.N`, `ResourcePolicy` or `TrustPolicy`.
    func policySet() throws -> PolicySet {
        func parseAll(_ texts: [String], _ prefix: String, _ kind: PolicyKind) throws -> [Policy] {
            try texts.enumerated().map { try parsePolicy($0.element, id: "\(prefix).\($0.offset + 1)", kind: kind) }
        }
        return PolicySet(
            identity: try parseAll(identity, "Identity", .identity),
            boundary: try parseAll(boundary, "Boundary", .boundary),
            session: try parseAll(session, "Session", .session),
            scps: try scps.enumerated().map { try parseAll($0.element, "SCP.L\($0.offset + 1)", .scp) },
            rcps: try rcps.enumerated().map { try parseAll($0.element, "RCP.L\($0.offset + 1)", .rcp) },
            resource: try resourcePolicy.map {
                try parsePolicy($0, id: resourceKind == .trust ? "TrustPolicy" : "ResourcePolicy", kind: resourceKind)
            },
            endpoint: try parseAll(endpoint, "Endpoint", .endpoint))
    }

    func evaluate(explain: Bool = false) throws -> EvaluationResult {
        let request = AuthorizationRequest(caller: try parseCaller(caller), action: action, resource: resource,
                                           resourceAccount: resourceAccount, context: RequestContext(context))
        return Evaluator().evaluate(request, policies: try policySet(), explain: explain)
    }

    func check(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let result = try evaluate()
        // The reasons are written only when explaining; explaining must not change the decision.
        let explained = try evaluate(explain: true)
        #expect(explained.decision == result.decision, "\(rule): explain mode changes the decision", sourceLocation: sourceLocation)
        let why = explained.reasons.joined(separator: " / ")
        if let knownIssue {
            withKnownIssue(Comment(rawValue: knownIssue)) {
                #expect(result.decision == expected, "\(rule) — evaluator: \(why)", sourceLocation: sourceLocation)
            }
            return
        }
        #expect(result.decision == expected, "\(rule) — evaluator: \(why)", sourceLocation: sourceLocation)
        if let missing {
            #expect(result.missingContextKeys.map { $0.lowercased() }.sorted() == missing.map { $0.lowercased() }.sorted(),
                    "\(rule): missing context keys", sourceLocation: sourceLocation)
        }
        if let matched {
            #expect(result.matchedStatements.map { "\($0.policyID)#\($0.statementIndex)" } == matched,
                    "\(rule): matched statements", sourceLocation: sourceLocation)
        }
        // The matched statements agree with the decision: Allow statements for `allowed`, Deny for `explicitDeny`.
        switch result.decision {
        case .allowed:
            #expect(result.matchedStatements.allSatisfy { $0.effect == .allow }, sourceLocation: sourceLocation)
        case .explicitDeny:
            #expect(!result.matchedStatements.isEmpty && result.matchedStatements.allSatisfy { $0.effect == .deny },
                    sourceLocation: sourceLocation)
        case .implicitDeny:
            #expect(result.matchedStatements.isEmpty, sourceLocation: sourceLocation)
        }
    }
}
