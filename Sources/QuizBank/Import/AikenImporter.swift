import Diagnostics

// Moodle's Aiken format -> `AikenQuestion`s -> native `Question`s.
//
// Diagnostic codes (stable: tests, docs and users refer to them). Every one is an error, and a question
// is kept exactly when its own lines have none. Bytes that are not UTF-8 are `E015`, as for every bank file.
//
//   A001  a line inside a question that is neither its stem, an option nor `ANSWER:` (the stem goes on
//         over two lines, an option's text over two lines, a lowercase or numbered option marker)
//   A002  an option letter out of order or skipping a letter (`A`, `C`), or a first option other than `A`
//   A003  an option letter used twice in one question
//   A004  fewer than two options (a lone line with neither options nor `ANSWER:` is reported once, here)
//   A005  no `ANSWER:` line before the blank line that ends the question
//   A006  `ANSWER:` names a letter that no option has
//   A007  `ANSWER:` names several letters: an Aiken question has exactly one right answer
//   A008  an empty option (`C)` with no text)
//   A009  text after the `ANSWER:` line, before the blank line that ends the question
//   A010  an option or `ANSWER:` line where a question's stem should be (before any stem)
//   A011  the answer line spelled other than `ANSWER:` (`answer:`, `Answer:`, `ANSWER :`): Moodle reads
//         only the capital word with the colon right after it
//   A012  the `ANSWER:` value is not one capital letter (empty, lowercase, a digit, `B.`)
//   A013  two options of a question with the same text
//   A014  the stem asks for several answers ("Choose 2"): an Aiken question has exactly one
//   A015  no question in the file (it is empty or blank)

/// One option of an Aiken question: its text, and where it was written.
///
/// Encoded as `{"text": ..., "feedback": null}`, the shape of a GIFT option (Aiken has no feedback).
public struct AikenOption: Hashable, Sendable, Codable {
    /// The text after the `A)` or `A.` marker, without surrounding spaces.
    public var text: String
    /// The option's marker (its letter) in the Aiken file; not part of the JSON.
    public var position: SourcePosition

    public init(text: String, position: SourcePosition = .unknown) {
        self.text = text
        self.position = position
    }

    private enum CodingKeys: String, CodingKey { case text, feedback }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encodeNil(forKey: .feedback)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        position = .unknown
    }
}

/// One well-formed Aiken question: a one-line stem, options lettered A, B, C… in order, and one key letter.
///
/// Encoded for `--format json` with the fields of an imported GIFT question, so that scripts read both
/// formats alike: `stem`, `options` (`[{text, feedback}]`), `key` (a list of letters, here always one),
/// and `generalFeedback`, `category`, `id` (null) and `tags` (empty), which Aiken cannot express.
/// `number` and the positions stay out of the JSON; decoding sets them to 0 and `.unknown`.
public struct AikenQuestion: Hashable, Sendable, Codable {
    /// The question's place in the file, from 1, counting malformed questions too, so that the ids made
    /// from it (`PREFIX-N`) do not change when a question before it is fixed.
    public var number: Int
    public var stem: String
    public var options: [AikenOption]
    /// The letter of the right option (`A` is the first option).
    public var key: Character
    /// The stem's first character in the Aiken file.
    public var position: SourcePosition

    public init(number: Int, stem: String, options: [AikenOption], key: Character, position: SourcePosition = .unknown) {
        self.number = number
        self.stem = stem
        self.options = options
        self.key = key
        self.position = position
    }

    /// The 0-based index of the right option, or nil when `key` names no option.
    public var keyIndex: Int? {
        guard let index = OptionLetter.index(key), index < options.count else { return nil }
        return index
    }

    private enum CodingKeys: String, CodingKey { case stem, options, key, generalFeedback, category, id, tags }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stem, forKey: .stem)
        try container.encode(options, forKey: .options)
        try container.encode([String(key)], forKey: .key)
        try container.encodeNil(forKey: .generalFeedback)
        try container.encodeNil(forKey: .category)
        try container.encodeNil(forKey: .id)
        try container.encode([String](), forKey: .tags)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stem = try container.decode(String.self, forKey: .stem)
        options = try container.decode([AikenOption].self, forKey: .options)
        let letters = try container.decode([String].self, forKey: .key)
        guard letters.count == 1, let letter = letters.first, letter.count == 1, let character = letter.first,
              OptionLetter.index(character) != nil else {
            throw DecodingError.dataCorruptedError(forKey: .key, in: container,
                                                   debugDescription: "an Aiken question has exactly one key letter, A to Z")
        }
        key = character
        number = 0
        position = .unknown
    }
}

/// Reads Moodle's Aiken format, strictly, and reports every malformed question with its position.
///
/// A question is a stem on one line, then one option a line (`A) text` or `A. text`, capital letters in
/// order from `A`), then `ANSWER: X` with the letter of the one right option; a blank line ends it.
///
/// What Moodle's importer does, and what this one does:
/// - Moodle trims every line, so indentation and trailing spaces do not count; here neither, and
///   positions still point at the text as it stands in the file (columns count Unicode scalars, from 1).
/// - Moodle drops a UTF-8 byte order mark at the start of the file and splits lines at CR, LF or CRLF;
///   so does this importer (the mark is not counted in columns).
/// - Moodle recognises `ANSWER:` only in capitals with the colon right after it: `answer: B` is read as
///   the stem of a new question and the question before it is lost. It is reported here (A011).
/// - After the marker Moodle takes any spaces (or none: `A)text`) and trims the text; so does this one.
/// - Moodle keeps only the first character after `ANSWER:`; several letters (A007), a lowercase letter
///   or `B.` (A012) are reported here instead of being cut short.
/// - Moodle ignores the letters of the options (it numbers them as they come); here they must run
///   A, B, C… (A002, A003), since `ANSWER:` refers to them.
/// - Moodle also accepts a question written right after the `ANSWER:` line of the one before; here that
///   is reported (A009) and the question is still read.
/// - Moodle drops, with an error, a question that has no `ANSWER:` line when the next stem comes; here
///   it is reported (A005), and a next question that starts without a blank line is still read.
/// - Moodle skips lines shorter than two bytes; here such a line is text like any other, reported
///   where text does not belong (a stray `B` among the options is A001).
public struct AikenImporter: BankImporter {
    public init() {}

    public static let fileExtension = "aiken"
    public static let formatName = "Aiken"
    public static let lineBreaks = SourceFile.LineBreaks.any
    public static let utf8Help = "save the Aiken file as UTF-8, as Moodle also requires"

    /// The well-formed questions of a file, and the problems found.
    public struct Result: ParsedBankFile {
        public var questions: [AikenQuestion]
        /// Sorted by position.
        public var diagnostics: [Diagnostic]
        /// The file named in diagnostics and positions.
        public var file: String
    }

    /// Parses an Aiken file. Never stops at the first problem.
    public func parse(_ source: SourceFile) -> Result {
        let file = source.file
        var parser = AikenParser(file: file, lines: AikenLine.lines(of: source))
        parser.run()
        // What the bank's own checker would refuse (E006, E007) is refused here too, at the same place, so
        // that an import never writes a bank `check` rejects.
        var kept: [AikenQuestion] = []
        var diagnostics = parser.diagnostics
        for question in parser.questions {
            var problems: [Diagnostic] = []
            var seen: [String: Int] = [:]
            for (i, option) in question.options.enumerated() {
                let normalized = AnswerOption.comparableText(option.text)
                if let first = seen[normalized] {
                    problems.append(Diagnostic(.error, code: AikenCode.duplicateOption, "option \(OptionLetter.letter(i)) repeats option \(OptionLetter.letter(first))",
                                               file: file, range: option.position.location.map { SourceRange(start: $0, end: $0) },
                                               help: "every option of a question needs its own text"))
                } else {
                    seen[normalized] = i
                }
            }
            if let asked = AnswerCountPhrase.find(in: question.stem)?.count, asked != 1 {
                problems.append(Diagnostic(.error, code: AikenCode.asksForSeveral, "the question asks for \(asked) answers, but an Aiken question has exactly one",
                                           file: file, range: question.position.location.map { SourceRange(start: $0, end: $0) },
                                           help: "reword the stem, or write the question in GIFT or the bank format, which allow several answers"))
            }
            if problems.isEmpty { kept.append(question) } else { diagnostics += problems }
        }
        if kept.isEmpty, diagnostics.isEmpty {
            // An import must not write an empty bank (as the blog importer's B001).
            diagnostics.append(Diagnostic(.error, code: AikenCode.emptyFile, "no question in the file", file: file,
                                          range: SourceRange(line: 1, column: 1),
                                          help: "an Aiken question is a one-line stem, options `A) text`, `B) text`…, then `ANSWER: X`"))
        }
        return Result(questions: kept, diagnostics: Diagnostic.sortedForDisplay(diagnostics), file: file)
    }

    /// Makes bank questions of the parsed ones.
    ///
    /// Aiken carries no level, topics, ids or explanations: the level and topics given apply to every
    /// question, ids are `idPrefix-N` with N the question's place in the file, positions point into the
    /// Aiken file, and every option's `why:` is nil.
    /// - Parameter source: when given, each question's `source:` is `"SOURCE, question N"`.
    public func questions(from result: Result, level: Level = .associate, topics: [String] = [],
                          idPrefix: String, source: String? = nil) -> [Question] {
        result.questions.map { aiken in
            Question(
                id: "\(idPrefix)-\(aiken.number)", level: level, topics: topics, stem: aiken.stem,
                options: aiken.options.map { AnswerOption(text: $0.text, position: $0.position) },
                key: aiken.keyIndex.map { .options([$0]) } ?? .unkeyed,
                source: source.map { "\($0), question \(aiken.number)" },
                position: aiken.position)
        }
    }

    /// Makes bank questions of the parsed ones with `settings`' level, topics, id prefix (by default, from the
    /// file's name) and source.
    public func questions(from parsed: Result, settings: ImportSettings) -> [Question] {
        questions(from: parsed, level: settings.level, topics: settings.topics,
                  idPrefix: settings.idPrefix ?? Self.idPrefix(fileName: parsed.file), source: settings.source)
    }
}

extension AikenImporter.Result {
    public init(unreadable: Diagnostic, file: String) {
        self.init(questions: [], diagnostics: [unreadable], file: file)
    }
}

// MARK: - Lines

/// One line of an Aiken file, trimmed as Moodle trims it.
struct AikenLine {
    /// 1-based line number.
    var number: Int
    /// 1-based column (in Unicode scalars) of the first character of `content`.
    var column: Int
    /// The line without leading and trailing spaces, tabs, vertical tabs and NULs.
    var content: Substring
    /// The untrimmed line's length in Unicode scalars.
    var width: Int

    /// The lines of a file split at LF, CRLF and a lone CR (`SourceFile.LineBreaks.any`), trimmed.
    static func lines(of source: SourceFile) -> [AikenLine] {
        source.lines.map { line in
            let raw = line.text
            let start = raw.firstIndex { !isTrimmed($0) } ?? raw.endIndex
            let end = raw.lastIndex { !isTrimmed($0) }.map { raw.index(after: $0) } ?? start
            let content = raw[start..<max(start, end)]
            let column = raw[..<start].unicodeScalars.count + 1
            return AikenLine(number: line.number, column: column, content: content, width: raw.unicodeScalars.count)
        }
    }

    /// What PHP's `trim` removes, apart from line breaks (which never reach a line).
    private static func isTrimmed(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\u{0B}" || character == "\u{00}"
    }

    /// What a line is, read the way Moodle's importer reads it.
    enum Kind {
        case blank
        /// `A) text` or `A. text` (spaces after the marker optional): the letter's index and the text.
        case option(letter: Int, text: Substring)
        /// An answer line: `exact` when written `ANSWER:`; `keyword` runs up to and including the colon.
        case answer(exact: Bool, keyword: Substring, value: Substring, valueColumn: Int)
        case text
    }

    var kind: Kind {
        guard let first = content.first else { return .blank }
        let rest = content.dropFirst()
        if let letter = OptionLetter.index(first), let mark = rest.first, mark == "." || mark == ")" {
            return .option(letter: letter, text: rest.dropFirst().drop { $0 == " " || $0 == "\t" })
        }
        if let answer = answerParts() { return answer }
        return .text
    }

    /// `ANSWER:` in any case, with optional spaces before the colon.
    private func answerParts() -> Kind? {
        let word = content.prefix(6)
        guard word.count == 6, word.lowercased() == "answer" else { return nil }
        let beforeColon = content.dropFirst(6).prefix { $0 == " " || $0 == "\t" }
        let colonStart = beforeColon.endIndex
        guard colonStart < content.endIndex, content[colonStart] == ":" else { return nil }
        let afterColon = content[content.index(after: colonStart)...]
        let value = afterColon.drop { $0 == " " || $0 == "\t" }
        let keyword = content[..<afterColon.startIndex]
        return .answer(exact: keyword == "ANSWER:", keyword: keyword, value: value,
                       valueColumn: column + content[..<value.startIndex].unicodeScalars.count)
    }

    /// The marker of a line that reads as an option in a form Moodle does not take (`a)`, `1.`), if any.
    var nearOptionMarker: Substring? {
        guard let first = content.first, first.isASCII, first.isLowercase || first.isNumber else { return nil }
        let digits = content.prefix { $0.isASCII && $0.isNumber }
        let head = first.isNumber ? digits : content.prefix(1)
        guard head.count <= 2, head.endIndex < content.endIndex, ".)".contains(content[head.endIndex]) else { return nil }
        let marker = content[...head.endIndex]
        // `e.g.` is not a marker: one is followed by a space or ends the line.
        guard let next = content[marker.endIndex...].first else { return marker }
        return next == " " || next == "\t" ? marker : nil
    }
}

// MARK: - The parser

/// The line-by-line state machine behind `AikenImporter`.
struct AikenParser {
    let file: String
    let lines: [AikenLine]
    var questions: [AikenQuestion] = []
    var diagnostics: [Diagnostic] = []
    /// Questions started so far, well-formed or not: the next question's number is one more.
    private var count = 0

    init(file: String, lines: [AikenLine]) {
        self.file = file
        self.lines = lines
    }

    private struct OptionDraft {
        var letter: Int
        var text: Substring
        var line: Int
        var column: Int
    }

    /// A question being read; its problems are held back until it ends, so that a lone line of prose is
    /// reported once rather than once per rule it breaks.
    private struct Draft {
        var number: Int
        var stem: AikenLine
        var options: [OptionDraft] = []
        var problems: [Diagnostic] = []
        /// Inside a run of A001 lines: one diagnostic covers the run.
        var straying = false
    }

    private enum Mode {
        /// At the start of the file or after a blank line: the next line is a stem.
        case between
        case question
        /// Just after an `ANSWER:` line: only a blank line may follow.
        case afterAnswer
        /// Ignoring lines up to the next blank line (after a problem that makes them meaningless).
        case skipping
    }

    mutating func run() {
        var mode = Mode.between
        var draft: Draft?
        for (index, line) in lines.enumerated() {
            let kind = line.kind
            if case .blank = kind {
                if let open = draft { finish(open, answer: nil) }
                draft = nil
                mode = .between
                continue
            }
            switch mode {
            case .skipping:
                continue
            case .between:
                count += 1
                switch kind {
                case .text, .blank:
                    draft = Draft(number: count, stem: line)
                    mode = .question
                case .option(let letter, _):
                    report(.missingStem, "option `\(OptionLetter.letter(letter))` comes before any question text", at: line,
                           length: 2,
                           help: "an Aiken question starts with its stem on one line, then its options (a stem that starts like `A.` or `A)` reads as an option: reword it)")
                    mode = .skipping
                case .answer(_, let keyword, _, _):
                    report(.missingStem, "`\(keyword)` line comes before any question text", at: line,
                           length: keyword.unicodeScalars.count,
                           help: "an Aiken question starts with its stem on one line, then its options, then `ANSWER:`")
                    mode = .skipping
                }
            case .afterAnswer:
                if case .text = kind, startsQuestion(at: index + 1) {
                    report(.textAfterAnswer, "question starts right after the `ANSWER:` line of the one before", at: line,
                           length: line.content.unicodeScalars.count, help: "leave a blank line between questions")
                    count += 1
                    draft = Draft(number: count, stem: line)
                    mode = .question
                } else {
                    report(.textAfterAnswer, "text after the `ANSWER:` line", at: line, length: line.content.unicodeScalars.count,
                           help: "a question ends at `ANSWER:` and Aiken has no lines for feedback; remove the text or add a blank line before it")
                    mode = .skipping
                }
            case .question:
                guard var open = draft else {
                    mode = .skipping
                    continue
                }
                switch kind {
                case .option(let letter, let text):
                    open.straying = false
                    addOption(letter: letter, text: text, line: line, to: &open)
                    draft = open
                case .answer:
                    finish(open, answer: line)
                    draft = nil
                    mode = .afterAnswer
                case .text, .blank:
                    if !open.options.isEmpty, startsQuestion(at: index + 1) {
                        // A new question whose predecessor lacks `ANSWER:` (and the blank line after it).
                        finish(open, answer: nil)
                        count += 1
                        draft = Draft(number: count, stem: line)
                        continue
                    }
                    if !open.straying {
                        open.straying = true
                        open.problems.append(strayLine(line, afterOptions: !open.options.isEmpty))
                    }
                    draft = open
                }
            }
        }
        if let open = draft { finish(open, answer: nil) }
    }

    /// Whether the line at `index` is the first option (`A`) of a question.
    private func startsQuestion(at index: Int) -> Bool {
        guard index < lines.count, case .option(let letter, _) = lines[index].kind else { return false }
        return letter == 0
    }

    private func strayLine(_ line: AikenLine, afterOptions: Bool) -> Diagnostic {
        let length = line.content.unicodeScalars.count
        if let marker = line.nearOptionMarker {
            let numbered = marker.first.map { $0.isNumber } ?? false
            return problem(.strayLine, "`\(marker)` is not an option marker", at: line, length: marker.unicodeScalars.count,
                           help: numbered ? "options are lettered: `A)` or `A.`, then `B)`…"
                                       : "option letters are capitals: `\(marker.uppercased())`")
        }
        if afterOptions {
            return problem(.strayLine, "line is neither an option nor `ANSWER:`", at: line, length: length,
                           help: "an option is one line, `A) text` or `A. text`; its text cannot go on over the next line")
        }
        return problem(.strayLine, "question text goes on over a second line", at: line, length: length,
                       help: "an Aiken stem is one line: join the lines (Moodle would start a new question here)")
    }

    private func addOption(letter: Int, text: Substring, line: AikenLine, to draft: inout Draft) {
        let written = OptionLetter.letter(letter)
        if let first = draft.options.first(where: { $0.letter == letter }) {
            draft.problems.append(problem(.letterUsedTwice, "option letter `\(written)` is used twice", at: line, length: 1,
                                          help: "the first `\(written)` is on line \(first.line); letter the options A, B, C… in order"))
        } else if let previous = draft.options.last {
            let expected = previous.letter + 1
            if letter != expected {
                let wanted = expected < 26 ? "expected `\(OptionLetter.letter(expected))`" : "no letter comes after `Z`"
                draft.problems.append(problem(
                    .letterOutOfOrder, "option `\(written)` follows `\(OptionLetter.letter(previous.letter))`; \(wanted)",
                    at: line, length: 1, help: "options are lettered A, B, C… in the order they are written, without gaps"))
            }
        } else if letter != 0 {
            draft.problems.append(problem(.letterOutOfOrder, "first option is `\(written)`; expected `A`", at: line, length: 1,
                                          help: "options are lettered A, B, C… in the order they are written, without gaps"))
        }
        if text.isEmpty {
            draft.problems.append(problem(.emptyOption, "option `\(written)` is empty", at: line,
                                          length: line.content.unicodeScalars.count,
                                          help: "write the option's text after the marker, on the same line"))
        }
        draft.options.append(OptionDraft(letter: letter, text: text, line: line.number, column: line.column))
    }

    /// Checks a question that ended (at its `ANSWER:` line, a blank line or the end of the file) and keeps
    /// it when nothing is wrong.
    private mutating func finish(_ draft: Draft, answer: AikenLine?) {
        let stem = draft.stem
        let stemLength = stem.content.unicodeScalars.count
        var problems = draft.problems
        var key: Character?
        if draft.options.isEmpty, answer == nil {
            // Most likely prose (a title, an instruction): one diagnostic says it all.
            problems = [problem(.tooFewOptions, "question has no options and no `ANSWER:` line", at: stem, length: stemLength,
                                help: "an Aiken question is a one-line stem, options `A) text`, `B) text`…, then `ANSWER: X`; leave a blank line between questions")]
        } else {
            if draft.options.count < 2 {
                let count = draft.options.count
                problems.append(problem(.tooFewOptions, count == 0 ? "question has no options" : "question has 1 option; it needs at least two",
                                        at: stem, length: stemLength,
                                        help: "write each option on its own line after the stem, as `A) text` or `A. text`"))
            }
            if let answer, case .answer(let exact, let keyword, let value, let valueColumn) = answer.kind {
                if !exact {
                    problems.append(problem(.misspelledAnswerLine, "answer line written `\(keyword)`; Moodle reads only `ANSWER:`", at: answer,
                                            length: keyword.unicodeScalars.count,
                                            help: "write the word in capitals with the colon right after it, for example `ANSWER: B`"))
                }
                key = checkKey(value, column: valueColumn, line: answer, draft: draft, problems: &problems)
            } else {
                problems.append(problem(.missingAnswer, "question has no `ANSWER:` line", at: stem, length: stemLength,
                                        help: "end the question with `ANSWER: X` on the line after its last option, then a blank line"))
            }
        }
        diagnostics += problems
        guard problems.isEmpty, let key else { return }
        let options = draft.options.map { option in
            AikenOption(text: String(option.text),
                        position: SourcePosition(file: file, location: SourceLocation(line: option.line, column: option.column)))
        }
        questions.append(AikenQuestion(
            number: draft.number, stem: String(stem.content), options: options, key: key,
            position: SourcePosition(file: file, location: SourceLocation(line: stem.number, column: stem.column))))
    }

    /// The key letter of an `ANSWER:` value, when it is one capital letter that names an option.
    private func checkKey(_ value: Substring, column: Int, line: AikenLine, draft: Draft,
                          problems: inout [Diagnostic]) -> Character? {
        let length = value.unicodeScalars.count
        func fail(_ code: AikenCode, _ message: String, help: String) -> Character? {
            problems.append(Diagnostic(.error, code: code, message, file: file,
                                       range: SourceRange(line: line.number, column: column, length: max(1, length)), help: help))
            return nil
        }
        let oneLetter = "write the letter of the one right option, for example `ANSWER: B`"
        guard let first = value.first else {
            return fail(.malformedAnswer, "`ANSWER:` names no letter", help: oneLetter)
        }
        let parts = value.split(whereSeparator: { " \t,;/&+".contains($0) })
        let letters = parts.reduce(0) { $0 + $1.count }
        if letters >= 2, parts.allSatisfy({ part in part.allSatisfy { OptionLetter.index($0) != nil } }) {
            return fail(.severalAnswers, "`ANSWER:` names several letters (`\(value)`)",
                        help: "an Aiken question has exactly one right answer (Moodle keeps only the first letter); use GIFT or the iamquiz format for several")
        }
        guard value.count == 1, let index = OptionLetter.index(first) else {
            if value.count == 1, first.isLowercase {
                return fail(.malformedAnswer, "answer letter `\(first)` is lowercase", help: "Moodle reads only capitals: `ANSWER: \(first.uppercased())`")
            }
            if OptionLetter.index(first) != nil, value.dropFirst().allSatisfy({ ".):".contains($0) }) {
                return fail(.malformedAnswer, "`ANSWER:` value `\(value)` is not a single letter", help: "write the letter alone: `ANSWER: \(first)`")
            }
            return fail(.malformedAnswer, "`ANSWER:` value `\(value)` is not a capital letter", help: oneLetter)
        }
        guard draft.options.contains(where: { $0.letter == index }) else {
            // With no options at all, A004 already says what is wrong.
            if draft.options.isEmpty { return nil }
            var letters: [Int] = []
            for option in draft.options where !letters.contains(option.letter) { letters.append(option.letter) }
            let available = letters.map(OptionLetter.letter).joined(separator: ", ")
            return fail(.answerNamesMissingOption, "`ANSWER:` names `\(first)`, which is not an option",
                        help: "the options of this question are \(available)")
        }
        return first
    }

    // MARK: - Diagnostics

    private func problem(_ code: AikenCode, _ message: String, at line: AikenLine, length: Int, help: String) -> Diagnostic {
        Diagnostic(.error, code: code, message, file: file,
                   range: SourceRange(line: line.number, column: line.column, length: max(1, length)), help: help)
    }

    private mutating func report(_ code: AikenCode, _ message: String, at line: AikenLine, length: Int, help: String) {
        diagnostics.append(problem(code, message, at: line, length: length, help: help))
    }
}
