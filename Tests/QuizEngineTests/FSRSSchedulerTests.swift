import Foundation
import Testing
@testable import QuizEngine

@Suite("FSRS scheduler")
struct FSRSSchedulerTests {
    let scheduler = FSRSScheduler(parameters: .default)
    let start = Date(timeIntervalSince1970: 1_709_283_600) // 2024-03-01T09:00:00Z
    static let day: TimeInterval = 86_400

    // py-fsrs's values for a new card's first review (default parameters).
    @Test(arguments: [
        (FSRSRating.again, FSRSState.learning, 0 as Int?, 0.212, 6.4133, 60.0),
        (.hard, .learning, 0, 1.2931, 5.112170705601056, 330),
        (.good, .learning, 1, 2.3065, 2.118103970459016, 600),
        (.easy, .review, nil, 8.2956, 1.0, 8 * day),
    ])
    func newCard(_ rating: FSRSRating, _ state: FSRSState, _ step: Int?, _ stability: Double, _ difficulty: Double,
                 _ dueAfter: TimeInterval) throws {
        let card = scheduler.review(.new(at: start), rating: rating, at: start)
        #expect(card.state == state)
        #expect(card.step == step)
        #expect(abs(try #require(card.stability) - stability) < 1e-12)
        #expect(abs(try #require(card.difficulty) - difficulty) < 1e-12)
        #expect(card.due == start.addingTimeInterval(dueAfter))
        #expect(card.lastReview == start)
    }

    @Test("a new card has no stability, no difficulty, retrievability 0, and is due when created")
    func newCardState() {
        let card = FSRSCard.new(at: start)
        #expect(card.state == .learning && card.step == 0 && card.stability == nil && card.difficulty == nil)
        #expect(card.due == start && card.lastReview == nil)
        #expect(scheduler.retrievability(of: card, at: start.addingTimeInterval(1000 * Self.day)) == 0)
    }

    /// A card learned with Good, Good and then reviewed with `ratings` on each due date.
    func reviewedOnDueDates(_ ratings: [FSRSRating], scheduler: FSRSScheduler? = nil) -> [FSRSCard] {
        let scheduler = scheduler ?? self.scheduler
        var card = scheduler.review(.new(at: start), rating: .good, at: start)
        card = scheduler.review(card, rating: .good, at: card.due)
        var cards = [card]
        for rating in ratings {
            card = scheduler.review(card, rating: rating, at: card.due)
            cards.append(card)
        }
        return cards
    }

    @Test("Good on each due date graduates the card and makes every interval longer than the last")
    func intervalsGrowOnGood() throws {
        let cards = reviewedOnDueDates(Array(repeating: .good, count: 8))
        #expect(cards.allSatisfy { $0.state == .review && $0.step == nil })
        let intervals = try cards.map { try $0.due.timeIntervalSince(#require($0.lastReview)) / Self.day }
        #expect(intervals.first == 2)
        for (a, b) in zip(intervals, intervals.dropFirst()) { #expect(b > a, "\(intervals)") }
    }

    @Test("Again in review is a lapse: relearning at step 0, due after the relearning step, stability drops")
    func lapse() throws {
        let reviewed = try #require(reviewedOnDueDates([.good, .good]).last)
        let lapsed = scheduler.review(reviewed, rating: .again, at: reviewed.due)
        #expect(lapsed.state == .relearning)
        #expect(lapsed.step == 0)
        #expect(lapsed.due == reviewed.due.addingTimeInterval(600))
        #expect(try #require(lapsed.stability) < #require(reviewed.stability))
        #expect(try #require(lapsed.difficulty) > #require(reviewed.difficulty))
        let relearned = scheduler.review(lapsed, rating: .good, at: lapsed.due)
        #expect(relearned.state == .review && relearned.step == nil)
        #expect(relearned.due >= relearned.lastReview.map { $0.addingTimeInterval(Self.day) } ?? .distantFuture)
    }

    @Test("Again while learning goes back to step 0; Hard keeps the step", arguments: [
        (FSRSRating.again, 0, 60.0), (.hard, 1, 600),
    ])
    func learningSteps(_ rating: FSRSRating, _ step: Int, _ dueAfter: TimeInterval) {
        let first = scheduler.review(.new(at: start), rating: .good, at: start)
        let later = start.addingTimeInterval(600)
        let card = scheduler.review(first, rating: rating, at: later)
        #expect(card.state == .learning)
        #expect(card.step == step)
        #expect(card.due == later.addingTimeInterval(dueAfter))
    }

    @Test("retrievability on the due date is close to the desired retention", arguments: [0.9, 0.8, 0.95])
    func retrievabilityAtDue(_ retention: Double) throws {
        let scheduler = FSRSScheduler(parameters: FSRSParameters(desiredRetention: retention))
        let cards = reviewedOnDueDates([.good, .hard, .good, .easy, .good, .good, .again, .good, .good, .good],
                                       scheduler: scheduler)
        var checked = 0
        for card in cards where card.state == .review {
            let last = try #require(card.lastReview)
            // Intervals are whole days, so the retrievability is only as close as a day's rounding allows;
            // an interval cut to the maximum aims later than the retention.
            let days = card.due.timeIntervalSince(last) / Self.day
            guard days >= 10, days < Double(scheduler.parameters.maximumInterval) else { continue }
            #expect(abs(scheduler.retrievability(of: card, at: card.due) - retention) < 0.01)
            checked += 1
        }
        #expect(checked >= 3)
    }

    @Test("retrievability falls with whole days elapsed, not with hours")
    func retrievabilityCountsWholeDays() throws {
        let card = scheduler.review(.new(at: start), rating: .easy, at: start)
        #expect(scheduler.retrievability(of: card, at: start.addingTimeInterval(Self.day - 1)) == 1)
        let oneDay = scheduler.retrievability(of: card, at: start.addingTimeInterval(Self.day))
        #expect(oneDay < 1)
        #expect(scheduler.retrievability(of: card, at: start.addingTimeInterval(2 * Self.day - 1)) == oneDay)
        #expect(scheduler.retrievability(of: card, at: start.addingTimeInterval(-Self.day)) == 1)
    }

    @Test("no interval exceeds the maximum interval", arguments: [30, 365])
    func maximumInterval(_ maximum: Int) throws {
        let scheduler = FSRSScheduler(parameters: FSRSParameters(maximumInterval: maximum))
        let cards = reviewedOnDueDates(Array(repeating: .easy, count: 15), scheduler: scheduler)
        let intervals = try cards.map { try $0.due.timeIntervalSince(#require($0.lastReview)) / Self.day }
        #expect(intervals.allSatisfy { $0 <= Double(maximum) })
        #expect(intervals.last == Double(maximum))
    }

    @Test("the default maximum interval is 36,500 days and is reached by a card always rated Easy")
    func defaultMaximum() throws {
        #expect(FSRSParameters.default.maximumInterval == 36_500)
        let last = try #require(reviewedOnDueDates(Array(repeating: .easy, count: 12)).last)
        #expect(try last.due.timeIntervalSince(#require(last.lastReview)) == 36_500 * Self.day)
    }

    @Test("without learning steps a new card goes straight to review, even on Again")
    func noLearningSteps() {
        let scheduler = FSRSScheduler(parameters: FSRSParameters(learningSteps: []))
        let card = scheduler.review(.new(at: start), rating: .again, at: start)
        #expect(card.state == .review && card.step == nil)
        #expect(card.due == start.addingTimeInterval(Self.day))
    }

    @Test("replay reports no retrievability for the first review and the pre-review one after")
    func replay() throws {
        let reviews = [FSRSReview(rating: .easy, at: start), FSRSReview(rating: .good, at: start.addingTimeInterval(8 * Self.day))]
        let steps = scheduler.replay(reviews)
        #expect(steps.map(\.index) == [1, 2])
        #expect(steps[0].retrievability == nil)
        let r = try #require(steps[1].retrievability)
        #expect(r == scheduler.retrievability(of: steps[0].card, at: reviews[1].at))
        #expect(abs(r - 0.9) < 0.01)
        #expect(scheduler.replay([]).isEmpty)
    }

    @Test("a card survives a JSON round trip")
    func codable() throws {
        let card = scheduler.review(.new(at: start), rating: .good, at: start)
        let data = try JSONEncoder().encode(card)
        #expect(try JSONDecoder().decode(FSRSCard.self, from: data) == card)
    }

    @Test("parameter problems are reported, and the defaults have none")
    func parameterProblems() {
        #expect(FSRSParameters.default.problems.isEmpty)
        #expect(FSRSParameters.default.weights.count == 21)
        var bad = FSRSParameters(weights: Array(FSRSParameters.defaultWeights.dropLast()))
        #expect(bad.problems.map(\.description) == ["expected 21 weights, found 20"])
        bad = FSRSParameters(desiredRetention: 1, maximumInterval: 0)
        #expect(bad.problems.count == 2)
        var weights = FSRSParameters.defaultWeights
        weights[20] = 0.9
        #expect(FSRSParameters(weights: weights).problems.map(\.description) == ["weight w20 = 0.9 is outside 0.1...0.8"])
    }
}
