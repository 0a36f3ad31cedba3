/// Word wrapping by display width, for terminals.
///
/// Widths are counted in terminal columns per grapheme cluster (see ``displayWidth(_:)``):
/// East Asian wide and fullwidth characters and emoji take 2 columns, combining marks,
/// zero-width characters and ANSI control sequences 0, everything else 1.
public enum TextWrapper {
    /// Wraps `text` into lines of at most `width` columns.
    ///
    /// - Every line break in `text` (`\n`, `\r\n`, and the other Unicode line separators) is
    ///   kept, so blank lines separate paragraphs as in the input. An empty `text` gives `[]`.
    /// - Lines break at spaces and tabs (the break itself is dropped), and also before and
    ///   after Chinese and Japanese characters (and other wide ones except Korean, which uses
    ///   spaces), since those are written without spaces; but not before closing punctuation
    ///   such as `。` or `）`, nor after opening punctuation such as `（`.
    /// - A word that ``mustStayWhole(_:)`` (a URL or an ARN, with the punctuation around it)
    ///   is never broken: when it does not fit on the current line it starts the next one, and
    ///   when it does not fit after that line's indent either it stands on a line of its own
    ///   without the indent, wider than `width` if it is wider than `width` itself. Broken in
    ///   two, a link can no longer be opened or copied.
    /// - Any other word wider than the room on a line of its own is broken between grapheme
    ///   clusters.
    /// - The first line starts with `indent`; every other line (including those after a
    ///   line break in `text`) with `subsequentIndent`, which defaults to `indent`.
    /// - ANSI control sequences (the colours of ``Style``), in the text or in the indents,
    ///   take no room and are never split; a style that spans a break carries over to the
    ///   next line as the terminal keeps it.
    /// - Spaces at the start of a line of `text` are kept (they are that line's own indent,
    ///   as in code); other runs of spaces between words are kept as they are, except at a break.
    /// - No line ends with a space; a line with no text is its indent without trailing spaces.
    /// - No line is wider than `width`, but for the whole words above. When an indent leaves
    ///   too little room for the next character, that line is written without its indent;
    ///   only when `width` itself is less than a character's width (such as a wide character
    ///   and a width of 1) does that character stand alone on a line wider than `width`. A
    ///   `width` below 1 counts as 1.
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

    /// Whether `word` (text without spaces) is a link that a line must not break: a URL
    /// (`https://...`, or any `scheme://...`) or an ARN (`arn:...`), also when it is quoted,
    /// in backticks or brackets, styled, or followed by punctuation such as `).`.
    public static func mustStayWhole(_ word: some StringProtocol) -> Bool {
        var escape = EscapeSequenceScanner()
        let visible = String(word.filter { !escape.consume($0) })
        let link = String(visible.drop(while: { openingQuotes.contains($0) })).lowercased()
        if link.hasPrefix("arn:") { return true }
        guard let separator = link.firstRange(of: "://") else { return false }
        let scheme = link[..<separator.lowerBound]
        guard let first = scheme.first, first.isLetter else { return false }
        return scheme.allSatisfy(isSchemeCharacter)
    }

    /// A character of a URL scheme (RFC 3986: letters, digits, `+`, `-`, `.`).
    private static func isSchemeCharacter(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isNumber || character == "+" || character == "-" || character == "."
    }

    /// What may come before a link in the same word: quotes, backticks and opening brackets.
    private static let openingQuotes: Set<Character> = ["(", "[", "{", "<", "\"", "'", "`", "‘", "“", "«", "（", "「"]

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
        var escape = EscapeSequenceScanner()
        for character in line {
            if escape.consume(character) {
                // Part of a style: no room, no break, and it stays with the word that follows it.
                current.word.append((character, 0))
                continue
            }
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
        var lines: [String] = []
        private var current = ""
        private var currentWidth = 0
        /// The characters and columns of the indent that starts `current`, to drop it when it
        /// leaves no room.
        private var indentLength = 0
        private var indentWidth = 0
        /// Whether `current` holds a visible word.
        private var hasContent = false
        /// Whether `current` holds a link that lost its indent: nothing else goes on that line.
        private var isFull = false
        /// Whether a visible word of the current input line was placed: until then, the spaces
        /// before a word are the line's own indent.
        private var placedVisibleWord = false
        /// The spaces before a style code that stands alone (`word \e[22m next`): written only
        /// when the next word follows on the same line, so that no line ends in a space.
        private var pendingGlue: [Character] = []
        private var pendingGlueWidth = 0

        init(width: Int, firstIndent: String, restIndent: String) {
            self.width = width
            self.firstIndent = firstIndent
            self.restIndent = restIndent
        }

        /// Wraps one line of the input (text between line breaks).
        mutating func addLine(_ line: Substring) {
            startLine()
            placedVisibleWord = false
            for token in tokens(of: line) {
                place(token)
            }
            finishLine()
        }

        private mutating func startLine() {
            current = lines.isEmpty ? firstIndent : restIndent
            currentWidth = TextWrapper.displayWidth(current)
            indentLength = current.count
            indentWidth = currentWidth
            hasContent = false
            isFull = false
            pendingGlue = []
            pendingGlueWidth = 0
        }

        private mutating func finishLine() {
            if !hasContent {
                // Only the indent: no trailing spaces, and never wider than the width.
                while let last = current.last, last == " " || last == "\t" {
                    current.removeLast()
                }
                if TextWrapper.displayWidth(current) > width {
                    dropIndent()
                }
            }
            lines.append(current)
        }

        private mutating func newLine() {
            finishLine()
            startLine()
        }

        /// Removes the indent from the start of the current line (style codes written after it stay).
        private mutating func dropIndent() {
            current.removeFirst(min(indentLength, current.count))
            currentWidth -= indentWidth
            indentLength = 0
            indentWidth = 0
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

        private mutating func place(_ token: Token) {
            guard token.wordWidth > 0 else {
                // Style codes alone: no room taken; the spaces before them wait for the next word.
                if hasContent || !placedVisibleWord {
                    pendingGlue += token.glue
                    pendingGlueWidth += token.glueWidth
                }
                for (character, _) in token.word { current.append(character) }
                return
            }
            let glue = pendingGlue + token.glue
            let glueWidth = pendingGlueWidth + token.glueWidth
            pendingGlue = []
            pendingGlueWidth = 0
            let isFirstWord = !placedVisibleWord
            placedVisibleWord = true
            if hasContent {
                if !isFull, currentWidth + glueWidth + token.wordWidth <= width {
                    append(glue, width: glueWidth)
                    appendWord(token)
                    return
                }
                newLine()
            } else if isFirstWord, glueWidth > 0, currentWidth + glueWidth + token.wordWidth <= width {
                // A fresh line: the spaces before the first word of an input line are its own indent.
                append(glue, width: glueWidth)
                appendWord(token)
                return
            }
            if currentWidth + token.wordWidth <= width {
                appendWord(token)
            } else if TextWrapper.mustStayWhole(String(token.word.map(\.character))) {
                // A link too wide for the room after the indent: on a line of its own, whole.
                dropIndent()
                appendWord(token)
                isFull = true
            } else {
                appendBroken(token)
            }
        }

        /// Writes a word too wide for any line, one grapheme cluster at a time.
        private mutating func appendBroken(_ token: Token) {
            for (character, characterWidth) in token.word {
                if characterWidth > 0, currentWidth + characterWidth > width {
                    if hasContent {
                        newLine()
                    }
                    if currentWidth + characterWidth > width {
                        // The indent leaves no room for this character: drop the indent.
                        dropIndent()
                    }
                }
                current.append(character)
                currentWidth += characterWidth
                if characterWidth > 0 { hasContent = true }
            }
        }
    }
}
