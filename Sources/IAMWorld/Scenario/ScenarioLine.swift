import Diagnostics

// The first stage of reading a scenario file: its text as lines of Unicode scalars (so that an index
// plus one is a column), and the words and names on them, each with its source range.

/// One line of the file as Unicode scalars, so that an index plus one is a column.
struct ScenarioLine {
    let number: Int
    let scalars: [Unicode.Scalar]
    /// The index after the last character that is not a space or a tab (0 for a blank line).
    let end: Int
    /// The number of leading spaces and tabs.
    let indent: Int

    init(number: Int, scalars: [Unicode.Scalar]) {
        self.number = number
        self.scalars = scalars
        var end = scalars.count
        while end > 0, Self.isSpace(scalars[end - 1]) { end -= 1 }
        var indent = 0
        while indent < end, Self.isSpace(scalars[indent]) { indent += 1 }
        self.end = end
        self.indent = indent
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" }

    var isBlank: Bool { end == 0 }

    /// `#` followed by a space or the end of the line, after the indentation.
    var isComment: Bool {
        !isBlank && scalars[indent] == "#" && (indent + 1 == end || Self.isSpace(scalars[indent + 1]))
    }

    /// Neither blank nor a comment.
    var hasContent: Bool { !isBlank && !isComment }

    func text(_ from: Int, _ to: Int) -> String {
        let lower = min(max(from, 0), scalars.count)
        let upper = min(max(to, lower), scalars.count)
        return String(String.UnicodeScalarView(scalars[lower..<upper]))
    }

    /// The columns of the scalars `from..<to`.
    func range(_ from: Int, _ to: Int) -> SourceRange {
        SourceRange(line: number, column: from + 1, length: max(1, to - from))
    }

    /// The whole line, without its indentation.
    var contentRange: SourceRange { range(indent, end) }

    func skipSpaces(from index: Int) -> Int {
        var i = index
        while i < end, Self.isSpace(scalars[i]) { i += 1 }
        return i
    }

    func firstIndex(of scalar: Unicode.Scalar, from index: Int) -> Int? {
        guard index < end else { return nil }
        return scalars[index..<end].firstIndex(of: scalar)
    }

    /// The words between `from` and `to`, separated by spaces and tabs.
    func words(_ from: Int, _ to: Int) -> [ScenarioWord] {
        var words: [ScenarioWord] = []
        var i = from
        let to = min(to, end)
        while i < to {
            if Self.isSpace(scalars[i]) {
                i += 1
                continue
            }
            let start = i
            while i < to, !Self.isSpace(scalars[i]) { i += 1 }
            words.append(ScenarioWord(text: text(start, i), range: range(start, i)))
        }
        return words
    }

    /// The name that starts a line at `from` (letters, digits and `-`), and where it ends.
    ///
    /// When the name runs into another character (`#x`, `user/x`), the whole word is returned with
    /// `wellFormed` false, for the message about an unknown name.
    func head(at from: Int) -> ScenarioLineHead {
        var i = from
        while i < end, scalars[i].isASCII, scalars[i].properties.isAlphabetic || ("0"..."9").contains(scalars[i]) || scalars[i] == "-" {
            i += 1
        }
        if i == from || (i < end && scalars[i] != ":" && !Self.isSpace(scalars[i])) {
            var j = from
            while j < end, !Self.isSpace(scalars[j]) { j += 1 }
            return ScenarioLineHead(name: text(from, j), range: range(from, j), end: j, wellFormed: false)
        }
        return ScenarioLineHead(name: text(from, i), range: range(from, i), end: i, wellFormed: true)
    }

    /// Where the value of `name: value` or `name value` starts: after the colon, if any, and spaces.
    func valueStart(after head: ScenarioLineHead) -> Int {
        var i = head.end
        if i < end, scalars[i] == ":" { i += 1 }
        return skipSpaces(from: i)
    }

    /// Splits a text into lines at `\n` (a `\r` before it is dropped); a leading byte order mark is dropped.
    static func lines(of text: String) -> [ScenarioLine] {
        var all = Array(text.unicodeScalars)
        if all.first == "\u{FEFF}" { all.removeFirst() }
        var lines: [ScenarioLine] = []
        var start = 0
        var number = 1
        for i in 0...all.count where i == all.count || all[i] == "\n" {
            var stop = i
            if stop > start, all[stop - 1] == "\r" { stop -= 1 }
            lines.append(ScenarioLine(number: number, scalars: Array(all[start..<stop])))
            number += 1
            start = i + 1
        }
        return lines
    }
}

/// The name at the start of a line.
struct ScenarioLineHead {
    var name: String
    var range: SourceRange
    /// The index after the name.
    var end: Int
    /// False when the name runs into characters a name does not have.
    var wellFormed: Bool
}

/// A word of a line and where it is.
struct ScenarioWord {
    var text: String
    var range: SourceRange

    /// The columns of `count` scalars of the word starting `offset` scalars in.
    func subrange(from offset: Int, count: Int) -> SourceRange {
        SourceRange(line: range.start.line, column: range.start.column + offset, length: max(1, count))
    }
}
