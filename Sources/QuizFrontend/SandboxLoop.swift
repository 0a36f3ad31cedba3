import Diagnostics
import Foundation
import IAMWorld
import TerminalUI

/// The sandbox prompt: reads commands, runs them on a `Sandbox`, prints what they did. Presentation only:
/// the rules live in IAMWorld. Every error is one line (and a help line); nothing typed ends it but
/// `exit`, `quit` or Ctrl-D.
public struct SandboxLoop {
    public private(set) var sandbox: Sandbox
    let terminal: Terminal
    /// Where `file://` paths in commands are read from.
    let baseDirectory: String
    /// Called after every command with the sandbox as it is now (tab completion reads it).
    public var onChange: ((Sandbox) -> Void)?

    public static let loopCommands = ["exit", "quit"]

    public init(sandbox: Sandbox, terminal: Terminal, baseDirectory: String) {
        self.sandbox = sandbox
        self.terminal = terminal
        self.baseDirectory = baseDirectory
    }

    private var style: Style { terminal.style }

    /// Runs the prompt until `exit`, `quit`, the end of input or a stop signal; returns the exit status:
    /// 128 + N after the stop signal N, else 0.
    @discardableResult
    public mutating func run(intro: String) -> Int32 {
        terminal.sayProse(style.bold(intro) + " " + style.dim("Type help for the commands, exit to leave."))
        var number = 0
        while true {
            switch terminal.reader.readLine(prompt: prompt) {
            case .endOfInput:
                say("")
                return terminal.exitStatus
            case .interrupted where terminal.interrupts.stopSignal != nil:
                return terminal.exitStatus
            case .interrupted:
                say(style.dim("(the line was dropped; exit or Ctrl-D leaves the sandbox)"))
                terminal.interrupts.reset()
                continue
            case .line(let raw):
                number += 1
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                if let first = line.split(separator: " ").first, Self.loopCommands.contains(String(first)) { return terminal.exitStatus }
                let parser = CommandParser(file: "<sandbox>", line: number, baseDirectory: baseDirectory, documents: sandbox.documents)
                switch parser.parse(line) {
                case .failure(let diagnostic):
                    // Typed text is quoted with its control characters made visible, not silently dropped.
                    say(style.red("error: ") + TextSanitizer.visible(diagnostic.message))
                    if let help = diagnostic.help { say(style.dim("  help: " + TextSanitizer.visible(help))) }
                case .success(let command):
                    show(sandbox.run(command))
                    onChange?(sandbox)
                }
            }
        }
    }

    /// `who>` with the current identity in short: `vendor/app`, `VendorReader/nightly`, `(nobody)`.
    private var prompt: String {
        guard let c = sandbox.current else { return "(nobody)> " }
        let account = sandbox.world.accounts[c.account]?.alias ?? c.account
        let who: String
        switch c.kind {
        case .roleSession: who = "\(account)/\(c.roleName ?? "")/\(c.sessionName ?? "")"
        case .federatedUser: who = "\(account)/federated/\(c.roleName ?? "")"
        case .service: who = c.servicePrincipal ?? "service"
        case .longTerm, .sessionToken: who = "\(account)/\(c.userName ?? "root")" + (c.kind == .sessionToken ? "+token" : "")
        }
        return TextSanitizer.clean(who) + (c.isExpired(at: sandbox.world.now) ? " (expired)" : "") + "> "
    }

    private func show(_ result: CommandResult) {
        for (i, line) in result.lines.enumerated() {
            let clean = TextSanitizer.clean(line)
            guard i == 0 else {
                say(clean)
                continue
            }
            switch result.outcome {
            case .allowed, .ok: say(style.green(clean))
            case .implicitDeny, .explicitDeny, .error: say(style.red(clean))
            case .info: say(clean)
            }
        }
    }

    private func say(_ text: String) {
        terminal.say(text)
    }
}
