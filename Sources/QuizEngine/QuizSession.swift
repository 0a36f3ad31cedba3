import Diagnostics
import QuizBank

/// A question as the learner sees it: options in a shuffled order, relabelled A, B, C, ...
public struct PresentedQuestion: Sendable {
    public var question: Question
    /// `order[displayIndex]` is the index of the option in the bank.
    public var order: [Int]

    public init(question: Question, order: [Int]) {
        self.question = question
        self.order = order
    }

    /// The options in display order.
    public var options: [AnswerOption] { order.map { question.options[$0] } }

    /// The line above a question while it is open: its position and level, nothing that could hint at the
    /// key (topics are shown with the feedback, after grading).
    public static func header(number: Int, of total: Int, level: Level) -> String {
        "Question \(number) of \(total) · \(level.rawValue)"
    }

    /// How many letters the learner must type.
    public var answersRequired: Int { question.answerCount }

    /// The display positions of the correct options. Only `QuizSession` hands this out, after grading.
    var correctDisplayIndices: [Int] {
        let key = Set(question.key.indices)
        return order.indices.filter { key.contains(order[$0]) }
    }
}

/// What the learner is told after committing an answer.
public struct Feedback: Sendable {
    /// One option, in display order, with its verdict.
    public struct Row: Sendable {
        public var label: Character
        public var text: String
        public var why: String?
        public var note: String?
        public var isCorrect: Bool
        public var wasChosen: Bool
    }

    public var isCorrect: Bool
    public var chosen: [Character]
    public var correct: [Character]
    public var rows: [Row]
    public var question: Question
}

/// The outcome of submitting typed text.
public enum SubmitOutcome: Sendable {
    /// The text is not an answer; nothing was graded.
    case invalid(AnswerInput.Problem)
    /// The learner gave a different number of letters than the question asks for; nothing was graded.
    case wrongCount(expected: Int, given: Int)
    /// The answer was graded.
    case graded(Feedback)
}

/// The running score.
public struct Score: Sendable, Equatable {
    public var correct = 0
    public var answered = 0
    public var skipped = 0
    public var total = 0

    /// Percentage of answered questions that were right, rounded down.
    public var percent: Int { percentage(correct, of: answered) }
}

/// A quiz in progress: a value the front end drives (current question, submit, skip, score).
///
/// It performs no I/O, so every path can be tested without a terminal. The key of the current
/// question is only revealed through the `Feedback` returned by a graded submission.
public struct QuizSession: Sendable {
    public private(set) var questions: [PresentedQuestion]
    public private(set) var index = 0
    public private(set) var score: Score
    /// Whether the answer graded last was right; nil once another step was taken.
    private var lastGradedWasCorrect: Bool?

    /// Builds a session from a selection, shuffling each question's options with `random`.
    public init(questions: [Question], random: inout SeededRandom) {
        var presented: [PresentedQuestion] = []
        for question in questions {
            var order = Array(question.options.indices)
            random.shuffle(&order)
            presented.append(PresentedQuestion(question: question, order: order))
        }
        self.questions = presented
        score = Score(total: presented.count)
    }

    /// A session over questions already presented (with their option order), for resuming.
    public init(presented: [PresentedQuestion]) {
        questions = presented
        score = Score(total: presented.count)
    }

    public var isFinished: Bool { index >= questions.count }

    /// The question to show, or nil when the quiz is over.
    public var current: PresentedQuestion? { isFinished ? nil : questions[index] }

    /// 1-based number of the current question.
    public var number: Int { index + 1 }

    /// Grades typed text against the current question and moves on when it was a valid answer.
    public mutating func submit(_ text: String) -> SubmitOutcome {
        guard let presented = current else { return .invalid(.empty) }
        let chosen: [Int]
        switch AnswerInput.parse(text, optionCount: presented.order.count) {
        case .failure(let problem): return .invalid(problem)
        case .success(let list): chosen = list
        }
        if chosen.count != presented.answersRequired {
            return .wrongCount(expected: presented.answersRequired, given: chosen.count)
        }
        let correct = presented.correctDisplayIndices
        let isCorrect = chosen == correct
        let options = presented.options
        let rows = options.indices.map { i in
            Feedback.Row(label: AnswerInput.label(i), text: options[i].text, why: options[i].why, note: options[i].note,
                         isCorrect: correct.contains(i), wasChosen: chosen.contains(i))
        }
        score.answered += 1
        if isCorrect { score.correct += 1 }
        index += 1
        lastGradedWasCorrect = isCorrect
        return .graded(Feedback(isCorrect: isCorrect, chosen: chosen.map(AnswerInput.label),
                                correct: correct.map(AnswerInput.label), rows: rows, question: presented.question))
    }

    /// Takes back the answer graded last, when it could not be saved: the score counts only what the
    /// progress store kept, and that question is current again.
    public mutating func withdrawLastAnswer() {
        guard let correct = lastGradedWasCorrect else { return }
        score.answered -= 1
        if correct { score.correct -= 1 }
        index -= 1
        lastGradedWasCorrect = nil
    }

    /// Moves past the current question without grading it.
    public mutating func skip() {
        guard !isFinished else { return }
        lastGradedWasCorrect = nil
        score.skipped += 1
        index += 1
    }

    /// Ends the quiz early (Ctrl-D, `quit`): the remaining questions count as neither answered nor skipped.
    public mutating func stop() {
        index = questions.count
    }
}
