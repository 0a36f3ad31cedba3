import Foundation
import Testing
@testable import IAMWorld

/// STS AssumeRoot and centralized root access. Each row states the documented rule it checks:
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html (who may call it, the task policies,
/// 900 seconds at most), https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user-privileged-task.html and
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html (the feature must be on).
@Suite("AssumeRoot: privileged root sessions in member accounts")
struct AssumeRootTests {
    static func world(centralized: Bool = true) -> String {
        """
        scenario: root-access
        account 111111111111 management
        account 222222222222 workload
        account 333333333333 outsider
        organization 111111111111
          member 222222222222
        \(centralized ? "  root-access: centralized" : "")
        user management/secadmin
          policy root-tasks: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": {"StringEquals": {"sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"}}}]}
        user management/nobody
        user workload/dev
          policy admin: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        resource arn:aws:s3:::locked-bucket
          owner: workload
          policy: {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::locked-bucket", "arn:aws:s3:::locked-bucket/*"]}]}
        """
    }

    @Test("the management account's administrator unlocks a bucket whose policy denies everyone")
    func unlockBucket() throws {
        var s = try ScenarioSession(Self.world())
        // Even the workload's own administrator is denied: the bucket policy denies every principal.
        #expect(s.run("as user workload/dev") == .ok)
        #expect(s.run("can s3:DeleteBucketPolicy arn:aws:s3:::locked-bucket") == .explicitDeny)
        #expect(s.run("as user management/secadmin") == .ok)
        #expect(s.run("assume-root workload --task-policy S3UnlockBucketPolicy") == .ok)
        // The root session of the bucket's account may delete the policy despite its Deny (S3's lockout rule)...
        #expect(s.run("can s3:DeleteBucketPolicy arn:aws:s3:::locked-bucket") == .allowed)
        // ...and nothing beyond its task policy, although it is the account's root user.
        #expect(s.run("can s3:GetObject arn:aws:s3:::locked-bucket/a") == .explicitDeny)
        #expect(s.run("can iam:CreateUser arn:aws:iam::222222222222:user/x") == .implicitDeny)
        #expect(s.run("assume-root workload --task-policy S3UnlockBucketPolicy") == .error("AccessDenied"),
                "a root session cannot start another")
        // At most 15 minutes.
        #expect(s.run("advance 16m") == .ok)
        #expect(s.run("can s3:DeleteBucketPolicy arn:aws:s3:::locked-bucket") == .error("ExpiredToken"))
    }

    @Test("who may call it, and with what", arguments: [
        // The identity policy limits the task policies with sts:TaskPolicyArn.
        ("as user management/secadmin", "assume-root workload --task-policy IAMDeleteRootUserCredentials", Outcome.error("AccessDenied")),
        // No permission, no root session.
        ("as user management/nobody", "assume-root workload --task-policy S3UnlockBucketPolicy", .error("AccessDenied")),
        // Root user credentials cannot call AssumeRoot.
        ("as root management", "assume-root workload --task-policy S3UnlockBucketPolicy", .error("AccessDenied")),
        // Only the management account (or the delegated administrator for IAM) can, even with administrator rights.
        ("as user workload/dev", "assume-root workload --task-policy S3UnlockBucketPolicy", .error("AccessDenied")),
        // Member accounts only: not the management account, not an account outside the organization.
        ("as user management/secadmin", "assume-root management --task-policy S3UnlockBucketPolicy", .error("ValidationError")),
        ("as user management/secadmin", "assume-root outsider --task-policy S3UnlockBucketPolicy", .error("ValidationError")),
        // One of the five AWS managed task policies.
        ("as user management/secadmin", "assume-root workload --task-policy AdministratorAccess", .error("ValidationError")),
        // 900 seconds at most.
        ("as user management/secadmin", "assume-root workload --task-policy S3UnlockBucketPolicy --duration 1h", .error("ValidationError")),
    ] as [(String, String, Outcome)])
    func callers(who: String, call: String, expected: Outcome) throws {
        var s = try ScenarioSession(Self.world())
        #expect(s.run(who) == .ok)
        #expect(s.run(call) == expected, "\(who) / \(call)")
    }

    @Test("without centralized root access, AssumeRoot is refused")
    func featureOff() throws {
        var s = try ScenarioSession(Self.world(centralized: false))
        #expect(s.run("as user management/secadmin") == .ok)
        #expect(s.run("assume-root workload --task-policy S3UnlockBucketPolicy") == .error("AccessDenied"))
    }
}
