import QuizBank
import Testing
@testable import QuizEngine

/// Nothing shown before the learner commits may hint at the answer (issue 11): over every built-in
/// question, the header shows the position and the level only, and the stem shares no rare word with the
/// right options that the wrong options lack (the W112 rule of `iamquiz check`, which an `allow: W112
/// REASON` may accept after review).
@Suite("Answer hiding over the built-in bank")
struct AnswerHidingTests {
    @Test("no header holds a topic or a word that only the right options have")
    func headers() {
        let questions = BuiltinBank.load().bank.questions
        #expect(questions.count >= 72)
        for (i, question) in questions.enumerated() {
            let header = PresentedQuestion.header(number: i + 1, of: questions.count, level: question.level).lowercased()
            for topic in question.topics {
                #expect(!header.contains(topic), "\(question.id): the header shows topic `\(topic)`")
            }
            for word in BankLints.revealingStemWords(question) where header.contains(word) {
                Issue.record("\(question.id): the header shows `\(word)`, which only the right options have")
            }
        }
    }

    @Test("no stem holds a rare word that only the right options have, unless reviewed with allow: W112")
    func stems() {
        let questions = BuiltinBank.load().bank.questions
        let rare = BankLints.rareStemWords(questions)
        for question in questions where !question.allowed.contains(where: { $0.code == "W112" }) {
            let words = BankLints.revealingStemWords(question, rare: rare)
            #expect(words.isEmpty, "\(question.id): the stem's \(words) come back in the right options only")
        }
    }
}
