import Foundation
import IAMPolicy
import Testing

@testable import Drills

/// How a drill's stem shows a policy: pretty JSON that fits the terminal, and says what the evaluator reads.
@Suite("Drill policy layout")
struct DrillPolicyLayoutTests {
    static let long = DrillPolicy(kind: .identity, name: "App", statements: [
        DrillStatement(sid: "AllowReports", effect: .allow, actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                       resources: ["arn:aws:s3:::reports/*"],
                       conditions: [DrillCondition("ForAllValues:StringEquals", "aws:TagKeys", ["env", "owner", "cost-center", "team"])]),
        DrillStatement(sid: "D", effect: .deny, actions: ["sqs:Purge*"]),
    ])

    @Test("a policy that fits the width stays on one line")
    func short() {
        let policy = DrillPolicy(kind: .scp, name: "S", statements: [DrillStatement(sid: "A", effect: .allow, actions: ["*"])])
        let width = policy.document.count
        #expect(policy.prettyLines(width: width) == [policy.document])
        #expect(policy.prettyLines(width: width - 1).count == 6)
    }

    @Test("one statement: Version on the first line, then a member a line, then `}]}`")
    func oneStatement() {
        let policy = DrillPolicy(kind: .identity, name: "App", statements: [Self.long.statements[0]])
        let lines = policy.prettyLines()
        #expect(lines.first == "{\"Version\": \"2012-10-17\", \"Statement\": [{")
        #expect(lines[1] == "  \"Sid\": \"AllowReports\",")
        #expect(lines.last == "}]}")
    }

    @Test("several statements: one a line when it fits, broken when it does not; every line fits 76 columns")
    func several() throws {
        let lines = Self.long.prettyLines()
        #expect(lines.contains("  {\"Sid\": \"D\", \"Effect\": \"Deny\", \"Action\": \"sqs:Purge*\", \"Resource\": \"*\"}"))
        #expect(lines.contains("  {"))
        #expect(lines.allSatisfy { $0.count <= 76 }, "\(lines.filter { $0.count > 76 })")
        // The condition that does not fit is broken a member a line.
        #expect(lines.contains("    \"Condition\": {"))
    }

    @Test("the laid-out policy is the same policy: it parses to what the one-line document parses to")
    func samePolicy() throws {
        let pretty = try #require(PolicyParser.parse(Self.long.prettyLines().joined(separator: "\n"), id: "p", kind: .identity).policy)
        let flat = try #require(PolicyParser.parse(Self.long.document, id: "p", kind: .identity).policy)
        #expect(pretty.statements.count == 2)
        #expect(pretty.statements.map(\.sid) == flat.statements.map(\.sid))
        #expect(String(describing: pretty.statements.map(\.effect)) == String(describing: flat.statements.map(\.effect)))
    }

    @Test("a string wider than the terminal stays whole on its line (an ARN is never split)")
    func longString() {
        let arn = "arn:aws:s3:::" + String(repeating: "x", count: 80)
        let policy = DrillPolicy(kind: .identity, name: "App", statements: [DrillStatement(sid: "A", effect: .allow, actions: ["s3:GetObject"], resources: [arn])])
        #expect(policy.prettyLines().contains("  \"Resource\": \"\(arn)\""))
    }
}
