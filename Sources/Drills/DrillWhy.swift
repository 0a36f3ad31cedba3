import IAMPolicy

/// Writes an option's explanation from the evaluator's result: the decision, the policy type and the statement
/// that decided it, in one sentence ("denied: the permissions boundary `DevBoundary` does not allow
/// s3:PutObject").
enum DrillWhy {
    /// The order in which an implicit deny is explained: the evaluator's own order (SCPs, then the identity
    /// policies, then what limits them).
    static let limitingKinds: [PolicyKind] = [.scp, .identity, .boundary, .session]

    static func sentence(_ result: EvaluationResult, _ request: DrillRequest, _ policies: [DrillPolicy]) -> String {
        let action = request.action
        func policy(_ kind: PolicyKind, named name: String? = nil) -> String {
            let match = policies.first { $0.kind == kind && (name == nil || $0.name == name) }
            return "the \(DrillPolicy.name(of: kind))" + (match.map { " `\($0.name)`" } ?? "")
        }
        func statement(_ s: MatchedStatement) -> String {
            "the statement `\(s.sid ?? "#\(s.statementIndex + 1)")` of \(policy(s.policyKind, named: s.policyID))"
        }
        /// The conditions of a statement that applied, and that they hold.
        func holds(_ s: MatchedStatement) -> String {
            let conditions = drillStatement(s, policies)?.conditions ?? []
            guard !conditions.isEmpty else { return "" }
            return " (" + conditions.map { "its condition \(describe($0)) holds: \(value($0, request))" }.joined(separator: "; ") + ")"
        }
        switch result.decision {
        case .explicitDeny:
            guard let deny = result.matchedStatements.first(where: { $0.effect == .deny }) else {
                return "denied explicitly: a Deny statement applies to \(action)"
            }
            return "denied explicitly: \(statement(deny)) denies \(action) here\(holds(deny)), and an explicit Deny overrides every Allow"
        case .allowed:
            let allows = result.matchedStatements.filter { $0.effect == .allow }
            let main = allows.first { $0.policyKind == .identity } ?? allows.first
            let others = limitingKinds.filter { $0 != .identity && result.perKind[$0] != nil }
                .map { policy($0) }
            var text = "allowed: " + (main.map { "\(statement($0)) allows it\(holds($0))" } ?? "the policies allow it")
            if !others.isEmpty { text += ", \(listed(others)) allow\(others.count == 1 ? "s" : "") it too," }
            return text + " and nothing denies it"
        case .implicitDeny:
            for kind in limitingKinds where result.perKind[kind] != nil && result.perKind[kind] != .allowed {
                if kind == .identity {
                    if let failed = failedCondition(request, policies) {
                        return "denied (implicitly): \(statement(failed.statement)) would allow \(action), but its condition "
                            + "\(describe(failed.condition)) does not hold: \(value(failed.condition, request))"
                    }
                    return "denied (implicitly): no statement of \(policy(.identity)) allows \(action) on this resource"
                }
                return "denied (implicitly): \(policy(kind)) does not allow \(action)"
            }
            return "denied (implicitly): no policy allows \(action)"
        }
    }

    /// The drill statement behind a matched statement.
    static func drillStatement(_ s: MatchedStatement, _ policies: [DrillPolicy]) -> DrillStatement? {
        policies.first { $0.kind == s.policyKind && $0.name == s.policyID }?.statements.first { $0.sid == s.sid }
    }

    /// A condition on one line: "`Bool aws:MultiFactorAuthPresent true`".
    static func describe(_ c: DrillCondition) -> String {
        "`\(c.op) \(c.key) \(c.values.joined(separator: ", "))`"
    }

    /// What the request holds for a condition's key, with the keys AWS adds for the caller
    /// (`aws:PrincipalArn`): "the request has aws:SourceIp = 203.0.113.7", or "the request has no
    /// aws:MultiFactorAuthPresent" (where `...IfExists` and Null decide).
    static func value(_ c: DrillCondition, _ request: DrillRequest) -> String {
        let value = request.authorizationRequest.context[c.key]?.values.joined(separator: ", ")
        return value.map { "the request has \(c.key) = \($0)" } ?? "the request has no \(c.key)"
    }

    /// For a request that no identity statement allows: the conditional Allow statement that would allow it
    /// without its condition, found by evaluating the policies with the Allow statements' conditions removed.
    static func failedCondition(_ request: DrillRequest, _ policies: [DrillPolicy]) -> (statement: MatchedStatement, condition: DrillCondition)? {
        guard policies.contains(where: { $0.kind == .identity && $0.statements.contains { $0.effect == .allow && !$0.conditions.isEmpty } }),
              let relaxed = DrillPolicies.policySet(policies.map { policy in
                  var p = policy
                  if p.kind == .identity {
                      p.statements = p.statements.map { var s = $0; if s.effect == .allow { s.conditions = [] }; return s }
                  }
                  return p
              }) else { return nil }
        let result = Evaluator().evaluate(request.authorizationRequest, policies: relaxed)
        for s in result.matchedStatements where s.effect == .allow && s.policyKind == .identity {
            if let original = drillStatement(s, policies), let condition = original.conditions.first { return (s, condition) }
        }
        return nil
    }

    /// "a", "a and b", "a, b and c".
    static func listed(_ items: [String]) -> String {
        items.count <= 2 ? items.joined(separator: " and ") : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
