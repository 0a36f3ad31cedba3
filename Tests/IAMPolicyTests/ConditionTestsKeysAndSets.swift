import Diagnostics
import Testing
@testable import IAMPolicy

@Suite("condition keys, Null, set operators, traces, validation")
struct ConditionKeyAndSetTests {}

// Missing keys, ...IfExists, Null, set operators and multivalued keys, policy variables taken literally.

// MARK: - Missing keys and IfExists

// reference_policies_elements_condition_operators.html: "If the key that you specify in a policy condition
// is not present in the request context, the values do not match and the condition is false. If the policy
// condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is
// not present, the condition is true." And "...IfExists condition operators": if the key is not present,
// the condition is true; if it is present, it is processed as specified.
private let missingKeyCases: [ConditionCase] = [
    ConditionCase("missing key: StringEquals is false", "StringEquals", ["a"], nil, false),
    ConditionCase("missing key: StringLike is false", "StringLike", ["*"], nil, false),
    ConditionCase("missing key: NumericLessThan is false", "NumericLessThan", ["10"], nil, false),
    ConditionCase("missing key: DateGreaterThan is false (aws:TokenIssueTime with access keys)", "DateGreaterThan", ["2020-01-01T00:00:01Z"], nil, false),
    ConditionCase("missing key: Bool is false", "Bool", ["true"], nil, false),
    ConditionCase("missing key: BinaryEquals is false", "BinaryEquals", ["QUJD"], nil, false),
    ConditionCase("missing key: IpAddress is false (aws:SourceIp through a VPC endpoint)", "IpAddress", ["203.0.113.0/24"], nil, false),
    ConditionCase("missing key: ArnEquals is false (aws:SourceArn on a direct call)", "ArnEquals", ["arn:aws:sns:us-east-1:1:t"], nil, false),
    ConditionCase("missing key: StringNotEquals is true", "StringNotEquals", ["a"], nil, true),
    ConditionCase("missing key: StringNotEqualsIgnoreCase is true", "StringNotEqualsIgnoreCase", ["a"], nil, true),
    ConditionCase("missing key: StringNotLike is true", "StringNotLike", ["a*"], nil, true),
    ConditionCase("missing key: NumericNotEquals is true", "NumericNotEquals", ["1"], nil, true),
    ConditionCase("missing key: DateNotEquals is true", "DateNotEquals", ["2024-01-01"], nil, true),
    ConditionCase("missing key: NotIpAddress is true", "NotIpAddress", ["203.0.113.0/24"], nil, true),
    ConditionCase("missing key: ArnNotEquals is true", "ArnNotEquals", ["arn:aws:iam::1:root"], nil, true),
    ConditionCase("missing key: ArnNotLike is true", "ArnNotLike", ["arn:aws:iam::*:root"], nil, true),
    ConditionCase("IfExists: a missing key makes the condition true", "StringLikeIfExists", ["t1.*", "t2.*", "m3.*"], nil, true),
    ConditionCase("IfExists: a present key is processed as specified (no match)", "StringLikeIfExists", ["t1.*", "t2.*", "m3.*"], requestValue("c5.large"), false),
    ConditionCase("IfExists: a present key is processed as specified (match)", "StringLikeIfExists", ["t1.*", "t2.*", "m3.*"], requestValue("t2.micro"), true),
    ConditionCase("IfExists on a negated operator: missing key, true", "StringNotEqualsIfExists", ["prod"], nil, true),
    ConditionCase("IfExists on a negated operator: present and matching, false", "StringNotEqualsIfExists", ["prod"], requestValue("prod"), false),
    ConditionCase("IfExists: NumericLessThanIfExists with the key missing", "NumericLessThanIfExists", ["10"], nil, true),
    ConditionCase("IfExists: BoolIfExists with the key present and false", "BoolIfExists", ["true"], requestValue("false", .boolean), false),
    ConditionCase("IfExists: NotIpAddressIfExists with an address inside the range", "NotIpAddressIfExists", ["203.0.113.0/24"], requestValue("203.0.113.1", .ip), false),
    ConditionCase("IfExists: DateLessThanIfExists with the key missing", "DateLessThanIfExists", ["2024-01-01"], nil, true),
    ConditionCase("IfExists: ArnLikeIfExists with the key missing", "ArnLikeIfExists", ["arn:aws:iam::*:role/x"], nil, true),
]

extension ConditionKeyAndSetTests {
    @Test("missing keys and IfExists", arguments: missingKeyCases)
    func missingKeys(_ row: ConditionCase) { row.run() }
}

// reference_policies_elements_condition.html: "Condition key names are not case-sensitive ... aws:SourceIP
// is equivalent to AWS:SourceIp"; values follow the operator (StringEquals: johndoe, not JohnDoe).
extension ConditionKeyAndSetTests {
    @Test("condition key names match ignoring case; string values do not")
    func keyNamesIgnoreCase() {
        let outcome = evaluateCondition("IpAddress", key: "AWS:SourceIp", ["203.0.113.0/24"], requestValue("203.0.113.7", .ip), contextKey: "aws:SourceIP")
        #expect(outcome.satisfied)
        #expect(!outcome.keyMissing)
        let names = evaluateCondition("StringEquals", key: "aws:username", ["johndoe"], requestValue("JohnDoe"), contextKey: "AWS:UserName")
        #expect(!names.satisfied)
        #expect(!names.keyMissing)
    }
}

// MARK: - Null

// reference_policies_elements_condition_operators.html, "Condition operator to check existence of condition
// keys": true = the key doesn't exist (it is null); false = the key exists and its value is not null.
// reference_policies_condition_examples-multi-valued-context-keys.html: Null with false guards against
// "missing context keys or context keys with empty values", so an empty set counts as null.
private let nullCases: [ConditionCase] = [
    ConditionCase("Null true: the key is absent (aws:TokenIssueTime without temporary credentials)", "Null", ["true"], nil, true),
    ConditionCase("Null true: the key is present", "Null", ["true"], requestValue("2024-01-01T00:00:00Z", .date), false),
    ConditionCase("Null false: the key is present", "Null", ["false"], requestValue("2024-01-01T00:00:00Z", .date), true),
    ConditionCase("Null false: the key is absent", "Null", ["false"], nil, false),
    ConditionCase("Null true: an empty set is null", "Null", ["true"], requestValues([]), true),
    ConditionCase("Null false: an empty set is null, so false", "Null", ["false"], requestValues([]), false),
    ConditionCase("Null false: an empty string is still a value (s3:prefix)", "Null", ["false"], requestValue(""), true),
    ConditionCase("Null: a JSON boolean in any case", "Null", ["TRUE"], nil, true),
    ConditionCase("Null: values ORed (true or false always holds)", "Null", ["true", "false"], requestValue("x"), true),
    ConditionCase("Null: a value that is not true/false never holds", "Null", ["yes"], nil, false),
]

extension ConditionKeyAndSetTests {
    @Test("Null condition operator", arguments: nullCases)
    func nullOperator(_ row: ConditionCase) { row.run() }
}

// MARK: - Set operators and multivalued keys

// reference_policies_condition-single-vs-multi-valued-context-keys.html: ForAllValues returns true if
// every request value matches a policy value, and also if there are no context keys in the request;
// ForAnyValue returns true if any request value matches any policy value, false when no key matches or the
// key does not exist; an empty data set makes ForAllValues true and ForAnyValue false.
// reference_policies_condition_examples-multi-valued-context-keys.html: the ForAllValues:StringNotLike
// key1* table (key1:legal no match, key1:hr+key1:personnel no match, key2:audit match, no key match).
private let setCases: [ConditionCase] = [
    ConditionCase("ForAllValues: every requested attribute is allowed", "ForAllValues:StringLike", ["PostDateTime", "Message", "Tags"], requestValues(["PostDateTime", "Message"]), true),
    ConditionCase("ForAllValues: UserName is not in the list", "ForAllValues:StringLike", ["PostDateTime", "Message", "Tags"], requestValues(["PostDateTime", "UserName"]), false),
    ConditionCase("ForAllValues: true when the key is missing", "ForAllValues:StringLike", ["PostDateTime"], nil, true),
    ConditionCase("ForAllValues: true for an empty set", "ForAllValues:StringEquals", ["costcenter", "stack"], requestValues([]), true),
    ConditionCase("ForAnyValue: one requested attribute is in the list (PostDateTime)", "ForAnyValue:StringLike", ["ID", "PostDateTime"], requestValues(["UserName", "Message", "PostDateTime"]), true),
    ConditionCase("ForAnyValue: UserName alone matches nothing", "ForAnyValue:StringLike", ["ID", "PostDateTime"], requestValues(["UserName"]), false),
    ConditionCase("ForAnyValue: false when the key is missing", "ForAnyValue:StringEquals", ["ID"], nil, false),
    ConditionCase("ForAnyValue: false for an empty set", "ForAnyValue:StringEquals", ["ID"], requestValues([]), false),
    ConditionCase("ForAllValues:StringNotLike key1*: key1:legal, no match", "ForAllValues:StringNotLike", ["key1*"], requestValues(["key1:legal"]), false),
    ConditionCase("ForAllValues:StringNotLike key1*: key1:hr and key1:personnel, no match", "ForAllValues:StringNotLike", ["key1*"], requestValues(["key1:hr", "key1:personnel"]), false),
    ConditionCase("ForAllValues:StringNotLike key1*: key2:audit, match", "ForAllValues:StringNotLike", ["key1*"], requestValues(["key2:audit"]), true),
    ConditionCase("ForAllValues:StringNotLike key1*: no aws:TagKeys, match", "ForAllValues:StringNotLike", ["key1*"], nil, true),
    ConditionCase("ForAllValues:StringNotLike: one value matching key1* is enough to fail", "ForAllValues:StringNotLike", ["key1*"], requestValues(["key2:a", "key1:b"]), false),
    ConditionCase("ForAnyValue:StringNotEquals: one request value is none of the policy values", "ForAnyValue:StringNotEquals", ["a", "b"], requestValues(["a", "c"]), true),
    ConditionCase("ForAnyValue:StringNotEquals: every request value is listed", "ForAnyValue:StringNotEquals", ["a", "b"], requestValues(["b", "a"]), false),
    ConditionCase("ForAnyValue:StringNotEquals: false when the key is missing (ForAnyValue rule)", "ForAnyValue:StringNotEquals", ["a"], nil, false),
    ConditionCase("ForAllValues:StringNotEquals: no request value is listed", "ForAllValues:StringNotEquals", ["a"], requestValues(["b", "c"]), true),
    ConditionCase("ForAllValues:StringNotEquals: one request value is listed", "ForAllValues:StringNotEquals", ["a"], requestValues(["a", "c"]), false),
    ConditionCase("ForAnyValue on a single-valued key: a set of one that matches", "ForAnyValue:StringEquals", ["x"], requestValue("x"), true),
    ConditionCase("ForAllValues on a single-valued key: a set of one that does not match", "ForAllValues:StringEquals", ["x"], requestValue("y"), false),
    ConditionCase("ForAllValues:NumericLessThan: every number below 10", "ForAllValues:NumericLessThan", ["10"], requestValues(["1", "5"], .numericList), true),
    ConditionCase("ForAllValues:NumericLessThan: 50 is not below 10", "ForAllValues:NumericLessThan", ["10"], requestValues(["1", "50"], .numericList), false),
    ConditionCase("ForAllValues: a malformed element fails the whole set", "ForAllValues:NumericLessThan", ["10"], requestValues(["1", "abc"], .numericList), false),
    ConditionCase("ForAnyValue: a malformed element is skipped, another matches", "ForAnyValue:NumericLessThan", ["10"], requestValues(["50", "abc", "3"], .numericList), true),
    ConditionCase("ForAnyValue:IpAddress over a list of addresses", "ForAnyValue:IpAddress", ["203.0.113.0/24"], requestValues(["198.51.100.7", "203.0.113.9"], .ipList), true),
    ConditionCase("ForAllValues:IpAddress with one address outside", "ForAllValues:IpAddress", ["203.0.113.0/24"], requestValues(["198.51.100.7", "203.0.113.9"], .ipList), false),
    ConditionCase("ForAnyValue:ArnLike over a list of ARNs", "ForAnyValue:ArnLike", ["arn:aws:iam::*:role/admin"], requestValues(["arn:aws:iam::1:role/dev", "arn:aws:iam::2:role/admin"]), true),
    ConditionCase("ForAllValues:StringEqualsIgnoreCase over tag keys", "ForAllValues:StringEqualsIgnoreCase", ["CostCenter", "Stack"], requestValues(["costcenter", "STACK"]), true),
    ConditionCase("ForAnyValue:StringEqualsIfExists: IfExists wins when the key is missing", "ForAnyValue:StringEqualsIfExists", ["a"], nil, true),
    ConditionCase("ForAnyValue:StringEqualsIfExists: present, no match", "ForAnyValue:StringEqualsIfExists", ["a"], requestValues(["b"]), false),
    ConditionCase("ForAllValues:StringEqualsIfExists: present, all match", "ForAllValues:StringEqualsIfExists", ["a", "b"], requestValues(["a", "b"]), true),
    ConditionCase("ForAnyValue:BinaryEquals over a list", "ForAnyValue:BinaryEquals", ["QUJD"], requestValues(["REVG", "QUJD"], .binaryList), true),
    ConditionCase("ForAllValues:DateGreaterThan over a list of dates", "ForAllValues:DateGreaterThan", ["2024-01-01"], requestValues(["2024-02-01", "1706745600"], .dateList), true),
    ConditionCase("ForAnyValue:Bool over a list of booleans", "ForAnyValue:Bool", ["true"], requestValues(["false", "true"], .booleanList), true),
]

extension ConditionKeyAndSetTests {
    @Test("ForAllValues and ForAnyValue", arguments: setCases)
    func setOperators(_ row: ConditionCase) { row.run() }
}

// reference_policies_condition-single-vs-multi-valued-context-keys.html: "Multivalued context keys require
// a condition set operator." The page does not say what an unqualified operator does; this simulator
// compares the one value of a one-element set, and treats a set of several values as equal to no single
// policy value (so a positive operator fails and a negated one holds). An empty set is treated as absent.
private let unqualifiedSetCases: [ConditionCase] = [
    ConditionCase("no qualifier, multivalued key with one value: compared as that value", "StringEquals", ["a"], requestValues(["a"]), true),
    ConditionCase("no qualifier, several values: a positive operator does not hold", "StringEquals", ["a", "b"], requestValues(["a", "b"]), false),
    ConditionCase("no qualifier, several values: StringLike * does not hold either", "StringLike", ["*"], requestValues(["a", "b"]), false),
    ConditionCase("no qualifier, several values: a negated operator holds", "StringNotEquals", ["c"], requestValues(["a", "b"]), true),
    ConditionCase("no qualifier, several values: a negated operator holds even if one value is listed", "StringNotEquals", ["a"], requestValues(["a", "b"]), true),
    ConditionCase("no qualifier, empty set: like a missing key, positive false", "StringEquals", ["a"], requestValues([]), false),
    ConditionCase("no qualifier, empty set: like a missing key, negated true", "StringNotEquals", ["a"], requestValues([]), true),
    ConditionCase("no qualifier, empty set: IfExists holds", "StringEqualsIfExists", ["a"], requestValues([]), true),
]

extension ConditionKeyAndSetTests {
    @Test("unqualified operators on multivalued keys", arguments: unqualifiedSetCases)
    func unqualifiedSets(_ row: ConditionCase) { row.run() }
}

extension ConditionKeyAndSetTests {
    @Test("an empty set is present (not reported missing) but carries no value")
    func emptySetIsNotMissing() {
        let outcome = evaluateCondition("ForAnyValue:StringEquals", ["a"], requestValues([]))
        #expect(!outcome.keyMissing)
        #expect(outcome.detail == #"ForAnyValue:StringEquals test:Key: key has no values"#)
    }
}

// MARK: - Policy variables taken literally

/// One row: a template as written in the policy, expanded in `context`, and a request value.
struct ConditionVariableCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let op: String
    let template: String
    let request: String
    let expected: Bool

    var testDescription: String { "\(op) \(template) vs \(request): \(rule)" }
}

// reference_policies_variables.html ("${*}", "${?}" and "${$}" stand for literal characters; a substituted
// value is data) with the String and ARN operators of reference_policies_elements_condition_operators.html.
private let variableCases: [ConditionVariableCase] = [
    ConditionVariableCase(rule: "StringLike: ${*} is a literal star", op: "StringLike", template: "a${*}", request: "a*", expected: true),
    ConditionVariableCase(rule: "StringLike: ${*} is not a wildcard", op: "StringLike", template: "a${*}", request: "ab", expected: false),
    ConditionVariableCase(rule: "StringLike: ${?} is a literal question mark", op: "StringLike", template: "${?}", request: "?", expected: true),
    ConditionVariableCase(rule: "StringLike: ${?} does not match any character", op: "StringLike", template: "${?}", request: "x", expected: false),
    ConditionVariableCase(rule: "StringLike: a literal star next to a real wildcard", op: "StringLike", template: "${*}*", request: "*suffix", expected: true),
    ConditionVariableCase(rule: "StringLike: a substituted value with * is data, not a wildcard", op: "StringLike", template: "home/${aws:username}/*", request: "home/al*ce/notes", expected: true),
    ConditionVariableCase(rule: "StringLike: the substituted * does not match other names", op: "StringLike", template: "home/${aws:username}/*", request: "home/alice/notes", expected: false),
    ConditionVariableCase(rule: "StringEquals: ${*} compares as a star", op: "StringEquals", template: "a${*}", request: "a*", expected: true),
    ConditionVariableCase(rule: "StringNotLike: ${*} is literal, so ab is not like a*", op: "StringNotLike", template: "a${*}", request: "ab", expected: true),
    ConditionVariableCase(rule: "ArnLike: ${*} is a literal star in the resource", op: "ArnLike", template: "arn:aws:s3:::b/${*}", request: "arn:aws:s3:::b/*", expected: true),
    ConditionVariableCase(rule: "ArnLike: ${*} does not match other keys", op: "ArnLike", template: "arn:aws:s3:::b/${*}", request: "arn:aws:s3:::b/x", expected: false),
    ConditionVariableCase(rule: "ArnEquals: a substituted account id", op: "ArnEquals", template: "arn:aws:iam::${aws:PrincipalAccount}:root", request: "arn:aws:iam::123456789012:root", expected: true),
]

extension ConditionKeyAndSetTests {
    @Test("policy variables: escapes and substituted values are literal", arguments: variableCases)
    func variablesAreLiteral(_ row: ConditionVariableCase) throws {
        let context = RequestContext([
            "aws:username": .string("al*ce"),
            "aws:PrincipalAccount": .string("123456789012"),
            "test:Key": .string(row.request),
        ])
        let template = try #require(PolicyTemplate(row.template))
        let tokens = try #require(template.expand(in: context))
        let clause = conditionClause(row.op, "test:Key", [row.template])
        let outcome = ConditionEvaluator.evaluate(clause, values: [PolicyValue(tokens: tokens)], context: context)
        #expect(outcome.satisfied == row.expected, "\(row.rule): \(outcome.detail)")
    }
}

// MARK: - Trace lines

struct ConditionDetailCase: Sendable, CustomTestStringConvertible {
    let op: String
    let key: String
    let policy: [String]
    let request: ContextValue?
    let detail: String

    var testDescription: String { detail }
}

private let detailCases: [ConditionDetailCase] = [
    ConditionDetailCase(op: "StringEquals", key: "sts:ExternalId", policy: ["cust-42"], request: requestValue("cust-17"),
               detail: #"StringEquals sts:ExternalId: wanted "cust-42", request has "cust-17""#),
    ConditionDetailCase(op: "StringEquals", key: "sts:ExternalId", policy: ["cust-42"], request: requestValue("cust-42"),
               detail: #"StringEquals sts:ExternalId: request has "cust-42", which is "cust-42""#),
    ConditionDetailCase(op: "IpAddress", key: "aws:SourceIp", policy: ["203.0.113.0/24"], request: requestValue("198.51.100.7", .ip),
               detail: "IpAddress aws:SourceIp: 198.51.100.7 is not in 203.0.113.0/24"),
    ConditionDetailCase(op: "IpAddress", key: "aws:SourceIp", policy: ["203.0.113.0/24"], request: requestValue("203.0.113.7", .ip),
               detail: "IpAddress aws:SourceIp: 203.0.113.7 is in 203.0.113.0/24"),
    ConditionDetailCase(op: "IpAddress", key: "aws:SourceIp", policy: ["203.0.113.0/24"], request: requestValue("bogus"),
               detail: #"IpAddress aws:SourceIp: request has "bogus", which is not an IP address"#),
    ConditionDetailCase(op: "NotIpAddress", key: "aws:SourceIp", policy: ["10.0.0.0/33"], request: requestValue("203.0.113.7", .ip),
               detail: #"NotIpAddress aws:SourceIp: request has 203.0.113.7, but the policy value "10.0.0.0/33" is not an IP address"#),
    ConditionDetailCase(op: "Bool", key: "aws:MultiFactorAuthPresent", policy: ["true"], request: nil,
               detail: "Bool aws:MultiFactorAuthPresent: key is missing"),
    ConditionDetailCase(op: "StringNotEquals", key: "aws:PrincipalTag/role", policy: ["audit"], request: nil,
               detail: "StringNotEquals aws:PrincipalTag/role: key is missing, so the condition holds"),
    ConditionDetailCase(op: "StringLikeIfExists", key: "ec2:InstanceType", policy: ["t2.*"], request: nil,
               detail: "StringLikeIfExists ec2:InstanceType: key is missing, so the condition holds"),
    ConditionDetailCase(op: "StringNotEquals", key: "aws:PrincipalTag/role", policy: ["audit", "security"], request: requestValue("dev"),
               detail: #"StringNotEquals aws:PrincipalTag/role: request has "dev", which is not one of "audit", "security""#),
    ConditionDetailCase(op: "NumericLessThanEquals", key: "s3:max-keys", policy: ["10"], request: requestValue("20", .numeric),
               detail: #"NumericLessThanEquals s3:max-keys: wanted at most "10", request has "20""#),
    ConditionDetailCase(op: "StringEquals", key: "k", policy: ["a", "b", "c", "d", "e"], request: requestValue("z"),
               detail: #"StringEquals k: wanted one of "a", "b", "c" and 2 more, request has "z""#),
    ConditionDetailCase(op: "ForAnyValue:StringEquals", key: "aws:TagKeys", policy: ["x"], request: requestValues(["a", "b", "c", "d"]),
               detail: #"ForAnyValue:StringEquals aws:TagKeys: wanted "x", request has "a", "b", "c" and 1 more"#),
    ConditionDetailCase(op: "ForAllValues:StringLike", key: "aws:TagKeys", policy: ["key1*"], request: requestValues(["key1:a", "key2:b"]),
               detail: #"ForAllValues:StringLike aws:TagKeys: wanted like "key1*", request has "key2:b""#),
    ConditionDetailCase(op: "Null", key: "aws:TokenIssueTime", policy: ["true"], request: requestValue("2024-01-01T00:00:00Z", .date),
               detail: #"Null aws:TokenIssueTime: key is present ("2024-01-01T00:00:00Z"), wanted it missing"#),
    ConditionDetailCase(op: "Null", key: "aws:TokenIssueTime", policy: ["true"], request: nil,
               detail: "Null aws:TokenIssueTime: key is missing, so the condition holds"),
    ConditionDetailCase(op: "StringEquals", key: "k", policy: ["a"], request: requestValue("line\nbreak\u{1B}[2J"),
               detail: #"StringEquals k: wanted "a", request has "line\nbreak\u{1b}[2J""#),
    ConditionDetailCase(op: "StringEquals", key: "k", policy: ["a"], request: requestValue(String(repeating: "x", count: 100)),
               detail: #"StringEquals k: wanted "a", request has ""# + String(repeating: "x", count: 64) + "…\""),
    ConditionDetailCase(op: "StringEquals", key: "k", policy: ["a"], request: requestValues(["a", "b"]),
               detail: #"StringEquals k: request has 2 values ("a", "b"); a multivalued key needs ForAnyValue: or ForAllValues:"#),
]

// The trace format asked for by the simulator's design: operator as written, key, then one short line.
extension ConditionKeyAndSetTests {
    @Test("trace lines", arguments: detailCases)
    func traceLines(_ row: ConditionDetailCase) {
        #expect(evaluateCondition(row.op, key: row.key, row.policy, row.request).detail == row.detail)
    }
}

// MARK: - Validation

struct ConditionValidateCase: Sendable, CustomTestStringConvertible {
    let op: String
    let values: [String]
    let problems: [String]

    var testDescription: String { "\(op) \(values)" }
}

// reference_policies_elements_condition_operators.html: numeric values are integers or decimals; dates
// are W3C ISO 8601 or epoch time; IP values are CIDR; BinaryEquals takes base-64; Bool and Null take
// true or false.
private let validateCases: [ConditionValidateCase] = [
    ConditionValidateCase(op: "NumericLessThan", values: ["abc"], problems: ["`abc` is not a number for NumericLessThan"]),
    ConditionValidateCase(op: "NumericLessThan", values: ["10", "1.5", "-3", "2e3"], problems: []),
    ConditionValidateCase(op: "ForAnyValue:NumericEqualsIfExists", values: ["1,000"], problems: ["`1,000` is not a number for NumericEquals"]),
    ConditionValidateCase(op: "DateGreaterThan", values: ["2024-13-01"], problems: ["`2024-13-01` is not a date for DateGreaterThan (write ISO 8601 such as 2024-01-01T00:00:00Z, or epoch seconds)"]),
    ConditionValidateCase(op: "DateGreaterThan", values: ["2024-01-01", "2024-01-01T12:00:00Z", "2024-01-01T12:00:00.25+02:00", "1700000000"], problems: []),
    ConditionValidateCase(op: "IpAddress", values: ["300.1.1.1"], problems: ["`300.1.1.1` is not an IP address or CIDR range for IpAddress"]),
    ConditionValidateCase(op: "NotIpAddress", values: ["10.0.0.0/33", "2001:db8::/129"], problems: [
        "`10.0.0.0/33` is not an IP address or CIDR range for NotIpAddress",
        "`2001:db8::/129` is not an IP address or CIDR range for NotIpAddress",
    ]),
    ConditionValidateCase(op: "IpAddress", values: ["203.0.113.0/24", "2001:DB8:1234:5678::/64", "::1"], problems: []),
    ConditionValidateCase(op: "BinaryEquals", values: ["!!"], problems: ["`!!` is not base64 for BinaryEquals"]),
    ConditionValidateCase(op: "BinaryEquals", values: ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], problems: []),
    ConditionValidateCase(op: "Bool", values: ["yes"], problems: ["`yes` is not true or false for Bool"]),
    ConditionValidateCase(op: "Bool", values: ["TRUE", "false"], problems: []),
    ConditionValidateCase(op: "Null", values: ["maybe"], problems: ["`maybe` is not true or false for Null"]),
    ConditionValidateCase(op: "StringEquals", values: ["anything at all", ""], problems: []),
    ConditionValidateCase(op: "ArnLike", values: ["not-an-arn"], problems: []),
]

extension ConditionKeyAndSetTests {
    @Test("validate reports values that are not of the operator's type", arguments: validateCases)
    func validateValues(_ row: ConditionValidateCase) {
        #expect(ConditionEvaluator.validate(conditionClause(row.op, "k", row.values)) == row.problems)
    }
}

extension ConditionKeyAndSetTests {
    @Test("ConditionOutcome: the trace line is written when read, and compares like the text it reads as")
    func outcomeDetailIsLazyButEqual() {
        let lazy = evaluateCondition("StringEquals", key: "sts:ExternalId", ["cust-42"], requestValue("cust-17"))
        var eager = ConditionOutcome(satisfied: false, keyMissing: false,
                                     detail: #"StringEquals sts:ExternalId: wanted "cust-42", request has "cust-17""#)
        #expect(lazy == eager)
        #expect(Set([lazy, eager]).count == 1)
        eager.detail = "changed"
        #expect(eager.detail == "changed")
        #expect(lazy != eager)
    }
}
