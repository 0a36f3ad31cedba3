import IAMPolicy
import QuizBank
import QuizEngine

extension DrillFamily {
    /// "Which of these requests are allowed?" under an identity policy and what limits it: a permissions
    /// boundary or an SCP (associate); at the professional level four or five policy types (see
    /// ``professional(_:identity:boundary:scp:random:)``).
    static let evaluationLogic = DrillFamily(
        name: "evaluation-logic", title: "Policy evaluation logic: identity policy, boundary, SCPs, session policy, resource-based policy",
        levels: [.associate, .professional],
        topics: ["policy-evaluation", "permissions-boundary", "scp", "session-policy", "resource-policy"]
    ) { level, random in
        let cast = DrillCast(random: &random)
        let (service, person, actions, containers) = (cast.service, cast.person, cast.actions, cast.containers)

        var identity = [DrillStatement(sid: "Allow\(DrillService.sidWord(containers[0]))", effect: .allow,
                                       actions: random.sample(Array(actions.prefix(3)), 2 + random.below(2)).sortedLikeService(service),
                                       resources: [service.pattern(containers[0])])]
        if random.coin() {
            identity.append(DrillStatement(sid: "Allow\(DrillService.verb(actions[3]))Everywhere", effect: .allow, actions: [actions[3]]))
        }
        var policies = [DrillPolicy(kind: .identity, name: "\(person.name)App", statements: identity)]
        let boundary = DrillPolicy(kind: .boundary, name: "DevBoundary", statements: [
            DrillStatement(sid: "BoundaryActions", effect: .allow,
                           actions: random.sample(actions, 2 + random.below(2)).sortedLikeService(service)),
        ])
        let scp: DrillPolicy
        if random.coin() {
            let denied = actions[random.below(4)]
            scp = DrillPolicy(kind: .scp, name: "WorkloadGuardrails", statements: [
                DrillStatement(sid: "FullAWSAccess", effect: .allow, actions: ["*"]),
                DrillStatement(sid: "Deny\(DrillService.verb(denied))", effect: .deny, actions: [denied]),
            ])
        } else {
            scp = DrillPolicy(kind: .scp, name: "AllowListedActions", statements: [
                DrillStatement(sid: "AllowListed", effect: .allow,
                               actions: random.sample(actions, 3).sortedLikeService(service)),
            ])
        }
        var callerARN = person.userARN
        var situation = "\(person.name) is an IAM user in account \(DrillService.account)."
        if level == .associate {
            if random.coin() {
                policies.append(boundary)
                situation += " The user has an identity policy and a permissions boundary."
            } else {
                policies.append(scp)
                situation += " The account is in an organization; one SCP applies to it (and only it: the root allows everything)."
            }
        } else {
            (policies, callerARN, situation) = professional(cast, identity: policies[0], boundary: boundary, scp: scp, random: &random)
        }
        situation += " The policies:"
        return DrillDraft(
            situation: situation, policies: policies, candidates: cast.requests(callerARN: callerARN), ask: .allowed,
            explanation: "A Deny anywhere wins, and every SCP level from the root down must allow. Then, within one "
                + "account, a resource-based policy that names the IAM user or the role session itself grants by itself; "
                + "one that names the role's ARN grants without the identity policy, but only within the permissions "
                + "boundary and the session policy. Otherwise an identity policy must allow, and the boundary and the "
                + "session policy too. Each option's explanation is the evaluator's decision for that request.")
    }
}

extension [String] {
    /// The actions in the order the service lists them, so that a statement reads the same whatever the draw.
    func sortedLikeService(_ service: DrillService) -> [String] {
        service.actions.filter { contains($0) }
    }
}
