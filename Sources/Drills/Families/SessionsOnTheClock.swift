import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine

extension DrillFamily {
    /// Temporary credentials on the clock, decided by running the calls in a world. Associate: DurationSeconds of
    /// AssumeRole between 15 minutes and the role's maximum session duration, the one-hour default, and calls
    /// made after the session expired. Professional: role chaining (at most one hour), GetSessionToken (15
    /// minutes to 36 hours, 12 by default; IAM calls only with MFA) and GetFederationToken (the user's policies
    /// intersected with the session policy; none, no permissions; no STS call but GetCallerIdentity).
    ///
    /// Pages: API_AssumeRole.html (DurationSeconds, role chaining), id_roles_use.html (maximum session duration),
    /// API_GetSessionToken.html, API_GetFederationToken.html, id_credentials_temp_control-access_getfederationtoken.html,
    /// id_credentials_temp.html (expired credentials); docs/research/sts-rules.md DUR-01, DUR-08, DUR-14, DUR-16,
    /// CALL-09, CALL-10, PERM-07, EXP-01.
    static let sessionsOnTheClock = DrillFamily(
        name: "sessions-on-the-clock", title: "Sessions on the clock: durations, role chaining, expiry, GetSessionToken and GetFederationToken",
        levels: [.associate, .professional],
        topics: ["temporary-credentials", "sts"]
    ) { level, random in
        var cast = SessionCast(random: &random)
        return cast.draft(level: level, random: &random)
    }
}

/// The user, roles, bucket and policies of a sessions drill, and the candidates drawn so far.
struct SessionCast {
    var person: DrillPerson
    var role: String
    var chained: String
    /// The role's maximum session duration, in hours.
    var maxHours: Int
    var bucket: String
    var rolePolicy: DrillPolicy
    var userPolicy: DrillPolicy
    var sessionPolicy: DrillPolicy
    var candidates: [WorldCandidate] = []

    init(random: inout SeededRandom) {
        person = random.pick(DrillPerson.all)
        role = random.pick(["Deploy", "Analyst", "Support"])
        chained = random.pick(["Audit", "Billing"])
        maxHours = random.pick([2, 4, 6, 8, 12])
        bucket = random.pick(["reports", "invoices", "media-archive"])
        rolePolicy = DrillPolicy(kind: .identity, name: "Read\(DrillService.sidWord(bucket))", statements: [
            DrillStatement(sid: "ReadBucket", effect: .allow, actions: ["s3:GetObject"], resources: ["arn:aws:s3:::\(bucket)/*"]),
        ])
        userPolicy = DrillPolicy(kind: .identity, name: "\(person.name)Tools", statements: [
            DrillStatement(sid: "ReadBucket", effect: .allow, actions: ["s3:GetObject"], resources: ["arn:aws:s3:::\(bucket)/*"]),
            DrillStatement(sid: "ListUsers", effect: .allow, actions: ["iam:ListUsers"], resources: ["*"]),
            DrillStatement(sid: "Federate", effect: .allow, actions: ["sts:GetFederationToken"], resources: ["*"]),
        ])
        sessionPolicy = DrillPolicy(kind: .session, name: "Only2026", statements: [
            DrillStatement(sid: "ReadWrite2026", effect: .allow, actions: ["s3:GetObject", "s3:PutObject"],
                           resources: ["arn:aws:s3:::\(bucket)/2026/*"]),
        ])
    }

    var login: String { "as user prod/\(person.name.lowercased())" }
    var file: String { "arn:aws:s3:::\(bucket)/2026/q1.csv" }
    var read: String { "can s3:GetObject \(file)" }

    /// The world: the user, the role (trusting the user by ARN), the chained role (trusting the role), the bucket
    /// and the session policy as a document.
    var world: String {
        let name = person.name.lowercased()
        let trustUser = DrillStatement(sid: "User", effect: .allow, actions: ["sts:AssumeRole"], resources: [],
                                       principals: [DrillPrincipal("AWS", ["arn:aws:iam::\(DrillService.account):user/\(name)"])])
        let trustRole = DrillStatement(sid: "Role", effect: .allow, actions: ["sts:AssumeRole"], resources: [],
                                       principals: [DrillPrincipal("AWS", ["arn:aws:iam::\(DrillService.account):role/\(role)"])])
        return ["start: 2026-03-02T09:00:00Z", "account \(DrillService.account) prod",
                "user prod/\(name)", "  policy tools: \(userPolicy.document)", "  mfa: \(name)-phone 135790",
                "role prod/\(role)", "  max-session: \(maxHours)h",
                "  trust: \(DrillPolicy(kind: .trust, name: role, statements: [trustUser]).document)",
                "  policy read: \(rolePolicy.document)",
                "role prod/\(chained)", "  max-session: 12h",
                "  trust: \(DrillPolicy(kind: .trust, name: chained, statements: [trustRole]).document)",
                "  policy read: \(rolePolicy.document)",
                "resource arn:aws:s3:::\(bucket)", "  owner: prod",
                "document \(sessionPolicy.name): \(sessionPolicy.document)"].joined(separator: "\n")
    }

    mutating func add(_ text: String, _ steps: [String], parts: [String], why: @escaping @Sendable (CommandResult) -> String) {
        candidates.append(WorldCandidate(text: text, steps: [login] + steps, parts: parts, why: why))
    }

    mutating func draft(level: Level, random: inout SeededRandom) -> WorldDraft {
        var shown = [rolePolicy]
        var situation = "\(person.name) is an IAM user of account \(DrillService.account). The role `\(role)` trusts \(person.name)'s "
            + "user by its ARN, has a maximum session duration of \(Self.words(maxHours * 3600)), and has the identity policy "
            + "`\(rolePolicy.name)`. The object \(file) exists."
        if level == .associate {
            roleDurations(random: &random)
        } else {
            let groups = random.sample(["chain", "session-token", "federation"], 2)
            if random.coin() { roleDurations(random: &random, few: true) }
            if groups.contains("chain") {
                chain(random: &random)
                situation += " The role `\(chained)` trusts `\(role)`, has a maximum session duration of 12 hours and the same identity policy."
            }
            if groups.contains("session-token") || groups.contains("federation") {
                shown.append(userPolicy)
                situation += " \(person.name)'s own identity policy is `\(userPolicy.name)`; the virtual MFA device `\(person.name.lowercased())-phone` shows 135790 now."
            }
            if groups.contains("session-token") { sessionToken(random: &random) }
            if groups.contains("federation") {
                federation(random: &random)
                shown.append(sessionPolicy)
                situation += " `\(sessionPolicy.name)` is a policy \(person.name) may pass as a session policy."
            }
        }
        let ask: DrillAsk = random.coin() ? .works : .fails
        return WorldDraft(
            situation: situation + " Each call below starts afresh from \(person.name)'s long-term access key; \"later\" is measured "
                + "from the call that made the credentials. The policies:",
            shown: shown, world: world, candidates: candidates, ask: ask,
            sentence: ask == .works ? "Which of these succeed?" : "Which of these fail?",
            explanation: "AssumeRole sessions last 15 minutes up to the role's maximum session duration (1 hour by default), and "
                + "at most 1 hour when a role session assumes another role; GetSessionToken and GetFederationToken last 15 "
                + "minutes to 36 hours (12 by default). Expired credentials fail with ExpiredToken. Session-token credentials "
                + "call IAM only when issued with MFA; a federation token has the user's permissions intersected with its "
                + "session policy (none without one) and cannot call STS.")
    }

    // MARK: Groups of candidates

    /// AssumeRole with durations around the role's maximum, and reads before and after the session ends.
    mutating func roleDurations(random: inout SeededRandom, few: Bool = false) {
        let max = maxHours * 3600
        let within = random.pick([1, maxHours / 2, maxHours].filter { $0 >= 1 }) * 3600
        // The maximum works; an hour more (13 hours past the 12-hour ceiling) and 10 minutes (under 15) do not.
        var durations = [max, max + 3600, 600]
        if within != max { durations.append(within) }
        for duration in few ? Array(durations.prefix(2)) : durations {
            add("\(person.name) assumes `\(role)` for \(Self.words(duration))", ["assume prod/\(role) --duration \(duration)s"],
                parts: [Self.words(duration), "", ""], why: Self.why(role: role, duration: duration, max: max))
        }
        let readAt: [(Int?, Int)] = [(within, within - 1_800), (within, within + 1_800), (nil, 2_700), (nil, 5_400)]
        for (duration, delay) in few ? [readAt[random.below(4)]] : readAt {
            let steps = ["assume prod/\(role)" + (duration.map { " --duration \($0)s" } ?? ""), "advance \(delay)s", read]
            let how = duration.map { "for \(Self.words($0))" } ?? "without a duration"
            add("\(person.name) assumes `\(role)` \(how), then reads q1.csv \(Self.words(delay)) later", steps,
                parts: [how, Self.words(delay), "read"],
                why: Self.why(role: role, duration: duration ?? 3600, max: max, delay: delay, defaulted: duration == nil))
        }
    }

    /// A session of the role assumes the chained role: at most one hour.
    mutating func chain(random: inout SeededRandom) {
        for duration in [7_200, 3_600] {
            add("\(person.name) assumes `\(role)`, then from that session assumes `\(chained)` for \(Self.words(duration))",
                ["assume prod/\(role)", "assume prod/\(chained) --duration \(duration)s"], parts: [Self.words(duration), "", "chain"],
                why: Self.why(role: chained, duration: duration, max: 43_200, chained: true))
        }
        let delay = random.pick([2_700, 4_200])
        add("\(person.name) assumes `\(role)`, then `\(chained)` from that session, then reads q1.csv \(Self.words(delay)) later",
            ["assume prod/\(role)", "assume prod/\(chained)", "advance \(delay)s", read], parts: ["", Self.words(delay), "chain"],
            why: Self.why(role: chained, duration: 3_600, max: 43_200, delay: delay, chained: true, defaulted: true))
    }

    /// GetSessionToken: its range, its 12-hour default, and IAM calls that need MFA.
    /// `parts`: which of the range, the expiry and MFA for IAM calls to draw (two of them at random by default).
    mutating func sessionToken(random: inout SeededRandom, parts chosen: [String]? = nil) {
        let parts = chosen ?? random.sample(["range", "expiry", "mfa"], 2)
        for hours in [36, 40] where parts.contains("range") {
            add("\(person.name) gets a session token for \(hours) hours", ["get-session-token --duration \(hours)h"],
                parts: ["\(hours) hours", "", "token"], why: Self.tokenWhy(hours * 3600))
        }
        let delay = random.pick([11, 13]) * 3600
        if parts.contains("expiry") {
            add("\(person.name) gets a session token without a duration, then reads q1.csv \(Self.words(delay)) later",
                ["get-session-token", "advance \(delay)s", read], parts: ["", Self.words(delay), "token"], why: Self.tokenWhy(43_200, delay: delay))
        }
        let mfa = " --serial \(person.name.lowercased())-phone --mfa 135790"
        for withMFA in [true, false] where parts.contains("mfa") {
            add("\(person.name) gets a session token \(withMFA ? "with" : "without") MFA, then calls iam:ListUsers",
                ["get-session-token" + (withMFA ? mfa : ""), "can iam:ListUsers *"], parts: [withMFA ? "MFA" : "", "", "iam"],
                why: Self.tokenWhy(43_200))
        }
    }

    /// GetFederationToken: the session policy intersected with the user's, nothing without one, no AssumeRole.
    /// `all`: every call rather than four of the five.
    mutating func federation(random: inout SeededRandom, all: Bool = false) {
        let name = "\(person.name.lowercased())-app"
        let policy = " --policy @\(sessionPolicy.name)"
        let calls: [(String, String, String)] = [
            (policy, "reads q1.csv", read),
            (policy, "writes 2026/q3.csv", "can s3:PutObject arn:aws:s3:::\(bucket)/2026/q3.csv"),
            (policy, "reads summary.pdf", "can s3:GetObject arn:aws:s3:::\(bucket)/summary.pdf"),
            ("", "reads q1.csv", read),
            (policy, "assumes `\(role)`", "assume prod/\(role)"),
        ]
        // Four of the five, so that a drill runs fewer steps.
        for (options, what, step) in all ? calls : random.sample(calls, 4) {
            let how = options.isEmpty ? "without a session policy" : "with `\(sessionPolicy.name)`"
            add("\(person.name) gets a federation token \(how), then \(what)", ["get-federation-token \(name)\(options)", step],
                parts: [how, what, "federation"], why: Self.federationWhy(role: role, sessionPolicy: sessionPolicy.name, userPolicy: userPolicy.name))
        }
    }

    // MARK: Words and explanations

    /// A duration as the options write it: "1 hour", "4 hours", "45 minutes", "90 minutes", "6 hours 30 minutes".
    static func words(_ seconds: Int) -> String {
        let hours = seconds / 3600, minutes = seconds % 3600 / 60
        if minutes == 0 { return hours == 1 ? "1 hour" : "\(hours) hours" }
        return hours < 2 ? "\(seconds / 60) minutes" : "\(hours) hours \(minutes) minutes"
    }
}
