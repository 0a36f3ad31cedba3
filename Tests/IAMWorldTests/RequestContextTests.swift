import Foundation
import Testing
@testable import IAMWorld

/// `can --context` adds what the client chooses; keys AWS sets itself cannot be forged.
@Suite("Request context given to can")
struct RequestContextTests {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html: the principal,
    // session and time keys are set by AWS from the credentials and its clock; a request cannot choose them.
    @Test("keys AWS sets are refused, keys the client chooses are accepted", arguments: [
        ("aws:MultiFactorAuthPresent", false), ("AWS:MULTIFACTORAUTHPRESENT", false), ("aws:MultiFactorAuthAge", false),
        ("aws:PrincipalArn", false), ("aws:PrincipalAccount", false), ("aws:PrincipalOrgID", false),
        ("aws:PrincipalTag/team", false), ("aws:userid", false), ("aws:username", false), ("aws:SourceIdentity", false),
        ("aws:TokenIssueTime", false), ("aws:CurrentTime", false), ("aws:EpochTime", false), ("aws:SourceIp", false),
        ("aws:RequestedRegion", false), ("aws:ResourceAccount", false), ("aws:ResourceTag/env", false),
        ("sts:ExternalId", false), ("ec2:SourceInstanceARN", false),
        ("aws:TagKeys", false), ("aws:CalledVia", false), ("aws:ViaAWSService", false), ("aws:SourceAccount", false),
        ("saml:sub", false), ("cognito-identity.amazonaws.com:sub", false), ("token.actions.githubusercontent.com:sub", false),
        ("kms:ViaService", false), ("ec2:ResourceTag/owner", false), ("s3:ExistingObjectTag/cls", false), ("iam:ResourceTag/team", false),
        ("s3:prefix", true), ("aws:RequestTag/env", true), ("aws:SecureTransport", true),
        ("aws:SourceVpce", true), ("aws:UserAgent", true), ("dynamodb:LeadingKeys", true),
    ] as [(String, Bool)])
    func reserved(key: String, accepted: Bool) {
        #expect((Sandbox.reservedContextKey(key) == nil) == accepted, "\(key)")
    }

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-tagkeys:
    // aws:TagKeys is the set of the request's tag keys; ForAllValues over it must see every key.
    @Test("aws:TagKeys is built from the request's tags, so ForAllValues sees an extra tag")
    func tagKeys() throws {
        let text = """
            scenario: tags
            account 111111111111 prod
            user prod/alice
              policy env-only: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}}}]}
            """
        let scenario = try #require(ScenarioParser.parse(text, file: "t.iqs", baseDirectory: "/").scenario)
        var sandbox = Sandbox(world: scenario.world)
        _ = sandbox.run(.asUser("prod/alice"))
        var call = CallOptions(action: "ec2:CreateTags", resource: "arn:aws:ec2:us-east-1:111111111111:instance/i-1")
        call.context = [("aws:RequestTag/env", "dev")]
        #expect(sandbox.run(.can(call)).outcome == .allowed)
        call.context = [("aws:RequestTag/env", "dev"), ("aws:RequestTag/owner", "me")]
        #expect(sandbox.run(.can(call)).outcome == .implicitDeny)
    }

    // A request is one action on one resource from one address; anything else is refused, not evaluated.
    @Test("malformed requests are refused", arguments: [
        ("*", "*", nil as String?), ("iam*:CreateUser", "*", nil), (" iam:CreateUser", "*", nil),
        ("s3:GetObject", "arn:aws:s3:::bucket*", nil), ("s3:GetObject", "arn:aws-cn:s3:::b/k", nil),
        ("s3:GetObject", "arn:aws:S3:::b/k", nil), ("s3:GetObject", "bucket/k", nil),
        ("s3:GetObject", "arn:aws:s3:::b/k", "garbage"), ("s3:GetObject", "arn:aws:s3:::b/k", "10.0.0.0/8"),
    ] as [(String, String, String?)])
    func malformed(action: String, resource: String, from: String?) {
        var call = CallOptions(action: action, resource: resource)
        call.sourceIP = from ?? "198.51.100.7"
        #expect(Sandbox.requestProblem(call, world: World()) != nil, "\(action) \(resource) \(from ?? "")")
    }

    @Test("well-formed requests pass", arguments: [
        ("s3:GetObject", "arn:aws:s3:::b/k", "198.51.100.7"), ("ec2:RunInstances", "arn:aws:ec2:us-east-1:111111111111:instance/*", "2001:db8::1"),
        ("sts:GetCallerIdentity", "*", "::1"),
    ])
    func wellFormed(action: String, resource: String, from: String) {
        var call = CallOptions(action: action, resource: resource)
        call.sourceIP = from
        #expect(Sandbox.requestProblem(call, world: World()) == nil)
    }

    @Test("an MFA-guarded Allow cannot be unlocked by claiming MFA in the context")
    func mfaCannotBeForged() throws {
        let text = """
            scenario: forge
            account 111111111111 prod
            user prod/alice
              policy mfa-only: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:DeleteObject", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}
            """
        let scenario = try #require(ScenarioParser.parse(text, file: "f.iqs", baseDirectory: "/").scenario)
        var sandbox = Sandbox(world: scenario.world)
        _ = sandbox.run(.asUser("prod/alice"))
        var call = CallOptions(action: "s3:DeleteObject", resource: "arn:aws:s3:::b/k")
        #expect(sandbox.run(.can(call)).outcome == .implicitDeny)
        call.context = [("aws:MultiFactorAuthPresent", "true")]
        let forged = sandbox.run(.can(call))
        #expect(forged.outcome == .error("ValidationError"))
        #expect(forged.lines.first?.contains("AWS sets it itself") == true)
    }
}
