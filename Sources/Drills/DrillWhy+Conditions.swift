import IAMPolicy

/// What an explanation adds for conditions and principals: why a missing key decided (`ForAllValues`,
/// `ForAnyValue`, `...IfExists`), why a Deny did not apply to an allowed request (its condition, or its
/// `NotPrincipal` that names the caller), and why a Deny with `NotPrincipal` did apply.
extension DrillWhy {
    /// After what the request holds for a condition's key: how the operator reads a missing key or a wildcard,
    /// where that is the trap ("..., and ForAllValues holds when the key is missing"); empty otherwise.
    static func keyNote(_ c: DrillCondition, _ entry: ContextValue?) -> String {
        if entry?.values.isEmpty ?? true {
            if c.op.hasPrefix("ForAllValues:") { return ", and ForAllValues holds when the key is missing" }
            if c.op.hasPrefix("ForAnyValue:") { return ", and ForAnyValue never holds when the key is missing" }
            if c.op.hasSuffix("IfExists") { return ", and ...IfExists holds when the key is missing" }
            return ""
        }
        if c.op == "StringEquals" || c.op == "StringNotEquals", c.values.contains(where: { $0.contains("*") && !$0.contains("${") }) {
            return ", and \(c.op) reads * as a plain character"
        }
        return ""
    }

    /// For an allowed request: the Deny statement that would have applied but for its condition or its
    /// `NotPrincipal`, and why it did not (": the condition ... of `DenyStaleMFA` does not hold, as the request
    /// has no aws:MultiFactorAuthAge"), found by evaluating that statement alone, relaxed; empty when no Deny
    /// came close.
    static func spared(_ request: DrillRequest, _ policies: [DrillPolicy]) -> String {
        for policy in policies {
            for s in policy.statements where s.effect == .deny && (!s.conditions.isEmpty || s.notPrincipal) {
                var relaxed = s
                relaxed.conditions = []
                if s.notPrincipal {
                    relaxed.notPrincipal = false
                    relaxed.principals = [.anyone]
                }
                guard applies(relaxed, in: policy, to: request) else { continue }
                if s.notPrincipal, !applies(s, in: policy, to: request) {
                    return ": the NotPrincipal of `\(s.sid)` lists \(request.callerARN) itself, so that Deny does not apply to it"
                }
                if let c = s.conditions.first {
                    return ": the condition \(describe(c)) of `\(s.sid)` does not hold, as \(value(c, request))"
                }
            }
        }
        return ""
    }

    /// Whether `statement`, alone in a policy of the kind of `policy`, applies to the request.
    private static func applies(_ statement: DrillStatement, in policy: DrillPolicy, to request: DrillRequest) -> Bool {
        guard let set = DrillPolicies.policySet([DrillPolicy(kind: policy.kind, name: policy.name, statements: [statement])])
        else { return false }
        return Evaluator().evaluate(request.authorizationRequest, policies: set).decision == .explicitDeny
    }

    /// For a request a Deny with `NotPrincipal` denied: what the list lacks (" (its NotPrincipal lists the role
    /// `admin` but not this session, arn:aws:sts::...)"); empty for other statements.
    static func notPrincipalNote(_ s: MatchedStatement, _ request: DrillRequest, _ policies: [DrillPolicy]) -> String {
        guard let statement = drillStatement(s, policies), statement.notPrincipal else { return "" }
        let listed = statement.principals.flatMap(\.values)
        let caller = request.authorizationRequest.caller
        if caller.kind == .assumedRole, let role = caller.roleARN, listed.contains(role) {
            return " (its NotPrincipal lists the role \(role) but not this session, \(request.callerARN))"
        }
        return " (its NotPrincipal does not list \(request.callerARN))"
    }

    /// For an implicit deny where a resource-based policy is shown: that it does not allow either.
    static func resourceNote(_ result: EvaluationResult, _ policies: [DrillPolicy]) -> String {
        guard result.perKind[.resource] != .allowed, let policy = policies.first(where: { $0.kind == .resource }) else { return "" }
        return ", nor does the resource-based policy `\(policy.name)`"
    }
}
