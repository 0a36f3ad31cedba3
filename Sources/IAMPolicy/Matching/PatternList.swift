/// The `Action` or `Resource` patterns of a statement, compiled into one block of bytes and a table of plain
/// entries, so that a statement's list is matched without a reference count per pattern: each use of a
/// `WildcardPattern` (an object) costs a retain and a release, and a request checks every statement's
/// patterns. The usual shapes (`*`, ASCII text, an ASCII prefix such as `s3:Get*` or
/// `arn:aws:s3:::bucket/*`) are compared here, as `WildcardPattern` compares them; the others keep their
/// `WildcardPattern`.
struct PatternList: Sendable {
    private enum Kind: Sendable {
        case everything, exact, prefix
        /// Matched by `general[start]`.
        case general
        /// No pattern: the caller matches this entry (a `Resource` with policy variables).
        case absent
    }

    private struct Entry: Sendable {
        let kind: Kind
        /// For `exact` and `prefix`: the pattern's bytes are `bytes[start ..< start + count]`.
        let start: Int
        let count: Int
    }

    private let entries: [Entry]
    private let bytes: [UInt8]
    private let general: [WildcardPattern]
    private let caseInsensitive: Bool

    init(_ patterns: [WildcardPattern?], caseInsensitive: Bool) {
        var entries: [Entry] = []
        var bytes: [UInt8] = []
        var general: [WildcardPattern] = []
        func add(_ kind: Kind, _ text: [UInt8]) {
            entries.append(Entry(kind: kind, start: bytes.count, count: text.count))
            bytes += text
        }
        for pattern in patterns {
            switch pattern?.plainForm {
            case .everything?:
                entries.append(Entry(kind: .everything, start: 0, count: 0))
            case .exact(let text)?:
                add(.exact, text)
            case .prefix(let text)?:
                add(.prefix, text)
            case nil:
                if let pattern {
                    entries.append(Entry(kind: .general, start: general.count, count: 0))
                    general.append(pattern)
                } else {
                    entries.append(Entry(kind: .absent, start: 0, count: 0))
                }
            }
        }
        self.entries = entries
        self.bytes = bytes
        self.general = general
        self.caseInsensitive = caseInsensitive
    }

    /// Whether entry `i` matches `text`; nil for an entry without a pattern.
    @inline(__always)
    func matches(_ i: Int, _ text: String) -> Bool? {
        let entry = entries[i]
        switch entry.kind {
        case .everything:
            return true
        case .absent:
            return nil
        case .general:
            return general[entry.start].matches(text)
        case .exact, .prefix:
            return text.withUTF8Bytes { utf8 in
                bytes.withUnsafeBufferPointer { all in
                    WildcardPattern.compare(utf8, UnsafeBufferPointer(rebasing: all[entry.start ..< entry.start + entry.count]),
                                            fold: caseInsensitive, prefixOnly: entry.kind == .prefix)
                }
            }
        }
    }

    /// The index of the first entry that matches `text`, or -1 (for lists where every entry has a pattern).
    func firstMatch(_ text: String) -> Int {
        for i in entries.indices where matches(i, text) == true { return i }
        return -1
    }
}
