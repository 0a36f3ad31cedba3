import Diagnostics

/// The codes of drill templates (`.iqd`, docs/drill-format.md): the template parser's, and those of the
/// sample of drills `iamquiz check` generates from each template.
///
/// The templates are read by the Drills target; the codes sit here, beside the other formats' codes, so that
/// the registry of every code (Tests/DiagnosticCodeTests) sees them without depending on Drills.
public enum DrillTemplateCode: String, DiagnosticCode {
    /// a template path that cannot be read: missing, not UTF-8, or a folder without `.iqd` files
    case unreadable = "T000"
    /// the file does not start with `drill: ID`
    case missingDrillLine = "T001"
    /// a malformed header value: drill id, empty `title`, a level that is not `associate` or `professional`, empty `topics`
    case badHeader = "T002"
    /// given twice: a header line, `ask:`, `question:`, `situation:`, `explanation:`, a `vary` name, a `show:`; a drill id of two templates or of a built-in family
    case duplicate = "T003"
    /// a malformed `vary` line: no name, a name not of lowercase letters, digits and `-`, fewer than two values, a bad range
    case badVary = "T004"
    /// a slot `{NAME}` that no `vary` line declares
    case undeclaredSlot = "T005"
    /// a `vary` line whose slot is never used (a warning)
    case unusedSlot = "T006"
    /// `show:` names no policy of the template's declarations
    case unknownShow = "T007"
    /// `ask:` is not one of `works`, `fails`, `allowed`, `denied`, `explicitDeny`, `implicitDeny`
    case badAsk = "T008"
    /// an option without steps, whose first step is not `as ...`, or a template with fewer than 4 options
    case badOption = "T009"
    /// a required line is missing: `title`, `level`, `topics`, `situation`, `ask`, `explanation`
    case missingLine = "T010"
    /// a line a template does not take: `scenario:` (the `drill:` line names it) or `step` (steps belong to options)
    case notInTemplate = "T011"
    /// a shown policy the stem cannot show as written: not a policy object, an element other than `Sid`, `Effect`, `Action`, `NotAction`, `Resource`, `NotResource`, `Principal`, `NotPrincipal`, `Condition`
    case unshowablePolicy = "T012"
    /// with some slot values, the scenario does not parse: its first error, at its place in the template
    case scenarioError = "T013"
    /// with some slot values, every option works or every option fails
    case sameOutcome = "T014"
    /// with some slot values, two options read the same
    case duplicateOptions = "T015"
    /// with some slot values, fewer than 3 options are wrong, so a question of 4 options cannot be made
    case tooFewWrong = "T016"
    /// with some slot values, a step before an option's last one fails, so the last runs as someone the option does not name
    case earlierStepFails = "T017"
    /// no drill of the sample could be made (the lone right option much longer than the others, for example)
    case noQuestion = "T018"
}
