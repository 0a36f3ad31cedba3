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
        ("kms:ViaService", false), ("ec2:RoleDelivery", false), ("ec2:ResourceTag/owner", false), ("s3:ExistingObjectTag/cls", false), ("iam:ResourceTag/team", false),
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

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourcetag
    // and https://docs.aws.amazon.com/IAM/latest/UserGuide/access_iam-tags.html: a request on a tagged resource
    // carries its tags as aws:ResourceTag/KEY (an IAM role's or user's tags also as iam:ResourceTag/KEY), so ABAC
    // policies compare them with the caller's aws:PrincipalTag.
    @Test("ABAC: the resource's tags meet the principal's tags; a resource of another team or untagged is denied")
    func resourceTags() throws {
        let text = """
            scenario: abac
            account 111111111111 prod
            user prod/alice
              tag: team=blue
              policy same-team: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "iam:UpdateRole", "s3:ListBucket"], "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}}, {"Effect": "Allow", "Action": "ec2:StopInstances", "Resource": "*", "Condition": {"StringEquals": {"ec2:ResourceTag/team": "${aws:PrincipalTag/team}"}}}]}
            resource arn:aws:secretsmanager:us-east-1:111111111111:secret:blue-db
              tag: team=blue
            resource arn:aws:secretsmanager:us-east-1:111111111111:secret:red-db
              tag: team=red
            resource arn:aws:secretsmanager:us-east-1:111111111111:secret:untagged
            resource arn:aws:ec2:us-east-1:111111111111:instance/i-0blue
              tag: team=blue
            resource arn:aws:s3:::blue-bucket
              owner: prod
              tag: team=blue
            resource arn:aws:s3:::blue-abac-bucket
              owner: prod
              tag: team=blue
              abac: enabled
            role prod/BlueApp
              trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
              tag: team=blue
            role prod/RedApp
              trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
              tag: team=red
            """
        let parsed = ScenarioParser.parse(text, file: "t.iqs", baseDirectory: "/")
        let scenario = try #require(parsed.scenario, "\(parsed.diagnostics)")
        var sandbox = Sandbox(world: scenario.world)
        _ = sandbox.run(.asUser("prod/alice"))
        let outcomes = [
            ("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111111111111:secret:blue-db", Outcome.allowed),
            ("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111111111111:secret:red-db", .implicitDeny),
            ("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111111111111:secret:untagged", .implicitDeny),
            ("iam:UpdateRole", "arn:aws:iam::111111111111:role/BlueApp", .allowed),
            ("iam:UpdateRole", "arn:aws:iam::111111111111:role/RedApp", .implicitDeny),
            // An S3 bucket's tags count only once ABAC is enabled on the bucket (PutBucketAbac):
            // https://docs.aws.amazon.com/AmazonS3/latest/userguide/buckets-tagging-enable-abac.html
            ("s3:ListBucket", "arn:aws:s3:::blue-bucket", .implicitDeny),
            ("s3:ListBucket", "arn:aws:s3:::blue-abac-bucket", .allowed),
            // EC2 offers the tags as ec2:ResourceTag/KEY too.
            ("ec2:StopInstances", "arn:aws:ec2:us-east-1:111111111111:instance/i-0blue", .allowed),
        ]
        for (action, resource, expected) in outcomes {
            #expect(sandbox.run(.can(CallOptions(action: action, resource: resource))).outcome == expected, "\(action) \(resource)")
        }
    }

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgid:
    // aws:ResourceOrgID (and aws:ResourceAccount) come from the account that owns the resource, so an SCP can keep
    // the organization's identities on the organization's resources (the resource perimeter).
    @Test("resource perimeter: aws:ResourceOrgID is the owner's organization; a bucket outside it has none")
    func resourceOrgID() throws {
        let text = """
            scenario: perimeter
            account 111111111111 management
            account 222222222222 workload
            account 999999999999 outsider
            organization 111111111111
              member 222222222222
              scp resource-perimeter on root: {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:ResourceOrgID": "${aws:PrincipalOrgID}"}}}]}
            user workload/dev
              policy s3: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]}
            resource arn:aws:s3:::workload-data
              owner: workload
            resource arn:aws:s3:::outsider-drop
              owner: outsider
              policy: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::outsider-drop/*"}]}
            """
        let parsed = ScenarioParser.parse(text, file: "t.iqs", baseDirectory: "/")
        let scenario = try #require(parsed.scenario, "\(parsed.diagnostics)")
        var sandbox = Sandbox(world: scenario.world)
        _ = sandbox.run(.asUser("workload/dev"))
        #expect(sandbox.run(.can(CallOptions(action: "s3:PutObject", resource: "arn:aws:s3:::workload-data/a"))).outcome == .allowed)
        // Without the SCP the outsider's public bucket policy and dev's own policy would allow the upload.
        #expect(sandbox.run(.can(CallOptions(action: "s3:PutObject", resource: "arn:aws:s3:::outsider-drop/a"))).outcome == .explicitDeny)
    }

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-ec2instancesourcevpc:
    // instance role credentials carry the VPC and private address they were delivered to, so a policy can refuse
    // them when they are used from anywhere else (a copied set); ec2:RoleDelivery says which IMDS version served them
    // (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html).
    @Test("instance credentials carry aws:Ec2InstanceSourceVpc, aws:Ec2InstanceSourcePrivateIPv4 and ec2:RoleDelivery")
    func instanceSourceKeys() throws {
        let text = """
            scenario: stolen
            account 111111111111 prod
            role prod/Web
              trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
              policy read: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:Ec2InstanceSourceVpc": "vpc-0a1b2c3d", "aws:SourceVpc": "vpc-0a1b2c3d"}, "NumericGreaterThanEquals": {"ec2:RoleDelivery": "2.0"}}}]}
            instance-profile prod/Web
              role: Web
            instance prod/i-0new
              profile: Web
              vpc: vpc-0a1b2c3d
              private-ip: 10.0.1.15
            instance prod/i-0old
              profile: Web
              vpc: vpc-0a1b2c3d
              imds: v1
            vpc-endpoint prod/vpce-0a1b2c3d
              vpc: vpc-0a1b2c3d
            """
        let parsed = ScenarioParser.parse(text, file: "t.iqs", baseDirectory: "/")
        let scenario = try #require(parsed.scenario, "\(parsed.diagnostics)")
        var sandbox = Sandbox(world: scenario.world)
        _ = sandbox.run(.asInstance("prod/i-0new"))
        var call = CallOptions(action: "s3:GetObject", resource: "arn:aws:s3:::data/a")
        call.via = "vpce-0a1b2c3d"
        #expect(sandbox.run(.can(call)).outcome == .allowed, "from its own VPC")
        call.via = nil
        #expect(sandbox.run(.can(call)).outcome == .implicitDeny, "the same credentials from the internet")
        _ = sandbox.run(.asInstance("prod/i-0old"))
        call.via = "vpce-0a1b2c3d"
        #expect(sandbox.run(.can(call)).outcome == .implicitDeny, "credentials served by IMDSv1")
        let context = sandbox.context(for: try #require(sandbox.current), sourceIP: nil, region: nil)
        #expect(context["aws:Ec2InstanceSourcePrivateIPv4"] == nil, "no address declared for i-0old")
    }

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion:
    // "IAM calls are always made to the us-east-1 Region": a Region guard must exempt global services, or it denies them.
    @Test("IAM calls are made to us-east-1 whatever the Region of the step")
    func globalServiceRegion() throws {
        let text = """
            scenario: regions
            region: eu-west-1
            account 111111111111 prod
            user prod/admin
              policy eu-only: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}]}
            """
        let parsed = ScenarioParser.parse(text, file: "t.iqs", baseDirectory: "/")
        let scenario = try #require(parsed.scenario, "\(parsed.diagnostics)")
        var sandbox = Sandbox(world: scenario.world)
        _ = sandbox.run(.asUser("prod/admin"))
        #expect(sandbox.run(.can(CallOptions(action: "s3:GetObject", resource: "arn:aws:s3:::b/k"))).outcome == .allowed)
        var iam = CallOptions(action: "iam:ListRoles", resource: "*")
        iam.region = "eu-west-1"
        #expect(sandbox.run(.can(iam)).outcome == .implicitDeny)
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
