import ArgumentParser
import Diagnostics
import Foundation
import QuizBank
import QuizEngine
import TerminalUI

extension ExamPaper.Format: ExpressibleByArgument {}

/// A fixed paper for a class: `iamquiz exam --export iqb|gift -o FILE` writes the exam the options and seed
/// draw, and `iamquiz exam --bank FILE --fixed-order` takes it as written.
extension Exam {
    /// Usage errors of the paper options (exit 2). --fixed-order asks the whole paper as written, so the options
    /// that choose or order questions have nothing to do and are refused rather than ignored.
    func validatePaper() throws {
        if export != nil, output == nil { throw ValidationError("--export writes a paper: name its file with -o FILE") }
        if output != nil, export == nil { throw ValidationError("-o/--output goes with --export iqb|gift (without it the exam is taken, not written)") }
        if force, output == nil { throw ValidationError("--force goes with --export and -o/--output") }
        guard fixedOrder else { return }
        if export != nil { throw ValidationError("--fixed-order takes a paper and --export writes one; give one of them") }
        let choosing = [(count != nil, "--count"), (!selection.topics.isEmpty, "--topic"), (selection.level != nil, "--level"),
                        (selection.seed != nil, "--seed")]
        if let (_, option) = choosing.first(where: \.0) {
            throw ValidationError("--fixed-order asks every question of the bank in its order; it does not go with \(option)")
        }
    }

    /// The exam of `--fixed-order`: every keyed question of the bank in file order, options as written, and its
    /// description for the introduction and the session. Unkeyed questions cannot be graded: a note says how
    /// many are left out.
    func fixedPaper(_ bank: Bank, timeLimit: Double?, passMark: Int) throws -> (ExamSession, String) {
        let chosen = QuestionSelector.inBankOrder(bank)
        try SelectionOptions.requireMatches(chosen, description: "")
        if chosen.unkeyed > 0 {
            Console.error("note: \(counted(chosen.unkeyed, "unkeyed question")) (`answer: ?`) left out: an exam grades every question it asks")
        }
        return (ExamSession(fixedOrder: chosen.questions, timeLimit: timeLimit, passMark: passMark), " (fixed order)")
    }

    /// Writes `exam` as a paper to `output` (never replacing a file without --force) and says in one line what
    /// was written and how learners take it; starts no exam and touches no progress.
    func writePaper(_ exam: ExamSession, as format: ExamPaper.Format, to output: String, blueprint: (Blueprint, stored: String),
                    seed: UInt64, minutes: Double, source filter: String) throws {
        let isFile = Blueprint.builtin(named: blueprint.stored) == nil
        // Learners get the files and name them from their own folder: by their names, not the instructor's paths.
        let fileName = URL(fileURLWithPath: blueprint.stored).lastPathComponent
        let argument = !isFile ? blueprint.0.name : fileName.hasSuffix(".blueprint") ? fileName : "./" + fileName
        let banks = selection.banks.isEmpty ? "the built-in bank" : selection.banks.joined(separator: ", ")
        let details = ExamPaper.Details(blueprint: blueprint.0, blueprintArgument: argument, blueprintIsFile: isFile, seed: seed,
                                        minutes: minutes, source: banks + filter,
                                        paperFile: URL(fileURLWithPath: output).lastPathComponent, written: Date())
        let scenarios = exam.items.contains { $0.question.question.scenario != nil } ? ScenarioLibrary.builtInIDs : []
        let paper = ExamPaper(exam: exam, details: details, scenarios: scenarios)
        let written = paper.text(format)
        DiagnosticPrinter { _ in nil }.print(written.diagnostics)
        if !paper.unlinked.isEmpty {
            let one = paper.unlinked.count == 1
            Console.error("note: \(counted(paper.unlinked.count, "question")) of the paper \(one ? "names" : "name") a scenario of the bank's "
                + "folder, which the paper does not carry: \(one ? "its" : "their") `scenario:` and `verify:` links are left out (the keys stay): "
                + paper.unlinked.map { "`\(TextSanitizer.clean($0))`" }.joined(separator: ", "))
        }
        try ImportFiles.write(written.text, to: output, force: force,
                              summary: "wrote \(counted(written.count, "question")) (\(TextSanitizer.clean(blueprint.0.name)), seed \(seed)) "
                                  + "to \(TextSanitizer.clean(output)); learners take it with: \(TextSanitizer.clean(paper.command))")
    }
}
