/// How serious a diagnostic is: errors make `iamquiz check` fail, warnings do not.
public enum Severity: String, Sendable, Codable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One user-facing problem in a file: severity, stable code, position, message and optional help.
///
/// Messages follow the house style: lowercase, no final period, one line, user values in backticks;
/// detail goes in `help`.
public struct Diagnostic: Hashable, Sendable, Codable {
    public var severity: Severity
    /// A stable code such as `E003`: the raw value of a case of its producer's `DiagnosticCode` enum, documented
    /// in the page of that format.
    public var code: String
    public var message: String
    /// The file the problem is in, as given by the user (or a label such as `<builtin>/x.iqb`).
    public var file: String
    public var range: SourceRange?
    public var help: String?

    public init(_ severity: Severity, code: String, _ message: String, file: String,
                range: SourceRange? = nil, help: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.range = range
        self.help = help
    }

    /// `file:line:col` (or just `file` when there is no position).
    public var locationText: String {
        guard let range else { return file }
        return "\(file):\(range.start.line):\(range.start.column)"
    }

    /// Orders diagnostics by file, then position, then code: the order they are printed in.
    public static func sortedForDisplay(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let (l, r) = (a.element, b.element)
            if l.file != r.file { return l.file < r.file }
            let lp = l.range?.start ?? SourceLocation(line: 0, column: 0)
            let rp = r.range?.start ?? SourceLocation(line: 0, column: 0)
            if lp != rp { return lp < rp }
            return a.offset < b.offset
        }.map(\.element)
    }
}

extension Array where Element == Diagnostic {
    /// True when at least one diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
