import Diagnostics

/// Writes simulation results as AWS's `SimulateCustomPolicy` response, or as a text table.
public enum SimulationOutput {
    /// The name AWS's simulator gives each policy type.
    public static func typeName(_ kind: PolicyKind) -> String {
        switch kind {
        case .identity: "IAM Policy"
        case .resource, .trust: "Resource Policy"
        case .boundary: "Permissions Boundary Policy"
        case .scp: "Service Control Policy"
        case .rcp: "Resource Control Policy"
        case .session: "Session Policy"
        case .endpoint: "VPC Endpoint Policy"
        }
    }

    /// The response JSON (`{"EvaluationResults": [...], "IsTruncated": false}`); with `explain`, each
    /// result also carries `iamquizReasons` and `iamquizTrace`. Validation warnings, when there are any,
    /// follow as `Warnings` (not in AWS's response: AWS's simulator does not validate names).
    public static func json(_ results: [SimulationResult], explain: Bool, pretty: Bool = true, warnings: [Diagnostic] = []) -> String {
        var members: [(String, JSONOut)] = [
            ("EvaluationResults", .array(results.map { result($0, explain: explain) })),
            ("IsTruncated", .bool(false)),
        ]
        if !warnings.isEmpty {
            members.append(("Warnings", .array(Diagnostic.sortedForDisplay(warnings).map(warning))))
        }
        let root = JSONOut.object(members)
        var out = ""
        root.write(to: &out, indent: pretty ? 0 : nil)
        return out
    }

    /// A warning: its code, message and help, and where it is (the file or argument, and the position).
    static func warning(_ d: Diagnostic) -> JSONOut {
        var members: [(String, JSONOut)] = [("Code", .string(d.code)), ("Message", .string(d.message)), ("Source", .string(d.file))]
        if let range = d.range {
            members += [("StartPosition", position(range.start)), ("EndPosition", position(range.end))]
        }
        if let help = d.help { members.append(("Help", .string(help))) }
        return .object(members)
    }

    static func position(_ location: SourceLocation) -> JSONOut {
        .object([("Line", .int(location.line)), ("Column", .int(location.column))])
    }

    static func result(_ r: SimulationResult, explain: Bool) -> JSONOut {
        let e = r.result
        var members: [(String, JSONOut)] = [
            ("EvalActionName", .string(r.action)),
            ("EvalResourceName", .string(r.resource)),
            ("EvalDecision", .string(e.decision.rawValue)),
            ("MatchedStatements", .array(e.matchedStatements.map { s in
                .object([
                    ("SourcePolicyId", .string(s.policyID)),
                    ("SourcePolicyType", .string(typeName(s.policyKind))),
                    ("StartPosition", position(s.range.start)),
                    ("EndPosition", position(s.range.end)),
                ])
            })),
            ("MissingContextValues", .array(e.missingContextKeys.map { .string($0) })),
        ]
        if let allowed = e.allowedByOrganizations {
            members.append(("OrganizationsDecisionDetail", .object([("AllowedByOrganizations", .bool(allowed))])))
        }
        if let allowed = e.allowedByPermissionsBoundary {
            members.append(("PermissionsBoundaryDecisionDetail", .object([("AllowedByPermissionsBoundary", .bool(allowed))])))
        }
        members.append(("EvalDecisionDetails", .object(e.perKind.sorted { $0.key.rawValue < $1.key.rawValue }.map {
            (typeName($0.key), .string($0.value.rawValue))
        })))
        if explain {
            members.append(("iamquizReasons", .array(e.reasons.map { .string($0) })))
            members.append(("iamquizTrace", .array(e.trace.map { t in
                var fields: [(String, JSONOut)] = [
                    ("SourcePolicyId", .string(t.statement.policyID)),
                    ("Statement", .int(t.statement.statementIndex + 1)),
                ]
                if let sid = t.statement.sid { fields.append(("Sid", .string(sid))) }
                fields += [
                    ("Effect", .string(t.statement.effect.rawValue)),
                    ("Applies", .bool(t.applies)),
                    ("Reasons", .array(t.reasons.map { .string($0) })),
                ]
                return .object(fields)
            })))
        }
        return .object(members)
    }

    /// A table: one row per action and resource; with `explain`, the reasons and the trace below each.
    public static func text(_ results: [SimulationResult], explain: Bool) -> String {
        let headers = ["ACTION", "RESOURCE", "DECISION", "MATCHED STATEMENTS"]
        let rows = results.map { r in
            [r.action, r.resource, r.result.decision.rawValue,
             r.result.matchedStatements.map { "\($0.policyID)#\($0.statementIndex + 1)" + ($0.sid.map { "(\($0))" } ?? "") }
                .joined(separator: ", ")]
        }
        var widths = headers.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (i, cell) in cells.enumerated() {
                out += i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
            }
            return out
        }
        var out = line(headers) + "\n"
        for (i, row) in rows.enumerated() {
            out += line(row) + "\n"
            let e = results[i].result
            if !e.missingContextKeys.isEmpty {
                out += "  missing context values: " + e.missingContextKeys.joined(separator: ", ") + "\n"
            }
            if explain {
                for reason in e.reasons { out += "  why: \(reason)\n" }
                for t in e.trace {
                    let head = "\(t.statement.policyID) statement \(t.statement.statementIndex + 1)"
                        + (t.statement.sid.map { " (\($0))" } ?? "") + " \(t.statement.effect.rawValue): "
                        + (t.applies ? "applies" : "does not apply")
                    out += "    \(head)\n"
                    for reason in t.reasons { out += "      \(reason)\n" }
                }
            }
        }
        return out
    }
}

/// A JSON value to write (no Foundation), keeping the order of object members.
indirect enum JSONOut {
    case object([(String, JSONOut)])
    case array([JSONOut])
    case string(String)
    case int(Int)
    case bool(Bool)

    /// Writes the value; `indent` is the current depth for pretty output, nil for one line.
    func write(to out: inout String, indent: Int?) {
        func newline(_ depth: Int) {
            if let _ = indent { out += "\n" + String(repeating: "  ", count: depth) }
        }
        switch self {
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                newline((indent ?? 0) + 1)
                out += Self.quote(key) + (indent == nil ? ":" : ": ")
                value.write(to: &out, indent: indent.map { $0 + 1 })
            }
            newline(indent ?? 0)
            out += "}"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline((indent ?? 0) + 1)
                item.write(to: &out, indent: indent.map { $0 + 1 })
            }
            newline(indent ?? 0)
            out += "]"
        case .string(let s):
            out += Self.quote(s)
        case .int(let n):
            out += String(n)
        case .bool(let b):
            out += b ? "true" : "false"
        }
    }

    static func quote(_ s: String) -> String {
        JSONValue.quoted(s)
    }
}
