import Foundation

// The results file a learner hands in (`iamquiz results export`): JSON Lines, documented in
// docs/results-format.md. The first line is a ``ResultsHeader``; every other line is one
// ``ResultLine``, one answer. Both carry `"type"` so that a line read alone says what it is.
//
// These types are the contract between the export (which writes them from a progress store) and the
// class report (which reads many learners' files). A change that a reader of version 1 could
// misread is a new `version`; adding an optional field is not.

/// The format's name and version, as written in every header.
public enum ResultsFormat {
    /// The value of the header's `format` member.
    public static let name = "iamquiz-results"
    /// The version this build writes and the highest it reads.
    public static let version = 1
}

/// The first line of a results file: who the answers are from and how they were chosen.
public struct ResultsHeader: Codable, Sendable, Equatable {
    /// Always `"header"`.
    public var type = "header"
    /// Always ``ResultsFormat/name``.
    public var format = ResultsFormat.name
    /// ``ResultsFormat/version`` of the writer.
    public var version = ResultsFormat.version
    /// The learner's name as they gave it (`--learner`, or typed when asked); never taken from the system.
    public var learner: String
    /// When the file was written, ISO 8601 in UTC (`2026-12-06T23:40:00Z`).
    public var exportedAt: String
    /// The iamquiz version that wrote it.
    public var iamquiz: String
    /// A random id of the progress store the answers come from (kept in the store), so that the same
    /// answers handed in twice are counted once.
    public var store: String
    /// The profile the answers come from.
    public var profile: String
    /// What was exported, in words (`--since 2026-12-01 --exam 3`); empty for everything.
    public var selection: String
    /// The learner's readiness (scaled score 100 to 1000) per level at export time, as `iamquiz stats`
    /// shows it; a level with no answers is absent.
    public var readiness: [String: Int]
    /// How many answer lines follow.
    public var answers: Int

    public init(learner: String, exportedAt: String, iamquiz: String, store: String, profile: String,
                selection: String, readiness: [String: Int], answers: Int) {
        self.learner = learner
        self.exportedAt = exportedAt
        self.iamquiz = iamquiz
        self.store = store
        self.profile = profile
        self.selection = selection
        self.readiness = readiness
        self.answers = answers
    }
}

/// One answer, as a line of a results file.
public struct ResultLine: Codable, Sendable, Equatable {
    /// Always `"answer"`.
    public var type = "answer"
    /// Unique across stores: `<store id>/<answer number in the store>`.
    public var answer: String
    /// The learner's name (the header's), repeated so that each line stands alone.
    public var learner: String
    /// The question's id in its bank.
    public var question: String
    /// ``ContentHash`` of the question when it was answered: answers with different hashes were given to
    /// different versions of the question (another stem, options, order or key) and are never pooled.
    public var hash: String
    /// The bank the question came from: `builtin`, or the file or folder name the session loaded
    /// (`paper.iqb`; the last path component, so that it is the same on every learner's machine).
    public var bank: String
    /// The question's level and topics; nil when the question is no longer in the bank with this hash.
    public var level: String?
    public var topics: [String]?
    /// The number of options; nil when the question is no longer in the bank with this hash.
    public var options: Int?
    /// The key, as bank letters (`["B", "D"]`); nil when the question is no longer in the bank with this hash.
    public var key: [String]?
    /// The options chosen, as bank letters (the bank's order, not the shuffled display): `["B", "D"]`.
    public var chosen: [String]
    /// The text of each chosen option, in the order of `chosen`; nil when the question is no longer in the
    /// bank with this hash (the letters are still right for that version).
    public var chosenText: [String]?
    /// Whether the answer was right.
    public var correct: Bool
    /// Seconds from showing the question to committing the answer.
    public var seconds: Double
    /// `practice`, `review`, `exam`, `drill`... (``SessionMode``'s raw value).
    public var mode: String
    /// When the answer was committed, ISO 8601 in UTC.
    public var answeredAt: String
    /// True for another attempt at a question already answered in the same session.
    public var retry: Bool
    /// The session (exam number for exams) in the learner's store; nil for answers imported without one.
    public var session: Int64?

    public init(answer: String, learner: String, question: String, hash: String, bank: String, level: String? = nil,
                topics: [String]? = nil, options: Int? = nil, key: [String]? = nil, chosen: [String],
                chosenText: [String]? = nil, correct: Bool, seconds: Double, mode: String, answeredAt: String,
                retry: Bool = false, session: Int64? = nil) {
        self.answer = answer
        self.learner = learner
        self.question = question
        self.hash = hash
        self.bank = bank
        self.level = level
        self.topics = topics
        self.options = options
        self.key = key
        self.chosen = chosen
        self.chosenText = chosenText
        self.correct = correct
        self.seconds = seconds
        self.mode = mode
        self.answeredAt = answeredAt
        self.retry = retry
        self.session = session
    }
}

/// One learner's results file as read: its header and its answers, with where each answer stood.
public struct LearnerResults: Sendable, Equatable {
    /// The file's path as given on the command line.
    public var file: String
    public var header: ResultsHeader
    public var answers: [ResultLine]
    /// `lines[i]` is the 1-based line of `answers[i]` in the file.
    public var lines: [Int]

    public init(file: String, header: ResultsHeader, answers: [ResultLine], lines: [Int]) {
        self.file = file
        self.header = header
        self.answers = answers
        self.lines = lines
    }
}
