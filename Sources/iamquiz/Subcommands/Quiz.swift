import ArgumentParser
import Diagnostics
import Drills
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
            Ctrl-D also ends the quiz with the score so far. After the feedback on a terminal, Enter goes on; \
            guess (a right answer by luck) or again, hard, good, easy rate the answer yourself. A question answered \
            wrong comes back later in the quiz (counted once in the score). Practice order: questions due for \
            review first, then new ones up to --new-per-day, then those most likely forgotten. --drills N mixes N \
            generated drills (see `iamquiz drill`) among them, their skills due first.
            """,
        aliases: ["practice"]
    )

    @OptionGroup var selection: SelectionOptions
    @OptionGroup var progress: ProgressOptions

    // `.unconditional`: `--count -3` is a count to refuse with a reason, not a missing value.
    @Option(parsing: .unconditional, help: "How many questions to ask.")
    var count: Int = 10

    @Option(name: .customLong("new-per-day"), parsing: .unconditional,
            help: "New questions a day at most (default \(PracticeOutlook.defaultNewPerDay); 0 for none). Kept for the profile's later runs.")
    var newPerDay: Int?

    @Option(parsing: .unconditional,
            help: "Generated drills to mix among the questions (as `iamquiz drill` writes them, skills due first; default 0).")
    var drills: Int = 0

    func validate() throws {
        guard drills >= 0 else { throw ValidationError("--drills must be 0 or more, not `\(drills)`") }
        if drills > 0, let level = selection.level, !DrillFamilies.all.contains(where: { $0.levels.contains(level) }) {
            throw ValidationError("no drill family writes \(level.rawValue) drills")
        }
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        if let newPerDay, newPerDay < 0 { throw ValidationError("--new-per-day must be 0 or more, not `\(newPerDay)`") }
    }

    func run() throws {
        let store = try progress.open()
        defer { ProgressOptions.reportDamage(store) }
        let cards = try store.cardsByID()
        if let newPerDay { try store.setNewPerDay(newPerDay) }
        let limit = try newPerDay ?? store.newPerDay() ?? PracticeOutlook.defaultNewPerDay
        let now = Date()
        let introduced = try store.questionsFirstAnswered(since: LocalTime.current.startOfDay(now))
        var prepared = try selection.prepare(count: count, cards: cards, newLimit: max(0, limit - introduced), now: now)
        let outlook = PracticeOutlook(bank: prepared.bank.outline, filter: QuizFilter(level: selection.level, topics: selection.topics),
                                      cards: cards, newPerDay: limit, introducedToday: introduced, now: now)
        guard !prepared.selection.questions.isEmpty else {
            Console.write("Nothing to practise\(prepared.description): \(outlook.line). "
                + "`--new-per-day N` lets more new questions in today.\n")
            return
        }
        // Drills from every family that writes for the level, their own streams from the run's seed.
        let mixed = drills == 0 ? nil : DrillsInSession(
            families: DrillFamilies.all.filter { selection.level == nil || $0.levels.contains(selection.level!) },
            level: selection.level, count: drills, seed: prepared.seed, cards: cards, now: now)
        let questions = DrillPlan.interleave(prepared.selection.questions, drills: mixed?.drills.map(\.question) ?? [])
        let session = QuizSession(questions: questions, random: &prepared.random)
        try Resume.noteUnfinished(in: store)
        let recorder = try StudyRecorder(store: store, mode: .practice, questions: session.questions,
                                         seed: prepared.seed, filter: prepared.description, banks: selection.banks)
        let reader = SelectionOptions.reader(completions: QuizLoop.commands, store: store)
        var loop = QuizLoop(session: session, terminal: .standard(reader: reader))
        try loop.record(with: recorder)
        let bank = prepared.bank
        loop.verifyWith(bank.scenarios(named:))
        if let mixed { DrillsInSession.verify(&loop, drills: mixed.drills) }
        let asked = prepared.selection.questions.count
        var intro = "iamquiz: \(counted(asked, "question"))"
        if prepared.selection.matching > asked { intro += " of \(prepared.selection.matching)" }
        if let mixed { intro += " and \(counted(drills, "drill")) (\(mixed.plan.summary))" }
        intro += prepared.description + ", seed \(prepared.seed). " + outlook.line.prefix(1).uppercased() + outlook.line.dropFirst() + "."
        try ExitCode.unlessSuccess(try loop.run(intro: intro, recorder: recorder))
    }
}
