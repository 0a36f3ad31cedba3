/// Word wrapping by display width, for terminals.
///
/// Widths are counted in terminal columns per grapheme cluster (see ``displayWidth(_:)``):
/// East Asian wide and fullwidth characters and emoji take 2 columns, combining marks and
/// zero-width characters 0, everything else 1.
public enum TextWrapper {
    /// Wraps `text` into lines of at most `width` columns.
    ///
    /// - Every line break in `text` (`\n`, `\r\n`, and the other Unicode line separators) is
    ///   kept, so blank lines separate paragraphs as in the input. An empty `text` gives `[]`.
    /// - Lines break at spaces and tabs (the break itself is dropped), and also before and
    ///   after Chinese and Japanese characters (and other wide ones except Korean, which uses
    ///   spaces), since those are written without spaces; but not before closing punctuation
    ///   such as `。` or `）`, nor after opening punctuation such as `（`.
    /// - A word wider than the room on a line of its own is broken between grapheme clusters.
    /// - The first line starts with `indent`; every other line (including those after a
    ///   line break in `text`) with `subsequentIndent`, which defaults to `indent`. Indents
    ///   are plain text: escape sequences in them would be counted as printable.
    /// - Spaces at the start of a line of `text` are kept (they are that line's own indent,
    ///   as in code); other runs of spaces between words are kept as they are, except at a break.
    /// - No line ends with a space; a line with no text is its indent without trailing spaces.
    /// - No line is wider than `width`. When an indent leaves too little room for the next
    ///   character, that line is written without its indent; only when `width` itself is less
    ///   than a character's width (such as a wide character and a width of 1) does that
    ///   character stand alone on a line wider than `width`. A `width` below 1 counts as 1.
    public static func wrap(
        _ text: String,
        width: Int,
        indent: String = "",
        subsequentIndent: String? = nil
    ) -> [String] {
        guard !text.isEmpty else { return [] }
        var builder = LineBuilder(
            width: max(width, 1),
            firstIndent: indent,
            restIndent: subsequentIndent ?? indent
        )
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            builder.addLine(line)
        }
        return builder.lines
    }

    /// The number of terminal columns `text` takes, summed over its grapheme clusters.
    ///
    /// A tab counts as 1 (``TextSanitizer`` turns it into a space); other control
    /// characters count as 0.
    public static func displayWidth(_ text: String) -> Int {
        var total = 0
        for character in text {
            total += width(of: character)
        }
        return total
    }

    /// The number of columns one grapheme cluster takes (0, 1 or 2).
    static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 {
            return first == "\t" ? 1 : width(of: first)
        }
        var widest = 0
        var hasEmojiPresentationSelector = false
        for scalar in scalars {
            widest = max(widest, width(of: scalar))
            if scalar.value == 0xFE0F { hasEmojiPresentationSelector = true }
        }
        // VS16 asks for emoji presentation, which terminals draw two columns wide.
        if widest == 1, hasEmojiPresentationSelector, first.properties.isEmoji {
            return 2
        }
        return widest
    }

    /// The number of columns one Unicode scalar takes on its own (0, 1 or 2).
    static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        // Fast path for printable ASCII.
        if value >= 0x20 && value < 0x7F { return 1 }
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
        if value == 0x00AD { return 1 }  // soft hyphen: terminals show it
        // Hangul medial vowels and final consonants join the preceding initial consonant.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return 0
        default:
            break
        }
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth ranges (a compact table; emoji are found by property).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,   // Hangul Jamo initial consonants
        0x2329...0x232A,   // angle brackets
        0x2E80...0x303E,   // CJK radicals, Kangxi, ideographic description, CJK symbols
        0x3041...0x33FF,   // Hiragana, Katakana, Bopomofo, Hangul compatibility, Kanbun, CJK compat
        0x3400...0x4DBF,   // CJK extension A
        0x4E00...0x9FFF,   // CJK unified ideographs
        0xA000...0xA4CF,   // Yi
        0xA960...0xA97F,   // Hangul Jamo extended A
        0xAC00...0xD7A3,   // Hangul syllables
        0xF900...0xFAFF,   // CJK compatibility ideographs
        0xFE10...0xFE19,   // vertical forms
        0xFE30...0xFE6F,   // CJK compatibility forms, small form variants
        0xFF00...0xFF60,   // fullwidth forms
        0xFFE0...0xFFE6,   // fullwidth signs
        0x16FE0...0x16FE4, // ideographic symbols
        0x17000...0x18CFF, // Tangut, Khitan
        0x1B000...0x1B2FF, // Kana supplement and extensions, Nushu
        0x1F1E6...0x1F1FF, // regional indicators (flags)
        0x1F200...0x1F2FF, // enclosed ideographic supplement
        0x1F300...0x1F64F, // pictographs and emoticons (text-style ones included, to be safe)
        0x1F900...0x1F9FF, // supplemental symbols and pictographs
        0x1FA70...0x1FAFF, // symbols and pictographs extended A
        0x20000...0x2FFFD, // CJK extensions B and later
        0x30000...0x3FFFD, // CJK extension G and later
    ]

    private static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    // MARK: - Line breaking

    /// Characters a line must not start with (closing punctuation).
    private static let noBreakBefore: Set<Character> = [
        "、", "。", "，", "．", "：", "；", "？", "！", "）", "」", "』", "】", "〕", "〉", "》",
        "〙", "〗", "ー", "・", "ゝ", "ゞ", "ヽ", "ヾ", "々", "…",
        ",", ".", ":", ";", "?", "!", ")", "]", "}",
    ]

    /// Characters a line must not end with (opening punctuation).
    private static let noBreakAfter: Set<Character> = [
        "（", "「", "『", "【", "〔", "〈", "《", "〘", "〖", "(", "[", "{",
    ]

    /// A word and the whitespace before it.
    private struct Token {
        var glue: [Character] = []
        var glueWidth = 0
        var word: [(character: Character, width: Int)] = []
        var wordWidth = 0
    }

    /// Whether `character` separates words (and may be dropped at a break).
    private static func isBreakingSpace(_ character: Character) -> Bool {
        switch character {
        case " ", "\t": return true
        case "\u{00A0}", "\u{2007}", "\u{202F}": return false  // no-break spaces
        default: return character.isWhitespace && !character.isNewline
        }
    }

    /// Splits one line of text into tokens; trailing whitespace is dropped.
    private static func tokens(of line: Substring) -> [Token] {
        var result: [Token] = []
        var current = Token()
        var previous: (character: Character, width: Int)?
        for character in line {
            if isBreakingSpace(character) {
                if !current.word.isEmpty {
                    result.append(current)
                    current = Token()
                }
                let space: Character = character == "\t" ? " " : character
                current.glue.append(space)
                current.glueWidth += width(of: space)
                previous = nil
                continue
            }
            let characterWidth = width(of: character)
            if let previous, !current.word.isEmpty,
               breakAllowed(between: previous, and: (character, characterWidth)) {
                result.append(current)
                current = Token()
            }
            current.word.append((character, characterWidth))
            current.wordWidth += characterWidth
            previous = (character, characterWidth)
        }
        if !current.word.isEmpty {
            result.append(current)
        }
        return result
    }

    /// Whether a line may break between two adjacent non-space characters.
    private static func breakAllowed(
        between left: (character: Character, width: Int),
        and right: (character: Character, width: Int)
    ) -> Bool {
        guard (left.width == 2 && !isHangul(left.character))
            || (right.width == 2 && !isHangul(right.character))
        else { return false }
        if noBreakBefore.contains(right.character) || noBreakAfter.contains(left.character) {
            return false
        }
        return true
    }

    /// Whether `character` is Korean; Korean separates words with spaces, so its words are
    /// kept whole like Latin ones.
    private static func isHangul(_ character: Character) -> Bool {
        guard let value = character.unicodeScalars.first?.value else { return false }
        return (0xAC00...0xD7A3).contains(value) || (0x1100...0x11FF).contains(value)
            || (0x3130...0x318F).contains(value) || (0xA960...0xA97F).contains(value)
    }

    /// Accumulates output lines.
    private struct LineBuilder {
        let width: Int
        let firstIndent: String
        let restIndent: String
        let restIndentWidth: Int
        var lines: [String] = []
        private var current = ""
        private var currentWidth = 0
        private var hasContent = false

        init(width: Int, firstIndent: String, restIndent: String) {
            self.width = width
            self.firstIndent = firstIndent
            self.restIndent = restIndent
            self.restIndentWidth = TextWrapper.displayWidth(restIndent)
        }

        /// Wraps one line of the input (text between line breaks).
        mutating func addLine(_ line: Substring) {
            startLine()
            for (index, token) in tokens(of: line).enumerated() {
                place(token, keepLeadingSpace: index == 0)
            }
            finishLine()
        }

        private mutating func startLine() {
            current = lines.isEmpty ? firstIndent : restIndent
            currentWidth = TextWrapper.displayWidth(current)
            hasContent = false
        }

        private mutating func finishLine() {
            if !hasContent {
                // Only the indent: no trailing spaces, and never wider than the width.
                while let last = current.last, last == " " || last == "\t" {
                    current.removeLast()
                }
                if TextWrapper.displayWidth(current) > width {
                    current = ""
                }
            }
            lines.append(current)
        }

        private mutating func newLine() {
            finishLine()
            startLine()
        }

        private mutating func append(_ characters: [Character], width: Int) {
            current.append(contentsOf: characters)
            currentWidth += width
        }

        private mutating func appendWord(_ token: Token) {
            for (character, _) in token.word {
                current.append(character)
            }
            currentWidth += token.wordWidth
            hasContent = true
        }

        private mutating func place(_ token: Token, keepLeadingSpace: Bool) {
            if hasContent {
                if currentWidth + token.glueWidth + token.wordWidth <= width {
                    append(token.glue, width: token.glueWidth)
                    appendWord(token)
                    return
                }
                newLine()
                if restIndentWidth + token.wordWidth <= width {
                    appendWord(token)
                    return
                }
                appendBroken(token)
                return
            }
            // A fresh line: the spaces before the first word of an input line are its own indent.
            if keepLeadingSpace, token.glueWidth > 0,
               currentWidth + token.glueWidth + token.wordWidth <= width {
                append(token.glue, width: token.glueWidth)
                appendWord(token)
            } else if currentWidth + token.wordWidth <= width {
                appendWord(token)
            } else {
                appendBroken(token)
            }
        }

        /// Writes a word too wide for any line, one grapheme cluster at a time.
        private mutating func appendBroken(_ token: Token) {
            for (character, characterWidth) in token.word {
                if currentWidth + characterWidth > width {
                    if hasContent {
                        newLine()
                    }
                    if currentWidth + characterWidth > width {
                        // The indent leaves no room for this character: drop the indent.
                        current = ""
                        currentWidth = 0
                    }
                }
                current.append(character)
                currentWidth += characterWidth
                hasContent = true
            }
        }
    }
}
