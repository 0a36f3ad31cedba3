import Diagnostics

/// The codes of Moodle GIFT import and export (docs/gift-aiken.md): errors G0xx leave the question out,
/// warnings G1xx keep going.
public enum GIFTCode: String, DiagnosticCode {
    /// `{` without a `}`: the answer block never ends
    case unclosedBlock = "G001"
    /// `}` without a `{` before it
    case unopenedBlock = "G002"
    /// a second `{` in a question: inside the answer block, or a second answer block after it
    case secondBlock = "G003"
    /// text before the first `=` or `~` of a multiple choice answer block
    case answerWithoutPrefix = "G004"
    /// a malformed weight: `%...%` that Moodle's weight pattern takes but that is not a number
    case malformedWeight = "G005"
    /// a weight outside -100..100
    case weightOutOfRange = "G006"
    /// a weight after `=` (`=%50%A`): Moodle reads the `%50%` as the text of a full-credit answer
    case weightAfterEquals = "G007"
    /// no right answer: no `=` and no positive weight
    case noRightAnswer = "G008"
    /// a several-answer question (no `=`) whose positive weights do not add up to 100%
    case weightsNotWhole = "G009"
    /// a multiple choice question with fewer than two answers
    case tooFewAnswers = "G010"
    /// more than 26 answers (options cannot be lettered)
    case tooManyAnswers = "G011"
    /// an answer without text
    case emptyAnswer = "G012"
    /// two answers with the same text
    case duplicateAnswer = "G013"
    /// a question without text
    case emptyQuestion = "G014"
    /// the text asks for a number of answers ("Choose 2") and the key has another count
    case answerCountMismatch = "G015"
    /// question text in the block of a `$CATEGORY:` line
    case textInCategory = "G016"
    /// two questions with the same `[id:]` (after making it a native id)
    case duplicateID = "G017"
    /// an unknown or malformed `// iamquiz:` line
    case malformedDirective = "G018"
    /// a `// iamquiz:` value iamquiz cannot use
    case unusableDirectiveValue = "G019"
    /// a single-valued `// iamquiz:` field given twice
    case duplicateDirective = "G020"
    /// no question iamquiz can practise in the file
    case nothingToPractise = "G021"
    /// a question type iamquiz does not practise (short answer, matching...): the question is left out
    case unsupportedType = "G101"
    /// an unknown escape (`\x`): Moodle keeps the backslash, and so does this importer
    case unknownEscape = "G102"
    /// `::` opening a title without the closing `::`
    case unclosedTitle = "G103"
    /// a weight that is not one of Moodle's grades
    case unusualWeight = "G104"
    /// partial credit (`~%50%`) in a single-answer question: the answer counts as wrong
    case partialCredit = "G105"
    /// several full-credit answers in a single-answer question: the question is left out
    case severalFullCredit = "G106"
    /// an id made from a title or the prefix that another question already has: a suffix makes it unique
    case idMadeUnique = "G107"
    /// `[id:]`, `[tag:]` or `// iamquiz:` comments in a block without a question
    case fieldsWithoutQuestion = "G108"
    /// a line holding only `0`: Moodle reads it as a blank line, which ends the question
    case zeroLine = "G109"
    /// a second `[id:]` in one question: Moodle keeps the first
    case secondID = "G110"
    /// a tag that makes no topic (no letter or digit)
    case tagWithoutTopic = "G111"
    /// (export) a question GIFT cannot carry: unkeyed, or with fewer than two options
    case notExportable = "G112"
    /// an answer starting with a `%` that begins no weight: read as text, as Moodle reads it
    case percentText = "G113"
}
