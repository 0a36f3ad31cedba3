import ArgumentParser
import Foundation
import QuizBank
import QuizEngine
import TerminalUI

/// `iamquiz resume`: continue the latest practice or review session that was interrupted.
struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Continue the latest interrupted practice or review session.",
        discussion: """
            The questions not yet answered come back in the same order, with their options in the same \
            order; answers go into the same session. Exams are graded when they end, so they are not resumed.
            """
    )

    @OptionGroup var progress: ProgressOptions

    @Option(name: .customLong("bank"), help: "The bank the session used (default: the built-in bank; repeatable).")
    var banks: [String] = []

    func run() throws {
        let store = try progress.open()
        guard let session = try store.latestUnfinishedSession(), session.mode == "practice" || session.mode == "review",
              let sessionID = session.id else {
            Console.write("Nothing to resume: no interrupted practice or review session. Start one with `iamquiz`.\n")
            return
        }
        let bank = (banks.isEmpty ? BuiltinBank.load() : BankLoader().load(paths: banks)).bank
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
            Console.error("note: \(missing) question(s) of the session are no longer in the bank and are left out")
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
        loop.onGraded = { presented, index, chosen, correct, seconds, retried in
            try recorder.record(presented, chosenDisplay: chosen, correct: correct, seconds: seconds, retried: retried,
                                position: positions[index])
        }
        InterruptTrap.install()
        let n = presented.count
        if loop.run(intro: "iamquiz resume: \(n) question\(n == 1 ? "" : "s") left of the \(session.mode) session of \(ISO8601DateFormatter().string(from: session.startedAt)).") {
            try recorder.finish()
        }
    }
}
