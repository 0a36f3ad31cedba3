import Diagnostics
import Foundation
import QuizBank

/// A fixed paper: one drawn exam written out as a bank (or GIFT) file, so that every learner of a class takes
/// the same questions in the same order with the same option order (`iamquiz exam --export`, taken with
/// `iamquiz exam --bank PAPER --fixed-order`).
///
/// It lives in QuizEngine, not in QuizBank's Export, because it is made of an ``ExamSession`` (the questions
/// and option order a learner would be shown) and a ``Blueprint`` (time limit, pass mark), which QuizBank
/// cannot see. It does no I/O: the executable draws the exam, builds the paper and writes ``text(_:)``.
public struct ExamPaper: Sendable {
    /// The file a paper is written as.
    public enum Format: String, Sendable, CaseIterable {
        /// iamquiz's bank format: `iamquiz check` reads it and `iamquiz exam --bank` takes it.
        case iqb
        /// Moodle GIFT, for a class that takes the paper in Moodle.
        case gift
    }

    /// What the header says of the paper, and what the learners' command needs.
    public struct Details: Sendable {
        /// The blueprint the exam followed (its name, title and pass mark).
        public var blueprint: Blueprint
        /// What the learners' command gives `--blueprint`: the built-in name, or the blueprint file as the
        /// learners name it (the file then goes out with the paper: it holds the pass mark).
        public var blueprintArgument: String
        /// Whether ``blueprintArgument`` names a file to hand out with the paper.
        public var blueprintIsFile: Bool
        public var seed: UInt64
        /// The time allowed in minutes; 0 for none.
        public var minutes: Double
        /// Where the questions came from, in words: "the built-in bank (associate)".
        public var source: String
        /// The paper file as the learners name it in their command.
        public var paperFile: String
        /// When the paper is written (its day, in UTC, goes in the header).
        public var written: Date

        public init(blueprint: Blueprint, blueprintArgument: String, blueprintIsFile: Bool, seed: UInt64, minutes: Double,
                    source: String, paperFile: String, written: Date) {
            self.blueprint = blueprint
            self.blueprintArgument = blueprintArgument
            self.blueprintIsFile = blueprintIsFile
            self.seed = seed
            self.minutes = minutes
            self.source = source
            self.paperFile = paperFile
            self.written = written
        }
    }

    /// The paper's text and what writing it noticed.
    public struct Written: Sendable {
        public var text: String
        /// How many questions the text holds.
        public var count: Int
        /// W108 for texts that lost control characters; G112 for a question GIFT cannot hold.
        public var diagnostics: [Diagnostic]
    }

    /// The questions as the exam shows them: options in display order, `answer:` naming them so.
    public var questions: [Question]
    public var details: Details
    /// Questions whose `scenario:` (and options' `verify:`) were left out: their scenario is a bank folder's,
    /// which the paper does not carry, so `iamquiz check` on the paper could not find it. Their keys stay.
    public var unlinked: [String]

    /// The paper of `exam`. Scenario links stay when the scenario is among `scenarios` (the built-in ones,
    /// which `iamquiz check` finds for any bank); others are left out and listed in ``unlinked``.
    public init(exam: ExamSession, details: Details, scenarios: Set<String>) {
        var unlinked: [String] = []
        questions = exam.items.map { item in
            var question = item.question.asShown
            if let scenario = question.scenario, !scenarios.contains(scenario) {
                unlinked.append(question.id)
                question.scenario = nil
                question.rightWhen = .works
                for i in question.options.indices { question.options[i].verify = nil }
            }
            return question
        }
        self.details = details
        self.unlinked = unlinked
    }

    /// What learners type to take the paper: the time limit and pass mark come out as the exam's.
    public var command: String {
        var words = ["iamquiz", "exam", "--bank", details.paperFile, "--fixed-order", "--blueprint", details.blueprintArgument]
        if details.minutes != details.blueprint.minutes { words += ["--minutes", Self.number(details.minutes)] }
        return words.map(Self.shellWord).joined(separator: " ")
    }

    /// The header's lines (without comment marks): what the paper is and how learners take it.
    public func header(_ format: Format) -> [String] {
        let blueprint = details.blueprint
        let title = blueprint.title == blueprint.name ? "" : " (\(blueprint.title))"
        let day = details.written.formatted(Date.ISO8601FormatStyle().year().month().day())
        let time = details.minutes == 0 ? "no time limit" : "\(Self.number(details.minutes)) minutes"
        var lines = [
            "iamquiz exam paper: \(blueprint.name)\(title)",
            "\(counted(questions.count, "question")), \(time), pass mark \(blueprint.passMark); "
                + "drawn from \(details.source) with seed \(details.seed); written \(day).",
            "Every learner gets these questions in this order, each with its options in this order.",
            "Take it with: \(command)",
        ]
        if details.blueprintIsFile {
            let sets = details.minutes == blueprint.minutes ? "the time limit and the pass mark" : "the pass mark"
            lines.append("Hand out \(details.blueprintArgument) with the paper: it sets \(sets).")
        }
        if format == .gift {
            lines.append("In Moodle, set the quiz's \"Shuffle within questions\" to No, or Moodle shuffles the options again.")
        }
        return lines.map { ControlCharacters.removed(from: $0) }
    }

    /// The paper as a file of `format`, its header first.
    public func text(_ format: Format) -> Written {
        let comment = header(format).joined(separator: "\n")
        switch format {
        case .iqb:
            let (clean, removed) = ControlCharacters.removed(from: questions)
            return Written(text: BankPrinter().print(clean, comment: comment), count: clean.count, diagnostics: removed)
        case .gift:
            let output = GIFTExporter().export(questions, comment: comment)
            return Written(text: output.text, count: output.exported, diagnostics: output.diagnostics)
        }
    }

    /// Minutes as a command and a header write them: `130`, `97.5` (a point whatever the locale, as the
    /// command line reads it).
    static func number(_ minutes: Double) -> String {
        minutes.formatted(.number.precision(.fractionLength(0...2)).grouping(.never).locale(Locale(identifier: "en_US_POSIX")))
    }

    /// `word` as a POSIX shell reads it back: as it is when it holds only safe characters, else in single quotes.
    static func shellWord(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@%+,")
        if !word.isEmpty, word.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
