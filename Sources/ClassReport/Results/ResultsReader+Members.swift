import Diagnostics

/// The members of one line's JSON object, read with a diagnostic for each that is missing or of the wrong
/// type, at its place in the file (line of the file, column of the value).
struct LineMembers {
    let file: String
    let line: Int
    let members: [String: JSONNode]
    var problems: [Diagnostic] = []

    init(_ object: [JSONMember], file: String, line: Int) {
        self.file = file
        self.line = line
        var first: [String: JSONNode] = [:]
        for member in object where first[member.key] == nil { first[member.key] = member.value }
        members = first
    }

    /// Where a member's value stands in the file (column 1 for a missing member).
    func range(_ key: String) -> SourceRange {
        guard let node = members[key] else { return SourceRange(line: line, column: 1) }
        let length = node.range.start.line == node.range.end.line ? node.range.end.column - node.range.start.column : 1
        return SourceRange(line: line, column: node.range.start.column, length: max(1, length))
    }

    mutating func problem(_ code: ResultsCode, _ message: String, at key: String? = nil, help: String? = nil) {
        problems.append(Diagnostic(.error, code: code, message, file: file, range: key.map(range) ?? SourceRange(line: line, column: 1),
                                   help: help))
    }

    /// The member's value, or nil after a diagnostic when it is required and missing. `null` is the same as
    /// missing for an optional member.
    private mutating func value(_ key: String, required: Bool, _ kind: String) -> JSONValue? {
        guard let node = members[key], node.value != .null || required else {
            if required { problem(.missingMember, "missing member `\(key)` (\(kind))") }
            return nil
        }
        return node.value
    }

    private mutating func wrongType(_ key: String, _ kind: String, _ value: JSONValue) {
        problem(.wrongType, "member `\(key)` must be \(kind), not \(value.kindDescription)", at: key)
    }

    mutating func string(_ key: String, required: Bool = true) -> String? {
        guard let value = value(key, required: required, "a string") else { return nil }
        if case .string(let text) = value { return text }
        wrongType(key, "a string", value)
        return nil
    }

    mutating func bool(_ key: String, required: Bool = true) -> Bool? {
        guard let value = value(key, required: required, "true or false") else { return nil }
        if case .bool(let flag) = value { return flag }
        wrongType(key, "true or false", value)
        return nil
    }

    mutating func number(_ key: String, required: Bool = true) -> Double? {
        guard let value = value(key, required: required, "a number") else { return nil }
        if case .number(let text) = value, let number = Double(text), number.isFinite { return number }
        wrongType(key, "a number", value)
        return nil
    }

    mutating func integer(_ key: String, required: Bool = true) -> Int64? {
        guard let value = value(key, required: required, "a whole number") else { return nil }
        if case .number(let text) = value, let number = Int64(text) { return number }
        wrongType(key, "a whole number", value)
        return nil
    }

    mutating func strings(_ key: String, required: Bool = true) -> [String]? {
        guard let value = value(key, required: required, "an array of strings") else { return nil }
        if case .array(let elements) = value {
            let texts = elements.compactMap(\.value.stringValue)
            if texts.count == elements.count { return texts }
        }
        wrongType(key, "an array of strings", value)
        return nil
    }

    mutating func integerMap(_ key: String, required: Bool = true) -> [String: Int]? {
        guard let value = value(key, required: required, "an object of whole numbers") else { return nil }
        if case .object(let members) = value {
            var map: [String: Int] = [:]
            for member in members {
                guard case .number(let text) = member.value.value, let number = Int(text) else { break }
                map[member.key] = number
            }
            if map.count == Set(members.map(\.key)).count { return map }
        }
        wrongType(key, "an object of whole numbers", value)
        return nil
    }
}
