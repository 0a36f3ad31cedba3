import Diagnostics

/// The codes of the policy parser: a policy document checked as IAM checks one of its kind (README,
/// "Errors: what simulate reports"). Malformed JSON is `JSONCode.malformed`, from `JSONReader`.
public enum PolicyCode: String, DiagnosticCode {
    /// unknown element, in the policy or in a statement (with a did-you-mean)
    case unknownElement = "P001"
    /// a JSON object repeats a key
    case duplicateKey = "P002"
    /// an element has the wrong JSON type (a statement that is not an object, a number as `Sid`...)
    case wrongType = "P003"
    /// unsupported `Version` (only `2012-10-17` and `2008-10-17`)
    case unsupportedVersion = "P004"
    /// `Statement` missing, or an empty array
    case missingStatement = "P005"
    /// `Effect` missing or not exactly `Allow` / `Deny`
    case malformedEffect = "P006"
    /// neither or both of `Action` / `NotAction`
    case actionElements = "P007"
    /// malformed action (not `*` and not `service:action`)
    case malformedAction = "P008"
    /// an empty array where at least one value is needed (`Action`, `Resource`, principals)
    case emptyArray = "P009"
    /// neither or both of `Resource` / `NotResource` (neither is fine only in a trust policy)
    case resourceElements = "P010"
    /// `Resource` / `NotResource` in a role trust policy
    case resourceInTrustPolicy = "P011"
    /// a resource that is neither `*` nor an ARN (a warning in resource-based policies)
    case malformedResource = "P012"
    /// malformed policy variable (`${...}`) in a resource of a 2012-10-17 policy
    case malformedVariable = "P013"
    /// (warning) `${...}` in a resource of a policy that does not expand variables
    case variableNotExpanded = "P014"
    /// `Principal` / `NotPrincipal` in a kind of policy that does not take one
    case principalNotTaken = "P015"
    /// `Principal` missing where required, or both `Principal` and `NotPrincipal`
    case principalElements = "P016"
    /// `NotPrincipal` with `Allow`, or in a kind of policy that does not support it
    case notPrincipalMisused = "P017"
    /// malformed principal (a string other than `*`, an unknown principal type, an empty object)
    case malformedPrincipal = "P018"
    /// the `Principal` of a resource control policy is not `"*"`
    case rcpPrincipal = "P019"
    /// duplicate `Sid`
    case duplicateSid = "P020"
    /// `Sid` with characters other than ASCII letters and digits, in a policy that IAM stores
    case malformedSid = "P021"
    /// unknown condition operator, set qualifier or suffix (with a did-you-mean)
    case unknownOperator = "P022"
    /// malformed condition value (null, an object, a nested array) or an empty condition key
    case malformedConditionValue = "P023"
    /// (warning) an empty `Condition`, operator block or list of condition values
    case emptyCondition = "P024"
    /// a resource control policy without `"Version": "2012-10-17"`
    case rcpVersion = "P025"
    /// `NotAction` in a resource control policy
    case rcpNotAction = "P026"
    /// an `AWS` principal IAM does not accept (a group, an instance, a wildcard inside an ARN)
    case unacceptedPrincipal = "P027"
    /// `Allow` in a resource control policy other than RCPFullAWSAccess's own statement
    case rcpAllow = "P028"
}
