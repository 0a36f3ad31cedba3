/// A one-statement change to a drill policy, as an option of a `fix-the-policy` drill offers it: add a
/// statement, remove one, or change the Action or the Resource of one. The option shows ``text``; the key comes
/// from applying the change (``applied(to:)``) and evaluating every request of the drill again.
public struct DrillEdit: Sendable, Hashable {
    /// What the edit does to the policy.
    public enum Change: Sendable, Hashable {
        case add(DrillStatement)
        case remove(sid: String)
        case actions(sid: String, [String])
        case resources(sid: String, [String])
    }

    /// The name of the policy the edit changes, as the stem's heading gives it.
    public var policy: String
    /// The policy type in the stem's words ("identity policy"), so that the option says which policy it means.
    public var kindName: String
    public var change: Change

    public init(policy: DrillPolicy, change: Change) {
        self.policy = policy.name
        self.kindName = policy.kindName
        self.change = change
    }

    /// The option's text, in one of four forms a learner (and the tests) read back:
    /// "Add to the identity policy `AppPolicy`: {...}", "Remove from the SCP `Guardrails` the statement `DenyDeletes`",
    /// "In the identity policy `AppPolicy`, change the Action of `ReadReports` to [...]" (or the Resource).
    public var text: String {
        let target = "the \(kindName) `\(policy)`"
        switch change {
        case .add(let statement): return "Add to \(target): \(statement.json)"
        case .remove(let sid): return "Remove from \(target) the statement `\(sid)`"
        case .actions(let sid, let actions): return "In \(target), change the Action of `\(sid)` to \(DrillJSON.list(actions).inline)"
        case .resources(let sid, let resources): return "In \(target), change the Resource of `\(sid)` to \(DrillJSON.list(resources).inline)"
        }
    }

    /// What a learner compares between two edits to see a near miss: the policy, the kind of change, and what it writes.
    var parts: [String] {
        switch change {
        case .add(let s): [policy, "add", s.actions.joined(separator: ","), s.resources.joined(separator: ","), "\(s.conditions)"]
        case .remove(let sid): [policy, "remove", sid, "", ""]
        case .actions(let sid, let actions): [policy, "action", sid, actions.joined(separator: ","), ""]
        case .resources(let sid, let resources): [policy, "resource", sid, resources.joined(separator: ","), ""]
        }
    }

    /// The policies with the edit made; unchanged when the policy or the statement does not exist.
    public func applied(to policies: [DrillPolicy]) -> [DrillPolicy] {
        policies.map { original in
            guard original.name == policy else { return original }
            var edited = original
            switch change {
            case .add(let statement):
                edited.statements.append(statement)
            case .remove(let sid):
                edited.statements.removeAll { $0.sid == sid }
            case .actions(let sid, let actions):
                edited.statements = edited.statements.map { var s = $0; if s.sid == sid { s.actions = actions }; return s }
            case .resources(let sid, let resources):
                edited.statements = edited.statements.map { var s = $0; if s.sid == sid { s.resources = resources }; return s }
            }
            return edited
        }
    }
}
