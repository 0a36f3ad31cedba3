import Diagnostics

/// The line-by-line state machine behind `BankParser`: it takes the lines from `BankLexer` one at a time,
/// front to back, and makes a `String` only of what a question keeps.
struct ParserState {
    let file: String
    private(set) var lexer: BankLexer
    var questions: [Question] = []
    var diagnostics: [Diagnostic] = []
    /// The line read ahead: the header that ended the question before it.
    private var lookahead: BankLine?

    init(file: String, lexer: BankLexer) {
        self.file = file
        self.lexer = lexer
    }

    private mutating func nextLine() -> BankLine? {
        if let line = lookahead {
            lookahead = nil
            return line
        }
        return lexer.next()
    }

    /// The next line unless it is a header, which is kept for `nextLine`.
    private mutating func nextBodyLine() -> BankLine? {
        guard let line = nextLine() else { return nil }
        if line.isHeader {
            lookahead = line
            return nil
        }
        return line
    }

    mutating func run() {
        while let line = nextLine() {
            if line.isBlank || line.isComment { continue }
            if line.isHeader {
                parseQuestion(header: line)
                continue
            }
            error(.strayText, "text outside a question", line: line.number, column: line.indent + 1, length: line.contentLength,
                  help: "start a question with `## id`, or make the line a comment with `# `")
            // One diagnostic per block of stray text.
            while let next = nextBodyLine() {
                if next.isBlank {
                    lookahead = next
                    break
                }
            }
        }
    }

    // MARK: - One question

    private enum Phase { case leading, stem, options, trailing }

    /// Where an indented continuation line goes.
    private enum Target {
        case none
        case field(String)
        case optionText
        case optionField(String)
    }

    struct FieldValue {
        var value: String
        var line: Int
        var column: Int

        /// A continuation line of the value.
        mutating func append(_ text: String, paragraph: Bool) {
            value.appendLine(text, paragraph: paragraph)
        }
    }

    struct OptionDraft {
        var text: String
        var line: Int
        var fields = FieldTable()
    }

    /// The fields of a question or an option, by name, in the order first given. A question has a dozen
    /// names at most, so a list searched in order (small strings compare in one step) costs less than
    /// hashing each name into a dictionary.
    struct FieldTable {
        private var entries: [(name: String, values: [FieldValue])] = []

        /// The values of field `name`, or nil when it was not given.
        subscript(name: String) -> [FieldValue]? {
            entries.first { $0.name == name }?.values
        }

        mutating func append(_ value: FieldValue, to name: String) {
            if let i = entries.firstIndex(where: { $0.name == name }) {
                entries[i].values.append(value)
            } else {
                entries.append((name, [value]))
            }
        }

        /// Adds a continuation line to the last value of field `name`, if it was given.
        mutating func continueLast(_ name: String, with text: String, paragraph: Bool) {
            guard let i = entries.firstIndex(where: { $0.name == name }), let last = entries[i].values.indices.last else { return }
            entries[i].values[last].append(text, paragraph: paragraph)
        }
    }

    private mutating func parseQuestion(header: BankLine) {
        let firstDiagnostic = diagnostics.count
        defer { dropAllowedWarnings(from: firstDiagnostic) }
        let afterHashes = header.contentStart + 2
        let idRange = header.bytes.trimmingSpaces(afterHashes..<header.bytes.end)
        let id = header.bytes.string(idRange)
        checkID(id, line: header.number, column: header.bytes.skippingSpaces(from: afterHashes, to: header.bytes.end) - header.contentStart + 1)

        var phase = Phase.leading
        var target = Target.none
        var sawLeadingField = false
        var pendingBreak = false
        var fields = FieldTable()
        var stem = StemBuilder()
        var stemLine: Int?
        var options: [OptionDraft] = []
        // Set after a line that looks like an option but is none (E021, E022): the indented lines under
        // it belong to that misread option and are left out.
        var misread = false
        // A ``` block of the stem being read: the line that opened it, and its lines as written.
        var codeOpening: BankLine?
        var codeLines: [String] = []

        while let line = nextBodyLine() {
            if codeOpening != nil {
                if line.indent == 0, line.bytes.hasFence(at: line.contentStart) {
                    stem.addCode(codeLines)
                    codeOpening = nil
                    codeLines = []
                } else {
                    codeLines.append(line.text)
                }
                continue
            }
            if line.isComment { continue }
            if line.isBlank {
                if phase == .leading, sawLeadingField { phase = .stem; target = .none }
                pendingBreak = true
                misread = false
                continue
            }
            let paragraph = pendingBreak
            pendingBreak = false
            if line.indent == 0 { misread = false }
            // A line starting with `\` is text, whatever follows.
            let (text, escaped) = LineShape.unescaped(line)

            // Indented continuation of a field or option.
            if line.indent > 0 {
                switch (phase, target) {
                case (.leading, .field(let name)), (.trailing, .field(let name)):
                    fields.continueLast(name, with: line.bytes.string(text), paragraph: paragraph)
                    continue
                case (.options, _):
                    guard !options.isEmpty else { break }
                    let o = options.count - 1
                    let marker = escaped ? nil : LineShape.optionLikeMarker(line, indented: true)
                    if misread {
                        if let marker { nearMiss(line, marker: marker, context: nil) }
                        continue
                    }
                    if !escaped, let field = FieldLine(line.bytes, at: line.contentStart), Self.isOptionFieldName(field.name) {
                        let column = line.indent + field.valueColumn
                        if !BankParser.optionFields.contains(field.name) {
                            unknownField(field.name, known: BankParser.optionFields, line: line.number,
                                         column: line.indent + 1, context: "an option")
                        } else if let first = options[o].fields[field.name]?.first {
                            error(.duplicateField, "option field `\(field.name)` given twice", line: line.number,
                                  column: line.indent + 1, length: field.name.count,
                                  help: "the first is on line \(first.line)")
                        } else {
                            options[o].fields.append(FieldValue(value: line.bytes.string(field.value), line: line.number, column: column),
                                                     to: field.name)
                        }
                        target = .optionField(field.name)
                        continue
                    }
                    var fieldName: String?
                    if case .optionField(let name) = target, options[o].fields[name] != nil { fieldName = name }
                    if let marker {
                        // An option indented by mistake would hide in the one above.
                        nearMiss(line, marker: marker,
                                 context: "the line would continue " + (fieldName.map { "`\($0):` of " } ?? "") + "option \(OptionLetter.letter(o))")
                        misread = true
                    } else if let name = fieldName {
                        options[o].fields.continueLast(name, with: line.bytes.string(text), paragraph: paragraph)
                    } else {
                        options[o].text.appendLine(line.bytes.string(text), paragraph: false)
                    }
                    continue
                default:
                    break
                }
            }

            let field = line.indent == 0 ? FieldLine(line.bytes, at: line.contentStart) : nil
            switch phase {
            case .leading:
                if let field {
                    addField(field, line: line, into: &fields)
                    sawLeadingField = true
                    target = .field(field.name)
                    continue
                }
                phase = .stem
                target = .none
            case .stem, .options, .trailing:
                break
            }

            if phase == .stem {
                if line.isOptionLine {
                    phase = .options
                } else if let field, BankParser.trailingFields.contains(field.name) {
                    phase = .trailing
                } else {
                    if stemLine == nil { stemLine = line.number }
                    if line.indent == 0, !escaped, line.bytes.hasFence(at: line.contentStart) {
                        codeOpening = line
                    } else {
                        readStemLine(line, paragraph: paragraph, into: &stem, misread: &misread)
                    }
                    continue
                }
            }

            if phase == .options {
                if line.isOptionLine {
                    let text = line.bytes.trimmingSpaces(line.contentStart + 1..<line.bytes.end)
                    options.append(OptionDraft(text: line.bytes.string(text), line: line.number))
                    target = .optionText
                    continue
                }
                if field != nil {
                    phase = .trailing
                } else if let marker = LineShape.optionLikeMarker(line, indented: false) {
                    nearMiss(line, marker: marker, context: nil)
                    misread = true
                    continue
                } else {
                    error(.strayText, "stray text after the options", line: line.number, column: line.indent + 1,
                          length: line.contentLength,
                          help: "indent the line to continue the option above, or start a field such as `answer:`")
                    target = .none
                    continue
                }
            }

            // Trailing fields.
            if let field {
                addField(field, line: line, into: &fields)
                target = .field(field.name)
            } else if line.isOptionLine {
                error(.strayText, "option after the answer fields", line: line.number, column: 1, length: line.contentLength,
                      help: "write every option before `answer:` and the other trailing fields")
                target = .none
            } else {
                error(.strayText, "stray text among the answer fields", line: line.number, column: line.indent + 1,
                      length: line.contentLength, help: "indent the line by two spaces to continue the field above")
                target = .none
            }
        }

        if let open = codeOpening {
            error(.unclosedCodeBlock, "the ``` block of the stem is not closed", line: open.number, column: 1, length: 3,
                  help: "end the lines kept as written with a line holding only ```, before the options")
        }
        finish(id: id, headerLine: header.number, headerLength: header.contentLength, fields: fields,
               stem: stem.text, stemLine: stemLine, options: options)
    }

    private static func isOptionFieldName(_ name: String) -> Bool {
        BankParser.optionFields.contains(name)
            || (name.allSatisfy { $0.isLowercase } && closestMatch(to: name, in: BankParser.optionFields) != nil)
    }

    private mutating func addField(_ field: FieldLine, line: BankLine, into fields: inout FieldTable) {
        guard let repeatable = BankParser.fields[field.name] else {
            unknownField(field.name, known: BankParser.fields.keys.sorted(), line: line.number, column: 1,
                         context: "a question")
            return
        }
        if let first = fields[field.name]?.first, !repeatable {
            error(.duplicateField, "field `\(field.name)` given twice", line: line.number, column: 1, length: field.name.count,
                  help: "the first is on line \(first.line)")
            return
        }
        fields.append(FieldValue(value: line.bytes.string(field.value), line: line.number, column: field.valueColumn), to: field.name)
    }

    private mutating func unknownField(_ name: String, known: [String], line: Int, column: Int, context: String) {
        var help = "the fields of \(context) are " + known.map { "`\($0)`" }.joined(separator: ", ")
        if let suggestion = closestMatch(to: name, in: known) {
            help = "did you mean `\(suggestion)`?"
        }
        error(.unknownField, "unknown field `\(name)`", line: line, column: column, length: name.count, help: help)
    }

    private mutating func checkID(_ id: String, line: Int, column: Int) {
        if id.isEmpty {
            error(.malformedID, "missing question id after `##`", line: line, column: 1, length: 2,
                  help: "write a stable id such as `## ec2-role-credentials`")
            return
        }
        if !QuestionID.isValid(id) {
            error(.malformedID, "malformed question id `\(id)`", line: line, column: column, length: id.unicodeScalars.count,
                  help: "ids use lowercase letters, digits, `.`, `_` and `-`, for example `\(QuestionID.slug(id))`")
        }
    }
}

extension String {
    /// The same text in storage of its own size. A value grown line by line (``appendLine(_:paragraph:)``)
    /// keeps up to as much spare capacity as text, which the questions of a large bank would hold for the whole
    /// run; the copy costs far less than the parse that grew it.
    var compacted: String {
        let count = utf8.count
        // Up to 15 bytes are stored in the String itself.
        guard count > 15 else { return self }
        return String(unsafeUninitializedCapacity: count) { buffer in
            utf8.withContiguousStorageIfAvailable { _ = buffer.initialize(fromContentsOf: $0) } == nil
                ? buffer.initialize(from: utf8).1 : count
        }
    }

    /// Adds a line's text to a value: after a space, or after a blank line when `paragraph` (a value's first
    /// text is added alone).
    mutating func appendLine(_ text: String, paragraph: Bool) {
        if isEmpty {
            self = text
        } else {
            self += paragraph ? "\n\n" : " "
            self += text
        }
    }
}
