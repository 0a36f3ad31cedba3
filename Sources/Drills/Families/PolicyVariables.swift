import IAMPolicy
import QuizBank
import QuizEngine

extension DrillFamily {
    /// Policy variables and ABAC: home prefixes written with `${aws:username}` (associate), and at the
    /// professional level role sessions' prefixes written with `${aws:SourceIdentity}`, team folders written with
    /// `${aws:PrincipalTag/team}` or instances whose `aws:ResourceTag/team` must equal the caller's. The users' and the resources' tags are in the situation;
    /// a missing tag leaves the variable unresolved, so the statement does not apply.
    static let policyVariables = DrillFamily(
        name: "policy-variables", title: "Policy variables (${aws:username}, ${aws:PrincipalTag/team}, ${aws:SourceIdentity}) and ABAC with tags",
        levels: [.associate, .professional],
        topics: ["abac", "permissions-policy", "session-tracking"]
    ) { level, random in
        let people = random.sample(DrillPerson.all, 3)
        let bucket = random.pick(["team-bucket", "shared-docs", "eng-workspace"])
        let file = random.pick(["notes.txt", "plan.md", "data.csv"])
        let s3 = DrillService.s3.actions
        if level == .associate {
            let statements = homeStatements(bucket: bucket, variable: "aws:username", random: &random)
            var candidates: [DrillRequest] = []
            for person in people {
                let others = people.filter { $0.name != person.name }
                let paths = ["home/\(person.name.lowercased())/\(file)", "home/\(others[0].name.lowercased())/\(file)", "shared/\(file)"]
                for action in s3.prefix(3) {
                    for path in paths {
                        candidates.append(DrillRequest(principal: person.name, callerARN: person.userARN, action: action,
                                                       resource: "arn:aws:s3:::\(bucket)/\(path)"))
                    }
                }
            }
            return DrillDraft(
                situation: "\(listedNames(people)) are IAM users in account \(DrillService.account) (user names in lowercase: "
                    + "\(people.map { $0.name.lowercased() }.joined(separator: ", "))). Their group has this identity policy:",
                policies: [DrillPolicy(kind: .identity, name: "HomeFolders", statements: statements)],
                candidates: candidates, ask: random.coin() ? .allowed : .denied,
                explanation: "AWS replaces ${aws:username} with the caller's user name when it evaluates the request, so one "
                    + "statement gives every user their own prefix and no one else's.")
        }
        // Professional: a source identity (one draw in three), or ABAC with the team tag of the users (the third has
        // none) against a folder or a resource tag.
        if random.below(3) == 0 { return sourceIdentity(people, bucket: bucket, file: file, random: &random) }
        let teams = random.sample(["web", "data", "ml", "payments"], 2)
        let tagOf = [people[0].name: teams[0], people[1].name: teams[1]]
        func tags(_ person: DrillPerson) -> [ContextEntry] {
            tagOf[person.name].map { [ContextEntry(name: "aws:PrincipalTag/team", values: [$0], type: .string)] } ?? []
        }
        let userTags = "\(people[0].name) is tagged team=\(teams[0]), \(people[1].name) team=\(teams[1]), and "
            + "\(people[2].name) has no team tag."
        var candidates: [DrillRequest] = []
        let policy: DrillPolicy
        let situation: String
        if random.coin() {
            policy = DrillPolicy(kind: .identity, name: "TeamFolders", statements: [
                DrillStatement(sid: "AllowTeamFolder", effect: .allow,
                               actions: random.sample(Array(s3.prefix(3)), 2).sortedLikeService(.s3),
                               resources: ["arn:aws:s3:::\(bucket)/${aws:PrincipalTag/team}/*"]),
            ])
            for person in people {
                for action in s3.prefix(3) {
                    for folder in teams {
                        candidates.append(DrillRequest(principal: person.name, callerARN: person.userARN, action: action,
                                                       resource: "arn:aws:s3:::\(bucket)/\(folder)/\(file)", context: tags(person)))
                    }
                }
            }
            situation = "\(listedNames(people)) are IAM users in account \(DrillService.account). \(userTags) "
                + "Their group has this identity policy:"
        } else {
            let ec2 = ["ec2:StartInstances", "ec2:StopInstances", "ec2:RebootInstances"]
            let ids = random.sample(["i-0a4f3c21", "i-0b7d9e42", "i-0c2e8a13", "i-0d5b1f64"], 3)
            let instanceTags = [teams[0], teams[1], nil]
            var statements = [DrillStatement(sid: "AllowOwnTeamInstances", effect: .allow,
                                             actions: random.sample(ec2, 2).sorted(),
                                             resources: ["arn:aws:ec2:us-east-1:\(DrillService.account):instance/*"],
                                             conditions: [DrillCondition("StringEquals", "aws:ResourceTag/team", ["${aws:PrincipalTag/team}"])])]
            if random.coin() {
                statements.append(DrillStatement(sid: "AllowUntaggedStart", effect: .allow, actions: ["ec2:StartInstances"],
                                                 resources: ["arn:aws:ec2:us-east-1:\(DrillService.account):instance/*"],
                                                 conditions: [DrillCondition("Null", "aws:ResourceTag/team", ["true"])]))
            }
            policy = DrillPolicy(kind: .identity, name: "TeamInstances", statements: statements)
            for person in people {
                for action in ec2 {
                    for (id, tag) in zip(ids, instanceTags) {
                        var context = tags(person)
                        if let tag { context.append(ContextEntry(name: "aws:ResourceTag/team", values: [tag], type: .string)) }
                        candidates.append(DrillRequest(principal: person.name, callerARN: person.userARN, action: action,
                                                       resource: "arn:aws:ec2:us-east-1:\(DrillService.account):instance/\(id)",
                                                       context: context))
                    }
                }
            }
            situation = "\(listedNames(people)) are IAM users in account \(DrillService.account). \(userTags) Instance "
                + "\(ids[0]) is tagged team=\(teams[0]), \(ids[1]) team=\(teams[1]), and \(ids[2]) has no tags. Their group "
                + "has this identity policy:"
        }
        return DrillDraft(
            situation: situation, policies: [policy], candidates: candidates, ask: random.coin() ? .allowed : .denied,
            explanation: "AWS replaces ${aws:PrincipalTag/team} with the caller's tag when it evaluates the request. A "
                + "caller without the tag leaves the variable unresolved: in a Resource the statement does not apply, and "
                + "in a condition the comparison fails. A missing resource tag makes StringEquals false too.")
    }

    /// "Alice, Bob and Carol".
    static func listedNames(_ people: [DrillPerson]) -> String {
        DrillWhy.listed(people.map(\.name))
    }
}
