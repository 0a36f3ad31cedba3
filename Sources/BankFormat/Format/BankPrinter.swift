/// Writes questions in the native bank format, in a canonical layout that `BankParser` reads back
/// to the same questions.
public struct BankPrinter: Sendable {
    public init() {}

    /// The text of a bank file holding `questions`, with an optional comment at the top.
    public func print(_ questions: [Question], comment: String? = nil) -> String {
        var out = ""
        if let comment {
            for line in comment.split(separator: "\n", omittingEmptySubsequences: false) {
                out += line.isEmpty ? "#\n" : "# \(line)\n"
            }
            out += "\n"
        }
        for (i, question) in questions.enumerated() {
            if i > 0 { out += "\n" }
            out += print(question)
        }
        return out
    }

    /// One question, ending with a newline.
    public func print(_ q: Question) -> String {
        var out = "## \(q.id)\n"
        out += "level: \(q.level.rawValue)\n"
        if !q.topics.isEmpty { out += "topics: \(q.topics.joined(separator: ", "))\n" }
        if let scenario = q.scenario { out += field("scenario", scenario) }
        if q.rightWhen != .works { out += field("right-when", q.rightWhen.rawValue) }
        if let source = q.source { out += field("source", source) }
        for allowed in q.allowed { out += field("allow", allowed.code + " " + allowed.reason) }
        out += "\n"
        out += q.stemBlocks.map(stemBlock).joined(separator: "\n\n") + "\n\n"
        for option in q.options {
            out += "- \(option.text)\n"
            if let why = option.why { out += field("why", why, indent: "  ") }
            if let note = option.note { out += field("note", note, indent: "  ") }
            if let verify = option.verify { out += field("verify", verify, indent: "  ") }
        }
        out += "\n"
        switch q.key {
        case .unkeyed:
            out += "answer: ?\n"
        case .options(let indices):
            out += "answer: \(indices.map { OptionLetter.letter($0) }.joined(separator: ", "))\n"
        }
        if let explanation = q.explanation { out += field("explanation", explanation) }
        for reference in q.references { out += field("reference", reference) }
        for changed in q.changed { out += field("changed", changed) }
        for disputed in q.disputed { out += field("disputed", disputed) }
        return out
    }

    /// A stem paragraph on one line, a list as `  * item` lines, lines as written between ``` fences.
    private func stemBlock(_ block: StemBlock) -> String {
        switch block {
        case .paragraph(let text): textLine(text)
        case .list(let items): items.map { "  * " + $0 }.joined(separator: "\n")
        case .code(let lines): (["```"] + lines + ["```"]).joined(separator: "\n")
        }
    }

    /// A line of text, with `\` before it when it would otherwise read as something else (an option, a
    /// field, a list item, a comment).
    private func textLine(_ text: String) -> String {
        LineShape.needsEscape(Substring(text)) ? "\\" + text : text
    }

    /// `name: value`, with later paragraphs on indented lines after a blank line.
    private func field(_ name: String, _ value: String, indent: String = "") -> String {
        let paragraphs = value.components(separatedByParagraphs: ())
        var out = "\(indent)\(name): \(paragraphs.first ?? "")\n"
        for paragraph in paragraphs.dropFirst() {
            out += "\n\(indent)  \(textLine(paragraph))\n"
        }
        return out
    }
}

extension String {
    /// Paragraphs separated by a blank line (`"\n\n"`).
    func components(separatedByParagraphs _: Void) -> [String] {
        var parts: [String] = []
        var current = ""
        var newlines = 0
        for character in self {
            if character == "\n" {
                newlines += 1
                continue
            }
            if newlines >= 2 {
                parts.append(current)
                current = ""
            } else if newlines == 1 {
                current += " "
            }
            newlines = 0
            current.append(character)
        }
        parts.append(current)
        return parts
    }
}
