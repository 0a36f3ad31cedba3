import Foundation
import IAMPolicy

/// One authorisation: the request as the engine saw it, the policies that applied, and the result.
public struct Authorization: Sendable {
    public var request: AuthorizationRequest
    public var policies: PolicySet
    public var result: EvaluationResult
    /// The names of the policies, by kind, for `policies` and the trace.
    public var policyNames: [(kind: String, name: String)]
}

extension Sandbox {
    /// The `Caller` the policy engine sees for a set of credentials.
    func caller(for c: Credentials) -> Caller {
        let arn = principalARN(c)
        switch c.kind {
        case .longTerm, .sessionToken:
            return Caller(kind: c.isRoot ? .root : .user, identifier: arn, account: c.account)
        case .federatedUser:
            return Caller(kind: .federatedUser, identifier: arn, account: c.account)
        case .service:
            return Caller(kind: .service, identifier: c.servicePrincipal ?? "")
        case .roleSession:
            let role = c.roleName.flatMap { world.accounts[c.account]?.roles[$0] }
            let roleARN = role.map { world.accounts[c.account]!.roleARN($0) } ?? "arn:aws:iam::\(c.account):role/\(c.roleName ?? "")"
            return Caller(kind: .assumedRole, identifier: arn, account: c.account, roleARN: roleARN,
                          isServiceLinkedRole: role?.isServiceLinked ?? false)
        }
    }

    /// The identity-based policies, boundary and session policies of a set of credentials, with names.
    func principalPolicies(for c: Credentials) -> (set: PolicySet, names: [(kind: String, name: String)]) {
        var set = PolicySet()
        var names: [(kind: String, name: String)] = []
        guard let account = world.accounts[c.account] else { return (set, names) }
        if c.kind == .roleSession {
            // The role the session belongs to: gone when it was deleted (even if created again since).
            if let roleName = c.roleName, let role = account.roles[roleName], role.uniqueID == c.roleUniqueID {
                set.identity = role.policies.map(\.policy)
                names += role.policies.map { ("identity (role \(role.name))", $0.name) }
                if let boundary = role.boundary {
                    set.boundary = [boundary.policy]
                    names.append(("permissions boundary", boundary.name))
                }
            } else {
                names.append(("identity", "none: the session's role was deleted"))
            }
        } else if let userName = c.userName, let user = account.users[userName] {
            set.identity = user.policies.map(\.policy)
            names += user.policies.map { ("identity (user \(user.name))", $0.name) }
            for groupName in user.groups {
                guard let group = account.groups[groupName] else { continue }
                set.identity += group.policies.map(\.policy)
                names += group.policies.map { ("identity (group \(group.name))", $0.name) }
            }
            if let boundary = user.boundary {
                set.boundary = [boundary.policy]
                names.append(("permissions boundary", boundary.name))
            }
        }
        set.session = c.sessionPolicies.map(\.policy)
        names += c.sessionPolicies.map { ("session policy", $0.name) }
        if let organization = world.organization {
            // SCPs never restrict the management account or service-linked roles (the evaluator exempts
            // the latter itself).
            set.scps = organization.scpLevels(for: c.account)
            if !set.scps.isEmpty {
                for level in organization.levels(of: c.account) {
                    if !organization.fullAccessDetached.contains(level) { names.append(("SCP on \(level)", "FullAWSAccess")) }
                    names += (organization.scps[level] ?? []).map { ("SCP on \(level)", $0.name) }
                }
            }
        }
        return (set, names)
    }

    /// The request context AWS builds for a call with these credentials now.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
    func context(for c: Credentials, sourceIP: String?, region: String?) -> RequestContext {
        var context = RequestContext()
        let now = world.now
        context["aws:CurrentTime"] = .string(Sandbox.format(now))
        context["aws:EpochTime"] = ContextValue(type: .numeric, values: [String(Int(now.timeIntervalSince1970))])
        context["aws:SecureTransport"] = .bool(true)
        context["aws:RequestedRegion"] = .string(region ?? world.region)
        // A service principal's own request: it carries the service's name and, when the service acts for a
        // customer's resource, that resource and its account (the confused-deputy keys); it has no source
        // address and no principal keys of an account.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalisawsservice
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
        if c.kind == .service {
            context["aws:PrincipalIsAWSService"] = .bool(true)
            context["aws:PrincipalServiceName"] = .string(c.servicePrincipal ?? "")
            if let account = c.sourceAccount {
                context["aws:SourceAccount"] = .string(account)
                if let organization = world.organization, organization.members.contains(account) {
                    context["aws:SourceOrgID"] = .string(organization.id)
                    context["aws:SourceOrgPaths"] = .strings([organization.path(of: account)])
                }
            }
            if let arn = c.sourceARN { context["aws:SourceArn"] = .string(arn) }
            return context
        }
        context["aws:PrincipalIsAWSService"] = .bool(false)
        context["aws:SourceIp"] = ContextValue(type: .ip, values: [sourceIP ?? world.sourceIP])
        context["aws:ViaAWSService"] = .bool(false)
        context["aws:PrincipalType"] = .string(principalType(c))
        context["aws:userid"] = .string(userID(c))
        // MFA keys: absent for long-term access keys, present for temporary credentials.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
        if c.isTemporary {
            context["aws:MultiFactorAuthPresent"] = .bool(c.mfaAuthenticatedAt != nil)
            if let at = c.mfaAuthenticatedAt {
                context["aws:MultiFactorAuthAge"] = ContextValue(type: .numeric, values: [String(Int(now.timeIntervalSince(at)))])
            }
            context["aws:TokenIssueTime"] = .string(Sandbox.format(c.issuedAt))
        }
        if let source = c.sourceIdentity { context["aws:SourceIdentity"] = .string(source) }
        if let provider = c.federatedProvider { context["aws:FederatedProvider"] = .string(provider) }
        for (key, value) in c.federatedClaims { context[key] = .string(value) }
        if let instance = c.instanceID {
            context["ec2:SourceInstanceARN"] = .string("arn:aws:ec2:\(world.region):\(c.account):instance/\(instance)")
            // Role credentials delivered by the instance metadata service carry where they were delivered and how,
            // so that policies can keep them on the instance's network (a copied set used elsewhere fails).
            // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-ec2instancesourcevpc
            // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html (ec2:RoleDelivery)
            if let declared = world.instances[instance] {
                if let vpc = declared.vpc { context["aws:Ec2InstanceSourceVpc"] = .string(vpc) }
                if let ip = declared.privateIP { context["aws:Ec2InstanceSourcePrivateIPv4"] = ContextValue(type: .ip, values: [ip]) }
                context["ec2:RoleDelivery"] = ContextValue(type: .numeric, values: [declared.imdsV1Allowed ? "1.0" : "2.0"])
            }
        }
        for (key, value) in principalTags(c) { context["aws:PrincipalTag/\(key)"] = .string(value) }
        if let organization = world.organization, organization.members.contains(c.account) {
            context["aws:PrincipalOrgID"] = .string(organization.id)
            context["aws:PrincipalOrgPaths"] = .strings([organization.path(of: c.account)])
        }
        return context
    }

    /// Services with a single endpoint in us-east-1 (IAM, Organizations, CloudFront, Route 53).
    static let globalServices: Set<String> = ["iam", "organizations", "cloudfront", "route53"]

    /// The keys AWS sets from the resource of a request: the account that owns it and that account's place
    /// in the organization (`aws:ResourceAccount`, `aws:ResourceOrgID`, `aws:ResourceOrgPaths`), and the
    /// resource's tags (`aws:ResourceTag/KEY`; for a role or user, its IAM tags, which IAM also offers as
    /// `iam:ResourceTag/KEY`).
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourcetag
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_iam-tags.html
    func addResourceKeys(resource: String, owner: String?, to context: inout RequestContext) {
        if let owner {
            context["aws:ResourceAccount"] = .string(owner)
            if let organization = world.organization, organization.members.contains(owner) {
                context["aws:ResourceOrgID"] = .string(organization.id)
                context["aws:ResourceOrgPaths"] = .strings([organization.path(of: owner)])
            }
        }
        let entry = world.resourceEntry(for: resource)
        // An S3 bucket's tags count only once ABAC is turned on for the bucket.
        var tags = entry.map { $0.s3ABAC || !resource.hasPrefix("arn:aws:s3:::") ? $0.tags : [:] } ?? [:]
        var iamTags = false
        if tags.isEmpty, let (_, role) = world.role(resource) {
            tags = role.tags
            iamTags = true
        } else if tags.isEmpty, let arn = ARN(resource), arn.service == "iam", arn.resource.hasPrefix("user/"),
                  let user = world.accounts[arn.account]?.users[String(arn.resource.split(separator: "/").last ?? "")] {
            tags = user.tags
            iamTags = true
        }
        // EC2 also offers a resource's tags under its own prefix.
        // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html (ec2:ResourceTag/${TagKey})
        let ec2 = resource.hasPrefix("arn:aws:ec2:")
        for (key, value) in tags {
            context["aws:ResourceTag/\(key)"] = .string(value)
            if iamTags { context["iam:ResourceTag/\(key)"] = .string(value) }
            if ec2 { context["ec2:ResourceTag/\(key)"] = .string(value) }
        }
    }

    /// Tags of the principal: the user's or role's tags, with session tags taking precedence.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
    func principalTags(_ c: Credentials) -> [String: String] {
        var tags: [String: String] = [:]
        if let account = world.accounts[c.account] {
            if c.kind == .roleSession, let role = c.roleName.flatMap({ account.roles[$0] }) {
                tags = role.tags
            } else if let user = c.userName.flatMap({ account.users[$0] }) {
                tags = user.tags
            }
        }
        // Tag keys of users and roles compare ignoring case: a session tag `department` replaces the role's
        // `Department` rather than sitting beside it (which would leave `aws:PrincipalTag/Department` to
        // whichever came last). PARAM-16, https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
        for (key, value) in c.tags {
            for existing in tags.keys where existing.lowercased() == key.lowercased() { tags[existing] = nil }
            tags[key] = value
        }
        return tags
    }

    func principalType(_ c: Credentials) -> String {
        switch c.kind {
        case .roleSession: "AssumedRole"
        case .federatedUser: "FederatedUser"
        case .service: "AWSService"
        case .longTerm, .sessionToken: c.isRoot ? "Account" : "User"
        }
    }

    /// `aws:userid`: the unique id of the user or role, with the session name for role sessions.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#principaltable
    func userID(_ c: Credentials) -> String {
        switch c.kind {
        case .roleSession: "AROA\(uniqueSuffix(c.account + "/role/" + (c.roleName ?? ""))):\(c.sessionName ?? "")"
        case .federatedUser: "\(c.account):\(c.roleName ?? "")"
        case .service: c.servicePrincipal ?? ""
        case .longTerm, .sessionToken: c.userName.map { "AIDA" + uniqueSuffix(c.account + "/user/" + $0) } ?? c.account
        }
    }

    /// A stable pseudo-unique id (16 characters) for an entity, as IAM gives every user and role.
    func uniqueSuffix(_ seed: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        return String((0..<16).map { i in alphabet[Int((hash >> (UInt64(i) * 4)) & 31)] })
    }

    /// Authorises `action` on `resource` for credentials, with the resource's policy, the organizations'
    /// policies and the policy of the VPC endpoint the request goes through, and remembers it for `explain`.
    mutating func authorize(_ c: Credentials, action: String, resource: String, resourcePolicy: NamedPolicy? = nil,
                            resourceAccount: String? = nil, extraContext: [String: ContextValue] = [:],
                            sourceIP: String? = nil, region: String? = nil, endpoint: VPCEndpoint? = nil) -> Authorization {
        var (set, names) = c.kind == .service ? (PolicySet(), []) : principalPolicies(for: c)
        let owner = resourceAccount ?? world.owner(of: resource)
        let holder = resourcePolicy ?? world.resourceEntry(for: resource)?.policy
        if let holder {
            set.resource = holder.policy
            names.append(("\(KMSAlias.isKeyARN(resource) ? "key policy" : "resource-based policy") of \(resource)", holder.name))
        }
        if let owner, let organization = world.organization {
            set.rcps = organization.rcpLevels(for: owner)
        }
        var context = self.context(for: c, sourceIP: sourceIP, region: region)
        if let endpoint {
            let policy = endpoint.effectivePolicy
            set.endpoint = [policy.policy]
            names.append(("VPC endpoint policy of \(endpoint.id)", policy.name))
            applyEndpoint(endpoint, to: &context, sourceIP: sourceIP)
        }
        addResourceKeys(resource: resource, owner: owner, to: &context)
        // A global service has one endpoint, in US East (N. Virginia): its calls are made to us-east-1 whatever
        // Region the caller works in, so a Region condition sees us-east-1.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion
        if let colon = action.firstIndex(of: ":"), Self.globalServices.contains(action[..<colon].lowercased()) {
            context["aws:RequestedRegion"] = .string("us-east-1")
        }
        for (key, value) in extraContext { context[key] = value }
        let request = AuthorizationRequest(caller: caller(for: c), action: action, resource: resource,
                                           resourceAccount: owner, context: context)
        let result = Evaluator().evaluate(request, policies: set, explain: true)
        let authorization = Authorization(request: request, policies: set, result: result, policyNames: names)
        lastAuthorization = authorization
        return authorization
    }

    /// `can ACTION RESOURCE`: the decision for the current identity now.
    mutating func can(_ call: CallOptions) -> CommandResult {
        let c: Credentials
        do {
            c = try callerCredentials()
        } catch {
            return .failure(error)
        }
        if let refused = Self.refusedByCredentialKind(c, action: call.action) { return .failure(refused) }
        let endpoint: VPCEndpoint?
        do {
            endpoint = try self.endpoint(for: call)
        } catch {
            return .failure(error)
        }
        // GetCallerIdentity needs no permission and works even under an explicit Deny.
        // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
        if call.action.lowercased() == "sts:getcalleridentity" {
            return CommandResult(outcome: .allowed, lines: ["allowed: sts:GetCallerIdentity needs no permission; it returns \(principalARN(c))"])
        }
        if let problem = Self.requestProblem(call, world: world) { return .failure(AWSError.validation(problem)) }
        // Keys given more than once make a multivalued key; the request's tag keys make `aws:TagKeys`.
        var values: [String: [String]] = [:]
        var order: [String] = []
        for (key, value) in call.context {
            if let reason = Self.reservedContextKey(key) {
                return .failure(AWSError.validation("`\(key)` cannot be given with --context: \(reason)"))
            }
            if values[key] == nil { order.append(key) }
            values[key, default: []].append(value)
        }
        var extra: [String: ContextValue] = [:]
        for key in order {
            let given = values[key] ?? []
            extra[key] = given.count == 1 ? .string(given[0]) : .strings(given)
        }
        let tagKeys = order.filter { $0.lowercased().hasPrefix("aws:requesttag/") }.map { String($0.dropFirst("aws:RequestTag/".count)) }
        if !tagKeys.isEmpty { extra["aws:TagKeys"] = .strings(tagKeys) }
        let kms = kmsTarget(action: call.action, resource: call.resource)
        extra.merge(kms.context) { _, service in service }
        // Assuming or tagging a session of a declared role: its trust policy is the resource policy, and it
        // must allow the action itself, as AssumeRole checks it.
        var trust: NamedPolicy?
        var roleAccount: String?
        if ["sts:assumerole", "sts:tagsession", "sts:setsourceidentity"].contains(call.action.lowercased()),
           let (account, role) = world.role(call.resource) {
            trust = role.trust
            roleAccount = account.id
        }
        let authorization = authorize(c, action: call.action, resource: kms.resource, resourcePolicy: trust,
                                      resourceAccount: roleAccount, extraContext: extra,
                                      sourceIP: call.sourceIP, region: call.region, endpoint: endpoint)
        if trust != nil, authorization.result.decision == .allowed, authorization.result.perKind[.trust] != .allowed {
            return CommandResult(outcome: .implicitDeny,
                                 lines: ["implicitDeny: \(call.action) on \(call.resource): the role's trust policy does not allow it"],
                                 evaluation: authorization.result)
        }
        let result = authorization.result
        var lines = ["\(result.decision.rawValue): \(call.action) on \(call.resource) as \(principalARN(c))"]
        if call.resource != "*", world.owner(of: call.resource) == nil {
            // An ARN without an account (S3) that the scenario does not declare: like a bucket of one's own.
            lines.append("  note: the owner of `\(call.resource)` is not declared, so it is taken to be in the caller's account \(c.account); declare `resource ARN` with `owner:` to place it elsewhere")
        }
        if let alias = kms.alias {
            lines.append("  note: `\(alias)` stands for the key `\(kms.resource)`: its key policy decides, and policies match the key's ARN (an alias ARN in `Resource` names the alias only)")
        }
        if let endpoint {
            lines.append("  note: through the VPC endpoint `\(endpoint.id)` in `\(endpoint.sourceVPC)`: its policy must allow the request; "
                + "the request carries aws:SourceVpce, aws:SourceVpc and aws:VpcSourceIp (`\(call.sourceIP ?? world.sourceIP)`), and no aws:SourceIp")
        }
        lines += result.reasons.map { "  \($0)" }
        if !result.missingContextKeys.isEmpty {
            lines.append("  context keys the policies ask for that the request lacks: " + result.missingContextKeys.joined(separator: ", "))
        }
        return CommandResult(outcome: Outcome(result.decision), lines: lines, evaluation: result)
    }

    /// Why a context key may not be given with `can --context`, or nil when the client may choose it.
    ///
    /// An allow-list: of the global keys only those a client really controls (request tags, TLS, the user
    /// agent and referer, the VPC endpoint it came through); service keys except those a service sets
    /// itself (resource and object tags, `kms:ViaService`...). Everything AWS sets from the credentials,
    /// its clock, the resource, a token or a calling service is refused, so that the sandbox never allows
    /// what AWS would refuse. The source address and the region have their own options.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
    public static func reservedContextKey(_ key: String) -> String? {
        let lowered = key.lowercased()
        guard let colon = lowered.firstIndex(of: ":"), colon != lowered.startIndex, lowered.index(after: colon) != lowered.endIndex else {
            return "a condition key is `prefix:name`"
        }
        let prefix = String(lowered[..<colon])
        switch prefix {
        case "aws":
            if lowered == "aws:sourceip" { return "use --from IP" }
            if lowered == "aws:requestedregion" { return "use --region R" }
            if lowered == "aws:tagkeys" { return "AWS builds it from the request's tags: give them as aws:RequestTag/KEY=VALUE" }
            let clientChosen = ["aws:securetransport", "aws:useragent", "aws:referer", "aws:sourcevpc", "aws:sourcevpce",
                                "aws:vpcsourceip"]
            if clientChosen.contains(lowered) || lowered.hasPrefix("aws:requesttag/") { return nil }
            return "AWS sets it itself (from the credentials, its clock, the resource or a calling service)"
        case "sts":
            return "STS sets it when the session is created"
        case "saml":
            return "it comes from the SAML assertion"
        default:
            if prefix.contains(".") { return "it comes from the identity provider's token" }
            if lowered.contains("resourcetag/") || lowered.contains("existingobjecttag/") {
                return "the service sets it from the resource's tags: declare the resource with `tag: KEY=VALUE` (roles and users: their `tag:`)"
            }
            if lowered == "kms:requestalias" || lowered == "kms:resourcealiases" {
                return "KMS sets it from the alias the request names (give the alias ARN as the resource) and the key's aliases"
            }
            let serviceSet = ["kms:viaservice", "kms:calleraccount", "ec2:sourceinstancearn", "ec2:instanceprofile", "ec2:roledelivery",
                              "iam:associatedresourcearn", "lambda:sourcefunctionarn"]
            if serviceSet.contains(lowered) { return "the service sets it from the request's path" }
            return nil
        }
    }

    /// Calls that some kinds of temporary credentials cannot make at all, whatever the policies say.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html
    static func refusedByCredentialKind(_ c: Credentials, action: String) -> AWSError? {
        let lowered = action.lowercased()
        let iam = lowered.hasPrefix("iam:")
        let sts = lowered.hasPrefix("sts:")
        switch c.kind {
        case .longTerm:
            return nil
        case .sessionToken where c.rootTask != nil:
            // A privileged root session does what its task policy allows (a session policy), and no STS call.
            if sts && lowered != "sts:getcalleridentity" {
                return AWSError("AccessDenied", "a privileged root session cannot call \(action)")
            }
        case .sessionToken:
            // IAM only with MFA; of STS only AssumeRole and GetCallerIdentity.
            if iam && c.mfaAuthenticatedAt == nil {
                return AWSError("InvalidClientTokenId", "The security token included in the request is invalid (IAM calls with GetSessionToken credentials need MFA)")
            }
            if sts && lowered != "sts:assumerole" && lowered != "sts:getcalleridentity" {
                return AWSError("AccessDenied", "GetSessionToken credentials may call only sts:AssumeRole and sts:GetCallerIdentity of STS")
            }
        case .federatedUser:
            if iam { return AWSError("InvalidClientTokenId", "The security token included in the request is invalid (federated user sessions cannot call IAM)") }
            if sts && lowered != "sts:getcalleridentity" {
                return AWSError("AccessDenied", "federated user sessions may call no STS operation but sts:GetCallerIdentity")
            }
        case .service:
            // A service principal calls AssumeRole on roles that trust it, and acts on resources whose policies
            // name it; it has no user to get session or federation tokens for, and no IAM of its own.
            if iam || (sts && lowered != "sts:assumerole" && lowered != "sts:tagsession" && lowered != "sts:getcalleridentity") {
                return AWSError("AccessDenied", "a service principal may call \(action) only as a role it assumes")
            }
        case .roleSession:
            if lowered == "sts:getfederationtoken" || lowered == "sts:getsessiontoken" {
                return AWSError("AccessDenied", "Cannot call \(action.split(separator: ":").last ?? "") with session credentials")
            }
        }
        return nil
    }

    /// Why `can` cannot be asked as given: a malformed action, a resource that is not `*` or an ARN of this
    /// partition without wildcards, a resource whose owner the world does not know, a source address that
    /// is not one IP address, or a boolean key with another value. AWS never sees such a request, so the
    /// sandbox refuses it rather than evaluating something AWS would not.
    static func requestProblem(_ call: CallOptions, world: World) -> String? {
        let parts = call.action.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              parts[0].allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }),
              parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return "`\(call.action)` is not an action: write `service:Action`, such as `s3:GetObject`, without wildcards"
        }
        if call.resource != "*" {
            // A trailing `/*` names a resource about to be created (`ec2:RunInstances` on `instance/*`);
            // any other wildcard would stand for many resources at once.
            let body = call.resource.hasSuffix("/*") ? String(call.resource.dropLast(2)) : call.resource
            guard call.resource.hasPrefix("arn:aws:"), let arn = ARN(call.resource), !body.contains("*"), !body.contains("?") else {
                return "`\(call.resource)` is not a resource: write `*` or an ARN of the `aws` partition, without wildcards (a final `/*` names a resource to be created)"
            }
            guard arn.service.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
                return "`\(arn.service)` is not a service name in `\(call.resource)`"
            }
        }
        // The address must be one the condition operators read, or `IpAddress` conditions would see an invalid value.
        if let ip = call.sourceIP, IPRange(address: ip) == nil {
            return "--from takes one IPv4 or IPv6 address, not `\(ip)`"
        }
        for (key, value) in call.context where key.lowercased() == "aws:securetransport" && value != "true" && value != "false" {
            return "`aws:SecureTransport` is `true` or `false`, not `\(value)`"
        }
        return nil
    }

    /// `explain`: the per-statement trace of the latest decision.
    func explain() -> CommandResult {
        guard let last = lastAuthorization else {
            return CommandResult(outcome: .info, lines: ["Nothing to explain yet: try `can ACTION RESOURCE` or `assume ROLE` first."])
        }
        let header = "\(last.result.decision.rawValue): \(last.request.action) on \(last.request.resource) as \(last.request.caller.identifier)"
        return CommandResult(outcome: .info, lines: [header] + Self.traceLines(last.result), evaluation: last.result)
    }

    /// The reasons of a decision (unless the caller showed them already) and what each statement did,
    /// indented, for `explain` and `--explain`.
    public static func traceLines(_ result: EvaluationResult, reasons: Bool = true) -> [String] {
        var lines = reasons ? result.reasons.map { "  \($0)" } : []
        if result.trace.isEmpty {
            lines.append("  no statement matched the action and resource")
        }
        for entry in result.trace {
            let s = entry.statement
            let sid = s.sid.map { " \"\($0)\"" } ?? ""
            let policy = switch s.policyKind {
            case .trust: "the trust policy"
            case .endpoint: "the VPC endpoint policy `\(s.policyID)`"
            default: "\(s.policyKind.rawValue) policy `\(s.policyID)`"
            }
            lines.append("  \(policy), statement \(s.statementIndex + 1)\(sid) (\(s.effect.rawValue)): "
                + (entry.applies ? "applies" : "does not apply"))
            lines += entry.reasons.map { "      \($0)" }
        }
        return lines
    }

    /// `policies`: the policies that apply to the current identity.
    func policiesInEffect() -> CommandResult {
        guard let c = current else {
            return CommandResult(outcome: .info, lines: ["Not acting as anyone: use `as` first."])
        }
        let names = principalPolicies(for: c).names
        var lines = ["Policies in effect for \(principalARN(c)):"]
        if names.isEmpty { lines.append("  none: every request is implicitly denied") }
        lines += names.map { "  \($0.kind): \($0.name)" }
        if c.kind == .federatedUser && c.sessionPolicies.isEmpty {
            lines.append("  (a federated user session without a session policy has no permissions)")
        }
        return CommandResult(outcome: .info, lines: lines)
    }
}
