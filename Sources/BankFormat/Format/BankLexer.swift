import Diagnostics

/// One line of a bank file: where it lies in the file's bytes without its trailing spaces, tabs and `\r`,
/// and where its text starts after the indentation. Nothing is copied: the parser makes a `String` only of
/// what the model keeps.
struct BankLine {
    /// 1-based.
    let number: Int
    /// The line without its line break and its trailing spaces, tabs and `\r`.
    let bytes: LineBytes
    /// The offset of the first byte after the indentation (leading spaces and tabs).
    let contentStart: Int

    /// The number of leading spaces and tabs.
    var indent: Int { contentStart - bytes.start }
    /// The line without its indentation.
    var content: Range<Int> { contentStart..<bytes.end }
    var isBlank: Bool { contentStart == bytes.end }

    /// `#` alone, or followed by a space or a tab.
    var isComment: Bool {
        bytes.isExactly("#", at: contentStart) || bytes.hasPrefix("# ", at: contentStart) || bytes.hasPrefix("#\t", at: contentStart)
    }

    /// `##` at column 1, alone or followed by a space or a tab: a question header.
    var isHeader: Bool {
        indent == 0 && bytes.hasPrefix("##", at: contentStart) && (contentStart + 2 == bytes.end || bytes.isSpace(at: contentStart + 2))
    }

    /// `-` at column 1, alone or followed by a space or a tab: an option.
    var isOptionLine: Bool {
        indent == 0 && (bytes.isExactly("-", at: contentStart) || bytes.hasPrefix("- ", at: contentStart) || bytes.hasPrefix("-\t", at: contentStart))
    }

    /// The whole line, indentation included (a line of a ```` ``` ```` block is kept as written).
    var text: String { bytes.string(bytes.start..<bytes.end) }

    /// The number of Unicode scalars after the indentation: the length of a diagnostic over the line.
    var contentLength: Int { bytes.scalarCount(content) }
}

/// Splits a bank file's bytes into lines, one line at a time, and reports the control characters of each
/// line (W104) as it goes: the file is read once, front to back.
///
/// Lines end where `SourceFile.lines` ends them (LF and CRLF for the bank format), found by their bytes; a
/// byte order mark at the start is skipped.
struct BankLexer {
    private let base: UnsafeBufferPointer<UInt8>
    private let file: String
    /// Whether a CR alone ends a line.
    private let loneCR: Bool
    private var offset: Int
    private var number = 0
    private var finished = false
    /// W104 at the first control character of each line, in line order.
    private(set) var controlCharacters: [Diagnostic] = []

    /// A lexer of `base`, whose first line is line `firstLine` of the file (a part of a file, see
    /// `BankParser.parse`, starts further down).
    init(_ base: UnsafeBufferPointer<UInt8>, file: String, lineBreaks: SourceFile.LineBreaks, firstLine: Int = 1) {
        self.base = base
        self.file = file
        number = firstLine - 1
        offset = base.starts(with: SourceFile.byteOrderMark) ? SourceFile.byteOrderMark.count : 0
        loneCR = switch lineBreaks {
        case .lineFeed: false
        case .any: true
        case .lineFeedOrOldMac: !base.contains(0x0A)
        }
    }

    /// The next line; a text that ends with a line break ends with an empty line.
    mutating func next() -> BankLine? {
        guard !finished else { return nil }
        let start = offset
        var i = start
        // The first byte that may start a control character (C0, DEL, C1 after 0xC2, the bidirectional
        // controls after 0xE2); most lines have none and need no closer look.
        var suspect = -1
        scan: while i < base.count {
            if i + 8 <= base.count, let address = base.baseAddress,
               !Self.mayHoldSpecialByte(UnsafeRawPointer(address + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            for _ in 0..<min(8, base.count - i) {
                let byte = base[i]
                if byte == 0x0A { break scan }
                if byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 {
                    if byte == 0x0D, loneCR { break scan }
                    if suspect < 0 { suspect = i }
                }
                i += 1
            }
        }
        var end = i
        if i == base.count {
            finished = true
        } else if base[i] == 0x0A {
            if end > start, base[end - 1] == 0x0D { end -= 1 }
            offset = i + 1
        } else {
            offset = i + 1 < base.count && base[i + 1] == 0x0A ? i + 2 : i + 1
        }
        number += 1

        // Trailing spaces, tabs and CRs go, each when it is a `Character` of its own.
        let raw = LineBytes(base: base, start: start, end: end)
        while end > start, base[end - 1] == 0x20 || base[end - 1] == 0x09 || base[end - 1] == 0x0D,
              raw.isBoundary(before: end - 1, from: start) { end -= 1 }
        let line = LineBytes(base: base, start: start, end: end)
        if suspect >= 0, suspect < end { reportControlCharacter(in: line, from: suspect) }
        return BankLine(number: number, bytes: line, contentStart: line.skippingSpaces(from: start, to: end))
    }

    /// Whether any of the eight bytes of `word` is below 0x20 (a line break, a tab, a control) or 0x7F and
    /// above (DEL, and every byte of a non-ASCII character). Plain ASCII text, most of a bank, is skipped
    /// eight bytes at a time (the tests are exact for "any byte", see "Bit Twiddling Hacks", `hasless` and
    /// `hasmore`).
    private static func mayHoldSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let below = (word &- ones &* 0x20) & ~word & highBits
        let above = ((word &+ ones) | word) & highBits
        return below | above != 0
    }

    /// W104 at the first control character of `line` at or after `from` (`ControlCharacters.isUnsafe`).
    private mutating func reportControlCharacter(in line: LineBytes, from: Int) {
        var i = from
        while i < line.end {
            if let scalar = Self.controlCharacter(in: line, at: i) {
                let column = line.scalarCount(line.start..<i) + 1
                controlCharacters.append(ControlCharacters.warning(scalar, line: number, column: column, file: file))
                return
            }
            i += 1
        }
    }

    /// The control character whose UTF-8 encoding starts at `i`, if one does.
    private static func controlCharacter(in line: LineBytes, at i: Int) -> Unicode.Scalar? {
        let byte = line[i]
        let value: UInt32? = switch byte {
        case 0x00..<0x20 where byte != 0x09, 0x7F: UInt32(byte)
        case 0xC2 where i + 1 < line.end && (0x80...0x9F).contains(line[i + 1]): UInt32(line[i + 1])
        case 0xE2 where i + 2 < line.end && line[i + 1] == 0x80 && (0xAA...0xAE).contains(line[i + 2]),
             0xE2 where i + 2 < line.end && line[i + 1] == 0x81 && (0xA6...0xA9).contains(line[i + 2]):
            0x2000 | UInt32(line[i + 1] & 0x3F) << 6 | UInt32(line[i + 2] & 0x3F)
        default: nil
        }
        guard let value, let scalar = Unicode.Scalar(value), ControlCharacters.isUnsafe(scalar) else { return nil }
        return scalar
    }
}
