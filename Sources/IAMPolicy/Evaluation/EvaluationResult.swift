import Diagnostics

/// The outcome of evaluating a request, in AWS's own words.
public enum Decision: String, Sendable, Hashable, Codable {
    case allowed
    case explicitDeny
    case implicitDeny
}

/// A statement that decided the outcome: its policy, kind, place and effect.
public struct MatchedStatement: Sendable, Hashable {
    public var policyID: String
    public var policyKind: PolicyKind
    /// 0-based index in the policy.
    public var statementIndex: Int
    public var sid: String?
    public var effect: Effect
    public var range: SourceRange
}

/// What one statement did for a request, for the trace.
public struct StatementTrace: Sendable, Hashable {
    public var statement: MatchedStatement
    /// Whether every element matched, so the statement applied.
    public var applies: Bool
    /// One line per element: what matched, what did not and why.
    public var reasons: [String]
}

/// The result of one evaluation: the decision, the statements behind it, the context keys the
/// policies asked for that the request lacked, and the decision of each policy type.
///
/// Most results are read for their decision only, so the rest is stored for speed: the statements as
/// references to their policies (a `MatchedStatement` copies a policy's name and a `Sid`, and is built
/// when read), and the lists that are usually empty in one optional value (then there is nothing to
/// release when the result goes away).
public struct EvaluationResult: Sendable {
    public var decision: Decision
    /// For `allowed`: the Allow statements that applied; for `explicitDeny`: the Deny statements that applied.
    public var matchedStatements: [MatchedStatement] {
        get { written ?? statements.map(\.matched) }
        set { written = newValue }
    }
    /// Context keys used by conditions of otherwise matching statements and absent from the request.
    public var missingContextKeys: [String] {
        get { details?.missingContextKeys ?? [] }
        set { details = Details(missingContextKeys: newValue, reasons: reasons, trace: trace) }
    }
    /// The decision of each kind of policy taken alone (`allowed` when it has an applicable Allow and
    /// no applicable Deny). Absent kinds are not listed.
    public var perKind: [PolicyKind: Decision] { kinds.dictionary }
    var kinds: KindDecisions
    /// Sentences that explain the decision, from the first rule that decided it.
    public var reasons: [String] {
        get { details?.reasons ?? [] }
        set { details = Details(missingContextKeys: missingContextKeys, reasons: newValue, trace: trace) }
    }
    /// Per statement, in evaluation order (only when asked to explain).
    public var trace: [StatementTrace] {
        get { details?.trace ?? [] }
        set { details = Details(missingContextKeys: missingContextKeys, reasons: reasons, trace: newValue) }
    }

    /// Whether AWS Organizations policies (SCPs) allowed the request, when there are any.
    public var allowedByOrganizations: Bool? { kinds[.scp].map { $0 == .allowed } }
    /// Whether the permissions boundary allowed the request, when there is one.
    public var allowedByPermissionsBoundary: Bool? { kinds[.boundary].map { $0 == .allowed } }

    private var statements: Matches<StatementRef>
    /// `matchedStatements` once assigned.
    private var written: [MatchedStatement]?
    private var details: Details?

    private struct Details: Sendable {
        var missingContextKeys: [String]
        var reasons: [String]
        var trace: [StatementTrace]
    }
}

extension EvaluationResult {
    // In an extension, so that the memberwise initializer is kept: built by it, the result is made in
    // place, where an initializer that assigns properties one by one built it aside and then copied it.
    init(decision: Decision, statements: consuming Matches<StatementRef>, missingContextKeys: [String], kinds: KindDecisions,
         reasons: [String], trace: [StatementTrace]) {
        let empty = missingContextKeys.isEmpty && reasons.isEmpty && trace.isEmpty
        self.init(decision: decision, kinds: kinds, statements: statements, written: nil,
                  details: empty ? nil : Details(missingContextKeys: missingContextKeys, reasons: reasons, trace: trace))
    }
}

/// A decision per policy kind, without a dictionary (built on every evaluation).
struct KindDecisions: Sendable {
    private var slots: (Decision?, Decision?, Decision?, Decision?, Decision?, Decision?, Decision?, Decision?) =
        (nil, nil, nil, nil, nil, nil, nil, nil)

    subscript(kind: PolicyKind) -> Decision? {
        get {
            switch kind {
            case .identity: slots.0
            case .resource: slots.1
            case .trust: slots.2
            case .boundary: slots.3
            case .scp: slots.4
            case .rcp: slots.5
            case .session: slots.6
            case .endpoint: slots.7
            }
        }
        set {
            switch kind {
            case .identity: slots.0 = newValue
            case .resource: slots.1 = newValue
            case .trust: slots.2 = newValue
            case .boundary: slots.3 = newValue
            case .scp: slots.4 = newValue
            case .rcp: slots.5 = newValue
            case .session: slots.6 = newValue
            case .endpoint: slots.7 = newValue
            }
        }
    }

    var dictionary: [PolicyKind: Decision] {
        var out: [PolicyKind: Decision] = [:]
        for kind in PolicyKind.allCases { if let d = self[kind] { out[kind] = d } }
        return out
    }
}
