import Foundation
import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine
import Synchronization
import Testing

@testable import Drills

/// Every built-in family, 1,000 drills each with a fixed seed (`make test` audits 10,000 a family in a release
/// build, `DrillAudit`): the key is what the simulator decides, the
/// options are distinct, the number of right options varies, and the bank's own checks accept every drill.
@Suite("Drill families")
struct DrillFamilyTests {
    static let perFamily = 1_000

    /// The drills of one family, made once per test.
    static func drills(_ family: DrillFamily, seed: UInt64 = 20_261_206, count: Int = perFamily) -> [GeneratedDrill] {
        var generator = DrillGenerator(families: [family], level: nil, seed: seed)
        return generator.drills(count: count)
    }

    /// The drills of every family with the suite's seed, made once for all the tests (the families in parallel).
    static let generated: [String: [GeneratedDrill]] = {
        let families = DrillFamilies.all
        let made = Mutex<[String: [GeneratedDrill]]>([:])
        DispatchQueue.concurrentPerform(iterations: families.count) { i in
            let drills = drills(families[i])
            made.withLock { $0[families[i].name] = drills }
        }
        return made.withLock { $0 }
    }()

    /// The policies as the stem shows them, read back from the stem (heading, then the document as written), so
    /// that the re-evaluation depends on what the learner sees and not on the generator's values.
    static func shownPolicies(_ question: Question) -> SimulationInput {
        var input = SimulationInput()
        let kinds: [(String, PolicyKind)] = [("Identity policy", .identity), ("Permissions boundary", .boundary),
                                             ("SCP", .scp), ("RCP", .rcp), ("Session policy", .session),
                                             ("Resource-based policy", .resource)]
        var pending: PolicyKind?
        for block in question.stemBlocks {
            switch block {
            case .paragraph(let text):
                pending = kinds.first { text.hasPrefix($0.0 + " `") }?.1
            case .list:
                pending = nil
            case .code(let lines):
                guard let kind = pending else { continue }
                let document = PolicyDocument(id: "\(kind)", text: lines.joined(separator: "\n"))
                switch kind {
                case .identity: input.identityPolicies.append(document)
                case .boundary: input.boundaryPolicies.append(document)
                case .scp: input.scps.append(document)
                case .rcp: input.rcps.append(document)
                case .resource: input.resourcePolicy = document
                default: input.sessionPolicies.append(document)
                }
                pending = nil
            }
        }
        return input
    }

    /// Where the stem says each SCP and each RCP is attached ("SCP `X`, attached to the Prod OU:"), in the order
    /// shown; nil for a policy with no place.
    static func shownPlaces(_ question: Question) -> (scps: [String?], rcps: [String?]) {
        var places: (scps: [String?], rcps: [String?]) = ([], [])
        for case .paragraph(let text) in question.stemBlocks {
            let place = text.range(of: ", attached to ").map { String(text[$0.upperBound...].dropLast()) }
            if text.hasPrefix("SCP `") { places.scps.append(place) }
            if text.hasPrefix("RCP `") { places.rcps.append(place) }
        }
        return places
    }

    /// The simulator's levels (one a document) regrouped as the organization has them: the policies attached to
    /// the same place are one level, which allows what any of them allows (RCPFullAWSAccess beside a customer RCP
    /// that only denies).
    static func levels(_ flat: [[Policy]], _ places: [String?]) -> [[Policy]] {
        #expect(flat.count == places.count)
        var levels: [[Policy]] = [], names: [String?] = []
        for (level, place) in zip(flat, places) {
            if let place, let at = names.firstIndex(of: place) {
                levels[at] += level
            } else {
                levels.append(level)
                names.append(place)
            }
        }
        return levels
    }

    /// The policies as shown, parsed by the simulator (the path of `iamquiz simulate`), not by the generator.
    static func parsed(_ shown: SimulationInput) throws -> PolicySet {
        var input = shown
        input.actions = ["s3:GetObject"]
        return try Simulator.prepare(input).get().policies
    }

    /// The evaluator's decision for one option's request, built here from the option's parts.
    static func decision(_ request: DrillRequest, _ policies: PolicySet) throws -> Decision {
        var context = RequestContext()
        for entry in request.context { context[entry.name] = ContextValue(type: entry.type, values: entry.values) }
        let caller = try #require(Caller(parsing: request.callerARN))
        let authorization = AuthorizationRequest(caller: caller, action: request.action, resource: request.resource, context: context)
        return Evaluator().evaluate(authorization, policies: policies).decision
    }

    @Test("the key is an independent re-evaluation of every option: the evaluator on the policies as the stem shows them, or the drill's scenario run through IAMWorld (edit options: the suite Fix the policy)",
          arguments: DrillFamilies.all.map(\.name))
    func keyIsComputed(family name: String) throws {
        let family = try #require(DrillFamilies.named(name))
        for drill in try #require(Self.generated[family.name]) {
            if drill.scenario != nil {
                try Self.checkWorldDrill(drill)
                continue
            }
            if drill.ask == .fixes {
                // Options that are policy edits stand for no single request: FixThePolicyTests re-proves their key by
                // making each edit on the policies as the stem shows them and evaluating every listed request again.
                #expect(drill.options.allSatisfy { $0.edit != nil && $0.request == nil }, "\(drill.question.id)")
                continue
            }
            let shown = Self.shownPolicies(drill.question)
            #expect(shown.allDocuments.count == drill.policies.count, "\(drill.question.id)")
            var policies = try Self.parsed(shown)
            let places = Self.shownPlaces(drill.question)
            policies.scps = Self.levels(policies.scps, places.scps)
            policies.rcps = Self.levels(policies.rcps, places.rcps)
            var key: [Int] = []
            for (i, option) in drill.options.enumerated() {
                #expect(option.text == drill.question.options[i].text)
                let request = try #require(option.request)
                #expect(request.text == option.text)
                let decision = try Self.decision(request, policies)
                #expect(decision == option.decision, "\(drill.question.id) option \(i)")
                if drill.ask.isRight(decision) { key.append(i) }
                // The explanation states the decision it explains.
                let why = try #require(drill.question.options[i].why)
                #expect(why.hasPrefix(decision == .allowed ? "allowed: " : decision == .explicitDeny ? "denied explicitly: " : "denied (implicitly): "))
            }
            #expect(drill.question.key == .options(key), "\(drill.question.id)")
        }
    }

    /// A drill decided in a world: its scenario, parsed and run by IAMWorld's own runner (as `iamquiz scenario
    /// run` does), meets every expectation; each option's step gives the option's outcome and the key follows
    /// from the outcomes; and every policy the stem shows is a document of the scenario, so that what the
    /// learner reads is what decides.
    static func checkWorldDrill(_ drill: GeneratedDrill) throws {
        let text = try #require(drill.scenario)
        let parsed = ScenarioParser.parse(text, file: "\(drill.question.id).iqs", baseDirectory: "/")
        let scenario = try #require(parsed.scenario, "\(drill.question.id): \(parsed.diagnostics.prefix(2).map(\.message))")
        let run = ScenarioRunner.run(scenario)
        #expect(run.passed, "\(drill.question.id): \(run.failures.map { "\($0.step.commandText): \($0.result.outcome)" })")
        var key: [Int] = []
        for (i, option) in drill.options.enumerated() {
            #expect(option.text == drill.question.options[i].text)
            let step = try #require(option.step)
            let outcome = try #require(run.result(of: step)?.result.outcome, "\(drill.question.id): no step \(step)")
            #expect(outcome == option.outcome, "\(drill.question.id) option \(i)")
            if drill.ask.isRight(outcome) { key.append(i) }
            #expect(!(drill.question.options[i].why ?? "").isEmpty)
        }
        #expect(drill.question.key == .options(key), "\(drill.question.id)")
        for policy in drill.policies {
            #expect(drill.question.stemBlocks.contains(.code(policy.prettyLines())), "\(drill.question.id): the stem shows \(policy.name)")
            #expect(text.contains(policy.document), "\(drill.question.id): the scenario holds \(policy.name) as shown")
        }
    }

    @Test("4 to 6 options, all texts distinct; 1 to 3 right, as many as the stem asks for, and each count comes up",
          arguments: DrillFamilies.all.map(\.name))
    func optionShape(family name: String) throws {
        let family = try #require(DrillFamilies.named(name))
        var rightCounts: [Int: Int] = [:]
        var levels: Set<Level> = []
        for drill in try #require(Self.generated[family.name]) {
            let q = drill.question
            #expect((4...6).contains(q.options.count), "\(q.id)")
            #expect(Set(q.options.map { $0.text.lowercased() }).count == q.options.count, "\(q.id)")
            let right = q.key.indices.count
            #expect((1...3).contains(right), "\(q.id)")
            #expect(q.answersAskedFor == right, "\(q.id)")
            rightCounts[right, default: 0] += 1
            levels.insert(q.level)
            #expect(family.levels.contains(q.level))
            #expect(q.topics == family.topics)
        }
        // Every count from 1 to 3 comes up, so that the number asked for says nothing about the family.
        #expect(Set(rightCounts.keys) == [1, 2, 3], "right options per drill: \(rightCounts)")
        #expect(levels == Set(family.levels))
    }

    @Test("the same seed gives the same drills; another seed others", arguments: DrillFamilies.all.map(\.name))
    func reproducible(family name: String) throws {
        let family = try #require(DrillFamilies.named(name))
        let a = Self.drills(family, seed: 5, count: 200), b = Self.drills(family, seed: 5, count: 200)
        let c = Self.drills(family, seed: 6, count: 200)
        #expect(a == b)
        #expect(a.map(\.question.stem) != c.map(\.question.stem))
        #expect(a.map(\.question.id) == a.enumerated().map { "drill-\(name)-\($0.element.question.level.rawValue)-5-\($0.offset + 1)" })
    }

    /// Every drill prints as a bank that parses back the same with no diagnostic (the parser's checks: ids,
    /// keys, answer counts, repeated options). The cue lints of `iamquiz check` (W110 to W114), bank-wide and
    /// slow in a debug build, run on the first 500 drills of the family, a bank of their own.
    @Test("every drill passes the bank's checks: printed as a bank it parses back the same, with no diagnostic",
          arguments: DrillFamilies.all.map(\.name))
    func bankChecks(family name: String) throws {
        let family = try #require(DrillFamilies.named(name))
        let questions = try #require(Self.generated[family.name]).map(\.question)
        let text = BankPrinter().print(questions)
        let parsed = BankParser().parse(text, file: "drills.iqb")
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.prefix(3).map(\.message))")
        #expect(parsed.questions == questions)
        let lints = BankLints.diagnostics(for: Array(questions.prefix(500)), sources: [:])
        #expect(lints.isEmpty, "\(lints.prefix(3).map { "\($0.code): \($0.message)" })")
    }
}
