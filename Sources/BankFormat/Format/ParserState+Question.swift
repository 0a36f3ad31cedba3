import Diagnostics

/// The checks of one question once its lines are read, and the model value it becomes.
extension ParserState {
    /// Checks a question read by `parseQuestion` and adds it to `questions`; `headerLength` is the length of
    /// its header line, where problems of the whole question are marked.
    mutating func finish(id: String, headerLine: Int, headerLength: Int, fields: FieldTable,
                         stem: String, stemLine: Int?, options drafts: [OptionDraft]) {

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
        options.reserveCapacity(drafts.count)  // kept with the question: no room for a fifth of four options
        let scenarioField = fields["scenario"]?.first
        for (i, draft) in drafts.enumerated() {
            let why = draft.fields["why"]?.first?.value.compacted
            let note = draft.fields["note"]?.first?.value.compacted
            var verify: String?
            var verifyPosition = SourcePosition.unknown
            if let field = draft.fields["verify"]?.first {
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
            options.append(AnswerOption(text: draft.text.compacted, why: why, note: note, verify: verify,
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
            // Bytes first: `hasPrefix` and `contains` on `Character`s are slow, and most links pass.
            let isLink = LineBytes.withLine(url) { $0.hasPrefix("https://", at: 0) || $0.hasPrefix("http://", at: 0) }
            if !isLink || (url.utf8.contains(0x20) && url.contains(" ")) {
                warning(.referenceNotLink, "reference is not a link", line: reference.line, column: reference.column,
                        length: url.unicodeScalars.count, help: "write one `http(s)://` address per `reference:` line")
            }
        }

        let question = Question(
            id: id, level: level, topics: topics, stem: stem.compacted, options: options, key: key,
            explanation: fields["explanation"]?.first?.value.compacted,
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
    mutating func dropAllowedWarnings(from first: Int) {
        // The question is read in place: copying it out (`questions.last`) costs a retain of each of its texts.
        guard first < diagnostics.count, let last = questions.indices.last, !questions[last].allowed.isEmpty else { return }
        let codes = Set(questions[last].allowed.map(\.code))
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

    // MARK: - Diagnostics

    mutating func error(_ code: BankCode, _ message: String, line: Int, column: Int, length: Int, help: String?) {
        diagnostics.append(Diagnostic(.error, code: code, message, file: file,
                                      range: SourceRange(line: line, column: column, length: max(1, length)), help: help))
    }

    mutating func warning(_ code: BankCode, _ message: String, line: Int, column: Int, length: Int, help: String?) {
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
