import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine

extension DrillFamily {
    /// Fix the policy: a user's policies, the requests of the team's scenario with their decisions, and one of
    /// them (denied now) that must become allowed. The options are one-statement edits; an edit is right exactly
    /// when, made alone, it allows that request and every other request keeps its decision. Near misses allow
    /// too much (a wildcard action or resource), nothing (the bucket's ARN for an object action, another action),
    /// or are stopped elsewhere (a Deny, a permissions boundary, an SCP, a condition that does not hold).
    /// Associate: an identity policy (with a Deny at times); professional: a boundary or an SCP too, and conditions.
    static let fixThePolicy = DrillFamily(
        name: "fix-the-policy", title: "Fix the policy: the one change that allows a request and nothing more",
        levels: [.associate, .professional],
        topics: ["permissions-policy", "policy-evaluation", "troubleshooting"]
    ) { family, level, random in
        FixThePolicy.attempt(family: family, level: level, random: &random)
    }
}

/// The builder of `fix-the-policy` drills: draws the policies and requests, proposes edits, keys each by
/// evaluating every request again with the edit made, and writes the question.
enum FixThePolicy {
    /// What an edit did to the requests: right, or the first way it misses.
    enum Verdict: Equatable {
        case right
        case notEnough
        case tooBroad(Int)
        case takesAway(Int)
    }

    /// The decisions of `requests` under `policies`; nil when a policy does not parse (a generator's bug).
    /// `parsed` holds the policies parsed already (by name): only the others are parsed, as an edit changes one.
    static func decisions(_ requests: [DrillRequest], _ policies: [DrillPolicy], parsed: [String: Policy] = [:]) -> [EvaluationResult]? {
        let ready = policies.compactMap { parsed[$0.name] ?? PolicyParser.parse($0.document, id: $0.name, kind: $0.kind).policy }
        guard ready.count == policies.count else { return nil }
        let set = DrillPolicies.policySet(parsed: ready, of: policies)
        let evaluator = Evaluator()
        return requests.map { evaluator.evaluate($0.authorizationRequest, policies: set) }
    }

    /// An edit's verdict: the target (index 0) must be allowed after, and every other request keep whether it
    /// is allowed (an explicit Deny that becomes an implicit one changes nothing the team can do).
    static func verdict(before: [Decision], after: [Decision]) -> Verdict {
        guard after[0] == .allowed else { return .notEnough }
        for i in before.indices.dropFirst() where (before[i] == .allowed) != (after[i] == .allowed) {
            return after[i] == .allowed ? .tooBroad(i) : .takesAway(i)
        }
        return .right
    }

    static func attempt(family: DrillFamily, level: Level, random: inout SeededRandom) -> GeneratedDrill? {
        let professional = level == .professional
        let cast = DrillCast(random: &random, actionCount: 3)
        let (service, person) = (cast.service, cast.person)
        let containers = cast.containers
        // Plain statement ids, the same in every drill: an id made of the drill's own words would be a rare word of the
        // stem that an option naming the statement repeats (the bank's W112).
        var allows = [DrillStatement(sid: "AllowMain", effect: .allow,
                                     actions: random.sample(cast.actions, 1 + random.below(2)).sortedLikeService(service),
                                     resources: [service.pattern(containers[0])])]
        if random.coin() {
            let action = random.pick(cast.actions)
            allows.append(DrillStatement(sid: "AllowOther", effect: .allow,
                                         actions: [action], resources: [service.pattern(containers[1])]))
        }
        var identity = DrillPolicy(kind: .identity, name: "\(person.name)App", statements: allows)
        if random.below(3) == 0 {
            let action = random.pick(cast.actions)
            identity.statements.append(DrillStatement(sid: "DenyOne", effect: .deny, actions: [action],
                                                      resources: [service.pattern(random.pick(containers))]))
        }
        var policies = [identity]
        if professional {
            if random.coin() {
                policies.append(DrillPolicy(kind: .boundary, name: "DevBoundary", statements: [
                    DrillStatement(sid: "Ceiling", effect: .allow, actions: random.sample(cast.actions, 2).sortedLikeService(service)),
                ]))
            } else {
                let action = random.pick(cast.actions)
                policies.append(DrillPolicy(kind: .scp, name: "Guardrails", statements: [
                    DrillStatement(sid: "FullAWSAccess", effect: .allow, actions: ["*"]),
                    DrillStatement(sid: "Guardrail", effect: .deny, actions: [action],
                                   resources: [service.pattern(random.pick(containers))]),
                ], attachment: "the account"))
            }
        }
        let all = cast.requests()
        guard let start = decisions(all, policies)?.map(\.decision) else { return nil }
        let denied = all.indices.filter { start[$0] != .allowed }
        guard !denied.isEmpty, denied.count < all.count else { return nil }
        let t = random.pick(denied)
        // The target action on a container no policy names, which must stay denied: an edit with a wildcard
        // resource would allow it, so "Resource": "*" is never the right fix.
        guard let spare = service.containers.first(where: { !containers.contains($0) }) else { return nil }
        let untouched = DrillRequest(principal: person.name, callerARN: person.userARN, action: all[t].action,
                                     resource: service.resource(spare, cast.item))
        guard let spareStart = decisions([untouched], policies)?.first?.decision, spareStart != .allowed else { return nil }
        // The target first, the others in their order, the untouched container last.
        let requests = [all[t]] + all.indices.filter { $0 != t }.map { all[$0] } + [untouched]
        let before = [start[t]] + all.indices.filter { $0 != t }.map { start[$0] } + [spareStart]
        var texts: Set<String> = []
        // The exact Allow, and at most 8 others drawn among the rest: enough for 4 to 6 options and their near misses.
        var edits = candidates(for: requests[0], policies: policies, cast: cast, professional: professional).filter { texts.insert($0.text).inserted }
        edits = [edits[0]] + random.sample(Array(edits.dropFirst()), min(8, edits.count - 1))
        var parsed: [String: Policy] = [:]
        for policy in policies { parsed[policy.name] = PolicyParser.parse(policy.document, id: policy.name, kind: policy.kind).policy }
        // Each edit is tried on the target first; the other requests are evaluated only when the target becomes allowed
        // (a verdict of "not enough" needs no more), and for the options chosen.
        let decided = edits.compactMap { edit -> DecidedCandidate? in
            let edited = edit.applied(to: policies)
            let others = parsed.filter { $0.key != edit.policy }
            guard let first = decisions([requests[0]], edited, parsed: others),
                  let results = first[0].decision == .allowed ? decisions(requests, edited, parsed: others) : first else { return nil }
            let after = results.map(\.decision)
            let verdict = verdict(before: before, after: after)
            return DecidedCandidate(text: edit.text, parts: edit.parts, right: verdict == .right,
                                    why: { why(verdict, requests, results[0], edited) },
                                    option: DrillOption(text: edit.text, outcome: Outcome(after[0]), edit: edit,
                                                        decisions: after.count == requests.count ? after : nil))
        }
        guard decided.count == edits.count, let chosen = DrillQuestion.choose(decided, random: &random) else { return nil }
        let options = chosen.map { candidate in
            var option = candidate.option
            if option.decisions == nil, let edit = option.edit {
                option.decisions = decisions(requests, edit.applied(to: policies), parsed: parsed.filter { $0.key != edit.policy })?.map(\.decision)
            }
            return option
        }
        let target = requests[0]
        let keep = zip(requests, before).dropFirst().map { request, decision in
            StemBlock.itemMark + "\(request.action) on \(request.resource): stays \(decision == .allowed ? "allowed" : "denied")"
        }
        var has = ["the identity policy `\(identity.name)`"]
        if let boundary = policies.first(where: { $0.kind == .boundary }) { has.append("the permissions boundary `\(boundary.name)`") }
        let scp = policies.contains { $0.kind == .scp } ? " The account is a member of an organization whose SCP `Guardrails` is shown too." : ""
        let question = DrillQuestion.make(
            family: family, level: level,
            situation: "\(person.name) is the IAM user `\(person.userARN)` with \(DrillWhy.listed(has)); \(person.name) "
                + "calls with access keys, without MFA.\(scp) The policies:",
            policies: policies,
            sentence: "\(person.name) must now be able to call \(target.action) on \(target.resource). The team must keep exactly "
                + "these permissions otherwise:\n\n" + keep.joined(separator: "\n") + "\n\nWhich of these one-statement changes, "
                + "made alone, let \(person.name) call \(target.action) on \(target.resource) and change nothing else on the list?",
            chosen: chosen,
            explanation: "An edit is right when the request becomes allowed and every other request keeps its decision. "
                + "A wildcard action or resource tends to allow more than asked; an object action needs the objects' ARN "
                + "(`bucket/*`), not the bucket's; and an Allow in the identity policy is not enough where a Deny matches "
                + "or a permissions boundary, an SCP or a condition does not allow the request.")
        return GeneratedDrill(family: family.name, question: question, policies: policies, ask: .fixes,
                              options: options, requests: requests)
    }

    /// The edits a drill may offer for the `target`: Allows added in a few widths, the identity policy's
    /// statements widened, Deny statements removed, the boundary widened, and at the professional level an
    /// Allow with a condition the request does not meet.
    static func candidates(for target: DrillRequest, policies: [DrillPolicy], cast: DrillCast, professional: Bool) -> [DrillEdit] {
        let service = cast.service
        let container = cast.containers[cast.resources.firstIndex(of: target.resource) ?? 0]
        let pattern = service.pattern(container)
        let sid = "Allow\(DrillService.verb(target.action))"
        let identity = policies[0]
        func add(_ actions: [String], _ resources: [String], _ conditions: [DrillCondition] = []) -> DrillEdit {
            DrillEdit(policy: identity, change: .add(DrillStatement(sid: sid, effect: .allow, actions: actions, resources: resources,
                                                                    conditions: conditions)))
        }
        // An ARN that names no resource of the list: the bucket itself (an object action needs `bucket/*`), a table or
        // queue of another Region.
        let elsewhere = service.prefix == "s3" ? "arn:aws:s3:::\(container)" : pattern.replacingOccurrences(of: "us-east-1", with: "us-west-2")
        let unused = service.actions.first { !cast.actions.contains($0) } ?? service.actions[0]
        var edits = [add([target.action], [target.resource]), add([target.action], [pattern]), add(["\(service.prefix):*"], [pattern]),
                     add([target.action], ["*"]), add([target.action], [elsewhere]), add([unused], [pattern])]
        for s in identity.statements where s.effect == .allow {
            if !s.actions.contains(target.action) {
                edits.append(DrillEdit(policy: identity, change: .actions(sid: s.sid, (s.actions + [target.action]).sortedLikeService(service))))
            }
            if !s.resources.contains(pattern) {
                edits.append(DrillEdit(policy: identity, change: .resources(sid: s.sid, s.resources + [pattern])))
            }
        }
        let otherPattern = service.pattern(cast.containers.first { $0 != container } ?? container)
        for policy in policies {
            // A Deny removed, moved to the other container, or widened to the whole service.
            for s in policy.statements where s.effect == .deny {
                edits.append(DrillEdit(policy: policy, change: .remove(sid: s.sid)))
                edits.append(DrillEdit(policy: policy, change: .resources(sid: s.sid, [s.resources == [otherPattern] ? pattern : otherPattern])))
                edits.append(DrillEdit(policy: policy, change: .actions(sid: s.sid, ["\(service.prefix):*"])))
            }
            if policy.kind == .boundary, let ceiling = policy.statements.first, !ceiling.actions.contains(target.action) {
                edits.append(DrillEdit(policy: policy, change: .actions(sid: ceiling.sid, (ceiling.actions + [target.action]).sortedLikeService(service))))
                edits.append(DrillEdit(policy: policy, change: .actions(sid: ceiling.sid, ["\(service.prefix):*"])))
            }
        }
        if professional {
            edits.append(add([target.action], [target.resource], [DrillCondition("Bool", "aws:MultiFactorAuthPresent", ["true"])]))
        }
        return edits
    }

    /// An option's explanation: what the edit changes, in one sentence.
    static func why(_ verdict: Verdict, _ requests: [DrillRequest], _ target: EvaluationResult, _ edited: [DrillPolicy]) -> String {
        let goal = "\(requests[0].action) on \(requests[0].resource)"
        switch verdict {
        case .right:
            return "exactly enough: \(goal) becomes allowed, and every other request keeps its decision"
        case .notEnough:
            return "not enough: \(goal) stays \(DrillWhy.sentence(target, requests[0], edited))"
        case .tooBroad(let i):
            return "too broad: it also allows \(requests[i].action) on \(requests[i].resource), which must stay denied"
        case .takesAway(let i):
            return "too much: it also takes away \(requests[i].action) on \(requests[i].resource), which must stay allowed"
        }
    }
}
