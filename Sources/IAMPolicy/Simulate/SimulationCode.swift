import Diagnostics

/// The codes of `iamquiz simulate`'s own input: the request, its options and the files they name (README,
/// "Errors: what simulate reports"). They were S001 to S006, which scenario files use for other problems.
public enum SimulationCode: String, DiagnosticCode {
    /// a `--cli-input-json` request, `--batch` line or JSON `--context-entries` that cannot be read as one
    case malformedRequest = "M001"
    /// no action to simulate in a request, or an action not of the form `service:Action`
    case malformedAction = "M002"
    /// a `--caller-arn` that names no caller
    case unreadableCaller = "M003"
    /// a `--resource-owner` that is neither an account ID nor an ARN with one
    case unreadableOwner = "M004"
    /// a `file://` argument or `--batch` file that cannot be read, with the reason
    case unreadableFile = "M005"
    /// a `--context-entries` entry in the shorthand form that cannot be read
    case malformedContextEntry = "M006"
}
