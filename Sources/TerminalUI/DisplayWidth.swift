/// Display widths: how many terminal columns text takes.
extension TextWrapper {
    /// The number of terminal columns `text` takes, summed over its grapheme clusters.
    ///
    /// A tab counts as 1 (``TextSanitizer`` turns it into a space); other control
    /// characters count as 0, and so do whole ANSI control sequences (`ESC [ ... m` and the
    /// other CSI sequences), which is how ``Style``'s colours take no room.
    public static func displayWidth(_ text: String) -> Int {
        var total = 0
        var escape = EscapeSequenceScanner()
        for character in text where !escape.consume(character) {
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
}

/// Finds ANSI control sequences (CSI: `ESC [`, parameter and intermediate bytes, a final byte) in a
/// stream of characters, so that the styles iamquiz writes are measured as taking no columns and are
/// never broken apart. Bank text never carries them: ``TextSanitizer`` removes escape characters.
struct EscapeSequenceScanner {
    private enum State { case text, escape, controlSequence }
    private var state = State.text

    /// Whether `character` belongs to an escape sequence (the escape character included), given the
    /// characters consumed before it.
    mutating func consume(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        let value = scalars.count == 1 ? scalars.first?.value : nil
        switch state {
        case .text:
            guard value == 0x1B else { return false }
            state = .escape
            return true
        case .escape:
            if value == 0x5B {  // `[`
                state = .controlSequence
                return true
            }
            state = .text
            return consume(character)
        case .controlSequence:
            guard let value, (0x20...0x7E).contains(value) else {
                // Not a well-formed sequence: what follows is text again.
                state = .text
                return consume(character)
            }
            if (0x40...0x7E).contains(value) { state = .text }
            return true
        }
    }
}
