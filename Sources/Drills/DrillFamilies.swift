import Diagnostics

/// The families built into iamquiz, and finding one by name.
public enum DrillFamilies {
    /// Every built-in family, in the order `iamquiz drill --list` shows them.
    public static let all: [DrillFamily] = [.evaluationLogic, .explicitDeny, .notAction, .conditions, .policyVariables,
                                                 .scpInheritance, .trustPolicies, .sessionsOnTheClock, .crossAccount, .fixThePolicy]

    /// The family named `name`, or nil.
    public static func named(_ name: String) -> DrillFamily? {
        all.first { $0.name == name }
    }

    /// The family name nearest to a mistyped `name`, for "did you mean".
    public static func suggestion(for name: String) -> String? {
        closestMatch(to: name, in: all.map(\.name))
    }
}
