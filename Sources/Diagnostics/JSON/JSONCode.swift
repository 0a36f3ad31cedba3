/// The code `JSONReader` gives (docs: README, "Errors: what simulate reports").
public enum JSONCode: String, DiagnosticCode {
    /// malformed JSON: the one problem of the document, at the offending character
    case malformed = "J001"
}
