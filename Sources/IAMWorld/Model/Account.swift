import Foundation
import IAMPolicy

/// An AWS account and the IAM entities in it.
public struct Account: Sendable, Codable {
    /// Twelve digits.
    public var id: String
    public var alias: String?
    public var users: [String: User] = [:]
    public var groups: [String: Group] = [:]
    public var roles: [String: Role] = [:]
    public var instanceProfiles: [String: InstanceProfile] = [:]
    /// SAML and OIDC providers by name (SAML) or host (OIDC).
    public var providers: [String: IdentityProvider] = [:]

    public init(id: String, alias: String? = nil) {
        self.id = id
        self.alias = alias
    }

    public static func isValidID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    public var rootARN: String { "arn:aws:iam::\(id):root" }

    public func userARN(_ user: User) -> String { "arn:aws:iam::\(id):user\(user.path)\(user.name)" }

    public func roleARN(_ role: Role) -> String { "arn:aws:iam::\(id):role\(role.path)\(role.name)" }

    public func instanceProfileARN(_ profile: InstanceProfile) -> String {
        "arn:aws:iam::\(id):instance-profile\(profile.path)\(profile.name)"
    }

    public func providerARN(_ provider: IdentityProvider) -> String {
        "arn:aws:iam::\(id):\(provider.kind == .saml ? "saml-provider" : "oidc-provider")/\(provider.name)"
    }

    public func mfaSerial(_ name: String) -> String { "arn:aws:iam::\(id):mfa/\(name)" }
}
