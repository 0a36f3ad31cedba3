/// One element of a wildcard pattern.
public enum PatternToken: Sendable, Hashable {
    /// A character that matches itself (also a `*` or `?` written as the `${*}` / `${?}` escapes).
    case literal(Unicode.Scalar)
    /// `*`: any run of characters (in an ARN segment, no `:` unless the `*` ends the segment).
    case anyRun
    /// `?`: exactly one character.
    case anyOne

    /// Tokens of a plain pattern, where every `*` and `?` is a wildcard.
    public static func parse(_ text: String) -> [PatternToken] {
        text.unicodeScalars.map { scalar in
            switch scalar {
            case "*": .anyRun
            case "?": .anyOne
            default: .literal(scalar)
            }
        }
    }

    /// The text of tokens, with wildcards written as `*` and `?` (what an equality operator compares).
    public static func text(_ tokens: [PatternToken]) -> String {
        // Built as UTF-8 bytes: appending scalars to a String one by one costs far more (values with
        // variables are rebuilt on every request).
        var utf8: [UInt8] = []
        utf8.reserveCapacity(tokens.count)
        for token in tokens {
            switch token {
            case .literal(let s): UTF8.encode(s) { utf8.append($0) }
            case .anyRun: utf8.append(UInt8(ascii: "*"))
            case .anyOne: utf8.append(UInt8(ascii: "?"))
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}

/// A glob pattern with `*` and `?`, matched in time linear in the input whatever the pattern.
///
/// The pattern is run as a nondeterministic automaton whose states are bits of a bit set (the
/// Shift-And idea), so matching costs O(n · ⌈m/64⌉) for an input of n characters and a pattern of m
/// tokens: no backtracking, so no pattern can make it slow. Plain patterns take fast paths (exact
/// text, `*`, prefix `abc*`).
public struct WildcardPattern: Sendable {
    private enum Shape: Sendable {
        case everything
        case exact([Unicode.Scalar])
        case prefix([Unicode.Scalar])
        /// ASCII-only exact text or prefix, compared as bytes (most actions and ARNs).
        case asciiExact([UInt8])
        case asciiPrefix([UInt8])
        case automaton(Automaton)
    }

    /// Boxed so that copying a pattern (statements hold many) is one reference, not several.
    private final class Box: Sendable {
        let shape: Shape
        init(_ shape: Shape) { self.shape = shape }
    }

    private let box: Box
    private var shape: Shape { box.shape }
    public let caseInsensitive: Bool

    /// A pattern from text in which every `*` and `?` is a wildcard.
    public init(_ text: String, caseInsensitive: Bool = false) {
        self.init(tokens: PatternToken.parse(text), caseInsensitive: caseInsensitive)
    }

    /// A pattern from tokens; `colonBounded` marks the `*` and `?` tokens that may not match `:`.
    init(tokens rawTokens: [PatternToken], caseInsensitive: Bool = false, colonBounded colonBoundedStars: Set<Int> = []) {
        self.caseInsensitive = caseInsensitive
        // Fold case once, and collapse runs of `*` (they match the same as one).
        var tokens: [PatternToken] = []
        var bounded: [Bool] = []
        for (i, token) in rawTokens.enumerated() {
            var t = token
            if caseInsensitive, case .literal(let s) = token { t = .literal(Self.fold(s)) }
            if t == .anyRun, tokens.last == .anyRun {
                // Two stars in a row: the run may cross a colon if either may.
                bounded[bounded.count - 1] = bounded[bounded.count - 1] && colonBoundedStars.contains(i)
                continue
            }
            tokens.append(t)
            bounded.append(colonBoundedStars.contains(i))
        }
        let shape: Shape
        let literalsOnly = tokens.allSatisfy { if case .literal = $0 { true } else { false } }
        let scalars: [Unicode.Scalar] = tokens.compactMap { if case .literal(let s) = $0 { s } else { nil } }
        let ascii = scalars.allSatisfy { $0.isASCII }
        if tokens == [.anyRun], !bounded[0] {
            shape = .everything
        } else if literalsOnly {
            shape = ascii ? .asciiExact(scalars.map { UInt8($0.value) }) : .exact(scalars)
        } else if tokens.last == .anyRun, !(bounded.last ?? false),
                  tokens.dropLast().allSatisfy({ if case .literal = $0 { true } else { false } }) {
            shape = ascii ? .asciiPrefix(scalars.map { UInt8($0.value) }) : .prefix(scalars)
        } else {
            shape = .automaton(Automaton(tokens: tokens, colonBounded: bounded, caseInsensitive: caseInsensitive))
        }
        box = Box(shape)
    }

    /// Whether `text` matches. For a case-insensitive pattern the text may be in any case.
    public func matches(_ text: String) -> Bool {
        switch shape {
        case .everything:
            return true
        case .exact(let scalars):
            var i = 0
            for s in text.unicodeScalars {
                guard i < scalars.count, fold(s) == scalars[i] else { return false }
                i += 1
            }
            return i == scalars.count
        case .prefix(let scalars):
            var i = 0
            for s in text.unicodeScalars {
                if i == scalars.count { return true }
                guard fold(s) == scalars[i] else { return false }
                i += 1
            }
            return i == scalars.count
        case .asciiExact(let bytes):
            return Self.compareBytes(text, bytes, fold: caseInsensitive, prefixOnly: false)
        case .asciiPrefix(let bytes):
            return Self.compareBytes(text, bytes, fold: caseInsensitive, prefixOnly: true)
        case .automaton(let automaton):
            return automaton.matches(text, fold: caseInsensitive)
        }
    }

    /// Compares the UTF-8 of `text` with ASCII `bytes` (a non-ASCII byte in the text never equals one).
    @inline(__always)
    private static func compareBytes(_ text: String, _ bytes: [UInt8], fold: Bool, prefixOnly: Bool) -> Bool {
        text.withUTF8Bytes { utf8 in
            bytes.withUnsafeBufferPointer { compare(utf8, $0, fold: fold, prefixOnly: prefixOnly) }
        }
    }

    /// Whether `utf8` is (or, with `prefixOnly`, starts with) the ASCII `bytes`, ignoring ASCII case in the
    /// text with `fold` (the pattern's bytes are folded already).
    @inline(__always)
    static func compare(_ utf8: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>, fold: Bool, prefixOnly: Bool) -> Bool {
        if prefixOnly ? utf8.count < bytes.count : utf8.count != bytes.count { return false }
        guard let text = utf8.baseAddress, let pattern = bytes.baseAddress else { return true }
        var i = 0
        // Eight bytes at a time while they are the same as they stand: the pattern's bytes are folded already,
        // so equal bytes are equal after folding too (and a lowercase text, the usual case, needs no folding).
        while i + 8 <= bytes.count,
              UnsafeRawPointer(text + i).loadUnaligned(as: UInt64.self) == UnsafeRawPointer(pattern + i).loadUnaligned(as: UInt64.self) {
            i += 8
        }
        while i < bytes.count {
            var b = text[i]
            if fold, b >= 0x41, b <= 0x5A { b += 32 }
            if b != pattern[i] { return false }
            i += 1
        }
        return true
    }

    /// The usual shapes, which `PatternList` compares from its own buffer.
    enum PlainForm {
        case everything
        case exact([UInt8])
        case prefix([UInt8])
    }

    /// The pattern as `*`, ASCII text or an ASCII prefix (its bytes folded when case-insensitive); nil for
    /// other patterns.
    var plainForm: PlainForm? {
        switch shape {
        case .everything: .everything
        case .asciiExact(let bytes): .exact(bytes)
        case .asciiPrefix(let bytes): .prefix(bytes)
        case .exact, .prefix, .automaton: nil
        }
    }

    @inline(__always)
    private func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        caseInsensitive ? Self.fold(s) : s
    }

    /// Simple case folding: ASCII fast, other letters through their lowercase mapping when it is one scalar.
    @inline(__always)
    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.value < 0x80 {
            if s.value >= 0x41, s.value <= 0x5A, let lower = Unicode.Scalar(s.value + 32) { return lower }
            return s
        }
        let lower = s.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first ?? s : s
    }
}

/// The bit-parallel automaton behind `WildcardPattern`: bit i set means "the first i tokens matched".
private struct Automaton: Sendable {
    /// Number of 64-bit words per state set (pattern length + 1 bits).
    let words: Int
    /// States whose token is a `*` that may match `:`.
    let starAny: [UInt64]
    /// States whose token is any `*` (the ones bounded by colons included).
    let starMask: [UInt64]
    /// States whose token is a `?` that may match `:`.
    let oneAny: [UInt64]
    /// States whose token is any `?`.
    let oneMask: [UInt64]
    /// For each literal character, the states whose token it is.
    let literals: [(Unicode.Scalar, [UInt64])]
    let accept: (word: Int, bit: UInt64)
    /// For one-word automata whose literals are all ASCII: the states of each ASCII byte (for a
    /// case-insensitive pattern an uppercase letter has the states of its lowercase, so no byte is folded).
    let asciiTable: [UInt64]?

    init(tokens: [PatternToken], colonBounded: [Bool], caseInsensitive: Bool) {
        words = (tokens.count + 1 + 63) / 64
        let zero = [UInt64](repeating: 0, count: words)
        var starAny = zero, starMask = zero, oneAny = zero, oneMask = zero
        var literalMasks: [Unicode.Scalar: [UInt64]] = [:]
        for (i, token) in tokens.enumerated() {
            let (w, b) = (i / 64, UInt64(1) << UInt64(i % 64))
            switch token {
            case .anyRun:
                starMask[w] |= b
                if !colonBounded[i] { starAny[w] |= b }
            case .anyOne:
                oneMask[w] |= b
                if !colonBounded[i] { oneAny[w] |= b }
            case .literal(let s):
                literalMasks[s, default: zero][w] |= b
            }
        }
        self.starAny = starAny
        self.starMask = starMask
        self.oneAny = oneAny
        self.oneMask = oneMask
        literals = literalMasks.sorted { $0.key.value < $1.key.value }.map { ($0.key, $0.value) }
        accept = (tokens.count / 64, UInt64(1) << UInt64(tokens.count % 64))
        if words == 1, literalMasks.keys.allSatisfy({ $0.isASCII }) {
            var table = [UInt64](repeating: 0, count: 128)
            for (scalar, mask) in literalMasks { table[Int(scalar.value)] = mask[0] }
            if caseInsensitive {
                for upper in 0x41...0x5A { table[upper] = table[upper + 32] }
            }
            asciiTable = table
        } else {
            asciiTable = nil
        }
    }

    func matches(_ string: String, fold: Bool) -> Bool {
        if words == 1 { return matchesOneWord(string, fold: fold) }
        let text = string.unicodeScalars
        var state = [UInt64](repeating: 0, count: words)
        var next = state
        state[0] = 1
        closeOverStars(&state)
        for raw in text {
            let c = fold ? WildcardPattern.fold(raw) : raw
            let literal = literalMask(c)
            let isColon = c == ":"
            var carry: UInt64 = 0
            var any: UInt64 = 0
            for w in 0..<words {
                // Advance over a matching literal or `?`, stay on a `*`.
                var consume = state[w] & (isColon ? oneAny[w] : oneMask[w])
                if let literal { consume |= state[w] & literal[w] }
                next[w] = (consume << 1) | carry | (state[w] & (isColon ? starAny[w] : starMask[w]))
                carry = consume >> 63
                any |= next[w]
            }
            if any == 0 { return false }
            swap(&state, &next)
            closeOverStars(&state)
        }
        return state[accept.word] & accept.bit != 0
    }

    /// The same automaton for patterns of up to 63 tokens, without any allocation. ASCII text runs
    /// over its bytes with a table per byte; other text over its Unicode scalars.
    private func matchesOneWord(_ text: String, fold: Bool) -> Bool {
        if let table = asciiTable {
            let result: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
                table.withUnsafeBufferPointer { table -> Bool? in
                    let starAll = starMask[0], starColon = starAny[0], oneAll = oneMask[0], oneColon = oneAny[0]
                    var state: UInt64 = 1
                    state |= (state & starAll) << 1
                    for c in bytes {
                        if c >= 0x80 { return nil }
                        let isColon = c == 0x3A
                        let consume = state & ((isColon ? oneColon : oneAll) | table[Int(c)])
                        state = (consume << 1) | (state & (isColon ? starColon : starAll))
                        if state == 0 { return false }
                        state |= (state & starAll) << 1
                    }
                    return state & accept.bit != 0
                }
            } ?? nil
            if let result { return result }
        }
        return matchesOneWordScalars(text.unicodeScalars, fold: fold)
    }

    private func matchesOneWordScalars(_ text: String.UnicodeScalarView, fold: Bool) -> Bool {
        let starAll = starMask[0], starColon = starAny[0], oneAll = oneMask[0], oneColon = oneAny[0]
        var state: UInt64 = 1
        state |= (state & starAll) << 1
        for raw in text {
            let c = fold ? WildcardPattern.fold(raw) : raw
            let isColon = c == ":"
            var consume = state & (isColon ? oneColon : oneAll)
            for (scalar, mask) in literals where scalar == c {
                consume |= state & mask[0]
                break
            }
            state = (consume << 1) | (state & (isColon ? starColon : starAll))
            if state == 0 { return false }
            state |= (state & starAll) << 1
        }
        return state & accept.bit != 0
    }

    /// A `*` state may also move on without consuming (runs of stars were collapsed, so one step is enough).
    @inline(__always)
    private func closeOverStars(_ state: inout [UInt64]) {
        var carry: UInt64 = 0
        for w in 0..<words {
            let stars = state[w] & starMask[w]
            state[w] |= (stars << 1) | carry
            carry = stars >> 63
        }
    }

    @inline(__always)
    private func literalMask(_ c: Unicode.Scalar) -> [UInt64]? {
        // Few distinct literals in practice: a linear scan beats hashing.
        for (scalar, mask) in literals where scalar == c { return mask }
        return nil
    }
}
