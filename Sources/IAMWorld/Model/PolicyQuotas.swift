/// IAM's size quotas for the policies it stores. One place for the rule: the world builder (scenario
/// declarations) and the sandbox's change commands both check through it.
///
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html ("IAM and STS character
/// quotas"): the inline policies of a user, group or role may total 2,048, 5,120 and 10,240 characters; a
/// managed policy 6,144; a role trust policy 2,048 by default; and "IAM does not count white space when
/// calculating the size of a policy against these quotas". docs/research/sts-rules.md SIZE-01 to SIZE-06.
public enum PolicyQuotas {
    /// The longest policy document the IAM API takes as a parameter, white space included (its
    /// `policyDocumentType`, 1 to 131,072 characters): longer is a `ValidationError`, whatever the quotas.
    public static let documentParameterLength = 131_072
    public static let managedPolicySize = 6_144
    public static let trustPolicySize = 2_048

    /// The most the inline policies of one user, group or role may total.
    public static func inlineTotal(of kind: EntityKind) -> Int {
        switch kind {
        case .user: 2_048
        case .group: 5_120
        case .role: 10_240
        }
    }

    /// A policy's size as IAM counts it against its quotas: its characters but white space (space, tab,
    /// line feed and carriage return, the only white space a policy document may hold).
    public static func size(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { count, scalar in
            count + (scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" ? 0 : 1)
        }
    }

    /// A document's length as an API parameter: every character, white space included.
    public static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// The inline policies an entity would have (PutUserPolicy, PutGroupPolicy, PutRolePolicy, or the
    /// entity's declaration): `LimitExceeded` when together they exceed the entity's quota.
    static func checkInline(_ policies: [NamedPolicy], of kind: EntityKind, name: String) throws(AWSError) {
        for policy in policies { try checkParameter(policy) }
        let total = policies.reduce(0) { $0 + size($1.text) }
        let limit = inlineTotal(of: kind)
        guard total <= limit else {
            throw AWSError("LimitExceeded", "the inline policies of \(kind.rawValue) `\(name)` would total \(total) characters without white space; a \(kind.rawValue)'s may total \(limit)")
        }
    }

    /// A permissions boundary, which IAM stores as a managed policy (CreatePolicy): `LimitExceeded` above
    /// 6,144 characters.
    static func checkManaged(_ policy: NamedPolicy) throws(AWSError) {
        try checkParameter(policy)
        let size = size(policy.text)
        guard size <= managedPolicySize else {
            throw AWSError("LimitExceeded", "the managed policy `\(policy.name)` has \(size) characters without white space; a managed policy may have \(managedPolicySize)")
        }
    }

    /// A role's trust policy (CreateRole, UpdateAssumeRolePolicy): `LimitExceeded` above 2,048 characters.
    static func checkTrust(_ policy: NamedPolicy, role: String) throws(AWSError) {
        try checkParameter(policy)
        let size = size(policy.text)
        guard size <= trustPolicySize else {
            throw AWSError("LimitExceeded", "the trust policy of role `\(role)` has \(size) characters without white space; a trust policy may have \(trustPolicySize) (the ACLSizePerRole quota)")
        }
    }

    private static func checkParameter(_ policy: NamedPolicy) throws(AWSError) {
        let length = length(policy.text)
        guard length <= documentParameterLength else {
            throw AWSError.validation("1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must have length less than or equal to \(documentParameterLength) (`\(policy.name)` has \(length) characters)")
        }
    }
}
