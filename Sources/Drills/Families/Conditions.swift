import IAMPolicy
import QuizBank
import QuizEngine

/// A context a condition drill varies: how the options say it and the keys it puts in the request, or the
/// caller it makes the request (for keys AWS adds for the caller, such as `aws:PrincipalArn`).
struct DrillContext {
    var phrase: String
    var entries: [ContextEntry]
    var callerARN: String?

    init(phrase: String, entries: [ContextEntry] = [], callerARN: String? = nil) {
        self.phrase = phrase
        self.entries = entries
        self.callerARN = callerARN
    }

    /// A context that holds one key (`aws:TagKeys = env, owner`), or none when `values` is nil.
    init(_ phrase: String, _ key: String, _ values: [String]?, _ type: ContextKeyType) {
        self.init(phrase: phrase, entries: values.map { [ContextEntry(name: key, values: $0, type: type)] } ?? [])
    }
}

/// A condition of a conditions drill: where it goes (an Allow or a Deny on every action) and the contexts
/// that make it match or not.
struct ConditionCase {
    var condition: DrillCondition
    /// In the Allow statement (true) or in a Deny of every action (false).
    var inAllow: Bool
    var sid: String
    var contexts: [DrillContext]
    /// A second Allow statement for the second allowed action, with another operator on the same key and
    /// values (`StringEquals` beside `StringLike`, `ForAnyValue` beside `ForAllValues`): the trap is the
    /// difference between the two.
    var contrast: (sid: String, condition: DrillCondition)?
    /// The service to use instead of the drawn one, with the actions that carry the case's key (tagging
    /// actions for `aws:TagKeys`, which the usual read and write actions do not carry).
    var tagging: DrillService?
    /// The closing explanation's sentence on this operator.
    var lesson: String

    init(_ condition: DrillCondition, inAllow: Bool, sid: String, contexts: [DrillContext],
         contrast: (sid: String, condition: DrillCondition)? = nil, tagging: DrillService? = nil,
         lesson: String) {
        self.condition = condition
        self.inAllow = inAllow
        self.sid = sid
        self.contexts = contexts
        self.contrast = contrast
        self.tagging = tagging
        self.lesson = lesson
    }
}

extension DrillFamily {
    /// Condition operators: Bool on `aws:MultiFactorAuthPresent` (also with `...IfExists` and Null, where a
    /// missing key decides), IpAddress and NotIpAddress on `aws:SourceIp`, StringLike against StringEquals
    /// with a wildcard, ArnLike on `aws:PrincipalArn` (a role session's is its role's ARN), Date operators on
    /// `aws:CurrentTime` and `aws:TokenIssueTime`, Numeric operators on `aws:MultiFactorAuthAge`,
    /// `StringEqualsIfExists` on `aws:SourceVpc`, and `ForAllValues` against `ForAnyValue` on multivalued keys
    /// (`aws:TagKeys`, `aws:CalledVia`) and on a single-valued one, where a missing key decides.
    /// Professional only: the associate level has no conditions.
    static let conditions = DrillFamily(
        name: "conditions", title: "Condition operators: Bool, Null, IfExists, IP, String, ARN, Date, Numeric, ForAllValues, ForAnyValue",
        levels: [.professional],
        topics: ["conditions", "mfa", "policy-evaluation"]
    ) { _, random in
        var cast = DrillCast(random: &random, actionCount: 4)
        let chosen = ConditionCases.make(random.below(ConditionCases.count), cast, &random)
        if let tagging = chosen.tagging {
            cast.service = tagging
            cast.actions = random.sample(tagging.actions, 3)
            cast.containers = random.sample(tagging.containers, 2)
            cast.resources = cast.containers.map { [cast] in cast.service.resource($0, cast.item) }
        }
        let (service, person, actions, containers, resources) = (cast.service, cast.person, cast.actions, cast.containers, cast.resources)
        // Every action but one is allowed (so that a context where the condition holds gives enough allowed requests).
        let allowed = Array(actions.dropLast()).sortedLikeService(service)
        var statements: [DrillStatement]
        if let contrast = chosen.contrast {
            // Two Allows, each with its own operator: the case's on the allowed actions but the last, the contrast's on the last.
            statements = [
                DrillStatement(sid: chosen.sid, effect: .allow, actions: Array(allowed.dropLast()), resources: [service.pattern(containers[0])],
                               conditions: [chosen.condition]),
                DrillStatement(sid: contrast.sid, effect: .allow, actions: [allowed[allowed.count - 1]], resources: [service.pattern(containers[0])],
                               conditions: [contrast.condition]),
            ]
        } else {
            statements = [DrillStatement(sid: chosen.inAllow ? chosen.sid : "AllowWork", effect: .allow, actions: allowed,
                                         resources: [service.pattern(containers[0])],
                                         conditions: chosen.inAllow ? [chosen.condition] : [])]
        }
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
                ? "\(person.name) is an IAM user in account \(DrillService.account) with one identity policy:"
                : "\(person.name) can assume several roles of account \(DrillService.account), which all have this identity policy:",
            policies: [DrillPolicy(kind: .identity, name: "\(person.name)Conditions", statements: statements)],
            candidates: candidates, ask: random.coin() ? .allowed : .denied,
            explanation: "A statement applies only when all its conditions hold. A key missing from the request makes a "
                + "condition false, except with a negated operator, ...IfExists (true when the key is missing), Null (which "
                + "tests the absence itself) and ForAllValues (true when the key is missing or empty). " + chosen.lesson)
    }
}
