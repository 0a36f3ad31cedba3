import Diagnostics

/// The warnings of policy validation: names the catalog of actions and condition keys does not know
/// (README, "Warnings: names the catalog does not know"). Scenarios may accept them with `allow:`.
public enum PolicyWarningCode: String, DiagnosticCode {
    /// unknown service prefix in an action ("Invalid service in action")
    case unknownService = "W201"
    /// unknown action of a known service, with the closest action ("Invalid action")
    case unknownAction = "W202"
    /// an action with `*` or `?` that matches no action of its service
    case wildcardMatchesNothing = "W203"
    /// unknown global condition key ("Invalid global condition key")
    case unknownGlobalKey = "W204"
    /// unknown condition key of a service, a key whose prefix is no service, a key without a prefix
    case unknownServiceKey = "W205"
    /// a service's condition key in a statement whose actions all belong to other services
    case keyOfOtherService = "W206"
    /// an operator of the wrong type for its key ("Type mismatch")
    case operatorTypeMismatch = "W207"
}
