import Foundation
import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine

/// Checks generated drills the way a reviewer would, without trusting the generator: each key is computed again
/// from what the learner reads (the policies read back from the stem, parsed anew and evaluated; or the drill's
/// scenario run by IAMWorld's own runner), and each question must have the shape the bank format promises.
///
/// `make test` runs it on 10,000 drills of every family in a release build (`drill-bench --audit 10000`), and the
/// tests run it on fewer in a debug build. A problem names the drill and what is wrong.
public enum DrillAudit {
    /// What auditing one family found.
    public struct Report: Sendable {
        public var family: String
        public var drills = 0
        /// How many drills had 1, 2 and 3 right options.
        public var rightCounts: [Int: Int] = [:]
        /// How many drills were made at each level.
        public var levels: [Level: Int] = [:]
        /// The problems found, at most ``problemLimit`` of them, and how many there were in all.
        public var problems: [String] = []
        public var problemCount = 0

        public static let problemLimit = 20

        mutating func add(_ problem: String) {
            problemCount += 1
            if problems.count < Self.problemLimit { problems.append(problem) }
        }

        /// No problem, every count of right options from 1 to 3 came up, and every level of the family.
        public func passed(levels expected: [Level]) -> Bool {
            problemCount == 0 && Set(rightCounts.keys) == [1, 2, 3] && Set(levels.keys) == Set(expected)
        }
    }

    /// Audits `count` drills of `family` drawn with `seed`; `reproducible` of them are drawn a second time, which
    /// must give the same drills.
    public static func audit(_ family: DrillFamily, count: Int, seed: UInt64, reproducible: Int = 200) -> Report {
        var report = Report(family: family.name)
        var generator = DrillGenerator(families: [family], level: nil, seed: seed)
        var first: [GeneratedDrill] = []
        for _ in 0..<count {
            let drill = generator.next()
            if first.count < reproducible { first.append(drill) }
            check(drill, into: &report)
        }
        var again = DrillGenerator(families: [family], level: nil, seed: seed)
        if again.drills(count: first.count) != first { report.add("\(family.name): the same seed gave other drills") }
        return report
    }

    /// Every check of one drill.
    static func check(_ drill: GeneratedDrill, into report: inout Report) {
        let q = drill.question
        report.drills += 1
        report.levels[q.level, default: 0] += 1
        let right = q.key.indices.count
        report.rightCounts[right, default: 0] += 1
        func problem(_ text: String) { report.add("\(q.id): \(text)") }
        if !(4...6).contains(q.options.count) { problem("\(q.options.count) options") }
        if Set(q.options.map { $0.text.lowercased() }).count != q.options.count { problem("two options with the same text") }
        if !(1...3).contains(right) { problem("\(right) right options") }
        if q.answersAskedFor != right { problem("the stem asks for \(q.answersAskedFor.map(String.init) ?? "no number"), the key has \(right)") }
        if q.options.contains(where: { ($0.why ?? "").isEmpty }) { problem("an option without an explanation") }
        if drill.options.count != q.options.count || zip(drill.options, q.options).contains(where: { $0.text != $1.text }) {
            problem("the options kept with the drill are not the question's")
        }
        // The bank format holds it as it is: printed, it reads back the same, with no diagnostic.
        let parsed = BankParser().parse(BankPrinter().print([q]), file: "\(q.id).iqb")
        if !parsed.diagnostics.isEmpty || parsed.questions != [q] {
            problem("printed as a bank it does not read back the same: \(parsed.diagnostics.first?.message ?? "the question differs")")
        }
        let key: [Int]
        do {
            key = try recomputedKey(drill)
        } catch {
            problem(error.text)
            return
        }
        if q.key != .options(key) { problem("the key is \(q.key), the re-evaluation gives \(key)") }
    }

    struct Failure: Error {
        var text: String
    }

    /// The indices of the options for which `isRight` holds.
    static func rightOptions(_ drill: GeneratedDrill, _ isRight: (Int) throws(Failure) -> Bool) throws(Failure) -> [Int] {
        var right: [Int] = []
        for i in drill.options.indices where try isRight(i) { right.append(i) }
        return right
    }

    /// The key computed again, by the path that fits the drill: the world's runner, edits made on the policies as
    /// shown, or the evaluator on the policies as shown.
    static func recomputedKey(_ drill: GeneratedDrill) throws(Failure) -> [Int] {
        if let scenario = drill.scenario { return try worldKey(drill, scenario) }
        let shown = try ShownPolicies.read(drill.question)
        // The stem shows the drill's policies, every one of them.
        if shown.policies.count != drill.policies.count { throw Failure(text: "the stem shows \(shown.policies.count) of \(drill.policies.count) policies") }
        if drill.ask == .fixes { return try editKey(drill, shown) }
        let set = shown.policySet
        return try rightOptions(drill) { i throws(Failure) in
            guard let request = drill.options[i].request else { throw Failure(text: "option \(i + 1) has no request") }
            let decision = Evaluator().evaluate(request.authorizationRequest, policies: set).decision
            if Outcome(decision) != drill.options[i].outcome {
                throw Failure(text: "option \(i + 1): the policies as shown give \(decision), the drill says \(drill.options[i].outcome)")
            }
            return drill.ask.isRight(decision)
        }
    }

    /// A drill decided in a world: its scenario parsed and run by IAMWorld (as `iamquiz scenario run` does) meets
    /// every expectation, each option's step gives the option's outcome, and the stem shows the scenario's documents.
    static func worldKey(_ drill: GeneratedDrill, _ text: String) throws(Failure) -> [Int] {
        let parsed = ScenarioParser.parse(text, file: "\(drill.question.id).iqs", baseDirectory: "/")
        guard let scenario = parsed.scenario else {
            throw Failure(text: "its scenario does not parse: \(parsed.diagnostics.first?.message ?? "")")
        }
        let run = ScenarioRunner.run(scenario)
        if let failed = run.failures.first { throw Failure(text: "its scenario's step `\(failed.step.commandText)` came to \(failed.result.outcome)") }
        for policy in drill.policies where !drill.question.stemBlocks.contains(.code(policy.prettyLines())) || !text.contains(policy.document) {
            throw Failure(text: "the stem and the scenario do not both hold `\(policy.name)` as shown")
        }
        return try rightOptions(drill) { i throws(Failure) in
            guard let step = drill.options[i].step, let outcome = run.result(of: step)?.result.outcome else {
                throw Failure(text: "option \(i + 1) names no step of the scenario")
            }
            if outcome != drill.options[i].outcome { throw Failure(text: "option \(i + 1): the scenario gives \(outcome), the drill says \(drill.options[i].outcome)") }
            return drill.ask.isRight(outcome)
        }
    }

    /// A drill whose options are edits: each edit made on the policies as shown, then every request of the drill
    /// evaluated again; an edit is right when the first request becomes allowed and every other keeps whether it is.
    static func editKey(_ drill: GeneratedDrill, _ shown: ShownPolicies) throws(Failure) -> [Int] {
        guard let requests = drill.requests, !requests.isEmpty else { throw Failure(text: "an edit drill without its requests") }
        let before = requests.map { Evaluator().evaluate($0.authorizationRequest, policies: shown.policySet).decision }
        return try rightOptions(drill) { i throws(Failure) in
            guard let edit = drill.options[i].edit else { throw Failure(text: "option \(i + 1) is no edit") }
            if edit.text != drill.question.options[i].text { throw Failure(text: "option \(i + 1) does not show its edit") }
            guard let edited = shown.editing(edit) else { throw Failure(text: "option \(i + 1): its edit does not give a policy") }
            let after = requests.map { Evaluator().evaluate($0.authorizationRequest, policies: edited).decision }
            return after[0] == .allowed && zip(before, after).dropFirst().allSatisfy { ($0 == .allowed) == ($1 == .allowed) }
        }
    }
}

/// The policies as a drill's stem shows them, read back from its text: each heading ("SCP `Guardrails`, attached to
/// the Prod OU:") and the document under it, parsed anew.
struct ShownPolicies {
    struct Shown {
        var kind: PolicyKind
        var name: String
        var place: String?
        var text: String
    }

    var policies: [Shown]

    static let headings: [(String, PolicyKind)] = [("Identity policy", .identity), ("Permissions boundary", .boundary), ("SCP", .scp),
                                                   ("RCP", .rcp), ("Session policy", .session), ("Resource-based policy", .resource)]

    static func read(_ question: Question) throws(DrillAudit.Failure) -> ShownPolicies {
        var policies: [Shown] = []
        var pending: (PolicyKind, String, String?)?
        for block in question.stemBlocks {
            switch block {
            case .paragraph(let text):
                pending = headings.first { text.hasPrefix($0.0 + " `") }.flatMap { heading in
                    let rest = text.dropFirst(heading.0.count + 2)
                    guard let close = rest.firstIndex(of: "`") else { return nil }
                    let place = text.range(of: ", attached to ").map { String(text[$0.upperBound...].dropLast()) }
                    return (heading.1, String(rest[..<close]), place)
                }
            case .list:
                pending = nil
            case .code(let lines):
                guard let (kind, name, place) = pending else { continue }
                policies.append(Shown(kind: kind, name: name, place: place, text: lines.joined(separator: "\n")))
                pending = nil
            }
        }
        let shown = ShownPolicies(policies: policies)
        guard shown.parsed(policies) != nil else { throw DrillAudit.Failure(text: "a policy of the stem does not parse") }
        return shown
    }

    /// The policies parsed from their text, or nil when one does not parse.
    func parsed(_ policies: [Shown]) -> [Policy]? {
        let parsed = policies.compactMap { PolicyParser.parse($0.text, id: $0.name, kind: $0.kind).policy }
        return parsed.count == policies.count ? parsed : nil
    }

    /// The policy set: SCPs and RCPs attached to one place are one level of the organization.
    var policySet: PolicySet { Self.set(policies, parsed(policies) ?? []) }

    /// The policy set with `edit` made on the document the stem shows (as JSON, not through the generator's
    /// policy values), or nil when the edit names no policy or statement shown.
    func editing(_ edit: DrillEdit) -> PolicySet? {
        guard let index = policies.firstIndex(where: { $0.name == edit.policy }), var parsed = parsed(policies),
              var document = (try? JSONSerialization.jsonObject(with: Data(policies[index].text.utf8))) as? [String: Any],
              var statements = document["Statement"] as? [[String: Any]] else { return nil }
        func set(_ sid: String, _ element: String, _ values: [String]) -> Bool {
            guard let at = statements.firstIndex(where: { $0["Sid"] as? String == sid }) else { return false }
            statements[at][element] = values.count == 1 ? values[0] as Any : values as Any
            return true
        }
        switch edit.change {
        case .add(let statement):
            guard let added = (try? JSONSerialization.jsonObject(with: Data(statement.json.utf8))) as? [String: Any] else { return nil }
            statements.append(added)
        case .remove(let sid):
            guard statements.contains(where: { $0["Sid"] as? String == sid }) else { return nil }
            statements.removeAll { $0["Sid"] as? String == sid }
        case .actions(let sid, let actions):
            guard set(sid, "Action", actions) else { return nil }
        case .resources(let sid, let resources):
            guard set(sid, "Resource", resources) else { return nil }
        }
        document["Statement"] = statements
        guard let data = try? JSONSerialization.data(withJSONObject: document),
              let edited = PolicyParser.parse(String(decoding: data, as: UTF8.self), id: policies[index].name, kind: policies[index].kind).policy
        else { return nil }
        parsed[index] = edited
        return Self.set(policies, parsed)
    }

    static func set(_ shown: [Shown], _ parsed: [Policy]) -> PolicySet {
        DrillPolicies.policySet(placed: zip(parsed, shown).map { ($0, $1.kind, $1.place) })
    }
}
