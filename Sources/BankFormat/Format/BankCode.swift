import Diagnostics

/// The codes of the native bank format: the parser's errors and warnings, reading bank paths, the control
/// characters of every format, and the lints of `iamquiz check` (docs/bank-format.md).
public enum BankCode: String, DiagnosticCode {
    /// unknown field (with a did-you-mean when a known field is close)
    case unknownField = "E001"
    /// duplicate question id (across all files of the run)
    case duplicateID = "E002"
    /// the key names an option that does not exist
    case keyNamesMissingOption = "E003"
    /// no `answer:` field
    case missingAnswer = "E004"
    /// fewer than two options (or more than 26, which cannot be lettered)
    case optionCount = "E005"
    /// two options with the same text
    case duplicateOption = "E006"
    /// the stem asks for a number of answers and the key has another count
    case answerCountMismatch = "E007"
    /// unknown level
    case unknownLevel = "E008"
    /// empty stem
    case emptyStem = "E009"
    /// malformed question id
    case malformedID = "E010"
    /// text that belongs to no question, or stray text after the options
    case strayText = "E011"
    /// a field given twice
    case duplicateField = "E012"
    /// malformed `answer:` value
    case malformedAnswer = "E013"
    /// missing `level:`
    case missingLevel = "E014"
    /// a path that cannot be read, or a file that is not UTF-8 text; as a note, a file given twice
    case unreadable = "E015"
    /// malformed topic tag
    case malformedTopic = "E016"
    /// an empty option (`-` with no text)
    case emptyOption = "E017"
    /// `right-when:` is not `works`, `fails`, `explicitDeny` or `implicitDeny`
    case unknownRightWhen = "E018"
    /// a malformed step reference in `verify:`
    case malformedStepReference = "E019"
    /// `verify:` in a question without `scenario:`
    case verifyWithoutScenario = "E020"
    /// a line that looks like an option written another way (`* `, `1.`, `A)`...)
    case optionLookalike = "E021"
    /// an option's field (`why:`, `note:`, `verify:`) in the stem
    case optionFieldInStem = "E022"
    /// a file whose extension is not a bank format's (`.iqb`, `.gift`, `.aiken`)
    case unknownFileType = "E023"
    /// an `allow:` without a reason, or naming a code that is not a warning it can accept
    case malformedAllow = "E024"
    /// a ``` block in the stem that no closing ``` ends before the options
    case unclosedCodeBlock = "E025"
    /// an option without `why:`
    case missingWhy = "W101"
    /// an unkeyed question (`answer: ?`)
    case unkeyed = "W102"
    /// no `topics:`
    case missingTopics = "W103"
    /// control characters in the text of a bank, GIFT or Aiken file
    case controlCharacter = "W104"
    /// a reference that is not an `http(s)://` link
    case referenceNotLink = "W105"
    /// a letter repeated in `answer:`
    case repeatedAnswerLetter = "W106"
    /// (import, export) control characters removed from a field of a question
    case controlCharactersRemoved = "W108"
    /// the key of a single-answer question is longer than every other option by 25% or more
    case longestKey = "W110"
    /// a topic tag names something that the right options mention and no wrong option does
    case topicNamesKey = "W111"
    /// a rare word of the stem comes back in the right options and in no wrong option
    case rareWordInKey = "W112"
    /// an option letter cited in the text, which the quiz's shuffling makes wrong
    case citedLetter = "W113"
    /// an option such as "all of the above" that refers to the other options
    case refersToOptions = "W114"

    /// The warnings a question may accept with `allow: CODE REASON`: those about its content. W104 and
    /// W108 are about the file's characters and cannot be accepted.
    public static let allowable: [BankCode] = [.missingWhy, .unkeyed, .missingTopics, .referenceNotLink, .repeatedAnswerLetter,
                                               .longestKey, .topicNamesKey, .rareWordInKey, .citedLetter, .refersToOptions]

    /// The codes of ``allowable``, as `allow:` fields name them.
    public static let allowableCodes: Set<String> = Set(allowable.map(\.rawValue))
}
