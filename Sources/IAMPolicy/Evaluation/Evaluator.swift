/// A request to authorise: who, what, on which resource, in which context.
///
/// The fields live in one shared object, so that handing a request around costs one reference count
/// rather than one per field (evaluations are counted in nanoseconds).
public struct AuthorizationRequest: Sendable {
    private final class Storage: Sendable {
        let caller: Caller
        let action: String
        let loweredAction: String
        /// The service prefix of the lowered action (`s3` for `s3:GetObject`), for the policies' action indexes.
        let service: String
        let resource: String
        let resourceAccount: String?
        let context: RequestContext

        init(caller: Caller, action: String, resource: String, resourceAccount: String?, context: RequestContext) {
            self.caller = caller
            self.action = action
            let loweredAction = action.lowercased()
            self.loweredAction = loweredAction
            service = loweredAction.firstIndex(of: ":").map { String(loweredAction[..<$0]) } ?? loweredAction
            self.resource = resource
            self.resourceAccount = resourceAccount
            var context = context
            AuthorizationRequest.addPrincipalKeys(to: &context, caller: caller, resourceAccount: resourceAccount)
            self.context = context
        }
    }

    private let storage: Storage

    public var caller: Caller { storage.caller }
    public var action: String { storage.action }
    public var resource: String { storage.resource }
    /// The account that owns the resource; nil means the caller's account.
    public var resourceAccount: String? { storage.resourceAccount }
    /// The context keys of the request, with the global keys of the caller added.
    public var context: RequestContext { storage.context }
    /// The value of one context key (without copying the context, as `context[key]` does).
    func contextValue(_ key: ContextKey) -> ContextValue? { storage.context[key] }
    /// The action in lowercase, computed once (actions match ignoring case).
    var loweredAction: String { storage.loweredAction }
    var service: String { storage.service }

    public init(caller: Caller, action: String, resource: String = "*", resourceAccount: String? = nil,
                context: RequestContext = RequestContext()) {
        storage = Storage(caller: caller, action: action, resource: resource, resourceAccount: resourceAccount,
                          context: context)
    }

    /// Global keys that AWS always puts in the request context for the caller, unless given.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
    static func addPrincipalKeys(to context: inout RequestContext, caller: Caller, resourceAccount: String?) {
        if let done = context.principalKeysFor, done.caller == caller.identifier, done.owner == resourceAccount { return }
        func add(_ key: String, _ value: ContextValue) {
            if context[key] == nil { context[key] = value }
        }
        switch caller.kind {
        case .user, .root, .assumedRole, .federatedUser:
            add("aws:PrincipalArn", .string(caller.kind == .assumedRole ? (caller.roleARN ?? caller.identifier) : caller.identifier))
            if let account = caller.account { add("aws:PrincipalAccount", .string(account)) }
            add("aws:PrincipalIsAWSService", .bool(false))
            if let name = caller.userName { add("aws:username", .string(name)) }
        case .service:
            add("aws:PrincipalIsAWSService", .bool(true))
            add("aws:PrincipalServiceName", .string(caller.identifier))
        case .federatedProvider, .anonymous:
            break
        }
        if let owner = resourceAccount ?? caller.account { add("aws:ResourceAccount", .string(owner)) }
        context.principalKeysFor = (caller.identifier, resourceAccount)
    }
}

/// The policies that apply to a request, by kind.
public struct PolicySet: Sendable {
    /// Identity-based policies of the caller (user, its groups, or the role).
    public var identity: [Policy]
    /// The caller's permissions boundary; empty when it has none.
    public var boundary: [Policy]
    /// Session policies passed when the session was created; empty when none.
    public var session: [Policy]
    /// Service control policies of the caller's account, one array per level of the organization
    /// (root, each OU, the account); empty when the account is not governed by SCPs.
    public var scps: [[Policy]]
    /// Resource control policies of the resource's account, one array per level; empty when none.
    public var rcps: [[Policy]]
    /// The resource-based policy of the resource (for `sts:AssumeRole*` on a role: its trust policy; for a
    /// KMS key: its key policy).
    public var resource: Policy?
    /// The policy of the VPC endpoint the request goes through; empty when it goes through none.
    public var endpoint: [Policy]

    public init(identity: [Policy] = [], boundary: [Policy] = [], session: [Policy] = [], scps: [[Policy]] = [],
                rcps: [[Policy]] = [], resource: Policy? = nil, endpoint: [Policy] = []) {
        self.identity = identity
        self.boundary = boundary
        self.session = session
        self.scps = scps
        self.rcps = rcps
        self.resource = resource
        self.endpoint = endpoint
    }
}

/// Evaluates requests the way AWS documents its policy evaluation logic.
///
/// The order (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html):
/// 1. An applicable Deny in any policy (SCP, RCP, resource-based, identity-based, boundary, session)
///    is an explicit deny.
/// 2. Resource control policies: every level of the resource's organization must allow.
/// 3. Service control policies: every level of the caller's organization must allow (service-linked
///    roles are exempt). A VPC endpoint policy, when the request goes through an endpoint, must allow too.
/// 4. Resource-based policy: within one account, an Allow can grant access by itself, depending on how
///    it names the caller (user ARN or session ARN: by itself; role ARN: the boundary and session
///    policies still apply; the account: the identity-based policies must allow). Across accounts, both
///    the resource-based policy and the caller's identity-based policies must allow. A role's trust
///    policy must always allow `sts:AssumeRole*`, even within one account.
/// 5. Identity-based policies must allow, and the permissions boundary and session policies, when
///    present, must allow too (intersections). For a KMS key, the key policy must also allow (by naming
///    the account, which lets IAM policies grant access, or the caller).
///
/// Before all of these: `sts:GetCallerIdentity` is always allowed, and changes to what AWS protects (roles
/// under `/aws-reserved/`, AWS managed policies) are always denied.
public struct Evaluator: Sendable {
    public init() {}

    static let assumeRoleActions: Set<String> = ["sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity"]

    /// Whether a lowercased action is one of `assumeRoleActions` (without hashing, on every request).
    @inline(__always)
    static func isAssumeRole(_ lowered: String) -> Bool {
        // By length first (14, 22 or 29 bytes): nearly every action is none of the three.
        switch lowered.utf8.count {
        case 14: lowered == "sts:assumerole"
        case 22: lowered == "sts:assumerolewithsaml"
        case 29: lowered == "sts:assumerolewithwebidentity"
        default: false
        }
    }

    public func evaluate(_ request: AuthorizationRequest, policies: PolicySet, explain: Bool = false) -> EvaluationResult {
        var run = Run(request: request, explain: explain)
        return run.evaluate(policies)
    }
}

/// The state of one evaluation (its statements are matched in StatementMatching.swift).
struct Run {
    let request: AuthorizationRequest
    let explain: Bool
    var trace: [StatementTrace] = []
    var missing: [String] = []
    var reasons: [String] = []

    /// Whether the caller has a permissions boundary (a `NotPrincipal` Deny then always applies).
    var callerHasBoundary = false

    /// The action in lowercase.
    var action: String { request.loweredAction }
    var caller: Caller { request.caller }
    var resource: String { request.resource }

    init(request: AuthorizationRequest, explain: Bool) {
        self.request = request
        self.explain = explain
    }

    mutating func evaluate(_ policies: PolicySet) -> EvaluationResult {
        if let fixed = fixedDecision() { return fixed }
        let owner = request.resourceAccount ?? caller.account
        let crossAccount = owner != nil && caller.account != nil && owner != caller.account
        let hasIdentity = caller.kind == .user || caller.kind == .assumedRole || caller.kind == .federatedUser || caller.kind == .root
        let isAssumeRole = policies.resource?.kind == .trust && Evaluator.isAssumeRole(action)

        callerHasBoundary = !policies.boundary.isEmpty
        // SCPs govern the IAM users, roles and root user of member accounts; service-linked roles,
        // services and identity providers are outside them (orgs_manage_policies_scps.html). RCPs govern the
        // resources of the services that support them, whoever asks (root users and service principals
        // included), except for service-linked roles and kms:RetireGrant (orgs_manage_policies_rcps.html).
        let scpsApply = hasIdentity && !caller.isServiceLinkedRole
        let rcpsApply = !policies.rcps.isEmpty && !caller.isServiceLinkedRole && Self.rcpsCover(request)
        if !policies.rcps.isEmpty, !rcpsApply, explain {
            reasons.append(caller.isServiceLinkedRole ? "resource control policies do not apply to service-linked roles"
                : "resource control policies do not apply to `\(request.action)`: its service does not support them")
        }

        let identity = evaluateGroup(policies.identity)
        let boundary = evaluateGroup(policies.boundary)
        let session = evaluateGroup(policies.session)
        // S3 keeps bucket owners from locking themselves out: the root user of the account that owns a bucket
        // may get, put and delete its bucket policy even when that policy denies it; only VPC endpoint policies
        // and Organizations policies can stop it. Any other identity must belong to the owner's account (S3
        // answers others 405 Method Not Allowed, whatever the bucket policy allows).
        // https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html
        let bucketPolicyAction = Self.isBucketPolicyAction(action)
        if bucketPolicyAction, crossAccount {
            if explain { reasons.append("`\(request.action)` can be called only by identities of the account that owns the bucket; S3 refuses others whatever the bucket policy says") }
            return result(.implicitDeny, [], KindDecisions())
        }
        let ownerRootOnOwnPolicy = bucketPolicyAction && caller.kind == .root
        let resource = ownerRootOnOwnPolicy ? GroupOutcome() : evaluateGroup(policies.resource)
        if ownerRootOnOwnPolicy, policies.resource != nil, explain {
            reasons.append("the bucket policy does not apply: the root user of the bucket's own account may always get, put and delete the bucket policy (only VPC endpoint policies and Organizations policies can stop it)")
        }
        let endpoint = evaluateGroup(policies.endpoint)
        let scpLevels = scpsApply ? policies.scps.map { evaluateGroup($0) } : []
        let rcpLevels = rcpsApply ? policies.rcps.map { evaluateGroup($0) } : []
        if !scpsApply, !policies.scps.isEmpty {
            if explain { reasons.append("service control policies do not apply to \(caller.isServiceLinkedRole ? "service-linked roles" : Self.describe(caller))") }
        }

        var perKind = KindDecisions()
        if !policies.identity.isEmpty { perKind[.identity] = identity.decision }
        if !policies.boundary.isEmpty { perKind[.boundary] = boundary.decision }
        if !policies.session.isEmpty { perKind[.session] = session.decision }
        if let policy = policies.resource { perKind[policy.kind] = resource.decision }
        if !scpLevels.isEmpty { perKind[.scp] = Self.allLevels(scpLevels) }
        if !rcpLevels.isEmpty { perKind[.rcp] = Self.allLevels(rcpLevels) }
        if !policies.endpoint.isEmpty { perKind[.endpoint] = endpoint.decision }

        // 1. Explicit deny anywhere.
        let anyDeny = !identity.denies.isEmpty || !boundary.denies.isEmpty || !session.denies.isEmpty
            || !resource.denies.isEmpty || !endpoint.denies.isEmpty
            || scpLevels.contains { !$0.denies.isEmpty } || rcpLevels.contains { !$0.denies.isEmpty }
        if anyDeny {
            let denies = identity.denies + boundary.denies + session.denies + resource.denies + endpoint.denies
                + scpLevels.flatMap(\.denies) + rcpLevels.flatMap(\.denies)
            if explain { reasons.append("an applicable Deny statement wins over every Allow (\(Self.describe(denies)))") }
            return result(.explicitDeny, denies, perKind)
        }

        // 2. Resource control policies: every level must allow (they do not restrict service principals).
        if !rcpLevels.isEmpty {
            if let level = rcpLevels.firstIndex(where: { $0.allows.isEmpty }) {
                if explain { reasons.append("resource control policies: level \(level + 1) of the organization has no Allow for `\(request.action)`") }
                return result(.implicitDeny, [], perKind)
            }
        }

        // 3. Service control policies: every level must allow.
        if let level = scpLevels.firstIndex(where: { $0.allows.isEmpty }) {
            if explain { reasons.append("service control policies: level \(level + 1) of the organization has no Allow for `\(request.action)`") }
            return result(.implicitDeny, [], perKind)
        }

        // The VPC endpoint's policy, like an SCP, grants nothing but must allow a request that goes through
        // it (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
        if !policies.endpoint.isEmpty, endpoint.allows.isEmpty {
            if explain { reasons.append("the request goes through a VPC endpoint whose policy does not allow `\(request.action)` on `\(request.resource)` for \(Self.describe(caller))") }
            return result(.implicitDeny, [], perKind)
        }

        // A KMS key's policy is the primary control: IAM policies work only where it lets them
        // (https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html).
        let isKMSKey = isKMSKeyRequest
        // Across accounts only a key's use works: "If you give a user in a different account permission for other
        // operations, those permissions have no effect" (kms:ScheduleKeyDeletion, kms:PutKeyPolicy...).
        // https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
        if isKMSKey, crossAccount, !Self.crossAccountKMSActions.contains(action) {
            if explain { reasons.append("`\(request.action)` cannot be used on a KMS key of another account: across accounts only cryptographic operations, DescribeKey, GetPublicKey, GetKeyRotationStatus and the grant operations take effect") }
            return result(.implicitDeny, [], perKind)
        }
        let keyPolicy = isKMSKey ? policies.resource : nil
        if isKMSKey, policies.resource == nil, explain {
            reasons.append("no key policy was given for the KMS key: AWS's default key policy is assumed, which lets the IAM policies of the key's account grant access (and no other account)")
        }

        // The caller's own side: identity policies, limited by the boundary and session policies.
        let boundaryOK = policies.boundary.isEmpty || boundary.decision == .allowed
        // A federated user session (GetFederationToken) gets nothing without a session policy; a role
        // session without one keeps the role's permissions (policy-eval-denyallow.html).
        let sessionOK = policies.session.isEmpty ? caller.kind != .federatedUser : session.decision == .allowed
        let identityAllows = caller.kind == .root ? true : identity.decision == .allowed
        let identitySide = hasIdentity && identityAllows && boundaryOK && sessionOK
        let identityStatements = caller.kind == .root ? [] : identity.allows

        // 4. Role trust policies: the trust policy must allow, always; the root user cannot assume roles.
        if Evaluator.isAssumeRole(action) {
            if caller.kind == .root {
                if explain { reasons.append("the root user cannot assume a role; only IAM users, roles, services and federated identities can") }
                return result(.implicitDeny, [], perKind)
            }
            if !isAssumeRole {
                if explain { reasons.append("assuming a role needs the role's trust policy to allow it, and no trust policy was given (pass it as the resource policy)") }
                return result(.implicitDeny, [], perKind)
            }
        }
        if isAssumeRole {
            guard resource.decision == .allowed else {
                if explain { reasons.append("the role's trust policy does not allow \(Self.describe(caller)) to call `\(request.action)`") }
                return result(.implicitDeny, [], perKind)
            }
            let matches = resource.principalMatches
            if matches.contains(.service) || matches.contains(.federated) {
                if explain { reasons.append("the trust policy allows the \(caller.kind == .service ? "service" : "identity provider") `\(caller.identifier)`") }
                return result(.allowed, resource.allows, perKind)
            }
            let direct = !crossAccount && (matches.contains(.user) || matches.contains(.session) || matches.contains(.role))
            if direct && boundaryOK && sessionOK {
                if explain { reasons.append("the trust policy names the caller itself, in the same account: no identity-based permission is needed") }
                return result(.allowed, resource.allows, perKind)
            }
            if identitySide {
                if explain { reasons.append(crossAccount
                    ? "cross-account role assumption: the trust policy allows the caller and the caller's own policies allow `\(request.action)`"
                    : "the trust policy delegates to the account, and the caller's own policies allow `\(request.action)`") }
                return result(.allowed, resource.allows + identityStatements, perKind)
            }
            if explain { reasons.append(crossAccount
                ? "cross-account role assumption needs both sides: the trust policy allows, but the caller's own policies do not allow `\(request.action)`\(Self.limits(boundaryOK, sessionOK))"
                : "the trust policy trusts the account, so the caller's own policies must also allow `\(request.action)`, and they do not\(Self.limits(boundaryOK, sessionOK))") }
            return result(.implicitDeny, [], perKind)
        }

        // 4. Resource-based policies.
        if resource.decision == .allowed {
            let matches = resource.principalMatches
            if crossAccount {
                if identitySide {
                    if explain { reasons.append("cross-account request: both the resource-based policy and the caller's own policies allow it") }
                    return result(.allowed, resource.allows + identityStatements, perKind)
                }
                if explain { reasons.append("cross-account request: the resource-based policy allows it, but the caller's own policies do not\(Self.limits(boundaryOK, sessionOK))") }
                return result(.implicitDeny, [], perKind)
            }
            if matches.contains(.user) || matches.contains(.session) || matches.contains(.service) || matches.contains(.federated) {
                if explain { reasons.append("the \(Self.resourcePolicyName(keyPolicy)) in the same account names the caller directly, which is enough by itself") }
                return result(.allowed, resource.allows, perKind)
            }
            // A wildcard principal (with or without a condition on aws:PrincipalArn) is not limited by the
            // boundary or session policies; only an explicit deny stops it (reference_policies_elements_principal.html#principal-roles).
            if matches.contains(.everyone) {
                if explain { reasons.append(hasIdentity && (!boundaryOK || !sessionOK)
                    ? "the \(Self.resourcePolicyName(keyPolicy)) in the same account allows `*` (every principal): permissions boundaries and session policies do not limit what a wildcard principal grants"
                    : "the \(Self.resourcePolicyName(keyPolicy)) in the same account allows `*` (every principal), this caller included") }
                return result(.allowed, resource.allows, perKind)
            }
            if matches.contains(.role) && hasIdentity {
                if boundaryOK && sessionOK {
                    if explain { reasons.append("the \(Self.resourcePolicyName(keyPolicy)) in the same account allows the caller's role; the permissions boundary and session policies, where present, allow it too") }
                    return result(.allowed, resource.allows, perKind)
                }
                if explain { reasons.append("the \(Self.resourcePolicyName(keyPolicy)) allows the caller's role `\(caller.roleARN ?? caller.identifier)`, which a permissions boundary and session policies still limit, and \(boundaryOK ? "a session policy" : "the permissions boundary") does not allow it") }
            }
        }

        // 5. Identity-based policies, within the boundary and session policies.
        if crossAccount {
            if explain { reasons.append("cross-account request: the resource's account has no \(Self.resourcePolicyName(keyPolicy)) that allows the caller") }
            return result(.implicitDeny, [], perKind)
        }
        if keyPolicy != nil, resource.decision != .allowed {
            if explain { reasons.append("the key policy does not allow \(Self.describe(caller)) to call `\(request.action)`, nor the account `\(caller.account ?? "")` (whose IAM policies it would then let grant access): IAM policies alone never give access to a KMS key") }
            return result(.implicitDeny, [], perKind)
        }
        if identitySide {
            if explain { reasons.append(caller.kind == .root
                ? "the account's root user has full access to its own account"
                : "the caller's identity-based policies allow it\(policies.boundary.isEmpty ? "" : ", within the permissions boundary")\(policies.session.isEmpty ? "" : " and the session policies")") }
            return result(.allowed, identityStatements, perKind)
        }
        if !hasIdentity {
            if explain { reasons.append("\(Self.describe(caller)) has no identity-based policies, and no resource-based policy allows it") }
        } else if !identityAllows {
            if explain { reasons.append("no identity-based policy allows `\(request.action)` on `\(request.resource)`") }
        } else {
            if explain { reasons.append("an identity-based policy allows it, but\(Self.limits(boundaryOK, sessionOK, lead: ""))") }
        }
        return result(.implicitDeny, [], perKind)
    }

    /// Whether the request is a KMS operation on a key (or an alias that stands for one).
    var isKMSKeyRequest: Bool {
        guard Self.starts(action, with: "kms:"), let arn = ARN(resource) else { return false }
        return arn.service == "kms" && (arn.resource.hasPrefix("key/") || arn.resource.hasPrefix("alias/"))
    }

    /// Whether `text` starts with `prefix`, compared as bytes: `String.hasPrefix` compares Unicode-aware
    /// and would cost more than the rest of a small evaluation on every request.
    @inline(__always)
    static func starts(_ text: String, with prefix: StaticString) -> Bool {
        contains(text, prefix, at: 0)
    }

    /// Whether the bytes of `part` stand in `text` at byte `offset` (`nil` offset: anywhere).
    static func contains(_ text: String, _ part: StaticString, at offset: Int?) -> Bool {
        let count = part.utf8CodeUnitCount
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.count >= count else { return false }
            let starts = offset.map { $0...$0 } ?? 0...(bytes.count - count)
            guard starts.upperBound <= bytes.count - count else { return false }
            search: for start in starts {
                for i in 0..<count where bytes[start + i] != part.utf8Start[i] { continue search }
                return true
            }
            return false
        }
        return found ?? (offset == 0 ? text.hasPrefix(part.description) : text.contains(part.description))
    }

    static func resourcePolicyName(_ keyPolicy: Policy?) -> String {
        keyPolicy == nil ? "resource-based policy" : "key policy"
    }

    /// Decisions no policy can change: `sts:GetCallerIdentity` is always allowed, and IAM changes to roles
    /// under `/aws-reserved/` (IAM Identity Center's) and to AWS managed policies are always denied.
    mutating func fixedDecision() -> EvaluationResult? {
        if action.utf8.count == 21, Self.starts(action, with: "sts:getcalleridentity") {
            // "No permissions are required to perform this operation": even an explicit Deny does not stop it
            // (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
            if explain { reasons.append("`sts:GetCallerIdentity` needs no permission: AWS allows it whatever the policies say, an explicit Deny included") }
            return result(.allowed, [], KindDecisions())
        }
        // Most requests stop at the first test; the resource is read closely only when it names what AWS protects.
        guard Self.starts(action, with: "iam:"),
              Self.contains(resource, "aws-reserved/", at: nil) || Self.contains(resource, ":aws:policy/", at: nil) else { return nil }
        let verb = action.dropFirst(4)
        guard Self.changingVerbs.contains(where: { verb.hasPrefix($0) }), let protected = Self.protectedIAMResource(resource) else { return nil }
        if explain { reasons.append("\(protected) cannot be changed through IAM by anyone in the account, so `\(request.action)` on it is denied whatever the policies allow") }
        return result(.implicitDeny, [], KindDecisions())
    }

    /// The KMS actions that take effect on a key of another account (in lowercase): the cryptographic
    /// operations, DescribeKey, GetPublicKey, GetKeyRotationStatus and the grant operations.
    /// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
    static let crossAccountKMSActions: Set<String> = [
        "kms:encrypt", "kms:decrypt", "kms:reencryptfrom", "kms:reencryptto", "kms:generatedatakey",
        "kms:generatedatakeywithoutplaintext", "kms:generatedatakeypair", "kms:generatedatakeypairwithoutplaintext",
        "kms:generatemac", "kms:verifymac", "kms:sign", "kms:verify", "kms:derivesharedsecret",
        "kms:describekey", "kms:getpublickey", "kms:getkeyrotationstatus",
        "kms:creategrant", "kms:listgrants", "kms:retiregrant", "kms:revokegrant",
    ]

    /// The services whose resources RCPs govern (their action prefixes), as listed by AWS Organizations.
    /// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#rcp-supported-services
    static let rcpServices: Set<String> = [
        "appstream", "dsql", "clouddirectory", "cloudfront", "cloudsearch", "logs", "networkmonitor", "cognito-identity",
        "cognito-idp", "comprehend", "comprehendmedical", "firehose", "dynamodb", "dax", "autoscaling", "ecr", "ecr-public",
        "gamelift", "inspector-scan", "kendra", "kinesisvideo", "memorydb", "aoss", "personalize", "polly", "s3", "swf", "sqs",
        "textract", "timestream-influxdb", "transcribe", "translate", "workspaces", "appconfig", "autoscaling-plans", "budgets",
        "servicediscovery", "cloudtrail-data", "codeartifact", "codebuild", "codecommit", "codepipeline", "compute-optimizer",
        "cost-optimization-hub", "events", "fms", "fis", "health", "rolesanywhere", "kms", "opensearch", "pricing",
        "pca-connector-ad", "resource-groups", "secretsmanager", "sts", "signin", "support", "transfer", "notifications",
        "wafv2", "xray",
    ]

    /// Whether RCPs govern a request: its service supports them, and it is not kms:RetireGrant, which RCPs do
    /// not impact.
    static func rcpsCover(_ request: AuthorizationRequest) -> Bool {
        rcpServices.contains(request.service) && request.loweredAction != "kms:retiregrant"
    }

    /// `s3:GetBucketPolicy`, `s3:PutBucketPolicy`, `s3:DeleteBucketPolicy` (in lowercase).
    static func isBucketPolicyAction(_ action: String) -> Bool {
        let n = action.utf8.count
        guard n == 18 || n == 21, starts(action, with: "s3:") else { return false }
        return action == "s3:getbucketpolicy" || action == "s3:putbucketpolicy" || action == "s3:deletebucketpolicy"
    }

    /// The beginnings of the IAM actions that change what they act on (lowercase).
    static let changingVerbs = ["put", "attach", "detach", "delete", "update", "create", "tag", "untag", "set", "add",
                                "remove", "change", "upload"]

    /// What AWS keeps out of the account's hands, in words, or nil.
    static func protectedIAMResource(_ resource: String) -> String? {
        guard let arn = ARN(resource), arn.service == "iam" else { return nil }
        if arn.account == "aws", arn.resource.hasPrefix("policy/") {
            // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies
            return "an AWS managed policy (`\(resource)`), which only AWS updates,"
        }
        if arn.resource.hasPrefix("role/aws-reserved/") {
            // https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html
            return "a role under `/aws-reserved/` (`\(resource)`), which IAM Identity Center manages,"
        }
        return nil
    }

    static func allLevels(_ levels: [GroupOutcome]) -> Decision {
        if levels.contains(where: { !$0.denies.isEmpty }) { return .explicitDeny }
        return levels.allSatisfy { !$0.allows.isEmpty } ? .allowed : .implicitDeny
    }

    static func limits(_ boundaryOK: Bool, _ sessionOK: Bool, lead: String = " (") -> String {
        var parts: [String] = []
        if !boundaryOK { parts.append("the permissions boundary does not allow it") }
        if !sessionOK { parts.append("the session policy does not allow it") }
        guard !parts.isEmpty else { return "" }
        let text = parts.joined(separator: " and ")
        return lead.isEmpty ? " " + text : lead + text + ")"
    }

    static func describe(_ statements: Matches<GroupStatement>) -> String {
        statements.prefix(3).map { ref in
            let s = ref.retained.matched
            return "\(s.policyID) statement \(s.statementIndex + 1)" + (s.sid.map { " `\($0)`" } ?? "")
        }.joined(separator: ", ") + (statements.count > 3 ? " and \(statements.count - 3) more" : "")
    }

    static func describe(_ caller: Caller) -> String {
        switch caller.kind {
        case .service: "the service `\(caller.identifier)`"
        case .federatedProvider: "the identity provider `\(caller.identifier)`"
        case .anonymous: "an anonymous caller"
        default: "`\(caller.identifier)`"
        }
    }

    mutating func result(_ decision: Decision, _ statements: Matches<GroupStatement>, _ perKind: KindDecisions) -> EvaluationResult {
        var keys = missing
        if missing.count > 1 {
            var seen = Set<String>()
            keys = missing.filter { seen.insert($0.lowercased()).inserted }
        }
        return EvaluationResult(decision: decision, statements: Matches(statements.lazy.map(\.retained)), missingContextKeys: keys,
                                kinds: perKind, reasons: reasons, trace: trace)
    }
}
