import Diagnostics
import Testing
@testable import IAMPolicy

@Suite("condition operators")
struct ConditionOperatorTests {}

// Condition operators, one table per family. Every row names the AWS rule it checks; the table comment
// names the AWS documentation page the rule comes from (https://docs.aws.amazon.com/IAM/latest/UserGuide/...).

// MARK: - Helpers

/// A clause as the policy parser builds it.
func conditionClause(_ op: String, _ key: String, _ values: [String]) -> ConditionClause {
    guard let parsed = ConditionOperator(parsing: op) else { fatalError("not an operator: \(op)") }
    return ConditionClause(op: parsed, operatorText: op, key: key, values: values, range: SourceRange(line: 1, column: 1))
}

/// Evaluates `op` with the policy values as written (no variables) against a request carrying `request` for `key`.
func evaluateCondition(_ op: String, key: String = "test:Key", _ policy: [String], _ request: ContextValue?,
                       contextKey: String? = nil) -> ConditionOutcome {
    var context = RequestContext()
    if let request { context[contextKey ?? key] = request }
    return ConditionEvaluator.evaluate(conditionClause(op, key, policy), values: policy.map { PolicyValue($0) }, context: context)
}

/// A single-valued request value.
func requestValue(_ value: String, _ type: ContextKeyType = .string) -> ContextValue { ContextValue(type: type, values: [value]) }

/// A multivalued request value.
func requestValues(_ values: [String], _ type: ContextKeyType = .stringList) -> ContextValue { ContextValue(type: type, values: values) }

/// One row of a table: the rule, the clause, the request value (nil: the key is missing) and the expected result.
struct ConditionCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let op: String
    let policy: [String]
    let request: ContextValue?
    let expected: Bool

    init(_ rule: String, _ op: String, _ policy: [String], _ request: ContextValue?, _ expected: Bool) {
        self.rule = rule
        self.op = op
        self.policy = policy
        self.request = request
        self.expected = expected
    }

    var testDescription: String { "\(op) \(policy) vs \(request.map { "\($0.values)" } ?? "missing"): \(rule)" }

    func run(sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let outcome = evaluateCondition(op, policy, request)
        #expect(outcome.satisfied == expected, "\(rule): \(outcome.detail)", sourceLocation: sourceLocation)
        #expect(outcome.keyMissing == (request == nil), sourceLocation: sourceLocation)
        #expect(!outcome.detail.isEmpty, sourceLocation: sourceLocation)
    }
}

// MARK: - String

// reference_policies_elements_condition_operators.html, "String condition operators";
// reference_policies_elements_condition.html (values are case-sensitive per operator);
// reference_policies_condition-logic-multiple-context-keys-or-values.html (values ORed, negated NOR).
private let stringCases: [ConditionCase] = [
    ConditionCase("StringEquals: exact matching", "StringEquals", ["iamuser-admin"], requestValue("iamuser-admin"), true),
    ConditionCase("StringEquals: case sensitive (johndoe vs JohnDoe)", "StringEquals", ["johndoe"], requestValue("JohnDoe"), false),
    ConditionCase("StringEquals: values of one key are ORed", "StringEquals", ["audit", "security"], requestValue("security"), true),
    ConditionCase("StringEquals: no value matches", "StringEquals", ["audit", "security"], requestValue("dev"), false),
    ConditionCase("StringEquals: no wildcards, `*` is a plain character", "StringEquals", ["a*"], requestValue("abc"), false),
    ConditionCase("StringEquals: `*` compares as itself", "StringEquals", ["a*"], requestValue("a*"), true),
    ConditionCase("StringEquals: an empty string is a value", "StringEquals", [""], requestValue(""), true),
    ConditionCase("StringEquals: code points compared, no Unicode normalisation", "StringEquals", ["caf\u{E9}"], requestValue("cafe\u{301}"), false),
    ConditionCase("StringNotEquals: negated values are NORed, none matches", "StringNotEquals", ["audit", "security"], requestValue("dev"), true),
    ConditionCase("StringNotEquals: one value matches, so false", "StringNotEquals", ["audit", "security"], requestValue("audit"), false),
    ConditionCase("StringNotEquals: case sensitive, so a different case does not match", "StringNotEquals", ["johndoe"], requestValue("JohnDoe"), true),
    ConditionCase("StringEqualsIgnoreCase: johndoe matches JohnDoe", "StringEqualsIgnoreCase", ["johndoe"], requestValue("JohnDoe"), true),
    ConditionCase("StringEqualsIgnoreCase: still exact apart from case", "StringEqualsIgnoreCase", ["johndoe"], requestValue("johndoe2"), false),
    ConditionCase("StringEqualsIgnoreCase: non-ASCII letters fold too", "StringEqualsIgnoreCase", ["ÉTÉ"], requestValue("été"), true),
    ConditionCase("StringNotEqualsIgnoreCase: a case variant matches, so false", "StringNotEqualsIgnoreCase", ["johndoe"], requestValue("JOHNDOE"), false),
    ConditionCase("StringNotEqualsIgnoreCase: a different value, so true", "StringNotEqualsIgnoreCase", ["johndoe"], requestValue("janedoe"), true),
    ConditionCase("StringLike: `*` matches any run", "StringLike", ["home/*"], requestValue("home/alice/notes.txt"), true),
    ConditionCase("StringLike: values ORed (t1.*, t2.*, m3.*)", "StringLike", ["t1.*", "t2.*", "m3.*"], requestValue("m3.large"), true),
    ConditionCase("StringLike: no pattern matches", "StringLike", ["t1.*", "t2.*", "m3.*"], requestValue("c5.large"), false),
    ConditionCase("StringLike: `?` matches exactly one character", "StringLike", ["a?c"], requestValue("abc"), true),
    ConditionCase("StringLike: `?` does not match zero characters", "StringLike", ["a?c"], requestValue("ac"), false),
    ConditionCase("StringLike: partial matches need a wildcard", "StringLike", ["home"], requestValue("home/x"), false),
    ConditionCase("StringLike: the empty pattern matches only the empty string (s3:prefix example)", "StringLike", ["", "home/"], requestValue(""), true),
    ConditionCase("StringLike: case-sensitive matching", "StringLike", ["Home/*"], requestValue("home/x"), false),
    ConditionCase("StringLike: `*` in the middle", "StringLike", ["a*z"], requestValue("abcz"), true),
    ConditionCase("StringLike: `*` in the middle, missing suffix", "StringLike", ["a*z"], requestValue("abc"), false),
    ConditionCase("StringLike: `*` crosses colons (it is not an ARN operator)", "StringLike",
                  ["arn:aws:someservice:*:111122223333:finance/*"],
                  requestValue("arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), true),
    ConditionCase("StringNotLike: no pattern matches, so true", "StringNotLike", ["key1*"], requestValue("key2:audit"), true),
    ConditionCase("StringNotLike: a pattern matches, so false", "StringNotLike", ["key1*", "key2*"], requestValue("key2:audit"), false),
]

extension ConditionOperatorTests {
    @Test("string condition operators", arguments: stringCases)
    func stringOperators(_ row: ConditionCase) { row.run() }
}

// MARK: - Numeric

// reference_policies_elements_condition_operators.html, "Numeric condition operators" (integer or decimal values).
private let numericCases: [ConditionCase] = [
    ConditionCase("NumericLessThanEquals: up to 10 (s3:max-keys example)", "NumericLessThanEquals", ["10"], requestValue("10", .numeric), true),
    ConditionCase("NumericLessThanEquals: 11 is over", "NumericLessThanEquals", ["10"], requestValue("11", .numeric), false),
    ConditionCase("NumericLessThanEquals: decimals compare", "NumericLessThanEquals", ["10"], requestValue("9.5", .numeric), true),
    ConditionCase("NumericEquals: 10 equals 10.0", "NumericEquals", ["10"], requestValue("10.0", .numeric), true),
    ConditionCase("NumericEquals: leading zeros do not matter", "NumericEquals", ["10"], requestValue("010", .numeric), true),
    ConditionCase("NumericEquals: a JSON exponent is a number", "NumericEquals", ["1e1"], requestValue("10", .numeric), true),
    ConditionCase("NumericEquals: -0 equals 0", "NumericEquals", ["0"], requestValue("-0", .numeric), true),
    ConditionCase("NumericEquals: values ORed", "NumericEquals", ["1", "2"], requestValue("2", .numeric), true),
    ConditionCase("NumericNotEquals: NOR over the values", "NumericNotEquals", ["1", "2"], requestValue("3", .numeric), true),
    ConditionCase("NumericNotEquals: one value equal, so false", "NumericNotEquals", ["1", "2"], requestValue("2.00", .numeric), false),
    ConditionCase("NumericLessThan: a request value that is not a number matches nothing", "NumericLessThan", ["10"], requestValue("abc"), false),
    ConditionCase("NumericNotEquals: a request value that is not a number never satisfies (conservative)", "NumericNotEquals", ["10"], requestValue("abc"), false),
    ConditionCase("NumericGreaterThan: exact decimals, no binary rounding", "NumericGreaterThan", ["0.1"], requestValue("0.10000000000000001", .numeric), true),
    ConditionCase("NumericGreaterThan: integers beyond 2^53 stay exact", "NumericGreaterThan", ["9007199254740992"], requestValue("9007199254740993", .numeric), true),
    ConditionCase("NumericGreaterThanEquals: equal negatives", "NumericGreaterThanEquals", ["-5"], requestValue("-5", .numeric), true),
    ConditionCase("NumericGreaterThanEquals: below", "NumericGreaterThanEquals", ["-5"], requestValue("-6", .numeric), false),
    ConditionCase("NumericLessThan: -2 < -1.5", "NumericLessThan", ["-1.5"], requestValue("-2", .numeric), true),
    ConditionCase("NumericGreaterThan: equal is not greater", "NumericGreaterThan", ["7"], requestValue("7.0", .numeric), false),
    ConditionCase("NumericEquals: a policy value that is not a number matches nothing", "NumericEquals", ["abc"], requestValue("abc"), false),
    ConditionCase("NumericLessThan: whitespace makes it not a number", "NumericLessThan", ["10"], requestValue(" 5"), false),
    ConditionCase("NumericNotEquals: a malformed policy value never makes it hold", "NumericNotEquals", ["ten"], requestValue("5", .numeric), false),
]

extension ConditionOperatorTests {
    @Test("numeric condition operators", arguments: numericCases)
    func numericOperators(_ row: ConditionCase) { row.run() }
}

// MARK: - Date

// reference_policies_elements_condition_operators.html, "Date condition operators": W3C ISO 8601 dates or
// epoch (UNIX) time; instants are compared.
private let dateCases: [ConditionCase] = [
    ConditionCase("DateGreaterThan: credentials issued after the date (aws:TokenIssueTime example)", "DateGreaterThan",
                  ["2020-01-01T00:00:01Z"], requestValue("2020-06-01T00:00:00Z", .date), true),
    ConditionCase("DateGreaterThan: issued before", "DateGreaterThan", ["2020-01-01T00:00:01Z"], requestValue("2019-12-31T23:59:59Z", .date), false),
    ConditionCase("DateEquals: a date alone is midnight UTC", "DateEquals", ["2024-01-01"], requestValue("2024-01-01T00:00:00Z", .date), true),
    ConditionCase("DateEquals: an offset names the same instant", "DateEquals", ["2024-01-01T12:00:00Z"], requestValue("2024-01-01T14:00:00+02:00", .date), true),
    ConditionCase("DateEquals: a negative offset", "DateEquals", ["2024-01-01T00:00:00-05:00"], requestValue("2024-01-01T05:00:00Z", .date), true),
    ConditionCase("DateEquals: an offset without colon", "DateEquals", ["2024-01-01T05:30:00+0530"], requestValue("2024-01-01T00:00:00Z", .date), true),
    ConditionCase("DateEquals: epoch seconds in the policy, ISO 8601 in the request", "DateEquals", ["1704067200"], requestValue("2024-01-01T00:00:00Z", .date), true),
    ConditionCase("DateEquals: ISO 8601 in the policy, epoch seconds in the request (aws:EpochTime)", "DateEquals", ["2024-01-01T00:00:00Z"], requestValue("1704067200", .date), true),
    ConditionCase("DateLessThan: fractional seconds count", "DateLessThan", ["2024-01-01T00:00:00Z"], requestValue("2023-12-31T23:59:59.999Z", .date), true),
    ConditionCase("DateLessThanEquals: 0.5 s equals 0.500000 s", "DateLessThanEquals", ["2024-01-01T00:00:00.5Z"], requestValue("2024-01-01T00:00:00.500000Z", .date), true),
    ConditionCase("DateLessThan: equal is not before", "DateLessThan", ["2024-01-01T00:00:00.5Z"], requestValue("2024-01-01T00:00:00.500Z", .date), false),
    ConditionCase("DateGreaterThanEquals: epoch on both sides", "DateGreaterThanEquals", ["1700000000"], requestValue("1699999999", .date), false),
    ConditionCase("DateGreaterThanEquals: minutes without seconds", "DateGreaterThanEquals", ["2024-01-01T12:00Z"], requestValue("2024-01-01T12:00:00Z", .date), true),
    ConditionCase("DateNotEquals: a different day, so true", "DateNotEquals", ["2024-01-01"], requestValue("2024-01-02", .date), true),
    ConditionCase("DateNotEquals: the same instant written differently, so false", "DateNotEquals", ["2024-01-01"], requestValue("2024-01-01T00:00:00Z", .date), false),
    ConditionCase("DateLessThan: a request value that is not a date matches nothing", "DateLessThan", ["2024-01-01"], requestValue("yesterday"), false),
    ConditionCase("DateNotEquals: a request value that is not a date never satisfies (conservative)", "DateNotEquals", ["2024-01-01"], requestValue("soon"), false),
    ConditionCase("DateEquals: February 30 is not a date", "DateEquals", ["2024-02-30"], requestValue("2024-02-30"), false),
    ConditionCase("DateEquals: February 29 of a leap year is", "DateEquals", ["2024-02-29"], requestValue("2024-02-29T00:00:00Z", .date), true),
    ConditionCase("DateLessThan: before 1970", "DateLessThan", ["1970-01-01"], requestValue("1969-12-31T23:59:59Z", .date), true),
    ConditionCase("DateGreaterThan: values ORed", "DateGreaterThan", ["2030-01-01", "2020-01-01"], requestValue("2024-06-01", .date), true),
]

extension ConditionOperatorTests {
    @Test("date condition operators", arguments: dateCases)
    func dateOperators(_ row: ConditionCase) { row.run() }
}

// MARK: - Bool and binary

// reference_policies_elements_condition_operators.html, "Boolean condition operators" and "Binary condition operators".
private let boolAndBinaryCases: [ConditionCase] = [
    ConditionCase("Bool: false matches false (aws:SecureTransport example)", "Bool", ["false"], requestValue("false", .boolean), true),
    ConditionCase("Bool: true does not match false", "Bool", ["true"], requestValue("false", .boolean), false),
    ConditionCase("Bool: true/false in any case", "Bool", ["TRUE"], requestValue("true", .boolean), true),
    ConditionCase("Bool: a JSON boolean arrives as the text true", "Bool", ["true"], ContextValue.bool(true), true),
    ConditionCase("Bool: a request value that is not true/false matches nothing", "Bool", ["true"], requestValue("yes"), false),
    ConditionCase("Bool: values ORed", "Bool", ["true", "false"], requestValue("false", .boolean), true),
    ConditionCase("Bool: a policy value that is not true/false matches nothing", "Bool", ["yes"], requestValue("yes"), false),
    ConditionCase("BinaryEquals: the same base64 value", "BinaryEquals", ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], requestValue("QmluYXJ5VmFsdWVJbkJhc2U2NA==", .binary), true),
    ConditionCase("BinaryEquals: compared byte for byte, so padding does not matter", "BinaryEquals", ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], requestValue("QmluYXJ5VmFsdWVJbkJhc2U2NA", .binary), true),
    ConditionCase("BinaryEquals: different bytes", "BinaryEquals", ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], requestValue("QUJD", .binary), false),
    ConditionCase("BinaryEquals: a request value that is not base64 never matches", "BinaryEquals", ["QUJD"], requestValue("!!!"), false),
    ConditionCase("BinaryEquals: a policy value that is not base64 never matches", "BinaryEquals", ["%%%"], requestValue("%%%"), false),
    ConditionCase("BinaryEquals: values ORed", "BinaryEquals", ["QUJD", "REVG"], requestValue("REVG", .binary), true),
]

extension ConditionOperatorTests {
    @Test("bool and binary condition operators", arguments: boolAndBinaryCases)
    func boolAndBinaryOperators(_ row: ConditionCase) { row.run() }
}

// MARK: - IP address

// reference_policies_elements_condition_operators.html, "IP address condition operators": IPv4 and IPv6
// in CIDR format; an address without a prefix is a single address.
private let ipCases: [ConditionCase] = [
    ConditionCase("IpAddress: inside 203.0.113.0/24", "IpAddress", ["203.0.113.0/24"], requestValue("203.0.113.255", .ip), true),
    ConditionCase("IpAddress: outside 203.0.113.0/24", "IpAddress", ["203.0.113.0/24"], requestValue("198.51.100.7", .ip), false),
    ConditionCase("IpAddress: an address alone is /32", "IpAddress", ["203.0.113.7"], requestValue("203.0.113.7", .ip), true),
    ConditionCase("IpAddress: an address alone is /32, the neighbour is out", "IpAddress", ["203.0.113.7"], requestValue("203.0.113.8", .ip), false),
    ConditionCase("IpAddress: /0 holds every IPv4 address", "IpAddress", ["0.0.0.0/0"], requestValue("198.51.100.7", .ip), true),
    ConditionCase("IpAddress: /25 boundary, last inside", "IpAddress", ["10.0.0.0/25"], requestValue("10.0.0.127", .ip), true),
    ConditionCase("IpAddress: /25 boundary, first outside", "IpAddress", ["10.0.0.0/25"], requestValue("10.0.0.128", .ip), false),
    ConditionCase("IpAddress: host bits in the policy range are ignored", "IpAddress", ["203.0.113.5/24"], requestValue("203.0.113.200", .ip), true),
    ConditionCase("IpAddress: IPv6 range 2001:DB8:1234:5678::/64", "IpAddress", ["2001:DB8:1234:5678::/64"], requestValue("2001:db8:1234:5678:abcd::1", .ip), true),
    ConditionCase("IpAddress: outside the IPv6 /64", "IpAddress", ["2001:DB8:1234:5678::/64"], requestValue("2001:db8:1234:5679::1", .ip), false),
    ConditionCase("IpAddress: IPv4 and IPv6 ranges mixed, values ORed", "IpAddress", ["203.0.113.0/24", "2001:DB8:1234:5678::/64"], requestValue("2001:db8:1234:5678::99", .ip), true),
    ConditionCase("IpAddress: an IPv6 address alone is /128", "IpAddress", ["2001:db8::1"], requestValue("2001:db8::1", .ip), true),
    ConditionCase("IpAddress: an IPv6 address alone is /128, the neighbour is out", "IpAddress", ["2001:db8::1"], requestValue("2001:db8::2", .ip), false),
    ConditionCase("IpAddress: :: compression is the same address", "IpAddress", ["::1"], requestValue("0:0:0:0:0:0:0:1", .ip), true),
    ConditionCase("IpAddress: embedded IPv4 in IPv6", "IpAddress", ["::ffff:203.0.113.0/120"], requestValue("::ffff:203.0.113.7", .ip), true),
    ConditionCase("IpAddress: /127 boundary", "IpAddress", ["2001:db8::/127"], requestValue("2001:db8::2", .ip), false),
    ConditionCase("IpAddress: an IPv4 address is not in an IPv6 range", "IpAddress", ["::/0"], requestValue("203.0.113.7", .ip), false),
    ConditionCase("IpAddress: a request value that is not an IP never matches", "IpAddress", ["0.0.0.0/0"], requestValue("localhost"), false),
    ConditionCase("IpAddress: a request value with a prefix is not an address", "IpAddress", ["203.0.113.0/24"], requestValue("203.0.113.7/32"), false),
    ConditionCase("IpAddress: leading zeros are not an address", "IpAddress", ["203.0.113.0/24"], requestValue("203.000.113.7"), false),
    ConditionCase("NotIpAddress: all addresses except the range", "NotIpAddress", ["203.0.113.0/24"], requestValue("198.51.100.7", .ip), true),
    ConditionCase("NotIpAddress: inside the range, so false", "NotIpAddress", ["203.0.113.0/24"], requestValue("203.0.113.9", .ip), false),
    ConditionCase("NotIpAddress: NOR over IPv4 and IPv6 ranges", "NotIpAddress", ["203.0.113.0/24", "2001:DB8::/32"], requestValue("2001:db9::1", .ip), true),
    ConditionCase("NotIpAddress: a request value that is not an IP never satisfies (conservative)", "NotIpAddress", ["203.0.113.0/24"], requestValue("not-an-ip"), false),
    ConditionCase("IpAddress: a malformed policy value does not stop a valid one from matching", "IpAddress", ["garbage", "203.0.113.0/24"], requestValue("203.0.113.7", .ip), true),
    ConditionCase("NotIpAddress: with a malformed policy value and no match the outcome is unknown, so false", "NotIpAddress", ["garbage", "203.0.113.0/24"], requestValue("198.51.100.7", .ip), false),
    ConditionCase("NotIpAddress: a malformed policy value alone never makes it hold", "NotIpAddress", ["203.0.113.0/33"], requestValue("198.51.100.7", .ip), false),
]

extension ConditionOperatorTests {
    @Test("IP address condition operators", arguments: ipCases)
    func ipOperators(_ row: ConditionCase) { row.run() }
}

// MARK: - ARN

// reference_policies_elements_condition_operators.html, "Amazon Resource Name (ARN) condition operators":
// case-sensitive, each colon-delimited component checked separately, ArnEquals and ArnLike identical.
private let arnCases: [ConditionCase] = [
    ConditionCase("ArnEquals: the same ARN (aws:SourceArn example)", "ArnEquals", ["arn:aws:sns:us-east-1:123456789012:my-topic"], requestValue("arn:aws:sns:us-east-1:123456789012:my-topic"), true),
    ConditionCase("ArnEquals: another topic", "ArnEquals", ["arn:aws:sns:us-east-1:123456789012:my-topic"], requestValue("arn:aws:sns:us-east-1:123456789012:other"), false),
    ConditionCase("ArnEquals: case-sensitive", "ArnEquals", ["arn:aws:iam::123456789012:role/Admin"], requestValue("arn:aws:iam::123456789012:role/admin"), false),
    ConditionCase("ArnEquals: behaves like ArnLike, so wildcards apply", "ArnEquals", ["arn:aws:iam::*:role/deploy"], requestValue("arn:aws:iam::123456789012:role/deploy"), true),
    ConditionCase("ArnLike: `*` within the region component", "ArnLike", ["arn:aws:sns:*:123456789012:my-topic"], requestValue("arn:aws:sns:eu-west-1:123456789012:my-topic"), true),
    ConditionCase("ArnLike: components matched separately (the documented finance/* example fails)", "ArnLike",
                  ["arn:aws:someservice:*:111122223333:finance/*"],
                  requestValue("arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), false),
    ConditionCase("ArnLike: `?` matches one character in a component", "ArnLike", ["arn:aws:s3:::bucket-?"], requestValue("arn:aws:s3:::bucket-a"), true),
    ConditionCase("ArnLike: `*` in the resource may span colons", "ArnLike", ["arn:aws:logs:us-east-1:123456789012:log-group:*"], requestValue("arn:aws:logs:us-east-1:123456789012:log-group:app:log-stream:s1"), true),
    ConditionCase("ArnLike: values ORed", "ArnLike", ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"], requestValue("arn:aws:s3:::b/key"), true),
    ConditionCase("ArnLike: the account component must match", "ArnLike", ["arn:aws:iam::111122223333:role/*"], requestValue("arn:aws:iam::444455556666:role/x"), false),
    ConditionCase("ArnNotEquals: a different ARN, so true", "ArnNotEquals", ["arn:aws:iam::111122223333:root"], requestValue("arn:aws:iam::444455556666:root"), true),
    ConditionCase("ArnNotEquals: the same ARN, so false", "ArnNotEquals", ["arn:aws:iam::111122223333:root"], requestValue("arn:aws:iam::111122223333:root"), false),
    ConditionCase("ArnNotLike: NOR over patterns, one matches", "ArnNotLike", ["arn:aws:iam::*:role/a", "arn:aws:iam::*:role/b*"], requestValue("arn:aws:iam::1:role/bx"), false),
    ConditionCase("ArnNotLike: no pattern matches", "ArnNotLike", ["arn:aws:iam::*:role/a"], requestValue("arn:aws:iam::1:user/a"), true),
]

extension ConditionOperatorTests {
    @Test("ARN condition operators", arguments: arnCases)
    func arnOperators(_ row: ConditionCase) { row.run() }
}
