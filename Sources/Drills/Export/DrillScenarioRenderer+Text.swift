import Foundation
import IAMPolicy

/// The text of a drill's world and steps, once every option has been read.
extension DrillWorld {
    static let assumerPolicy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
        + "\"Action\": [\"sts:AssumeRole\", \"sts:TagSession\", \"sts:SetSourceIdentity\"], \"Resource\": \"*\"}]}"

    /// A trust policy that lets the assumers' account start sessions of a caller's role, with tags and a source identity.
    var callerTrust: String {
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::\(launcher):root\"}, "
            + "\"Action\": [\"sts:AssumeRole\", \"sts:TagSession\", \"sts:SetSourceIdentity\"]}]}"
    }

    /// The scenario: header, accounts, organization, users, roles, resources, the session policy, then the
    /// options' steps in the order of their times (options without one first), the clock advanced between.
    func text(blocks: [OptionBlock]) throws(DrillExportError) -> String {
        let ordered = blocks.enumerated().sorted { a, b in
            switch (a.element.time, b.element.time) {
            case (nil, nil): a.offset < b.offset
            case (nil, _): true
            case (_, nil): false
            case (let x?, let y?): x == y ? a.offset < b.offset : x < y
            }
        }.map(\.element)
        let start = ordered.compactMap(\.time).min()
        var lines = ["scenario: \(drill.question.id)",
                     "title: iamquiz drill \(drill.family): each option's request, decided as the evaluator keyed it"]
        if let start { lines.append("start: \(Self.iso(start))") }
        lines.append("")
        for account in accounts { lines.append("account \(account)") }
        if usesLauncher { lines.append("account \(launcher) assumers") }
        let organization = try organizationLines()
        if !organization.isEmpty { lines.append("account \(management) management") }
        lines.append("")
        if !organization.isEmpty { lines += organization + [""] }
        for key in userOrder {
            for (index, tags) in (userTags[key] ?? []).enumerated() {
                let name = index == 0 ? key : "\(key)-\(index + 1)"
                lines.append("user \(name)")
                lines += tags.sorted { $0.key < $1.key }.map { "  tag: \($0.key)=\($0.value)" }
                if mfaUsers.contains(name) { lines.append("  mfa: \(name.split(separator: "/").last ?? "")-mfa \(DrillScenarioRenderer.mfaCode)") }
                lines += permissionLines()
                lines.append("")
            }
        }
        for name in launcherUsers {
            lines.append("user \(launcher)/\(name)")
            if mfaUsers.contains("\(launcher)/\(name)") { lines.append("  mfa: \(name)-mfa \(DrillScenarioRenderer.mfaCode)") }
            lines += ["  policy assume-drill-roles: \(Self.assumerPolicy)", ""]
        }
        for role in roles {
            if trustTargets.contains(role) { throw failure("the role `\(role)` is both a caller and the subject of the trust policy") }
            lines += ["role \(role)", "  trust: \(callerTrust)"] + permissionLines() + [""]
        }
        if let trust = drill.policies.first(where: { $0.kind == .trust }) {
            for role in trustTargets { lines += ["role \(role)", "  trust: \(trust.document)", ""] }
        }
        let resourcePolicy = drill.policies.first { $0.kind == .resource }
        for resource in resourceOrder {
            let s3 = resource.hasPrefix("arn:aws:s3:::")
            let holder = resource == Self.holder(of: resource)
            let tags = resourceTags[resource] ?? [:]
            guard s3 && holder || resourcePolicy != nil && holder || !tags.isEmpty else { continue }
            lines.append("resource \(resource)")
            if s3 { lines.append("  owner: \(home)") }
            if let resourcePolicy, holder { lines.append("  policy: \(resourcePolicy.document)") }
            lines += tags.sorted { $0.key < $1.key }.map { "  tag: \($0.key)=\($0.value)" }
            lines.append("")
        }
        if let session { lines += ["document \(session.name): \(session.document)", ""] }
        var clock = start
        var acting: ArraySlice<String> = []
        for block in ordered {
            if let time = block.time, let now = clock, time > now {
                lines.append("step: advance \(Int(time.timeIntervalSince(now).rounded()))s")
                clock = time
                acting = []
            }
            lines.append("# option \(block.name.dropFirst()): \(block.text.replacingOccurrences(of: "\n", with: " "))")
            // The identity of the option before is still the current one: its session serves again.
            let setup = block.steps.dropLast()
            let skipped = setup == acting ? setup.count : 0
            acting = setup
            for (j, step) in block.steps.enumerated() where j >= skipped {
                let last = j == block.steps.count - 1
                lines.append("step \(last ? block.name : "\(block.name)-\(j + 1)"): \(step)")
                if last {
                    lines.append("  expect: \(block.outcome)")
                } else if !step.hasPrefix("as ") {
                    lines.append("  expect: ok")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The identity policies and the boundary every caller of the drill has.
    private func permissionLines() -> [String] {
        identity.map { "  policy \($0.name): \($0.document)" } + (boundary.map { ["  boundary \($0.name): \($0.document)"] } ?? [])
    }

    /// The organization: an OU per OU level the SCPs and RCPs name (nested in the order written, from the root
    /// down), the drill's accounts in the deepest, each policy at its level, and FullAWSAccess detached where
    /// a drill SCP stands.
    private func organizationLines() throws(DrillExportError) -> [String] {
        let policies = drill.policies.filter { $0.kind == .scp || $0.kind == .rcp }
        guard !policies.isEmpty else { return [] }
        var paths: [String] = []
        var placed: [(policy: DrillPolicy, target: String)] = []
        for policy in policies {
            let target: String
            let attachment = policy.attachment ?? "the account"
            if attachment == "the account" {
                target = home
            } else if attachment == "the root" {
                target = "root"
            } else if attachment.hasPrefix("the "), attachment.hasSuffix(" OU") {
                let name = String(attachment.dropFirst(4).dropLast(3)).lowercased().replacingOccurrences(of: " ", with: "-")
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw failure("the OU of `\(policy.name)` (\(attachment)) has a name the scenario format cannot write")
                }
                if let known = paths.first(where: { $0.split(separator: "/").last.map(String.init) == name }) {
                    target = known
                } else {
                    target = (paths.last.map { $0 + "/" } ?? "") + name
                    paths.append(target)
                }
            } else {
                throw failure("the \(policy.kindName) `\(policy.name)` is attached to `\(attachment)`, which is not the root, an OU or the account")
            }
            // Policies attached to one place are one level, for the drill's evaluator as for the world.
            placed.append((policy, target))
        }
        var lines = ["organization \(management)"]
        lines += paths.map { "  ou \($0)" }
        lines += accounts.map { "  member \($0)" + (paths.last.map { " in \($0)" } ?? "") }
        var detached: Set<String> = []
        for (policy, target) in placed {
            // The world, as AWS, has RCPFullAWSAccess attached everywhere, and it cannot be detached.
            if policy.kind == .rcp, policy.name == "RCPFullAWSAccess" { continue }
            lines.append("  \(policy.kind == .scp ? "scp" : "rcp") \(policy.name) on \(target): \(policy.document)")
            // The evaluator reads a level as the drill's SCPs alone: FullAWSAccess goes where a drill SCP stands.
            if policy.kind == .scp, detached.insert(target).inserted { lines.append("  detach-full-access \(target)") }
        }
        return lines
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
