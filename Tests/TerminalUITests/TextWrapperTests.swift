import Testing
@testable import TerminalUI

/// One wrapping case: the text, the layout, and the expected lines.
struct WrapCase: Sendable, CustomTestStringConvertible {
    let label: String
    let text: String
    let width: Int
    var indent = ""
    var subsequentIndent: String?
    let expected: [String]

    var testDescription: String { label }
}

@Suite("TextWrapper")
struct TextWrapperTests {
    static let cases: [WrapCase] = [
        WrapCase(label: "sentence at width 10", text: "The quick brown fox jumps over the lazy dog", width: 10,
                 expected: ["The quick", "brown fox", "jumps over", "the lazy", "dog"]),
        WrapCase(label: "exact fit", text: "abc def", width: 7, expected: ["abc def"]),
        WrapCase(label: "one column short", text: "abc def", width: 6, expected: ["abc", "def"]),
        WrapCase(label: "wide enough", text: "short", width: 80, expected: ["short"]),
        WrapCase(label: "empty text", text: "", width: 10, expected: []),
        WrapCase(label: "indent and hanging indent", text: "aaa bbb ccc", width: 9, indent: "> ",
                 subsequentIndent: "  ", expected: ["> aaa bbb", "  ccc"]),
        WrapCase(label: "indent used for every line by default", text: "aaa bbb ccc", width: 6, indent: "| ",
                 expected: ["| aaa", "| bbb", "| ccc"]),
        WrapCase(label: "option label", text: "Attach an IAM role to the instance", width: 16, indent: "B. ",
                 subsequentIndent: "   ", expected: ["B. Attach an IAM", "   role to the", "   instance"]),
        WrapCase(label: "long word alone", text: "supercalifragilistic", width: 5,
                 expected: ["super", "calif", "ragil", "istic"]),
        WrapCase(label: "long word among short ones", text: "a verylongword b", width: 5,
                 expected: ["a", "veryl", "ongwo", "rd b"]),
        WrapCase(label: "a long word that is no link is broken", text: "see docs.aws.amazon.com/IAM", width: 12,
                 indent: "  ", expected: ["  see", "  docs.aws.a", "  mazon.com/", "  IAM"]),
        WrapCase(label: "a URL moves whole to the next line", text: "see https://aws.amazon.com/iam now", width: 28,
                 expected: ["see", "https://aws.amazon.com/iam", "now"]),
        WrapCase(label: "a URL wider than the line overflows on a line of its own, without the indent",
                 text: "see https://docs.aws.amazon.com/IAM then", width: 12, indent: "  ",
                 expected: ["  see", "https://docs.aws.amazon.com/IAM", "  then"]),
        WrapCase(label: "a URL that fits only without the indent loses it", text: "a https://x.example/abc b", width: 20,
                 indent: "      ", expected: ["      a", "https://x.example/abc", "      b"]),
        WrapCase(label: "a URL with punctuation after it stays whole", text: "(see https://aws.amazon.com/iam/).", width: 12,
                 expected: ["(see", "https://aws.amazon.com/iam/)."]),
        WrapCase(label: "an ARN in backticks stays whole", text: "Resource `arn:aws:iam::111122223333:role/Admin` matches", width: 20,
                 subsequentIndent: "  ", expected: ["Resource", "`arn:aws:iam::111122223333:role/Admin`", "  matches"]),
        WrapCase(label: "a styled ARN stays whole", text: "as \u{1B}[1marn:aws:iam::111122223333:root\u{1B}[22m ok", width: 20,
                 expected: ["as", "\u{1B}[1marn:aws:iam::111122223333:root\u{1B}[22m", "ok"]),
        WrapCase(label: "style codes take no room", text: "\u{1B}[1mbold\u{1B}[22m and \u{1B}[2mdim\u{1B}[22m words", width: 10,
                 expected: ["\u{1B}[1mbold\u{1B}[22m and", "\u{1B}[2mdim\u{1B}[22m words"]),
        WrapCase(label: "a style code alone leaves no space at the end of a line", text: "\u{1B}[2mdim words \u{1B}[22m next", width: 9,
                 expected: ["\u{1B}[2mdim words\u{1B}[22m", "next"]),
        WrapCase(label: "a styled indent is measured without its codes", text: "right because", width: 14,
                 indent: "\u{1B}[32m✓ right\u{1B}[39m: ", subsequentIndent: "   ",
                 expected: ["\u{1B}[32m✓ right\u{1B}[39m: right", "   because"]),
        WrapCase(label: "spaces after a leading style code are the line's indent", text: "\u{1B}[2m  note: it\u{1B}[22m", width: 20,
                 expected: ["\u{1B}[2m  note: it\u{1B}[22m"]),
        WrapCase(label: "CJK without spaces", text: "日本語のテキストです", width: 6,
                 expected: ["日本語", "のテキ", "ストで", "す"]),
        WrapCase(label: "CJK at an odd width", text: "日本語", width: 5, expected: ["日本", "語"]),
        WrapCase(label: "CJK closing punctuation stays with its word", text: "日本語。日本語。", width: 6,
                 expected: ["日本", "語。日", "本語。"]),
        WrapCase(label: "CJK after Latin", text: "IAM ロールを使う", width: 8,
                 expected: ["IAM ロー", "ルを使う"]),
        WrapCase(label: "Hangul with spaces", text: "한국어 문장 입니다", width: 7,
                 expected: ["한국어", "문장", "입니다"]),
        WrapCase(label: "emoji take two columns", text: "👍👍👍", width: 4, expected: ["👍👍", "👍"]),
        WrapCase(label: "combining marks take none", text: "e\u{301}e\u{301}e\u{301} x", width: 3,
                 expected: ["e\u{301}e\u{301}e\u{301}", "x"]),
        WrapCase(label: "explicit line breaks", text: "a b\n\nc", width: 10, expected: ["a b", "", "c"]),
        WrapCase(label: "trailing newline", text: "a\n", width: 10, expected: ["a", ""]),
        WrapCase(label: "CRLF", text: "a\r\nb", width: 10, expected: ["a", "b"]),
        WrapCase(label: "blank line under an indent has no trailing space", text: "a\n\nb", width: 10,
                 indent: "> ", expected: ["> a", ">", "> b"]),
        WrapCase(label: "leading spaces of a line are kept", text: "  code\n    more", width: 20,
                 expected: ["  code", "    more"]),
        WrapCase(label: "spaces inside a line are kept", text: "a  b", width: 10, expected: ["a  b"]),
        WrapCase(label: "spaces at a break are dropped", text: "aaaa    bbbb", width: 6, expected: ["aaaa", "bbbb"]),
        WrapCase(label: "trailing spaces are dropped", text: "abc   ", width: 10, expected: ["abc"]),
        WrapCase(label: "only spaces", text: "   ", width: 10, expected: [""]),
        WrapCase(label: "tab is a space", text: "a\tb", width: 10, expected: ["a b"]),
        WrapCase(label: "no-break space does not break", text: "10\u{00A0}GB of data", width: 6,
                 expected: ["10\u{00A0}GB", "of", "data"]),
        WrapCase(label: "indent wider than the width is dropped", text: "abc", width: 3, indent: "    ",
                 expected: ["abc"]),
        WrapCase(label: "width 1", text: "ab c", width: 1, expected: ["a", "b", "c"]),
        WrapCase(label: "width 0 counts as 1", text: "ab", width: 0, expected: ["a", "b"]),
        WrapCase(label: "wide character wider than the width", text: "日本", width: 1, expected: ["日", "本"]),
    ]

    @Test("Wrapping", arguments: cases)
    func wrap(_ example: WrapCase) {
        let lines = TextWrapper.wrap(
            example.text, width: example.width, indent: example.indent,
            subsequentIndent: example.subsequentIndent)
        #expect(lines == example.expected)
    }

    static let widths: [(String, Int)] = [
        ("", 0), ("abc", 3), ("日本", 4), ("ｱｲ", 2), ("ＡＢ", 4), ("한국어", 6), ("é", 1),
        ("e\u{301}", 1), ("👍", 2), ("👍🏽", 2), ("🇯🇵", 2), ("👨‍👩‍👧", 2), ("❤️", 2), ("1️⃣", 2),
        ("\u{200B}", 0), ("a\u{200D}b", 2), ("\t", 1), ("\u{1B}", 0), ("\u{7F}", 0), ("·", 1),
        ("\u{1B}[1;31merror\u{1B}[0m", 5), ("\u{1B}[22m", 0), ("\u{1B}x", 1),
        ("→", 1), ("ß", 1),
    ]

    @Test("Display width", arguments: widths)
    func displayWidth(_ text: String, _ expected: Int) {
        #expect(TextWrapper.displayWidth(text) == expected)
    }

    /// Pieces random test text is made of.
    static let pieces = [
        "a", "an", "IAM", "role", "policy", "instance", "credentials", " ", " ", " ", "  ", "\n", "\n\n",
        "日本語", "の", "。", "（注）", "한국어", "👍", "👍🏽", "e\u{301}", "arn:aws:iam::123456789012:role/very-long-name",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/", "\t",
    ]

    @Test("No line is too wide or ends in a space, and no word is lost", arguments: 0..<6)
    func properties(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed))
        let indents = ["", " ", "  ", "    ", "          "]
        for _ in 0..<150 {
            let text = (0..<Int.random(in: 0...40, using: &generator))
                .map { _ in Self.pieces.randomElement(using: &generator) ?? "" }
                .joined()
            let width = Int.random(in: 2...50, using: &generator)
            let indent = indents.randomElement(using: &generator) ?? ""
            let subsequent = indents.randomElement(using: &generator) ?? ""
            let lines = TextWrapper.wrap(text, width: width, indent: indent, subsequentIndent: subsequent)
            let context = "text \(text.debugDescription) width \(width) indents \(indent.count)/\(subsequent.count)"

            for line in lines {
                // Only a link may be wider than the width, alone on its line.
                let lone = !line.hasPrefix(" ") && !line.contains(" ") && TextWrapper.mustStayWhole(line)
                #expect(lone || TextWrapper.displayWidth(line) <= width, "\(line.debugDescription) in \(context)")
                #expect(line.last != " ", "trailing space in \(line.debugDescription), \(context)")
            }
            let wordsIn = text.filter { !$0.isWhitespace }
            let wordsOut = lines.joined().filter { !$0.isWhitespace }
            #expect(wordsIn == wordsOut, "\(context)")
            let links = text.split(whereSeparator: \.isWhitespace).filter { TextWrapper.mustStayWhole($0) && $0.allSatisfy(\.isASCII) }
            for link in links {
                #expect(lines.contains { $0.contains(link) }, "\(link) broken in \(context)")
            }
            let explicitLines = text.isEmpty ? 0 : text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
            #expect(lines.count >= explicitLines, "\(context)")
        }
    }
}

@Suite("TextWrapper: links and lines")
struct TextWrapperLinkTests {
    static let links: [(String, Bool)] = [
        ("https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html", true),
        ("http://example.com", true), ("(https://example.com).", true), ("`arn:aws:iam::111122223333:role/x`", true),
        ("ARN:aws:s3:::bucket", true), ("s3://bucket/key", true), ("\u{1B}[2mhttps://x.example\u{1B}[22m", true),
        ("docs.aws.amazon.com", false), ("arn", false), ("learn:", false), ("://x", false), ("1http://x", false),
        ("role/arn:aws", false),
    ]

    @Test("Which words are links that must stay whole", arguments: links)
    func mustStayWhole(_ word: String, _ expected: Bool) {
        #expect(TextWrapper.mustStayWhole(word) == expected)
    }

    static let hangs: [(String, Int, Int)] = [
        ("plain text", 60, 2),
        ("      identity policy `x`, statement 1 (Allow): applies", 60, 8),
        ("  help: use `iamquiz scenario list`", 60, 8),
        ("error: no scenario", 60, 7),
        ("  skip     move on without answering", 60, 11),
        ("  3 abac-new-secret      can secretsmanager:GetSecretValue", 60, 25),
        ("  3 abac-new-secret      can secretsmanager:GetSecretValue", 40, 4),
        (" 12. an item", 60, 5),
        ("  • a bullet", 60, 4),
        ("\u{1B}[1mOption A\u{1B}[22m: step works", 60, 2),
        ("                              deep node", 40, 20),
    ]

    @Test("Continuation lines hang under the line's item, column or node", arguments: hangs)
    func hangingIndent(_ line: String, _ width: Int, _ expected: Int) {
        #expect(TextWrapper.hangingIndent(of: line, width: width) == expected)
    }

    @Test("wrapLines keeps lines that fit, empty lines included, and hangs the others")
    func wrapLines() {
        let text = "short  \n\n    node: the condition key aws:SourceArn is missing from the request"
        #expect(TextWrapper.wrapLines(text, width: 30) == [
            "short  ", "", "    node: the condition key", "      aws:SourceArn is missing", "      from the request",
        ])
        #expect(TextWrapper.wrapLines("", width: 30) == [""])
    }

    @Test("A trace line with an ARN wider than the line keeps it whole")
    func traceWithARN() {
        let line = "      Resource: `arn:aws:secretsmanager:us-east-1:111111111111:secret:payments-ledger-d4E5f6` matches `*`"
        let lines = TextWrapper.wrapLines(line, width: 40)
        #expect(lines == ["      Resource:", "`arn:aws:secretsmanager:us-east-1:111111111111:secret:payments-ledger-d4E5f6`",
                          "        matches `*`"])
    }

    @Test("A table row wraps its last cell under that cell, or under the row when the room is too narrow")
    func tableRow() {
        #expect(TextWrapper.tableRow("  abac  ", last: "seen 1/14", width: 40) == ["  abac  seen 1/14"])
        #expect(TextWrapper.tableRow("  abac  ", last: "seen 1/14, 0 of 1 right at first sight", width: 40)
            == ["  abac  seen 1/14, 0 of 1 right at first", "        sight"])
        #expect(TextWrapper.tableRow("  a-long-topic-name ████████  45%  ", last: "seen 1/14, 0 of 1 right", width: 40)
            == ["  a-long-topic-name ████████  45%", "    seen 1/14, 0 of 1 right"])
    }
}
