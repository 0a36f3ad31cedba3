import ArgumentParser
import Diagnostics
import FileAccess
import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
import TerminalUI

/// `iamquiz exam`: a timed exam with no feedback until the end.
struct Exam: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take a timed exam: no feedback until the end, then a scaled score out of 1000.",
        discussion: """
            Like the AWS exams: answers can be changed and questions flagged and revisited until you \
            finish; the result is a score from 100 to 1000 with a per-topic breakdown, then every question \
            with its explanations. The score maps the fraction right linearly (100 + 900 × right / \
            questions); AWS does not publish its own scaling.

            The format comes from a blueprint: saa-c03 (65 questions, 130 minutes; the default), sap-c02 \
            (75, 180; the default with --level professional), scs-c02 (65, 170), or an instructor's file \
            (docs/blueprint-format.md). Questions are drawn per topic by its weights. `q` leaves the exam \
            for `iamquiz resume`; `finish` submits it.

            A fixed paper for a class: `--export iqb -o paper.iqb` writes the exam these options and --seed \
            draw (the questions in order, each with its options in the order shown) instead of starting it, \
            with a header that names the blueprint, the seed and the command learners type: `iamquiz exam \
            --bank paper.iqb --fixed-order --blueprint NAME`. --fixed-order asks every question of the bank in \
            the file's order with its options as written (no --count, --topic, --level or --seed); the exam is \
            recorded, resumed and listed as any other. `--export gift` writes the paper for Moodle.
            """
    )

    @OptionGroup var selection: SelectionOptions
    @OptionGroup var progress: ProgressOptions

    @Option(parsing: .unconditional, help: "How many questions (default: the blueprint's).")
    var count: Int?

    @Option(parsing: .unconditional, help: "The time limit in minutes, fractions allowed, 0 for none (default: the blueprint's).")
    var minutes: Double?

    @Option(help: ArgumentHelp("The exam's format: saa-c03, sap-c02, scs-c02 or a blueprint file; `list` shows them.",
                               valueName: "name|file|list"), completion: .custom(Completions.blueprints))
    var blueprint: String?

    @Option(name: .customLong("show-blueprint"), help: ArgumentHelp("Print a built-in blueprint, to copy and edit.", valueName: "name"),
            completion: .custom(Completions.blueprints))
    var showBlueprint: String?

    @Flag(name: .customLong("fixed-order"),
          help: "Ask every question of the bank in file order, options as written: a paper from --export.")
    var fixedOrder = false

    @Option(help: ArgumentHelp("Write the exam as a paper instead of starting it: iqb (a bank to take with --fixed-order) or gift (Moodle).",
                               valueName: "iqb|gift"))
    var export: ExamPaper.Format?

    @Option(name: .shortAndLong, help: "With --export: the paper file to write.")
    var output: String?

    @Flag(help: "With --export and -o: replace the file if it exists.")
    var force = false

    func validate() throws {
        try validatePaper()
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if let minutes, !(minutes.isFinite && minutes >= 0 && minutes <= 100_000) {
            throw ValidationError("--minutes must be a number from 0 (no limit) to 100000")
        }
    }

    func run() throws {
        if let name = showBlueprint {
            guard let text = Blueprint.builtinText(named: name) else { throw Self.unknownBlueprint(name) }
            Console.write(text)
            return
        }
        if blueprint?.lowercased() == "list" {
            Console.writeLines(Self.blueprintList())
            return
        }
        let bank = try SelectionOptions.load(banks: selection.banks, topics: selection.topics)
        // A fixed paper is not drawn by topic: the blueprint gives only its name, time limit and pass mark.
        let (format, stored) = try Self.blueprint(blueprint, level: selection.level, bank: fixedOrder ? nil : bank.outline)
        let minutes = self.minutes ?? format.minutes
        let timeLimit = minutes == 0 ? nil : minutes * 60
        let exam: ExamSession
        let seed: UInt64?
        let description: String
        if fixedOrder {
            (exam, description) = try fixedPaper(bank.loaded.bank, timeLimit: timeLimit, passMark: format.passMark)
            seed = nil
        } else {
            let drawnSeed = selection.seed ?? SelectionOptions.randomSeed()
            // A bank of one's own is not an AWS exam: without --blueprint or --level, its questions of every level
            // are drawn (in the default format's count and time); the built-in bank keeps the format's level.
            let level = selection.level ?? (blueprint == nil && !selection.banks.isEmpty ? nil : format.level)
            let filter = QuizFilter(level: level, topics: selection.topics, count: count ?? format.questionCount)
            // Drawn among outlines: only the questions drawn are read whole.
            let drawn = ExamSession.drawn(from: bank.outline, filter: filter, weights: format.topicWeights, seed: drawnSeed,
                                          timeLimit: timeLimit, passMark: format.passMark, complete: bank.complete)
            try SelectionOptions.requireMatches(drawn.selection, description: filter.inWords)
            if let export, let output {
                return try writePaper(drawn.exam, as: export, to: output, blueprint: (format, stored), seed: drawnSeed,
                                      minutes: minutes, source: filter.inWords)
            }
            (exam, seed, description) = (drawn.exam, drawnSeed, filter.inWords)
        }
        let store = try progress.open()
        defer { ProgressOptions.reportDamage(store) }
        try Resume.noteUnfinished(in: store)
        let recorder = try ExamRecorder(store: store, exam: exam, seed: seed, filter: description, banks: selection.banks,
                                        blueprint: stored)
        try Self.run(exam, recorder: recorder, store: store,
                     intro: "iamquiz exam \(TextSanitizer.clean(format.name))"
                         + (format.title == format.name ? ": " : " (\(TextSanitizer.clean(format.title))): ")
                         + "\(counted(exam.items.count, "question"))\(description), "
                         + (minutes == 0 ? "no time limit" : "\(minutes.formatted(.number.precision(.fractionLength(0...2)))) minutes")
                         + ", pass mark \(format.passMark)" + (seed.map { ", seed \($0)." } ?? "."))
    }

    /// The blueprint to follow and what the session stores of it: a built-in one by name (by `level` when
    /// none is named), or a file (its topics checked against `bank` unless it is nil), stored by its full path.
    static func blueprint(_ argument: String?, level: Level?, bank: Bank?) throws -> (Blueprint, String) {
        let name = argument ?? Blueprint.defaultName(for: level)
        if let builtin = Blueprint.builtin(named: name) { return (builtin, builtin.name) }
        guard name.contains("/") || name.hasSuffix(".blueprint") || FileManager.default.fileExists(atPath: name) else {
            throw unknownBlueprint(name)
        }
        let text: String
        switch InputFile.readText(name) {
        case .success(let read): text = read
        case .failure(let error):
            Console.error("error: cannot read the blueprint \(TextSanitizer.clean(name)): \(error)")
            throw ExitCode(1)
        }
        let parsed = BlueprintParser.parse(text, file: name)
        var problems = parsed.diagnostics
        if let blueprint = parsed.blueprint, let bank { problems += blueprint.unknownTopics(in: bank) }
        guard let blueprint = parsed.blueprint, !problems.hasErrors else {
            DiagnosticPrinter { $0 == name ? text : nil }.print(problems)
            Console.error("error: the blueprint has errors; see docs/blueprint-format.md")
            throw ExitCode(1)
        }
        return (blueprint, URL(fileURLWithPath: name).standardizedFileURL.path)
    }

    /// A blueprint name that is neither built in nor a file, with the closest name: a usage error (exit 2)
    /// said in one line (thrown as a ValidationError from `run`, it would come with the usage of `iamquiz`).
    static func unknownBlueprint(_ name: String) -> ExitCode {
        let names = Blueprint.builtin.map(\.name)
        let hint = closestMatch(to: name.lowercased(), in: names).map { "; did you mean `\($0)`?" } ?? ""
        Console.error("error: no blueprint `\(TextSanitizer.clean(name))`\(hint)\n"
            + "help: `iamquiz exam --blueprint list` lists them; a file name needs a `/` or the `.blueprint` extension")
        return ExitCode(2)
    }

    /// `--blueprint list`: each built-in blueprint in one line, and how they are chosen.
    static func blueprintList() -> String {
        var text = "Exam blueprints (`iamquiz exam --blueprint NAME`):\n"
        for blueprint in Blueprint.builtin {
            text += "  \(blueprint.name)  \(blueprint.questionCount) questions, \(Int(blueprint.minutes)) minutes, "
                + "\(blueprint.level.rawValue), pass mark \(blueprint.passMark): \(blueprint.title)\n"
        }
        return text + "Without --blueprint: sap-c02 with --level professional, else saa-c03. "
            + "`iamquiz exam --show-blueprint NAME` prints one to copy and edit (docs/blueprint-format.md).\n"
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
