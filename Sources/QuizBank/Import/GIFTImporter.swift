import Diagnostics

// Moodle's GIFT format -> `GIFTQuestion`s -> native `Question`s (docs/gift-aiken.md).
//
// Diagnostic codes (stable: tests, docs and users refer to them). A question is kept exactly when its own
// block has no error; warnings say what was read differently or left out. Bytes that are not UTF-8 are
// `E015`, as for every bank file.
//
// Errors: the question is left out.
//   G001  `{` without a `}`: the answer block never ends
//   G002  `}` without a `{` before it
//   G003  a second `{` in a question: inside the answer block, or a second answer block after it
//   G004  text before the first `=` or `~` of a multiple choice answer block (an answer without a prefix)
//   G005  a malformed weight: `%...%` that Moodle's weight pattern takes but that is not a number (`%--50%`)
//   G006  a weight outside -100..100
//   G007  a weight after `=` (`=%50%A`): Moodle reads the `%50%` as the text of a full-credit answer
//   G008  no right answer: no `=` and no positive weight
//   G009  a several-answer question (no `=`) whose positive weights do not add up to 100%
//   G010  a multiple choice question with fewer than two answers
//   G011  more than 26 answers (options cannot be lettered)
//   G012  an answer without text
//   G013  two answers with the same text
//   G014  a question without text
//   G015  the text asks for a number of answers ("Choose 2") and the key has another count
//   G016  question text in the block of a `$CATEGORY:` line (Moodle would read it as the category's name)
//   G017  two questions with the same `[id:]` (after making it a native id)
//   G018  an unknown or malformed `// iamquiz:` line
//   G019  a `// iamquiz:` value iamquiz cannot use: `right-when` other than `works`/`fails`, a malformed
//         step in `verify`, `verify` without `scenario`, an option letter the question does not have
//   G020  a single-valued `// iamquiz:` field given twice
//   G021  no question iamquiz can practise in the file (empty, or every question left out by a warning)
//
// Warnings.
//   G101  a question type iamquiz does not practise (short answer, matching, numerical, essay,
//         description): the question is left out
//   G102  an unknown escape (`\x`): Moodle keeps the backslash, and so does this importer
//   G103  `::` opening a title without the closing `::`: Moodle drops it and names the question from its text
//   G104  a weight that is not one of Moodle's grades: Moodle refuses it unless the import rounds to the
//         nearest grade
//   G105  partial credit (`~%50%`) in a single-answer question (one with `=`): the answer counts as wrong
//   G106  several full-credit answers in a single-answer question: Moodle accepts any one of them, which
//         iamquiz cannot ask; the question is left out
//   G107  an id made from a title or the prefix that another question already has: a suffix makes it unique
//   G108  `[id:]`, `[tag:]` or `// iamquiz:` comments in a block without a question (a blank line too many)
//   G109  a line holding only `0`: Moodle reads it as a blank line, which ends the question
//   G110  a second `[id:]` in one question: Moodle keeps the first
//   G111  a tag that makes no topic (no letter or digit)
//   G112  (export) a question GIFT cannot carry: unkeyed, or with fewer than two options
//   G113  an answer starting with a `%` that begins no weight (`~%HOME%/x`): Moodle reads it as text, so
//         does this importer

/// How Moodle's importer classifies a GIFT question, from its answer block.
public enum GIFTQuestionKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// `{=A ~B}` or weighted `{~%50%A ~%50%B ~%-100%C}`: any block holding a `~`.
    case multipleChoice = "multiple-choice"
    /// `{T}`, `{TRUE}`, `{F}`, `{FALSE}`, in capitals.
    case trueFalse = "true-false"
    /// `{=A =B}` or `{A}`: no `~`, no `->`.
    case shortAnswer = "short-answer"
    /// `{=A -> 1 =B -> 2}`.
    case matching
    /// `{#3.14:0.01}`.
    case numerical
    /// `{}`.
    case essay
    /// No answer block at all.
    case description

    /// Whether iamquiz can practise questions of this kind.
    public var isPractised: Bool { self == .multipleChoice || self == .trueFalse }

    /// The words used in messages ("matching question").
    var label: String {
        switch self {
        case .multipleChoice: "multiple choice question"
        case .trueFalse: "true/false question"
        case .shortAnswer: "short answer question"
        case .matching: "matching question"
        case .numerical: "numerical question"
        case .essay: "essay question"
        case .description: "description"
        }
    }
}

/// The text formats a GIFT text can name in a leading tag (`[markdown]`...). iamquiz keeps every text
/// as written; the format is only reported.
public enum GIFTTextFormat: String, Hashable, Sendable, Codable, CaseIterable {
    case moodle, html, plain, markdown
}

/// One answer of a GIFT question.
///
/// Encoded as `{"text", "weight", "feedback", "note", "verify"}`; positions stay out of the JSON.
public struct GIFTOption: Hashable, Sendable, Codable {
    public var text: String
    /// The weight in percent: 100 for `=`, 0 for a plain `~`, else the `%W%` written (-100 to 100).
    public var weight: Double
    /// The `#feedback` shown for this answer (for true/false: the feedback shown when it is chosen).
    public var feedback: String?
    /// From `// iamquiz: option X note:`.
    public var note: String?
    /// From `// iamquiz: option X verify:`.
    public var verify: String?
    /// The answer's `=` or `~` (for true/false, the `T`/`F` word).
    public var position: SourcePosition
    /// Where the `verify` value was written.
    public var verifyPosition: SourcePosition

    public init(text: String, weight: Double, feedback: String? = nil, note: String? = nil, verify: String? = nil,
                position: SourcePosition = .unknown, verifyPosition: SourcePosition = .unknown) {
        self.text = text
        self.weight = weight
        self.feedback = feedback
        self.note = note
        self.verify = verify
        self.position = position
        self.verifyPosition = verifyPosition
    }

    private enum CodingKeys: String, CodingKey { case text, weight, feedback, note, verify }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(weight, forKey: .weight)
        try container.encode(feedback, forKey: .feedback)
        try container.encode(note, forKey: .note)
        try container.encode(verify, forKey: .verify)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        weight = try container.decode(Double.self, forKey: .weight)
        feedback = try container.decodeIfPresent(String.self, forKey: .feedback)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        verify = try container.decodeIfPresent(String.self, forKey: .verify)
        position = .unknown
        verifyPosition = .unknown
    }
}

/// One GIFT question iamquiz can practise (multiple choice or true/false), as Moodle's importer reads it,
/// with the iamquiz fields of its `// iamquiz:` comment lines.
///
/// Encoded for `--format json` in the shape the Aiken importer also uses: `stem`, `options`
/// (`[{text, weight, feedback, note, verify}]`), `key` (a list of letters), `generalFeedback`, `category`,
/// `id`, `tags`, then `kind`, `title`, `format`, `missingWord` and the iamquiz fields. `number` and the
/// positions stay out of the JSON (and `bankID`); decoding sets them to 0, `.unknown` and nil.
public struct GIFTQuestion: Hashable, Sendable, Codable {
    /// The question's place among the file's question blocks, from 1, counting the ones left out, so that
    /// an id made from it (`PREFIX-N`) does not change when a question before it is fixed.
    public var number: Int
    public var kind: GIFTQuestionKind
    /// The `::title::`, unescaped.
    public var title: String?
    /// The `// [id:...]` as written (without `\]` escapes).
    public var id: String?
    /// The bank id the file gives the question: its `[id:]`, else its `::title::`, made a native id and
    /// unique in the file by `GIFTImporter.parse`; nil when the id is to come from a prefix.
    public var bankID: String?
    /// The `// [tag:...]` values, in order.
    public var tags: [String]
    /// The `$CATEGORY:` in force, as written.
    public var category: String?
    /// The format tag of the question text (`moodle` when none is written).
    public var format: GIFTTextFormat
    /// The question text; paragraphs are separated by `"\n\n"`; a block inside the text left `_____`.
    public var stem: String
    /// Whether the answer block stood inside the text (Moodle's missing-word form).
    public var isMissingWord: Bool
    public var options: [GIFTOption]
    /// The indices of the right options, sorted.
    public var key: [Int]
    /// The `####` general feedback.
    public var generalFeedback: String?
    public var references: [String]
    public var changed: [String]
    public var disputed: [String]
    public var source: String?
    public var scenario: String?
    public var rightWhen: RightWhen?
    /// Warnings accepted on the question (`// iamquiz: allow: CODE REASON`).
    public var allowed: [AllowedWarning] = []
    /// The first character of the question's text (its `::title::` or stem).
    public var position: SourcePosition
    /// Where the `[id:]` was written.
    public var idPosition: SourcePosition
    /// Where the `scenario` value was written.
    public var scenarioPosition: SourcePosition

    public init(number: Int, kind: GIFTQuestionKind, title: String? = nil, id: String? = nil, tags: [String] = [],
                category: String? = nil, format: GIFTTextFormat = .moodle, stem: String, isMissingWord: Bool = false,
                options: [GIFTOption], key: [Int], generalFeedback: String? = nil, references: [String] = [],
                changed: [String] = [], disputed: [String] = [], source: String? = nil, scenario: String? = nil,
                rightWhen: RightWhen? = nil, position: SourcePosition = .unknown, idPosition: SourcePosition = .unknown,
                scenarioPosition: SourcePosition = .unknown) {
        self.number = number
        self.kind = kind
        self.title = title
        self.id = id
        self.bankID = nil
        self.tags = tags
        self.category = category
        self.format = format
        self.stem = stem
        self.isMissingWord = isMissingWord
        self.options = options
        self.key = key
        self.generalFeedback = generalFeedback
        self.references = references
        self.changed = changed
        self.disputed = disputed
        self.source = source
        self.scenario = scenario
        self.rightWhen = rightWhen
        self.position = position
        self.idPosition = idPosition
        self.scenarioPosition = scenarioPosition
    }

    private enum CodingKeys: String, CodingKey {
        case stem, options, key, generalFeedback, category, id, tags
        case kind, title, format, missingWord, references, changed, disputed, source, scenario, rightWhen
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stem, forKey: .stem)
        try container.encode(options, forKey: .options)
        try container.encode(key.map { ParserState.letter($0) }, forKey: .key)
        try container.encode(generalFeedback, forKey: .generalFeedback)
        try container.encode(category, forKey: .category)
        try container.encode(id, forKey: .id)
        try container.encode(tags, forKey: .tags)
        try container.encode(kind, forKey: .kind)
        try container.encode(title, forKey: .title)
        try container.encode(format, forKey: .format)
        try container.encode(isMissingWord, forKey: .missingWord)
        try container.encode(references, forKey: .references)
        try container.encode(changed, forKey: .changed)
        try container.encode(disputed, forKey: .disputed)
        try container.encode(source, forKey: .source)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(rightWhen, forKey: .rightWhen)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stem = try container.decode(String.self, forKey: .stem)
        options = try container.decode([GIFTOption].self, forKey: .options)
        var key: [Int] = []
        for letter in try container.decode([String].self, forKey: .key) {
            guard letter.count == 1, let character = letter.first, let index = GIFTText.letterIndex(character),
                  index < options.count else {
                throw DecodingError.dataCorruptedError(forKey: .key, in: container,
                                                       debugDescription: "a key letter names no option: \(letter)")
            }
            key.append(index)
        }
        self.key = key.sorted()
        generalFeedback = try container.decodeIfPresent(String.self, forKey: .generalFeedback)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        bankID = nil
        tags = try container.decodeIfPresent([String].self, forKey: .tags) ?? []
        kind = try container.decodeIfPresent(GIFTQuestionKind.self, forKey: .kind) ?? .multipleChoice
        title = try container.decodeIfPresent(String.self, forKey: .title)
        format = try container.decodeIfPresent(GIFTTextFormat.self, forKey: .format) ?? .moodle
        isMissingWord = try container.decodeIfPresent(Bool.self, forKey: .missingWord) ?? false
        references = try container.decodeIfPresent([String].self, forKey: .references) ?? []
        changed = try container.decodeIfPresent([String].self, forKey: .changed) ?? []
        disputed = try container.decodeIfPresent([String].self, forKey: .disputed) ?? []
        source = try container.decodeIfPresent(String.self, forKey: .source)
        scenario = try container.decodeIfPresent(String.self, forKey: .scenario)
        rightWhen = try container.decodeIfPresent(RightWhen.self, forKey: .rightWhen)
        number = 0
        position = .unknown
        idPosition = .unknown
        scenarioPosition = .unknown
    }
}

/// Reads Moodle's GIFT format as Moodle's importer (`qformat_gift`, Moodle 4.x) reads it, and reports
/// every malformed question with its position (columns count Unicode scalars, from 1).
///
/// What Moodle does, and so does this importer:
/// - Lines are trimmed; a line that is blank after trimming ends a question (so does a line holding only
///   `0`, which PHP's `empty` takes for blank: reported, G109). A UTF-8 byte order mark is dropped; lines
///   end at LF or CRLF (at CR in a file without any LF).
/// - A line starting with `//` is a comment. The comments of a question's block carry `[id:...]` (the first
///   counts) and `[tag:...]` (all count), with `\]` for a `]` inside; iamquiz adds `// iamquiz: FIELD: VALUE`.
/// - `\\ \~ \= \# \{ \} \: \n` are escapes; any other backslash stays in the text (reported, G102).
/// - A block starting with `$CATEGORY:` sets the category of the questions after it.
/// - `::title::` names the question; the first unescaped `{` and `}` delimit the answer block. Text after
///   the block makes it a missing-word question: the block becomes `_____`. The last `####` in the block
///   starts the general feedback.
/// - The kind comes from the block: empty is an essay, a leading `#` numerical, a `~` multiple choice, `=`
///   with `->` matching, `T`/`TRUE`/`F`/`FALSE` (in capitals, before any `#`) true/false, else short answer.
/// - Multiple choice: each unescaped `=` or `~` starts an answer (also inside a feedback); `=` gives full
///   credit and makes the question single-answer; `~%W%` gives W percent; `#` starts an answer's feedback.
///   A single-answer question needs a full-credit answer; a question without `=` needs positive weights
///   that add up to 100%.
/// - True/false `{T#A#B}`: Moodle shows A to a learner who answers wrongly and B to one who answers
///   rightly; so A becomes the `why:` of the wrong option and B that of the right one.
/// - A text may start with `[moodle]`, `[html]`, `[plain]` or `[markdown]` (in lowercase): the tag is
///   dropped and the text kept as written (HTML tags too).
///
/// Texts are made like native ones: line breaks of the file and single `\n` escapes become spaces, and two
/// or more `\n` in a row start a new paragraph (`"\n\n"`).
public struct GIFTImporter: Sendable {
    public init() {}

    /// The questions of a file that iamquiz can practise, and the problems found.
    public struct Result: Sendable {
        public var questions: [GIFTQuestion]
        public var diagnostics: [Diagnostic]
        /// The file named in diagnostics and positions.
        public var file: String

        public init(questions: [GIFTQuestion], diagnostics: [Diagnostic], file: String) {
            self.questions = questions
            self.diagnostics = diagnostics
            self.file = file
        }
    }

    /// Parses the GIFT text `text`; `file` names it in diagnostics. Never stops at the first problem.
    ///
    /// Ids are checked here, as they do not depend on the prefix given to `questions(from:)`: an `[id:]` or
    /// `::title::` becomes a native id (lowercase letters, digits, `.`, `_`, `-`) when it is not one; two
    /// questions with the same `[id:]` are an error (G017) and the second is left out; an id made from a
    /// title that is taken gets a suffix `-2`, `-3`... (G107). Written ids are served first, so that a
    /// title never takes one.
    public func parse(_ text: String, file: String) -> Result {
        var parser = GIFTParser(file: file)
        parser.run(text)
        var questions = parser.questions
        var diagnostics = parser.diagnostics
        var owners: [String: GIFTQuestion] = [:]
        var duplicates = Set<Int>()
        for (i, question) in questions.enumerated() {
            guard let written = question.id else { continue }
            let id = Self.nativeID(written)
            if let first = owners[id] {
                let firstLine = (first.idPosition.location ?? first.position.location).map { "line \($0.line)" } ?? "another question"
                diagnostics.append(Diagnostic(
                    .error, code: "G017", "duplicate question id `\(id)`", file: file,
                    range: question.idPosition.location.map {
                        SourceRange(line: $0.line, column: $0.column, length: written.unicodeScalars.count + 5)
                    },
                    help: "the question on \(firstLine) has it already; ids must be unique, progress is stored under them"))
                duplicates.insert(i)
            } else {
                owners[id] = question
                questions[i].bankID = id
            }
        }
        var nextSuffix: [String: Int] = [:]
        for (i, question) in questions.enumerated() where question.id == nil {
            guard let base = question.title.flatMap(Self.titleID) else { continue }
            var id = base
            var suffix = nextSuffix[base] ?? 2
            while owners[id] != nil {
                id = "\(base)-\(suffix)"
                suffix += 1
            }
            nextSuffix[base] = suffix
            if id != base, let location = question.position.location {
                diagnostics.append(Diagnostic(
                    .warning, code: "G107", "id `\(base)` is taken; the question is named `\(id)`", file: file,
                    range: SourceRange(line: location.line, column: location.column, length: 2),
                    help: "give the question an id of its own with a `// [id:...]` comment line"))
            }
            owners[id] = question
            questions[i].bankID = id
        }
        questions = questions.enumerated().filter { !duplicates.contains($0.offset) }.map(\.element)
        if questions.isEmpty, !diagnostics.hasErrors {
            // An import must not write an empty bank: say why there is nothing to write, as B001 does.
            diagnostics.append(Diagnostic(
                .error, code: "G021", "no question iamquiz can practise in the file", file: file,
                range: SourceRange(line: 1, column: 1),
                help: diagnostics.isEmpty
                    ? "write a question as text followed by its answers in braces, such as `Which? {=right ~wrong}`"
                    : "every question was left out (see the warnings); iamquiz practises multiple choice and true/false questions"))
        }
        return Result(questions: questions, diagnostics: Diagnostic.sortedForDisplay(diagnostics), file: file)
    }

    /// Parses raw bytes, reporting `E015` at the first byte that is not UTF-8.
    public func parse(bytes: [UInt8], file: String) -> Result {
        switch SourceText.decode(bytes, file: file, help: "save the GIFT file as UTF-8, as Moodle also requires") {
        case .success(let text): parse(text, file: file)
        case .failure(let diagnostic): Result(questions: [], diagnostics: [diagnostic], file: file)
        }
    }

    /// Makes bank questions of the parsed ones (docs/gift-aiken.md).
    ///
    /// - The id is `bankID` (from the `[id:]` or the `::title::`), else `idPrefix-N` with N the question's
    ///   number in the file; should that be taken by a written id, a suffix `-2`, `-3`... makes it unique.
    /// - The level is the last `associate` or `professional` tag, else the last such part of the category
    ///   path, else `level`. The topics are the category's last part (unless it is a level, `top` or a
    ///   `$...$` context), then the other tags, as topic tags; `topics` when there are none.
    /// - Options keep their feedback as `why:`, the general feedback is the explanation, the `// iamquiz:`
    ///   fields fill the rest. Positions point into the GIFT file.
    public func questions(from result: Result, level: Level = .associate, topics: [String] = [],
                          idPrefix: String) -> [Question] {
        let prefix = ParserState.isValidID(idPrefix) ? idPrefix : ParserState.slug(idPrefix)
        var taken = Set(result.questions.compactMap(\.bankID))
        return result.questions.map { gift in
            var id = gift.bankID ?? "\(prefix)-\(gift.number)"
            if gift.bankID == nil {
                let base = id
                var suffix = 2
                while taken.contains(id) {
                    id = "\(base)-\(suffix)"
                    suffix += 1
                }
                taken.insert(id)
            }
            let (questionLevel, questionTopics) = Self.levelAndTopics(gift, level: level, topics: topics)
            let options = gift.options.map { option in
                AnswerOption(text: option.text, why: option.feedback, note: option.note, verify: option.verify,
                             position: option.position, verifyPosition: option.verifyPosition)
            }
            return Question(
                id: id, level: questionLevel, topics: questionTopics, stem: gift.stem, options: options,
                key: .options(gift.key), explanation: gift.generalFeedback, references: gift.references,
                changed: gift.changed, disputed: gift.disputed, scenario: gift.scenario, source: gift.source,
                rightWhen: gift.rightWhen ?? .works, allowed: gift.allowed, position: gift.position,
                scenarioPosition: gift.scenarioPosition)
        }
    }

    /// An id prefix made from a file name: its base name without the extension, as a slug.
    public static func idPrefix(fileName: String) -> String {
        var base = Substring(fileName)
        if let slash = base.lastIndex(of: "/") { base = base[base.index(after: slash)...] }
        if let dot = base.lastIndex(of: "."), dot > base.startIndex { base = base[..<dot] }
        return ParserState.topicSlug(String(base))
    }

    // MARK: - Conversion helpers

    /// `text` when it is a native id already (so that exported ids come back unchanged), else its slug.
    static func nativeID(_ text: String) -> String {
        ParserState.isValidID(text) ? text : ParserState.slug(text)
    }

    /// An id made from a title: at most 64 characters, cut at a `-`.
    static func titleID(_ title: String) -> String? {
        guard title.unicodeScalars.contains(where: Self.isASCIIAlphanumeric) else { return nil }
        let id = nativeID(title)
        guard id.count > 64 else { return id }
        var cut = String(id.prefix(64))
        if let dash = cut.lastIndex(of: "-"), dash > cut.startIndex { cut = String(cut[..<dash]) }
        return cut.trimmingCharacters(in: "-._")
    }

    /// A topic tag made from a GIFT tag or category name, or nil when nothing of it is a letter or digit.
    static func topic(_ text: String) -> String? {
        guard text.lowercased().unicodeScalars.contains(where: Self.isASCIIAlphanumeric) else { return nil }
        return ParserState.topicSlug(text)
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// The parts of a Moodle category path: `/` separates them, `//` is a `/` inside a name.
    static func categoryParts(_ path: String) -> [String] {
        var parts: [String] = []
        var current = ""
        let scalars = Array(path.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "/" {
                if i + 1 < scalars.count, scalars[i + 1] == "/" {
                    current.unicodeScalars.append("/")
                    i += 2
                    continue
                }
                parts.append(String(current.trimmingSpaces()))
                current = ""
            } else {
                current.unicodeScalars.append(scalars[i])
            }
            i += 1
        }
        parts.append(String(current.trimmingSpaces()))
        return parts.filter { !$0.isEmpty }
    }

    static func levelAndTopics(_ gift: GIFTQuestion, level defaultLevel: Level,
                               topics defaultTopics: [String]) -> (Level, [String]) {
        var level: Level?
        var topics: [String] = []
        if let category = gift.category {
            let parts = categoryParts(category)
            for part in parts {
                if let found = Level(rawValue: part.lowercased()) { level = found }
            }
            if let last = parts.last, Level(rawValue: last.lowercased()) == nil, !last.hasPrefix("$"),
               last.lowercased() != "top", let topic = topic(last) {
                topics.append(topic)
            }
        }
        for tag in gift.tags {
            if let found = Level(rawValue: tag.lowercased()) {
                level = found
            } else if let topic = topic(tag), !topics.contains(topic) {
                topics.append(topic)
            }
        }
        return (level ?? defaultLevel, topics.isEmpty ? defaultTopics : topics)
    }

}

extension ParserState {
    /// Whether `text` follows the native id rules: lowercase letters, digits, `.`, `_`, `-`, starting with a
    /// letter or digit.
    static func isValidID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first,
              ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }
}

// MARK: - Characters

/// One character of a question block after escapes are read: `\~` is a `~` that is `escaped`, so that it
/// never counts as syntax. Raw line breaks between the block's lines are kept as unescaped `\n`.
struct GIFTChar {
    var scalar: Unicode.Scalar
    var escaped: Bool
    var line: Int
    var column: Int

    /// An unescaped `scalar`: syntax.
    func isSyntax(_ s: Unicode.Scalar) -> Bool { !escaped && scalar == s }

    /// Space, tab and the other characters PHP's `trim` removes, and line breaks (raw or `\n`).
    var isSpace: Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", "\0", "\u{0B}": true
        default: false
        }
    }

    var isNewline: Bool { scalar == "\n" }

    var location: SourceLocation { SourceLocation(line: line, column: column) }
}

/// The shared text rules of GIFT: escapes, whitespace, format tags, weights. Used by the importer and the
/// exporter, so that what one writes the other reads back.
enum GIFTText {
    /// 0 for `A` ... 25 for `Z`; nil for anything else.
    static func letterIndex(_ character: Character) -> Int? {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
              ("A"..."Z").contains(scalar) else { return nil }
        return Int(scalar.value) - 65
    }

    /// The characters that `\` escapes, besides `n` (a line break).
    static let escapable: Set<Unicode.Scalar> = ["\\", "~", "=", "#", "{", "}", ":"]

    /// The format tags Moodle recognises at the start of a text (case-sensitive, as Moodle compares them).
    static let formatTags: [String: GIFTTextFormat] = [
        "moodle": .moodle, "html": .html, "plain": .plain, "markdown": .markdown,
    ]

    /// Reads the escapes of one line. Unknown escapes keep their backslash, as Moodle keeps it, and are
    /// passed to `unknown` with their column.
    static func decode(_ scalars: ArraySlice<Unicode.Scalar>, line: Int, firstColumn: Int,
                       unknown: (Int, String) -> Void) -> [GIFTChar] {
        var chars: [GIFTChar] = []
        chars.reserveCapacity(scalars.count)
        var i = scalars.startIndex
        var column = firstColumn
        while i < scalars.endIndex {
            let scalar = scalars[i]
            if scalar == "\\" {
                let next = scalars.index(after: i)
                if next < scalars.endIndex {
                    let escaped = scalars[next]
                    if escapable.contains(escaped) || escaped == "n" {
                        chars.append(GIFTChar(scalar: escaped == "n" ? "\n" : escaped, escaped: true, line: line, column: column))
                        i = scalars.index(after: next)
                        column += 2
                        continue
                    }
                    unknown(column, "\\" + String(Character(escaped)))
                } else {
                    unknown(column, "\\")
                }
            }
            chars.append(GIFTChar(scalar: scalar, escaped: false, line: line, column: column))
            i = scalars.index(after: i)
            column += 1
        }
        return chars
    }

    /// The chars without leading and trailing unescaped spaces and line breaks.
    static func trimmed(_ chars: ArraySlice<GIFTChar>) -> ArraySlice<GIFTChar> {
        var slice = chars
        while let first = slice.first, first.isSpace, !first.escaped { slice = slice.dropFirst() }
        while let last = slice.last, last.isSpace, !last.escaped { slice = slice.dropLast() }
        return slice
    }

    /// The text of some chars, made like a native text: trimmed; a run of spaces and line breaks holding
    /// two or more `\n` escapes becomes a paragraph break, one holding any other line break a space;
    /// spaces between words stay as written.
    static func text(_ chars: ArraySlice<GIFTChar>) -> String {
        var out = String.UnicodeScalarView()
        var run: [GIFTChar] = []
        func flush() {
            defer { run.removeAll(keepingCapacity: true) }
            guard !out.isEmpty else { return }
            if run.contains(where: \.isNewline) {
                let escapedBreaks = run.filter { $0.isNewline && $0.escaped }.count
                out.append(contentsOf: escapedBreaks >= 2 ? "\n\n".unicodeScalars : " ".unicodeScalars)
            } else {
                out.append(contentsOf: run.map(\.scalar))
            }
        }
        for char in chars {
            if char.isSpace {
                run.append(char)
            } else {
                if !run.isEmpty { flush() }
                out.append(char.scalar)
            }
        }
        return String(out)
    }

    /// Splits off a leading format tag, as Moodle does: `[` at the very start, the first `]` after it, and a
    /// known name between them. An unknown name (`[note]`) is text.
    static func splitFormat(_ chars: ArraySlice<GIFTChar>) -> (GIFTTextFormat?, ArraySlice<GIFTChar>) {
        guard let first = chars.first, first.scalar == "[", !first.escaped,
              let close = chars.firstIndex(where: { $0.scalar == "]" && !$0.escaped }) else { return (nil, chars) }
        var name = String.UnicodeScalarView()
        name.append(contentsOf: chars[chars.index(after: chars.startIndex)..<close].map(\.scalar))
        guard let format = formatTags[String(name)] else { return (nil, chars) }
        return (format, chars[chars.index(after: close)...])
    }

    /// Whether a text would lose a leading format tag when read back (so the exporter guards it).
    static func startsWithFormatTag(_ text: String) -> Bool {
        guard text.hasPrefix("["), let close = text.firstIndex(of: "]") else { return false }
        return formatTags[String(text[text.index(after: text.startIndex)..<close])] != nil
    }

    /// The index of the `%` that closes a weight at the start of `chars` (the first char being its `%`), when
    /// Moodle's weight pattern takes it: `-`s, one or two digits, an optional `.` and digits; or `-`s and
    /// digits. Moodle reads anything else as the answer's text.
    static func weightEnd(_ chars: ArraySlice<GIFTChar>) -> Int? {
        func isDigit(_ i: Int) -> Bool { i < chars.endIndex && ("0"..."9").contains(chars[i].scalar) }
        var i = chars.startIndex + 1
        while i < chars.endIndex, chars[i].scalar == "-" { i += 1 }
        let digitsStart = i
        while isDigit(i) { i += 1 }
        guard i > digitsStart else { return nil }
        if i < chars.endIndex, chars[i].scalar == "." {
            guard i - digitsStart <= 2 else { return nil }
            i += 1
            while isDigit(i) { i += 1 }
        }
        return i < chars.endIndex && chars[i].isSyntax("%") ? i : nil
    }

    /// Moodle's weight syntax between the `%` signs: an optional `-`, then digits, or one or two digits, a
    /// `.` and any digits (Moodle does not read `100.0`). Returns the percent, or nil.
    static func weight(_ text: String) -> Double? {
        var body = Substring(text)
        var negative = false
        if body.hasPrefix("-") {
            negative = true
            body = body.dropFirst()
        }
        let digits: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        let value: Double?
        if let dot = body.firstIndex(of: ".") {
            let whole = body[..<dot]
            let fraction = body[body.index(after: dot)...]
            guard digits(whole), whole.count <= 2, fraction.isEmpty || digits(fraction) else { return nil }
            value = Double("\(whole).\(fraction.isEmpty ? "0" : fraction)")
        } else {
            guard digits(body) else { return nil }
            value = Double(body)
        }
        return value.map { negative ? -$0 : $0 }
    }

    /// Moodle's grades, as fractions (question_bank's full list: 1/q for q <= 10, p/q for q <= 6, p/10,
    /// 1/20, and their negatives).
    static let moodleGrades: [Double] = {
        let positive = [1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                        0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05]
        return [0] + positive + positive.map { -$0 }
    }()

    /// Whether Moodle accepts the weight `percent` as a grade (it allows 0.00001 of a fraction off).
    static func isMoodleGrade(_ percent: Double) -> Bool {
        moodleGrades.contains { abs(percent / 100 - $0) < 0.00001 }
    }

    /// The Moodle grade closest to `percent`, written as a weight.
    static func nearestMoodleGrade(_ percent: Double) -> String {
        let nearest = moodleGrades.min { abs(percent / 100 - $0) < abs(percent / 100 - $1) } ?? 0
        return formatWeight(nearest * 100)
    }

    /// A weight with at most five decimals and no trailing zeros: `50`, `33.33333`, `-12.5`.
    static func formatWeight(_ percent: Double) -> String {
        let scaled = Int((abs(percent) * 100_000).rounded())
        let whole = scaled / 100_000
        var fraction = String(scaled % 100_000)
        fraction = String(repeating: "0", count: max(0, 5 - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = percent < 0 && scaled != 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}

// MARK: - The parser

/// The block-by-block reader behind `GIFTImporter`.
struct GIFTParser {
    let file: String
    var questions: [GIFTQuestion] = []
    var diagnostics: [Diagnostic] = []
    private var category: String?
    private var number = 0
    /// Set when a warning leaves the current question out.
    private var leftOutByWarning = false
    /// How many errors `diagnostics` holds, so that a block can tell whether it added one.
    private var errorCount = 0

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

    mutating func run(_ text: String) {
        var block: [Line] = []
        for line in Self.lines(text) {
            if line.content.isEmpty {
                flush(&block)
            } else if line.content.count == 1, line.content.first == "0" {
                warning("G109", "a line holding only `0` ends the question in Moodle", at: SourceLocation(line: line.number, column: line.column),
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

    /// Splits at LF (a CR before it is dropped), or at CR in a file without LF (old Mac files, as Moodle
    /// does), after dropping a byte order mark; each line is trimmed as PHP's `trim` trims.
    static func lines(_ text: String) -> [Line] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        let separator: Unicode.Scalar = scalars.contains("\n") || !scalars.contains("\r") ? "\n" : "\r"
        var lines: [Line] = []
        var start = 0
        var number = 1
        func isTrimmed(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\r" || s == "\0" || s == "\u{0B}" || s == "\n" }
        func add(_ end: Int) {
            var from = start
            var to = end
            while from < to, isTrimmed(scalars[from]) { from += 1 }
            while to > from, isTrimmed(scalars[to - 1]) { to -= 1 }
            lines.append(Line(number: number, column: from - start + 1, content: scalars[from..<to]))
        }
        for (i, scalar) in scalars.enumerated() where scalar == separator {
            add(i)
            start = i + 1
            number += 1
        }
        add(scalars.count)
        return lines
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
                warning("G102", "unknown escape `\(escape)`", at: SourceLocation(line: line.number, column: column),
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
                warning("G108", "question fields in a block without a question", at: location,
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
            error("G016", "question text in the block of a `$CATEGORY:` line", at: stray.location,
                  help: "Moodle reads the whole block as the category's name; put a blank line after the `$CATEGORY:` line")
        }
        if let location = comments.firstField {
            warning("G108", "question fields in the block of a `$CATEGORY:` line", at: location,
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
                    warning("G110", "second `[id:]` in one question", at: location, length: end - i,
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
                        warning("G111", "tag `\(value)` makes no topic", at: location, length: end - i,
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
            error("G018", "malformed `// iamquiz:` line", at: SourceLocation(line: line.number, column: column(nameStart)),
                  length: max(1, end - nameStart), help: "write `// iamquiz: FIELD: VALUE`, for example `// iamquiz: reference: https://...`")
            return nil
        }
        let name = String(String.UnicodeScalarView(line.content[nameStart..<colon])).trimmingSpaces()
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        var valueStart = colon + 1
        while valueStart < end, line.content[valueStart] == " " || line.content[valueStart] == "\t" { valueStart += 1 }
        let chars = GIFTText.decode(line.content[valueStart..<end], line: line.number, firstColumn: column(valueStart)) { col, escape in
            warning("G102", "unknown escape `\(escape)`", at: SourceLocation(line: line.number, column: col),
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
                guard words[1].count == 1, let letter = words[1].uppercased().first, let index = GIFTText.letterIndex(letter) else {
                    error("G018", "malformed option letter `\(words[1])` in `// iamquiz: \(field.name):`", at: field.nameLocation,
                          length: field.name.unicodeScalars.count, help: "name the option by its letter: `option B note:`")
                    continue
                }
                guard index < question.options.count else {
                    error("G019", "`// iamquiz:` names option \(letter), but the question has \(counted(question.options.count, "option"))",
                          at: field.nameLocation, length: field.name.unicodeScalars.count,
                          help: "options are lettered A to \(ParserState.letter(question.options.count - 1)) in the order they are written")
                    continue
                }
                option = index
                optionField = words[2]
                key = "option \(letter) \(words[2])"
            } else if !["reference", "changed", "disputed", "source", "scenario", "right-when", "allow"].contains(field.name) {
                let suggestion = closestMatch(to: field.name, in: Self.iamquizFields)
                error("G018", "unknown `// iamquiz:` field `\(field.name)`", at: field.nameLocation,
                      length: max(1, field.name.unicodeScalars.count),
                      help: suggestion.map { "did you mean `\($0)`?" }
                        ?? "the fields are `reference`, `changed`, `disputed`, `source`, `scenario`, `right-when`, `allow`, `option X note` and `option X verify`")
                continue
            }
            if !["reference", "changed", "disputed", "allow"].contains(key) {
                if let first = seen[key] {
                    error("G020", "`// iamquiz: \(key):` given twice", at: field.nameLocation, length: field.name.unicodeScalars.count,
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
                    error("G019", "`allow` takes a warning code and the reason it is accepted", at: field.valueLocation, length: field.valueLength,
                          help: "write `// iamquiz: allow: CODE REASON` with one of " + BankLints.allowableCodes.sorted().joined(separator: ", "))
                }
            case ("scenario", _, _):
                question.scenario = field.value
                question.scenarioPosition = position(field.valueLocation)
            case ("right-when", _, _):
                if let value = RightWhen(rawValue: field.value) {
                    question.rightWhen = value
                } else {
                    error("G019", "unknown `right-when` value `\(field.value)`", at: field.valueLocation, length: field.valueLength,
                          help: "write `works` (the default) or `fails`")
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
            let letter = ParserState.letter(index)
            if !ParserState.isStepReference(Substring(field.value)) {
                error("G019", "malformed step reference `\(field.value)` for option \(letter)", at: field.valueLocation,
                      length: field.valueLength,
                      help: "name a step of the scenario (lowercase letters, digits and `-`) or write `#N` for its number")
            } else if question.scenario == nil {
                error("G019", "option \(letter) has `verify` but the question names no scenario", at: field.valueLocation,
                      length: field.valueLength, help: "add `// iamquiz: scenario: ID` with the scenario that holds the step")
            } else {
                question.options[index].verify = field.value
                question.options[index].verifyPosition = position(field.valueLocation)
            }
        }
    }

    // MARK: - Questions

    /// Reads a question's text (everything but its comments); nil when it is left out.
    private mutating func readQuestion(_ text: ArraySlice<GIFTChar>, start: GIFTChar) -> GIFTQuestion? {
        var body = text
        var title: String?
        if Self.hasPrefix(body, "::") {
            let afterOpening = body.dropFirst(2)
            if let close = Self.firstIndex(of: "::", in: afterOpening) {
                title = GIFTText.text(afterOpening[..<close])
                body = GIFTText.trimmed(afterOpening[(close + 2)...])
            } else {
                warning("G103", "question title without its closing `::`", at: start.location, length: 2,
                        help: "Moodle drops the `::` and names the question after its text; write `::title::` or `\\:\\:` for colons")
                body = GIFTText.trimmed(afterOpening)
            }
        }
        let questionPosition = position(start.location)

        let open = body.firstIndex { $0.isSyntax("{") }
        let close = body.firstIndex { $0.isSyntax("}") }
        guard let open else {
            if let close {
                error("G002", "`}` without a `{` before it", at: body[close].location,
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
                error("G002", "`}` without a `{` before it", at: body[close].location, help: "write `\\}` for a brace in the text")
            } else {
                error("G001", "answer block `{` is never closed", at: body[open].location,
                      help: "end the answers with `}` before the blank line that ends the question")
            }
            return nil
        }
        // Moodle takes the first `{` and the first `}`; any other brace is left in the text. A `}` after the
        // block that closes a stray `{` is not reported again.
        for i in body[(open + 1)..<close].indices where body[i].isSyntax("{") {
            error("G003", "`{` inside the answer block", at: body[i].location, help: "write `\\{` for a brace in an answer or feedback")
        }
        var strayDepth = 0
        for char in body[(close + 1)...] {
            if char.isSyntax("{") {
                error("G003", "a second answer block in one question", at: char.location,
                      help: "a question has one answer block; write `\\{` and `\\}` for braces in the text")
                strayDepth += 1
            } else if char.isSyntax("}") {
                if strayDepth > 0 {
                    strayDepth -= 1
                } else {
                    error("G002", "`}` without a `{` before it", at: char.location, help: "write `\\}` for a brace in the text")
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
            error("G014", "question has no text", at: start.location, help: "write the question before its answer block `{...}`")
        }
        if let phrase = AnswerCountPhrase.find(in: stem), !question.key.isEmpty, phrase.count != question.key.count {
            error("G015", "text asks for \(counted(phrase.count, "answer")) (`\(phrase.text)`), but \(question.key.count) \(question.key.count == 1 ? "is" : "are") right",
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
            error("G004", "answer without a `=` or `~` before it", at: stray.location,
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
                        error("G007", "weight after `=`", at: first.location,
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
                error("G012", "answer without text", at: markerChar.location,
                      help: "write the answer after `\(Character(markerChar.scalar))`\(isWeighted ? " and its weight" : "")")
            }
            question.options.append(GIFTOption(text: text, weight: weight, feedback: feedback, position: position(markerChar.location)))
        }

        let count = question.options.count
        if count < 2 {
            error("G010", "multiple choice question with \(counted(count, "answer"))", at: block,
                  help: "a multiple choice question needs at least two answers")
            return
        }
        if count > 26 {
            error("G011", "question has \(count) answers; at most 26 can be lettered", at: question.options[26].position.location ?? block,
                  help: "options are lettered A to Z; split the question or drop answers")
        }
        var seen: [String: Int] = [:]
        for (i, option) in question.options.enumerated() where !option.text.isEmpty {
            let normalized = ParserState.normalize(option.text)
            if let first = seen[normalized] {
                error("G013", "answer \(ParserState.letter(i)) repeats answer \(ParserState.letter(first))",
                      at: option.position.location ?? block, help: "two options with the same text cannot be told apart")
            } else {
                seen[normalized] = i
            }
        }

        if isSingle {
            // Moodle's single-answer question: a full-credit answer is right; partial credit is not practised.
            let full = question.options.indices.filter { abs(question.options[$0].weight - 100) < 0.001 }
            for (i, option) in question.options.enumerated() where option.weight > 0 && !full.contains(i) {
                warning("G105", "answer \(ParserState.letter(i)) gives partial credit; iamquiz counts it as wrong",
                        at: option.position.location ?? block,
                        help: "a question with `=` has one right answer; for several right answers drop the `=` and weight each `~%50%`")
            }
            if full.count > 1 {
                warning("G106", "\(full.count) answers give full marks; question left out", at: block,
                        help: "Moodle accepts any one of them, iamquiz asks for every right answer; keep one `=`, or weight the right answers `~%50%` and drop the `=`")
                markLeftOut()
            }
            question.key = full
        } else {
            let right = question.options.indices.filter { question.options[$0].weight > 0 }
            if hasBadWeight {
                // Reported already.
            } else if right.isEmpty {
                error("G008", "no right answer", at: block,
                      help: "mark the right answer with `=`, or give each right answer a positive weight such as `~%50%`")
            } else {
                let total = right.reduce(0.0) { $0 + question.options[$1].weight }
                // Moodle rounds the total fraction to two decimals and wants exactly 1.
                if total.rounded() != 100 {
                    error("G009", "weights of the right answers add up to \(GIFTText.formatWeight(total))%, not 100%", at: block,
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
            error("G005", "weight `\(written)` is not a number", at: opening.location, length: length,
                  help: "write a percentage such as `~%50%` or `~%-100%`, with one minus sign at most")
            return (0, rest)
        }
        guard value >= -100, value <= 100 else {
            error("G006", "weight `\(written)` is outside -100..100", at: opening.location, length: length,
                  help: "weights are percentages of the question's mark, from -100 to 100")
            return (0, rest)
        }
        if !GIFTText.isMoodleGrade(value) {
            warning("G104", "weight `\(written)` is not one of Moodle's grades", at: opening.location, length: length,
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
        warning("G113", shown.map { "`\($0)` is not a weight; the answer is read as text, as Moodle reads it" }
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

    private func position(_ location: SourceLocation) -> SourcePosition {
        SourcePosition(file: file, location: location)
    }

    /// A kind iamquiz does not practise: reported (G101) and left out.
    private mutating func leftOut(_ kind: GIFTQuestionKind, at location: SourceLocation, help: String) {
        warning("G101", "\(kind.label) left out", at: location, help: help)
    }

    /// Leaves the current question out after a warning that says so (G106), as an error would.
    private mutating func markLeftOut() {
        leftOutByWarning = true
    }

    private mutating func error(_ code: String, _ message: String, at location: SourceLocation, length: Int = 1, help: String?) {
        errorCount += 1
        diagnostics.append(Diagnostic(.error, code: code, message, file: file,
                                      range: SourceRange(line: location.line, column: location.column, length: max(1, length)),
                                      help: help))
    }

    private mutating func warning(_ code: String, _ message: String, at location: SourceLocation, length: Int = 1, help: String?) {
        diagnostics.append(Diagnostic(.warning, code: code, message, file: file,
                                      range: SourceRange(line: location.line, column: location.column, length: max(1, length)),
                                      help: help))
    }
}
