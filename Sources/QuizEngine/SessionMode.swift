/// What kind of run a session is; the progress store keeps it with each session and answer.
public enum SessionMode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// `iamquiz` (`iamquiz practice`): feedback after each answer, questions in practice order.
    case practice
    /// `iamquiz review`: the flagged and recently missed questions, with feedback as in practice.
    case review
    /// `iamquiz exam`: timed, graded only at the end.
    case exam
    /// A mode this version does not know (a newer iamquiz wrote it), kept as stored.
    case other(String)

    /// The mode stored as `rawValue`; a name this version does not know is ``other(_:)``.
    public init(rawValue: String) {
        switch rawValue {
        case "practice": self = .practice
        case "review": self = .review
        case "exam": self = .exam
        default: self = .other(rawValue)
        }
    }

    /// The name stored in the progress database and shown by `stats`.
    public var rawValue: String {
        switch self {
        case .practice: "practice"
        case .review: "review"
        case .exam: "exam"
        case .other(let name): name
        }
    }

    public var description: String { rawValue }

    /// Whether `iamquiz resume` can continue an unfinished session of this mode.
    public var isResumable: Bool {
        switch self {
        case .practice, .review, .exam: true
        case .other: false
        }
    }
}
