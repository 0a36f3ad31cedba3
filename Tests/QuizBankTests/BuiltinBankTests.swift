import Diagnostics
import Foundation
import IAMPolicy
import IAMWorld
import Testing
@testable import QuizBank

@Suite("The built-in bank")
struct BuiltinBankTests {
    @Test("iamquiz check is clean on it: no errors, and no warning (cue lints included) unless an allow: says why")
    func clean() {
        let result = BuiltinBank.parse()
        let diagnostics = result.diagnostics + BankLints.diagnostics(for: result.bank.questions, sources: result.sources)
        let rendered = diagnostics.map { DiagnosticRenderer().render($0) }
        #expect(diagnostics.isEmpty, "\(rendered.joined(separator: "\n"))")
    }

    // Issue 11: a professional-grade bank. The figures are those `iamquiz check --format json` reports.
    @Test("250 questions or more, 120 professional, the key the longest option in at most 35% of single-answer questions")
    func size() {
        let questions = BuiltinBank.load().bank.questions
        #expect(questions.count >= 250)
        #expect(questions.filter { $0.level == .professional }.count >= 120)
        let share = BankLints.longestKeyShare(questions)
        #expect(share.share <= 0.35, "the key is the longest option in \(share.keyLongest) of \(share.singleAnswer)")
    }

    @Test("every area of the exam guides has at least 8 questions", arguments: [
        "identity-center", "cognito", "abac", "session-tracking", "cross-account-resources", "boundary-delegation",
        "access-analyzer", "data-perimeter", "leaked-credentials", "troubleshooting", "compute-roles",
    ])
    func area(tag: String) {
        let count = BuiltinBank.load().bank.questions.filter { $0.topics.contains(tag) }.count
        #expect(count >= 8, "\(tag): \(count)")
    }

    @Test("every question cites an AWS documentation page")
    func references() {
        for question in BuiltinBank.load().bank.questions {
            #expect(question.references.contains { $0.hasPrefix("https://docs.aws.amazon.com/") }, "\(question.id)")
        }
    }

    @Test("the 11 practice questions of the source document, with their keys and levels")
    func blogQuestions() throws {
        let bank = BuiltinBank.load().bank
        let blog = bank.questions.filter { $0.position.file.hasSuffix("practice-questions.iqb") }
        try #require(blog.count == 11)
        // The keys of the source document (question 4 as it stands since roles can be attached to
        // running instances; question 7 keyed A, see its `disputed:` note).
        let keys: [[Int]] = [[1], [0, 3], [1, 3], [0, 1], [2], [2], [0], [2], [0], [1], [0]]
        #expect(blog.map(\.key.indices) == keys)
        let professional = [5, 6, 7, 8, 10]
        for (i, q) in blog.enumerated() {
            #expect(q.level == (professional.contains(i + 1) ? .professional : .associate), "question \(i + 1)")
            #expect(q.options.allSatisfy { $0.why != nil })
        }
        #expect(!blog[3].changed.isEmpty, "the EC2/DynamoDB question records that its answer changed")
        #expect(!blog[6].disputed.isEmpty, "the CloudFormation question explains the disputed wording")
    }

    @Test("at least 30 more questions, mixing single and multiple answers and both levels")
    func coverage() {
        let bank = BuiltinBank.load().bank
        #expect(bank.questions.count >= 41)
        #expect(bank.questions.filter { $0.key.indices.count > 1 }.count >= 8)
        #expect(bank.questions.filter { $0.level == .professional }.count >= 10)
        #expect(bank.questions.filter { $0.level == .associate }.count >= 10)
        let topics = Set(bank.topics)
        for topic in ["trust-policy", "temporary-credentials", "sts-endpoints", "service-role", "instance-profile",
                      "service-linked-role", "cross-account", "mfa", "external-id", "confused-deputy", "saml", "oidc",
                      "best-practices"] {
            #expect(topics.contains(topic), "no question on \(topic)")
        }
    }

    @Test("the embedded bank is the QuestionBank folder of the source tree")
    func embeddedMatchesSource() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("QuestionBank").path
        let onDisk = BankLoader().load(paths: [folder])
        #expect(onDisk.bank.questions == BuiltinBank.load().bank.questions)
        // And the scenarios of QuestionBank/scenarios/, byte for byte.
        let scenarioFolder = root.appendingPathComponent("QuestionBank/scenarios")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: scenarioFolder.path)) ?? []).filter { $0.hasSuffix(".iqs") }.sorted()
        #expect(BuiltinBank.scenarioFiles.map(\.name) == names.map { "scenarios/" + $0 })
        for file in BuiltinBank.scenarioFiles {
            let bytes = try Data(contentsOf: root.appendingPathComponent("QuestionBank").appendingPathComponent(file.name))
            #expect(Array(bytes) == file.bytes, "\(file.name)")
        }
    }
}

@Suite("The built-in scenarios")
struct BuiltinScenarioTests {
    /// `check` and the quiz read only the built-in scenarios a bank names, found by their file's name.
    @Test("a built-in scenario's id is its file's name, and builtIn(ids:) reads those only")
    func idsAreFileNames() {
        let all = ScenarioLibrary.builtIn()
        for (id, scenario) in all.scenarios {
            #expect(ScenarioLibrary.builtInID(ofFile: scenario.file) == id, "\(scenario.file)")
        }
        let some: Set<String> = ["role-trust-basics", "organizations-scp", "no-such-scenario"]
        let subset = ScenarioLibrary.builtIn(ids: some)
        #expect(Set(subset.scenarios.keys) == ["role-trust-basics", "organizations-scp"])
        #expect(subset.sources.count == 2)
        #expect(ScenarioLibrary.builtIn(ids: []).scenarios.isEmpty)
        #expect(ScenarioLibrary.builtInIDs == Set(all.scenarios.keys))
        #expect(Set(ScenarioLibrary.parsedBuiltIn(ids: some).scenarios.keys) == ["role-trust-basics", "organizations-scp"])
    }

    @Test("every built-in scenario parses cleanly and every step meets its expectation")
    func scenariosPass() throws {
        let parsed = ScenarioLibrary.parsedBuiltIn()
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map { DiagnosticRenderer().render($0) }.joined(separator: "\n"))")
        // The scenarios as the quiz reads them (compiled at build time).
        let library = ScenarioLibrary.builtIn()
        #expect(Set(library.scenarios.keys) == Set(parsed.scenarios.keys))
        #expect(library.scenarios.count >= 8)
        for scenario in library.scenarios.values {
            let run = ScenarioRunner.run(scenario)
            for failure in run.failures {
                Issue.record("\(scenario.id) step \(failure.step.label): expected \(failure.step.expect?.description ?? "?"), got \(failure.result.outcome): \(failure.result.lines.first ?? "")")
            }
            #expect(scenario.steps.contains { $0.expect != nil }, "\(scenario.id) checks nothing")
        }
    }

    // Rule: every action a built-in scenario names, in a policy or a `can` step, is in the catalog (the
    // Service Authorization Reference), and no policy of a scenario draws a validation warning (W2xx: IAM
    // Access Analyzer's checks, access-analyzer-reference-policy-checks.html), so the bank never warns.
    @Test("the catalog knows every action of the built-in scenarios, and their policies draw no warning")
    func catalogCoversScenarios() throws {
        var actions = Set<String>()
        for file in BuiltinBank.scenarioFiles {
            let parsed = ScenarioParser.parse(String(decoding: file.bytes, as: UTF8.self), file: file.name, baseDirectory: "/")
            let warnings = parsed.diagnostics.filter { $0.code.hasPrefix("W2") }
            #expect(warnings.isEmpty, "\(warnings.map { DiagnosticRenderer().render($0) }.joined(separator: "\n"))")
            let scenario = try #require(parsed.scenario, "\(file.name)")
            var policies = scenario.world.resources.values.compactMap(\.policy)
            for account in scenario.world.accounts.values {
                policies += account.users.values.flatMap { $0.policies + [$0.boundary].compactMap { $0 } }
                policies += account.groups.values.flatMap(\.policies)
                policies += account.roles.values.flatMap { $0.policies + [$0.trust] + [$0.boundary].compactMap { $0 } }
            }
            actions.formUnion(policies.flatMap { $0.policy.statements.flatMap { $0.actions.map(\.text) } })
            for step in scenario.steps {
                if case .can(let options) = step.command { actions.insert(options.action) }
            }
        }
        #expect(actions.count >= 30, "\(actions.sorted())")
        for action in actions.sorted() where action != "*" {
            #expect(ServiceCatalog.builtIn.knows(action) == true, "\(action)")
        }
    }

    // The issue's list of scenarios the learner can watch; each backs questions of the bank.
    @Test("the scenarios the bank relies on exist", arguments: [
        "confused-deputy", "ec2-instance-profile", "cross-account-mfa", "saas-least-privilege", "saml-federation",
        "oidc-federation", "deny-outside-network", "organizations-scp", "service-linked-role",
    ])
    func exists(id: String) {
        #expect(ScenarioLibrary.builtIn().scenarios[id] != nil)
    }

    @Test("at least 60% of the built-in questions are verified by scenarios, and no key contradicts its scenario")
    func verified() {
        let questions = BuiltinBank.load().bank.questions
        let report = AnswerVerifier(library: .builtIn()).verify(questions)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map { DiagnosticRenderer().render($0) }.joined(separator: "\n"))")
        #expect(report.verifiedCount * 100 >= questions.count * 60, "verified: \(report.verifiedCount) of \(questions.count)")
    }
}

@Suite("Bank loader")
struct BankLoaderTests {
    @Test("a missing path and a folder without banks are errors, not silent skips")
    func missingPaths() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = BankLoader().load(paths: ["/nonexistent/bank.iqb", empty.path])
        #expect(result.diagnostics.map(\.code) == ["E015", "E015"])
    }
}
