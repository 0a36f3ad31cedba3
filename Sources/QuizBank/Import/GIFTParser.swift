import Diagnostics

// GIFT's first stage: the file's lines, split into question blocks at blank lines; each block's comment
// lines (`[id:]`, `[tag:]`, `// iamquiz:`) and `$CATEGORY:` lines. The question text of a block is read by
// `readQuestion` (GIFTParser+Question.swift).

/// The block-by-block reader behind `GIFTImporter`.
struct GIFTParser {
    let file: String
    var questions: [GIFTQuestion] = []
    var diagnostics: [Diagnostic] = []
    var category: String?
    var number = 0
    /// Set when a warning leaves the current question out.
    var leftOutByWarning = false
    /// How many errors `diagnostics` holds, so that a block can tell whether it added one.
    var errorCount = 0

    init(file: String) {
        self.file = file
    }

    /// One line of the file, trimmed as Moodle trims it.
    struct Line {
        var number: Int
        /// The column of the first character of `content`.
        var column: Int
        var content: ArraySlice<Unicode.Scalar>

        var isComment: Bool {
            content.count >= 2 && content[content.startIndex] == "/" && content[content.startIndex + 1] == "/"
        }
    }

    mutating func run(_ source: SourceFile) {
        var block: [Line] = []
        for line in Self.lines(of: source) {
            if line.content.isEmpty {
                flush(&block)
            } else if line.content.count == 1, line.content.first == "0" {
                warning(.zeroLine, "a line holding only `0` ends the question in Moodle", at: SourceLocation(line: line.number, column: line.column),
                        help: "PHP takes the line `0` for a blank line; put the `0` on a line with other text")
                flush(&block)
            } else {
                block.append(line)
            }
        }
        flush(&block)
    }

    private mutating func flush(_ block: inout [Line]) {
        if !block.isEmpty { read(block) }
        block.removeAll()
    }

    /// The lines of a file split at LF or CRLF, or at CR in a file without LF (old Mac files, as Moodle
    /// does: `SourceFile.LineBreaks.lineFeedOrOldMac`); each line is trimmed as PHP's `trim` trims.
    static func lines(of source: SourceFile) -> [Line] {
        func isTrimmed(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\r" || s == "\0" || s == "\u{0B}" || s == "\n" }
        return source.lines.map { line in
            let scalars = Array(line.text.unicodeScalars)
            var from = 0
            var to = scalars.count
            while from < to, isTrimmed(scalars[from]) { from += 1 }
            while to > from, isTrimmed(scalars[to - 1]) { to -= 1 }
            return Line(number: line.number, column: from + 1, content: scalars[from..<to])
        }
    }

    // MARK: - Blocks

    /// What the comment lines of a block say.
    private struct Comments {
        var id: (value: String, location: SourceLocation)?
        /// Whether an `[id:]` was found, even one that trims to nothing.
        var sawID = false
        var tags: [String] = []
        var fields: [IamquizField] = []
        /// Where the first `[id:]`, `[tag:]` or `// iamquiz:` is, for G108.
        var firstField: SourceLocation?
    }

    /// One `// iamquiz: NAME: VALUE` line.
    private struct IamquizField {
        var name: String
        var value: String
        var nameLocation: SourceLocation
        var valueLocation: SourceLocation
        var valueLength: Int
    }

    /// Reads one block: a category, a question, or only comments.
    private mutating func read(_ block: [Line]) {
        let commentLines = block.filter(\.isComment)
        var chars: [GIFTChar] = []
        for line in block where !line.isComment {
            if let last = chars.last {
                // The line break between two lines of the block: a space, unless escapes make a paragraph.
                chars.append(GIFTChar(scalar: "\n", escaped: false, line: last.line, column: last.column + 1))
            }
            chars += GIFTText.decode(line.content, line: line.number, firstColumn: line.column) { column, escape in
                warning(.unknownEscape, "unknown escape `\(escape)`", at: SourceLocation(line: line.number, column: column),
                        length: escape.unicodeScalars.count,
                        help: escape == "\\"
                            ? "a backslash at the end of a line escapes nothing; Moodle keeps it, write `\\\\` for a backslash"
                            : "Moodle keeps the backslash; the escapes are `\\~ \\= \\# \\{ \\} \\: \\n \\\\`")
            }
        }
        let errorsBefore = errorCount
        leftOutByWarning = false
        let comments = readComments(commentLines)
        let text = GIFTText.trimmed(chars[...])

        guard let start = text.first else {
            if let location = comments.firstField {
                warning(.fieldsWithoutQuestion, "question fields in a block without a question", at: location,
                        help: "a blank line separates them from their question; remove it so that the comments are in the question's block")
            }
            return
        }
        if Self.hasPrefix(text, "$CATEGORY:") {
            readCategory(text, comments: comments)
            return
        }
        number += 1
        guard var question = readQuestion(text, start: start) else { return }
        question.tags = comments.tags
        if let id = comments.id {
            question.id = id.value
            question.idPosition = position(id.location)
        }
        apply(comments.fields, to: &question)
        if !leftOutByWarning, errorCount == errorsBefore {
            questions.append(question)
        }
    }

    private mutating func readCategory(_ text: ArraySlice<GIFTChar>, comments: Comments) {
        let afterKeyword = text.dropFirst(10)
        let lineEnd = afterKeyword.firstIndex { $0.isNewline && !$0.escaped } ?? afterKeyword.endIndex
        category = GIFTText.text(afterKeyword[..<lineEnd])
        if let stray = GIFTText.trimmed(afterKeyword[lineEnd...]).first {
            error(.textInCategory, "question text in the block of a `$CATEGORY:` line", at: stray.location,
                  help: "Moodle reads the whole block as the category's name; put a blank line after the `$CATEGORY:` line")
        }
        if let location = comments.firstField {
            warning(.fieldsWithoutQuestion, "question fields in the block of a `$CATEGORY:` line", at: location,
                    help: "move the comment lines into the block of their question, after a blank line")
        }
    }

    // MARK: - Comments

    private mutating func readComments(_ lines: [Line]) -> Comments {
        var comments = Comments()
        for line in lines {
            let scalars = line.content
            // `[id:...]` and `[tag:...]` anywhere in the comment, each found on its own as Moodle's two
            // patterns find them.
            var i = scalars.startIndex
            while i < scalars.endIndex {
                guard let (value, end) = Self.bracketValue(scalars, at: i, keyword: "[id:", allowsEmpty: false, excluded: []) else {
                    i += 1
                    continue
                }
                let location = SourceLocation(line: line.number, column: line.column + (i - scalars.startIndex))
                if !comments.sawID {
                    // The first match counts, even when it trims to nothing (`[id: ]`: no id, as in Moodle).
                    if !value.isEmpty { comments.id = (value, location) }
                    comments.sawID = true
                } else {
                    warning(.secondID, "second `[id:]` in one question", at: location, length: end - i,
                            help: "Moodle keeps the first; remove this one")
                }
                comments.firstField = comments.firstField ?? location
                i = end
            }
            i = scalars.startIndex
            while i < scalars.endIndex {
                guard let (value, end) = Self.bracketValue(scalars, at: i, keyword: "[tag:", allowsEmpty: true, excluded: ["<", ">"]) else {
                    i += 1
                    continue
                }
                let location = SourceLocation(line: line.number, column: line.column + (i - scalars.startIndex))
                if !value.isEmpty {
                    if Level(rawValue: value.lowercased()) == nil, GIFTImporter.topic(value) == nil {
                        warning(.tagWithoutTopic, "tag `\(value)` makes no topic", at: location, length: end - i,
                                help: "topics use lowercase letters, digits and `-`; the tag is ignored")
                    }
                    comments.tags.append(value)
                }
                comments.firstField = comments.firstField ?? location
                i = end
            }
            if let field = readIamquizLine(line) {
                comments.firstField = comments.firstField ?? field.nameLocation
                comments.fields.append(field)
            }
        }
        return comments
    }

    /// The value of `[id:VALUE]` or `[tag:VALUE]` starting at `start`: characters other than `]` and control
    /// characters (and `excluded`), with `\]` for a `]`; and the index after the closing `]`.
    private static func bracketValue(_ scalars: ArraySlice<Unicode.Scalar>, at start: Int, keyword: String,
                                     allowsEmpty: Bool, excluded: Set<Unicode.Scalar>) -> (value: String, end: Int)? {
        let keywordScalars = Array(keyword.unicodeScalars)
        guard scalars.endIndex - start > keywordScalars.count,
              Array(scalars[start..<(start + keywordScalars.count)]) == keywordScalars else { return nil }
        var value = String.UnicodeScalarView()
        var i = start + keywordScalars.count
        while i < scalars.endIndex {
            let scalar = scalars[i]
            if scalar == "\\", i + 1 < scalars.endIndex, scalars[i + 1] == "]" {
                value.append("]")
                i += 2
                continue
            }
            if scalar == "]" {
                let text = String(String(value).trimmingSpaces())
                guard allowsEmpty || !value.isEmpty else { return nil }
                return (text, i + 1)
            }
            if scalar.properties.generalCategory == .control || excluded.contains(scalar) { return nil }
            value.append(scalar)
            i += 1
        }
        return nil
    }

    /// `// iamquiz: NAME: VALUE`, or nil for any other comment. A line that starts so but has no `NAME:` is
    /// reported (G018).
    private mutating func readIamquizLine(_ line: Line) -> IamquizField? {
        var i = line.content.startIndex + 2
        let end = line.content.endIndex
        while i < end, line.content[i] == " " || line.content[i] == "\t" { i += 1 }
        let keyword = Array("iamquiz:".unicodeScalars)
        guard end - i >= keyword.count, Array(line.content[i..<(i + keyword.count)]) == keyword else { return nil }
        i += keyword.count
        while i < end, line.content[i] == " " || line.content[i] == "\t" { i += 1 }
        let nameStart = i
        let column = { (index: Int) in line.column + (index - line.content.startIndex) }
        guard let colon = line.content[nameStart...].firstIndex(of: ":") else {
            error(.malformedDirective, "malformed `// iamquiz:` line", at: SourceLocation(line: line.number, column: column(nameStart)),
                  length: max(1, end - nameStart), help: "write `// iamquiz: FIELD: VALUE`, for example `// iamquiz: reference: https://...`")
            return nil
        }
        let name = String(String.UnicodeScalarView(line.content[nameStart..<colon])).trimmingSpaces()
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        var valueStart = colon + 1
        while valueStart < end, line.content[valueStart] == " " || line.content[valueStart] == "\t" { valueStart += 1 }
        let chars = GIFTText.decode(line.content[valueStart..<end], line: line.number, firstColumn: column(valueStart)) { col, escape in
            warning(.unknownEscape, "unknown escape `\(escape)`", at: SourceLocation(line: line.number, column: col),
                    length: escape.unicodeScalars.count, help: "write `\\\\` for a backslash and `\\n` for a line break")
        }
        return IamquizField(name: name, value: GIFTText.text(chars[...]),
                            nameLocation: SourceLocation(line: line.number, column: column(nameStart)),
                            valueLocation: SourceLocation(line: line.number, column: column(valueStart)),
                            valueLength: max(1, end - valueStart))
    }

    static let iamquizFields = ["reference", "changed", "disputed", "source", "scenario", "right-when", "allow",
                                "option A note", "option A verify"]

    /// Applies the `// iamquiz:` fields to a question whose options are known.
    private mutating func apply(_ fields: [IamquizField], to question: inout GIFTQuestion) {
        var seen: [String: SourceLocation] = [:]
        var verifyFields: [(option: Int, field: IamquizField)] = []
        for field in fields {
            let words = field.name.split(separator: " ").map(String.init)
            var key = field.name
            var option: Int?
            var optionField: String?
            if words.count == 3, words[0] == "option", ["note", "verify"].contains(words[2]) {
                guard words[1].count == 1, let letter = words[1].uppercased().first, let index = OptionLetter.index(letter) else {
                    error(.malformedDirective, "malformed option letter `\(words[1])` in `// iamquiz: \(field.name):`", at: field.nameLocation,
                          length: field.name.unicodeScalars.count, help: "name the option by its letter: `option B note:`")
                    continue
                }
                guard index < question.options.count else {
                    error(.unusableDirectiveValue, "`// iamquiz:` names option \(letter), but the question has \(counted(question.options.count, "option"))",
                          at: field.nameLocation, length: field.name.unicodeScalars.count,
                          help: "options are lettered A to \(OptionLetter.letter(question.options.count - 1)) in the order they are written")
                    continue
                }
                option = index
                optionField = words[2]
                key = "option \(letter) \(words[2])"
            } else if !["reference", "changed", "disputed", "source", "scenario", "right-when", "allow"].contains(field.name) {
                let suggestion = closestMatch(to: field.name, in: Self.iamquizFields)
                error(.malformedDirective, "unknown `// iamquiz:` field `\(field.name)`", at: field.nameLocation,
                      length: max(1, field.name.unicodeScalars.count),
                      help: suggestion.map { "did you mean `\($0)`?" }
                        ?? "the fields are `reference`, `changed`, `disputed`, `source`, `scenario`, `right-when`, `allow`, `option X note` and `option X verify`")
                continue
            }
            if !["reference", "changed", "disputed", "allow"].contains(key) {
                if let first = seen[key] {
                    error(.duplicateDirective, "`// iamquiz: \(key):` given twice", at: field.nameLocation, length: field.name.unicodeScalars.count,
                          help: "the first is on line \(first.line)")
                    continue
                }
                seen[key] = field.nameLocation
            }
            switch (key, option, optionField) {
            case ("reference", _, _): question.references.append(field.value)
            case ("changed", _, _): question.changed.append(field.value)
            case ("disputed", _, _): question.disputed.append(field.value)
            case ("source", _, _): question.source = field.value
            case ("allow", _, _):
                let code = String(field.value.prefix { $0 != " " })
                let reason = field.value.dropFirst(code.count).trimmingCharacters(in: .whitespaces)
                if BankLints.allowableCodes.contains(code), !reason.isEmpty {
                    question.allowed.append(AllowedWarning(code: code, reason: reason))
                } else {
                    error(.unusableDirectiveValue, "`allow` takes a warning code and the reason it is accepted", at: field.valueLocation, length: field.valueLength,
                          help: "write `// iamquiz: allow: CODE REASON` with one of " + BankLints.allowableCodes.sorted().joined(separator: ", "))
                }
            case ("scenario", _, _):
                question.scenario = field.value
                question.scenarioPosition = position(field.valueLocation)
            case ("right-when", _, _):
                if let value = RightWhen(rawValue: field.value) {
                    question.rightWhen = value
                } else {
                    error(.unusableDirectiveValue, "unknown `right-when` value `\(field.value)`", at: field.valueLocation, length: field.valueLength,
                          help: "write `works` (the default), `fails`, `explicitDeny` or `implicitDeny`")
                }
            case (_, let index?, "note"?):
                question.options[index].note = field.value
            case (_, let index?, _):
                verifyFields.append((index, field))
            default:
                break
            }
        }
        for (index, field) in verifyFields {
            let letter = OptionLetter.letter(index)
            if !AnswerOption.isStepReference(Substring(field.value)) {
                error(.unusableDirectiveValue, "malformed step reference `\(field.value)` for option \(letter)", at: field.valueLocation,
                      length: field.valueLength,
                      help: "name a step of the scenario (lowercase letters, digits and `-`) or write `#N` for its number")
            } else if question.scenario == nil {
                error(.unusableDirectiveValue, "option \(letter) has `verify` but the question names no scenario", at: field.valueLocation,
                      length: field.valueLength, help: "add `// iamquiz: scenario: ID` with the scenario that holds the step")
            } else {
                question.options[index].verify = field.value
                question.options[index].verifyPosition = position(field.valueLocation)
            }
        }
    }

    // MARK: - Diagnostics

    func position(_ location: SourceLocation) -> SourcePosition {
        SourcePosition(file: file, location: location)
    }

    /// A kind iamquiz does not practise: reported (G101) and left out.
    mutating func leftOut(_ kind: GIFTQuestionKind, at location: SourceLocation, help: String) {
        warning(.unsupportedType, "\(kind.label) left out", at: location, help: help)
    }

    /// Leaves the current question out after a warning that says so (G106), as an error would.
    mutating func markLeftOut() {
        leftOutByWarning = true
    }

    mutating func error(_ code: GIFTCode, _ message: String, at location: SourceLocation, length: Int = 1, help: String?) {
        errorCount += 1
        diagnostics.append(Diagnostic(.error, code: code, message, file: file,
                                      range: SourceRange(line: location.line, column: location.column, length: max(1, length)),
                                      help: help))
    }

    mutating func warning(_ code: GIFTCode, _ message: String, at location: SourceLocation, length: Int = 1, help: String?) {
        diagnostics.append(Diagnostic(.warning, code: code, message, file: file,
                                      range: SourceRange(line: location.line, column: location.column, length: max(1, length)),
                                      help: help))
    }
}
