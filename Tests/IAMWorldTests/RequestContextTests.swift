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
        ("s3:prefix", true), ("aws:RequestTag/env", true), ("aws:TagKeys", true), ("aws:SecureTransport", true),
        ("aws:SourceVpce", true), ("aws:UserAgent", true), ("dynamodb:LeadingKeys", true),
    ] as [(String, Bool)])
    func reserved(key: String, accepted: Bool) {
        #expect((Sandbox.reservedContextKey(key) == nil) == accepted, "\(key)")
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
        #expect(forged.lines.first?.contains("AWS sets it from the credentials") == true)
    }
}
