/// Allocation-free matching of the common `...Like` and ARN patterns, straight from their tokens.
///
/// Building a `WildcardPattern` costs microseconds, more than a whole condition may take, and a policy
/// value that went through variable expansion is new on every request. The patterns seen in practice are
/// literal blocks (with `?`) separated by `*`; for those the greedy rule is exact: the first block must
/// start the text, the last must end it, and each block in between is best placed at its leftmost
/// occurrence (blocks have a fixed length). The search is naive, so the fast path is taken only when the
/// middle blocks are short (then matching stays linear in the text); other patterns go to
/// `WildcardPattern`, whose matching is linear whatever the pattern.
enum ConditionGlob {
    /// Longest total length of the blocks between the first and last `*` that the fast path accepts.
    static let maxMiddleLength = 16

    /// Whether `matches` may be used for `tokens` (else use `WildcardPattern`).
    static func isFast(_ tokens: [PatternToken]) -> Bool {
        guard let first = tokens.firstIndex(of: .anyRun), let last = tokens.lastIndex(of: .anyRun) else { return true }
        var middle = 0
        for token in tokens[first...last] where token != .anyRun { middle += 1 }
        return middle <= maxMiddleLength
    }

    /// Whether `text` matches the pattern `tokens` (`*` any run, `?` one character, literals themselves).
    static func matches(_ tokens: [PatternToken], _ text: String) -> Bool {
        text.withUTF8Bytes { matches(tokens[...], $0, 0, $0.count) }
    }

    /// The same on the UTF-8 bytes `start..<end` of a text.
    static func matches(_ tokens: ArraySlice<PatternToken>, _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard let firstStar = tokens.firstIndex(of: .anyRun) else {
            // No `*`: the text must be exactly as long as the pattern.
            return match(tokens, b, start, end) == end
        }
        let lastStar = tokens.lastIndex(of: .anyRun) ?? firstStar
        guard let afterPrefix = match(tokens[tokens.startIndex..<firstStar], b, start, end) else { return false }
        // The last block must end the text, without overlapping the first.
        var suffixStart = end
        for token in tokens[(lastStar + 1)...].reversed() {
            switch token {
            case .literal(let s):
                let (bytes, count) = encode(s)
                guard suffixStart - count >= afterPrefix else { return false }
                suffixStart -= count
                for k in 0..<count where b[suffixStart + k] != UInt8(truncatingIfNeeded: bytes >> UInt32(8 * k)) {
                    return false
                }
            case .anyOne, .anyRun:
                guard suffixStart > afterPrefix else { return false }
                suffixStart -= 1
                while suffixStart > afterPrefix, b[suffixStart] & 0xC0 == 0x80 { suffixStart -= 1 }
            }
        }
        // The blocks in between, each at its leftmost place.
        var position = afterPrefix
        var blockStart = firstStar + 1
        while blockStart < lastStar {
            let blockEnd = tokens[blockStart..<lastStar].firstIndex(of: .anyRun) ?? lastStar
            if blockEnd > blockStart {
                let block = tokens[blockStart..<blockEnd]
                var candidate = position
                var found: Int?
                while true {
                    if let blockEnd = match(block, b, candidate, suffixStart) {
                        found = blockEnd
                        break
                    }
                    guard candidate < suffixStart else { break }
                    candidate += 1
                    while candidate < suffixStart, b[candidate] & 0xC0 == 0x80 { candidate += 1 }
                }
                guard let found else { return false }
                position = found
            }
            blockStart = blockEnd + 1
        }
        return true
    }

    /// Matches a block without `*` at byte `index`; the index after it, or nil.
    @inline(__always)
    private static func match(_ block: ArraySlice<PatternToken>, _ b: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> Int? {
        var i = index
        for token in block {
            guard i < end else { return nil }
            switch token {
            case .literal(let s):
                let (bytes, count) = encode(s)
                guard i + count <= end else { return nil }
                for k in 0..<count where b[i + k] != UInt8(truncatingIfNeeded: bytes >> UInt32(8 * k)) { return nil }
                i += count
            case .anyOne, .anyRun:
                i += 1
                while i < end, b[i] & 0xC0 == 0x80 { i += 1 }
            }
        }
        return i
    }

    /// The UTF-8 bytes of a scalar, first byte lowest, and their number.
    @inline(__always)
    private static func encode(_ s: Unicode.Scalar) -> (UInt32, Int) {
        let v = s.value
        switch v {
        case 0..<0x80:
            return (v, 1)
        case 0x80..<0x800:
            return ((0xC0 | v >> 6) | (0x80 | v & 0x3F) << 8, 2)
        case 0x800..<0x10000:
            return ((0xE0 | v >> 12) | (0x80 | (v >> 6) & 0x3F) << 8 | (0x80 | v & 0x3F) << 16, 3)
        default:
            return ((0xF0 | v >> 18) | (0x80 | (v >> 12) & 0x3F) << 8 | (0x80 | (v >> 6) & 0x3F) << 16
                        | (0x80 | v & 0x3F) << 24, 4)
        }
    }

    /// An ARN condition pattern, "each of the six colon-delimited components of the ARN checked
    /// separately": the first five components of pattern and text are matched pairwise (no wildcard there
    /// crosses a colon), then the resource part, where `*` and `?` match colons too.
    static func matchesARN(_ tokens: [PatternToken], _ text: String) -> Bool {
        text.withUTF8Bytes { b in
            let colon = UInt8(ascii: ":")
            var patternStart = tokens.startIndex
            var textStart = 0
            for _ in 0..<5 {
                guard let patternColon = tokens[patternStart...].firstIndex(of: .literal(":")) else {
                    // The pattern ends within the first five components: so must the text.
                    for k in textStart..<b.count where b[k] == colon { return false }
                    return matches(tokens[patternStart...], b, textStart, b.count)
                }
                var textColon = textStart
                while textColon < b.count, b[textColon] != colon { textColon += 1 }
                guard textColon < b.count,
                      matches(tokens[patternStart..<patternColon], b, textStart, textColon) else { return false }
                patternStart = patternColon + 1
                textStart = textColon + 1
            }
            return matches(tokens[patternStart...], b, textStart, b.count)
        }
    }
}
