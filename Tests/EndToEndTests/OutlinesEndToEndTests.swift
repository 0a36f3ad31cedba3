import Foundation
import Testing

/// The quiz and `review` choose among outlines (ids, levels, topics, keys) and read whole only the questions
/// they ask: from the built-in bank's compact form, and from the cache for a bank file parsed before.
@Suite("iamquiz end to end: questions chosen among outlines are shown whole")
struct OutlinesEndToEndTests {
    /// The first line of the stem and the first option, as the quiz shows its first question.
    static func shown(_ output: String) -> (stem: String, option: String)? {
        let lines = output.components(separatedBy: "\n")
        guard let header = lines.firstIndex(where: { $0.hasPrefix("Question 1 of 1") }), header + 1 < lines.count,
              let option = lines.first(where: { $0.hasPrefix("  A. ") }) else { return nil }
        return (lines[header + 1], option)
    }

    @Test("a quiz on the built-in bank, review --flagged, an exam, and a quiz on a cached --bank show stem and options")
    func questionsWhole() throws {
        let env = try freshHome()
        let quiz = try IAMQuizBinary.run(["--count", "1", "--seed", "4"], input: "flag\na\nq\n", environment: env)
        #expect(quiz.status == 0, "\(quiz.stderr)")
        let asked = try #require(Self.shown(quiz.stdout), "\(quiz.stdout)")
        #expect(asked.stem.count > 20 && asked.option.count > 10, "\(quiz.stdout)")
        // The flagged question comes back in review, whole.
        let review = try IAMQuizBinary.run(["review", "--flagged", "--seed", "1"], input: "q\n", environment: env)
        #expect(review.status == 0, "\(review.stderr)")
        #expect(Self.shown(review.stdout)?.stem == asked.stem, "\(review.stdout)")
        // An exam draws among outlines too (left at once: it waits for `iamquiz resume`).
        let exam = try IAMQuizBinary.run(["exam", "--count", "1", "--seed", "1"], input: "q\n", environment: env)
        let drawn = try #require(Self.shown(exam.stdout), "\(exam.stdout)")
        #expect(drawn.stem.count > 20 && drawn.option.count > 10, "\(exam.stdout)")

        // A bank file: parsed on the first run and kept in the cache, read as outlines on the second.
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("single-answers.iqb").path
        let parsed = try IAMQuizBinary.run(["--bank", bank, "--count", "1", "--seed", "2"], input: "q\n", environment: env)
        let cached = try IAMQuizBinary.run(["--bank", bank, "--count", "1", "--seed", "2"], input: "q\n", environment: env)
        let first = try #require(Self.shown(parsed.stdout), "\(parsed.stdout)")
        #expect(!first.stem.isEmpty && Self.shown(cached.stdout)?.stem == first.stem && Self.shown(cached.stdout)?.option == first.option,
                "\(cached.stdout)")
    }
}
