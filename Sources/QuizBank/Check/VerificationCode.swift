import Diagnostics

/// The codes of answer verification: keys checked against the scenarios that prove them, and the
/// scenarios a bank brings (docs/bank-format.md).
public enum VerificationCode: String, DiagnosticCode {
    /// a question names a scenario that does not exist (with a did-you-mean)
    case unknownScenario = "V001"
    /// a step of a scenario does not meet its own `expect:` (reported at the step)
    case stepMissesExpectation = "V002"
    /// `verify:` names a step the scenario does not have
    case unknownStep = "V003"
    /// the key contradicts a step: the option is keyed right but its step says wrong, or the reverse
    case keyContradictsStep = "V004"
    /// `verify:` names a step that only shows something (`whoami`, `explain`), which proves nothing
    case stepProvesNothing = "V005"
    /// two scenario files use the same id
    case duplicateScenarioID = "V006"
    /// an unkeyed question whose options are all verified: the scenario gives the key
    case scenarioGivesKey = "W107"
}
