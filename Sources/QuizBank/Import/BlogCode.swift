import Diagnostics

/// The codes of `iamquiz import blog`: the post and its answer key (docs/bank-format.md).
public enum BlogCode: String, DiagnosticCode {
    /// no practice questions found in the post
    case noQuestions = "B001"
    /// a question with fewer than two options (or more than 26) was skipped
    case questionSkipped = "B002"
    /// the key does not fit the post: an unknown question number, a letter past the last option, another count
    case keyDoesNotFit = "B003"
    /// the key text is malformed (reported with its line and column)
    case malformedKey = "B004"
    /// a question in a list after the one imported: reported at the question, not imported
    case laterList = "B005"
}
