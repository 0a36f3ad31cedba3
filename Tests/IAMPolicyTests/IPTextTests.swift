import Testing
import TestSupport
@testable import IAMPolicy

// Rule: one reading of IP text everywhere. `IPRange` is the only parser of addresses and CIDR ranges; the
// condition operators use it for request values (one address) and policy values (an address or a range),
// and the sandbox and scenario files use it too (IAMWorldTests/IPTextAgreementTests.swift runs the same
// table, `ipTextCases` in TestSupport, through them).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
@Suite("IP text: the parser and the condition operators")
struct IPTextTests {
    @Test("IPRange reads an address and a range as the table says", arguments: ipTextCases)
    func parser(_ row: IPTextCase) {
        #expect((IPRange(address: row.text) != nil) == row.isAddress)
        #expect((IPRange(cidr: row.text) != nil) == row.isRange)
        #expect(IPRange(address: row.text).map { !$0.isV6 } ?? false == row.isIPv4Address)
    }

    @Test("IpAddress matches a request address in 0.0.0.0/0 or ::/0 exactly when it is an address", arguments: ipTextCases)
    func requestValue(_ row: IPTextCase) {
        let outcome = evaluateCondition("IpAddress", key: "aws:SourceIp", ["0.0.0.0/0", "::/0"], IAMPolicyTests.requestValue(row.text, .ip))
        #expect(outcome.satisfied == row.isAddress)
    }

    @Test("a policy value of IpAddress is valid exactly when it is an address or a range", arguments: ipTextCases)
    func policyValue(_ row: IPTextCase) {
        #expect(ConditionEvaluator.validate(conditionClause("IpAddress", "aws:SourceIp", [row.text])).isEmpty == row.isRange)
    }
}
