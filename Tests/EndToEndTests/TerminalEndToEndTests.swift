import Foundation
import Testing

/// Runs iamquiz on a pseudo-terminal through `script`, so that libedit, colour and Ctrl-C are exercised
/// the way a learner meets them.
final class PseudoTerminalSession {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let screen = DataBox()

    init(shellCommand: String, environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        // A wide terminal, so that tests match whole sentences; a test of wrapping sets its own (`stty cols 60; ...`).
        process.arguments = ["-qfec", "stty cols 250 rows 50 2>/dev/null; " + shellCommand, "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        env["TERM"] = "xterm"
        env["IAMQUIZ_HOME"] = FileManager.default.temporaryDirectory
            .appendingPathComponent("iamquiz-pty-home-\(UUID().uuidString)").path
        env["COLUMNS"] = nil
        // Long output (an exam's report) goes through $PAGER on a terminal: `cat` shows it and returns, where
        // `less` would wait for a key. Tests of the pager set their own.
        env["PAGER"] = "cat"
        // `script` runs the command with $SHELL, or /bin/sh when it is unset (as on CI, where /bin/sh is
        // dash). Pin it so the test behaves the same on every machine.
        env["SHELL"] = "/bin/sh"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let screen = self.screen
        output.fileHandleForReading.readabilityHandler = { handle in
            screen.append(handle.availableData)
        }
        try process.run()
    }

    var text: String { screen.text }

    /// Waits until the screen contains `needle`; false after `timeout` seconds.
    func waitFor(_ needle: String, timeout: TimeInterval = 30) -> Bool { screen.waitFor(needle, timeout: timeout) }

    func type(_ text: String) {
        input.fileHandleForWriting.write(Data(text.utf8))
    }

    func finish(timeout: TimeInterval = 30) {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            Issue.record("the session did not end within \(timeout) s; screen:\n\(text)")
        }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
    }
}

@Suite("iamquiz end to end on a pseudo-terminal",
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "`script` (util-linux) is not installed"))
struct TerminalEndToEndTests {
    static let bank = IAMQuizBinary.fixtures.appendingPathComponent("two-answers.iqb").path
    static let quiz = "\(IAMQuizBinary.url.path) --bank \(bank) --seed 1"

    @Test("on a terminal the key is not on screen before the answer is typed; NO_COLOR turns colour off")
    func keyHiddenOnTerminal() throws {
        let session = try PseudoTerminalSession(shellCommand: Self.quiz, environment: ["NO_COLOR": "1"])
        #expect(session.waitFor("Your answer (choose 2)"), "no prompt; screen:\n\(session.text)")
        let beforeAnswer = session.text
        for marker in ["the answer is", "✓ right", "✗ wrong", "Correct.", "Wrong.", "Explanation:"] {
            #expect(!beforeAnswer.contains(marker), "`\(marker)` on screen before the answer")
        }
        #expect(beforeAnswer.contains("AWS STS AssumeRole"))
        session.type("a b\r")
        // On a terminal the feedback waits (the wrong answer comes back next); q leaves there.
        #expect(session.waitFor("Enter for the next question"), "no pause; screen:\n\(session.text)")
        session.type("q\r")
        #expect(session.waitFor("Score:"), "no score; screen:\n\(session.text)")
        session.finish()
        #expect(session.text.contains("the answer is"))
        for sgr in ["\u{1B}[1m", "\u{1B}[31m", "\u{1B}[32m", "\u{1B}[2m"] {
            #expect(!session.text.contains(sgr), "colour despite NO_COLOR")
        }
    }

    @Test("after the feedback the quiz waits: explain acts on the question just answered, Enter shows the next one")
    func pauseAfterFeedback() throws {
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("single-answers.iqb").path
        let session = try PseudoTerminalSession(shellCommand: "\(IAMQuizBinary.url.path) --bank \(bank) --seed 2 --count 2",
                                                environment: ["NO_COLOR": "1"])
        #expect(session.waitFor("Your answer: "), "screen:\n\(session.text)")
        session.type("a\r")
        #expect(session.waitFor("Enter for the next question"), "no pause; screen:\n\(session.text)")
        #expect(session.text.contains("explain, flag"))
        session.type("explain\r")
        #expect(session.waitFor("The previous question, again:"), "screen:\n\(session.text)")
        #expect(!session.text.contains("Question 2 of 2"), "the next question waits for Enter; screen:\n\(session.text)")
        session.type("\r")
        #expect(session.waitFor("Question 2 of 2"), "Enter goes on; screen:\n\(session.text)")
        session.type("q\r")
        #expect(session.waitFor("Score:"), "screen:\n\(session.text)")
        session.finish()
    }

    @Test("colour is used on a terminal when NO_COLOR is not set")
    func colourOnTerminal() throws {
        let session = try PseudoTerminalSession(shellCommand: Self.quiz, environment: [:])
        #expect(session.waitFor("Your answer"))
        session.type("q\r")
        #expect(session.waitFor("Score:"))
        session.finish()
        #expect(session.text.contains("\u{1B}[1m"))
    }

    /// Ctrl-C (SIGINT) and Ctrl-\\ (SIGQUIT) at a prompt. Issue 9, point 10: Ctrl-\\ started Swift's crash
    /// reporter, which printed a backtrace and waited 30 s for a key; it is now an interrupt like Ctrl-C.
    @Test("Ctrl-C and Ctrl-\\ end the quiz with the score, no crash report, the terminal in its normal mode",
          arguments: [("\u{03}", "INT"), ("\u{1C}", "QUIT")])
    func interruptKeys(key: String, signal: String) throws {
        // The key signals the whole foreground process group: the shell that runs the quiz would die of it
        // (dash does not wait for a child that handles the signal), so it ignores it. The quiz starts with
        // the default disposition, as from an interactive shell (`trap -` in a subshell before `exec`), so
        // that Swift's runtime has installed its own SIGQUIT handler, as it does for a learner.
        let session = try PseudoTerminalSession(
            shellCommand: "trap '' \(signal); (trap - \(signal); exec \(Self.quiz)); echo \"status=$?\"; stty -a",
            environment: ["NO_COLOR": "1"])
        #expect(session.waitFor("Your answer"))
        session.type(key)
        #expect(session.waitFor("speed"), "screen:\n\(session.text)")
        session.finish()
        let text = session.text
        #expect(text.contains("Score: 0 of 0 correct"), "\(text)")
        #expect(text.contains("status=0"))
        for crash in ["Crash", "backtrace", "Backtrace", "Thread 0", "Press space"] {
            #expect(!text.contains(crash), "\(text)")
        }
        // Canonical mode and echo are back on: libedit restored the terminal.
        #expect(text.contains(" icanon") && !text.contains("-icanon"), "\(text)")
        #expect(text.contains(" echo ") && !text.contains("-echo "), "\(text)")
    }

    @Test("the sandbox completes commands, principals and action names with Tab on a terminal")
    func sandboxCompletion() throws {
        let scenario = IAMQuizBinary.fixtures.appendingPathComponent("verified-bank/deputy.iqs").path
        let session = try PseudoTerminalSession(shellCommand: "\(IAMQuizBinary.url.path) sandbox \(scenario)",
                                                environment: ["NO_COLOR": "1"])
        #expect(session.waitFor("(nobody)> "), "screen:\n\(session.text)")
        // `as us` + Tab -> `as user `; `ven` + Tab -> `vendor/app`.
        session.type("as us\t")
        Thread.sleep(forTimeInterval: 0.2)
        session.type("ven\t\r")
        #expect(session.waitFor("Acting as arn:aws:iam::222222222222:user/app"), "screen:\n\(session.text)")
        // An action name: `can s3:GetOb` + Tab completes to `s3:GetObject`.
        session.type("can s3:GetOb\t")
        Thread.sleep(forTimeInterval: 0.2)
        session.type(" arn:aws:s3:::reports/a.csv\r")
        #expect(session.waitFor("s3:GetObject on arn:aws:s3:::reports/a.csv"), "screen:\n\(session.text)")
        session.type("exit\r")
        session.finish()
    }
}
