import ArgumentParser
import Diagnostics
import Foundation
import TerminalUI

/// The `iamquiz` command: a quiz by default, plus the tools for bank authors.
struct IAMQuiz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iamquiz",
        abstract: "Practise AWS IAM roles, STS, federation and policy questions in the terminal.",
        discussion: """
            With no subcommand, runs a quiz on the built-in bank: `iamquiz --level professional --count 5`. \
            See `iamquiz help quiz` for the quiz options.
            """,
        version: "0.1.0",
        // One command per line, in the order of `iamquiz --help`.
        subcommands: [
            Quiz.self,
            Exam.self,
            Exams.self,
            Review.self,
            Drill.self,
            Resume.self,
            Show.self,
            Stats.self,
            Results.self,
            ClassCommand.self,
            ProfileCommand.self,
            Check.self,
            Import.self,
            Export.self,
            Simulate.self,
            ScenarioCommand.self,
            SandboxCommand.self,
            Fsrs.self,
        ],
        defaultSubcommand: Quiz.self
    )
}

/// Runs the command and maps usage errors to exit status 2 (ArgumentParser's default is 64).
///
/// ArgumentParser's messages quote what was typed (`The value '...' is invalid`): they are printed with
/// control characters shown as escapes, so that a value cannot drive the terminal.
@main
enum Main {
    static func main() {
        // Ctrl-\ outside a prompt quits as it does any Unix program, rather than starting Swift's crash
        // reporter (a backtrace, then a 30 s wait for a key); at prompts `InterruptTrap` takes it.
        signal(SIGQUIT, SIG_DFL)
        do {
            var command = try IAMQuiz.parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = IAMQuiz.exitCode(for: error)
            if code == .success {
                IAMQuiz.exit(withError: error)  // --help, --version: our own text, on standard output
            }
            var message = IAMQuiz.fullMessage(for: error)
            // Every error of iamquiz starts `error:` (as check's diagnostics and the commands' own messages
            // do); ArgumentParser writes `Error:`.
            if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst("Error: ".count) }
            message = Self.houseStyle(message)
            message = message
                .split(separator: "\n", omittingEmptySubsequences: false)
                .map { TextSanitizer.visible(String($0)) }
                .joined(separator: "\n")
            Console.error(message)
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

extension Main {
    /// ArgumentParser's messages in the house style of iamquiz's own: `error: the value ...` rather than
    /// `error: The value ...`, and a mistyped command gets the nearest command's name.
    static func houseStyle(_ message: String) -> String {
        guard message.hasPrefix("error: ") else { return message }
        var rest = Substring(message.dropFirst("error: ".count))
        if let first = rest.first, first.isUppercase, let second = rest.dropFirst().first, second.isLowercase {
            rest = Substring(first.lowercased()) + rest.dropFirst()
        }
        var text = "error: " + rest
        // `iamquiz stast`: the default command (quiz) takes no argument, so ArgumentParser says only
        // "unexpected argument 'stast'".
        let prefix = "error: unexpected argument '"
        if text.hasPrefix(prefix), let end = text.dropFirst(prefix.count).firstIndex(of: "'") {
            let word = String(text[text.index(text.startIndex, offsetBy: prefix.count)..<end])
            let commands = IAMQuiz.configuration.subcommands.map { $0._commandName }
            // Only for the first word, where a command goes (`iamquiz stats foo` is stats' business).
            if !word.hasPrefix("-"), CommandLine.arguments.dropFirst().first == word {
                let hint = closestMatch(to: word, in: commands).map { "did you mean `\($0)`?" }
                    ?? "the commands are: " + commands.joined(separator: ", ")
                let lineEnd = text.firstIndex(of: "\n") ?? text.endIndex
                text.replaceSubrange(text.startIndex..<lineEnd, with: "error: unknown command `\(TextSanitizer.visible(word))`; \(hint)")
            }
        }
        return text
    }
}
