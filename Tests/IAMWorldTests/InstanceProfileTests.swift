import Foundation
import Testing
@testable import IAMWorld

// EC2 roles, instance profiles and the credentials the instance metadata service (IMDS) serves, one rule
// per row, played through `Sandbox.run(Command)`. In the standard world (dev account): the instance i-0web
// has web-profile (role WebServer: s3:GetObject on assets), batch-profile holds Batch (sqs:*), bad-profile
// holds NotForEC2 (whose trust policy does not name EC2), empty-profile holds no role, i-0bare has no profile.

private let asset = Fixtures.asset
private let ec2Trust = JSON.trust(Fixtures.ec2Service)
private let lifetime = Sandbox.instanceCredentialLifetime
private let refresh = Sandbox.instanceCredentialRefresh

private func profile(_ name: String, in account: String = Acct.dev) -> @Sendable (World) -> InstanceProfile? {
    { world in world.accounts[account]?.instanceProfiles[name] }
}

private let creationRows: [Row] = [
    Row("Creating a role for EC2 in the console also creates an instance profile of the same name holding it (EC2-03)",
        page: Page.ec2Profiles,
        ok(.createRole("dev/AppServer", trust: document(ec2Trust), createdWith: .console),
           .world("the instance profile AppServer holds the role AppServer") { profile("AppServer")($0)?.roleName == "AppServer" }),
        ok(.associateProfile(instance: "dev/i-0bare", profile: "AppServer")),
        ok(instance("dev/i-0bare"), .role("AppServer"))),
    Row("Creating a role with the CLI or API creates no instance profile (EC2-03)", page: Page.ec2Profiles,
        ok(.createRole("dev/CliServer", trust: document(ec2Trust), createdWith: .cli),
           .world("there is no instance profile CliServer") { profile("CliServer")($0) == nil }),
        fails(.associateProfile(instance: "dev/i-0bare", profile: "CliServer"), "NoSuchEntity")),
    Row("The console creates a profile only for roles that EC2 may assume (EC2-03)", page: Page.ec2Profiles,
        ok(.createRole("dev/ConsoleAdmin", trust: document(JSON.trust(Fixtures.devRoot)), createdWith: .console),
           .world("there is no instance profile ConsoleAdmin") { profile("ConsoleAdmin")($0) == nil })),
    Row("An instance profile holds at most one role: adding a second is LimitExceeded (EC2-01)", page: Page.addRoleToInstanceProfile,
        fails(.addRoleToProfile(profile: "dev/web-profile", role: "Batch"), "LimitExceeded",
              .world("web-profile still holds WebServer") { profile("web-profile")($0)?.roleName == "WebServer" }),
        ok(.addRoleToProfile(profile: "dev/empty-profile", role: "Batch"),
           .world("empty-profile now holds Batch") { profile("empty-profile")($0)?.roleName == "Batch" }),
        fails(.addRoleToProfile(profile: "dev/empty-profile", role: "WebServer"), "LimitExceeded")),
    Row("One role may be in many instance profiles (EC2-01)", page: Page.ec2Profiles,
        ok(.addRoleToProfile(profile: "dev/empty-profile", role: "WebServer")),
        ok(instance("dev/i-0empty"), .role("WebServer")), ok(instance("dev/i-0web"), .role("WebServer"))),
    Row("A service-linked role cannot be added to an instance profile: UnmodifiableEntity (EC2-04)",
        page: Page.addRoleToInstanceProfile,
        fails(.addRoleToProfile(profile: "dev/empty-profile", role: Fixtures.slrName), "UnmodifiableEntity",
              .world("empty-profile still holds no role") { profile("empty-profile")($0)?.roleName == nil })),
    Row("Adding an unknown role, or to an unknown profile, is NoSuchEntity (EC2-04)", page: Page.addRoleToInstanceProfile,
        fails(.addRoleToProfile(profile: "dev/empty-profile", role: "Nobody"), "NoSuchEntity"),
        fails(.addRoleToProfile(profile: "dev/no-such-profile", role: "Batch"), "NoSuchEntity")),
]

private let credentialRows: [Row] = [
    Row("Software on the instance acts with the role's permissions, as the session i-xxxx of the role (EC2-10, ARN-05)",
        page: Page.ec2Roles,
        ok(instance("dev/i-0web"), .principal("arn:aws:sts::222222222222:assumed-role/WebServer/i-0web"), .role("WebServer")),
        can("s3:GetObject", on: asset, .allowed), can("s3:GetObject", on: "arn:aws:s3:::payroll/2026.csv", .implicitDeny),
        can("ec2:DescribeInstances", .implicitDeny)),
    Row("IMDS credentials last hours, not bound by the role's one-hour MaxSessionDuration (EC2-12, DUR-07)", page: Page.imdsCredentials,
        ok(instance("dev/i-0web"), .expiresIn(lifetime),
           .world("the role's MaxSessionDuration is one hour") { $0.accounts[Acct.dev]?.roles["WebServer"]?.maxSessionDuration == hour })),
    Row("IMDS serves the same credentials until five minutes before they expire, then new ones (EC2-11)",
        page: Page.imdsCredentials,
        ok(instance("dev/i-0web"), .remember("first"), .expiresIn(lifetime)),
        ok(advance(lifetime - refresh - 1)),
        ok(instance("dev/i-0web"), .sameKey("first"), .expiresIn(refresh + 1)),
        ok(advance(1)),
        ok(instance("dev/i-0web"), .newKey("first"), .remember("second"), .expiresIn(lifetime))),
    Row("Rotated-out IMDS credentials stay valid until their own expiry (EC2-11, EC2-13)", page: Page.imdsCredentials,
        ok(instance("dev/i-0web"), .remember("first")), ok(advance(lifetime - refresh)),
        ok(instance("dev/i-0web"), .newKey("first"), .remember("second")),
        resume("first"), can("s3:GetObject", on: asset, .allowed),
        ok(advance(refresh - 1)), can("s3:GetObject", on: asset, .allowed),
        ok(advance(1)), can("s3:GetObject", on: asset, .error("ExpiredToken")),
        resume("second"), can("s3:GetObject", on: asset, .allowed)),
    Row("Replacing the profile of a running instance switches the role its software gets (EC2-07, EC2-09)", page: Page.attachRole,
        ok(instance("dev/i-0web"), .role("WebServer"), .remember("web")),
        ok(.replaceProfile(instance: "dev/i-0web", profile: "batch-profile")),
        ok(instance("dev/i-0web"), .role("Batch"), .newKey("web")),
        can("sqs:SendMessage", on: "arn:aws:sqs:us-east-1:222222222222:jobs", .allowed), can("s3:GetObject", on: asset, .implicitDeny)),
    Row("Credentials fetched before a replace keep working until they expire: there is no revocation (EC2-13)",
        page: Page.attachRole,
        ok(instance("dev/i-0web"), .remember("web")),
        ok(.replaceProfile(instance: "dev/i-0web", profile: "batch-profile")),
        resume("web"), can("s3:GetObject", on: asset, .allowed),
        ok(advance(lifetime)), can("s3:GetObject", on: asset, .error("ExpiredToken"))),
    Row("An instance without an instance profile gets no credentials (EC2-02)", page: Page.ec2Roles,
        fails(instance("dev/i-0bare"), "NoSuchEntity"), whoami(.whoamiShows("Not acting as anyone"))),
    Row("After its profile is removed, the instance gets no credentials (EC2-08)", page: Page.attachRole,
        ok(instance("dev/i-0web")), ok(.disassociateProfile(instance: "dev/i-0web")), fails(instance("dev/i-0web"), "NoSuchEntity")),
    Row("An instance profile that holds no role gives no credentials (EC2-02)", page: Page.ec2Profiles,
        fails(instance("dev/i-0empty"), "NoSuchEntity")),
    Row("The role in the profile must trust ec2.amazonaws.com, or IMDS gets no credentials (EC2-14)", page: Page.ec2Roles,
        fails(instance("dev/i-0bad"), "AccessDenied")),
    Row("Attaching a profile works on an instance without one; on one with a profile it is IncorrectState (EC2-06)",
        page: Page.attachRole,
        fails(.associateProfile(instance: "dev/i-0web", profile: "batch-profile"), "IncorrectState"),
        ok(.associateProfile(instance: "dev/i-0bare", profile: "batch-profile")), ok(instance("dev/i-0bare"), .role("Batch"))),
    Row("Replacing needs an existing association: on an instance without a profile it is IncorrectState (EC2-07)",
        page: Page.attachRole,
        fails(.replaceProfile(instance: "dev/i-0bare", profile: "web-profile"), "IncorrectState")),
    Row("An unknown instance profile or instance is NoSuchEntity (EC2-06)", page: Page.attachRole,
        fails(.associateProfile(instance: "dev/i-0bare", profile: "no-such-profile"), "NoSuchEntity"),
        fails(.associateProfile(instance: "dev/i-0nope", profile: "web-profile"), "NoSuchEntity"),
        fails(instance("dev/i-0nope"), "NoSuchEntity")),
    Row("One profile serves many instances, each with its own session named after it (EC2-02, ARN-05)", page: Page.ec2Roles,
        ok(.associateProfile(instance: "dev/i-0bare", profile: "web-profile")),
        ok(instance("dev/i-0web"), .remember("web")),
        ok(instance("dev/i-0bare"), .newKey("web"), .principal("arn:aws:sts::222222222222:assumed-role/WebServer/i-0bare"))),
]

@Suite("Instance profiles and instance credentials, through Sandbox.run")
struct InstanceProfileTests {
    @Test("creating roles and filling instance profiles", arguments: creationRows)
    func creation(_ row: Row) throws { try play(row) }

    @Test("credentials served to instances", arguments: credentialRows)
    func credentials(_ row: Row) throws { try play(row) }
}
