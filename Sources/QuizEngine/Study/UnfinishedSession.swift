import Diagnostics
import Foundation

/// A session that was left before its end, as `iamquiz resume --list` and the note at the start of a new
/// session show it.
public struct UnfinishedSession: Sendable, Equatable {
    /// The session as stored.
    public var session: SessionRecord
    /// The questions without an answer: not yet answered (practice, review), or with no answer saved (exam).
    public var left: Int

    /// `session` with `left` of its questions without an answer.
    public init(session: SessionRecord, left: Int) {
        self.session = session
        self.left = left
    }

    /// Whether `iamquiz resume` has something to continue: a practice or review with questions left, or any
    /// exam (one fully answered still waits to be graded). A mode this version does not know is not resumable.
    public var canContinue: Bool {
        session.mode.isResumable && (session.mode == .exam || left > 0)
    }

    /// "practice session", "review session", "exam".
    public var kind: String {
        session.mode == .exam ? "exam" : "\(session.mode) session"
    }

    /// "4 of 10 left", or for an exam "60 of 65 unanswered" (an exam's answered questions can still change).
    public var progress: String {
        "\(left) of \(session.questionCount) " + (session.mode == .exam ? "unanswered" : "left")
    }

    /// The start, to the minute, in the learner's time: `2026-12-06 14:02`.
    package func started(in localTime: LocalTime = .current) -> String { localTime.minuteText(session.startedAt) }

    /// The line said once when a new session starts while `sessions` (newest first, as
    /// ``ProgressStore/unfinishedSessions()`` lists them) are unfinished; nil when none can be continued.
    /// It names the one `iamquiz resume` continues, and how to see the others.
    package static func note(keeping sessions: [UnfinishedSession], localTime: LocalTime = .current) -> String? {
        let open = sessions.filter(\.canContinue)
        guard let latest = open.first else { return nil }
        var line = "note: an unfinished \(latest.kind) of \(latest.started(in: localTime)) (\(latest.progress)) is kept: "
            + "`iamquiz resume` continues it"
        if open.count > 1 { line += " (\(open.count - 1) more: `iamquiz resume --list`)" }
        return line
    }
}
