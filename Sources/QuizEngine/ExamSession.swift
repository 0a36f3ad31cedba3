import Diagnostics
import QuizBank

/// An exam in progress: answers are recorded but not graded until the end, questions can be flagged and
/// revisited, and the result is a scaled score with a per-topic breakdown.
///
/// Nothing about correctness is available before `finish()`: the exam hands out questions (with their
/// shuffled options) and takes answers, and only the `ExamResult` reveals the key.
public struct ExamSession: Sendable {
    /// One question of the exam and what the learner did with it.
    public struct Item: Sendable {
        public var question: PresentedQuestion
        /// Display positions chosen, sorted; nil while unanswered.
        public var answer: [Int]?
        public var flagged = false
        /// Seconds spent on the question over all visits.
        public var seconds: Double = 0

        public init(question: PresentedQuestion, answer: [Int]? = nil, flagged: Bool = false, seconds: Double = 0) {
            self.question = question
            self.answer = answer
            self.flagged = flagged
            self.seconds = seconds
        }
    }

    public private(set) var items: [Item]
    /// The position of the question on screen.
    public private(set) var position = 0
    /// The time allowed, in seconds; nil for no limit.
    public let timeLimit: Double?
    public private(set) var isFinished = false
    /// The scaled score that passes (the blueprint's; AWS's associate exams pass at 720).
    public let passMark: Int

    public init(questions: [Question], random: inout SeededRandom, timeLimit: Double?, passMark: Int = ExamResult.passMark) {
        var items: [Item] = []
        for question in questions {
            var order = Array(question.options.indices)
            random.shuffle(&order)
            items.append(Item(question: PresentedQuestion(question: question, order: order)))
        }
        self.items = items
        self.timeLimit = timeLimit
        self.passMark = passMark
    }

    /// An exam continued from saved items (a resumed exam), at its first unanswered question.
    public init(items: [Item], timeLimit: Double?, passMark: Int = ExamResult.passMark) {
        self.items = items
        self.timeLimit = timeLimit
        self.passMark = passMark
        position = items.firstIndex { $0.answer == nil } ?? 0
    }

    public var current: PresentedQuestion? { isFinished || items.isEmpty ? nil : items[position].question }
    public var answeredCount: Int { items.filter { $0.answer != nil }.count }
    public var flaggedPositions: [Int] { items.indices.filter { items[$0].flagged } }
    public var unansweredPositions: [Int] { items.indices.filter { items[$0].answer == nil } }

    /// What happened to typed text.
    public enum AnswerOutcome: Sendable, Equatable {
        case recorded
        case invalid(AnswerInput.Problem)
        case wrongCount(expected: Int, given: Int)
    }

    /// Records the answer to the current question (replacing an earlier one) and moves to the next.
    public mutating func answer(_ text: String, seconds: Double) -> AnswerOutcome {
        guard let presented = current else { return .invalid(.empty) }
        switch AnswerInput.parse(text, optionCount: presented.order.count) {
        case .failure(let problem):
            return .invalid(problem)
        case .success(let chosen):
            guard chosen.count == presented.answersRequired else {
                return .wrongCount(expected: presented.answersRequired, given: chosen.count)
            }
            items[position].answer = chosen
            items[position].seconds += seconds
            if position + 1 < items.count { position += 1 }
            return .recorded
        }
    }

    /// Puts a question back as it was before an answer that could not be saved, and shows it again.
    public mutating func restore(_ item: Item, at index: Int) {
        guard items.indices.contains(index), !isFinished else { return }
        items[index] = item
        position = index
    }

    /// Adds time spent on the current question without answering (when moving away).
    public mutating func spend(_ seconds: Double) {
        guard !items.isEmpty else { return }
        items[position].seconds += seconds
    }

    public mutating func toggleFlag() {
        guard !items.isEmpty, !isFinished else { return }
        items[position].flagged.toggle()
    }

    /// Moves to a question (0-based); false when there is no such question.
    @discardableResult
    public mutating func go(to index: Int) -> Bool {
        guard items.indices.contains(index), !isFinished else { return false }
        position = index
        return true
    }

    /// Ends the exam and grades it.
    public mutating func finish() -> ExamResult {
        isFinished = true
        return ExamResult(items: items, passMark: passMark)
    }
}

/// The graded exam: raw and scaled score, pass or fail, and where the learner lost points.
public struct ExamResult: Sendable {
    /// AWS reports scores from 100 to 1000 and passes its associate exams at 720 (professional and
    /// specialty exams at 750: their blueprints say so). AWS does not publish its scaling (it equates exam
    /// forms); iamquiz maps the fraction right linearly: score = 100 + 900 × right / questions, rounded.
    public static let passMark = 720

    public struct TopicLine: Sendable, Equatable {
        public var topic: String
        public var correct: Int
        public var total: Int
        public var percent: Int { percentage(correct, of: total) }
    }

    public struct Line: Sendable {
        public var question: Question
        public var chosen: [Character]?
        public var correct: [Character]
        public var isCorrect: Bool
        public var flagged: Bool
        public var seconds: Double
        /// The options in the order they were shown, with verdicts (for explanations after the exam).
        public var feedback: Feedback?
    }

    public var lines: [Line]
    public var correct: Int
    public var total: Int
    public var scaledScore: Int
    /// The scaled score that passes this exam.
    public var passMark: Int
    public var passed: Bool { scaledScore >= passMark }
    public var topics: [TopicLine]

    init(items: [ExamSession.Item], passMark: Int = ExamResult.passMark) {
        self.passMark = passMark
        var lines: [Line] = []
        var perTopic: [String: (Int, Int)] = [:]
        for item in items {
            let presented = item.question
            let key = presented.correctDisplayIndices
            let isCorrect = item.answer == key
            let options = presented.options
            let rows = options.indices.map { i in
                Feedback.Row(label: AnswerInput.label(i), text: options[i].text, why: options[i].why, note: options[i].note,
                             isCorrect: key.contains(i), wasChosen: item.answer?.contains(i) ?? false)
            }
            let feedback = Feedback(isCorrect: isCorrect, chosen: (item.answer ?? []).map(AnswerInput.label),
                                    correct: key.map(AnswerInput.label), rows: rows, question: presented.question)
            lines.append(Line(question: presented.question, chosen: item.answer.map { $0.map(AnswerInput.label) },
                              correct: key.map(AnswerInput.label), isCorrect: isCorrect, flagged: item.flagged,
                              seconds: item.seconds, feedback: feedback))
            for topic in presented.question.topics.isEmpty ? ["(no topic)"] : presented.question.topics {
                var entry = perTopic[topic] ?? (0, 0)
                entry.1 += 1
                if isCorrect { entry.0 += 1 }
                perTopic[topic] = entry
            }
        }
        self.lines = lines
        total = items.count
        correct = lines.filter(\.isCorrect).count
        scaledScore = total == 0 ? 100 : 100 + Int((900.0 * Double(correct) / Double(total)).rounded())
        topics = perTopic.map { TopicLine(topic: $0.key, correct: $0.value.0, total: $0.value.1) }
            .sorted { ($0.percent, $0.topic) < ($1.percent, $1.topic) }
    }
}
