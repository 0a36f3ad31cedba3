import Diagnostics

/// Reads the layout of ``CompactBank``, checking every length and value against the bytes that are there.
struct CompactBankReader {
    private let buffer: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var files: [String] = []

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    mutating func readBank() throws(CompactBankError) -> [Question] {
        guard buffer.count >= CompactBank.magic.count, buffer.prefix(CompactBank.magic.count).elementsEqual(CompactBank.magic) else {
            throw CompactBankError(message: "it does not start with `IQBC`", offset: 0)
        }
        offset = CompactBank.magic.count
        let version = try readInt()
        guard version == CompactBank.version else {
            throw CompactBankError(message: "format version \(version), this build reads version \(CompactBank.version)", offset: CompactBank.magic.count)
        }
        files = try readList { (reader: inout Self) throws(CompactBankError) in try reader.readString() }
        let questions = try readList { (reader: inout Self) throws(CompactBankError) in try reader.readQuestion() }
        guard offset == buffer.count else {
            throw CompactBankError(message: "\(counted(buffer.count - offset, "byte")) after the last question", offset: offset)
        }
        return questions
    }

    private mutating func readQuestion() throws(CompactBankError) -> Question {
        let id = try readString()
        let level = try readEnum(Level.self)
        let topics = try readStrings()
        let stem = try readString()
        let options = try readList { (reader: inout Self) throws(CompactBankError) in
            AnswerOption(text: try reader.readString(), why: try reader.readOptional(), note: try reader.readOptional(),
                         verify: try reader.readOptional(), position: try reader.readPosition(), verifyPosition: try reader.readPosition())
        }
        let keyCount = try readInt()
        var key = AnswerKey.unkeyed
        if keyCount > 0 {
            var indices: [Int] = []
            for _ in 1..<keyCount { indices.append(try readInt()) }
            key = .options(indices)
        }
        let explanation = try readOptional()
        let references = try readStrings()
        let changed = try readStrings()
        let disputed = try readStrings()
        let scenario = try readOptional()
        let scenarioPosition = try readPosition()
        let rightWhen = try readEnum(RightWhen.self)
        let source = try readOptional()
        let allowed = try readList { (reader: inout Self) throws(CompactBankError) in
            AllowedWarning(code: try reader.readString(), reason: try reader.readString())
        }
        return Question(id: id, level: level, topics: topics, stem: stem, options: options, key: key, explanation: explanation,
                        references: references, changed: changed, disputed: disputed, scenario: scenario, source: source,
                        rightWhen: rightWhen, allowed: allowed, position: try readPosition(), scenarioPosition: scenarioPosition)
    }

    private mutating func readPosition() throws(CompactBankError) -> SourcePosition {
        let index = try readInt()
        guard index < files.count || (index == 0 && files.isEmpty) else {
            throw CompactBankError(message: "file number \(index) of \(files.count)", offset: offset)
        }
        let file = files.isEmpty ? "" : files[index]
        let line = try readInt()
        guard line > 0 else { return SourcePosition(file: file, location: nil) }
        return SourcePosition(file: file, location: SourceLocation(line: line - 1, column: try readInt()))
    }

    /// An enum written as its raw value: a value this build does not know is refused.
    private mutating func readEnum<Value: RawRepresentable<String>>(_ type: Value.Type) throws(CompactBankError) -> Value {
        let start = offset
        let raw = try readString()
        guard let value = Value(rawValue: raw) else {
            throw CompactBankError(message: "unknown \(Value.self) `\(raw)`", offset: start)
        }
        return value
    }

    private mutating func readList<Element>(_ element: (inout Self) throws(CompactBankError) -> Element) throws(CompactBankError) -> [Element] {
        let count = try readInt()
        // Every element takes at least one byte: a larger count is damage, not a reason to reserve memory.
        guard count <= buffer.count - offset else { throw CompactBankError(message: "a list of \(count) past the end", offset: offset) }
        var list: [Element] = []
        list.reserveCapacity(count)
        for _ in 0..<count { list.append(try element(&self)) }
        return list
    }

    private mutating func readStrings() throws(CompactBankError) -> [String] {
        try readList { (reader: inout Self) throws(CompactBankError) in try reader.readString() }
    }

    private mutating func readOptional() throws(CompactBankError) -> String? {
        let count = try readInt()
        return count == 0 ? nil : try readBytes(count - 1)
    }

    private mutating func readString() throws(CompactBankError) -> String {
        try readBytes(try readInt())
    }

    private mutating func readBytes(_ count: Int) throws(CompactBankError) -> String {
        guard count <= buffer.count - offset else { throw CompactBankError(message: "a string of \(count) bytes past the end", offset: offset) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<offset + count]), as: UTF8.self)
        offset += count
        return text
    }

    private mutating func readInt() throws(CompactBankError) -> Int {
        var value = 0
        var shift = 0
        while true {
            guard offset < buffer.count else { throw CompactBankError(message: "cut short", offset: offset) }
            let byte = buffer[offset]
            guard byte < 0x80, shift < 60 else { throw CompactBankError(message: "a damaged number", offset: offset) }
            offset += 1
            value |= Int(byte & 0x3F) << shift
            if byte & 0x40 == 0 { return value }
            shift += 6
        }
    }
}
