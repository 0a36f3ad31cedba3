/// Finds the phrase in which a stem asks for a number of answers: "Choose 2 answers", "(Select 2)",
/// "Select TWO", "Choose three", "Which two of the following".
public struct AnswerCountPhrase: Hashable, Sendable {
    /// The number asked for.
    public var count: Int
    /// The phrase as written.
    public var text: String

    private static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    ]
    private static let verbs: Set<String> = ["choose", "select", "pick", "mark"]
    private static let nouns: Set<String> = [
        "answer", "answers", "option", "options", "response", "responses", "choice", "choices", "items",
    ]

    /// The first phrase of `text` that asks for a number of answers.
    ///
    /// A verb ("choose", "select", "pick", "mark") followed by a number counts when the number is
    /// followed by a noun such as "answers", stands in parentheses, or ends the text or a sentence;
    /// "which two" counts as asking for two. This keeps "Choose 2 Availability Zones" in a scenario
    /// from being read as an instruction.
    public static func find(in text: String) -> AnswerCountPhrase? {
        var text = text
        text.makeContiguousUTF8()
        let tokens = tokenize(text)
        func index(_ offset: Int) -> String.Index { text.utf8.index(text.utf8.startIndex, offsetBy: offset) }
        func word(_ token: Token) -> String { String(text[index(token.start)..<index(token.end)]) }
        for (i, token) in tokens.enumerated() where i + 1 < tokens.count && mayBeVerb(token, in: text) {
            let verb = word(token).lowercased()
            guard verbs.contains(verb) || verb == "which" else { continue }
            var j = i + 1
            if word(tokens[j]).lowercased() == "any", j + 1 < tokens.count { j += 1 }
            guard let count = number(word(tokens[j])) else { continue }
            let numberEnd = index(tokens[j].end)
            var end = numberEnd
            let next = j + 1 < tokens.count ? tokens[j + 1] : nil
            let accepted: Bool
            if verb == "which" {
                accepted = count >= 2
            } else if let next, nouns.contains(word(next).lowercased()) {
                accepted = true
                end = index(next.end)
            } else {
                let after: Character? = numberEnd < text.endIndex ? text[numberEnd] : nil
                let before: Character = token.start > 0 ? text[text.index(before: index(token.start))] : " "
                let closers: Set<Character> = [")", ".", ":", "]", ",", "?", "!", ";"]
                accepted = before == "(" || after == nil || next == nil || after.map { closers.contains($0) } == true
            }
            if accepted {
                var start = index(token.start)
                if start > text.startIndex, text[text.index(before: start)] == "(" {
                    start = text.index(before: start)
                    if end < text.endIndex, text[end] == ")" { end = text.index(after: end) }
                }
                return AnswerCountPhrase(count: count, text: String(text[start..<end]))
            }
        }
        return nil
    }

    private static func number(_ word: String) -> Int? {
        if let n = Int(word), n >= 1, n <= 26 { return n }
        return numberWords[word.lowercased()]
    }

    /// Whether `token` may be a verb or "which" in any case, tested on its bytes so that most words are
    /// never lowercased. Each of those words has 4 to 6 letters and starts with `c`, `s`, `p`, `m` or `w`;
    /// the only other scalar that lowercases to ASCII is the Kelvin sign (to `k`, 3 bytes), which "pick" and
    /// "mark" end with, so no spelling of them is longer than 6 bytes.
    private static func mayBeVerb(_ token: Token, in text: String) -> Bool {
        guard (4...6).contains(token.end - token.start) else { return false }
        switch text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: token.start)] | 0x20 {
        case UInt8(ascii: "c"), UInt8(ascii: "s"), UInt8(ascii: "p"), UInt8(ascii: "m"), UInt8(ascii: "w"): return true
        default: return false
        }
    }

    /// A word of the text: its UTF-8 offsets.
    private struct Token {
        var start: Int
        var end: Int
    }

    /// The words of `text` (contiguous UTF-8): runs of `Character`s that are letters or numbers.
    ///
    /// An ASCII byte followed by another (CR aside) is a `Character` of its own, whose class its byte gives:
    /// reading bytes spares a Unicode property look-up (`isLetter`) per character, which made finding the
    /// phrase most of the time of parsing a large bank. Other characters are asked as `Character`s.
    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let utf8 = text.utf8
        let stride: (Int) -> (isWord: Bool, next: Int) = { offset in
            let index = utf8.index(utf8.startIndex, offsetBy: offset)
            let character = text[index]
            return (character.isLetter || character.isNumber, utf8.distance(from: utf8.startIndex, to: text.index(after: index)))
        }
        _ = utf8.withContiguousStorageIfAvailable { bytes in
            var start = -1
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                let isWord: Bool
                let next: Int
                if byte < 0x80, byte != 0x0D, i + 1 == bytes.count || bytes[i + 1] < 0x80 {
                    isWord = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    next = i + 1
                } else {
                    (isWord, next) = stride(i)
                }
                if isWord, start < 0 { start = i }
                if !isWord, start >= 0 {
                    tokens.append(Token(start: start, end: i))
                    start = -1
                }
                i = next
            }
            if start >= 0 { tokens.append(Token(start: start, end: bytes.count)) }
        }
        return tokens
    }
}
