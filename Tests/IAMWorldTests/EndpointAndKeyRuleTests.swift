import Foundation
import Testing
@testable import IAMWorld

// KMS key policies and VPC endpoints in a scenario's world, played through the sandbox's `can`. Each row is
// written as scenario text (declarations, then steps as at the sandbox prompt), so that it goes through the
// same parser and commands as a scenario file.

/// One rule: what it says, the AWS page that says it, the declarations, and steps with what each must give.
struct NetworkRow: Sendable, CustomTestStringConvertible {
    /// A step: the command, the outcome `expect:` would name, and text its output or `explain` must show.
    struct Call: Sendable {
        var command: String
        var expected: String
        var shows: String?
    }

    var rule: String
    var page: String
    var declarations: String
    var calls: [Call]

    init(_ rule: String, page: String, _ declarations: String, _ calls: [(String, String, String?)]) {
        self.rule = rule
        self.page = page
        self.declarations = declarations
        self.calls = calls.map { Call(command: $0.0, expected: $0.1, shows: $0.2) }
    }

    var testDescription: String { rule }

    /// The accounts, and alice (prod) who may read S3 and use KMS keys, acting; then the row's declarations.
    static let prelude = """
        scenario: row
        account 111111111111 prod
        account 222222222222 dev
        user prod/alice
          policy work: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "kms:Decrypt"], "Resource": "*"}]}
        user prod/bob
        user dev/dana
          policy work: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}

        """
}

/// Names used by the rows.
private enum Net {
    static let key = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    static let alias = "arn:aws:kms:us-east-1:111111111111:alias/reports"
    static let object = "arn:aws:s3:::reports/2026/q1.csv"

    static let keyPolicies = "https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html"
    static let aliasAuthorization = "https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html"
    static let endpointPolicies = "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html"
    static let bucketPolicies = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html"
    static let conditionKeys = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html"
    static let operators = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html"

    /// A key declaration with `statements` as its key policy (and aliases).
    static func key(_ statements: String, aliases: [String] = []) -> String {
        "resource \(key)\n" + aliases.map { "  alias: \($0)\n" }.joined()
            + "  policy: {\"Version\": \"2012-10-17\", \"Statement\": [\(statements)]}\n"
    }

    /// The key policy statement that lets the IAM policies of prod grant access.
    static let accountStatement = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "kms:*", "Resource": "*"}"#

    /// An endpoint of prod with a policy of `statements`, or AWS's default without.
    static func endpoint(_ id: String, vpc: String? = nil, _ statements: String? = nil) -> String {
        "vpc-endpoint prod/\(id)\n" + (vpc.map { "  vpc: \($0)\n" } ?? "")
            + (statements.map { "  policy: {\"Version\": \"2012-10-17\", \"Statement\": [\($0)]}\n" } ?? "")
    }

    /// The bucket `reports` of prod with `statements` as its policy.
    static func bucket(_ statements: String) -> String {
        "resource arn:aws:s3:::reports\n  owner: prod\n  policy: {\"Version\": \"2012-10-17\", \"Statement\": [\(statements)]}\n"
    }

    /// alice's identity policy replaced by `statements` (put-policy of a document).
    static func alicePolicy(_ statements: String) -> String {
        "document alice-policy: {\"Version\": \"2012-10-17\", \"Statement\": [\(statements)]}\n"
            + "step: put-policy user prod/alice work @alice-policy\n"
    }
}

@Suite("KMS key policies and VPC endpoints in the sandbox")
struct EndpointAndKeyRuleTests {
    static let rows: [NetworkRow] = [
        // KMS key policies.
        NetworkRow("a key policy that names neither the account nor the caller denies kms:Decrypt that an identity policy allows, in the same account",
                   page: Net.keyPolicies,
                   Net.key(#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/admin"}, "Action": "kms:*", "Resource": "*"}"#),
                   [("as user prod/alice", "ok", nil), ("can kms:Decrypt \(Net.key)", "implicitDeny", "the key policy does not allow"),
                    ("explain", "info", "resource policy `key policy`")]),
        NetworkRow("a key policy with the account statement lets the identity policy allow kms:Decrypt", page: Net.keyPolicies,
                   Net.key(Net.accountStatement),
                   [("as user prod/alice", "ok", nil), ("can kms:Decrypt \(Net.key)", "allowed", nil),
                    ("explain", "info", "resource policy `key policy`, statement 1 (Allow): applies")]),
        NetworkRow("the account statement does not grant by itself: a user without an identity policy is denied", page: Net.keyPolicies,
                   Net.key(Net.accountStatement),
                   [("as user prod/bob", "ok", nil), ("can kms:Decrypt \(Net.key)", "implicitDeny", nil),
                    ("policies", "info", nil), ("explain", "info", "`key policy`")]),
        // KMS aliases.
        NetworkRow("a request naming an alias is authorised on the key: the key policy decides", page: Net.aliasAuthorization,
                   Net.key(#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/admin"}, "Action": "kms:*", "Resource": "*"}"#,
                           aliases: ["alias/reports"]),
                   [("as user prod/alice", "ok", nil), ("can kms:Decrypt \(Net.alias)", "implicitDeny", "stands for the key `\(Net.key)`")]),
        NetworkRow("an identity policy on the key's ARN allows using the key through its alias", page: Net.aliasAuthorization,
                   Net.key(Net.accountStatement, aliases: ["alias/reports"])
                       + Net.alicePolicy(#"{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "\#(Net.key)"}"#),
                   [("as user prod/alice", "ok", nil), ("can kms:Decrypt \(Net.alias)", "allowed", nil)]),
        NetworkRow("an alias ARN in Resource names the alias, not the key: it does not allow kms:Decrypt through the alias",
                   page: Net.aliasAuthorization,
                   Net.key(Net.accountStatement, aliases: ["alias/reports"])
                       + Net.alicePolicy(#"{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "\#(Net.alias)"}"#),
                   [("as user prod/alice", "ok", nil), ("can kms:Decrypt \(Net.alias)", "implicitDeny", nil)]),
        NetworkRow("kms:RequestAlias is the alias the request names, absent when it names the key", page: Net.aliasAuthorization,
                   Net.key(Net.accountStatement, aliases: ["alias/reports", "alias/other"])
                       + Net.alicePolicy(#"{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:RequestAlias": "alias/reports"}}}"#),
                   [("as user prod/alice", "ok", nil), ("can kms:Decrypt \(Net.alias)", "allowed", nil),
                    ("can kms:Decrypt arn:aws:kms:us-east-1:111111111111:alias/other", "implicitDeny", nil),
                    ("can kms:Decrypt \(Net.key)", "implicitDeny", nil),
                    ("can kms:Decrypt \(Net.key) --context kms:RequestAlias=alias/reports", "ValidationError", "KMS sets it")]),
        NetworkRow("kms:ResourceAliases lists the key's aliases, whichever way the request names it", page: Net.aliasAuthorization,
                   Net.key(Net.accountStatement, aliases: ["alias/reports", "alias/other"])
                       + Net.alicePolicy(#"{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/other"}}}"#),
                   [("as user prod/alice", "ok", nil), ("can kms:Decrypt \(Net.alias)", "allowed", nil),
                    ("can kms:Decrypt \(Net.key)", "allowed", nil)]),
        // VPC endpoint policies.
        NetworkRow("a request through an endpoint whose policy does not allow it is denied, though the identity policy allows it",
                   page: Net.endpointPolicies,
                   Net.endpoint("vpce-1a2b3c4d", #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}"#),
                   [("as user prod/alice", "ok", nil), ("can s3:PutObject \(Net.object)", "allowed", nil),
                    ("can s3:PutObject \(Net.object) --via vpce-1a2b3c4d", "implicitDeny", "through the VPC endpoint `vpce-1a2b3c4d`"),
                    ("explain", "info", "the VPC endpoint policy `vpce-1a2b3c4d`, statement 1 (Allow): does not apply"),
                    ("can s3:GetObject \(Net.object) --via vpce-1a2b3c4d", "allowed", nil)]),
        NetworkRow("an endpoint policy grants nothing: the caller's own policies must still allow", page: Net.endpointPolicies,
                   Net.endpoint("vpce-1a2b3c4d", #"{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}"#),
                   [("as user prod/bob", "ok", nil), ("can s3:GetObject \(Net.object) --via vpce-1a2b3c4d", "implicitDeny", nil)]),
        NetworkRow("a Deny in an endpoint policy is an explicit deny", page: Net.endpointPolicies,
                   Net.endpoint("vpce-1a2b3c4d", #"{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}"#),
                   [("as user prod/alice", "ok", nil), ("can s3:PutObject \(Net.object) --via vpce-1a2b3c4d", "explicitDeny", nil)]),
        NetworkRow("an endpoint without a policy has AWS's default policy, full access", page: Net.endpointPolicies,
                   Net.endpoint("vpce-0123456789abcdef0"),
                   [("as user prod/alice", "ok", nil), ("can s3:PutObject \(Net.object) --via vpce-0123456789abcdef0", "allowed", nil),
                    ("explain", "info", "the VPC endpoint policy `vpce-0123456789abcdef0 (default)`, statement 1 (Allow): applies")]),
        NetworkRow("the endpoint policy decides who may use it: a caller of another account is stopped by its principal condition",
                   page: Net.endpointPolicies,
                   Net.endpoint("vpce-1a2b3c4d", #"{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalAccount": "111111111111"}}}"#),
                   [("as user dev/dana", "ok", nil), ("can s3:GetObject arn:aws:s3:::dana-bucket/k", "allowed", nil),
                    ("can s3:GetObject arn:aws:s3:::dana-bucket/k --via vpce-1a2b3c4d", "implicitDeny", nil),
                    ("as user prod/alice", "ok", nil), ("can s3:GetObject \(Net.object) --via vpce-1a2b3c4d", "allowed", nil)]),
        NetworkRow("an endpoint that is not declared is an error, not a decision", page: Net.endpointPolicies,
                   Net.endpoint("vpce-1a2b3c4d"),
                   [("as user prod/alice", "ok", nil),
                    ("can s3:GetObject \(Net.object) --via vpce-1a2b3c4e", "InvalidVpcEndpointId.NotFound", "declared: vpce-1a2b3c4d"),
                    ("can s3:GetObject \(Net.object) --via vpce-XYZ", "ValidationError", "8 or 17 lowercase hexadecimal digits")]),
        // Bucket policies that test the endpoint or the VPC.
        NetworkRow("a bucket policy denying requests not from vpce-1a2b3c4d allows only through that endpoint", page: Net.bucketPolicies,
                   Net.endpoint("vpce-1a2b3c4d") + Net.endpoint("vpce-0123456789abcdef0") + Net.bucket(
                       #"{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"], "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}"#),
                   [("as user prod/alice", "ok", nil), ("can s3:GetObject \(Net.object)", "explicitDeny", "aws:SourceVpce"),
                    ("can s3:GetObject \(Net.object) --via vpce-0123456789abcdef0", "explicitDeny", nil),
                    ("can s3:GetObject \(Net.object) --via vpce-1a2b3c4d", "allowed", nil),
                    // The client-chosen key alone is still accepted (it stands for an endpoint the world does not model).
                    ("can s3:GetObject \(Net.object) --context aws:SourceVpce=vpce-1a2b3c4d", "allowed", nil),
                    ("can s3:GetObject \(Net.object) --via vpce-1a2b3c4d --context aws:SourceVpce=vpce-1a2b3c4d", "ValidationError", "--via names the endpoint")]),
        NetworkRow("aws:SourceVpc is the VPC of the endpoint the request goes through", page: Net.bucketPolicies,
                   Net.endpoint("vpce-1a2b3c4d", vpc: "vpc-0a1b2c3d") + Net.endpoint("vpce-0123456789abcdef0") + Net.bucket(
                       #"{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/*", "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-0a1b2c3d"}}}"#),
                   [("as user prod/alice", "ok", nil), ("can s3:GetObject \(Net.object) --via vpce-1a2b3c4d", "allowed", nil),
                    ("can s3:GetObject \(Net.object) --via vpce-0123456789abcdef0", "explicitDeny", nil),
                    ("can s3:GetObject \(Net.object) --via vpce-1a2b3c4d --context aws:SourceVpc=vpc-0a1b2c3d", "ValidationError", nil)]),
        // Source addresses through an endpoint.
        NetworkRow("aws:SourceIp is absent through an endpoint: an Allow on the caller's public address no longer matches",
                   page: Net.conditionKeys + "#condition-keys-sourceip",
                   Net.endpoint("vpce-1a2b3c4d") + Net.alicePolicy(
                       #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}"#),
                   [("as user prod/alice", "ok", nil), ("can s3:GetObject \(Net.object) --from 203.0.113.25", "allowed", nil),
                    ("can s3:GetObject \(Net.object) --from 203.0.113.25 --via vpce-1a2b3c4d", "implicitDeny", "aws:SourceIp")]),
        NetworkRow("a Deny with NotIpAddress on aws:SourceIp applies through an endpoint: a negated operator holds when the key is absent",
                   page: Net.operators,
                   Net.endpoint("vpce-1a2b3c4d") + Net.alicePolicy(
                       #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}"#),
                   [("as user prod/alice", "ok", nil), ("can s3:GetObject \(Net.object) --from 203.0.113.25", "allowed", nil),
                    ("can s3:GetObject \(Net.object) --from 203.0.113.25 --via vpce-1a2b3c4d", "explicitDeny", "an applicable Deny"),
                    ("explain", "info", "NotIpAddress aws:SourceIp: key is missing, so the condition holds")]),
        NetworkRow("aws:VpcSourceIp is the caller's address, present only through an endpoint",
                   page: Net.conditionKeys + "#condition-keys-vpcsourceip",
                   Net.endpoint("vpce-1a2b3c4d") + Net.alicePolicy(
                       #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}}"#),
                   [("as user prod/alice", "ok", nil), ("can s3:GetObject \(Net.object) --from 10.0.1.5", "implicitDeny", nil),
                    ("can s3:GetObject \(Net.object) --from 10.0.1.5 --via vpce-1a2b3c4d", "allowed", nil),
                    ("can s3:GetObject \(Net.object) --from 10.1.0.5 --via vpce-1a2b3c4d", "implicitDeny", nil)]),
    ]

    @Test(arguments: rows)
    func rule(_ row: NetworkRow) throws {
        #expect(row.page.hasPrefix("https://docs.aws.amazon.com/"), "the row names an AWS documentation page: \(row.page)")
        let steps = row.calls.map { "step: \($0.command)\n" + ($0.expected == "info" ? "" : "  expect: \($0.expected)\n") }.joined()
        let parsed = ScenarioParser.parse(NetworkRow.prelude + row.declarations + steps, file: "row.iqs", baseDirectory: "/")
        let scenario = try #require(parsed.scenario, "\(parsed.diagnostics.map { "\($0.code) \($0.locationText): \($0.message)" })")
        var sandbox = Sandbox(world: scenario.world)
        sandbox.documents = scenario.documents
        // The declarations' own steps (put-policy) come first; the row's calls are the last steps.
        let rowSteps = scenario.steps.suffix(row.calls.count)
        for step in scenario.steps.dropLast(row.calls.count) {
            #expect(sandbox.run(step.command).outcome == .ok, "\(step.commandText)")
        }
        for (call, step) in zip(row.calls, rowSteps) {
            let result = sandbox.run(step.command)
            #expect(result.outcome.description == call.expected, "\(call.command): \(result.lines.joined(separator: " / "))")
            if let shows = call.shows {
                #expect(result.lines.contains { $0.contains(shows) }, "\(call.command) should show `\(shows)`: \(result.lines.joined(separator: " / "))")
            }
        }
    }
}

@Suite("The VPC endpoint example of docs/scenario-format.md")
struct EndpointExampleTests {
    private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("it parses and every step meets its expectation")
    func example() throws {
        let doc = try String(contentsOf: Self.packageRoot.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
        let section = try #require(doc.components(separatedBy: "### VPC endpoints").dropFirst().first)
        let example = try #require(section.components(separatedBy: "```").first { $0.contains("scenario:") })
        let parsed = ScenarioParser.parse(String(example.drop { $0 == "\n" }), file: "example.iqs", baseDirectory: "/")
        let scenario = try #require(parsed.scenario, "\(parsed.diagnostics.map { "\($0.code) \($0.locationText): \($0.message)" })")
        let run = ScenarioRunner.run(scenario)
        #expect(run.steps.count == 4)
        #expect(run.passed, "\(run.failures.map { "\($0.step.label): \($0.result.lines.joined(separator: " / "))" })")
    }
}
