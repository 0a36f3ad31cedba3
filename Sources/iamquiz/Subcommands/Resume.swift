import ArgumentParser
import Diagnostics
import Foundation
import QuizBank
import QuizEngine
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
        guard let session = try store.latestUnfinishedSession(), session.mode.isResumable,
              let sessionID = session.id else {
            Console.write("Nothing to resume: no interrupted session. Start one with `iamquiz`.\n")
            return
        }
        let bank = (banks.isEmpty ? BuiltinBank.load() : BankLoader().load(paths: banks)).bank
        if session.mode == .exam {
            try resumeExam(session, sessionID: sessionID, store: store, bank: bank)
            return
        }
        let byID = Dictionary(bank.questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var presented: [PresentedQuestion] = []
        var positions: [Int] = []
        var missing = 0
        for item in try store.sessionQuestions(sessionID: sessionID) where !item.isAnswered {
            guard let question = byID[item.questionID] else {
                missing += 1
                continue
            }
            // The stored order, unless the question's options changed since (then the written order).
            let valid = item.optionOrder.sorted() == Array(question.options.indices)
            presented.append(PresentedQuestion(question: question, order: valid ? item.optionOrder : Array(question.options.indices)))
            positions.append(item.position)
        }
        if missing > 0 {
            Console.error("note: \(counted(missing, "question")) of the session \(missing == 1 ? "is" : "are") no longer in the bank and left out")
        }
        guard !presented.isEmpty else {
            try store.finishSession(id: sessionID)
            Console.write("Nothing to resume: every question of the last session was answered.\n")
            return
        }
        let recorder = try StudyRecorder(store: store, resuming: session)
        var loop = QuizLoop(session: QuizSession(presented: presented),
                            reader: SelectionOptions.reader(completions: QuizLoop.commands, store: store),
                            style: Style(enabled: TerminalInfo.colorEnabled(fd: 1)), width: TerminalInfo.width(fd: 1),
                            write: { Console.write($0) })
        try loop.record(with: recorder, positions: positions)
        loop.verifyWith(SelectionOptions.scenarioLibrary(banks: banks))
        InterruptTrap.install()
        let n = presented.count
        try loop.run(intro: "iamquiz resume: \(counted(n, "question")) left of the \(session.mode) session of \(ISO8601DateFormatter().string(from: session.startedAt)).",
                     recorder: recorder)
    }

    /// Rebuilds an exam from its saved questions, answers and flags, and runs it to the end.
    private func resumeExam(_ session: SessionRecord, sessionID: Int64, store: ProgressStore, bank: Bank) throws {
        let byID = Dictionary(bank.questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pending = try store.pendingAnswers(sessionID: sessionID)
        var items: [ExamSession.Item] = []
        var positions: [Int] = []
        for saved in try store.sessionQuestions(sessionID: sessionID) {
            guard let question = byID[saved.questionID] else { continue }
            let valid = saved.optionOrder.sorted() == Array(question.options.indices)
            let presented = PresentedQuestion(question: question, order: valid ? saved.optionOrder : Array(question.options.indices))
            // Saved answers are bank letters: find where those options are shown.
            let answer = pending[saved.position].map { entry in
                entry.letters.split(separator: ",").compactMap { letter -> Int? in
                    guard let scalar = letter.unicodeScalars.first else { return nil }
                    let bankIndex = Int(scalar.value) - 65
                    return presented.order.firstIndex(of: bankIndex)
                }.sorted()
            }
            items.append(ExamSession.Item(question: presented, answer: answer, flagged: saved.isFlagged,
                                          seconds: pending[saved.position]?.seconds ?? 0))
            positions.append(saved.position)
        }
        guard !items.isEmpty else {
            try store.finishSession(id: sessionID)
            Console.write("Nothing to resume: the exam's questions are no longer in the bank.\n")
            return
        }
        let recorder = try StudyRecorder(store: store, resuming: session)
        let style = Style(enabled: TerminalInfo.colorEnabled(fd: 1))
        // The clock goes on from the time already spent (saved with every command), so a killed exam
        // does not get its time back.
        let spent = session.elapsedSeconds
        let clock = ExamClock(store: store, sessionID: sessionID, spentBefore: spent)
        let exam = ExamSession(items: items, timeLimit: session.timeLimitSeconds)
        var loop = ExamLoop(exam: exam, reader: SelectionOptions.reader(completions: ExamLoop.commands, store: store),
                            renderer: QuestionRenderer(style: style, width: TerminalInfo.width(fd: 1), write: { Console.write($0) }),
                            style: style, clock: { clock.elapsed })
        loop.onClock = { _ in try clock.save() }
        loop.onAnswer = { index, chosen, seconds in
            try store.savePendingAnswer(items[index].question.bankLetters(displayIndices: chosen), seconds: seconds,
                                        sessionID: sessionID, position: positions[index])
        }
        loop.onFlag = { index, flagged in try store.setFlagged(flagged, sessionID: sessionID, position: positions[index]) }
        InterruptTrap.install()
        let answered = items.filter { $0.answer != nil }.count
        let timeNote: String
        if let limit = session.timeLimitSeconds {
            let left = max(0, Int(limit - spent))
            timeNote = String(format: "%d:%02d left", left / 60, left % 60)
        } else {
            timeNote = "no time limit"
        }
        clock.start()
        let outcome = loop.run(intro: "iamquiz resume: the exam of \(ISO8601DateFormatter().string(from: session.startedAt)), "
            + "\(answered) of \(items.count) answered so far, \(timeNote).")
        try? clock.stop()
        guard let result = outcome else { throw loop.saveFailed ? ExitCode(1) : StopSignal.exitCode() }
        for (index, item) in loop.exam.items.enumerated() {
            guard let chosen = item.answer else { continue }
            try recorder.record(item.question, chosenDisplay: chosen, correct: result.lines[index].isCorrect,
                                seconds: item.seconds, retried: false, position: positions[index])
        }
        try recorder.finish()
    }
}
