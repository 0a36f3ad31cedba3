import QuizBank

extension ExamSession {
    /// The exam `iamquiz exam` draws from `bank` with `seed`: up to `filter.count` questions spread over the
    /// topics by `weights` (``WeightedDraw``), each with its options shuffled, all from one random stream.
    ///
    /// The exam a learner takes and the paper `iamquiz exam --export` writes both come from here, so the
    /// same options and seed give the same questions in the same order with the same option order. `bank` may
    /// hold outlines (`BankAndScenarios.outline`): `complete` reads whole the questions drawn, before their
    /// options are shuffled.
    public static func drawn(from bank: Bank, filter: QuizFilter, weights: [(topic: String, weight: Double)], seed: UInt64,
                             timeLimit: Double?, passMark: Int = ExamResult.passMark,
                             complete: ([Question]) -> [Question] = { $0 }) -> (exam: ExamSession, selection: Selection) {
        var random = SeededRandom(seed: seed)
        var selection = WeightedDraw.select(from: bank, filter: filter, weights: weights, random: &random)
        selection.questions = complete(selection.questions)
        let exam = ExamSession(questions: selection.questions, random: &random, timeLimit: timeLimit, passMark: passMark)
        return (exam, selection)
    }

    /// An exam that asks `questions` in the order given, each with its options in the order written: a
    /// fixed paper (`iamquiz exam --fixed-order`), which every learner takes alike.
    public init(fixedOrder questions: [Question], timeLimit: Double?, passMark: Int = ExamResult.passMark) {
        self.init(items: questions.map { Item(question: PresentedQuestion(question: $0, order: Array($0.options.indices))) },
                  timeLimit: timeLimit, passMark: passMark)
    }
}

extension QuestionSelector {
    /// Every keyed question of `bank`, in the bank's order (files in the order given, questions as written):
    /// what a fixed paper asks. Unkeyed questions cannot be graded and are counted in ``Selection/unkeyed``.
    public static func inBankOrder(_ bank: Bank) -> Selection {
        let keyed = bank.questions.filter { $0.key != .unkeyed }
        return Selection(questions: keyed, unkeyed: bank.questions.count - keyed.count, matching: keyed.count)
    }
}

extension PresentedQuestion {
    /// The question as shown: its options in display order, its key naming them there (what a paper writes).
    public var asShown: Question {
        question.reordered(by: order) ?? question
    }
}
