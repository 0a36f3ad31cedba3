import ArgumentParser
import Diagnostics
import Foundation
import Synchronization
import QuizBank
import QuizEngine
import TerminalUI

/// The options that choose questions, shared by `quiz` and `exam`.
struct SelectionOptions: ParsableArguments {
    @Option(help: "Only questions of this level: associate or professional.")
    var level: Level?

    @Option(name: .customLong("topic"), help: "Only questions with this topic (repeatable: any of them).",
            completion: .custom(Completions.topics))
    var topics: [String] = []

    @Option(name: .customLong("bank"), help: "A bank file or folder to use instead of the built-in bank (repeatable).")
    var banks: [String] = []

    @Option(help: "Seed for the order of questions and options, to repeat a quiz exactly.")
    var seed: UInt64?

    /// The questions chosen, the generator that shuffles their options, and an introduction line.
    struct Prepared {
        var selection: Selection
        var random: SeededRandom
        var seed: UInt64
        var description: String
        /// The bank the questions come from, with its scenarios (for `verify`).
        var bank: BankAndScenarios
    }

    /// Loads the bank (refusing one with errors), checks the topics and picks `count` questions: with
    /// `cards`, in practice order (due first, then up to `newLimit` new, then the most likely forgotten).
    func prepare(count: Int, cards: [String: FSRSCard]? = nil, newLimit: Int = .max, now: Date = Date()) throws -> Prepared {
        let bank = try Self.load(banks: banks, topics: topics)
        let seed = self.seed ?? Self.randomSeed()
        var random = SeededRandom(seed: seed)
        let filter = QuizFilter(level: level, topics: topics, count: count)
        var selection = cards.map { QuestionSelector.selectForPractice(from: bank.outline, filter: filter, cards: $0, now: now,
                                                                   newLimit: newLimit, random: &random) }
            ?? QuestionSelector.select(from: bank.outline, filter: filter, random: &random)
        try Self.requireMatches(selection, description: filter.inWords)
        // Chosen from outlines: only the questions asked are read whole.
        selection.questions = bank.complete(selection.questions)
        return Prepared(selection: selection, random: random, seed: seed, description: filter.inWords, bank: bank)
    }

    /// A seed for a run without `--seed`.
    static func randomSeed() -> UInt64 { UInt64.random(in: 1...999_999) }

    /// Checked while the command line is parsed, before a command opens the progress store: a bank with
    /// errors or an unknown topic ends the command before a new profile is created for it. The bank loaded
    /// here is the one ``prepare(count:cards:)`` uses (see ``load(banks:topics:)``).
    func validate() throws {
        _ = try Self.load(banks: banks, topics: topics)
    }

    /// Banks loaded and checked so far in this process, by paths and topics: loaded once, reported once.
    private static let loadedBanks = Mutex<[[String]: BankAndScenarios]>([:])

    /// Loads the banks with their scenarios; refuses banks with errors (theirs or their scenario files', as
    /// `check` reports them) and topics no question has, and notes the questions an imported file holds but
    /// iamquiz cannot ask. A second call with the same paths and topics returns the first result.
    static func load(banks: [String], topics: [String]) throws -> BankAndScenarios {
        let key = banks + ["\u{0}"] + topics
        if let loaded = loadedBanks.withLock({ $0[key] }) { return loaded }
        let bank = try checkedLoad(banks: banks, topics: topics)
        loadedBanks.withLock { $0[key] = bank }
        return bank
    }

    /// Bank files parsed in earlier runs, kept in the data folder (`cache/banks`, see ``BankCache``), for the
    /// commands that ask questions; `check` always parses.
    static var bankCache: BankCache {
        BankCache(folder: DataDirectory.resolve().appendingPathComponent("cache/banks", isDirectory: true),
                  salt: BankCache.buildIdentity())
    }

    private static func checkedLoad(banks: [String], topics: [String]) throws -> BankAndScenarios {
        let bank = BankAndScenarios.load(paths: banks, cache: bankCache)
        if bank.diagnostics.hasErrors {
            DiagnosticPrinter { bank.sources[$0] }.print(bank.diagnostics.filter { $0.severity == .error })
            Console.error("error: the bank has errors; fix them (see `iamquiz check`) before starting a quiz")
            throw ExitCode(1)
        }
        // Questions an imported file holds but iamquiz cannot ask are left out: say so, never silently.
        var leftOut: [String: Int] = [:]
        for d in bank.diagnostics where [GIFTCode.unsupportedType.rawValue, GIFTCode.severalFullCredit.rawValue].contains(d.code) { leftOut[d.file, default: 0] += 1 }
        for (file, count) in leftOut.sorted(by: { $0.key < $1.key }) {
            Console.error("note: \(counted(count, "question")) of \(TextSanitizer.clean(file)) left out: types iamquiz does not ask (`iamquiz check \(TextSanitizer.clean(file))` shows them)")
        }
        let known = bank.outline.topics
        for topic in topics where !known.contains(topic) {
            let hint = closestMatch(to: topic, in: known).map { "; did you mean `\($0)`?" } ?? "; the topics are: \(known.joined(separator: ", "))"
            // Found while running, after ArgumentParser's checks: say it in one line (exit 2), without the
            // usage of the whole program that a ValidationError thrown here would print.
            Console.error("error: unknown topic `\(TextSanitizer.clean(topic))`\(hint)")
            Console.error("  help: `iamquiz stats` lists the topics with your mastery of each")
            throw ExitCode(2)
        }
        return bank
    }

    /// Ends the command (exit 1) when no keyed question matches the filter.
    static func requireMatches(_ selection: Selection, description: String) throws {
        guard selection.matching == 0 else { return }
        Console.error("error: no question matches" + description
            + (selection.unkeyed > 0 ? " (\(selection.unkeyed) unkeyed questions were left out)" : ""))
        throw ExitCode(1)
    }

    /// A line reader for the terminal (libedit, with the prompt history of the profile kept between runs
    /// in `history` next to its progress) or for piped input (echoed, so transcripts read well).
    static func reader(completions: [String], store: ProgressStore? = nil) -> any LineReader {
        let history = store.map { $0.url.deletingLastPathComponent().appendingPathComponent("history") }
        return TerminalInfo.isTerminal(0)
            ? makeLineReader(programName: "iamquiz", historyFile: history, completions: completions)
            : PlainLineReader(echo: true)
    }
}

extension Level: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
