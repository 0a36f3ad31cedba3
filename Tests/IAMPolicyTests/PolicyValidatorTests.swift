import Diagnostics
import IAMPolicy
import Testing
import TestSupport

// The checks follow IAM Access Analyzer's policy validation
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html, "AA"
// below, with the name of its check); names come from the Service Authorization Reference and the IAM
// User Guide's reference_policies_condition-keys.html ("keys"); operators from
// reference_policies_elements_condition_operators.html ("operators").

extension PolicyDiagnosticCase {
    /// A case of one statement (JSON with position markers) in an identity policy.
    init(_ rule: String, statement: String, _ expected: [(marker: Character, code: String)] = []) {
        self.init(rule, .identity, "{\"Version\": \"2012-10-17\", \"Statement\": [{\(statement)}]}", expected)
    }
}

/// An Allow statement of `actions` on every resource, with a condition block.
private func allow(_ actions: String, condition: String? = nil) -> String {
    #""Effect": "Allow", "Action": \#(actions), "Resource": "*""# + (condition.map { ", \"Condition\": {\($0)}" } ?? "")
}

@Suite("Policy validation: warnings at marked positions")
struct PolicyValidatorTests {
    static let cases: [PolicyDiagnosticCase] = [
        // MARK: Actions
        .init("W201: an unknown service prefix in an action (AA: Invalid service in action)",
              statement: allow(#"1️⃣"s3x:GetObject""#), [("1️⃣", "W201")]),
        .init("W201: in NotAction too: a typo there excludes nothing (AA: Invalid service in action)",
              statement: #""Effect": "Deny", "NotAction": ["iam:*", 1️⃣"stss:GetCallerIdentity"], "Resource": "*""#, [("1️⃣", "W201")]),
        .init("W202: an unknown action of a known service (AA: Invalid action)",
              statement: allow(#"["s3:GetObject", 1️⃣"s3:GetObjekt", 2️⃣"iam:PassRoel"]"#), [("1️⃣", "W202"), ("2️⃣", "W202")]),
        .init("W203: a wildcard that matches no action of its service (AA: Invalid action)",
              statement: allow(#"["s3:Get*", 1️⃣"s3:Gett*"]"#), [("1️⃣", "W203")]),
        .init("no warning: `*`, `service:*`, `?` and any case name actions (reference_policies_elements_action.html)",
              statement: allow(#"["*", "s3:*", "S3:getobject", "ec2:Describe*", "sts:AssumeRole?ithSAML"]"#)),

        // MARK: Condition keys
        .init("W204: an unknown global condition key (AA: Invalid global condition key)",
              statement: allow(#""s3:GetObject""#, condition: #""IpAddress": {1️⃣"aws:SourceIpp": "203.0.113.0/24"}"#), [("1️⃣", "W204")]),
        .init("W204: a misspelled key that takes a tag name (AA: Invalid global condition key)",
              statement: allow(#""s3:GetObject""#, condition: #""StringEquals": {1️⃣"aws:PrincipalTagg/team": "red"}"#), [("1️⃣", "W204")]),
        .init("W205: an unknown key of a known service (AA: Invalid service condition key)",
              statement: allow(#""s3:ListBucket""#, condition: #""StringLike": {1️⃣"s3:prefixx": "home/*"}"#), [("1️⃣", "W205")]),
        .init("W205: a key whose prefix is no service (AA: Invalid service)",
              statement: allow(#""s3:ListBucket""#, condition: #""StringLike": {1️⃣"s3x:prefix": "home/*"}"#), [("1️⃣", "W205")]),
        .init("W205: a key without a prefix (AA: Invalid condition key format)",
              statement: allow(#""s3:ListBucket""#, condition: #""IpAddress": {1️⃣"SourceIp": "203.0.113.0/24"}"#), [("1️⃣", "W205")]),
        .init("no warning: keys ignore case, and take the author's tag names (keys)",
              statement: allow(#""kms:Decrypt""#, condition: #""StringEquals": {"AWS:principaltag/team": "red", "aws:ResourceTag/env": "prod", "kms:EncryptionContext:dept": "hr", "kms:ViaService": "s3.us-east-1.amazonaws.com"}"#)),
        .init("no warning: an identity provider's keys are named by its URL (reference_policies_iam-condition-keys.html)",
              .trust, #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:org/*"}}}]}"#, []),
        .init("no warning: SAML keys in a trust policy (list_awssecuritytokenservice.html)",
              .trust, #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/corp"}, "Action": "sts:AssumeRoleWithSAML", "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}"#, []),

        // MARK: Keys of other services
        .init("W206: a service's key in a statement of another service's actions (keys: service-specific keys)",
              statement: allow(#""sqs:SendMessage""#, condition: #""StringLike": {1️⃣"s3:prefix": "home/*"}"#), [("1️⃣", "W206")]),
        .init("no W206: NotAction and `*` may apply to any service; cross-service and global keys go anywhere (keys)",
              statement: #""Effect": "Deny", "NotAction": "sqs:*", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "x"}}}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ArnEquals": {"ec2:SourceInstanceArn": "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc"}, "Bool": {"aws:SecureTransport": "true"}}"#),

        // MARK: Operator types (AA: Type mismatch)
        .init("W207: a numeric operator on an IP address key (AA: Type mismatch; operators)",
              statement: allow(#""s3:GetObject""#, condition: #""NumericEquals": {1️⃣"aws:SourceIp": "1"}"#), [("1️⃣", "W207")]),
        .init("no W207: an IP key compared with a policy variable by a string operator, as AWS's own example does (IP operators take no variables; condition-keys#condition-keys-ec2instancesourceprivateip4)",
              statement: #""Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:Ec2InstanceSourcePrivateIPv4": "${aws:VpcSourceIp}"}}"#),
        .init("W207 still: an IP key compared with a literal by a string operator",
              statement: allow(#""s3:GetObject""#, condition: #""StringEquals": {1️⃣"aws:SourceIp": "203.0.113.9"}"#), [("1️⃣", "W207")]),
        .init("W207: `Bool` on a string key (AA: Type mismatch)",
              statement: allow(#""s3:ListBucket""#, condition: #""Bool": {1️⃣"s3:prefix": "true"}"#), [("1️⃣", "W207")]),
        .init("W207: `IpAddress` on a string key (AA: Type mismatch)",
              statement: allow(#""s3:GetObject""#, condition: #""IpAddress": {1️⃣"aws:username": "203.0.113.0/24"}"#), [("1️⃣", "W207")]),
        .init("W207: a date operator on a numeric key (AA: Type mismatch)",
              statement: allow(#""s3:GetObject""#, condition: #""DateGreaterThan": {1️⃣"aws:MultiFactorAuthAge": "2026-01-01T00:00:00Z"}"#), [("1️⃣", "W207")]),
        .init("W207: a string operator on a date key: AA asks for a date operator (AA: Type mismatch)",
              statement: allow(#""s3:GetObject""#, condition: #""StringLike": {1️⃣"aws:CurrentTime": "2026-*"}"#), [("1️⃣", "W207")]),
        .init("W207: an ARN operator on a string key (AA: Type mismatch)",
              statement: allow(#""s3:GetObject""#, condition: #""ArnLike": {1️⃣"aws:PrincipalAccount": "arn:aws:iam::111122223333:root"}"#), [("1️⃣", "W207")]),
        .init("W207: qualifiers and IfExists keep the operator's type (AA: Type mismatch)",
              statement: allow(#""s3:GetObject""#, condition: #""ForAnyValue:NumericLessThanIfExists": {1️⃣"aws:TagKeys": "3"}"#), [("1️⃣", "W207")]),
        .init("no W207: string operators compare ARN keys, ARN operators ARN keys (keys: aws:PrincipalArn)",
              statement: allow(#""s3:GetObject""#, condition: #""StringEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/r"}, "ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:*"}"#)),
        .init("no W207: aws:EpochTime takes date and numeric operators; Null tests any key (keys, operators)",
              statement: allow(#""s3:GetObject""#, condition: #""NumericLessThan": {"aws:EpochTime": "1767225600"}, "DateLessThan": {"aws:EpochTime": "2026-01-01T00:00:00Z"}, "Null": {"aws:SourceIp": "false"}"#)),
        .init("no W207: the usual operators on their keys (operators)",
              statement: allow(#""s3:GetObject""#, condition: #""BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}, "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}, "ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}, "NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "DateGreaterThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}"#)),
    ]

    @Test(arguments: cases)
    func warnsAtMarkers(_ c: PolicyDiagnosticCase) throws {
        let marked = MarkedText(c.text)
        let parsed = PolicyParser.parse(marked.text, id: "policy.json", kind: c.kind)
        let policy = try #require(parsed.policy, "\(parsed.diagnostics)")
        let warnings = PolicyValidator().validate(policy, file: "policy.json")
        let found = warnings.map { "\($0.code)@\($0.range?.start.description ?? "-")" }
        let expected = c.expected.map { "\($0.code)@\(marked[$0.marker])" }
        #expect(found.sorted() == expected.sorted())
        for w in warnings {
            #expect(w.severity == .warning && w.file == "policy.json")
            // House style: lowercase, one line, no final period, user values in backticks.
            #expect(w.message.first?.isUppercase == false && !w.message.hasSuffix(".") && w.message.contains("`"), "\(w.message)")
        }
    }

    // Rule: like Access Analyzer ("Did you mean ...?"), a warning names the closest known name.
    @Test("did-you-mean names the closest action, service or condition key",
          arguments: [
              (allow(#""s3:GetObjekt""#), "did you mean `s3:GetObject`?"),
              (allow(#""s3x:GetObject""#), "did you mean `s3:GetObject`?"),
              (allow(#""dynamdb:GetItems""#), "did you mean the service `dynamodb`?"),
              (allow(#""s3:GetObject""#, condition: #""IpAddress": {"aws:SourceIpp": "203.0.113.0/24"}"#), "did you mean `aws:SourceIp`?"),
              (allow(#""s3:GetObject""#, condition: #""StringEquals": {"aws:PrincipalTagg/team": "red"}"#), "did you mean `aws:PrincipalTag/team`?"),
              (allow(#""s3:ListBucket""#, condition: #""StringLike": {"s3:prefixx": "a"}"#), "did you mean `s3:prefix`?"),
              (allow(#""sts:AssumeRole""#, condition: #""StringEquals": {"sts:ExternalID2": "a"}"#), "did you mean `sts:ExternalId`?"),
          ])
    func didYouMean(statement: String, help: String) throws {
        let text = "{\"Version\": \"2012-10-17\", \"Statement\": [{\(statement)}]}"
        let policy = try #require(PolicyParser.parse(text, id: "p", kind: .identity).policy)
        #expect(PolicyValidator().validate(policy, file: "p").map(\.help) == [help])
    }

    @Test("the message of a type mismatch names the operator, the key and its type; the help the operators to use")
    func typeMismatchWording() throws {
        let text = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericEquals": {"aws:SourceIp": "1"}}}]}"#
        let policy = try #require(PolicyParser.parse(text, id: "p", kind: .identity).policy)
        let warning = try #require(PolicyValidator().validate(policy, file: "p").first)
        #expect(warning.message == "operator `NumericEquals` does not fit condition key `aws:SourceIp` of type `IPAddress`")
        #expect(warning.help?.hasPrefix("use `IpAddress` or `NotIpAddress` for `aws:SourceIp`") == true)
        // The caret covers the key as written, quotes included.
        #expect(warning.range.map { $0.end.column - $0.start.column } == "\"aws:SourceIp\"".count)
    }

    // Rule: the actions of a simulation are checked like a policy's (AA: Invalid action).
    @Test("requested actions: unknown ones warn once, without a position; `*` and known ones do not")
    func requestedActions() {
        let warnings = PolicyValidator().validate(actions: ["s3:GetObject", "s3:GetObjekt", "S3:GETOBJEKT", "s3x:GetObject", "*"],
                                                  file: "--action-names")
        #expect(warnings.map(\.code) == ["W202", "W201"])
        #expect(warnings.first?.help == "did you mean `s3:GetObject`?")
        #expect(warnings.allSatisfy { $0.file == "--action-names" && $0.range == nil })
    }
}
