import Diagnostics

// Moodle's GIFT format -> `GIFTQuestion`s -> native `Question`s (docs/gift-aiken.md).
//
// The stages, one file each: GIFTParser.swift splits the file into question blocks and reads their comments
// and categories; GIFTParser+Question.swift reads a block's question; GIFTText.swift holds the text rules
// (escapes, format tags, weights) that the importer and `GIFTExporter` share; GIFTQuestion.swift the parsed
// questions; this file makes ids, levels and topics and converts to `Question`.
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
public struct GIFTImporter: BankImporter {
    public init() {}

    public static let fileExtension = "gift"
    public static let formatName = "Moodle GIFT"
    public static let lineBreaks = SourceFile.LineBreaks.lineFeedOrOldMac
    public static let utf8Help = "save the GIFT file as UTF-8, as Moodle also requires"

    /// The questions of a file that iamquiz can practise, and the problems found.
    public struct Result: ParsedBankFile {
        public var questions: [GIFTQuestion]
        public var diagnostics: [Diagnostic]
        /// The file named in diagnostics and positions.
        public var file: String

        public init(questions: [GIFTQuestion], diagnostics: [Diagnostic], file: String) {
            self.questions = questions
            self.diagnostics = diagnostics
            self.file = file
        }

        public init(unreadable: Diagnostic, file: String) {
            self.init(questions: [], diagnostics: [unreadable], file: file)
        }
    }

    /// Parses a GIFT file. Never stops at the first problem.
    ///
    /// Ids are checked here, as they do not depend on the prefix given to `questions(from:)`: an `[id:]` or
    /// `::title::` becomes a native id (lowercase letters, digits, `.`, `_`, `-`) when it is not one; two
    /// questions with the same `[id:]` are an error (G017) and the second is left out; an id made from a
    /// title that is taken gets a suffix `-2`, `-3`... (G107). Written ids are served first, so that a
    /// title never takes one.
    public func parse(_ source: SourceFile) -> Result {
        let file = source.file
        var parser = GIFTParser(file: file)
        parser.run(source)
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
                    .error, code: GIFTCode.duplicateID, "duplicate question id `\(id)`", file: file,
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
                    .warning, code: GIFTCode.idMadeUnique, "id `\(base)` is taken; the question is named `\(id)`", file: file,
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
                .error, code: GIFTCode.nothingToPractise, "no question iamquiz can practise in the file", file: file,
                range: SourceRange(line: 1, column: 1),
                help: diagnostics.isEmpty
                    ? "write a question as text followed by its answers in braces, such as `Which? {=right ~wrong}`"
                    : "every question was left out (see the warnings); iamquiz practises multiple choice and true/false questions"))
        }
        return Result(questions: questions, diagnostics: Diagnostic.sortedForDisplay(diagnostics), file: file)
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
        let prefix = Self.nativeID(idPrefix)
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

    /// Makes bank questions of the parsed ones with `settings`' level, topics and id prefix (by default, from
    /// the file's name).
    public func questions(from parsed: Result, settings: ImportSettings) -> [Question] {
        questions(from: parsed, level: settings.level, topics: settings.topics,
                  idPrefix: settings.idPrefix ?? Self.idPrefix(fileName: parsed.file))
    }

    // MARK: - Conversion helpers

    /// `text` when it is a native id already (so that exported ids come back unchanged), else its slug.
    static func nativeID(_ text: String) -> String {
        QuestionID.isValid(text) ? text : QuestionID.slug(text)
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
        return QuestionID.topicSlug(text)
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
