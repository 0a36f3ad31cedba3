import Foundation
import Testing

/// `iamquiz simulate`, run as a process: options, output formats, exit statuses.
/// Fixtures are in Fixtures/simulate/.
private enum Sim {
    static let dir = IAMQuizBinary.fixtures.appendingPathComponent("simulate")
    static func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    static func file(_ name: String) -> String { "file://" + path(name) }

    static func run(_ arguments: [String], unprivileged: Bool = false) throws -> IAMQuizBinary.Output {
        try IAMQuizBinary.run(["simulate"] + arguments, unprivileged: unprivileged)
    }

    /// The `EvaluationResults` of a JSON response.
    static func results(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                                  "not a JSON object: \(text)", sourceLocation: sourceLocation)
        #expect(object["IsTruncated"] as? Bool == false, sourceLocation: sourceLocation)
        return try #require(object["EvaluationResults"] as? [[String: Any]], sourceLocation: sourceLocation)
    }

    static func decisions(_ results: [[String: Any]]) -> [String] { results.map { $0["EvalDecision"] as? String ?? "?" } }

    static let alice = "arn:aws:iam::111122223333:user/alice"
    static let carol = "arn:aws:iam::444455556666:user/carol"
    static let session = "arn:aws:sts::111122223333:assumed-role/app/s1"
    static let targetRole = "arn:aws:iam::111122223333:role/target"
    static let allowGetInline = #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#
    static let denyPutInline = #"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}}"#
    static let denyAllInline = #"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}"#
}

@Suite("iamquiz simulate end to end")
struct SimulateEndToEndTests {
    // MARK: The plain call and the policy types of issue 10

    /// The first command a new user types: AWS's simulator says `allowed` (without a caller, the resource is
    /// the caller's account's own); iamquiz said `implicitDeny` ("cross-account request").
    @Test("the plain call: a dynamodb:* policy and a table of some account is allowed")
    func plainCall() throws {
        let out = try Sim.run(["--policy-input-list", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:*","Resource":"*"}]}"#,
                               "--action-names", "dynamodb:GetItem",
                               "--resource-arns", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(Sim.decisions(try Sim.results(out.stdout)) == ["allowed"])
    }

    @Test("--vpc-endpoint-policy must allow too, and `VpcEndpointPolicy` does the same in a request")
    func vpcEndpointPolicy() throws {
        let endpointOtherBucket = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::other/*"}]}"#
        let endpointThisBucket = endpointOtherBucket.replacingOccurrences(of: "other", with: "bucket")
        for (endpoint, expected) in [(endpointThisBucket, "allowed"), (endpointOtherBucket, "implicitDeny")] {
            let out = try Sim.run(["--policy-input-list", Sim.allowGetInline, "--action-names", "s3:GetObject",
                                   "--resource-arns", "arn:aws:s3:::bucket/key", "--vpc-endpoint-policy", endpoint])
            #expect(out.status == 0, "\(out.stderr)")
            let results = try Sim.results(out.stdout)
            #expect(Sim.decisions(results) == [expected])
            #expect((results[0]["EvalDecisionDetails"] as? [String: String])?["VPC Endpoint Policy"] == expected)
            let request = try String(data: JSONSerialization.data(withJSONObject: [
                "PolicyInputList": [Sim.allowGetInline], "ActionNames": ["s3:GetObject"],
                "ResourceArns": ["arn:aws:s3:::bucket/key"], "VpcEndpointPolicy": endpoint,
            ]), encoding: .utf8) ?? ""
            let viaJSON = try Sim.run(["--cli-input-json", request])
            #expect(Sim.decisions(try Sim.results(viaJSON.stdout)) == [expected], "\(viaJSON.stderr)")
        }
        let broken = try Sim.run(["--action-names", "s3:GetObject", "--vpc-endpoint-policy",
                                  #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("--vpc-endpoint-policy"), "\(broken.stderr)")
        #expect(broken.stderr.contains("P016"), "\(broken.stderr)")
    }

    @Test("a KMS key policy given with --resource-policy decides; sts:GetCallerIdentity needs nothing")
    func kmsAndCallerIdentity() throws {
        let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        let allowDecrypt = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}"#
        let keyPolicyOther = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"kms:*","Resource":"*"}]}"#
        let denied = try Sim.run(["--policy-input-list", allowDecrypt, "--action-names", "kms:Decrypt", "--resource-arns", key,
                                  "--resource-policy", keyPolicyOther, "--output", "text", "--explain"])
        #expect(denied.stdout.contains("implicitDeny"), "\(denied.stdout)")
        #expect(denied.stdout.contains("IAM policies alone never give access to a KMS key"), "\(denied.stdout)")
        let identity = try Sim.run(["--policy-input-list", Sim.denyAllInline, "--action-names", "sts:GetCallerIdentity"])
        #expect(Sim.decisions(try Sim.results(identity.stdout)) == ["allowed"])
    }

    // MARK: Policies, actions, resources, JSON output

    @Test("file:// policy, several actions and resources: one result per action and resource, in order, with positions")
    func policyFileSeveralActions() throws {
        let out = try Sim.run(["--policy-input-list", Sim.file("identity.json"),
                               "--action-names", "s3:GetObject", "s3:PutObject", "iam:CreateUser",
                               "--resource-arns", "arn:aws:s3:::bucket/a", "arn:aws:s3:::bucket/secret/b",
                               "--caller-arn", Sim.alice, "--output", "json"])
        #expect(out.status == 0, "\(out.stderr)")
        let results = try Sim.results(out.stdout)
        #expect(results.map { "\($0["EvalActionName"] ?? "") \($0["EvalResourceName"] ?? "")" } == [
            "s3:GetObject arn:aws:s3:::bucket/a", "s3:GetObject arn:aws:s3:::bucket/secret/b",
            "s3:PutObject arn:aws:s3:::bucket/a", "s3:PutObject arn:aws:s3:::bucket/secret/b",
            "iam:CreateUser arn:aws:s3:::bucket/a", "iam:CreateUser arn:aws:s3:::bucket/secret/b",
        ])
        #expect(Sim.decisions(results) == ["allowed", "explicitDeny", "implicitDeny", "explicitDeny", "implicitDeny", "implicitDeny"])

        // The allowing statement: ReadBucket, whose object starts on line 4, column 5 of the file.
        let allowed = try #require(results[0]["MatchedStatements"] as? [[String: Any]])
        #expect(allowed.count == 1)
        #expect(allowed.first?["SourcePolicyId"] as? String == "PolicyInputList.1")
        #expect(allowed.first?["SourcePolicyType"] as? String == "IAM Policy")
        let start = try #require(allowed.first?["StartPosition"] as? [String: Any])
        #expect(start["Line"] as? Int == 4)
        #expect(start["Column"] as? Int == 5)
        // The explicit deny: NoSecrets, on line 10.
        let denied = try #require(results[1]["MatchedStatements"] as? [[String: Any]])
        #expect((denied.first?["StartPosition"] as? [String: Any])?["Line"] as? Int == 10)
        // PutObject on bucket/a: the FromTheOffice statement needs aws:SourceIp, which the request lacks.
        #expect(results[2]["MissingContextValues"] as? [String] == ["aws:SourceIp"])
        #expect(results[0]["MissingContextValues"] as? [String] == [])
    }

    @Test("inline JSON policies, text output: a table with the decisions and the matched statements")
    func inlineTextOutput() throws {
        let out = try Sim.run(["--policy-input-list", Sim.allowGetInline, Sim.denyPutInline,
                               "--action-names", "s3:GetObject", "s3:PutObject", "ec2:RunInstances", "--output", "text"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ACTION") == true)
        #expect(lines.first?.contains("DECISION") == true)
        let rows = lines.dropFirst()
        #expect(rows.count == 3, "\(out.stdout)")
        #expect(rows.contains { $0.hasPrefix("s3:GetObject") && $0.contains("allowed") && $0.contains("PolicyInputList.1#1") })
        #expect(rows.contains { $0.hasPrefix("s3:PutObject") && $0.contains("explicitDeny") && $0.contains("PolicyInputList.2#1") })
        #expect(rows.contains { $0.hasPrefix("ec2:RunInstances") && $0.contains("implicitDeny") })
    }

    @Test("exit status 0 whatever the decision")
    func exitZeroWhateverTheDecision() throws {
        let denied = try Sim.run(["--policy-input-list", Sim.denyAllInline, "--action-names", "s3:GetObject"])
        #expect(denied.status == 0)
        #expect(Sim.decisions(try Sim.results(denied.stdout)) == ["explicitDeny"])
        let nothing = try Sim.run(["--action-names", "s3:GetObject"])
        #expect(nothing.status == 0)
        #expect(Sim.decisions(try Sim.results(nothing.stdout)) == ["implicitDeny"])
    }

    // MARK: Context entries

    @Test("--context-entries in the CLI shorthand")
    func contextShorthand() throws {
        let base = ["--policy-input-list", Sim.file("identity.json"), "--action-names", "s3:PutObject",
                    "--resource-arns", "arn:aws:s3:::bucket/a"]
        let inside = try Sim.run(base + ["--context-entries", "ContextKeyName=aws:SourceIp,ContextKeyValues=203.0.113.7,ContextKeyType=ip"])
        #expect(inside.status == 0, "\(inside.stderr)")
        let insideResults = try Sim.results(inside.stdout)
        #expect(Sim.decisions(insideResults) == ["allowed"])
        #expect(insideResults.first?["MissingContextValues"] as? [String] == [])
        let outside = try Sim.run(base + ["--context-entries", "ContextKeyName=aws:SourceIp,ContextKeyValues=198.51.100.1,ContextKeyType=ip"])
        #expect(Sim.decisions(try Sim.results(outside.stdout)) == ["implicitDeny"])
        // A list type takes several values.
        let list = try Sim.run(base + ["--context-entries", "ContextKeyName=aws:SourceIp,ContextKeyValues=198.51.100.1,203.0.113.7,ContextKeyType=ipList"])
        #expect(list.status == 0, "\(list.stderr)")
    }

    @Test("--context-entries as JSON, inline and file://")
    func contextJSON() throws {
        let base = ["--policy-input-list", Sim.file("identity.json"), "--action-names", "s3:PutObject",
                    "--resource-arns", "arn:aws:s3:::bucket/a"]
        let inline = try Sim.run(base + ["--context-entries",
                                         #"[{"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["203.0.113.9"], "ContextKeyType": "ip"}]"#])
        #expect(inline.status == 0, "\(inline.stderr)")
        #expect(Sim.decisions(try Sim.results(inline.stdout)) == ["allowed"])
        let file = try Sim.run(base + ["--context-entries", Sim.file("context.json")])
        #expect(file.status == 0, "\(file.stderr)")
        #expect(Sim.decisions(try Sim.results(file.stdout)) == ["allowed"])
    }

    @Test("a malformed shorthand context entry is bad input: exit 1")
    func contextShorthandError() throws {
        let out = try Sim.run(["--action-names", "s3:GetObject", "--context-entries", "ContextKeyName=aws:SourceIp"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("--context-entries 1: error[M006]: context entry `aws:SourceIp` needs ContextKeyValues=VALUE"),
                "\(out.stderr)")
    }

    // MARK: --cli-input-json

    @Test("--cli-input-json from a file: policies as JSON strings, caller, resource policy and context")
    func cliInputJSONFile() throws {
        let out = try Sim.run(["--cli-input-json", Sim.file("request.json")])
        #expect(out.status == 0, "\(out.stderr)")
        let results = try Sim.results(out.stdout)
        #expect(Sim.decisions(results) == ["allowed"])
        let matched = try #require(results.first?["MatchedStatements"] as? [[String: Any]])
        #expect(Set(matched.compactMap { $0["SourcePolicyId"] as? String }) == ["ResourcePolicy", "PolicyInputList.1"])
    }

    @Test("--cli-input-json inline, with options given beside it taking precedence")
    func cliInputJSONInline() throws {
        let request = #"{"PolicyInputList": ["{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}}"], "ActionNames": ["s3:GetObject"]}"#
        let out = try Sim.run(["--cli-input-json", request])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(Sim.decisions(try Sim.results(out.stdout)) == ["allowed"])
        let overridden = try Sim.run(["--cli-input-json", request, "--action-names", "s3:PutObject"])
        #expect(overridden.status == 0, "\(overridden.stderr)")
        let results = try Sim.results(overridden.stdout)
        #expect(results.first?["EvalActionName"] as? String == "s3:PutObject")
        #expect(Sim.decisions(results) == ["implicitDeny"])
    }

    @Test("--cli-input-json with a policy string that does not parse: exit 1, the message names the policy")
    func cliInputJSONBadPolicy() throws {
        let request = #"{"PolicyInputList": ["{\"Statement\": {\"Effect\": \"Allow\" \"Action\": \"s3:*\"}}"], "ActionNames": ["s3:GetObject"]}"#
        let out = try Sim.run(["--cli-input-json", request])
        #expect(out.status == 1)
        #expect(out.stderr.contains("PolicyInputList.1"), "\(out.stderr)")
        #expect(out.stderr.contains("error[J001]"), "\(out.stderr)")
    }

    // MARK: Callers

    @Test("--caller-arn a role session with --session-policy: the intersection")
    func roleSessionWithSessionPolicy() throws {
        let out = try Sim.run(["--caller-arn", Sim.session, "--policy-input-list", Sim.file("identity.json"),
                               "--session-policy", Sim.file("session.json"), "--action-names", "s3:GetObject",
                               "--resource-arns", "arn:aws:s3:::bucket/public/a", "arn:aws:s3:::bucket/private/a"])
        #expect(out.status == 0, "\(out.stderr)")
        let results = try Sim.results(out.stdout)
        #expect(Sim.decisions(results) == ["allowed", "implicitDeny"])
        let details = try #require(results[1]["EvalDecisionDetails"] as? [String: String])
        #expect(details["Session Policy"] == "implicitDeny")
        #expect(details["IAM Policy"] == "allowed")
    }

    @Test("--caller-arn a service principal with a trust policy for sts:AssumeRole")
    func servicePrincipalCaller() throws {
        let base = ["--resource-policy", Sim.file("trust-ec2.json"), "--action-names", "sts:AssumeRole",
                    "--resource-arns", Sim.targetRole]
        let ec2 = try Sim.run(base + ["--caller-arn", "ec2.amazonaws.com"])
        #expect(ec2.status == 0, "\(ec2.stderr)")
        let results = try Sim.results(ec2.stdout)
        #expect(Sim.decisions(results) == ["allowed"])
        let matched = try #require(results.first?["MatchedStatements"] as? [[String: Any]])
        #expect(matched.first?["SourcePolicyType"] as? String == "Resource Policy")
        let lambda = try Sim.run(base + ["--caller-arn", "lambda.amazonaws.com"])
        #expect(Sim.decisions(try Sim.results(lambda.stdout)) == ["implicitDeny"])
    }

    @Test("--caller-arn an identity provider: web identity and SAML with their audience conditions")
    func providerCallers() throws {
        let google = try Sim.run(["--caller-arn", "accounts.google.com", "--resource-policy", Sim.file("trust-google.json"),
                                  "--action-names", "sts:AssumeRoleWithWebIdentity", "--resource-arns", Sim.targetRole,
                                  "--context-entries", "ContextKeyName=accounts.google.com:aud,ContextKeyValues=my-app.apps.googleusercontent.com"])
        #expect(google.status == 0, "\(google.stderr)")
        #expect(Sim.decisions(try Sim.results(google.stdout)) == ["allowed"])
        let missing = try Sim.run(["--caller-arn", "accounts.google.com", "--resource-policy", Sim.file("trust-google.json"),
                                   "--action-names", "sts:AssumeRoleWithWebIdentity", "--resource-arns", Sim.targetRole])
        let missingResults = try Sim.results(missing.stdout)
        #expect(Sim.decisions(missingResults) == ["implicitDeny"])
        #expect(missingResults.first?["MissingContextValues"] as? [String] == ["accounts.google.com:aud"])
        let saml = try Sim.run(["--caller-arn", "arn:aws:iam::111122223333:saml-provider/corp",
                                "--resource-policy", Sim.file("trust-saml.json"), "--action-names", "sts:AssumeRoleWithSAML",
                                "--resource-arns", Sim.targetRole,
                                "--context-entries", "ContextKeyName=SAML:aud,ContextKeyValues=https://signin.aws.amazon.com/saml"])
        #expect(saml.status == 0, "\(saml.stderr)")
        #expect(Sim.decisions(try Sim.results(saml.stdout)) == ["allowed"])
    }

    @Test("a caller that cannot be read is bad input: exit 1")
    func badCaller() throws {
        let out = try Sim.run(["--caller-arn", "arn:aws:iam::12:user/x", "--action-names", "s3:GetObject"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("M003"), "\(out.stderr)")
    }

    @Test("--resource-owner: an S3 ARN names no account, so the owner decides whether the request is cross-account")
    func resourceOwner() throws {
        // API_SimulateCustomPolicy: without ResourceOwner, the resource and its policy belong to the caller's account.
        let bucketPolicy = #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:user/carol"}, "Action": "s3:GetObject", "Resource": "*"}}"#
        let base = ["--caller-arn", Sim.carol, "--resource-policy", bucketPolicy, "--action-names", "s3:GetObject",
                    "--resource-arns", "arn:aws:s3:::bucket/a"]
        let sameAccount = try Sim.run(base)
        #expect(Sim.decisions(try Sim.results(sameAccount.stdout)) == ["allowed"])
        // Owned by another account: the caller's identity policies must allow too.
        let crossAccount = try Sim.run(base + ["--resource-owner", "111122223333"])
        #expect(crossAccount.status == 0, "\(crossAccount.stderr)")
        #expect(Sim.decisions(try Sim.results(crossAccount.stdout)) == ["implicitDeny"])
        let both = try Sim.run(base + ["--resource-owner", "arn:aws:iam::111122223333:root", "--policy-input-list", Sim.allowGetInline])
        #expect(Sim.decisions(try Sim.results(both.stdout)) == ["allowed"])
        let bad = try Sim.run(base + ["--resource-owner", "someone"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("M004"), "\(bad.stderr)")
    }

    // MARK: Organizations and boundaries

    @Test("--scp twice: every level must allow; OrganizationsDecisionDetail says so")
    func scpTwice() throws {
        let both = try Sim.run(["--policy-input-list", Sim.file("identity.json"), "--scp", Sim.file("scp-full-access.json"),
                                "--scp", Sim.file("scp-full-access.json"), "--action-names", "s3:GetObject",
                                "--resource-arns", "arn:aws:s3:::bucket/a"])
        #expect(both.status == 0, "\(both.stderr)")
        let allowed = try Sim.results(both.stdout)
        #expect(Sim.decisions(allowed) == ["allowed"])
        #expect((allowed.first?["OrganizationsDecisionDetail"] as? [String: Any])?["AllowedByOrganizations"] as? Bool == true)

        let ouMissing = try Sim.run(["--policy-input-list", Sim.file("identity.json"), "--scp", Sim.file("scp-full-access.json"),
                                     "--scp", Sim.file("scp-ec2-only.json"), "--action-names", "s3:GetObject",
                                     "--resource-arns", "arn:aws:s3:::bucket/a"])
        #expect(ouMissing.status == 0)
        let denied = try Sim.results(ouMissing.stdout)
        #expect(Sim.decisions(denied) == ["implicitDeny"])
        #expect((denied.first?["OrganizationsDecisionDetail"] as? [String: Any])?["AllowedByOrganizations"] as? Bool == false)
        #expect((denied.first?["EvalDecisionDetails"] as? [String: String])?["Service Control Policy"] == "implicitDeny")
    }

    @Test("--permissions-boundary-policy-input-list: PermissionsBoundaryDecisionDetail")
    func boundaryDetail() throws {
        let out = try Sim.run(["--policy-input-list", Sim.file("identity.json"),
                               "--permissions-boundary-policy-input-list", Sim.file("boundary.json"),
                               "--action-names", "s3:GetObject", "s3:ListBucket", "--resource-arns", "arn:aws:s3:::bucket"])
        #expect(out.status == 0, "\(out.stderr)")
        let results = try Sim.results(out.stdout)
        #expect(Sim.decisions(results) == ["allowed", "implicitDeny"])
        #expect((results[0]["PermissionsBoundaryDecisionDetail"] as? [String: Any])?["AllowedByPermissionsBoundary"] as? Bool == true)
        #expect((results[1]["PermissionsBoundaryDecisionDetail"] as? [String: Any])?["AllowedByPermissionsBoundary"] as? Bool == false)
    }

    // MARK: --explain

    @Test("--explain, text: the reasons and each condition with what was wanted and what the request had")
    func explainText() throws {
        let out = try Sim.run(["--caller-arn", Sim.carol, "--policy-input-list", Sim.file("assume-role.json"),
                               "--resource-policy", Sim.file("trust-external-id.json"), "--action-names", "sts:AssumeRole",
                               "--resource-arns", Sim.targetRole,
                               "--context-entries", "ContextKeyName=sts:ExternalId,ContextKeyValues=cust-17",
                               "--explain", "--output", "text"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("implicitDeny"))
        #expect(out.stdout.contains(#"StringEquals sts:ExternalId: wanted "cust-42", request has "cust-17""#), "\(out.stdout)")
        #expect(out.stdout.contains("why: "))
        #expect(out.stdout.contains("ResourcePolicy statement 1 Allow: does not apply"))
    }

    @Test("--explain, JSON: iamquizReasons and iamquizTrace; without --explain neither appears")
    func explainJSON() throws {
        let args = ["--caller-arn", Sim.carol, "--policy-input-list", Sim.file("assume-role.json"),
                    "--resource-policy", Sim.file("trust-external-id.json"), "--action-names", "sts:AssumeRole",
                    "--resource-arns", Sim.targetRole, "--context-entries", "ContextKeyName=sts:ExternalId,ContextKeyValues=cust-42",
                    "--output", "json"]
        let explained = try Sim.run(args + ["--explain"])
        #expect(explained.status == 0, "\(explained.stderr)")
        let result = try #require(try Sim.results(explained.stdout).first)
        #expect(result["EvalDecision"] as? String == "allowed")
        #expect((result["iamquizReasons"] as? [String])?.isEmpty == false)
        let trace = try #require(result["iamquizTrace"] as? [[String: Any]])
        let trustLines = trace.first { $0["SourcePolicyId"] as? String == "ResourcePolicy" }?["Reasons"] as? [String] ?? []
        #expect(trustLines.contains(#"StringEquals sts:ExternalId: request has "cust-42", which is "cust-42""#), "\(trustLines)")
        let plain = try Sim.run(args)
        let plainResult = try #require(try Sim.results(plain.stdout).first)
        #expect(plainResult["iamquizReasons"] == nil)
        #expect(plainResult["iamquizTrace"] == nil)
        #expect(plainResult["EvalDecision"] as? String == "allowed")
    }

    // MARK: --batch and --repeat

    @Test("--batch: one response line per request, in order; blank lines are skipped")
    func batch() throws {
        let out = try Sim.run(["--batch", Sim.path("batch.jsonl"), "--output", "json"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        try #require(lines.count == 3, "\(out.stdout)")
        #expect(try lines.map { try Sim.decisions(Sim.results($0)) } == [["allowed"], ["implicitDeny"], ["explicitDeny"]])
    }

    @Test("--batch with a bad line: an error line in its place, the other requests still answered, exit 1")
    func batchWithError() throws {
        let out = try Sim.run(["--batch", Sim.path("batch-with-error.jsonl"), "--output", "json"])
        #expect(out.status == 1)
        let lines = out.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 3, "\(out.stdout)")
        #expect(try Sim.decisions(Sim.results(lines[0])) == ["allowed"])
        let error = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        let message = try #require(error["Error"] as? String)
        #expect(message.contains("batch-with-error.jsonl:2"), "\(message)")
        #expect(message.contains("ActionName"))
        #expect(try Sim.decisions(Sim.results(lines[2])) == ["explicitDeny", "explicitDeny"])
        #expect(out.stderr.contains("error[M001]: unknown request member `ActionName`"), "\(out.stderr)")
        #expect(out.stderr.contains("did you mean `ActionNames`?"), "\(out.stderr)")
    }

    @Test("--repeat 1000 evaluates 1000 times and prints the results once")
    func repeatPrintsOnce() throws {
        let out = try Sim.run(["--policy-input-list", Sim.allowGetInline, "--action-names", "s3:GetObject", "s3:PutObject",
                               "--repeat", "1000", "--output", "json"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.occurrences(of: "\"EvaluationResults\"") == 1)
        #expect(Sim.decisions(try Sim.results(out.stdout)) == ["allowed", "implicitDeny"])
        #expect(out.stderr.contains("2000 evaluations"), "\(out.stderr)")
        let text = try Sim.run(["--policy-input-list", Sim.allowGetInline, "--action-names", "s3:GetObject",
                                "--repeat", "1000", "--output", "text"])
        #expect(text.stdout.occurrences(of: "ACTION") == 1)
    }

    // MARK: Errors

    @Test("a policy file with a JSON error: exit 1, stderr names the file, line and column")
    func jsonErrorInFile() throws {
        let out = try Sim.run(["--policy-input-list", Sim.file("broken.json"), "--action-names", "s3:GetObject"])
        #expect(out.status == 1)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains("\(Sim.path("broken.json")):4:24: error[J001]"), "\(out.stderr)")
    }

    @Test("a policy that is valid JSON but not a valid policy: exit 1 with file:line:column and the code")
    func validationErrorInFile() throws {
        let out = try Sim.run(["--permissions-boundary-policy-input-list", Sim.file("invalid-effect.json"),
                               "--action-names", "s3:GetObject"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("\(Sim.path("invalid-effect.json")):5:17: error[P006]"), "\(out.stderr)")
        #expect(out.stderr.contains("did you mean `Allow`?"))
    }

    @Test("an inline policy with an error names the option and its position")
    func inlineError() throws {
        let out = try Sim.run(["--policy-input-list", Sim.allowGetInline, #"{"Statement": [}"#, "--action-names", "s3:GetObject"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("--policy-input-list 2:1:"), "\(out.stderr)")
    }

    // Rule: a `file://` policy or a `--batch` file that cannot be read is bad input (exit 1), and the message
    // gives the real reason, not a guess ("not UTF-8" for a missing file, as `--batch` said before).
    @Test("a `file://` or `--batch` path that cannot be read: exit 1, and the message says why",
          arguments: Unreadable.allCases, [true, false])
    func unreadableFile(_ kind: Unreadable, asBatch: Bool) throws {
        let folder = try Unreadable.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try kind.make(in: folder)
        let out = try Sim.run(asBatch ? ["--batch", path] : ["--policy-input-list", "file://" + path, "--action-names", "s3:GetObject"])
        #expect(out.status == 1, "\(out.stderr)")
        #expect(out.stdout.isEmpty)
        let expected = asBatch ? "\(path): error[M005]: cannot read the batch file: \(kind.reason)"
                               : "--policy-input-list 1: error[M005]: cannot read `\(path)`: \(kind.reason)"
        #expect(out.stderr.contains(expected), "\(out.stderr)")
    }

    // Root reads any file, so as root the binary runs as `nobody`.
    @Test("a file without read permission: exit 1, permission denied")
    func unreadablePermission() throws {
        let folder = try Unreadable.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("secret.json").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(Sim.allowGetInline.utf8), attributes: [.posixPermissions: 0]))
        let out = try Sim.run(["--policy-input-list", "file://" + path, "--action-names", "s3:GetObject"], unprivileged: true)
        #expect(out.status == 1)
        #expect(out.stderr.contains("cannot read `\(path)`: permission denied"), "\(out.stderr)")
    }

    @Test("usage errors exit 2", arguments: [
        ["--bogus"],
        ["--action-names", "s3:GetObject", "--output", "xml"],
        ["--action-names", "s3:GetObject", "--repeat", "0"],
        ["--batch", "requests.jsonl", "--action-names", "s3:GetObject"],
        ["--action-names", "s3:GetObject", "--repeat", "many"],
        ["--action-names", "s3:GetObject", "--repeat", "-5"],
        ["--action-names", "s3:GetObject", "--repeat", "1000001"],
        ["--action-names", "s3:GetObject", "--repeat", "10000000000"],
        [],
    ])
    func usageErrors(_ arguments: [String]) throws {
        let out = try Sim.run(arguments)
        #expect(out.status == 2, "\(arguments): \(out.stderr)")
        #expect(out.stdout.isEmpty)
    }

    // Rule: --repeat is capped, so that a mistyped count cannot run for hours; the message gives the range,
    // and a negative count is read as a number (not as an unknown option).
    @Test("--repeat outside 1...1000000 is a usage error that states the range", arguments: ["0", "-5", "1000001", "10000000000"])
    func repeatOutOfRange(_ count: String) throws {
        let out = try Sim.run(["--action-names", "s3:GetObject", "--repeat", count])
        #expect(out.status == 2)
        #expect(out.stderr.contains("--repeat must be from 1 to 1000000, not `\(count)`"), "\(out.stderr)")
    }

    @Test("--help states the --repeat range")
    func repeatRangeInHelp() throws {
        let help = try Sim.run(["--help"])
        // Help text wraps at the terminal's width: compare with the line breaks joined.
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("--repeat <repeat> Evaluate every request this many times, from 1 to 1000000"), "\(help.stdout)")
    }

    // Rule: with no --action-names (and no --cli-input-json or --batch to give them), nothing can be
    // simulated: a usage error (exit 2), as AWS's CLI refuses a missing required option.
    @Test("no action to simulate is a usage error: exit 2")
    func noActions() throws {
        let out = try Sim.run(["--policy-input-list", Sim.allowGetInline])
        #expect(out.status == 2)
        #expect(out.stderr.contains("no action to simulate"), "\(out.stderr)")
    }

    @Test("a malformed action is bad input: exit 1")
    func malformedAction() throws {
        let malformed = try Sim.run(["--action-names", "GetObject"])
        #expect(malformed.status == 1)
        #expect(malformed.stderr.contains("M002"), "\(malformed.stderr)")
    }
}

/// Files that cannot be read, each made in a fresh folder, with the reason a message must give.
enum Unreadable: String, CaseIterable, CustomTestStringConvertible {
    case missing, folder, pipe, device, notUTF8

    var testDescription: String { rawValue }

    var reason: String {
        switch self {
        case .missing: "no such file or folder"
        case .folder: "is a folder"
        case .pipe: "is not a regular file (it is a FIFO)"
        case .device: "is not a regular file (it is a character device)"
        case .notUTF8: "is not valid UTF-8 text"
        }
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-unreadable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The path of such a file in `folder`.
    func make(in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("requests").path
        switch self {
        case .missing: break
        case .folder: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        // A named pipe without a writer: reading it would wait for ever.
        case .pipe: #expect(mkfifo(path, 0o600) == 0)
        case .device: return "/dev/zero"
        case .notUTF8: #expect(FileManager.default.createFile(atPath: path, contents: Data([0x7B, 0xFF, 0xFE, 0x7D])))
        }
        return path
    }
}
