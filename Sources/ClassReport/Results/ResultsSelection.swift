import Diagnostics
import Foundation

/// Which answers of a progress store a results export takes, and who they are from.
public struct ResultsSelection: Sendable, Equatable {
    /// Only answers committed at or after this moment; nil for all.
    public var since: Date?
    /// How `since` was given (`2026-12-01`), for the header's `selection` and the summary line.
    public var sinceText: String?
    /// Only the answers of this exam (its session id, as `iamquiz exams` numbers it); nil for all.
    public var exam: Int64?

    public init(since: Date? = nil, sinceText: String? = nil, exam: Int64? = nil) {
        self.since = since
        self.sinceText = sinceText
        self.exam = exam
    }

    /// The filter in words, as the header's `selection` holds it: `--since 2026-12-01 --exam 3`; empty for all.
    public var inWords: String {
        var parts: [String] = []
        if let sinceText { parts.append("--since \(sinceText)") }
        if let exam { parts.append("--exam \(exam)") }
        return parts.joined(separator: " ")
    }

    /// Whether an answer is selected.
    func includes(answeredAt: Date, session: Int64?) -> Bool {
        if let since, answeredAt < since { return false }
        if let exam, session != exam { return false }
        return true
    }

    /// `--since`'s value: `YYYY-MM-DD` (midnight at the start of that day in `calendar`'s time zone) or an
    /// ISO 8601 date and time with a time zone (`2026-12-01T08:00:00Z`, `2026-12-01T09:00:00+01:00`); nil for
    /// anything else, including a day that does not exist (`2026-02-30`).
    public static func parseSince(_ text: String, calendar: Calendar = .current) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
           parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) {
            guard let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
                  let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
                  calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month else { return nil }
            return calendar.startOfDay(for: date)
        }
        return text.contains("T") ? ResultsWriter.parseTimestamp(text) : nil
    }

    /// The accepted forms of `--since`, for its usage error.
    public static let sinceForms = "a day as YYYY-MM-DD (from local midnight), such as 2026-12-01, "
        + "or a time in ISO 8601 with its time zone, such as 2026-12-01T08:00:00Z"
}

/// The learner's name as a results file holds it.
public enum LearnerName {
    /// The longest name accepted, in characters.
    public static let maximumLength = 100

    /// Why a name cannot be used
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty
        case controlCharacter
        case tooLong(Int)

        public var description: String {
            switch self {
            case .empty: "the learner's name is empty"
            case .controlCharacter: "the learner's name holds a control character"
            case .tooLong(let count): "the learner's name is \(count) characters long; at most \(LearnerName.maximumLength)"
            }
        }
    }

    /// The name as given, without spaces around it; refused when empty, longer than ``maximumLength`` or
    /// holding a control character (a tab, a line feed, an escape: a name is one line of plain text).
    public static func validated(_ text: String) throws(Problem) -> String {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw .empty }
        if name.unicodeScalars.contains(where: { ControlCharacters.isUnsafe($0) || $0 == "\t" || $0 == "\n" }) {
            throw .controlCharacter
        }
        guard name.count <= maximumLength else { throw .tooLong(name.count) }
        return name
    }
}
