import ArgumentParser
import Diagnostics
import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
import TerminalUI

/// `iamquiz resume`: continue the latest practice or review session that was interrupted.
struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Continue the latest interrupted practice, review or exam session.",
        discussion: """
            Practice and review: the questions not yet answered come back in the same order, with their \
            options in the same order; answers go into the same session. An exam comes back with the answers \
            and flags given so far and the time it had left, and is graded when you finish.
            """
    )

    @OptionGroup var progress: ProgressOptions

    @Option(name: .customLong("bank"), help: "The bank the session used (default: the built-in bank; repeatable).")
    var banks: [String] = []

    func run() throws {
        let store = try progress.open()
        defer { ProgressOptions.reportDamage(store) }
        guard let session = try store.latestUnfinishedSession(), session.mode.isResumable, let sessionID = session.id else {
            Console.writeLines("Nothing to resume: no interrupted session. Start one with `iamquiz`.\n")
            return
        }
        let bank = BankAndScenarios.load(paths: banks)
        if session.mode == .exam {
            try resumeExam(session, sessionID: sessionID, store: store, bank: bank.loaded.bank)
            return
        }
        let remaining = try SessionRestore.remaining(sessionID: sessionID, store: store, bank: bank.loaded.bank)
        if remaining.missing > 0 {
            Console.error("note: \(counted(remaining.missing, "question")) of the session \(remaining.missing == 1 ? "is" : "are") no longer in the bank and left out")
        }
        guard !remaining.questions.isEmpty else {
            try store.finishSession(id: sessionID)
            Console.writeLines("Nothing to resume: every question of the last session was answered.\n")
            return
        }
        let recorder = try StudyRecorder(store: store, resuming: session)
        var loop = QuizLoop(session: QuizSession(presented: remaining.questions),
                            terminal: .standard(reader: SelectionOptions.reader(completions: QuizLoop.commands, store: store)))
        try loop.record(with: recorder, positions: remaining.positions)
        loop.verifyWith(bank.scenarios())
        let n = remaining.questions.count
        try ExitCode.unlessSuccess(try loop.run(
            intro: "iamquiz resume: \(counted(n, "question")) left of the \(session.mode) session of \(ISO8601DateFormatter().string(from: session.startedAt)).",
            recorder: recorder))
    }

    /// Rebuilds an exam from its saved questions, answers and flags, and runs it to the end.
    private func resumeExam(_ session: SessionRecord, sessionID: Int64, store: ProgressStore, bank: Bank) throws {
        let restored = try SessionRestore.exam(sessionID: sessionID, store: store, bank: bank)
        guard !restored.items.isEmpty else {
            try store.finishSession(id: sessionID)
            Console.writeLines("Nothing to resume: the exam's questions are no longer in the bank.\n")
            return
        }
        let recorder = try ExamRecorder(store: store, resuming: session, restored: restored)
        let answered = restored.items.filter { $0.answer != nil }.count
        let timeNote: String
        if let limit = session.timeLimitSeconds {
            let left = max(0, Int(limit - session.elapsedSeconds))
            timeNote = String(format: "%d:%02d left", left / 60, left % 60)
        } else {
            timeNote = "no time limit"
        }
        try Exam.run(ExamSession(items: restored.items, timeLimit: session.timeLimitSeconds), recorder: recorder, store: store,
                     intro: "iamquiz resume: the exam of \(ISO8601DateFormatter().string(from: session.startedAt)), "
                         + "\(answered) of \(restored.items.count) answered so far, \(timeNote).")
    }
}
