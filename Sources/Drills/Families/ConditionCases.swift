import IAMPolicy
import QuizEngine

/// The cases of the conditions family: each a condition, where it goes, and the contexts that make it hold
/// or not, with the traps the AWS documentation warns of (reference_policies_elements_condition_operators.html,
/// reference_policies_condition-single-vs-multi-valued-context-keys.html).
enum ConditionCases {
    /// How many cases ``make(_:_:_:)`` knows.
    static let count = 19

    static let account = DrillService.account

    /// Tagging actions, which carry `aws:TagKeys` (the usual read and write actions do not).
    static let tagging: [DrillService] = [
        { var s = DrillService.dynamodb; s.actions = ["dynamodb:CreateTable", "dynamodb:TagResource", "dynamodb:UntagResource"]; return s }(),
        { var s = DrillService.sqs; s.actions = ["sqs:CreateQueue", "sqs:TagQueue", "sqs:UntagQueue"]; return s }(),
    ]

    /// The tag keys a request may carry, in words and as `aws:TagKeys` (none: the key is missing).
    static let tagKeys: [DrillContext] = [
        DrillContext("with tag keys env and owner", "aws:TagKeys", ["env", "owner"], .stringList),
        DrillContext("with the tag key env", "aws:TagKeys", ["env"], .stringList),
        DrillContext("with tag keys env and cost-center", "aws:TagKeys", ["env", "cost-center"], .stringList),
        DrillContext("with the tag key cost-center", "aws:TagKeys", ["cost-center"], .stringList),
        DrillContext("with no tags in the request", "aws:TagKeys", nil, .stringList),
    ]

    /// MFA as `aws:MultiFactorAuthPresent`; long-term access keys carry no MFA key at all.
    static let mfa = [
        DrillContext("signed in with MFA", "aws:MultiFactorAuthPresent", ["true"], .boolean),
        DrillContext("signed in without MFA", "aws:MultiFactorAuthPresent", ["false"], .boolean),
        DrillContext("with long-term access keys (no MFA key in the request)", "aws:MultiFactorAuthPresent", nil, .boolean),
    ]

    /// MFA by age in seconds (`aws:MultiFactorAuthAge`, with `aws:MultiFactorAuthPresent`), the boundary included.
    static let mfaAge = [600, 3600, 7200].map { age in
        DrillContext(phrase: "signed in with MFA \(age) seconds ago",
                     entries: [ContextEntry(name: "aws:MultiFactorAuthAge", values: ["\(age)"], type: .numeric),
                               ContextEntry(name: "aws:MultiFactorAuthPresent", values: ["true"], type: .boolean)])
    } + [DrillContext(phrase: "with long-term access keys (no MFA key in the request)")]

    static let setLesson = "ForAllValues holds when every value of the request's set matches one of the policy's; "
        + "ForAnyValue when at least one does, so never when the key is missing."

    /// Case `index` (0 to ``count`` - 1), drawing its values from `random`.
    static func make(_ index: Int, _ cast: DrillCast, _ random: inout SeededRandom) -> ConditionCase {
        let person = cast.person
        let team = random.pick(["data", "web", "ml"])
        let mfaLesson = "aws:MultiFactorAuthPresent is missing for long-term access keys."
        switch index {
        case 0:
            return ConditionCase(DrillCondition("Bool", "aws:MultiFactorAuthPresent", ["true"]), inAllow: true, sid: "AllowWithMFA",
                                 contexts: mfa, lesson: mfaLesson)
        case 1:
            return ConditionCase(DrillCondition("BoolIfExists", "aws:MultiFactorAuthPresent", ["false"]), inAllow: false,
                                 sid: "DenyWithoutMFA", contexts: mfa, lesson: mfaLesson)
        case 2:
            return ConditionCase(DrillCondition("Null", "aws:MultiFactorAuthPresent", ["true"]), inAllow: false, sid: "DenyNoMFAKey",
                                 contexts: mfa, lesson: mfaLesson)
        case 3, 4:
            let inside = "203.0.113.\(10 + random.below(200))", outside = "198.51.100.\(10 + random.below(200))"
            let ip = [DrillContext("from \(inside)", "aws:SourceIp", [inside], .ip),
                      DrillContext("from \(outside)", "aws:SourceIp", [outside], .ip)]
            return index == 3
                ? ConditionCase(DrillCondition("IpAddress", "aws:SourceIp", ["203.0.113.0/24"]), inAllow: true, sid: "AllowFromOffice",
                                contexts: ip, lesson: "IpAddress matches an address inside the CIDR range; NotIpAddress one outside it.")
                : ConditionCase(DrillCondition("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"]), inAllow: false,
                                sid: "DenyOutsideOffice", contexts: ip,
                                lesson: "IpAddress matches an address inside the CIDR range; NotIpAddress one outside it.")
        case 5, 6:
            let tags = ["\(team)-eng", "\(team)-ops", team, "finance-\(team)"].map {
                DrillContext("tagged team=\($0)", "aws:PrincipalTag/team", [$0], .string)
            }
            let like = DrillCondition("StringLike", "aws:PrincipalTag/team", ["\(team)-*"])
            let lesson = "Only StringLike (and ArnLike) read * and ? as wildcards; StringEquals compares them as plain characters."
            return index == 5
                ? ConditionCase(like, inAllow: true, sid: "AllowTeam", contexts: tags, lesson: lesson)
                : ConditionCase(like, inAllow: true, sid: "AllowTeamLike", contexts: tags,
                                contrast: ("AllowTeamEquals", DrillCondition("StringEquals", "aws:PrincipalTag/team", ["\(team)-*"])),
                                lesson: lesson)
        case 7:
            let roles = ["ci-deploy", "ci", "app-ci"].map {
                DrillContext(phrase: "in a session of the role \($0)", callerARN: person.sessionARN(role: $0))
            }
            return ConditionCase(DrillCondition("ArnLike", "aws:PrincipalArn", ["arn:aws:iam::\(account):role/ci-*"]), inAllow: true,
                                 sid: "AllowCIRoles", contexts: roles,
                                 lesson: "For a role session, aws:PrincipalArn is the ARN of the role, not of the session.")
        case 8:
            // DateGreaterThan is strict: the very second of the date given does not match.
            let times = ["2026-06-30T23:00:00Z", "2026-07-01T00:00:00Z", "2026-07-01T09:00:00Z", "2026-08-03T14:00:00Z"]
            return ConditionCase(DrillCondition("DateGreaterThan", "aws:CurrentTime", ["2026-07-01T00:00:00Z"]), inAllow: true,
                                 sid: "AllowFromJuly", contexts: times.map { DrillContext("at \($0)", "aws:CurrentTime", [$0], .date) },
                                 lesson: "DateGreaterThan and DateLessThan are strict: the instant written in the policy itself does not match.")
        case 9:
            // Revoking older sessions: credentials without aws:TokenIssueTime (long-term keys) are not concerned.
            let issued = ["2026-05-14T10:00:00Z", "2026-05-14T12:00:00Z", "2026-05-14T13:30:00Z"].map {
                DrillContext("with credentials issued at \($0)", "aws:TokenIssueTime", [$0], .date)
            } + [DrillContext("with long-term access keys (no aws:TokenIssueTime)", "aws:TokenIssueTime", nil, .date)]
            return ConditionCase(DrillCondition("DateLessThan", "aws:TokenIssueTime", ["2026-05-14T12:00:00Z"]), inAllow: false,
                                 sid: "RevokeOlderSessions", contexts: issued,
                                 lesson: "aws:TokenIssueTime is present only for temporary credentials, and DateLessThan is strict.")
        case 10:
            return ConditionCase(DrillCondition("NumericLessThan", "aws:MultiFactorAuthAge", ["3600"]), inAllow: true,
                                 sid: "AllowRecentMFA", contexts: mfaAge,
                                 lesson: "NumericLessThan is strict, and aws:MultiFactorAuthAge is missing without MFA.")
        case 11:
            return ConditionCase(DrillCondition("NumericGreaterThanEquals", "aws:MultiFactorAuthAge", ["3600"]), inAllow: false,
                                 sid: "DenyStaleMFA", contexts: mfaAge,
                                 lesson: "aws:MultiFactorAuthAge is missing without MFA, so this Deny does not apply to long-term "
                                    + "access keys; NumericGreaterThanEqualsIfExists would.")
        case 12:
            let vpcs = [DrillContext("through a VPC endpoint in vpc-0a1b2c3d", "aws:SourceVpc", ["vpc-0a1b2c3d"], .string),
                        DrillContext("through a VPC endpoint in vpc-9f8e7d6c", "aws:SourceVpc", ["vpc-9f8e7d6c"], .string),
                        DrillContext("over the internet (no aws:SourceVpc)", "aws:SourceVpc", nil, .string)]
            return ConditionCase(DrillCondition("StringEqualsIfExists", "aws:SourceVpc", ["vpc-0a1b2c3d"]), inAllow: true,
                                 sid: "AllowFromAppVpc", contexts: vpcs,
                                 lesson: "aws:SourceVpc is present only through a VPC endpoint, and ...IfExists holds when the key is missing.")
        case 13, 14, 15:
            let all = DrillCondition("ForAllValues:StringEquals", "aws:TagKeys", ["env", "owner"])
            let any = DrillCondition("ForAnyValue:StringEquals", "aws:TagKeys", ["env", "owner"])
            let contexts = random.sample(tagKeys, 4)
            return switch index {
            case 13: ConditionCase(all, inAllow: true, sid: "AllowKnownTagKeys", contexts: contexts, tagging: random.pick(tagging), lesson: setLesson)
            case 14: ConditionCase(any, inAllow: true, sid: "AllowAnyKnownTagKey", contexts: contexts, tagging: random.pick(tagging), lesson: setLesson)
            default: ConditionCase(all, inAllow: true, sid: "AllowOnlyKnownKeys", contexts: contexts,
                                   contrast: ("AllowSomeKnownKey", any), tagging: random.pick(tagging), lesson: setLesson)
            }
        case 16:
            return ConditionCase(DrillCondition("ForAnyValue:StringEquals", "aws:TagKeys", ["cost-center"]), inAllow: false,
                                 sid: "ProtectCostCenter", contexts: random.sample(tagKeys, 4), tagging: random.pick(tagging),
                                 lesson: setLesson)
        case 17:
            // A set operator on a single-valued key: a caller without the tag passes ForAllValues.
            let other = random.pick(["data", "web", "ml"].filter { $0 != team })
            let tags = [DrillContext("tagged team=\(team)", "aws:PrincipalTag/team", [team], .string),
                        DrillContext("tagged team=\(other)", "aws:PrincipalTag/team", [other], .string),
                        DrillContext("with no team tag", "aws:PrincipalTag/team", nil, .string)]
            return ConditionCase(DrillCondition("ForAllValues:StringEquals", "aws:PrincipalTag/team", [team]), inAllow: true,
                                 sid: "AllowTeam", contexts: tags,
                                 lesson: "aws:PrincipalTag/team is single-valued: AWS warns against set operators on such keys, "
                                    + "as ForAllValues then also holds for a caller without the tag.")
        default:
            let via = [DrillContext("through CloudFormation", "aws:CalledVia", ["cloudformation.amazonaws.com"], .stringList),
                       DrillContext("through Athena", "aws:CalledVia", ["athena.amazonaws.com"], .stringList),
                       DrillContext("directly (no aws:CalledVia)", "aws:CalledVia", nil, .stringList)]
            let all = random.coin()
            return ConditionCase(DrillCondition(all ? "ForAllValues:StringEquals" : "ForAnyValue:StringEquals", "aws:CalledVia",
                                                ["cloudformation.amazonaws.com"]), inAllow: true,
                                 sid: all ? "AllowOnlyViaCloudFormation" : "AllowViaCloudFormation", contexts: via,
                                 lesson: "aws:CalledVia is multivalued and missing for a direct call. " + setLesson)
        }
    }
}
