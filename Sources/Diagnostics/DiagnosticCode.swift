/// The stable codes one producer of diagnostics gives, as an enum whose raw values are the codes.
///
/// Each producer (the bank parser, the GIFT importer, the policy parser, the scenario parser...) has one
/// such enum and makes every diagnostic with a case of it, so a code is written once and its meaning sits
/// beside it. Codes are unique across producers; the docs tables list each one (a test keeps them in step).
public protocol DiagnosticCode: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

extension Diagnostic {
    /// A diagnostic whose code is a case of a producer's `DiagnosticCode` enum.
    public init(_ severity: Severity, code: some DiagnosticCode, _ message: String, file: String,
                range: SourceRange? = nil, help: String? = nil) {
        self.init(severity, code: code.rawValue, message, file: file, range: range, help: help)
    }
}
