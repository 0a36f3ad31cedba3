import Diagnostics

/// Writes questions in the layout of ``CompactBank``.
struct CompactBankWriter {
    private(set) var bytes: [UInt8] = []
    /// Index of each file name in the table written before the questions.
    private var fileIndex: [String: Int] = [:]

    mutating func write(_ questions: [Question]) {
        var files: [String] = []
        for question in questions {
            for position in question.positions where fileIndex[position.file] == nil {
                fileIndex[position.file] = files.count
                files.append(position.file)
            }
        }
        bytes += CompactBank.magic
        write(CompactBank.version)
        write(files.count)
        for file in files { write(file) }
        // The texts of every question, one after the other, each written apart to know its length for the
        // outline that comes first.
        var texts: [UInt8] = []
        write(questions.count)
        for question in questions {
            var record = CompactBankWriter(fileIndex: fileIndex)
            record.writeTexts(of: question)
            writeOutline(of: question, textsLength: record.bytes.count)
            texts += record.bytes
        }
        bytes += texts
    }

    private init(fileIndex: [String: Int]) {
        self.fileIndex = fileIndex
    }

    init() {}

    /// What choosing a question needs, and the length of its texts.
    private mutating func writeOutline(of question: Question, textsLength: Int) {
        write(question.id)
        write(question.level.rawValue)
        write(question.topics)
        switch question.key {
        case .unkeyed:
            write(0)
        case .options(let indices):
            write(indices.count + 1)
            for index in indices { write(index) }
        }
        write(optional: question.scenario)
        write(question.scenarioPosition)
        write(question.rightWhen.rawValue)
        write(question.position)
        write(textsLength)
    }

    /// What only showing or checking a question needs.
    private mutating func writeTexts(of question: Question) {
        write(question.stem)
        write(question.options.count)
        for option in question.options {
            write(option.text)
            write(optional: option.why)
            write(optional: option.note)
            write(optional: option.verify)
            write(option.position)
            write(option.verifyPosition)
        }
        write(optional: question.explanation)
        write(question.references)
        write(question.changed)
        write(question.disputed)
        write(optional: question.source)
        write(question.allowed.count)
        for allowed in question.allowed {
            write(allowed.code)
            write(allowed.reason)
        }
    }

    /// A file index, then 0 for no location or the line plus one and the column.
    private mutating func write(_ position: SourcePosition) {
        write(fileIndex[position.file] ?? 0)
        if let location = position.location {
            write(location.line + 1)
            write(location.column)
        } else {
            write(0)
        }
    }

    private mutating func write(_ list: [String]) {
        write(list.count)
        for text in list { write(text) }
    }

    /// 0 for nil, else the byte count plus one and the bytes.
    private mutating func write(optional text: String?) {
        guard let text else { return write(0) }
        write(text.utf8.count + 1)
        bytes += text.utf8
    }

    private mutating func write(_ text: String) {
        write(text.utf8.count)
        bytes += text.utf8
    }

    /// 6 bits a byte, low bits first; `0x40` says another byte follows. Negative numbers (never in a parsed
    /// bank) are written as 0.
    private mutating func write(_ number: Int) {
        var rest = UInt(max(number, 0))
        while rest >= 0x40 {
            bytes.append(UInt8(rest & 0x3F) | 0x40)
            rest >>= 6
        }
        bytes.append(UInt8(rest))
    }
}
