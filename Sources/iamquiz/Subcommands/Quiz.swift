import ArgumentParser
import Diagnostics
import Foundation
import QuizBank
import QuizEngine
import TerminalUI

/// `iamquiz [quiz]`: the default command, a quiz on the built-in bank or on `--bank` files.
struct Quiz: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a quiz (the default command).",
        discussion: """
            Shows one question at a time with its options shuffled and relabelled. Type the letters of \
            your answer (b, a c, a,c or ac); the key appears only after you commit. At the prompt: ? for \
            help, skip, q to quit. Ctrl-D also ends the quiz with the score so far.
            """
    )

    @Option(help: "Only questions of this level: associate or professional.")
    var level: Level?

    @Option(name: .customLong("topic"), help: "Only questions with this topic (repeatable: any of them).")
    var topics: [String] = []

    @Option(help: "How many questions to ask.")
    var count: Int = 10

    @Option(name: .customLong("bank"), help: "A bank file or folder to use instead of the built-in bank (repeatable).")
    var banks: [String] = []

    @Option(help: "Seed for the order of questions and options, to repeat a quiz exactly.")
    var seed: UInt64?

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
    }

    func run() throws {
        let loaded = banks.isEmpty ? BuiltinBank.load() : BankLoader().load(paths: banks)
        if loaded.diagnostics.hasErrors {
            let renderer = DiagnosticRenderer(color: TerminalInfo.colorEnabled(fd: 2))
            for d in Diagnostic.sortedForDisplay(loaded.diagnostics) where d.severity == .error {
                Console.error(renderer.render(d, sourceLines: loaded.sourceLines(of: d.file)))
            }
            Console.error("error: the bank has errors; fix them (see `iamquiz check`) before starting a quiz")
            throw ExitCode(1)
        }
        let known = loaded.bank.topics
        for topic in topics where !known.contains(topic) {
            let hint = closestMatch(to: topic, in: known).map { "; did you mean `\($0)`?" } ?? "; the topics are: \(known.joined(separator: ", "))"
            throw ValidationError("unknown topic `\(TextSanitizer.clean(topic))`\(hint)")
        }

        let seed = self.seed ?? UInt64.random(in: 1...999_999)
        var random = SeededRandom(seed: seed)
        let filter = QuizFilter(level: level, topics: topics, count: count)
        let selection = QuestionSelector.select(from: loaded.bank, filter: filter, random: &random)
        guard !selection.questions.isEmpty else {
            Console.error("error: no question matches" + describe(filter) + (selection.unkeyed > 0 ? " (\(selection.unkeyed) unkeyed questions were left out)" : ""))
            throw ExitCode(1)
        }
        let session = QuizSession(questions: selection.questions, random: &random)
        // Piped input is echoed after the prompt so that a transcript reads like a typed session.
        let reader: any LineReader = TerminalInfo.isTerminal(0)
            ? makeLineReader(programName: "iamquiz", historyFile: nil, completions: QuizLoop.commands)
            : PlainLineReader(echo: true)
        let width = TerminalInfo.width(fd: 1)
        var loop = QuizLoop(session: session, reader: reader, style: Style(enabled: TerminalInfo.colorEnabled(fd: 1)),
                            width: width, write: { Console.write($0) })
        InterruptTrap.install()
        let asked = selection.questions.count
        var intro = "iamquiz: \(asked) question\(asked == 1 ? "" : "s")"
        if selection.matching > asked { intro += " of \(selection.matching)" }
        intro += describe(filter) + ", seed \(seed)."
        loop.run(intro: intro)
    }

    private func describe(_ filter: QuizFilter) -> String {
        var parts: [String] = []
        if let level = filter.level { parts.append(level.rawValue) }
        if !filter.topics.isEmpty { parts.append("topic " + filter.topics.joined(separator: " or ")) }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }
}

extension Level: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
