import IAMPolicy
import QuizBank
import QuizEngine

extension DrillFamily {
    /// SCP inheritance in an organization tree (root, an OU, a child OU, the account): an allow-list SCP that
    /// replaces FullAWSAccess at one level and a Deny at another. Every level must allow, so the allow-list
    /// limits everything below it, wherever it sits; the explanation names the level that does not allow or denies.
    static let scpInheritance = DrillFamily(
        name: "scp-inheritance", title: "SCP inheritance: every level of the organization tree must allow",
        levels: [.professional],
        topics: ["organizations", "scp"]
    ) { _, random in
        let cast = DrillCast(random: &random)
        let (service, person, actions, containers) = (cast.service, cast.person, cast.actions, cast.containers)
        let ou = random.pick(["Workloads", "Engineering", "Business"]), child = random.pick(["Prod", "Sandbox", "Analytics"])
        let levels = ["the root", "the \(ou) OU", "the \(child) OU", "the account"]
        let allowListLevel = 1 + random.below(3)
        let denyLevel = random.pick([0, 1, 2, 3].filter { $0 != allowListLevel })

        let identity = DrillPolicy(kind: .identity, name: "\(person.name)Work", statements: [
            DrillStatement(sid: "Allow\(DrillService.sidWord(containers[0]))", effect: .allow, actions: ["\(service.prefix):*"],
                           resources: [service.pattern(containers[0])]),
        ])
        let allowList = DrillPolicy(kind: .scp, name: "\(DrillService.sidWord(levelWord(levels[allowListLevel])))AllowList", statements: [
            DrillStatement(sid: "AllowListed", effect: .allow, actions: random.sample(actions, 2 + random.below(2)).sortedLikeService(service)),
        ], attachment: levels[allowListLevel])
        let denied = actions[random.below(4)]
        let deny = DrillPolicy(kind: .scp, name: "\(DrillService.sidWord(levelWord(levels[denyLevel])))Guardrails", statements: [
            DrillStatement(sid: "FullAWSAccess", effect: .allow, actions: ["*"]),
            DrillStatement(sid: "Deny\(DrillService.verb(denied))", effect: .deny, actions: [denied],
                           resources: random.coin() ? ["*"] : [service.pattern(containers[random.below(2)])]),
        ], attachment: levels[denyLevel])
        let scps = allowListLevel < denyLevel ? [allowList, deny] : [deny, allowList]
        var candidates = cast.requests()
        // A role session of the account: SCPs govern roles as they govern users.
        let role = "AppRole"
        candidates.append(DrillRequest(principal: "\(person.name) (role \(role))", callerARN: person.sessionARN(role: role),
                                       action: actions[random.below(4)], resource: cast.resources[0]))
        return DrillDraft(
            situation: "Account \(DrillService.account) sits in the organization tree Root → \(ou) OU → \(child) OU → "
                + "account. \(person.name) is an IAM user of the account who can also assume its role `\(role)`, which "
                + "has the same identity policy. Every level has the AWS managed SCP FullAWSAccess attached, except "
                + "\(levels[allowListLevel]), where an allow-list replaces it. The identity policy, then the other SCPs "
                + "from the root down, one statement a line:",
            policies: [identity] + scps, candidates: candidates, ask: random.coin() ? .allowed : .denied,
            explanation: "An SCP grants nothing; it sets the most an account's principals can do. Every level from the root "
                + "to the account must allow a request, so an allow-list at one OU limits every OU and account below it, "
                + "whatever FullAWSAccess allows at the other levels, and a Deny at any level wins.")
    }

    /// The word a level gives a policy name: "the Prod OU" gives "prod", "the account" gives "account".
    static func levelWord(_ level: String) -> String {
        level.replacingOccurrences(of: "the ", with: "").replacingOccurrences(of: " OU", with: "").lowercased()
    }
}
