import Foundation
import IAMPolicy

// The STS operations. Each checks its parameters (ValidationError), the caller's kind of credentials,
// then asks the policy engine, and issues credentials that expire on the simulated clock.
extension Sandbox {
    // MARK: AssumeRole

    /// STS AssumeRole. https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
    mutating func assumeRole(_ o: AssumeRoleOptions) throws(AWSError) -> Credentials {
        let caller = try callerCredentials()
        let callerARN = principalARN(caller)
        // The root user cannot assume roles; federated users may call no STS operation but GetCallerIdentity.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html
        if caller.isRoot { throw AWSError("AccessDenied", "Roles may not be assumed by root accounts.") }
        if caller.kind == .federatedUser {
            throw AWSError("AccessDenied", "User: \(callerARN) is not authorized to perform: sts:AssumeRole: federated user sessions cannot call AssumeRole")
        }
        let sessionName = o.sessionName ?? caller.userName ?? caller.sessionName ?? "session"
        try IAMNames.checkSTSName(sessionName, parameter: "RoleSessionName", lengths: 2...64)
        if let id = o.externalID { try STSLimits.checkExternalID(id) }
        if let source = o.sourceIdentity { try Self.checkSourceIdentity(source) }
        try STSLimits.checkTags(o.tags, transitive: o.transitiveTagKeys)
        let sessionPolicies = try Self.sessionPolicies(o.policy, arns: o.policyARNs)
        let mfaAt = try checkMFA(caller: caller, serialName: o.serialName, code: o.mfaCode)

        guard let (account, role) = world.role(o.role) else {
            throw AWSError("AccessDenied", "User: \(callerARN) is not authorized to perform: sts:AssumeRole on resource: \(roleARN(o.role))")
        }
        // A service-linked role can be assumed only by its service, whatever its trust policy says.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
        if role.isServiceLinked {
            throw AWSError("AccessDenied", "User: \(callerARN) is not authorized to perform: sts:AssumeRole on resource: \(account.roleARN(role)) (a service-linked role can be assumed only by \(role.serviceLinkedService ?? "its service"))")
        }
        let chained = caller.kind == .roleSession
        // The one-hour cap of role chaining also applies, on the safe reading, to AssumeRole called with
        // GetSessionToken credentials (docs/research/sts-rules.md DUR-10), and a chained session never
        // outlives the session that made it (DUR-13).
        let duration = try Self.roleDuration(o.duration, role: role, chained: caller.kind != .longTerm && caller.kind != .service)
        var expiry = world.now.addingTimeInterval(duration)
        if chained, let parent = caller.expiresAt { expiry = min(expiry, parent) }

        // Session tags: the caller's transitive tags pass on in a chain and cannot be overridden.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_role-chaining
        var tags: [String: String] = [:]
        var transitive = Set<String>()
        if chained {
            for key in caller.transitiveTagKeys { tags[key] = caller.tags[key] }
            transitive = caller.transitiveTagKeys
        }
        // "If you pass a session tag with the same key as an inherited tag, the operation fails", whatever
        // its value (docs/research/sts-rules.md PARAM-18).
        // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
        for tag in o.tags {
            if transitive.contains(where: { $0.lowercased() == tag.key.lowercased() }) {
                throw AWSError.validation("the tag `\(tag.key)` is a transitive tag inherited from the calling session: a session tag with the same key cannot be passed in the chain")
            }
            tags[tag.key] = tag.value
        }
        transitive.formUnion(o.transitiveTagKeys)
        // A source identity, once set, stays for the whole chain.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html
        var sourceIdentity = caller.sourceIdentity
        if let requested = o.sourceIdentity {
            if let existing = sourceIdentity, existing != requested {
                throw AWSError("AccessDenied", "the source identity `\(existing)` of the calling session cannot be changed to `\(requested)`")
            }
            sourceIdentity = requested
        }

        var context: [String: ContextValue] = ["sts:RoleSessionName": .string(sessionName)]
        if let id = o.externalID { context["sts:ExternalId"] = .string(id) }
        if let source = sourceIdentity { context["sts:SourceIdentity"] = .string(source) }
        if let at = mfaAt ?? inheritedMFA(caller) {
            context["aws:MultiFactorAuthPresent"] = .bool(true)
            context["aws:MultiFactorAuthAge"] = ContextValue(type: .numeric, values: [String(Int(world.now.timeIntervalSince(at)))])
        } else if caller.isTemporary || o.serialName != nil {
            context["aws:MultiFactorAuthPresent"] = .bool(false)
        }
        if !o.tags.isEmpty {
            for tag in o.tags { context["aws:RequestTag/\(tag.key)"] = .string(tag.value) }
            context["aws:TagKeys"] = .strings(o.tags.map(\.key))
            if !o.transitiveTagKeys.isEmpty { context["sts:TransitiveTagKeys"] = .strings(o.transitiveTagKeys) }
        }
        try authorizeRoleAction("sts:AssumeRole", caller: caller, account: account, role: role, context: context)
        // Passing tags needs sts:TagSession, setting a source identity sts:SetSourceIdentity, in both the
        // caller's policies and the trust policy.
        if !o.tags.isEmpty { try authorizeRoleAction("sts:TagSession", caller: caller, account: account, role: role, context: context) }
        // A session that carries a source identity, set now or inherited in a chain, needs sts:SetSourceIdentity:
        // "When you assume a role with another role ... permissions for sts:SetSourceIdentity are required in both
        // the permissions policy of the principal who is assuming the role and in the role trust policy of the
        // target role. Otherwise, the assume role operation will fail." (PARAM-13)
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html
        if sourceIdentity != nil {
            try authorizeRoleAction("sts:SetSourceIdentity", caller: caller, account: account, role: role, context: context)
        }

        var issued = Credentials(accessKeyID: nextKey(prefix: "ASIA"), kind: .roleSession, account: account.id,
                                 roleName: role.name, sessionName: sessionName, issuedAt: world.now, expiresAt: expiry)
        // MFA was checked for the AssumeRole call itself (the trust policy saw it). Whether the role
        // session then carries MFA into its own calls is contradicted between two AWS pages: the MFA page
        // says AssumeRole credentials "do not include MFA information", the condition-keys page lists them
        // among those that do. The session is taken as not MFA-authenticated (`aws:MultiFactorAuthPresent`
        // false), the reading under which no MFA-guarded Allow is granted by mistake.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
        issued.mfaAuthenticatedAt = nil
        issued.sessionPolicies = sessionPolicies
        issued.tags = tags
        issued.transitiveTagKeys = transitive
        issued.sourceIdentity = sourceIdentity
        issued.isChained = chained
        issued.roleUniqueID = role.uniqueID
        return issued
    }

    /// MFA checked when the caller's session was created carries into AssumeRole only from
    /// GetSessionToken credentials (documented for MFA-protected API access); through role chaining it
    /// is not assumed to carry, so a trust policy requiring MFA is never satisfied by guesswork.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
    private func inheritedMFA(_ caller: Credentials) -> Date? {
        caller.kind == .sessionToken ? caller.mfaAuthenticatedAt : nil
    }

    /// Authorises an action on a role with its trust policy as the resource policy; AccessDenied otherwise.
    private mutating func authorizeRoleAction(_ action: String, caller: Credentials, account: Account, role: Role,
                                              context: [String: ContextValue]) throws(AWSError) {
        let roleARN = account.roleARN(role)
        let authorization = authorize(caller, action: action, resource: roleARN, resourcePolicy: role.trust,
                                      resourceAccount: account.id, extraContext: context)
        // The trust policy itself must allow sts:TagSession and sts:SetSourceIdentity, as it must allow
        // sts:AssumeRole: within one account the caller's identity policy alone would otherwise suffice
        // ("If your policy includes the first statement without the second statement, the user can't assume
        // the role"; PARAM-21, PARAM-13).
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_permissions-required
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html
        guard authorization.result.decision == .allowed, authorization.result.perKind[.trust] == .allowed else {
            throw AWSError("AccessDenied",
                           "User: \(principalARN(caller)) is not authorized to perform: \(action) on resource: \(roleARN)",
                           evaluation: authorization.result)
        }
    }

    /// Checks `--serial`/`--mfa` against the caller's MFA devices; returns when MFA was checked.
    private func checkMFA(caller: Credentials, serialName: String?, code: String?) throws(AWSError) -> Date? {
        guard serialName != nil || code != nil else { return nil }
        if let code { try STSLimits.checkTokenCode(code) }
        // A serial number without a code, or a code without the serial number of the device it came from, is
        // not MFA: STS refuses both (docs/research/sts-rules.md PARAM-07, the safe reading; observed message).
        // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
        guard let code, let serialName else {
            throw AWSError("AccessDenied", "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.")
        }
        let devices = caller.userName.flatMap { world.accounts[caller.account]?.users[$0]?.mfaDevices } ?? [:]
        // The bare device name, or exactly the ARN of a virtual MFA device of the caller's account.
        let prefix = "arn:aws:iam::\(caller.account):mfa/"
        let name: String
        if serialName.hasPrefix(prefix), !serialName.dropFirst(prefix.count).contains("/") {
            name = String(serialName.dropFirst(prefix.count))
        } else if !serialName.contains(":"), !serialName.contains("/") {
            name = serialName
        } else {
            throw AWSError("AccessDenied", "MultiFactorAuthentication failed: `\(serialName)` is not an MFA device of \(principalARN(caller))")
        }
        guard caller.kind == .longTerm || caller.kind == .sessionToken, let expected = devices[name] else {
            throw AWSError("AccessDenied", "MultiFactorAuthentication failed: no MFA device `\(name)` for \(principalARN(caller))")
        }
        guard expected == code else {
            throw AWSError("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.")
        }
        return world.now
    }

    /// DurationSeconds of AssumeRole*: 900 seconds to the role's maximum, one hour by default, and at most one
    /// hour when chaining. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html#id_roles_use_view-role-max-session
    static func roleDuration(_ requested: TimeInterval?, role: Role, chained: Bool) throws(AWSError) -> TimeInterval {
        let duration = requested ?? STSLimits.defaultRoleDuration
        guard duration >= STSLimits.minimumDuration else {
            throw AWSError.validation("1 validation error detected: Value '\(Int(duration))' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900")
        }
        if chained, duration > STSLimits.roleChainingMaximum {
            throw AWSError.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
        }
        guard duration <= role.maxSessionDuration else {
            throw AWSError.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
        }
        return duration
    }

    /// Source identity: 2–64 characters of `[\w+=,.@-]`, not starting with `aws:`.
    static func checkSourceIdentity(_ value: String) throws(AWSError) {
        try IAMNames.checkSTSName(value, parameter: "SourceIdentity", lengths: 2...64)
        if value.lowercased().hasPrefix("aws:") {
            throw AWSError.validation("SourceIdentity cannot start with the reserved prefix `aws:`")
        }
    }

    /// Session policies: the inline document (at most 2,048 characters, a valid policy) and managed ARNs,
    /// which this simulator does not model.
    static func sessionPolicies(_ document: Document?, arns: [String]) throws(AWSError) -> [NamedPolicy] {
        guard arns.count <= STSLimits.maximumPolicyARNs else {
            throw AWSError.validation("at most \(STSLimits.maximumPolicyARNs) managed session policies may be passed")
        }
        if let arn = arns.first {
            throw AWSError("NoSuchEntity", "managed policies are not modelled: pass the document of \(arn) with --policy instead")
        }
        guard let document else { return [] }
        // The plaintext limit is a schema constraint (a ValidationError); PackedPolicyTooLarge is the separate
        // limit on the packed form (PARAM-08, PARAM-10).
        // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html
        // Unlike IAM's quotas, a parameter's length counts white space (PARAM-08, SIZE-07).
        let length = PolicyQuotas.length(document.text)
        guard length <= STSLimits.maximumInlinePolicyLength else {
            throw AWSError.validation("1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to \(STSLimits.maximumInlinePolicyLength) (it has \(length) characters)")
        }
        return [try document.namedPolicy(kind: .session, name: document.name ?? "inline session policy")]
    }

    /// The ARN a role reference (`ACCOUNT/NAME`, an alias for ACCOUNT, or an ARN) names, for messages about a
    /// role that may not exist: an alias becomes the account's id, as AWS writes ARNs.
    func roleARN(_ reference: String) -> String {
        guard !reference.hasPrefix("arn:") else { return reference }
        let account = reference.split(separator: "/").first.map(String.init) ?? ""
        return "arn:aws:iam::\(world.accountID(named: account) ?? account):role/\(reference.split(separator: "/").last ?? "")"
    }

    // MARK: AssumeRoleWithSAML

    /// STS AssumeRoleWithSAML, with an assertion from a SAML provider registered in the role's account.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html
    mutating func assumeRoleWithSAML(_ o: SAMLOptions) throws(AWSError) -> Credentials {
        guard let (account, role) = world.role(o.role) else {
            throw AWSError("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML on \(roleARN(o.role))")
        }
        let providerName = o.provider.split(separator: "/").last.map(String.init) ?? o.provider
        guard let provider = account.providers[providerName], provider.kind == .saml else {
            throw AWSError("InvalidIdentityToken", "no SAML provider `\(providerName)` is registered in account \(account.id)")
        }
        let providerARN = account.providerARN(provider)
        guard Self.isSAMLAudience(o.audience) else {
            throw AWSError("InvalidIdentityToken", "the assertion's audience is `\(o.audience)`, not an AWS sign-in endpoint such as https://signin.aws.amazon.com/saml")
        }
        if let validFor = o.validFor, validFor <= 0 {
            throw AWSError("ExpiredToken", "the SAML assertion has expired (SessionNotOnOrAfter is in the past)")
        }
        guard o.listsRole else {
            throw AWSError("AccessDenied", "the assertion's Role attribute does not list \(account.roleARN(role)),\(providerARN)")
        }
        // The assertion's SessionDuration attribute extends only console sessions; on the API it can only
        // shorten the credentials (DUR-04). SessionNotOnOrAfter also shortens them (DUR-03).
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html
        var duration = try Self.roleDuration(o.duration, role: role, chained: false)
        if let sessionDuration = o.sessionDuration { duration = min(duration, sessionDuration) }
        if let validFor = o.validFor { duration = min(duration, validFor) }
        // saml:aud is the Recipient of SubjectConfirmationData (the sign-in endpoint the assertion was posted
        // to), not the Audience: with the Audience `urn:amazon:webservices` it is still the endpoint (KEY-08).
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html
        let recipient = o.audience.hasPrefix("https://") ? o.audience : "https://signin.aws.amazon.com/saml"
        var context: [String: ContextValue] = [
            "saml:aud": .string(recipient),
            "saml:sub": .string(o.subject),
            "saml:sub_type": .string("persistent"),
            "saml:iss": .string("https://\(provider.name.lowercased()).example.com/saml"),
            "saml:namequalifier": .string(uniqueSuffix(providerARN)),
        ]
        try Self.checkSession(o.session)
        let claims = context
        Self.addSession(o.session, to: &context)
        try authorizeFederated(action: "sts:AssumeRoleWithSAML", provider: providerARN, account: account, role: role, context: context)
        try authorizeSessionAttributes(o.session, provider: providerARN, account: account, role: role, context: context)
        let sessionName = IAMNames.sessionName(fromSubject: o.subject)
        var issued = Credentials(accessKeyID: nextKey(prefix: "ASIA"), kind: .roleSession, account: account.id,
                                 roleName: role.name, sessionName: sessionName, issuedAt: world.now,
                                 expiresAt: world.now.addingTimeInterval(duration))
        issued.federatedProvider = providerARN
        issued.roleUniqueID = role.uniqueID
        for (key, value) in claims { if let text = value.values.first { issued.federatedClaims[key] = text } }
        Self.apply(o.session, to: &issued)
        return issued
    }

    /// The audiences AWS accepts in a SAML assertion: the sign-in endpoint, global or regional, or the
    /// older `urn:amazon:webservices`.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html
    static func isSAMLAudience(_ audience: String) -> Bool {
        if audience == "https://signin.aws.amazon.com/saml" || audience == "urn:amazon:webservices" { return true }
        guard audience.hasPrefix("https://"), audience.hasSuffix(".signin.aws.amazon.com/saml") else { return false }
        let region = audience.dropFirst("https://".count).dropLast(".signin.aws.amazon.com/saml".count)
        return !region.isEmpty && region.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }
    }

    // MARK: AssumeRoleWithWebIdentity

    /// Identity providers STS knows without an IAM OIDC provider.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html
    static let builtInWebProviders: Set<String> = ["accounts.google.com", "graph.facebook.com", "www.amazon.com", "cognito-identity.amazonaws.com"]

    /// STS AssumeRoleWithWebIdentity, with a token from an OIDC provider.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
    mutating func assumeRoleWithWebIdentity(_ o: WebIdentityOptions) throws(AWSError) -> Credentials {
        guard let (account, role) = world.role(o.role) else {
            throw AWSError("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity on \(roleARN(o.role))")
        }
        let host = o.provider.replacingOccurrences(of: "https://", with: "")
        let principal: String
        if Self.builtInWebProviders.contains(host) {
            principal = host
        } else {
            guard let provider = account.providers[host], provider.kind == .oidc else {
                throw AWSError("InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://\(host)")
            }
            guard provider.audiences.contains(o.audience) else {
                throw AWSError("InvalidIdentityToken", "Incorrect token audience")
            }
            principal = account.providerARN(provider)
        }
        guard o.tokenValidFor > 0 else { throw AWSError("ExpiredToken", "Token expired: the web identity token is past its exp time") }
        let duration = try Self.roleDuration(o.duration, role: role, chained: false)
        var context: [String: ContextValue] = [
            "\(host):aud": .string(o.audience),
            "\(host):sub": .string(o.subject),
        ]
        // Cognito's token says how the identity signed in: `authenticated` (with the login provider) or
        // `unauthenticated` for guests. https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
        if !o.amr.isEmpty {
            guard host == "cognito-identity.amazonaws.com" else {
                throw AWSError.validation("only Cognito identity pool tokens carry `amr`; `\(host)` tokens do not")
            }
            context["\(host):amr"] = .strings(o.amr)
        }
        try Self.checkSession(o.session)
        let claims = context.filter { $0.key != "\(host):amr" }
        Self.addSession(o.session, to: &context)
        try authorizeFederated(action: "sts:AssumeRoleWithWebIdentity", provider: principal, account: account, role: role, context: context)
        try authorizeSessionAttributes(o.session, provider: principal, account: account, role: role, context: context)
        var issued = Credentials(accessKeyID: nextKey(prefix: "ASIA"), kind: .roleSession, account: account.id,
                                 roleName: role.name, sessionName: IAMNames.sessionName(fromSubject: o.subject), issuedAt: world.now,
                                 expiresAt: world.now.addingTimeInterval(duration))
        issued.federatedProvider = principal
        issued.roleUniqueID = role.uniqueID
        for (key, value) in claims { if let text = value.values.first { issued.federatedClaims[key] = text } }
        if !o.amr.isEmpty { issued.federatedClaims["\(host):amr"] = o.amr.joined(separator: ",") }
        Self.apply(o.session, to: &issued)
        return issued
    }

    // MARK: Session tags and source identity from an identity provider

    /// The limits AssumeRole applies to tags and a source identity apply to an assertion's or token's too.
    static func checkSession(_ session: FederatedSessionAttributes) throws(AWSError) {
        try STSLimits.checkTags(session.tags, transitive: session.transitiveTagKeys)
        if let source = session.sourceIdentity { try checkSourceIdentity(source) }
    }

    /// The request keys of the session attributes, which the trust policy sees.
    static func addSession(_ session: FederatedSessionAttributes, to context: inout [String: ContextValue]) {
        guard !session.tags.isEmpty || session.sourceIdentity != nil else { return }
        for tag in session.tags { context["aws:RequestTag/\(tag.key)"] = .string(tag.value) }
        if !session.tags.isEmpty { context["aws:TagKeys"] = .strings(session.tags.map(\.key)) }
        if !session.transitiveTagKeys.isEmpty { context["sts:TransitiveTagKeys"] = .strings(session.transitiveTagKeys) }
        if let source = session.sourceIdentity { context["sts:SourceIdentity"] = .string(source) }
    }

    /// Tags from an identity provider need `sts:TagSession`, a source identity `sts:SetSourceIdentity`, in the
    /// role's trust policy for that provider; without them the whole call fails.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_adding-assume-role-idp
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html
    private mutating func authorizeSessionAttributes(_ session: FederatedSessionAttributes, provider: String, account: Account,
                                                     role: Role, context: [String: ContextValue]) throws(AWSError) {
        if !session.tags.isEmpty {
            try authorizeFederated(action: "sts:TagSession", provider: provider, account: account, role: role, context: context)
        }
        if session.sourceIdentity != nil {
            try authorizeFederated(action: "sts:SetSourceIdentity", provider: provider, account: account, role: role, context: context)
        }
    }

    /// The issued session carries the tags (as `aws:PrincipalTag/KEY`), transitive keys and source identity.
    static func apply(_ session: FederatedSessionAttributes, to issued: inout Credentials) {
        for tag in session.tags { issued.tags[tag.key] = tag.value }
        issued.transitiveTagKeys = Set(session.transitiveTagKeys)
        issued.sourceIdentity = session.sourceIdentity
    }

    /// Federated callers have no identity policies: the trust policy alone decides (with RCPs).
    private mutating func authorizeFederated(action: String, provider: String, account: Account, role: Role,
                                             context extra: [String: ContextValue]) throws(AWSError) {
        var set = PolicySet(resource: role.trust.policy)
        if let organization = world.organization { set.rcps = organization.rcpLevels(for: account.id) }
        var context = RequestContext()
        context["aws:CurrentTime"] = .string(Sandbox.format(world.now))
        context["aws:SourceIp"] = ContextValue(type: .ip, values: [world.sourceIP])
        context["aws:FederatedProvider"] = .string(provider)
        for (key, value) in extra { context[key] = value }
        let request = AuthorizationRequest(caller: Caller(kind: .federatedProvider, identifier: provider), action: action,
                                           resource: account.roleARN(role), resourceAccount: account.id, context: context)
        let result = Evaluator().evaluate(request, policies: set, explain: true)
        lastAuthorization = Authorization(request: request, policies: set, result: result,
                                          policyNames: [("trust policy of \(role.name)", role.trust.name)])
        guard result.decision == .allowed else {
            throw AWSError("AccessDenied", "Not authorized to perform \(action) on \(account.roleARN(role))", evaluation: result)
        }
    }

    // MARK: GetSessionToken, GetFederationToken

    /// STS GetSessionToken: long-term credentials only; the session keeps the caller's own permissions.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
    mutating func getSessionToken(duration: TimeInterval?, serialName: String?, code: String?) throws(AWSError) -> Credentials {
        let caller = try callerCredentials()
        guard caller.kind == .longTerm else {
            throw AWSError("AccessDenied", "Cannot call GetSessionToken with session credentials")
        }
        var seconds = duration ?? (caller.isRoot ? STSLimits.rootTokenMaximum : STSLimits.userTokenDefault)
        guard (STSLimits.minimumDuration...STSLimits.userTokenMaximum).contains(seconds) else {
            throw AWSError.validation("DurationSeconds must be from 900 to 129600; it is \(Int(seconds))")
        }
        // The root user's session tokens last at most an hour; a longer request gets an hour, not an error.
        if caller.isRoot { seconds = min(seconds, STSLimits.rootTokenMaximum) }
        let mfaAt = try checkMFA(caller: caller, serialName: serialName, code: code)
        var issued = Credentials(accessKeyID: nextKey(prefix: "ASIA"), kind: .sessionToken, account: caller.account,
                                 userName: caller.userName, issuedAt: world.now, expiresAt: world.now.addingTimeInterval(seconds))
        issued.mfaAuthenticatedAt = mfaAt
        return issued
    }

    /// STS AssumeRoot: an IAM user or role of the organization's management account, allowed `sts:AssumeRoot`,
    /// starts a privileged root session in a member account, scoped by one task policy, for at most 15 minutes.
    /// Centralized root access must be enabled; root user credentials cannot call it.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user-privileged-task.html
    mutating func assumeRoot(account reference: String, taskPolicy: String, duration: TimeInterval?) throws(AWSError) -> Credentials {
        let caller = try callerCredentials()
        let callerARN = principalARN(caller)
        if caller.isRoot { throw AWSError("AccessDenied", "root user credentials cannot call AssumeRoot: sign in as an IAM user or role of the management account") }
        guard caller.kind == .longTerm || caller.kind == .roleSession else {
            throw AWSError("AccessDenied", "User: \(callerARN) is not authorized to perform: sts:AssumeRoot (call it with an IAM user's or role's credentials)")
        }
        guard let organization = world.organization, caller.account == organization.managementAccount else {
            throw AWSError("AccessDenied", "User: \(callerARN) is not authorized to perform: sts:AssumeRoot: only the management account of the organization (or the delegated administrator for IAM) can start root sessions")
        }
        guard organization.centralizedRootAccess else {
            throw AWSError("AccessDenied", "centralized root access is not enabled in the organization: enable it (root sessions) before calling AssumeRoot")
        }
        guard let target = world.accountID(named: reference), organization.members.contains(target), target != organization.managementAccount else {
            throw AWSError.validation("`\(reference)` is not a member account of the organization: AssumeRoot starts root sessions in member accounts only")
        }
        guard let task = RootTaskPolicies.name(taskPolicy) else {
            throw AWSError.validation("`\(taskPolicy)` is not a root task policy: use one of " + RootTaskPolicies.actions.keys.sorted().joined(separator: ", "))
        }
        let seconds = duration ?? STSLimits.rootSessionMaximum
        guard seconds > 0, seconds <= STSLimits.rootSessionMaximum else {
            throw AWSError.validation("DurationSeconds of AssumeRoot must be at most 900 seconds (15 minutes); it is \(Int(seconds))")
        }
        let taskARN = RootTaskPolicies.arnPrefix + task
        let resource = "arn:aws:iam::\(target):root"
        // The member account has no policy to consult: the organization's setting is its consent, and the
        // caller's own policies decide (as for a request in the caller's account).
        let authorization = authorize(caller, action: "sts:AssumeRoot", resource: resource, resourceAccount: caller.account,
                                      extraContext: ["sts:TaskPolicyArn": .string(taskARN)])
        guard authorization.result.decision == .allowed else {
            throw AWSError("AccessDenied", "User: \(callerARN) is not authorized to perform: sts:AssumeRoot on resource: \(resource)",
                           evaluation: authorization.result)
        }
        var issued = Credentials(accessKeyID: nextKey(prefix: "ASIA"), kind: .sessionToken, account: target, userName: nil,
                                 issuedAt: world.now, expiresAt: world.now.addingTimeInterval(seconds))
        issued.rootTask = task
        issued.sessionPolicies = [try Document(name: task, text: RootTaskPolicies.document(task), file: "<task policy>")
            .namedPolicy(kind: .session, name: "task policy \(task)")]
        return issued
    }

    /// STS GetFederationToken: long-term credentials of an IAM user (or root) allowed
    /// `sts:GetFederationToken`; the session's permissions are the user's intersected with the session policy.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html
    mutating func getFederationToken(name: String, policy: Document?, duration: TimeInterval?) throws(AWSError) -> Credentials {
        let caller = try callerCredentials()
        guard caller.kind == .longTerm else {
            throw AWSError("AccessDenied", "Cannot call GetFederationToken with session credentials")
        }
        try IAMNames.checkSTSName(name, parameter: "Name", lengths: 2...32)
        var seconds = duration ?? (caller.isRoot ? STSLimits.rootTokenMaximum : STSLimits.userTokenDefault)
        guard (STSLimits.minimumDuration...STSLimits.userTokenMaximum).contains(seconds) else {
            throw AWSError.validation("DurationSeconds must be from 900 to 129600; it is \(Int(seconds))")
        }
        // The root user's federation sessions last at most an hour; a longer request gets an hour.
        if caller.isRoot { seconds = min(seconds, STSLimits.rootTokenMaximum) }
        let policies = try Self.sessionPolicies(policy, arns: [])
        let resource = "arn:aws:sts::\(caller.account):federated-user/\(name)"
        if !caller.isRoot {
            let authorization = authorize(caller, action: "sts:GetFederationToken", resource: resource)
            guard authorization.result.decision == .allowed else {
                throw AWSError("AccessDenied",
                               "User: \(principalARN(caller)) is not authorized to perform: sts:GetFederationToken on resource: \(resource)",
                               evaluation: authorization.result)
            }
        }
        var issued = Credentials(accessKeyID: nextKey(prefix: "ASIA"), kind: .federatedUser, account: caller.account,
                                 userName: caller.userName, roleName: name, sessionName: name, issuedAt: world.now,
                                 expiresAt: world.now.addingTimeInterval(seconds))
        issued.sessionPolicies = policies
        return issued
    }
}
