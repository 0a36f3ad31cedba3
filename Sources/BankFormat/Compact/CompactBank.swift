import Diagnostics

/// A compact form of parsed questions, written at build time for the built-in bank (the `PrebuildBank`
/// plugin runs `BankCompiler`, which runs the real parser) and read at start-up without the parser: a quiz
/// on the built-in bank then decodes its questions instead of parsing its text (docs/bank-format.md).
///
/// Layout: the magic `IQBC`, the format ``version``, the table of file names that positions point into, then
/// the questions, every field of the model in a fixed order, and nothing after them. Integers are written in
/// 6-bit groups, low group first, with `0x40` marking that another group follows; strings as their UTF-8 byte
/// count and bytes. Every byte outside a string is below `0x80`, so the whole blob is valid UTF-8 and can be
/// embedded in generated Swift source as a string literal, which compiles fast where a byte array would not.
package enum CompactBank {
    /// The first bytes of every compact bank.
    package static let magic: [UInt8] = Array("IQBC".utf8)
    /// The layout's version: raise it whenever the layout or the model changes, so that a blob of another
    /// build is refused rather than misread.
    package static let version = 1

    /// The compact form of `questions`.
    package static func encode(_ questions: [Question]) -> [UInt8] {
        var writer = CompactBankWriter()
        writer.write(questions)
        return writer.bytes
    }

    /// The questions of a compact bank; throws when `bytes` are not one of this ``version``, or are cut short
    /// or damaged, rather than returning questions that were never written.
    package static func decode(_ bytes: some Collection<UInt8>) throws(CompactBankError) -> [Question] {
        func read(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<[Question], CompactBankError> {
            var reader = CompactBankReader(buffer)
            return Result { () throws(CompactBankError) in try reader.readBank() }
        }
        let result = bytes.withContiguousStorageIfAvailable(read) ?? Array(bytes).withUnsafeBufferPointer(read)
        return try result.get()
    }
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
