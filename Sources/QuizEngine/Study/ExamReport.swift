import Diagnostics
import Foundation
import QuizBank

/// A graded exam as it is kept in the progress store (`sessions.report`, JSON), so that `iamquiz exams`
/// can list it, `iamquiz exams show N` reopen it and `iamquiz review --exam N` practise from it long
/// after the bank has moved on.
///
/// It holds what the grading decided (score, pass, per-topic tallies, per question right or wrong)
/// rather than recomputing it from the bank later: a question edited or removed since must not change a
/// past result. The question text is not copied; the bank supplies it when the report is shown.
/// `docs/exam-reports.md` describes the JSON.
public struct ExamReport: Codable, Sendable, Equatable {
    /// The version of this layout; a report of a newer version is read as far as its fields allow.
    public static let currentFormat = 1

    /// One question of the exam and what happened to it.
    public struct Line: Codable, Sendable, Equatable {
        /// The question's id in its bank.
        public var id: String
        /// Its place in the exam, from 1.
        public var position: Int
        /// The bank letters of the options in the order shown: `"CADB"` means the learner saw the bank's
        /// option C as A. It turns the letters below back into options.
        public var order: String
        /// The letters the learner chose, as shown (display order), sorted; nil when left unanswered.
        public var chosen: [String]?
        /// The letters of the key, as shown.
        public var key: [String]
        public var correct: Bool
        public var flagged: Bool
        /// Seconds spent on the question over all visits.
        public var seconds: Double
        /// ``ContentHash/of(_:)`` of the question when it was graded, to tell that it changed since.
        public var contentHash: String
        /// The question's topics then, so the report can name them for a question no longer in the bank.
        public var topics: [String]
    }

    /// One topic's tally.
    public struct Topic: Codable, Sendable, Equatable {
        public var topic: String
        public var correct: Int
        public var total: Int
        public var percent: Int { percentage(correct, of: total) }
    }

    public var format: Int
    /// The scaled score, 100 to 1000.
    public var score: Int
    public var passMark: Int
    public var passed: Bool
    public var correct: Int
    public var total: Int
    /// The time spent in the exam, at most the time limit.
    public var secondsUsed: Double
    /// The time limit in seconds; nil for none.
    public var timeLimitSeconds: Double?
    /// The blueprint the exam followed (`sap-c02`, a file's path); nil for an exam made with options only.
    public var blueprint: String?
    /// The levels of the exam's questions, as `associate`, `professional` or `associate+professional`.
    public var level: String
    /// Topics, weakest first (then by name).
    public var topics: [Topic]
    public var questions: [Line]

    /// A report from its parts (tests, and reports read back field by field).
    public init(format: Int = ExamReport.currentFormat, score: Int, passMark: Int = ExamResult.passMark, passed: Bool,
                correct: Int, total: Int, secondsUsed: Double, timeLimitSeconds: Double?, blueprint: String?, level: String,
                topics: [Topic], questions: [Line]) {
        self.format = format
        self.score = score
        self.passMark = passMark
        self.passed = passed
        self.correct = correct
        self.total = total
        self.secondsUsed = secondsUsed
        self.timeLimitSeconds = timeLimitSeconds
        self.blueprint = blueprint
        self.level = level
        self.topics = topics
        self.questions = questions
    }

    /// The report of `exam`, graded as `result`, after `secondsUsed` seconds (capped at the time limit: the
    /// exam ends on time, whatever the last command's moment).
    public init(result: ExamResult, of exam: ExamSession, secondsUsed: Double, blueprint: String?) {
        let used = max(0, exam.timeLimit.map { min($0, secondsUsed) } ?? secondsUsed)
        var lines: [Line] = []
        for (index, item) in exam.items.enumerated() where result.lines.indices.contains(index) {
            let graded = result.lines[index]
            let presented = item.question
            lines.append(Line(id: presented.question.id, position: index + 1,
                              order: String(presented.order.map { AnswerInput.label($0) }),
                              chosen: graded.chosen.map { $0.map(String.init) }, key: graded.correct.map(String.init),
                              correct: graded.isCorrect, flagged: graded.flagged, seconds: graded.seconds,
                              contentHash: ContentHash.of(presented.question), topics: presented.question.topics))
        }
        let levels = Set(exam.items.map(\.question.question.level))
        self.init(score: result.scaledScore, passMark: result.passMark, passed: result.passed, correct: result.correct,
                  total: result.total,
                  secondsUsed: used, timeLimitSeconds: exam.timeLimit, blueprint: blueprint,
                  level: Level.allCases.filter(levels.contains).map(\.rawValue).joined(separator: "+"),
                  topics: result.topics.map { Topic(topic: $0.topic, correct: $0.correct, total: $0.total) }, questions: lines)
    }

    /// The report as the store keeps it: compact JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A stored report, or nil when the text is not one (a hand-edited store).
    public static func decode(_ text: String) -> ExamReport? {
        try? JSONDecoder().decode(ExamReport.self, from: Data(text.utf8))
    }

    /// The positions (from 1) of the questions answered wrong or left unanswered.
    public var wrongPositions: [Int] { questions.filter { !$0.correct }.map(\.position) }
    /// The positions (from 1) of the questions left unanswered.
    public var unansweredPositions: [Int] { questions.filter { $0.chosen == nil }.map(\.position) }
    /// The positions (from 1) of the questions flagged in the exam.
    public var flaggedPositions: [Int] { questions.filter(\.flagged).map(\.position) }
}

extension ExamReport.Line {
    /// The bank option indices in the order shown, from ``order``.
    var bankOrder: [Int] { order.unicodeScalars.map { Int($0.value) - 65 } }

    /// The question as it was shown, when `question` (the bank's current one with this id) still has the
    /// options the order names; else nil.
    public func presented(_ question: Question) -> PresentedQuestion? {
        let order = bankOrder
        guard order.sorted() == Array(question.options.indices) else { return nil }
        return PresentedQuestion(question: question, order: order)
    }

    /// Whether `question` is the question as it was graded (same content).
    public func isUnchanged(_ question: Question) -> Bool {
        ContentHash.of(question) == contentHash
    }

    /// The feedback of this question as the quiz shows it, on `question` (the bank's current one): every
    /// option in the order shown with its explanation, the learner's choice marked, and the verdict graded
    /// then. Nil when the question's options no longer match the order shown.
    public func feedback(on question: Question) -> Feedback? {
        guard let presented = presented(question) else { return nil }
        let chosenIndices = Set((chosen ?? []).compactMap { $0.unicodeScalars.first.map { Int($0.value) - 65 } })
        let keyIndices = Set(presented.correctDisplayIndices)
        let options = presented.options
        let rows = options.indices.map { i in
            Feedback.Row(label: AnswerInput.label(i), text: options[i].text, why: options[i].why, note: options[i].note,
                         isCorrect: keyIndices.contains(i), wasChosen: chosenIndices.contains(i))
        }
        return Feedback(isCorrect: correct, chosen: (chosen ?? []).compactMap(\.first),
                        correct: keyIndices.sorted().map(AnswerInput.label), rows: rows, question: question)
    }
}

/// An exam session of the progress store with its report: what `iamquiz exams` lists.
public struct StoredExam: Sendable {
    public var session: SessionRecord
    /// The graded report; nil for an exam not finished, one graded before iamquiz kept reports, or one
    /// whose report cannot be read.
    public var report: ExamReport?

    /// The number the learner types (`iamquiz exams show N`): the session's id, which never changes.
    public var number: Int64 { session.id ?? 0 }

    /// An exam session and its report, as the store reads them.
    public init(session: SessionRecord, report: ExamReport?) {
        self.session = session
        self.report = report
    }
}
