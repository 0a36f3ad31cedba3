import Testing
@testable import TerminalUI

@Suite("TerminalInfo and Style")
struct TerminalInfoTests {
    static let colorEnvironments: [([String: String], Bool)] = [
        ([:], true),
        (["TERM": "xterm-256color"], true),
        (["NO_COLOR": ""], true),
        (["NO_COLOR": "1"], false),
        (["NO_COLOR": "0"], false),
        (["NO_COLOR": "yes", "TERM": "xterm"], false),
        (["TERM": "dumb"], false),
        (["TERM": "dumb", "NO_COLOR": ""], false),
    ]

    @Test("Colour is never enabled on a pipe", arguments: colorEnvironments)
    func colorOnPipe(_ environment: [String: String], _ allowed: Bool) {
        let pipe = Pipe2()
        #expect(!TerminalInfo.isTerminal(pipe.readEnd))
        #expect(TerminalInfo.colorEnabled(fd: pipe.readEnd, environment: environment) == false)
        #expect(TerminalInfo.colorAllowed(environment: environment) == allowed)
    }

    @Test("On a terminal, colour follows NO_COLOR and TERM", arguments: colorEnvironments)
    func colorOnTerminal(_ environment: [String: String], _ allowed: Bool) throws {
        let terminal = try #require(PseudoTerminal())
        defer { terminal.close() }
        #expect(TerminalInfo.isTerminal(terminal.slave))
        #expect(TerminalInfo.colorEnabled(fd: terminal.slave, environment: environment) == allowed)
    }

    static let pipeWidths: [([String: String], Int)] = [
        ([:], 80),
        (["COLUMNS": "120"], 120),
        (["COLUMNS": " 100 "], 100),
        (["COLUMNS": "5"], 20),
        (["COLUMNS": "5000"], 1000),
        (["COLUMNS": "0"], 80),
        (["COLUMNS": "-3"], 80),
        (["COLUMNS": "wide"], 80),
        (["COLUMNS": ""], 80),
    ]

    @Test("Without a terminal, the width comes from COLUMNS or is 80", arguments: pipeWidths)
    func widthOnPipe(_ environment: [String: String], _ expected: Int) {
        let pipe = Pipe2()
        #expect(TerminalInfo.width(fd: pipe.readEnd, environment: environment) == expected)
    }

    static let terminalWidths: [(UInt16, Int)] = [(100, 100), (80, 80), (10, 20), (2000, 1000)]

    @Test("A terminal's own width wins over COLUMNS", arguments: terminalWidths)
    func widthOnTerminal(_ columns: UInt16, _ expected: Int) throws {
        let terminal = try #require(PseudoTerminal(columns: columns))
        defer { terminal.close() }
        #expect(TerminalInfo.width(fd: terminal.slave, environment: ["COLUMNS": "60"]) == expected)
    }

    @Test("A terminal reporting 0 columns falls back to COLUMNS")
    func zeroColumns() throws {
        let terminal = try #require(PseudoTerminal(columns: 0, rows: 0))
        defer { terminal.close() }
        #expect(TerminalInfo.width(fd: terminal.slave, environment: ["COLUMNS": "60"]) == 60)
    }

    static let styles: [(String, String)] = [
        ("bold", "\u{1B}[1mx\u{1B}[22m"),
        ("dim", "\u{1B}[2mx\u{1B}[22m"),
        ("green", "\u{1B}[32mx\u{1B}[39m"),
        ("red", "\u{1B}[31mx\u{1B}[39m"),
        ("yellow", "\u{1B}[33mx\u{1B}[39m"),
        ("cyan", "\u{1B}[36mx\u{1B}[39m"),
    ]

    static func apply(_ name: String, _ style: Style, _ text: String) -> String {
        switch name {
        case "bold": style.bold(text)
        case "dim": style.dim(text)
        case "green": style.green(text)
        case "red": style.red(text)
        case "yellow": style.yellow(text)
        case "cyan": style.cyan(text)
        default: "unknown style \(name)"
        }
    }

    @Test("Styles write SGR sequences only when enabled", arguments: styles)
    func style(_ name: String, _ expected: String) {
        #expect(Self.apply(name, Style(enabled: true), "x") == expected)
        #expect(Self.apply(name, Style(enabled: false), "x") == "x")
        #expect(Self.apply(name, Style(enabled: true), "") == "")
    }

    @Test("Nested colour inside bold keeps the bold")
    func nesting() {
        let style = Style(enabled: true)
        #expect(style.bold("a " + style.red("b") + " c") == "\u{1B}[1ma \u{1B}[31mb\u{1B}[39m c\u{1B}[22m")
    }
}
