import Diagnostics
import Foundation
import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine
import Testing

@testable import Drills

/// Exported drills: every option of many drills of every family gets a scenario whose deciding step comes to
/// the drill's key; an exported bank folder passes the checks of `iamquiz check` with every key verified;
/// GIFT reads back to the same keys; a drill the scenario format cannot express is refused, by name.
@Suite("Drill export")
struct DrillExportTests {
    static let perFamily = 250

    /// What the scenario format cannot express, which the export refuses by name (and the bank-folder export
    /// replaces): a key only AWS sets from things the world does not model (aws:CalledVia, aws:TokenIssueTime,
    /// aws:MultiFactorAuthAge). Anything else, above all a scenario that decides otherwise, is a failure.
    static func isKnownRefusal(_ error: DrillExportError) -> Bool {
        error.message.contains("cannot be produced in the scenario")
    }

    /// The families whose drills a bank folder can hold: `fix-the-policy`'s options are edits, which one step
    /// cannot verify (its own suite re-proves its keys; `editsRefused` checks the refusal).
    static let exportable = DrillFamilies.all.map(\.name).filter { $0 != "fix-the-policy" }

    @Test("every option of 250 drills of each family: the rendered scenario decides as the evaluator did, or the export refuses a key only AWS sets, for at most a third of the drills",
          arguments: exportable)
    func everyOptionReproven(family name: String) throws {
        let family = try #require(DrillFamilies.named(name))
        var generator = DrillGenerator(families: [family], level: nil, seed: 20_261_207)
        var failures: [String: Int] = [:]
        var examples: [String: String] = [:]
        var refused = 0
        var options = 0
        for drill in generator.drills(count: Self.perFamily) {
            options += drill.options.count
            do {
                _ = try DrillExport.linked(drill)
            } catch where Self.isKnownRefusal(error) {
                refused += 1
            } catch {
                // Failures grouped by what went wrong (the message without the drill and option), one example each.
                let kind = error.message.replacingOccurrences(of: #"option \d+"#, with: "option N", options: .regularExpression)
                failures[kind, default: 0] += 1
                examples[kind] = examples[kind] ?? error.description
            }
        }
        #expect(failures.isEmpty, "\(failures.count) kinds of failure: \(examples.values.sorted().joined(separator: "\n"))")
        #expect(refused * 3 <= Self.perFamily, "\(refused) of \(Self.perFamily) drills refused")
        #expect(options >= Self.perFamily * 4)
    }

    @Test("fix-the-policy drills are refused by the bank-folder export with the reason; the generator's next drills replace them")
    func editsRefused() throws {
        let fix = try #require(DrillFamilies.named("fix-the-policy"))
        var one = DrillGenerator(families: [fix], level: nil, seed: 3)
        #expect(throws: DrillExportError.self) { _ = try DrillExport.linked(one.next()) }
        var generator = DrillGenerator(families: [fix], level: nil, seed: 3)
        #expect(throws: DrillExportError.self) { _ = try DrillExport.bankFolder(from: &generator, count: 2, comment: "") }
        // Mixed with an exportable family, the edits are replaced and said.
        var mixed = DrillGenerator(families: [fix, try #require(DrillFamilies.named("explicit-deny"))], level: nil, seed: 3)
        let made = try DrillExport.bankFolder(from: &mixed, count: 6, comment: "")
        #expect(made.drills.count == 6 && made.folder.scenarios.count == 6)
        #expect(made.drills.allSatisfy { $0.family == "explicit-deny" })
        #expect(!made.replaced.isEmpty && made.replaced.allSatisfy { $0.message.contains("policy edits") })
    }

    @Test("an exported bank folder of 40 drills of every family passes the checks of `iamquiz check`, every key verified")
    func bankFolderPassesCheck() throws {
        var drills: [GeneratedDrill] = []
        var bank: [String] = [], scenarioFiles: [(file: String, text: String)] = []
        for (i, name) in Self.exportable.enumerated() {
            var generator = DrillGenerator(families: [try #require(DrillFamilies.named(name))], level: nil, seed: 7 + UInt64(i))
            let made = try DrillExport.bankFolder(from: &generator, count: 40, comment: "test export")
            drills += made.drills
            bank.append(made.folder.bank)
            scenarioFiles += made.folder.scenarios
        }
        let folder = DrillExport.BankFolder(bank: bank.joined(separator: "\n"), scenarios: scenarioFiles)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-drill-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenarios = directory.appendingPathComponent(DrillExport.BankFolder.scenarioFolder)
        try FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
        try folder.bank.write(to: directory.appendingPathComponent(DrillExport.BankFolder.bankFile), atomically: true, encoding: .utf8)
        for (file, text) in folder.scenarios { try text.write(to: scenarios.appendingPathComponent(file), atomically: true, encoding: .utf8) }

        // As `iamquiz check DIR` does it.
        var result = BankLoader().load(paths: [directory.path])
        var library = ScenarioLibrary.builtIn()
        var given = ScenarioLibrary()
        given.add(bankFolders: [directory.path])
        result.diagnostics += library.merge(given)
        let verification = AnswerVerifier(library: library).verify(result.bank.questions, alsoRun: given.scenarios.keys.sorted())
        let diagnostics = result.diagnostics + verification.diagnostics + BankLints.diagnostics(for: result.bank.questions, sources: result.sources)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.prefix(5).map { "\($0.file):\($0.range?.start.line ?? 0): \($0.message)" })")
        #expect(result.bank.questions.count == drills.count)
        #expect(given.scenarios.count == drills.count)
        #expect(verification.verifiedCount == drills.count)
        #expect(verification.partlyVerified.isEmpty)
        // Every kind of question a drill asks is there, so each `right-when` is re-proven.
        #expect(Set(result.bank.questions.map(\.rightWhen)) == Set(RightWhen.allCases))
    }

    @Test("GIFT of drills reads back with the same stems, options and keys")
    func giftRoundTrip() throws {
        var generator = DrillGenerator(families: DrillFamilies.all, level: nil, seed: 7)
        let drills = generator.drills(count: 40)
        let output = DrillExport.gift(drills, comment: "test")
        #expect(output.exported == 40)
        #expect(output.diagnostics.isEmpty)
        let back = GIFTImporter().questions(from: GIFTImporter().parse(SourceFile(text: output.text, file: "w.gift", lineBreaks: .lineFeedOrOldMac)),
                                            idPrefix: "w")
        #expect(back.count == drills.count)
        for (question, drill) in zip(back, drills) {
            #expect(question.id == drill.question.id)
            #expect(question.key == drill.question.key)
            #expect(question.options.map { $0.text } == drill.question.options.map { $0.text })
            #expect(question.options.map { $0.why } == drill.question.options.map { $0.why })
        }
    }

    /// A drill of one identity policy and one option whose request carries `context`.
    static func drill(context: [ContextEntry], callerARN: String = "arn:aws:iam::111122223333:user/alice") -> GeneratedDrill {
        let policy = DrillPolicy(kind: .identity, name: "P", statements: [DrillStatement(sid: "A", effect: .allow, actions: ["s3:GetObject"])])
        let request = DrillRequest(principal: "Alice", callerARN: callerARN, action: "s3:GetObject", resource: "arn:aws:s3:::b/k",
                                   context: context)
        let question = Question(id: "drill-test-1-1", level: .professional, topics: [], stem: "s",
                                options: [AnswerOption(text: request.text), AnswerOption(text: "other")], key: .options([0]))
        return GeneratedDrill(family: "test", question: question, policies: [policy], ask: .allowed,
                              options: [DrillOption(text: request.text, request: request, outcome: .allowed),
                                        DrillOption(text: "other", request: request, outcome: .allowed)])
    }

    @Test("a context key the world cannot produce is an error naming the drill and the key",
          arguments: [("aws:userid", "AIDAEXAMPLE"), ("aws:MultiFactorAuthAge", "30"), ("kms:ViaService", "s3.us-east-1.amazonaws.com"),
                      ("sts:ExternalId", "x")])
    func unproducibleKey(key: String, value: String) {
        let drill = Self.drill(context: [ContextEntry(name: key, values: [value], type: .string)])
        #expect {
            try DrillExport.linked(drill)
        } throws: { error in
            let text = "\(error)"
            return text.contains("drill `drill-test-1-1`") && text.contains(key)
        }
    }

    @Test("a key the scenario sets differently from the drill is caught by running it: the wrong key is never written")
    func mismatchIsCaught() {
        var drill = Self.drill(context: [])
        drill.options[1].outcome = .implicitDeny
        #expect {
            try DrillExport.linked(drill)
        } throws: { error in
            "\(error)".contains("option 2") && "\(error)".contains("comes to allowed, the key to implicitDeny")
        }
    }

    @Test("keys AWS sets come from the world: MFA through GetSessionToken, tags, the clock, the source identity of a session")
    func worldKeys() throws {
        let mfa = Self.drill(context: [ContextEntry(name: "aws:MultiFactorAuthPresent", values: ["true"], type: .boolean),
                                       ContextEntry(name: "aws:PrincipalTag/team", values: ["web"], type: .string),
                                       ContextEntry(name: "aws:CurrentTime", values: ["2026-05-01T10:00:00Z"], type: .date)])
        let text = try DrillExport.linked(mfa).scenario
        #expect(text.contains("get-session-token --serial alice-mfa --mfa 123456"))
        #expect(text.contains("  tag: team=web"))
        #expect(text.contains("start: 2026-05-01T10:00:00Z"))
        let session = Self.drill(context: [ContextEntry(name: "aws:SourceIdentity", values: ["alice@example.com"], type: .string),
                                           ContextEntry(name: "aws:SourceIp", values: ["203.0.113.9"], type: .ip),
                                           ContextEntry(name: "aws:RequestTag/env", values: ["prod"], type: .string)],
                                 callerARN: "arn:aws:sts::111122223333:assumed-role/App/alice")
        let sessionText = try DrillExport.linked(session).scenario
        #expect(sessionText.contains("assume 111122223333/App --session-name alice --source-identity alice@example.com"))
        #expect(sessionText.contains("can s3:GetObject arn:aws:s3:::b/k --from 203.0.113.9 --context aws:RequestTag/env=prod"))
    }
}

/// Policies other families bring (a resource-based policy with NotPrincipal, an RCP at the root, ForAllValues on
/// aws:TagKeys), keyed by the evaluator here, exported and re-proven by the world.
@Suite("Drill export: policies of the newer families")
struct DrillExportNewerPoliciesTests {
    @Test("a resource-based policy with NotPrincipal, an RCP and ForAllValues on aws:TagKeys: the scenario decides as the evaluator")
    func newerPolicies() throws {
        let bucket = "arn:aws:s3:::reports"
        let policies = [
            DrillPolicy(kind: .identity, name: "Work", statements: [
                DrillStatement(sid: "AllowReports", effect: .allow, actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], resources: ["\(bucket)/*"]),
                DrillStatement(sid: "TagOnlyTeam", effect: .allow, actions: ["s3:PutObjectTagging"], resources: ["\(bucket)/*"],
                               conditions: [DrillCondition("ForAllValues:StringEquals", "aws:TagKeys", ["team", "env"])]),
            ]),
            DrillPolicy(kind: .resource, name: "ReportsPolicy", statements: [
                DrillStatement(sid: "OnlyAliceWrites", effect: .deny, actions: ["s3:PutObject"], resources: ["\(bucket)/*"],
                               principals: [DrillPrincipal("AWS", ["arn:aws:iam::111122223333:user/alice"])], notPrincipal: true),
            ]),
            DrillPolicy(kind: .rcp, name: "NoDeletes", statements: [
                DrillStatement(sid: "RCPFullAWSAccess", effect: .allow, actions: ["*"], principals: [.anyone]),
                DrillStatement(sid: "DenyDelete", effect: .deny, actions: ["s3:DeleteObject"], principals: [.anyone]),
            ], attachment: "the root"),
        ]
        let set = try #require(DrillPolicies.policySet(policies))
        var requests: [DrillRequest] = []
        for user in ["alice", "bob"] {
            for action in ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] {
                requests.append(DrillRequest(principal: user, callerARN: "arn:aws:iam::111122223333:user/\(user)", action: action, resource: "\(bucket)/a.csv"))
            }
        }
        for keys in [["team"], ["team", "owner"]] {
            requests.append(DrillRequest(principal: "bob", callerARN: "arn:aws:iam::111122223333:user/bob", action: "s3:PutObjectTagging",
                                         resource: "\(bucket)/a.csv", context: [ContextEntry(name: "aws:TagKeys", values: keys, type: .string)]))
        }
        let options = requests.map { request in
            DrillOption(text: request.text, request: request, outcome: Outcome(Evaluator().evaluate(request.authorizationRequest, policies: set).decision))
        }
        #expect(Set(options.map(\.outcome)) == [.allowed, .explicitDeny, .implicitDeny])
        let question = Question(id: "drill-newer-1-1", level: .professional, topics: [], stem: "s",
                                options: options.map { AnswerOption(text: $0.text) },
                                key: .options(options.indices.filter { options[$0].outcome == .allowed }))
        let drill = GeneratedDrill(family: "newer", question: question, policies: policies, ask: .allowed, options: options)
        let scenario = try DrillExport.linked(drill).scenario
        #expect(scenario.contains("  rcp NoDeletes on root: "))
        #expect(scenario.contains("resource arn:aws:s3:::reports\n  owner: 111122223333\n  policy: "))
        #expect(scenario.contains("--context aws:RequestTag/team=drill --context aws:RequestTag/owner=drill"))
    }
}

/// A drill decided in a world keeps its own scenario, under the question's id, its options linked to their steps.
@Suite("Drill export: drills decided in a world")
struct DrillExportWorldTests {
    @Test("the exported question names its scenario by its own id and links each option to its deciding step cN")
    func worldDrill() throws {
        var generator = DrillGenerator(families: [WorldDrillBuilderTests.family], level: nil, seed: 3)
        let drill = generator.next()
        let (question, scenario) = try DrillExport.linked(drill)
        #expect(scenario.hasPrefix("scenario: drill-world-test-associate-3-1\n"))
        #expect(question.scenario == "drill-world-test-associate-3-1")
        #expect(question.options.map(\.verify) == drill.options.map(\.step))
        #expect(question.rightWhen == .works)
        var library = ScenarioLibrary()
        library.add(text: scenario, file: "w.iqs", baseDirectory: "/")
        let report = AnswerVerifier(library: library).verify([question])
        #expect(report.diagnostics.isEmpty)
        #expect(report.verifiedCount == 1)
    }
}
