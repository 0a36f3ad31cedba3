import IAMPolicy
import QuizBank
import QuizEngine

extension DrillFamily {
    /// SCP inheritance in an organization tree (root, an OU, a child OU, the account): an allow-list SCP that
    /// replaces FullAWSAccess at one level and a Deny at another. Every level must allow, so the allow-list
    /// limits everything below it, wherever it sits; the explanation names the level that does not allow or denies.
    /// Half the drills add RCPs at one level (``resourceControl(_:role:attachment:random:)``).
    static let scpInheritance = DrillFamily(
        name: "scp-inheritance", title: "SCP and RCP inheritance: every level of the organization tree must allow",
        levels: [.professional],
        topics: ["organizations", "scp", "data-perimeter"]
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
        let sessionName = "\(person.name) (role \(role))"
        var policies = [identity] + scps
        var rcpNote = ""
        if random.coin() {
            let rcpLevel = random.below(4)
            policies += resourceControl(cast, role: role, attachment: levels[rcpLevel], random: &random)
            candidates += actions.map { DrillRequest(principal: sessionName, callerARN: person.sessionARN(role: role), action: $0,
                                                     resource: cast.resources[0]) }
            rcpNote = " RCPs are enabled too, and every resource named here belongs to the account: AWS attaches RCPFullAWSAccess at every level and it cannot be detached; "
                + "\(levels[rcpLevel]) also has a customer RCP. The RCPs come last."
        } else {
            candidates.append(DrillRequest(principal: sessionName, callerARN: person.sessionARN(role: role),
                                           action: actions[random.below(4)], resource: cast.resources[0]))
        }
        return DrillDraft(
            situation: "Account \(DrillService.account) sits in the organization tree Root → \(ou) OU → \(child) OU → "
                + "account. \(person.name) is an IAM user of the account who can also assume its role `\(role)`, which "
                + "has the same identity policy. Every level has the AWS managed SCP FullAWSAccess attached, except "
                + "\(levels[allowListLevel]), where an allow-list replaces it.\(rcpNote) The identity policy, then the other "
                + "SCPs from the root down:",
            policies: policies, candidates: candidates, ask: random.coin() ? .allowed : .denied,
            explanation: "An SCP grants nothing; it sets the most an account's principals can do. Every level from the root "
                + "to the account must allow a request, so an allow-list at one OU limits every OU and account below it, "
                + "whatever FullAWSAccess allows at the other levels, and a Deny at any level wins."
                + (rcpNote.isEmpty ? "" : " An RCP grants nothing either: it sets the most anyone (any principal but a "
                    + "service-linked role) can do with the resources of the accounts below it, in the services that "
                    + "support RCPs (S3, STS, SQS, KMS, Secrets Manager, DynamoDB...). A customer RCP can only Deny; "
                    + "RCPFullAWSAccess allows the rest."))
    }

    /// The RCPs at one level: RCPFullAWSAccess (which AWS attaches at every level when RCPs are enabled) and a
    /// customer RCP that denies two of the actions on the first container, to everyone or to everyone but the
    /// role `role` (a condition on aws:PrincipalArn, which is the role's ARN for its sessions). RCPs apply to the
    /// resources of the accounts below, whoever calls (service-linked roles aside), and a customer RCP cannot Allow
    /// (orgs_manage_policies_rcps.html, orgs_manage_policies_rcps_syntax.html).
    static func resourceControl(_ cast: DrillCast, role: String, attachment: String, random: inout SeededRandom) -> [DrillPolicy] {
        let guarded = random.sample(cast.actions, 2).sortedLikeService(cast.service)
        let exceptRole = random.coin()
        let verbs = guarded.map(DrillService.verb).joined()
        let deny = DrillStatement(
            sid: "Deny\(verbs)" + (exceptRole ? "Except\(role)" : ""), effect: .deny, actions: guarded,
            resources: [random.coin() ? "*" : cast.service.pattern(cast.containers[0])],
            conditions: exceptRole ? [DrillCondition("ArnNotLike", "aws:PrincipalArn", ["arn:aws:iam::\(DrillService.account):role/\(role)"])] : [],
            principals: [.anyone])
        return [
            DrillPolicy(kind: .rcp, name: "RCPFullAWSAccess", statements: [
                DrillStatement(sid: "RCPFullAWSAccess", effect: .allow, actions: ["*"], principals: [.anyone]),
            ], attachment: attachment),
            DrillPolicy(kind: .rcp, name: "\(DrillService.sidWord(levelWord(attachment)))DataPerimeter", statements: [deny],
                        attachment: attachment),
        ]
    }

    /// The word a level gives a policy name: "the Prod OU" gives "prod", "the account" gives "account".
    static func levelWord(_ level: String) -> String {
        level.replacingOccurrences(of: "the ", with: "").replacingOccurrences(of: " OU", with: "").lowercased()
    }
}
