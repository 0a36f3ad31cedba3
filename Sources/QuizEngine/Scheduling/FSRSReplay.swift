import Foundation

/// One review in a card's history: the rating and when it was given.
public struct FSRSReview: Sendable, Equatable, Codable {
    public var rating: FSRSRating
    public var at: Date

    public init(rating: FSRSRating, at: Date) {
        self.rating = rating
        self.at = at
    }
}

/// A card's state right after one review of a replayed history.
public struct FSRSReplayStep: Sendable, Equatable {
    /// The review's position in the history, from 1.
    public var index: Int
    public var review: FSRSReview
    /// The card after the review.
    public var card: FSRSCard
    /// The probability of recall just before the review, at its time; nil for the first review of a new card.
    public var retrievability: Double?
}

extension FSRSScheduler {
    /// Replays a history on a new card, in the order given, and returns the card after each review.
    public func replay(_ reviews: [FSRSReview]) -> [FSRSReplayStep] {
        guard let first = reviews.first else { return [] }
        var card = FSRSCard.new(at: first.at)
        var steps: [FSRSReplayStep] = []
        steps.reserveCapacity(reviews.count)
        for (offset, review) in reviews.enumerated() {
            let before = card.lastReview == nil ? nil : retrievability(of: card, at: review.at)
            card = self.review(card, rating: review.rating, at: review.at)
            steps.append(FSRSReplayStep(index: offset + 1, review: review, card: card, retrievability: before))
        }
        return steps
    }
}
