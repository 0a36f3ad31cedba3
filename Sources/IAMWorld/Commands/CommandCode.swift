import Diagnostics

/// The codes of sandbox commands, at the prompt and in scenario steps (docs/scenario-format.md): a
/// command has at most one, the first problem from the left.
public enum CommandCode: String, DiagnosticCode {
    /// unterminated quote
    case unterminatedQuote = "C001"
    /// unknown command (with a did-you-mean), or an empty command
    case unknownCommand = "C002"
    /// unknown option of the command (with a did-you-mean)
    case unknownOption = "C003"
    /// a missing argument or required option (the help gives the usage)
    case missingArgument = "C004"
    /// an extra argument (the help gives the usage)
    case extraArgument = "C005"
    /// an option without its value
    case optionWithoutValue = "C006"
    /// an option given twice that can be given once
    case optionGivenTwice = "C007"
    /// malformed duration
    case malformedDuration = "C008"
    /// malformed `KEY=VALUE` (no `=`, or an empty key)
    case malformedKeyValue = "C009"
    /// a word outside its set (`as user|root|instance|session`...)
    case wordOutsideSet = "C010"
    /// unknown document `@NAME` (with a did-you-mean)
    case unknownDocument = "C011"
    /// a `file://PATH` document that cannot be read or is not UTF-8 text
    case unreadableDocument = "C012"
    /// a document argument that is none of `@NAME`, `file://PATH` or inline JSON
    case malformedDocument = "C013"
}
