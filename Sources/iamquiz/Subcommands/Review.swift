import ArgumentParser
import Foundation
import QuizBank
import QuizEngine
import TerminalUI

/// `iamquiz review`: the questions answered wrong recently, or all questions of some topics.
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review the questions you answered wrong recently (or every question of --topic).",
        discussion: """
            Without --topic: the questions whose latest answer in the last --days days was wrong, most \
            recently missed first. With --topic: every question of those topics. Answers are recorded and \
            scheduled like practice answers.
            """
    )

    @Option(name: .customLong("topic"), help: "Review every question with this topic (repeatable).")
    var topics: [String] = []

    @Option(help: "How far back to look for wrong answers, in days.")
    var days: Int = 14

    @Option(help: "How many questions at most.")
    var count: Int = 20

    @Option(name: .customLong("bank"), help: "A bank file or folder instead of the built-in bank (repeatable).")
    var banks: [String] = []

    @Option(help: "Seed for the order of options.")
    var seed: UInt64?

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        guard days >= 1 else { throw ValidationError("--days must be at least 1") }
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
    }

    func run() throws {
        let store = try progress.open()
        defer { ProgressOptions.reportDamage(store) }
        // Reuse the selection checks (bank errors, unknown topics) with every matching question.
        let selection = try SelectionOptions.parse((banks.flatMap { ["--bank", $0] }) + (topics.flatMap { ["--topic", $0] })
            + (seed.map { ["--seed", String($0)] } ?? []))
        var prepared = try selection.prepare(count: Int.max)
        var questions = prepared.selection.questions
        var description = prepared.description
        if topics.isEmpty {
            let missed = try store.recentlyMissed(since: Date().addingTimeInterval(-Double(days) * 86_400))
            let byID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            questions = missed.compactMap { byID[$0] }
            description = " (missed in the last \(days) day\(days == 1 ? "" : "s"))"
            guard !questions.isEmpty else {
                Console.write("Nothing to review: no question answered wrong in the last \(days) days. Try `iamquiz` to practise.\n")
                return
            }
        }
        questions = Array(questions.prefix(count))
        let session = QuizSession(questions: questions, random: &prepared.random)
        let recorder = try StudyRecorder(store: store, mode: "review", questions: session.questions, seed: prepared.seed,
                                         filter: description)
        var loop = QuizLoop(session: session, reader: SelectionOptions.reader(completions: QuizLoop.commands, store: store),
                            style: Style(enabled: TerminalInfo.colorEnabled(fd: 1)), width: TerminalInfo.width(fd: 1),
                            write: { Console.write($0) })
        loop.onGraded = { presented, position, chosen, correct, seconds, retried in
            try recorder.record(presented, chosenDisplay: chosen, correct: correct, seconds: seconds, retried: retried,
                                position: position)
        }
        InterruptTrap.install()
        let n = questions.count
        if loop.run(intro: "iamquiz review: \(n) question\(n == 1 ? "" : "s")\(description).") { try recorder.finish() }
    }
}
