import Foundation
import Testing
@testable import TerminalUI

@Suite("ScriptedLineReader")
struct ScriptedLineReaderTests {
    @Test("Returns the lines in order, then end of input, recording every prompt")
    func replaysLines() {
        let reader = ScriptedLineReader(["b", "", "quit"])
        #expect(reader.remaining == 3)
        #expect(reader.readLine(prompt: "1> ") == .line("b"))
        #expect(reader.readLine(prompt: "2> ") == .line(""))
        #expect(reader.readLine(prompt: "3> ") == .line("quit"))
        #expect(reader.readLine(prompt: "4> ") == .endOfInput)
        #expect(reader.readLine(prompt: "5> ") == .endOfInput)
        #expect(reader.prompts == ["1> ", "2> ", "3> ", "4> ", "5> "])
        #expect(reader.remaining == 0)
    }

    @Test("Scripts interrupts and end of input too")
    func replaysResults() {
        let reader = ScriptedLineReader(results: [.line("a"), .interrupted, .endOfInput, .line("late")])
        let results = (0..<5).map { reader.readLine(prompt: "> \($0)") }
        #expect(results == [.line("a"), .interrupted, .endOfInput, .line("late"), .endOfInput])
    }

    @Test("Is usable through the protocol")
    func existential() {
        let reader: any LineReader = ScriptedLineReader([])
        #expect(reader.readLine(prompt: "") == .endOfInput)
    }
}

/// Input bytes for a plain reader and the results expected until end of input.
struct PlainCase: Sendable, CustomTestStringConvertible {
    let label: String
    let input: [UInt8]
    let expected: [LineReadResult]

    init(_ label: String, _ input: [UInt8], _ expected: [LineReadResult]) {
        self.label = label
        self.input = input
        self.expected = expected
    }

    init(_ label: String, _ input: String, _ expected: [LineReadResult]) {
        self.init(label, Array(input.utf8), expected)
    }

    var testDescription: String { label }
}

@Suite("PlainLineReader")
struct PlainLineReaderTests {
    static let longLine = String(repeating: "a", count: 10_000)
    static let straddling = String(repeating: "x", count: 4095) + "é日"

    static let cases: [PlainCase] = [
        PlainCase("lines ending in LF", "a\nb\n", [.line("a"), .line("b"), .endOfInput]),
        PlainCase("CRLF", "a\r\nb\r\n", [.line("a"), .line("b"), .endOfInput]),
        PlainCase("last line without newline", "a\nlast", [.line("a"), .line("last"), .endOfInput]),
        PlainCase("last line with CR only", "a\r", [.line("a"), .endOfInput]),
        PlainCase("empty input", "", [.endOfInput]),
        PlainCase("empty lines", "\n\n", [.line(""), .line(""), .endOfInput]),
        PlainCase("UTF-8", "héllo 日本 👍\n", [.line("héllo 日本 👍"), .endOfInput]),
        PlainCase("invalid UTF-8", [0x66, 0xFF, 0x6F, 0xC3, 0x0A], [.line("f\u{FFFD}o\u{FFFD}"), .endOfInput]),
        PlainCase("byte order mark", [0xEF, 0xBB, 0xBF, 0x78, 0x0A, 0xEF, 0xBB, 0xBF, 0x0A],
                  [.line("x"), .line("\u{FEFF}"), .endOfInput]),
        PlainCase("line longer than a read", longLine + "\nb", [.line(longLine), .line("b"), .endOfInput]),
        PlainCase("character split between reads", straddling + "\n", [.line(straddling), .endOfInput]),
        PlainCase("spaces kept", "  b  \n", [.line("  b  "), .endOfInput]),
    ]

    @Test("Reads lines from a pipe", arguments: cases)
    func readsPipe(_ example: PlainCase) {
        let pipe = Pipe2()
        pipe.write(example.input)
        pipe.closeWriteEnd()
        let prompts = Locked<[String]>([])
        let reader = PlainLineReader(fileDescriptor: pipe.readEnd) { text in
            prompts.withValue { $0.append(text) }
        }
        let results = example.expected.indices.map { reader.readLine(prompt: "q\($0)> ") }
        #expect(results == example.expected)
        #expect(reader.readLine(prompt: "again> ") == .endOfInput)
        #expect(prompts.current == example.expected.indices.map { "q\($0)> " } + ["again> "])
    }

    @Test("Echo writes each line after its prompt")
    func echo() {
        let pipe = Pipe2()
        pipe.write(Array("b\n".utf8))
        pipe.closeWriteEnd()
        let written = Locked("")
        let reader = PlainLineReader(fileDescriptor: pipe.readEnd, echo: true) { text in
            written.withValue { $0 += text }
        }
        #expect(reader.readLine(prompt: "Answer: ") == .line("b"))
        #expect(reader.readLine(prompt: "Next: ") == .endOfInput)
        #expect(written.current == "Answer: b\nNext: \n")
    }

    @Test("Echo never passes control sequences through: piped input is untrusted text")
    func echoIsSanitised() {
        let pipe = Pipe2()
        pipe.write(Array("\u{1B}]0;pwned\u{07}a\u{1B}[2J\n".utf8))
        pipe.closeWriteEnd()
        let written = Locked("")
        let reader = PlainLineReader(fileDescriptor: pipe.readEnd, echo: true) { text in
            written.withValue { $0 += text }
        }
        // The line itself is returned as read (the quiz parses it); only the echo is cleaned.
        #expect(reader.readLine(prompt: "> ") == .line("\u{1B}]0;pwned\u{07}a\u{1B}[2J"))
        #expect(!written.current.contains("\u{1B}") && !written.current.contains("\u{07}"))
        #expect(written.current.contains("a"))
    }

    /// The exam on piped input held open (a learner's pipe, a test harness): the read ends when the time
    /// is up, without a newline ever arriving. The prompt's clock is a counter of its calls, not the time.
    @Test("A live read returns a line that is there, and gives up on an idle pipe when its time is up")
    func liveRead() {
        let pipe = Pipe2()
        pipe.write(Array("x\nab".utf8))
        let written = Locked("")
        let reader = PlainLineReader(fileDescriptor: pipe.readEnd, echo: true) { text in
            written.withValue { $0 += text }
        }
        let asked = Locked(0)
        let live = LivePrompt(text: { "Answer: " }, secondsLeft: {
            asked.withValue { $0 += 1 }
            return asked.current > 4 ? 0 : 0.01
        }, refreshInterval: 0.01)
        #expect(reader.readLine(live: live) == .input(.line("x")))
        #expect(reader.readLine(live: live) == .timeUp, "`ab` has no newline and the pipe stays open")
        #expect(written.current == "Answer: x\nAnswer: \n")
        pipe.closeWriteEnd()
    }

    @Test("Input arriving in pieces is joined into lines")
    func slowWriter() {
        let pipe = Pipe2()
        let reader = PlainLineReader(fileDescriptor: pipe.readEnd) { _ in }
        let writer = DispatchQueue(label: "writer")
        writer.async {
            for piece in ["ab", "c\r", "\nd", "é"] {
                pipe.write(Array(piece.utf8))
                usleep(20_000)
            }
            pipe.closeWriteEnd()
        }
        #expect(reader.readLine(prompt: "") == .line("abc"))
        #expect(reader.readLine(prompt: "") == .line("dé"))
        #expect(reader.readLine(prompt: "") == .endOfInput)
        writer.sync {}
    }

    @Test("makeLineReader gives a plain reader when standard input is not a terminal")
    func factory() {
        let reader = makeLineReader(programName: "iamquiz-tests", historyFile: nil, completions: ["skip"])
        if !TerminalInfo.isTerminal(0) || !TerminalInfo.isTerminal(1) {
            #expect(reader is PlainLineReader)
        }
    }
}

@Suite("Word completion")
struct WordCompletionTests {
    static let commands = ["skip", "quit", "help", "hint", "quit"]

    static let cases: [(String, WordCompletion)] = [
        ("sk", .insert("ip ")),
        ("s", .insert("kip ")),
        ("skip", .insert(" ")),
        ("q", .insert("uit ")),
        ("h", .choices(["help", "hint"])),
        ("he", .insert("lp ")),
        ("", .choices(["skip", "quit", "help", "hint"])),
        ("x", .noMatch),
        ("Sk", .noMatch),
        ("skipper", .noMatch),
    ]

    @Test("Completes a word from the commands", arguments: cases)
    func complete(_ word: String, _ expected: WordCompletion) {
        #expect(WordCompletion.complete(word, from: Self.commands) == expected)
    }

    @Test("Several matches complete to their longest common prefix")
    func commonPrefix() {
        #expect(WordCompletion.complete("c", from: ["continue", "contents"]) == .insert("ont"))
        #expect(WordCompletion.complete("", from: []) == .noMatch)
    }
}

@Suite("Prompt encoding for libedit")
struct PromptEncodingTests {
    static let cases: [(String, String)] = [
        ("plain> ", "plain> "),
        ("\u{1B}[1mq1\u{1B}[22m> ", "\u{1}\u{1B}[1m\u{1}q1\u{1}\u{1B}[22m\u{1}> "),
        ("\u{1B}[38;5;208mx", "\u{1}\u{1B}[38;5;208m\u{1}x"),
        ("a\u{1}b", "ab"),
        ("\u{1B}7x", "\u{1}\u{1B}7\u{1}x"),
        ("end\u{1B}", "end\u{1}\u{1B}\u{1}"),
        ("日本> ", "日本> "),
    ]

    @Test("Escape sequences are bracketed as non-printing", arguments: cases)
    func encode(_ prompt: String, _ expected: String) {
        #expect(EditLineReader.encodePrompt(prompt) == expected)
    }
}
