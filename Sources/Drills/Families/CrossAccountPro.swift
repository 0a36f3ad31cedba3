import IAMPolicy
import IAMWorld
import QuizEngine

/// The professional drafts of the `cross-account` family: KMS key policies, `aws:PrincipalOrgID`, and the role
/// path against the resource policy.
extension CrossAccountDrafts {
    /// The key of the KMS drafts (AWS's documentation example id).
    static let keyARN = "arn:aws:kms:us-east-1:\(data):key/1234abcd-12ab-34cd-56ef-1234567890ab"

    /// What a key policy holds besides, or instead of, the default statement that lets `data`'s IAM policies grant access.
    enum KeyPolicyShape: CaseIterable { case defaultOnly, account, user, devOnly }

    /// A KMS key of `data`: its key policy has AWS's default statement only, or adds the account `dev` or its
    /// user Alice, or names `dev` without the default statement. Alice and Bob of `dev` and Dana of `data` try
    /// three of Decrypt, Encrypt, GenerateDataKey and ScheduleKeyDeletion (which no other account can use, whatever
    /// the policies say).
    static func kmsKey(_ random: inout SeededRandom) -> WorldDraft {
        let actions = random.sample(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ScheduleKeyDeletion"], 3)
        let alice = Caller(name: "Alice", account: dev, alias: "dev"), bob = Caller(name: "Bob", account: dev, alias: "dev")
        let dana = Caller(name: "Dana", account: data, alias: "data")
        let callers = [alice, bob, dana]
        let identities: [DrillPolicy?] = callers.map { caller in
            if random.below(6) == 0 { return nil }
            let allowed = random.below(4) == 0 ? ["kms:*"] : random.sample(actions, 1 + random.below(2)).sorted()
            return identity(caller, allowed, on: random.below(3) == 0 ? "*" : keyARN, word: "Key")
        }
        let shape = random.pick(KeyPolicyShape.allCases)
        let granted = random.below(3) == 0 ? ["kms:*"] : random.sample(actions, 2).sorted()
        let rootStatement = DrillStatement(sid: "EnableIAMUserPermissions", effect: .allow, actions: ["kms:*"],
                                           principals: [DrillPrincipal("AWS", ["arn:aws:iam::\(data):root"])])
        let devStatement = DrillStatement(sid: "AllowDevAccount", effect: .allow, actions: granted,
                                          principals: [DrillPrincipal("AWS", ["arn:aws:iam::\(dev):root"])])
        let statements: [DrillStatement] = switch shape {
        case .defaultOnly: [rootStatement]
        case .account: [rootStatement, devStatement]
        case .user: [rootStatement, DrillStatement(sid: "AllowAlice", effect: .allow, actions: granted,
                                                   principals: [DrillPrincipal("AWS", [alice.arn])])]
        case .devOnly: [devStatement]
        }
        let keyPolicy = DrillPolicy(kind: .resource, name: "KeyPolicy", statements: statements)
        var world = accounts
        for (caller, policy) in zip(callers, identities) { world += userLines(caller, policy) }
        world += "resource \(keyARN)\n  policy: \(keyPolicy.document)\n"
        let candidates = callers.flatMap { caller in actions.map { request(caller, $0, keyARN) } }
        return WorldDraft(
            situation: "Account data (\(data)) owns the KMS key `\(keyARN)`; Alice and Bob are IAM users of account dev (\(dev)), "
                + "Dana an IAM user of account data. " + ownPolicies(callers, identities) + " The key policy follows them.",
            shown: identities.compactMap { $0 } + [keyPolicy], world: world, candidates: candidates,
            ask: random.coin() ? .allowed : .denied,
            explanation: "The key policy is the primary control of a KMS key: IAM policies count only where the key policy "
                + "names their account (AWS's default statement names the key's own account). Another account needs both: "
                + "the key policy names it or its principal, and the principal's IAM policy allows the action on the key; "
                + "and across accounts only the use of the key works (cryptographic operations, DescribeKey, grants), never "
                + "its administration such as ScheduleKeyDeletion.")
    }

    /// A bucket or queue of `data` that allows `"Principal": "*"` on the condition `aws:PrincipalOrgID`: Alice of
    /// `dev` (a member of the organization) still needs her identity policy, Pat of `partner` (outside it) never
    /// gets in, and Dana of `data` needs nothing more (within one account the resource policy is enough).
    static func organization(_ random: inout SeededRandom) -> WorldDraft {
        let target = Target.draw(&random)
        let alice = Caller(name: "Alice", account: dev, alias: "dev"), pat = Caller(name: "Pat", account: partner, alias: "partner")
        let dana = Caller(name: "Dana", account: data, alias: "data")
        let callers = [alice, pat, dana]
        let identities = identityPolicies(callers, target, &random)
        let orgID = "o-" + String(data.suffix(10))
        let granted = random.sample(target.actions, 1 + random.below(2)).sorted()
        let resourcePolicy = DrillPolicy(kind: .resource, name: target.service == "S3" ? "BucketPolicy" : "QueuePolicy", statements: [
            DrillStatement(sid: "AllowOrganization", effect: .allow, actions: granted, resources: [target.pattern],
                           conditions: [DrillCondition("StringEquals", "aws:PrincipalOrgID", [orgID])], principals: [.anyone]),
        ])
        var world = accounts + "account \(partner) partner\norganization \(data)\n  member \(dev)\n"
        for (caller, policy) in zip(callers, identities) { world += userLines(caller, policy) }
        world += "resource \(target.declared)\n  owner: data\n  policy: \(resourcePolicy.document)\n"
        let candidates = callers.flatMap { caller in target.actions.map { request(caller, $0, target.requested) } }
        return WorldDraft(
            situation: "The organization \(orgID) has the management account data (\(data)), which owns \(target.phrase), and the "
                + "member account dev (\(dev)); account partner (\(partner)) is outside it. Alice is an IAM user of dev, Pat "
                + "of partner, Dana of data. " + ownPolicies(callers, identities) + " The resource-based policy of \(target.phrase) follows them.",
            shown: identities.compactMap { $0 } + [resourcePolicy], world: world, candidates: candidates,
            ask: random.coin() ? .allowed : .denied,
            explanation: "`\"Principal\": \"*\"` with `aws:PrincipalOrgID` lets in the principals of the organization's accounts, "
                + "and no one else. It is still a resource-based policy: a principal of another account of the organization "
                + "also needs its own identity policy to allow the request, while a principal of the resource's own account "
                + "is allowed by the resource policy alone.")
    }

    /// The role path: `data` has a role `Reader` that trusts the account `dev` or its user Alice, with a policy on
    /// a bucket or queue that has no resource-based policy (or one that names `dev` for one action). Alice may
    /// assume the role; her requests in the role's session are of the resource's own account, where the role's
    /// identity policy is enough; her own requests need the resource policy too.
    static func rolePath(_ random: inout SeededRandom) -> WorldDraft {
        let target = Target.draw(&random)
        let alice = Caller(name: "Alice", account: dev, alias: "dev"), bob = Caller(name: "Bob", account: dev, alias: "dev")
        let roleARN = "arn:aws:iam::\(data):role/Reader"
        let trustsAccount = random.coin()
        let trust = DrillPolicy(kind: .trust, name: "Reader", statements: [
            DrillStatement(sid: trustsAccount ? "TrustDevAccount" : "TrustAlice", effect: .allow, actions: ["sts:AssumeRole"], resources: [],
                           principals: [DrillPrincipal("AWS", [trustsAccount ? "arn:aws:iam::\(dev):root" : alice.arn])]),
        ])
        let roleActions = random.sample(target.actions, 1 + random.below(2)).sorted()
        let rolePolicy = identity(Caller(name: "Reader", account: data, alias: "data"), roleActions, on: target.pattern, word: "Access")
        let own = random.sample(target.actions, 1 + random.below(2)).sorted()
        let alicePolicy = DrillPolicy(kind: .identity, name: "AliceAccess", statements: [
            DrillStatement(sid: "AssumeReader", effect: .allow, actions: ["sts:AssumeRole"], resources: [roleARN]),
            DrillStatement(sid: "Direct", effect: .allow, actions: own, resources: [target.pattern]),
        ])
        let bobPolicy = DrillPolicy(kind: .identity, name: "BobAccess", statements: [
            DrillStatement(sid: "AssumeAny", effect: .allow, actions: ["sts:AssumeRole"], resources: ["*"]),
        ])
        let resourcePolicy: DrillPolicy? = random.coin() ? nil : DrillPolicy(
            kind: .resource, name: target.service == "S3" ? "BucketPolicy" : "QueuePolicy", statements: [
                DrillStatement(sid: "AllowDevAccount", effect: .allow, actions: [random.pick(target.actions)], resources: [target.pattern],
                               principals: [DrillPrincipal("AWS", ["arn:aws:iam::\(dev):root"])]),
            ])
        var world = accounts + userLines(alice, alicePolicy) + userLines(bob, bobPolicy)
        world += "role data/Reader\n  trust: \(trust.document)\n  policy \(rolePolicy.name): \(rolePolicy.document)\n"
        world += "resource \(target.declared)\n  owner: data\n" + (resourcePolicy.map { "  policy: \($0.document)\n" } ?? "")
        var candidates = target.actions.map { request(alice, $0, target.requested) }
        candidates += target.actions.map { action in
            WorldCandidate(text: "\(alice.label), in a session of the role `Reader`, calls \(action) on \(target.requested)",
                           steps: ["as user dev/alice", "assume data/Reader", "can \(action) \(target.requested)"],
                           parts: ["Alice", "Reader", action], why: why)
        }
        for caller in [alice, bob] {
            candidates.append(WorldCandidate(text: "\(caller.label) assumes the role `Reader` of account data",
                                             steps: ["as user dev/\(caller.user)", "assume data/Reader"],
                                             parts: [caller.name, "Reader", "sts:AssumeRole"], why: why))
        }
        return WorldDraft(
            situation: "Account data (\(data)) owns \(target.phrase) and the role `Reader` (`\(roleARN)`), whose identity policy is "
                + "`\(rolePolicy.name)`; Alice and Bob are IAM users of account dev (\(dev)), with the identity policies `AliceAccess` "
                + "and `BobAccess`. " + (resourcePolicy == nil ? "\(target.phrase.capitalizedFirst) has no resource-based policy. " : "")
                + "The policies, with the role's trust policy:",
            shown: [alicePolicy, bobPolicy, trust, rolePolicy] + (resourcePolicy.map { [$0] } ?? []), world: world,
            candidates: candidates, ask: random.coin() ? .works : .fails,
            explanation: "Two ways across accounts: the resource's policy names the caller's account (and the caller's identity "
                + "policy allows the request), or the caller assumes a role of the resource's account, which needs the trust "
                + "policy and the caller's own permission to call sts:AssumeRole; in the role's session the request is of the "
                + "resource's own account, where the role's identity policy is enough.")
    }
}
