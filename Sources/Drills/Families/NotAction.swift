import IAMPolicy
import QuizBank
import QuizEngine

extension DrillFamily {
    /// `NotAction`, `NotResource` and `NotPrincipal` traps: an Allow with `NotAction` allows every other action
    /// (of every service), a Deny with `NotAction` denies every other action, an Allow with `NotResource` allows
    /// everything but the resources it lists, a Deny with `NotResource` denies everywhere else, and a Deny with
    /// `NotPrincipal` in a resource-based policy denies every caller it does not name exactly (see
    /// ``notPrincipalDraft(_:_:_:)``). The professional level adds a permissions boundary written with
    /// `NotAction`, or an SCP beside the resource-based policy.
    static let notAction = DrillFamily(
        name: "not-action", title: "NotAction and NotResource traps",
        levels: [.associate, .professional],
        topics: ["not-action", "not-resource", "policy-evaluation"]
    ) { level, random in
        let cast = DrillCast(random: &random)
        let (service, person, actions, containers, item) = (cast.service, cast.person, cast.actions, cast.containers, cast.item)
        let other = random.pick(DrillService.all.filter { $0.prefix != service.prefix })
        let listed = Array(actions.prefix(1 + random.below(2))).sortedLikeService(service)

        let variant = random.below(5)
        if variant == 4 { return notPrincipalDraft(level, cast, &random) }
        let statements: [DrillStatement]
        switch variant {
        case 0:
            // Allow with NotAction on one container: every other action, of any service, on it.
            statements = [DrillStatement(sid: "AllowAllBut\(DrillService.verb(listed[0]))", effect: .allow, actions: listed,
                                         notAction: true, resources: [service.pattern(containers[0])])]
        case 1:
            // Allow the service, and Deny with NotAction on one container: there, only the listed actions survive.
            statements = [
                DrillStatement(sid: "AllowService", effect: .allow, actions: ["\(service.prefix):*"]),
                DrillStatement(sid: "Only\(DrillService.verb(listed[0]))On\(DrillService.sidWord(containers[0]))", effect: .deny,
                               actions: listed, notAction: true, resources: [service.pattern(containers[0])]),
            ]
        case 2:
            // Allow the service, and Deny the listed actions with NotResource: everywhere but the container listed.
            statements = [
                DrillStatement(sid: "AllowService", effect: .allow, actions: ["\(service.prefix):*"]),
                DrillStatement(sid: "\(DrillService.verb(listed[0]))OnlyIn\(DrillService.sidWord(containers[0]))", effect: .deny,
                               actions: listed, resources: [service.pattern(containers[0])], notResource: true),
            ]
        default:
            // Allow with NotResource: everything but the container listed.
            statements = [DrillStatement(sid: "AllowAllBut\(DrillService.sidWord(containers[1]))", effect: .allow,
                                         actions: random.sample(actions, 3).sortedLikeService(service),
                                         resources: [service.pattern(containers[1])], notResource: true)]
        }
        var policies = [DrillPolicy(kind: .identity, name: "\(person.name)Policy", statements: statements)]
        var situation = "\(person.name) is an IAM user in account \(DrillService.account) with one identity policy:"
        if level == .professional {
            let excluded = actions[random.below(4)]
            policies.append(DrillPolicy(kind: .boundary, name: "NoDestructive", statements: [
                DrillStatement(sid: "AllBut\(DrillService.verb(excluded))", effect: .allow, actions: [excluded], notAction: true),
            ]))
            situation = "\(person.name) is an IAM user in account \(DrillService.account) with an identity policy and "
                + "a permissions boundary:"
        }
        var candidates = cast.requests()
        // An action of another service: NotAction is not limited to the service of the actions it lists.
        candidates.append(DrillRequest(principal: person.name, callerARN: person.userARN, action: other.actions[item],
                                       resource: other.resource(other.containers[item], item)))
        return DrillDraft(
            situation: situation, policies: policies, candidates: candidates, ask: random.coin() ? .allowed : .denied,
            explanation: Self.notExplanation)
    }
}

extension DrillFamily {
    static let notExplanation = "NotAction matches every action except those listed, of every service; NotResource matches every "
        + "resource except those listed. In an Allow they allow far more than the list suggests; in a Deny "
        + "they deny everything else. Neither ever allows by itself what another policy denies."

    /// A Deny with `NotPrincipal` in the resource-based policy of a container, and the caller as an IAM user or
    /// in sessions of two roles (reference_policies_elements_notprincipal.html): only a caller the list names
    /// exactly is spared: a user with the account; a role session with the session's own ARN, its role and the
    /// account (listing the role alone does not spare its sessions). Beside it, an Allow naming the user,
    /// which within one account grants by itself. No permissions boundary: a Deny with `NotPrincipal` always
    /// applies to a principal that has one, so the professional level adds an SCP instead.
    static func notPrincipalDraft(_ level: Level, _ cast: DrillCast, _ random: inout SeededRandom) -> DrillDraft {
        let (service, person, actions, containers) = (cast.service, cast.person, cast.actions, cast.containers)
        let (spared, other) = random.pick([("admin", "dev"), ("ops", "analyst"), ("release", "support")])
        let account = DrillService.account
        let root = "arn:aws:iam::\(account):root", role = "arn:aws:iam::\(account):role/\(spared)"
        let session = person.sessionARN(role: spared)
        let (listed, sid): ([String], String) = switch random.below(3) {
        case 0: ([root, role], "DenyAllBut\(DrillService.sidWord(spared))Role")
        case 1: ([root, role, session], "DenyAllBut\(DrillService.sidWord(spared))Session")
        default: ([root, person.userARN], "DenyAllBut\(person.name)")
        }
        let granted = actions[3]
        let noun = ["s3": "bucket", "dynamodb": "table", "sqs": "queue"][service.prefix] ?? "resource"
        var policies = [
            DrillPolicy(kind: .identity, name: "\(person.name)Work", statements: [
                DrillStatement(sid: "AllowWork", effect: .allow, actions: Array(actions.prefix(3)).sortedLikeService(service)),
            ]),
            DrillPolicy(kind: .resource, name: "\(DrillService.sidWord(containers[0]))Policy", statements: [
                DrillStatement(sid: "Allow\(person.name)\(DrillService.verb(granted))", effect: .allow, actions: [granted],
                               resources: [service.pattern(containers[0])], principals: [DrillPrincipal("AWS", [person.userARN])]),
                DrillStatement(sid: sid, effect: .deny, actions: ["\(service.prefix):*"], resources: [service.pattern(containers[0])],
                               principals: [DrillPrincipal("AWS", listed)], notPrincipal: true),
            ]),
        ]
        var situation = "\(person.name) works in account \(account) as the IAM user \(person.name.lowercased()) and in sessions "
            + "named \(person.name.lowercased()) of the roles \(spared) and \(other). The user and both roles have the identity "
            + "policy below; the \(noun) \(containers[0]) has the resource-based policy below"
        if level == .professional {
            let excluded = actions[random.below(3)]
            policies.append(DrillPolicy(kind: .scp, name: "Guardrails", statements: [
                DrillStatement(sid: "FullAWSAccess", effect: .allow, actions: ["*"]),
                DrillStatement(sid: "Deny\(DrillService.verb(excluded))", effect: .deny, actions: [excluded]),
            ], attachment: "the account"))
            situation += "; the account's SCP is below too"
        }
        let callers = [("as the IAM user \(person.name.lowercased())", person.userARN),
                       ("in a session of the role \(spared)", session),
                       ("in a session of the role \(other)", person.sessionARN(role: other))]
        // Every action on the container with the policy, two on the other one: the options are mostly about the Deny.
        let targets = actions.map { ($0, cast.resources[0]) } + [actions[0], granted].map { ($0, cast.resources[1]) }
        let candidates = callers.flatMap { phrase, arn in
            targets.map { DrillRequest(principal: person.name, callerARN: arn, action: $0.0, resource: $0.1, contextPhrase: phrase) }
        }
        return DrillDraft(
            situation: situation + ":", policies: policies, candidates: candidates,
            ask: random.coin() ? .allowed : .denied,
            explanation: "A Deny with NotPrincipal applies to every caller it does not name exactly: to spare a role "
                + "session it must list the session's ARN (arn:aws:sts::...:assumed-role/ROLE/SESSION) as well as the role and "
                + "the account, and to spare an IAM user, the user and the account. Within one account, a resource-based "
                + "policy that names the user allows by itself.")
    }
}
