import Testing
import TestSupport
@testable import TerminalUI

/// One sanitizer case: the input, what must remain, and a label for the test report.
struct SanitizerCase: Sendable, CustomTestStringConvertible {
    let label: String
    let input: String
    let expected: String

    init(_ label: String, _ input: String, _ expected: String) {
        self.label = label
        self.input = input
        self.expected = expected
    }

    var testDescription: String { label }
}

@Suite("TextSanitizer")
struct TextSanitizerTests {
    static let unchanged: [SanitizerCase] = [
        SanitizerCase("ASCII sentence", "Attach an IAM role to the instance.", "Attach an IAM role to the instance."),
        SanitizerCase("empty", "", ""),
        SanitizerCase("line feeds", "one\ntwo\n\nthree\n", "one\ntwo\n\nthree\n"),
        SanitizerCase("CJK", "日本語のテキスト、한국어", "日本語のテキスト、한국어"),
        SanitizerCase("emoji with modifier", "👍🏽 ok", "👍🏽 ok"),
        SanitizerCase("ZWJ family and flag", "👨‍👩‍👧 🇯🇵", "👨‍👩‍👧 🇯🇵"),
        SanitizerCase("combining marks", "e\u{301}te\u{301}", "e\u{301}te\u{301}"),
        SanitizerCase("Latin-1 letters", "café naïve ÿ ß", "café naïve ÿ ß"),
        SanitizerCase("brackets without ESC", "[31m ]0; P\\ ^ _", "[31m ]0; P\\ ^ _"),
        SanitizerCase("bidi marks (not overrides)", "a\u{200E}b\u{200F}c", "a\u{200E}b\u{200F}c"),
        SanitizerCase("no-break space", "a\u{00A0}b", "a\u{00A0}b"),
    ]

    @Test("Text without controls is returned unchanged", arguments: unchanged)
    func unchangedText(_ example: SanitizerCase) {
        #expect(TextSanitizer.clean(example.input) == example.expected)
    }

    static let escapeSequences: [SanitizerCase] = [
        // CSI
        SanitizerCase("CSI colour", "\u{1B}[31mred\u{1B}[0m", "red"),
        SanitizerCase("CSI many parameters", "a\u{1B}[38;2;255;0;0mb", "ab"),
        SanitizerCase("CSI private mode", "\u{1B}[?1049hscreen\u{1B}[?1049l", "screen"),
        SanitizerCase("CSI with intermediate", "\u{1B}[2 qcursor", "cursor"),
        SanitizerCase("CSI clear screen and home", "\u{1B}[2J\u{1B}[Hx", "x"),
        SanitizerCase("CSI cursor movement", "a\u{1B}[10Ab\u{1B}[5;5Hc", "abc"),
        // OSC
        SanitizerCase("OSC title ended by BEL", "\u{1B}]0;pwned\u{07}after", "after"),
        SanitizerCase("OSC title ended by ST", "\u{1B}]2;title\u{1B}\\after", "after"),
        SanitizerCase("OSC 8 hyperlink", "\u{1B}]8;;https://evil.example\u{1B}\\link\u{1B}]8;;\u{1B}\\", "link"),
        SanitizerCase("OSC 52 clipboard", "x\u{1B}]52;c;cm0gLXJmIH4=\u{07}y", "xy"),
        SanitizerCase("OSC ended by 8-bit ST", "\u{1B}]0;t\u{9C}z", "z"),
        // DCS, SOS, PM, APC
        SanitizerCase("DCS up to ST", "\u{1B}P1$r0m\u{1B}\\x", "x"),
        SanitizerCase("DCS is not ended by BEL", "\u{1B}Pabc\u{07}def\u{1B}\\x", "x"),
        SanitizerCase("SOS", "\u{1B}Xstring\u{1B}\\a", "a"),
        SanitizerCase("PM", "\u{1B}^private\u{1B}\\b", "b"),
        SanitizerCase("APC", "\u{1B}_Gf=100;AAAA\u{1B}\\c", "c"),
        // Two-character and intermediate sequences
        SanitizerCase("save and restore cursor", "\u{1B}7save\u{1B}8", "save"),
        SanitizerCase("full reset", "a\u{1B}cb", "ab"),
        SanitizerCase("character set", "\u{1B}(0lqk\u{1B}(B", "lqk"),
        SanitizerCase("DEC screen alignment", "\u{1B}#8x", "x"),
        SanitizerCase("keypad mode", "\u{1B}=\u{1B}>x", "x"),
        SanitizerCase("single shift 3 takes one character", "\u{1B}OPx", "x"),
        SanitizerCase("ESC ESC restarts", "\u{1B}\u{1B}[31mx", "x"),
        SanitizerCase("ESC before a line feed", "a\u{1B}\nb", "a\nb"),
        SanitizerCase("ESC before a non-ASCII letter", "\u{1B}éa", "éa"),
        SanitizerCase("control inside CSI ends it", "\u{1B}[31\nm", "\nm"),
        SanitizerCase("ESC inside a string starts a new sequence", "\u{1B}]0;t\u{1B}[31mX", "X"),
    ]

    @Test("Escape sequences are removed whole", arguments: escapeSequences)
    func escapeSequence(_ example: SanitizerCase) {
        #expect(TextSanitizer.clean(example.input) == example.expected)
    }

    static let controls: [SanitizerCase] = [
        SanitizerCase("8-bit CSI with parameters", "\u{9B}31mred", "red"),
        SanitizerCase("8-bit OSC with payload", "\u{9D}0;title\u{07}x", "x"),
        SanitizerCase("8-bit DCS up to 8-bit ST", "\u{90}payload\u{9C}y", "y"),
        SanitizerCase("8-bit SOS, PM, APC", "\u{98}s\u{9C}a\u{9E}p\u{9C}b\u{9F}a\u{9C}c", "abc"),
        SanitizerCase("NEL and other C1", "a\u{85}b\u{80}c\u{9F}", "abc"),
        SanitizerCase("lone 8-bit ST", "a\u{9C}b", "ab"),
        SanitizerCase("BEL BS NUL", "a\u{07}b\u{08}c\u{00}d", "abcd"),
        SanitizerCase("carriage return", "over\rwrite", "overwrite"),
        SanitizerCase("CRLF keeps the line feed", "a\r\nb", "a\nb"),
        SanitizerCase("tab becomes one space", "a\tb\t\tc", "a b  c"),
        SanitizerCase("DEL", "a\u{7F}b", "ab"),
        SanitizerCase("form feed, vertical tab, CAN, SUB", "a\u{0C}b\u{0B}c\u{18}d\u{1A}e", "abcde"),
        SanitizerCase("bidi overrides", "abc\u{202E}fed\u{202C}", "abcfed"),
        SanitizerCase("all embeddings and overrides", "\u{202A}a\u{202B}b\u{202C}c\u{202D}d\u{202E}e", "abcde"),
        SanitizerCase("bidi isolates", "\u{2066}a\u{2067}b\u{2068}c\u{2069}", "abc"),
    ]

    @Test("Control characters and bidi controls are removed", arguments: controls)
    func controlCharacter(_ example: SanitizerCase) {
        #expect(TextSanitizer.clean(example.input) == example.expected)
    }

    static let unterminated: [SanitizerCase] = [
        SanitizerCase("lone ESC", "x\u{1B}", "x"),
        SanitizerCase("CSI without final byte", "x\u{1B}[31", "x"),
        SanitizerCase("CSI introducer only", "x\u{1B}[", "x"),
        SanitizerCase("OSC without terminator", "x\u{1B}]0;title and more", "x"),
        SanitizerCase("OSC with ESC at the end", "x\u{1B}]0;t\u{1B}", "x"),
        SanitizerCase("DCS without terminator", "x\u{1B}Pq#0;2;0;0;0", "x"),
        SanitizerCase("APC without terminator", "x\u{1B}_payload", "x"),
        SanitizerCase("intermediate without final", "x\u{1B}(", "x"),
        SanitizerCase("single shift at the end", "x\u{1B}O", "x"),
        SanitizerCase("8-bit CSI at the end", "x\u{9B}", "x"),
        SanitizerCase("8-bit OSC without terminator", "x\u{9D}0;t", "x"),
    ]

    @Test("Sequences left open at the end of the input are dropped", arguments: unterminated)
    func unterminatedSequence(_ example: SanitizerCase) {
        #expect(TextSanitizer.clean(example.input) == example.expected)
    }

    /// Scalars a random test string is mostly made of: sequence introducers, terminators,
    /// controls and ordinary text, so that random input exercises every state.
    static let palette: [Unicode.Scalar] = [
        "\u{1B}", "[", "]", "P", "X", "^", "_", "\\", "(", "#", "O", ";", "0", "1", "9", "?", " ",
        "m", "H", "q", "@", "~", "\u{07}", "\n", "\r", "\t", "\u{00}", "\u{08}", "\u{7F}",
        "\u{80}", "\u{85}", "\u{90}", "\u{9B}", "\u{9C}", "\u{9D}", "\u{9F}", "\u{202E}",
        "\u{2066}", "\u{2069}", "a", "Z", "é", "日", "👍", "\u{301}", "\u{200D}",
    ]

    /// Whether `scalar` may appear in sanitized output.
    static func isAllowedInOutput(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A: true
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: false
        default: true
        }
    }

    @Test("Random input never leaves a control character or escape", arguments: 0..<8)
    func fuzz(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed))
        for _ in 0..<400 {
            var scalars = String.UnicodeScalarView()
            let length = Int.random(in: 0...80, using: &generator)
            for _ in 0..<length {
                if Bool.random(using: &generator) {
                    scalars.append(Self.palette.randomElement(using: &generator) ?? "a")
                } else if let scalar = Unicode.Scalar(UInt32.random(in: 0...0x2FFF, using: &generator)) {
                    scalars.append(scalar)
                }
            }
            let input = String(scalars)
            let output = TextSanitizer.clean(input)
            #expect(output.unicodeScalars.allSatisfy(Self.isAllowedInOutput), "input: \(input.debugDescription)")
            #expect(TextSanitizer.clean(output) == output, "not idempotent for \(input.debugDescription)")
        }
    }

    @Test("Random bytes decoded as UTF-8 are cleaned safely", arguments: 0..<4)
    func fuzzBytes(seed: Int) {
        var generator = SplitMix64(seed: UInt64(1000 + seed))
        let interesting: [UInt8] = [0x1B, 0x5B, 0x5D, 0x07, 0x5C, 0xC2, 0x9B, 0x9D, 0x9C, 0x0A, 0x0D, 0x09]
        for _ in 0..<400 {
            let bytes = (0..<Int.random(in: 0...120, using: &generator)).map { _ in
                Bool.random(using: &generator)
                    ? (interesting.randomElement(using: &generator) ?? 0)
                    : UInt8.random(in: 0...255, using: &generator)
            }
            let output = TextSanitizer.clean(String(decoding: bytes, as: UTF8.self))
            #expect(output.unicodeScalars.allSatisfy(Self.isAllowedInOutput), "bytes: \(bytes)")
        }
    }

    @Test("Text of ordinary characters is never changed")
    func printableUnchanged() {
        var generator = SplitMix64(seed: 7)
        let printable = Self.palette.filter { Self.isAllowedInOutput($0) && $0 != "\u{1B}" }
        for _ in 0..<300 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                scalars.append(printable.randomElement(using: &generator) ?? "a")
            }
            let input = String(scalars)
            #expect(TextSanitizer.clean(input) == input)
        }
    }

    @Test("Long hostile input is handled in one pass")
    func longInput() {
        let hostile = String(repeating: "\u{1B}[", count: 50_000) + String(repeating: "\u{1B}]0;", count: 50_000)
        #expect(TextSanitizer.clean(hostile).isEmpty)
        let mixed = String(repeating: "word \u{1B}[1mbold\u{1B}[22m ", count: 20_000)
        #expect(TextSanitizer.clean(mixed) == String(repeating: "word bold ", count: 20_000))
    }
}

typealias SplitMix64 = TestRandom

@Suite("Visible escapes for quoted input")
struct VisibleTextTests {
    @Test("control characters become visible escapes; printable text is kept", arguments: [
        ("whoami", "whoami"),
        ("who\u{1B}[31mami", "who\\u{1B}[31mami"),
        ("a\u{07}b", "a\\u{7}b"),
        ("tab\there", "tab\\u{9}here"),
        ("é ü 日本", "é ü 日本"),
        ("x\u{202E}y", "x\\u{202E}y"),
    ])
    func visible(input: String, expected: String) {
        #expect(TextSanitizer.visible(input) == expected)
    }
}

