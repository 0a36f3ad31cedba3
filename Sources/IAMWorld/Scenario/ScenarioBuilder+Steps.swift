import Diagnostics
import Foundation
import IAMPolicy

// Pass 4: the steps. Each command is parsed with `CommandParser`, its documents checked as the policy
// kind the command makes of them, and the entities it names checked against the world as it will be
// when the step runs (declared, or created by an earlier step).

extension ScenarioBuilder {
    mutating func buildSteps() -> [Step] {
        var steps: [Step] = []
        var names: [String: Int] = [:]
        for draft in stepDrafts {
            var name: String?
            if let word = draft.name {
                if !Self.isLowercaseName(word.text) {
                    error(.malformedName, "malformed step name `\(word.text)`", at: word.range,
                          help: "a step name is lowercase letters, digits and `-`; bank questions name steps with it")
                } else if let first = names[word.text] {
                    error(.duplicateStep, "step `\(word.text)` is already declared", at: word.range,
                          help: "the first is on line \(first); step names are unique in a file")
                } else {
                    names[word.text] = draft.line
                }
                name = word.text
            }
            var expect: ExpectedOutcome?
            var expectRange: SourceRange?
            var note: String?
            for attribute in draft.attributes {
                if attribute.name == "note" {
                    note = attribute.value.isEmpty ? nil : attribute.value
                    continue
                }
                guard let word = single(attribute, usage: "expect: OUTCOME") else { continue }
                guard let outcome = ExpectedOutcome(word.text) else {
                    error(.unknownOutcome, "unknown outcome `\(word.text)`", at: word.range,
                          help: Self.didYouMean(word.text, in: ExpectedOutcome.words)
                            ?? "outcomes: " + ExpectedOutcome.words.joined(separator: ", "))
                    continue
                }
                expect = outcome
                expectRange = word.range
            }
            guard !draft.commandText.isEmpty else { continue }
            let parser = CommandParser(file: file, line: draft.line, baseDirectory: baseDirectory, documents: documents)
            switch parser.parseDetailed(draft.commandText, startColumn: draft.commandColumn) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .success(let parsed):
                // A step that expects a failure may name a missing entity or pass a broken document on
                // purpose (an unregistered provider, a role that does not exist, a policy IAM refuses).
                let expectsFailure = expect.map { !$0.expectsSuccess } ?? false
                if expect != .exactly(.error("MalformedPolicyDocument")) { checkDocuments(parsed.command) }
                if !expectsFailure { checkReferences(parsed) }
                validateAction(of: parsed.command, in: draft)
                track(parsed.command)
                steps.append(Step(name: name, number: draft.number, command: parsed.command, commandText: draft.commandText,
                                  expect: expect, note: note,
                                  range: SourceRange(line: draft.line, column: 1, length: draft.lineRange.end.column - 1),
                                  expectRange: expectRange))
            }
        }
        return steps
    }

    /// Checks the documents of a command as the kind of policy the command makes of them.
    private mutating func checkDocuments(_ command: Command) {
        var uses: [(Document, PolicyKind)] = []
        switch command {
        case .assume(let options): if let policy = options.policy { uses.append((policy, .session)) }
        case .getFederationToken(_, let policy, _): if let policy { uses.append((policy, .session)) }
        case .putPolicy(_, _, _, let document): uses.append((document, .identity))
        case .setTrust(_, let document): uses.append((document, .trust))
        case .setBoundary(_, _, let document): uses.append((document, .boundary))
        case .putResourcePolicy(_, let document): uses.append((document, .resource))
        case .attachSCP(_, _, let document): uses.append((document, .scp))
        case .createRole(_, let trust, _): uses.append((trust, .trust))
        default: break
        }
        for (document, kind) in uses {
            let result = document.parse(kind: kind)
            diagnostics += result.diagnostics
            validate(result.policy, in: document)
        }
    }

    /// Remembers the roles (and console instance profiles) a `create-role` step makes, for later steps.
    private mutating func track(_ command: Command) {
        guard case .createRole(let reference, let trust, let createdWith) = command, let (account, name) = world.split(reference) else { return }
        createdRoles[account, default: []].insert(name)
        if createdWith == .console, let policy = trust.parse(kind: .trust).policy, World.trusts(policy, service: "ec2.amazonaws.com") {
            createdProfiles[account, default: []].insert(name)
        }
    }

    // MARK: Static checks of the names a step uses

    /// The entities a step names must exist when it runs: declared, or created by an earlier step.
    private mutating func checkReferences(_ parsed: ParsedCommand) {
        let p = parsed.positionals
        if case .byService(_, let inner) = parsed.command {
            var unwrapped = parsed
            unwrapped.command = inner
            checkReferences(unwrapped)
            return
        }
        switch parsed.command {
        case .asUser(let reference):
            checkEntity(.user, reference, at: p[1])
        case .asRoot(let reference):
            _ = account(reference, at: p[1])
        case .assumeRoot(let reference, _, _):
            _ = account(reference, at: p[0])
        case .asInstance(let reference):
            checkInstance(reference, at: p[1])
        case .assume(let options):
            checkEntity(.role, options.role, at: p[0])
        case .assumeSAML(let options):
            if let account = checkEntity(.role, options.role, at: p[0]), let range = parsed.options["--provider"] {
                checkProvider(.saml, options.provider, in: account, at: range)
            }
        case .assumeWeb(let options):
            if let account = checkEntity(.role, options.role, at: p[0]), let range = parsed.options["--provider"] {
                checkProvider(.oidc, options.provider, in: account, at: range)
            }
        case .putPolicy(let kind, let reference, _, _), .deletePolicy(let kind, let reference, _),
             .setBoundary(let kind, let reference, _), .clearBoundary(let kind, let reference):
            checkEntity(EntityCheck(kind), reference, at: p[1])
        case .setTrust(let reference, _), .deleteRole(let reference), .deleteServiceLinkedRole(let reference):
            checkEntity(.role, reference, at: p[0])
        case .putResourcePolicy(let arn, _):
            checkResource(arn, at: p[0])
        case .attachSCP(_, let target, _), .detachSCP(_, let target):
            guard let organization = world.organization else {
                error(.undeclaredInStep, "no organization is declared", at: parsed.range,
                      help: "declare one with `organization MANAGEMENT-ACCOUNT` to attach SCPs")
                return
            }
            _ = organizationTarget(ScenarioWord(text: target, range: p[1]), in: organization, code: ScenarioCode.undeclaredInStep)
        case .createRole(let reference, _, _):
            guard let slash = reference.firstIndex(of: "/") else {
                error(.malformedName, "expected `ACCOUNT/NAME` for the role, found `\(reference)`", at: p[0],
                      help: "write the account (its id or alias), a slash and the role's name")
                return
            }
            let accountText = String(reference[..<slash])
            let name = String(reference[reference.index(after: slash)...])
            let word = ScenarioWord(text: reference, range: p[0])
            guard account(accountText, at: word.subrange(from: 0, count: accountText.unicodeScalars.count)) != nil else { return }
            if !IAMNames.isValid(name, .role) {
                error(.malformedName, "malformed role name `\(name)`", at: word.subrange(from: accountText.unicodeScalars.count + 1, count: name.unicodeScalars.count),
                      help: IAMNames.rule(.role))
            }
        case .addRoleToProfile(let profile, let role):
            guard let account = checkEntity(.profile, profile, at: p[0]) else { return }
            checkName(.role, role, in: account, at: p[1])
        case .associateProfile(let instance, let profile), .replaceProfile(let instance, let profile):
            guard let account = checkInstance(instance, at: p[0]) else { return }
            let name = profile.split(separator: "/").last.map(String.init) ?? profile
            checkName(.profile, name, in: account, at: p[1])
        case .disassociateProfile(let instance):
            checkInstance(instance, at: p[0])
        case .can(let call):
            if let id = call.via, let range = parsed.options["--via"] { checkEndpoint(id, at: range) }
        default:
            break
        }
    }

    /// What a step may name, with how it is shown and where its names are.
    enum EntityCheck {
        case user, group, role, profile

        init(_ kind: EntityKind) {
            switch kind {
            case .user: self = .user
            case .group: self = .group
            case .role: self = .role
            }
        }

        var word: String {
            switch self {
            case .user: "user"
            case .group: "group"
            case .role: "role"
            case .profile: "instance profile"
            }
        }

        /// The resource type in an IAM ARN.
        var arnType: String {
            switch self {
            case .profile: "instance-profile"
            default: word
            }
        }
    }

    /// The names of `kind` in `account` when the step runs.
    private func names(_ kind: EntityCheck, in account: String) -> [String] {
        guard let a = world.accounts[account] else { return [] }
        switch kind {
        case .user: return a.users.keys.sorted()
        case .group: return a.groups.keys.sorted()
        case .role: return (Set(a.roles.keys).union(createdRoles[account] ?? [])).sorted()
        case .profile: return (Set(a.instanceProfiles.keys).union(createdProfiles[account] ?? [])).sorted()
        }
    }

    /// Checks `ACCOUNT/NAME` (or an IAM ARN) names an existing entity; returns its account (S008, S010, S017).
    @discardableResult
    private mutating func checkEntity(_ kind: EntityCheck, _ reference: String, at range: SourceRange) -> String? {
        let word = ScenarioWord(text: reference, range: range)
        if reference.hasPrefix("arn:") {
            guard let arn = ARN(reference), arn.service == "iam", arn.resource.hasPrefix("\(kind.arnType)/"),
                  let name = arn.resource.split(separator: "/").last.map(String.init) else {
                error(.malformedName, "malformed \(kind.word) ARN `\(reference)`", at: range,
                      help: "a \(kind.word) ARN is `arn:aws:iam::ACCOUNT:\(kind.arnType)/NAME`")
                return nil
            }
            let offset = reference.unicodeScalars.count - arn.resource.unicodeScalars.count - 1 - arn.account.unicodeScalars.count
            guard let account = account(arn.account, at: word.subrange(from: offset, count: arn.account.unicodeScalars.count)) else { return nil }
            checkName(kind, name, in: account, at: range, prefix: "")
            return account
        }
        guard let slash = reference.firstIndex(of: "/") else {
            error(.malformedName, "expected `ACCOUNT/NAME` for the \(kind.word), found `\(reference)`", at: range,
                  help: "write the account (its id or alias), a slash and the name" + (kind == .role ? ", or the role's ARN" : ""))
            return nil
        }
        let accountText = String(reference[..<slash])
        let name = String(reference[reference.index(after: slash)...])
        let accountLength = accountText.unicodeScalars.count
        guard let account = account(accountText, at: word.subrange(from: 0, count: accountLength)) else { return nil }
        checkName(kind, name, in: account, at: word.subrange(from: accountLength + 1, count: name.unicodeScalars.count),
                  prefix: accountText + "/")
        return account
    }

    /// Checks a name of `kind` exists in `account` (S017); `prefix` is written before a suggestion.
    private mutating func checkName(_ kind: EntityCheck, _ name: String, in account: String, at range: SourceRange, prefix: String = "") {
        let known = names(kind, in: account)
        guard !known.contains(name) else { return }
        let help = Self.didYouMean(name, in: known, prefix: prefix)
            ?? (known.isEmpty ? "\(accountLabel(account)) has no \(kind.word)s" : "\(kind.word)s of \(accountLabel(account)): "
                + known.map { "`\($0)`" }.joined(separator: ", "))
        error(.undeclaredInStep, "no \(kind.word) `\(name)` in \(accountLabel(account))", at: range, help: help)
    }

    /// Checks `ACCOUNT/ID` names a declared instance of that account; returns the account (S008, S010, S017).
    @discardableResult
    private mutating func checkInstance(_ reference: String, at range: SourceRange) -> String? {
        let word = ScenarioWord(text: reference, range: range)
        guard let slash = reference.firstIndex(of: "/") else {
            error(.malformedName, "expected `ACCOUNT/ID` for the instance, found `\(reference)`", at: range,
                  help: "write the account (its id or alias), a slash and the instance id")
            return nil
        }
        let accountText = String(reference[..<slash])
        let id = String(reference[reference.index(after: slash)...])
        let accountLength = accountText.unicodeScalars.count
        guard let account = account(accountText, at: word.subrange(from: 0, count: accountLength)) else { return nil }
        guard let instance = world.instances[id], instance.account == account else {
            let known = world.instances.values.filter { $0.account == account }.map(\.id).sorted()
            error(.undeclaredInStep, "no instance `\(id)` in \(accountLabel(account))", at: word.subrange(from: accountLength + 1, count: id.unicodeScalars.count),
                  help: Self.didYouMean(id, in: known, prefix: accountText + "/") ?? "declare it with `instance \(accountText)/\(id)`")
            return nil
        }
        return account
    }

    /// Checks an identity provider of the role's account (S017).
    private mutating func checkProvider(_ kind: IdentityProvider.Kind, _ name: String, in account: String, at range: SourceRange) {
        // Google, Facebook, Login with Amazon and Cognito need no IAM provider.
        if kind == .oidc, Sandbox.builtInWebProviders.contains(name.replacingOccurrences(of: "https://", with: "")) { return }
        let known = (world.accounts[account]?.providers.values.filter { $0.kind == kind }.map(\.name) ?? []).sorted()
        guard !known.contains(name) else { return }
        let what = kind == .saml ? "SAML provider" : "OIDC provider"
        let declaration = kind == .saml ? "saml-provider" : "oidc-provider"
        error(.undeclaredInStep, "no \(what) `\(name)` in \(accountLabel(account))", at: range,
              help: Self.didYouMean(name, in: known) ?? "the provider must be in the role's account: declare `\(declaration) ACCOUNT/\(name)`")
    }

    /// Checks the world knows who owns a resource whose policy a step replaces (S008, S010, S017).
    private mutating func checkResource(_ text: String, at range: SourceRange) {
        guard let arn = ARN(text), !arn.service.isEmpty, !arn.resource.isEmpty else {
            error(.malformedName, "malformed ARN `\(text)`", at: range, help: "an ARN is `arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE`")
            return
        }
        if world.resourceEntry(for: text) != nil { return }
        if arn.account.isEmpty {
            let known = world.resources.keys.sorted()
            error(.undeclaredInStep, "no resource `\(text)` is declared", at: range,
                  help: Self.didYouMean(text, in: known) ?? "its ARN has no account: declare it with `resource \(text)` and `owner: ACCOUNT`")
            return
        }
        let offset = text.unicodeScalars.count - arn.resource.unicodeScalars.count - 1 - arn.account.unicodeScalars.count
        _ = account(arn.account, at: ScenarioWord(text: text, range: range).subrange(from: offset, count: arn.account.unicodeScalars.count))
    }
}
