import Diagnostics
import Foundation
import QuizBank

/// What today holds for a practice session, as its start line says: the questions due today and the new
/// ones that the daily limit still lets in.
///
/// Like Anki's deck overview: reviews are never limited (a due question forgotten is worse than one asked
/// early), while new questions are, so that a large bank does not pile up reviews for the coming days.
/// A question counts as introduced on the day of its first answer.
public struct PracticeOutlook: Sendable, Equatable {
    /// The default number of new questions a day (`--new-per-day`), as in Anki.
    public static let defaultNewPerDay = 20

    /// Questions of the filter already studied and due before the end of today (overdue ones included).
    public var dueToday: Int
    /// Questions of the filter never answered.
    public var unseen: Int
    /// The daily limit of new questions.
    public var newPerDay: Int
    /// Questions (of any filter) answered for the first time today.
    public var introducedToday: Int

    public init(dueToday: Int, unseen: Int, newPerDay: Int, introducedToday: Int) {
        self.dueToday = dueToday
        self.unseen = unseen
        self.newPerDay = max(0, newPerDay)
        self.introducedToday = max(0, introducedToday)
    }

    /// The outlook of the keyed questions of `bank` that match `filter` (its count aside), from their cards.
    package init(bank: Bank, filter: QuizFilter, cards: [String: FSRSCard], newPerDay: Int, introducedToday: Int,
                 now: Date, localTime: LocalTime = .current) {
        var random = SeededRandom(seed: 0)  // the order does not matter here
        let questions = QuestionSelector.select(from: bank, filter: QuizFilter(level: filter.level, topics: filter.topics, count: .max),
                                                random: &random).questions
        let endOfToday = localTime.startOfDay(now).addingTimeInterval(86_400)
        var due = 0, unseen = 0
        for question in questions {
            guard let card = cards[question.id], card.lastReview != nil else {
                unseen += 1
                continue
            }
            if card.due < endOfToday { due += 1 }
        }
        self.init(dueToday: due, unseen: unseen, newPerDay: newPerDay, introducedToday: introducedToday)
    }

    /// How many new questions may still be introduced today.
    public var newLimit: Int { max(0, newPerDay - introducedToday) }

    /// The new questions a session may ask today: the limit left, when there are that many unseen.
    public var newToday: Int { min(newLimit, unseen) }

    /// `12 due today, 20 new of 183 unseen (new per day: 20)`.
    public var line: String {
        "\(dueToday) due today, \(newToday) new of \(unseen) unseen (new per day: \(newPerDay))"
    }
}
