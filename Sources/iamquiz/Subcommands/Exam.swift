import ArgumentParser
import Diagnostics
import Foundation
import QuizEngine
import TerminalUI

/// `iamquiz exam`: a timed exam with no feedback until the end.
struct Exam: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take a timed exam: no feedback until the end, then a scaled score out of 1000.",
        discussion: """
            Like the AWS exams: answers can be changed and questions flagged and revisited until you \
            finish; the result is a score from 100 to 1000 (pass mark 720) with a per-topic breakdown, then \
            every question with its explanations. The score maps the fraction right linearly \
            (100 + 900 × right / questions); AWS does not publish its own scaling.
            """
    )

    @OptionGroup var selection: SelectionOptions
    @OptionGroup var progress: ProgressOptions

    @Option(help: "How many questions (AWS's associate exams have 65).")
    var count: Int = 65

    @Option(help: "The time limit in minutes, fractions allowed (0 for none).")
    var minutes: Double = 130

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        guard minutes.isFinite, minutes >= 0, minutes <= 100_000 else {
            throw ValidationError("--minutes must be a number from 0 (no limit) to 100000")
        }
    }

    func run() throws {
        let store = try progress.open()
        defer { ProgressOptions.reportDamage(store) }
        var prepared = try selection.prepare(count: count)
        let limit: Double? = minutes == 0 ? nil : minutes * 60
        let exam = ExamSession(questions: prepared.selection.questions, random: &prepared.random, timeLimit: limit)
        // The session and each answer are saved as they happen (ungraded), so a killed exam keeps them.
        let recorder = try StudyRecorder(store: store, mode: .exam, questions: exam.items.map(\.question),
                                         seed: prepared.seed, filter: prepared.description, timeLimitSeconds: limit)
        let style = Style(enabled: TerminalInfo.colorEnabled(fd: 1))
        let start = Date()
        let clock = recorder.sessionID.map { ExamClock(store: store, sessionID: $0) }
        var loop = ExamLoop(exam: exam, reader: SelectionOptions.reader(completions: ExamLoop.commands, store: store),
                            renderer: QuestionRenderer(style: style, width: TerminalInfo.width(fd: 1), write: { Console.write($0) }),
                            style: style, clock: { clock?.elapsed ?? Date().timeIntervalSince(start) })
        if let sessionID = recorder.sessionID {
            loop.onAnswer = { position, chosen, seconds in
                try store.savePendingAnswer(exam.items[position].question.bankLetters(displayIndices: chosen), seconds: seconds,
                                            sessionID: sessionID, position: position)
            }
            loop.onFlag = { position, flagged in try store.setFlagged(flagged, sessionID: sessionID, position: position) }
            loop.onClock = { _ in try clock?.save() }
        }
        InterruptTrap.install()
        clock?.start()
        let n = prepared.selection.questions.count
        let outcome = loop.run(intro: "iamquiz exam: \(counted(n, "question"))\(prepared.description), "
            + (minutes == 0 ? "no time limit" : "\(minutes.formatted(.number.precision(.fractionLength(0...2)))) minutes") + ", seed \(prepared.seed).")
        try? clock?.stop()
        guard let result = outcome else { throw loop.saveFailed ? ExitCode(1) : StopSignal.exitCode() }
        // Graded at the end: each answer goes into the log with its FSRS card, then the session closes.
        for (position, item) in loop.exam.items.enumerated() {
            guard let chosen = item.answer else { continue }
            try recorder.record(item.question, chosenDisplay: chosen, correct: result.lines[position].isCorrect,
                                seconds: item.seconds, retried: false, position: position)
        }
        try recorder.finish()
    }
}
