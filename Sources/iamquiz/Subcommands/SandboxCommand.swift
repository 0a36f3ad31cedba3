import ArgumentParser
import Foundation
import IAMWorld
import QuizBank
import QuizFrontend
import TerminalUI

/// `iamquiz sandbox [SCENARIO]`: an interactive prompt on a simulated AWS world.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Try roles, STS and policies at a prompt, on a scenario's world.",
        discussion: """
            Commands: as, whoami, assume, assume-saml, assume-web, get-session-token, get-federation-token, \
            can, explain, policies, exit-role, advance, the changes of docs/scenario-format.md, help, exit. \
            Tab completes commands, options, principals, role ARNs and IAM action names. With --replay the \
            scenario's steps run first, so you continue where it ends.
            """
    )

    @Argument(help: "A scenario file (.iqs) or the id of a built-in scenario (`iamquiz scenario list`); default confused-deputy.")
    var scenario: String?

    @Flag(help: "Run the scenario's steps before the prompt.")
    var replay = false

    /// The world a sandbox without an argument starts in: an empty world would have no accounts to act in.
    static let defaultScenario = "confused-deputy"

    func run() throws {
        let style = Style(enabled: TerminalInfo.colorEnabled(fd: 1))
        let reference = scenario ?? Self.defaultScenario
        guard let loaded = try ScenarioCommand.load([reference]).first else { throw ExitCode(1) }
        var sandbox = Sandbox(world: loaded.world)
        sandbox.documents = loaded.documents
        let accounts = loaded.world.accounts.values.map { account in account.alias.map { "\($0) (\(account.id))" } ?? account.id }.sorted()
        var intro = "iamquiz sandbox: the world of `\(loaded.id)`" + (loaded.title.map { " (\(TextSanitizer.clean($0)))" } ?? "")
            + "; accounts \(accounts.joined(separator: ", "))."
        if scenario == nil {
            intro += " (No scenario given: `iamquiz scenario list` shows the others.)"
        }
        if replay {
            for step in loaded.steps {
                let result = sandbox.run(step.command)
                Console.writeLines(style.dim("replay> \(TextSanitizer.clean(step.commandText))") + "\n")
                for line in result.lines { Console.writeLines("  " + TextSanitizer.clean(line) + "\n") }
            }
        }
        let completion = SandboxCompletion()
        let box = SandboxBox(sandbox)
        let reader: any LineReader = TerminalInfo.isTerminal(0)
            ? makeLineReader(programName: "iamquiz", historyFile: nil, completions: CommandParser.commandNames + SandboxLoop.loopCommands,
                             completionProvider: { text in completion.candidates(for: text, in: box.value) + (text.contains(" ") ? [] : SandboxLoop.loopCommands) })
            : PlainLineReader(echo: true)
        var loop = SandboxLoop(sandbox: sandbox, terminal: .standard(reader: reader), baseDirectory: FileManager.default.currentDirectoryPath)
        loop.onChange = { box.value = $0 }
        try ExitCode.unlessSuccess(loop.run(intro: intro))
    }
}

/// The sandbox as the completion callback sees it, updated after every command.
final class SandboxBox: @unchecked Sendable {
    var value: Sandbox
    init(_ value: Sandbox) { self.value = value }
}
