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

/// When a question answered wrong comes back in the same session (a relearning step, as Anki does).
public struct RelearningPolicy: Sendable, Equatable {
    /// How many other questions come between a wrong answer and its repeat (all that remain when fewer do).
    public var gap: Int
    /// How many times a question comes back at most: each repeat answered wrong brings it back once more
    /// until then.
    public var maximumReturns: Int

    public init(gap: Int = 4, maximumReturns: Int = 2) {
        self.gap = max(0, gap)
        self.maximumReturns = max(0, maximumReturns)
    }

    /// After 4 other questions, at most twice.
    public static let standard = RelearningPolicy()
    /// No repeats.
    public static let off = RelearningPolicy(gap: 0, maximumReturns: 0)
}

/// A quiz in progress: a value the front end drives (current question, submit, skip, score).
///
/// It performs no I/O, so every path can be tested without a terminal. The key of the current
/// question is only revealed through the `Feedback` returned by a graded submission.
///
/// A question answered wrong comes back later in the session (see ``RelearningPolicy``), its options
/// shuffled again; its repeats are graded (and scheduled by the recorder) but the score counts each
/// question once, by its first answer.
public struct QuizSession: Sendable {
    /// One turn of the quiz: a question of ``questions`` (by its place) and which attempt at it this is.
    struct Turn: Sendable {
        var index: Int
        /// 0 for the first time the question is asked, 1 and up for its repeats.
        var attempt: Int
        var presented: PresentedQuestion
    }

    /// The questions of the quiz as first shown, each once.
    public private(set) var questions: [PresentedQuestion]
    public private(set) var score: Score
    /// When a missed question comes back.
    public var relearning: RelearningPolicy
    /// What is asked, in order: each question once, and the repeats of missed ones where they fell due.
    private var turns: [Turn]
    private var cursor = 0
    /// Shuffles a repeat's options.
    private var random: SeededRandom
    /// The state before the answer graded last, for ``withdrawLastAnswer()``; nil once another step was taken.
    private var beforeLastAnswer: Snapshot?
    /// Repeats asked, and how many of them were answered right.
    public private(set) var repeatsAnswered = 0
    public private(set) var repeatsRight = 0

    private struct Snapshot: Sendable {
        var turns: [Turn]
        var cursor: Int
        var score: Score
        var repeatsAnswered: Int
        var repeatsRight: Int
    }

    /// Builds a session from a selection, shuffling each question's options with `random`.
    public init(questions: [Question], random: inout SeededRandom, relearning: RelearningPolicy = .standard) {
        var presented: [PresentedQuestion] = []
        for question in questions {
            var order = Array(question.options.indices)
            random.shuffle(&order)
            presented.append(PresentedQuestion(question: question, order: order))
        }
        self.init(presented: presented, random: SeededRandom(seed: random.next()), relearning: relearning)
    }

    /// A session over questions already presented (with their option order), for resuming; `random`
    /// shuffles the options of repeats.
    public init(presented: [PresentedQuestion], random: SeededRandom = SeededRandom(seed: 0x5EED),
                relearning: RelearningPolicy = .standard) {
        questions = presented
        score = Score(total: presented.count)
        turns = presented.enumerated().map { Turn(index: $0.offset, attempt: 0, presented: $0.element) }
        self.random = random
        self.relearning = relearning
    }

    /// True when nothing is left to ask, repeats included.
    public var isFinished: Bool { cursor >= turns.count }

    /// True when every question was answered or skipped once; only repeats may be left (a learner who
    /// stops then has finished the quiz).
    public var everyQuestionAsked: Bool {
        turns[cursor...].allSatisfy { $0.attempt > 0 }
    }

    /// The question to show, or nil when the quiz is over.
    public var current: PresentedQuestion? { isFinished ? nil : turns[cursor].presented }

    /// The place in ``questions`` of the current question (``questions``'s count when the quiz is over).
    public var index: Int { isFinished ? questions.count : turns[cursor].index }

    /// 1-based number of the current question (a repeat keeps its question's number).
    public var number: Int { index + 1 }

    /// True when the current question is a repeat of one answered wrong earlier in the session.
    public var isRepeat: Bool { !isFinished && turns[cursor].attempt > 0 }

    /// Repeats still to come.
    public var repeatsPending: Int { turns[cursor...].filter { $0.attempt > 0 }.count }

    /// How many turns come before the pending repeat of the question at `index` of ``questions`` (0: it is
    /// next), or nil when none is pending.
    public func turnsBeforeRepeat(of index: Int) -> Int? {
        turns[cursor...].firstIndex { $0.index == index && $0.attempt > 0 }.map { $0 - cursor }
    }

    /// Grades typed text against the current question and moves on when it was a valid answer; a wrong
    /// answer brings the question back later (see ``RelearningPolicy``).
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
        beforeLastAnswer = Snapshot(turns: turns, cursor: cursor, score: score, repeatsAnswered: repeatsAnswered,
                                    repeatsRight: repeatsRight)
        let turn = turns[cursor]
        if turn.attempt == 0 {
            score.answered += 1
            if isCorrect { score.correct += 1 }
        } else {
            repeatsAnswered += 1
            if isCorrect { repeatsRight += 1 }
        }
        cursor += 1
        if !isCorrect, turn.attempt < relearning.maximumReturns {
            bringBack(turn)
        }
        return .graded(Feedback(isCorrect: isCorrect, chosen: chosen.map(AnswerInput.label),
                                correct: correct.map(AnswerInput.label), rows: rows, question: presented.question))
    }

    /// Puts a missed question back `relearning.gap` turns later (at the end when fewer remain), with its
    /// options in a new order: a learner who just saw the key by its letter must find it again by its text.
    private mutating func bringBack(_ turn: Turn) {
        var order = turn.presented.order
        if order.count > 1 {
            random.shuffle(&order)
            if order == turn.presented.order { order = Array(order.dropFirst()) + [order[0]] }
        }
        let repeated = Turn(index: turn.index, attempt: turn.attempt + 1,
                            presented: PresentedQuestion(question: turn.presented.question, order: order))
        turns.insert(repeated, at: min(turns.count, cursor + relearning.gap))
    }

    /// Takes back the answer graded last, when it could not be saved: the score counts only what the
    /// progress store kept, and that question is current again.
    public mutating func withdrawLastAnswer() {
        guard let before = beforeLastAnswer else { return }
        turns = before.turns
        cursor = before.cursor
        score = before.score
        repeatsAnswered = before.repeatsAnswered
        repeatsRight = before.repeatsRight
        beforeLastAnswer = nil
    }

    /// Moves past the current question without grading it; a skipped repeat is dropped (its question is
    /// already counted).
    public mutating func skip() {
        guard !isFinished else { return }
        beforeLastAnswer = nil
        if turns[cursor].attempt == 0 { score.skipped += 1 }
        cursor += 1
    }

    /// Ends the quiz early (Ctrl-D, `quit`): the remaining questions count as neither answered nor skipped.
    public mutating func stop() {
        beforeLastAnswer = nil
        cursor = turns.count
    }
}
