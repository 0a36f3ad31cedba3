import IAMPolicy
import IAMWorld

/// The explanations of the sessions drills: the outcome the world gave, with the durations in words rather than
/// the sandbox's DurationSeconds messages.
extension SessionCast {
    /// An AssumeRole call (`delay` nil) or a read made `delay` seconds after it.
    static func why(role: String, duration: Int, max: Int, delay: Int? = nil, chained: Bool = false,
                    defaulted: Bool = false) -> @Sendable (CommandResult) -> String {
        { result in
            let lasting = words(duration) + (defaulted ? " (the default)" : "")
            let message = result.error?.message ?? ""
            switch result.outcome {
            case .ok:
                return "succeeds: \(words(duration)) is within " + (chained ? "the 1-hour limit of role chaining"
                    : "the 15 minutes to \(words(max)) that `\(role)` allows")
            case .allowed:
                return "allowed: the session of `\(role)` lasts \(lasting) and is \(words(delay ?? 0)) old, and the role's identity policy allows s3:GetObject"
            case .error("ExpiredToken"):
                return "fails with ExpiredToken: the session of `\(role)` lasted \(lasting) and expired \(words((delay ?? 0) - duration)) before the call"
            case .error("ValidationError") where message.contains("greater than or equal to 900"):
                return "fails with ValidationError: DurationSeconds must be at least 900, and a session cannot last under 15 minutes"
            case .error("ValidationError") where message.contains("role chaining"):
                return "fails with ValidationError: a role session that assumes another role (role chaining) may ask for at most 1 hour, whatever the role's maximum"
            case .error("ValidationError") where message.contains("MaxSessionDuration"):
                return "fails with ValidationError: \(words(duration)) is more than the maximum session duration of `\(role)` (\(words(max)))"
            default:
                return WorldWhy.sentence(result)
            }
        }
    }

    /// GetSessionToken (`delay` nil), a read made `delay` seconds after it, or an IAM call with its credentials.
    static func tokenWhy(_ duration: Int, delay: Int? = nil) -> @Sendable (CommandResult) -> String {
        { result in
            switch result.outcome {
            case .ok:
                return "succeeds: an IAM user's session token may last 15 minutes to 36 hours"
            case .allowed:
                guard let delay else {
                    return "allowed: a session token issued with MFA may call IAM, and it keeps the user's permissions, which allow iam:ListUsers"
                }
                return "allowed: the session token lasts \(words(duration)) (the default) and is \(words(delay)) old; it keeps the user's permissions, which allow s3:GetObject"
            case .error("ExpiredToken"):
                return "fails with ExpiredToken: the session token lasted \(words(duration)) (the default) and expired \(words((delay ?? 0) - duration)) before the call"
            case .error("ValidationError"):
                return "fails with ValidationError: an IAM user's session token lasts at most 36 hours (DurationSeconds 129600)"
            case .error("InvalidClientTokenId"):
                return "fails with InvalidClientTokenId: a session token issued without MFA cannot call IAM operations"
            default:
                return WorldWhy.sentence(result)
            }
        }
    }

    /// A call made with a federation token.
    static func federationWhy(role: String, sessionPolicy: String, userPolicy: String) -> @Sendable (CommandResult) -> String {
        { result in
            let kinds = result.evaluation?.perKind ?? [:]
            switch result.outcome {
            case .allowed:
                return "allowed: both `\(userPolicy)` and the session policy `\(sessionPolicy)` allow it, and a federation token gets what both allow"
            case .implicitDeny where kinds[.identity] != .allowed:
                return "denied (implicitly): `\(userPolicy)` does not allow it, and a session policy only narrows the user's permissions"
            case .implicitDeny where kinds[.session] == nil:
                return "denied (implicitly): a federation token without a session policy has no permissions"
            case .implicitDeny:
                return "denied (implicitly): the session policy `\(sessionPolicy)` does not allow it, so the federation token cannot do it"
            case .error("AccessDenied"):
                return "fails with AccessDenied: a federated user session may call no STS operation but GetCallerIdentity, so it cannot assume `\(role)`"
            default:
                return WorldWhy.sentence(result)
            }
        }
    }
}
