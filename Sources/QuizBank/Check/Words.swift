import Foundation

/// The words the cue lints compare: lowercased, at least four characters, common words left out, a final
/// plural `s` dropped, so that "buckets" matches "bucket".
///
/// A word is a run of letters, digits and `-:_/*$.{}` (so that `s3:GetObject` and `${aws:username}` stay
/// whole), trimmed of `.-:/` at both ends. Texts in ASCII, nearly all of a bank, are split by their bytes,
/// as are texts whose other characters are punctuation or symbols such as `’` and `—`
/// (`ASCIIText.withWordBytes`); any other text by its characters, with the same rule, so both ways give the
/// same words (`LintFastPathTests` compares them).
enum Words {
    static let common: Set<String> = [
        "about", "after", "again", "also", "another", "because", "been", "before", "being", "both", "cannot", "could",
        "does", "doing", "done", "each", "every", "from", "have", "having", "into", "just", "least", "like", "made",
        "make", "many", "more", "most", "much", "must", "need", "only", "other", "over", "same", "should", "some",
        "such", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "through", "under",
        "until", "very", "want", "what", "when", "where", "which", "while", "whose", "will", "with", "without",
        "would", "your", "choose", "answer", "option", "already", "still", "even", "within", "across",
    ]

    /// The length of the longest common word: a longer word needs no look-up.
    static let commonLongest = common.map(\.utf8.count).max() ?? 0

    /// The significant words of `text`, in order, repeats included.
    static func significant(in text: String) -> [String] {
        if let words = ASCIIText.withWordBytes(of: text, significantASCII) { return words }
        return significantByCharacters(in: text)
    }

    /// The same words found by characters: the rule for any text (and the reference for the byte path).
    static func significantByCharacters(in text: String) -> [String] {
        pieces(of: text).compactMap { normalized($0) }
    }

    /// How `word` (a significant word) is written in `text`: its first spelling there.
    static func written(_ word: String, in text: String) -> String {
        pieces(of: text).first { normalized($0) == word }.map { $0.trimmingCharacters(in: trimmed) } ?? word
    }

    /// The tokens of `text`, its lowercased runs of letters and digits, found by characters: what a topic's
    /// words are compared with (the general path, and the reference for the byte path).
    static func tokensByCharacters(of text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// Whether `wanted` (a topic's lowercase words, a hyphen counting as a space) appear one after the other
    /// among the tokens of `text`, the last one maybe with a plural `s`.
    static func phrase(_ wanted: [String], isIn text: String) -> Bool {
        if let found = ASCIIText.withWordBytes(of: text, { phraseASCII(wanted, in: $0) }) { return found }
        return phrase(wanted, isAmong: tokensByCharacters(of: text))
    }

    /// The same among tokens already found (the general path, and the reference for the byte path).
    static func phrase(_ wanted: [String], isAmong tokens: [String]) -> Bool {
        guard let last = wanted.last, tokens.count >= wanted.count else { return false }
        let plural = last + "s"
        for start in 0...(tokens.count - wanted.count) {
            let matches = wanted.indices.allSatisfy { i in
                let word = tokens[start + i]
                return word == wanted[i] || (i == wanted.count - 1 && word == plural)
            }
            if matches { return true }
        }
        return false
    }

    // MARK: - By characters

    /// The characters trimmed from both ends of a word.
    private static let trimmed = CharacterSet(charactersIn: ".-:/")
    /// Characters besides letters and digits that a word holds.
    private static let inWord: Set<Character> = ["-", ":", "_", "/", "*", "$", ".", "{", "}"]

    private static func pieces(of text: String) -> [Substring] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber || inWord.contains($0)) })
    }

    private static func normalized(_ piece: Substring) -> String? {
        var word = piece.lowercased().trimmingCharacters(in: trimmed)
        if word.count > 4, word.hasSuffix("s"), !word.hasSuffix("ss") { word.removeLast() }
        return word.count >= 4 && !common.contains(word) ? word : nil
    }

    // MARK: - By bytes (ASCII texts)

    private static func significantASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        ASCIIText.classes.withUnsafeBufferPointer { table in
            var words: [String] = []
            let count = bytes.count
            var i = 0
            while i < count {
                guard table[Int(bytes[i])] & ASCIIText.inWord != 0 else { i += 1; continue }
                var start = i
                while i < count, table[Int(bytes[i])] & ASCIIText.inWord != 0 { i += 1 }
                var end = i
                while start < end, table[Int(bytes[start])] & ASCIIText.trimmed != 0 { start += 1 }
                while end > start, table[Int(bytes[end - 1])] & ASCIIText.trimmed != 0 { end -= 1 }
                var length = end - start
                if length > 4, bytes[end - 1] | 0x20 == UInt8(ascii: "s"), bytes[end - 2] | 0x20 != UInt8(ascii: "s") {
                    length -= 1
                }
                guard length >= 4 else { continue }
                let from = start
                let word = String(unsafeUninitializedCapacity: length) { out in
                    for k in 0..<length { out[k] = ASCIIText.lowercase(bytes[from + k]) }
                    return length
                }
                if length > commonLongest || !common.contains(word) { words.append(word) }
            }
            return words
        }
    }

    /// `phrase(_:isAmong:)` on the bytes of an ASCII text, without making its tokens: only where a token
    /// starts with the first word's first letter is the phrase compared.
    private static func phraseASCII(_ wanted: [String], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Tokens are lowercase letters and digits: a word with anything else never equals one.
        guard let first = wanted.first?.utf8.first,
              wanted.allSatisfy({ $0.utf8.allSatisfy { ASCIIText.isAlphanumeric($0) && ASCIIText.lowercase($0) == $0 } }) else { return false }
        return ASCIIText.classes.withUnsafeBufferPointer { table in
            func isToken(_ byte: UInt8) -> Bool { table[Int(byte)] & ASCIIText.alphanumeric != 0 }
            func token(from offset: Int) -> Range<Int>? {
                var i = offset
                while i < bytes.count, !isToken(bytes[i]) { i += 1 }
                guard i < bytes.count else { return nil }
                let start = i
                while i < bytes.count, isToken(bytes[i]) { i += 1 }
                return start..<i
            }
            func matches(_ range: Range<Int>, _ word: String, plural: Bool) -> Bool {
                let utf8 = word.utf8
                let same = range.count == utf8.count
                guard same || (plural && range.count == utf8.count + 1 && bytes[range.upperBound - 1] | 0x20 == UInt8(ascii: "s")) else {
                    return false
                }
                return zip(range, utf8).allSatisfy { ASCIIText.lowercase(bytes[$0]) == $1 }
            }
            var start = 0
            while start < bytes.count {
                // The next token that starts with the first letter.
                guard ASCIIText.lowercase(bytes[start]) == first, start == 0 || !isToken(bytes[start - 1]),
                      var range = token(from: start) else {
                    start += 1
                    continue
                }
                var k = 0
                while matches(range, wanted[k], plural: k == wanted.count - 1) {
                    if k == wanted.count - 1 { return true }
                    guard let next = token(from: range.upperBound) else { return false }
                    range = next
                    k += 1
                }
                start += 1
            }
            return false
        }
    }
}

/// Byte tests for texts that are all ASCII, where a character is one byte.
enum ASCIIText {
    /// `body` on the UTF-8 bytes of `text` when they are all ASCII; nil otherwise (or when the bytes are
    /// not contiguous), so that the caller takes the character path.
    static func withBytes<T>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> T? in
            isASCII(bytes) ? body(bytes) : nil
        } ?? nil
    }

    /// `body` on the UTF-8 bytes of `text` when each character is an ASCII one or a punctuation mark, space
    /// or symbol that separates words however it is split: it is no letter or digit, has no lowercase
    /// form, and never joins a neighbour into one character (see `separatesWords`). Its bytes, all 0x80
    /// or more, then count as separators.
    static func withWordBytes<T>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> T? in
            isASCII(bytes) || text.unicodeScalars.allSatisfy({ $0.isASCII || separatesWords($0) }) ? body(bytes) : nil
        } ?? nil
    }

    /// A punctuation mark, space or symbol (`’`, `—`, `→`, `€`, a no-break space) that is neither a letter
    /// (`isAlphabetic`, which `Character.isLetter` reads) nor a number, has no lowercase form, and whose
    /// grapheme class lets no neighbour join it (not Extend, SpacingMark or Prepend, which lie in other
    /// categories): split by characters, it is a character of its own and a separator.
    static func separatesWords(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .spaceSeparator, .mathSymbol, .currencySymbol, .otherSymbol:
            return !properties.isAlphabetic && properties.numericType == nil && !properties.isGraphemeExtend
                && !properties.changesWhenLowercased && !properties.isEmojiModifier
        default:
            return false
        }
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if let base = bytes.baseAddress {
            while i + 8 <= bytes.count {
                if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
        }
        while i < bytes.count {
            if bytes[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// Bits of `classes`: a byte a word holds (a letter, a digit or one of `-:_/*$.{}`), one trimmed from a
    /// word's ends (`.-:/`), a letter or digit.
    static let inWord: UInt8 = 1, trimmed: UInt8 = 2, alphanumeric: UInt8 = 4

    /// The class bits of each byte value (none for bytes of 0x80 and more).
    static let classes: [UInt8] = (0..<256).map { value in
        let byte = UInt8(value)
        var bits: UInt8 = 0
        if isWordByte(byte) { bits |= inWord }
        if isTrimmed(byte) { bits |= trimmed }
        if isAlphanumeric(byte) { bits |= alphanumeric }
        return bits
    }

    @inline(__always) static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
        let folded = byte | 0x20
        return folded >= UInt8(ascii: "a") && folded <= UInt8(ascii: "z")
    }

    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// A letter, a digit or one of `-:_/*$.{}`.
    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        if isAlphanumeric(byte) { return true }
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "*"),
             UInt8(ascii: "$"), UInt8(ascii: "."), UInt8(ascii: "{"), UInt8(ascii: "}"): return true
        default: return false
        }
    }

    /// One of `.-:/`, trimmed from a word's ends.
    @inline(__always) static func isTrimmed(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/")
    }
}
