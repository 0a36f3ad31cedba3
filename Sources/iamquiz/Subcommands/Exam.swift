import ArgumentParser
import Diagnostics
import Foundation
import QuizEngine
import QuizFrontend
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

    @Option(parsing: .unconditional, help: "How many questions (AWS's associate exams have 65).")
    var count: Int = 65

    @Option(parsing: .unconditional, help: "The time limit in minutes, fractions allowed (0 for none).")
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
        let exam = ExamSession(questions: prepared.selection.questions, random: &prepared.random,
                               timeLimit: minutes == 0 ? nil : minutes * 60)
        try Resume.noteUnfinished(in: store)
        let recorder = try ExamRecorder(store: store, exam: exam, seed: prepared.seed, filter: prepared.description,
                                        banks: selection.banks)
        let n = prepared.selection.questions.count
        try Self.run(exam, recorder: recorder, store: store, intro: "iamquiz exam: \(counted(n, "question"))\(prepared.description), "
            + (minutes == 0 ? "no time limit" : "\(minutes.formatted(.number.precision(.fractionLength(0...2)))) minutes") + ", seed \(prepared.seed).")
    }

    /// Runs an exam, new or resumed, with `recorder` saving it as it goes, and grades it into the progress
    /// store at the end; ends the command with exit 1 when something could not be saved, and with 128 + N
    /// after a stop signal (the exam is then left to `iamquiz resume`).
    static func run(_ exam: ExamSession, recorder: ExamRecorder, store: ProgressStore, intro: String) throws {
        let terminal = Terminal.standard(reader: SelectionOptions.reader(completions: ExamLoop.commands, store: store))
        var loop = ExamLoop(exam: exam, terminal: terminal, spent: recorder.elapsed)
        try ExitCode.unlessSuccess(try loop.run(intro: intro, recorder: recorder))
    }
}
