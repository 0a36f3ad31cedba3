import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine

extension DrillFamily {
    /// Cross-account access, decided in a world of two or three accounts: a request on a resource of another
    /// account needs both sides (the resource's policy names the caller or its account, and the caller's own
    /// identity policy allows it), where within one account either side is enough. Associate: a bucket or queue
    /// policy that names the other account, a user of it, or nobody. Professional: KMS key policies (IAM policies
    /// alone never give access to a key; across accounts only the key's use works), `aws:PrincipalOrgID`
    /// conditions, and the role path (assume a role in the resource's account) against the resource policy.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
    /// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
    static let crossAccount = DrillFamily(
        name: "cross-account", title: "Cross-account access: both sides must allow; resource policies, roles and key policies",
        levels: [.associate, .professional],
        topics: ["cross-account", "cross-account-resources", "kms"]
    ) { level, random in
        if level == .associate { return CrossAccountDrafts.twoSides(&random, professional: false) }
        switch random.below(4) {
        case 0: return CrossAccountDrafts.twoSides(&random, professional: true)
        case 1: return CrossAccountDrafts.kmsKey(&random)
        case 2: return CrossAccountDrafts.organization(&random)
        default: return CrossAccountDrafts.rolePath(&random)
        }
    }
}

/// The drafts of the `cross-account` family, and the world they share: the resource's account `data`, the
/// callers' account `dev`, and for `aws:PrincipalOrgID` a `partner` account outside the organization.
enum CrossAccountDrafts {
    static let data = "111122223333", dev = "444455556666", partner = "777788889999"
    static let accounts = "account \(data) data\naccount \(dev) dev\n"

    /// A caller of the drills: a user of `data`, `dev` or `partner`.
    struct Caller {
        var name: String
        var account: String
        var alias: String
        var user: String { name.lowercased() }
        var arn: String { "arn:aws:iam::\(account):user/\(user)" }
        /// "Alice (account dev)".
        var label: String { "\(name) (account \(alias))" }
    }

    /// Who may sit on the resource's side of a policy: the callers' account, one user of it, or nobody.
    enum Grantee: CaseIterable { case account, user, none }

    /// The resource of a draft: an S3 object of a bucket in `data`, or an SQS queue of `data`, with three
    /// actions and the ARN a policy names.
    struct Target {
        var service: String
        var actions: [String]
        /// The ARN declared in the world (the bucket, the queue).
        var declared: String
        /// The ARN requests name (the object, the queue).
        var requested: String
        /// The ARN statements name (the bucket's objects, the queue).
        var pattern: String
        /// "the bucket `reports`", "the queue `orders-queue`".
        var phrase: String

        static func draw(_ random: inout SeededRandom) -> Target {
            if random.coin() {
                let bucket = random.pick(DrillService.s3.containers)
                return Target(service: "S3", actions: random.sample(["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectTagging"], 3),
                              declared: "arn:aws:s3:::\(bucket)", requested: DrillService.s3.resource(bucket, random.below(3)),
                              pattern: "arn:aws:s3:::\(bucket)/*", phrase: "the bucket `\(bucket)`")
            }
            let queue = random.pick(DrillService.sqs.containers)
            let arn = "arn:aws:sqs:us-east-1:\(data):\(queue)"
            return Target(service: "SQS", actions: random.sample(DrillService.sqs.actions, 3), declared: arn, requested: arn,
                          pattern: arn, phrase: "the queue `\(queue)`")
        }
    }

    /// The world's lines of a user and its identity policy (none when `policy` is nil).
    static func userLines(_ caller: Caller, _ policy: DrillPolicy?) -> String {
        "user \(caller.alias)/\(caller.user)\n" + (policy.map { "  policy \($0.name): \($0.document)\n" } ?? "")
    }

    /// An identity policy that allows `actions` on `resource`, named after its user.
    static func identity(_ caller: Caller, _ actions: [String], on resource: String, word: String) -> DrillPolicy {
        DrillPolicy(kind: .identity, name: "\(caller.name)\(word)", statements: [
            DrillStatement(sid: "Allow\(word)", effect: .allow, actions: actions, resources: [resource]),
        ])
    }

    /// A `can` candidate: the caller acts as itself and asks for `action` on `resource`.
    static func request(_ caller: Caller, _ action: String, _ resource: String) -> WorldCandidate {
        WorldCandidate(text: "\(caller.label) calls \(action) on \(resource)",
                       steps: ["as user \(caller.alias)/\(caller.user)", "can \(action) \(resource)"],
                       parts: [caller.name, action, resource], why: why)
    }

    /// An option's explanation: what came of it, and the sandbox's reason (the evaluator's last one, which
    /// names the side that is missing).
    @Sendable static func why(_ result: CommandResult) -> String {
        let reason = result.error?.message ?? result.evaluation?.reasons.last ?? ""
        switch result.outcome {
        case .allowed: return "allowed: \(reason)"
        case .ok: return "succeeds: \(reason)"
        case .explicitDeny: return "denied explicitly: \(reason)"
        case .implicitDeny: return "denied (implicitly): \(reason)"
        case .error(let code): return "fails with \(code): \(reason)"
        case .info: return reason
        }
    }

    /// The identity policies of the callers: a random subset of the actions each (at least one), on the
    /// resource's pattern or on every resource; a caller with `nil` has none.
    static func identityPolicies(_ callers: [Caller], _ target: Target, _ random: inout SeededRandom) -> [DrillPolicy?] {
        callers.map { caller in
            if random.below(6) == 0 { return nil }
            let actions = random.sample(target.actions, 1 + random.below(2)).sorted()
            return identity(caller, actions, on: random.below(4) == 0 ? "*" : target.pattern, word: target.service == "S3" ? "Objects" : "Queue")
        }
    }

    /// The two sides: a bucket or queue in `data` whose policy names the account `dev`, its user Alice, or no
    /// one; Alice and Bob of `dev` and Dana of `data` with their identity policies. At the professional level
    /// the resource policy may also hold a Deny for one user of `dev`.
    static func twoSides(_ random: inout SeededRandom, professional: Bool) -> WorldDraft {
        let target = Target.draw(&random)
        let alice = Caller(name: "Alice", account: dev, alias: "dev"), bob = Caller(name: "Bob", account: dev, alias: "dev")
        let dana = Caller(name: "Dana", account: data, alias: "data")
        let callers = [alice, bob, dana]
        let identities = identityPolicies(callers, target, &random)
        let grantee = random.pick(Grantee.allCases)
        var statements: [DrillStatement] = []
        let granted = random.sample(target.actions, 1 + random.below(2)).sorted()
        switch grantee {
        case .account:
            statements.append(DrillStatement(sid: "AllowDevAccount", effect: .allow, actions: granted, resources: [target.pattern],
                                             principals: [DrillPrincipal("AWS", ["arn:aws:iam::\(dev):root"])]))
        case .user:
            statements.append(DrillStatement(sid: "AllowAlice", effect: .allow, actions: granted, resources: [target.pattern],
                                             principals: [DrillPrincipal("AWS", [alice.arn])]))
        case .none:
            break
        }
        if professional, grantee != .none, random.coin() {
            statements.append(DrillStatement(sid: "DenyBobWrites", effect: .deny, actions: [target.actions[random.below(3)]],
                                             resources: [target.pattern], principals: [DrillPrincipal("AWS", [bob.arn])]))
        }
        let resourcePolicy = statements.isEmpty ? nil
            : DrillPolicy(kind: .resource, name: target.service == "S3" ? "BucketPolicy" : "QueuePolicy", statements: statements)
        var world = accounts
        for (caller, policy) in zip(callers, identities) { world += userLines(caller, policy) }
        world += "resource \(target.declared)\n  owner: data\n" + (resourcePolicy.map { "  policy: \($0.document)\n" } ?? "")
        let candidates = callers.flatMap { caller in target.actions.map { request(caller, $0, target.requested) } }
        let ask: DrillAsk = random.coin() ? .allowed : .denied
        return WorldDraft(
            situation: "Account data (\(data)) owns \(target.phrase); Alice and Bob are IAM users of account dev "
                + "(\(dev)), Dana an IAM user of account data. " + ownPolicies(callers, identities)
                + (resourcePolicy == nil ? " \(target.phrase.capitalizedFirst) has no resource-based policy." : " The resource-based policy of \(target.phrase) follows them."),
            shown: identities.compactMap { $0 } + (resourcePolicy.map { [$0] } ?? []), world: world, candidates: candidates, ask: ask,
            explanation: "Within one account, either the identity policy or the resource-based policy may allow a request. Across "
                + "accounts both must: the resource's policy must name the caller or its account, and the caller's own "
                + "identity policy must allow the action on the resource. Naming the account delegates to its IAM policies; "
                + "naming a user still needs that user's identity policy.")
    }

    /// "Alice has the identity policy `AliceObjects`, Bob has none, ..." for the situation.
    static func ownPolicies(_ callers: [Caller], _ policies: [DrillPolicy?]) -> String {
        let parts = zip(callers, policies).map { caller, policy in
            policy.map { "\(caller.name) has the identity policy `\($0.name)`" } ?? "\(caller.name) has no identity policy"
        }
        return DrillWhy.listed(parts) + "."
    }
}

extension String {
    /// The text with its first letter in upper case ("the bucket" gives "The bucket").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
