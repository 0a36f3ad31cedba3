import Foundation
import Testing
@testable import QuizEngine

/// Checks the scheduler against py-fsrs on the histories of `Fixtures/fsrs/vectors.jsonl`, written by
/// `Tools/make_fsrs_vectors.py` (see that script for the format and how to regenerate it).
@Suite("FSRS reference vectors (py-fsrs)")
struct FSRSVectorTests {
    struct Vector: Decodable, Sendable, CustomTestStringConvertible {
        struct Scheduler: Decodable, Sendable {
            var parameters: [Double]
            var desiredRetention: Double
            var learningSteps: [Double]
            var relearningSteps: [Double]
            var maximumInterval: Int
        }

        struct Review: Decodable, Sendable {
            var rating: Int
            var at: String
        }

        struct Expected: Decodable, Sendable {
            var atEpoch: Double
            var state: String
            var step: Int?
            var stability: Double
            var difficulty: Double
            var due: Double
            var retrievability: Double?
        }

        var id: String
        var description: String
        var scheduler: Scheduler
        var reviews: [Review]
        var expected: [Expected]

        var testDescription: String { id }
    }

    static let fileURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fsrs/vectors.jsonl")

    static func load() throws -> [Vector] {
        let text = try String(contentsOf: fileURL, encoding: .utf8)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try text.split(separator: "\n").map { try decoder.decode(Vector.self, from: Data($0.utf8)) }
    }

    static let vectors: [Vector] = (try? load()) ?? []

    /// Stability, difficulty and retrievability must agree to this much.
    static let tolerance = 1e-6

    @Test("the vectors file loads and covers at least 40 histories")
    func fileLoads() throws {
        let vectors = try Self.load()
        #expect(vectors.count >= 40)
        #expect(vectors.allSatisfy { $0.reviews.count == $0.expected.count && !$0.reviews.isEmpty })
    }

    @Test("every review matches py-fsrs", arguments: vectors)
    func matches(_ vector: Vector) throws {
        let config = vector.scheduler
        let parameters = FSRSParameters(weights: config.parameters, desiredRetention: config.desiredRetention,
                                        learningSteps: config.learningSteps, relearningSteps: config.relearningSteps,
                                        maximumInterval: config.maximumInterval)
        #expect(parameters.problems.isEmpty)
        let scheduler = FSRSScheduler(parameters: parameters)

        var reviews: [FSRSReview] = []
        for (review, expected) in zip(vector.reviews, vector.expected) {
            let at = try #require(FSRSTimestamp.parse(review.at), "cannot parse `\(review.at)`")
            #expect(abs(at.timeIntervalSince1970 - expected.atEpoch) < 1e-6, "`\(review.at)`")
            let rating = try #require(FSRSRating(rawValue: review.rating))
            reviews.append(FSRSReview(rating: rating, at: at))
        }

        let steps = scheduler.replay(reviews)
        #expect(steps.count == vector.expected.count)
        for (step, expected) in zip(steps, vector.expected) {
            let card = step.card
            let context = Comment(rawValue: "\(vector.id), review \(step.index)")
            #expect(card.state.rawValue == expected.state, context)
            #expect(card.step == expected.step, context)
            #expect(abs((card.stability ?? .nan) - expected.stability) <= Self.tolerance, context)
            #expect(abs((card.difficulty ?? .nan) - expected.difficulty) <= Self.tolerance, context)
            // Due dates are checked more strictly than "to the second": they should agree to the microsecond.
            #expect(abs(card.due.timeIntervalSince1970 - expected.due) < 1e-3, context)
            switch (step.retrievability, expected.retrievability) {
            case (nil, nil): break
            case (let r?, let e?): #expect(abs(r - e) <= Self.tolerance, context)
            default: Issue.record("retrievability \(String(describing: step.retrievability)), expected \(String(describing: expected.retrievability)): \(context.rawValue)")
            }
        }
    }
}
