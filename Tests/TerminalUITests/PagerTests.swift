import Foundation
import Testing
@testable import TerminalUI

// Inside the serialized suite of the signal tests: running a pager ignores SIGINT and SIGPIPE for the
// process meanwhile, which must not overlap a test that raises SIGINT.
extension TerminalSessionTests {
    @Suite("Pager")
    struct PagerTests {
        @Test("PAGER unset means less -R; empty or cat means none; anything else is the command", arguments: [
            ([:], "less -R"),
            (["PAGER": ""], nil),
            (["PAGER": "  "], nil),
            (["PAGER": "cat"], nil),
            (["PAGER": " more "], "more"),
            (["PAGER": "less -FRX"], "less -FRX"),
        ] as [([String: String], String?)])
        func command(_ environment: [String: String], _ expected: String?) {
            #expect(Pager.command(environment: environment) == expected)
        }

        @Test("rows: a line per newline, a long line takes as many rows as its width needs, colour sequences take none")
        func rows() {
            #expect(Pager.rows("a\nb\nc\n", width: 80) == 3)
            #expect(Pager.rows("a\n\nc", width: 80) == 3)
            #expect(Pager.rows(String(repeating: "x", count: 81) + "\n", width: 80) == 2)
            #expect(Pager.rows("\u{1B}[1m" + String(repeating: "x", count: 80) + "\u{1B}[22m\n", width: 80) == 1)
            #expect(Pager.isTaller(rows: 24, than: 24))
            #expect(!Pager.isTaller(rows: 23, than: 24))
        }

        @Test("the height comes from the terminal, else LINES, else 24")
        func height() throws {
            let pipe = Pipe2()
            #expect(Pager.height(fd: pipe.readEnd, environment: ["LINES": "40"]) == 40)
            #expect(Pager.height(fd: pipe.readEnd, environment: [:]) == 24)
            let terminal = try #require(PseudoTerminal(columns: 80, rows: 13))
            defer { terminal.close() }
            #expect(Pager.height(fd: terminal.slave, environment: ["LINES": "40"]) == 13)
        }

        /// A pager the test controls: it copies what it reads to `file`.
        private static func recordingPager(_ file: URL) -> [String: String] {
            ["PAGER": "cat > '\(file.path)'"]
        }

        /// In-process runs ignore SIGPIPE only: an ignored SIGINT would be inherited by the processes other
        /// tests start meanwhile (a Ctrl-C test then waits for ever). The binary's own SIGINT handling in the
        /// pager is tested end to end ("the pager on a pseudo-terminal").
        private static let pipeOnly = [SIGPIPE]

        private static func temporaryFile() -> URL {
            FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-pager-\(UUID().uuidString)")
        }

        @Test("on a terminal, text taller than the screen goes through the pager whole, colour sequences intact")
        func pagesOnATerminal() throws {
            let terminal = try #require(PseudoTerminal(columns: 80, rows: 10))
            defer { terminal.close() }
            let file = Self.temporaryFile()
            defer { try? FileManager.default.removeItem(at: file) }
            let text = (1...30).map { "\u{1B}[1mline \($0)\u{1B}[22m" }.joined(separator: "\n") + "\n"
            var written = ""
            Pager.show(text, fd: terminal.slave, environment: Self.recordingPager(file), ignoring: Self.pipeOnly) { written += $0 }
            #expect(written.isEmpty, "written directly instead of paged")
            #expect(try String(contentsOf: file, encoding: .utf8) == text)
        }

        @Test("text that fits, a pipe, or no pager: written directly, the pager never started")
        func writesDirectly() throws {
            let terminal = try #require(PseudoTerminal(columns: 80, rows: 10))
            defer { terminal.close() }
            let pipe = Pipe2()
            let file = Self.temporaryFile()
            let long = String(repeating: "line\n", count: 30)
            for (text, fd, environment) in [("short\n", terminal.slave, Self.recordingPager(file)),
                                            (long, pipe.writeEnd, Self.recordingPager(file)),
                                            (long, terminal.slave, ["PAGER": ""]),
                                            (long, terminal.slave, ["PAGER": "cat"])] {
                var written = ""
                Pager.show(text, fd: fd, environment: environment, ignoring: Self.pipeOnly) { written += $0 }
                #expect(written == text)
            }
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }

        @Test("a pager that cannot be started leaves the text to be written directly")
        func pagerMissing() throws {
            let terminal = try #require(PseudoTerminal(columns: 80, rows: 10))
            defer { terminal.close() }
            let text = String(repeating: "line\n", count: 30)
            var written = ""
            Pager.show(text, fd: terminal.slave, environment: ["PAGER": "iamquiz-no-such-pager-\(UUID().uuidString)"],
                       ignoring: Self.pipeOnly) { written += $0 }
            #expect(written == text)
            #expect(!Pager.run("exit 127", text: "x", ignoring: Self.pipeOnly))
            #expect(Pager.run("exit 1", text: "x", ignoring: Self.pipeOnly), "a pager that ran and failed has shown what it could")
        }

        @Test("a pager that quits before reading everything does not end the program (SIGPIPE is ignored meanwhile)")
        func pagerQuitsEarly() {
            let text = String(repeating: "a line of text that fills the pipe\n", count: 20_000)
            #expect(Pager.run("head -c 10 >/dev/null", text: text, ignoring: Self.pipeOnly))
        }
    }
}
