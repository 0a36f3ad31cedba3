import ArgumentParser
import Diagnostics
import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
import TerminalUI

/// `iamquiz [quiz]`: the default command, a quiz on the built-in bank or on `--bank` files.
struct Quiz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Run a quiz (the default command; also `iamquiz practice`).",
        discussion: """
            Shows one question at a time with its options shuffled and relabelled. Type the letters of \
            your answer (b, a c, a,c or ac); the key appears only after you commit. At the prompt: ? for \
            help, skip, flag (for `iamquiz review`), explain (the last answer's explanation again), q to quit. \
            Ctrl-D also ends the quiz with the score so far. Practice order: questions due for review first, then \
            new ones, then those most likely forgotten.
            """,
        aliases: ["practice"]
    )

    @OptionGroup var selection: SelectionOptions
    @OptionGroup var progress: ProgressOptions

    // `.unconditional`: `--count -3` is a count to refuse with a reason, not a missing value.
    @Option(parsing: .unconditional, help: "How many questions to ask.")
    var count: Int = 10

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
    }

    func run() throws {
        let store = try progress.open()
        defer { ProgressOptions.reportDamage(store) }
        var cards: [String: FSRSCard] = [:]
        for record in try store.allCards() { cards[record.questionID] = FSRSCard(record: record) }
        var prepared = try selection.prepare(count: count, cards: cards)
        let session = QuizSession(questions: prepared.selection.questions, random: &prepared.random)
        try Resume.noteUnfinished(in: store)
        let recorder = try StudyRecorder(store: store, mode: .practice, questions: session.questions,
                                         seed: prepared.seed, filter: prepared.description, banks: selection.banks)
        let reader = SelectionOptions.reader(completions: QuizLoop.commands, store: store)
        var loop = QuizLoop(session: session, terminal: .standard(reader: reader))
        try loop.record(with: recorder)
        let bank = prepared.bank
        loop.verifyWith(bank.scenarios())
        let asked = prepared.selection.questions.count
        var intro = "iamquiz: \(counted(asked, "question"))"
        if prepared.selection.matching > asked { intro += " of \(prepared.selection.matching)" }
        intro += prepared.description + ", seed \(prepared.seed)."
        try ExitCode.unlessSuccess(try loop.run(intro: intro, recorder: recorder))
    }
}
