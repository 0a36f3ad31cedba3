import ArgumentParser
import Diagnostics
import Drills
import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
import TerminalUI

/// `iamquiz show ID`: one question with its key, to read or report it by the id the feedback shows.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a question with its key and explanations, by its id.",
        discussion: """
            The id is shown after each answer (`Topics: sts · id: sts-chain-limit`) and by \
            `iamquiz stats --question`. Options are printed in the bank's order, with the bank's letters (a quiz \
            shuffles them), each with why it is right or wrong; then the key, the explanation, the topics, the \
            level, the file and line, and the scenario that verifies the options, if any. A drill's id \
            (`drill-<family>-<level>-<seed>-<n>`) writes that drill again, exactly as it was asked.
            """
    )

    @Argument(help: "The question's id, such as `sts-chain-limit`.", completion: .custom(Completions.questionIDs))
    var id: String

    @Option(name: .customLong("bank"), help: "A bank file or folder to look in instead of the built-in bank (repeatable).")
    var banks: [String] = []

    func run() throws {
        if id.hasPrefix(DrillID.prefix) { return try showDrill() }
        let loaded = BankAndScenarios.load(paths: banks).loaded
        // A bank that cannot be read is an error; problems inside a readable bank do not stop reading its
        // other questions (`iamquiz check` is for those).
        let unreadable = loaded.diagnostics.filter { $0.severity == .error && $0.code == BankCode.unreadable.rawValue }
        if !unreadable.isEmpty {
            DiagnosticPrinter { loaded.sources[$0] }.print(unreadable)
            throw ExitCode(1)
        }
        guard let question = loaded.bank.questions.first(where: { $0.id == id }) else {
            throw Self.unknownQuestion(id, in: loaded.bank)
        }
        QuestionSheet(terminal: Terminal.output()).show(question)
    }

    /// A drill written again from its id: the family, level, seed and place it names.
    private func showDrill() throws {
        guard let parsed = DrillID(parsing: id) else {
            Console.error("error: `\(TextSanitizer.clean(id))` is not a drill id")
            Console.error("  help: a drill's id reads `drill-<family>-<level>-<seed>-<n>`, as its feedback shows it")
            throw ExitCode(2)
        }
        guard let drill = DrillGenerator.regenerate(id: id) else {
            let family = DrillFamilies.named(parsed.family)
            Console.error(family == nil ? "error: no drill family `\(TextSanitizer.clean(parsed.family))` (`iamquiz drill --list` shows them)"
                : "error: drill family `\(parsed.family)` has no \(parsed.level.rawValue) drills")
            throw ExitCode(2)
        }
        QuestionSheet(terminal: Terminal.output()).show(drill.question)
    }

    /// Says that no question of `bank` has the id `id`, with the nearest id when one is near (a typo, or the
    /// start of an id), and returns the usage error's exit (2) to throw.
    static func unknownQuestion(_ id: String, in bank: Bank) -> ExitCode {
        let ids = bank.questions.map(\.id)
        let near = closestMatch(to: id, in: ids) ?? (id.count >= 3 ? ids.first { $0.hasPrefix(id) } : nil)
        let hint = near.map { "; did you mean `\(TextSanitizer.clean($0))`?" } ?? ""
        Console.error("error: no question `\(TextSanitizer.clean(id))` in the bank\(hint)")
        if near == nil {
            Console.error("  help: the feedback after each answer ends with the question's id (`id: ...`)")
        }
        return ExitCode(2)
    }
}
