/// A request to authorise: who, what, on which resource, in which context.
///
/// The fields live in one shared object, so that handing a request around costs one reference count
/// rather than one per field (evaluations are counted in nanoseconds).
public struct AuthorizationRequest: Sendable {
    private final class Storage: Sendable {
        let caller: Caller
        let action: String
        let loweredAction: String
        let resource: String
        let resourceAccount: String?
        let context: RequestContext

        init(caller: Caller, action: String, resource: String, resourceAccount: String?, context: RequestContext) {
            self.caller = caller
            self.action = action
            loweredAction = action.lowercased()
            self.resource = resource
            self.resourceAccount = resourceAccount
            var context = context
            AuthorizationRequest.addPrincipalKeys(to: &context, caller: caller, resourceAccount: resourceAccount)
            self.context = context
        }
    }

    private let storage: Storage

    public var caller: Caller { storage.caller }
    public var action: String { storage.action }
    public var resource: String { storage.resource }
    /// The account that owns the resource; nil means the caller's account.
    public var resourceAccount: String? { storage.resourceAccount }
    /// The context keys of the request, with the global keys of the caller added.
    public var context: RequestContext { storage.context }
    /// The action in lowercase, computed once (actions match ignoring case).
    var loweredAction: String { storage.loweredAction }

    public init(caller: Caller, action: String, resource: String = "*", resourceAccount: String? = nil,
                context: RequestContext = RequestContext()) {
        storage = Storage(caller: caller, action: action, resource: resource, resourceAccount: resourceAccount,
                          context: context)
    }

    /// Global keys that AWS always puts in the request context for the caller, unless given.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
    static func addPrincipalKeys(to context: inout RequestContext, caller: Caller, resourceAccount: String?) {
        if let done = context.principalKeysFor, done.caller == caller.identifier, done.owner == resourceAccount { return }
        func add(_ key: String, _ value: ContextValue) {
            if context[key] == nil { context[key] = value }
        }
        switch caller.kind {
        case .user, .root, .assumedRole, .federatedUser:
            add("aws:PrincipalArn", .string(caller.kind == .assumedRole ? (caller.roleARN ?? caller.identifier) : caller.identifier))
            if let account = caller.account { add("aws:PrincipalAccount", .string(account)) }
            add("aws:PrincipalIsAWSService", .bool(false))
            if let name = caller.userName { add("aws:username", .string(name)) }
        case .service:
            add("aws:PrincipalIsAWSService", .bool(true))
            add("aws:PrincipalServiceName", .string(caller.identifier))
        case .federatedProvider, .anonymous:
            break
        }
        if let owner = resourceAccount ?? caller.account { add("aws:ResourceAccount", .string(owner)) }
        context.principalKeysFor = (caller.identifier, resourceAccount)
    }
}

/// The policies that apply to a request, by kind.
public struct PolicySet: Sendable {
    /// Identity-based policies of the caller (user, its groups, or the role).
    public var identity: [Policy]
    /// The caller's permissions boundary; empty when it has none.
    public var boundary: [Policy]
    /// Session policies passed when the session was created; empty when none.
    public var session: [Policy]
    /// Service control policies of the caller's account, one array per level of the organization
    /// (root, each OU, the account); empty when the account is not governed by SCPs.
    public var scps: [[Policy]]
    /// Resource control policies of the resource's account, one array per level; empty when none.
    public var rcps: [[Policy]]
    /// The resource-based policy of the resource (for `sts:AssumeRole*` on a role: its trust policy).
    public var resource: Policy?

    public init(identity: [Policy] = [], boundary: [Policy] = [], session: [Policy] = [], scps: [[Policy]] = [],
                rcps: [[Policy]] = [], resource: Policy? = nil) {
        self.identity = identity
        self.boundary = boundary
        self.session = session
        self.scps = scps
        self.rcps = rcps
        self.resource = resource
    }
}

/// Evaluates requests the way AWS documents its policy evaluation logic.
///
/// The order (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html):
/// 1. An applicable Deny in any policy (SCP, RCP, resource-based, identity-based, boundary, session)
///    is an explicit deny.
/// 2. Resource control policies: every level of the resource's organization must allow.
/// 3. Service control policies: every level of the caller's organization must allow (service-linked
///    roles are exempt).
/// 4. Resource-based policy: within one account, an Allow can grant access by itself, depending on how
///    it names the caller (user ARN or session ARN: by itself; role ARN: the boundary and session
///    policies still apply; the account: the identity-based policies must allow). Across accounts, both
///    the resource-based policy and the caller's identity-based policies must allow. A role's trust
///    policy must always allow `sts:AssumeRole*`, even within one account.
/// 5. Identity-based policies must allow, and the permissions boundary and session policies, when
///    present, must allow too (intersections).
public struct Evaluator: Sendable {
    public init() {}

    static let assumeRoleActions: Set<String> = ["sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity"]

    /// Whether a lowercased action is one of `assumeRoleActions` (without hashing, on every request).
    @inline(__always)
    static func isAssumeRole(_ lowered: String) -> Bool {
        lowered.hasPrefix("sts:assumerole")
            && (lowered == "sts:assumerole" || lowered == "sts:assumerolewithsaml" || lowered == "sts:assumerolewithwebidentity")
    }

    public func evaluate(_ request: AuthorizationRequest, policies: PolicySet, explain: Bool = false) -> EvaluationResult {
        var run = Run(request: request, explain: explain)
        return run.evaluate(policies)
    }
}

/// The state of one evaluation.
private struct Run {
    let request: AuthorizationRequest
    let explain: Bool
    let action: String
    var trace: [StatementTrace] = []
    var missing: [String] = []
    var reasons: [String] = []

    /// Whether the caller has a permissions boundary (a `NotPrincipal` Deny then always applies).
    var callerHasBoundary = false

    /// The request's fields, read once: each read of a field of the shared request copies it.
    let caller: Caller
    let context: RequestContext
    let resource: String

    init(request: AuthorizationRequest, explain: Bool) {
        self.request = request
        self.explain = explain
        action = request.loweredAction
        caller = request.caller
        context = request.context
        resource = request.resource
    }

    /// Applicable Allow and Deny statements of a group of policies, and how Allows named the caller.
    struct GroupOutcome {
        var allows: [MatchedStatement] = []
        var denies: [MatchedStatement] = []
        var principalMatches = PrincipalMatchSet()
        var decision: Decision {
            !denies.isEmpty ? .explicitDeny : (allows.isEmpty ? .implicitDeny : .allowed)
        }
    }

    mutating func evaluate(_ policies: PolicySet) -> EvaluationResult {
        let owner = request.resourceAccount ?? caller.account
        let crossAccount = owner != nil && caller.account != nil && owner != caller.account
        let hasIdentity = caller.kind == .user || caller.kind == .assumedRole || caller.kind == .federatedUser || caller.kind == .root
        let isAssumeRole = policies.resource?.kind == .trust && Evaluator.isAssumeRole(action)

        callerHasBoundary = !policies.boundary.isEmpty
        // SCPs govern the IAM users, roles and root user of member accounts; service-linked roles,
        // services and identity providers are outside them (orgs_manage_policies_scps.html). RCPs do
        // not restrict service principals.
        let scpsApply = hasIdentity && !caller.isServiceLinkedRole
        let rcpsApply = caller.kind != .service

        let identity = evaluateGroup(policies.identity)
        let boundary = evaluateGroup(policies.boundary)
        let session = evaluateGroup(policies.session)
        let resource = policies.resource.map { evaluateGroup([$0]) } ?? GroupOutcome()
        let scpLevels = scpsApply ? policies.scps.map { evaluateGroup($0) } : []
        let rcpLevels = rcpsApply ? policies.rcps.map { evaluateGroup($0) } : []
        if !scpsApply, !policies.scps.isEmpty {
            if explain { reasons.append("service control policies do not apply to \(caller.isServiceLinkedRole ? "service-linked roles" : Self.describe(caller))") }
        }

        var perKind = KindDecisions()
        if !policies.identity.isEmpty { perKind[.identity] = identity.decision }
        if !policies.boundary.isEmpty { perKind[.boundary] = boundary.decision }
        if !policies.session.isEmpty { perKind[.session] = session.decision }
        if let policy = policies.resource { perKind[policy.kind] = resource.decision }
        if !scpLevels.isEmpty { perKind[.scp] = Self.allLevels(scpLevels) }
        if !rcpLevels.isEmpty { perKind[.rcp] = Self.allLevels(rcpLevels) }

        // 1. Explicit deny anywhere.
        let anyDeny = !identity.denies.isEmpty || !boundary.denies.isEmpty || !session.denies.isEmpty
            || !resource.denies.isEmpty || scpLevels.contains { !$0.denies.isEmpty } || rcpLevels.contains { !$0.denies.isEmpty }
        if anyDeny {
            let denies = identity.denies + boundary.denies + session.denies + resource.denies
                + scpLevels.flatMap(\.denies) + rcpLevels.flatMap(\.denies)
            if explain { reasons.append("an applicable Deny statement wins over every Allow (\(Self.describe(denies)))") }
            return result(.explicitDeny, denies, perKind)
        }

        // 2. Resource control policies: every level must allow (they do not restrict service principals).
        if !rcpLevels.isEmpty, caller.kind != .service {
            if let level = rcpLevels.firstIndex(where: { $0.allows.isEmpty }) {
                if explain { reasons.append("resource control policies: level \(level + 1) of the organization has no Allow for `\(request.action)`") }
                return result(.implicitDeny, [], perKind)
            }
        }

        // 3. Service control policies: every level must allow.
        if let level = scpLevels.firstIndex(where: { $0.allows.isEmpty }) {
            if explain { reasons.append("service control policies: level \(level + 1) of the organization has no Allow for `\(request.action)`") }
            return result(.implicitDeny, [], perKind)
        }

        // The caller's own side: identity policies, limited by the boundary and session policies.
        let boundaryOK = policies.boundary.isEmpty || boundary.decision == .allowed
        // A federated user session (GetFederationToken) gets nothing without a session policy; a role
        // session without one keeps the role's permissions (policy-eval-denyallow.html).
        let sessionOK = policies.session.isEmpty ? caller.kind != .federatedUser : session.decision == .allowed
        let identityAllows = caller.kind == .root ? true : identity.decision == .allowed
        let identitySide = hasIdentity && identityAllows && boundaryOK && sessionOK
        let identityStatements = caller.kind == .root ? [] : identity.allows

        // 4. Role trust policies: the trust policy must allow, always; the root user cannot assume roles.
        if Evaluator.isAssumeRole(action) {
            if caller.kind == .root {
                if explain { reasons.append("the root user cannot assume a role; only IAM users, roles, services and federated identities can") }
                return result(.implicitDeny, [], perKind)
            }
            if !isAssumeRole {
                if explain { reasons.append("assuming a role needs the role's trust policy to allow it, and no trust policy was given (pass it as the resource policy)") }
                return result(.implicitDeny, [], perKind)
            }
        }
        if isAssumeRole {
            guard resource.decision == .allowed else {
                if explain { reasons.append("the role's trust policy does not allow \(Self.describe(caller)) to call `\(request.action)`") }
                return result(.implicitDeny, [], perKind)
            }
            let matches = resource.principalMatches
            if matches.contains(.service) || matches.contains(.federated) {
                if explain { reasons.append("the trust policy allows the \(caller.kind == .service ? "service" : "identity provider") `\(caller.identifier)`") }
                return result(.allowed, resource.allows, perKind)
            }
            let direct = !crossAccount && (matches.contains(.user) || matches.contains(.session) || matches.contains(.role))
            if direct && boundaryOK && sessionOK {
                if explain { reasons.append("the trust policy names the caller itself, in the same account: no identity-based permission is needed") }
                return result(.allowed, resource.allows, perKind)
            }
            if identitySide {
                if explain { reasons.append(crossAccount
                    ? "cross-account role assumption: the trust policy allows the caller and the caller's own policies allow `\(request.action)`"
                    : "the trust policy delegates to the account, and the caller's own policies allow `\(request.action)`") }
                return result(.allowed, resource.allows + identityStatements, perKind)
            }
            if explain { reasons.append(crossAccount
                ? "cross-account role assumption needs both sides: the trust policy allows, but the caller's own policies do not allow `\(request.action)`\(Self.limits(boundaryOK, sessionOK))"
                : "the trust policy trusts the account, so the caller's own policies must also allow `\(request.action)`, and they do not\(Self.limits(boundaryOK, sessionOK))") }
            return result(.implicitDeny, [], perKind)
        }

        // 4. Resource-based policies.
        if resource.decision == .allowed {
            let matches = resource.principalMatches
            if crossAccount {
                if identitySide {
                    if explain { reasons.append("cross-account request: both the resource-based policy and the caller's own policies allow it") }
                    return result(.allowed, resource.allows + identityStatements, perKind)
                }
                if explain { reasons.append("cross-account request: the resource-based policy allows it, but the caller's own policies do not\(Self.limits(boundaryOK, sessionOK))") }
                return result(.implicitDeny, [], perKind)
            }
            if matches.contains(.user) || matches.contains(.session) || matches.contains(.service) || matches.contains(.federated) {
                if explain { reasons.append("the resource-based policy in the same account names the caller directly, which is enough by itself") }
                return result(.allowed, resource.allows, perKind)
            }
            if (matches.contains(.role) || matches.contains(.everyone)) && hasIdentity {
                if boundaryOK && sessionOK {
                    if explain { reasons.append("the resource-based policy in the same account allows the caller's role; the permissions boundary and session policies, where present, allow it too") }
                    return result(.allowed, resource.allows, perKind)
                }
                if explain { reasons.append("the resource-based policy allows the role, but \(boundaryOK ? "a session policy" : "the permissions boundary") does not") }
            }
            if (matches.contains(.everyone) || matches.contains(.role)) && !hasIdentity {
                if explain { reasons.append("the resource-based policy allows everyone, including this caller") }
                return result(.allowed, resource.allows, perKind)
            }
        }

        // 5. Identity-based policies, within the boundary and session policies.
        if crossAccount {
            if explain { reasons.append("cross-account request: the resource's account has no resource-based policy that allows the caller") }
            return result(.implicitDeny, [], perKind)
        }
        if identitySide {
            if explain { reasons.append(caller.kind == .root
                ? "the account's root user has full access to its own account"
                : "the caller's identity-based policies allow it\(policies.boundary.isEmpty ? "" : ", within the permissions boundary")\(policies.session.isEmpty ? "" : " and the session policies")") }
            return result(.allowed, identityStatements, perKind)
        }
        if !hasIdentity {
            if explain { reasons.append("\(Self.describe(caller)) has no identity-based policies, and no resource-based policy allows it") }
        } else if !identityAllows {
            if explain { reasons.append("no identity-based policy allows `\(request.action)` on `\(request.resource)`") }
        } else {
            if explain { reasons.append("an identity-based policy allows it, but\(Self.limits(boundaryOK, sessionOK, lead: ""))") }
        }
        return result(.implicitDeny, [], perKind)
    }

    static func allLevels(_ levels: [GroupOutcome]) -> Decision {
        if levels.contains(where: { !$0.denies.isEmpty }) { return .explicitDeny }
        return levels.allSatisfy { !$0.allows.isEmpty } ? .allowed : .implicitDeny
    }

    static func limits(_ boundaryOK: Bool, _ sessionOK: Bool, lead: String = " (") -> String {
        var parts: [String] = []
        if !boundaryOK { parts.append("the permissions boundary does not allow it") }
        if !sessionOK { parts.append("the session policy does not allow it") }
        guard !parts.isEmpty else { return "" }
        let text = parts.joined(separator: " and ")
        return lead.isEmpty ? " " + text : lead + text + ")"
    }

    static func describe(_ statements: [MatchedStatement]) -> String {
        statements.prefix(3).map { s in
            "\(s.policyID) statement \(s.statementIndex + 1)" + (s.sid.map { " `\($0)`" } ?? "")
        }.joined(separator: ", ") + (statements.count > 3 ? " and \(statements.count - 3) more" : "")
    }

    static func describe(_ caller: Caller) -> String {
        switch caller.kind {
        case .service: "the service `\(caller.identifier)`"
        case .federatedProvider: "the identity provider `\(caller.identifier)`"
        case .anonymous: "an anonymous caller"
        default: "`\(caller.identifier)`"
        }
    }

    mutating func result(_ decision: Decision, _ statements: [MatchedStatement], _ perKind: KindDecisions) -> EvaluationResult {
        var keys = missing
        if missing.count > 1 {
            var seen = Set<String>()
            keys = missing.filter { seen.insert($0.lowercased()).inserted }
        }
        return EvaluationResult(decision: decision, matchedStatements: statements, missingContextKeys: keys,
                                kinds: perKind, reasons: reasons, trace: trace)
    }

    // MARK: - Statements

    mutating func evaluateGroup(_ policies: [Policy]) -> GroupOutcome {
        var outcome = GroupOutcome()
        for policy in policies {
            if let index = policy.actionIndex, !explain {
                // Only the statements that can match the action's service (the trace shows them all).
                let service = action.firstIndex(of: ":").map { action[..<$0] } ?? Substring(action)
                for i in index.candidates(service: service) {
                    record(policy.statements[i], in: policy, into: &outcome)
                }
                continue
            }
            for statement in policy.statements {
                record(statement, in: policy, into: &outcome)
            }
        }
        return outcome
    }

    /// Evaluates one statement and adds it to the outcome when it applies.
    @inline(__always)
    mutating func record(_ statement: Statement, in policy: Policy, into outcome: inout GroupOutcome) {
        guard let match = evaluate(statement, in: policy) else { return }
        let matched = MatchedStatement(policyID: policy.id, policyKind: policy.kind, statementIndex: statement.index,
                                       sid: statement.sid, effect: statement.effect, range: statement.range)
        if statement.effect == .deny {
            outcome.denies.append(matched)
        } else {
            outcome.allows.append(matched)
            if let principal = match.principal { outcome.principalMatches.insert(principal) }
        }
    }

    struct StatementMatch {
        var principal: PrincipalMatch?
    }

    /// Whether `statement` applies to the request; nil when it does not.
    mutating func evaluate(_ statement: Statement, in policy: Policy) -> StatementMatch? {
        var reasons: [String] = []
        // Action.
        let actions = statement.actions
        var actionIndex = -1
        for i in actions.indices where actions[i].matches(loweredAction: action) {
            actionIndex = i
            break
        }
        let actionApplies = statement.actionPolarity == .positive ? actionIndex >= 0 : actionIndex < 0
        if explain {
            let verb = statement.actionPolarity == .positive ? "Action" : "NotAction"
            if actionIndex >= 0 {
                reasons.append("\(verb): `\(request.action)` matches `\(actions[actionIndex].text)`")
            } else {
                reasons.append("\(verb): `\(request.action)` matches none of \(Self.list(statement.actions.map(\.text)))")
            }
        }
        guard actionApplies else {
            if explain { record(statement, policy, applies: false, reasons) }
            return nil
        }

        // Resource.
        if let resources = statement.resources {
            var hitIndex = -1
            var unresolved = false
            for i in resources.indices {
                if let fixed = resources[i].fixed {
                    if fixed.matches(resource) { hitIndex = i; break }
                } else if let template = resources[i].template {
                    let pattern = resources[i]
                    guard let values = template.resolve(in: context) else {
                        unresolved = true
                        for key in template.variableKeys where context[key] == nil { missing.append(key) }
                        continue
                    }
                    let compiled = pattern.compiled?.pattern(for: template, values: values) ?? ARNPattern(tokens: template.tokens(with: values))
                    if compiled.matches(resource) { hitIndex = i; break }
                }
            }
            let hit: ResourcePattern? = hitIndex >= 0 ? resources[hitIndex] : nil
            if unresolved, hit == nil {
                // AWS: a variable that cannot be resolved makes the statement not apply.
                if explain { reasons.append("Resource: a policy variable has no value in the request, so the statement does not apply") }
                if explain { record(statement, policy, applies: false, reasons) }
                return nil
            }
            let applies = statement.resourcePolarity == .positive ? hit != nil : hit == nil
            if explain {
                let verb = statement.resourcePolarity == .positive ? "Resource" : "NotResource"
                if let hit {
                    reasons.append("\(verb): `\(resource)` matches `\(hit.text)`")
                } else {
                    reasons.append("\(verb): `\(resource)` matches none of \(Self.list(resources.map(\.text)))")
                }
            }
            guard applies else {
                if explain { record(statement, policy, applies: false, reasons) }
                return nil
            }
        }

        // Principal (resource-based, trust and resource control policies), after the cheaper checks.
        var principalMatch: PrincipalMatch?
        if let principals = statement.principals {
            var best: PrincipalMatch?
            var matchedPattern: PrincipalPattern?
            for pattern in principals {
                if let m = pattern.match(caller) {
                    best = Self.stronger(best, m)
                    matchedPattern = pattern
                }
            }
            let named = best != nil
            if statement.principalPolarity == .positive {
                guard named else {
                    if explain { reasons.append("principal: \(Self.describe(caller)) is not among \(Self.list(principals.map(\.value)))") }
                    if explain { record(statement, policy, applies: false, reasons) }
                    return nil
                }
                principalMatch = best
                if explain, let matchedPattern { reasons.append("principal: `\(matchedPattern.value)` names \(Self.describe(caller)) (\(best?.rawValue ?? ""))") }
            } else {
                // NotPrincipal (reference_policies_elements_notprincipal.html): only exact names exempt a
                // caller: a user with its account; a role session with its role and account; a service
                // or a provider. An account entry alone exempts only the account principal itself, and a
                // Deny with NotPrincipal always applies to a principal that has a permissions boundary.
                let exempt = Self.exemptByNotPrincipal(principals, caller)
                    && !(statement.effect == .deny && callerHasBoundary)
                guard !exempt else {
                    if explain { reasons.append("principal: NotPrincipal excludes \(Self.describe(caller))") }
                    if explain { record(statement, policy, applies: false, reasons) }
                    return nil
                }
                principalMatch = .everyone
                if explain {
                    reasons.append(named && callerHasBoundary && statement.effect == .deny
                        ? "principal: a Deny with NotPrincipal applies to every principal with a permissions boundary"
                        : "principal: \(Self.describe(caller)) is not excluded by NotPrincipal")
                }
            }
        }

        // Conditions: every clause must hold.
        let expands = policy.version.expandsVariables
        var holds = true
        for clause in statement.conditions {
            var values = clause.parsedValues
            // The clause's own values come compiled; values with variables are new on each request.
            var prepared: PreparedValues? = clause.preparedValues
            if expands, clause.hasTemplates, clause.op.base.expandsVariables {
                var expanded: [PolicyValue] = []
                var unresolved = false
                for (i, template) in clause.templates.enumerated() {
                    if let template {
                        if let tokens = template.expand(in: context) {
                            expanded.append(PolicyValue(tokens: tokens))
                        } else {
                            unresolved = true
                        }
                    } else {
                        expanded.append(values[i])
                    }
                }
                if unresolved {
                    if explain { reasons.append("\(clause.operatorText) \(clause.key): a policy variable has no value in the request, so the statement does not apply") }
                    holds = false
                    continue
                }
                values = expanded
                prepared = nil
            }
            let entry = context[clause.contextKey]
            if !holds, !explain {
                // The statement already fails; only note the keys that later conditions need.
                if entry == nil { missing.append(clause.key) }
                continue
            }
            let satisfied: Bool
            if explain {
                let outcome = ConditionEvaluator.evaluate(clause, values: values, prepared: prepared, entry: entry)
                reasons.append(outcome.detail)
                satisfied = outcome.satisfied
            } else {
                satisfied = ConditionEvaluator.holds(clause, values: values, prepared: prepared, entry: entry)
            }
            if entry == nil { missing.append(clause.key) }
            if !satisfied { holds = false }
        }
        if explain { record(statement, policy, applies: holds, reasons) }
        return holds ? StatementMatch(principal: principalMatch) : nil
    }

    /// Whether a `NotPrincipal` list names the caller exactly enough to exempt it.
    static func exemptByNotPrincipal(_ principals: [PrincipalPattern], _ caller: Caller) -> Bool {
        var accountListed = false
        var selfListed = false
        var roleListed = false
        for pattern in principals {
            switch pattern.match(caller) {
            case .account?: accountListed = true
            case .user?, .session?: selfListed = true
            case .role?: roleListed = true
            case .service?, .federated?, .everyone?: return true
            default: break
            }
        }
        switch caller.kind {
        case .root: return accountListed
        case .user, .federatedUser: return accountListed && selfListed
        // The documented example lists the session, its role and the account: without the role or the
        // account, AWS "might" deny them, so the simulator does.
        case .assumedRole: return accountListed && roleListed && selfListed
        default: return false
        }
    }

    /// Adds a statement's line to the trace (only called when explaining).
    mutating func record(_ statement: Statement, _ policy: Policy, applies: Bool, _ reasons: [String]) {
        let matched = MatchedStatement(policyID: policy.id, policyKind: policy.kind, statementIndex: statement.index,
                                       sid: statement.sid, effect: statement.effect, range: statement.range)
        trace.append(StatementTrace(statement: matched, applies: applies, reasons: reasons))
    }

    /// The more specific of two ways a principal was named (a direct name beats the account).
    static func stronger(_ a: PrincipalMatch?, _ b: PrincipalMatch) -> PrincipalMatch {
        guard let a else { return b }
        let order: [PrincipalMatch] = [.session, .user, .service, .federated, .canonicalUser, .role, .everyone, .account]
        return (order.firstIndex(of: a) ?? 99) <= (order.firstIndex(of: b) ?? 99) ? a : b
    }

    static func list(_ values: [String]) -> String {
        let shown = values.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
        return values.count > 3 ? "\(shown) and \(values.count - 3) more" : shown
    }
}

/// A small set of `PrincipalMatch` values as bits.
struct PrincipalMatchSet: Sendable {
    private var bits: UInt16 = 0
    private static let all: [PrincipalMatch] = [.everyone, .account, .user, .role, .session, .service, .federated, .canonicalUser]

    mutating func insert(_ m: PrincipalMatch) {
        bits |= 1 << UInt16(Self.all.firstIndex(of: m) ?? 0)
    }

    func contains(_ m: PrincipalMatch) -> Bool {
        bits & (1 << UInt16(Self.all.firstIndex(of: m) ?? 0)) != 0
    }
}
