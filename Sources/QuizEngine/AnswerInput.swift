import QuizBank

/// Reads what a learner typed as a set of option letters: `b`, `B`, `a c`, `a,c`, `ac`, `A, C`.
public enum AnswerInput {
    /// Why typed text is not an answer.
    public enum Problem: Error, Equatable, Sendable {
        case empty
        /// A character that is neither a letter nor a separator.
        case unexpected(Character)
        /// A letter past the last option.
        case noSuchOption(Character, last: Character)
    }

    /// The 0-based display positions of the letters typed, sorted, without repeats.
    public static func parse(_ text: String, optionCount: Int) -> Result<[Int], Problem> {
        var chosen: [Int] = []
        for character in text {
            if character == " " || character == "," || character == "\t" || character == ";" || character == "+" { continue }
            guard character.isASCII, character.isLetter, let index = OptionLetter.index(Character(character.uppercased())) else {
                return .failure(.unexpected(character))
            }
            guard index < optionCount else {
                return .failure(.noSuchOption(Character(character.uppercased()), last: label(optionCount - 1)))
            }
            if !chosen.contains(index) { chosen.append(index) }
        }
        if chosen.isEmpty { return .failure(.empty) }
        return .success(chosen.sorted())
    }

    /// The letter shown for a display position: 0 is `A` (`?` past `Z`, which a quiz never shows).
    public static func label(_ index: Int) -> Character {
        guard index >= 0, index < 26 else { return "?" }
        return Character(OptionLetter.letter(index))
    }
}

extension AnswerInput.Problem: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty:
            "type the letters of your answer, for example `b` or `a c`"
        case .unexpected(let c):
            "`\(c.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } ? String(c) : "?")` is not an option letter; type letters such as `b` or `a c`"
        case .noSuchOption(let c, let last):
            "there is no option \(c); the options are A to \(last)"
        }
    }
}
