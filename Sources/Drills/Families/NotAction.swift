import IAMPolicy
import QuizBank
import QuizEngine

extension DrillFamily {
    /// `NotAction` and `NotResource` traps: an Allow with `NotAction` allows every other action (of every
    /// service), a Deny with `NotAction` denies every other action, and `NotResource` allows everything but the
    /// resources it lists. The professional level adds a permissions boundary written with `NotAction`.
    static let notAction = DrillFamily(
        name: "not-action", title: "NotAction and NotResource traps",
        levels: [.associate, .professional],
        topics: ["not-action", "not-resource", "policy-evaluation"]
    ) { level, random in
        let cast = DrillCast(random: &random)
        let (service, person, actions, containers, item) = (cast.service, cast.person, cast.actions, cast.containers, cast.item)
        let other = random.pick(DrillService.all.filter { $0.prefix != service.prefix })
        let listed = Array(actions.prefix(1 + random.below(2))).sortedLikeService(service)

        let statements: [DrillStatement]
        switch random.below(3) {
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
                + "a permissions boundary, one statement a line:"
        }
        var candidates = cast.requests()
        // An action of another service: NotAction is not limited to the service of the actions it lists.
        candidates.append(DrillRequest(principal: person.name, callerARN: person.userARN, action: other.actions[item],
                                       resource: other.resource(other.containers[item], item)))
        return DrillDraft(
            situation: situation, policies: policies, candidates: candidates, ask: random.coin() ? .allowed : .denied,
            explanation: "NotAction matches every action except those listed, of every service; NotResource matches every "
                + "resource except those listed. In an Allow they allow far more than the list suggests; in a Deny "
                + "they deny everything else. Neither ever allows by itself what another policy denies.")
    }
}
