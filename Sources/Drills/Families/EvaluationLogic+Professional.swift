import IAMPolicy
import QuizEngine

extension DrillFamily {
    /// The professional draft of `evaluation-logic`: the identity policy and the boundary, one SCP or SCPs at two
    /// levels (a Deny at the root, an allow-list on an OU), and one of three callers:
    /// - a role session with a session policy (four types);
    /// - the same session, with a resource-based policy on one container that names the role's ARN or the
    ///   session's ARN (five types);
    /// - the IAM user, with a resource-based policy that names the user's ARN (four types).
    ///
    /// Within one account a resource-based policy that names the user or the session grants by itself, whatever
    /// the identity policy, the boundary or the session policy say; one that names the role's ARN grants without the
    /// identity policy but stays within the boundary and the session policy (reference_policies_evaluation-logic_
    /// policy-eval-denyallow.html, "Resource-based policies"). SCPs limit both.
    static func professional(_ cast: DrillCast, identity: DrillPolicy, boundary: DrillPolicy, scp: DrillPolicy,
                             random: inout SeededRandom) -> (policies: [DrillPolicy], callerARN: String, situation: String) {
        let (service, person, actions, containers) = (cast.service, cast.person, cast.actions, cast.containers)
        let role = "DataRole"
        var scps = [scp]
        var organization = "one SCP applies to the account (the root allows everything)"
        if random.coin() {
            let ou = random.pick(["Workloads", "Engineering", "Analytics"])
            let denied = actions[random.below(4)]
            scps = [
                DrillPolicy(kind: .scp, name: "RootGuardrails", statements: [
                    DrillStatement(sid: "FullAWSAccess", effect: .allow, actions: ["*"]),
                    DrillStatement(sid: "Deny\(DrillService.verb(denied))", effect: .deny, actions: [denied]),
                ], attachment: "the root"),
                DrillPolicy(kind: .scp, name: "\(ou)AllowList", statements: [
                    DrillStatement(sid: "AllowListed", effect: .allow, actions: random.sample(actions, 3).sortedLikeService(service)),
                ], attachment: "the \(ou) OU"),
            ]
            organization = "the account sits in the \(ou) OU, with SCPs at two levels (the root and the OU; "
                + "the account's own level allows everything)"
        }
        let session = DrillPolicy(kind: .session, name: "SessionScope", statements: [
            DrillStatement(sid: "SessionActions", effect: .allow, actions: random.sample(actions, 3).sortedLikeService(service),
                           resources: random.coin() ? ["*"] : [service.pattern(containers[0])]),
        ])
        let caller = random.below(3)
        // The caller: 0, a role session (no resource-based policy); 1, a role session named by a resource-based
        // policy (role or session ARN); 2, the IAM user named by one.
        let roleARN = "arn:aws:iam::\(DrillService.account):role/\(role)"
        let callerARN = caller == 2 ? person.userARN : person.sessionARN(role: role)
        var policies = [identity, boundary] + scps
        var who: String
        if caller == 2 {
            who = "\(person.name) is an IAM user of account \(DrillService.account) with an identity policy and a "
                + "permissions boundary; \(organization)."
        } else {
            policies.append(session)
            who = "\(person.name) works in a session of the role `\(role)` of account \(DrillService.account), started "
                + "with a session policy (session ARN \(callerARN)). The role has an identity policy and a permissions "
                + "boundary; \(organization)."
        }
        if caller > 0 {
            let target = random.below(2)
            let named = caller == 2 ? callerARN : random.pick([roleARN, callerARN])
            let word = named == roleARN ? "Role" : caller == 2 ? "User" : "Session"
            policies.append(DrillPolicy(kind: .resource, name: "\(DrillService.sidWord(containers[target]))Policy", statements: [
                DrillStatement(sid: "Allow\(word)", effect: .allow, actions: random.sample(actions, 2).sortedLikeService(service),
                               resources: [service.pattern(containers[target])], principals: [DrillPrincipal("AWS", [named])]),
            ]))
            who += " `\(containers[target])` has a resource-based policy of the same account."
        }
        return (policies, callerARN, who)
    }
}
