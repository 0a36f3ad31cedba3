import Foundation
import IAMPolicy
import QuizBank
import Testing

@testable import Drills

/// `fix-the-policy`: the key re-proven from what the learner reads. The policies are read back from the stem,
/// each option's text is read as an edit and made on them, and every request the stem lists is evaluated
/// again by the simulator; an edit is right exactly when the target becomes allowed and every other request
/// keeps its decision.
@Suite("Fix the policy")
struct FixThePolicyTests {
    /// The family's drills of the shared suite (made once per test process).
    static var drills: [GeneratedDrill] { DrillFamilyTests.generated["fix-the-policy"] ?? [] }

    /// A policy as the stem shows it: its kind, its name, and its statements as JSON objects.
    struct Shown {
        var kind: PolicyKind
        var name: String
        var statements: [[String: Any]]
    }

    /// What the stem says: the caller, the policies, the target request and the requests to keep.
    struct Reading {
        var caller = ""
        var policies: [Shown] = []
        var target: (action: String, resource: String)?
        var keep: [(action: String, resource: String, allowed: Bool)] = []
    }

    /// The text between the first pair of backticks after `marker` in `text`.
    static func quoted(_ text: String, after marker: String = "") -> String? {
        guard let start = text.range(of: marker + "`") else { return nil }
        let rest = text[start.upperBound...]
        return rest.firstIndex(of: "`").map { String(rest[..<$0]) }
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// "ACTION on RESOURCE" as a pair.
    static func request(_ text: Substring) -> (String, String)? {
        let parts = text.components(separatedBy: " on ")
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    static func read(_ question: Question) throws -> Reading {
        var reading = Reading()
        let kinds: [(String, PolicyKind)] = [("Identity policy", .identity), ("Permissions boundary", .boundary), ("SCP", .scp)]
        var pending: (PolicyKind, String)?
        var keepNext = false
        for block in question.stemBlocks {
            switch block {
            case .paragraph(let text):
                if reading.caller.isEmpty, let arn = quoted(text, after: "IAM user ") { reading.caller = arn }
                pending = kinds.first { text.hasPrefix($0.0 + " `") }.flatMap { kind in quoted(text).map { (kind.1, $0) } }
                if let call = text.range(of: "must now be able to call "), let end = text.range(of: ". The team must keep") {
                    reading.target = request(text[call.upperBound..<end.lowerBound])
                    keepNext = true
                }
            case .code(let lines):
                // The policy as the stem lays it out: a whole document.
                if let (kind, name) = pending {
                    let document = try #require(json(lines.joined(separator: "\n")) as? [String: Any])
                    let statements = try #require(document["Statement"] as? [[String: Any]])
                    reading.policies.append(Shown(kind: kind, name: name, statements: statements))
                }
                pending = nil
            case .list(let items):
                if keepNext {
                    for item in items {
                        let parts = item.components(separatedBy: ": stays ")
                        let (action, resource) = try #require(request(Substring(parts[0])))
                        reading.keep.append((action, resource, parts[1] == "allowed"))
                    }
                    keepNext = false
                }
                pending = nil
            }
        }
        return reading
    }

    /// The policies with the option's text made as an edit; the test fails on a text it cannot read.
    static func edited(_ policies: [Shown], by text: String) throws -> [Shown] {
        let name = try #require(quoted(text))
        var result = policies
        let index = try #require(result.firstIndex { $0.name == name }, "\(text)")
        if text.hasPrefix("Add to ") {
            let body = try #require(text.range(of: "`: {"))
            let statement = try #require(json(String(text[text.index(before: body.upperBound)...])) as? [String: Any])
            result[index].statements.append(statement)
        } else if text.hasPrefix("Remove from ") {
            let sid = try #require(quoted(text, after: "the statement "))
            let before = result[index].statements.count
            result[index].statements.removeAll { $0["Sid"] as? String == sid }
            #expect(result[index].statements.count == before - 1, "\(text)")
        } else {
            let element = text.contains("change the Action of ") ? "Action" : "Resource"
            let sid = try #require(quoted(text, after: "change the \(element) of "))
            let value = try #require(text.range(of: "` to ")).upperBound
            let new = try json(String(text[value...]))
            let at = try #require(result[index].statements.firstIndex { $0["Sid"] as? String == sid }, "\(text)")
            result[index].statements[at][element] = new
        }
        return result
    }

    /// The simulator's decisions, on the policies as given, for the target then each request to keep.
    static func decisions(_ policies: [Shown], _ reading: Reading) throws -> [Decision] {
        var input = SimulationInput()
        for policy in policies {
            let data = try JSONSerialization.data(withJSONObject: ["Version": "2012-10-17", "Statement": policy.statements], options: [.sortedKeys])
            let document = PolicyDocument(id: policy.name, text: String(decoding: data, as: UTF8.self))
            switch policy.kind {
            case .boundary: input.boundaryPolicies.append(document)
            case .scp: input.scps.append(document)
            default: input.identityPolicies.append(document)
            }
        }
        let set = try DrillFamilyTests.parsed(input)
        let target = try #require(reading.target)
        let requests = [(target.action, target.resource)] + reading.keep.map { ($0.action, $0.resource) }
        return try requests.map { action, resource in
            try DrillFamilyTests.decision(DrillRequest(principal: "", callerARN: reading.caller, action: action, resource: resource), set)
        }
    }

    @Test("the key is re-proven from the stem: each option's text, made as an edit on the policies as shown, allows the target and keeps every other request's decision exactly when the option is right")
    func keyIsComputed() throws {
        #expect(Self.drills.count == DrillFamilyTests.perFamily)
        for drill in Self.drills {
            let q = drill.question
            let reading = try Self.read(q)
            #expect(!reading.caller.isEmpty && reading.keep.count == 6, "\(q.id)")
            #expect(reading.policies.count == drill.policies.count, "\(q.id)")
            // The stem's "stays allowed / stays denied" is what the policies decide now, and the target is denied.
            let now = try Self.decisions(reading.policies, reading)
            #expect(now[0] != .allowed, "\(q.id)")
            #expect(zip(now.dropFirst(), reading.keep).allSatisfy { ($0 == .allowed) == $1.allowed }, "\(q.id)")
            var key: [Int] = []
            for (i, option) in q.options.enumerated() {
                let after = try Self.decisions(try Self.edited(reading.policies, by: option.text), reading)
                let right = after[0] == .allowed && zip(now, after).dropFirst().allSatisfy { ($0 == .allowed) == ($1 == .allowed) }
                if right { key.append(i) }
                #expect(drill.options[i].decisions == after, "\(q.id) option \(i)")
                #expect((option.why ?? "").hasPrefix(right ? "exactly enough: " : after[0] == .allowed ? "too " : "not enough: "), "\(q.id) option \(i)")
            }
            #expect(q.key == .options(key), "\(q.id)")
        }
    }

    /// Least privilege: the list always holds the target action on a container no policy names, which must
    /// stay denied, so that an Allow on every resource is too broad and never the fix.
    @Test("an added Allow on \"Resource\": \"*\" is never a right edit")
    func wildcardNeverRight() throws {
        var wildcards = 0
        for drill in Self.drills {
            for (i, option) in drill.options.enumerated() {
                guard case .add(let statement)? = option.edit?.change, statement.effect == .allow, statement.resources == ["*"] else { continue }
                wildcards += 1
                #expect(!drill.question.key.indices.contains(i), "\(drill.question.id): \(option.text)")
            }
        }
        #expect(wildcards > 50)
    }

    @Test("the variants come up: every kind of edit, right and wrong; edits stopped by a Deny, a boundary, an SCP or a condition; and edits that allow too much")
    func variants() throws {
        var seen: Set<String> = []
        for drill in Self.drills {
            for (option, edit) in zip(drill.question.options, drill.options.compactMap(\.edit)) {
                let right = (option.why ?? "").hasPrefix("exactly enough")
                let kind = switch edit.change {
                case .add(let s): s.conditions.isEmpty ? "add" : "add-condition"
                case .remove: "remove"
                case .actions: "actions"
                case .resources: "resources"
                }
                seen.insert("\(kind) \(right ? "right" : "wrong")")
                let why = option.why ?? ""
                if why.hasPrefix("too broad") { seen.insert("too broad") }
                for stop in ["explicitly", "permissions boundary", "SCP", "condition"] where why.hasPrefix("not enough") && why.contains(stop) {
                    seen.insert("stopped: \(stop)")
                }
            }
        }
        let expected: Set<String> = ["add right", "add wrong", "remove right", "remove wrong", "actions right", "actions wrong",
                                     "resources right", "resources wrong", "add-condition wrong", "too broad", "stopped: explicitly",
                                     "stopped: permissions boundary", "stopped: SCP", "stopped: condition"]
        #expect(expected.subtracting(seen).isEmpty, "missing: \(expected.subtracting(seen).sorted())")
    }
}
