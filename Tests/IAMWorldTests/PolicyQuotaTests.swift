import Diagnostics
import Foundation
import Testing
@testable import IAMWorld

// IAM's and STS's size limits on policies, at, just over and well over each limit, through the sandbox's
// commands, the world builder and scenario files (issue 9, point 16: put-policy took a 1 MB policy).
//
// The limits are those of "IAM and STS character quotas" on
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, whose inline-policy row ends
// "IAM does not count white space when calculating the size of a policy against these quotas" (and the
// managed-policy row "... against this quota"). STS's session-policy limit is a parameter length, which
// counts every character (API_AssumeRole.html, API_GetFederationToken.html). docs/research/sts-rules.md
// SIZE-01 to SIZE-07 has the codes and the readings chosen where the pages are silent.

private let quotas = Page.guide + "reference_iam-quotas.html#reference_iam-quotas-entity-length"
private let createPolicy = Page.iamAPI + "API_CreatePolicy.html"
private let inlinePolicyType = Page.iamAPI + "API_InlinePolicy.html"

private let readStatement = #"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#
private let trustStatement = #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole"}"#

/// A valid policy of exactly `size` characters that are not white space (its `Sid` is padded to reach it),
/// plus `whiteSpace` spaces and line breaks, which IAM does not count.
func sized(_ size: Int, whiteSpace: Int = 0, statement: String = readStatement) -> String {
    let base = #"{"Version":"2012-10-17","Statement":[{"Sid":"","# + statement.dropFirst() + "]}"
    precondition(size > base.count, "a policy needs \(base.count + 1) characters at least")
    let padded = base.replacingOccurrences(of: #""Sid":"""#, with: #""Sid":""# + String(repeating: "a", count: size - base.count) + "\"")
    let blank = String(repeating: " \n", count: whiteSpace / 2) + String(repeating: " ", count: whiteSpace % 2)
    let text = "{" + blank + padded.dropFirst()
    precondition(text.unicodeScalars.count == size + whiteSpace)
    return text
}

private func trust(_ size: Int, whiteSpace: Int = 0) -> String { sized(size, whiteSpace: whiteSpace, statement: trustStatement) }

private func put(_ kind: EntityKind, _ entity: String, _ name: String, _ text: String) -> Command {
    .putPolicy(kind, entity: entity, name: name, document(text))
}

private func policies(_ kind: EntityKind, _ entity: String, in account: String = Acct.dev) -> @Sendable (World) -> [String] {
    { world in
        let a = world.accounts[account]
        let list = switch kind {
        case .user: a?.users[entity]?.policies
        case .group: a?.groups[entity]?.policies
        case .role: a?.roles[entity]?.policies
        }
        return (list ?? []).map(\.name).sorted()
    }
}

private func stores(_ kind: EntityKind, _ entity: String, _ names: [String]) -> Check {
    let read = policies(kind, entity)
    return .world("\(kind.rawValue) \(entity) has the inline policies \(names)") { read($0) == names }
}

private let withGroup = WorldFixture.standard { try $0.group("dev/devs") }

// MARK: - Inline policies: the total per user, group and role

private let inlineRows: [Row] = [
    Row("A user's inline policies may total 2,048 characters: a policy of exactly 2,048 is stored (SIZE-01)", page: quotas,
        ok(put(.user, "dev/bob", "Read", sized(2_048)), stores(.user, "bob", ["Read"]))),
    Row("One character over a user's 2,048 is LimitExceeded, and nothing is stored (SIZE-01)", page: Page.putUserPolicy,
        fails(put(.user, "dev/bob", "Read", sized(2_049)), "LimitExceeded", stores(.user, "bob", []))),
    Row("Well over a user's 2,048 (6,000) is LimitExceeded (SIZE-01)", page: Page.putUserPolicy,
        fails(put(.user, "dev/bob", "Read", sized(6_000)), "LimitExceeded", stores(.user, "bob", []))),
    Row("White space does not count: 2,048 characters with 4,001 spaces and line breaks fit a user (SIZE-01)", page: quotas,
        ok(put(.user, "dev/bob", "Read", sized(2_048, whiteSpace: 4_001)), stores(.user, "bob", ["Read"]))),
    Row("The limit is on the total, not on each policy: two of 1,024 fit a user, a third does not (SIZE-01)", page: quotas,
        ok(put(.user, "dev/bob", "A", sized(1_024))), ok(put(.user, "dev/bob", "B", sized(1_024))),
        fails(put(.user, "dev/bob", "C", sized(200)), "LimitExceeded", stores(.user, "bob", ["A", "B"]))),
    Row("Putting a policy again under its name replaces it: only its new size counts (SIZE-01)", page: Page.putUserPolicy,
        ok(put(.user, "dev/bob", "A", sized(2_000))), ok(put(.user, "dev/bob", "A", sized(2_048)), stores(.user, "bob", ["A"]))),
    Row("A group's inline policies may total 5,120 characters (SIZE-01)", page: quotas, world: withGroup,
        ok(put(.group, "dev/devs", "Read", sized(5_120)), stores(.group, "devs", ["Read"]))),
    Row("One character over a group's 5,120 is LimitExceeded (SIZE-01)", page: Page.putGroupPolicy, world: withGroup,
        fails(put(.group, "dev/devs", "Read", sized(5_121)), "LimitExceeded", stores(.group, "devs", []))),
    Row("Well over a group's 5,120 (15,000) is LimitExceeded; white space does not count (SIZE-01)", page: Page.putGroupPolicy,
        world: withGroup,
        fails(put(.group, "dev/devs", "Read", sized(15_000)), "LimitExceeded"),
        ok(put(.group, "dev/devs", "Read", sized(5_120, whiteSpace: 10_000)))),
    Row("A role's inline policies may total 10,240 characters (SIZE-01)", page: quotas,
        ok(put(.role, "dev/NotForEC2", "Read", sized(10_240)), stores(.role, "NotForEC2", ["Read"]))),
    Row("One character over a role's 10,240 is LimitExceeded (SIZE-01)", page: Page.putRolePolicy,
        fails(put(.role, "dev/NotForEC2", "Read", sized(10_241)), "LimitExceeded", stores(.role, "NotForEC2", []))),
    Row("Well over a role's 10,240 (30,000) is LimitExceeded; white space does not count (SIZE-01)", page: Page.putRolePolicy,
        fails(put(.role, "dev/NotForEC2", "Read", sized(30_000)), "LimitExceeded"),
        ok(put(.role, "dev/NotForEC2", "Read", sized(10_240, whiteSpace: 20_000)))),
    Row("A role's existing inline policies count toward its 10,240 (SIZE-01)", page: quotas,
        ok(put(.role, "dev/Plain", "Big", sized(10_240 - JSON.allowing("s3:ListAllMyBuckets").count))),
        fails(put(.role, "dev/Plain", "More", sized(200)), "LimitExceeded", stores(.role, "Plain", ["Big", "ListBuckets"]))),
    Row("A document longer than the API's 131,072-character parameter (1 MB) is a ValidationError, white space included (SIZE-06)",
        page: inlinePolicyType,
        fails(put(.role, "dev/NotForEC2", "Huge", sized(1_048_576)), "ValidationError", stores(.role, "NotForEC2", [])),
        fails(put(.role, "dev/NotForEC2", "Spaced", sized(1_000, whiteSpace: 131_073)), "ValidationError")),
]

// MARK: - Trust policies and managed policies (permissions boundaries)

private let trustAndManagedRows: [Row] = [
    Row("A role trust policy may have 2,048 characters (SIZE-02)", page: quotas,
        ok(.setTrust(role: "dev/Plain", document(trust(2_048))))),
    Row("One character over 2,048 in a trust policy is LimitExceeded on UpdateAssumeRolePolicy, and the old one stays (SIZE-02)",
        page: Page.updateAssumeRolePolicy,
        fails(.setTrust(role: "dev/Plain", document(trust(2_049))), "LimitExceeded",
              .world("Plain keeps its trust policy") { $0.accounts[Acct.dev]?.roles["Plain"]?.trust.text == JSON.trust(Fixtures.devRoot) })),
    Row("Well over 2,048 (6,000) is LimitExceeded; white space does not count (SIZE-02)", page: Page.updateAssumeRolePolicy,
        fails(.setTrust(role: "dev/Plain", document(trust(6_000))), "LimitExceeded"),
        ok(.setTrust(role: "dev/Plain", document(trust(2_048, whiteSpace: 3_000))))),
    Row("CreateRole with a trust policy over 2,048 is LimitExceeded, and no role is made (SIZE-02)", page: Page.createRole,
        fails(.createRole("dev/Big", trust: document(trust(2_049)), createdWith: .cli), "LimitExceeded",
              .world("no role Big") { $0.accounts[Acct.dev]?.roles["Big"] == nil }),
        ok(.createRole("dev/Fits", trust: document(trust(2_048)), createdWith: .cli))),
    Row("A permissions boundary is a managed policy: 6,144 characters fit (SIZE-03)", page: quotas,
        ok(.setBoundary(.user, entity: "dev/bob", document(sized(6_144))))),
    Row("One character over a managed policy's 6,144 is LimitExceeded, and no boundary is set (SIZE-03)", page: createPolicy,
        fails(.setBoundary(.role, entity: "dev/Plain", document(sized(6_145))), "LimitExceeded",
              .world("Plain has no boundary") { $0.accounts[Acct.dev]?.roles["Plain"]?.boundary == nil })),
    Row("Well over a managed policy's 6,144 (18,000) is LimitExceeded; white space does not count (SIZE-03)", page: createPolicy,
        fails(.setBoundary(.user, entity: "dev/bob", document(sized(18_000))), "LimitExceeded"),
        ok(.setBoundary(.user, entity: "dev/bob", document(sized(6_144, whiteSpace: 6_000))))),
]

// MARK: - Session policies (STS)

private let sessionRows: [Row] = [
    Row("An inline session policy may have 2,048 characters (PARAM-08, SIZE-07)", page: Page.assumeRole,
        ok(user("dev/alice")), ok(assume("dev/Plain", policy: sized(2_048)))),
    Row("One character over 2,048 in a session policy is a ValidationError (PARAM-08, SIZE-07)", page: Page.assumeRole,
        ok(user("dev/alice")), fails(assume("dev/Plain", policy: sized(2_049)), "ValidationError")),
    Row("Well over 2,048 (6,000) in a session policy is a ValidationError, for GetFederationToken too (PARAM-08, SIZE-07)",
        page: Page.getFederationToken,
        ok(user("dev/alice")), fails(assume("dev/Plain", policy: sized(6_000)), "ValidationError"),
        ok(user("dev/carol")), fails(getFederationToken("partner", policy: sized(6_000)), "ValidationError")),
    Row("A session policy's length counts white space: 2,000 characters and 49 spaces are a ValidationError (SIZE-07)",
        page: Page.getFederationToken,
        ok(user("dev/carol")), fails(getFederationToken("partner", policy: sized(2_000, whiteSpace: 49)), "ValidationError"),
        ok(getFederationToken("partner", policy: sized(2_000, whiteSpace: 48)))),
]

// MARK: - Declared entities (the world builder, as scenario files use it)

private func declaredUser(_ total: Int) -> @Sendable (inout World) throws -> Void {
    { try $0.addUser(User(name: "dana", policies: [try named("Read", sized(total), kind: .identity)]), to: Acct.dev) }
}

private let declarationRows: [WorldRow] = [
    WorldRow("A user declared with inline policies of 2,048 characters is made (SIZE-01)", page: quotas, expected: nil,
             holds: { $0.accounts[Acct.dev]?.users["dana"] != nil }, declaredUser(2_048)),
    WorldRow("A user declared with 2,049 is LimitExceeded, as PutUserPolicy would be (SIZE-01, SIZE-05)", page: quotas,
             expected: "LimitExceeded", holds: { $0.accounts[Acct.dev]?.users["dana"] == nil }, declaredUser(2_049)),
    WorldRow("A group declared with 5,121 is LimitExceeded (SIZE-01, SIZE-05)", page: quotas, expected: "LimitExceeded") {
        try $0.addGroup(Group(name: "big", policies: [try named("A", sized(3_000), kind: .identity),
                                                       try named("B", sized(2_121), kind: .identity)]), to: Acct.dev)
    },
    WorldRow("A role declared with a trust policy of 2,049 is LimitExceeded, as CreateRole would be (SIZE-02, SIZE-05)",
             page: Page.createRole, expected: "LimitExceeded") {
        try $0.addRole(Role(name: "Big", trust: try named("trust policy", trust(2_049), kind: .trust)), to: Acct.dev)
    },
    WorldRow("A role declared with a boundary of 6,145 is LimitExceeded (SIZE-03, SIZE-05)", page: quotas, expected: "LimitExceeded") {
        try $0.addRole(Role(name: "Bounded2", trust: try named("trust policy", trust(300), kind: .trust),
                            boundary: try named("boundary", sized(6_145), kind: .boundary)), to: Acct.dev)
    },
]

@Suite("Policy size quotas")
struct PolicyQuotaTests {
    @Test("inline policies: the total per user, group and role", arguments: inlineRows)
    func inlinePolicies(_ row: Row) throws { try play(row) }

    @Test("trust policies and managed policies", arguments: trustAndManagedRows)
    func trustAndManaged(_ row: Row) throws { try play(row) }

    @Test("session policies", arguments: sessionRows)
    func sessionPolicies(_ row: Row) throws { try play(row) }

    @Test("declared entities", arguments: declarationRows)
    func declarations(_ row: WorldRow) throws { try play(row) }

    // Rule: IAM counts every character but space, tab, line feed and carriage return (SIZE-04).
    @Test("size counts characters without white space; length counts them all", arguments: [
        ("{}", 2, 2), (" { \"a\" :\t1 }\r\n", 7, 14), ("\"é\"", 3, 3), ("\u{A0}", 1, 1),
    ])
    func counting(_ text: String, _ size: Int, _ length: Int) {
        #expect(PolicyQuotas.size(text) == size)
        #expect(PolicyQuotas.length(text) == length)
    }

    // Rule: the same limit holds in a scenario file. A declared entity over it is a diagnostic at its
    // declaration (the world section cannot run), and a step over it fails with AWS's code at that step.
    @Test("a scenario: an oversized declared policy is a diagnostic, an oversized put-policy step fails with LimitExceeded")
    func scenario() throws {
        let header = "scenario: sizes\naccount 222222222222 dev\n\n"
        let declared = header + "user dev/dana\n  policy Read: \(sized(2_049))\n"
        let refused = ScenarioParser.parse(declared, file: "sizes.iqs", baseDirectory: "/")
        #expect(refused.scenario == nil)
        let diagnostic = try #require(refused.diagnostics.first)
        #expect(refused.diagnostics.count == 1)
        #expect("\(diagnostic.code) \(diagnostic.locationText)" == "S009 sizes.iqs:4:1")
        #expect(diagnostic.message.contains("`dana` would total 2049 characters without white space; a user's may total 2048"),
                "\(diagnostic.message)")
        #expect(diagnostic.help == "IAM refuses this with `LimitExceeded`")

        let stepped = header + """
            user dev/dana
            document big: \(sized(2_049))
            step put: put-policy user dev/dana Read @big
              expect: LimitExceeded
            """
        let parsed = ScenarioParser.parse(stepped, file: "sizes.iqs", baseDirectory: "/")
        let scenario = try #require(parsed.scenario, "\(parsed.diagnostics.map(\.message))")
        let run = ScenarioRunner.run(scenario)
        #expect(run.passed)
        #expect(run.steps.first?.result.outcome == .error("LimitExceeded"))
    }
}
