import Diagnostics

/// Reads the practice questions of a blog post written in the style of the source document: a
/// heading such as "Practice Questions", then a bulleted list in which each question is a bullet
/// followed by one bullet per option, then reader comments as plain lines.
///
/// The rules (general, not tuned to one post):
/// - The list starts after the first heading line that mentions questions (or a quiz) and is followed
///   by a list holding questions; without such a heading, at the first list that holds questions.
/// - The list ends at the first line that is not a bullet (blank lines do not end it).
/// - A bullet is a question when it ends with `?`, carries a level marker (`[PROFESSIONAL]`) or asks for
///   a number of answers ("Choose 2 answers"); or when its last sentence is an instruction such as
///   "Identify which option ..." or "Which of the following ..." ending with a period, and at least two
///   options follow it. Bullets before the first question (disclaimers) are skipped.
/// - The bullets after a question, up to the next question, are its options. An option's trailing
///   parenthetical remark becomes the option's note, unless it spells out an abbreviation.
/// - When questions are numbered (`1.`) and options lettered (`a)`), the markers decide for numbered and
///   lettered items; a bullet (`-`, `*`...) in such a list is read by the rules above.
/// - One list is imported. A question found in a later list is reported (B005), never dropped silently.
public struct BlogImporter: Sendable {
    public init() {}

    /// One option as found in the post.
    public struct ImportedOption: Hashable, Sendable, Codable {
        public var label: String
        public var text: String
        public var note: String?
    }

    /// One question as found in the post.
    public struct ImportedQuestion: Hashable, Sendable, Codable {
        /// 1-based position in the post.
        public var number: Int
        /// The line the question starts on.
        public var line: Int
        public var level: Level
        public var stem: String
        public var answersAskedFor: Int
        public var options: [ImportedOption]
    }

    /// The questions of a post, and the problems found.
    public struct Result: Sendable {
        public var questions: [ImportedQuestion]
        public var diagnostics: [Diagnostic]
        /// The post's first line, used to name question ids.
        public var title: String?
        /// The file named in diagnostics and in the positions of the questions made.
        public var file: String = ""
    }

    // MARK: - Lines

    enum Marker: Equatable { case symbol, number, letter }

    struct Item {
        var line: Int
        var marker: Marker
        var text: String
    }

    enum LineKind {
        case blank
        case bullet(Item)
        case prose(String)
    }

    /// Parses the post in `text`; `file` names it in diagnostics.
    public func parse(_ text: String, file: String) -> Result {
        let kinds = Self.classify(SourceFile(text: text, file: file, lineBreaks: .lineFeed))
        let title = kinds.lazy.compactMap { kind -> String? in
            if case .prose(let s) = kind { return s }
            if case .bullet(let item) = kind { return item.text }
            return nil
        }.first

        // Lists: maximal runs of bullets, with blank lines allowed inside.
        var lists: [(afterProse: Int?, items: [Item])] = []
        var lastProse: Int?
        var current: [Item] = []
        var currentAfter: Int?
        for (i, kind) in kinds.enumerated() {
            switch kind {
            case .blank:
                continue
            case .bullet(let item):
                if current.isEmpty { currentAfter = lastProse }
                current.append(item)
            case .prose:
                if !current.isEmpty { lists.append((currentAfter, current)); current = [] }
                lastProse = i
            }
        }
        if !current.isEmpty { lists.append((currentAfter, current)) }

        var diagnostics: [Diagnostic] = []
        var chosen: (list: Int, questions: [ImportedQuestion])?
        // Prefer the list right after a heading about questions, else the first list that holds questions.
        let afterHeading = lists.indices.filter { i in
            guard let proseIndex = lists[i].afterProse, case .prose(let heading) = kinds[proseIndex] else { return false }
            return Self.isQuestionsHeading(heading)
        }
        for i in afterHeading + lists.indices {
            var found: [Diagnostic] = []
            let questions = extract(lists[i].items, file: file, diagnostics: &found)
            if !questions.isEmpty {
                chosen = (i, questions)
                diagnostics = found
                break
            }
        }
        guard let (chosenList, questions) = chosen else {
            return Result(questions: [], diagnostics: [
                Diagnostic(.error, code: BlogCode.noQuestions, "no practice questions found", file: file,
                           help: "questions are bullets ending with `?` (or asking to choose answers), each followed by its options as bullets"),
            ], title: title, file: file)
        }
        // Questions in later lists are not imported: say so at each of them.
        let firstLine = lists[chosenList].items.first?.line ?? 1
        for list in lists[(chosenList + 1)...] {
            var ignored: [Diagnostic] = []
            for question in extract(list.items, file: file, diagnostics: &ignored) {
                diagnostics.append(Diagnostic(
                    .warning, code: BlogCode.laterList, "question outside the list of practice questions is not imported", file: file,
                    range: SourceRange(line: question.line, column: 1),
                    help: "only the list starting on line \(firstLine) is imported; remove the lines between the lists to import this one too"))
            }
        }
        return Result(questions: questions, diagnostics: diagnostics, title: title, file: file)
    }

    static func classify(_ source: SourceFile) -> [LineKind] {
        source.lines.map { raw in
            let line = raw.text.trimmingSpaces()
            if line.isEmpty {
                return .blank
            } else if let (marker, rest) = bulletMarker(line) {
                return .bullet(Item(line: raw.number, marker: marker, text: collapse(rest)))
            } else {
                return .prose(String(line))
            }
        }
    }

    /// The list marker at the start of a line and the text after it.
    static func bulletMarker(_ line: Substring) -> (Marker, Substring)? {
        guard let first = line.first else { return nil }
        func after(_ count: Int) -> Substring? {
            let rest = line.dropFirst(count)
            guard let space = rest.first, space == " " || space == "\t" else { return nil }
            let text = rest.trimmingSpaces()
            return text.isEmpty ? nil : text
        }
        if "-*•–—◦▪‣".contains(first) {
            return after(1).map { (.symbol, $0) }
        }
        // 1. 1) Q1. Q1: Question 1:
        var digits = line.prefix { $0.isASCII && $0.isNumber }
        var prefixCount = 0
        if digits.isEmpty, first == "Q" || first == "q" {
            digits = line.dropFirst().prefix { $0.isASCII && $0.isNumber }
            prefixCount = 1
        }
        if !digits.isEmpty, digits.count <= 3 {
            let punctuation = line.dropFirst(prefixCount + digits.count).first
            if let punctuation, ".):".contains(punctuation) {
                return after(prefixCount + digits.count + 1).map { (.number, $0) }
            }
        }
        // a. a) A. (a)
        if first == "(", line.count > 3 {
            let chars = Array(line.prefix(3))
            if chars[1].isASCII, chars[1].isLetter, chars[2] == ")" {
                return after(3).map { (.letter, $0) }
            }
        }
        if first.isASCII, first.isLetter, line.count > 2 {
            let second = line[line.index(after: line.startIndex)]
            if second == "." || second == ")" {
                return after(2).map { (.letter, $0) }
            }
        }
        return nil
    }

    static func collapse(_ text: Substring) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    static func isQuestionsHeading(_ line: String) -> Bool {
        let lower = line.lowercased()
        let words = lower.split(separator: " ")
        guard words.count <= 12, !lower.hasSuffix("?"), !lower.hasSuffix(".") else { return false }
        return words.contains { $0.hasPrefix("question") || $0 == "quiz" || $0.hasPrefix("quiz") }
    }

    // MARK: - Questions and options

    private func extract(_ items: [Item], file: String, diagnostics: inout [Diagnostic]) -> [ImportedQuestion] {
        let markers = Set(items.map(\.marker))
        let byMarker = markers.contains(.number) && markers.contains(.letter)
        var questions: [ImportedQuestion] = []
        var current: (item: Item, options: [Item])?
        // Questions are numbered by their place in the post, skipped ones included, so that a key
        // written while reading the post lines up.
        var number = 0

        func close() {
            guard let (item, options) = current else { return }
            current = nil
            number += 1
            if options.count < 2 {
                diagnostics.append(Diagnostic(
                    .warning, code: BlogCode.questionSkipped,
                    "question \(number) skipped: it has \(counted(options.count, "option"))", file: file,
                    range: SourceRange(line: item.line, column: 1), help: "a question needs at least two option bullets after it"))
                return
            }
            if options.count > 26 {
                diagnostics.append(Diagnostic(
                    .warning, code: BlogCode.questionSkipped, "question \(number) skipped: it has \(options.count) options, more than 26", file: file,
                    range: SourceRange(line: item.line, column: 1), help: nil))
                return
            }
            var question = makeQuestion(item, options: options)
            question.number = number
            questions.append(question)
        }

        /// Whether the markers decide that `item` is a question or an option.
        func markerDecides(_ item: Item) -> Bool { byMarker && item.marker != .symbol }

        for (index, item) in items.enumerated() {
            let isQuestion: Bool
            if markerDecides(item) {
                isQuestion = item.marker == .number
            } else {
                switch Self.questionSignal(item.text) {
                case .strong:
                    isQuestion = true
                case .weak:
                    // An instruction ending with a period is a question only when options follow it,
                    // and it is not needed as an option of the question before (which needs at least
                    // two options, and one more than the answers it asks for).
                    let needed = current.map { question in
                        let asked = AnswerCountPhrase.find(in: question.item.text)?.count ?? 1
                        return question.options.count < max(2, asked + 1)
                    } ?? false
                    let following = items[(index + 1)...].prefix {
                        !(markerDecides($0) && $0.marker == .number) && Self.questionSignal($0.text) == .none
                    }.count
                    isQuestion = !needed && following >= 2
                case .none:
                    isQuestion = false
                }
            }
            if isQuestion {
                close()
                current = (item, [])
            } else if current != nil {
                current?.options.append(item)
            }
            // Bullets before the first question are notes or disclaimers.
        }
        close()
        return questions
    }

    enum Signal: Equatable { case none, weak, strong }

    private static let cueWords: Set<String> = [
        "which", "what", "how", "why", "when", "where", "who", "identify", "select", "choose", "pick",
        "determine", "name", "indicate", "specify",
    ]

    private static let askWords: Set<String> = [
        "option", "options", "answer", "answers", "statement", "statements", "following", "choice", "choices",
        "which", "what", "best", "correct", "true", "false",
    ]

    /// How strongly a bullet's text reads as a question stem.
    static func questionSignal(_ text: String) -> Signal {
        let (stripped, level) = stripLevelMarker(text)
        if level != nil { return .strong }
        if AnswerCountPhrase.find(in: stripped) != nil { return .strong }
        let body = removingParentheticals(stripped).trimmingSpaces()
        var end = body
        while let last = end.last, "\"'”’)] ".contains(last) { end = end.dropLast() }
        if end.hasSuffix("?") { return .strong }
        guard end.hasSuffix(".") || end.hasSuffix(":") else { return .none }
        let body_ = String(end.dropLast())
        let sentence = lastSentence(body_)
        let words = sentence.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        guard let first = words.first, words.count >= 3 else { return .none }
        if sentence.lowercased().contains("which of the following") { return .weak }
        guard cueWords.contains(first) else { return .none }
        // "Choose a customer managed key." is an option written as a command; a stem's instruction
        // asks about the options ("Identify the option that ...", "Select the best answer") or
        // follows a scenario of its own.
        let asksAboutOptions = words.contains { askWords.contains($0) }
        let followsScenario = sentence.count < body_.count
        return asksAboutOptions || followsScenario || ["which", "what", "how", "why", "when", "where", "who"].contains(first)
            ? .weak : .none
    }

    private static func lastSentence(_ text: String) -> String {
        var start = text.startIndex
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if ".?!".contains(c), next < text.endIndex, text[next] == " " {
                start = text.index(after: next)
            }
            i = next
        }
        return String(text[start...])
    }

    private static func removingParentheticals(_ text: String) -> String {
        var out = ""
        var depth = 0
        for c in text {
            if c == "(" { depth += 1; continue }
            if c == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { out.append(c) }
        }
        return out
    }

    /// The text without `[PROFESSIONAL]` / `[ASSOCIATE]` markers, and the level they give.
    static func stripLevelMarker(_ text: String) -> (String, Level?) {
        var result = text
        var level: Level?
        for candidate in Level.allCases {
            let marker = "[\(candidate.rawValue)]"
            while let range = result.range(ofCaseInsensitive: marker) {
                result.removeSubrange(range)
                level = level ?? candidate
            }
        }
        return (collapse(Substring(result)), level)
    }

    private func makeQuestion(_ item: Item, options: [Item]) -> ImportedQuestion {
        let (stem, level) = Self.stripLevelMarker(item.text)
        let asked = AnswerCountPhrase.find(in: stem)?.count ?? 1
        let imported = options.enumerated().map { index, option in
            let (text, note) = Self.splitTrailingNote(option.text)
            return ImportedOption(label: OptionLetter.letter(index), text: text, note: note)
        }
        return ImportedQuestion(number: 0, line: item.line, level: level ?? .associate, stem: stem,
                                answersAskedFor: asked, options: imported)
    }

    /// Splits "Text. (A remark)" into the text and the remark, keeping parentheses that belong to
    /// the text: an abbreviation ("(SSE-S3)") or its spelling out ("(Key Management Service)").
    static func splitTrailingNote(_ text: String) -> (String, String?) {
        guard text.hasSuffix(")") else { return (text, nil) }
        var depth = 0
        var open: String.Index?
        var i = text.index(before: text.endIndex)
        while true {
            let c = text[i]
            if c == ")" { depth += 1 }
            if c == "(" {
                depth -= 1
                if depth == 0 { open = i; break }
            }
            if i == text.startIndex { break }
            i = text.index(before: i)
        }
        guard let open, open > text.startIndex else { return (text, nil) }
        let before = text[..<open]
        guard let last = before.last, last == " " else { return (text, nil) }
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingSpaces()
        let words = inner.split(separator: " ")
        guard words.count >= 2 else { return (text, nil) }
        let titleCase = words.allSatisfy { $0.first.map { $0.isUppercase || $0.isNumber } ?? false }
        if titleCase { return (text, nil) }
        let main = before.trimmingSpaces()
        guard !main.isEmpty else { return (text, nil) }
        return (String(main), String(inner))
    }

    // MARK: - Keys and conversion

    /// Turns imported questions into bank questions: keyed when `key` names them, unkeyed otherwise.
    public func questions(from result: Result, key: [Int: [Int]], idPrefix: String, source: String?) -> [Question] {
        result.questions.map { imported in
            let id = "\(idPrefix)-\(imported.number < 10 ? "0" : "")\(imported.number)"
            let answer: AnswerKey = key[imported.number].map { .options($0.sorted()) } ?? .unkeyed
            let position = SourcePosition(file: result.file, location: SourceLocation(line: imported.line, column: 1))
            return Question(
                id: id, level: imported.level, topics: [], stem: imported.stem,
                options: imported.options.map { AnswerOption(text: $0.text, note: $0.note) },
                key: answer, source: source.map { "\($0), question \(imported.number)" }, position: position)
        }
    }

    /// The id prefix for a post: the slug of its title when short, else of the file name.
    public static func idPrefix(title: String?, fileName: String) -> String {
        if let title, title.split(separator: " ").count <= 6, title.count <= 48 {
            return QuestionID.topicSlug(title)
        }
        return QuestionID.prefix(fileName: fileName)
    }

    /// Checks a key against the imported questions: every number exists, every letter names an
    /// option, and the count matches what the question asks for.
    public func validate(key: [Int: [Int]], against result: Result, keyLabel: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (number, indices) in key.sorted(by: { $0.key < $1.key }) {
            guard let question = result.questions.first(where: { $0.number == number }) else {
                let last = result.questions.last?.number ?? 0
                let message = number > last
                    ? "key names question \(number), but the post has \(counted(last, "question"))"
                    : "key names question \(number), which was skipped"
                problems.append(Diagnostic(.error, code: BlogCode.keyDoesNotFit, message, file: keyLabel))
                continue
            }
            for index in indices where index >= question.options.count {
                problems.append(Diagnostic(.error, code: BlogCode.keyDoesNotFit,
                                           "key for question \(number) names option `\(OptionLetter.letter(index))`, but it has \(counted(question.options.count, "option"))",
                                           file: keyLabel))
            }
            if indices.count != question.answersAskedFor {
                problems.append(Diagnostic(.error, code: BlogCode.keyDoesNotFit,
                                           "key for question \(number) has \(counted(indices.count, "answer")), but the question asks for \(question.answersAskedFor)",
                                           file: keyLabel))
            }
        }
        return problems
    }
}

/// Reads answer keys written as `1:B 2:AD 3:A,C` (spaces, commas, semicolons or newlines between
/// entries; `#` starts a comment in a key file).
public enum AnswerKeyText {
    /// A problem in a key, with its 1-based line and column.
    public struct Problem: Error, Sendable, Equatable {
        public var message: String
        public var line: Int
        public var column: Int
    }

    /// Question number -> option indices.
    public static func parse(_ text: String) throws(Problem) -> [Int: [Int]] {
        var key: [Int: [Int]] = [:]
        // A key is not a bank file: a byte order mark is not dropped.
        for (lineIndex, rawLine) in SourceFile.split(Substring(text), at: .lineFeed).enumerated() {
            var line = Array(rawLine)
            if let hash = line.firstIndex(of: "#") { line = Array(line[..<hash]) }
            var i = 0
            func fail(_ message: String) -> Problem { Problem(message: message, line: lineIndex + 1, column: i + 1) }
            while i < line.count {
                if " \t;,\r&+".contains(line[i]) { i += 1; continue }
                guard line[i].isASCII, line[i].isNumber else { throw fail("expected a question number, found `\(line[i])`") }
                let entryStart = i
                var digits = ""
                while i < line.count, line[i].isASCII, line[i].isNumber { digits.append(line[i]); i += 1 }
                guard let number = Int(digits), number >= 1, number <= 100_000 else {
                    throw Problem(message: "question number `\(digits)` is out of range", line: lineIndex + 1, column: entryStart + 1)
                }
                guard i < line.count, ":=.)".contains(line[i]) else { throw fail("expected `:` after question number \(number)") }
                i += 1
                var letters: [Int] = []
                while i < line.count {
                    let c = line[i]
                    if c == " " || c == "," || c == "+" || c == "&" {
                        // A comma or space followed by a digit starts the next entry.
                        var j = i
                        while j < line.count, " ,+&".contains(line[j]) { j += 1 }
                        if j < line.count, line[j].isNumber { break }
                        i = j
                        continue
                    }
                    if c == ";" || c == "\t" { break }
                    guard c.isASCII, c.isLetter, let scalar = c.uppercased().unicodeScalars.first,
                          let index = OptionLetter.index(scalar) else {
                        throw fail("expected option letters for question \(number), found `\(c)`")
                    }
                    if !letters.contains(index) { letters.append(index) }
                    i += 1
                }
                guard !letters.isEmpty else { throw fail("no option letters for question \(number)") }
                if key[number] != nil {
                    throw Problem(message: "question \(number) appears twice in the key", line: lineIndex + 1, column: entryStart + 1)
                }
                key[number] = letters.sorted()
            }
        }
        return key
    }
}

extension String {
    /// The range of `needle`, ignoring ASCII case.
    func range(ofCaseInsensitive needle: String) -> Range<String.Index>? {
        let lowerSelf = Array(self.lowercased())
        let lowerNeedle = Array(needle.lowercased())
        guard !lowerNeedle.isEmpty, lowerSelf.count == self.count, lowerSelf.count >= lowerNeedle.count else { return nil }
        for start in 0...(lowerSelf.count - lowerNeedle.count) where Array(lowerSelf[start..<(start + lowerNeedle.count)]) == lowerNeedle {
            let from = index(startIndex, offsetBy: start)
            return from..<index(from, offsetBy: lowerNeedle.count)
        }
        return nil
    }
}
