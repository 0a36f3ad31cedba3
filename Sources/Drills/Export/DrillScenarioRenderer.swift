import Foundation
import IAMPolicy
import IAMWorld

/// Why a drill cannot be exported: the drill's id and what the export cannot write (a context key the world
/// cannot produce, a policy it has no place for, a scenario that would decide otherwise than the key).
public struct DrillExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var drill: String
    public var message: String

    public init(drill: String, message: String) {
        self.drill = drill
        self.message = message
    }

    public var description: String { "cannot export drill `\(drill)`: \(message)" }
}

/// Writes the scenario of a drill keyed by the evaluator (docs/scenario-format.md): a world that holds its
/// policies where AWS keeps them, and for each option the steps that make its request, the last named `cN`
/// (N the option's number) with the evaluator's decision as `expect:`.
///
/// The world: the drill's accounts; its users (one per set of principal tags a caller shows: a user's tags
/// are fixed) with the identity policies and the boundary, each with an MFA device when an option signs in
/// with MFA; the roles of role sessions with the same policies, assumed from a user of an account outside
/// the drill (so that no SCP of the drill limits the AssumeRole call), the session policy passed with
/// `assume --policy`; an organization with each SCP and RCP at its level, FullAWSAccess detached where a
/// drill SCP stands (the evaluator reads a level as that SCP alone); resources with the resource-based policy,
/// tags and owner. Keys AWS sets come from the world (MFA, tags, source identity, the clock); keys the
/// client chooses are `--from`, `--region` and `--context`. What the world cannot make is an error naming
/// the key, never a scenario that decides something else.
enum DrillScenarioRenderer {
    /// Accounts the renderer may add (the assumers' account, the organization's management account), the
    /// first ones the drill does not use.
    static let spareAccounts = ["444455556666", "777788889999", "555566667777", "888899990000"]
    static let mfaCode = "123456"

    static func text(for drill: GeneratedDrill) throws(DrillExportError) -> String {
        var world = try DrillWorld(drill: drill)
        let blocks = try drill.options.enumerated().map { index, option throws(DrillExportError) in
            guard let request = option.request else { throw world.failure("option \(index + 1) has no request") }
            return try world.block(for: request, option: index, outcome: option.outcome)
        }
        return try world.text(blocks: blocks)
    }
}

/// A principal of the drill as its ARN names it.
enum DrillCaller: Hashable {
    case user(account: String, name: String)
    case session(account: String, role: String, session: String)

    init?(arn: String) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[1] == "aws", parts[4].count == 12 else { return nil }
        let path = parts[5].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts[2] == "iam", path.count == 2, path[0] == "user", !path[1].isEmpty {
            self = .user(account: parts[4], name: path[1])
        } else if parts[2] == "sts", path.count == 3, path[0] == "assumed-role", !path[1].isEmpty, !path[2].isEmpty {
            self = .session(account: parts[4], role: path[1], session: path[2])
        } else {
            return nil
        }
    }

    var account: String {
        switch self {
        case .user(let account, _), .session(let account, _, _): account
        }
    }
}

/// What an option's context asks of the world, sorted out by who makes each key.
struct OptionContext {
    var sourceIP: String?
    var region: String?
    var mfa: Bool?
    var sourceIdentity: String?
    var time: Date?
    var principalTags: [String: String] = [:]
    var resourceTags: [String: String] = [:]
    /// `--context KEY=VALUE` pairs, in order.
    var client: [(String, String)] = []
}

/// The world being written for one drill: its accounts, principals, organization and resources, filled as
/// the options are read.
struct DrillWorld {
    let drill: GeneratedDrill
    let home: String
    var accounts: [String] = []
    let launcher: String
    let management: String
    var usesLauncher = false
    /// User variants: (account, name) -> principal tag sets in order of first use; variant k is `name-(k+1)`.
    var userTags: [String: [[String: String]]] = [:]
    var userOrder: [String] = []
    var mfaUsers: Set<String> = []
    var roles: [String] = []
    var launcherUsers: [String] = []
    var resourceTags: [String: [String: String]] = [:]
    var resourceOrder: [String] = []
    var trustTargets: [String] = []

    var identity: [DrillPolicy] { drill.policies.filter { $0.kind == .identity } }
    var boundary: DrillPolicy? { drill.policies.first { $0.kind == .boundary } }
    var session: DrillPolicy? { drill.policies.first { $0.kind == .session } }

    init(drill: GeneratedDrill) throws(DrillExportError) {
        self.drill = drill
        let callers = drill.options.compactMap { $0.request.flatMap { DrillCaller(arn: $0.callerARN) } }
        guard let first = callers.first else {
            throw DrillExportError(drill: drill.question.id, message: "no option names a caller as an IAM user or role session ARN")
        }
        home = first.account
        var used = Set(callers.map(\.account))
        for option in drill.options {
            if let arn = option.request?.resource, let account = ARN(arn)?.account, account.count == 12 { used.insert(account) }
        }
        accounts = [home] + used.subtracting([home]).sorted()
        let spare = DrillScenarioRenderer.spareAccounts.filter { !used.contains($0) }
        launcher = spare[0]
        management = spare[1]
        for policy in drill.policies where [.endpoint].contains(policy.kind) {
            throw failure("a \(policy.kindName) (`\(policy.name)`) has no place in a scenario of this export")
        }
        if drill.policies.filter({ $0.kind == .boundary }).count > 1 { throw failure("it has more than one permissions boundary") }
        if drill.policies.filter({ $0.kind == .session }).count > 1 { throw failure("it has more than one session policy") }
        if drill.policies.filter({ $0.kind == .resource || $0.kind == .trust }).count > 1 {
            throw failure("it has more than one resource-based or trust policy")
        }
    }

    func failure(_ message: String) -> DrillExportError {
        DrillExportError(drill: drill.question.id, message: message)
    }

    /// The steps of option `index` (0-based): who acts, the session it starts, and the deciding `can`.
    mutating func block(for request: DrillRequest, option index: Int, outcome: Outcome) throws(DrillExportError) -> OptionBlock {
        let name = "c\(index + 1)"
        guard let caller = DrillCaller(arn: request.callerARN) else {
            throw failure("option \(name): the caller `\(request.callerARN)` is neither an IAM user nor a role session")
        }
        let context = try sort(request, caller: caller, option: name)
        var steps: [String] = []
        switch caller {
        case .user(let account, let user):
            if context.sourceIdentity != nil {
                throw failure("option \(name): aws:SourceIdentity on an IAM user's request: only role sessions carry it")
            }
            let variant = userVariant(account: account, name: user, tags: context.principalTags)
            steps.append("as user \(account)/\(variant)")
            switch context.mfa {
            case true?:
                mfaUsers.insert("\(account)/\(variant)")
                steps.append("get-session-token --serial \(variant)-mfa --mfa \(DrillScenarioRenderer.mfaCode)")
            case false?: steps.append("get-session-token")
            case nil: break
            }
        case .session(let account, let role, let sessionName):
            usesLauncher = true
            if !roles.contains("\(account)/\(role)") { roles.append("\(account)/\(role)") }
            if !launcherUsers.contains(sessionName) { launcherUsers.append(sessionName) }
            steps.append("as user \(launcher)/\(sessionName)")
            var assume = "assume \(account)/\(role) --session-name \(sessionName)"
            if context.mfa == true {
                mfaUsers.insert("\(launcher)/\(sessionName)")
                assume += " --serial \(sessionName)-mfa --mfa \(DrillScenarioRenderer.mfaCode)"
            }
            if let policy = self.session { assume += " --policy @\(policy.name)" }
            if let source = context.sourceIdentity { assume += " --source-identity \(try word(source, option: name))" }
            for (key, value) in context.principalTags.sorted(by: { $0.key < $1.key }) {
                assume += " --tag \(try word("\(key)=\(value)", option: name))"
            }
            steps.append(assume)
        }
        if session != nil, case .user = caller {
            throw failure("option \(name): a session policy with an IAM user as the caller (only a role session has one here)")
        }
        var can = "can \(request.action) \(try word(request.resource, option: name))"
        if let ip = context.sourceIP { can += " --from \(try word(ip, option: name))" }
        if let region = context.region { can += " --region \(try word(region, option: name))" }
        for (key, value) in context.client { can += " --context \(try word("\(key)=\(value)", option: name))" }
        steps.append(can)
        try noteResource(request.resource, tags: context.resourceTags, option: name)
        return OptionBlock(name: name, text: request.text, steps: steps, time: context.time, outcome: outcome)
    }

    /// Each context key of the option, given to whoever makes it in AWS.
    private func sort(_ request: DrillRequest, caller: DrillCaller, option: String) throws(DrillExportError) -> OptionContext {
        var result = OptionContext()
        var tagKeys: [String]?
        for entry in request.context {
            let key = entry.name, lowered = entry.name.lowercased()
            guard let value = entry.values.first else {
                throw failure("option \(option): the key \(key) is present with no value, which a request of the scenario cannot carry")
            }
            let single = entry.values.count == 1
            func one() throws(DrillExportError) -> String {
                guard single else { throw failure("option \(option): the key \(key) has several values; AWS gives it one") }
                return value
            }
            switch lowered {
            case "aws:sourceip": result.sourceIP = try one()
            case "aws:requestedregion": result.region = try one()
            case "aws:multifactorauthpresent": result.mfa = try one().lowercased() == "true"
            case "aws:sourceidentity": result.sourceIdentity = try one()
            case "aws:currenttime":
                guard let date = ISO8601DateFormatter().date(from: try one()) else {
                    throw failure("option \(option): aws:CurrentTime `\(value)` is not an ISO 8601 time the scenario clock can start at")
                }
                result.time = date
            case "aws:epochtime":
                guard let seconds = Double(try one()) else { throw failure("option \(option): aws:EpochTime `\(value)` is not a number") }
                result.time = result.time ?? Date(timeIntervalSince1970: seconds)
            case "aws:tagkeys": tagKeys = entry.values
            case "aws:principalarn", "aws:principalaccount", "aws:username":
                let expected = derived(lowered, caller: caller)
                guard entry.values == [expected] else {
                    throw failure("option \(option): \(key) `\(value)` differs from `\(expected)`, which AWS sets for the caller `\(request.callerARN)`")
                }
            default:
                if lowered.hasPrefix("aws:principaltag/") {
                    result.principalTags[String(key.dropFirst("aws:PrincipalTag/".count))] = try one()
                } else if lowered.hasPrefix("aws:resourcetag/") {
                    result.resourceTags[String(key.dropFirst("aws:ResourceTag/".count))] = try one()
                } else if let reason = Sandbox.reservedContextKey(key) {
                    throw failure("option \(option): the context key \(key) cannot be produced in the scenario: \(reason)")
                } else {
                    result.client += entry.values.map { (key, $0) }
                }
            }
        }
        if let tagKeys {
            // The world builds aws:TagKeys from the request's tags: the keys must be those of the aws:RequestTag/ entries.
            let given = result.client.filter { $0.0.lowercased().hasPrefix("aws:requesttag/") }.map { String($0.0.dropFirst("aws:RequestTag/".count)) }
            if given.isEmpty {
                result.client += tagKeys.map { ("aws:RequestTag/\($0)", "drill") }
            } else if Set(given) != Set(tagKeys) {
                throw failure("option \(option): aws:TagKeys \(tagKeys) differs from the keys of the request's aws:RequestTag entries, "
                    + "from which AWS builds it")
            }
        }
        return result
    }

    private func derived(_ key: String, caller: DrillCaller) -> String {
        switch (key, caller) {
        case ("aws:principalaccount", _): caller.account
        case ("aws:username", .user(_, let name)): name
        case ("aws:principalarn", .user(let account, let name)): "arn:aws:iam::\(account):user/\(name)"
        case ("aws:principalarn", .session(let account, let role, _)): "arn:aws:iam::\(account):role/\(role)"
        default: ""
        }
    }

    /// The user that carries `tags`: the user itself for its first set of tags, `NAME-2`... for others (a
    /// user's tags are fixed, and options may show one person with different tags).
    private mutating func userVariant(account: String, name: String, tags: [String: String]) -> String {
        let key = "\(account)/\(name)"
        var sets = userTags[key] ?? []
        if !userOrder.contains(key) { userOrder.append(key) }
        let index = sets.firstIndex(of: tags) ?? {
            sets.append(tags)
            return sets.count - 1
        }()
        userTags[key] = sets
        return index == 0 ? name : "\(name)-\(index + 1)"
    }

    /// Remembers the resource of a request, its tags (one set per resource), and the role a trust policy is about.
    private mutating func noteResource(_ resource: String, tags: [String: String], option: String) throws(DrillExportError) {
        if drill.policies.contains(where: { $0.kind == .trust }) {
            guard let arn = ARN(resource), arn.service == "iam", arn.resource.hasPrefix("role/") else {
                throw failure("option \(option): a drill with a trust policy asks about `\(resource)`, which is not a role")
            }
            let role = "\(arn.account)/\(arn.resource.dropFirst("role/".count))"
            if !trustTargets.contains(role) { trustTargets.append(role) }
            return
        }
        let holder = Self.holder(of: resource)
        if !tags.isEmpty {
            guard !resource.hasPrefix("arn:aws:s3:::") else {
                throw failure("option \(option): aws:ResourceTag on the S3 object `\(resource)`: object tags have no place in the scenario format")
            }
            if let known = resourceTags[resource], known != tags {
                throw failure("option \(option): `\(resource)` has other tags in another option; a resource's tags are fixed")
            }
            resourceTags[resource] = tags
            if !resourceOrder.contains(resource) { resourceOrder.append(resource) }
        }
        if !resourceOrder.contains(holder) { resourceOrder.append(holder) }
    }

    /// The resource a request's resource-based policy belongs to: an S3 object's bucket, else the resource itself.
    static func holder(of resource: String) -> String {
        guard resource.hasPrefix("arn:aws:s3:::") else { return resource }
        return "arn:aws:s3:::" + (resource.dropFirst("arn:aws:s3:::".count).split(separator: "/").first.map(String.init) ?? "")
    }

    /// A word of a step: quoted when it holds a space (there are no escapes in the command syntax).
    func word(_ text: String, option: String) throws(DrillExportError) -> String {
        if !text.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" }), !text.hasPrefix("{"), !text.hasPrefix("@") { return text }
        if !text.contains("\"") { return "\"\(text)\"" }
        if !text.contains("'") { return "'\(text)'" }
        throw failure("option \(option): `\(text)` holds both kinds of quotes, which a scenario step cannot write")
    }
}

/// The steps of one option, and the time its request is made at (aws:CurrentTime), if it says.
struct OptionBlock {
    var name: String
    var text: String
    var steps: [String]
    var time: Date?
    /// What the evaluator decided, the deciding step's `expect:`.
    var outcome: Outcome
}
