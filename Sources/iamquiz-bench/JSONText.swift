import Diagnostics
import IAMPolicy

/// Minimal JSON writing: the benchmark's outputs are small and flat.
enum JSONText {
    static func string(_ text: String) -> String {
        JSONValue.quoted(text)
    }

    static func number(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }

    static func array(_ items: [String], indent: String = "") -> String {
        items.isEmpty ? "[]" : "[\n" + items.map { indent + "  " + $0 }.joined(separator: ",\n") + "\n" + indent + "]"
    }

    static func object(_ members: [(String, String)], indent: String = "") -> String {
        "{\n" + members.map { indent + "  " + string($0.0) + ": " + $0.1 }.joined(separator: ",\n") + "\n" + indent + "}"
    }

    /// Policy text is already JSON: it is embedded as is, re-indented.
    static func embedded(_ json: String, indent: String) -> String {
        json.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0) }
            .enumerated()
            .map { $0.offset == 0 ? $0.element : indent + $0.element }
            .joined(separator: "\n")
    }
}

extension RequestSpec {
    /// The request for other evaluators: policies as JSON objects, context with types.
    func json(swiftDecision: Decision, indent: String) -> String {
        let inner = indent + "  "
        let deeper = inner + "  "
        let context = JSONText.array(self.context.map { key in
            "{\"name\": \(JSONText.string(key.name)), \"type\": \(JSONText.string(key.type.rawValue)), \"values\": [" +
                key.values.map(JSONText.string).joined(separator: ", ") + "]}"
        }, indent: inner)
        func policies(_ docs: [String], _ indent: String) -> String {
            JSONText.array(docs.map { JSONText.embedded($0.trimmedLines, indent: indent + "  ") }, indent: indent)
        }
        var members: [(String, String)] = [
            ("name", JSONText.string(name)),
            ("summary", JSONText.string(summary)),
            ("caller", JSONText.string(caller)),
            ("action", JSONText.string(action)),
            ("resource", JSONText.string(resource)),
            ("resourceOwner", JSONText.string(resourceOwner)),
            ("context", context),
            ("identity", policies(identity, inner)),
            ("boundary", policies(boundary, inner)),
            ("scps", JSONText.array(scps.map { policies($0, deeper) }, indent: inner)),
            ("resourcePolicy", resourcePolicy.map { JSONText.embedded($0.trimmedLines, indent: inner) } ?? "null"),
            ("resourcePolicyKind", JSONText.string(resourcePolicyKind.rawValue)),
            ("expected", expected.map { JSONText.string($0.rawValue) } ?? "null"),
            ("swiftDecision", JSONText.string(swiftDecision.rawValue)),
        ]
        members.append(("pmapperCaveat", pmapperCaveat.map(JSONText.string) ?? "null"))
        return JSONText.object(members, indent: indent)
    }
}

extension String {
    /// The text without the indentation common to its lines (the policies are indented in the source).
    var trimmedLines: String {
        let lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let margin = lines.filter { !$0.allSatisfy { $0 == " " } }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return lines.map { String($0.dropFirst(margin)) }.joined(separator: "\n")
            .trimmingCharacters(whereIn: { $0 == "\n" || $0 == " " })
    }

    func trimmingCharacters(whereIn test: (Character) -> Bool) -> String {
        var s = Substring(self)
        while let c = s.first, test(c) { s = s.dropFirst() }
        while let c = s.last, test(c) { s = s.dropLast() }
        return String(s)
    }
}
