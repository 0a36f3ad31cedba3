import Diagnostics
import IAMPolicy

/// Reads a policy a template shows into the statements of a ``DrillPolicy``, so that the stem shows it one
/// statement a line as the built-in families do, and the world holds that very document.
enum ShownPolicy {
    /// The elements of a statement the stem shows.
    static let elements: Set<String> = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"]

    /// The statements of a policy document, or why the stem cannot show it as written.
    static func statements(_ node: JSONNode) -> Result<[DrillStatement], ShowProblem> {
        guard case .object(let members) = node.value else { return .failure(ShowProblem("the policy is \(node.value.kindDescription), not an object")) }
        var statements: [JSONNode] = []
        for member in members {
            switch member.key {
            case "Version":
                guard member.value.value.stringValue == "2012-10-17" else { return .failure(ShowProblem("a shown policy has `\"Version\": \"2012-10-17\"`")) }
            case "Statement":
                if case .array(let items) = member.value.value { statements = items } else { statements = [member.value] }
            default:
                return .failure(ShowProblem("the stem cannot show the element `\(member.key)` of a policy"))
            }
        }
        guard members.contains(where: { $0.key == "Version" }) else { return .failure(ShowProblem("a shown policy has `\"Version\": \"2012-10-17\"`")) }
        var result: [DrillStatement] = []
        for (index, item) in statements.enumerated() {
            switch statement(item, number: index + 1) {
            case .success(let s): result.append(s)
            case .failure(let why): return .failure(why)
            }
        }
        return result.isEmpty ? .failure(ShowProblem("a shown policy has no statement")) : .success(result)
    }

    /// One statement; a statement without `Sid` gets `S1`, `S2`... by its place, as the stem shows every Sid.
    static func statement(_ node: JSONNode, number: Int) -> Result<DrillStatement, ShowProblem> {
        guard case .object(let members) = node.value else { return .failure(ShowProblem("a statement is \(node.value.kindDescription), not an object")) }
        var s = DrillStatement(sid: "S\(number)", effect: .allow, actions: [], resources: [])
        var effect: Effect?
        for member in members {
            let value = member.value.value
            switch member.key {
            case "Sid": guard let sid = value.stringValue else { return .failure(ShowProblem("`Sid` is not a string")) }; s.sid = sid
            case "Effect": effect = value.stringValue.flatMap(Effect.init(rawValue:))
            case "Action", "NotAction": s.actions = strings(value) ?? []; s.notAction = member.key == "NotAction"
            case "Resource", "NotResource": s.resources = strings(value) ?? []; s.notResource = member.key == "NotResource"
            case "Principal", "NotPrincipal":
                s.notPrincipal = member.key == "NotPrincipal"
                if value.stringValue == "*" { s.principals = [.anyone]; continue }
                guard case .object(let types) = value else { return .failure(ShowProblem("`\(member.key)` is neither `\"*\"` nor an object")) }
                for type in types {
                    guard let values = strings(type.value.value) else { return .failure(ShowProblem("the `\(type.key)` principals are not strings")) }
                    s.principals.append(DrillPrincipal(type.key, values))
                }
            case "Condition":
                guard case .object(let operators) = value else { return .failure(ShowProblem("`Condition` is not an object")) }
                for op in operators {
                    guard case .object(let keys) = op.value.value else { return .failure(ShowProblem("the `\(op.key)` block is not an object")) }
                    for key in keys {
                        guard let values = strings(key.value.value) else { return .failure(ShowProblem("the values of `\(key.key)` are not strings, numbers or booleans")) }
                        s.conditions.append(DrillCondition(op.key, key.key, values))
                    }
                }
            default:
                return .failure(ShowProblem("the stem cannot show the element `\(member.key)` of a statement"))
            }
        }
        guard let effect else { return .failure(ShowProblem("a statement without `Effect` `Allow` or `Deny`")) }
        guard !s.actions.isEmpty else { return .failure(ShowProblem("a statement without `Action` or `NotAction`")) }
        s.effect = effect
        return .success(s)
    }

    /// A string, number or boolean, or an array of them, as strings; nil for anything else.
    static func strings(_ value: JSONValue) -> [String]? {
        switch value {
        case .string(let text): [text]
        case .number(let text): [text]
        case .bool(let flag): [flag ? "true" : "false"]
        case .array(let items):
            items.allSatisfy { strings($0.value)?.count == 1 } && !items.isEmpty ? items.compactMap { strings($0.value)?.first } : nil
        default: nil
        }
    }
}

/// Why the stem cannot show a policy, in a message for the template's author.
struct ShowProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
