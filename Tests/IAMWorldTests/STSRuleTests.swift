import Foundation
import Testing
@testable import IAMWorld

// The STS rules of docs/research/sts-rules.md, one row each, played through `Sandbox.run(Command)` as the
// sandbox prompt and scenario files run them. A row names its rule in words, the research id in
// parentheses, and the page that states it. The world is `Fixtures.standard()`: alice (dev) may assume
// roles and has an MFA device showing 123456; bob (dev) has no policy; carol (dev) may call
// GetFederationToken; saas is a vendor outside the organization.

private let alice = user("dev/alice")
private let aliceARN = "arn:aws:iam::222222222222:user/alice"
private let mfaSerial = "alice-phone"
private let asset = Fixtures.asset
private let slr = "dev/\(Fixtures.slrName)"

/// A policy document of exactly `length` characters that allows ec2:DescribeInstances.
private func paddedPolicy(length: Int) -> String {
    let head = #"{"Version":"2012-10-17","Statement":[{"Sid":""#
    let tail = #"","Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"}]}"#
    return head + String(repeating: "A", count: length - head.count - tail.count) + tail
}

// MARK: - Durations

private let durationRows: [Row] = [
    Row("AssumeRole without DurationSeconds lasts one hour (DUR-01)", page: Page.assumeRole,
        ok(alice), ok(assume("dev/Dev"), .expiresIn(hour), .role("Dev"))),
    Row("AssumeRole may ask for exactly the role's MaxSessionDuration (DUR-01)", page: Page.assumeRole,
        ok(alice), ok(assume("dev/Dev", duration: 4 * hour), .expiresIn(4 * hour))),
    Row("AssumeRole above the role's MaxSessionDuration fails, it is not clamped (DUR-01)", page: Page.assumeRole,
        ok(alice), fails(assume("dev/Dev", duration: 4 * hour + 1), "ValidationError"), whoami(.principal(aliceARN))),
    Row("A role's MaxSessionDuration is one hour unless set, so two hours from a default role fails (DUR-01, DUR-06)",
        page: Page.roleSettings,
        ok(alice), fails(assume("prod/CrossRead", duration: 2 * hour), "ValidationError"),
        ok(assume("prod/CrossRead", duration: hour), .expiresIn(hour))),
    Row("AssumeRole's DurationSeconds is at least 900 seconds (DUR-01)", page: Page.assumeRole,
        ok(alice), fails(assume("dev/Dev", duration: 899), "ValidationError"), ok(assume("dev/Dev", duration: 900), .expiresIn(900))),
    Row("Role chaining caps the new session at one hour whatever the role's MaxSessionDuration; more fails, it is not clamped (DUR-08)",
        page: Page.roleChaining,
        ok(alice), ok(assume("dev/Dev", duration: 4 * hour)),
        fails(assume("dev/Chained", duration: hour + 1), "ValidationError"),
        ok(assume("dev/Chained", duration: hour), .expiresIn(hour), .role("Chained"))),
    Row("A chained AssumeRole without DurationSeconds gets the default hour, which the cap allows (DUR-08)", page: Page.roleChaining,
        ok(alice), ok(assume("dev/Dev", duration: 4 * hour)), ok(assume("dev/Chained"), .expiresIn(hour))),
    Row("A DurationSeconds beyond the API range while chaining is a ValidationError as well (DUR-09)", page: Page.assumeRole,
        ok(alice), ok(assume("dev/Dev")), fails(assume("dev/Chained", duration: 43_201), "ValidationError")),
    Row("A chained session never outlives the session that made it: expiry is the earlier of the two (DUR-13)",
        page: Page.roleChaining,
        ok(alice), ok(assume("dev/Dev", duration: 30 * minute), .expiresIn(30 * minute)), ok(advance(10 * minute)),
        ok(assume("dev/Chained"), .expiresIn(20 * minute), .role("Chained"))),
    Row("AssumeRole with GetSessionToken credentials is capped at one hour as role chaining is (DUR-10)", page: Page.roleChaining,
        ok(alice), ok(getSessionToken()), fails(assume("dev/Dev", duration: 2 * hour), "ValidationError"),
        ok(assume("dev/Dev"), .expiresIn(hour))),
    Row("EC2 instance-role credentials are not role chaining and not bound by MaxSessionDuration (DUR-11, DUR-07)",
        page: Page.roleChaining,
        ok(instance("dev/i-0web"), .role("WebServer"), .expiresIn(Sandbox.instanceCredentialLifetime))),
    Row("AssumeRole called with instance-role credentials is role chaining: at most one hour (DUR-12)", page: Page.roleChaining,
        ok(instance("dev/i-0web")), fails(assume("dev/Chained", duration: 2 * hour), "ValidationError"),
        ok(assume("dev/Chained"), .expiresIn(hour), .role("Chained"))),
    Row("GetSessionToken for an IAM user lasts 12 hours by default (DUR-14)", page: Page.getSessionToken,
        ok(alice), ok(getSessionToken(), .expiresIn(12 * hour))),
    Row("GetSessionToken for an IAM user: 900 seconds to 36 hours; outside that is a ValidationError (DUR-14)",
        page: Page.getSessionToken,
        ok(alice), fails(getSessionToken(duration: 899), "ValidationError"), fails(getSessionToken(duration: 129_601), "ValidationError"),
        ok(getSessionToken(duration: 900), .expiresIn(900)),
        ok(alice), ok(getSessionToken(duration: 36 * hour), .expiresIn(36 * hour))),
    Row("GetSessionToken as the root user lasts one hour by default (DUR-15)", page: Page.getSessionToken,
        ok(root("dev")), ok(getSessionToken(), .expiresIn(hour))),
    Row("GetSessionToken as the root user: a request above one hour silently gets one hour (DUR-15)", page: Page.getSessionToken,
        ok(root("dev")), ok(getSessionToken(duration: 2 * hour), .expiresIn(hour)),
        ok(root("dev")), ok(getSessionToken(duration: 36 * hour), .expiresIn(hour)),
        ok(root("dev")), fails(getSessionToken(duration: 899), "ValidationError")),
    Row("GetFederationToken for an IAM user: 12 hours by default, 900 seconds to 36 hours (DUR-16)", page: Page.getFederationToken,
        ok(user("dev/carol")), ok(getFederationToken("partner"), .expiresIn(12 * hour)),
        ok(user("dev/carol")), ok(getFederationToken("partner", duration: 36 * hour), .expiresIn(36 * hour)),
        ok(user("dev/carol")), fails(getFederationToken("partner", duration: 129_601), "ValidationError"),
        fails(getFederationToken("partner", duration: 899), "ValidationError")),
    Row("GetFederationToken as the root user lasts at most one hour; a longer request gets one hour (DUR-17)",
        page: Page.getFederationToken,
        ok(root("dev")), ok(getFederationToken("ops", duration: 2 * hour), .expiresIn(hour)),
        ok(root("dev")), ok(getFederationToken("ops"), .expiresIn(hour))),
]

// MARK: - Expiry

private let revokeOlder = JSON.policy(JSON.deny(["*"], condition: #"{"DateLessThan":{"aws:TokenIssueTime":"2026-01-01T00:30:00Z"}}"#))

private let expiryRows: [Row] = [
    Row("Temporary credentials work until just before their expiry; a call at the expiry instant fails with ExpiredToken (EXP-01, EXP-02)",
        page: Page.temporaryCredentials,
        ok(alice), ok(assume("dev/Dev")), ok(advance(hour - 1)), can("ec2:DescribeInstances", .allowed),
        ok(advance(1)), can("ec2:DescribeInstances", .error("ExpiredToken")), whoami(.whoamiShows("expired at"))),
    Row("Expired role-session credentials cannot call STS either: AssumeRole and GetCallerIdentity fail with ExpiredToken (EXP-01)",
        page: Page.temporaryCredentials,
        ok(alice), ok(assume("dev/Dev")), ok(advance(2 * hour)),
        fails(assume("dev/Chained"), "ExpiredToken"), can("sts:GetCallerIdentity", .error("ExpiredToken"))),
    Row("GetSessionToken credentials expire at their expiry too (EXP-01)", page: Page.temporaryCredentials,
        ok(alice), ok(getSessionToken(duration: 900)), ok(advance(899)), can("s3:GetObject", on: asset, .allowed),
        ok(advance(1)), can("s3:GetObject", on: asset, .error("ExpiredToken"))),
    Row("GetFederationToken credentials expire at their expiry too (EXP-01)", page: Page.temporaryCredentials,
        ok(user("dev/carol")), ok(getFederationToken("partner", policy: JSON.allowing("s3:GetObject"), duration: 900)),
        can("s3:GetObject", on: asset, .allowed), ok(advance(900)), can("s3:GetObject", on: asset, .error("ExpiredToken"))),
    Row("Long-term access keys do not expire (EXP-01)", page: Page.temporaryCredentials,
        ok(alice, .neverExpires), ok(advance(400 * 24 * hour)), can("s3:GetObject", on: asset, .allowed)),
    Row("Expired credentials cannot be refreshed: acting with them again still fails, only new credentials work (EXP-01)",
        page: Page.temporaryCredentials,
        ok(alice), ok(assume("dev/Dev", session: "nightly")), ok(advance(2 * hour)),
        ok(alice), ok(.asSession("nightly")), can("ec2:DescribeInstances", .error("ExpiredToken")),
        ok(alice), ok(assume("dev/Dev", session: "nightly")), can("ec2:DescribeInstances", .allowed)),
    Row("A Deny on aws:TokenIssueTime before a cut-off revokes a role's older sessions; sessions issued later work (EXP-05)",
        page: Page.revokeSessions,
        ok(alice), ok(assume("dev/Dev", session: "old")), ok(advance(30 * minute)),
        ok(.putPolicy(.role, entity: "dev/Dev", name: "AWSRevokeOlderSessions", document(revokeOlder))),
        can("ec2:DescribeInstances", .explicitDeny),
        ok(alice), ok(assume("dev/Dev", session: "new")), can("ec2:DescribeInstances", .allowed)),
]

// MARK: - Who may call what

private let callerRows: [Row] = [
    Row("The root user cannot assume a role, even one that trusts its own account (CALL-02)", page: Page.compare,
        ok(root("dev")), fails(assume("dev/Dev"), "AccessDenied")),
    Row("Session-token credentials of the root user cannot assume a role either (CALL-02)", page: Page.compare,
        ok(root("dev")), ok(getSessionToken()), fails(assume("dev/Dev"), "AccessDenied")),
    Row("AssumeRole may be called with an IAM user's long-term keys, its session-token credentials, or a role session (CALL-01)",
        page: Page.compare,
        ok(alice), ok(assume("dev/Dev"), .role("Dev")),
        ok(alice), ok(getSessionToken()), ok(assume("dev/Dev"), .role("Dev")), ok(assume("dev/Chained"), .role("Chained"))),
    Row("GetSessionToken needs long-term credentials: session-token, role and federated-user credentials cannot call it (CALL-05)",
        page: Page.getSessionToken,
        ok(alice), ok(getSessionToken()), fails(getSessionToken(), "AccessDenied"),
        ok(alice), ok(assume("dev/Dev")), fails(getSessionToken(), "AccessDenied"),
        ok(user("dev/carol")), ok(getFederationToken("partner")), fails(getSessionToken(), "AccessDenied")),
    Row("GetFederationToken needs an IAM user's long-term credentials: session-token credentials cannot call it, even with the permission (CALL-04)",
        page: Page.getFederationToken,
        ok(user("dev/carol")), ok(getSessionToken()), fails(getFederationToken("partner"), "AccessDenied"),
        ok(user("dev/carol")), ok(getFederationToken("partner"))),
    Row("Calling GetFederationToken needs sts:GetFederationToken in the user's policies (CALL-04)",
        page: Page.getFederationTokenControl,
        ok(user("dev/bob")), fails(getFederationToken("partner"), "AccessDenied")),
    Row("GetSessionToken needs no permission: a user whose policies deny everything still gets a session token (CALL-06)",
        page: Page.getSessionTokenControl,
        ok(user("dev/locked")), ok(getSessionToken()), can("s3:GetObject", on: asset, .explicitDeny)),
    Row("GetSessionToken credentials may call only AssumeRole and GetCallerIdentity of STS (CALL-08)", page: Page.getSessionToken,
        ok(alice), ok(getSessionToken()),
        can("sts:GetFederationToken", .error("AccessDenied")), can("sts:DecodeAuthorizationMessage", .error("AccessDenied")),
        can("sts:GetCallerIdentity", .allowed), ok(assume("dev/Dev"))),
    Row("GetSessionToken credentials without MFA cannot call IAM; with MFA they can (CALL-09)", page: Page.getSessionToken,
        ok(alice), can("iam:ListUsers", .allowed),
        ok(getSessionToken()), can("iam:ListUsers", .error("InvalidClientTokenId")),
        ok(alice), ok(getSessionToken(serial: mfaSerial, mfa: Fixtures.aliceCode)), can("iam:ListUsers", .allowed)),
    Row("GetSessionToken credentials keep the user's own identity and permissions (PERM-08, ARN-04)", page: Page.getSessionToken,
        ok(alice), ok(getSessionToken(), .principal(aliceARN)),
        can("s3:GetObject", on: asset, .allowed), can("ec2:DescribeInstances", .implicitDeny)),
    Row("A federated user cannot call IAM, nor any STS operation but GetCallerIdentity, so it cannot assume a role (CALL-10)",
        page: Page.getFederationToken,
        ok(user("dev/carol")),
        ok(getFederationToken("partner", policy: JSON.allowing("*")), .principal("arn:aws:sts::222222222222:federated-user/partner")),
        can("iam:ListUsers", .error("InvalidClientTokenId")),
        can("sts:AssumeRole", on: "arn:aws:iam::222222222222:role/Dev", .error("AccessDenied")),
        fails(assume("dev/Dev"), "AccessDenied"), can("sts:GetCallerIdentity", .allowed)),
    Row("A role session cannot call GetSessionToken or GetFederationToken, even when its policies allow them (CALL-07)",
        page: Page.assumeRole,
        ok(alice), ok(assume("dev/Dev")),
        fails(getSessionToken(), "AccessDenied"), fails(getFederationToken("partner"), "AccessDenied"),
        can("sts:GetSessionToken", .error("AccessDenied")), can("sts:GetFederationToken", .error("AccessDenied"))),
    Row("GetCallerIdentity needs no permission and works under an explicit Deny of everything (CALL-11)",
        page: Page.getCallerIdentity,
        ok(user("dev/locked")), can("sts:GetCallerIdentity", .allowed), can("s3:GetObject", on: asset, .explicitDeny)),
    Row("Only its service can assume a service-linked role: a user's AssumeRole fails the trust policy (CALL-12)",
        page: Page.serviceLinkedRoles,
        ok(alice), fails(assume(slr), "AccessDenied")),
]

// MARK: - Parameters

private let fiftyTags: [(String, String)] = [(String(repeating: "k", count: 128), String(repeating: "v", count: 256))]
    + (2...50).map { ("k\($0)", "v") }

private let parameterRows: [Row] = [
    Row("RoleSessionName is 2 to 64 characters of letters, digits and + = , . @ - (PARAM-02)", page: Page.assumeRole,
        ok(alice),
        fails(assume("dev/Dev", session: "a"), "ValidationError"),
        fails(assume("dev/Dev", session: String(repeating: "s", count: 65)), "ValidationError"),
        fails(assume("dev/Dev", session: "night build"), "ValidationError"),
        fails(assume("dev/Dev", session: "ci/build"), "ValidationError"),
        ok(assume("dev/Dev", session: String(repeating: "s", count: 64))),
        ok(alice),
        ok(assume("dev/Dev", session: "alice@example.com,team=blue"),
           .principal("arn:aws:sts::222222222222:assumed-role/Dev/alice@example.com,team=blue"))),
    Row("ExternalId is 2 to 1,224 characters of letters, digits and + = , . @ : / - (PARAM-04)", page: Page.assumeRole,
        ok(user("vendor/saas")),
        fails(assume("prod/Vendor", externalID: "x"), "ValidationError"),
        fails(assume("prod/Vendor", externalID: String(repeating: "x", count: 1_225)), "ValidationError"),
        fails(assume("prod/Vendor", externalID: "prod 7f3a9c"), "ValidationError"),
        ok(assume("prod/Vendor", externalID: Fixtures.externalID))),
    Row("TokenCode is exactly six digits; anything else is a ValidationError (PARAM-06)", page: Page.assumeRole,
        ok(alice),
        fails(assume("dev/MFARole", serial: mfaSerial, mfa: "12345"), "ValidationError"),
        fails(assume("dev/MFARole", serial: mfaSerial, mfa: "1234567"), "ValidationError"),
        fails(assume("dev/MFARole", serial: mfaSerial, mfa: "12345a"), "ValidationError"),
        fails(getSessionToken(serial: mfaSerial, mfa: "12 456"), "ValidationError")),
    Row("A serial number without a code, or a code without the device's serial number, is not MFA (PARAM-07)",
        page: Page.assumeRole,
        ok(alice),
        fails(assume("dev/MFARole", serial: mfaSerial), "AccessDenied"),
        fails(assume("dev/MFARole", mfa: Fixtures.aliceCode), "AccessDenied"),
        fails(getSessionToken(mfa: Fixtures.aliceCode), "AccessDenied"),
        whoami(.principal(aliceARN))),
    Row("SourceIdentity is 2 to 64 characters of letters, digits and + = , . @ - and cannot begin with aws: (PARAM-11)",
        page: Page.sourceIdentity,
        ok(alice),
        fails(assume("dev/Dev", source: "a"), "ValidationError"),
        fails(assume("dev/Dev", source: "aws:alice"), "ValidationError"),
        fails(assume("dev/Dev", source: "alice smith"), "ValidationError"),
        fails(assume("dev/Dev", source: String(repeating: "s", count: 65)), "ValidationError"),
        ok(assume("dev/Dev", source: "alice"), .whoamiShows("source identity alice"))),
    Row("A source identity stays through a role chain and cannot be changed (PARAM-12)", page: Page.sourceIdentity,
        ok(alice), ok(assume("dev/Dev", source: "alice")),
        fails(assume("dev/Chained", source: "mallory"), "AccessDenied"),
        ok(assume("dev/Chained"), .role("Chained"), .whoamiShows("source identity alice")),
        ok(.exitRole),
        ok(assume("dev/Chained", source: "alice"), .whoamiShows("source identity alice"))),
    Row("Setting a source identity needs sts:SetSourceIdentity in the role's trust policy (PARAM-13)", page: Page.sourceIdentity,
        ok(alice), fails(assume("dev/Plain", source: "alice"), "AccessDenied"), ok(assume("dev/Plain"), .role("Plain"))),
    Row("In a chain, a session carrying a source identity can assume only roles whose trust policy allows sts:SetSourceIdentity (PARAM-13)",
        page: Page.sourceIdentity,
        ok(alice), ok(assume("dev/Dev", source: "alice")), fails(assume("dev/Plain"), "AccessDenied"),
        ok(.exitRole), ok(assume("dev/Dev")), ok(assume("dev/Plain"), .role("Plain"))),
    Row("At most 50 session tags; keys of 1 to 128 characters, values of at most 256 (PARAM-14)", page: Page.tag,
        ok(alice),
        fails(assume("dev/Dev", tags: fiftyTags + [("k51", "v")]), "ValidationError"),
        fails(assume("dev/Dev", tags: [(String(repeating: "k", count: 129), "v")]), "ValidationError"),
        fails(assume("dev/Dev", tags: [("team", String(repeating: "v", count: 257))]), "ValidationError"),
        fails(assume("dev/Dev", tags: [("", "v")]), "ValidationError"),
        ok(assume("dev/Dev", tags: fiftyTags), .whoamiShows("k50=v"))),
    Row("Session tags hold only letters, numbers, spaces and _ . : / = + - @ (PARAM-14)", page: Page.tagRules,
        ok(alice),
        fails(assume("dev/Dev", tags: [("cost#center", "1")]), "ValidationError"),
        fails(assume("dev/Dev", tags: [("team", "blue!")]), "ValidationError"),
        ok(assume("dev/Dev", tags: [("cost center", "a/b:c=d+e-f@g_h.i")]))),
    Row("A session tag key or value cannot begin with the reserved prefix aws: (PARAM-15)", page: Page.tagRules,
        ok(alice),
        fails(assume("dev/Dev", tags: [("aws:team", "blue")]), "ValidationError"),
        fails(assume("dev/Dev", tags: [("team", "AWS:blue")]), "ValidationError"),
        ok(assume("dev/Dev", tags: [("team", "blue")]))),
    Row("Two session tags whose keys differ only in case are refused (PARAM-17)", page: Page.assumeRole,
        ok(alice), fails(assume("dev/Dev", tags: [("Team", "a"), ("team", "b")]), "ValidationError")),
    Row("A transitive tag key must be one of the session tags passed (PARAM-20)", page: Page.assumeRole,
        ok(alice), fails(assume("dev/Dev", tags: [("team", "blue")], transitive: ["project"]), "ValidationError")),
    Row("Passing session tags needs sts:TagSession in the role's trust policy (PARAM-21)", page: Page.sessionTags,
        ok(alice), fails(assume("dev/Plain", tags: [("team", "blue")]), "AccessDenied"), ok(assume("dev/Plain"))),
    Row("Transitive session tags pass down a role chain; tags not marked transitive do not (PARAM-19)", page: Page.sessionTags,
        ok(alice), ok(assume("dev/Dev", tags: [("team", "blue"), ("project", "apollo")], transitive: ["team"])),
        ok(assume("dev/Chained"), .whoamiShows("session tags team=blue"), .whoamiLacks("project"))),
    Row("In a chain, passing a session tag with the key of an inherited transitive tag fails, whatever its value or case (PARAM-18)",
        page: Page.assumeRole,
        ok(alice), ok(assume("dev/Dev", tags: [("team", "blue")], transitive: ["team"])),
        fails(assume("dev/Chained", tags: [("team", "blue")]), "ValidationError"),
        fails(assume("dev/Chained", tags: [("TEAM", "green")]), "ValidationError"),
        ok(assume("dev/Chained", tags: [("project", "apollo")]), .whoamiShows("team=blue"), .whoamiShows("project=apollo"))),
    Row("A session tag replaces the role's tag with the same key in any case (PARAM-16)", page: Page.assumeRole,
        ok(alice), ok(assume("dev/Tagged")), can("s3:GetObject", on: asset, .implicitDeny),
        ok(.exitRole), ok(assume("dev/Tagged", tags: [("department", "Finance")])), can("s3:GetObject", on: asset, .allowed)),
    Row("An inline session policy is at most 2,048 characters (PARAM-08)", page: Page.assumeRole,
        ok(alice), fails(assume("dev/Dev", policy: paddedPolicy(length: 2_049)), "ValidationError"),
        ok(assume("dev/Dev", policy: paddedPolicy(length: 2_048))), can("ec2:DescribeInstances", .allowed)),
    Row("A session policy that is not JSON, or not a valid policy, is MalformedPolicyDocument (PARAM-08)", page: Page.assumeRole,
        ok(alice),
        fails(assume("dev/Dev", policy: #"{"Version":"2012-10-17","Statement":["#), "MalformedPolicyDocument"),
        fails(assume("dev/Dev", policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"s3:*","Resource":"*"}]}"#),
              "MalformedPolicyDocument"),
        ok(user("dev/carol")),
        fails(getFederationToken("partner", policy: #"{"Statement": "#), "MalformedPolicyDocument")),
    Row("GetFederationToken's session policy is at most 2,048 characters too (PARAM-08)", page: Page.getFederationToken,
        ok(user("dev/carol")), fails(getFederationToken("partner", policy: paddedPolicy(length: 2_049)), "ValidationError")),
    Row("At most 10 managed session policy ARNs (PARAM-09)", page: Page.assumeRole,
        ok(alice),
        fails(assume("dev/Dev", policyARNs: (1...11).map { "arn:aws:iam::222222222222:policy/p\($0)" }), "ValidationError")),
    Row("GetFederationToken's Name is 2 to 32 characters of letters, digits and + = , . @ - (PARAM-26)",
        page: Page.getFederationToken,
        ok(user("dev/carol")),
        fails(getFederationToken("a"), "ValidationError"),
        fails(getFederationToken(String(repeating: "n", count: 33)), "ValidationError"),
        fails(getFederationToken("part ner"), "ValidationError"),
        ok(getFederationToken(String(repeating: "n", count: 32)),
           .principal("arn:aws:sts::222222222222:federated-user/" + String(repeating: "n", count: 32)))),
]

// MARK: - MFA

private let mfaRows: [Row] = [
    Row("A trust policy requiring MFA refuses AssumeRole without MFA (CALL-15)", page: Page.assumeRole,
        ok(alice), fails(assume("dev/MFARole"), "AccessDenied")),
    Row("A wrong MFA code is refused with AccessDenied, by AssumeRole and by GetSessionToken (CALL-15)", page: Page.assumeRole,
        ok(alice), fails(assume("dev/MFARole", serial: mfaSerial, mfa: "654321"), "AccessDenied"),
        fails(getSessionToken(serial: mfaSerial, mfa: "654321"), "AccessDenied")),
    Row("A serial number that is not one of the caller's devices is not MFA (CALL-15)", page: Page.assumeRole,
        ok(alice), fails(assume("dev/MFARole", serial: "bob-phone", mfa: Fixtures.aliceCode), "AccessDenied")),
    Row("The right code from the caller's device makes aws:MultiFactorAuthPresent true for the trust policy (KEY-06)",
        page: Page.mfaKey,
        ok(alice), ok(assume("dev/MFARole", serial: mfaSerial, mfa: Fixtures.aliceCode), .role("MFARole"))),
    Row("The device may be named by its ARN (PARAM-05)", page: Page.assumeRole,
        ok(alice), ok(assume("dev/MFARole", serial: "arn:aws:iam::222222222222:mfa/alice-phone", mfa: Fixtures.aliceCode),
                      .role("MFARole"))),
    Row("GetSessionToken with MFA, then AssumeRole with those credentials, satisfies the trust policy's MFA condition (CALL-16)",
        page: Page.mfaAPI,
        ok(alice), ok(getSessionToken(serial: mfaSerial, mfa: Fixtures.aliceCode), .whoamiShows("signed in with MFA")),
        ok(assume("dev/MFARole"), .role("MFARole"))),
    Row("GetSessionToken without MFA does not satisfy it (CALL-16)", page: Page.mfaAPI,
        ok(alice), ok(getSessionToken()), fails(assume("dev/MFARole"), "AccessDenied")),
    Row("MFA given to AssumeRole is not carried into a chain: the role session cannot assume an MFA-protected role (KEY-15, KEY-17)",
        page: Page.mfaAPI,
        ok(alice), ok(assume("dev/Dev", serial: mfaSerial, mfa: Fixtures.aliceCode)), fails(assume("dev/MFARole"), "AccessDenied")),
    Row("MFA is checked only when the role is assumed: the session's later calls are not checked again (PERM-11)",
        page: Page.mfaAPI,
        ok(alice), ok(assume("dev/MFARole", serial: mfaSerial, mfa: Fixtures.aliceCode)), ok(advance(30 * minute)),
        can("iam:ListUsers", .allowed)),
]

// MARK: - External ID

private let externalIDRows: [Row] = [
    Row("Without the customer's External ID the vendor cannot assume the customer's role (XACC-06)", page: Page.externalID,
        ok(user("vendor/saas")), fails(assume("prod/Vendor"), "AccessDenied")),
    Row("With an External ID meant for another customer it cannot either: the confused deputy is stopped (XACC-06)",
        page: Page.externalID,
        ok(user("vendor/saas")), fails(assume("prod/Vendor", externalID: "dev-0000"), "AccessDenied")),
    Row("With the customer's own External ID it can, and acts in the customer's account (XACC-06)", page: Page.externalID,
        ok(user("vendor/saas")),
        ok(assume("prod/Vendor", externalID: Fixtures.externalID), .principal("arn:aws:sts::333333333333:assumed-role/Vendor/saas")),
        can("s3:GetObject", on: asset, .allowed)),
]

// MARK: - Effective permissions

private let permissionRows: [Row] = [
    Row("A role session has only the role's permissions, not the caller's (PERM-01)", page: Page.sessionPolicies,
        ok(alice), can("s3:GetObject", on: asset, .allowed), can("ec2:DescribeInstances", .implicitDeny),
        ok(assume("dev/Dev")), can("s3:GetObject", on: asset, .implicitDeny), can("ec2:DescribeInstances", .allowed),
        ok(.exitRole), can("s3:GetObject", on: asset, .allowed)),
    Row("A session policy only narrows the role's permissions: both must allow (PERM-03)", page: Page.sessionPolicies,
        ok(alice), ok(assume("dev/Dev", policy: JSON.allowing("ec2:DescribeInstances", "s3:GetObject"))),
        can("ec2:DescribeInstances", .allowed), can("ec2:DescribeVolumes", .implicitDeny), can("s3:GetObject", on: asset, .implicitDeny)),
    Row("A role's permissions boundary limits its sessions: identity policy and boundary must both allow (PERM-02)",
        page: Page.boundaries,
        ok(alice), ok(assume("dev/Bounded")), can("s3:GetObject", on: asset, .allowed), can("ec2:DescribeInstances", .implicitDeny)),
    Row("GetFederationToken without a session policy gives no permissions; with one, the user's permissions intersected with it (PERM-07)",
        page: Page.getFederationToken,
        ok(user("dev/carol")), ok(getFederationToken("partner")), can("s3:GetObject", on: asset, .implicitDeny),
        ok(user("dev/carol")), ok(getFederationToken("partner", policy: JSON.allowing("s3:*"))),
        can("s3:GetObject", on: asset, .allowed), can("s3:PutObject", on: asset, .implicitDeny)),
    Row("Within one account a trust policy naming the user lets it assume the role with no identity policy (PERM-10)",
        page: Page.assumeRole,
        ok(user("dev/bob")), ok(assume("dev/BobDirect"), .role("BobDirect")), can("s3:GetObject", on: asset, .allowed)),
    Row("The trust policy must allow even within one account: alice's own sts:AssumeRole is not enough (PERM-10)",
        page: Page.assumeRole,
        ok(alice), fails(assume("dev/BobDirect"), "AccessDenied")),
    Row("A trust policy naming the account delegates to the account: its principals need an identity policy allowing the assume (XACC-02, PERM-10)",
        page: Page.principalAccounts,
        ok(alice), ok(assume("dev/Dev"), .role("Dev")), ok(user("dev/bob")), fails(assume("dev/Dev"), "AccessDenied")),
]

// MARK: - Cross-account

private let denyAssume = JSON.policy(JSON.deny(["sts:AssumeRole"]))
private let denyS3 = JSON.policy(JSON.deny(["s3:*"]))

private let crossAccountRows: [Row] = [
    Row("Cross-account AssumeRole needs both sides: the trust policy allows the account and alice's policy allows the assume (XACC-01)",
        page: Page.crossAccount,
        ok(alice), ok(assume("prod/CrossRead"), .role("CrossRead")), can("s3:GetObject", on: asset, .allowed),
        ok(user("dev/bob")), fails(assume("prod/CrossRead"), "AccessDenied")),
    Row("Across accounts a trust policy naming the user directly is not enough: the user's own policy must allow too (XACC-01)",
        page: Page.crossAccount,
        ok(user("dev/bob")), fails(assume("prod/BobCross"), "AccessDenied"),
        ok(.putPolicy(.user, entity: "dev/bob", name: "AssumeBobCross",
                      document(JSON.allowing("sts:AssumeRole", on: "arn:aws:iam::333333333333:role/BobCross")))),
        ok(assume("prod/BobCross"), .role("BobCross"))),
    Row("A caller the trust policy does not name cannot assume the role, whatever its own policy allows (XACC-01)",
        page: Page.crossAccount,
        ok(user("vendor/saas")), fails(assume("prod/CrossRead"), "AccessDenied")),
    Row("The assumed-role ARN carries the role's account, not the caller's (XACC-08, ARN-01)", page: Page.identifiers,
        ok(alice), ok(assume("prod/CrossRead"), .principal("arn:aws:sts::333333333333:assumed-role/CrossRead/alice"),
                      .whoamiShows("account 333333333333"))),
    Row("An SCP of the caller's account can deny sts:AssumeRole even when both policies allow it (XACC-03)", page: Page.scps,
        ok(alice), ok(.attachSCP(name: "DenyAssume", target: "dev", document(denyAssume))),
        fails(assume("prod/CrossRead"), "AccessDenied"), fails(assume("dev/Dev"), "AccessDenied")),
    Row("An SCP on an OU restricts the accounts below it (XACC-03)", page: Page.scpEvaluation,
        world: .standard { try $0.scp("DenyAssume", on: "workloads", denyAssume) },
        ok(alice), fails(assume("prod/CrossRead"), "AccessDenied")),
    Row("SCPs restrict a member account's root user too (XACC-03)", page: Page.scps,
        ok(root("dev")), can("s3:GetObject", on: asset, .allowed),
        ok(.attachSCP(name: "DenyS3", target: "dev", document(denyS3))), can("s3:GetObject", on: asset, .explicitDeny)),
    Row("SCPs never restrict the management account: an SCP on the root denies members but not it (XACC-05)", page: Page.scps,
        world: .standard { try $0.scp("DenyAssume", on: "root", denyAssume) },
        ok(user("mgmt/boss")), ok(assume("prod/OrgAdmin"), .role("OrgAdmin")),
        ok(alice), fails(assume("prod/CrossRead"), "AccessDenied")),
    Row("The role account's SCPs do not restrict an outside caller's AssumeRole, but do restrict what the session then does (XACC-04, PERM-02)",
        page: Page.scps,
        world: .standard { try $0.scp("NoS3NoAssume", on: Acct.prod, JSON.policy(JSON.deny(["sts:AssumeRole", "s3:*"]))) },
        ok(user("vendor/saas")), ok(assume("prod/Vendor", externalID: Fixtures.externalID), .role("Vendor")),
        can("s3:GetObject", on: asset, .explicitDeny)),
    Row("SCPs do not restrict a service-linked role (SLR-12)", page: Page.scps,
        world: .standard { try $0.scp("DenyEC2", on: Acct.dev, JSON.policy(JSON.deny(["ec2:*"]))) },
        ok(alice), ok(assume("dev/Dev")), can("ec2:DescribeInstances", .explicitDeny),
        outside("Elastic Beanstalk starts a session of its service-linked role") { Fixtures.serviceLinkedSession(&$0) },
        whoami(.role(Fixtures.slrName)), can("ec2:DescribeInstances", .allowed)),
]

// MARK: - SAML and OIDC

private let federationRows: [Row] = [
    Row("AssumeRoleWithSAML needs no AWS credentials; the session lasts one hour by default (CALL-03, DUR-02)",
        page: Page.assumeRoleWithSAML,
        whoami(.whoamiShows("Not acting as anyone")),
        ok(assumeSAML("prod/SAMLRole"), .expiresIn(hour),
           .principal("arn:aws:sts::333333333333:assumed-role/SAMLRole/jane@example.com")),
        can("s3:GetObject", on: asset, .allowed)),
    Row("An assertion from a SAML provider not registered in the role's account is InvalidIdentityToken (PARAM-27)",
        page: Page.assumeRoleWithSAML,
        fails(assumeSAML("prod/SAMLRole", provider: "Okta"), "InvalidIdentityToken")),
    Row("An assertion's Audience must be AWS's sign-in endpoint or urn:amazon:webservices; another is InvalidIdentityToken (PARAM-27)",
        page: Page.samlAssertions,
        fails(assumeSAML("prod/SAMLRole", audience: "https://example.com/saml"), "InvalidIdentityToken"),
        ok(assumeSAML("prod/SAMLRole", audience: "urn:amazon:webservices"), .role("SAMLRole"))),
    Row("An expired assertion is ExpiredToken (PARAM-27)", page: Page.assumeRoleWithSAML,
        fails(assumeSAML("prod/SAMLRole", validFor: 0), "ExpiredToken"),
        fails(assumeSAML("prod/SAMLRole", validFor: -minute), "ExpiredToken")),
    Row("The assertion's SessionNotOnOrAfter shortens the session to the earlier of it and DurationSeconds (DUR-03)",
        page: Page.assumeRoleWithSAML,
        ok(assumeSAML("prod/SAMLRole", validFor: 20 * minute), .expiresIn(20 * minute)),
        ok(assumeSAML("prod/SAMLRole", duration: 4 * hour, validFor: 2 * hour), .expiresIn(2 * hour)),
        ok(assumeSAML("prod/SAMLRole", duration: 2 * hour, validFor: 4 * hour), .expiresIn(2 * hour))),
    Row("AssumeRoleWithSAML above the role's MaxSessionDuration fails (DUR-02)", page: Page.assumeRoleWithSAML,
        fails(assumeSAML("prod/SAMLRole", duration: 4 * hour + 1), "ValidationError"),
        ok(assumeSAML("prod/SAMLRole", duration: 4 * hour), .expiresIn(4 * hour))),
    Row("The SessionDuration attribute can shorten API credentials but never extend them (DUR-04)", page: Page.samlAssertions,
        ok(assumeSAML("prod/SAMLRole", sessionDuration: 30 * minute), .expiresIn(30 * minute)),
        ok(assumeSAML("prod/SAMLRole", sessionDuration: 2 * hour), .expiresIn(hour)),
        ok(assumeSAML("prod/SAMLRole", duration: 3 * hour, sessionDuration: 2 * hour), .expiresIn(2 * hour))),
    Row("A trust condition on saml:sub lets in only that subject (KEY-08)", page: Page.samlKeys,
        ok(assumeSAML("prod/SAMLAdmins", subject: "admin@example.com"), .role("SAMLAdmins")),
        fails(assumeSAML("prod/SAMLAdmins", subject: "jane@example.com"), "AccessDenied")),
    Row("saml:aud is the Recipient (AWS's sign-in endpoint), not the assertion's Audience value (KEY-08)", page: Page.samlAssertions,
        world: .standard {
            try $0.role("prod/OtherAudience", trust: JSON.trust(#"{"Federated":"arn:aws:iam::333333333333:saml-provider/CorpIdP"}"#,
                                                              actions: ["sts:AssumeRoleWithSAML"],
                                                              condition: #"{"StringEquals":{"SAML:aud":"urn:amazon:webservices"}}"#))
        },
        fails(assumeSAML("prod/OtherAudience"), "AccessDenied"),
        fails(assumeSAML("prod/OtherAudience", audience: "urn:amazon:webservices"), "AccessDenied"),
        ok(assumeSAML("prod/SAMLRole", audience: "urn:amazon:webservices"))),
    Row("A role trusting one SAML provider cannot be assumed with another provider's assertion (CALL-17)", page: Page.assumeRoleWithSAML,
        fails(assumeSAML("prod/SAMLRole", provider: "PartnerIdP"), "AccessDenied")),
    Row("The assertion's Role attribute must list the role and provider (PARAM-28)", page: Page.samlAssertions,
        fails(assumeSAML("prod/SAMLRole", listsRole: false), "AccessDenied")),
    Row("AssumeRoleWithWebIdentity needs no AWS credentials; the session lasts one hour by default (CALL-03, DUR-05)",
        page: Page.assumeRoleWithWebIdentity,
        ok(assumeWeb("prod/GitHubDeploy"), .expiresIn(hour),
           .principal("arn:aws:sts::333333333333:assumed-role/GitHubDeploy/repo-acme-app-ref-refs-heads-main")),
        can("s3:PutObject", on: asset, .allowed)),
    Row("A trust condition on HOST:sub lets in only the matching workload (KEY-09)", page: Page.oidcKeys,
        fails(assumeWeb("prod/GitHubDeploy", subject: "repo:evil/app:ref:refs/heads/main"), "AccessDenied"),
        fails(assumeWeb("prod/GitHubDeploy", subject: "repo:acme/app:ref:refs/heads/feature"), "AccessDenied"),
        ok(assumeWeb("prod/GitHubDeploy"))),
    Row("A token whose audience the OIDC provider does not list is InvalidIdentityToken (PARAM-29)",
        page: Page.assumeRoleWithWebIdentity,
        fails(assumeWeb("prod/GitHubDeploy", audience: "other-client"), "InvalidIdentityToken")),
    Row("A token from an OIDC provider not registered in the role's account is InvalidIdentityToken (PARAM-29)",
        page: Page.assumeRoleWithWebIdentity,
        fails(assumeWeb("prod/GitHubDeploy", provider: "gitlab.com"), "InvalidIdentityToken")),
    Row("An expired web identity token is ExpiredToken (PARAM-29)", page: Page.assumeRoleWithWebIdentity,
        fails(assumeWeb("prod/GitHubDeploy", tokenValidFor: 0), "ExpiredToken")),
    Row("AssumeRoleWithWebIdentity above the role's MaxSessionDuration fails (DUR-05)", page: Page.assumeRoleWithWebIdentity,
        fails(assumeWeb("prod/GitHubDeploy", duration: 4 * hour + 1), "ValidationError"),
        ok(assumeWeb("prod/GitHubDeploy", duration: 4 * hour), .expiresIn(4 * hour))),
    Row("A Google token needs no IAM provider; the trust condition on accounts.google.com:aud decides (KEY-10)",
        page: Page.oidcKeys,
        ok(assumeWeb("prod/GoogleApp", provider: "accounts.google.com", subject: "110169484474386276334",
                     audience: Fixtures.googleClient), .role("GoogleApp")),
        fails(assumeWeb("prod/GoogleApp", provider: "accounts.google.com", subject: "110169484474386276334",
                        audience: "someone-else.apps.googleusercontent.com"), "AccessDenied")),
]

@Suite("STS rules, through Sandbox.run")
struct STSRuleTests {
    @Test("durations", arguments: durationRows)
    func durations(_ row: Row) throws { try play(row) }

    @Test("expiry", arguments: expiryRows)
    func expiry(_ row: Row) throws { try play(row) }

    @Test("who may call what", arguments: callerRows)
    func callers(_ row: Row) throws { try play(row) }

    @Test("parameter validation", arguments: parameterRows)
    func parameters(_ row: Row) throws { try play(row) }

    @Test("MFA", arguments: mfaRows)
    func mfa(_ row: Row) throws { try play(row) }

    @Test("External ID", arguments: externalIDRows)
    func externalID(_ row: Row) throws { try play(row) }

    @Test("effective permissions", arguments: permissionRows)
    func permissions(_ row: Row) throws { try play(row) }

    @Test("cross-account", arguments: crossAccountRows)
    func crossAccount(_ row: Row) throws { try play(row) }

    @Test("SAML and OIDC", arguments: federationRows)
    func federation(_ row: Row) throws { try play(row) }
}
