import Foundation
import Testing
@testable import IAMWorld

// Changes to the world (IAM's and Organizations' own rules), one rule per row. Most rows are played through
// `Sandbox.run(Command)` as the sandbox's change commands; the rules that only the world builder can reach
// (scenario files declare roles, profiles and instances through it) are checked on `World` directly.

private let alice = user("dev/alice")
private let asset = Fixtures.asset
private let slr = "dev/\(Fixtures.slrName)"
private let slrPolicy = "AWSElasticBeanstalkServiceRolePolicy"

private func role(_ name: String, in account: String = Acct.dev) -> @Sendable (World) -> Role? {
    { world in world.accounts[account]?.roles[name] }
}

// MARK: - Service-linked roles

private let serviceLinkedRows: [Row] = [
    Row("A service-linked role's permissions cannot be edited: PutRolePolicy is UnmodifiableEntity (SLR-03)",
        page: Page.putRolePolicy,
        fails(.putPolicy(.role, entity: slr, name: "Extra", document(JSON.allowing("s3:*"))), "UnmodifiableEntity",
              .world("the role keeps only its service's policy") { role(Fixtures.slrName)($0)?.policies.map(\.name) == [slrPolicy] })),
    Row("Nor removed: DeleteRolePolicy on a service-linked role is UnmodifiableEntity (SLR-03)", page: Page.deleteRolePolicy,
        fails(.deletePolicy(.role, entity: slr, name: slrPolicy), "UnmodifiableEntity",
              .world("the role keeps its policy") { role(Fixtures.slrName)($0)?.policies.count == 1 })),
    Row("A service-linked role's trust policy cannot be replaced: UpdateAssumeRolePolicy is UnmodifiableEntity (SLR-02)",
        page: Page.updateAssumeRolePolicy,
        fails(.setTrust(role: slr, document(JSON.trust(Fixtures.devRoot))), "UnmodifiableEntity",
              .world("the trust policy still names only the service") {
                  role(Fixtures.slrName)($0)?.trust.text.contains("elasticbeanstalk.amazonaws.com") == true
              }),
        ok(alice), fails(assume(slr), "AccessDenied")),
    Row("A service-linked role cannot have a permissions boundary set or removed: UnmodifiableEntity (PERM-09)",
        page: Page.putRolePermissionsBoundary,
        fails(.setBoundary(.role, entity: slr, document(JSON.allowing("ec2:Describe*"))), "UnmodifiableEntity",
              .world("the role has no boundary") { role(Fixtures.slrName)($0)?.boundary == nil }),
        fails(.clearBoundary(.role, entity: slr), "UnmodifiableEntity")),
    Row("DeleteRole cannot delete a service-linked role: UnmodifiableEntity (SLR-04)", page: Page.deleteRole,
        fails(.deleteRole(slr), "UnmodifiableEntity", .world("the role still exists") { role(Fixtures.slrName)($0) != nil })),
    Row("DeleteServiceLinkedRole fails while the service still uses the role, and succeeds once it does not (SLR-10, SLR-09)",
        page: Page.getServiceLinkedRoleDeletionStatus,
        fails(.deleteServiceLinkedRole(slr), "DeleteConflict", .world("the role still exists") { role(Fixtures.slrName)($0) != nil }),
        ok(.deleteResource(arn: Fixtures.beanstalkEnvironment),
           .world("nothing uses the role any more") { role(Fixtures.slrName)($0)?.usedBy == [] }),
        ok(.deleteServiceLinkedRole(slr), .world("the role is gone") { role(Fixtures.slrName)($0) == nil }),
        fails(.deleteServiceLinkedRole(slr), "NoSuchEntity")),
    Row("A service-linked role's MaxSessionDuration cannot be changed: UpdateRole is UnmodifiableEntity (SLR-06)",
        page: Page.updateRole,
        fails(.setMaxSession(role: slr, 2 * hour), "UnmodifiableEntity",
              .world("the role keeps its one-hour maximum") { role(Fixtures.slrName)($0)?.maxSessionDuration == hour })),
    Row("DeleteServiceLinkedRole refuses a role that is not service-linked, and deletes nothing (SLR-11)",
        page: Page.deleteServiceLinkedRole,
        fails(.deleteServiceLinkedRole("dev/Plain"), "ValidationError", .world("Plain still exists") { role("Plain")($0) != nil })),
]

// MARK: - Deleting roles

private let deleteRows: [Row] = [
    Row("DeleteRole fails with DeleteConflict while the role is in an instance profile (EC2-16)", page: Page.deleteRole,
        fails(.deleteRole("dev/WebServer"), "DeleteConflict", .world("WebServer still exists") { role("WebServer")($0) != nil }),
        fails(.deleteRole("dev/NotForEC2"), "DeleteConflict", .world("NotForEC2 still exists") { role("NotForEC2")($0) != nil }),
        ok(instance("dev/i-0web"), .role("WebServer"))),
    Row("DeleteRole fails with DeleteConflict while the role has inline policies; emptied, it can be deleted (EC2-16)",
        page: Page.deleteRole,
        fails(.deleteRole("dev/Chained"), "DeleteConflict"),
        ok(.deletePolicy(.role, entity: "dev/Chained", name: "ListBuckets")),
        ok(.deleteRole("dev/Chained"), .world("Chained is gone") { role("Chained")($0) == nil }),
        ok(alice), fails(assume("dev/Chained"), "AccessDenied")),
    Row("Deleting a role that does not exist is NoSuchEntity (§12 NoSuchEntity)", page: Page.deleteRole,
        fails(.deleteRole("dev/Nobody"), "NoSuchEntity")),
]

// MARK: - Policy changes

private let allowS3Read = JSON.allowing("s3:GetObject")

private let policyChangeRows: [Row] = [
    Row("A user's new inline policy applies to its next request, and to its session-token credentials (PERM-08)",
        page: Page.disablePermissions,
        ok(user("dev/bob")), ok(getSessionToken()), can("s3:GetObject", on: asset, .implicitDeny),
        ok(.putPolicy(.user, entity: "dev/bob", name: "Read", document(allowS3Read))), can("s3:GetObject", on: asset, .allowed),
        ok(.deletePolicy(.user, entity: "dev/bob", name: "Read")), can("s3:GetObject", on: asset, .implicitDeny)),
    Row("A role's permissions are read at each request: a policy added to the role applies to its existing sessions (PERM-02)",
        page: Page.disablePermissions,
        ok(alice), ok(assume("dev/Dev")), can("s3:ListAllMyBuckets", .implicitDeny),
        ok(.putPolicy(.role, entity: "dev/Dev", name: "ListBuckets", document(JSON.allowing("s3:ListAllMyBuckets")))),
        can("s3:ListAllMyBuckets", .allowed)),
    Row("A group's policy applies to its members (PERM-02)", page: Page.putGroupPolicy,
        world: .standard { b in
            try b.group("dev/auditors")
            try b.user("dev/dave", groups: ["auditors"])
        },
        ok(user("dev/dave")), can("s3:GetObject", on: asset, .implicitDeny),
        ok(.putPolicy(.group, entity: "dev/auditors", name: "Read", document(allowS3Read))), can("s3:GetObject", on: asset, .allowed),
        ok(user("dev/bob")), can("s3:GetObject", on: asset, .implicitDeny)),
    Row("A trust policy is checked only when the role is assumed: replacing it stops new sessions, not existing ones (PERM-11)",
        page: Page.revokeSessions,
        ok(alice), ok(assume("dev/Dev")),
        ok(.setTrust(role: "dev/Dev", document(JSON.trust(#"{"AWS":"arn:aws:iam::222222222222:user/bob"}"#)))),
        can("ec2:DescribeInstances", .allowed), ok(.exitRole), fails(assume("dev/Dev"), "AccessDenied")),
    Row("A user's permissions boundary limits it at once; removing it restores the policies' permissions (PERM-02)",
        page: Page.boundaries,
        ok(alice), can("s3:GetObject", on: asset, .allowed),
        ok(.setBoundary(.user, entity: "dev/alice", document(JSON.allowing("ec2:*")))), can("s3:GetObject", on: asset, .implicitDeny),
        ok(.clearBoundary(.user, entity: "dev/alice")), can("s3:GetObject", on: asset, .allowed)),
    Row("A permissions boundary is set on a user or a role, not on a group (PERM-02)", page: Page.boundaries,
        world: .standard { try $0.group("dev/auditors") },
        fails(.setBoundary(.group, entity: "dev/auditors", document(JSON.allowing("s3:*"))), "ValidationError")),
    Row("A policy that is not valid JSON or not a valid policy is MalformedPolicyDocument, and changes nothing (§12 MalformedPolicyDocument)",
        page: Page.putRolePolicy,
        fails(.putPolicy(.role, entity: "dev/Dev", name: "Broken", document(#"{"Version":"2012-10-17","Statement":[{"#)),
              "MalformedPolicyDocument", .world("Dev has only DevAccess") { role("Dev")($0)?.policies.map(\.name) == ["DevAccess"] }),
        fails(.putPolicy(.user, entity: "dev/bob", name: "Broken",
                         document(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}"#)),
              "MalformedPolicyDocument"),
        fails(.setTrust(role: "dev/Dev", document(#"{"Statement": ["#)), "MalformedPolicyDocument"),
        ok(alice), ok(assume("dev/Dev"))),
    Row("A change naming a user, group or role that does not exist is NoSuchEntity (§12 NoSuchEntity)", page: Page.putUserPolicy,
        fails(.putPolicy(.user, entity: "dev/nobody", name: "Read", document(allowS3Read)), "NoSuchEntity"),
        fails(.putPolicy(.group, entity: "dev/nobody", name: "Read", document(allowS3Read)), "NoSuchEntity"),
        fails(.deletePolicy(.user, entity: "dev/alice", name: "NoSuchPolicy"), "NoSuchEntity"),
        fails(.setTrust(role: "dev/Nobody", document(JSON.trust(Fixtures.devRoot))), "NoSuchEntity")),
    Row("UpdateRole sets MaxSessionDuration from one to 12 hours; AssumeRole may then ask for that long (DUR-06, DUR-01)",
        page: Page.updateRole,
        fails(.setMaxSession(role: "dev/Plain", 3_599), "ValidationError"),
        fails(.setMaxSession(role: "dev/Plain", 43_201), "ValidationError"),
        ok(alice), fails(assume("dev/Plain", duration: 2 * hour), "ValidationError"),
        ok(.setMaxSession(role: "dev/Plain", 2 * hour),
           .world("Plain's maximum is two hours") { role("Plain")($0)?.maxSessionDuration == 2 * hour }),
        ok(assume("dev/Plain", duration: 2 * hour), .expiresIn(2 * hour))),
    Row("A role created by the sandbox can be assumed at once; a second role of the same name is EntityAlreadyExists (§12 EntityAlreadyExists)",
        page: Page.createRole,
        ok(.createRole("dev/Fresh", trust: document(JSON.trust(Fixtures.devRoot)), createdWith: .cli)),
        fails(.createRole("dev/Fresh", trust: document(JSON.trust(Fixtures.devRoot)), createdWith: .cli), "EntityAlreadyExists"),
        ok(alice), ok(assume("dev/Fresh"), .role("Fresh"), .expiresIn(hour))),
]

// MARK: - Service control policies

private let scpRows: [Row] = [
    Row("An SCP attached to a member account denies at once; detached, the permissions come back (XACC-03)", page: Page.scps,
        ok(alice), can("s3:GetObject", on: asset, .allowed),
        ok(.attachSCP(name: "DenyS3", target: "dev", document(JSON.policy(JSON.deny(["s3:*"]))))),
        can("s3:GetObject", on: asset, .explicitDeny),
        ok(.detachSCP(name: "DenyS3", target: "dev")), can("s3:GetObject", on: asset, .allowed)),
    Row("SCPs are allow lists: with FullAWSAccess detached from an OU, accounts below it are denied what no SCP allows (XACC-03)",
        page: Page.scpEvaluation,
        ok(.detachSCP(name: "FullAWSAccess", target: "workloads")),
        ok(alice), can("s3:GetObject", on: asset, .implicitDeny),
        ok(.attachSCP(name: "AllowS3", target: "workloads", document(JSON.allowing("s3:*")))),
        can("s3:GetObject", on: asset, .allowed), can("iam:ListUsers", .implicitDeny)),
    Row("Detaching FullAWSAccess does not restrict the management account (XACC-05)", page: Page.scps,
        ok(.detachSCP(name: "FullAWSAccess", target: "root")),
        ok(user("mgmt/boss")), can("s3:GetObject", on: asset, .allowed), ok(assume("prod/OrgAdmin"), .role("OrgAdmin")),
        can("s3:GetObject", on: asset, .implicitDeny)),
    Row("SCPs attach to the root, an OU or a member account; another target is NoSuchEntity (XACC-03)", page: Page.scps,
        fails(.attachSCP(name: "DenyS3", target: "vendor", document(JSON.policy(JSON.deny(["s3:*"])))), "NoSuchEntity"),
        fails(.attachSCP(name: "DenyS3", target: "sandbox-ou", document(JSON.policy(JSON.deny(["s3:*"])))), "NoSuchEntity"),
        fails(.detachSCP(name: "NotAttached", target: "dev"), "NoSuchEntity")),
]

// MARK: - The world builder's own rules

/// A rule that only the world builder (scenario declarations) reaches: one change and the error it must give.
struct WorldRow: Sendable, CustomTestStringConvertible {
    var rule: String
    var page: String
    var change: @Sendable (inout World) throws -> Void
    /// The error code, or nil when the change must work.
    var expected: String?
    var holds: (@Sendable (World) -> Bool)?

    init(_ rule: String, page: String, expected: String?, holds: (@Sendable (World) -> Bool)? = nil,
         _ change: @escaping @Sendable (inout World) throws -> Void) {
        self.rule = rule
        self.page = page
        self.expected = expected
        self.holds = holds
        self.change = change
    }

    var testDescription: String { rule }
}

private func roleWith(_ name: String, maxSession: TimeInterval = Role.defaultMaxSessionDuration,
                      createdWith: CreatedWith = .cli, trust: String = JSON.trust(Fixtures.devRoot)) throws -> Role {
    Role(name: name, trust: try named("trust policy", trust, kind: .trust), maxSessionDuration: maxSession, createdWith: createdWith)
}

private let worldRows: [WorldRow] = [
    WorldRow("A role's MaxSessionDuration is at least one hour (DUR-06)", page: Page.updateRole, expected: "ValidationError") {
        try $0.addRole(try roleWith("Short", maxSession: 3_599), to: Acct.dev)
    },
    WorldRow("A role's MaxSessionDuration is at most 12 hours (DUR-06)", page: Page.updateRole, expected: "ValidationError") {
        try $0.addRole(try roleWith("Long", maxSession: 43_201), to: Acct.dev)
    },
    WorldRow("A role's MaxSessionDuration may be exactly 12 hours (DUR-06)", page: Page.roleSettings, expected: nil,
             holds: { $0.accounts[Acct.dev]?.roles["Twelve"]?.maxSessionDuration == 43_200 }) {
        try $0.addRole(try roleWith("Twelve", maxSession: 43_200), to: Acct.dev)
    },
    WorldRow("Role names are unique in an account (§12 EntityAlreadyExists)", page: Page.createRole, expected: "EntityAlreadyExists") {
        try $0.addRole(try roleWith("Dev"), to: Acct.dev)
    },
    WorldRow("A role declared as made in the console for EC2 gets a same-name instance profile (EC2-03)", page: Page.ec2Profiles,
             expected: nil, holds: { $0.accounts[Acct.dev]?.instanceProfiles["Console"]?.roleName == "Console" }) {
        try $0.addRole(try roleWith("Console", createdWith: .console, trust: JSON.trust(Fixtures.ec2Service)), to: Acct.dev)
    },
    WorldRow("An instance profile can only hold a role that exists (EC2-04)", page: Page.addRoleToInstanceProfile,
             expected: "NoSuchEntity") {
        try $0.addInstanceProfile(InstanceProfile(name: "ghost-profile", roleName: "Ghost"), to: Acct.dev)
    },
    WorldRow("A second role in an instance profile is LimitExceeded (EC2-01)", page: Page.addRoleToInstanceProfile,
             expected: "LimitExceeded", holds: { $0.accounts[Acct.dev]?.instanceProfiles["web-profile"]?.roleName == "WebServer" }) {
        try $0.addRole("Batch", toProfile: "web-profile", in: Acct.dev)
    },
    WorldRow("An instance can only be launched with an instance profile of its account (EC2-05)", page: Page.ec2Roles,
             expected: "NoSuchEntity") {
        try $0.addInstance(Instance(id: "i-0ghost", account: Acct.dev, profileName: "no-such-profile"))
    },
]

@Suite("World changes, through Sandbox.run and the world builder")
struct WorldChangeTests {
    @Test("service-linked roles", arguments: serviceLinkedRows)
    func serviceLinkedRoles(_ row: Row) throws { try play(row) }

    @Test("deleting roles", arguments: deleteRows)
    func deletingRoles(_ row: Row) throws { try play(row) }

    @Test("policy changes", arguments: policyChangeRows)
    func policyChanges(_ row: Row) throws { try play(row) }

    @Test("service control policies", arguments: scpRows)
    func serviceControlPolicies(_ row: Row) throws { try play(row) }

    @Test("the world builder's rules", arguments: worldRows)
    func worldBuilder(_ row: WorldRow) throws { try play(row) }
}

/// Makes a row's change to the standard world, checking the error it gives (or that it works) and what must hold after.
func play(_ row: WorldRow) throws {
    #expect(row.page.hasPrefix("https://docs.aws.amazon.com/"))
    var world = try Fixtures.standard().world
    do {
        try row.change(&world)
        #expect(row.expected == nil, "the change worked; expected \(row.expected ?? "")")
    } catch let error as AWSError {
        #expect(error.code == row.expected, "\(error)")
    }
    if let holds = row.holds { #expect(holds(world)) }
}
