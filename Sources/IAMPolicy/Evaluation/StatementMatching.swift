// Whether each statement of a policy applies to a request: `Action`, `Resource`, `Principal`, then
// `Condition` (the cheaper checks first), and the statements that applied, by group of policies.
//
// This is the evaluator's inner loop (a request visits every statement of its policies), so it is written
// to copy as little as it can: a statement matches itself (its elements are read in place, not copied
// out of its arrays), and an applicable statement is kept as a reference to its policy, in the result
// too (see `EvaluationResult`).

extension Statement {
    struct Match {
        var principal: PrincipalMatch?
    }

    /// Whether the statement applies to `request`; nil when it does not. Adds the context keys that its
    /// conditions need and the request lacks to `missing`, and, when explaining, its line to `trace`.
    ///
    /// A method of the statement so that its elements are read in place: a function that is handed the
    /// statement copies each element it reads out of the statement's arrays, reference counts included.
    func match(_ request: AuthorizationRequest, in policy: Policy, explain: Bool, callerHasBoundary: Bool,
               missing: inout [String], trace: inout [StatementTrace]) -> Match? {
        var reasons: [String] = []
        func done(_ applies: Bool) {
            if explain { Self.addTrace(self, policy, applies: applies, reasons, into: &trace) }
        }

        // Action.
        let actionIndex = actionPatterns.firstMatch(request.loweredAction)
        let actionApplies = actionPolarity == .positive ? actionIndex >= 0 : actionIndex < 0
        if explain { reasons.append(Self.line("Action", actionPolarity, request.action, actions.map(\.text), hit: actionIndex)) }
        guard actionApplies else {
            done(false)
            return nil
        }

        // Resource.
        if let resources {
            let (hitIndex, unresolved) = firstResource(matching: request, missing: &missing)
            if unresolved, hitIndex < 0 {
                // AWS: a variable that cannot be resolved makes the statement not apply.
                if explain { reasons.append("Resource: a policy variable has no value in the request, so the statement does not apply") }
                done(false)
                return nil
            }
            let applies = resourcePolarity == .positive ? hitIndex >= 0 : hitIndex < 0
            if explain {
                reasons.append(Self.line("Resource", resourcePolarity, request.resource, resources.map(\.text), hit: hitIndex))
            }
            guard applies else {
                done(false)
                return nil
            }
        }

        // Principal (resource-based, trust and resource control policies), after the cheaper checks.
        var principalMatch: PrincipalMatch?
        if let principals {
            let caller = request.caller
            var best: PrincipalMatch?
            var matchedIndex = -1
            for i in principals.indices {
                if let m = principals[i].match(caller) {
                    best = Self.stronger(best, m)
                    matchedIndex = i
                }
            }
            let named = best != nil
            if principalPolarity == .positive {
                guard named else {
                    if explain { reasons.append("principal: \(Run.describe(caller)) is not among \(Self.list(principals.map(\.value)))") }
                    done(false)
                    return nil
                }
                principalMatch = best
                if explain, matchedIndex >= 0 {
                    reasons.append("principal: `\(principals[matchedIndex].value)` names \(Run.describe(caller)) (\(best?.rawValue ?? ""))")
                }
            } else {
                // NotPrincipal (reference_policies_elements_notprincipal.html): only exact names exempt a
                // caller: a user with its account; a role session with its role and account; a service
                // or a provider. An account entry alone exempts only the account principal itself, and a
                // Deny with NotPrincipal always applies to a principal that has a permissions boundary.
                let exempt = Self.exemptByNotPrincipal(principals, caller) && !(effect == .deny && callerHasBoundary)
                guard !exempt else {
                    if explain { reasons.append("principal: NotPrincipal excludes \(Run.describe(caller))") }
                    done(false)
                    return nil
                }
                principalMatch = .everyone
                if explain {
                    reasons.append(named && callerHasBoundary && effect == .deny
                        ? "principal: a Deny with NotPrincipal applies to every principal with a permissions boundary"
                        : "principal: \(Run.describe(caller)) is not excluded by NotPrincipal")
                }
            }
        }

        // Conditions: every clause must hold.
        let expands = policy.version.expandsVariables
        var holds = true
        for clause in conditions {
            let entry = request.contextValue(clause.contextKey)
            // The clause's own values come compiled (`preparedValues`); values with variables are new on each request.
            var expanded: PreparedValues?
            if expands, clause.hasTemplates, clause.op.base.expandsVariables {
                let values = clause.expandedValues(in: request.context) ?? clause.resolvableValues(in: request.context)
                if values.isEmpty, let entry, !entry.values.isEmpty {
                    // Every value is null: nothing equals or is like it, and everything is unequal to it.
                    let satisfied = clause.op.base.isNegated
                    if explain { reasons.append("\(clause.operatorText) \(clause.key): the policy variable has no value in the request, so the value is null, which \(satisfied ? "every request value differs from" : "no request value matches")") }
                    if !satisfied { holds = false }
                    continue
                }
                expanded = PreparedValues(for: clause, values: values, entry: entry)
            }
            if !holds, !explain {
                // The statement already fails; only note the keys that later conditions need.
                if entry == nil { missing.append(clause.key) }
                continue
            }
            let satisfied: Bool
            if explain {
                let outcome = ConditionEvaluator.evaluate(clause, expanded ?? clause.preparedValues, entry: entry)
                reasons.append(outcome.detail)
                satisfied = outcome.satisfied
            } else if let expanded {
                satisfied = ConditionEvaluator.holds(clause, expanded, entry: entry)
            } else {
                satisfied = clause.holds(for: entry)
            }
            if entry == nil { missing.append(clause.key) }
            if !satisfied { holds = false }
        }
        done(holds)
        return holds ? Match(principal: principalMatch) : nil
    }

    /// The index of the first `Resource` or `NotResource` entry that matches, or -1, and whether an entry
    /// had a variable that the request cannot resolve (its keys are added to `missing`).
    func firstResource(matching request: AuthorizationRequest, missing: inout [String]) -> (Int, unresolved: Bool) {
        guard let resources else { return (-1, false) }
        let resource = request.resource
        var unresolved = false
        for i in resources.indices {
            if let hit = resourcePatterns.matches(i, resource) {
                if hit { return (i, unresolved) }
            } else if let template = resources[i].template {
                let context = request.context
                let compile = { (values: [[String]]) in ARNPattern(tokens: template.tokens(with: values[0])) }
                guard let compiled = resources[i].compiled?.built(from: CollectionOfOne(template), in: context, compile)
                        ?? template.resolve(in: context).map({ compile([$0]) }) else {
                    unresolved = true
                    for key in template.variableKeys where context[key] == nil { missing.append(key) }
                    continue
                }
                if compiled.matches(resource) { return (i, unresolved) }
            }
        }
        return (-1, unresolved)
    }

    /// Whether a `NotPrincipal` list names the caller exactly enough to exempt it.
    static func exemptByNotPrincipal(_ principals: [PrincipalPattern], _ caller: Caller) -> Bool {
        var accountListed = false
        var selfListed = false
        var roleListed = false
        for i in principals.indices {
            switch principals[i].match(caller) {
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

    /// Adds a statement's line to the trace (only when explaining).
    static func addTrace(_ statement: Statement, _ policy: Policy, applies: Bool, _ reasons: [String],
                         into trace: inout [StatementTrace]) {
        let matched = MatchedStatement(policy, statement)
        trace.append(StatementTrace(statement: matched, applies: applies, reasons: reasons))
    }

    /// The more specific of two ways a principal was named (a direct name beats the account).
    static func stronger(_ a: PrincipalMatch?, _ b: PrincipalMatch) -> PrincipalMatch {
        guard let a else { return b }
        let order: [PrincipalMatch] = [.session, .user, .service, .federated, .canonicalUser, .role, .everyone, .account]
        return (order.firstIndex(of: a) ?? 99) <= (order.firstIndex(of: b) ?? 99) ? a : b
    }

    /// The trace line of `Action` or `Resource` (or their negations): the entry that matched, or none.
    static func line(_ element: String, _ polarity: Polarity, _ value: String, _ entries: [String], hit: Int) -> String {
        let verb = polarity == .positive ? element : "Not" + element
        return hit >= 0 ? "\(verb): `\(value)` matches `\(entries[hit])`" : "\(verb): `\(value)` matches none of \(list(entries))"
    }

    static func list(_ values: [String]) -> String {
        let shown = values.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
        return values.count > 3 ? "\(shown) and \(values.count - 3) more" : shown
    }
}

extension Run {
    /// Applicable Allow and Deny statements of a group of policies, and how Allows named the caller.
    struct GroupOutcome {
        var allows = Matches<GroupStatement>()
        var denies = Matches<GroupStatement>()
        var principalMatches = PrincipalMatchSet()
        var decision: Decision {
            !denies.isEmpty ? .explicitDeny : (allows.isEmpty ? .implicitDeny : .allowed)
        }
    }

    mutating func evaluateGroup(_ policies: [Policy]) -> GroupOutcome {
        var outcome = GroupOutcome()
        for policy in policies { evaluate(policy, into: &outcome) }
        return outcome
    }

    /// The group of one policy, or none (without an array to hold the one).
    mutating func evaluateGroup(_ policy: Policy?) -> GroupOutcome {
        var outcome = GroupOutcome()
        if let policy { evaluate(policy, into: &outcome) }
        return outcome
    }

    mutating func evaluate(_ policy: Policy, into outcome: inout GroupOutcome) {
        if let index = policy.actionIndex, !explain {
            // Only the statements that can match the action's service (the trace shows them all).
            for position in index.candidates(service: request.service) {
                record(policy, position, into: &outcome)
            }
        } else {
            for position in policy.statements.indices {
                record(policy, position, into: &outcome)
            }
        }
    }

    /// Evaluates one statement and adds it to the outcome when it applies.
    @inline(__always)
    mutating func record(_ policy: Policy, _ position: Int, into outcome: inout GroupOutcome) {
        // The statement is lent to the call without a retain and a release (one pair per statement): the
        // policy holds it until the evaluation returns.
        let found = Unmanaged.passUnretained(policy.statements[position])._withUnsafeGuaranteedRef { statement in
            statement.match(request, in: policy, explain: explain, callerHasBoundary: callerHasBoundary, missing: &missing,
                            trace: &trace).map { (match: $0, effect: statement.effect) }
        }
        guard let (match, effect) = found else { return }
        if effect == .deny {
            outcome.denies.append(GroupStatement(policy: policy, position: position))
        } else {
            outcome.allows.append(GroupStatement(policy: policy, position: position))
            if let principal = match.principal { outcome.principalMatches.insert(principal) }
        }
    }
}

/// A statement that applied, as its policy and its place there: its `MatchedStatement`, which copies
/// the policy's name and the statement's `Sid`, is built only when a result's statements are read.
struct StatementRef: Sendable {
    let policy: Policy
    /// The statement's index in `policy.statements`.
    let position: Int

    var matched: MatchedStatement { MatchedStatement(policy, policy.statements[position]) }
}

/// A `StatementRef` that does not retain its policy, for the groups of one evaluation: the evaluation's
/// `PolicySet` holds every policy until it returns, and a result retains them again. Without reference
/// counts, a group's outcome has nothing to release, and an evaluation builds and drops several.
struct GroupStatement {
    unowned(unsafe) let policy: Policy
    let position: Int

    var retained: StatementRef { StatementRef(policy: policy, position: position) }
}

extension MatchedStatement {
    init(_ policy: Policy, _ statement: Statement) {
        self.init(policyID: policy.id, policyKind: policy.kind, statementIndex: statement.index, sid: statement.sid,
                  effect: statement.effect, range: statement.range)
    }
}

/// The statements of a group that applied. The first is kept inline and only the others in an array:
/// most groups have none or one, and an array would allocate for that one on every evaluation.
struct Matches<Element>: RandomAccessCollection, RangeReplaceableCollection, ExpressibleByArrayLiteral {
    private var first: Element?
    /// Optional, so that a group without a second match has no array to release either.
    private var others: [Element]?

    init() {}

    init(arrayLiteral elements: Element...) {
        append(contentsOf: elements)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { first == nil ? 0 : 1 + (others?.count ?? 0) }

    subscript(position: Int) -> Element {
        if position == 0, let first { return first }
        guard let others else { preconditionFailure("index \(position) is out of range") }
        return others[position - 1]
    }

    mutating func append(_ element: Element) {
        if first == nil {
            first = element
        } else if others == nil {
            others = [element]
        } else {
            others?.append(element)
        }
    }

    mutating func replaceSubrange<C: Collection>(_ range: Range<Int>, with elements: C) where C.Element == Element {
        // Only `append` is on the hot path; anything else goes through an array.
        var all = Array(self)
        all.replaceSubrange(range, with: elements)
        self = Matches()
        for element in all { append(element) }
    }
}

extension Matches: Sendable where Element: Sendable {}

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
