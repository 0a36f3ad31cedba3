import Foundation
import IAMPolicy

/// A policy document kept with its name and its text, as IAM stores it.
public struct NamedPolicy: Sendable {
    public var name: String
    /// The JSON as written.
    public var text: String
    public var policy: Policy

    public init(name: String, text: String, policy: Policy) {
        self.name = name
        self.text = text
        self.policy = policy
    }
}

/// An IAM user: long-term credentials, its own policies and those of its groups.
public struct User: Sendable, Codable {
    public var name: String
    public var path: String
    public var groups: [String]
    public var policies: [NamedPolicy]
    public var boundary: NamedPolicy?
    public var tags: [String: String]
    /// Virtual MFA devices by serial name (`arn:aws:iam::ACCOUNT:mfa/NAME`), with the code each shows now.
    public var mfaDevices: [String: String]

    public init(name: String, path: String = "/", groups: [String] = [], policies: [NamedPolicy] = [],
                boundary: NamedPolicy? = nil, tags: [String: String] = [:], mfaDevices: [String: String] = [:]) {
        self.name = name
        self.path = path
        self.groups = groups
        self.policies = policies
        self.boundary = boundary
        self.tags = tags
        self.mfaDevices = mfaDevices
    }
}

/// An IAM group: a set of users sharing identity policies (a group is not a principal).
public struct Group: Sendable, Codable {
    public var name: String
    public var policies: [NamedPolicy]

    public init(name: String, policies: [NamedPolicy] = []) {
        self.name = name
        self.policies = policies
    }
}

/// How a role was created; for an EC2 role the console also creates an instance profile of the same name.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html
public enum CreatedWith: String, Sendable, Codable {
    case console
    case cli
}

/// An IAM role: a trust policy saying who may assume it, and the permissions its sessions get.
public struct Role: Sendable, Codable {
    public var name: String
    public var path: String
    public var trust: NamedPolicy
    public var policies: [NamedPolicy]
    public var boundary: NamedPolicy?
    /// The longest session AssumeRole* may ask for: 1 to 12 hours, 1 hour by default.
    public var maxSessionDuration: TimeInterval
    public var tags: [String: String]
    /// For a service-linked role: the service that owns it (`elasticbeanstalk.amazonaws.com`).
    public var serviceLinkedService: String?
    public var createdWith: CreatedWith
    /// For a service-linked role: resources of its service that still use it (DeleteServiceLinkedRole fails
    /// while any is listed).
    public var usedBy: [String] = []
    /// IAM's unique id of the role (`AROA...`), set when the role is created. A role deleted and created
    /// again under the same name is another role: sessions and policies of the old one do not carry over.
    public var uniqueID = ""

    public static let defaultMaxSessionDuration: TimeInterval = 3_600
    public static let maxSessionDurationRange: ClosedRange<TimeInterval> = 3_600...43_200

    public init(name: String, path: String = "/", trust: NamedPolicy, policies: [NamedPolicy] = [],
                boundary: NamedPolicy? = nil, maxSessionDuration: TimeInterval = Role.defaultMaxSessionDuration,
                tags: [String: String] = [:], serviceLinkedService: String? = nil, createdWith: CreatedWith = .cli) {
        self.name = name
        self.path = path
        self.trust = trust
        self.policies = policies
        self.boundary = boundary
        self.maxSessionDuration = maxSessionDuration
        self.tags = tags
        self.serviceLinkedService = serviceLinkedService
        self.createdWith = createdWith
    }

    public var isServiceLinked: Bool { serviceLinkedService != nil }

    /// A role that IAM Identity Center made for a permission set (path `/aws-reserved/sso.amazonaws.com/...`):
    /// only Identity Center changes it. https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html
    public var isIdentityCenterRole: Bool { path.hasPrefix("/aws-reserved/sso.amazonaws.com/") }
}

/// A container for one role that EC2 passes to an instance.
public struct InstanceProfile: Sendable, Codable {
    public var name: String
    public var path: String
    /// At most one role: IAM refuses a second one (`LimitExceeded`).
    public var roleName: String?

    public init(name: String, path: String = "/", roleName: String? = nil) {
        self.name = name
        self.path = path
        self.roleName = roleName
    }
}

/// An EC2 instance; software on it gets credentials from the instance metadata service (IMDS).
public struct Instance: Sendable, Codable {
    public var id: String
    public var account: String
    /// The instance profile associated with the instance, if any.
    public var profileName: String?
    /// The key id of the credentials IMDS serves now (see ``Sandbox``).
    public var currentCredentials: String?
    /// The VPC and private IPv4 address of the instance's primary network interface: requests signed with
    /// its role credentials carry them as `aws:Ec2InstanceSourceVpc` and `aws:Ec2InstanceSourcePrivateIPv4`.
    public var vpc: String?
    public var privateIP: String?
    /// Whether the metadata service requires IMDSv2 session tokens (the default here) or also answers
    /// IMDSv1: the credentials carry `ec2:RoleDelivery` 2.0 or 1.0.
    public var imdsV1Allowed = false

    public init(id: String, account: String, profileName: String? = nil) {
        self.id = id
        self.account = account
        self.profileName = profileName
    }
}

/// A SAML 2.0 or OpenID Connect identity provider registered in IAM.
public struct IdentityProvider: Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case saml
        case oidc
    }

    public var kind: Kind
    /// The provider's name: a SAML provider's name, or an OIDC provider's host (`token.actions.githubusercontent.com`).
    public var name: String
    /// OIDC: the client ids (audiences) IAM accepts in tokens.
    public var audiences: [String]

    public init(kind: Kind, name: String, audiences: [String] = []) {
        self.kind = kind
        self.name = name
        self.audiences = audiences
    }
}

/// A resource with an owner and maybe a resource-based policy (a bucket, a key, a queue...).
public struct Resource: Sendable, Codable {
    /// The services whose resources take a resource-based policy (their ARN service names). Others (EC2
    /// instances, RDS databases...) have none: only identity-based policies and Organizations govern them.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_aws-services-that-work-with-iam.html
    public static let servicesWithPolicies: Set<String> = [
        "s3", "kms", "sqs", "sns", "lambda", "secretsmanager", "ecr", "ecr-public", "glacier", "events", "execute-api",
        "es", "aoss", "backup", "codeartifact", "elasticfilesystem", "glue", "kinesis", "dynamodb", "logs", "acm-pca",
        "iot", "mediastore", "serverlessrepo", "ses", "schemas", "lex", "cloudtrail", "ssm-incidents", "ssm-contacts",
        "codebuild", "s3-object-lambda", "s3express", "firehose", "airflow", "network-firewall", "ram",
    ]

    public var arn: String
    public var owner: String
    /// The resource-based policy; for a KMS key, its key policy.
    public var policy: NamedPolicy?
    /// For a KMS key: its aliases (`alias/NAME`), which stand for it in cryptographic operations.
    public var aliases: [String]
    /// The resource's tags: requests on it carry them as `aws:ResourceTag/KEY` (an S3 bucket's only when
    /// `s3ABAC` is on).
    public var tags: [String: String]
    /// S3 general purpose buckets: attribute-based access control turned on (PutBucketAbac). Off by default,
    /// and then requests on the bucket carry no `aws:ResourceTag` keys.
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/buckets-tagging-enable-abac.html
    public var s3ABAC = false

    public init(arn: String, owner: String, policy: NamedPolicy? = nil, aliases: [String] = [], tags: [String: String] = [:]) {
        self.arn = arn
        self.owner = owner
        self.policy = policy
        self.aliases = aliases
        self.tags = tags
    }
}
