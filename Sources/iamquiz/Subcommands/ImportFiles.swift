import ArgumentParser
import Diagnostics
import Foundation
import QuizBank
import TerminalUI

/// Reading the file an import starts from and writing what it makes: shared by `import` and `export`.
enum ImportFiles {
    /// The file as UTF-8 text; a missing, unreadable or non-UTF-8 file ends the command with exit 1.
    static func readText(_ file: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            Console.error("\(TextSanitizer.clean(file)): error[E015]: cannot read the file")
            throw ExitCode(1)
        }
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
            Console.error("\(TextSanitizer.clean(file)): error[E015]: file is not valid UTF-8 text")
            throw ExitCode(1)
        }
        return text
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

    /// Writes `text` to `output` (never replacing a file without `force`), or to standard output,
    /// where a terminal gets it without control characters (imported text is untrusted).
    static func write(_ text: String, to output: String?, force: Bool, summary: @autoclosure () -> String) throws {
        guard let output else {
            let shown = TerminalInfo.isTerminal(1) ? TextSanitizer.clean(text) : text
            Console.write(shown)
            return
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue {
            Console.error("\(TextSanitizer.clean(output)): error: is a folder; give a file name")
            throw ExitCode(1)
        }
        let folder = (output as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            Console.error("\(TextSanitizer.clean(output)): error: the folder `\(TextSanitizer.clean(folder))` does not exist")
            throw ExitCode(1)
        }
        if FileManager.default.fileExists(atPath: output), !force {
            Console.error("\(TextSanitizer.clean(output)): error: the file exists; use --force to replace it")
            throw ExitCode(1)
        }
        do {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            Console.error("\(TextSanitizer.clean(output)): error: cannot write the file: \(error.localizedDescription)")
            throw ExitCode(1)
        }
        Console.error(summary())
    }
}
