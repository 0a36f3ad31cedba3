/// The rules of question ids and topic tags, for every format: what a valid id is, and how any text (a
/// title, a tag, a file name) becomes one.
package enum QuestionID {
    /// Whether `text` follows the native id rules: lowercase letters, digits, `.`, `_`, `-`, starting with a
    /// letter or digit.
    package static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first,
              ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }

    /// A valid id made from arbitrary text.
    package static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_" {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix("-") {
                out += "-"
            }
        }
        let trimmed = out.trimmingCharacters(in: "-._")
        return trimmed.isEmpty ? "question" : trimmed
    }

    /// A valid topic tag made from arbitrary text.
    package static func topicSlug(_ text: String) -> String {
        String(slug(text).map { $0 == "." || $0 == "_" ? "-" : $0 })
    }

    /// An id prefix made from a file name: its base name without the extension, as a topic tag.
    package static func prefix(fileName: String) -> String {
        var base = Substring(fileName)
        if let slash = base.lastIndex(of: "/") { base = base[base.index(after: slash)...] }
        if let dot = base.lastIndex(of: "."), dot > base.startIndex { base = base[..<dot] }
        return topicSlug(String(base))
    }
}
