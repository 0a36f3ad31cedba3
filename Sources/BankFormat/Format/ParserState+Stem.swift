import Diagnostics

/// The shapes of a line's text that the bank format gives a meaning beyond options and fields: a list item
/// in the stem, the `\` that makes a line plain text, and the markers of options written in another
/// notation, which are reported rather than read as text (docs/bank-format.md). Each reads the line's bytes
/// after its indentation, `Character` by `Character` as `LineBytes` tests them.
enum LineShape {
    /// Where the text of a line starts once its leading `\` is dropped, and whether it had one.
    static func unescaped(_ line: BankLine) -> (text: Range<Int>, escaped: Bool) {
        line.bytes.hasPrefix("\\", at: line.contentStart)
            ? (line.contentStart + 1..<line.bytes.end, true) : (line.content, false)
    }

    /// The text of a stem list item, `* text` (the line being indented).
    static func listItem(_ line: BankLine) -> Range<Int>? {
        guard line.bytes.hasPrefix("*", at: line.contentStart), marker(line.bytes, line.contentStart, length: 1) != nil else { return nil }
        return line.bytes.trimmingSpaces(line.contentStart + 1..<line.bytes.end)
    }

    /// The marker of a line that looks like an option written another way: `* `, `+ `, `• `, `1.`, `1)`,
    /// `A.`, `a)`, `(a)`, `(1)`, and `- ` when the line is indented. Each is followed by a space or a tab.
    static func optionLikeMarker(_ line: BankLine, indented: Bool) -> Range<Int>? {
        optionLikeMarker(line.bytes, at: line.contentStart, indented: indented)
    }

    /// `optionLikeMarker` for the text at `start`; the marker's bytes.
    private static func optionLikeMarker(_ line: LineBytes, at start: Int, indented: Bool) -> Range<Int>? {
        if line.hasPrefix("-", at: start) { return indented ? marker(line, start, length: 1) : nil }
        if line.hasPrefix("*", at: start) || line.hasPrefix("+", at: start) { return marker(line, start, length: 1) }
        if line.hasPrefix("•", at: start) { return marker(line, start, length: 3) }
        // A label: one ASCII letter or one or two digits, inside `(` `)` or before `.` or `)`.
        let inParentheses = line.hasPrefix("(", at: start)
        let labelStart = inParentheses ? start + 1 : start
        guard labelStart < line.end else { return nil }
        var labelEnd = labelStart
        if isDigit(line[labelStart]) {
            labelEnd += 1
            if labelEnd < line.end, isDigit(line[labelEnd]) { labelEnd += 1 }
        } else if isLetter(line[labelStart]) {
            labelEnd += 1
        }
        // Bytes after the label that continue it (a third digit, a letter after a letter or a digit, a
        // combining mark) make it no label; so does any closing mark but the one the opening asks for.
        guard labelEnd > labelStart, labelEnd < line.end else { return nil }
        let close = line[labelEnd]
        guard close == 0x29 || (!inParentheses && close == 0x2E) else { return nil }
        return marker(line, start, length: labelEnd + 1 - start)
    }

    /// Whether the printer must start a line holding `text` with `\` so that it reads back as that text.
    static func needsEscape(_ text: Substring) -> Bool {
        LineBytes.withLine(text) { line in
            guard line.end > 0 else { return false }
            return line.hasPrefix("\\", at: 0) || line.hasPrefix("#", at: 0) || line.isExactly("-", at: 0)
                || line.hasPrefix("- ", at: 0) || line.hasPrefix("-\t", at: 0)
                || FieldLine(line, at: 0) != nil || optionLikeMarker(line, at: 0, indented: true) != nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    /// The first `length` bytes from `start` (whole `Character`s), when a space or a tab follows them.
    private static func marker(_ line: LineBytes, _ start: Int, length: Int) -> Range<Int>? {
        line.isSpace(at: start + length) ? start..<start + length : nil
    }
}

/// The blocks of a stem as its lines are read.
struct StemBuilder {
    private var blocks: [StemBlock] = []
    /// The paragraph being read, kept apart from `blocks` so that its lines are appended in place.
    private var paragraph: String?

    /// The stem's text (`StemBlock.text(of:)`).
    var text: String {
        var all = blocks
        if let paragraph { all.append(.paragraph(paragraph)) }
        return StemBlock.text(of: all)
    }

    /// A line of text: it continues the paragraph before it, or, indented right after a list item, that
    /// item; after a blank line (`paragraph`), or after a list, it starts a paragraph.
    mutating func addText(_ text: String, paragraph startsParagraph: Bool, indented: Bool) {
        guard !text.isEmpty else { return }
        if !startsParagraph, paragraph != nil {
            paragraph? += " " + text
        } else if !startsParagraph, indented, case .list(var items)? = blocks.last {
            blocks.removeLast()
            items[items.count - 1] += " " + text
            blocks.append(.list(items))
        } else {
            closeParagraph()
            paragraph = text
        }
    }

    /// A block of lines kept as written (between ``` fences).
    mutating func addCode(_ lines: [String]) {
        closeParagraph()
        blocks.append(.code(lines))
    }

    /// A list item: it joins the list right before it, unless a blank line (`paragraph`) ends that list.
    mutating func addItem(_ text: String, paragraph startsParagraph: Bool) {
        closeParagraph()
        if !startsParagraph, case .list(var items)? = blocks.last {
            blocks.removeLast()
            items.append(text)
            blocks.append(.list(items))
        } else {
            blocks.append(.list([text]))
        }
    }

    private mutating func closeParagraph() {
        if let paragraph { blocks.append(.paragraph(paragraph)) }
        paragraph = nil
    }
}

extension ParserState {
    /// Reads a line of the stem. Lines that look like options written another way (E021) or like an
    /// option's field (E022), and the indented lines under them, are reported and left out of the stem:
    /// it is shown before the learner answers, and a `why:` there would give the answer away.
    mutating func readStemLine(_ line: BankLine, paragraph: Bool, into stem: inout StemBuilder, misread: inout Bool) {
        let (text, escaped) = LineShape.unescaped(line)
        let indented = line.indent > 0
        let marker = escaped ? nil : LineShape.optionLikeMarker(line, indented: indented)
        let item = escaped || !indented ? nil : LineShape.listItem(line)
        if misread, indented, marker == nil, item == nil { return }
        misread = false
        if !escaped, let field = FieldLine(line.bytes, at: line.contentStart), BankParser.optionFields.contains(field.name) {
            error(.optionFieldInStem, "`\(field.name):` in the stem belongs to no option", line: line.number, column: line.indent + 1,
                  length: field.name.count,
                  help: "the stem is shown before the learner answers: write the option as `- text` at column 1, with `\(field.name):` indented under it")
            misread = true
        } else if let item {
            stem.addItem(line.bytes.string(item), paragraph: paragraph)
        } else if let marker {
            nearMiss(line, marker: marker, context: "the line would be stem text",
                     help: "; a list in the stem is written `  * item`")
            misread = true
        } else {
            stem.addText(line.bytes.string(text), paragraph: paragraph, indented: indented)
        }
    }

    /// E021: a line that looks like an option but is not one where it stands. `context` says what the
    /// line would be instead.
    mutating func nearMiss(_ line: BankLine, marker: Range<Int>, context: String?, help: String = "") {
        let rest = line.bytes.string(line.bytes.trimmingSpaces(marker.upperBound..<line.bytes.end))
        error(.optionLookalike, "`\(line.bytes.string(marker)) ` does not start an option" + (context.map { ": \($0)" } ?? ""),
              line: line.number, column: line.indent + 1, length: line.bytes.scalarCount(marker),
              help: "write the option as `- \(rest)` at column 1\(help); start the line with `\\` to keep it as text")
    }
}
