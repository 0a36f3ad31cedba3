import Foundation
import IAMPolicy

// Changes to the world, made as its administrator: not authorised through policies, but held to IAM's
// and EC2's own rules (a service-linked role cannot be edited, a profile holds one role, a role must be
// emptied before it is deleted).
extension Sandbox {
    mutating func change(_ command: Command) -> CommandResult {
        do {
            let line = try apply(command)
            return CommandResult(outcome: .ok, lines: [line])
        } catch {
            return .failure(error)
        }
    }

    /// The error IAM gives for any change to a service-linked role's policies.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
    static func protectedRole(_ name: String) -> AWSError {
        AWSError("UnmodifiableEntity", "Cannot perform the operation on the protected role '\(name)' - this role is only modifiable by AWS")
    }

    /// Refuses a change to a role that only AWS changes: a service-linked role, or a role of an IAM Identity
    /// Center permission set unless Identity Center makes the change (`--by sso.amazonaws.com`).
    /// https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html
    func checkModifiable(_ role: Role) throws(AWSError) {
        if role.isServiceLinked || (role.isIdentityCenterRole && changeBy != "sso.amazonaws.com") {
            throw Self.protectedRole(role.name)
        }
    }


    /// An entity's inline policies with the document put under `name` (replacing the policy of that name),
    /// within IAM's quota for their total.
    private static func putting(_ document: Document, named name: String, into policies: [NamedPolicy], of kind: EntityKind,
                                entity: String) throws(AWSError) -> [NamedPolicy] {
        try IAMNames.check(name, .policy)
        let policy = try document.namedPolicy(kind: .identity, name: name)
        let changed = policies.filter { $0.name != name } + [policy]
        try PolicyQuotas.checkInline(changed, of: kind, name: entity)
        return changed
    }

    private func entity(_ reference: String) throws(AWSError) -> (account: String, name: String) {
        guard let found = world.split(reference) else { throw AWSError("NoSuchEntity", "no entity `\(reference)`") }
        return found
    }

    // swiftlint:disable:next cyclomatic_complexity
    private mutating func apply(_ command: Command) throws(AWSError) -> String {
        switch command {
        case .putPolicy(let kind, let reference, let name, let document):
            let (id, entityName) = try entity(reference)
            var account = world.accounts[id]!
            switch kind {
            case .user:
                guard var user = account.users[entityName] else { throw AWSError("NoSuchEntity", "The user with name \(entityName) cannot be found.") }
                user.policies = try Self.putting(document, named: name, into: user.policies, of: kind, entity: entityName)
                account.users[entityName] = user
            case .group:
                guard var group = account.groups[entityName] else { throw AWSError("NoSuchEntity", "The group with name \(entityName) cannot be found.") }
                group.policies = try Self.putting(document, named: name, into: group.policies, of: kind, entity: entityName)
                account.groups[entityName] = group
            case .role:
                guard var role = account.roles[entityName] else { throw AWSError("NoSuchEntity", "The role with name \(entityName) cannot be found.") }
                try checkModifiable(role)
                role.policies = try Self.putting(document, named: name, into: role.policies, of: kind, entity: entityName)
                account.roles[entityName] = role
            }
            world.accounts[id] = account
            return "Put the policy \(name) on \(kind.rawValue) \(entityName)."
        case .deletePolicy(let kind, let reference, let name):
            let (id, entityName) = try entity(reference)
            var account = world.accounts[id]!
            let missing = AWSError("NoSuchEntity", "The \(kind.rawValue) policy with name \(name) cannot be found.")
            switch kind {
            case .user:
                guard var user = account.users[entityName], user.policies.contains(where: { $0.name == name }) else { throw missing }
                user.policies.removeAll { $0.name == name }
                account.users[entityName] = user
            case .group:
                guard var group = account.groups[entityName], group.policies.contains(where: { $0.name == name }) else { throw missing }
                group.policies.removeAll { $0.name == name }
                account.groups[entityName] = group
            case .role:
                guard var role = account.roles[entityName] else { throw missing }
                try checkModifiable(role)
                guard role.policies.contains(where: { $0.name == name }) else { throw missing }
                role.policies.removeAll { $0.name == name }
                account.roles[entityName] = role
            }
            world.accounts[id] = account
            return "Deleted the policy \(name) of \(kind.rawValue) \(entityName)."
        case .setTrust(let reference, let document):
            guard let (account, role) = world.role(reference) else { throw AWSError("NoSuchEntity", "no role `\(reference)`") }
            try checkModifiable(role)
            var changed = role
            changed.trust = try document.namedPolicy(kind: .trust, name: document.name ?? "trust policy")
            if let problem = World.identityProviderControlProblem(changed.trust.policy) {
                throw AWSError("MalformedPolicyDocument", problem)
            }
            try PolicyQuotas.checkTrust(changed.trust, role: role.name)
            world.accounts[account.id]!.roles[role.name] = changed
            return "Replaced the trust policy of \(role.name)."
        case .setBoundary(let kind, let reference, let document):
            let (id, name) = try entity(reference)
            let boundary = try document.namedPolicy(kind: .boundary, name: document.name ?? "boundary")
            try PolicyQuotas.checkManaged(boundary)
            switch kind {
            case .user:
                guard world.accounts[id]!.users[name] != nil else { throw AWSError("NoSuchEntity", "The user with name \(name) cannot be found.") }
                world.accounts[id]!.users[name]!.boundary = boundary
            case .role:
                guard let role = world.accounts[id]!.roles[name] else { throw AWSError("NoSuchEntity", "The role with name \(name) cannot be found.") }
                try checkModifiable(role)
                world.accounts[id]!.roles[name]!.boundary = boundary
            case .group:
                throw AWSError.validation("a permissions boundary is set on a user or a role, not on a group")
            }
            return "Set the permissions boundary of \(kind.rawValue) \(name)."
        case .clearBoundary(let kind, let reference):
            let (id, name) = try entity(reference)
            switch kind {
            case .user:
                guard world.accounts[id]!.users[name] != nil else { throw AWSError("NoSuchEntity", "The user with name \(name) cannot be found.") }
                world.accounts[id]!.users[name]!.boundary = nil
            case .role:
                guard let role = world.accounts[id]!.roles[name] else { throw AWSError("NoSuchEntity", "The role with name \(name) cannot be found.") }
                try checkModifiable(role)
                world.accounts[id]!.roles[name]!.boundary = nil
            case .group:
                throw AWSError.validation("a permissions boundary is set on a user or a role, not on a group")
            }
            return "Removed the permissions boundary of \(kind.rawValue) \(name)."
        case .putResourcePolicy(let arn, let document):
            guard var resource = world.resources[arn] else { throw AWSError("NoSuchEntity", "no resource `\(arn)` is declared") }
            if let service = ARN(arn)?.service, !Resource.servicesWithPolicies.contains(service) {
                throw AWSError.validation("`\(service)` resources have no resource-based policy: only identity-based policies govern them")
            }
            resource.policy = try document.namedPolicy(kind: .resource, name: document.name ?? (KMSAlias.isKeyARN(arn) ? "key policy" : "resource policy"))
            world.resources[arn] = resource
            return "Replaced the policy of \(arn)."
        case .attachSCP(let name, let target, let document):
            guard var organization = world.organization else { throw AWSError.validation("the world has no organization") }
            let node = try orgTarget(target, in: organization)
            let policy = try document.namedPolicy(kind: .scp, name: name)
            organization.scps[node, default: []].removeAll { $0.name == name }
            organization.scps[node, default: []].append(policy)
            world.organization = organization
            return "Attached the SCP \(name) to \(node)."
        case .detachSCP(let name, let target):
            guard var organization = world.organization else { throw AWSError.validation("the world has no organization") }
            let node = try orgTarget(target, in: organization)
            if name == "FullAWSAccess" {
                organization.fullAccessDetached.insert(node)
            } else {
                guard organization.scps[node]?.contains(where: { $0.name == name }) ?? false else {
                    throw AWSError("NoSuchEntity", "no SCP \(name) is attached to \(node)")
                }
                organization.scps[node]?.removeAll { $0.name == name }
            }
            world.organization = organization
            return "Detached the SCP \(name) from \(node)."
        case .createRole(let reference, let trust, let createdWith):
            guard let slash = reference.firstIndex(of: "/"), let id = world.accountID(named: String(reference[..<slash])) else {
                throw AWSError("NoSuchEntity", "no account in `\(reference)`: write ACCOUNT/NAME")
            }
            let name = String(reference[reference.index(after: slash)...])
            let role = Role(name: name, trust: try trust.namedPolicy(kind: .trust, name: trust.name ?? "trust policy"), createdWith: createdWith)
            try world.addRole(role, to: id)
            let profile = world.accounts[id]!.instanceProfiles[name]?.roleName == name && createdWith == .console
            return "Created the role \(name)" + (profile ? ", and (as the console does for EC2) the instance profile \(name) holding it." : ".")
        case .deleteRole(let reference):
            guard let (account, role) = world.role(reference) else { throw AWSError("NoSuchEntity", "The role with name \(reference) cannot be found.") }
            try checkModifiable(role)
            if account.instanceProfiles.values.contains(where: { $0.roleName == role.name }) {
                throw AWSError("DeleteConflict", "Cannot delete entity, must remove roles from instance profile first.")
            }
            if !role.policies.isEmpty {
                throw AWSError("DeleteConflict", "Cannot delete entity, must delete policies first.")
            }
            world.accounts[account.id]!.roles[role.name] = nil
            world.orphanPrincipal(account.roleARN(role), uniqueID: role.uniqueID)
            return "Deleted the role \(role.name)."
        case .deleteServiceLinkedRole(let reference):
            guard let (account, role) = world.role(reference) else { throw AWSError("NoSuchEntity", "The role with name \(reference) cannot be found.") }
            guard role.isServiceLinked else {
                throw AWSError.validation("\(role.name) is not a service-linked role: use delete-role")
            }
            if let user = role.usedBy.first {
                throw AWSError("DeleteConflict", "the deletion task failed: \(role.serviceLinkedService ?? "the service") still uses the role for \(user)")
            }
            world.accounts[account.id]!.roles[role.name] = nil
            world.orphanPrincipal(account.roleARN(role), uniqueID: role.uniqueID)
            return "Deleted the service-linked role \(role.name)."
        case .setMaxSession(let reference, let seconds):
            guard let (account, role) = world.role(reference) else { throw AWSError("NoSuchEntity", "The role with name \(reference) cannot be found.") }
            // Only the description of a service-linked role may change (docs/research/sts-rules.md SLR-06, the safe reading).
            try checkModifiable(role)
            guard Role.maxSessionDurationRange.contains(seconds) else {
                throw AWSError.validation("MaxSessionDuration must be from 3600 to 43200 seconds (1 to 12 hours); it is \(Int(seconds))")
            }
            world.accounts[account.id]!.roles[role.name]!.maxSessionDuration = seconds
            return "The maximum session duration of \(role.name) is now \(Self.duration(seconds))."
        case .deleteResource(let arn):
            var found = world.resources.removeValue(forKey: arn) != nil
            for (id, account) in world.accounts {
                for (name, role) in account.roles where role.usedBy.contains(arn) {
                    world.accounts[id]!.roles[name]!.usedBy.removeAll { $0 == arn }
                    found = true
                }
            }
            guard found else { throw AWSError("NoSuchEntity", "no resource `\(arn)` is declared or used by a service-linked role") }
            return "Deleted \(arn)."
        case .addRoleToProfile(let profileReference, let roleName):
            let (id, profileName) = try entity(profileReference)
            // AddRoleToInstanceProfile lists UnmodifiableEntity: a service-linked role cannot be put in a
            // profile (EC2-04). https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddRoleToInstanceProfile.html
            if world.accounts[id]?.instanceProfiles[profileName] != nil, let role = world.accounts[id]?.roles[roleName],
               role.isServiceLinked {
                throw Self.protectedRole(roleName)
            }
            try world.addRole(roleName, toProfile: profileName, in: id)
            return "Added the role \(roleName) to the instance profile \(profileName)."
        case .associateProfile(let instanceReference, let profile):
            let id = try instance(instanceReference)
            guard world.instances[id]!.profileName == nil else {
                throw AWSError("IncorrectState", "There is an existing association for instance \(id): use replace-profile")
            }
            try setProfile(profile, on: id)
            return "Associated the instance profile \(profile) with \(id)."
        case .replaceProfile(let instanceReference, let profile):
            let id = try instance(instanceReference)
            guard world.instances[id]!.profileName != nil else {
                throw AWSError("IncorrectState", "\(id) has no instance profile to replace: use associate-profile")
            }
            try setProfile(profile, on: id)
            return "Replaced the instance profile of \(id) with \(profile); its metadata service now serves the new role's credentials."
        case .disassociateProfile(let instanceReference):
            let id = try instance(instanceReference)
            guard world.instances[id]!.profileName != nil else { throw AWSError("IncorrectState", "\(id) has no instance profile") }
            world.instances[id]!.profileName = nil
            world.instances[id]!.currentCredentials = nil
            return "Removed the instance profile of \(id)."
        default:
            throw AWSError.validation("not a change")
        }
    }

    private func instance(_ reference: String) throws(AWSError) -> String {
        let id = reference.split(separator: "/").last.map(String.init) ?? reference
        guard world.instances[id] != nil else { throw AWSError("NoSuchEntity", "no instance `\(reference)`") }
        return id
    }

    private mutating func setProfile(_ profile: String, on id: String) throws(AWSError) {
        let account = world.instances[id]!.account
        let name = profile.split(separator: "/").last.map(String.init) ?? profile
        guard world.accounts[account]?.instanceProfiles[name] != nil else {
            throw AWSError("NoSuchEntity", "no instance profile \(name) in \(account)")
        }
        world.instances[id]!.profileName = name
        world.instances[id]!.currentCredentials = nil
    }

    private func orgTarget(_ target: String, in organization: Organization) throws(AWSError) -> String {
        if target == Organization.rootTarget || organization.units.contains(target) { return target }
        if let id = world.accountID(named: target), organization.members.contains(id) { return id }
        throw AWSError("NoSuchEntity", "no organization root, OU or member account `\(target)`")
    }
}
