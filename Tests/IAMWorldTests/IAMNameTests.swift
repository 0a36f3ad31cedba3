import Diagnostics
import Foundation
import Testing
@testable import IAMWorld

// IAM's naming rules live in one place (`IAMNames`), and the world's own `add` functions enforce them, so
// that a scenario file (S008, S009), the sandbox (`ValidationError`) and any later caller agree on a name.
// Before, only the scenario parser held them: the sandbox's `create-role` took role names S008 refuses.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names

private let quotas = Page.guide + "reference_iam-quotas.html#reference_iam-quotas-names"
private let trustText = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "sts:AssumeRole"}]}"#

/// A role name and whether IAM takes it (CreateRole's RoleName: 1 to 64 characters of `[\w+=,.@-]`).
struct RoleNameCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let name: String
    let valid: Bool

    init(_ rule: String, _ name: String, valid: Bool) {
        self.rule = rule
        self.name = name
        self.valid = valid
    }

    var testDescription: String { rule }
}

private let roleNames: [RoleNameCase] = [
    RoleNameCase("letters and digits", "Web1", valid: true),
    RoleNameCase("one character is enough", "a", valid: true),
    RoleNameCase("the punctuation IAM allows: _ + = , . @ -", "Deploy_+=,.@-", valid: true),
    RoleNameCase("64 characters, the most for a role", String(repeating: "r", count: 64), valid: true),
    RoleNameCase("65 characters are too many", String(repeating: "r", count: 65), valid: false),
    RoleNameCase("a character outside [\\w+=,.@-]", "al!ce", valid: false),
    RoleNameCase("\\w is ASCII: no accented letters", "Café", valid: false),
    RoleNameCase("a slash belongs to the path, not the name", "team/Web", valid: false),
    RoleNameCase("a colon is not allowed", "Web:1", valid: false),
    RoleNameCase("a role has a name", "", valid: false),
]

@Suite("IAM names: one rule for scenario files, the sandbox and the world")
struct IAMNameTests {
    @Test("create-role in the sandbox refuses exactly the role names S008 refuses", arguments: roleNames)
    func createRole(_ row: RoleNameCase) throws {
        #expect(Page.createRole.hasPrefix("https://docs.aws.amazon.com/"))
        // The sandbox: CreateRole through the world's addRole.
        var sandbox = Sandbox(world: try Fixtures.standard().world)
        let outcome = sandbox.run(.createRole("dev/\(row.name)", trust: document(trustText), createdWith: .cli)).outcome
        #expect(outcome == (row.valid ? .ok : .error("ValidationError")))
        #expect((sandbox.world.accounts[Acct.dev]?.roles[row.name] != nil) == row.valid)

        // A scenario file: the `role` declaration and a `create-role` step.
        let prelude = "scenario: names\naccount 111111111111 prod\ndocument trust: \(trustText)\n"
        let declared = ScenarioParser.parse(prelude + "role prod/\(row.name)\n  trust: \(trustText)\n", file: "t.iqs", baseDirectory: "/")
        #expect(declared.diagnostics.map(\.code) == (row.valid ? [] : ["S008"]))
        let created = ScenarioParser.parse(prelude + "step: create-role prod/\(row.name) --trust @trust\n", file: "t.iqs", baseDirectory: "/")
        #expect(created.diagnostics.map(\.code) == (row.valid ? [] : ["S008"]))
    }

    @Test("the world's add functions refuse the names and paths scenario files refuse", arguments: worldNameRows)
    func worldAdds(_ row: WorldRow) throws { try play(row) }

    @Test("the sandbox holds policy and session names to the same rules", arguments: sandboxNameRows)
    func sandboxNames(_ row: Row) throws { try play(row) }

    @Test("each rule is the scenario parser's: S008 for a name, S009 for a path", arguments: [
        ("user prod/al!ce\n", "S008"),
        ("group prod/Ops!\n", "S008"),
        ("instance-profile prod/web:profile\n", "S008"),
        ("user prod/alice\n  path: engineering/\n", "S009"),
        ("user prod/alice\n  mfa: phone! 123456\n", "S008"),
        ("user prod/alice\n  policy read!: \(JSON.allowing("s3:GetObject"))\n", "S008"),
        ("saml-provider prod/Okta!\n", "S008"),
        ("oidc-provider prod/https://token.actions.githubusercontent.com\n", "S008"),
        ("instance prod/i_0abc\n", "S008"),
    ])
    func scenarioCodes(_ body: String, _ code: String) {
        let result = ScenarioParser.parse("scenario: names\naccount 111111111111 prod\n" + body, file: "t.iqs", baseDirectory: "/")
        #expect(result.diagnostics.map(\.code) == [code], "\(result.diagnostics.map(\.message))")
    }
}

private func roleNamed(_ name: String, path: String = "/", policyName: String = "Read") throws -> Role {
    Role(name: name, path: path, trust: try named("trust policy", trustText, kind: .trust),
         policies: [try named(policyName, JSON.allowing("s3:GetObject"), kind: .identity)])
}

private let worldNameRows: [WorldRow] = [
    WorldRow("A role name is IAM's: `al!ce` is a ValidationError", page: Page.createRole, expected: "ValidationError") {
        try $0.addRole(try roleNamed("al!ce"), to: Acct.dev)
    },
    WorldRow("A role's path starts and ends with `/`", page: Page.createRole, expected: "ValidationError") {
        try $0.addRole(try roleNamed("Pathless", path: "engineering"), to: Acct.dev)
    },
    WorldRow("A role's inline policy names are IAM names", page: Page.putRolePolicy, expected: "ValidationError") {
        try $0.addRole(try roleNamed("Reader", policyName: "read all"), to: Acct.dev)
    },
    WorldRow("A user name is at most 64 characters", page: quotas, expected: "ValidationError") {
        try $0.addUser(User(name: String(repeating: "u", count: 65)), to: Acct.dev)
    },
    WorldRow("A user's path is printable ASCII without `//`", page: quotas, expected: "ValidationError") {
        try $0.addUser(User(name: "newcomer", path: "/a//b/"), to: Acct.dev)
    },
    WorldRow("An MFA device name is an IAM name", page: quotas, expected: "ValidationError") {
        try $0.addUser(User(name: "newcomer", mfaDevices: ["newcomer phone": "123456"]), to: Acct.dev)
    },
    WorldRow("A group name may have 128 characters", page: quotas, expected: nil,
             holds: { $0.accounts[Acct.dev]?.groups[String(repeating: "g", count: 128)] != nil }) {
        try $0.addGroup(Group(name: String(repeating: "g", count: 128)), to: Acct.dev)
    },
    WorldRow("A group name has no spaces", page: quotas, expected: "ValidationError") {
        try $0.addGroup(Group(name: "Ops Team"), to: Acct.dev)
    },
    WorldRow("An instance profile name is an IAM name", page: Page.ec2Profiles, expected: "ValidationError") {
        try $0.addInstanceProfile(InstanceProfile(name: "web:profile"), to: Acct.dev)
    },
    WorldRow("A SAML provider name is letters, digits, `.`, `_` and `-`", page: Page.samlAssertions, expected: "ValidationError") {
        try $0.addProvider(IdentityProvider(kind: .saml, name: "Okta!"), to: Acct.dev)
    },
    WorldRow("An OIDC provider is named by its host, without `https://`", page: Page.oidcKeys, expected: "ValidationError") {
        try $0.addProvider(IdentityProvider(kind: .oidc, name: "https://token.actions.githubusercontent.com"), to: Acct.dev)
    },
    WorldRow("An instance id is letters, digits and `-`", page: Page.ec2Roles, expected: "ValidationError") {
        try $0.addInstance(Instance(id: "i_0abc", account: Acct.dev))
    },
]

private let sandboxNameRows: [Row] = [
    Row("PutUserPolicy takes an IAM policy name, as a scenario's `policy NAME:` does", page: Page.putUserPolicy,
        fails(.putPolicy(.user, entity: "dev/alice", name: "read all", document(JSON.allowing("s3:GetObject"))), "ValidationError",
              .world("alice has no such policy") { world in
                  world.accounts[Acct.dev]?.users["alice"]?.policies.contains { $0.name == "read all" } == false
              }),
        ok(.putPolicy(.user, entity: "dev/alice", name: "read-all", document(JSON.allowing("s3:GetObject"))))),
    Row("RoleSessionName's \\w is ASCII, as in role names: `josé` is a ValidationError (PARAM-02)", page: Page.assumeRole,
        ok(user("dev/alice")),
        fails(assume("dev/Dev", session: "josé"), "ValidationError"),
        ok(assume("dev/Dev", session: "jose"))),
]
