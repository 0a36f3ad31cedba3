import Diagnostics
import Foundation
import IAMPolicy

// Pass 3, the organization: its OUs, members, SCPs and RCPs, and the targets they attach to.

extension ScenarioBuilder {
    mutating func buildOrganization(_ declaration: ScenarioDeclaration) {
        guard expectWords(declaration, count: 1...1),
              let management = account(declaration.words[0].text, at: declaration.words[0].range) else { return }
        var organization = Organization(managementAccount: management)
        var seen: [String: Int] = [:]
        func firstTime(_ key: String, _ line: Int) -> Int? {
            if let first = seen[key] { return first }
            seen[key] = line
            return nil
        }
        // OUs first, then members, then what is attached: the lines may come in any order.
        for attribute in declaration.attributes where attribute.name == "ou" {
            guard let word = single(attribute, usage: "ou PATH") else { continue }
            let parts = word.text.split(separator: "/", omittingEmptySubsequences: false)
            guard word.text != Organization.rootTarget, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isOUCharacter) }) else {
                error(.malformedValue, "malformed OU path `\(word.text)`", at: word.range,
                      help: "an OU path is names of letters, digits, `_` and `-` separated by `/`, such as `workloads/prod`")
                continue
            }
            // AWS Organizations nests OUs at most five levels below the root.
            // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
            guard parts.count <= 5 else {
                error(.malformedValue, "the OU path `\(word.text)` is \(parts.count) levels deep; AWS allows five", at: word.range,
                      help: "an organization nests OUs at most five levels below the root")
                continue
            }
            if let first = firstTime("ou:\(word.text)", attribute.line) {
                error(.givenTwice, "OU `\(word.text)` given twice", at: word.range, help: "the first is on line \(first)")
                continue
            }
            // `workloads/prod` nests `prod` in `workloads`, which exists with it.
            for end in parts.indices {
                let path = parts[0...end].joined(separator: "/")
                if !organization.units.contains(path) { organization.units.append(path) }
            }
        }
        for attribute in declaration.attributes where attribute.name == "member" {
            let words = attribute.words
            guard words.count == 1 || (words.count == 3 && words[1].text == "in") else {
                error(.wrongShape, "expected `member ACCOUNT in PATH`", at: attribute.valueRange,
                      help: "write `member ACCOUNT in PATH`, or `member ACCOUNT` for an account directly under the root")
                continue
            }
            guard let id = account(words[0].text, at: words[0].range) else { continue }
            if let first = firstTime("member:\(id)", attribute.line) {
                error(.givenTwice, "member `\(words[0].text)` given twice", at: words[0].range, help: "the first is on line \(first)")
                continue
            }
            organization.members.insert(id)
            if words.count == 3, words[2].text != Organization.rootTarget {
                guard organization.units.contains(words[2].text) else {
                    error(.undeclared, "no OU `\(words[2].text)` in the organization", at: words[2].range,
                          help: Self.didYouMean(words[2].text, in: organization.units) ?? "declare it with `ou \(words[2].text)`")
                    continue
                }
                organization.placement[id] = words[2].text
            }
        }
        for attribute in declaration.attributes where attribute.name == "scp" || attribute.name == "rcp" {
            let usage = "\(attribute.name) NAME on TARGET: JSON"
            let words = attribute.words
            guard words.count == 3, words[1].text == "on" else {
                error(.wrongShape, "expected `\(attribute.name) NAME on TARGET:`", at: attribute.nameRange, help: "write `\(usage)`")
                continue
            }
            guard IAMNames.isValid(words[0].text, .policy) else {
                error(.malformedName, "malformed policy name `\(words[0].text)`", at: words[0].range, help: IAMNames.rule(.policy))
                continue
            }
            guard let target = organizationTarget(words[2], in: organization, code: ScenarioCode.undeclared),
                  let document = attribute.document else { continue }
            let policy = policy(document, kind: attribute.name == "scp" ? .scp : .rcp, name: words[0].text)
            if let first = firstTime("\(attribute.name):\(target):\(policy.name)", attribute.line) {
                error(.givenTwice, "\(attribute.name) `\(policy.name)` attached twice to `\(words[2].text)`", at: words[0].range,
                      help: "the first is on line \(first)")
                continue
            }
            if attribute.name == "scp" {
                organization.scps[target, default: []].append(policy)
            } else {
                organization.rcps[target, default: []].append(policy)
            }
        }
        for attribute in declaration.attributes where attribute.name == "detach-full-access" {
            guard let word = single(attribute, usage: "detach-full-access TARGET"),
                  let target = organizationTarget(word, in: organization, code: ScenarioCode.undeclared) else { continue }
            if let first = firstTime("detach:\(target)", attribute.line) {
                error(.givenTwice, "`FullAWSAccess` detached twice from `\(word.text)`", at: word.range, help: "the first is on line \(first)")
                continue
            }
            organization.fullAccessDetached.insert(target)
        }
        for attribute in declaration.attributes where attribute.name == "root-access" {
            guard let word = single(attribute, usage: "root-access: centralized") else { continue }
            guard word.text == "centralized" else {
                error(.malformedValue, "unknown root access setting `\(word.text)`", at: word.range,
                      help: "write `root-access: centralized` to let the management account start root sessions in member accounts")
                continue
            }
            organization.centralizedRootAccess = true
        }
        world.organization = organization
    }

    /// The node a target names: `root`, an OU path, or a member account by id or alias (reported with `code`).
    mutating func organizationTarget(_ word: ScenarioWord, in organization: Organization, code: ScenarioCode) -> String? {
        if word.text == Organization.rootTarget || organization.units.contains(word.text) { return word.text }
        if let id = world.accountID(named: word.text), organization.members.contains(id) { return id }
        let members = organization.members.sorted().flatMap { id in [id] + [world.accounts[id]?.alias].compactMap { $0 } }
        let candidates = [Organization.rootTarget] + organization.units + members
        let isOutside = world.accountID(named: word.text) != nil
        error(code, isOutside ? "account `\(word.text)` is not a member of the organization" : "no root, OU or member account `\(word.text)`",
              at: word.range,
              help: isOutside ? "add `member \(word.text) in PATH` to the organization"
                : Self.didYouMean(word.text, in: candidates) ?? "a target is `root`, an OU path or a member account")
        return nil
    }
}
