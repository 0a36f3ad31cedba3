import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine
import Testing

@testable import Drills

/// The builder of drills decided in a world, on a hand-made draft: a role that only `alice` may assume.
@Suite("World drill builder")
struct WorldDrillBuilderTests {
    static let trust = DrillPolicy(kind: .trust, name: "ReportsRole", statements: [
        DrillStatement(sid: "AliceOnly", effect: .allow, actions: ["sts:AssumeRole"], resources: [],
                       principals: [DrillPrincipal("AWS", ["arn:aws:iam::111122223333:user/alice"])]),
    ])

    static func draft() -> WorldDraft {
        let world = """
            account 111122223333 prod
            user prod/alice
              policy assume: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}
            user prod/bob
              policy assume: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}
            user prod/carol
            user prod/dmitri
              policy assume: {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*"}]}
            role prod/Reports
              trust: \(trust.document)
            """
        // Alice's call works (the trust policy names her); the others fail; the first two differ in the caller only.
        let candidates = ["alice", "bob", "carol", "dmitri"].map { name in
            WorldCandidate(text: "\(name.capitalized) assumes `Reports`", steps: ["as user prod/\(name)", "assume prod/Reports"],
                           parts: [name, "Reports"])
        }
        return WorldDraft(situation: "Four users of account 111122223333 try the role `Reports`.", shown: [trust], world: world,
                          candidates: candidates, ask: .works, sentence: "Which of these calls to AssumeRole succeed?",
                          explanation: "A role of the same account may be assumed by a user its trust policy names.")
    }

    static let family = DrillFamily(name: "world-test", title: "test", levels: [.associate], topics: ["trust-policy"]) { _, _ in draft() }

    @Test("the key is what running the steps gave, and the scenario states each deciding step's outcome")
    func keyedByTheWorld() throws {
        var random = SeededRandom(seed: 1)
        let drill = try #require(WorldDrillBuilder.assemble(Self.draft(), family: Self.family, level: .associate, random: &random))
        #expect(drill.question.options.count == 4)
        #expect(drill.question.key == .options(drill.options.indices.filter { drill.options[$0].text.hasPrefix("Alice") }))
        let scenario = try #require(drill.scenario)
        #expect(scenario.hasPrefix("scenario: drill-world-test\n"))
        // The exported scenario runs and meets every expectation; each option's step gives the option's outcome.
        let parsed = try #require(ScenarioParser.parse(scenario, file: "drill.iqs", baseDirectory: "/").scenario)
        let run = ScenarioRunner.run(parsed)
        #expect(run.passed)
        for option in drill.options {
            let step = try #require(option.step)
            #expect(run.result(of: step)?.result.outcome == option.outcome)
            #expect(option.outcome.works == option.text.hasPrefix("Alice"), "\(option.text): \(option.outcome)")
        }
        // Every option is explained from its result.
        #expect(drill.question.options.allSatisfy { !($0.why ?? "").isEmpty })
        #expect(drill.question.stem.contains("Which of these calls to AssumeRole succeed? (Choose 1)"))
    }

    @Test("a world that does not parse gives no drill, and the family is not asked for a question")
    func brokenWorld() {
        var draft = Self.draft()
        draft.world += "\nnonsense line\n"
        var random = SeededRandom(seed: 1)
        #expect(WorldDrillBuilder.assemble(draft, family: Self.family, level: .associate, random: &random) == nil)
    }
}
