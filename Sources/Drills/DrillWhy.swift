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
        switch result.decision {
        case .explicitDeny:
            guard let deny = result.matchedStatements.first(where: { $0.effect == .deny }) else {
                return "denied explicitly: a Deny statement applies to \(action)"
            }
            return "denied explicitly: \(statement(deny)) denies \(action) here, and an explicit Deny overrides every Allow"
        case .allowed:
            let allows = result.matchedStatements.filter { $0.effect == .allow }
            let main = allows.first { $0.policyKind == .identity } ?? allows.first
            let others = limitingKinds.filter { $0 != .identity && result.perKind[$0] != nil }
                .map { policy($0) }
            var text = "allowed: " + (main.map { "\(statement($0)) allows it" } ?? "the policies allow it")
            if !others.isEmpty { text += ", \(listed(others)) allow\(others.count == 1 ? "s" : "") it too," }
            return text + " and nothing denies it"
        case .implicitDeny:
            for kind in limitingKinds where result.perKind[kind] != nil && result.perKind[kind] != .allowed {
                if kind == .identity {
                    return "denied (implicitly): no statement of \(policy(.identity)) allows \(action) on this resource"
                        + (request.contextPhrase == nil ? "" : " in this context")
                }
                return "denied (implicitly): \(policy(kind)) does not allow \(action)"
                    + (request.contextPhrase == nil ? "" : " in this context")
            }
            return "denied (implicitly): no policy allows \(action)"
        }
    }

    /// "a", "a and b", "a, b and c".
    static func listed(_ items: [String]) -> String {
        items.count <= 2 ? items.joined(separator: " and ") : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
