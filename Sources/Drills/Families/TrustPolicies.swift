import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine

extension DrillFamily {
    /// Who can assume a role, decided by running the calls in a world. Associate: one trust policy naming
    /// accounts, users, a role and services, no conditions: a principal named by ARN in the role's own account
    /// needs no identity policy, a trusted account delegates to its identities' own policies, a caller from
    /// another account always needs one, and the root user cannot assume roles at all. Professional: a trust
    /// policy of two blocks among External ID, MFA (AssumeRole with MFA, or a session token with MFA),
    /// `sts:TagSession` for session tags, a SAML provider and GitHub's OIDC provider.
    ///
    /// Pages: API_AssumeRole.html (same account: the trust policy naming the caller, or trusting the account and
    /// an identity policy; another account: both), id_roles_create_for-user_externalid.html,
    /// reference_policies_condition-keys.html#condition-keys-multifactorauthpresent, id_session-tags.html
    /// (sts:TagSession), id_roles_providers_oidc.html; docs/research/sts-rules.md CALL-02, PERM-10, XACC-01..06.
    static let trustPolicies = DrillFamily(
        name: "trust-policies", title: "Trust policies: who can assume a role (accounts, users, roles, services, SAML and OIDC, External ID, MFA, sts:TagSession)",
        levels: [.associate, .professional],
        topics: ["trust-policy", "cross-account", "federation"]
    ) { level, random in
        var cast = TrustCast(random: &random)
        return level == .associate ? cast.associate(random: &random) : cast.professional(random: &random)
    }
}

/// The people, accounts and role of a trust-policy drill. The role is in account 111122223333 (`prod`); account
/// 444455556666 (`tools`) is another account of the same company.
struct TrustCast {
    static let home = DrillService.account
    static let partner = "444455556666"

    var role: String
    /// In the role's account: `named` has no identity policy, `delegated` has the policy allowing the assume.
    var named: DrillPerson
    var delegated: DrillPerson
    /// In the other account: `partnerUser` has the policy, `stranger` has none, `builder` works through the
    /// role `Builder`, which has it.
    var partnerUser: DrillPerson
    var stranger: DrillPerson
    var builder: DrillPerson
    /// The identity policy of the callers that have one: sts:AssumeRole (and sts:TagSession) on the role.
    var assumePolicy: DrillPolicy
    /// Statements of the trust policy, and the world lines and candidates of each block of the drill.
    var statements: [DrillStatement] = []
    var worldLines: [String] = []
    var candidates: [WorldCandidate] = []
    var sentences: [String] = []

    init(random: inout SeededRandom) {
        let people = random.sample(DrillPerson.all, 5)
        (named, delegated, partnerUser, stranger, builder) = (people[0], people[1], people[2], people[3], people[4])
        role = random.pick(["Reports", "Deploy", "Auditor", "DataExport"])
        assumePolicy = DrillPolicy(kind: .identity, name: "Assume\(role)", statements: [
            DrillStatement(sid: "AssumeThe\(role)Role", effect: .allow, actions: ["sts:AssumeRole"],
                           resources: ["arn:aws:iam::\(Self.home):role/\(role)"]),
        ])
    }

    func user(_ p: DrillPerson, _ account: String) -> String { "arn:aws:iam::\(account):user/\(p.name.lowercased())" }
    var homeRoot: String { "arn:aws:iam::\(Self.home):root" }
    var partnerRoot: String { "arn:aws:iam::\(Self.partner):root" }
    var builderRole: String { "arn:aws:iam::\(Self.partner):role/Builder" }
    var trust: DrillPolicy { DrillPolicy(kind: .trust, name: role, statements: statements) }

    /// The accounts, the users with their policies, the role `Builder` and the role itself.
    func world(extra: [String] = []) -> String {
        let policy = assumePolicy.document
        let builderTrust = DrillPolicy(kind: .trust, name: "Builder", statements: [
            DrillStatement(sid: "Builders", effect: .allow, actions: ["sts:AssumeRole"], resources: [],
                           principals: [DrillPrincipal("AWS", [user(builder, Self.partner)])]),
        ])
        var lines = ["start: 2026-03-02T09:00:00Z", "account \(Self.home) prod", "account \(Self.partner) tools",
                     "user prod/\(named.name.lowercased())",
                     "user prod/\(delegated.name.lowercased())", "  policy assume: \(policy)", "  mfa: \(delegated.name.lowercased())-phone 246810",
                     "user tools/\(partnerUser.name.lowercased())", "  policy assume: \(policy)",
                     "user tools/\(stranger.name.lowercased())", "user tools/\(builder.name.lowercased())",
                     "role tools/Builder", "  trust: \(builderTrust.document)", "  policy assume: \(policy)"]
        lines += extra + worldLines
        lines += ["role prod/\(role)", "  trust: \(trust.document)"]
        return lines.joined(separator: "\n")
    }

    /// Who knows whom: the sentence before the policies.
    var peopleSentence: String {
        "The role `\(role)` is in account \(Self.home). In that account, \(named.name) has no identity policy and "
            + "\(delegated.name) has the identity policy `\(assumePolicy.name)` below. In account \(Self.partner), "
            + "\(partnerUser.name) has `\(assumePolicy.name)` too, \(stranger.name) has no identity policy, and "
            + "\(builder.name) works through the role `Builder`, which has `\(assumePolicy.name)`."
    }

    // MARK: Candidates

    /// A user's call: "Bob (account 444455556666) calls AssumeRole on `Reports`" plus what is special about it.
    mutating func call(_ p: DrillPerson, account: String, options: String = "", before: [String] = [], how: String = "",
                       variant: String = "", fact: String? = nil) {
        let alias = account == Self.home ? "prod" : "tools"
        let steps = ["as user \(alias)/\(p.name.lowercased())"] + before + ["assume prod/\(role)\(options)"]
        let text = "\(p.name) (account \(account))\(how) calls AssumeRole on `\(role)`\(variant)"
        candidates.append(WorldCandidate(text: text, steps: steps, parts: [p.name, account, variant + how],
                                         why: Self.why(role: role, who: p.name, crossAccount: account != Self.home,
                                                       tagged: options.contains("--tag "), fact: fact)))
    }

    /// The role session of `Builder` calling AssumeRole (role chaining across accounts).
    mutating func builderCall(options: String = "", variant: String = "", fact: String? = nil) {
        let steps = ["as user tools/\(builder.name.lowercased())", "assume tools/Builder", "assume prod/\(role)\(options)"]
        candidates.append(WorldCandidate(text: "\(builder.name), in a session of the role `Builder` (account \(Self.partner)), calls AssumeRole on `\(role)`\(variant)",
                                         steps: steps, parts: ["Builder", Self.partner, variant],
                                         why: Self.why(role: role, who: "the role `Builder`", crossAccount: true, fact: fact)))
    }

    // MARK: Associate

    /// One trust statement naming one to three principals among accounts, users, a role and services.
    mutating func associate(random: inout SeededRandom) -> WorldDraft {
        let pool: [DrillPrincipal] = [
            DrillPrincipal("AWS", [partnerRoot]), DrillPrincipal("AWS", [homeRoot]),
            DrillPrincipal("AWS", [user(named, Self.home)]), DrillPrincipal("AWS", [user(partnerUser, Self.partner)]),
            DrillPrincipal("AWS", [user(stranger, Self.partner)]), DrillPrincipal("AWS", [builderRole]),
            DrillPrincipal("Service", ["ec2.amazonaws.com"]), DrillPrincipal("Service", ["lambda.amazonaws.com"]),
        ]
        // Asking which calls fail needs at least three that succeed: then the account of the other side is among
        // two or three principals (it lets two callers in), so that few draws are thrown away.
        let ask: DrillAsk = random.coin() ? .works : .fails
        let chosen = ask == .works ? random.sample(pool, 1 + random.below(3))
            : [pool[0]] + random.sample(Array(pool.dropFirst()), 1 + random.below(2))
        // One entry per principal type, AWS first, in the pool's order.
        var principals: [DrillPrincipal] = []
        for type in ["AWS", "Service"] {
            let values = pool.filter { p in p.type == type && chosen.contains(p) }.flatMap(\.values)
            if !values.isEmpty { principals.append(DrillPrincipal(type, values)) }
        }
        statements = [DrillStatement(sid: "WhoMayAssume", effect: .allow, actions: ["sts:AssumeRole"], resources: [], principals: principals)]
        call(named, account: Self.home)
        call(delegated, account: Self.home)
        call(partnerUser, account: Self.partner)
        call(stranger, account: Self.partner)
        builderCall()
        for service in random.sample(["ec2.amazonaws.com", "lambda.amazonaws.com"], 2) {
            candidates.append(WorldCandidate(text: "The service `\(service)` calls AssumeRole on `\(role)`",
                                             steps: ["as service \(service)", "assume prod/\(role)"], parts: [service, "service", ""],
                                             why: Self.why(role: role, who: "`\(service)`", crossAccount: false, user: false)))
        }
        let rootAccount = random.pick([Self.home, Self.partner])
        candidates.append(WorldCandidate(text: "The root user of account \(rootAccount) calls AssumeRole on `\(role)`",
                                         steps: ["as root \(rootAccount == Self.home ? "prod" : "tools")", "assume prod/\(role)"],
                                         parts: ["root", rootAccount, ""], why: Self.why(role: role, who: "the root user", crossAccount: false)))
        return WorldDraft(
            situation: peopleSentence + " The trust policy of `\(role)` and the identity policy:",
            shown: [trust, assumePolicy], world: world(), candidates: candidates, ask: ask,
            sentence: ask == .works ? "Which of these calls succeed?" : "Which of these calls fail?",
            explanation: "In the role's own account, a principal that the trust policy names by ARN needs no identity policy; "
                + "a trust policy naming an account (`:root`) lets that account's users and roles in only if their own "
                + "identity policies allow sts:AssumeRole. A caller from another account always needs both. The root user "
                + "can never assume a role, and a service can only when the trust policy names it.")
    }
}
