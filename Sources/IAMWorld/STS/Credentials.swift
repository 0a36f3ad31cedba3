import Foundation
import IAMPolicy

/// Credentials a caller signs requests with: an IAM user's or root user's long-term access key, or the
/// temporary credentials of an STS session.
public struct Credentials: Sendable {
    public enum Kind: String, Sendable, Codable {
        /// An access key of an IAM user or the root user: never expires.
        case longTerm
        /// GetSessionToken: the user's (or root's) own permissions, maybe with MFA.
        case sessionToken
        /// AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity, or an instance profile's role.
        case roleSession
        /// GetFederationToken: the user's permissions intersected with the session policies.
        case federatedUser
        /// An AWS service principal acting for a customer's resource (`as service`): no identity policies,
        /// only what resource-based policies and trust policies grant the service.
        case service
    }

    public var accessKeyID: String
    public var kind: Kind
    public var account: String
    /// The IAM user behind long-term, session-token and federated-user credentials; nil for root and roles.
    public var userName: String?
    /// Role sessions: the role's name. Federated users: the name given to GetFederationToken.
    public var roleName: String?
    public var sessionName: String?
    public var issuedAt: Date
    /// Nil for long-term credentials.
    public var expiresAt: Date?
    /// When MFA was checked for this session (GetSessionToken or AssumeRole with a code).
    public var mfaAuthenticatedAt: Date?
    public var sessionPolicies: [NamedPolicy] = []
    public var tags: [String: String] = [:]
    public var transitiveTagKeys: Set<String> = []
    public var sourceIdentity: String?
    /// A role session assumed with another role session's credentials (role chaining).
    public var isChained = false
    /// The identity provider of a federated role session (its ARN), for `aws:FederatedProvider`.
    public var federatedProvider: String?
    /// The instance whose metadata service issued these credentials.
    public var instanceID: String?
    /// Role sessions: the unique id of the role when the session was made. If the role is deleted (and
    /// maybe created again), the session has no permissions any more.
    public var roleUniqueID: String?
    /// Federated role sessions: the claims of the assertion or token (`saml:sub`, `HOST:sub`...), which
    /// the session's requests carry, so that policies can use them as variables (`${saml:sub}`).
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html
    public var federatedClaims: [String: String] = [:]
    /// Service callers: the service principal (`lambda.amazonaws.com`), and the account and resource it acts
    /// for (`aws:SourceAccount`, `aws:SourceArn`).
    public var servicePrincipal: String?
    /// A privileged root session from AssumeRoot: the task policy that scopes it (its name).
    public var rootTask: String?
    public var sourceAccount: String?
    public var sourceARN: String?

    public init(accessKeyID: String, kind: Kind, account: String, userName: String? = nil, roleName: String? = nil,
                sessionName: String? = nil, issuedAt: Date, expiresAt: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.kind = kind
        self.account = account
        self.userName = userName
        self.roleName = roleName
        self.sessionName = sessionName
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }

    /// True for the root user's long-term or session-token credentials.
    public var isRoot: Bool { userName == nil && roleName == nil && kind != .federatedUser && kind != .service }

    /// Temporary credentials (anything from STS).
    public var isTemporary: Bool { kind != .longTerm && kind != .service }

    public func isExpired(at now: Date) -> Bool { expiresAt.map { now >= $0 } ?? false }

    /// The principal's ARN as AWS reports it (`GetCallerIdentity`); the role path is not part of an
    /// assumed-role ARN.
    public func arn(userPath: String = "/") -> String {
        switch kind {
        case .roleSession:
            return "arn:aws:sts::\(account):assumed-role/\(roleName ?? "")/\(sessionName ?? "")"
        case .federatedUser:
            return "arn:aws:sts::\(account):federated-user/\(roleName ?? "")"
        case .service:
            return servicePrincipal ?? ""
        case .longTerm, .sessionToken:
            if let userName { return "arn:aws:iam::\(account):user\(userPath)\(userName)" }
            return "arn:aws:iam::\(account):root"
        }
    }
}
