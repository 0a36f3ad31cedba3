import QuizBank

extension PresentedQuestion {
    /// A question in the option order a session stored, unless its options changed since (then in the
    /// written order, which is all that can still be shown).
    public init(question: Question, storedOrder: [Int]) {
        let valid = storedOrder.sorted() == Array(question.options.indices)
        self.init(question: question, order: valid ? storedOrder : Array(question.options.indices))
    }
}

/// An interrupted session rebuilt from the progress store and the questions of a bank.
public enum SessionRestore {
    /// What is left of a practice or review session: the questions not answered yet, as they were shown.
    public struct Remaining: Sendable {
        public var questions: [PresentedQuestion]
        /// `positions[i]` is the place of `questions[i]` in the session.
        public var positions: [Int]
        /// Unanswered questions that are no longer in the bank, left out.
        public var missing: Int
        /// Unanswered questions whose text, options or key changed since the session started (by its
        /// ``SessionDigest``): they are asked as they read now.
        public var changed: Int = 0
    }

    /// An exam with the answers (ungraded), flags and time per question saved so far.
    public struct Exam: Sendable {
        public var items: [ExamSession.Item]
        /// `positions[i]` is the place of `items[i]` in the session.
        public var positions: [Int]
        /// Questions of the exam that are no longer in the bank, left out.
        public var missing: Int = 0
        /// Questions that changed since the exam started: asked as they read now, without the answer given to
        /// their old form (its letters may name other options now).
        public var changed: Int = 0
    }

    /// The unanswered questions of a practice or review session, in session order; those no longer in
    /// `bank` are counted in ``Remaining/missing``, and those that differ from `digest` (the session's
    /// ``SessionRecord/bankDigest``) in ``Remaining/changed``.
    public static func remaining(sessionID: Int64, store: ProgressStore, bank: Bank, digest: String? = nil) throws -> Remaining {
        let byID = questionsByID(bank)
        let digest = SessionDigest(text: digest)
        var remaining = Remaining(questions: [], positions: [], missing: 0)
        for saved in try store.sessionQuestions(sessionID: sessionID) where !saved.isAnswered {
            guard let question = byID[saved.questionID] else {
                remaining.missing += 1
                continue
            }
            if digest?.changed(question, at: saved.position) == true { remaining.changed += 1 }
            remaining.questions.append(PresentedQuestion(question: question, storedOrder: saved.optionOrder))
            remaining.positions.append(saved.position)
        }
        return remaining
    }

    /// Every question of an exam still in `bank`, with its saved answer (as display positions of the
    /// stored order), flag and seconds; a question that differs from `digest` (the session's
    /// ``SessionRecord/bankDigest``) comes back without its answer.
    public static func exam(sessionID: Int64, store: ProgressStore, bank: Bank, digest: String? = nil) throws -> Exam {
        let byID = questionsByID(bank)
        let digest = SessionDigest(text: digest)
        let pending = try store.pendingAnswers(sessionID: sessionID)
        var exam = Exam(items: [], positions: [])
        for saved in try store.sessionQuestions(sessionID: sessionID) {
            guard let question = byID[saved.questionID] else {
                exam.missing += 1
                continue
            }
            let presented = PresentedQuestion(question: question, storedOrder: saved.optionOrder)
            let changed = digest?.changed(question, at: saved.position) == true
            if changed { exam.changed += 1 }
            let answer = changed ? nil : pending[saved.position]
            exam.items.append(ExamSession.Item(question: presented, answer: answer.map { presented.displayIndices(bankLetters: $0.letters) },
                                               flagged: saved.isFlagged, seconds: pending[saved.position]?.seconds ?? 0))
            exam.positions.append(saved.position)
        }
        return exam
    }

    /// The first question of each id (a bank with duplicate ids has errors, but a resumed session still runs).
    private static func questionsByID(_ bank: Bank) -> [String: Question] {
        Dictionary(bank.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
