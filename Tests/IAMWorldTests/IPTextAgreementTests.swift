import Diagnostics
import Testing
import TestSupport
@testable import IAMWorld

// Rule: the sandbox and scenario files take the addresses the condition operators read, and only those
// (IAMPolicy's `IPRange`). The table, `ipTextCases` in TestSupport, is the one IAMPolicyTests/IPTextTests.swift
// runs through the parser and `IpAddress`; here it goes through `can --from`, `source-ip:` and `private-ip:`.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress

/// A user allowed `s3:ListAllMyBuckets` from any IPv4 or IPv6 address.
private let fromAnywhere = """
    scenario: ip-text
    account 111111111111 prod
    user prod/alice
      policy from-anywhere: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["0.0.0.0/0", "::/0"]}}}]}
    """

@Suite("IP text: the sandbox and scenario files agree with the condition operators")
struct IPTextAgreementTests {
    @Test("can --from takes an address, which IpAddress then matches; anything else is a ValidationError", arguments: ipTextCases)
    func sandboxFrom(_ row: IPTextCase) throws {
        var session = try ScenarioSession(fromAnywhere)
        #expect(session.run("as user prod/alice") == .ok)
        var call = CallOptions(action: "s3:ListAllMyBuckets", resource: "*")
        call.sourceIP = row.text
        #expect(session.sandbox.run(.can(call)).outcome == (row.isAddress ? .allowed : .error("ValidationError")))
    }

    @Test("source-ip: takes an address; anything else is S002", arguments: ipTextCases)
    func scenarioSourceIP(_ row: IPTextCase) {
        let result = ScenarioParser.parse("scenario: s\nsource-ip: \(row.text)\n", file: "t.iqs", baseDirectory: "/")
        #expect(result.diagnostics.map(\.code) == (row.isAddress ? [] : ["S002"]))
        if row.isAddress { #expect(result.scenario?.world.sourceIP == row.text) }
    }

    @Test("an instance's private-ip: takes an IPv4 address; anything else is refused", arguments: ipTextCases)
    func scenarioPrivateIP(_ row: IPTextCase) {
        let text = "scenario: s\naccount 111111111111 prod\ninstance prod/i-0abc\n  private-ip: \(row.text)\n"
        let result = ScenarioParser.parse(text, file: "t.iqs", baseDirectory: "/")
        #expect(result.diagnostics.hasErrors == !row.isIPv4Address, "\(result.diagnostics.map(\.message))")
    }
}
