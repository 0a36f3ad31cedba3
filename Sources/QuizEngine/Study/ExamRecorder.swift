import Foundation

/// Keeps an exam in the progress store, for a new exam and a resumed one alike.
///
/// The session and its questions are saved when the exam starts; each answer (ungraded, as bank letters)
/// and each flag as it is given; the clock with every command and in the background (``ExamClock``). A
/// killed exam keeps all of that, and ``SessionRestore/exam(sessionID:store:bank:)`` brings it back. Only
/// at the end does ``record(_:of:at:)`` grade the answers into the log, each with its FSRS card, and close the
/// session.
public final class ExamRecorder: Sendable {
    private let recorder: StudyRecorder
    /// The exam's questions as shown, by their place in the exam.
    private let questions: [PresentedQuestion]
    /// `positions[i]` is the place of the exam's question `i` in the session (a resumed exam may have lost some).
    private let positions: [Int]
    private let clock: ExamClock?
    private let started = Date()

    /// Starts a session for a new exam on the questions of the bank files or folders `banks` (none for the
    /// built-in bank), which the session keeps for `iamquiz resume`, following `blueprint` (its name, or a
    /// file's path; stored with the session for `resume` and the list of exams).
    public init(store: ProgressStore, exam: ExamSession, seed: UInt64?, filter: String, banks: [String] = [],
                blueprint: String? = nil,
                scheduler: FSRSScheduler = FSRSScheduler()) throws {
        questions = exam.items.map(\.question)
        recorder = try StudyRecorder(store: store, mode: .exam, questions: questions, seed: seed, filter: filter,
                                     timeLimitSeconds: exam.timeLimit, banks: banks, blueprint: blueprint, scheduler: scheduler)
        positions = Array(questions.indices)
        clock = recorder.sessionID.map { ExamClock(store: store, sessionID: $0) }
    }

    /// Continues the exam `session`, restored as `restored`; its clock goes on from the time already spent,
    /// so a killed exam does not get its time back.
    public init(store: ProgressStore, resuming session: SessionRecord, restored: SessionRestore.Exam,
                scheduler: FSRSScheduler = FSRSScheduler()) throws {
        questions = restored.items.map(\.question)
        recorder = try StudyRecorder(store: store, resuming: session, scheduler: scheduler)
        positions = restored.positions
        clock = session.id.map { ExamClock(store: store, sessionID: $0, spentBefore: session.elapsedSeconds) }
    }

    public var sessionID: Int64? { recorder.sessionID }

    /// Seconds spent in the exam so far.
    public var elapsed: Double { clock?.elapsed ?? Date().timeIntervalSince(started) }

    /// Saves the answer to the exam's question `index` (display positions) and the seconds spent on it so far.
    public func saveAnswer(_ chosen: [Int], seconds: Double, at index: Int) throws {
        guard let sessionID else { return }
        try recorder.store.savePendingAnswer(questions[index].bankLetters(displayIndices: chosen), seconds: seconds,
                                             sessionID: sessionID, position: positions[index])
    }

    /// Saves the flag of the exam's question `index`.
    public func saveFlag(_ flagged: Bool, at index: Int) throws {
        guard let sessionID else { return }
        try recorder.store.setFlagged(flagged, sessionID: sessionID, position: positions[index])
    }

    /// Saves the time spent now.
    public func saveClock() throws { try clock?.save() }

    /// Starts saving the clock in the background.
    public func startClock() { clock?.start() }

    /// Stops the background saves and saves the final time.
    public func stopClock() throws { try clock?.stop() }

    /// Grades the exam into the log: each answered question with its FSRS card (unanswered ones are not
    /// reviews), then closes the session with its ``ExamReport`` (kept for `iamquiz exams`). `exam` is the
    /// finished exam and `result` its grading.
    public func record(_ result: ExamResult, of exam: ExamSession, at date: Date = Date()) throws {
        for (index, item) in exam.items.enumerated() {
            guard let chosen = item.answer else { continue }
            try recorder.record(item.question, chosenDisplay: chosen, correct: result.lines[index].isCorrect,
                                seconds: item.seconds, retried: false, position: positions[index], at: date)
        }
        guard let sessionID else { return }
        // The blueprint is set when the exam starts; the report names it so the history can show it.
        let blueprint = try recorder.store.session(id: sessionID)?.blueprint
        let report = ExamReport(result: result, of: exam, secondsUsed: elapsed, blueprint: blueprint)
        try recorder.store.finishExam(id: sessionID, report: try report.json(), endedAt: date)
    }
}
