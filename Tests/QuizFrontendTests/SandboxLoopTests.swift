import Foundation
import IAMWorld
import QuizBank
import QuizFrontend
import Testing

@Suite("The sandbox loop, in-process on a scripted terminal")
struct SandboxLoopTests {
    /// Runs the sandbox on the world of the end-to-end tests' `deputy.iqs`, as `iamquiz sandbox FILE` does.
    static func run(_ script: [Keystroke]) throws -> (screen: ScriptedTerminal, status: Int32, changes: Int) {
        var library = ScenarioLibrary()
        library.add(paths: [Fixtures.path("verified-bank/deputy.iqs")])
        let scenario = try #require(library.scenarios["e2e-deputy"])
        var sandbox = Sandbox(world: scenario.world)
        sandbox.documents = scenario.documents
        // Wide enough that the long lines checked below are not wrapped.
        let screen = ScriptedTerminal(script, width: 200)
        var loop = SandboxLoop(sandbox: sandbox, terminal: screen.terminal, baseDirectory: Fixtures.folder.path)
        let changes = Box(0)
        loop.onChange = { _ in changes.value += 1 }
        let status = loop.run(intro: "iamquiz sandbox: test.")
        return (screen, status, changes.value)
    }

    /// Was the end-to-end test "the sandbox runs typed commands on a scenario's world; errors are one line and
    /// the prompt goes on".
    @Test("typed commands run on the scenario's world; errors are one line and the prompt goes on")
    func commands() throws {
        let input = """
            whoami
            as user vendor/app
            assume customer/VendorReader
            explain
            assume customer/VendorReader --external-id cust-7f3e
            whoami
            can s3:GetObject arn:aws:s3:::reports/a.csv
            frobnicate
            assume customer/VendorReader --duration banana
            advance 2h
            can s3:GetObject arn:aws:s3:::reports/a.csv
            exit-role
            exit

            """
        let run = try Self.run(ScriptedTerminal.typed(input))
        let text = run.screen.output
        #expect(run.status == 0)
        #expect(text.hasPrefix("iamquiz sandbox: test. Type help for the commands, exit to leave.\n(nobody)> whoami\n"), "\(text)")
        #expect(text.contains("Not acting as anyone"))
        #expect(text.contains("AccessDenied: User: arn:aws:iam::222222222222:user/app is not authorized to perform: sts:AssumeRole"))
        #expect(text.contains("arn:aws:sts::111111111111:assumed-role/VendorReader/app"))
        #expect(text.contains("allowed: s3:GetObject on arn:aws:s3:::reports/a.csv"))
        #expect(text.contains("error: unknown command `frobnicate`"), "\(text)")
        #expect(text.contains("ExpiredToken"))
        #expect(text.contains("Back to arn:aws:iam::222222222222:user/app"))
        // The prompt names who acts, and says when their credentials have expired.
        #expect(text.contains("\nvendor/app> assume customer/VendorReader\n"))
        #expect(text.contains("\ncustomer/VendorReader/app> whoami\n"))
        #expect(text.contains("\ncustomer/VendorReader/app (expired)> can s3:GetObject"))
        #expect(text.hasSuffix("vendor/app> exit\n"), "`exit` leaves without a word")
        #expect(run.changes == 10, "every command that parsed, and only those, reports the sandbox")
    }

    @Test("blank lines and comments are skipped; Ctrl-C drops the line and the prompt goes on; Ctrl-D leaves")
    func interruptAndEnd() throws {
        let run = try Self.run(["", "# a note", .interrupt, "whoami", .endOfInput, "whoami"])
        #expect(run.status == 0)
        #expect(run.screen.output.contains("(the line was dropped; exit or Ctrl-D leaves the sandbox)"))
        #expect(run.screen.output.occurrences(of: "Not acting as anyone") == 1)
        #expect(run.screen.prompts.count == 5)
        #expect(run.changes == 1)
    }

    @Test("a stop signal leaves the sandbox, which ignores Ctrl-C, with exit 128 + the signal")
    func stopSignal() throws {
        let run = try Self.run([.interrupt, .stopSignal(15), "whoami"])
        #expect(run.status == 143)
        #expect(run.screen.prompts.count == 2)
    }
}
