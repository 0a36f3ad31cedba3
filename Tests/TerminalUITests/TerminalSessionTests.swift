import Dispatch
import Foundation
import Testing
@testable import TerminalUI
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// One step of a scripted terminal session.
enum SessionStep: Sendable {
    /// Waits until `prompt` is on the screen and libedit has put the terminal in raw mode.
    case prompt(String)
    /// Types text on the keyboard.
    case type(String)
    /// Sends SIGINT to the reading thread until the current read returns.
    case interrupt
    /// Runs `action` (changes what a live prompt's closures answer).
    case call(@Sendable () -> Void)
}

/// A libedit session case for a parameterised test.
struct SessionCase: Sendable, CustomTestStringConvertible {
    let label: String
    var completions: [String] = []
    let prompts: [String]
    let steps: [SessionStep]
    let expected: [LineReadResult]
    var screenContains: [String] = []

    var testDescription: String { label }
}

/// What a session produced.
struct SessionRecord {
    var results: [LineReadResult]
    var screen: String
    var driverFinished: Bool
    var historyCount: Int
    var rawAfterwards: Bool
    /// Reads with a live prompt that ended because its time was up (recorded as `.endOfInput` in `results`).
    var timeUps = 0
}

/// Runs `prompts.count` reads of an ``EditLineReader`` attached to a new pseudo-terminal,
/// while a helper thread performs `steps` on the keyboard side.
///
/// libedit's own signal handling (`EL_SIGNAL`) is off: it passes signals on with `kill(0, ...)`,
/// which would reach the whole process group of the test runner.
func runSession(
    prompts: [String], steps: [SessionStep], completions: [String] = [], historyFile: URL? = nil,
    live: [String: LivePrompt] = [:]
) throws -> SessionRecord {
    let terminal = try #require(PseudoTerminal())
    defer { terminal.close() }
    let input = try #require(terminal.openStream("r"))
    let output = try #require(terminal.openStream("w"))
    defer {
        fclose(input)
        fclose(output)
    }

    let completedReads = Locked(0)
    let driverFinished = Locked(false)
    let driverDone = DispatchSemaphore(value: 0)
    let reader = ThreadID.current
    let expectedReads = prompts.count
    DispatchQueue.global().async {
        var ok = true
        stepLoop: for step in steps {
            switch step {
            case .prompt(let prompt):
                ok = waitUntil { terminal.output.contains(prompt) } && waitUntil { terminal.isRaw }
            case .type(let text):
                terminal.type(text)
            case .call(let action):
                action()
            case .interrupt:
                let before = completedReads.current
                ok = waitUntil {
                    if completedReads.current > before { return true }
                    reader.interrupt()
                    usleep(20_000)
                    return false
                }
            }
            if !ok { break stepLoop }
        }
        if !ok {
            // Unblock the reader so that the test fails instead of hanging.
            _ = waitUntil {
                if completedReads.current >= expectedReads { return true }
                terminal.type("\u{15}\u{4}")
                usleep(50_000)
                return false
            }
        }
        driverFinished.withValue { $0 = ok }
        driverDone.signal()
    }

    var results: [LineReadResult] = []
    var timeUps = 0
    var historyCount = 0
    var rawAfterwards = true
    do {
        let editor = try #require(EditLineReader(
            programName: "iamquiz-tests", historyFile: historyFile, completions: completions,
            input: input, output: output, error: output, handleSignals: false, readEditrc: false))
        for prompt in prompts {
            if let livePrompt = live[prompt] {
                switch editor.readLine(live: livePrompt) {
                case .timeUp:
                    results.append(.endOfInput)
                    timeUps += 1
                case .input(let result):
                    results.append(result)
                }
            } else {
                results.append(editor.readLine(prompt: prompt))
            }
            completedReads.withValue { $0 += 1 }
        }
        historyCount = editor.historyCount
        rawAfterwards = terminal.isRaw
    } catch {
        completedReads.withValue { $0 = expectedReads }
        driverDone.wait()
        throw error
    }
    driverDone.wait()
    usleep(50_000)  // let the last output reach the collector
    return SessionRecord(
        results: results, screen: terminal.output, driverFinished: driverFinished.current,
        historyCount: historyCount, rawAfterwards: rawAfterwards, timeUps: timeUps)
}

@Suite("Terminal sessions (pseudo-terminal, signals)", .serialized)
struct TerminalSessionTests {
    static let sessions: [SessionCase] = [
        SessionCase(label: "a plain line", prompts: ["p1> "],
                    steps: [.prompt("p1> "), .type("hello world\r")], expected: [.line("hello world")],
                    screenContains: ["p1> hello world"]),
        SessionCase(label: "UTF-8 input", prompts: ["p1> "],
                    steps: [.prompt("p1> "), .type("héllo 日本語 👍\r")], expected: [.line("héllo 日本語 👍")]),
        SessionCase(label: "Ctrl-D on an empty line", prompts: ["p1> "],
                    steps: [.prompt("p1> "), .type("\u{4}")], expected: [.endOfInput]),
        SessionCase(label: "Ctrl-A, Ctrl-E and Ctrl-B editing", prompts: ["p1> "],
                    steps: [.prompt("p1> "), .type("wrld\u{2}\u{2}\u{2}o\u{1}hello \u{5}!\r")],
                    expected: [.line("hello world!")]),
        SessionCase(label: "Ctrl-U clears the line", prompts: ["p1> "],
                    steps: [.prompt("p1> "), .type("junk\u{15}ok\r")], expected: [.line("ok")]),
        SessionCase(label: "Tab completes the only match and adds a space for the next word", completions: ["skip", "quit", "help"],
                    prompts: ["p1> "], steps: [.prompt("p1> "), .type("sk\t\r")], expected: [.line("skip ")]),
        SessionCase(label: "Tab completes the word before the cursor", completions: ["skip", "quit"],
                    prompts: ["p1> "], steps: [.prompt("p1> "), .type("I would q\t\r")],
                    expected: [.line("I would quit ")]),
        SessionCase(label: "Tab lists several matches", completions: ["help", "hint", "quit"],
                    prompts: ["p1> "], steps: [.prompt("p1> "), .type("h\t"), .type("e\t\r")],
                    expected: [.line("help ")], screenContains: ["help  hint"]),
        SessionCase(label: "Tab without a match leaves the line", completions: ["skip"],
                    prompts: ["p1> "], steps: [.prompt("p1> "), .type("x\t\r")], expected: [.line("x")]),
        SessionCase(label: "Ctrl-P recalls the previous line", prompts: ["p1> ", "p2> "],
                    steps: [.prompt("p1> "), .type("first\r"), .prompt("p2> "), .type("\u{10}\r")],
                    expected: [.line("first"), .line("first")]),
        SessionCase(label: "blank lines stay out of the history", prompts: ["p1> ", "p2> "],
                    steps: [.prompt("p1> "), .type("   \r"), .prompt("p2> "), .type("\u{10}\r")],
                    expected: [.line("   "), .line("")]),
        SessionCase(label: "a styled prompt", prompts: ["\u{1B}[1mp1\u{1B}[22m> "],
                    steps: [.prompt("\u{1B}[1mp1\u{1B}[22m> "), .type("x\r")], expected: [.line("x")]),
    ]

    @Test("libedit reads, edits, completes and recalls lines", arguments: sessions)
    func session(_ example: SessionCase) throws {
        let record = try runSession(prompts: example.prompts, steps: example.steps, completions: example.completions)
        #expect(record.driverFinished, "screen: \(record.screen.debugDescription)")
        #expect(record.results == example.expected, "screen: \(record.screen.debugDescription)")
        for text in example.screenContains {
            #expect(record.screen.contains(text), "screen: \(record.screen.debugDescription)")
        }
        #expect(!record.screen.contains("\u{1}"), "prompt markers leaked to the screen")
        #expect(!record.rawAfterwards, "the terminal was left in raw mode")
    }

    /// The exam's clock at the prompt: libedit reads through iamquiz's own character reader, which wakes up
    /// to redraw the prompt with the line typed so far and ends the read when the time is up. The prompt's
    /// closures answer what the test's steps say, so nothing depends on how fast the machine is.
    @Test("a live prompt is redrawn with the line typed so far, ends when its time is up, and the next read is normal")
    func livePrompt() throws {
        let changed = Locked(false), expired = Locked(false)
        let live = LivePrompt(text: { changed.current ? "t2> " : "t1> " }, secondsLeft: { expired.current ? 0 : 60 },
                              refreshInterval: 0.05)
        let record = try runSession(
            prompts: ["t1> ", "p2> "],
            steps: [.prompt("t1> "), .type("ab"), .prompt("t1> ab"), .call { changed.withValue { $0 = true } },
                    .prompt("t2> ab"), .call { expired.withValue { $0 = true } }, .prompt("p2> "), .type("ok\r")],
            live: ["t1> ": live])
        #expect(record.driverFinished, "screen: \(record.screen.debugDescription)")
        #expect(record.timeUps == 1)
        #expect(record.results == [.endOfInput, .line("ok")], "the unfinished `ab` is dropped")
        #expect(record.screen.contains("\r\u{1B}[Jt2> ab"), "redrawn in place: \(record.screen.debugDescription)")
        #expect(!record.rawAfterwards)
    }

    @Test("The history is saved to its file and loaded by the next reader")
    func historyFile() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("iamquiz-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("nested/history")

        let first = try runSession(
            prompts: ["p1> ", "p2> ", "p3> "],
            steps: [.prompt("p1> "), .type("first\r"), .prompt("p2> "), .type("second\r"),
                    .prompt("p3> "), .type("second\r")],
            historyFile: file)
        #expect(first.results == [.line("first"), .line("second"), .line("second")])
        #expect(first.historyCount == 2)  // a repeat of the previous line is not added
        let saved = try String(contentsOf: file, encoding: .utf8)
        #expect(saved.contains("first") && saved.contains("second"))
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o077 } == 0)

        let second = try runSession(
            prompts: ["q1> "], steps: [.prompt("q1> "), .type("\u{10}\u{10}\r")], historyFile: file)
        #expect(second.results == [.line("first")])
    }

    @Test("EditLineReader refuses input that is not a terminal")
    func notATerminal() throws {
        let pipe = Pipe2()
        let input = try #require(fdopen(dup(pipe.readEnd), "r"))
        let output = try #require(fdopen(dup(pipe.writeEnd), "w"))
        defer {
            fclose(input)
            fclose(output)
        }
        let reader = EditLineReader(
            programName: "iamquiz-tests", historyFile: nil, completions: [],
            input: input, output: output, error: output, handleSignals: false, readEditrc: false)
        #expect(reader == nil)
        if !TerminalInfo.isTerminal(0) {
            #expect(EditLineReader(programName: "iamquiz-tests") == nil)
        }
    }

    @Test("InterruptTrap raises its flag on SIGINT and keeps it until reset")
    func trapFlag() {
        InterruptTrap.install()
        InterruptTrap.install()  // a second call changes nothing
        #expect(InterruptTrap.isInstalled)
        InterruptTrap.reset()
        #expect(!InterruptTrap.wasInterrupted)
        // Test threads block SIGINT; a reader's wait unblocks it, as here.
        InterruptTrap.interruptibleRead { _ = raise(SIGINT) }
        #expect(InterruptTrap.wasInterrupted)
        #expect(InterruptTrap.wasInterrupted)
        InterruptTrap.reset()
        #expect(!InterruptTrap.wasInterrupted)
        InterruptTrap.uninstall()
        #expect(!InterruptTrap.isInstalled)
    }

    @Test("Ctrl-C interrupts a libedit read, which then works again")
    func editLineInterrupt() throws {
        InterruptTrap.install()
        InterruptTrap.reset()
        defer { settleAndUninstall() }
        let record = try runSession(
            prompts: ["p1> ", "p2> "],
            steps: [.prompt("p1> "), .type("abc"), .interrupt, .prompt("p2> "), .type("ok\r")])
        #expect(record.driverFinished, "screen: \(record.screen.debugDescription)")
        #expect(record.results == [.interrupted, .line("ok")])  // "abc" was discarded
        #expect(InterruptTrap.wasInterrupted)
        #expect(!record.rawAfterwards)
    }

    @Test("Ctrl-C interrupts a plain read; input that comes later is still read")
    func plainInterrupt() {
        InterruptTrap.install()
        InterruptTrap.reset()
        defer { settleAndUninstall() }
        let pipe = Pipe2()
        let reader = PlainLineReader(fileDescriptor: pipe.readEnd) { _ in }
        let finished = Locked(false)
        let target = ThreadID.current
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let interrupted = waitUntil {
                if finished.current { return true }
                target.interrupt()
                usleep(20_000)
                return false
            }
            if !interrupted { pipe.write(Array("timed out\n".utf8)) }  // fail instead of hanging
            done.signal()
        }
        let result = reader.readLine(prompt: "")
        finished.withValue { $0 = true }
        done.wait()
        #expect(result == .interrupted)
        #expect(InterruptTrap.wasInterrupted)

        pipe.write(Array("later\n".utf8))
        pipe.closeWriteEnd()
        #expect(reader.readLine(prompt: "") == .line("later"))
    }

    /// A SIGINT sent to the whole process lands on whichever thread does not block it. This
    /// simulates that without disturbing other tests in the process: the signal is raised on
    /// a helper thread, whose handler must pass it on to the thread waiting in the read.
    @Test("A SIGINT caught on another thread is passed on to the waiting reader")
    func forwardedInterrupt() {
        InterruptTrap.install()
        InterruptTrap.reset()
        defer { settleAndUninstall() }
        let pipe = Pipe2()
        let reader = PlainLineReader(fileDescriptor: pipe.readEnd) { _ in }
        let finished = Locked(false)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGINT)
            var previous = sigset_t()
            pthread_sigmask(SIG_UNBLOCK, &set, &previous)
            let interrupted = waitUntil {
                if finished.current { return true }
                raise(SIGINT)  // handled on this thread, not the reader's
                usleep(20_000)
                return false
            }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
            if !interrupted { pipe.write(Array("timed out\n".utf8)) }  // fail instead of hanging
            done.signal()
        }
        let result = reader.readLine(prompt: "")
        finished.withValue { $0 = true }
        done.wait()
        #expect(result == .interrupted)
    }

    /// Lets signals still in flight arrive while the handler is installed, consumes any SIGINT
    /// still pending (so that it cannot strike after the handler is gone), then removes it.
    private func settleAndUninstall() {
        usleep(100_000)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &set, &previous)
        var zero = timespec(tv_sec: 0, tv_nsec: 0)
        while sigtimedwait(&set, nil, &zero) == SIGINT {}
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        InterruptTrap.uninstall()
        InterruptTrap.reset()
    }
}
