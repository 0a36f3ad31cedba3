import Diagnostics

/// The codes ``ResultsReader`` gives (docs: docs/results-format.md, "Problems a reader reports").
public enum ResultsCode: String, DiagnosticCode {
    /// the file is empty, or holds only blank lines
    case emptyFile = "R001"
    /// a line is not JSON (at the column where it stops being JSON)
    case notJSON = "R002"
    /// the first line is not an iamquiz-results header: another kind of file (xAPI statements, a bank...)
    case notResultsFile = "R003"
    /// the header's version is newer than this iamquiz reads
    case newerVersion = "R004"
    /// a required member is missing
    case missingMember = "R005"
    /// a member has the wrong JSON type
    case wrongType = "R006"
    /// a member's value is not one the format allows (a letter, a date, a count)
    case badValue = "R007"
    /// an answer's learner differs from the header's
    case otherLearner = "R008"
    /// the number of answer lines differs from the header's `answers`
    case answerCount = "R009"
    /// a line that is neither an answer nor the first header (a second header, an unknown `type`)
    case unexpectedLine = "R010"
    /// the same answer id twice in one file
    case duplicateAnswer = "R011"
    /// the file cannot be read, or is not UTF-8
    case unreadable = "R012"
}
