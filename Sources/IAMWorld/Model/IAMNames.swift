import Foundation

/// IAM's and STS's rules for names: of users, groups, roles, instance profiles, inline policies and MFA
/// devices, of paths, account aliases, identity providers and instances, and of role sessions.
///
/// One place, so that a scenario file, the sandbox and any later caller cannot disagree about a name: the
/// world's `add` functions (World+Changes.swift) and STS refuse a name that breaks these rules with
/// `ValidationError`, as IAM does, and the scenario parser reports the same rules at the name's column
/// (S008, S009) before it builds anything.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
public enum IAMNames {
    /// What an IAM name names, with its length limit and the API parameter that carries it.
    public enum Kind: Sendable, CaseIterable {
        case user, group, role, instanceProfile, policy, mfaDevice

        /// The most characters IAM allows (RoleName and UserName 64; GroupName, InstanceProfileName and
        /// PolicyName 128). An MFA device name keeps the scenario format's 512 (IAM's own limit is 226).
        public var maxLength: Int {
            switch self {
            case .user, .role: 64
            case .group, .instanceProfile, .policy: 128
            case .mfaDevice: 512
            }
        }

        /// The parameter of the IAM API, for messages as AWS words them.
        var parameter: String {
            switch self {
            case .user: "UserName"
            case .group: "GroupName"
            case .role: "RoleName"
            case .instanceProfile: "InstanceProfileName"
            case .policy: "PolicyName"
            case .mfaDevice: "VirtualMFADeviceName"
            }
        }
    }

    // MARK: Names of IAM entities

    /// `\w` of IAM's and STS's patterns: an ASCII letter, digit or `_`. The APIs say "upper- and lower-case
    /// alphanumeric characters", and AWS refuses `é` in a role or session name.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (RoleSessionName)
    public static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "_"
    }

    /// `[\w+=,.@-]`: a character of a user, group, role, instance profile, policy or session name.
    public static func isNameCharacter(_ s: Unicode.Scalar) -> Bool {
        isWordCharacter(s) || "+=,.@-".unicodeScalars.contains(s)
    }

    /// Whether `name` is a valid name of `kind`: 1 to `kind.maxLength` characters of `[\w+=,.@-]`.
    public static func isValid(_ name: String, _ kind: Kind) -> Bool {
        let scalars = name.unicodeScalars
        return !scalars.isEmpty && scalars.count <= kind.maxLength && scalars.allSatisfy(isNameCharacter)
    }

    /// The rule of `kind`, for a help note.
    public static func rule(_ kind: Kind) -> String {
        "a name is up to \(kind.maxLength) letters, digits and `_+=,.@-`"
    }

    /// Refuses a name IAM would refuse, with IAM's `ValidationError`.
    static func check(_ name: String, _ kind: Kind) throws(AWSError) {
        guard isValid(name, kind) else {
            throw AWSError.validation("\(kind.parameter) must be 1 to \(kind.maxLength) letters, digits and _ + = , . @ - "
                + "(pattern [\\w+=,.@-]+): `\(name)`")
        }
    }

    /// Checks the names of inline policies.
    static func checkPolicyNames(_ policies: [NamedPolicy]) throws(AWSError) {
        for policy in policies { try check(policy.name, .policy) }
    }

    // MARK: Paths

    /// An IAM path: `/`, or `/` then printable ASCII then `/`, up to 512 characters, without `//`.
    public static func isPath(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        return scalars.count <= 512 && text.hasPrefix("/") && text.hasSuffix("/")
            && scalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7E } && !text.contains("//")
    }

    public static let pathRule = "a path starts and ends with `/`, such as `/` or `/engineering/`"

    static func checkPath(_ path: String) throws(AWSError) {
        guard isPath(path) else {
            throw AWSError.validation("Path must start and end with / and be up to 512 printable ASCII characters: `\(path)`")
        }
    }

    // MARK: Names of STS sessions

    /// Role session names, federated user names and source identities: `[\w+=,.@-]*` of the given lengths
    /// (PARAM-02, PARAM-11, PARAM-26 of docs/research/sts-rules.md).
    static func checkSTSName(_ value: String, parameter: String, lengths: ClosedRange<Int>) throws(AWSError) {
        guard lengths.contains(value.count) else {
            throw AWSError.validation("\(parameter) must be \(lengths.lowerBound) to \(lengths.upperBound) characters; `\(value)` has \(value.count)")
        }
        guard value.unicodeScalars.allSatisfy(isNameCharacter) else {
            throw AWSError.validation("\(parameter) may contain only letters, digits and + = , . @ - (pattern [\\w+=,.@-]*): `\(value)`")
        }
    }

    /// The role session name made from a SAML subject or an OIDC `sub`: characters a session name cannot
    /// have become `-`, cut to 64 and padded to the minimum of 2, so that it passes `checkSTSName`.
    static func sessionName(fromSubject subject: String) -> String {
        let scalars = subject.unicodeScalars.prefix(64).map { isNameCharacter($0) ? Character($0) : "-" }
        let cleaned = String(scalars)
        return cleaned.count >= 2 ? cleaned : cleaned + "--"
    }

    // MARK: Other names

    /// An account alias: 3 to 63 lowercase letters, digits and `-`, not starting or ending with `-`, not all digits.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccountAlias.html
    public static func isAccountAlias(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard (3...63).contains(scalars.count), scalars.first != "-", scalars.last != "-" else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && !scalars.allSatisfy { ("0"..."9").contains($0) }
    }

    public static let accountAliasRule =
        "an alias is 3 to 63 lowercase letters, digits and `-`, not all digits, starting and ending with a letter or digit"

    /// An EC2 instance id as scenarios write it: letters, digits and `-`.
    public static func isInstanceID(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { s in
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-"
        }
    }

    public static let instanceIDRule = "an instance id is letters, digits and `-`, such as `i-0abc123`"

    /// A SAML provider's name: up to 128 letters, digits, `.`, `_` and `-` (CreateSAMLProvider's `[\w._-]+`).
    public static func isSAMLProviderName(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        return !scalars.isEmpty && scalars.count <= 128 && scalars.allSatisfy { isWordCharacter($0) || $0 == "." || $0 == "-" }
    }

    public static let samlProviderRule = "a SAML provider name is letters, digits, `.`, `_` and `-`"

    /// An OIDC provider as IAM names it: the issuer's host (and path), printable ASCII, without `https://`.
    public static func isOIDCHost(_ text: String) -> Bool {
        !text.isEmpty && !text.contains("://") && !text.hasPrefix("/") && text.unicodeScalars.allSatisfy { s in
            s.isASCII && s.value > 0x20 && s.value < 0x7F
        }
    }

    public static let oidcHostRule =
        "an OIDC provider is written by its host (and path), without `https://`, such as `token.actions.githubusercontent.com`"

    /// Refuses an identity provider name of the wrong shape for its kind.
    static func checkProvider(_ provider: IdentityProvider) throws(AWSError) {
        let valid = provider.kind == .saml ? isSAMLProviderName(provider.name) : isOIDCHost(provider.name)
        guard valid else {
            throw AWSError.validation((provider.kind == .saml ? samlProviderRule : oidcHostRule) + ", not `\(provider.name)`")
        }
    }
}
