import Diagnostics
import Foundation
import IAMPolicy
import Testing
import TestSupport
@testable import IAMWorld

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The example of docs/scenario-format.md, read from the document so that the two cannot drift apart.
private func documentedExample() throws -> String {
    let doc = try String(contentsOf: packageRoot.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
    let section = try #require(doc.components(separatedBy: "## A complete example").dropFirst().first)
    let fenced = section.components(separatedBy: "```")
    try #require(fenced.count >= 2)
    return String(fenced[1].drop { $0 == "\n" })
}

private func parse(_ text: String, file: String = "test.iqs", baseDirectory: String = "/nonexistent")
    -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
    ScenarioParser.parse(text, file: file, baseDirectory: baseDirectory)
}

private func summary(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.code)@\($0.range?.start.description ?? "-") \($0.message)" }
}

// The parts most fixtures share: a header with two accounts, a valid trust policy and identity policy.
private let prelude = """
    scenario: test
    account 111111111111 prod
    account 222222222222 dev

    """
private let trustJSON = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "sts:AssumeRole"}]}"#
private let readJSON = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#
private let ec2TrustJSON = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#

@Suite("Scenario parser: the documented example")
struct ScenarioExampleTests {
    @Test("the example parses without diagnostics into its header, world and steps")
    func example() throws {
        let result = parse(try documentedExample(), file: "confused-deputy.iqs")
        #expect(result.diagnostics.isEmpty, "\(summary(result.diagnostics))")
        let scenario = try #require(result.scenario)
        #expect(scenario.id == "confused-deputy")
        #expect(scenario.title == "A vendor reads customer data through customer roles; the External ID tells customers apart")
        #expect(scenario.references == ["https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"])
        #expect(scenario.file == "confused-deputy.iqs")

        // start: 2026-03-02T09:00:00Z; region and source IP keep their defaults.
        let world = scenario.world
        #expect(world.now == Date(timeIntervalSince1970: 1_772_442_000))
        #expect(world.region == "us-east-1")
        #expect(world.sourceIP == "198.51.100.10")

        #expect(Set(world.accounts.keys) == ["111111111111", "222222222222"])
        #expect(world.accounts["111111111111"]?.alias == "customer-a")
        #expect(world.accountID(named: "vendor") == "222222222222")

        let user = try #require(world.accounts["222222222222"]?.users["app"])
        #expect(user.policies.map(\.name) == ["assume-customer-roles"])
        #expect(user.policies.first?.policy.statements.first?.actions.first?.text == "sts:AssumeRole")

        let role = try #require(world.accounts["111111111111"]?.roles["VendorReader"])
        #expect(role.maxSessionDuration == 3_600)
        #expect(role.path == "/")
        let trust = try #require(role.trust.policy.statements.first)
        #expect(role.trust.policy.kind == .trust)
        #expect(trust.principals?.map(\.value) == ["arn:aws:iam::222222222222:root"])
        #expect(trust.conditions.count == 1)
        #expect(role.policies.map(\.name) == ["read-reports"])

        #expect(world.resources["arn:aws:s3:::reports-a"]?.owner == "111111111111")
        #expect(world.resources["arn:aws:s3:::reports-a"]?.policy == nil)
        #expect(world.organization == nil)

        let steps = scenario.steps
        #expect(steps.map(\.name) == ["as-vendor", "without-id", "with-id", "read", "wait", "read-after-expiry"])
        #expect(steps.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(steps.map { CommandDescription.describe($0.command) } == [
            "as-user vendor/app",
            "assume customer-a/VendorReader",
            "assume customer-a/VendorReader session=nightly external-id=cust-a-7f3e",
            "can s3:GetObject arn:aws:s3:::reports-a/2026/q1.csv",
            "advance 3660s",
            "can s3:GetObject arn:aws:s3:::reports-a/2026/q1.csv",
        ])
        #expect(steps.map(\.expect) == [nil, .exactly(.error("AccessDenied")), .exactly(.ok), .exactly(.allowed), nil,
                                        .exactly(.error("ExpiredToken"))])
        #expect(steps[2].commandText == "assume customer-a/VendorReader --external-id cust-a-7f3e --session-name nightly")
        let withIDLine = try #require(try documentedExample().split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("step with-id:") }) + 1
        #expect(steps[2].range.start == SourceLocation(line: withIDLine, column: 1))
        #expect(steps[2].expectRange?.start == SourceLocation(line: withIDLine + 1, column: 11))
    }

    @Test("a step is found by its name or by `#N`, counting every step from 1")
    func stepReferences() throws {
        let scenario = try #require(parse(try documentedExample()).scenario)
        #expect(scenario.step(named: "with-id")?.number == 3)
        #expect(scenario.step(named: "#3")?.name == "with-id")
        #expect(scenario.step(named: "#1")?.name == "as-vendor")
        #expect(scenario.step(named: "#7") == nil)
        #expect(scenario.step(named: "#0") == nil)
        #expect(scenario.step(named: "#+3") == nil)
        #expect(scenario.step(named: "#") == nil)
        #expect(scenario.step(named: "missing") == nil)
    }

    @Test("random truncations and damage of the example (and of a file using every declaration) never trap",
          arguments: [0, 1])
    func fuzz(_ fixture: Int) throws {
        let example = Array((fixture == 0 ? try documentedExample() : everyDeclaration).unicodeScalars)
        var random = SplitMix(seed: 0x5CE7A810 + UInt64(fixture))
        let noise: [Unicode.Scalar] = ["\n", " ", ":", "{", "}", "\"", "'", "#", "/", "@", "-", "\t", "é", "\u{FEFF}", "\r", "x"]
        #expect(parse(String(String.UnicodeScalarView(example))).diagnostics.isEmpty)
        for round in 0..<400 {
            var scalars = example
            if round % 2 == 0 {
                scalars = Array(scalars.prefix(Int(random.next() % UInt64(scalars.count + 1))))
            } else {
                for _ in 0..<(1 + random.next() % 6) where !scalars.isEmpty {
                    let at = Int(random.next() % UInt64(scalars.count))
                    switch random.next() % 3 {
                    case 0: scalars.remove(at: at)
                    case 1: scalars.insert(noise[Int(random.next() % UInt64(noise.count))], at: at)
                    default: scalars[at] = noise[Int(random.next() % UInt64(noise.count))]
                    }
                }
            }
            let text = String(String.UnicodeScalarView(scalars))
            let result = parse(text)
            // The invariant of the API: a scenario exactly when there is no error.
            #expect((result.scenario == nil) == result.diagnostics.hasErrors, "\(summary(result.diagnostics))")
            #expect(result.diagnostics == Diagnostic.sortedForDisplay(result.diagnostics))
        }
    }
}

/// A valid file with every declaration, attribute and kind of document, for the fuzz test.
private let everyDeclaration = """
    scenario: every-declaration
    title: everything
    reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/
    start: 2026-03-02T09:00:00Z
    region: eu-west-1
    source-ip: 203.0.113.9
    account 111111111111 mgmt
    account 222222222222 prod
    organization mgmt
      ou workloads/prod
      member prod in workloads/prod
      scp DenyLeave on workloads: {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}
      rcp Perimeter on root:
        {"Version": "2012-10-17",
         "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}
      detach-full-access prod
    group prod/devs
      policy read: \(readJSON)
    user prod/alice
      path: /staff/
      group: devs
      tag: team=blue
      mfa: alice-phone 123456
      boundary limit: \(readJSON)
    role prod/Web
      trust: \(ec2TrustJSON)
      created-with: console
      max-session: 2h
      tag: app=web
    role prod/AWSServiceRoleForElasticBeanstalk
      trust: \(ec2TrustJSON)
      service-linked: elasticbeanstalk.amazonaws.com
    instance-profile prod/Spare
    instance prod/i-1
      profile: Web
    saml-provider prod/Okta
    oidc-provider prod/token.actions.githubusercontent.com
      audience: sts.amazonaws.com
    resource arn:aws:s3:::bucket
      owner: prod
      policy:
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
          "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}]}
    resource arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab
      alias: alias/reports
      policy: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "kms:*", "Resource": "*"}]}
    vpc-endpoint prod/vpce-0123456789abcdef0
      vpc: vpc-0a1b2c3d
      policy: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}
    document readonly: \(readJSON)
    step alice: as user prod/alice
      expect: ok
    step: assume prod/Web --session-name s --policy @readonly --tag a=b --duration 1h
      expect: AccessDenied
      note: only EC2 may assume it
    step: as instance prod/i-1
    step: can s3:GetObject arn:aws:s3:::bucket/x --context aws:SourceVpce=vpce-1
      expect: allowed
    step: can s3:GetObject arn:aws:s3:::bucket/x --via vpce-0123456789abcdef0 --from 10.0.1.5
      expect: allowed
    step: add-role-to-profile prod/Spare Web
    step: attach-scp Deny workloads/prod @readonly
    step: put-policy user prod/alice inline '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}'
    step: advance 1h30m
    """

private typealias SplitMix = TestRandom

/// One diagnostics case: a scenario with markers, and the code expected at each marker (and nowhere else).
struct ScenarioDiagnosticCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var text: String
    var expected: [(marker: Character, code: String)]
    var help: String?
    var testDescription: String { rule }

    /// A case whose text follows the standard prelude (a header and the accounts `prod` and `dev`).
    static func body(_ rule: String, _ body: String, _ expected: [(Character, String)], help: String? = nil) -> Self {
        Self(rule: rule, text: prelude + body, expected: expected.map { ($0.0, $0.1) }, help: help)
    }

    static func whole(_ rule: String, _ text: String, _ expected: [(Character, String)], help: String? = nil) -> Self {
        Self(rule: rule, text: text, expected: expected.map { ($0.0, $0.1) }, help: help)
    }
}

@Suite("Scenario parser: diagnostics at marked positions")
struct ScenarioDiagnosticTests {
    static let cases: [ScenarioDiagnosticCase] = [
        .whole("S001: a file without `scenario:` is reported at its first line", """
            # only a comment
            1️⃣account 111111111111 prod
            """, [("1️⃣", "S001")], help: "a scenario file starts with `scenario: ID`, the id bank questions name"),
        .whole("S001: `scenario:` after another line", """
            # comments may come first
            title: t
            1️⃣scenario: s
            """, [("1️⃣", "S001")]),
        .whole("S001: an empty file", "1️⃣", [("1️⃣", "S001")]),
        .whole("S002: a scenario id with capitals or `_`", "scenario: 1️⃣Confused_Deputy\n", [("1️⃣", "S002")]),
        .whole("S002: a start time that is not a real date", "scenario: s\nstart: 1️⃣2026-02-29T09:00:00Z\n", [("1️⃣", "S002")]),
        .whole("S002: allow: without a reason, or naming a code that is not a policy warning",
               "scenario: s\nallow: 1️⃣W206\nallow: 2️⃣E001 no\n", [("1️⃣", "S002"), ("2️⃣", "S002")]),
        .whole("S002: a start time that is not UTC", "scenario: s\nstart: 1️⃣2026-03-02T09:00:00+01:00\n", [("1️⃣", "S002")]),
        .whole("S002: a region that is not a region", "scenario: s\nregion: 1️⃣US-EAST-1\n", [("1️⃣", "S002")]),
        .whole("S002: a source IP out of range", "scenario: s\nsource-ip: 1️⃣300.1.1.1\n", [("1️⃣", "S002")]),
        .whole("S002: an empty title", "scenario: s\ntitle:1️⃣\n", [("1️⃣", "S002")]),
        .whole("S003: a header field given twice, at the second", "scenario: s\ntitle: a\n1️⃣title: b\n", [("1️⃣", "S003")]),
        .body("S003: a single-valued attribute given twice", """
            role prod/App
              trust: \(trustJSON)
              max-session: 2h
              1️⃣max-session: 3h
            """, [("1️⃣", "S003")]),
        .body("S003: an instance profile holds one role", """
            role prod/A
              trust: \(trustJSON)
            role prod/B
              trust: \(trustJSON)
            instance-profile prod/P
              role: A
              1️⃣role: B
            """, [("1️⃣", "S003")], help: "the first is on line 9; an instance profile holds one role"),
        .body("S003: the same tag key twice", """
            user prod/alice
              tag: team=blue
              tag: 1️⃣team=red
            """, [("1️⃣", "S003")]),
        .body("S003: the same policy name twice in a user", """
            user prod/alice
              policy read: \(readJSON)
              policy 1️⃣read: \(readJSON)
            """, [("1️⃣", "S003")]),
        .body("S004: an unknown line at column 1, with did-you-mean", "1️⃣rol prod/App\n", [("1️⃣", "S004")], help: "did you mean `role`?"),
        .body("S004: JSON at column 1 does not continue a document", """
            document d1️⃣:
            2️⃣{"Version": "2012-10-17"}
            """, [("1️⃣", "S007"), ("2️⃣", "S004")]),
        .body("S004: `#` without a space is not a comment", "1️⃣#note\n", [("1️⃣", "S004")],
              help: "a comment is `#` followed by a space"),
        .body("S005: an unknown attribute, with did-you-mean", """
            user prod/alice
              1️⃣pth: /x/
            """, [("1️⃣", "S005")], help: "did you mean `path`?"),
        .body("S005: an attribute of a declaration that takes none", """
            saml-provider prod/Okta
              1️⃣audience: x
            """, [("1️⃣", "S005")]),
        .body("S005: a step attribute other than expect and note", """
            step: whoami
              1️⃣expcet: ok
            """, [("1️⃣", "S005")], help: "did you mean `expect`?"),
        .whole("S006: an indented line under a header field", "scenario: s\n  1️⃣title: t\n", [("1️⃣", "S006")]),
        .body("S006: a line indented under an attribute that takes no document", """
            user prod/alice
              path: /x/
                1️⃣more
            """, [("1️⃣", "S006")]),
        .body("S007: a declaration without its name", "1️⃣user\n", [("1️⃣", "S007")]),
        .body("S007: an extra word on a declaration line", "account 333333333333 ops 1️⃣extra\n", [("1️⃣", "S007")]),
        .body("S007: a policy without `:` before its JSON", """
            user prod/alice
              1️⃣policy read \(readJSON.replacingOccurrences(of: ":", with: "="))
            """, [("1️⃣", "S007")]),
        .body("S007: an attribute colon with no JSON after it or below it", """
            role prod/App
              trust1️⃣:
            """, [("1️⃣", "S007")]),
        .body("S007: a policy without a name", """
            group prod/devs
              1️⃣policy: \(readJSON)
            """, [("1️⃣", "S007")]),
        .body("S008: an account id that is not 12 digits", "account 1️⃣12345\n", [("1️⃣", "S008")]),
        .body("S008: a malformed alias", "account 333333333333 1️⃣Ops_Team\n", [("1️⃣", "S008")]),
        .body("S008: a user written without its account", "user 1️⃣alice\n", [("1️⃣", "S008")]),
        .body("S008: a user name with a character IAM refuses", "user prod/1️⃣al!ce\n", [("1️⃣", "S008")]),
        .body("S008: a malformed resource ARN", "resource 1️⃣s3-bucket\n  owner: prod\n", [("1️⃣", "S008")]),
        .body("S008: a malformed step name", "step 1️⃣Read: whoami\n", [("1️⃣", "S008")]),
        .body("S008: a step that names a role without its account", "step: assume 1️⃣App\n", [("1️⃣", "S008")]),
        .body("S009: a path without slashes", "user prod/alice\n  path: 1️⃣x\n", [("1️⃣", "S009")]),
        // reference_aws-services-that-work-with-iam.html: EC2 has no resource-based policies.
        .body("S009: a policy on a resource whose service has no resource-based policies",
              "resource arn:aws:ec2:us-east-1:111111111111:instance/i-0abc\n  1️⃣policy: {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"ec2:StopInstances\", \"Resource\": \"*\"}]}\n", [("1️⃣", "S009")]),
        .body("S009: max-session above 12 hours", "role prod/App\n  trust: \(trustJSON)\n  max-session: 1️⃣13h\n", [("1️⃣", "S009")]),
        .body("S009: max-session below 1 hour", "role prod/App\n  trust: \(trustJSON)\n  max-session: 1️⃣59m\n", [("1️⃣", "S009")]),
        .body("S009: a max-session that is not a duration", "role prod/App\n  trust: \(trustJSON)\n  max-session: 1️⃣soon\n",
              [("1️⃣", "S009")]),
        .body("S009: a tag with an empty key", "user prod/alice\n  tag: 1️⃣=v\n", [("1️⃣", "S009")]),
        .body("S009: an MFA code that is not six digits", "user prod/alice\n  mfa: phone 1️⃣12345\n", [("1️⃣", "S009")]),
        .body("S009: an unknown created-with value, with did-you-mean",
              "role prod/App\n  trust: \(trustJSON)\n  created-with: 1️⃣consol\n", [("1️⃣", "S009")], help: "did you mean `console`?"),
        .body("S009: a service-linked role names a service principal",
              "role prod/AWSServiceRoleForX\n  trust: \(ec2TrustJSON)\n  service-linked: 1️⃣beanstalk\n", [("1️⃣", "S009")]),
        .body("S009: a service-linked role's path is set by IAM",
              "role prod/AWSServiceRoleForX\n  trust: \(ec2TrustJSON)\n  path: 1️⃣/mine/\n  service-linked: ec2.amazonaws.com\n",
              [("1️⃣", "S009")]),
        .body("S009: an owner that is not the account of the ARN",
              "resource arn:aws:sqs:us-east-1:111111111111:q\n  owner: 1️⃣dev\n", [("1️⃣", "S009")]),
        .body("S009: a malformed OU path", "organization prod\n  ou 1️⃣workloads//prod\n", [("1️⃣", "S009")]),
        .body("S009: OUs nest at most five levels (orgs_reference_limits.html)", "organization prod\n  ou 1️⃣a/b/c/d/e/f\n", [("1️⃣", "S009")]),
        .body("S010: an unknown account, with did-you-mean", "user 1️⃣prdo/alice\n", [("1️⃣", "S010")], help: "did you mean `prod`?"),
        .body("S010: a resource ARN whose account is not declared",
              "resource arn:aws:sqs:us-east-1:1️⃣333333333333:q\n", [("1️⃣", "S010")]),
        .body("S010: a step acting as the root of an unknown account", "step: as root 1️⃣acme\n", [("1️⃣", "S010")]),
        .body("S011: a user's group must be declared in its account",
              "group dev/devs\nuser prod/alice\n  group: 1️⃣devs\n", [("1️⃣", "S011")]),
        .body("S011: an instance profile's role must be declared", "instance-profile prod/P\n  role: 1️⃣Web\n", [("1️⃣", "S011")]),
        .body("S011: an instance's profile must be declared", "instance prod/i-1\n  profile: 1️⃣Web\n", [("1️⃣", "S011")]),
        .body("S011: a member placed in an OU that is not declared, with did-you-mean",
              "organization prod\n  ou workloads\n  member dev in 1️⃣wrkloads\n", [("1️⃣", "S011")], help: "did you mean `workloads`?"),
        .body("S011: an SCP attached to an account outside the organization",
              "organization prod\n  scp Deny on 1️⃣dev: \(readJSON)\n", [("1️⃣", "S011")]),
        .body("S012: an account declared twice", "account 1️⃣111111111111\n", [("1️⃣", "S012")]),
        .body("S012: an alias used twice", "account 333333333333 1️⃣prod\n", [("1️⃣", "S012")]),
        .body("S012: a user declared twice", "user prod/alice\nuser 1️⃣111111111111/alice\n", [("1️⃣", "S012")]),
        .body("S012: a second organization", "organization prod\n1️⃣organization dev\n", [("1️⃣", "S012")]),
        .body("S012: a document declared twice", "document d: \(readJSON)\ndocument 1️⃣d: \(readJSON)\n", [("1️⃣", "S012")]),
        .body("S012: the console already made the EC2 role's instance profile",
              "role prod/Web\n  trust: \(ec2TrustJSON)\n  created-with: console\ninstance-profile 1️⃣prod/Web\n", [("1️⃣", "S012")]),
        .body("S013: a role without a trust policy", "1️⃣role prod/App\n  max-session: 2h\n", [("1️⃣", "S013")]),
        .body("S013: an S3 resource without an owner", "1️⃣resource arn:aws:s3:::bucket\n", [("1️⃣", "S013")]),
        .body("S014: `step` without a colon", "1️⃣step whoami\n", [("1️⃣", "S014")]),
        .body("S014: a step name of two words (the colon of the action is not the step's)",
              "step read 1️⃣can s3:GetObject *\n", [("1️⃣", "S014")]),
        .body("S014: a step without a command", "step a1️⃣:\n", [("1️⃣", "S014")]),
        .body("S015: a step name used twice", "step a: whoami\nstep 1️⃣a: whoami\n", [("1️⃣", "S015")]),
        .body("S016: an unknown outcome, with did-you-mean", "step: whoami\n  expect: 1️⃣AccesDenied\n", [("1️⃣", "S016")],
              help: "did you mean `AccessDenied`?"),
        .body("S017: a step assuming a role that is not declared, with did-you-mean",
              "role prod/VendorReader\n  trust: \(trustJSON)\nstep: assume prod/1️⃣VendorRead\n", [("1️⃣", "S017")],
              help: "did you mean `prod/VendorReader`?"),
        .body("S017: a role ARN naming a role that is not declared",
              "step: assume 1️⃣arn:aws:iam::111111111111:role/Nope\n", [("1️⃣", "S017")]),
        .body("S017: a step acting as a user that is not declared", "step: as user dev/1️⃣bob\n", [("1️⃣", "S017")]),
        .body("S017: a step acting as an instance that is not declared", "step: as instance prod/1️⃣i-2\n", [("1️⃣", "S017")]),
        .body("S017: a profile the instance's account does not have", """
            instance prod/i-1
            step: associate-profile prod/i-1 1️⃣Missing
            """, [("1️⃣", "S017")]),
        .body("S017: a SAML provider that is not in the role's account", """
            saml-provider dev/Okta
            role prod/SAML
              trust: \(trustJSON)
            step: assume-saml prod/SAML --provider 1️⃣Okta --subject alice
            """, [("1️⃣", "S017")]),
        .body("S017: an SCP step without an organization", "document d: \(readJSON)\nstep: 1️⃣attach-scp Deny root @d\n",
              [("1️⃣", "S017")]),
        .body("S017: an SCP step naming a target the organization does not have", """
            organization prod
              ou workloads
            document d: \(readJSON)
            step: attach-scp Deny 1️⃣workload @d
            """, [("1️⃣", "S017")], help: "did you mean `workloads`?"),
        .body("S017: a resource policy for an S3 bucket that is not declared", """
            document d: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}
            step: put-resource-policy 1️⃣arn:aws:s3:::nobody @d
            """, [("1️⃣", "S017")]),
        .body("S017: a role used before the step that creates it", """
            document trust: \(trustJSON)
            step: assume prod/1️⃣Later
            step: create-role prod/Later --trust @trust
            step: assume prod/Later
            """, [("1️⃣", "S017")]),
        // VPC endpoints (vpc-endpoints-access.html; ids as https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html)
        // and KMS aliases (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html).
        .body("S004: a misspelt vpc-endpoint, with did-you-mean", "1️⃣vpc-endpont prod/vpce-1a2b3c4d\n", [("1️⃣", "S004")],
              help: "did you mean `vpc-endpoint`?"),
        .body("S005: an unknown attribute of a VPC endpoint, with did-you-mean", """
            vpc-endpoint prod/vpce-1a2b3c4d
              1️⃣vcp: vpc-0a1b2c3d
            """, [("1️⃣", "S005")], help: "did you mean `vpc`?"),
        .body("S003: a VPC endpoint is in one VPC", """
            vpc-endpoint prod/vpce-1a2b3c4d
              vpc: vpc-0a1b2c3d
              1️⃣vpc: vpc-0a1b2c3e
            """, [("1️⃣", "S003")]),
        .body("S007: a VPC endpoint without its id", "1️⃣vpc-endpoint\n", [("1️⃣", "S007")], help: "write `vpc-endpoint ACCOUNT/VPCE-ID`"),
        .body("S008: a VPC endpoint written without its account", "vpc-endpoint 1️⃣vpce-1a2b3c4d\n", [("1️⃣", "S008")]),
        .body("S008: a VPC endpoint id with capitals", "vpc-endpoint prod/1️⃣vpce-1A2B3C4D\n", [("1️⃣", "S008")]),
        .body("S008: a VPC endpoint id of 9 digits (EC2 ids have 8 or 17)", "vpc-endpoint prod/1️⃣vpce-1a2b3c4d5\n", [("1️⃣", "S008")]),
        .body("S008: a VPC endpoint id that is not hexadecimal", "vpc-endpoint prod/1️⃣vpce-1a2b3c4g\n", [("1️⃣", "S008")]),
        .body("S008: a malformed VPC id", "vpc-endpoint prod/vpce-1a2b3c4d\n  vpc: 1️⃣vpc-123\n", [("1️⃣", "S008")]),
        .body("S010: a VPC endpoint of an unknown account, with did-you-mean", "vpc-endpoint 1️⃣prdo/vpce-1a2b3c4d\n", [("1️⃣", "S010")],
              help: "did you mean `prod`?"),
        .body("S012: a VPC endpoint id is unique across accounts", """
            vpc-endpoint prod/vpce-1a2b3c4d
            vpc-endpoint 1️⃣dev/vpce-1a2b3c4d
            """, [("1️⃣", "S012")], help: "the first is on line 4"),
        .body("P016: an endpoint policy is checked as one: it names its principals", """
            vpc-endpoint prod/vpce-1a2b3c4d
              policy: {"Version": "2012-10-17", "Statement": [1️⃣{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
            """, [("1️⃣", "P016")]),
        .body("S009: an endpoint policy over 20,480 characters, white space included", """
            vpc-endpoint prod/vpce-1a2b3c4d
              1️⃣policy: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": [\((0..<900).map { "\"arn:aws:s3:::bucket-\($0)/*\"" }.joined(separator: ", "))]}]}
            """, [("1️⃣", "S009")]),
        .body("S017: a step through a VPC endpoint that is not declared, with did-you-mean", """
            vpc-endpoint prod/vpce-1a2b3c4d
            step: can s3:GetObject * --via 1️⃣vpce-1a2b3c4e
            """, [("1️⃣", "S017")], help: "did you mean `vpce-1a2b3c4d`?"),
        .body("S008: a step through a malformed VPC endpoint id", "step: can s3:GetObject * --via 1️⃣vpce-x\n", [("1️⃣", "S008")]),
        .body("S008: a KMS alias without `alias/`", """
            resource arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab
              alias: 1️⃣reports
            """, [("1️⃣", "S008")]),
        .body("S009: an alias belongs to a KMS key", """
            resource arn:aws:sqs:us-east-1:111111111111:q
              1️⃣alias: alias/q
            """, [("1️⃣", "S009")]),
        .body("S009: aliases under alias/aws/ are AWS's", """
            resource arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab
              alias: 1️⃣alias/aws/s3
            """, [("1️⃣", "S009")]),
        .body("S003: the same alias twice on one key", """
            resource arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab
              alias: alias/reports
              alias: 1️⃣alias/reports
            """, [("1️⃣", "S003")]),
        .body("S012: an alias names one key of its account and Region", """
            resource arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab
              alias: alias/reports
            resource arn:aws:kms:us-east-1:111111111111:key/0000abcd-12ab-34cd-56ef-1234567890ab
              alias: 1️⃣alias/reports
            """, [("1️⃣", "S012")], help: "the first is on line 5"),
        .body("C003 from a step's command, at the file's column", "step: assume dev/x 1️⃣--sesion-name a\n  expect: NoSuchEntity\n",
              [("1️⃣", "C003")], help: "did you mean `--session-name`?"),
        .body("C011 from a step's command: the documents of the file are known", """
            document readonly: \(readJSON)
            step: put-policy role prod/App p 1️⃣@readonyl
            """, [("1️⃣", "C011")], help: "did you mean `@readonly`?"),
        .body("J001: malformed JSON in a multi-line document, at its line and column", """
            role prod/App
              trust:
                {
                  "Version": "2012-10-17"
                  1️⃣"Statement": []
                }
            """, [("1️⃣", "J001")]),
        .body("P006: a policy error inside an indented JSON block, at its exact line and column", """
            user prod/alice
              policy read:
                {
                  "Version": "2012-10-17",
                  "Statement": [{"Effect": 1️⃣"Alow", "Action": "s3:GetObject", "Resource": "*"}]
                }
            """, [("1️⃣", "P006")]),
        .body("P011: a trust policy with Resource, on the attribute's own line", """
            role prod/App
              trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", 1️⃣"Resource": "*"}]}
            """, [("1️⃣", "P011")]),
        .body("P015: a document used as a session policy is checked as one, at its declaration", """
            role prod/App
              trust: \(trustJSON)
            document session: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", 1️⃣"Principal": "*", "Action": "s3:*", "Resource": "*"}]}
            step: assume prod/App --policy @session
            step: assume prod/App --policy @session
            """, [("1️⃣", "P015")]),
        .body("P019: an RCP whose Principal is not `*`, in the organization", """
            organization prod
              member dev
              rcp Limit on dev:
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": 1️⃣{"AWS": "arn:aws:iam::111111111111:root"}, "Action": "s3:*", "Resource": "*"}]}
            """, [("1️⃣", "P019")]),
        .body("P008: inline JSON in a step is checked as the policy the command makes", """
            role prod/App
              trust: \(trustJSON)
            step: put-policy role prod/App p '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": 1️⃣"GetObject", "Resource": "*"}]}'
            """, [("1️⃣", "P008")]),
    ]

    // A scenario may keep a policy warning on purpose (a step that shows what it catches), with the reason.
    @Test("allow: W206 with a reason accepts the warning; without allow: it is reported")
    func allowedPolicyWarning() {
        let policy = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"sts:SourceIdentity": "x"}}}]}"#
        let body = "account 111111111111 ops\nuser ops/a\n  policy p: \(policy)\n"
        let plain = parse("scenario: s\n" + body)
        #expect(plain.diagnostics.map(\.code) == ["W206"])
        #expect(plain.scenario != nil, "a warning keeps the scenario")
        let allowed = parse("scenario: s\nallow: W206 the step shows the key never matches S3 requests\n" + body)
        #expect(allowed.diagnostics.isEmpty, "\(summary(allowed.diagnostics))")
        #expect(allowed.scenario != nil)
    }

    @Test(arguments: cases)
    func diagnosticAtMarker(_ c: ScenarioDiagnosticCase) {
        let marked = MarkedText(c.text)
        let result = parse(marked.text)
        let found = result.diagnostics.map { "\($0.code)@\($0.range?.start.description ?? "-")" }.sorted()
        let expected = c.expected.map { "\($0.code)@\(marked[$0.marker])" }.sorted()
        #expect(found == expected, "\(summary(result.diagnostics))")
        #expect(result.scenario == nil)
        if let help = c.help {
            #expect(result.diagnostics.first { $0.code == c.expected.first?.code }?.help == help)
        }
        for d in result.diagnostics {
            // House style: one line, lowercase start, no final period.
            #expect(!d.message.contains("\n"))
            #expect(d.message.first.map { !$0.isUppercase } ?? false, "\(d.message)")
            #expect(!d.message.hasSuffix("."))
            #expect(d.file == "test.iqs")
        }
    }

    @Test("every S code of the parser has a case above, and docs/scenario-format.md lists every S and C code")
    func everyCodeIsTestedAndDocumented() throws {
        let tested = Set(Self.cases.flatMap { $0.expected.map(\.code) })
        let source = try String(contentsOf: packageRoot.appendingPathComponent("Sources/IAMWorld/Scenario/ScenarioParser.swift"), encoding: .utf8)
            + String(contentsOf: packageRoot.appendingPathComponent("Sources/IAMWorld/Commands/CommandParser.swift"), encoding: .utf8)
        let doc = try String(contentsOf: packageRoot.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
        func codes(_ prefix: String, in text: String, marker: String) -> Set<String> {
            Set(text.components(separatedBy: marker).dropFirst().compactMap { piece -> String? in
                let code = String(piece.prefix(4))
                return code.hasPrefix(prefix) && code.dropFirst().allSatisfy(\.isNumber) ? code : nil
            })
        }
        // Codes in the source are listed in its header comment as `//   S001`.
        let sCodes = codes("S", in: source, marker: "//   ")
        let cCodes = codes("C", in: source, marker: "//   ")
        #expect(sCodes.count == 17)
        #expect(cCodes.count == 13)
        #expect(sCodes.subtracting(tested).isEmpty, "untested: \(sCodes.subtracting(tested).sorted())")
        let testedC = Set(CommandParserDiagnosticTests.cases.map(\.code))
        #expect(cCodes.subtracting(testedC).isEmpty, "untested: \(cCodes.subtracting(testedC).sorted())")
        let documented = codes("S", in: doc, marker: "| ").union(codes("C", in: doc, marker: "| "))
        // S000 (a path that cannot be read) comes from the loader of scenario files, not the parser.
        #expect(documented.subtracting(["S000"]) == sCodes.union(cCodes))
        #expect(documented.contains("S000"))
    }
}

@Suite("Scenario parser: building the world and checking steps")
struct ScenarioWorldTests {
    @Test("declarations may come in any order: a user before its group, a profile before its role, an instance first")
    func anyOrder() throws {
        let result = parse(prelude + """
            instance prod/i-0abc
              profile: WebProfile
            user prod/alice
              group: devs
              path: /staff/
              tag: team=blue
              mfa: alice-phone 123456
            instance-profile prod/WebProfile
              role: Web
            role prod/Web
              trust: \(ec2TrustJSON)
              path: /app/
              max-session: 1h30m
            group prod/devs
              policy read: \(readJSON)
            """)
        #expect(result.diagnostics.isEmpty, "\(summary(result.diagnostics))")
        let world = try #require(result.scenario?.world)
        let prod = try #require(world.accounts["111111111111"])
        #expect(prod.users["alice"]?.groups == ["devs"])
        #expect(prod.users["alice"]?.path == "/staff/")
        #expect(prod.users["alice"]?.tags == ["team": "blue"])
        #expect(prod.users["alice"]?.mfaDevices == ["alice-phone": "123456"])
        #expect(prod.instanceProfiles["WebProfile"]?.roleName == "Web")
        #expect(prod.roles["Web"]?.path == "/app/")
        #expect(prod.roles["Web"]?.maxSessionDuration == 5_400)
        #expect(world.instances["i-0abc"]?.profileName == "WebProfile")
        #expect(world.instances["i-0abc"]?.account == "111111111111")
    }

    @Test("a service-linked role gets IAM's path; a console EC2 role gets its instance profile")
    func roleKinds() throws {
        let result = parse(prelude + """
            role prod/AWSServiceRoleForElasticBeanstalk
              trust: \(ec2TrustJSON)
              service-linked: elasticbeanstalk.amazonaws.com
            role prod/Web
              trust: \(ec2TrustJSON)
              created-with: console
            role prod/Cli
              trust: \(ec2TrustJSON)
              created-with: cli
            """)
        #expect(result.diagnostics.isEmpty, "\(summary(result.diagnostics))")
        let prod = try #require(result.scenario?.world.accounts["111111111111"])
        let linked = try #require(prod.roles["AWSServiceRoleForElasticBeanstalk"])
        #expect(linked.path == "/aws-service-role/elasticbeanstalk.amazonaws.com/")
        #expect(linked.serviceLinkedService == "elasticbeanstalk.amazonaws.com")
        #expect(prod.roles["Web"]?.createdWith == .console)
        #expect(prod.instanceProfiles["Web"]?.roleName == "Web")
        #expect(prod.instanceProfiles["Cli"] == nil)
    }

    @Test("an organization: nested OUs, members, SCPs and RCPs by target, detached FullAWSAccess")
    func organization() throws {
        let result = parse("""
            scenario: org
            region: eu-west-1
            source-ip: 2001:db8::1
            account 111111111111 management
            account 222222222222 prod
            account 333333333333 sandbox
            account 444444444444 outsider
            organization management
              scp DenyLeave on workloads/prod: {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}
              ou workloads/prod
              member prod in workloads/prod
              member sandbox
              detach-full-access sandbox
              rcp Perimeter on root:
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
                  "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-1111111111"}}}]}
            """)
        #expect(result.diagnostics.isEmpty, "\(summary(result.diagnostics))")
        let world = try #require(result.scenario?.world)
        #expect(world.region == "eu-west-1")
        #expect(world.sourceIP == "2001:db8::1")
        let organization = try #require(world.organization)
        #expect(organization.managementAccount == "111111111111")
        #expect(organization.units == ["workloads", "workloads/prod"])
        #expect(organization.members == ["111111111111", "222222222222", "333333333333"])
        #expect(organization.placement == ["222222222222": "workloads/prod"])
        #expect(organization.scps["workloads/prod"]?.map(\.name) == ["DenyLeave"])
        #expect(organization.rcps["root"]?.map(\.name) == ["Perimeter"])
        #expect(organization.fullAccessDetached == ["333333333333"])
        #expect(organization.levels(of: "222222222222") == ["root", "workloads", "workloads/prod", "222222222222"])
    }

    @Test("identity providers, resources with owners and policies, documents, header defaults")
    func providersResourcesDocuments() throws {
        let result = parse(prelude + """
            title: providers
            reference: https://a.example
            reference: https://b.example
            saml-provider prod/Okta
            oidc-provider prod/token.actions.githubusercontent.com
              audience: sts.amazonaws.com
              audience: other
            resource arn:aws:sqs:us-east-1:222222222222:jobs
              policy: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sqs:SendMessage", "Resource": "*"}]}
            # A comment inside the document is an empty line of JSON.
            document readonly:
              {
                "Version": "2012-10-17",
                # ignored
                "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]
              }

            step: whoami
            """)
        #expect(result.diagnostics.isEmpty, "\(summary(result.diagnostics))")
        let scenario = try #require(result.scenario)
        #expect(scenario.title == "providers")
        #expect(scenario.references == ["https://a.example", "https://b.example"])
        #expect(scenario.world.now == World.defaultStart)
        let prod = try #require(scenario.world.accounts["111111111111"])
        #expect(prod.providers["Okta"]?.kind == .saml)
        #expect(prod.providers["token.actions.githubusercontent.com"]?.audiences == ["sts.amazonaws.com", "other"])
        let queue = try #require(scenario.world.resources["arn:aws:sqs:us-east-1:222222222222:jobs"])
        #expect(queue.owner == "222222222222")
        #expect(queue.policy?.policy.kind == .resource)
        let document = try #require(scenario.documents["readonly"])
        #expect(document.name == "readonly")
        // The document starts at its first line, column 1, so that its positions are the file's.
        #expect(document.start == SourceLocation(line: 15, column: 1))
        #expect(document.parse(kind: .session).policy != nil)
        #expect(scenario.steps.map(\.number) == [1])
        #expect(scenario.steps.first?.name == nil)
        #expect(scenario.step(named: "#1") != nil)
    }

    // https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html: an endpoint policy is written
    // like a resource-based policy; an endpoint without one has the default policy, full access.
    // https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html: a key's policy is its resource policy.
    @Test("VPC endpoints with their VPC and policy, KMS keys with their key policy and aliases")
    func endpointsAndKeys() throws {
        let result = parse(prelude + """
            vpc-endpoint prod/vpce-1a2b3c4d
              vpc: vpc-0a1b2c3d
              policy: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}
            vpc-endpoint dev/vpce-0123456789abcdef0
            resource arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab
              alias: alias/reports
              alias: alias/team/reports_2026
              policy: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "kms:*", "Resource": "*"}]}
            step: can s3:GetObject * --via vpce-0123456789abcdef0
            step: can s3:GetObject * --via vpce-9999999999abcdef0
              expect: InvalidVpcEndpointId.NotFound
            """)
        #expect(result.diagnostics.isEmpty, "\(summary(result.diagnostics))")
        let world = try #require(result.scenario?.world)
        let declared = try #require(world.endpoints["vpce-1a2b3c4d"])
        #expect(declared.account == "111111111111")
        #expect(declared.vpc == "vpc-0a1b2c3d")
        #expect(declared.policy?.policy.kind == .endpoint)
        #expect(declared.policy?.name == "vpce-1a2b3c4d")
        let bare = try #require(world.endpoints["vpce-0123456789abcdef0"])
        #expect(bare.account == "222222222222")
        #expect(bare.vpc == nil && bare.policy == nil)
        #expect(bare.effectivePolicy.policy.statements.count == 1)
        #expect(VPCEndpoint.isVPCID(bare.sourceVPC))
        let key = try #require(world.resources["arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"])
        #expect(key.owner == "111111111111")
        #expect(key.aliases == ["alias/reports", "alias/team/reports_2026"])
        #expect(key.policy?.policy.kind == .resource)
        #expect(key.policy?.name == "key policy")
        #expect(world.kmsKey(forAlias: "arn:aws:kms:us-east-1:111111111111:alias/team/reports_2026")?.arn == key.arn)
        #expect(world.kmsKey(forAlias: "arn:aws:kms:eu-west-1:111111111111:alias/reports") == nil)
    }

    @Test("a role created by an earlier step may be used; a step expecting NoSuchEntity may name a missing role")
    func createdAndMissing() throws {
        let result = parse(prelude + """
            document trust: \(ec2TrustJSON)
            instance prod/i-1
            step create: create-role prod/Web --trust @trust --created-with console
            step attach: associate-profile prod/i-1 Web
            step use: assume prod/Web
              expect: AccessDenied
              note: EC2 may assume it; a user may not
            step missing: delete-role prod/Ghost
              expect: NoSuchEntity
            """)
        #expect(result.diagnostics.isEmpty, "\(summary(result.diagnostics))")
        let steps = try #require(result.scenario?.steps)
        #expect(steps.map(\.name) == ["create", "attach", "use", "missing"])
        #expect(steps[2].note == "EC2 may assume it; a user may not")
    }

    @Test("a steps' inline JSON and file documents are read, and diagnostics name the policy file")
    func fileDocuments() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\"}]}"
            .write(to: directory.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        let result = parse(prelude + """
            role prod/App
              trust: \(trustJSON)
            step: put-policy role prod/App p file://broken.json
            """, baseDirectory: directory.path)
        let d = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(d.code == "P010")
        #expect(d.file == directory.appendingPathComponent("broken.json").path)
    }

    @Test("all problems of a file are reported in one run, sorted by position")
    func allProblemsSorted() {
        let result = parse(prelude + """
            step b: as user prod/nobody
            user prod/alice
              pth: /x/
            role prod/App
            step b: whoami
              expect: fine
            """)
        #expect(result.diagnostics.map(\.code) == ["S017", "S005", "S013", "S015", "S016"])
        #expect(result.diagnostics == Diagnostic.sortedForDisplay(result.diagnostics))
        #expect(result.scenario == nil)
    }

    @Test("CRLF line ends and a byte order mark are read like plain lines")
    func crlfAndBOM() throws {
        let text = "\u{FEFF}" + (prelude + "user prod/alice\n  path: /a/\nstep x: as user prod/alice\n  expect: ok\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let result = parse(text)
        #expect(result.diagnostics.isEmpty, "\(summary(result.diagnostics))")
        #expect(result.scenario?.world.accounts["111111111111"]?.users["alice"]?.path == "/a/")
        #expect(result.scenario?.steps.first?.commandText == "as user prod/alice")
    }
}

// Rule: a scenario's policies and `can` steps get the warnings of `iamquiz simulate` (IAM Access
// Analyzer's checks, access-analyzer-reference-policy-checks.html): a typo makes a step decide what the
// author did not mean, and the scenario still runs.
@Suite("Scenario parser: validation warnings")
struct ScenarioValidationTests {
    @Test("a misspelled action in a policy and in a step, and a misspelled condition key, warn at their place")
    func warnings() {
        let marked = MarkedText(prelude + """
            user prod/alice
              policy read: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": 1️⃣"s3:GetObjekt", "Resource": "*"}]}
            role prod/Reader
              trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {2️⃣"sts:ExternalID2": "x"}}}]}
            step who: as user prod/alice
            step read: can 3️⃣s3:GetObjekt arn:aws:s3:::bucket/key
            """)
        let result = parse(marked.text)
        #expect(result.scenario != nil, "warnings do not stop the scenario")
        #expect(summary(result.diagnostics) == [
            "W202@\(marked["1️⃣"]) unknown action `s3:GetObjekt`",
            "W205@\(marked["2️⃣"]) unknown condition key `sts:ExternalID2` of `sts`",
            "W202@\(marked["3️⃣"]) unknown action `s3:GetObjekt`",
        ])
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning && $0.file == "test.iqs" })
        #expect(result.diagnostics.first?.help == "did you mean `s3:GetObject`?")
    }
}
