import IAMPolicy

extension DrillWhy {
    /// The explanation of a request in an account whose resource has a resource-based policy, when that policy
    /// is part of the reason; nil when the general sentence says it (explicit denies, SCP levels).
    ///
    /// Within one account a resource-based policy that names the IAM user or the role session grants by itself; one
    /// that names the role's ARN grants without the identity policy but within the permissions boundary and the
    /// session policy (reference_policies_evaluation-logic_policy-eval-denyallow.html, "Resource-based policies").
    static func resourceSentence(_ result: EvaluationResult, _ request: DrillRequest, _ policies: [DrillPolicy]) -> String? {
        guard let resource = policies.first(where: { $0.kind == .resource }), result.decision != .explicitDeny else { return nil }
        let action = request.action
        let scpsFail = result.perKind[.scp].map { $0 != .allowed } ?? false
        guard !scpsFail else { return nil }
        let caller = request.authorizationRequest.caller
        let roleName = caller.roleARN.flatMap { $0.split(separator: "/").last.map(String.init) } ?? ""
        if result.decision == .allowed {
            guard let grant = result.matchedStatements.first(where: { $0.policyKind == .resource && $0.effect == .allow }) else {
                return nil
            }
            let named = drillStatement(grant, policies)?.principals.flatMap(\.values) ?? []
            let opening = "allowed: the statement `\(grant.sid ?? "#\(grant.statementIndex + 1)")` of the resource-based policy `\(resource.name)`"
            let text: String
            if named.contains(request.callerARN) {
                let limits = listed([PolicyKind.identity, .boundary, .session].filter { result.perKind[$0] != nil }
                    .map { "the \(DrillPolicy.name(of: $0))" })
                text = opening + (caller.kind == .user ? " names the user \(caller.userName ?? request.principal) directly"
                                                       : " names this role session's ARN directly")
                    + ", which in the same account grants by itself, whatever \(limits) say"
            } else {
                let limits = [PolicyKind.boundary, .session].filter { result.perKind[$0] != nil }.map { "the \(DrillPolicy.name(of: $0))" }
                text = opening + " names the role `\(roleName)`, which grants it without the identity policy"
                    + (limits.isEmpty ? "" : ", within \(listed(limits)), which allow\(limits.count == 1 ? "s" : "") it")
            }
            return text + scpsToo(result, policies) + ", and nothing denies it"
        }
        // Implicitly denied: the resource-based policy allowed the role, but the boundary or the session policy did not.
        if result.perKind[.resource] == .allowed {
            let limit = [PolicyKind.boundary, .session].first { result.perKind[$0].map { $0 != .allowed } ?? false }
            return "denied (implicitly): the resource-based policy `\(resource.name)` allows the role `\(roleName)`, but a grant to "
                + "the role's ARN stays within \(limit.map { policy(kindOf: $0, policies) } ?? "the caller's own policies"), "
                + "which does not allow \(action)"
        }
        // Neither side allows: the caller's own side explains it, and the resource-based policy grants nothing either.
        let own = policies.filter { $0.kind != .resource }
        guard let set = DrillPolicies.policySet(own) else { return nil }
        let rest = sentence(Evaluator().evaluate(request.authorizationRequest, policies: set), request, own)
        return rest + "; the resource-based policy `\(resource.name)` does not allow it either"
    }

    /// "the permissions boundary `DevBoundary`".
    static func policy(kindOf kind: PolicyKind, _ policies: [DrillPolicy]) -> String {
        "the \(DrillPolicy.name(of: kind))" + (policies.first { $0.kind == kind }.map { " `\($0.name)`" } ?? "")
    }

    /// "; the SCP `X` allows it too" or "; the SCPs `A` (the root) and `B` (the Workloads OU) allow it too", when SCPs
    /// apply.
    static func scpsToo(_ result: EvaluationResult, _ policies: [DrillPolicy]) -> String {
        let scps = policies.filter { $0.kind == .scp }
        guard result.perKind[.scp] == .allowed, !scps.isEmpty else { return "" }
        if scps.count == 1 { return "; \(policy(kindOf: .scp, policies)) allows it too" }
        return "; the SCPs " + listed(scps.map { "`\($0.name)`" + ($0.attachment.map { " (\($0))" } ?? "") }) + " allow it too"
    }
}
