import QuizBank
import Testing

@testable import Drills

/// Each variant a family promises comes up among the suite's 1,000 drills of the family, and its options are
/// explained by what decides them (not only that the stem shows the policy).
@Suite("Drill family variants")
struct DrillFamilyVariantTests {
    static func drills(_ name: String) throws -> [GeneratedDrill] {
        try #require(DrillFamilyTests.generated[name])
    }

    /// How many of the drills' options have an explanation containing `text`.
    static func explained(_ drills: [GeneratedDrill], _ text: String) -> Int {
        drills.reduce(0) { $0 + $1.question.options.filter { ($0.why ?? "").contains(text) }.count }
    }

    @Test("evaluation-logic: SCPs at two levels, a resource-based policy naming the user, the role or the session, and what each does")
    func evaluationLogic() throws {
        let professional = try Self.drills("evaluation-logic").filter { $0.question.level == .professional }
        let stems = professional.map(\.question.stem)
        #expect(stems.contains { $0.contains("SCP `RootGuardrails`, attached to the root:") && $0.contains(" OU:") })
        #expect(stems.contains { $0.contains("Resource-based policy `") })
        // Five policy types in one drill: identity, boundary, SCP, session and resource-based policies.
        #expect(professional.contains { Set($0.policies.map(\.kind)).count == 5 })
        #expect(professional.allSatisfy { Set($0.policies.map(\.kind)).count >= 4 })
        for text in ["names the user", "names this role session's ARN directly", "names the role `DataRole`, which grants it",
                     "stays within the permissions boundary", "stays within the session policy",
                     "does not allow it either", "on the root denies"] {
            #expect(Self.explained(professional, text) > 0, "no option explained by \"\(text)\"")
        }
    }

    @Test("scp-inheritance: RCPFullAWSAccess and a customer RCP at one level; an RCP's Deny decides some options")
    func rcps() throws {
        let drills = try Self.drills("scp-inheritance")
        let withRCP = drills.filter { $0.question.stem.contains("RCP `RCPFullAWSAccess`, attached to ") }
        #expect(withRCP.count > drills.count / 4)
        #expect(withRCP.allSatisfy { drill in
            let places = Set(drill.policies.filter { $0.kind == .rcp }.map(\.attachment))
            return places.count == 1 && drill.policies.filter { $0.kind == .rcp }.count == 2
        })
        #expect(Self.explained(withRCP, "DataPerimeter` on the account denies") > 0)
        #expect(Self.explained(withRCP, "OU denies") > 0)
        // The Deny that spares the role: the role's session is allowed where the user is denied by the RCP.
        #expect(Self.explained(withRCP, "holds: the request has aws:PrincipalArn = arn:aws:iam::") > 0)
        #expect(Self.explained(withRCP, "the RCP `RCPFullAWSAccess` on ") > 0)
    }

    @Test("policy-variables: ${aws:SourceIdentity}, and a session without one")
    func sourceIdentity() throws {
        let drills = try Self.drills("policy-variables").filter { $0.question.stem.contains("${aws:SourceIdentity}") }
        #expect(!drills.isEmpty)
        #expect(Self.explained(drills, "the request has no aws:SourceIdentity, so the statement does not apply") > 0)
        // Some right options are requests with a source identity.
        #expect(drills.contains { drill in
            drill.question.key.indices.contains { i in
                drill.options[i].request?.context.contains { $0.name == "aws:SourceIdentity" } ?? false
            }
        })
        // ABAC with tags stays.
        let abac = try Self.drills("policy-variables").filter { $0.question.stem.contains("${aws:PrincipalTag/team}") }
        #expect(!abac.isEmpty)
    }
}
