/// A JSON value of a drill policy, written on one line (what the evaluator and scenarios read) or laid out for
/// the terminal (what the stem shows).
indirect enum DrillJSON: Sendable {
    case string(String)
    case array([DrillJSON])
    case object([(String, DrillJSON)])

    /// One value, or an array of several, as AWS writes `Action` and `Resource`.
    static func list(_ items: [String]) -> DrillJSON {
        items.count == 1 ? .string(items[0]) : .array(items.map { .string($0) })
    }

    /// On one line: `{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"]}`.
    var inline: String {
        switch self {
        case .string(let text): Self.quoted(text)
        case .array(let items): "[" + items.map(\.inline).joined(separator: ", ") + "]"
        case .object(let members): "{" + members.map { "\(Self.quoted($0.0)): \($0.1.inline)" }.joined(separator: ", ") + "}"
        }
    }

    /// Laid out in `width` columns: a value that fits on its line stays there, an array or object that does
    /// not has one element a line, two spaces deeper. A string longer than the width stays whole (an ARN).
    func lines(indent: String = "", suffix: String = "", width: Int) -> [String] {
        layout(prefix: "", suffix: suffix, indent: indent, width: width)
    }

    /// The members of an object (or elements of an array) a line each at `indent`, without the brackets.
    func memberLines(indent: String, width: Int) -> [String] {
        let elements: [(String, DrillJSON)]
        switch self {
        case .string: return [indent + inline]
        case .array(let items): elements = items.map { ("", $0) }
        case .object(let members): elements = members.map { (Self.quoted($0.0) + ": ", $0.1) }
        }
        return elements.enumerated().flatMap { i, element in
            element.1.layout(prefix: element.0, suffix: i == elements.count - 1 ? "" : ",", indent: indent, width: width)
        }
    }

    private func layout(prefix: String, suffix: String, indent: String, width: Int) -> [String] {
        let flat = indent + prefix + inline + suffix
        let elements: [(String, DrillJSON)]
        let (open, close): (String, String)
        switch self {
        case .string: return [flat]
        case .array(let items): elements = items.map { ("", $0) }; (open, close) = ("[", "]")
        case .object(let members): elements = members.map { (Self.quoted($0.0) + ": ", $0.1) }; (open, close) = ("{", "}")
        }
        if flat.count <= width || elements.isEmpty { return [flat] }
        return [indent + prefix + open] + memberLines(indent: indent + "  ", width: width) + [indent + close + suffix]
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
