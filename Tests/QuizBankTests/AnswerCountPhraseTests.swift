import Testing
@testable import BankFormat
@testable import QuizBank

// Tests of `AnswerCountPhrase.find(in:)`: the phrase in which a stem asks for a number of answers.

/// A text and the number of answers it asks for (nil: it asks for none).
struct AnswerCountCase: CustomTestStringConvertible, Sendable {
    var text: String
    var count: Int?
    var rule: String
    var testDescription: String { "\(rule): \(text.debugDescription)" }
}

@Suite("Answer count phrase")
struct AnswerCountPhraseTests {
    static let cases: [AnswerCountCase] = [
        // A verb and a digit followed by a noun such as "answers".
        AnswerCountCase(text: "Choose 2 answers", count: 2, rule: "verb + number + noun"),
        AnswerCountCase(text: "Which items are required? (Choose 2 answers)", count: 2, rule: "verb + number + noun, in parentheses"),
        AnswerCountCase(text: "Pick 3 options from the list", count: 3, rule: "verb + number + noun, then more text"),
        // A verb and a number in parentheses.
        AnswerCountCase(text: "(Select 2)", count: 2, rule: "number closed by `)`"),
        AnswerCountCase(text: "What should the company do? (Choose 3)", count: 3, rule: "number closed by `)`"),
        // A verb and a number word ending the text or a sentence.
        AnswerCountCase(text: "Select TWO", count: 2, rule: "number word, any case, at the end"),
        AnswerCountCase(text: "Choose three.", count: 3, rule: "number word ending a sentence"),
        AnswerCountCase(text: "Which of the following are correct? Select 3", count: 3, rule: "number ending the text"),
        AnswerCountCase(text: "Pick one.", count: 1, rule: "`one` counts when it ends a sentence"),
        AnswerCountCase(text: "Select any two.", count: 2, rule: "`any` between verb and number"),
        AnswerCountCase(text: "Mark 2: which subnets are public?", count: 2, rule: "number closed by `:`"),
        // "which" and a number of at least two.
        AnswerCountCase(text: "Which two of the following services support gateway endpoints?", count: 2, rule: "`which two`"),
        AnswerCountCase(text: "Which 3 steps are needed?", count: 3, rule: "`which` + digit"),
        AnswerCountCase(text: "Which one of the following is cheapest?", count: nil, rule: "`which one` asks for no count"),
        // A verb and a number inside a scenario do not ask for answers.
        AnswerCountCase(text: "Choose 2 Availability Zones for the subnets and deploy", count: nil,
                        rule: "number followed by a noun that is not about answers"),
        AnswerCountCase(text: "The team must select 3 instance types at random. Which type is cheapest?", count: nil,
                        rule: "number followed by a noun that is not about answers, mid-sentence"),
        AnswerCountCase(text: "You choose 2 Availability Zones. Which setup is most available? (Choose 2)", count: 2,
                        rule: "a scenario number is skipped, the later instruction counts"),
        // No number at all.
        AnswerCountCase(text: "Select the best option", count: nil, rule: "verb without a number"),
        AnswerCountCase(text: "Which of the following is true?", count: nil, rule: "`which` without a number"),
        AnswerCountCase(text: "", count: nil, rule: "empty text"),
        AnswerCountCase(text: "Choose", count: nil, rule: "verb alone"),
        // Numbers outside 1...26 are not counts.
        AnswerCountCase(text: "Choose 0 answers", count: nil, rule: "zero is no count"),
        AnswerCountCase(text: "Choose 30 answers", count: nil, rule: "more than 26 is no count"),
    ]

    @Test("the number of answers asked for", arguments: cases)
    func count(_ c: AnswerCountCase) {
        #expect(AnswerCountPhrase.find(in: c.text)?.count == c.count)
    }

    @Test("the phrase as written, with its parentheses", arguments: [
        // (text, phrase)
        ("Which items are required? (Choose 2 answers)", "(Choose 2 answers)"),
        ("What should the company do? (Choose 3)", "(Choose 3)"),
        ("What is right? Choose 2 answers", "Choose 2 answers"),
        ("Select TWO", "Select TWO"),
        ("Choose three.", "Choose three"),
        ("Which two of the following", "Which two"),
    ])
    func phraseText(text: String, phrase: String) {
        #expect(AnswerCountPhrase.find(in: text)?.text == phrase)
    }

    @Test("a stem that asks twice gives its first phrase")
    func first() {
        // The source document writes "(Select 2) Choose 2 answers".
        let phrase = AnswerCountPhrase.find(in: "What combination will work? (Select 2) Choose 2 answers")
        #expect(phrase == AnswerCountPhrase(count: 2, text: "(Select 2)"))
    }

    @Test("Question.answersAskedFor reads the stem")
    func question() {
        let q = Question(id: "q", stem: "Which two of the following are regional services?", options: [], key: .unkeyed)
        #expect(q.answersAskedFor == 2)
        #expect(q.answerCount == 2)
        let single = Question(id: "s", stem: "Choose 2 Availability Zones for the subnets and deploy. What else is needed?",
                              options: [], key: .options([1]))
        #expect(single.answersAskedFor == nil)
        #expect(single.answerCount == 1)
    }
}
