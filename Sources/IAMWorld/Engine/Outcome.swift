import Foundation
import IAMPolicy

/// What a command came to: a decision for `can`, success or an AWS error code for an operation, or
/// nothing to judge (`whoami`, `help`...).
public enum Outcome: Sendable, Codable, Hashable, CustomStringConvertible {
    case allowed
    case implicitDeny
    case explicitDeny
    case ok
    case error(String)
    /// A command that only shows something.
    case info

    /// `allowed` and `ok` work; denials and errors fail.
    public var works: Bool {
        switch self {
        case .allowed, .ok, .info: true
        case .implicitDeny, .explicitDeny, .error: false
        }
    }

    public var description: String {
        switch self {
        case .allowed: "allowed"
        case .implicitDeny: "implicitDeny"
        case .explicitDeny: "explicitDeny"
        case .ok: "ok"
        case .error(let code): code
        case .info: "info"
        }
    }

    public init(_ decision: Decision) {
        switch decision {
        case .allowed: self = .allowed
        case .explicitDeny: self = .explicitDeny
        case .implicitDeny: self = .implicitDeny
        }
    }
}

/// What a scenario step expects (`expect:`).
public enum ExpectedOutcome: Sendable, Codable, Equatable, CustomStringConvertible {
    case exactly(Outcome)
    /// `denied`: an implicit or explicit deny, or `AccessDenied`.
    case denied

    /// The error codes a step may expect, besides `allowed`, `implicitDeny`, `explicitDeny`, `denied`, `ok`.
    public static let errorCodes = [
        "AccessDenied", "ExpiredToken", "ValidationError", "InvalidIdentityToken", "IDPRejectedClaim",
        "UnmodifiableEntity", "DeleteConflict", "LimitExceeded", "NoSuchEntity", "EntityAlreadyExists",
        "MalformedPolicyDocument", "PackedPolicyTooLarge", "InvalidClientTokenId", "RegionDisabledException", "IncorrectState",
        "InvalidVpcEndpointId.NotFound",
    ]

    /// All words `expect:` accepts, for messages and completion.
    public static let words = ["allowed", "implicitDeny", "explicitDeny", "denied", "ok"] + errorCodes

    public init?(_ text: String) {
        switch text {
        case "allowed": self = .exactly(.allowed)
        case "implicitDeny": self = .exactly(.implicitDeny)
        case "explicitDeny": self = .exactly(.explicitDeny)
        case "denied": self = .denied
        case "ok": self = .exactly(.ok)
        default:
            guard Self.errorCodes.contains(text) else { return nil }
            self = .exactly(.error(text))
        }
    }

    /// Whether the expected outcome is a success (`allowed`, `ok`).
    public var expectsSuccess: Bool {
        switch self {
        case .exactly(let outcome): outcome.works
        case .denied: false
        }
    }

    public func matches(_ outcome: Outcome) -> Bool {
        switch self {
        case .exactly(let expected): expected == outcome
        case .denied: outcome == .implicitDeny || outcome == .explicitDeny || outcome == .error("AccessDenied")
        }
    }

    public var description: String {
        switch self {
        case .exactly(let outcome): outcome.description
        case .denied: "denied"
        }
    }
}
