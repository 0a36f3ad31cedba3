import IAMPolicy
import QuizBank
import QuizEngine

/// A context a condition drill varies: how the options say it and the keys it puts in the request, or the
/// caller it makes the request (for keys AWS adds for the caller, such as `aws:PrincipalArn`).
private struct DrillContext {
    var phrase: String
    var entries: [ContextEntry]
    var callerARN: String?

    init(phrase: String, entries: [ContextEntry] = [], callerARN: String? = nil) {
        self.phrase = phrase
        self.entries = entries
        self.callerARN = callerARN
    }
}

/// A condition of a conditions drill: where it goes (an Allow or a Deny on every action) and the contexts
/// that make it match or not.
private struct ConditionCase {
    var condition: DrillCondition
    /// In the Allow statement (true) or in a Deny of every action (false).
    var inAllow: Bool
    var sid: String
    var contexts: [DrillContext]
}

extension DrillFamily {
    /// Condition operators: Bool on `aws:MultiFactorAuthPresent` (also with `...IfExists` and Null, where a
    /// missing key decides), IpAddress and NotIpAddress on `aws:SourceIp`, StringLike with wildcards on a
    /// principal tag, ArnLike on `aws:PrincipalArn` (a role session's is its role's ARN). Professional only:
    /// the associate level has no conditions.
    static let conditions = DrillFamily(
        name: "conditions", title: "Condition operators: Bool, Null, IfExists, IpAddress, StringLike, ArnLike",
        levels: [.professional],
        topics: ["conditions", "mfa", "policy-evaluation"]
    ) { _, random in
        let cast = DrillCast(random: &random, actionCount: 3)
        let (service, person, actions, containers, resources) = (cast.service, cast.person, cast.actions, cast.containers, cast.resources)

        let mfa = [
            DrillContext(phrase: "signed in with MFA", entries: [ContextEntry(name: "aws:MultiFactorAuthPresent", values: ["true"], type: .boolean)]),
            DrillContext(phrase: "signed in without MFA", entries: [ContextEntry(name: "aws:MultiFactorAuthPresent", values: ["false"], type: .boolean)]),
            DrillContext(phrase: "with long-term access keys (no MFA key in the request)"),
        ]
        let inside = "203.0.113.\(10 + random.below(200))", outside = "198.51.100.\(10 + random.below(200))"
        let ip = [
            DrillContext(phrase: "from \(inside)", entries: [ContextEntry(name: "aws:SourceIp", values: [inside], type: .ip)]),
            DrillContext(phrase: "from \(outside)", entries: [ContextEntry(name: "aws:SourceIp", values: [outside], type: .ip)]),
        ]
        let team = random.pick(["data", "web", "ml"])
        let tags = [
            DrillContext(phrase: "tagged team=\(team)-eng", entries: [ContextEntry(name: "aws:PrincipalTag/team", values: ["\(team)-eng"], type: .string)]),
            DrillContext(phrase: "tagged team=\(team)", entries: [ContextEntry(name: "aws:PrincipalTag/team", values: [team], type: .string)]),
            DrillContext(phrase: "tagged team=finance-\(team)", entries: [ContextEntry(name: "aws:PrincipalTag/team", values: ["finance-\(team)"], type: .string)]),
        ]
        let roles = ["ci-deploy", "ci", "app-ci"].map {
            DrillContext(phrase: "in a session of the role \($0)", callerARN: person.sessionARN(role: $0))
        }
        let cases = [
            ConditionCase(condition: DrillCondition("Bool", "aws:MultiFactorAuthPresent", ["true"]), inAllow: true, sid: "AllowWithMFA", contexts: mfa),
            ConditionCase(condition: DrillCondition("BoolIfExists", "aws:MultiFactorAuthPresent", ["false"]), inAllow: false, sid: "DenyWithoutMFA", contexts: mfa),
            ConditionCase(condition: DrillCondition("Null", "aws:MultiFactorAuthPresent", ["true"]), inAllow: false, sid: "DenyNoMFAKey", contexts: mfa),
            ConditionCase(condition: DrillCondition("IpAddress", "aws:SourceIp", ["203.0.113.0/24"]), inAllow: true, sid: "AllowFromOffice", contexts: ip),
            ConditionCase(condition: DrillCondition("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"]), inAllow: false, sid: "DenyOutsideOffice", contexts: ip),
            ConditionCase(condition: DrillCondition("StringLike", "aws:PrincipalTag/team", ["\(team)-*"]), inAllow: true, sid: "AllowTeam", contexts: tags),
            ConditionCase(condition: DrillCondition("ArnLike", "aws:PrincipalArn", ["arn:aws:iam::\(DrillService.account):role/ci-*"]),
                          inAllow: true, sid: "AllowCIRoles", contexts: roles),
        ]
        let chosen = random.pick(cases)
        let allowed = Array(actions.prefix(2)).sortedLikeService(service)
        var statements = [DrillStatement(sid: chosen.inAllow ? chosen.sid : "AllowWork", effect: .allow, actions: allowed,
                                         resources: [service.pattern(containers[0])],
                                         conditions: chosen.inAllow ? [chosen.condition] : [])]
        if !chosen.inAllow {
            statements.append(DrillStatement(sid: chosen.sid, effect: .deny, actions: ["*"], conditions: [chosen.condition]))
        }
        var candidates: [DrillRequest] = []
        for context in chosen.contexts {
            for action in actions {
                candidates.append(DrillRequest(principal: person.name, callerARN: context.callerARN ?? person.userARN, action: action,
                                               resource: resources[0], context: context.entries, contextPhrase: context.phrase))
            }
            candidates.append(DrillRequest(principal: person.name, callerARN: context.callerARN ?? person.userARN, action: allowed[0],
                                           resource: resources[1], context: context.entries, contextPhrase: context.phrase))
        }
        return DrillDraft(
            situation: chosen.contexts[0].callerARN == nil
                ? "\(person.name) is an IAM user in account \(DrillService.account) with one identity policy, one statement a line:"
                : "\(person.name) can assume several roles of account \(DrillService.account), which all have this identity policy, "
                    + "one statement a line:",
            policies: [DrillPolicy(kind: .identity, name: "\(person.name)Conditions", statements: statements)],
            candidates: candidates, ask: random.coin() ? .allowed : .denied,
            explanation: "A statement applies only when all its conditions hold. A key missing from the request makes a "
                + "condition false, except with ...IfExists (true when the key is missing) and Null (which tests the "
                + "absence itself). aws:MultiFactorAuthPresent is missing for long-term access keys.")
    }
}
