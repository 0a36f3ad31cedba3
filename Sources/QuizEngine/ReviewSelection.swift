import Diagnostics
import Foundation
import QuizBank

/// Which questions `iamquiz review` asks.
public struct ReviewFilter: Sendable, Equatable {
    /// Every question of these topics; empty for the flagged and recently missed questions of the bank.
    public var topics: [String]
    /// Only flagged questions (of the topics, when there are topics).
    public var flaggedOnly: Bool
    /// How far back a wrong answer counts, in days.
    public var days: Int
    /// At most this many questions.
    public var count: Int

    public init(topics: [String] = [], flaggedOnly: Bool = false, days: Int = 14, count: Int = 20) {
        self.topics = topics
        self.flaggedOnly = flaggedOnly
        self.days = days
        self.count = count
    }

    /// The look-back window in words: `the last 14 days`.
    public var window: String { "the last \(counted(days, "day"))" }
}

/// The questions of a review and how they were chosen.
public struct ReviewSelection: Sendable {
    /// The questions to ask; `matching` and `unkeyed` count the questions of the topics (of the whole bank
    /// without topics) before flags, misses and the count applied.
    public var selection: Selection
    /// How the questions were chosen, for the introduction line and the session record: ` (flagged)`,
    /// ` (missed in the last 14 days)`, ` (flagged, then missed in the last 14 days)`, ` (topic sts)`.
    public var description: String
}

extension QuestionSelector {
    /// The questions of a review. With topics (and without `flaggedOnly`): every keyed question of those
    /// topics, in a random order drawn from `random`. Otherwise the flagged questions, most recently flagged
    /// first, then (unless `flaggedOnly`) those whose latest answer in the last `filter.days` days before
    /// `now` was wrong, most recently missed first; each once, and only those of the topics when there are
    /// topics. At most `filter.count` questions.
    public static func selectForReview(from bank: Bank, filter: ReviewFilter, store: ProgressStore, now: Date,
                                       random: inout SeededRandom) throws -> ReviewSelection {
        let topicFilter = QuizFilter(topics: filter.topics, count: Int.max)
        var selection = select(from: bank, filter: topicFilter, random: &random)
        var description = topicFilter.inWords
        if filter.topics.isEmpty || filter.flaggedOnly {
            let byID = Dictionary(selection.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let flagged = try store.flaggedQuestions().filter { byID[$0] != nil }
            let missed = filter.flaggedOnly ? [] : try store.recentlyMissed(since: now.addingTimeInterval(-Double(filter.days) * 86_400))
            var seen = Set<String>()
            selection.questions = (flagged + missed).filter { seen.insert($0).inserted }.compactMap { byID[$0] }
            description = filter.flaggedOnly ? " (flagged)"
                : flagged.isEmpty ? " (missed in \(filter.window))" : " (flagged, then missed in \(filter.window))"
        }
        selection.questions = Array(selection.questions.prefix(max(0, filter.count)))
        return ReviewSelection(selection: selection, description: description)
    }
}

/// Which questions of a stored exam `iamquiz review --exam N` asks.
public enum ExamReviewScope: String, Sendable, CaseIterable {
    /// Every question of the exam.
    case all
    /// Those answered wrong or left unanswered.
    case wrong
    /// Those flagged during the exam.
    case flagged
}

/// The questions of a stored exam to practise, in the exam's order.
public struct ExamReviewSelection: Sendable {
    /// The questions still in the bank (and keyed), in the order the exam asked them.
    public var questions: [Question]
    /// Questions of the scope that are no longer in the bank, or no longer have a key, left out.
    public var missing: Int
    /// How they were chosen, for the introduction line and the session record: ` (exam 12, wrong)`.
    public var description: String
}

extension QuestionSelector {
    /// The questions of exam `number`'s `report` within `scope`, found in `bank` by id.
    public static func selectForExamReview(_ report: ExamReport, number: Int64, scope: ExamReviewScope,
                                           from bank: Bank) -> ExamReviewSelection {
        let byID = Dictionary(bank.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let lines = report.questions.filter { line in
            switch scope {
            case .all: true
            case .wrong: !line.correct
            case .flagged: line.flagged
            }
        }
        let found = lines.compactMap { byID[$0.id] }.filter { $0.key != .unkeyed }
        return ExamReviewSelection(questions: found, missing: lines.count - found.count,
                                   description: " (exam \(number)" + (scope == .all ? "" : ", \(scope.rawValue)") + ")")
    }
}
