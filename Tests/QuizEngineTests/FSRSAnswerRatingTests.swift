import Testing
@testable import QuizEngine

@Suite("FSRS rating of a quiz answer")
struct FSRSAnswerRatingTests {
    // Rule: wrong is Again; right with a retry or slower than 2x typical is Hard; right within half the
    // typical time and under 20 s is Easy; otherwise Good. No typical time: no speed judgement.
    @Test(arguments: [
        // correct, retried, seconds, typical, rating
        (false, false, 3.0, 10.0 as Double?, FSRSRating.again),
        (false, true, 3.0, 10.0, .again),
        (false, false, 100.0, nil, .again),
        (true, true, 2.0, 10.0, .hard),        // a retry outweighs speed
        (true, true, 2.0, nil, .hard),
        (true, false, 20.1, 10.0, .hard),      // more than twice the typical time
        (true, false, 20.0, 10.0, .good),      // exactly twice is not more than twice
        (true, false, 12.0, 10.0, .good),
        (true, false, 5.01, 10.0, .good),
        (true, false, 5.0, 10.0, .easy),       // within half the typical time
        (true, false, 0.0, 10.0, .easy),
        (true, false, 19.9, 40.0, .easy),
        (true, false, 20.0, 40.0, .good),      // half the typical time, but not under 20 s
        (true, false, 100.0, nil, .good),      // no typical time yet
        (true, false, 1.0, nil, .good),
        (true, false, 1.0, 0.0, .good),        // an unusable typical time
        (true, false, -1.0, 10.0, .good),      // an unusable answer time
        (true, false, .infinity, 10.0, .good),
        (true, false, 3.0, .nan, .good),
    ])
    func rating(_ correct: Bool, _ retried: Bool, _ seconds: Double, _ typical: Double?, _ expected: FSRSRating) {
        #expect(AnswerRating.rating(correct: correct, retried: retried, seconds: seconds, typicalSeconds: typical) == expected)
    }

    @Test(arguments: [
        ([Double](), nil as Double?), ([7.0], 7.0), ([3.0, 1.0, 2.0], 2.0), ([4.0, 1.0, 3.0, 2.0], 2.5),
        ([5.0, .nan, -1.0, .infinity, 9.0], 7.0),
    ])
    func typicalSeconds(_ times: [Double], _ median: Double?) {
        #expect(AnswerRating.typicalSeconds(of: times) == median)
    }
}
