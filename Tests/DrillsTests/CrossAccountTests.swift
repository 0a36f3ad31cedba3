import IAMWorld
import QuizBank
import Testing

@testable import Drills

/// `cross-account`: the variants come up, and the outcomes agree with rules of AWS's documentation checked
/// here without the sandbox (reference_policies_evaluation-logic-cross-account.html, key-policies.html,
/// key-policy-modifying-external-accounts.html).
@Suite("Cross-account drills")
struct CrossAccountTests {
    static var drills: [GeneratedDrill] { DrillFamilyTests.generated["cross-account"] ?? [] }

    @Test("every variant comes up: a resource policy naming the account, a user or nobody; a Deny for one user; KMS key policies of each shape; aws:PrincipalOrgID; the role path")
    func variants() {
        let marks = [
            "names the account": "\"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}",
            "names a user": "\"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:user/alice\"}",
            "no resource policy": "has no resource-based policy",
            "deny for Bob": "\"Sid\": \"DenyBobWrites\"",
            "KMS key": "owns the KMS key",
            "default key statement": "\"Sid\": \"EnableIAMUserPermissions\"",
            "key policy without it": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"AllowDevAccount\"",
            "organization": "aws:PrincipalOrgID",
            "role path": "the role `Reader`",
            "queue": "the queue `",
            "bucket": "the bucket `",
        ]
        for (variant, mark) in marks {
            // The stem, and the policies as written on one line (the stem lays them out over several).
            let count = Self.drills.filter { $0.question.stem.contains(mark) || $0.policies.contains { $0.document.contains(mark) } }.count
            #expect(count >= 10, "\(variant): \(count) drills")
        }
        #expect(Set(Self.drills.map(\.question.level)) == [.associate, .professional])
        // The associate level has no conditions, no KMS and no roles.
        #expect(!Self.drills.contains { $0.question.level == .associate
            && ($0.question.stem.contains("Condition") || $0.question.stem.contains("KMS") || $0.question.stem.contains("Reader")) })
    }

    @Test("outcomes follow AWS's rules: another account needs its own identity policy, never administers a KMS key, and gets nothing from a resource without a policy; outside the organization gets nothing")
    func awsRules() throws {
        var checked = 0
        for drill in Self.drills {
            let stem = drill.question.stem
            for (option, decided) in zip(drill.question.options, drill.options) {
                let text = option.text
                let crossAccount = (text.contains("(account dev)") || text.contains("(account partner)")) && !text.contains("session of the role")
                guard crossAccount, text.contains(" calls ") else { continue }
                checked += 1
                let name = String(text.prefix { $0 != " " })
                if decided.outcome.works {
                    // Both sides: the caller's own identity policy, and a resource policy.
                    #expect(stem.contains("Identity policy `\(name)"), "\(drill.question.id): \(text)")
                    #expect(!stem.contains("has no resource-based policy"), "\(drill.question.id): \(text)")
                }
                #expect(!(decided.outcome.works && text.contains("kms:ScheduleKeyDeletion")), "\(drill.question.id): \(text)")
                #expect(!(decided.outcome.works && name == "Pat"), "\(drill.question.id): \(text)")
            }
        }
        #expect(checked > 1_000)
    }

    @Test("an option in a session of the role `Reader` is decided in that session: its assume step worked")
    func rolePathAssumes() throws {
        var checked = 0
        for drill in Self.drills where drill.question.stem.contains("the role `Reader`") {
            let steps = drill.options.enumerated().filter { drill.question.options[$0.offset].text.contains("session of the role") }
            guard !steps.isEmpty, let text = drill.scenario else { continue }
            let scenario = try #require(ScenarioParser.parse(text, file: "drill.iqs", baseDirectory: "/").scenario)
            let run = ScenarioRunner.run(scenario)
            for (_, option) in steps {
                let step = try #require(option.step)
                #expect(run.result(of: "\(step)-2")?.result.outcome == .ok, "\(drill.question.id) \(step)")
                checked += 1
            }
        }
        #expect(checked > 25)
    }
}
