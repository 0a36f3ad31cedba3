import Foundation
import Testing
@testable import IAMWorld

/// `as service PRINCIPAL`: an AWS service calling for a customer's resource. It has no identity policies, so
/// only a resource-based policy (or a role's trust policy) that names the service can allow it, and its
/// requests carry the confused-deputy keys.
@Suite("Service principals")
struct ServicePrincipalTests {
    static let world = """
        scenario: services
        account 111111111111 prod
        account 222222222222 other
        # CloudTrail may write to the log bucket only for prod's trail: aws:SourceArn stops another account's trail
        # from using this bucket (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html).
        resource arn:aws:s3:::prod-trail-logs
          owner: prod
          policy: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::prod-trail-logs/*", "Condition": {"StringEquals": {"aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/main"}}}]}
        # A function S3 may invoke for prod's buckets only (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html).
        resource arn:aws:lambda:us-east-1:111111111111:function:thumbnail
          policy: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "lambda:InvokeFunction", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:thumbnail", "Condition": {"StringEquals": {"aws:SourceAccount": "111111111111"}}}]}
        resource arn:aws:s3:::no-policy
          owner: prod
        role prod/ThumbnailFunction
          trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
          policy read: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
        """

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html: "We recommend using the
    // aws:SourceArn and aws:SourceAccount global condition context keys in resource-based policies to limit the
    // permissions that the service gives another service to the resource."
    @Test("a resource policy naming the service allows it only for the source it names", arguments: [
        ("as service cloudtrail.amazonaws.com --source-account 111111111111 --source-arn arn:aws:cloudtrail:us-east-1:111111111111:trail/main",
         "can s3:PutObject arn:aws:s3:::prod-trail-logs/AWSLogs/111111111111/x.json.gz", Outcome.allowed),
        ("as service cloudtrail.amazonaws.com --source-account 222222222222 --source-arn arn:aws:cloudtrail:us-east-1:222222222222:trail/main",
         "can s3:PutObject arn:aws:s3:::prod-trail-logs/AWSLogs/222222222222/x.json.gz", .implicitDeny),
        ("as service cloudtrail.amazonaws.com",
         "can s3:PutObject arn:aws:s3:::prod-trail-logs/AWSLogs/x.json.gz", .implicitDeny),
        ("as service config.amazonaws.com --source-account 111111111111 --source-arn arn:aws:cloudtrail:us-east-1:111111111111:trail/main",
         "can s3:PutObject arn:aws:s3:::prod-trail-logs/x", .implicitDeny),
        ("as service s3.amazonaws.com --source-account 111111111111 --source-arn arn:aws:s3:::uploads",
         "can lambda:InvokeFunction arn:aws:lambda:us-east-1:111111111111:function:thumbnail", .allowed),
        ("as service s3.amazonaws.com --source-account 222222222222 --source-arn arn:aws:s3:::someone-elses",
         "can lambda:InvokeFunction arn:aws:lambda:us-east-1:111111111111:function:thumbnail", .implicitDeny),
        // No identity policies: without a resource policy that names it, a service is allowed nothing.
        ("as service s3.amazonaws.com --source-account 111111111111",
         "can s3:GetObject arn:aws:s3:::no-policy/a", .implicitDeny),
    ] as [(String, String, Outcome)])
    func resourcePolicy(who: String, call: String, expected: Outcome) throws {
        var session = try ScenarioSession(Self.world)
        #expect(session.run(who) == .ok)
        #expect(session.run(call) == expected, "\(who) / \(call)")
    }

    // https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html: the execution role trusts
    // lambda.amazonaws.com, which assumes it to run the function; another service cannot.
    @Test("a role that trusts a service is assumed by that service only, and its session has the role's permissions")
    func assumeByService() throws {
        var session = try ScenarioSession(Self.world)
        #expect(session.run("as service ec2.amazonaws.com") == .ok)
        #expect(session.run("assume prod/ThumbnailFunction --session-name fn") == .error("AccessDenied"))
        #expect(session.run("as service lambda.amazonaws.com") == .ok)
        #expect(session.run("assume prod/ThumbnailFunction --session-name fn --duration 2h") != .ok,
                "the role's maximum is one hour")
        #expect(session.run("assume prod/ThumbnailFunction --session-name fn") == .ok)
        #expect(session.run("can s3:GetObject arn:aws:s3:::no-policy/a") == .allowed)
    }

    @Test("malformed service callers and source options on other kinds are refused")
    func malformed() throws {
        var session = try ScenarioSession(Self.world)
        #expect(session.run("as service lambda") == .error("ValidationError"))
        #expect(session.run("as service Lambda.amazonaws.com") == .error("ValidationError"))
        #expect(session.run("as service s3.amazonaws.com --source-account 12") == .error("ValidationError"))
        #expect(session.run("as service s3.amazonaws.com --source-arn bucket") == .error("ValidationError"))
        #expect(session.run("as service s3.amazonaws.com") == .ok)
        #expect(session.run("can iam:CreateUser *") == .error("AccessDenied"))
        #expect(session.refuses("as user prod/alice --source-account 111111111111"), "--source-account is for `as service` only")
    }
}

/// Messages about a role name it by the ARN AWS would print: an alias stands for the account's id.
@Suite("Role ARNs in messages")
struct RoleARNMessageTests {
    @Test("AccessDenied for a role that does not exist names it with the account's id, not its alias")
    func aliasInMessage() throws {
        var world = World()
        try world.addAccount("111111111111", alias: "prod")
        let sandbox = Sandbox(world: world)
        #expect(sandbox.roleARN("prod/Missing") == "arn:aws:iam::111111111111:role/Missing")
        #expect(sandbox.roleARN("arn:aws:iam::111111111111:role/x") == "arn:aws:iam::111111111111:role/x")
    }
}
