import Diagnostics

/// The codes of scenario files (docs/scenario-format.md). Policies in a scenario report `PolicyCode`s and
/// `PolicyWarningCode`s, step commands `CommandCode`s.
public enum ScenarioCode: String, DiagnosticCode {
    /// a scenario path that cannot be read: missing, not UTF-8, or a folder without `.iqs` files
    case unreadable = "S000"
    /// the file does not start with `scenario: ID`
    case missingHeader = "S001"
    /// malformed header value: scenario id, empty `title` or `reference`, `start`, `region`, `source-ip`, `allow`
    case malformedHeaderValue = "S002"
    /// given twice: a header field, a single-valued attribute, or the same item in one declaration
    case givenTwice = "S003"
    /// unknown line at column 1 (with a did-you-mean)
    case unknownLine = "S004"
    /// unknown attribute (with a did-you-mean), or an attribute under a declaration that takes none
    case unknownAttribute = "S005"
    /// an indented line that belongs to nothing
    case strayIndentedLine = "S006"
    /// a line of the wrong shape: missing or extra words, no `:` or no JSON document after it
    case wrongShape = "S007"
    /// malformed name: account id or alias, user, group, role, policy, ARN...
    case malformedName = "S008"
    /// malformed or impossible value: path, duration, tag, service, a policy over IAM's size quotas...
    case malformedValue = "S009"
    /// unknown account (with a did-you-mean over the ids and aliases)
    case unknownAccount = "S010"
    /// a declaration names something not declared: a group, role, instance profile, OU or SCP target
    case undeclared = "S011"
    /// duplicate declaration
    case duplicateDeclaration = "S012"
    /// missing required attribute: a role's `trust`, a resource's `owner` when its ARN has no account
    case missingAttribute = "S013"
    /// malformed step line: no `:` after `step` or its name, or no command
    case malformedStep = "S014"
    /// duplicate step name
    case duplicateStep = "S015"
    /// unknown outcome after `expect:` (with a did-you-mean)
    case unknownOutcome = "S016"
    /// a step names something that is not declared nor created by an earlier step
    case undeclaredInStep = "S017"
}
