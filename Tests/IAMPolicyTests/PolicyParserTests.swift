import Diagnostics
import IAMPolicy
import Testing
import TestSupport

/// Swift Testing has its own `SourceLocation`; these tests mean the one of diagnostics.
private typealias SourceLocation = Diagnostics.SourceLocation

// Each rule names the IAM User Guide page it comes from, under
// https://docs.aws.amazon.com/IAM/latest/UserGuide/ (RCPs: AWS Organizations User Guide,
// orgs_manage_policies_rcps_syntax.html).

/// A one-line policy around `statements` (already JSON), with a 2012-10-17 `Version` unless told otherwise.
private func doc(_ statements: String, version: String? = "2012-10-17") -> String {
    let versionText = version.map { "\"Version\": \"\($0)\", " } ?? ""
    return "{\(versionText)\"Statement\": [\(statements)]}"
}

/// The parts most identity-policy statements share.
private let allowGet = #""Effect": "Allow", "Action": "s3:GetObject", "Resource": "*""#

/// One diagnostics case: a policy with markers, its kind, and the code expected at each marker.
struct PolicyDiagnosticCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var kind: PolicyKind
    var text: String
    var expected: [(marker: Character, code: String)]
    var testDescription: String { rule }

    init(_ rule: String, _ kind: PolicyKind = .identity, _ text: String, _ expected: [(marker: Character, code: String)]) {
        self.rule = rule
        self.kind = kind
        self.text = text
        self.expected = expected
    }
}

@Suite("Policy parser: diagnostics at marked positions")
struct PolicyParserDiagnosticsTests {
    static let cases: [PolicyDiagnosticCase] = [
        // MARK: Document (reference_policies_grammar.html)
        .init("P003: the policy is not an object (reference_policies_grammar.html)", .identity,
              "1️⃣[{\(allowGet)}]", [("1️⃣", "P003")]),
        .init("P003: the policy is a string (reference_policies_grammar.html)", .identity,
              "1️⃣\"Allow everything\"", [("1️⃣", "P003")]),
        .init("J001: malformed JSON is the only diagnostic (reference_policies_grammar.html)", .identity,
              "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\"1️⃣,}]}", [("1️⃣", "J001")]),
        .init("P001: unknown policy element with a suggestion (reference_policies_grammar.html)", .identity,
              "{1️⃣\"Versoin\": \"2012-10-17\", \"Statement\": [{\(allowGet)}]}", [("1️⃣", "P001")]),
        .init("P001: `Statements` is not `Statement` (reference_policies_elements_statement.html)", .identity,
              "1️⃣{\"Version\": \"2012-10-17\", 2️⃣\"Statements\": [{\(allowGet)}]}", [("1️⃣", "P005"), ("2️⃣", "P001")]),
        .init("P001: a statement element at the top level (reference_policies_grammar.html)", .identity,
              "{\"Version\": \"2012-10-17\", 1️⃣\"Effect\": \"Allow\", \"Statement\": [{\(allowGet)}]}", [("1️⃣", "P001")]),
        .init("P002: a repeated top-level key names the first's line (reference_policies_grammar.html, notes)", .identity, """
            {
              "Version": "2012-10-17",
              "Statement": [{\(allowGet)}],
              1️⃣"Statement": [{\(allowGet)}]
            }
            """, [("1️⃣", "P002")]),
        .init("P003: `Id` is not a string (reference_policies_elements_id.html)", .identity,
              "{\"Id\": 1️⃣42, \"Statement\": [{\(allowGet)}]}", [("1️⃣", "P003")]),

        // MARK: Version (reference_policies_elements_version.html)
        .init("P004: a version that is not one of the two dates (reference_policies_elements_version.html)", .identity,
              "{\"Version\": 1️⃣\"2012-10-18\", \"Statement\": [{\(allowGet)}]}", [("1️⃣", "P004")]),
        .init("P004: today's date is not a policy version (reference_policies_elements_version.html)", .identity,
              "{\"Version\": 1️⃣\"2024-01-01\", \"Statement\": {\(allowGet)}}", [("1️⃣", "P004")]),
        .init("P004 alone: after a wrong version, variables are not reported again (reference_policies_elements_version.html)", .identity,
              "{\"Version\": 1️⃣\"2012-17-10\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::b/${aws:username}\"}}",
              [("1️⃣", "P004")]),
        .init("P003: the version is a number (reference_policies_elements_version.html)", .identity,
              "{\"Version\": 1️⃣2012, \"Statement\": [{\(allowGet)}]}", [("1️⃣", "P003")]),

        // MARK: Statement (reference_policies_elements_statement.html)
        .init("P005: no Statement element (reference_policies_elements_statement.html)", .identity,
              "1️⃣{\"Version\": \"2012-10-17\"}", [("1️⃣", "P005")]),
        .init("P005: an empty statement array (reference_policies_elements_statement.html)", .identity,
              "{\"Version\": \"2012-10-17\", \"Statement\": 1️⃣[]}", [("1️⃣", "P005")]),
        .init("P003: Statement is a string (reference_policies_elements_statement.html)", .identity,
              "{\"Statement\": 1️⃣\"Allow\"}", [("1️⃣", "P003")]),
        .init("P003: a statement in the array is not an object (reference_policies_elements_statement.html)", .identity,
              doc("{\(allowGet)}, 1️⃣\"s3:GetObject\""), [("1️⃣", "P003")]),
        .init("P001: unknown statement element with a suggestion (reference_policies_elements.html)", .identity,
              doc("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", 1️⃣\"Conditions\": {}}"), [("1️⃣", "P001")]),
        .init("P001: element names are case-sensitive (reference_policies_elements.html)", .identity,
              doc("2️⃣{1️⃣\"effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"), [("1️⃣", "P001"), ("2️⃣", "P006")]),
        .init("P001: Version belongs outside the statement (reference_policies_elements_version.html)", .identity,
              doc("{1️⃣\"Version\": \"2012-10-17\", \(allowGet)}"), [("1️⃣", "P001")]),
        .init("P002: a statement repeats Effect (reference_policies_grammar.html, notes)", .identity,
              doc("{\"Effect\": \"Allow\", 1️⃣\"Effect\": \"Deny\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"), [("1️⃣", "P002")]),

        // MARK: Sid (reference_policies_elements_sid.html)
        .init("P020: duplicate Sid (reference_policies_elements_sid.html)", .identity, """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "ReadOnly", \(allowGet)},
              {"Sid": 1️⃣"ReadOnly", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}
            ]}
            """, [("1️⃣", "P020")]),
        .init("P021: Sid with a space in an identity policy (reference_policies_elements_sid.html)", .identity,
              doc("{\"Sid\": 1️⃣\"Read only\", \(allowGet)}"), [("1️⃣", "P021")]),
        .init("P021: Sid with a hyphen in a trust policy (reference_policies_elements_sid.html)", .trust,
              doc("{\"Sid\": 1️⃣\"trust-ec2\", \"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}"),
              [("1️⃣", "P021")]),
        .init("P003: Sid is a number (reference_policies_elements_sid.html)", .identity,
              doc("{\"Sid\": 1️⃣1, \(allowGet)}"), [("1️⃣", "P003")]),

        // MARK: Effect (reference_policies_elements_effect.html)
        .init("P006: missing Effect (reference_policies_elements_effect.html)", .identity,
              doc("1️⃣{\"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"), [("1️⃣", "P006")]),
        .init("P006: Effect is case-sensitive (reference_policies_elements_effect.html)", .identity,
              doc("{\"Effect\": 1️⃣\"allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"), [("1️⃣", "P006")]),
        .init("P006: Effect is neither Allow nor Deny (reference_policies_elements_effect.html)", .identity,
              doc("{\"Effect\": 1️⃣\"Permit\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"), [("1️⃣", "P006")]),
        .init("P003: Effect is a boolean (reference_policies_elements_effect.html)", .identity,
              doc("{\"Effect\": 1️⃣true, \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"), [("1️⃣", "P003")]),

        // MARK: Action / NotAction (reference_policies_elements_action.html, ..._notaction.html)
        .init("P007: missing Action (reference_policies_elements_action.html)", .identity,
              doc("1️⃣{\"Effect\": \"Allow\", \"Resource\": \"*\"}"), [("1️⃣", "P007")]),
        .init("P007: both Action and NotAction (reference_policies_elements_notaction.html)", .identity,
              doc("{\"Effect\": \"Deny\", \"Action\": \"s3:*\", 1️⃣\"NotAction\": \"s3:GetObject\", \"Resource\": \"*\"}"), [("1️⃣", "P007")]),
        .init("P008: an action without a service prefix (reference_policies_elements_action.html)", .identity,
              doc("{\"Effect\": \"Allow\", \"Action\": [\"s3:ListBucket\", 1️⃣\"GetObject\"], \"Resource\": \"*\"}"), [("1️⃣", "P008")]),
        .init("P008: an action with an empty name (reference_policies_elements_action.html)", .identity,
              doc("{\"Effect\": \"Allow\", \"Action\": 1️⃣\"s3:\", \"Resource\": \"*\"}"), [("1️⃣", "P008")]),
        .init("P008: an action with an empty service prefix (reference_policies_elements_action.html)", .identity,
              doc("{\"Effect\": \"Allow\", \"Action\": 1️⃣\":GetObject\", \"Resource\": \"*\"}"), [("1️⃣", "P008")]),
        .init("P008: a wildcard in the service prefix (reference_policies_elements_action.html)", .identity,
              doc("{\"Effect\": \"Allow\", \"Action\": 1️⃣\"s3*:GetObject\", \"Resource\": \"*\"}"), [("1️⃣", "P008")]),
        .init("P008: a NotAction entry is checked like an Action (reference_policies_elements_notaction.html)", .scp,
              doc("{\"Effect\": \"Deny\", \"NotAction\": [\"iam:*\", 1️⃣\"support\"], \"Resource\": \"*\"}"), [("1️⃣", "P008")]),
        .init("P009: an empty Action array (reference_policies_elements_action.html)", .identity,
              doc("{\"Effect\": \"Allow\", \"Action\": 1️⃣[], \"Resource\": \"*\"}"), [("1️⃣", "P009")]),
        .init("P003: an Action entry is a number (reference_policies_grammar.html)", .identity,
              doc("{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", 1️⃣3], \"Resource\": \"*\"}"), [("1️⃣", "P003")]),
        .init("P003: Action is an object (reference_policies_grammar.html)", .identity,
              doc("{\"Effect\": \"Allow\", \"Action\": 1️⃣{\"s3\": \"GetObject\"}, \"Resource\": \"*\"}"), [("1️⃣", "P003")]),

        // MARK: Resource / NotResource (reference_policies_elements_resource.html, ..._notresource.html)
        .init("P010: missing Resource in an identity policy (reference_policies_elements_resource.html)", .identity,
              doc("1️⃣{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"}"), [("1️⃣", "P010")]),
        .init("P010: missing Resource in a service control policy (reference_policies_elements_resource.html)", .scp,
              doc("1️⃣{\"Effect\": \"Deny\", \"Action\": \"s3:*\"}"), [("1️⃣", "P010")]),
        .init("P010: missing Resource in a bucket policy (reference_policies_elements_resource.html)", .resource,
              doc("1️⃣{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\"}"), [("1️⃣", "P010")]),
        .init("P010: both Resource and NotResource (reference_policies_elements_notresource.html)", .identity,
              doc("{\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\", 1️⃣\"NotResource\": \"arn:aws:s3:::payroll/*\"}"),
              [("1️⃣", "P010")]),
        .init("P009: an empty Resource array (reference_policies_elements_resource.html)", .boundary,
              doc("{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": 1️⃣[]}"), [("1️⃣", "P009")]),
        .init("P012: a resource that is not an ARN, in an identity policy (reference_policies_elements_resource.html)", .identity,
              doc("{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": [\"arn:aws:s3:::bucket\", 1️⃣\"bucket/*\"]}"), [("1️⃣", "P012")]),
        .init("P012: a resource that is not an ARN is only a warning in a resource policy (reference_policies_elements_resource.html)", .resource,
              doc("{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"execute-api:Invoke\", \"Resource\": 1️⃣\"execute-api:/*\"}"),
              [("1️⃣", "P012")]),
        .init("P011: Resource in a role trust policy (reference_policies_elements_resource.html)", .trust,
              doc("{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", 1️⃣\"Resource\": \"*\"}"),
              [("1️⃣", "P011")]),
        .init("P013: a malformed policy variable in 2012-10-17 (reference_policies_variables.html)", .identity,
              doc("{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": 1️⃣\"arn:aws:s3:::bucket/home/${aws:username/*\"}"),
              [("1️⃣", "P013")]),
        .init("P014: a variable in a 2008-10-17 policy is literal text (reference_policies_elements_version.html)", .identity,
              doc("{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": 1️⃣\"arn:aws:s3:::bucket/${aws:username}/*\"}", version: "2008-10-17"),
              [("1️⃣", "P014")]),
        .init("P014: a variable in a policy without Version is literal text (reference_policies_elements_version.html)", .identity,
              doc("{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": 1️⃣\"arn:aws:s3:::bucket/${aws:username}\"}", version: nil),
              [("1️⃣", "P014")]),

        // MARK: Principal / NotPrincipal (reference_policies_elements_principal.html, ..._notprincipal.html)
        .init("P015: Principal in an identity policy (reference_policies_elements_principal.html)", .identity,
              doc("{\"Effect\": \"Allow\", 1️⃣\"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\"}"), [("1️⃣", "P015")]),
        .init("P015: Principal in a service control policy (orgs_manage_policies_scps_syntax.html)", .scp,
              doc("{\"Effect\": \"Deny\", 1️⃣\"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\"}"), [("1️⃣", "P015")]),
        .init("P015: NotPrincipal in a permissions boundary (reference_policies_elements_notprincipal.html)", .boundary,
              doc("{\"Effect\": \"Deny\", 1️⃣\"NotPrincipal\": {\"AWS\": \"123456789012\"}, \"Action\": \"s3:*\", \"Resource\": \"*\"}"),
              [("1️⃣", "P015")]),
        .init("P016: missing Principal in a bucket policy (reference_policies_elements_principal.html)", .resource,
              doc("1️⃣{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}"), [("1️⃣", "P016")]),
        .init("P016: missing Principal in a trust policy (reference_policies_elements_principal.html)", .trust,
              doc("1️⃣{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\"}"), [("1️⃣", "P016")]),
        .init("P016: both Principal and NotPrincipal (reference_policies_elements.html)", .resource,
              doc("{\"Effect\": \"Deny\", \"Principal\": \"*\", 1️⃣\"NotPrincipal\": {\"AWS\": \"123456789012\"}, \"Action\": \"s3:*\", \"Resource\": \"*\"}"),
              [("1️⃣", "P016")]),
        .init("P017: NotPrincipal with Allow (reference_policies_elements_notprincipal.html)", .resource,
              doc("{\"Effect\": \"Allow\", 1️⃣\"NotPrincipal\": {\"AWS\": \"arn:aws:iam::123456789012:root\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"),
              [("1️⃣", "P017")]),
        .init("P017: NotPrincipal in a role trust policy (reference_policies_elements_notprincipal.html)", .trust,
              doc("{\"Effect\": \"Deny\", 1️⃣\"NotPrincipal\": {\"AWS\": \"123456789012\"}, \"Action\": \"sts:AssumeRole\"}"), [("1️⃣", "P017")]),
        .init("P018: a principal string other than * (reference_policies_elements_principal.html)", .resource,
              doc("{\"Effect\": \"Allow\", \"Principal\": 1️⃣\"arn:aws:iam::123456789012:root\", \"Action\": \"s3:*\", \"Resource\": \"*\"}"),
              [("1️⃣", "P018")]),
        .init("P018: an unknown principal type with a suggestion (reference_policies_elements_principal.html)", .trust,
              doc("{\"Effect\": \"Allow\", \"Principal\": {1️⃣\"Services\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}"), [("1️⃣", "P018")]),
        .init("P018: an empty principal object (reference_policies_elements_principal.html)", .resource,
              doc("{\"Effect\": \"Allow\", \"Principal\": 1️⃣{}, \"Action\": \"s3:*\", \"Resource\": \"*\"}"), [("1️⃣", "P018")]),
        .init("P027: a group is not a principal (reference_policies_elements_principal.html)", .trust,
              doc("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": 1️⃣\"arn:aws:iam::123456789012:group/ops\"}, \"Action\": \"sts:AssumeRole\"}"), [("1️⃣", "P027")]),
        .init("P027: an EC2 instance is not a principal (reference_policies_elements_principal.html)", .trust,
              doc("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"123456789012\", 1️⃣\"arn:aws:ec2:us-east-1:123456789012:instance/i-1\"]}, \"Action\": \"sts:AssumeRole\"}"), [("1️⃣", "P027")]),
        .init("P027: no wildcard inside a principal ARN (reference_policies_elements_principal.html)", .resource,
              doc("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": 1️⃣\"arn:aws:iam::123456789012:role/app-*\"}, \"Action\": \"s3:*\", \"Resource\": \"*\"}"), [("1️⃣", "P027")]),
        .init("P027 not raised: account id, root, user, role with path, role session, federated user, unique ids", .trust,
              doc("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"123456789012\", \"arn:aws:iam::123456789012:root\", \"arn:aws:iam::123456789012:user/a\", \"arn:aws:iam::123456789012:role/x/y/App\", \"arn:aws:sts::123456789012:assumed-role/App/s\", \"arn:aws:sts::123456789012:federated-user/bob\", \"AROAEXAMPLEID0000001\", \"*\"]}, \"Action\": \"sts:AssumeRole\"}"), []),
        .init("P009: an empty array of AWS principals (reference_policies_elements_principal.html)", .resource,
              doc("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": 1️⃣[]}, \"Action\": \"s3:*\", \"Resource\": \"*\"}"), [("1️⃣", "P009")]),
        .init("P003: a principal entry is a number (reference_policies_grammar.html)", .resource,
              doc("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": 1️⃣123456789012}, \"Action\": \"s3:*\", \"Resource\": \"*\"}"), [("1️⃣", "P003")]),
        .init("P003: Principal is an array (reference_policies_grammar.html)", .resource,
              doc("{\"Effect\": \"Allow\", \"Principal\": 1️⃣[\"*\"], \"Action\": \"s3:*\", \"Resource\": \"*\"}"), [("1️⃣", "P003")]),

        // MARK: Resource control policies (orgs_manage_policies_rcps_syntax.html)
        .init("P019: an RCP principal must be \"*\" (orgs_manage_policies_rcps_syntax.html)", .rcp,
              doc("{\"Effect\": \"Deny\", \"Principal\": 1️⃣{\"AWS\": \"*\"}, \"Action\": \"s3:*\", \"Resource\": \"*\"}"), [("1️⃣", "P019")]),
        .init("P016: an RCP statement without Principal (orgs_manage_policies_rcps_syntax.html)", .rcp,
              doc("1️⃣{\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\"}"), [("1️⃣", "P016")]),
        .init("P025: an RCP without Version (orgs_manage_policies_rcps_syntax.html)", .rcp,
              "1️⃣{\"Statement\": {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}", [("1️⃣", "P025")]),
        .init("P025: an RCP with version 2008-10-17 (orgs_manage_policies_rcps_syntax.html)", .rcp,
              "{\"Version\": 1️⃣\"2008-10-17\", \"Statement\": {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}",
              [("1️⃣", "P025")]),
        .init("P028: an RCP cannot Allow, except RCPFullAWSAccess's own statement (orgs_manage_policies_rcps_syntax.html)", .rcp,
              doc("{\"Effect\": 1️⃣\"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"), [("1️⃣", "P028")]),
        .init("RCPFullAWSAccess's statement is the one Allow an RCP may hold", .rcp,
              doc("{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\"}"), []),
        .init("P026: NotAction in an RCP (orgs_manage_policies_rcps_syntax.html)", .rcp,
              doc("{\"Effect\": \"Deny\", \"Principal\": \"*\", 1️⃣\"NotAction\": \"s3:GetObject\", \"Resource\": \"*\"}"), [("1️⃣", "P026")]),

        // MARK: Condition (reference_policies_elements_condition.html, ..._condition_operators.html)
        .init("P022: an unknown operator with a suggestion (reference_policies_elements_condition_operators.html)", .identity,
              doc("{\(allowGet), \"Condition\": {1️⃣\"StringEqual\": {\"aws:PrincipalTag/team\": \"a\"}}}"), [("1️⃣", "P022")]),
        .init("P022: operator names are case-sensitive (reference_policies_elements_condition_operators.html)", .identity,
              doc("{\(allowGet), \"Condition\": {1️⃣\"stringequals\": {\"aws:PrincipalTag/team\": \"a\"}}}"), [("1️⃣", "P022")]),
        .init("P022: an unknown set qualifier (reference_policies_condition-single-vs-multi-valued-context-keys.html)", .identity,
              doc("{\(allowGet), \"Condition\": {1️⃣\"ForAnyValues:StringLike\": {\"aws:TagKeys\": \"env*\"}}}"), [("1️⃣", "P022")]),
        .init("P022: Null takes no set qualifier (reference_policies_elements_condition_operators.html)", .identity,
              doc("{\(allowGet), \"Condition\": {1️⃣\"ForAllValues:Null\": {\"aws:TagKeys\": \"true\"}}}"), [("1️⃣", "P022")]),
        .init("P022: Null takes no IfExists suffix (reference_policies_elements_condition_operators.html)", .identity,
              doc("{\(allowGet), \"Condition\": {1️⃣\"NullIfExists\": {\"aws:TokenIssueTime\": \"true\"}}}"), [("1️⃣", "P022")]),
        .init("P023: a null condition value (reference_policies_grammar.html)", .identity,
              doc("{\(allowGet), \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/team\": 1️⃣null}}}"), [("1️⃣", "P023")]),
        .init("P023: an object as a condition value (reference_policies_grammar.html)", .identity,
              doc("{\(allowGet), \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/team\": 1️⃣{\"a\": \"b\"}}}}"), [("1️⃣", "P023")]),
        .init("P023: a nested array of condition values (reference_policies_grammar.html)", .identity,
              doc("{\(allowGet), \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/team\": [\"a\", 1️⃣[\"b\"]]}}}"), [("1️⃣", "P023")]),
        .init("P023: an empty condition key (reference_policies_elements_condition.html)", .identity,
              doc("{\(allowGet), \"Condition\": {\"StringEquals\": {1️⃣\"\": \"a\"}}}"), [("1️⃣", "P023")]),
        .init("P024: an empty list of condition values is a warning (reference_policies_elements_condition.html)", .identity,
              doc("{\(allowGet), \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/team\": 1️⃣[]}}}"), [("1️⃣", "P024")]),
        .init("P024: an empty Condition is a warning (reference_policies_elements_condition.html)", .identity,
              doc("{\(allowGet), \"Condition\": 1️⃣{}}"), [("1️⃣", "P024")]),
        .init("P024: an operator without keys is a warning (reference_policies_elements_condition.html)", .identity,
              doc("{\(allowGet), \"Condition\": {\"Bool\": 1️⃣{}}}"), [("1️⃣", "P024")]),
        .init("P003: Condition is a string (reference_policies_elements_condition.html)", .identity,
              doc("{\(allowGet), \"Condition\": 1️⃣\"aws:SecureTransport\"}"), [("1️⃣", "P003")]),
        .init("P003: an operator block is an array (reference_policies_elements_condition.html)", .identity,
              doc("{\(allowGet), \"Condition\": {\"StringEquals\": 1️⃣[\"aws:username\", \"bob\"]}}"), [("1️⃣", "P003")]),
        .init("P002: a condition block repeats a key (reference_policies_grammar.html, notes)", .identity, """
            {"Version": "2012-10-17", "Statement": {\(allowGet), "Condition": {"StringEquals": {
              "aws:PrincipalTag/team": "a",
              1️⃣"aws:PrincipalTag/team": "b"
            }}}}
            """, [("1️⃣", "P002")]),

        // MARK: All problems are collected
        .init("several problems in one statement are all reported (house style)", .identity,
              doc("{\"Effect\": 1️⃣\"Allowed\", \"Action\": 2️⃣\"GetObject\", \"Resource\": 3️⃣\"bucket\", 4️⃣\"Condtion\": {}}"),
              [("1️⃣", "P006"), ("2️⃣", "P008"), ("3️⃣", "P012"), ("4️⃣", "P001")]),
        .init("problems in several statements are all reported (house style)", .resource, """
            {"Version": "2012-10-17", "Statement": [
              1️⃣{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
              {"Effect": "Deny", "Principal": {2️⃣"Aws": "*"}, "Action": "s3:*", "Resource": "*"},
              {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {3️⃣"IpAdress": {"aws:SourceIp": "192.0.2.0/24"}}}
            ]}
            """, [("1️⃣", "P016"), ("2️⃣", "P018"), ("3️⃣", "P022")]),
    ]

    @Test(arguments: cases)
    func reportsAtMarkers(_ c: PolicyDiagnosticCase) {
        let marked = MarkedText(c.text)
        let result = PolicyParser.parse(marked.text, id: "policy.json", kind: c.kind)
        let found = result.diagnostics.map { "\($0.code)@\($0.range?.start.description ?? "-")" }
        let expected = c.expected.map { "\($0.code)@\(marked[$0.marker])" }
        #expect(found.sorted() == expected.sorted())
        #expect((result.policy == nil) == result.diagnostics.hasErrors)
        for d in result.diagnostics {
            #expect(d.file == "policy.json")
            // House style: lowercase, one line, no final period.
            #expect(d.message.first?.isUppercase == false, "\(d.message)")
            #expect(!d.message.hasSuffix(".") && !d.message.contains("\n"), "\(d.message)")
        }
    }
}

@Suite("Policy parser: messages and help")
struct PolicyParserMessageTests {
    private func diagnostics(_ text: String, kind: PolicyKind = .identity) -> [Diagnostic] {
        PolicyParser.parse(text, id: "p", kind: kind).diagnostics
    }

    @Test("unknown elements suggest the closest element name")
    func didYouMean() {
        let d = diagnostics(doc("{\"Effect\": \"Allow\", \"Actions\": \"s3:GetObject\", \"Resource\": \"*\"}"))
        #expect(d.first { $0.code == "P001" }?.message == "unknown statement element `Actions`")
        #expect(d.first { $0.code == "P001" }?.help == "did you mean `Action`?")
        let top = diagnostics("{\"Versoin\": \"2012-10-17\", \"Statement\": {\(allowGet)}}")
        #expect(top.first?.help == "did you mean `Version`?")
    }

    @Test("a duplicate key names the line of the first")
    func duplicateNamesFirstLine() {
        let d = diagnostics("{\n\"Statement\": {\(allowGet)},\n\n\"Statement\": {\(allowGet)}}")
        #expect(d.map(\.message) == ["duplicate key `Statement`, first written on line 2"])
        #expect(d.first?.range?.start == SourceLocation(line: 4, column: 1))
    }

    @Test("Effect, operator and principal type suggestions")
    func suggestions() {
        #expect(diagnostics(doc("{\"Effect\": \"deny\", \"Action\": \"s3:*\", \"Resource\": \"*\"}")).first?.help
            == "did you mean `Deny`? `Effect` is case-sensitive")
        let op = diagnostics(doc("{\(allowGet), \"Condition\": {\"ForAnyValue:StringEqual\": {\"aws:TagKeys\": \"a\"}}}"))
        #expect(op.first?.message == "unknown condition operator `ForAnyValue:StringEqual`")
        #expect(op.first?.help == "did you mean `ForAnyValue:StringEquals`?")
        let qualifier = diagnostics(doc("{\(allowGet), \"Condition\": {\"ForAnyValues:StringLike\": {\"aws:TagKeys\": \"a\"}}}"))
        #expect(qualifier.first?.help == "did you mean `ForAnyValue:StringLike`?")
        let principal = diagnostics(doc("{\"Effect\": \"Allow\", \"Principal\": {\"Aws\": \"*\"}, \"Action\": \"s3:*\", \"Resource\": \"*\"}"),
                                    kind: .resource)
        #expect(principal.first?.help == "did you mean `AWS`?")
    }

    @Test("the duplicate Sid message names the first statement's line")
    func duplicateSid() {
        let d = diagnostics("{\"Statement\": [\n{\"Sid\": \"A\", \(allowGet)},\n{\"Sid\": \"A\", \(allowGet)}]}")
        #expect(d.map(\.message) == ["duplicate `Sid` `A`, first used on line 2"])
    }

    @Test("file defaults to the id, and can be given")
    func fileName() {
        let text = doc("{\"Effect\": \"Allow\"}")
        #expect(PolicyParser.parse(text, id: "PolicyInputList.1", kind: .identity).diagnostics.allSatisfy { $0.file == "PolicyInputList.1" })
        #expect(PolicyParser.parse(text, id: "x", kind: .identity, file: "a/b.json").diagnostics.allSatisfy { $0.file == "a/b.json" })
        #expect(PolicyParser.parse("{", id: "x", kind: .identity, file: "c.json").diagnostics.map(\.file) == ["c.json"])
    }

    @Test("diagnostics come sorted by position")
    func sorted() {
        let d = diagnostics("{\"Statement\": [{\"Effect\": \"allow\", \"Action\": \"x\", \"Resource\": \"y\"}], \"Versio\": \"2012-10-17\"}")
        let starts = d.compactMap { $0.range?.start }
        #expect(starts == starts.sorted())
        #expect(d.map(\.code) == ["P006", "P008", "P012", "P001"])
    }
}

@Suite("Policy parser: valid policies")
struct PolicyParserValidTests {
    private func parse(_ text: String, kind: PolicyKind) -> Policy? {
        let result = PolicyParser.parse(text, id: "test", kind: kind)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.locationText): \($0.message)" })")
        return result.policy
    }

    // A bucket policy: public read of one prefix, and deny of plain HTTP
    // (S3 User Guide, example-bucket-policies.html; reference_policies_elements_principal.html).
    @Test("S3 bucket policy")
    func bucketPolicy() throws {
        let policy = try #require(parse("""
            {
              "Version": "2012-10-17",
              "Id": "BucketPolicy",
              "Statement": [
                {
                  "Sid": "PublicReadForWebsite",
                  "Effect": "Allow",
                  "Principal": "*",
                  "Action": ["s3:GetObject", "s3:GetObjectVersion"],
                  "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/public/*"
                },
                {
                  "Sid": "DenyInsecureTransport",
                  "Effect": "Deny",
                  "Principal": {"AWS": "*"},
                  "Action": "s3:*",
                  "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
                  "Condition": {"Bool": {"aws:SecureTransport": false}, "NumericLessThan": {"s3:TlsVersion": 1.2}}
                }
              ]
            }
            """, kind: .resource))
        #expect(policy.version == .v2012_10_17)
        #expect(policy.policyID == "BucketPolicy")
        #expect(policy.kind == .resource)
        #expect(policy.statements.count == 2)
        let read = policy.statements[0]
        #expect(read.index == 0)
        #expect(read.sid == "PublicReadForWebsite")
        #expect(read.effect == .allow)
        #expect(read.principals == [PrincipalPattern(kind: .everyone, value: "*", range: SourceRange(line: 1, column: 1))])
        #expect(read.actions.map(\.text) == ["s3:GetObject", "s3:GetObjectVersion"])
        #expect(read.resources?.map(\.text) == ["arn:aws:s3:::amzn-s3-demo-bucket/public/*"])
        let deny = policy.statements[1]
        #expect(deny.index == 1)
        #expect(deny.effect == .deny)
        // `{"AWS": "*"}` is everyone, like `"*"`.
        #expect(deny.principals?.map(\.kind) == [.everyone])
        #expect(deny.resources?.count == 2)
        #expect(deny.conditions.map(\.operatorText) == ["Bool", "NumericLessThan"])
        #expect(deny.conditions.map(\.values) == [["false"], ["1.2"]])
        #expect(deny.conditions.first?.op == ConditionOperator(base: .bool))
    }

    // A role trust policy for a third party, with an External ID
    // (id_roles_create_for-user_externalid.html; reference_policies_elements_principal.html).
    @Test("trust policy with an External ID condition")
    func trustPolicyWithExternalID() throws {
        let policy = try #require(parse("""
            {
              "Version": "2012-10-17",
              "Statement": {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"sts:ExternalId": "Unique-ID-12345"}}
              }
            }
            """, kind: .trust))
        let statement = try #require(policy.statements.first)
        #expect(policy.statements.count == 1)
        #expect(statement.resources == nil)
        #expect(statement.principals?.map(\.kind) == [.aws])
        #expect(statement.principals?.map(\.value) == ["arn:aws:iam::111122223333:root"])
        #expect(statement.principalPolarity == .positive)
        #expect(statement.actions.map(\.text) == ["sts:AssumeRole"])
        let clause = try #require(statement.conditions.first)
        #expect(clause.op == ConditionOperator(base: .stringEquals))
        #expect(clause.key == "sts:ExternalId")
        #expect(clause.values == ["Unique-ID-12345"])
        #expect(clause.range.start == SourceLocation(line: 7, column: 36))
    }

    // A service control policy that denies everything outside two Regions except global services
    // (orgs_manage_policies_scps_examples_general.html; reference_policies_elements_notaction.html).
    @Test("SCP deny with NotAction")
    func scpDenyWithNotAction() throws {
        let policy = try #require(parse("""
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "DenyAllOutsideEU",
                  "Effect": "Deny",
                  "NotAction": ["iam:*", "organizations:*", "route53:*", "budgets:*", "support:*", "sts:*"],
                  "Resource": "*",
                  "Condition": {
                    "StringNotEquals": {"aws:RequestedRegion": ["eu-central-1", "eu-west-1"]},
                    "ArnNotLike": {"aws:PrincipalARN": "arn:aws:iam::*:role/Role1AllowedToBypassThisSCP"}
                  }
                }
              ]
            }
            """, kind: .scp))
        let statement = try #require(policy.statements.first)
        #expect(statement.effect == .deny)
        #expect(statement.actionPolarity == .negated)
        #expect(statement.actions.count == 6)
        #expect(statement.principals == nil)
        #expect(statement.resources?.map(\.text) == ["*"])
        #expect(statement.conditions.map(\.key) == ["aws:RequestedRegion", "aws:PrincipalARN"])
        #expect(statement.conditions.first?.values == ["eu-central-1", "eu-west-1"])
    }

    // The default KMS key policy plus a statement for key users; its Sids contain spaces, which KMS
    // accepts (kms key-policy-default.html; reference_policies_elements_sid.html).
    @Test("KMS key policy")
    func kmsKeyPolicy() throws {
        let policy = try #require(parse("""
            {
              "Version": "2012-10-17",
              "Id": "key-default-1",
              "Statement": [
                {
                  "Sid": "Enable IAM User Permissions",
                  "Effect": "Allow",
                  "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                  "Action": "kms:*",
                  "Resource": "*"
                },
                {
                  "Sid": "Allow use of the key",
                  "Effect": "Allow",
                  "Principal": {"AWS": ["arn:aws:iam::111122223333:role/KeyUser", "444455556666"]},
                  "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                  "Resource": "*",
                  "Condition": {"ForAnyValue:StringEquals": {"kms:EncryptionContextKeys": "Department"},
                                "BoolIfExists": {"kms:GrantIsForAWSResource": "true"}}
                }
              ]
            }
            """, kind: .resource))
        #expect(policy.statements.map(\.sid) == ["Enable IAM User Permissions", "Allow use of the key"])
        let use = policy.statements[1]
        #expect(use.principals?.map(\.value) == ["arn:aws:iam::111122223333:role/KeyUser", "444455556666"])
        #expect(use.conditions.first?.op == ConditionOperator(base: .stringEquals, qualifier: .forAnyValue))
        #expect(use.conditions.last?.op == ConditionOperator(base: .bool, ifExists: true))
        #expect(use.conditions.last?.operatorText == "BoolIfExists")
    }

    @Test("a resource control policy with Principal \"*\" (orgs_manage_policies_rcps_syntax.html)")
    func resourceControlPolicy() throws {
        let policy = try #require(parse("""
            {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
             "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}}}}
            """, kind: .rcp))
        #expect(policy.statements.first?.principals?.map(\.kind) == [.everyone])
    }

    @Test("identity policy with variables, one statement object, other principal types in a trust policy")
    func variablesAndPrincipalKinds() throws {
        let identity = try #require(parse("""
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*",
             "Resource": "arn:aws:s3:::bucket/home/${aws:username}/*"}}
            """, kind: .identity))
        #expect(identity.statements.first?.resources?.first?.text == "arn:aws:s3:::bucket/home/${aws:username}/*")
        let trust = try #require(parse("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com", "lambda.amazonaws.com"]}, "Action": "sts:AssumeRole"},
              {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"},
               "Action": "sts:AssumeRoleWithSAML", "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}
            ]}
            """, kind: .trust))
        #expect(trust.statements.flatMap { $0.principals ?? [] }.map(\.kind) == [.service, .service, .federated])
        let bucket = try #require(parse("""
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
             "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}}
            """, kind: .resource))
        #expect(bucket.statements.first?.principals?.first?.kind == .canonicalUser)
    }

    @Test("NotPrincipal with Deny in a resource policy, NotResource, and a policy without Version")
    func negatedElements() throws {
        let policy = try #require(parse("""
            {"Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::444455556666:user/Bob", "arn:aws:iam::444455556666:root"]},
             "Action": "s3:*", "NotResource": ["arn:aws:s3:::bucket/payroll", "arn:aws:s3:::bucket/payroll/*"]}}
            """, kind: .resource))
        #expect(policy.version == .absent)
        let statement = try #require(policy.statements.first)
        #expect(statement.principalPolarity == .negated)
        #expect(statement.resourcePolarity == .negated)
        #expect(statement.actionPolarity == .positive)
    }

    @Test("statements, actions, resources, principals and condition clauses carry their ranges")
    func ranges() throws {
        let marked = MarkedText("""
            {"Version": "2012-10-17", "Statement": [
              1️⃣{"Effect": "Allow", "Principal": {"AWS": [2️⃣"arn:aws:iam::111122223333:root"]},
               "Action": [3️⃣"s3:GetObject"], "Resource": 4️⃣"arn:aws:s3:::b/*",
               "Condition": {"StringLike": {5️⃣"s3:prefix": ["home/", "é"]6️⃣}}}7️⃣
            ]}
            """)
        let policy = try #require(parse(marked.text, kind: .resource))
        let statement = try #require(policy.statements.first)
        #expect(statement.range == SourceRange(start: marked["1️⃣"], end: marked["7️⃣"]))
        #expect(statement.principals?.first?.range.start == marked["2️⃣"])
        #expect(statement.actions.first?.range == SourceRange(start: marked["3️⃣"], end: SourceLocation(line: 3, column: 29)))
        #expect(statement.resources?.first?.range.start == marked["4️⃣"])
        #expect(statement.conditions.first?.range == SourceRange(start: marked["5️⃣"], end: marked["6️⃣"]))
        #expect(policy.range.start == SourceLocation(line: 1, column: 1))
    }

    @Test("an empty Sid may repeat (older consoles wrote `\"Sid\": \"\"`) (reference_policies_elements_sid.html)")
    func emptySids() throws {
        let policy = try #require(parse(doc("{\"Sid\": \"\", \(allowGet)}, {\"Sid\": \"\", \(allowGet)}"), kind: .identity))
        #expect(policy.statements.map(\.sid) == ["", ""])
    }

    @Test("a warning keeps the policy")
    func warningKeepsPolicy() {
        let result = PolicyParser.parse(doc("{\(allowGet), \"Condition\": {}}"), id: "p", kind: .identity)
        #expect(result.policy != nil)
        #expect(result.diagnostics.map(\.severity) == [.warning])
    }
}
