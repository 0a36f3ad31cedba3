import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine
import Testing

@testable import Drills

/// The two families decided in a world on STS: `trust-policies` and `sessions-on-the-clock`. The shared tests
/// of DrillFamilyTests re-prove their keys; these check that every variant comes up and how options are explained.
@Suite("Trust and session drills")
struct TrustAndSessionDrillTests {
    /// `count` drills of a family at a level.
    static func drills(_ family: DrillFamily, _ level: Level, count: Int = 300) -> [GeneratedDrill] {
        var generator = DrillGenerator(families: [family], level: level, seed: 14)
        return generator.drills(count: count)
    }

    /// The steps of the options a drill shows (each option's deciding step and the steps before it).
    static func shownSteps(_ drill: GeneratedDrill) -> [String] {
        let lines = (drill.scenario ?? "").split(separator: "\n").map(String.init)
        return drill.options.compactMap(\.step).flatMap { step in
            lines.filter { $0.hasPrefix("step \(step):") || $0.hasPrefix("step \(step)-") }
        }
    }

    @Test("trust-policies: every kind of principal and every condition comes up among the options shown")
    func trustVariants() throws {
        let associate = Self.drills(.trustPolicies, .associate), professional = Self.drills(.trustPolicies, .professional)
        let plain = associate.flatMap(Self.shownSteps).joined(separator: "\n")
        for variant in ["as service ec2.amazonaws.com", "as service lambda.amazonaws.com", "as root", "assume tools/Builder", "as user tools/"] {
            #expect(plain.contains(variant), "associate: \(variant)")
        }
        // Associate: no conditions, one statement.
        #expect(associate.allSatisfy { !$0.policies[0].statements.contains { !$0.conditions.isEmpty } && $0.policies[0].statements.count == 1 })
        let steps = professional.flatMap(Self.shownSteps).joined(separator: "\n")
        for variant in ["--external-id", "--serial", "get-session-token --serial", "--tag project=", "assume-saml", "--tag team=web",
                        "assume-web", "pull_request"] {
            #expect(steps.contains(variant), "professional: \(variant)")
        }
        let conditions = Set(professional.flatMap { $0.policies[0].statements.flatMap(\.conditions).map(\.op) })
        #expect(conditions.isSuperset(of: ["StringEquals", "Bool", "BoolIfExists", "StringLike"]))
        let outcomes = Set((associate + professional).flatMap(\.options).map(\.outcome))
        #expect(outcomes == [.ok, .error("AccessDenied")], "\(outcomes)")
    }

    @Test("sessions-on-the-clock: durations, expiry, chaining, session and federation tokens come up, with each outcome")
    func sessionVariants() throws {
        let associate = Self.drills(.sessionsOnTheClock, .associate), professional = Self.drills(.sessionsOnTheClock, .professional)
        let plain = associate.flatMap(Self.shownSteps).joined(separator: "\n")
        #expect(plain.contains("--duration 600s") && plain.contains("advance") && !plain.contains("get-session-token"))
        let steps = professional.flatMap(Self.shownSteps).joined(separator: "\n")
        for variant in ["assume prod/Audit", "assume prod/Billing", "get-session-token --duration 36h", "get-session-token --serial",
                        "can iam:ListUsers", "get-federation-token", "--policy @Only2026", "can s3:PutObject"] {
            #expect(steps.contains(variant), "professional: \(variant)")
        }
        let outcomes = Set((associate + professional).flatMap(\.options).map(\.outcome))
        #expect(outcomes == [.ok, .allowed, .implicitDeny, .error("ExpiredToken"), .error("ValidationError"),
                             .error("InvalidClientTokenId"), .error("AccessDenied")], "\(outcomes)")
    }

    /// Runs candidates in the cast's world and gives each option's text and explanation.
    static func explained(_ world: String, _ candidates: [WorldCandidate]) throws -> [String: String] {
        let draft = WorldDraft(situation: "", shown: [], world: world, candidates: candidates, ask: .works, explanation: "")
        let family = DrillFamily(name: "why-test", title: "", levels: [.associate], topics: []) { _, _ in draft }
        let run = try #require(WorldDrillBuilder.run(draft, family: family))
        var texts: [String: String] = [:]
        for (i, candidate) in candidates.enumerated() {
            let result = try #require(run.result(of: "c\(i + 1)")?.result)
            texts[candidate.text] = candidate.why?(result) ?? WorldWhy.sentence(result)
        }
        return texts
    }

    @Test("trust explanations: the root user, a caller the trust policy does not name, another account's caller without an identity policy, a wrong External ID and code, session tags")
    func trustWhy() throws {
        var random = SeededRandom(seed: 3)
        var cast = TrustCast(random: &random)
        cast.statements = [DrillStatement(sid: "Partner", effect: .allow, actions: ["sts:AssumeRole"], resources: [],
                                          conditions: [DrillCondition("StringEquals", "sts:ExternalId", ["x7-4411"])],
                                          principals: [DrillPrincipal("AWS", [cast.partnerRoot])])]
        cast.call(cast.partnerUser, account: TrustCast.partner, options: " --external-id x7-4411", variant: " with x7")
        cast.call(cast.partnerUser, account: TrustCast.partner, options: " --external-id c0ffee-17", variant: " with c0ffee",
                  fact: "it passes `c0ffee-17`, and the condition asks for `x7-4411`")
        cast.call(cast.stranger, account: TrustCast.partner, options: " --external-id x7-4411", variant: " with x7")
        cast.call(cast.delegated, account: TrustCast.home, options: " --serial \(cast.delegated.name.lowercased())-phone --mfa 111111", variant: " bad code")
        cast.call(cast.named, account: TrustCast.home)
        let (partner, stranger, role) = (cast.partnerUser.name, cast.stranger.name, cast.role)
        let why = try Self.explained(cast.world(), cast.candidates)
        #expect(why["\(partner) (account 444455556666) calls AssumeRole on `\(role)` with x7"]
            == "succeeds: the trust policy of `\(role)` lets \(partner) in (statement `Partner`), and \(partner)'s identity policy allows the call")
        #expect(why["\(partner) (account 444455556666) calls AssumeRole on `\(role)` with c0ffee"]
            == "fails with AccessDenied: the trust policy of `\(role)` does not let \(partner) in: it passes `c0ffee-17`, and the condition asks for `x7-4411`")
        #expect(why["\(stranger) (account 444455556666) calls AssumeRole on `\(role)` with x7"]
            == "fails with AccessDenied: the trust policy lets \(stranger) in, but a caller from another account also needs an identity policy that allows sts:AssumeRole, and \(stranger) has none")
        #expect(why["\(cast.delegated.name) (account 111122223333) calls AssumeRole on `\(role)` bad code"]
            == "fails with AccessDenied: MultiFactorAuthentication failed, the code is not the one the device shows")
        #expect(why["\(cast.named.name) (account 111122223333) calls AssumeRole on `\(role)`"]
            == "fails with AccessDenied: the trust policy of `\(role)` does not let \(cast.named.name) in")
        // The root user, and a same-account user named by ARN (no identity policy needed).
        cast.candidates = []
        cast.statements = [DrillStatement(sid: "Named", effect: .allow, actions: ["sts:AssumeRole"], resources: [],
                                          principals: [DrillPrincipal("AWS", [cast.user(cast.named, TrustCast.home), cast.homeRoot])]),
                           DrillStatement(sid: "Tags", effect: .allow, actions: ["sts:TagSession"], resources: [],
                                          principals: [DrillPrincipal("AWS", [cast.user(cast.named, TrustCast.home)])])]
        cast.call(cast.named, account: TrustCast.home)
        cast.call(cast.named, account: TrustCast.home, options: " --tag project=atlas", variant: " tagged")
        cast.call(cast.delegated, account: TrustCast.home, options: " --tag project=atlas", variant: " tagged")
        cast.candidates.append(WorldCandidate(text: "root", steps: ["as root prod", "assume prod/\(role)"], parts: [],
                                              why: TrustCast.why(role: role, who: "the root user", crossAccount: false)))
        let second = try Self.explained(cast.world(), cast.candidates)
        #expect(second["\(cast.named.name) (account 111122223333) calls AssumeRole on `\(role)`"]
            == "succeeds: the trust policy of `\(role)` lets \(cast.named.name) in (statement `Named`): it names \(cast.named.name) in the role's own account, so no identity policy is needed")
        #expect(second["\(cast.named.name) (account 111122223333) calls AssumeRole on `\(role)` tagged"]
            == "succeeds: the trust policy of `\(role)` lets \(cast.named.name) in and allows sts:TagSession for these tags (statement `Tags`): it names \(cast.named.name) in the role's own account, so no identity policy is needed")
        #expect(second["\(cast.delegated.name) (account 111122223333) calls AssumeRole on `\(role)` tagged"]
            == "fails with AccessDenied: passing session tags needs sts:TagSession, and the trust policy of `\(role)` does not allow it for this call")
        #expect(second["root"] == "fails with AccessDenied: the root user can never assume a role, whatever the trust policy says")
    }

    @Test("session explanations: durations in words, expiry, the chaining limit, session and federation tokens")
    func sessionWhy() throws {
        var random = SeededRandom(seed: 3)
        var cast = SessionCast(random: &random)
        cast.maxHours = 4
        let (role, name) = (cast.role, cast.person.name)
        cast.add("over", ["assume prod/\(role) --duration 5h"], parts: [], why: SessionCast.why(role: role, duration: 18_000, max: 14_400))
        cast.add("short", ["assume prod/\(role) --duration 10m"], parts: [], why: SessionCast.why(role: role, duration: 600, max: 14_400))
        cast.add("late", ["assume prod/\(role)", "advance 90m", cast.read], parts: [],
                 why: SessionCast.why(role: role, duration: 3_600, max: 14_400, delay: 5_400, defaulted: true))
        cast.chain(random: &random)
        cast.sessionToken(random: &random, parts: ["range", "expiry", "mfa"])
        cast.federation(random: &random, all: true)
        let why = try Self.explained(cast.world, cast.candidates)
        #expect(why["over"] == "fails with ValidationError: 5 hours is more than the maximum session duration of `\(role)` (4 hours)")
        #expect(why["short"] == "fails with ValidationError: DurationSeconds must be at least 900, and a session cannot last under 15 minutes")
        #expect(why["late"] == "fails with ExpiredToken: the session of `\(role)` lasted 1 hour (the default) and expired 30 minutes before the call")
        #expect(why["\(name) assumes `\(role)`, then from that session assumes `\(cast.chained)` for 2 hours"]
            == "fails with ValidationError: a role session that assumes another role (role chaining) may ask for at most 1 hour, whatever the role's maximum")
        #expect(why["\(name) gets a session token for 40 hours"]
            == "fails with ValidationError: an IAM user's session token lasts at most 36 hours (DurationSeconds 129600)")
        #expect(why["\(name) gets a session token without MFA, then calls iam:ListUsers"]
            == "fails with InvalidClientTokenId: a session token issued without MFA cannot call IAM operations")
        #expect(why["\(name) gets a federation token without a session policy, then reads q1.csv"]
            == "denied (implicitly): a federation token without a session policy has no permissions")
        #expect(why["\(name) gets a federation token with `Only2026`, then writes 2026/q3.csv"]
            == "denied (implicitly): `\(name)Tools` does not allow it, and a session policy only narrows the user's permissions")
        #expect(why["\(name) gets a federation token with `Only2026`, then reads summary.pdf"]
            == "denied (implicitly): the session policy `Only2026` does not allow it, so the federation token cannot do it")
        #expect(why["\(name) gets a federation token with `Only2026`, then assumes `\(role)`"]
            == "fails with AccessDenied: a federated user session may call no STS operation but GetCallerIdentity, so it cannot assume `\(role)`")
    }
}
