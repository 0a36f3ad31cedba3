/// Wrapping text that is already laid out in lines (traces, tables, messages), each line continuing
/// under itself.
extension TextWrapper {
    /// Wraps each line of `text` to `width` columns; the continuation lines of a line start at its
    /// ``hangingIndent(of:width:)``, so a wrapped line still reads as one item of its list, table or tree.
    ///
    /// Unlike ``wrap(_:width:indent:subsequentIndent:)``, an empty line (or an empty `text`) stays one
    /// empty line: this is for text printed a line at a time.
    public static func wrapLines(_ text: String, width: Int) -> [String] {
        var result: [String] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            // Most lines fit: they are kept exactly as they are (trailing spaces included).
            if displayWidth(String(line)) <= max(width, 1) {
                result.append(String(line))
                continue
            }
            let hang = String(repeating: " ", count: hangingIndent(of: line, width: width))
            let wrapped = wrap(String(line), width: width, indent: "", subsequentIndent: hang)
            result += wrapped.isEmpty ? [""] : wrapped
        }
        return result
    }

    /// A table row whose last cell may not fit: `cells` (the row up to where the last cell starts, as the
    /// caller laid it out) then `last`, wrapped in the room left with its continuation lines indented to
    /// its column. When that room is narrower than `minimumRoom`, `last` goes under the row instead,
    /// indented by the row's own indent plus two, so that it never shrinks to a strip of a few columns.
    public static func tableRow(_ cells: String, last: String, width: Int, minimumRoom: Int = 24) -> [String] {
        let column = displayWidth(cells)
        if column + displayWidth(last) <= width { return [cells + last] }
        if width - column >= minimumRoom {
            let pad = String(repeating: " ", count: column)
            let lines = wrap(last, width: width, indent: pad, subsequentIndent: pad)
            // A link too wide for the room starts a line of its own, without the indent.
            if let first = lines.first, first.hasPrefix(pad) {
                return [cells + first.dropFirst(column)] + lines.dropFirst()
            }
            return wrapLines(trimmingTrailingSpaces(cells), width: width) + lines
        }
        let lead = cells.prefix(while: { $0 == " " }).count
        let pad = String(repeating: " ", count: min(lead + 2, max(width, 1) / 2))
        return wrapLines(trimmingTrailingSpaces(cells), width: width) + wrap(last, width: width, indent: pad)
    }

    private static func trimmingTrailingSpaces(_ text: String) -> String {
        String(text.reversed().drop(while: { $0 == " " }).reversed())
    }

    /// The column where the continuation lines of `line` start, by the first rule that applies:
    ///
    /// 1. a message `error: `, `warning: `, `note: ` or `help: ` (after the line's own spaces): under
    ///    the text after the label;
    /// 2. a row of columns (cells apart by two or more spaces): under the second column, when that
    ///    starts within the first half of `width` (further right, the rest would be a narrow strip);
    /// 3. a numbered or bulleted item (`12 `, `3. `, `• `, `- `): under the text after the marker;
    /// 4. anything else: the line's own indent plus two spaces, so that in a trace the continuation of
    ///    a node sits under the node and above its children.
    ///
    /// The result is at most half of `width`, leaving room for the text.
    public static func hangingIndent(of line: some StringProtocol, width: Int) -> Int {
        var escape = EscapeSequenceScanner()
        let cells = line.filter { !escape.consume($0) }.map { (character: $0, width: Self.width(of: $0)) }
        let half = max(width, 1) / 2
        let lead = cells.prefix(while: { $0.character == " " }).count
        let text = cells.dropFirst(lead)
        let word = String(text.prefix(while: { $0.character != " " }).map(\.character))

        if messageLabels.contains(word), text.dropFirst(word.count).first?.character == " " {
            return min(lead + word.count + 1, half)
        }
        var column = lead
        var spaces = 0
        for cell in text {
            if cell.character == " " {
                spaces += 1
            } else if spaces >= 2 {
                if column <= half { return column }
                break
            } else {
                spaces = 0
            }
            column += cell.width
        }
        if isListMarker(word), text.dropFirst(word.count).first?.character == " " {
            return min(lead + word.count + 1, half)
        }
        return min(lead + 2, half)
    }

    /// The labels of messages, whose text hangs after the label.
    private static let messageLabels: Set<String> = ["error:", "warning:", "note:", "help:"]

    /// Whether `word` marks a list item: a number (`12`, `3.`, `4)`) or a bullet.
    private static func isListMarker(_ word: String) -> Bool {
        if ["•", "-", "*", "·"].contains(word) { return true }
        let number = word.last == "." || word.last == ")" ? word.dropLast() : Substring(word)
        return !number.isEmpty && number.allSatisfy(\.isASCII) && number.allSatisfy(\.isNumber)
    }
}
