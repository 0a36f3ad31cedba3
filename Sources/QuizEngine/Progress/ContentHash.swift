import QuizBank

/// A short fingerprint of what a question asks: its stem, its options (text, in bank order) and its key.
///
/// Stored with each answer so statistics can tell answers to an edited question from answers to the
/// current text. Explanations, topics and source positions are left out: fixing a typo in a `why`
/// does not change the question. FNV-1a (64-bit) over a length-prefixed UTF-8 encoding, as 16 hex
/// digits; the same on every platform and Swift version (unlike `Hasher`). Not for security.
public enum ContentHash {
    public static func of(_ question: Question) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        // Each field is prefixed with its byte count so that moving text between fields changes the hash.
        func field(_ text: String) {
            let utf8 = Array(text.utf8)
            add(withUnsafeBytes(of: UInt64(utf8.count).littleEndian, Array.init))
            add(utf8)
        }
        field(question.stem)
        field(String(question.options.count))
        for option in question.options { field(option.text) }
        switch question.key {
        case .options(let indices): field(indices.map(String.init).joined(separator: ","))
        case .unkeyed: field("?")
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
