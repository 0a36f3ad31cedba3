import Foundation
import QuizBank

/// What a session's questions said when it started, kept in `sessions.bank_digest` so that `resume` can
/// tell which of them changed since.
///
/// One digest for the whole bank could only say "something changed", and would say it for an edit to a
/// question the session never asks. This keeps, instead, the ``ContentHash`` of each question of the session,
/// by its place in the session (the ids are in `session_questions` at the same places): 16 hex digits a
/// question, about 1 KB for a 65-question exam. Stored as text, `1:` then the hashes separated by commas;
/// the `1` is the format's version.
public struct SessionDigest: Sendable, Equatable {
    /// `hashes[p]` is the ``ContentHash`` of the question at place `p` of the session.
    public var hashes: [String]

    /// The digest of `questions`, in session order.
    public init(questions: [Question]) {
        hashes = questions.map(ContentHash.of)
    }

    /// The digest stored as `text`; nil for text this version cannot read (a hand-edited file, a newer
    /// format), which then reads as "not known", never as "changed".
    public init?(text: String?) {
        guard let text, text.hasPrefix(Self.prefix) else { return nil }
        let list = text.dropFirst(Self.prefix.count)
        hashes = list.isEmpty ? [] : list.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// The text stored in `sessions.bank_digest`.
    public var text: String { Self.prefix + hashes.joined(separator: ",") }

    private static let prefix = "1:"

    /// Whether the question now at place `position` of the session differs from the one the session started
    /// with; false when the digest does not cover that place.
    public func changed(_ question: Question, at position: Int) -> Bool {
        hashes.indices.contains(position) && hashes[position] != ContentHash.of(question)
    }
}

/// The bank paths a session keeps: absolute, so that `resume` finds them from any folder.
public enum SessionBanks {
    /// `paths` made absolute against the current folder, with `.` and `..` resolved; in the order given.
    public static func absolute(_ paths: [String]) -> [String] {
        paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }
}
