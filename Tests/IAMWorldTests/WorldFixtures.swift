import Foundation
import IAMPolicy
import Testing
@testable import IAMWorld

// Worlds built in code for the STS and world rule tables, and the small machinery that plays a row: a list of
// `Sandbox.run(Command)` steps, each with the outcome it must come to and what must hold afterwards. Every
// policy goes through `PolicyParser`, as a scenario file's would.

// MARK: - Accounts

/// The accounts of the standard world. `mgmt` manages the organization; `dev` (OU `workloads`) and `prod`
/// (OU `workloads/prod`) are members; `vendor` is a third party outside it.
enum Acct {
    static let mgmt = "111111111111"
    static let dev = "222222222222"
    static let prod = "333333333333"
    static let vendor = "444444444444"
}

// MARK: - Policy text

/// Policy documents as JSON text.
enum JSON {
    /// A policy document with the given statements (each a JSON object).
    static func policy(_ statements: String...) -> String {
        #"{"Version":"2012-10-17","Statement":["# + statements.joined(separator: ",") + "]}"
    }

    /// `{"Effect":"Allow","Action":[...],"Resource":[...]}`, with an optional `Condition` object.
    static func allow(_ actions: [String], on resources: [String] = ["*"], condition: String? = nil) -> String {
        statement("Allow", actions, resources, condition)
    }

    static func deny(_ actions: [String], on resources: [String] = ["*"], condition: String? = nil) -> String {
        statement("Deny", actions, resources, condition)
    }

    /// A one-statement identity policy allowing `actions` on `resources`.
    static func allowing(_ actions: String..., on resources: String...) -> String {
        policy(allow(actions, on: resources.isEmpty ? ["*"] : resources))
    }

    /// A trust policy with one Allow statement for `principal` (a JSON object such as `{"AWS":"..."}`).
    static func trust(_ principal: String, actions: [String] = ["sts:AssumeRole"], condition: String? = nil) -> String {
        var text = #"{"Effect":"Allow","Principal":"# + principal + #","Action":"# + list(actions)
        if let condition { text += #","Condition":"# + condition }
        return policy(text + "}")
    }

    private static func statement(_ effect: String, _ actions: [String], _ resources: [String], _ condition: String?) -> String {
        var text = #"{"Effect":""# + effect + #"","Action":"# + list(actions) + #","Resource":"# + list(resources)
        if let condition { text += #","Condition":"# + condition }
        return text + "}"
    }

    private static func list(_ values: [String]) -> String {
        "[" + values.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}

/// Parses a policy of `kind` as IAM stores it; a fixture that does not parse is a broken test.
func named(_ name: String, _ text: String, kind: PolicyKind) throws -> NamedPolicy {
    let (policy, diagnostics) = PolicyParser.parse(text, id: name, kind: kind)
    guard let policy else {
        throw FixtureError(description: "fixture policy \(name) does not parse: "
            + diagnostics.map { "\($0.code) \($0.message)" }.joined(separator: "; ") + "\n" + text)
    }
    return NamedPolicy(name: name, text: text, policy: policy)
}

/// A document as a command passes it (`--policy @DOC`, `put-policy ... @DOC`).
func document(_ text: String, name: String? = nil) -> Document {
    Document(name: name, text: text, file: "test")
}

// MARK: - Building worlds

/// Builds a world through the same `World` changes a scenario file uses, naming entities `ACCOUNT/NAME`
/// (the account by id or alias).
struct WorldBuilder {
    var world = World()

    private func split(_ reference: String) throws -> (account: String, name: String) {
        guard let slash = reference.firstIndex(of: "/"),
              let id = world.accountID(named: String(reference[..<slash])) else {
            throw FixtureError(description: "no account in `\(reference)`")
        }
        return (id, String(reference[reference.index(after: slash)...]))
    }

    mutating func account(_ id: String, alias: String) throws {
        try world.addAccount(id, alias: alias)
    }

    /// A user with inline policies (name → JSON), a boundary, virtual MFA devices (name → the code it shows now)
    /// and tags.
    mutating func user(_ reference: String, policies: KeyValuePairs<String, String> = [:], boundary: String? = nil,
                       mfa: [String: String] = [:], tags: [String: String] = [:], groups: [String] = []) throws {
        let (account, name) = try split(reference)
        let user = User(name: name, groups: groups,
                        policies: try policies.map { try named($0.key, $0.value, kind: .identity) },
                        boundary: try boundary.map { try named("boundary", $0, kind: .boundary) },
                        tags: tags, mfaDevices: mfa)
        try world.addUser(user, to: account)
    }

    mutating func group(_ reference: String, policies: KeyValuePairs<String, String> = [:]) throws {
        let (account, name) = try split(reference)
        try world.addGroup(Group(name: name, policies: try policies.map { try named($0.key, $0.value, kind: .identity) }), to: account)
    }

    /// A role with its trust policy (JSON), inline policies (name → JSON), boundary and settings.
    mutating func role(_ reference: String, trust: String, policies: KeyValuePairs<String, String> = [:], boundary: String? = nil,
                       maxSession: TimeInterval = Role.defaultMaxSessionDuration, tags: [String: String] = [:],
                       path: String = "/", serviceLinked: String? = nil, usedBy: [String] = [],
                       createdWith: CreatedWith = .cli) throws {
        let (account, name) = try split(reference)
        var role = Role(name: name, path: path, trust: try named("trust policy", trust, kind: .trust),
                        policies: try policies.map { try named($0.key, $0.value, kind: .identity) },
                        boundary: try boundary.map { try named("boundary", $0, kind: .boundary) },
                        maxSessionDuration: maxSession, tags: tags, serviceLinkedService: serviceLinked,
                        createdWith: createdWith)
        role.usedBy = usedBy
        try world.addRole(role, to: account)
    }

    mutating func profile(_ reference: String, role: String? = nil) throws {
        let (account, name) = try split(reference)
        try world.addInstanceProfile(InstanceProfile(name: name, roleName: role), to: account)
    }

    mutating func instance(_ reference: String, profile: String? = nil) throws {
        let (account, id) = try split(reference)
        try world.addInstance(Instance(id: id, account: account, profileName: profile))
    }

    mutating func samlProvider(_ reference: String) throws {
        let (account, name) = try split(reference)
        try world.addProvider(IdentityProvider(kind: .saml, name: name), to: account)
    }

    mutating func oidcProvider(_ reference: String, audiences: [String]) throws {
        let (account, host) = try split(reference)
        try world.addProvider(IdentityProvider(kind: .oidc, name: host, audiences: audiences), to: account)
    }

    /// An organization managed by `management`, with OUs and the OU of each member account.
    mutating func organization(management: String, units: [String], placement: [String: String], members: [String]) {
        var organization = Organization(managementAccount: management)
        organization.units = units
        organization.placement = placement
        organization.members.formUnion(members)
        world.organization = organization
    }

    /// An SCP attached to `root`, an OU path or an account id.
    mutating func scp(_ name: String, on target: String, _ text: String) throws {
        guard world.organization != nil else { throw FixtureError(description: "no organization for SCP \(name)") }
        world.organization?.scps[target, default: []].append(try named(name, text, kind: .scp))
    }
}

/// How a row gets its world: the standard world, maybe changed.
struct WorldFixture: Sendable {
    let build: @Sendable () throws -> World

    static let standard = WorldFixture { try Fixtures.standard().world }

    /// The standard world with more entities or changes.
    static func standard(_ change: @escaping @Sendable (inout WorldBuilder) throws -> Void) -> WorldFixture {
        WorldFixture {
            var builder = try Fixtures.standard()
            try change(&builder)
            return builder.world
        }
    }
}

enum Fixtures {
    /// The code alice's virtual MFA device `alice-phone` shows now.
    static let aliceCode = "123456"
    static let externalID = "prod-7f3a9c"
    static let slrName = "AWSServiceRoleForElasticBeanstalk"
    static let beanstalkEnvironment = "arn:aws:elasticbeanstalk:us-east-1:222222222222:environment/shop/shop-prod"
    static let github = "token.actions.githubusercontent.com"
    static let mainBranch = "repo:acme/app:ref:refs/heads/main"
    static let googleClient = "app-123.apps.googleusercontent.com"
    static let asset = "arn:aws:s3:::assets/logo.png"

    static let devRoot = #"{"AWS":"arn:aws:iam::222222222222:root"}"#
    static let ec2Service = #"{"Service":"ec2.amazonaws.com"}"#
    static let assumeTagSource = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]

    /// Four accounts in one organization (but `vendor`), with the users, roles, instance profiles,
    /// instances and identity providers the rule tables use.
    static func standard() throws -> WorldBuilder {
        var b = WorldBuilder()
        try b.account(Acct.mgmt, alias: "mgmt")
        try b.account(Acct.dev, alias: "dev")
        try b.account(Acct.prod, alias: "prod")
        try b.account(Acct.vendor, alias: "vendor")
        b.organization(management: Acct.mgmt, units: ["workloads", "workloads/prod"],
                       placement: [Acct.dev: "workloads", Acct.prod: "workloads/prod"], members: [Acct.dev, Acct.prod])

        // mgmt: an administrator who assumes the member accounts' access role.
        try b.user("mgmt/boss", policies: ["BossAccess": JSON.allowing("sts:AssumeRole", "s3:*")])

        // dev: users.
        try b.user("dev/alice", policies: ["AliceAccess": JSON.policy(
            JSON.allow(["s3:*", "iam:Get*", "iam:List*"]),
            JSON.allow(assumeTagSource))],
                   mfa: ["alice-phone": aliceCode], tags: ["team": "blue"])
        try b.user("dev/bob")
        try b.user("dev/carol", policies: ["Federate": JSON.allowing("sts:GetFederationToken", "s3:GetObject")])
        try b.user("dev/locked", policies: ["DenyAll": JSON.policy(JSON.deny(["*"]))])

        // dev: roles users assume.
        try b.role("dev/Dev", trust: JSON.trust(devRoot, actions: assumeTagSource),
                   policies: ["DevAccess": JSON.policy(JSON.allow(["ec2:Describe*"]), JSON.allow(assumeTagSource),
                                                      JSON.allow(["sts:GetSessionToken", "sts:GetFederationToken"]))],
                   maxSession: 4 * 3_600)
        try b.role("dev/Chained", trust: JSON.trust(devRoot, actions: assumeTagSource),
                   policies: ["ListBuckets": JSON.allowing("s3:ListAllMyBuckets")], maxSession: 12 * 3_600)
        try b.role("dev/Plain", trust: JSON.trust(devRoot), policies: ["ListBuckets": JSON.allowing("s3:ListAllMyBuckets")])
        try b.role("dev/BobDirect", trust: JSON.trust(#"{"AWS":"arn:aws:iam::222222222222:user/bob"}"#),
                   policies: ["Read": JSON.allowing("s3:GetObject")])
        try b.role("dev/MFARole", trust: JSON.trust(devRoot, condition: #"{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#),
                   policies: ["IAMAdmin": JSON.allowing("iam:*")])
        try b.role("dev/Bounded", trust: JSON.trust(devRoot), policies: ["Broad": JSON.allowing("s3:*", "ec2:*")],
                   boundary: JSON.allowing("s3:*"))
        try b.role("dev/Tagged", trust: JSON.trust(devRoot, actions: ["sts:AssumeRole", "sts:TagSession"]),
                   policies: ["Finance": JSON.policy(JSON.allow(["s3:GetObject"],
                       condition: #"{"StringEquals":{"aws:PrincipalTag/Department":"Finance"}}"#))],
                   tags: ["Department": "Engineering"])

        // dev: EC2. The CLI created these roles, so each profile was made and filled separately.
        try b.role("dev/WebServer", trust: JSON.trust(ec2Service), policies: ["Assets": JSON.policy(
            JSON.allow(["s3:GetObject"], on: ["arn:aws:s3:::assets/*"]),
            JSON.allow(["sts:AssumeRole"], on: ["arn:aws:iam::222222222222:role/Chained"]))])
        try b.role("dev/Batch", trust: JSON.trust(ec2Service), policies: ["Queue": JSON.allowing("sqs:*")])
        try b.role("dev/NotForEC2", trust: JSON.trust(devRoot))
        try b.profile("dev/web-profile", role: "WebServer")
        try b.profile("dev/batch-profile", role: "Batch")
        try b.profile("dev/bad-profile", role: "NotForEC2")
        try b.profile("dev/empty-profile")
        try b.instance("dev/i-0web", profile: "web-profile")
        try b.instance("dev/i-0bad", profile: "bad-profile")
        try b.instance("dev/i-0empty", profile: "empty-profile")
        try b.instance("dev/i-0bare")

        // dev: a service-linked role that an Elastic Beanstalk environment still uses.
        try b.role("dev/\(slrName)", trust: JSON.trust(#"{"Service":"elasticbeanstalk.amazonaws.com"}"#),
                   policies: ["AWSElasticBeanstalkServiceRolePolicy": JSON.allowing("ec2:*", "elasticloadbalancing:*")],
                   path: "/aws-service-role/elasticbeanstalk.amazonaws.com/", serviceLinked: "elasticbeanstalk.amazonaws.com",
                   usedBy: [beanstalkEnvironment])

        // prod: roles for callers from other accounts.
        try b.role("prod/CrossRead", trust: JSON.trust(#"{"AWS":"222222222222"}"#), policies: ["Read": JSON.allowing("s3:GetObject")])
        try b.role("prod/BobCross", trust: JSON.trust(#"{"AWS":"arn:aws:iam::222222222222:user/bob"}"#),
                   policies: ["Read": JSON.allowing("s3:GetObject")])
        try b.role("prod/Vendor", trust: JSON.trust(#"{"AWS":"arn:aws:iam::444444444444:root"}"#,
                                                    condition: #"{"StringEquals":{"sts:ExternalId":"\#(externalID)"}}"#),
                   policies: ["Read": JSON.allowing("s3:GetObject")])
        try b.role("prod/OrgAdmin", trust: JSON.trust(#"{"AWS":"arn:aws:iam::111111111111:root"}"#),
                   policies: ["Admin": JSON.allowing("*")])

        // prod: federation.
        try b.samlProvider("prod/CorpIdP")
        try b.samlProvider("prod/PartnerIdP")
        try b.oidcProvider("prod/\(github)", audiences: ["sts.amazonaws.com"])
        try b.role("prod/SAMLRole", trust: JSON.trust(#"{"Federated":"arn:aws:iam::333333333333:saml-provider/CorpIdP"}"#,
                                                      actions: ["sts:AssumeRoleWithSAML"],
                                                      condition: #"{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}"#),
                   policies: ["Read": JSON.allowing("s3:GetObject")], maxSession: 4 * 3_600)
        try b.role("prod/SAMLAdmins", trust: JSON.trust(#"{"Federated":"arn:aws:iam::333333333333:saml-provider/CorpIdP"}"#,
                                                        actions: ["sts:AssumeRoleWithSAML"],
                                                        condition: #"{"StringEquals":{"saml:sub":"admin@example.com"}}"#),
                   policies: ["IAMAdmin": JSON.allowing("iam:*")])
        try b.role("prod/GitHubDeploy", trust: JSON.trust(
            #"{"Federated":"arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com"}"#,
            actions: ["sts:AssumeRoleWithWebIdentity"],
            condition: #"{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}"#),
                   policies: ["Deploy": JSON.allowing("s3:PutObject")], maxSession: 4 * 3_600)
        try b.role("prod/GoogleApp", trust: JSON.trust(#"{"Federated":"accounts.google.com"}"#,
                                                       actions: ["sts:AssumeRoleWithWebIdentity"],
                                                       condition: #"{"StringEquals":{"accounts.google.com:aud":"\#(googleClient)"}}"#),
                   policies: ["Read": JSON.allowing("s3:GetObject")])

        // vendor: a SaaS provider that assumes roles in its customers' accounts.
        try b.user("vendor/saas", policies: ["AssumeCustomerRoles": JSON.allowing("sts:AssumeRole")])
        return b
    }

    /// A session of the service-linked role as its service would create it: no command assumes a
    /// service-linked role (only the linked service can), so the test plays the service.
    static func serviceLinkedSession(_ sandbox: inout Sandbox) {
        let key = sandbox.nextKey(prefix: "ASIA")
        var credentials = Credentials(accessKeyID: key, kind: .roleSession, account: Acct.dev, roleName: slrName,
                                      sessionName: "elasticbeanstalk", issuedAt: sandbox.world.now,
                                      expiresAt: sandbox.world.now.addingTimeInterval(3_600))
        credentials.roleUniqueID = sandbox.world.accounts[Acct.dev]?.roles[slrName]?.uniqueID
        sandbox.credentials.insert(credentials)
        _ = sandbox.run(.asSession(key))
    }
}

// MARK: - Commands

func user(_ reference: String) -> Command { .asUser(reference) }
func root(_ account: String) -> Command { .asRoot(account) }
func instance(_ reference: String) -> Command { .asInstance(reference) }
func advance(_ seconds: TimeInterval) -> Command { .advance(seconds) }

func assume(_ role: String, session: String? = nil, duration: TimeInterval? = nil, externalID: String? = nil,
            serial: String? = nil, mfa: String? = nil, policy: String? = nil, policyARNs: [String] = [],
            source: String? = nil, tags: [(String, String)] = [], transitive: [String] = []) -> Command {
    var o = AssumeRoleOptions(role: role)
    o.sessionName = session
    o.duration = duration
    o.externalID = externalID
    o.serialName = serial
    o.mfaCode = mfa
    o.policy = policy.map { document($0) }
    o.policyARNs = policyARNs
    o.sourceIdentity = source
    o.tags = tags.map { (key: $0.0, value: $0.1) }
    o.transitiveTagKeys = transitive
    return .assume(o)
}

func getSessionToken(duration: TimeInterval? = nil, serial: String? = nil, mfa: String? = nil) -> Command {
    .getSessionToken(duration: duration, serialName: serial, mfaCode: mfa)
}

func getFederationToken(_ name: String, policy: String? = nil, duration: TimeInterval? = nil) -> Command {
    .getFederationToken(name: name, policy: policy.map { document($0) }, duration: duration)
}

func assumeSAML(_ role: String, provider: String = "CorpIdP", subject: String = "jane@example.com",
                audience: String? = nil, duration: TimeInterval? = nil, sessionDuration: TimeInterval? = nil,
                validFor: TimeInterval? = nil, listsRole: Bool = true) -> Command {
    var o = SAMLOptions(role: role, provider: provider, subject: subject)
    if let audience { o.audience = audience }
    o.duration = duration
    o.sessionDuration = sessionDuration
    o.validFor = validFor
    o.listsRole = listsRole
    return .assumeSAML(o)
}

func assumeWeb(_ role: String, provider: String = Fixtures.github, subject: String = Fixtures.mainBranch,
               audience: String = "sts.amazonaws.com", duration: TimeInterval? = nil, tokenValidFor: TimeInterval = 3_600) -> Command {
    var o = WebIdentityOptions(role: role, provider: provider, subject: subject, audience: audience)
    o.duration = duration
    o.tokenValidFor = tokenValidFor
    return .assumeWeb(o)
}

// MARK: - Rows and steps

/// What must hold after a step.
enum Check: Sendable {
    /// The current credentials expire this many seconds from now.
    case expiresIn(TimeInterval)
    /// The current credentials never expire (long-term).
    case neverExpires
    /// The first line of `whoami` (the principal's ARN).
    case principal(String)
    /// Some line of `whoami` contains the text, or none does.
    case whoamiShows(String)
    case whoamiLacks(String)
    /// The current credentials are a session of this role.
    case role(String)
    /// Remember the current access key under a label; the current key is, or is not, the one remembered.
    case remember(String)
    case sameKey(String)
    case newKey(String)
    /// A fact about the world, described.
    case world(String, @Sendable (World) -> Bool)
}

/// One command and what it must come to.
struct Step: Sendable {
    enum Action: Sendable {
        case run(Command)
        /// `as session KEY` with the key remembered under the label.
        case resume(String)
        /// A change no command makes (a service stops using its role), described.
        case outside(String, @Sendable (inout Sandbox) -> Void)
    }

    var action: Action
    var expected: Outcome
    var checks: [Check]
    var location: SourceLocation
}

func step(_ command: Command, _ expected: Outcome, _ checks: [Check], _ location: SourceLocation) -> Step {
    Step(action: .run(command), expected: expected, checks: checks, location: location)
}

/// The command works (`ok`).
func ok(_ command: Command, _ checks: Check..., at location: SourceLocation = #_sourceLocation) -> Step {
    step(command, .ok, checks, location)
}

/// The command fails with an AWS error code.
func fails(_ command: Command, _ code: String, _ checks: Check..., at location: SourceLocation = #_sourceLocation) -> Step {
    step(command, .error(code), checks, location)
}

/// `can ACTION RESOURCE` comes to a decision or an error.
func can(_ action: String, on resource: String = "*", _ expected: Outcome, at location: SourceLocation = #_sourceLocation) -> Step {
    step(.can(CallOptions(action: action, resource: resource)), expected, [], location)
}

func whoami(_ checks: Check..., at location: SourceLocation = #_sourceLocation) -> Step {
    step(.whoami, .info, checks, location)
}

/// Act again with credentials remembered under `label` (`as session KEY`).
func resume(_ label: String, at location: SourceLocation = #_sourceLocation) -> Step {
    Step(action: .resume(label), expected: .ok, checks: [], location: location)
}

func outside(_ what: String, at location: SourceLocation = #_sourceLocation, _ change: @escaping @Sendable (inout Sandbox) -> Void) -> Step {
    Step(action: .outside(what, change), expected: .ok, checks: [], location: location)
}

/// One rule: what it says, the page that says it, a world and the steps that show it.
struct Row: Sendable, CustomTestStringConvertible {
    var rule: String
    var page: String
    var world: WorldFixture
    var steps: [Step]

    init(_ rule: String, page: String, world: WorldFixture = .standard, _ steps: Step...) {
        self.rule = rule
        self.page = page
        self.world = world
        self.steps = steps
    }

    var testDescription: String { rule }
}

/// Plays a row's steps in a fresh sandbox, checking each outcome and what must hold after it.
func play(_ row: Row) throws {
    #expect(row.page.hasPrefix("https://docs.aws.amazon.com/"), "the row names an AWS documentation page: \(row.page)")
    #expect(!row.steps.isEmpty)
    var sandbox = Sandbox(world: try row.world.build())
    var keys: [String: String] = [:]
    for (index, step) in row.steps.enumerated() {
        let label = "step \(index + 1)"
        let result: CommandResult
        switch step.action {
        case .run(let command):
            result = sandbox.run(command)
        case .resume(let name):
            guard let key = keys[name] else {
                Issue.record("\(label): no key remembered as `\(name)`", sourceLocation: step.location)
                return
            }
            result = sandbox.run(.asSession(key))
        case .outside(_, let change):
            change(&sandbox)
            result = CommandResult(outcome: .ok, lines: [])
        }
        #expect(result.outcome == step.expected,
                "\(label): expected \(step.expected), got \(result.outcome): \(result.lines.joined(separator: " / "))",
                sourceLocation: step.location)
        guard result.outcome == step.expected else { return }
        var probe = sandbox
        let who = probe.run(.whoami).lines
        let now = sandbox.world.now
        for check in step.checks {
            switch check {
            case .expiresIn(let seconds):
                let left = sandbox.current?.expiresAt.map { $0.timeIntervalSince(now) }
                #expect(left == seconds, "\(label): the credentials should expire in \(seconds) s, not \(left.map { "\($0) s" } ?? "never")",
                        sourceLocation: step.location)
            case .neverExpires:
                #expect(sandbox.current != nil && sandbox.current?.expiresAt == nil, "\(label): long-term credentials never expire",
                        sourceLocation: step.location)
            case .principal(let arn):
                #expect(who.first == arn, "\(label): whoami: \(who)", sourceLocation: step.location)
            case .whoamiShows(let text):
                #expect(who.contains { $0.contains(text) }, "\(label): whoami should show `\(text)`: \(who)", sourceLocation: step.location)
            case .whoamiLacks(let text):
                #expect(!who.contains { $0.contains(text) }, "\(label): whoami should not show `\(text)`: \(who)", sourceLocation: step.location)
            case .role(let name):
                #expect(sandbox.current?.kind == .roleSession && sandbox.current?.roleName == name,
                        "\(label): should act as a session of \(name): \(who)", sourceLocation: step.location)
            case .remember(let name):
                keys[name] = sandbox.current?.accessKeyID
            case .sameKey(let name):
                #expect(keys[name] != nil && sandbox.current?.accessKeyID == keys[name],
                        "\(label): the key should still be `\(name)`", sourceLocation: step.location)
            case .newKey(let name):
                #expect(keys[name] != nil && sandbox.current != nil && sandbox.current?.accessKeyID != keys[name],
                        "\(label): the key should no longer be `\(name)`", sourceLocation: step.location)
            case .world(let what, let holds):
                #expect(holds(sandbox.world), "\(label): \(what)", sourceLocation: step.location)
            }
        }
    }
}

/// Hours and minutes, for durations in rows.
let minute: TimeInterval = 60
let hour: TimeInterval = 3_600

// MARK: - Pages

/// The documentation pages the rows cite (docs/research/sts-rules.md gives the rule behind each id).
enum Page {
    static let sts = "https://docs.aws.amazon.com/STS/latest/APIReference/"
    static let guide = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
    static let iamAPI = "https://docs.aws.amazon.com/IAM/latest/APIReference/"

    static let assumeRole = sts + "API_AssumeRole.html"
    static let assumeRoleWithSAML = sts + "API_AssumeRoleWithSAML.html"
    static let assumeRoleWithWebIdentity = sts + "API_AssumeRoleWithWebIdentity.html"
    static let getSessionToken = sts + "API_GetSessionToken.html"
    static let getFederationToken = sts + "API_GetFederationToken.html"
    static let getCallerIdentity = sts + "API_GetCallerIdentity.html"
    static let tag = sts + "API_Tag.html"

    static let roleChaining = guide + "id_roles.html#iam-term-role-chaining"
    static let compare = guide + "id_credentials_sts-comparison.html"
    static let temporaryCredentials = guide + "id_credentials_temp.html"
    static let disablePermissions = guide + "id_credentials_temp_control-access_disable-perms.html"
    static let revokeSessions = guide + "id_roles_use_revoke-sessions.html"
    static let getSessionTokenControl = guide + "id_credentials_temp_control-access_getsessiontoken.html"
    static let getFederationTokenControl = guide + "id_credentials_temp_control-access_getfederationtoken.html"
    static let mfaAPI = guide + "id_credentials_mfa_configure-api-require.html"
    static let mfaKey = guide + "reference_policies_condition-keys.html#condition-keys-multifactorauthpresent"
    static let sessionTags = guide + "id_session-tags.html"
    static let tagRules = guide + "id_tags.html#id_tags_rules_creating"
    static let sourceIdentity = guide + "id_credentials_temp_control-access_monitor.html"
    static let externalID = guide + "id_roles_create_for-user_externalid.html"
    static let sessionPolicies = guide + "access_policies.html#policies_session"
    static let boundaries = guide + "access_policies_boundaries.html"
    static let evaluationLogic = guide + "reference_policies_evaluation-logic.html"
    static let crossAccount = guide + "reference_policies_evaluation-logic-cross-account.html"
    static let principalAccounts = guide + "reference_policies_elements_principal.html#principal-accounts"
    static let identifiers = guide + "reference_identifiers.html#identifiers-arns"
    static let principalTable = guide + "reference_policies_variables.html#principaltable"
    static let samlAssertions = guide + "id_roles_providers_create_saml_assertions.html"
    static let samlKeys = guide + "reference_policies_iam-condition-keys.html#condition-keys-saml"
    static let oidcKeys = guide + "reference_policies_iam-condition-keys.html#condition-keys-wif"
    static let serviceLinkedRoles = guide + "using-service-linked-roles.html"
    static let ec2Profiles = guide + "id_roles_use_switch-role-ec2_instance-profiles.html"
    static let roleSettings = guide + "id_roles_update-role-settings.html#id_roles_update-session-duration"

    static let scps = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html"
    static let scpEvaluation = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html"

    static let imdsCredentials = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html"
    static let ec2Roles = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html"
    static let attachRole = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/attach-iam-role.html"

    static let addRoleToInstanceProfile = iamAPI + "API_AddRoleToInstanceProfile.html"
    static let deleteRole = iamAPI + "API_DeleteRole.html"
    static let deleteServiceLinkedRole = iamAPI + "API_DeleteServiceLinkedRole.html"
    static let getServiceLinkedRoleDeletionStatus = iamAPI + "API_GetServiceLinkedRoleDeletionStatus.html"
    static let putRolePolicy = iamAPI + "API_PutRolePolicy.html"
    static let deleteRolePolicy = iamAPI + "API_DeleteRolePolicy.html"
    static let updateAssumeRolePolicy = iamAPI + "API_UpdateAssumeRolePolicy.html"
    static let putRolePermissionsBoundary = iamAPI + "API_PutRolePermissionsBoundary.html"
    static let deleteRolePermissionsBoundary = iamAPI + "API_DeleteRolePermissionsBoundary.html"
    static let updateRole = iamAPI + "API_UpdateRole.html"
    static let createRole = iamAPI + "API_CreateRole.html"
    static let putUserPolicy = iamAPI + "API_PutUserPolicy.html"
    static let putGroupPolicy = iamAPI + "API_PutGroupPolicy.html"
    static let iamErrors = iamAPI + "CommonErrors.html"
}

// MARK: - Scenario sessions

/// A sandbox on a scenario's world, driven by command lines written as a scenario's steps are.
struct ScenarioSession {
    var sandbox: Sandbox
    let parser: CommandParser

    init(_ text: String) throws {
        let parsed = ScenarioParser.parse(text, file: "t.iqs", baseDirectory: "/")
        let scenario = try #require(parsed.scenario, "\(parsed.diagnostics)")
        sandbox = Sandbox(world: scenario.world)
        sandbox.documents = scenario.documents
        parser = CommandParser(file: "t.iqs", line: 1, baseDirectory: "/", documents: scenario.documents)
    }

    /// Runs one command line; a line that does not parse is a test failure.
    mutating func run(_ line: String) -> Outcome {
        switch parser.parse(line) {
        case .success(let command):
            return sandbox.run(command).outcome
        case .failure(let diagnostic):
            Issue.record("\(line): \(diagnostic.message)")
            return .info
        }
    }

    /// Whether a command line is refused by the parser.
    func refuses(_ line: String) -> Bool {
        if case .failure = parser.parse(line) { return true }
        return false
    }
}
