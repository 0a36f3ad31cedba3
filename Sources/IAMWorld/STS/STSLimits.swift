import Foundation

/// The documented limits of STS parameters, and their checks (each failure is a `ValidationError`).
///
/// Pages: the STS API reference for each operation, for example
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html, and
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_request.html (durations).
public enum STSLimits {
    /// DurationSeconds of AssumeRole*: at least 15 minutes.
    public static let minimumDuration: TimeInterval = 900
    /// AssumeRole* without DurationSeconds: one hour.
    public static let defaultRoleDuration: TimeInterval = 3_600
    /// Role chaining limits a session to one hour.
    public static let roleChainingMaximum: TimeInterval = 3_600
    /// GetSessionToken and GetFederationToken for IAM users: 15 minutes to 36 hours, 12 hours by default.
    public static let userTokenMaximum: TimeInterval = 129_600
    public static let userTokenDefault: TimeInterval = 43_200
    /// The same called with the root user's credentials: at most one hour.
    public static let rootTokenMaximum: TimeInterval = 3_600
    /// AssumeRoot: a privileged root session lasts at most 15 minutes (the default).
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html
    public static let rootSessionMaximum: TimeInterval = 900
    /// A session policy passed inline: at most 2,048 characters.
    public static let maximumInlinePolicyLength = 2_048
    /// At most 10 managed session policies.
    public static let maximumPolicyARNs = 10
    /// At most 50 session tags; keys up to 128 characters, values up to 256.
    public static let maximumTags = 50
    public static let maximumTagKeyLength = 128
    public static let maximumTagValueLength = 256

    /// ExternalId: 2–1,224 characters of `[\w+=,.@:\/-]*`.
    static func checkExternalID(_ value: String) throws(AWSError) {
        guard (2...1_224).contains(value.count) else {
            throw AWSError.validation("ExternalId must be 2 to 1224 characters; `\(value)` has \(value.count)")
        }
        guard value.unicodeScalars.allSatisfy({ IAMNames.isWordCharacter($0) || "+=,.@:/-".unicodeScalars.contains($0) }) else {
            throw AWSError.validation("ExternalId may contain only letters, digits and + = , . @ : / - (pattern [\\w+=,.@:\\/-]*)")
        }
    }

    /// TokenCode: exactly six digits.
    static func checkTokenCode(_ value: String) throws(AWSError) {
        guard value.count == 6, value.unicodeScalars.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }) else {
            throw AWSError.validation("TokenCode must be the six digits the MFA device shows, not `\(value)`")
        }
    }

    /// Session tags: count, key and value lengths, and no key given twice (keys compare ignoring case).
    static func checkTags(_ tags: [(key: String, value: String)], transitive: [String]) throws(AWSError) {
        guard tags.count <= maximumTags else {
            throw AWSError.validation("at most \(maximumTags) session tags may be passed; \(tags.count) were")
        }
        var seen = Set<String>()
        for tag in tags {
            guard (1...maximumTagKeyLength).contains(tag.key.count) else {
                throw AWSError.validation("a tag key must be 1 to \(maximumTagKeyLength) characters: `\(tag.key)`")
            }
            guard tag.value.count <= maximumTagValueLength else {
                throw AWSError.validation("a tag value must be at most \(maximumTagValueLength) characters (tag `\(tag.key)`)")
            }
            // Keys and values: letters, numbers, spaces and _ . : / = + - @, and not the reserved prefix `aws:`
            // (PARAM-14, PARAM-15). https://docs.aws.amazon.com/STS/latest/APIReference/API_Tag.html
            // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating
            for text in [tag.key, tag.value] {
                guard text.unicodeScalars.allSatisfy(isTagCharacter) else {
                    throw AWSError.validation("a session tag may contain only letters, numbers, spaces and _ . : / = + - @ (pattern [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*): `\(text)`")
                }
                guard !text.lowercased().hasPrefix("aws:") else {
                    throw AWSError.validation("a session tag key or value cannot begin with the reserved prefix `aws:`: `\(text)`")
                }
            }
            guard seen.insert(tag.key.lowercased()).inserted else {
                throw AWSError.validation("Duplicate tag keys found. Please note that Tag keys are case insensitive: `\(tag.key)`")
            }
        }
        for key in transitive where !seen.contains(key.lowercased()) {
            throw AWSError.validation("the transitive tag key `\(key)` is not one of the session tags passed")
        }
    }

    /// `[\p{L}\p{Z}\p{N}_.:/=+\-@]`: a letter, a separator (space), a number, or one of `_ . : / = + - @`.
    private static func isTagCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .spaceSeparator, .lineSeparator, .paragraphSeparator,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return "_.:/=+-@".unicodeScalars.contains(scalar)
        }
    }
}
