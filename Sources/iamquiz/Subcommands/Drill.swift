import ArgumentParser
import Diagnostics
import Drills
import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
import TerminalUI

/// `iamquiz drill`: a quiz on questions the simulator writes and keys as they are asked, so that answers
/// cannot be learned by heart.
struct Drill: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Practise on fresh questions that the policy simulator writes and keys itself.",
        discussion: """
            Every drill is new: policies and requests are drawn from the families named (all by default), and the \
            key and each option's explanation come from evaluating every request. The same --seed (and the same \
            progress) gives the same drills. `iamquiz drill --list` shows the families. The quiz works as \
            `iamquiz quiz` does, `verify` included. Progress is kept per skill (a family at a level): FSRS schedules \
            the skill, and a run asks the skills due first, then new ones, then the weakest; each answer keeps its \
            drill's id, which `iamquiz show` writes again (drill sessions are not resumed). `--export gift -o FILE` \
            writes the drills as Moodle questions and `--export iqb -o DIR` as a bank folder with a scenario per \
            question, whose keys `iamquiz check DIR` re-proves; neither asks anything nor touches progress.
            """
    )

    @Argument(help: "Drill families to draw from (default: all; see --list).", completion: .custom(Completions.drillFamilies))
    var families: [String] = []

    @Flag(help: "List the drill families with their levels and topics, and exit.")
    var list = false

    @Option(help: "Only drills of this level: associate or professional.")
    var level: Level?

    @Option(parsing: .unconditional, help: "How many drills to ask.")
    var count: Int = 10

    @Option(help: "Seed of the drills and of the order of options, to repeat a drill run exactly.")
    var seed: UInt64?

    @OptionGroup var progress: ProgressOptions

    // Export (see Drill+Export.swift): write the drills for a class instead of asking them.
    @Option(help: "Write the drills instead of asking them: gift (Moodle questions) or iqb (a bank folder with a scenario per question).")
    var export: DrillExportFormat?

    @Option(name: .shortAndLong, help: "With --export: the GIFT file (default: standard output) or the bank folder to write.")
    var output: String?

    @Flag(help: "With --export and -o: replace the files if they exist.")
    var force = false

    // Drill templates (`--bank`, docs/drill-format.md): their families are offered beside the built-in ones,
    // and are the default when no family is named. Loaded by DrillTemplateFiles.
    @Option(name: .customLong("bank"), help: ArgumentHelp(
        "A folder or .iqd file of drill templates, offered as families beside the built-in ones (repeatable).",
        discussion: "Without family names, the drills come from these templates."))
    var banks: [String] = []

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        _ = try chosenFamilies()
        try validateExport()
    }

    /// The families named (all when none is), checked against the level; a usage error (exit 2) names the
    /// nearest family for a mistyped one.
    func chosenFamilies() throws -> [DrillFamily] {
        var chosen: [DrillFamily] = []
        let templates = try DrillTemplateFiles.families(banks: banks)
        let offered = DrillFamilies.all + templates
        for name in families {
            guard let family = offered.first(where: { $0.name == name }) else {
                let hint = closestMatch(to: name, in: offered.map(\.name)).map { "did you mean `\($0)`?" }
                    ?? "the families are: " + offered.map(\.name).joined(separator: ", ")
                throw ValidationError("no drill family `\(TextSanitizer.visible(name))`; \(hint)")
            }
            if !chosen.contains(where: { $0.name == family.name }) { chosen.append(family) }
        }
        if chosen.isEmpty { chosen = banks.isEmpty ? DrillFamilies.all : templates }
        if let level {
            let fitting = chosen.filter { $0.levels.contains(level) }
            guard !fitting.isEmpty else {
                throw ValidationError("drill family `\(chosen[0].name)` has no \(level.rawValue) drills (levels: "
                    + chosen[0].levels.map(\.rawValue).joined(separator: ", ") + ")")
            }
            if fitting.count < chosen.count, !families.isEmpty {
                let left = chosen.filter { !$0.levels.contains(level) }.map(\.name)
                throw ValidationError("drill famil\(left.count == 1 ? "y" : "ies") \(left.map { "`\($0)`" }.joined(separator: ", ")) "
                    + "\(left.count == 1 ? "has" : "have") no \(level.rawValue) drills")
            }
            chosen = fitting
        }
        return chosen
    }

    func run() throws {
        if list {
            Console.write(Self.listing(DrillFamilies.all + (try DrillTemplateFiles.families(banks: banks))))
            return
        }
        let chosen = try chosenFamilies()
        let seed = self.seed ?? SelectionOptions.randomSeed()
        if let export {
            // Exporting asks nothing and leaves the progress alone.
            return try exportDrills(chosen, format: export, seed: seed)
        }
        let store = try progress.open()
        defer { ProgressOptions.reportDamage(store) }
        // MARK: skills (issue 14, part 3): the families' skills due first, then new, then the weakest.
        let planned = DrillsInSession(families: chosen, level: level, count: count, seed: seed, cards: try store.cardsByID())
        var random = SeededRandom(seed: seed)
        let session = QuizSession(questions: planned.drills.map(\.question), random: &random)
        try Resume.noteUnfinished(in: store)
        let names = chosen.count == DrillFamilies.all.count ? "all families" : chosen.map(\.name).joined(separator: ", ")
        let filter = " (drills: \(names)\(level.map { ", \($0.rawValue)" } ?? ""))"
        // Its own mode, which `resume` does not continue: the drills exist only in this run.
        let recorder = try StudyRecorder(store: store, mode: .other("drill"), questions: session.questions, seed: seed, filter: filter)
        let reader = SelectionOptions.reader(completions: QuizLoop.commands, store: store)
        var loop = QuizLoop(session: session, terminal: .standard(reader: reader))
        try loop.record(with: recorder)
        DrillsInSession.verify(&loop, drills: planned.drills)
        let intro = "iamquiz drill: \(counted(count, "new question"))\(filter), seed \(seed); \(planned.plan.summary) "
            + "(a skill is a family at a level)."
        try ExitCode.unlessSuccess(try loop.run(intro: intro, recorder: recorder))
    }

    /// `--list`: one family a line (name, levels, title), its topics under it.
    static func listing(_ families: [DrillFamily] = DrillFamilies.all) -> String {
        let width = families.map(\.name.count).max() ?? 0
        return families.map { family in
            let name = family.name.padding(toLength: width, withPad: " ", startingAt: 0)
            return "\(name)  \(family.levels.map(\.rawValue).joined(separator: ", ")): \(TextSanitizer.clean(family.title))\n"
                + String(repeating: " ", count: width + 2) + "topics: \(family.topics.joined(separator: ", "))\n"
        }.joined()
    }
}
