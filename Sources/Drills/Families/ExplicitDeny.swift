import IAMPolicy
import QuizBank
import QuizEngine

extension DrillFamily {
    /// Explicit deny versus implicit deny: "which requests does an explicit Deny stop?" or "which are denied only
    /// because nothing allows them?", with a Deny in the identity policy (associate) and in an SCP under a
    /// permissions boundary (professional).
    static let explicitDeny = DrillFamily(
        name: "explicit-deny", title: "Explicit deny versus implicit deny, and which policy type denies",
        levels: [.associate, .professional],
        topics: ["policy-evaluation", "explicit-deny", "implicit-deny"]
    ) { level, random in
        let cast = DrillCast(random: &random)
        let (service, person, actions, containers) = (cast.service, cast.person, cast.actions, cast.containers)
        let protected = containers[random.below(2)]

        let allowed = Array(actions.prefix(2 + random.below(2))).sortedLikeService(service)
        let deniedHere = random.sample(allowed, 1 + random.below(2)).sortedLikeService(service)
        var policies = [DrillPolicy(kind: .identity, name: "\(person.name)Access", statements: [
            DrillStatement(sid: "AllowWork", effect: .allow, actions: allowed),
            DrillStatement(sid: "Protect\(DrillService.sidWord(protected))", effect: .deny, actions: deniedHere,
                           resources: [service.pattern(protected)]),
        ])]
        var situation = "\(person.name) is an IAM user in account \(DrillService.account) with one identity policy."
        if level == .professional {
            let scpDenied = actions[random.below(4)]
            policies.append(DrillPolicy(kind: .boundary, name: "TeamBoundary", statements: [
                DrillStatement(sid: "BoundaryActions", effect: .allow,
                               actions: random.sample(actions, 3).sortedLikeService(service)),
            ]))
            policies.append(DrillPolicy(kind: .scp, name: "Guardrails", statements: [
                DrillStatement(sid: "FullAWSAccess", effect: .allow, actions: ["*"]),
                DrillStatement(sid: "Deny\(DrillService.verb(scpDenied))", effect: .deny, actions: [scpDenied]),
            ]))
            situation = "\(person.name) is an IAM user in account \(DrillService.account). The user has an identity "
                + "policy and a permissions boundary; one SCP applies to the account (the root allows everything)."
        }
        situation += " The policies:"
        return DrillDraft(
            situation: situation, policies: policies, candidates: cast.requests(),
            ask: random.coin() ? .explicitDeny : .implicitDeny,
            explanation: "An explicit deny comes from a Deny statement that applies to the request, in any policy type; it "
                + "overrides every Allow. An implicit deny is the default when no applicable statement allows the request, "
                + "or when a boundary, an SCP or a session policy does not allow it.")
    }
}
