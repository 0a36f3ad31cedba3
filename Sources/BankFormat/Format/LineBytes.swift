/// The UTF-8 bytes of one line of a bank file, and the tests the format makes on them, exact to the
/// `Character`.
///
/// The parser reads bytes rather than `Character`s: iterating `Character`s costs about 100 ns a byte
/// (grapheme breaking, then Unicode property look-ups for `isLetter`), bytes about 1 ns, and a bank of
/// thousands of questions is megabytes. Every mark the format gives a meaning (`- `, `##`, `why:`, ```` ``` ````)
/// is ASCII, so testing bytes finds it; but the format was defined, and first implemented, on `Character`s,
/// where `- ` followed by a combining accent is not `- ` (the space and the accent are one `Character`). So
/// every test that accepts an ASCII mark also asks whether a `Character` boundary follows it. Between two
/// ASCII bytes there always is one (CR LF aside); only where a non-ASCII scalar touches the mark does the
/// answer need Unicode's rules, and then Swift's own `Character` is asked about the two scalars
/// (``isBoundary(_:_:)``), so that the answer is the one the standard library gives.
struct LineBytes {
    /// The bytes of the whole text.
    let base: UnsafeBufferPointer<UInt8>
    /// The offset of the line's first byte: `Character`s are counted from there.
    let start: Int
    /// The offset just past the line's last byte (its line break, and any trimming, excluded).
    let end: Int

    subscript(offset: Int) -> UInt8 { base[offset] }

    /// The number of bytes of the scalar whose first byte is `lead` (the text is valid UTF-8).
    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// Whether a `Character` boundary lies between the scalar that starts at `left` and the next one, which
    /// starts at `right`; the end of the line is one.
    ///
    /// Between an ASCII character and any scalar, or any scalar and an ASCII character, the grapheme rules
    /// look at those two scalars only (Unicode's rules that look further need an emoji, a regional indicator
    /// or an Indic letter on both sides), so asking `Character` about the pair is exact.
    func isBoundary(_ left: Int, _ right: Int) -> Bool {
        guard right < end else { return true }
        let l = base[left], r = base[right]
        if l < 0x80, r < 0x80 { return !(l == 0x0D && r == 0x0A) }
        let pairEnd = min(end, right + Self.scalarLength(r))
        return String(decoding: UnsafeBufferPointer(rebasing: base[left..<pairEnd]), as: UTF8.self).count != 1
    }

    /// Whether a `Character` boundary lies before the scalar at `offset`, counting from `lower`.
    func isBoundary(before offset: Int, from lower: Int) -> Bool {
        guard offset > lower else { return true }
        var previous = offset - 1
        while previous > lower, base[previous] & 0xC0 == 0x80 { previous -= 1 }
        return isBoundary(previous, offset)
    }

    /// Whether the text at `offset` (a `Character` boundary) starts with the `Character`s of `literal`:
    /// ASCII, or a scalar such as `•` that is a `Character` of its own and equal to no other.
    func hasPrefix(_ literal: StaticString, at offset: Int) -> Bool {
        literal.withUTF8Buffer { literal in
            guard offset + literal.count <= end else { return false }
            for i in literal.indices where base[offset + i] != literal[i] { return false }
            var last = offset + literal.count - 1
            while last > offset, base[last] & 0xC0 == 0x80 { last -= 1 }
            return isBoundary(last, offset + literal.count)
        }
    }

    /// Whether the text from `offset` to the end is exactly `ascii`.
    func isExactly(_ ascii: StaticString, at offset: Int) -> Bool {
        ascii.withUTF8Buffer { end - offset == $0.count } && hasPrefix(ascii, at: offset)
    }

    /// Whether the `Character` at `offset` is a space or a tab.
    func isSpace(at offset: Int) -> Bool {
        offset < end && (base[offset] == 0x20 || base[offset] == 0x09) && isBoundary(offset, offset + 1)
    }

    /// The offset after the spaces and tabs that start `offset..<limit`.
    func skippingSpaces(from offset: Int, to limit: Int) -> Int {
        var i = offset
        while i < limit, base[i] == 0x20 || base[i] == 0x09, isBoundary(i, i + 1) { i += 1 }
        return i
    }

    /// `range` without the spaces and tabs at its start and end (`trimmingSpaces()` on `Character`s).
    func trimmingSpaces(_ range: Range<Int>) -> Range<Int> {
        let lower = skippingSpaces(from: range.lowerBound, to: range.upperBound)
        var upper = range.upperBound
        while upper > lower, base[upper - 1] == 0x20 || base[upper - 1] == 0x09,
              isBoundary(before: upper - 1, from: lower) { upper -= 1 }
        return lower..<upper
    }

    /// How many Unicode scalars `range` holds: columns and lengths in diagnostics count them.
    func scalarCount(_ range: Range<Int>) -> Int {
        var count = 0
        for i in range where base[i] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// `range` as a `String`: made only for what the model keeps or a message shows.
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: base[range]), as: UTF8.self)
    }

    /// Whether three `Character`s that are each ```` ` ```` start the text at `offset`. U+1FEF (Greek varia)
    /// is canonically equivalent to ```` ` ````, so it is one as a `Character`, as the format has always read it.
    func hasFence(at offset: Int) -> Bool {
        var i = offset
        for _ in 0..<3 {
            guard i < end else { return false }
            let length = base[i] == 0x60 ? 1
                : i + 2 < end && base[i] == 0xE1 && base[i + 1] == 0xBF && base[i + 2] == 0xAF ? 3 : 0
            guard length > 0, isBoundary(i, i + length) else { return false }
            i += length
        }
        return true
    }

    /// Runs `body` on the bytes of `text` as one line.
    static func withLine<R>(_ text: Substring, _ body: (LineBytes) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable({ body(LineBytes(base: $0, start: 0, end: $0.count)) }) {
            return result
        }
        return Array(text.utf8).withUnsafeBufferPointer { body(LineBytes(base: $0, start: 0, end: $0.count)) }
    }
}
