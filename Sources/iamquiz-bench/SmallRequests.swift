import IAMPolicy

// Case (a): typical small requests. Each has 1 to 3 policies and at most 10 statements in total.
// Accounts: 111122223333 (ours) and 444455556666 (a partner).
//
// `expected` is the decision of AWS's documented evaluation logic
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html); the
// benchmark checks that the evaluator gives it before timing anything.

enum SmallRequests {
    static let alice = "arn:aws:iam::111122223333:user/alice"
    static let carol = "arn:aws:iam::111122223333:user/carol"
    static let dave = "arn:aws:iam::111122223333:user/dave"
    static let erin = "arn:aws:iam::111122223333:user/erin"
    static let devOps = "arn:aws:iam::111122223333:role/DevOps"
    static let auditor = "arn:aws:iam::444455556666:user/auditor"
    static let ours = "111122223333"
    static let partner = "444455556666"

    static func tls(_ on: Bool = true) -> RequestSpec.ContextKey {
        RequestSpec.ContextKey(name: "aws:SecureTransport", type: .boolean, values: [on ? "true" : "false"])
    }

    static func string(_ name: String, _ value: String) -> RequestSpec.ContextKey {
        RequestSpec.ContextKey(name: name, type: .string, values: [value])
    }

    // MARK: Policies

    /// S3 read over TLS, listing by prefix.
    static let s3ReadReports = #"""
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "ReadReports",
          "Effect": "Allow",
          "Action": ["s3:GetObject", "s3:GetObjectVersion"],
          "Resource": "arn:aws:s3:::example-reports/*",
          "Condition": {"Bool": {"aws:SecureTransport": "true"}}
        },
        {
          "Sid": "ListReports",
          "Effect": "Allow",
          "Action": "s3:ListBucket",
          "Resource": "arn:aws:s3:::example-reports",
          "Condition": {"StringLike": {"s3:prefix": ["2024/*", "2025/*"]}}
        }
      ]
    }
    """#

    /// S3 read from the office networks, with a Deny outside them.
    static let s3OfficeOnly = #"""
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "ReadData",
          "Effect": "Allow",
          "Action": "s3:Get*",
          "Resource": ["arn:aws:s3:::example-data", "arn:aws:s3:::example-data/*"],
          "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]}}
        },
        {
          "Sid": "DenyOutsideOffice",
          "Effect": "Deny",
          "Action": "s3:*",
          "Resource": "*",
          "Condition": {
            "NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]},
            "Bool": {"aws:ViaAWSService": "false"}
          }
        }
      ]
    }
    """#

    /// Each user's own home folder, with a policy variable in the resource and in a condition.
    static let s3Home = #"""
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "OwnHome",
          "Effect": "Allow",
          "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
          "Resource": "arn:aws:s3:::example-home/home/${aws:username}/*"
        },
        {
          "Sid": "ListOwnHome",
          "Effect": "Allow",
          "Action": "s3:ListBucket",
          "Resource": "arn:aws:s3:::example-home",
          "Condition": {"StringLike": {"s3:prefix": ["home/${aws:username}/*"]}}
        }
      ]
    }
    """#

    /// EC2: describe everything, start and stop instances tagged dev or test, never terminate prod.
    static let ec2Tags = #"""
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Sid": "Describe", "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"},
        {
          "Sid": "StartStopNonProd",
          "Effect": "Allow",
          "Action": ["ec2:StartInstances", "ec2:StopInstances", "ec2:RebootInstances"],
          "Resource": "arn:aws:ec2:*:111122223333:instance/*",
          "Condition": {"StringEquals": {"ec2:ResourceTag/Environment": ["dev", "test"]}}
        },
        {
          "Sid": "NoTerminateProd",
          "Effect": "Deny",
          "Action": "ec2:TerminateInstances",
          "Resource": "*",
          "Condition": {"StringEquals": {"ec2:ResourceTag/Environment": "prod"}}
        }
      ]
    }
    """#

    /// Attribute-based access control: the instance's Project tag must equal the caller's.
    static let ec2ABAC = #"""
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "SameProject",
          "Effect": "Allow",
          "Action": ["ec2:StartInstances", "ec2:StopInstances"],
          "Resource": "arn:aws:ec2:*:111122223333:instance/*",
          "Condition": {"StringEquals": {"ec2:ResourceTag/Project": "${aws:PrincipalTag/Project}"}}
        }
      ]
    }
    """#

    /// MFA required when its age is known (IfExists).
    static let ec2RecentMFA = #"""
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "RecentMFAIfKnown",
          "Effect": "Allow",
          "Action": "ec2:*",
          "Resource": "*",
          "Condition": {"NumericLessThanIfExists": {"aws:MultiFactorAuthAge": "3600"}}
        }
      ]
    }
    """#

    /// The identity side of the SCP pair.
    static let computeUser = #"""
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Sid": "RunAndDescribe", "Effect": "Allow", "Action": ["ec2:RunInstances", "ec2:Describe*"], "Resource": "*"},
        {"Sid": "ReadOrders", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:*:111122223333:table/orders"}
      ]
    }
    """#

    static let scpFullAccess = #"""
    {"Version": "2012-10-17", "Statement": [{"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}]}
    """#

    /// An OU's SCP: everything, but only in the EU regions (global services excepted).
    static let scpEURegions = #"""
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Sid": "AllowAll", "Effect": "Allow", "Action": "*", "Resource": "*"},
        {
          "Sid": "DenyOutsideEU",
          "Effect": "Deny",
          "NotAction": ["iam:*", "sts:*", "organizations:*", "support:*"],
          "Resource": "*",
          "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}}
        }
      ]
    }
    """#

    /// An OU's allow-list SCP: S3 and EC2 only.
    static let scpAllowList = #"""
    {"Version": "2012-10-17", "Statement": [{"Sid": "OnlyS3AndEC2", "Effect": "Allow", "Action": ["s3:*", "ec2:*"], "Resource": "*"}]}
    """#

    static let broadUser = #"""
    {"Version": "2012-10-17", "Statement": [{"Sid": "Broad", "Effect": "Allow", "Action": ["s3:*", "dynamodb:*", "iam:*"], "Resource": "*"}]}
    """#

    static let boundary = #"""
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Sid": "DataOnly", "Effect": "Allow", "Action": ["s3:*", "dynamodb:GetItem", "dynamodb:Query"], "Resource": "*"},
        {"Sid": "NoIAM", "Effect": "Deny", "Action": "iam:*", "Resource": "*"}
      ]
    }
    """#

    /// A partner's bucket policy: our account may read; nobody may use plain HTTP.
    static let partnerBucket = #"""
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "PartnerRead",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
          "Action": ["s3:GetObject", "s3:ListBucket"],
          "Resource": ["arn:aws:s3:::partner-exchange", "arn:aws:s3:::partner-exchange/*"]
        },
        {
          "Sid": "DenyInsecureTransport",
          "Effect": "Deny",
          "Principal": "*",
          "Action": "s3:*",
          "Resource": ["arn:aws:s3:::partner-exchange", "arn:aws:s3:::partner-exchange/*"],
          "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }
      ]
    }
    """#

    static let partnerReader = #"""
    {"Version": "2012-10-17", "Statement": [{"Sid": "ReadPartner", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::partner-exchange/*"}]}
    """#

    /// A bucket policy in our account that names a user directly.
    static let sharedBucket = #"""
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "ErinReads",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:user/erin"},
          "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::example-shared/*"
        }
      ]
    }
    """#

    /// A role trust policy for a third party, with an External ID.
    static let partnerTrust = #"""
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "PartnerWithExternalId",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
          "Action": "sts:AssumeRole",
          "Condition": {"StringEquals": {"sts:ExternalId": "audit-7781"}}
        }
      ]
    }
    """#

    static let assumeAudit = #"""
    {"Version": "2012-10-17", "Statement": [{"Sid": "AssumeAudit", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/PartnerAudit"}]}
    """#

    // MARK: Requests

    static let all: [RequestSpec] = [
        RequestSpec(name: "s3-get-tls", summary: "S3 read with a Bool condition, over TLS",
                    caller: alice, action: "s3:GetObject", resource: "arn:aws:s3:::example-reports/2025/q1.csv",
                    resourceOwner: ours, context: [tls()], identity: [s3ReadReports], expected: .allowed),
        RequestSpec(name: "s3-get-plain-http", summary: "S3 read with a Bool condition, without TLS",
                    caller: alice, action: "s3:GetObject", resource: "arn:aws:s3:::example-reports/2025/q1.csv",
                    resourceOwner: ours, context: [tls(false)], identity: [s3ReadReports], expected: .implicitDeny),
        RequestSpec(name: "s3-list-prefix", summary: "S3 list with a StringLike prefix condition",
                    caller: alice, action: "s3:ListBucket", resource: "arn:aws:s3:::example-reports",
                    resourceOwner: ours, context: [tls(), string("s3:prefix", "2025/q1/")], identity: [s3ReadReports],
                    expected: .allowed),
        RequestSpec(name: "s3-office-ip", summary: "S3 read from an office IP (IpAddress, Deny NotIpAddress)",
                    caller: alice, action: "s3:GetObject", resource: "arn:aws:s3:::example-data/exports/day.parquet",
                    resourceOwner: ours,
                    context: [tls(), string("aws:SourceIp", "203.0.113.7"),
                              RequestSpec.ContextKey(name: "aws:ViaAWSService", type: .boolean, values: ["false"])],
                    identity: [s3OfficeOnly], expected: .allowed),
        RequestSpec(name: "s3-outside-office", summary: "S3 read from elsewhere: the Deny applies",
                    caller: alice, action: "s3:GetObject", resource: "arn:aws:s3:::example-data/exports/day.parquet",
                    resourceOwner: ours,
                    context: [tls(), string("aws:SourceIp", "192.0.2.10"),
                              RequestSpec.ContextKey(name: "aws:ViaAWSService", type: .boolean, values: ["false"])],
                    identity: [s3OfficeOnly], expected: .explicitDeny),
        RequestSpec(name: "s3-home-own", summary: "policy variable ${aws:username} in Resource: own folder",
                    caller: alice, action: "s3:PutObject", resource: "arn:aws:s3:::example-home/home/alice/notes.txt",
                    resourceOwner: ours, context: [tls()], identity: [s3Home], expected: .allowed),
        RequestSpec(name: "s3-home-other", summary: "policy variable ${aws:username} in Resource: someone else's folder",
                    caller: alice, action: "s3:GetObject", resource: "arn:aws:s3:::example-home/home/bob/notes.txt",
                    resourceOwner: ours, context: [tls()], identity: [s3Home], expected: .implicitDeny),
        RequestSpec(name: "ec2-start-dev", summary: "EC2 start, instance tagged Environment=dev",
                    caller: devOps, action: "ec2:StartInstances",
                    resource: "arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0", resourceOwner: ours,
                    context: [tls(), string("ec2:ResourceTag/Environment", "dev")], identity: [ec2Tags], expected: .allowed),
        RequestSpec(name: "ec2-stop-prod", summary: "EC2 stop, instance tagged Environment=prod",
                    caller: devOps, action: "ec2:StopInstances",
                    resource: "arn:aws:ec2:eu-west-1:111122223333:instance/i-0fedcba9876543210", resourceOwner: ours,
                    context: [tls(), string("ec2:ResourceTag/Environment", "prod")], identity: [ec2Tags],
                    expected: .implicitDeny),
        RequestSpec(name: "ec2-terminate-prod", summary: "EC2 terminate prod: tag-conditioned Deny",
                    caller: devOps, action: "ec2:TerminateInstances",
                    resource: "arn:aws:ec2:eu-west-1:111122223333:instance/i-0fedcba9876543210", resourceOwner: ours,
                    context: [tls(), string("ec2:ResourceTag/Environment", "prod")], identity: [ec2Tags],
                    expected: .explicitDeny),
        RequestSpec(name: "ec2-describe", summary: "EC2 describe with an action wildcard",
                    caller: devOps, action: "ec2:DescribeInstances", resource: "*", resourceOwner: ours,
                    context: [tls()], identity: [ec2Tags], expected: .allowed),
        RequestSpec(name: "ec2-abac-project", summary: "ABAC: ResourceTag/Project equals ${aws:PrincipalTag/Project}",
                    caller: devOps, action: "ec2:StartInstances",
                    resource: "arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0", resourceOwner: ours,
                    context: [tls(), string("aws:PrincipalTag/Project", "phoenix"), string("ec2:ResourceTag/Project", "phoenix")],
                    identity: [ec2ABAC], expected: .allowed,
                    pmapperCaveat: "PMapper does not expand policy variables in condition values"),
        RequestSpec(name: "scp-eu-region", summary: "SCP pair: identity allows, both SCP levels allow in eu-west-1",
                    caller: carol, action: "ec2:RunInstances", resource: "arn:aws:ec2:eu-west-1:111122223333:instance/*",
                    resourceOwner: ours, context: [tls(), string("aws:RequestedRegion", "eu-west-1")],
                    identity: [computeUser], scps: [[scpFullAccess], [scpEURegions]], expected: .allowed),
        RequestSpec(name: "scp-us-region", summary: "SCP pair: the OU's region Deny (NotAction, StringNotEquals) applies",
                    caller: carol, action: "ec2:RunInstances", resource: "arn:aws:ec2:us-east-1:111122223333:instance/*",
                    resourceOwner: ours, context: [tls(), string("aws:RequestedRegion", "us-east-1")],
                    identity: [computeUser], scps: [[scpFullAccess], [scpEURegions]], expected: .explicitDeny),
        RequestSpec(name: "scp-allow-list", summary: "SCP pair: the OU's allow-list lacks DynamoDB",
                    caller: carol, action: "dynamodb:GetItem", resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/orders",
                    resourceOwner: ours, context: [tls(), string("aws:RequestedRegion", "eu-west-1")],
                    identity: [computeUser], scps: [[scpFullAccess], [scpAllowList]], expected: .implicitDeny),
        RequestSpec(name: "boundary-allows", summary: "permissions boundary allows what the identity policy allows",
                    caller: dave, action: "dynamodb:Query", resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/orders",
                    resourceOwner: ours, context: [tls()], identity: [broadUser], boundary: [boundary], expected: .allowed),
        RequestSpec(name: "boundary-limits", summary: "permissions boundary does not allow DeleteTable",
                    caller: dave, action: "dynamodb:DeleteTable", resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/orders",
                    resourceOwner: ours, context: [tls()], identity: [broadUser], boundary: [boundary], expected: .implicitDeny),
        RequestSpec(name: "boundary-denies-iam", summary: "permissions boundary Deny on iam:*",
                    caller: dave, action: "iam:CreateUser", resource: "arn:aws:iam::111122223333:user/mallory",
                    resourceOwner: ours, context: [tls()], identity: [broadUser], boundary: [boundary], expected: .explicitDeny),
        RequestSpec(name: "bucket-cross-account", summary: "resource policy in another account + identity policy",
                    caller: alice, action: "s3:GetObject", resource: "arn:aws:s3:::partner-exchange/inbox/2025-06-01.csv",
                    resourceOwner: partner, context: [tls()], identity: [partnerReader], resourcePolicy: partnerBucket,
                    expected: .allowed),
        RequestSpec(name: "bucket-cross-account-http", summary: "resource policy Deny on plain HTTP (Principal *)",
                    caller: alice, action: "s3:GetObject", resource: "arn:aws:s3:::partner-exchange/inbox/2025-06-01.csv",
                    resourceOwner: partner, context: [tls(false)], identity: [partnerReader], resourcePolicy: partnerBucket,
                    expected: .explicitDeny),
        RequestSpec(name: "bucket-cross-account-one-side", summary: "cross-account: the bucket allows, the identity policy does not",
                    caller: alice, action: "s3:ListBucket", resource: "arn:aws:s3:::partner-exchange",
                    resourceOwner: partner, context: [tls()], identity: [partnerReader], resourcePolicy: partnerBucket,
                    expected: .implicitDeny),
        RequestSpec(name: "bucket-same-account-user", summary: "same-account bucket policy naming the user is enough",
                    caller: erin, action: "s3:GetObject", resource: "arn:aws:s3:::example-shared/handbook.pdf",
                    resourceOwner: ours, context: [tls()], resourcePolicy: sharedBucket, expected: .allowed),
        RequestSpec(name: "trust-external-id", summary: "cross-account AssumeRole, trust policy with the right External ID",
                    caller: auditor, action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/PartnerAudit",
                    resourceOwner: ours, context: [tls(), string("sts:ExternalId", "audit-7781")],
                    identity: [assumeAudit], resourcePolicy: partnerTrust, resourcePolicyKind: .trust, expected: .allowed),
        RequestSpec(name: "trust-wrong-external-id", summary: "cross-account AssumeRole with a wrong External ID",
                    caller: auditor, action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/PartnerAudit",
                    resourceOwner: ours, context: [tls(), string("sts:ExternalId", "audit-0000")],
                    identity: [assumeAudit], resourcePolicy: partnerTrust, resourcePolicyKind: .trust, expected: .implicitDeny),
        RequestSpec(name: "resource-arn-case", summary: "Resource ARNs are case-sensitive: Example-Reports is another bucket",
                    caller: alice, action: "s3:GetObject", resource: "arn:aws:s3:::Example-Reports/2025/q1.csv",
                    resourceOwner: ours, context: [tls()], identity: [s3ReadReports], expected: .implicitDeny,
                    pmapperCaveat: "PMapper matches Resource case-insensitively (AWS: the resource part of an ARN is case-sensitive)"),
        RequestSpec(name: "mfa-age-ifexists", summary: "NumericLessThanIfExists with the key present and satisfied",
                    caller: devOps, action: "ec2:DescribeVolumes", resource: "*", resourceOwner: ours,
                    context: [tls(), RequestSpec.ContextKey(name: "aws:MultiFactorAuthAge", type: .numeric, values: ["300"])],
                    identity: [ec2RecentMFA], expected: .allowed,
                    pmapperCaveat: "PMapper compares the operator name exactly, so Numeric...IfExists never matches a present key"),
    ]
}
