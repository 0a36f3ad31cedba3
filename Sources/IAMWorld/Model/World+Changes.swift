import Foundation
import IAMPolicy

// Changes to the world that IAM and EC2 make, with IAM's own rules. Scenario files build their world
// through these, and the sandbox's change commands call them, so both follow the same rules; names and
// paths follow `IAMNames`.
extension World {
    /// Adds an account (a new id; an alias not used by another account).
    ///
    /// The alias is the world's shorthand for the account (`prod/alice`) and is not held to IAM's
    /// `IAMNames.isAccountAlias` here: tests name accounts `ci`. Scenario files check IAM's rule (S008).
    public mutating func addAccount(_ id: String, alias: String? = nil) throws(AWSError) {
        guard Account.isValidID(id) else { throw AWSError.validation("an account id is 12 digits, not `\(id)`") }
        guard accounts[id] == nil else { throw AWSError("EntityAlreadyExists", "account \(id) is already declared") }
        if let alias, accountID(named: alias) != nil {
            throw AWSError("EntityAlreadyExists", "the alias `\(alias)` is already used")
        }
        accounts[id] = Account(id: id, alias: alias)
    }

    private func existingAccount(_ id: String) throws(AWSError) -> Account {
        guard let account = accounts[id] else { throw AWSError("NoSuchEntity", "no account \(id)") }
        return account
    }

    public mutating func addUser(_ user: User, to account: String) throws(AWSError) {
        var a = try existingAccount(account)
        guard a.users[user.name] == nil else { throw AWSError("EntityAlreadyExists", "user \(user.name) already exists in \(account)") }
        try IAMNames.check(user.name, .user)
        try IAMNames.checkPath(user.path)
        try IAMNames.checkPolicyNames(user.policies)
        for device in user.mfaDevices.keys { try IAMNames.check(device, .mfaDevice) }
        try PolicyQuotas.checkInline(user.policies, of: .user, name: user.name)
        if let boundary = user.boundary { try PolicyQuotas.checkManaged(boundary) }
        a.users[user.name] = user
        accounts[account] = a
    }

    public mutating func addGroup(_ group: Group, to account: String) throws(AWSError) {
        var a = try existingAccount(account)
        guard a.groups[group.name] == nil else { throw AWSError("EntityAlreadyExists", "group \(group.name) already exists in \(account)") }
        try IAMNames.check(group.name, .group)
        try IAMNames.checkPolicyNames(group.policies)
        try PolicyQuotas.checkInline(group.policies, of: .group, name: group.name)
        a.groups[group.name] = group
        accounts[account] = a
    }

    /// Adds a role. A role created in the console for EC2 (its trust policy lets `ec2.amazonaws.com`
    /// assume it) also gets an instance profile of the same name holding it; the CLI and API create no
    /// profile. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html
    public mutating func addRole(_ role: Role, to account: String) throws(AWSError) {
        var a = try existingAccount(account)
        guard a.roles[role.name] == nil else { throw AWSError("EntityAlreadyExists", "role \(role.name) already exists in \(account)") }
        try IAMNames.check(role.name, .role)
        try IAMNames.checkPath(role.path)
        try IAMNames.checkPolicyNames(role.policies)
        guard Role.maxSessionDurationRange.contains(role.maxSessionDuration) else {
            throw AWSError.validation("MaxSessionDuration must be from 3600 to 43200 seconds (1 to 12 hours)")
        }
        if let problem = Self.identityProviderControlProblem(role.trust.policy) {
            throw AWSError("MalformedPolicyDocument", problem)
        }
        try PolicyQuotas.checkTrust(role.trust, role: role.name)
        try PolicyQuotas.checkInline(role.policies, of: .role, name: role.name)
        if let boundary = role.boundary { try PolicyQuotas.checkManaged(boundary) }
        var role = role
        uniqueIDsIssued += 1
        role.uniqueID = "AROA" + String(format: "%016d", uniqueIDsIssued)
        a.roles[role.name] = role
        if role.createdWith == .console, Self.trusts(role.trust.policy, service: "ec2.amazonaws.com"),
           a.instanceProfiles[role.name] == nil {
            a.instanceProfiles[role.name] = InstanceProfile(name: role.name, path: role.path, roleName: role.name)
        }
        accounts[account] = a
    }

    /// Shared OIDC identity providers and the claim IAM requires a trust policy to test before it accepts a
    /// role that trusts them ("identity-provider controls"): without it, any customer of the provider
    /// could assume the role. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html
    static let sharedProviderControls = [
        "token.actions.githubusercontent.com": "token.actions.githubusercontent.com:sub",
        // Roles for Cognito identity pools must test the pool id (`aud`).
        // https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html
        "cognito-identity.amazonaws.com": "cognito-identity.amazonaws.com:aud",
    ]

    /// Why IAM would refuse a trust policy that trusts a shared OIDC provider without testing its
    /// required claim (`MalformedPolicyDocument` on CreateRole and UpdateAssumeRolePolicy), or nil.
    public static func identityProviderControlProblem(_ trust: Policy) -> String? {
        for statement in trust.statements where statement.effect == .allow {
            for principal in statement.principals ?? [] where principal.kind == .federated {
                for (host, claim) in sharedProviderControls
                where principal.value == host || principal.value.hasSuffix(":oidc-provider/\(host)") {
                    if !statement.conditions.contains(where: { $0.key.lowercased() == claim }) {
                        return "a trust policy that trusts the shared OIDC provider \(host) must test `\(claim)`"
                    }
                }
            }
        }
        return nil
    }

    /// After a role is deleted, AWS shows the policies that named it with its unique id instead of its
    /// ARN: a role created again under the same name does not match them.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
    mutating func orphanPrincipal(_ arn: String, uniqueID: String) {
        for (id, account) in accounts {
            for (name, role) in account.roles {
                if let replaced = role.trust.policy.replacingPrincipal(arn, with: uniqueID) {
                    accounts[id]!.roles[name]!.trust.policy = replaced
                }
            }
        }
        for (key, resource) in resources {
            if let policy = resource.policy, let replaced = policy.policy.replacingPrincipal(arn, with: uniqueID) {
                resources[key]!.policy!.policy = replaced
            }
        }
    }

    /// Whether a trust policy has an Allow statement naming the service as principal.
    static func trusts(_ policy: Policy, service: String) -> Bool {
        policy.statements.contains { statement in
            statement.effect == .allow && statement.principalPolarity == .positive
                && (statement.principals ?? []).contains { $0.kind == .service && $0.value == service }
        }
    }

    public mutating func addInstanceProfile(_ profile: InstanceProfile, to account: String) throws(AWSError) {
        var a = try existingAccount(account)
        guard a.instanceProfiles[profile.name] == nil else {
            throw AWSError("EntityAlreadyExists", "instance profile \(profile.name) already exists in \(account)")
        }
        try IAMNames.check(profile.name, .instanceProfile)
        try IAMNames.checkPath(profile.path)
        if let role = profile.roleName, a.roles[role] == nil { throw AWSError("NoSuchEntity", "no role \(role) in \(account)") }
        if let role = profile.roleName, a.roles[role]?.isServiceLinked == true {
            throw AWSError("UnmodifiableEntity", "Cannot perform the operation on the protected role '\(role)' - this role is only modifiable by AWS")
        }
        a.instanceProfiles[profile.name] = profile
        accounts[account] = a
    }

    /// IAM AddRoleToInstanceProfile: a profile holds one role.
    public mutating func addRole(_ roleName: String, toProfile profileName: String, in account: String) throws(AWSError) {
        var a = try existingAccount(account)
        guard var profile = a.instanceProfiles[profileName] else {
            throw AWSError("NoSuchEntity", "The instance profile \(profileName) cannot be found.")
        }
        guard a.roles[roleName] != nil else { throw AWSError("NoSuchEntity", "The role with name \(roleName) cannot be found.") }
        guard profile.roleName == nil else {
            throw AWSError("LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1")
        }
        profile.roleName = roleName
        a.instanceProfiles[profileName] = profile
        accounts[account] = a
    }

    public mutating func addProvider(_ provider: IdentityProvider, to account: String) throws(AWSError) {
        var a = try existingAccount(account)
        guard a.providers[provider.name] == nil else {
            throw AWSError("EntityAlreadyExists", "provider \(provider.name) already exists in \(account)")
        }
        try IAMNames.checkProvider(provider)
        a.providers[provider.name] = provider
        accounts[account] = a
    }

    public mutating func addInstance(_ instance: Instance) throws(AWSError) {
        let a = try existingAccount(instance.account)
        guard instances[instance.id] == nil else { throw AWSError("EntityAlreadyExists", "instance \(instance.id) already exists") }
        guard IAMNames.isInstanceID(instance.id) else { throw AWSError.validation(IAMNames.instanceIDRule + ", not `\(instance.id)`") }
        if let profile = instance.profileName, a.instanceProfiles[profile] == nil {
            throw AWSError("NoSuchEntity", "no instance profile \(profile) in \(instance.account)")
        }
        instances[instance.id] = instance
    }

    public mutating func addResource(_ resource: Resource) throws(AWSError) {
        _ = try existingAccount(resource.owner)
        guard resources[resource.arn] == nil else { throw AWSError("EntityAlreadyExists", "resource \(resource.arn) is already declared") }
        if !resource.aliases.isEmpty {
            // An alias names one key of its account and Region (KMS CreateAlias).
            guard KMSAlias.isKeyARN(resource.arn) else { throw AWSError.validation("only a KMS key has aliases, not \(resource.arn)") }
            for alias in resource.aliases where KMSAlias.arn(of: alias, besideKey: resource.arn).flatMap(kmsKey(forAlias:)) != nil {
                throw AWSError("EntityAlreadyExists", "the alias \(alias) already names another key")
            }
        }
        resources[resource.arn] = resource
    }
}

extension Policy {
    /// The policy with every `AWS` principal equal to `arn` replaced by `replacement`, or nil when none is.
    func replacingPrincipal(_ arn: String, with replacement: String) -> Policy? {
        var changed = false
        let statements = self.statements.map { statement -> Statement in
            guard let principals = statement.principals, principals.contains(where: { $0.kind == .aws && $0.value == arn }) else {
                return statement
            }
            changed = true
            let replaced = principals.map { p in p.kind == .aws && p.value == arn ? PrincipalPattern(kind: .aws, value: replacement, range: p.range) : p }
            return Statement(index: statement.index, sid: statement.sid, effect: statement.effect, actions: statement.actions,
                             actionPolarity: statement.actionPolarity, resources: statement.resources,
                             resourcePolarity: statement.resourcePolarity, principals: replaced,
                             principalPolarity: statement.principalPolarity, conditions: statement.conditions, range: statement.range)
        }
        guard changed else { return nil }
        return Policy(id: id, kind: kind, version: version, policyID: policyID, statements: statements, range: range)
    }
}
