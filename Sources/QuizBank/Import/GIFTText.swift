import Diagnostics

/// One character of a question block after escapes are read: `\~` is a `~` that is `escaped`, so that it
/// never counts as syntax. Raw line breaks between the block's lines are kept as unescaped `\n`.
struct GIFTChar {
    var scalar: Unicode.Scalar
    var escaped: Bool
    var line: Int
    var column: Int

    /// An unescaped `scalar`: syntax.
    func isSyntax(_ s: Unicode.Scalar) -> Bool { !escaped && scalar == s }

    /// Space, tab and the other characters PHP's `trim` removes, and line breaks (raw or `\n`).
    var isSpace: Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", "\0", "\u{0B}": true
        default: false
        }
    }

    var isNewline: Bool { scalar == "\n" }

    var location: SourceLocation { SourceLocation(line: line, column: column) }
}

/// The shared text rules of GIFT: escapes, whitespace, format tags, weights. Used by the importer and the
/// exporter, so that what one writes the other reads back.
enum GIFTText {
    /// The characters that `\` escapes, besides `n` (a line break).
    static let escapable: Set<Unicode.Scalar> = ["\\", "~", "=", "#", "{", "}", ":"]

    /// The format tags Moodle recognises at the start of a text (case-sensitive, as Moodle compares them).
    static let formatTags: [String: GIFTTextFormat] = [
        "moodle": .moodle, "html": .html, "plain": .plain, "markdown": .markdown,
    ]

    /// Reads the escapes of one line. Unknown escapes keep their backslash, as Moodle keeps it, and are
    /// passed to `unknown` with their column.
    static func decode(_ scalars: ArraySlice<Unicode.Scalar>, line: Int, firstColumn: Int,
                       unknown: (Int, String) -> Void) -> [GIFTChar] {
        var chars: [GIFTChar] = []
        chars.reserveCapacity(scalars.count)
        var i = scalars.startIndex
        var column = firstColumn
        while i < scalars.endIndex {
            let scalar = scalars[i]
            if scalar == "\\" {
                let next = scalars.index(after: i)
                if next < scalars.endIndex {
                    let escaped = scalars[next]
                    if escapable.contains(escaped) || escaped == "n" {
                        chars.append(GIFTChar(scalar: escaped == "n" ? "\n" : escaped, escaped: true, line: line, column: column))
                        i = scalars.index(after: next)
                        column += 2
                        continue
                    }
                    unknown(column, "\\" + String(Character(escaped)))
                } else {
                    unknown(column, "\\")
                }
            }
            chars.append(GIFTChar(scalar: scalar, escaped: false, line: line, column: column))
            i = scalars.index(after: i)
            column += 1
        }
        return chars
    }

    /// The chars without leading and trailing unescaped spaces and line breaks.
    static func trimmed(_ chars: ArraySlice<GIFTChar>) -> ArraySlice<GIFTChar> {
        var slice = chars
        while let first = slice.first, first.isSpace, !first.escaped { slice = slice.dropFirst() }
        while let last = slice.last, last.isSpace, !last.escaped { slice = slice.dropLast() }
        return slice
    }

    /// The text of some chars, made like a native text: trimmed; a run of spaces and line breaks holding
    /// two or more `\n` escapes becomes a paragraph break, one holding any other line break a space;
    /// spaces between words stay as written.
    static func text(_ chars: ArraySlice<GIFTChar>) -> String {
        var out = String.UnicodeScalarView()
        var run: [GIFTChar] = []
        func flush() {
            defer { run.removeAll(keepingCapacity: true) }
            guard !out.isEmpty else { return }
            if run.contains(where: \.isNewline) {
                let escapedBreaks = run.filter { $0.isNewline && $0.escaped }.count
                out.append(contentsOf: escapedBreaks >= 2 ? "\n\n".unicodeScalars : " ".unicodeScalars)
            } else {
                out.append(contentsOf: run.map(\.scalar))
            }
        }
        for char in chars {
            if char.isSpace {
                run.append(char)
            } else {
                if !run.isEmpty { flush() }
                out.append(char.scalar)
            }
        }
        return String(out)
    }

    /// Splits off a leading format tag, as Moodle does: `[` at the very start, the first `]` after it, and a
    /// known name between them. An unknown name (`[note]`) is text.
    static func splitFormat(_ chars: ArraySlice<GIFTChar>) -> (GIFTTextFormat?, ArraySlice<GIFTChar>) {
        guard let first = chars.first, first.scalar == "[", !first.escaped,
              let close = chars.firstIndex(where: { $0.scalar == "]" && !$0.escaped }) else { return (nil, chars) }
        var name = String.UnicodeScalarView()
        name.append(contentsOf: chars[chars.index(after: chars.startIndex)..<close].map(\.scalar))
        guard let format = formatTags[String(name)] else { return (nil, chars) }
        return (format, chars[chars.index(after: close)...])
    }

    /// Whether a text would lose a leading format tag when read back (so the exporter guards it).
    static func startsWithFormatTag(_ text: String) -> Bool {
        guard text.hasPrefix("["), let close = text.firstIndex(of: "]") else { return false }
        return formatTags[String(text[text.index(after: text.startIndex)..<close])] != nil
    }

    /// The index of the `%` that closes a weight at the start of `chars` (the first char being its `%`), when
    /// Moodle's weight pattern takes it: `-`s, one or two digits, an optional `.` and digits; or `-`s and
    /// digits. Moodle reads anything else as the answer's text.
    static func weightEnd(_ chars: ArraySlice<GIFTChar>) -> Int? {
        func isDigit(_ i: Int) -> Bool { i < chars.endIndex && ("0"..."9").contains(chars[i].scalar) }
        var i = chars.startIndex + 1
        while i < chars.endIndex, chars[i].scalar == "-" { i += 1 }
        let digitsStart = i
        while isDigit(i) { i += 1 }
        guard i > digitsStart else { return nil }
        if i < chars.endIndex, chars[i].scalar == "." {
            guard i - digitsStart <= 2 else { return nil }
            i += 1
            while isDigit(i) { i += 1 }
        }
        return i < chars.endIndex && chars[i].isSyntax("%") ? i : nil
    }

    /// Moodle's weight syntax between the `%` signs: an optional `-`, then digits, or one or two digits, a
    /// `.` and any digits (Moodle does not read `100.0`). Returns the percent, or nil.
    static func weight(_ text: String) -> Double? {
        var body = Substring(text)
        var negative = false
        if body.hasPrefix("-") {
            negative = true
            body = body.dropFirst()
        }
        let digits: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        let value: Double?
        if let dot = body.firstIndex(of: ".") {
            let whole = body[..<dot]
            let fraction = body[body.index(after: dot)...]
            guard digits(whole), whole.count <= 2, fraction.isEmpty || digits(fraction) else { return nil }
            value = Double("\(whole).\(fraction.isEmpty ? "0" : fraction)")
        } else {
            guard digits(body) else { return nil }
            value = Double(body)
        }
        return value.map { negative ? -$0 : $0 }
    }

    /// Moodle's grades, as fractions (question_bank's full list: 1/q for q <= 10, p/q for q <= 6, p/10,
    /// 1/20, and their negatives).
    static let moodleGrades: [Double] = {
        let positive = [1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                        0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05]
        return [0] + positive + positive.map { -$0 }
    }()

    /// Whether Moodle accepts the weight `percent` as a grade (it allows 0.00001 of a fraction off).
    static func isMoodleGrade(_ percent: Double) -> Bool {
        moodleGrades.contains { abs(percent / 100 - $0) < 0.00001 }
    }

    /// The Moodle grade closest to `percent`, written as a weight.
    static func nearestMoodleGrade(_ percent: Double) -> String {
        let nearest = moodleGrades.min { abs(percent / 100 - $0) < abs(percent / 100 - $1) } ?? 0
        return formatWeight(nearest * 100)
    }

    /// A weight with at most five decimals and no trailing zeros: `50`, `33.33333`, `-12.5`.
    static func formatWeight(_ percent: Double) -> String {
        let scaled = Int((abs(percent) * 100_000).rounded())
        let whole = scaled / 100_000
        var fraction = String(scaled % 100_000)
        fraction = String(repeating: "0", count: max(0, 5 - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = percent < 0 && scaled != 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}
