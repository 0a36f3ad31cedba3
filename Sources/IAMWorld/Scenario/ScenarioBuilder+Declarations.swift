import Diagnostics
import Foundation
import IAMPolicy

// Pass 3: the declarations of the world (accounts, documents, principals, instances, providers and
// resources) and the attributes they share, built through the World+Changes methods.

extension ScenarioBuilder {
    mutating func buildAccount(_ declaration: ScenarioDeclaration) {
        guard expectWords(declaration, count: 1...2) else { return }
        let idWord = declaration.words[0]
        guard Account.isValidID(idWord.text) else {
            error(.malformedName, "malformed account id `\(idWord.text)`", at: idWord.range, help: "an account id is 12 digits")
            return
        }
        if let first = declaredOn["account:\(idWord.text)"] {
            error(.duplicateDeclaration, "account `\(idWord.text)` is already declared", at: idWord.range, help: "the first is on line \(first)")
            return
        }
        declaredOn["account:\(idWord.text)"] = declaration.line
        var alias: String?
        if declaration.words.count == 2 {
            let aliasWord = declaration.words[1]
            if !IAMNames.isAccountAlias(aliasWord.text) {
                error(.malformedName, "malformed account alias `\(aliasWord.text)`", at: aliasWord.range, help: IAMNames.accountAliasRule)
            } else if let first = declaredOn["alias:\(aliasWord.text)"] {
                error(.duplicateDeclaration, "alias `\(aliasWord.text)` is already used", at: aliasWord.range, help: "the first is on line \(first)")
            } else {
                alias = aliasWord.text
                declaredOn["alias:\(aliasWord.text)"] = declaration.line
            }
        }
        do {
            try world.addAccount(idWord.text, alias: alias)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    mutating func buildDocument(_ declaration: ScenarioDeclaration) {
        guard let nameWord = declaration.words.first else { return }
        let name = nameWord.text
        guard Self.isDocumentName(name) else {
            error(.malformedName, "malformed document name `\(name)`", at: nameWord.range,
                  help: "a document name is letters, digits, `.`, `_` and `-`")
            return
        }
        if let first = declaredOn["document:\(name)"] {
            error(.duplicateDeclaration, "document `\(name)` is already declared", at: nameWord.range, help: "the first is on line \(first)")
            return
        }
        declaredOn["document:\(name)"] = declaration.line
        guard let document = declaration.document else { return }
        documents[name] = document
        // The kind of policy a document is depends on the step that uses it: each use checks it as that kind
        // (see `checkDocuments`). The JSON itself is checked here, so that an unused document is checked too.
        let padded = String(repeating: "\n", count: max(0, document.start.line - 1))
            + String(repeating: " ", count: max(0, document.start.column - 1)) + document.text
        if case .failure(let diagnostic) = JSONReader.parse(padded, file: file) {
            diagnostics.append(diagnostic)
        }
    }

    // MARK: Attributes shared by declarations

    /// A policy attribute: `policy NAME: JSON` when `named`, else `trust: JSON` or `policy: JSON` (then
    /// `defaultName` names it). Its diagnostics are reported; nil when it is not usable.
    mutating func policy(_ attribute: ScenarioAttribute, kind: PolicyKind, named: Bool, defaultName: String,
                                 usage: String) -> NamedPolicy? {
        var name = defaultName
        if named {
            guard attribute.words.count == 1 else {
                error(.wrongShape, attribute.words.isEmpty ? "missing policy name after `\(attribute.name)`" : "expected one policy name before `:`",
                      at: attribute.words.dropFirst().first?.range ?? attribute.nameRange, help: "write `\(usage)`")
                return nil
            }
            name = attribute.words[0].text
            guard IAMNames.isValid(name, .policy) else {
                error(.malformedName, "malformed policy name `\(name)`", at: attribute.words[0].range, help: IAMNames.rule(.policy))
                return nil
            }
        } else if let extra = attribute.words.first {
            error(.wrongShape, "unexpected `\(extra.text)` before `:`", at: extra.range, help: "write `\(usage)`")
            return nil
        }
        guard let document = attribute.document else { return nil }
        return policy(document, kind: kind, name: name)
    }

    /// Parses a document as a policy of `kind`, reporting its diagnostics at their place in the file.
    ///
    /// An invalid policy is replaced by one without statements, so that the entity still exists and the
    /// steps that name it are checked; the scenario is not returned when there are errors anyway.
    mutating func policy(_ document: Document, kind: PolicyKind, name: String) -> NamedPolicy {
        let result = document.parse(kind: kind, id: name)
        diagnostics += result.diagnostics
        validate(result.policy, in: document)
        let policy = result.policy ?? Policy(id: name, kind: kind, version: .v2012_10_17, statements: [],
                                             range: SourceRange(start: document.start, end: document.start))
        return NamedPolicy(name: name, text: document.text, policy: policy)
    }

    /// The one word of a `name: VALUE` attribute (S007).
    mutating func single(_ attribute: ScenarioAttribute, usage: String) -> ScenarioWord? {
        guard attribute.words.count == 1 else {
            error(.wrongShape, attribute.words.isEmpty ? "missing value after `\(attribute.name)`" : "expected one value after `\(attribute.name)`",
                  at: attribute.words.dropFirst().first?.range ?? attribute.valueRange, help: "write `\(usage)`")
            return nil
        }
        return attribute.words[0]
    }

    private mutating func path(_ attribute: ScenarioAttribute) -> String? {
        guard let word = single(attribute, usage: "path: /PATH/") else { return nil }
        guard IAMNames.isPath(word.text) else {
            error(.malformedValue, "malformed path `\(word.text)`", at: word.range, help: IAMNames.pathRule)
            return nil
        }
        return word.text
    }

    /// `tag: KEY=VALUE`, added to `tags` (S003 for a key given twice, S009 for a malformed tag).
    private mutating func tag(_ attribute: ScenarioAttribute, into tags: inout [String: String]) {
        guard let word = single(attribute, usage: "tag: KEY=VALUE") else { return }
        guard let equals = word.text.firstIndex(of: "="), equals != word.text.startIndex else {
            error(.malformedValue, "malformed tag `\(word.text)`", at: word.range, help: "write `tag: KEY=VALUE`; the key cannot be empty")
            return
        }
        let key = String(word.text[..<equals])
        guard tags[key] == nil else {
            error(.givenTwice, "tag `\(key)` given twice", at: word.range, help: "a tag key has one value")
            return
        }
        tags[key] = String(word.text[word.text.index(after: equals)...])
    }

    // MARK: Declarations

    mutating func buildGroup(_ declaration: ScenarioDeclaration) {
        guard let (account, name) = entity(declaration, what: "group", kind: .group) else { return }
        var group = Group(name: name)
        for attribute in declaration.attributes {
            guard let policy = policy(attribute, kind: .identity, named: true, defaultName: "", usage: "policy NAME: JSON") else { continue }
            if group.policies.contains(where: { $0.name == policy.name }) {
                error(.givenTwice, "policy `\(policy.name)` given twice", at: attribute.words[0].range, help: "policy names are unique per group")
                continue
            }
            group.policies.append(policy)
        }
        guard isNew("group", account: account, name: name, line: declaration.line, at: declaration.words[0].range, what: "group") else { return }
        do {
            try world.addGroup(group, to: account)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    mutating func buildUser(_ declaration: ScenarioDeclaration) {
        guard let (account, name) = entity(declaration, what: "user", kind: .user) else { return }
        var user = User(name: name)
        for attribute in declaration.attributes {
            switch attribute.name {
            case "path":
                if let path = path(attribute) { user.path = path }
            case "group":
                guard let word = single(attribute, usage: "group: NAME") else { continue }
                let groups = world.accounts[account]?.groups.keys.sorted() ?? []
                guard groups.contains(word.text) else {
                    error(.undeclared, "no group `\(word.text)` in \(accountLabel(account))", at: word.range,
                          help: Self.didYouMean(word.text, in: groups) ?? "declare it with `group ACCOUNT/\(word.text)`")
                    continue
                }
                if user.groups.contains(word.text) {
                    error(.givenTwice, "group `\(word.text)` given twice", at: word.range, help: "a user is in a group once")
                    continue
                }
                user.groups.append(word.text)
            case "policy", "boundary":
                let isBoundary = attribute.name == "boundary"
                guard let policy = policy(attribute, kind: isBoundary ? .boundary : .identity, named: true, defaultName: "",
                                          usage: "\(attribute.name) NAME: JSON") else { continue }
                if isBoundary {
                    user.boundary = policy
                } else if user.policies.contains(where: { $0.name == policy.name }) {
                    error(.givenTwice, "policy `\(policy.name)` given twice", at: attribute.words[0].range, help: "policy names are unique per user")
                } else {
                    user.policies.append(policy)
                }
            case "tag":
                tag(attribute, into: &user.tags)
            default:
                // mfa: SERIAL-NAME CODE
                guard attribute.words.count == 2 else {
                    error(.wrongShape, "expected a device name and its code after `mfa`", at: attribute.valueRange,
                          help: "write `mfa: SERIAL-NAME CODE`, such as `mfa: alice-phone 123456`")
                    continue
                }
                let (serial, code) = (attribute.words[0], attribute.words[1])
                guard IAMNames.isValid(serial.text, .mfaDevice) else {
                    error(.malformedName, "malformed MFA device name `\(serial.text)`", at: serial.range, help: IAMNames.rule(.mfaDevice))
                    continue
                }
                guard code.text.count == 6, code.text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    error(.malformedValue, "malformed MFA code `\(code.text)`", at: code.range, help: "a virtual MFA device shows six digits")
                    continue
                }
                if user.mfaDevices[serial.text] != nil {
                    error(.givenTwice, "MFA device `\(serial.text)` given twice", at: serial.range, help: "each device has one current code")
                    continue
                }
                user.mfaDevices[serial.text] = code.text
            }
        }
        guard isNew("user", account: account, name: name, line: declaration.line, at: declaration.words[0].range, what: "user") else { return }
        do {
            try world.addUser(user, to: account)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    mutating func buildRole(_ declaration: ScenarioDeclaration) {
        guard let (account, name) = entity(declaration, what: "role", kind: .role) else { return }
        var trust: NamedPolicy?
        var sawTrust = false
        var path = "/"
        var pathAttribute: ScenarioAttribute?
        var policies: [NamedPolicy] = []
        var boundary: NamedPolicy?
        var maxSession = Role.defaultMaxSessionDuration
        var tags: [String: String] = [:]
        var service: String?
        var usedBy: [String] = []
        var createdWith = CreatedWith.cli
        for attribute in declaration.attributes {
            switch attribute.name {
            case "trust":
                sawTrust = true
                trust = policy(attribute, kind: .trust, named: false, defaultName: "trust policy", usage: "trust: JSON")
            case "path":
                pathAttribute = attribute
                if let value = self.path(attribute) { path = value }
            case "policy":
                guard let policy = policy(attribute, kind: .identity, named: true, defaultName: "", usage: "policy NAME: JSON") else { continue }
                if policies.contains(where: { $0.name == policy.name }) {
                    error(.givenTwice, "policy `\(policy.name)` given twice", at: attribute.words[0].range, help: "policy names are unique per role")
                } else {
                    policies.append(policy)
                }
            case "boundary":
                boundary = policy(attribute, kind: .boundary, named: true, defaultName: "", usage: "boundary NAME: JSON")
            case "max-session":
                guard let word = single(attribute, usage: "max-session: DURATION") else { continue }
                guard let seconds = CommandParser.duration(word.text) else {
                    error(.malformedValue, "malformed duration `\(word.text)`", at: word.range,
                          help: "write seconds or a number with `s`, `m`, `h` or `d`, largest first (`90m`, `1h30m`)")
                    continue
                }
                guard Role.maxSessionDurationRange.contains(seconds) else {
                    error(.malformedValue, "`max-session` must be from 1h to 12h, not `\(word.text)`", at: word.range,
                          help: "IAM's MaxSessionDuration is 3600 to 43200 seconds")
                    continue
                }
                maxSession = seconds
            case "tag":
                tag(attribute, into: &tags)
            case "service-linked":
                guard let word = single(attribute, usage: "service-linked: SERVICE") else { continue }
                guard word.text.hasSuffix(".amazonaws.com"), word.text.count > ".amazonaws.com".count, !word.text.contains("/") else {
                    error(.malformedValue, "malformed service `\(word.text)`", at: word.range,
                          help: "name the service principal, such as `elasticbeanstalk.amazonaws.com`")
                    continue
                }
                service = word.text
            case "used-by":
                guard let word = single(attribute, usage: "used-by: RESOURCE") else { continue }
                usedBy.append(word.text)
            default:
                // created-with: console|cli
                guard let word = single(attribute, usage: "created-with: console|cli") else { continue }
                guard let value = CreatedWith(rawValue: word.text) else {
                    error(.malformedValue, "unknown `created-with` value `\(word.text)`", at: word.range,
                          help: Self.didYouMean(word.text, in: ["console", "cli"]) ?? "write `console` or `cli`")
                    continue
                }
                createdWith = value
            }
        }
        if !sawTrust {
            error(.missingAttribute, "role `\(name)` has no `trust:`", at: declaration.keywordRange,
                  help: "a role needs a trust policy saying who may assume it: add `trust:` and its JSON")
        }
        if !usedBy.isEmpty, service == nil, let first = declaration.attributes.first(where: { $0.name == "used-by" }) {
            error(.malformedValue, "`used-by` belongs to a service-linked role", at: first.valueRange,
                  help: "add `service-linked: SERVICE`, or remove `used-by`")
        }
        if let service {
            // IAM puts every service-linked role under this path.
            if let pathAttribute, path != "/aws-service-role/\(service)/" {
                error(.malformedValue, "a service-linked role's path is `/aws-service-role/\(service)/`", at: pathAttribute.valueRange,
                      help: "remove `path:`; IAM sets the path of a service-linked role")
            }
            path = "/aws-service-role/\(service)/"
        }
        let placeholder = NamedPolicy(name: "trust policy", text: "", policy: Policy(
            id: "trust policy", kind: .trust, version: .v2012_10_17, statements: [], range: declaration.keywordRange))
        var role = Role(name: name, path: path, trust: trust ?? placeholder, policies: policies, boundary: boundary,
                        maxSessionDuration: maxSession, tags: tags, serviceLinkedService: service, createdWith: createdWith)
        role.usedBy = usedBy
        guard isNew("role", account: account, name: name, line: declaration.line, at: declaration.words[0].range, what: "role") else { return }
        do {
            try world.addRole(role, to: account)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    mutating func buildInstanceProfile(_ declaration: ScenarioDeclaration) {
        guard let (account, name) = entity(declaration, what: "instance profile", kind: .instanceProfile) else { return }
        var profile = InstanceProfile(name: name)
        for attribute in declaration.attributes {
            guard let word = single(attribute, usage: "role: ROLE-NAME") else { continue }
            let roles = world.accounts[account]?.roles.keys.sorted() ?? []
            guard roles.contains(word.text) else {
                error(.undeclared, "no role `\(word.text)` in \(accountLabel(account))", at: word.range,
                      help: Self.didYouMean(word.text, in: roles) ?? "the role is named without its account, and declared with `role ACCOUNT/\(word.text)`")
                continue
            }
            profile.roleName = word.text
        }
        guard isNew("profile", account: account, name: name, line: declaration.line, at: declaration.words[0].range,
                    what: "instance profile") else { return }
        if world.accounts[account]?.instanceProfiles[name] != nil {
            error(.duplicateDeclaration, "instance profile `\(name)` already exists in \(accountLabel(account))", at: declaration.words[0].range,
                  help: "the role `\(name)` was created with the console, which also creates an instance profile of the same name holding it")
            return
        }
        do {
            try world.addInstanceProfile(profile, to: account)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    mutating func buildInstance(_ declaration: ScenarioDeclaration) {
        guard let (account, id) = entity(declaration, what: "instance", isValidName: IAMNames.isInstanceID,
                                         rule: IAMNames.instanceIDRule) else { return }
        var instance = Instance(id: id, account: account)
        for attribute in declaration.attributes {
            switch attribute.name {
            case "vpc":
                if let vpc = vpcID(attribute) { instance.vpc = vpc }
                continue
            case "private-ip":
                guard let word = single(attribute, usage: "private-ip: IP") else { continue }
                guard let address = IPRange(address: word.text), !address.isV6 else {
                    error(.malformedValue, "malformed IPv4 address `\(word.text)`", at: word.range, help: "write the instance's private address, such as `10.0.1.15`")
                    continue
                }
                instance.privateIP = word.text
                continue
            case "imds":
                guard let word = single(attribute, usage: "imds: v1 | v2") else { continue }
                guard word.text == "v1" || word.text == "v2" else {
                    error(.malformedValue, "unknown metadata service version `\(word.text)`", at: word.range,
                          help: "`imds: v2` (tokens required, the default) or `imds: v1` (IMDSv1 also answers)")
                    continue
                }
                instance.imdsV1Allowed = word.text == "v1"
                continue
            default:
                break
            }
            guard let word = single(attribute, usage: "profile: NAME") else { continue }
            let profiles = world.accounts[account]?.instanceProfiles.keys.sorted() ?? []
            guard profiles.contains(word.text) else {
                error(.undeclared, "no instance profile `\(word.text)` in \(accountLabel(account))", at: word.range,
                      help: Self.didYouMean(word.text, in: profiles) ?? "declare it with `instance-profile ACCOUNT/\(word.text)`")
                continue
            }
            instance.profileName = word.text
        }
        // Instance ids are unique across accounts.
        guard isNewID("instance", id, line: declaration.line, at: declaration.words[0].range) else { return }
        do {
            try world.addInstance(instance)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    mutating func buildProvider(_ declaration: ScenarioDeclaration) {
        let isSAML = declaration.keyword == "saml-provider"
        let what = isSAML ? "SAML provider" : "OIDC provider"
        let rule = isSAML ? IAMNames.samlProviderRule : IAMNames.oidcHostRule
        guard let (account, name) = entity(declaration, what: what, isValidName: isSAML ? IAMNames.isSAMLProviderName : IAMNames.isOIDCHost,
                                           rule: rule) else { return }
        var provider = IdentityProvider(kind: isSAML ? .saml : .oidc, name: name)
        for attribute in declaration.attributes {
            guard let word = single(attribute, usage: "audience: CLIENT-ID") else { continue }
            if provider.audiences.contains(word.text) {
                error(.givenTwice, "audience `\(word.text)` given twice", at: word.range, help: "list each client id once")
                continue
            }
            provider.audiences.append(word.text)
        }
        guard isNew("provider", account: account, name: name, line: declaration.line, at: declaration.words[0].range,
                    what: "identity provider") else { return }
        do {
            try world.addProvider(provider, to: account)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    mutating func buildResource(_ declaration: ScenarioDeclaration) {
        guard expectWords(declaration, count: 1...1) else { return }
        let arnWord = declaration.words[0]
        guard let arn = ARN(arnWord.text), arn.partition.hasPrefix("aws"), !arn.service.isEmpty, !arn.resource.isEmpty else {
            error(.malformedName, "malformed ARN `\(arnWord.text)`", at: arnWord.range,
                  help: "an ARN is `arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE`, such as `arn:aws:s3:::reports`")
            return
        }
        var owner: String?
        var ownerGiven = false
        var policy: NamedPolicy?
        var aliases: [String] = []
        var tags: [String: String] = [:]
        var s3ABAC = false
        for attribute in declaration.attributes {
            if attribute.name == "abac" {
                guard let word = single(attribute, usage: "abac: enabled") else { continue }
                guard word.text == "enabled", arn.service == "s3" else {
                    error(.malformedValue, word.text == "enabled" ? "`abac:` is a setting of S3 buckets" : "unknown ABAC setting `\(word.text)`", at: word.range,
                          help: "write `abac: enabled` on an S3 bucket whose tags policies may test (other resources' tags always count)")
                    continue
                }
                s3ABAC = true
            } else if attribute.name == "tag" {
                tag(attribute, into: &tags)
            } else if attribute.name == "alias" {
                if let alias = kmsAlias(attribute, of: arnWord.text, after: aliases) { aliases.append(alias) }
            } else if attribute.name == "owner" {
                ownerGiven = true
                guard let word = single(attribute, usage: "owner: ACCOUNT"), let id = account(word.text, at: word.range) else { continue }
                if !arn.account.isEmpty, id != arn.account {
                    error(.malformedValue, "the owner `\(word.text)` is not the account of the ARN, `\(arn.account)`", at: word.range,
                          help: "a resource whose ARN names an account belongs to that account; remove `owner:`")
                    continue
                }
                owner = id
            } else {
                // A KMS key's key policy is its resource-based policy, which the evaluator reads as the key policy.
                guard Resource.servicesWithPolicies.contains(arn.service) else {
                    error(.malformedValue, "`\(arn.service)` resources have no resource-based policy", at: attribute.nameRange,
                          help: "only identity-based policies (and Organizations) govern them; grant access through a role or user policy")
                    continue
                }
                policy = self.policy(attribute, kind: .resource, named: false,
                                     defaultName: KMSAlias.isKeyARN(arnWord.text) ? "key policy" : "resource policy", usage: "policy: JSON")
            }
        }
        if owner == nil, !ownerGiven {
            if arn.account.isEmpty {
                error(.missingAttribute, "missing `owner:` for `\(arnWord.text)`", at: declaration.keywordRange,
                      help: "the ARN has no account (as for S3): say which account owns the resource with `owner: ACCOUNT`")
            } else if world.accounts[arn.account] != nil {
                owner = arn.account
            } else {
                let accountOffset = arnWord.text.unicodeScalars.count - arn.resource.unicodeScalars.count - 1 - arn.account.unicodeScalars.count
                _ = account(arn.account, at: arnWord.subrange(from: accountOffset, count: arn.account.unicodeScalars.count))
            }
        }
        if let first = declaredOn["resource:\(arnWord.text)"] {
            error(.duplicateDeclaration, "resource `\(arnWord.text)` is already declared", at: arnWord.range, help: "the first is on line \(first)")
            return
        }
        declaredOn["resource:\(arnWord.text)"] = declaration.line
        guard let owner else { return }
        do {
            var resource = Resource(arn: arnWord.text, owner: owner, policy: policy, aliases: aliases, tags: tags)
            resource.s3ABAC = s3ABAC
            try world.addResource(resource)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }
}
