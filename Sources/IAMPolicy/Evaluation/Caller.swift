/// Who makes a request: the principal whose policies are evaluated.
public struct Caller: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The account's root user: `arn:aws:iam::ACCOUNT:root`.
        case root
        /// An IAM user: `arn:aws:iam::ACCOUNT:user/PATH/NAME`.
        case user
        /// A role session: `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`.
        case assumedRole
        /// A federated user session from GetFederationToken: `arn:aws:sts::ACCOUNT:federated-user/NAME`.
        case federatedUser
        /// An AWS service principal such as `ec2.amazonaws.com`.
        case service
        /// An identity provider (`accounts.google.com`, `cognito-identity.amazonaws.com`, a SAML or OIDC
        /// provider ARN), for AssumeRoleWithWebIdentity and AssumeRoleWithSAML.
        case federatedProvider
        /// An anonymous (unauthenticated) caller.
        case anonymous
    }

    /// The fields live in one shared object: an evaluation reads the caller many times.
    private final class Storage: Sendable {
        let kind: Kind
        let identifier: String
        let account: String?
        let roleARN: String?
        let isServiceLinkedRole: Bool
        let userName: String?
        let roleName: String?

        init(kind: Kind, identifier: String, account: String?, roleARN: String?, isServiceLinkedRole: Bool) {
            self.kind = kind
            self.identifier = identifier
            self.account = account
            self.roleARN = roleARN
            self.isServiceLinkedRole = isServiceLinkedRole
            if kind == .user, let arn = ARN(identifier) {
                userName = arn.resource.split(separator: "/").last.map(String.init)
            } else {
                userName = nil
            }
            if let roleARN, let arn = ARN(roleARN) {
                roleName = arn.resource.split(separator: "/").last.map(String.init)
            } else {
                roleName = nil
            }
        }
    }

    private let storage: Storage

    public var kind: Kind { storage.kind }
    /// The principal's ARN, service name or provider.
    public var identifier: String { storage.identifier }
    /// The account the principal belongs to (nil for services, providers and anonymous callers).
    public var account: String? { storage.account }
    /// For a role session: the role's ARN (`arn:aws:iam::ACCOUNT:role/NAME`, without a path unless given).
    public var roleARN: String? { storage.roleARN }
    /// Whether the caller is a service-linked role session (exempt from service control policies).
    public var isServiceLinkedRole: Bool { storage.isServiceLinkedRole }
    /// The user name for `aws:username` (IAM users only).
    public var userName: String? { storage.userName }
    /// For a role session: the role's name (the last part of its ARN).
    var roleName: String? { storage.roleName }

    public init(kind: Kind, identifier: String, account: String? = nil, roleARN: String? = nil,
                isServiceLinkedRole: Bool = false) {
        storage = Storage(kind: kind, identifier: identifier, account: account, roleARN: roleARN,
                          isServiceLinkedRole: isServiceLinkedRole)
    }

    public static func == (lhs: Caller, rhs: Caller) -> Bool {
        lhs.kind == rhs.kind && lhs.identifier == rhs.identifier && lhs.account == rhs.account
            && lhs.roleARN == rhs.roleARN && lhs.isServiceLinkedRole == rhs.isServiceLinkedRole
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(identifier)
        hasher.combine(account)
        hasher.combine(roleARN)
    }

    /// A caller from an ARN, a service principal (`ec2.amazonaws.com`), an identity provider name, or
    /// a SAML/OIDC provider ARN. Nil when the text is none of these.
    public init?(parsing text: String) {
        if let arn = ARN(text) {
            switch arn.service {
            case "iam":
                if arn.resource == "root" {
                    self.init(kind: .root, identifier: text, account: arn.account)
                } else if arn.resource.hasPrefix("user/") {
                    self.init(kind: .user, identifier: text, account: arn.account)
                } else if arn.resource.hasPrefix("saml-provider/") || arn.resource.hasPrefix("oidc-provider/") {
                    self.init(kind: .federatedProvider, identifier: text)
                } else if arn.resource.hasPrefix("role/") {
                    // A role itself does not sign requests; treat it as a session of the role.
                    let name = arn.resource.split(separator: "/").last.map(String.init) ?? ""
                    self.init(kind: .assumedRole,
                              identifier: "arn:\(arn.partition):sts::\(arn.account):assumed-role/\(name)/session",
                              account: arn.account, roleARN: text,
                              isServiceLinkedRole: arn.resource.hasPrefix("role/aws-service-role/"))
                } else {
                    return nil
                }
            case "sts":
                let parts = arn.resource.split(separator: "/", omittingEmptySubsequences: false)
                if parts.count >= 3, parts[0] == "assumed-role", !parts[1].isEmpty, !parts[2].isEmpty {
                    self.init(kind: .assumedRole, identifier: text, account: arn.account,
                              roleARN: "arn:\(arn.partition):iam::\(arn.account):role/\(parts[1])")
                } else if parts.count == 2, parts[0] == "federated-user", !parts[1].isEmpty {
                    self.init(kind: .federatedUser, identifier: text, account: arn.account)
                } else {
                    return nil
                }
            default:
                return nil
            }
            guard arn.account.count == 12, arn.account.allSatisfy({ $0.isASCII && $0.isNumber }) || kind == .federatedProvider else {
                return nil
            }
        } else if text.hasSuffix(".amazonaws.com") && !text.hasPrefix("cognito-identity.") {
            self.init(kind: .service, identifier: text)
        } else if text.contains("."), !text.contains(" "), !text.contains(":") {
            // accounts.google.com, graph.facebook.com, www.amazon.com, cognito-identity.amazonaws.com
            self.init(kind: .federatedProvider, identifier: text)
        } else if text == "anonymous" {
            self.init(kind: .anonymous, identifier: "*")
        } else {
            return nil
        }
    }

}

/// How a statement's `Principal` named the caller: it decides which other policies must also allow.
public enum PrincipalMatch: String, Sendable, Hashable, Codable {
    /// `"*"` or `{"AWS": "*"}`.
    case everyone
    /// The caller's account (`123456789012` or `arn:aws:iam::123456789012:root`): the account's own
    /// policies decide.
    case account
    /// The caller's IAM user ARN.
    case user
    /// The ARN of the role whose session the caller is.
    case role
    /// The caller's exact session ARN (assumed-role or federated-user).
    case session
    /// The caller's service principal.
    case service
    /// The caller's identity provider.
    case federated
    case canonicalUser
}

/// A `Principal` value read once: what kind of principal it names.
enum ParsedPrincipal: Sendable {
    case everyone
    /// `{"AWS": "*"}`: every authenticated principal.
    case anyAWS
    case account(String)
    case userARN(String)
    case role(account: String, name: String)
    case sessionARN(String)
    case service(String)
    case federated(String)
    case canonicalUser(String)
    /// A value that names no principal a caller can be.
    case nothing

    init(kind: PrincipalPattern.Kind, value: String) {
        switch kind {
        case .everyone:
            self = .everyone
        case .service:
            self = .service(value.lowercased())
        case .federated:
            self = .federated(value)
        case .canonicalUser:
            self = .canonicalUser(value)
        case .aws:
            if value == "*" {
                self = .anyAWS
            } else if value.utf8.count == 12, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                self = .account(value)
            } else if let arn = ARN(value) {
                let parts = arn.resource.split(separator: "/", omittingEmptySubsequences: false)
                switch (arn.service, parts.first) {
                case ("iam", "root") where parts.count == 1: self = .account(arn.account)
                case ("iam", "user"): self = .userARN(value)
                case ("iam", "role"): self = .role(account: arn.account, name: parts.last.map(String.init) ?? "")
                case ("sts", "assumed-role"), ("sts", "federated-user"): self = .sessionARN(value)
                default: self = .nothing
                }
            } else {
                self = .nothing
            }
        }
    }
}

extension PrincipalPattern {
    /// How this entry names `caller`, or nil when it does not.
    func match(_ caller: Caller) -> PrincipalMatch? {
        switch parsed {
        case .everyone:
            return .everyone
        case .anyAWS:
            return caller.kind == .anonymous ? nil : .everyone
        case .account(let account):
            return caller.account == account ? .account : nil
        case .userARN(let arn):
            return caller.kind == .user && caller.identifier == arn ? .user : nil
        case .role(let account, let name):
            return caller.kind == .assumedRole && caller.account == account && caller.roleName == name ? .role : nil
        case .sessionARN(let arn):
            return (caller.kind == .assumedRole || caller.kind == .federatedUser) && caller.identifier == arn ? .session : nil
        case .service(let name):
            return caller.kind == .service && caller.identifier.lowercased() == name ? .service : nil
        case .federated(let provider):
            return caller.kind == .federatedProvider && caller.identifier == provider ? .federated : nil
        case .canonicalUser, .nothing:
            return nil
        }
    }
}
