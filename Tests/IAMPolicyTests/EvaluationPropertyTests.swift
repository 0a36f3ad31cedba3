import Diagnostics
import Testing
import TestSupport
@testable import IAMPolicy

// Property tests of the evaluator on random small policy sets (seeded, reproducible, no external library).
//
// The rules come from reference_policies_evaluation-logic_policy-eval-denyallow.html ("An explicit deny in any
// policy overrides any allows"; a Deny is looked for in every policy type first) and from the monotonicity
// those rules imply: a Deny can only take permissions away, an Allow can only add them.
//
// Every generated policy is JSON text parsed by `PolicyParser`, like the tables (see Support/PolicyFixtures.swift).

// MARK: - Random numbers

private typealias EvalRNG = TestRandom

extension TestRandom {
    fileprivate mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &self)] }
    fileprivate mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    fileprivate mutating func count(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}

// MARK: - Generated policies

/// A principal entry of a generated statement.
private enum PrincipalRef: Equatable {
    case star
    case aws(String)
    case service(String)
}

/// A generated statement, kept structured so that the oracle can evaluate it independently of the parser.
private struct GenStatement {
    var effect: Effect
    var actions: [String]
    var notAction = false
    /// nil: no resource element (trust policies).
    var resources: [String]?
    var notResource = false
    var principals: [PrincipalRef]?
    var notPrincipal = false
    var clauses: [Clause] = []

    var stmt: Stmt {
        var s = Stmt(effect: effect.rawValue, actions: actions)
        if notAction { s.actionKey = "NotAction" }
        if let resources {
            s.resources = resources
            s.resourceKey = notResource ? "NotResource" : "Resource"
        } else {
            s.resourceKey = nil
        }
        if let principals {
            let json: String
            if principals == [.star] {
                json = P.star
            } else {
                var parts: [String] = []
                let aws = principals.compactMap { if case .aws(let v) = $0 { v } else { nil } }
                let services = principals.compactMap { if case .service(let v) = $0 { v } else { nil } }
                if !aws.isEmpty { parts.append("\"AWS\": \(jsonList(aws))") }
                if !services.isEmpty { parts.append("\"Service\": \(jsonList(services))") }
                json = "{" + parts.joined(separator: ", ") + "}"
            }
            s.principal = json
            s.principalKey = notPrincipal ? "NotPrincipal" : "Principal"
        }
        s.clauses = clauses
        return s
    }
}

private struct GenPolicy {
    var kind: PolicyKind
    var version: String?
    var statements: [GenStatement]
    var text: String { doc(statements.map(\.stmt), version: version) }
}

/// Where a policy sits in a scenario.
private enum Slot {
    case identity(Int), boundary(Int), session(Int), scp(Int, Int), rcp(Int, Int), resource
}

private struct Scenario {
    var seed: UInt64
    var caller: String
    var action: String
    var resource: String
    var resourceAccount: String?
    var context: [String: ContextValue]
    var identity: [GenPolicy] = []
    var boundary: [GenPolicy] = []
    var session: [GenPolicy] = []
    var scps: [[GenPolicy]] = []
    var rcps: [[GenPolicy]] = []
    var resourcePolicy: GenPolicy?

    var slots: [Slot] {
        var out: [Slot] = identity.indices.map { .identity($0) } + boundary.indices.map { .boundary($0) }
            + session.indices.map { .session($0) }
        for (l, level) in scps.enumerated() { out += level.indices.map { .scp(l, $0) } }
        for (l, level) in rcps.enumerated() { out += level.indices.map { .rcp(l, $0) } }
        if resourcePolicy != nil { out.append(.resource) }
        return out
    }

    func policy(at slot: Slot) -> GenPolicy {
        switch slot {
        case .identity(let i): identity[i]
        case .boundary(let i): boundary[i]
        case .session(let i): session[i]
        case .scp(let l, let i): scps[l][i]
        case .rcp(let l, let i): rcps[l][i]
        case .resource: resourcePolicy!
        }
    }

    mutating func append(_ statement: GenStatement, at slot: Slot) {
        switch slot {
        case .identity(let i): identity[i].statements.append(statement)
        case .boundary(let i): boundary[i].statements.append(statement)
        case .session(let i): session[i].statements.append(statement)
        case .scp(let l, let i): scps[l][i].statements.append(statement)
        case .rcp(let l, let i): rcps[l][i].statements.append(statement)
        case .resource: resourcePolicy!.statements.append(statement)
        }
    }

    /// The same request and policies as a table row (for the same parsing and policy ids).
    var row: EvalCase {
        EvalCase("generated seed \(seed)", caller: caller, action: action, resource: resource, resourceAccount: resourceAccount,
                 context: context, identity: identity.map(\.text), boundary: boundary.map(\.text), session: session.map(\.text),
                 scps: scps.map { $0.map(\.text) }, rcps: rcps.map { $0.map(\.text) },
                 resourcePolicy: resourcePolicy?.kind == .resource ? resourcePolicy?.text : nil,
                 trust: resourcePolicy?.kind == .trust ? resourcePolicy?.text : nil, expected: .allowed)
    }

    func evaluate() throws -> EvaluationResult { try row.evaluate() }

    /// Every policy with the id `EvalCase` gives it.
    var policiesWithIDs: [(id: String, policy: GenPolicy)] {
        var out: [(String, GenPolicy)] = []
        out += identity.enumerated().map { ("Identity.\($0.offset + 1)", $0.element) }
        out += boundary.enumerated().map { ("Boundary.\($0.offset + 1)", $0.element) }
        out += session.enumerated().map { ("Session.\($0.offset + 1)", $0.element) }
        for (l, level) in scps.enumerated() { out += level.enumerated().map { ("SCP.L\(l + 1).\($0.offset + 1)", $0.element) } }
        for (l, level) in rcps.enumerated() { out += level.enumerated().map { ("RCP.L\(l + 1).\($0.offset + 1)", $0.element) } }
        if let resourcePolicy { out.append((resourcePolicy.kind == .trust ? "TrustPolicy" : "ResourcePolicy", resourcePolicy)) }
        return out
    }

    var summary: String {
        var lines = ["seed \(seed): \(caller) \(action) \(resource) owner \(resourceAccount ?? "-") context \(context.mapValues(\.values))"]
        for (id, policy) in policiesWithIDs { lines.append("\(id) (\(policy.kind.rawValue)): \(policy.text)") }
        return lines.joined(separator: "\n")
    }
}

// MARK: - Generator

private enum Gen {
    static let callers = [Who.alice, Who.bob, Who.session, Who.root, Who.carol, Who.bSession, Who.ec2, Who.slr, Who.fed]
    static let actions = ["s3:GetObject", "s3:PutObject", "ec2:RunInstances", "iam:CreateUser", "sts:AssumeRole"]
    static let resources = ["arn:aws:s3:::b/x", "arn:aws:s3:::b/alice/1", "arn:aws:s3:::c/y", Res.targetRole]
    static let actionPatterns = ["s3:GetObject", "s3:Get*", "s3:*", "s3:PutObject", "S3:getobject", "ec2:*", "iam:CreateUser",
                                 "sts:AssumeRole", "*", "s3:?etObject"]
    static let resourcePatterns = ["*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/x", "arn:aws:s3:::c/*",
                                   "arn:aws:s3:::b/${aws:username}/*", "arn:aws:iam::*:role/target", "arn:aws:s3:::*"]
    static let principals: [PrincipalRef] = [.aws(Who.alice), .aws(Acct.a), .aws(Who.aRoot), .aws(Who.roleARN), .aws(Who.session),
                                             .aws(Who.carol), .aws(Who.bRoot), .aws(Who.fed), .service(Who.ec2)]
    /// NotPrincipal entries: no account entries (see the NotPrincipal known issue in EvaluationTests.swift).
    static let notPrincipals: [PrincipalRef] = [.aws(Who.alice), .aws(Who.session), .aws(Who.roleARN), .aws(Who.carol), .service(Who.ec2)]
    static let clauses: [Clause] = [
        Clause(op: "StringEquals", key: "test:k1", values: ["v1"]),
        Clause(op: "StringEquals", key: "test:k1", values: ["v1", "v2"]),
        Clause(op: "StringNotEquals", key: "test:k1", values: ["v1"]),
        Clause(op: "StringLike", key: "test:k1", values: ["v*"]),
        Clause(op: "StringEqualsIfExists", key: "test:k1", values: ["v2"]),
        Clause(op: "Bool", key: "aws:MultiFactorAuthPresent", values: ["true"]),
        Clause(op: "Bool", key: "aws:MultiFactorAuthPresent", values: ["false"]),
        Clause(op: "Null", key: "test:k1", values: ["true"]),
        Clause(op: "Null", key: "test:k1", values: ["false"]),
        Clause(op: "StringEquals", key: "aws:username", values: ["alice"]),
        Clause(op: "StringEquals", key: "test:k1", values: ["${aws:username}"]),
    ]

    static func scenario(seed: UInt64) -> Scenario {
        var rng = EvalRNG(seed: seed)
        var context: [String: ContextValue] = [:]
        if let v = rng.pick([nil, "v1", "v2", "alice", "vx"] as [String?]) { context["test:k1"] = .string(v) }
        if let b = rng.pick([nil, true, false] as [Bool?]) { context["aws:MultiFactorAuthPresent"] = .bool(b) }
        let action = rng.pick(actions)
        var s = Scenario(seed: seed, caller: rng.pick(callers), action: action,
                         resource: action == "sts:AssumeRole" ? Res.targetRole : rng.pick(resources),
                         resourceAccount: rng.chance(0.15) ? rng.pick([Acct.a, Acct.b]) : nil, context: context)
        s.identity = (0..<rng.count(0...2)).map { _ in policy(.identity, &rng) }
        if rng.chance(0.35) { s.boundary = [policy(.boundary, &rng)] }
        if rng.chance(0.3) { s.session = [policy(.session, &rng)] }
        if rng.chance(0.35) { s.scps = (0..<rng.count(1...3)).map { _ in (0..<rng.count(1...2)).map { _ in policy(.scp, &rng) } } }
        if rng.chance(0.25) { s.rcps = (0..<rng.count(1...2)).map { _ in [policy(.rcp, &rng)] } }
        if rng.chance(0.5) {
            s.resourcePolicy = policy(action == "sts:AssumeRole" && rng.chance(0.7) ? .trust : .resource, &rng)
        }
        return s
    }

    static func policy(_ kind: PolicyKind, _ rng: inout EvalRNG) -> GenPolicy {
        let version: String? = kind == .rcp ? "2012-10-17" : rng.pick(["2012-10-17", "2012-10-17", "2012-10-17", nil])
        return GenPolicy(kind: kind, version: version,
                         statements: (0..<rng.count(1...3)).map { _ in statement(kind, rng.chance(0.6) ? .allow : .deny, &rng) })
    }

    static func statement(_ kind: PolicyKind, _ effect: Effect, _ rng: inout EvalRNG) -> GenStatement {
        // An RCP allows only as RCPFullAWSAccess does: everything, unconditionally (P028).
        if kind == .rcp, effect == .allow {
            return GenStatement(effect: .allow, actions: ["*"], resources: ["*"], principals: [.star])
        }
        var s = GenStatement(effect: effect, actions: (0..<rng.count(1...2)).map { _ in rng.pick(actionPatterns) })
        if kind != .rcp, rng.chance(0.15) { s.notAction = true }
        if kind == .trust {
            s.actions = [rng.pick(["sts:AssumeRole", "sts:*", "*", "sts:AssumeRole"])]
            s.notAction = false
        } else {
            s.resources = (0..<rng.count(1...2)).map { _ in rng.pick(resourcePatterns) }
            s.notResource = rng.chance(0.15)
        }
        switch kind {
        case .rcp:
            s.principals = [.star]
        case .resource:
            if effect == .deny, rng.chance(0.2) {
                s.principals = (0..<rng.count(1...2)).map { _ in rng.pick(notPrincipals) }
                s.notPrincipal = true
            } else {
                s.principals = rng.chance(0.2) ? [.star] : (0..<rng.count(1...2)).map { _ in rng.pick(principals) }
            }
        case .trust:
            s.principals = rng.chance(0.1) ? [.star] : (0..<rng.count(1...2)).map { _ in rng.pick(principals) }
        default:
            break
        }
        if rng.chance(0.35) { s.clauses = [rng.pick(clauses)] }
        return s
    }

    /// A statement to add to a policy: half of the time aimed at the request (its action, every resource), so
    /// that the added statement often matters.
    static func added(_ kind: PolicyKind, _ effect: Effect, for scenario: Scenario, _ rng: inout EvalRNG) -> GenStatement {
        var s = statement(kind, effect, &rng)
        if rng.chance(0.5), !(kind == .rcp && effect == .allow) {
            s.actions = [scenario.action]
            s.notAction = false
            if s.resources != nil {
                s.resources = ["*"]
                s.notResource = false
            }
        }
        return s
    }
}

// MARK: - Oracle: does a statement apply?

/// An independent reading of the rules for the generated subset of the language:
/// actions (case-insensitive glob), resources (case-sensitive glob; `${aws:username}` expanded in 2012-10-17
/// policies, and a statement whose variable cannot be resolved does not apply), principals, and the
/// condition operators the generator uses (reference_policies_elements_condition_operators.html).
private enum Oracle {
    static func glob(_ pattern: String, _ text: String, caseInsensitive: Bool) -> Bool {
        let p = Array(caseInsensitive ? pattern.lowercased() : pattern)
        let t = Array(caseInsensitive ? text.lowercased() : text)
        var memo = [[Bool?]](repeating: [Bool?](repeating: nil, count: t.count + 1), count: p.count + 1)
        func m(_ i: Int, _ j: Int) -> Bool {
            if let v = memo[i][j] { return v }
            let v: Bool
            if i == p.count {
                v = j == t.count
            } else if p[i] == "*" {
                v = m(i + 1, j) || (j < t.count && m(i, j + 1))
            } else {
                v = j < t.count && (p[i] == "?" || p[i] == t[j]) && m(i + 1, j + 1)
            }
            memo[i][j] = v
            return v
        }
        return m(0, 0)
    }

    /// `${aws:username}` expanded, or nil when the request has no user name.
    static func expand(_ text: String, userName: String?, expands: Bool) -> String?? {
        guard expands, text.contains("${") else { return .some(text) }
        guard let userName else { return .some(nil) }
        return .some(text.replacing("${aws:username}", with: userName))
    }

    static func principalMatches(_ ref: PrincipalRef, _ caller: Caller) -> Bool {
        switch ref {
        case .star:
            return true
        case .service(let name):
            return caller.kind == .service && caller.identifier == name
        case .aws(let value):
            if let account = caller.account, value == account || value == "arn:aws:iam::\(account):root" { return true }
            switch caller.kind {
            case .user, .root, .federatedUser: return value == caller.identifier
            case .assumedRole: return value == caller.identifier || value == caller.roleARN
            default: return false
            }
        }
    }

    /// NotPrincipal exempts a caller only when named exactly: a user with its account, a role session
    /// with its role and account, a service; never a principal with a permissions boundary in a Deny.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
    static func exempt(_ refs: [PrincipalRef], _ caller: Caller, deny: Bool, hasBoundary: Bool) -> Bool {
        if deny && hasBoundary && caller.kind != .service { return false }
        func listed(_ value: String) -> Bool {
            refs.contains { if case .aws(let v) = $0 { v == value } else { false } }
        }
        if refs.contains(where: { if case .star = $0 { true } else { false } }) { return true }
        let account = caller.account.map { listed($0) || listed("arn:aws:iam::\($0):root") } ?? false
        switch caller.kind {
        case .service: return refs.contains { if case .service(let n) = $0 { n == caller.identifier } else { false } }
        case .root: return account
        case .user, .federatedUser: return account && listed(caller.identifier)
        case .assumedRole: return account && listed(caller.identifier) && (caller.roleARN.map(listed) ?? false)
        default: return false
        }
    }

    static func applies(_ s: GenStatement, in policy: GenPolicy, caller: Caller, action: String, resource: String,
                        context: [String: ContextValue], hasBoundary: Bool = false) -> Bool {
        let expands = policy.version == "2012-10-17"
        var values: [String: String] = [:]
        for (k, v) in context { values[k.lowercased()] = v.values.first }
        if let name = caller.userName, values["aws:username"] == nil { values["aws:username"] = name }
        let userName = values["aws:username"]

        if let principals = s.principals {
            if s.notPrincipal {
                if exempt(principals, caller, deny: s.effect == .deny, hasBoundary: hasBoundary) { return false }
            } else if !principals.contains(where: { principalMatches($0, caller) }) {
                return false
            }
        }
        let actionHit = s.actions.contains { glob($0, action, caseInsensitive: true) }
        if actionHit == s.notAction { return false }
        if let resources = s.resources {
            var hit = false
            var unresolved = false
            for pattern in resources {
                switch expand(pattern, userName: userName, expands: expands) {
                case .some(.some(let text)): if glob(text, resource, caseInsensitive: false) { hit = true }
                default: unresolved = true
                }
            }
            if unresolved && !hit { return false }
            if hit == s.notResource { return false }
        }
        for clause in s.clauses {
            let key = clause.key.lowercased()
            let present = values[key]
            var policyValues: [String] = []
            for v in clause.values {
                guard case .some(.some(let text)) = expand(v, userName: userName, expands: expands) else { return false }
                policyValues.append(text)
            }
            let holds: Bool
            switch clause.op {
            case "StringEquals": holds = present.map { policyValues.contains($0) } ?? false
            case "StringNotEquals": holds = present.map { !policyValues.contains($0) } ?? true
            case "StringLike": holds = present.map { p in policyValues.contains { glob($0, p, caseInsensitive: false) } } ?? false
            case "StringEqualsIfExists": holds = present.map { policyValues.contains($0) } ?? true
            case "Bool": holds = present.map { p in policyValues.contains { $0.lowercased() == p.lowercased() } } ?? false
            case "Null": holds = policyValues.contains(present == nil ? "true" : "false")
            default: fatalError("the oracle does not know \(clause.op)")
            }
            if !holds { return false }
        }
        return true
    }

    /// The applicable Deny statements of every policy, as `policyID#index`.
    static func applicableDenies(_ scenario: Scenario) throws -> Set<String> {
        let caller = try parseCaller(scenario.caller)
        var out = Set<String>()
        // SCPs govern IAM users, roles and root users, not service-linked roles or services
        // (orgs_manage_policies_scps.html). RCPs govern every caller but service-linked roles, and only the
        // services that support them: of the generated actions S3 and STS, not EC2 or IAM
        // (orgs_manage_policies_rcps.html#rcp-supported-services).
        let identityCaller = [.user, .assumedRole, .federatedUser, .root].contains(caller.kind)
        let rcpService = ["s3", "sts"].contains(scenario.action.lowercased().split(separator: ":").first.map(String.init) ?? "")
        for (id, policy) in scenario.policiesWithIDs {
            if id.hasPrefix("SCP."), !identityCaller || caller.isServiceLinkedRole { continue }
            if id.hasPrefix("RCP."), caller.isServiceLinkedRole || !rcpService { continue }
            for (index, statement) in policy.statements.enumerated() where statement.effect == .deny {
                if applies(statement, in: policy, caller: caller, action: scenario.action, resource: scenario.resource,
                           context: scenario.context, hasBoundary: !scenario.boundary.isEmpty) {
                    out.insert("\(id)#\(index)")
                }
            }
        }
        return out
    }
}

// MARK: - Properties

private let casesPerProperty = 2_000

@Suite("Evaluation properties on random policy sets")
struct EvaluationPropertyTests {
    @Test("adding a Deny statement never turns a denial into `allowed`, nor `explicitDeny` into anything else")
    func addingDenyNeverGrants() throws {
        var tested = 0, changed = 0
        var seed: UInt64 = 0xDE4A_0001
        while tested < casesPerProperty {
            seed &+= 1
            var scenario = Gen.scenario(seed: seed)
            let slots = scenario.slots
            guard !slots.isEmpty else { continue }
            var rng = EvalRNG(seed: seed ^ 0xD)
            let slot = rng.pick(slots)
            let before = try scenario.evaluate().decision
            scenario.append(Gen.added(scenario.policy(at: slot).kind, .deny, for: scenario, &rng), at: slot)
            let after = try scenario.evaluate().decision
            if before != after { changed += 1 }
            if before != .allowed {
                #expect(after != .allowed, "a Deny turned \(before) into allowed\n\(scenario.summary)")
            }
            if before == .explicitDeny {
                #expect(after == .explicitDeny, "a Deny turned explicitDeny into \(after)\n\(scenario.summary)")
            }
            tested += 1
        }
        // The added statements must actually matter in a fair share of the cases.
        #expect(changed > casesPerProperty / 20, "only \(changed) decisions changed")
    }

    @Test("adding an Allow statement never turns `allowed` into a denial")
    func addingAllowNeverRevokes() throws {
        var tested = 0, changed = 0
        var seed: UInt64 = 0xA110_0001
        while tested < casesPerProperty {
            seed &+= 1
            var scenario = Gen.scenario(seed: seed)
            let slots = scenario.slots
            guard !slots.isEmpty else { continue }
            var rng = EvalRNG(seed: seed ^ 0xA)
            let slot = rng.pick(slots)
            let before = try scenario.evaluate().decision
            scenario.append(Gen.added(scenario.policy(at: slot).kind, .allow, for: scenario, &rng), at: slot)
            let after = try scenario.evaluate().decision
            if before != after { changed += 1 }
            if before == .allowed {
                #expect(after == .allowed, "an Allow turned allowed into \(after)\n\(scenario.summary)")
            }
            tested += 1
        }
        // `allowed` is the rarest starting point (about one case in five), so fewer decisions can change.
        #expect(changed > casesPerProperty / 40, "only \(changed) decisions changed")
    }

    @Test("explicitDeny if and only if some Deny statement applies, and the matched statements are exactly those")
    func explicitDenyIffApplicableDeny() throws {
        var counts: [Decision: Int] = [:]
        for i in 0..<UInt64(casesPerProperty) {
            let scenario = Gen.scenario(seed: 0x1FF_0000 + i)
            let result = try scenario.evaluate()
            counts[result.decision, default: 0] += 1
            let denies = try Oracle.applicableDenies(scenario)
            #expect((result.decision == .explicitDeny) == !denies.isEmpty,
                    "decision \(result.decision), applicable Deny statements \(denies.sorted())\n\(scenario.summary)")
            if result.decision == .explicitDeny {
                #expect(Set(result.matchedStatements.map { "\($0.policyID)#\($0.statementIndex)" }) == denies,
                        "\(scenario.summary)")
            }
        }
        // Not a degenerate sample: each decision shows up (`allowed` is the rarest, about one in twenty).
        for decision in [Decision.allowed, .explicitDeny, .implicitDeny] {
            #expect((counts[decision] ?? 0) > casesPerProperty / 40, "\(decision): \(counts[decision] ?? 0) of \(casesPerProperty)")
        }
    }

    @Test("generated policies parse, so the properties test the evaluator and not the fixtures")
    func generatedPoliciesParse() throws {
        for i in 0..<UInt64(200) {
            let scenario = Gen.scenario(seed: 0x9A_0000 + i)
            _ = try scenario.row.policySet()
        }
    }
}
