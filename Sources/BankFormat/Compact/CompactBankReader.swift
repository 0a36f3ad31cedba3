import Diagnostics

/// Reads the layout of ``CompactBank``, checking every length and value against the bytes that are there.
struct CompactBankReader {
    private let buffer: UnsafeBufferPointer<UInt8>
    private var offset = 0
    /// Where reading must stop: the end of the buffer, or of the one question's texts being read.
    private var end: Int
    private var files: [String] = []

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
        end = buffer.count
    }

    /// Every question whole: the outlines, then the texts of each in turn.
    mutating func readBank() throws(CompactBankError) -> [Question] {
        let outline = try readOutline()
        var questions = outline.questions
        for index in questions.indices {
            try readTexts(into: &questions[index], at: outline.texts[index])
        }
        return questions
    }

    /// The header and each question's outline, with where its texts lie; the texts themselves are not read,
    /// only their lengths checked against the bytes that are there.
    mutating func readOutline() throws(CompactBankError) -> CompactBankOutline {
        guard buffer.count >= CompactBank.magic.count, buffer.prefix(CompactBank.magic.count).elementsEqual(CompactBank.magic) else {
            throw CompactBankError(message: "it does not start with `IQBC`", offset: 0)
        }
        offset = CompactBank.magic.count
        let version = try readInt()
        guard version == CompactBank.version else {
            throw CompactBankError(message: "format version \(version), this build reads version \(CompactBank.version)", offset: CompactBank.magic.count)
        }
        files = try readList { (reader: inout Self) throws(CompactBankError) in try reader.readString() }
        var lengths: [Int] = []
        let questions = try readList { (reader: inout Self) throws(CompactBankError) in
            let (question, length) = try reader.readQuestionOutline()
            lengths.append(length)
            return question
        }
        var texts: [Range<Int>] = []
        texts.reserveCapacity(lengths.count)
        var start = offset
        for length in lengths {
            guard length <= buffer.count - start else { throw CompactBankError(message: "cut short", offset: buffer.count) }
            texts.append(start..<start + length)
            start += length
        }
        guard start == buffer.count else {
            throw CompactBankError(message: "\(counted(buffer.count - start, "byte")) after the last question", offset: start)
        }
        return CompactBankOutline(questions: questions, texts: texts, files: files)
    }

    /// Reads the texts of `question` from `range`, which ``readOutline()`` gave for it (with the same files).
    mutating func readTexts(into question: inout Question, at range: Range<Int>, files: [String]) throws(CompactBankError) {
        self.files = files
        try readTexts(into: &question, at: range)
    }

    private mutating func readQuestionOutline() throws(CompactBankError) -> (Question, textsLength: Int) {
        let id = try readString()
        let level = try readEnum(Level.self)
        let topics = try readStrings()
        let keyCount = try readInt()
        var key = AnswerKey.unkeyed
        if keyCount > 0 {
            var indices: [Int] = []
            for _ in 1..<keyCount { indices.append(try readInt()) }
            key = .options(indices)
        }
        let scenario = try readOptional()
        let scenarioPosition = try readPosition()
        let rightWhen = try readEnum(RightWhen.self)
        let position = try readPosition()
        let question = Question(id: id, level: level, topics: topics, stem: "", options: [], key: key, scenario: scenario,
                                rightWhen: rightWhen, position: position, scenarioPosition: scenarioPosition)
        return (question, try readInt())
    }

    private mutating func readTexts(into question: inout Question, at range: Range<Int>) throws(CompactBankError) {
        offset = range.lowerBound
        end = range.upperBound
        defer { end = buffer.count }
        question.stem = try readString()
        question.options = try readList { (reader: inout Self) throws(CompactBankError) in
            AnswerOption(text: try reader.readString(), why: try reader.readOptional(), note: try reader.readOptional(),
                         verify: try reader.readOptional(), position: try reader.readPosition(), verifyPosition: try reader.readPosition())
        }
        question.explanation = try readOptional()
        question.references = try readStrings()
        question.changed = try readStrings()
        question.disputed = try readStrings()
        question.source = try readOptional()
        question.allowed = try readList { (reader: inout Self) throws(CompactBankError) in
            AllowedWarning(code: try reader.readString(), reason: try reader.readString())
        }
        guard offset == range.upperBound else {
            throw CompactBankError(message: "the texts of `\(question.id)` end \(counted(range.upperBound - offset, "byte")) early", offset: offset)
        }
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
        guard count <= end - offset else { throw CompactBankError(message: "a list of \(count) past the end", offset: offset) }
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
        guard count <= end - offset else { throw CompactBankError(message: "a string of \(count) bytes past the end", offset: offset) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<offset + count]), as: UTF8.self)
        offset += count
        return text
    }

    private mutating func readInt() throws(CompactBankError) -> Int {
        var value = 0
        var shift = 0
        while true {
            guard offset < end else { throw CompactBankError(message: "cut short", offset: offset) }
            let byte = buffer[offset]
            guard byte < 0x80, shift < 60 else { throw CompactBankError(message: "a damaged number", offset: offset) }
            offset += 1
            value |= Int(byte & 0x3F) << shift
            if byte & 0x40 == 0 { return value }
            shift += 6
        }
    }
}
