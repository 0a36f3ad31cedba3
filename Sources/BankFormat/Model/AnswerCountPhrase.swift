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
        let tokens = tokenize(text)
        for (i, token) in tokens.enumerated() where i + 1 < tokens.count {
            let word = token.word.lowercased()
            guard verbs.contains(word) || word == "which" else { continue }
            var j = i + 1
            if tokens[j].word.lowercased() == "any", j + 1 < tokens.count { j += 1 }
            guard let count = number(tokens[j].word) else { continue }
            let numberToken = tokens[j]
            var end = numberToken.end
            let next = j + 1 < tokens.count ? tokens[j + 1] : nil
            let accepted: Bool
            if word == "which" {
                accepted = count >= 2
            } else if let next, nouns.contains(next.word.lowercased()) {
                accepted = true
                end = next.end
            } else {
                let after: Character? = numberToken.end < text.endIndex ? text[numberToken.end] : nil
                let before: Character = token.start > text.startIndex ? text[text.index(before: token.start)] : " "
                let closers: Set<Character> = [")", ".", ":", "]", ",", "?", "!", ";"]
                accepted = before == "(" || after == nil || next == nil || after.map { closers.contains($0) } == true
            }
            if accepted {
                var start = token.start
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

    private struct Token {
        var word: String
        var start: String.Index
        var end: String.Index
    }

    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var i = text.startIndex
        while i < text.endIndex {
            if text[i].isLetter || text[i].isNumber {
                let start = i
                while i < text.endIndex, text[i].isLetter || text[i].isNumber { i = text.index(after: i) }
                tokens.append(Token(word: String(text[start..<i]), start: start, end: i))
            } else {
                i = text.index(after: i)
            }
        }
        return tokens
    }
}
