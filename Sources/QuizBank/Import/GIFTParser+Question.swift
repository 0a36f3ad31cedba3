import Diagnostics

// GIFT's second stage: one question block's text (title, stem, answer block, feedback) as Moodle reads it.

extension GIFTParser {
    /// Reads a question's text (everything but its comments); nil when it is left out.
    mutating func readQuestion(_ text: ArraySlice<GIFTChar>, start: GIFTChar) -> GIFTQuestion? {
        var body = text
        var title: String?
        if Self.hasPrefix(body, "::") {
            let afterOpening = body.dropFirst(2)
            if let close = Self.firstIndex(of: "::", in: afterOpening) {
                title = GIFTText.text(afterOpening[..<close])
                body = GIFTText.trimmed(afterOpening[(close + 2)...])
            } else {
                warning(.unclosedTitle, "question title without its closing `::`", at: start.location, length: 2,
                        help: "Moodle drops the `::` and names the question after its text; write `::title::` or `\\:\\:` for colons")
                body = GIFTText.trimmed(afterOpening)
            }
        }
        let questionPosition = position(start.location)

        let open = body.firstIndex { $0.isSyntax("{") }
        let close = body.firstIndex { $0.isSyntax("}") }
        guard let open else {
            if let close {
                error(.unopenedBlock, "`}` without a `{` before it", at: body[close].location,
                      help: "write `\\}` for a brace in the text")
            } else {
                leftOut(.description, at: start.location,
                        help: Self.looksLikeCategory(body)
                            ? "did you mean `$CATEGORY:`? Moodle reads it only in capitals, at the start of a block"
                            : "a block without an answer block `{...}` is a description in Moodle")
            }
            return nil
        }
        guard let close, close > open else {
            if let close {
                error(.unopenedBlock, "`}` without a `{` before it", at: body[close].location, help: "write `\\}` for a brace in the text")
            } else {
                error(.unclosedBlock, "answer block `{` is never closed", at: body[open].location,
                      help: "end the answers with `}` before the blank line that ends the question")
            }
            return nil
        }
        // Moodle takes the first `{` and the first `}`; any other brace is left in the text. A `}` after the
        // block that closes a stray `{` is not reported again.
        for i in body[(open + 1)..<close].indices where body[i].isSyntax("{") {
            error(.secondBlock, "`{` inside the answer block", at: body[i].location, help: "write `\\{` for a brace in an answer or feedback")
        }
        var strayDepth = 0
        for char in body[(close + 1)...] {
            if char.isSyntax("{") {
                error(.secondBlock, "a second answer block in one question", at: char.location,
                      help: "a question has one answer block; write `\\{` and `\\}` for braces in the text")
                strayDepth += 1
            } else if char.isSyntax("}") {
                if strayDepth > 0 {
                    strayDepth -= 1
                } else {
                    error(.unopenedBlock, "`}` without a `{` before it", at: char.location, help: "write `\\}` for a brace in the text")
                }
            }
        }

        // The question text, with `_____` where the block stood unless the block ends the text.
        let isMissingWord = close != body.index(before: body.endIndex)
        var stemChars = Array(body[..<open])
        if isMissingWord {
            stemChars += "_____".unicodeScalars.map { GIFTChar(scalar: $0, escaped: true, line: body[open].line, column: body[open].column) }
            stemChars += body[(close + 1)...]
        }
        let (format, stemBody) = GIFTText.splitFormat(GIFTText.trimmed(stemChars[...]))
        let stem = GIFTText.stemText(stemBody)

        // The general feedback: after the last `####`.
        var answers = GIFTText.trimmed(body[(open + 1)..<close])
        var generalFeedback: String?
        if let separator = Self.lastIndex(of: "####", in: answers) {
            let (_, feedback) = GIFTText.splitFormat(answers[(separator + 4)...])
            generalFeedback = GIFTText.text(feedback)
            answers = GIFTText.trimmed(answers[..<separator])
        }

        let blockLocation = body[open].location
        let kind = Self.kind(of: answers)
        guard kind.isPractised else {
            var help = "iamquiz practises multiple choice and true/false questions"
            if kind == .shortAnswer, ["t", "true", "f", "false"].contains(GIFTText.text(Self.beforeFirstHash(answers)).lowercased()) {
                help = "Moodle reads true/false only in capitals: `{T}`, `{TRUE}`, `{F}` or `{FALSE}`"
            } else if kind == .shortAnswer {
                help = "add wrong answers with `~` to make it a multiple choice question"
            }
            leftOut(kind, at: start.location, help: help)
            return nil
        }

        var question = GIFTQuestion(number: number, kind: kind, title: title, category: category, format: format ?? .moodle,
                                    stem: stem, isMissingWord: isMissingWord, options: [], key: [],
                                    generalFeedback: generalFeedback, position: questionPosition)
        if kind == .trueFalse {
            readTrueFalse(answers, into: &question)
        } else {
            readMultipleChoice(answers, block: blockLocation, into: &question)
        }
        if stem.isEmpty {
            error(.emptyQuestion, "question has no text", at: start.location, help: "write the question before its answer block `{...}`")
        }
        if let phrase = AnswerCountPhrase.find(in: stem), !question.key.isEmpty, phrase.count != question.key.count {
            error(.answerCountMismatch, "text asks for \(counted(phrase.count, "answer")) (`\(phrase.text)`), but \(question.key.count) \(question.key.count == 1 ? "is" : "are") right",
                  at: blockLocation, help: "make the number of right answers and the text's instruction agree")
        }
        return question
    }

    /// The kind of question an answer block (without its general feedback) makes, by Moodle's rules.
    static func kind(of answers: ArraySlice<GIFTChar>) -> GIFTQuestionKind {
        guard let first = answers.first else { return .essay }
        if first.isSyntax("#") { return .numerical }
        if answers.contains(where: { $0.isSyntax("~") }) { return .multipleChoice }
        if answers.contains(where: { $0.isSyntax("=") }), firstIndex(of: "->", in: answers) != nil { return .matching }
        let word = GIFTText.text(beforeFirstHash(answers))
        return ["T", "TRUE", "F", "FALSE"].contains(word) ? .trueFalse : .shortAnswer
    }

    private static func beforeFirstHash(_ answers: ArraySlice<GIFTChar>) -> ArraySlice<GIFTChar> {
        guard let hash = answers.firstIndex(where: { $0.isSyntax("#") }), hash > answers.startIndex else { return answers }
        return GIFTText.trimmed(answers[..<hash])
    }

    /// `{T#shown to a wrong answer#shown to a right answer}`: two options, True and False.
    private mutating func readTrueFalse(_ answers: ArraySlice<GIFTChar>, into question: inout GIFTQuestion) {
        var parts: [ArraySlice<GIFTChar>] = []
        var rest = answers
        while parts.count < 2, let hash = rest.firstIndex(where: { $0.isSyntax("#") }) {
            parts.append(rest[..<hash])
            rest = rest[(hash + 1)...]
        }
        parts.append(rest)
        let word = GIFTText.text(GIFTText.trimmed(parts[0]))
        let isTrue = word == "T" || word == "TRUE"
        func feedback(_ index: Int) -> String? {
            guard index < parts.count else { return nil }
            let text = GIFTText.text(GIFTText.splitFormat(GIFTText.trimmed(parts[index])).1)
            return text.isEmpty ? nil : text
        }
        let whenWrong = feedback(1)
        let whenRight = feedback(2)
        let location = position(answers.first?.location ?? question.position.location ?? SourceLocation(line: 1, column: 1))
        question.options = [
            GIFTOption(text: "True", weight: isTrue ? 100 : 0, feedback: isTrue ? whenRight : whenWrong, position: location),
            GIFTOption(text: "False", weight: isTrue ? 0 : 100, feedback: isTrue ? whenWrong : whenRight, position: location),
        ]
        question.key = [isTrue ? 0 : 1]
    }

    /// The answers of a multiple choice block, their weights, and the key they make.
    private mutating func readMultipleChoice(_ answers: ArraySlice<GIFTChar>, block: SourceLocation,
                                             into question: inout GIFTQuestion) {
        // Every unescaped `=` or `~` starts an answer.
        let markers = answers.indices.filter { answers[$0].isSyntax("=") || answers[$0].isSyntax("~") }
        if let first = markers.first, let stray = GIFTText.trimmed(answers[..<first]).first {
            error(.answerWithoutPrefix, "answer without a `=` or `~` before it", at: stray.location,
                  help: "start each answer with `=` (right) or `~` (wrong, or `~%W%` with a weight)")
        }
        var isSingle = false
        // A weight that could not be read says nothing about the key: no second diagnostic about it.
        var hasBadWeight = false
        for (n, marker) in markers.enumerated() {
            let end = n + 1 < markers.count ? markers[n + 1] : answers.endIndex
            var content = GIFTText.trimmed(answers[(marker + 1)..<end])
            let markerChar = answers[marker]
            var weight = 0.0
            var isWeighted = false
            if markerChar.isSyntax("=") {
                isSingle = true
                weight = 100
                if let first = content.first, first.isSyntax("%") {
                    if GIFTText.weightEnd(content) != nil {
                        error(.weightAfterEquals, "weight after `=`", at: first.location,
                              help: "Moodle reads it as the text of a full-credit answer; write `~%50%` for a weighted answer, or start the text with `[moodle]` to keep a `%`")
                    } else {
                        percentAsText(content)
                    }
                }
            } else if let first = content.first, first.isSyntax("%") {
                let errorsBefore = errorCount
                (weight, content) = readWeight(content)
                isWeighted = true
                hasBadWeight = hasBadWeight || errorCount > errorsBefore
            }
            // `#` starts the feedback.
            let hash = content.firstIndex { $0.isSyntax("#") }
            let textChars = GIFTText.splitFormat(GIFTText.trimmed(content[..<(hash ?? content.endIndex)])).1
            let text = GIFTText.text(textChars)
            let feedback = hash.map { GIFTText.text(GIFTText.splitFormat(GIFTText.trimmed(content[($0 + 1)...])).1) }
            if text.isEmpty {
                error(.emptyAnswer, "answer without text", at: markerChar.location,
                      help: "write the answer after `\(Character(markerChar.scalar))`\(isWeighted ? " and its weight" : "")")
            }
            question.options.append(GIFTOption(text: text, weight: weight, feedback: feedback, position: position(markerChar.location)))
        }

        let count = question.options.count
        if count < 2 {
            error(.tooFewAnswers, "multiple choice question with \(counted(count, "answer"))", at: block,
                  help: "a multiple choice question needs at least two answers")
            return
        }
        if count > 26 {
            error(.tooManyAnswers, "question has \(count) answers; at most 26 can be lettered", at: question.options[26].position.location ?? block,
                  help: "options are lettered A to Z; split the question or drop answers")
        }
        var seen: [String: Int] = [:]
        for (i, option) in question.options.enumerated() where !option.text.isEmpty {
            let normalized = AnswerOption.comparableText(option.text)
            if let first = seen[normalized] {
                error(.duplicateAnswer, "answer \(OptionLetter.letter(i)) repeats answer \(OptionLetter.letter(first))",
                      at: option.position.location ?? block, help: "two options with the same text cannot be told apart")
            } else {
                seen[normalized] = i
            }
        }

        if isSingle {
            // Moodle's single-answer question: a full-credit answer is right; partial credit is not practised.
            let full = question.options.indices.filter { abs(question.options[$0].weight - 100) < 0.001 }
            for (i, option) in question.options.enumerated() where option.weight > 0 && !full.contains(i) {
                warning(.partialCredit, "answer \(OptionLetter.letter(i)) gives partial credit; iamquiz counts it as wrong",
                        at: option.position.location ?? block,
                        help: "a question with `=` has one right answer; for several right answers drop the `=` and weight each `~%50%`")
            }
            if full.count > 1 {
                warning(.severalFullCredit, "\(full.count) answers give full marks; question left out", at: block,
                        help: "Moodle accepts any one of them, iamquiz asks for every right answer; keep one `=`, or weight the right answers `~%50%` and drop the `=`")
                markLeftOut()
            }
            question.key = full
        } else {
            let right = question.options.indices.filter { question.options[$0].weight > 0 }
            if hasBadWeight {
                // Reported already.
            } else if right.isEmpty {
                error(.noRightAnswer, "no right answer", at: block,
                      help: "mark the right answer with `=`, or give each right answer a positive weight such as `~%50%`")
            } else {
                let total = right.reduce(0.0) { $0 + question.options[$1].weight }
                // Moodle rounds the total fraction to two decimals and wants exactly 1.
                if total.rounded() != 100 {
                    error(.weightsNotWhole, "weights of the right answers add up to \(GIFTText.formatWeight(total))%, not 100%", at: block,
                          help: "Moodle refuses a question without `=` unless its positive weights make 100%")
                }
            }
            question.key = right
        }
    }

    /// The weight at the start of an answer (`%W%`, the first char being the `%`) and the rest of the answer.
    /// A `%` that begins no weight by Moodle's pattern stays in the text (G113), as Moodle reads it; a weight
    /// Moodle would not read as a number, or reject, is reported and counts as 0.
    private mutating func readWeight(_ content: ArraySlice<GIFTChar>) -> (Double, ArraySlice<GIFTChar>) {
        guard let opening = content.first else { return (0, content) }
        guard let closing = GIFTText.weightEnd(content) else {
            percentAsText(content)
            return (0, content)
        }
        let afterOpening = content.index(after: content.startIndex)
        let written = String(String.UnicodeScalarView(content[afterOpening..<closing].map(\.scalar)))
        let length = closing - content.startIndex + 1
        let rest = GIFTText.trimmed(content[(closing + 1)...])
        guard let value = GIFTText.weight(written) else {
            error(.malformedWeight, "weight `\(written)` is not a number", at: opening.location, length: length,
                  help: "write a percentage such as `~%50%` or `~%-100%`, with one minus sign at most")
            return (0, rest)
        }
        guard value >= -100, value <= 100 else {
            error(.weightOutOfRange, "weight `\(written)` is outside -100..100", at: opening.location, length: length,
                  help: "weights are percentages of the question's mark, from -100 to 100")
            return (0, rest)
        }
        if !GIFTText.isMoodleGrade(value) {
            warning(.unusualWeight, "weight `\(written)` is not one of Moodle's grades", at: opening.location, length: length,
                    help: "Moodle refuses it unless the import rounds to the nearest grade, `\(GIFTText.nearestMoodleGrade(value))`")
        }
        return (value, rest)
    }

    /// G113: an answer starting with a `%` that begins no weight, read as text.
    private mutating func percentAsText(_ content: ArraySlice<GIFTChar>) {
        guard let opening = content.first else { return }
        let afterOpening = content.startIndex + 1
        let end = content[afterOpening...].firstIndex { $0.isSyntax("#") } ?? content.endIndex
        let closing = content[afterOpening..<end].firstIndex { $0.isSyntax("%") }
        let shown = closing.map { String(String.UnicodeScalarView(content[content.startIndex...$0].map(\.scalar))) }
        warning(.percentText, shown.map { "`\($0)` is not a weight; the answer is read as text, as Moodle reads it" }
                    ?? "`%` without a closing `%` is not a weight; the answer is read as text, as Moodle reads it",
                at: opening.location, length: shown?.unicodeScalars.count ?? 1,
                help: "a weight is written `~%50%` or `~%-33.33333%`; GIFT has no `\\%` escape: start the answer with `[moodle]` to say a leading `%` is text")
    }

    // MARK: - Helpers

    /// Whether `chars` start with `prefix`, unescaped.
    static func hasPrefix(_ chars: ArraySlice<GIFTChar>, _ prefix: String) -> Bool {
        var i = chars.startIndex
        for scalar in prefix.unicodeScalars {
            guard i < chars.endIndex, chars[i].isSyntax(scalar) else { return false }
            i += 1
        }
        return true
    }

    /// The first index at which `needle` starts, unescaped.
    static func firstIndex(of needle: String, in chars: ArraySlice<GIFTChar>) -> Int? {
        let count = needle.unicodeScalars.count
        guard chars.count >= count else { return nil }
        return (chars.startIndex...(chars.endIndex - count)).first { hasPrefix(chars[$0...], needle) }
    }

    /// The last index at which `needle` starts, unescaped.
    static func lastIndex(of needle: String, in chars: ArraySlice<GIFTChar>) -> Int? {
        let count = needle.unicodeScalars.count
        guard chars.count >= count else { return nil }
        return (chars.startIndex...(chars.endIndex - count)).reversed().first { hasPrefix(chars[$0...], needle) }
    }

    private static func looksLikeCategory(_ chars: ArraySlice<GIFTChar>) -> Bool {
        let head = String(String.UnicodeScalarView(chars.prefix(10).map(\.scalar))).uppercased()
        return head.hasPrefix("$CATEGORY") || head.hasPrefix("CATEGORY:")
    }
}
