import Diagnostics

/// A compact form of parsed questions, written at build time for the built-in bank (the `PrebuildBank`
/// plugin runs `BankCompiler`, which runs the real parser) and read at start-up without the parser: a quiz
/// on the built-in bank then decodes its questions instead of parsing its text (docs/bank-format.md).
///
/// Layout: the magic `IQBC`, the format ``version``, the table of file names that positions point into, the
/// number of questions, then each question's outline (what choosing it needs: id, level, topics, key, scenario,
/// right-when and positions, then the byte length of its texts), then the texts of each question in the same
/// order (stem, options, explanation, references, changes, disputes, source and allowed warnings), and nothing
/// after them. So a quiz can read every outline and only the texts of the questions it asks (``outline(_:)``,
/// ``complete(_:of:in:)``): the texts of the others are neither decoded nor paged in.
///
/// Integers are written in 6-bit groups, low group first, with `0x40` marking that another group follows;
/// strings as their UTF-8 byte count and bytes. Every byte outside a string is below `0x80`, so the whole blob
/// is valid UTF-8 and can be embedded in generated Swift source as a string literal, which compiles fast where
/// a byte array would not.
package enum CompactBank {
    /// The first bytes of every compact bank.
    package static let magic: [UInt8] = Array("IQBC".utf8)
    /// The layout's version: raise it whenever the layout or the model changes, so that a blob of another
    /// build is refused rather than misread.
    package static let version = 2

    /// The compact form of `questions`.
    package static func encode(_ questions: [Question]) -> [UInt8] {
        var writer = CompactBankWriter()
        writer.write(questions)
        return writer.bytes
    }

    /// The questions of a compact bank; throws when `bytes` are not one of this ``version``, or are cut short
    /// or damaged, rather than returning questions that were never written.
    package static func decode(_ bytes: some Collection<UInt8>) throws(CompactBankError) -> [Question] {
        try reading(bytes) { reader throws(CompactBankError) in try reader.readBank() }
    }

    /// The outline of each question of a compact bank, without its texts; throws as ``decode(_:)`` does
    /// for damage outside the texts.
    package static func outline(_ bytes: some Collection<UInt8>) throws(CompactBankError) -> CompactBankOutline {
        try reading(bytes) { reader throws(CompactBankError) in try reader.readOutline() }
    }

    /// The questions of `outline` at `indices`, whole: their texts read from `bytes`, the compact bank that
    /// `outline` was read from.
    package static func complete(_ indices: some Sequence<Int>, of outline: CompactBankOutline,
                                 in bytes: some Collection<UInt8>) throws(CompactBankError) -> [Question] {
        try reading(bytes) { reader throws(CompactBankError) in
            var questions: [Question] = []
            for index in indices {
                var question = outline.questions[index]
                try reader.readTexts(into: &question, at: outline.texts[index], files: outline.files)
                questions.append(question)
            }
            return questions
        }
    }

    private static func reading<Value>(_ bytes: some Collection<UInt8>,
                                       _ body: (inout CompactBankReader) throws(CompactBankError) -> Value) throws(CompactBankError) -> Value {
        func read(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<Value, CompactBankError> {
            var reader = CompactBankReader(buffer)
            return Result { () throws(CompactBankError) in try body(&reader) }
        }
        let result = bytes.withContiguousStorageIfAvailable(read) ?? Array(bytes).withUnsafeBufferPointer(read)
        return try result.get()
    }
}

/// The questions of a compact bank as ``CompactBank/outline(_:)`` reads them: each with its id, level, topics,
/// key, scenario, right-when and positions, but an empty stem, no options and none of the other texts, which
/// ``CompactBank/complete(_:of:in:)`` reads for the questions asked.
package struct CompactBankOutline: Sendable {
    package var questions: [Question]
    /// Where the texts of each question lie in the compact bank.
    let texts: [Range<Int>]
    /// The file names that positions point into.
    let files: [String]
}

/// Why a compact bank was refused, with the byte where reading stopped.
package struct CompactBankError: Error, CustomStringConvertible {
    package var message: String
    package var offset: Int

    package var description: String { "compact bank: \(message) (at byte \(offset))" }
}

extension Question {
    /// Every position the question holds, in a fixed order. `Question`'s `==` ignores positions (see
    /// `SourcePosition`), so a check that a copy is exact compares these as well.
    package var positions: [SourcePosition] {
        [position, scenarioPosition] + options.flatMap { [$0.position, $0.verifyPosition] }
    }

    /// Whether `other` is this question field by field, positions included.
    package func isExactCopy(of other: Question) -> Bool {
        self == other && positions.map(\.file) == other.positions.map(\.file)
            && positions.map(\.location) == other.positions.map(\.location)
    }
}
