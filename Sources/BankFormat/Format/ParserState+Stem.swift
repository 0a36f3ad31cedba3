import Diagnostics

/// The shapes of a line's text that the bank format gives a meaning beyond options and fields: a list item
/// in the stem, the `\` that makes a line plain text, and the markers of options written in another
/// notation, which are reported rather than read as text (docs/bank-format.md).
enum LineShape {
    /// The text of a line without its leading `\`, and whether it had one.
    static func unescaped(_ content: Substring) -> (text: Substring, escaped: Bool) {
        content.first == "\\" ? (content.dropFirst(), true) : (content, false)
    }

    /// The text of a stem list item, `* text` (the line being indented).
    static func listItem(_ content: Substring) -> Substring? {
        guard let marker = marker(content, length: 1), marker == "*" else { return nil }
        return content.dropFirst().trimmingSpaces()
    }

    /// The marker of a line that looks like an option written another way: `* `, `+ `, `• `, `1.`, `1)`,
    /// `A.`, `a)`, `(a)`, `(1)`, and `- ` when the line is indented. Each is followed by a space or a tab.
    static func optionLikeMarker(_ content: Substring, indented: Bool) -> Substring? {
        guard let first = content.first else { return nil }
        switch first {
        case "-": return indented ? marker(content, length: 1) : nil
        case "*", "+", "•": return marker(content, length: 1)
        case "(":
            let inner = content.dropFirst().prefix { $0 != ")" }
            guard isLabel(inner) else { return nil }
            return marker(content, length: inner.count + 2)
        default:
            let label = content.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
            guard isLabel(label), let after = content.dropFirst(label.count).first, after == "." || after == ")" else { return nil }
            return marker(content, length: label.count + 1)
        }
    }

    /// Whether the printer must start a line holding `text` with `\` so that it reads back as that text.
    static func needsEscape(_ text: Substring) -> Bool {
        guard let first = text.first else { return false }
        return first == "\\" || first == "#" || text == "-" || text.hasPrefix("- ") || text.hasPrefix("-\t")
            || FieldLine(text) != nil || optionLikeMarker(text, indented: true) != nil
    }

    /// One letter, or one or two digits: the label of a lettered or numbered option.
    private static func isLabel(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCII else { return false }
        return (text.count == 1 && first.isLetter) || ((1...2).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber })
    }

    /// The first `length` characters, when a space or a tab follows them.
    private static func marker(_ content: Substring, length: Int) -> Substring? {
        let marker = content.prefix(length)
        guard marker.count == length, let next = content.dropFirst(length).first, next == " " || next == "\t" else { return nil }
        return marker
    }
}

/// The blocks of a stem as its lines are read.
struct StemBuilder {
    private(set) var blocks: [StemBlock] = []

    /// A line of text: it continues the paragraph before it, or, indented right after a list item, that
    /// item; after a blank line (`paragraph`), or after a list, it starts a paragraph.
    mutating func addText(_ text: Substring, paragraph: Bool, indented: Bool) {
        guard !text.isEmpty else { return }
        switch blocks.last {
        case .paragraph(let current)? where !paragraph:
            blocks[blocks.count - 1] = .paragraph(current + " " + text)
        case .list(var items)? where !paragraph && indented:
            items[items.count - 1] += " " + text
            blocks[blocks.count - 1] = .list(items)
        default:
            blocks.append(.paragraph(String(text)))
        }
    }

    /// A block of lines kept as written (between ``` fences).
    mutating func addCode(_ lines: [String]) {
        blocks.append(.code(lines))
    }

    /// A list item: it joins the list right before it, unless a blank line (`paragraph`) ends that list.
    mutating func addItem(_ text: Substring, paragraph: Bool) {
        if case .list(var items)? = blocks.last, !paragraph {
            items.append(String(text))
            blocks[blocks.count - 1] = .list(items)
        } else {
            blocks.append(.list([String(text)]))
        }
    }
}

extension ParserState {
    /// Reads a line of the stem. Lines that look like options written another way (E021) or like an
    /// option's field (E022), and the indented lines under them, are reported and left out of the stem:
    /// it is shown before the learner answers, and a `why:` there would give the answer away.
    mutating func readStemLine(_ line: SourceLines.Line, paragraph: Bool, into stem: inout StemBuilder, misread: inout Bool) {
        let (text, escaped) = LineShape.unescaped(line.content)
        let indented = line.indent > 0
        let marker = escaped ? nil : LineShape.optionLikeMarker(line.content, indented: indented)
        let item = escaped || !indented ? nil : LineShape.listItem(line.content)
        if misread, indented, marker == nil, item == nil { return }
        misread = false
        if !escaped, let field = FieldLine(line.content), BankParser.optionFields.contains(field.name) {
            error(.optionFieldInStem, "`\(field.name):` in the stem belongs to no option", line: line.number, column: line.indent + 1,
                  length: field.name.count,
                  help: "the stem is shown before the learner answers: write the option as `- text` at column 1, with `\(field.name):` indented under it")
            misread = true
        } else if let item {
            stem.addItem(item, paragraph: paragraph)
        } else if let marker {
            nearMiss(line, marker: marker, context: "the line would be stem text",
                     help: "; a list in the stem is written `  * item`")
            misread = true
        } else {
            stem.addText(text, paragraph: paragraph, indented: indented)
        }
    }

    /// E021: a line that looks like an option but is not one where it stands. `context` says what the
    /// line would be instead.
    mutating func nearMiss(_ line: SourceLines.Line, marker: Substring, context: String?, help: String = "") {
        let rest = line.content.dropFirst(marker.count).trimmingSpaces()
        error(.optionLookalike, "`\(marker) ` does not start an option" + (context.map { ": \($0)" } ?? ""),
              line: line.number, column: line.indent + 1, length: marker.unicodeScalars.count,
              help: "write the option as `- \(rest)` at column 1\(help); start the line with `\\` to keep it as text")
    }
}
