import Diagnostics

/// The codes of Aiken import (docs/gift-aiken.md).
public enum AikenCode: String, DiagnosticCode {
    /// a line inside a question that is neither its stem, an option nor `ANSWER:`
    case strayLine = "A001"
    /// an option letter out of order or skipping a letter, or a first option other than `A`
    case letterOutOfOrder = "A002"
    /// an option letter used twice in one question
    case letterUsedTwice = "A003"
    /// fewer than two options
    case tooFewOptions = "A004"
    /// no `ANSWER:` line before the blank line that ends the question
    case missingAnswer = "A005"
    /// `ANSWER:` names a letter that no option has
    case answerNamesMissingOption = "A006"
    /// `ANSWER:` names several letters: an Aiken question has exactly one right answer
    case severalAnswers = "A007"
    /// an empty option (`C)` with no text)
    case emptyOption = "A008"
    /// text after the `ANSWER:` line, before the blank line that ends the question
    case textAfterAnswer = "A009"
    /// an option or `ANSWER:` line where a question's stem should be
    case missingStem = "A010"
    /// the answer line spelled other than `ANSWER:` (`answer:`, `Answer:`, `ANSWER :`)
    case misspelledAnswerLine = "A011"
    /// the `ANSWER:` value is not one capital letter
    case malformedAnswer = "A012"
    /// two options of a question with the same text
    case duplicateOption = "A013"
    /// the stem asks for several answers ("Choose 2"): an Aiken question has exactly one
    case asksForSeveral = "A014"
    /// no question in the file (it is empty or blank)
    case emptyFile = "A015"
}
