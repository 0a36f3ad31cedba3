import Diagnostics

/// The line-by-line state machine behind `BankParser`.
struct ParserState {
    let file: String
    let lines: [SourceLines.Line]
    var questions: [Question] = []
    var diagnostics: [Diagnostic] = []
    private var index = 0

    init(file: String, lines: SourceLines) {
        self.file = file
        self.lines = lines.lines
    }

    mutating func run() {
        reportControlCharacters()
        while index < lines.count {
            let line = lines[index]
            if line.isBlank || line.isComment {
                index += 1
            } else if Self.isHeader(line) {
                parseQuestion()
            } else {
                error(.strayText, "text outside a question", line: line.number, column: line.indent + 1,
                      length: line.content.unicodeScalars.count,
                      help: "start a question with `## id`, or make the line a comment with `# `")
                // One diagnostic per block of stray text.
                while index < lines.count, !lines[index].isBlank, !Self.isHeader(lines[index]) { index += 1 }
            }
        }
    }

    static func isHeader(_ line: SourceLines.Line) -> Bool {
        guard line.indent == 0, line.content.hasPrefix("##") else { return false }
        let rest = line.content.dropFirst(2)
        return rest.isEmpty || rest.first == " " || rest.first == "\t"
    }

    static func isOptionLine(_ line: SourceLines.Line) -> Bool {
        line.indent == 0 && (line.content == "-" || line.content.hasPrefix("- ") || line.content.hasPrefix("-\t"))
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

    private struct FieldValue {
        var value: String
        var line: Int
        var column: Int
    }

    private struct OptionDraft {
        var text: String
        var line: Int
        var fields: [String: FieldValue] = [:]
    }

    private mutating func parseQuestion() {
        let firstDiagnostic = diagnostics.count
        defer { dropAllowedWarnings(from: firstDiagnostic) }
        let header = lines[index]
        index += 1
        let id = String(header.content.dropFirst(2).trimmingSpaces())
        let idColumn = header.content.unicodeScalars.count - header.content.dropFirst(2).drop(while: { $0 == " " || $0 == "\t" }).unicodeScalars.count + 1
        checkID(id, line: header.number, column: idColumn)

        var end = index
        while end < lines.count, !Self.isHeader(lines[end]) { end += 1 }
        let body = lines[index..<end]
        index = end

        var phase = Phase.leading
        var target = Target.none
        var sawLeadingField = false
        var pendingBreak = false
        var fields: [String: [FieldValue]] = [:]
        var stem = StemBuilder()
        var stemLine: Int?
        var options: [OptionDraft] = []
        // Set after a line that looks like an option but is none (E021, E022): the indented lines under
        // it belong to that misread option and are left out.
        var misread = false
        // A ``` block of the stem being read: where it opened, and its lines as written.
        var code: (line: SourceLines.Line, lines: [String])?

        func append(_ text: Substring, to value: inout String, paragraph: Bool) {
            if value.isEmpty {
                value = String(text)
            } else {
                value += (paragraph ? "\n\n" : " ") + text
            }
        }

        for line in body {
            if var open = code {
                if line.indent == 0, line.content.hasPrefix("```") {
                    stem.addCode(open.lines)
                    code = nil
                } else {
                    open.lines.append(line.text)
                    code = open
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
            let (text, escaped) = LineShape.unescaped(line.content)

            // Indented continuation of a field or option.
            if line.indent > 0 {
                switch (phase, target) {
                case (.leading, .field(let name)), (.trailing, .field(let name)):
                    if var list = fields[name], var last = list.popLast() {
                        append(text, to: &last.value, paragraph: paragraph)
                        list.append(last)
                        fields[name] = list
                    }
                    continue
                case (.options, _):
                    guard !options.isEmpty else { break }
                    let o = options.count - 1
                    let marker = escaped ? nil : LineShape.optionLikeMarker(line.content, indented: true)
                    if misread {
                        if let marker { nearMiss(line, marker: marker, context: nil) }
                        continue
                    }
                    if !escaped, let field = FieldLine(line.content), Self.isOptionFieldName(field.name) {
                        let column = line.indent + field.valueColumn
                        if !BankParser.optionFields.contains(field.name) {
                            unknownField(field.name, known: BankParser.optionFields, line: line.number,
                                         column: line.indent + 1, context: "an option")
                        } else if let first = options[o].fields[field.name] {
                            error(.duplicateField, "option field `\(field.name)` given twice", line: line.number,
                                  column: line.indent + 1, length: field.name.count,
                                  help: "the first is on line \(first.line)")
                        } else {
                            options[o].fields[field.name] = FieldValue(value: field.value, line: line.number, column: column)
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
                    } else if let name = fieldName, var value = options[o].fields[name] {
                        append(text, to: &value.value, paragraph: paragraph)
                        options[o].fields[name] = value
                    } else {
                        append(text, to: &options[o].text, paragraph: false)
                    }
                    continue
                default:
                    break
                }
            }

            let field = line.indent == 0 ? FieldLine(line.content) : nil
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
                if Self.isOptionLine(line) {
                    phase = .options
                } else if let field, BankParser.trailingFields.contains(field.name) {
                    phase = .trailing
                } else {
                    if stemLine == nil { stemLine = line.number }
                    if line.indent == 0, !escaped, line.content.hasPrefix("```") {
                        code = (line, [])
                    } else {
                        readStemLine(line, paragraph: paragraph, into: &stem, misread: &misread)
                    }
                    continue
                }
            }

            if phase == .options {
                if Self.isOptionLine(line) {
                    let text = line.content.dropFirst(1).trimmingSpaces()
                    options.append(OptionDraft(text: String(text), line: line.number))
                    target = .optionText
                    continue
                }
                if field != nil {
                    phase = .trailing
                } else if let marker = LineShape.optionLikeMarker(line.content, indented: false) {
                    nearMiss(line, marker: marker, context: nil)
                    misread = true
                    continue
                } else {
                    error(.strayText, "stray text after the options", line: line.number, column: line.indent + 1,
                          length: line.content.unicodeScalars.count,
                          help: "indent the line to continue the option above, or start a field such as `answer:`")
                    target = .none
                    continue
                }
            }

            // Trailing fields.
            if let field {
                addField(field, line: line, into: &fields)
                target = .field(field.name)
            } else if Self.isOptionLine(line) {
                error(.strayText, "option after the answer fields", line: line.number, column: 1,
                      length: line.content.unicodeScalars.count,
                      help: "write every option before `answer:` and the other trailing fields")
                target = .none
            } else {
                error(.strayText, "stray text among the answer fields", line: line.number, column: line.indent + 1,
                      length: line.content.unicodeScalars.count,
                      help: "indent the line by two spaces to continue the field above")
                target = .none
            }
        }

        if let open = code {
            error(.unclosedCodeBlock, "the ``` block of the stem is not closed", line: open.line.number, column: 1, length: 3,
                  help: "end the lines kept as written with a line holding only ```, before the options")
        }
        finish(id: id, header: header, fields: fields, stem: StemBlock.text(of: stem.blocks), stemLine: stemLine, options: options)
    }

    private static func isOptionFieldName(_ name: String) -> Bool {
        BankParser.optionFields.contains(name)
            || (name.allSatisfy { $0.isLowercase } && closestMatch(to: name, in: BankParser.optionFields) != nil)
    }

    private mutating func addField(_ field: FieldLine, line: SourceLines.Line, into fields: inout [String: [FieldValue]]) {
        guard let repeatable = BankParser.fields[field.name] else {
            unknownField(field.name, known: BankParser.fields.keys.sorted(), line: line.number, column: 1,
                         context: "a question")
            return
        }
        let value = FieldValue(value: field.value, line: line.number, column: field.valueColumn)
        if let first = fields[field.name]?.first, !repeatable {
            error(.duplicateField, "field `\(field.name)` given twice", line: line.number, column: 1, length: field.name.count,
                  help: "the first is on line \(first.line)")
            return
        }
        fields[field.name, default: []].append(value)
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

    // MARK: - Validation of one question

    private mutating func finish(id: String, header: SourceLines.Line, fields: [String: [FieldValue]],
                                 stem: String, stemLine: Int?, options drafts: [OptionDraft]) {
        let headerLine = header.number
        let headerLength = header.content.unicodeScalars.count

        // Level.
        var level = Level.associate
        if let value = fields["level"]?.first {
            let word = value.value.trimmingSpaces().lowercased()
            if let parsed = Level(rawValue: word) {
                level = parsed
            } else {
                let suggestion = closestMatch(to: word, in: Level.allCases.map(\.rawValue))
                error(.unknownLevel, "unknown level `\(value.value)`", line: value.line, column: value.column,
                      length: value.value.unicodeScalars.count,
                      help: suggestion.map { "did you mean `\($0)`?" } ?? "the levels are `associate` and `professional`")
            }
        } else {
            error(.missingLevel, "question `\(id)` has no `level:`", line: headerLine, column: 1, length: headerLength,
                  help: "add `level: associate` or `level: professional` after the header")
        }

        // Topics.
        var topics: [String] = []
        if let value = fields["topics"]?.first {
            var column = value.column
            for part in value.value.split(separator: ",", omittingEmptySubsequences: false) {
                let leading = part.prefix { $0 == " " }.count
                let tag = String(part.trimmingSpaces())
                if !tag.isEmpty {
                    let ok = tag.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
                        && !tag.hasPrefix("-")
                    if ok {
                        if !topics.contains(tag) { topics.append(tag) }
                    } else {
                        error(.malformedTopic, "malformed topic `\(tag)`", line: value.line, column: column + leading,
                              length: tag.unicodeScalars.count,
                              help: "topics use lowercase letters, digits and `-`, for example `\(QuestionID.topicSlug(tag))`")
                    }
                }
                column += part.unicodeScalars.count + 1
            }
        }
        if topics.isEmpty {
            warning(.missingTopics, "question `\(id)` has no topics", line: headerLine, column: 1, length: headerLength,
                    help: "add `topics: tag, tag` so that learners can practise by topic")
        }

        // Stem.
        if stem.isEmpty {
            error(.emptyStem, "question `\(id)` has an empty stem", line: headerLine, column: 1, length: headerLength,
                  help: "write the question text after the leading fields and a blank line")
        }

        // Options.
        var options: [AnswerOption] = []
        let scenarioField = fields["scenario"]?.first
        for (i, draft) in drafts.enumerated() {
            let why = draft.fields["why"]?.value
            let note = draft.fields["note"]?.value
            var verify: String?
            var verifyPosition = SourcePosition.unknown
            if let field = draft.fields["verify"] {
                let step = field.value.trimmingSpaces()
                verifyPosition = SourcePosition(file: file, location: SourceLocation(line: field.line, column: field.column))
                if !AnswerOption.isStepReference(step) {
                    error(.malformedStepReference, "malformed step reference `\(field.value)` in `verify:` of option \(OptionLetter.letter(i))", line: field.line,
                          column: field.column, length: max(1, field.value.unicodeScalars.count),
                          help: "name a step of the scenario (lowercase letters, digits and `-`) or write `#N` for its number")
                } else if scenarioField == nil {
                    error(.verifyWithoutScenario, "option \(OptionLetter.letter(i)) has `verify:` but question `\(id)` names no scenario", line: field.line,
                          column: field.column, length: max(1, step.unicodeScalars.count),
                          help: "add `scenario: ID` after `level:` with the scenario that holds the step")
                } else {
                    verify = String(step)
                }
            }
            options.append(AnswerOption(text: draft.text, why: why, note: note, verify: verify,
                                        position: SourcePosition(file: file, location: SourceLocation(line: draft.line, column: 1)),
                                        verifyPosition: verifyPosition))
        }
        var rightWhen = RightWhen.works
        if let value = fields["right-when"]?.first {
            let word = value.value.trimmingSpaces()
            if let parsed = RightWhen(rawValue: String(word)) {
                rightWhen = parsed
            } else {
                error(.unknownRightWhen, "unknown `right-when:` value `\(value.value)`", line: value.line, column: value.column,
                      length: max(1, value.value.unicodeScalars.count), help: "write `right-when: works` (the default), `fails`, `explicitDeny` or `implicitDeny`")
            }
        }
        if drafts.count < 2 {
            let line = drafts.first?.line ?? stemLine ?? headerLine
            error(.optionCount, "question `\(id)` has \(counted(drafts.count, "option")); it needs at least two",
                  line: line, column: 1, length: 1, help: "write each option on its own line starting with `- `")
        } else if drafts.count > 26 {
            error(.optionCount, "question `\(id)` has \(drafts.count) options; at most 26 can be lettered", line: drafts[26].line,
                  column: 1, length: 1, help: nil)
        }
        var seen: [String: Int] = [:]
        for (i, draft) in drafts.enumerated() {
            let letter = OptionLetter.letter(i)
            if draft.text.isEmpty {
                error(.emptyOption, "option \(letter) is empty", line: draft.line, column: 1, length: 1,
                      help: "write the option text after `- `")
                continue
            }
            let normalized = AnswerOption.comparableText(draft.text)
            if let first = seen[normalized] {
                error(.duplicateOption, "option \(letter) repeats option \(OptionLetter.letter(first))", line: draft.line, column: 3,
                      length: draft.text.unicodeScalars.count,
                      help: "option \(OptionLetter.letter(first)) on line \(drafts[first].line) has the same text")
            } else {
                seen[normalized] = i
            }
            if draft.fields["why"] == nil {
                warning(.missingWhy, "option \(letter) has no `why:` explanation", line: draft.line, column: 1, length: 1,
                        help: "say why this option is right or wrong, indented under the option")
            }
        }

        // Answer key.
        var key = AnswerKey.unkeyed
        if let value = fields["answer"]?.first {
            key = parseKey(value, optionCount: drafts.count, id: id, stem: stem)
        } else {
            error(.missingAnswer, "question `\(id)` has no `answer:`", line: headerLine, column: 1, length: headerLength,
                  help: "add `answer: B` (or `answer: ?` while the key is unknown) after the options")
        }

        // References.
        for reference in fields["reference"] ?? [] {
            let url = reference.value.trimmingSpaces()
            if !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(" ") {
                warning(.referenceNotLink, "reference is not a link", line: reference.line, column: reference.column,
                        length: url.unicodeScalars.count, help: "write one `http(s)://` address per `reference:` line")
            }
        }

        let question = Question(
            id: id, level: level, topics: topics, stem: stem, options: options, key: key,
            explanation: fields["explanation"]?.first?.value,
            references: (fields["reference"] ?? []).map { String($0.value.trimmingSpaces()) },
            changed: (fields["changed"] ?? []).map(\.value),
            disputed: (fields["disputed"] ?? []).map(\.value),
            scenario: scenarioField.map { String($0.value.trimmingSpaces()) },
            source: fields["source"]?.first?.value,
            rightWhen: rightWhen,
            allowed: allowedWarnings(fields["allow"] ?? []),
            position: SourcePosition(file: file, location: SourceLocation(line: headerLine, column: 1)),
            scenarioPosition: scenarioField.map { SourcePosition(file: file, location: SourceLocation(line: $0.line, column: $0.column)) }
                ?? .unknown
        )
        questions.append(question)
    }

    /// The warnings accepted by `allow: CODE REASON` fields; a code that cannot be accepted, or an `allow:`
    /// without a reason, is an error (E024).
    private mutating func allowedWarnings(_ values: [FieldValue]) -> [AllowedWarning] {
        var allowed: [AllowedWarning] = []
        for value in values {
            let code = String(value.value.prefix { $0 != " " && $0 != "\t" })
            let reason = String(value.value.dropFirst(code.count).trimmingSpaces())
            let length = max(1, code.unicodeScalars.count)
            if !BankCode.allowableCodes.contains(code) {
                error(.malformedAllow, code.isEmpty ? "`allow:` names no warning code" : "`allow:` names `\(code)`, which is not a warning that can be accepted",
                      line: value.line, column: value.column, length: length,
                      help: "write `allow: CODE REASON` with one of " + BankCode.allowableCodes.sorted().joined(separator: ", "))
            } else if reason.isEmpty {
                error(.malformedAllow, "`allow: \(code)` gives no reason", line: value.line, column: value.column, length: length,
                      help: "say after the code why the warning is accepted, for example `allow: W110 the key must name all three conditions`")
            } else {
                allowed.append(AllowedWarning(code: code, reason: reason))
            }
        }
        return allowed
    }

    /// Removes the warnings of the question just parsed that its `allow:` fields accept.
    private mutating func dropAllowedWarnings(from first: Int) {
        guard let codes = questions.last.map({ Set($0.allowed.map(\.code)) }), !codes.isEmpty,
              first < diagnostics.count else { return }
        let mine = diagnostics[first...].filter { $0.severity != .warning || !codes.contains($0.code) }
        diagnostics.replaceSubrange(first..., with: mine)
    }

    private mutating func parseKey(_ field: FieldValue, optionCount: Int, id: String, stem: String) -> AnswerKey {
        let text = field.value.trimmingSpaces()
        if text == "?" {
            warning(.unkeyed, "question `\(id)` is unkeyed", line: field.line, column: field.column, length: 1,
                    help: "the quiz skips unkeyed questions; replace `?` with the letters of the correct options")
            return .unkeyed
        }
        if text.isEmpty {
            error(.malformedAnswer, "empty `answer:`", line: field.line, column: max(1, field.column - 1), length: 1,
                  help: "write the letters of the correct options, for example `answer: B` or `answer: A, D`")
            return .unkeyed
        }
        var indices: [Int] = []
        var column = field.column
        var malformed = false
        for scalar in field.value.unicodeScalars {
            defer { column += 1 }
            if scalar == " " || scalar == "," || scalar == "\t" { continue }
            let upper = Character(scalar).uppercased()
            guard upper.count == 1, let ascii = upper.unicodeScalars.first, let i = OptionLetter.index(ascii) else {
                if !malformed {
                    error(.malformedAnswer, "malformed `answer:` `\(field.value)`", line: field.line, column: column, length: 1,
                          help: "write option letters separated by spaces or commas, for example `answer: A, D`")
                }
                malformed = true
                continue
            }
            if i >= optionCount {
                error(.keyNamesMissingOption, "answer names option `\(upper)`, but there \(optionCount == 1 ? "is" : "are") only \(counted(optionCount, "option"))",
                      line: field.line, column: column, length: 1,
                      help: optionCount > 0 ? "options are lettered A to \(OptionLetter.letter(optionCount - 1)) in the order they are written" : nil)
                malformed = true
            } else if indices.contains(i) {
                warning(.repeatedAnswerLetter, "answer repeats option `\(upper)`", line: field.line, column: column, length: 1, help: nil)
            } else {
                indices.append(i)
            }
        }
        if malformed { return .options(indices.sorted()) }
        if let phrase = AnswerCountPhrase.find(in: stem), phrase.count != indices.count {
            error(.answerCountMismatch, "stem asks for \(counted(phrase.count, "answer")) (`\(phrase.text)`), but the key has \(indices.count)",
                  line: field.line, column: field.column, length: field.value.unicodeScalars.count,
                  help: "make the key and the stem's instruction agree")
        }
        return .options(indices.sorted())
    }

    /// W104: control characters anywhere in the file (`ControlCharacters` says which).
    private mutating func reportControlCharacters() {
        diagnostics += ControlCharacters.warnings(lines: lines.map { ($0.number, Substring($0.text)) }, file: file)
    }

    // MARK: - Diagnostics

    mutating func error(_ code: BankCode, _ message: String, line: Int, column: Int, length: Int, help: String?) {
        diagnostics.append(Diagnostic(.error, code: code, message, file: file,
                                      range: SourceRange(line: line, column: column, length: max(1, length)), help: help))
    }

    private mutating func warning(_ code: BankCode, _ message: String, line: Int, column: Int, length: Int, help: String?) {
        diagnostics.append(Diagnostic(.warning, code: code, message, file: file,
                                      range: SourceRange(line: line, column: column, length: max(1, length)), help: help))
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    package func trimmingSpaces() -> SubSequence {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }
}

extension String {
    package func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
