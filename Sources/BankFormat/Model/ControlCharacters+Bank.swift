import Diagnostics

/// Control characters in bank text, for every format: W104 (`check` reports them in `.iqb`, `.gift` and
/// `.aiken` files) and W108 (import and export leave them out of what they write). Which characters count
/// is defined once, in Diagnostics' ``ControlCharacters/isUnsafe(_:)``; the terminal's guard is
/// TerminalUI's `TextSanitizer`, on the same definition.
extension ControlCharacters {
    /// `text` without its control characters.
    public static func removed(from text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter { !isUnsafe($0) })
        return String(scalars)
    }

    /// W104 at the first control character of each line; `text` is a line without its line break, and
    /// columns count Unicode scalars from 1.
    static func warnings(lines: some Sequence<(number: Int, text: Substring)>, file: String) -> [Diagnostic] {
        lines.compactMap { line in
            // Every unsafe character starts with a C0 byte, DEL, 0xC2 (C1 controls) or 0xE2 (the bidi
            // controls): most lines have none of these bytes and need no closer look.
            guard line.text.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }),
                  let offset = line.text.unicodeScalars.firstIndex(where: isUnsafe) else { return nil }
            let column = line.text.unicodeScalars.distance(from: line.text.unicodeScalars.startIndex, to: offset) + 1
            return warning(line.text.unicodeScalars[offset], line: line.number, column: column, file: file)
        }
    }

    /// W104 for `scalar` at `line` and `column` (counting Unicode scalars from 1).
    static func warning(_ scalar: Unicode.Scalar, line: Int, column: Int, file: String) -> Diagnostic {
        Diagnostic(.warning, code: BankCode.controlCharacter,
                   "control character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)) in the text",
                   file: file, range: SourceRange(line: line, column: column, length: 1),
                   help: "iamquiz never prints control characters; remove it")
    }

    /// W104 for a whole file (GIFT and Aiken, whose importers do not report them), in its lines as its format
    /// splits them.
    static func warnings(in source: SourceFile) -> [Diagnostic] {
        warnings(lines: source.lines.map { ($0.number, $0.text) }, file: source.file)
    }

    /// The questions with control characters removed from every text, and a W108 warning for each field of
    /// a question that held some, at the question (or option) it is in. Ids and topics are never made of
    /// such characters (they are checked or made into slugs).
    public static func removed(from questions: [Question]) -> (questions: [Question], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let cleaned = questions.map { question in
            var q = question
            let id = question.id
            func clean(_ text: inout String, _ field: String, at position: SourcePosition) {
                let kept = removed(from: text)
                guard kept != text else { return }
                text = kept
                diagnostics.append(Diagnostic(
                    .warning, code: BankCode.controlCharactersRemoved, "control characters removed from \(field) of question `\(id)`",
                    file: position.file, range: position.location.map { SourceRange(line: $0.line, column: $0.column) },
                    help: "iamquiz writes no control characters (terminal escapes, bidirectional controls); check that the text reads as meant"))
            }
            func clean(_ text: inout String?, _ field: String, at position: SourcePosition) {
                guard var value = text else { return }
                clean(&value, field, at: position)
                text = value
            }
            let position = question.position
            func clean(_ texts: inout [String], _ field: String) {
                for i in texts.indices { clean(&texts[i], field, at: position) }
            }
            clean(&q.stem, "the stem", at: position)
            for i in q.options.indices {
                let letter = OptionLetter.letter(i)
                let at = q.options[i].position.location == nil ? position : q.options[i].position
                clean(&q.options[i].text, "option \(letter)", at: at)
                clean(&q.options[i].why, "`why:` of option \(letter)", at: at)
                clean(&q.options[i].note, "`note:` of option \(letter)", at: at)
                clean(&q.options[i].verify, "`verify:` of option \(letter)", at: at)
            }
            clean(&q.explanation, "`explanation:`", at: position)
            clean(&q.references, "`reference:`")
            clean(&q.changed, "`changed:`")
            clean(&q.disputed, "`disputed:`")
            clean(&q.scenario, "`scenario:`", at: question.scenarioPosition.location == nil ? position : question.scenarioPosition)
            clean(&q.source, "`source:`", at: position)
            return q
        }
        return (cleaned, diagnostics)
    }
}
