/// The task policies of STS AssumeRoot: AWS managed policies under `arn:aws:iam::aws:policy/root-task/` that
/// scope a privileged root session to one task. The world writes each as the actions of its documented task
/// only (the managed policies may also allow a few reads): a session gets at most what AWS would give it.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user-privileged-task.html
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html
enum RootTaskPolicies {
    static let arnPrefix = "arn:aws:iam::aws:policy/root-task/"

    /// The actions of each task, by policy name.
    static let actions: [String: [String]] = [
        // Audit the root user's credentials: read them.
        "IAMAuditRootUserCredentials": ["iam:GetLoginProfile", "iam:ListAccessKeys", "iam:GetAccessKeyLastUsed",
                                        "iam:ListMFADevices", "iam:ListSigningCertificates"],
        // Let the root user sign in again: create its password (login profile).
        "IAMCreateRootUserPassword": ["iam:CreateLoginProfile", "iam:GetLoginProfile"],
        // Remove the root user's password, access keys, signing certificates and MFA devices.
        "IAMDeleteRootUserCredentials": ["iam:DeleteLoginProfile", "iam:DeleteAccessKey", "iam:DeleteSigningCertificate",
                                         "iam:DeactivateMFADevice", "iam:GetLoginProfile", "iam:ListAccessKeys",
                                         "iam:ListMFADevices", "iam:ListSigningCertificates"],
        // Delete a bucket policy that denies every principal.
        "S3UnlockBucketPolicy": ["s3:GetBucketPolicy", "s3:DeleteBucketPolicy"],
        // Delete a queue policy that denies every principal (the policy is a queue attribute).
        "SQSUnlockQueuePolicy": ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
    ]

    /// The task policy's name from its name or ARN, or nil when it is not one of them.
    static func name(_ reference: String) -> String? {
        let name = reference.hasPrefix(arnPrefix) ? String(reference.dropFirst(arnPrefix.count)) : reference
        return actions[name] == nil ? nil : name
    }

    /// The policy document of a task.
    static func document(_ name: String) -> String {
        let list = (actions[name] ?? []).map { "\"\($0)\"" }.joined(separator: ", ")
        return #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["# + list + #"], "Resource": "*"}]}"#
    }
}
