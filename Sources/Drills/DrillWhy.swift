import IAMPolicy

/// Writes an option's explanation from the evaluator's result: the decision, the policy type and the statement
/// that decided it, in one sentence ("denied: the permissions boundary `DevBoundary` does not allow
/// s3:PutObject").
enum DrillWhy {
    /// The order in which an implicit deny is explained: the evaluator's own order (RCPs, SCPs, then the identity
    /// policies, then what limits them).
    static let limitingKinds: [PolicyKind] = [.rcp, .scp, .identity, .boundary, .session]

    static func sentence(_ result: EvaluationResult, _ request: DrillRequest, _ policies: [DrillPolicy]) -> String {
        if let text = resourceSentence(result, request, policies) { return text }
        let action = request.action
        func policy(_ kind: PolicyKind, named name: String? = nil) -> String {
            let match = policies.first { $0.kind == kind && (name == nil || $0.name == name) }
            return "the \(DrillPolicy.name(of: kind))" + (match.map { " `\($0.name)`" + ($0.attachment.map { " on \($0)" } ?? "") } ?? "")
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
            return "denied explicitly: \(statement(deny)) denies \(action) here\(holds(deny))\(notPrincipalNote(deny, request, policies)), and an explicit Deny overrides every Allow"
        case .allowed:
            let allows = result.matchedStatements.filter { $0.effect == .allow }
            let main = allows.first { $0.policyKind == .identity } ?? allows.first
            let scps = policies.filter { $0.kind == .scp }
            let others = limitingKinds.filter { $0 != .identity && result.perKind[$0] != nil }
                .map { kind in
                    // SCPs at several levels: every one of them allows.
                    kind == .scp && scps.count > 1
                        ? "the SCPs " + listed(scps.map { "`\($0.name)`" + ($0.attachment.map { " (\($0))" } ?? "") })
                        : policy(kind)
                }
            var text = "allowed: " + (main.map { "\(statement($0)) allows it\(holds($0))" } ?? "the policies allow it")
            let plural = others.count > 1 || (scps.count > 1 && result.perKind[.scp] != nil)
            if !others.isEmpty { text += ", \(listed(others)) allow\(plural ? "" : "s") it too," }
            return text + " and nothing denies it" + spared(request, policies)
        case .implicitDeny:
            for kind in limitingKinds where result.perKind[kind] != nil && result.perKind[kind] != .allowed {
                if kind == .identity {
                    if let failed = failedCondition(request, policies) {
                        return "denied (implicitly): \(statement(failed.statement)) would allow \(action), but its condition "
                            + "\(describe(failed.condition)) does not hold: \(value(failed.condition, request))"
                    }
                    if let unresolved = unresolvedVariable(request, policies) {
                        return "denied (implicitly): \(statement(unresolved.statement)) names its resource with "
                            + "${\(unresolved.key)}, and the request has no \(unresolved.key), so the statement does not apply"
                    }
                    return "denied (implicitly): no statement of \(policy(.identity)) allows \(action) on this resource"
                        + resourceNote(result, policies)
                }
                if kind == .scp, let level = failingSCP(request, policies) {
                    return "denied (implicitly): \(policy(.scp, named: level.name)) does not allow \(action)"
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
        let context = request.authorizationRequest.context
        // The key itself, then the keys of the policy variables in the condition's values (`${aws:PrincipalTag/team}`).
        let keys = [c.key] + c.values.flatMap(variableKeys).filter { $0 != c.key }
        return "the request has " + listed(keys.map { key in
            context[key].map { "\(key) = \($0.values.joined(separator: ", "))" } ?? "no \(key)"
        }) + keyNote(c, context[c.key])
    }

    /// The keys of the policy variables in `text`: `home/${aws:username}/*` gives `aws:username`.
    static func variableKeys(_ text: String) -> [String] {
        text.components(separatedBy: "${").dropFirst().compactMap { part in
            part.firstIndex(of: "}").map { String(part[..<$0]) }
        }
    }

    /// For a request that no identity statement allows: an Allow statement whose resource has a policy variable
    /// the request lacks (a user with no team tag), found by evaluating the policies with the variable filled in.
    static func unresolvedVariable(_ request: DrillRequest, _ policies: [DrillPolicy]) -> (statement: MatchedStatement, key: String)? {
        let context = request.authorizationRequest.context
        for policy in policies where policy.kind == .identity {
            for s in policy.statements where s.effect == .allow {
                for key in s.resources.flatMap(variableKeys) where context[key] == nil {
                    var filled = request
                    filled.context.append(ContextEntry(name: key, values: [placeholder(in: request.resource, for: s.resources)],
                                                       type: .string))
                    guard let set = DrillPolicies.policySet(policies) else { return nil }
                    let result = Evaluator().evaluate(filled.authorizationRequest, policies: set)
                    if let hit = result.matchedStatements.first(where: { $0.policyID == policy.name && $0.sid == s.sid }) {
                        return (hit, key)
                    }
                }
            }
        }
        return nil
    }

    /// The value a variable would need for `resource` to match one of `patterns`: the part of the resource where
    /// the first pattern with a variable has it (`team-bucket/web/a.txt` against `team-bucket/${...}/*` gives `web`).
    static func placeholder(in resource: String, for patterns: [String]) -> String {
        guard let pattern = patterns.first(where: { $0.contains("${") }),
              let start = pattern.range(of: "${"), resource.hasPrefix(pattern[..<start.lowerBound]) else { return "" }
        let rest = resource.dropFirst(pattern.distance(from: pattern.startIndex, to: start.lowerBound))
        return String(rest.prefix { $0 != "/" })
    }

    /// For a request the SCPs do not allow: the first SCP, from the root down, that does not allow it (each SCP
    /// is a level of the organization tree), found by evaluating the identity policies under that SCP alone.
    static func failingSCP(_ request: DrillRequest, _ policies: [DrillPolicy]) -> DrillPolicy? {
        let identity = policies.filter { $0.kind == .identity }
        return policies.filter { $0.kind == .scp }.first { scp in
            guard let set = DrillPolicies.policySet(identity + [scp]) else { return false }
            return Evaluator().evaluate(request.authorizationRequest, policies: set).perKind[.scp] != .allowed
        }
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
