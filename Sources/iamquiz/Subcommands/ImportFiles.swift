import ArgumentParser
import Diagnostics
import FileAccess
import Foundation
import QuizBank
import TerminalUI

/// Reading the file an import starts from and writing what it makes: shared by `import` and `export`.
enum ImportFiles {
    /// The file as UTF-8 text; a missing, unreadable or non-UTF-8 file ends the command with exit 1.
    static func readText(_ file: String) throws -> String {
        switch InputFile.readText(file) {
        case .success(let text): return text
        case .failure(let error):
            DiagnosticPrinter.print(error, file: file, code: BankCode.unreadable.rawValue)
            throw ExitCode(1)
        }
    }

    /// Prints diagnostics with their source lines; ends the command with exit 1 when one is an error.
    static func report(_ diagnostics: [Diagnostic], text: String) throws {
        DiagnosticPrinter { _ in text }.print(diagnostics)
        if diagnostics.hasErrors { throw ExitCode(1) }
    }

    /// Prints diagnostics of loaded banks with their source lines; ends the command with exit 1 on an error.
    static func report(_ diagnostics: [Diagnostic], loaded: BankLoader.Result) throws {
        DiagnosticPrinter { loaded.sources[$0] }.print(diagnostics)
        if diagnostics.hasErrors { throw ExitCode(1) }
    }

    /// The bank text of imported questions, without control characters: each field that held some is a W108
    /// warning, printed with the lines of `source`, the imported file's text.
    static func bankText(_ questions: [Question], comment: String, source: String) -> String {
        let (clean, removed) = ControlCharacters.removed(from: questions)
        DiagnosticPrinter { _ in source }.print(removed)
        return BankPrinter().print(clean, comment: ControlCharacters.removed(from: comment))
    }

    /// Writes `text` to `output` whole or not at all (see ``OutputFile``: never replacing a file without
    /// `force`, never anything but a regular file), or to standard output, where a terminal gets it
    /// without control characters (imported text is untrusted).
    static func write(_ text: String, to output: String?, force: Bool, summary: @autoclosure () -> String) throws {
        guard let output else {
            let shown = TerminalInfo.isTerminal(1) ? TextSanitizer.clean(text) : text
            Console.write(shown)
            return
        }
        do {
            try OutputFile.write(text, to: output, replace: force)
        } catch {
            DiagnosticPrinter.print(error, file: output)
            throw ExitCode(1)
        }
        Console.error(summary())
    }
}
