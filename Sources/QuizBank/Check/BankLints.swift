import Diagnostics
import Foundation

/// The lints of `iamquiz check` that look across a question (and across the bank) for what lets a learner
/// guess the key without knowing the answer, or breaks when the quiz shuffles the options
/// (docs/bank-format.md, "Cues that give the key away"):
///
/// - W110: the key of a single-answer question is longer than every other option by a wide margin;
/// - W111: a topic tag names something only the right options mention (topics are shown after grading,
///   but exports and other tools show them earlier);
/// - W112: a rare word of the stem comes back in the right options only, the "clang" cue;
/// - W113: an option letter cited in an option, `why:`, `note:`, `explanation:`, `changed:` or `disputed:`:
///   the quiz relabels the options on screen;
/// - W114: "all of the above", "none of the above" and the like, which shuffling breaks.
///
/// A question accepts a reviewed warning with `allow: CODE REASON`.
public enum BankLints {
    /// The warnings an `allow:` field may accept: the per-question warnings of the parser and these lints.
    /// (W104, control characters, is about the file's bytes and cannot be accepted.)
    public static let allowableCodes: Set<String> = BankCode.allowableCodes

    /// How much longer than every other option the key must be for W110: 25% of the longest other.
    static let wideMargin = 1.25

    /// The cue warnings of `questions`; `sources` (file name to text) places them on the exact word.
    public static func diagnostics(for questions: [Question], sources: [String: String]) -> [Diagnostic] {
        let places = SourcePlaces(sources: sources, questions: questions)
        let rare = rareStemWords(questions)
        var out: [Diagnostic] = []
        for question in questions {
            let allowed = Set(question.allowed.map(\.code))
            var found: [Diagnostic] = []
            found += longKey(question, places)
            found += revealingTopics(question, places)
            found += revealingStemWords(question, rare: rare, places)
            found += letterCitations(question, places)
            found += aboveOptions(question, places)
            out += found.filter { !allowed.contains($0.code) }
        }
        return out
    }

    // MARK: - W110 and the bank's figure

    /// How often the key of a single-answer question is its strictly longest option.
    public struct LongestKeyShare: Sendable, Encodable, Equatable {
        /// Keyed questions with one right option among two or more.
        public var singleAnswer: Int
        /// Those whose right option is longer than every other.
        public var keyLongest: Int
        /// Those whose right option is shorter than every other: a bank that overcorrects the longest-key cue
        /// teaches "never the longest" instead.
        public var keyShortest: Int
        /// `keyLongest / singleAnswer`, 0 for an empty bank.
        public var share: Double
        /// What a learner guessing at random would see: the mean of 1 / (number of options).
        public var chance: Double
    }

    /// The bank-wide figure that W110 looks at question by question (the aim is at most 35%).
    public static func longestKeyShare(_ questions: [Question]) -> LongestKeyShare {
        var single = 0, longest = 0, shortest = 0
        var chance = 0.0
        for question in questions {
            guard let key = singleKey(question) else { continue }
            single += 1
            chance += 1 / Double(question.options.count)
            let length = question.options[key].text.count
            if question.options.indices.allSatisfy({ $0 == key || question.options[$0].text.count < length }) { longest += 1 }
            if question.options.indices.allSatisfy({ $0 == key || question.options[$0].text.count > length }) { shortest += 1 }
        }
        return LongestKeyShare(singleAnswer: single, keyLongest: longest, keyShortest: shortest,
                               share: single == 0 ? 0 : Double(longest) / Double(single),
                               chance: single == 0 ? 0 : chance / Double(single))
    }

    /// The right option of a keyed question with exactly one, among at least two options.
    static func singleKey(_ question: Question) -> Int? {
        let key = question.key.indices
        guard key.count == 1, question.options.count >= 2, key[0] < question.options.count else { return nil }
        return key[0]
    }

    static func longKey(_ question: Question, _ places: SourcePlaces) -> [Diagnostic] {
        guard let key = singleKey(question), question.options.count >= 3 else { return [] }
        let length = question.options[key].text.count
        let others = question.options.indices.filter { $0 != key }.map { question.options[$0].text.count }
        guard let longestOther = others.max(), Double(length) >= Double(longestOther) * wideMargin else { return [] }
        let option = question.options[key]
        return [warning(.longestKey, "the key is the longest option by far (\(length) characters; the longest other has \(longestOther))",
                        at: places.optionText(option), length: option.text.unicodeScalars.count,
                        help: "learners pick the longest, most qualified option: make the distractors as specific as the key, or the key shorter")]
    }

    // MARK: - W111: topics

    static func revealingTopics(_ question: Question, _ places: SourcePlaces) -> [Diagnostic] {
        let right = Set(question.key.indices)
        guard !right.isEmpty, right.count < question.options.count else { return [] }
        var out: [Diagnostic] = []
        for topic in question.topics {
            let phrase = topic.split(separator: "-").joined(separator: " ")
            guard phrase.count >= 3 else { continue }
            let mentions = question.options.indices.filter { Words.phrase(phrase, isIn: question.options[$0].text) }
            guard !mentions.isEmpty, mentions.allSatisfy(right.contains) else { continue }
            out.append(warning(.topicNamesKey, "topic `\(topic)` names what only the right option\(right.count > 1 ? "s" : "") mention\(right.count > 1 ? "" : "s")",
                               at: places.topic(topic, of: question), length: topic.unicodeScalars.count,
                               help: "topics describe the area (`cross-account`), never the answer"))
        }
        return out
    }

    // MARK: - W112: rare stem words

    /// The share of the bank's stems below which a word is rare: 3% (and at least one stem).
    static let rareShare = 0.03

    /// The stem words that appear in few of the bank's stems.
    public static func rareStemWords(_ questions: [Question]) -> Set<String> {
        var count: [String: Int] = [:]
        for question in questions { for word in Set(Words.significant(in: question.stem)) { count[word, default: 0] += 1 } }
        let limit = max(1, Int(Double(questions.count) * rareShare))
        return Set(count.filter { $0.value <= limit }.keys)
    }

    /// The words of the stem (rare ones when `rare` is given) that some right option uses and no wrong
    /// option does: the words a learner can match without knowing anything.
    public static func revealingStemWords(_ question: Question, rare: Set<String>? = nil) -> [String] {
        let right = Set(question.key.indices)
        guard !right.isEmpty, right.count < question.options.count else { return [] }
        var rightWords = Set<String>(), wrongWords = Set<String>()
        for (i, option) in question.options.enumerated() {
            let words = Words.significant(in: option.text)
            if right.contains(i) { rightWords.formUnion(words) } else { wrongWords.formUnion(words) }
        }
        var seen = Set<String>()
        return Words.significant(in: question.stem).filter { word in
            (rare?.contains(word) ?? true) && rightWords.contains(word) && !wrongWords.contains(word) && seen.insert(word).inserted
        }
    }

    static func revealingStemWords(_ question: Question, rare: Set<String>, _ places: SourcePlaces) -> [Diagnostic] {
        let words = revealingStemWords(question, rare: rare)
        guard let first = words.first else { return [] }
        let option = question.options.indices.first { question.key.indices.contains($0) && Words.significant(in: question.options[$0].text).contains(first) }
            .map { question.options[$0] }
        let place = option.flatMap { places.word(first, in: $0) } ?? option.map(places.optionText) ?? question.position
        let list = words.map { "`\(Words.written($0, in: question.stem))`" }.joined(separator: ", ")
        return [warning(.rareWordInKey, "the stem's \(list) come\(words.count == 1 ? "s" : "") back in the right option only",
                        at: place, length: first.unicodeScalars.count,
                        help: "a learner can match the words without knowing the answer: use them in a distractor too, or reword the key")]
    }

    // MARK: - W113: option letters

    /// Citations of option letters: "option B", "answers A and C", "(B)", "(A, C)", and "B is ..." or "A and
    /// C ..." at the start of a sentence. Letters stand alone, in capitals, within the question's options.
    static let citationPatterns: [NSRegularExpression] = [
        #"\b(?i:options?|answers?|choices?|letters?)\s+[A-Z](?:\s*(?:,|and|or|&)\s*[A-Z])*\b(?![-'’.][A-Za-z])"#,
        #"\(\s*[A-Z](?:\s*(?:,|and|or|&)\s*[A-Z])*\s*\)"#,
        #"(?:^|[.;:!?]\s+)[A-Z](?:\s*(?:,|and|or|&)\s*[A-Z])*\s+(?:is|are|was|were|would|works?|fails?|only)\b"#,
        #"(?:^|[.;:!?]\s+)[A-Z]\s*(?:,|and|or|&)\s*[A-Z]\b(?![-'’.][A-Za-z])"#,
        // "(C, the wording of the option)": a letter opening a parenthesis before a comma.
        #"\(\s*[A-Z](?=\s*,)"#,
        // "... that A says exactly that": a letter as a subject, unless a noun names it ("account B is").
        #"(?<!(?i:account|region|user|role|bucket|team|company|step|vpc|subnet|plan|type|group|site|division|zone|partner|vendor|customer)s?\s)\b[A-Z]\s+(?:says|said|describes|names|gives|is|are|was|were)\b"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// The letter citations in `text`, for a question of `optionCount` options.
    public static func letterCitations(in text: String, optionCount: Int) -> [String] {
        citations(in: text, optionCount: optionCount).map(\.cited)
    }

    /// Each citation as shown in the warning, and the text to find in the source (it may hold a parenthesis
    /// the citation leaves out; `offset` columns in).
    static func citations(in text: String, optionCount: Int) -> [(cited: String, source: String, offset: Int)] {
        let range = NSRange(text.startIndex..., in: text)
        var found: [(cited: String, source: String, offset: Int)] = []
        var taken: [NSRange] = []
        for pattern in citationPatterns {
            for match in pattern.matches(in: text, range: range) {
                // One citation, one warning, whichever patterns see it.
                guard !taken.contains(where: { NSIntersectionRange($0, match.range).length > 0 }),
                      let r = Range(match.range, in: text) else { continue }
                let source = String(text[r]).trimmingCharacters(in: CharacterSet(charactersIn: ".;:!? "))
                var cited = source
                if cited.hasPrefix("("), !cited.contains(")") { cited = String(cited.dropFirst()) }
                // Every capital standing alone must be an option's letter ("(IAM)" and "(S)" in prose are not).
                let letters = cited.split(whereSeparator: { !$0.isLetter }).filter { $0.count == 1 && $0.allSatisfy(\.isUppercase) }
                guard !letters.isEmpty,
                      letters.allSatisfy({ word in word.first.flatMap(OptionLetter.index).map { $0 < optionCount } ?? false }) else { continue }
                taken.append(match.range)
                if !found.contains(where: { $0.cited == cited }) { found.append((cited, source, source.count - cited.count)) }
            }
        }
        return found
    }

    static func letterCitations(_ question: Question, _ places: SourcePlaces) -> [Diagnostic] {
        var texts: [(String, String, SourcePosition)] = []
        for option in question.options {
            texts.append(("an option", option.text, option.position))
            if let why = option.why { texts.append(("`why:`", why, option.position)) }
            if let note = option.note { texts.append(("`note:`", note, option.position)) }
        }
        let after = question.options.last?.position ?? question.position
        if let explanation = question.explanation {
            texts.append(("`explanation:`", explanation, places.field("explanation", 0, of: question) ?? after))
        }
        for (i, changed) in question.changed.enumerated() {
            texts.append(("`changed:`", changed, places.field("changed", i, of: question) ?? after))
        }
        for (i, disputed) in question.disputed.enumerated() {
            texts.append(("`disputed:`", disputed, places.field("disputed", i, of: question) ?? after))
        }
        var out: [Diagnostic] = []
        for (field, text, start) in texts {
            for (cited, source, offset) in citations(in: text, optionCount: question.options.count) {
                var place = places.literal(source, from: start, in: question) ?? start
                if offset > 0, let at = place.location, place.location != start.location {
                    place.location = SourceLocation(line: at.line, column: at.column + offset)
                }
                out.append(warning(.citedLetter, "\(field) cites option letters (`\(cited)`), which the quiz shuffles", at: place,
                                   length: cited.unicodeScalars.count,
                                   help: "quote the option's words instead: learners see other letters on screen"))
            }
        }
        return out
    }

    // MARK: - W114: options about the other options

    static let abovePattern = try! NSRegularExpression(
        pattern: #"\b(?:all|none|both|neither|either|any)\s+of\s+(?:the\s+)?(?:above|these|those|them|the\s+(?:other\s+)?options|the\s+answers)\b"#,
        options: [.caseInsensitive])

    static func aboveOptions(_ question: Question, _ places: SourcePlaces) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for option in question.options {
            let range = NSRange(option.text.startIndex..., in: option.text)
            guard let match = abovePattern.firstMatch(in: option.text, range: range), let r = Range(match.range, in: option.text) else { continue }
            let phrase = String(option.text[r])
            out.append(warning(.refersToOptions, "option `\(phrase)` refers to the other options, whose order the quiz shuffles",
                               at: places.literal(phrase, from: option.position, in: question) ?? option.position,
                               length: phrase.unicodeScalars.count,
                               help: "write an option that stands on its own, or ask \"Choose N\" with the right options listed"))
        }
        return out
    }

    static func warning(_ code: BankCode, _ message: String, at place: SourcePosition, length: Int, help: String) -> Diagnostic {
        Diagnostic(.warning, code: code, message, file: place.file,
                   range: place.location.map { SourceRange(line: $0.line, column: $0.column, length: max(1, length)) }, help: help)
    }
}

/// The words the cue lints compare: lowercased, at least four characters, common words left out, a final
/// plural `s` dropped, so that "buckets" matches "bucket".
enum Words {
    static let common: Set<String> = [
        "about", "after", "again", "also", "another", "because", "been", "before", "being", "both", "cannot", "could",
        "does", "doing", "done", "each", "every", "from", "have", "having", "into", "just", "least", "like", "made",
        "make", "many", "more", "most", "much", "must", "need", "only", "other", "over", "same", "should", "some",
        "such", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "through", "under",
        "until", "very", "want", "what", "when", "where", "which", "while", "whose", "will", "with", "without",
        "would", "your", "choose", "answer", "option", "already", "still", "even", "within", "across",
    ]

    /// The significant words of `text`, in order, repeats included.
    static func significant(in text: String) -> [String] {
        pieces(of: text).compactMap { normalized($0) }
    }

    /// How `word` (a significant word) is written in `text`: its first spelling there.
    static func written(_ word: String, in text: String) -> String {
        pieces(of: text).first { normalized($0) == word }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".-:/")) } ?? word
    }

    private static func pieces(of text: String) -> [Substring] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber || "-:_/*$.{}".contains($0)) })
    }

    private static func normalized(_ piece: Substring) -> String? {
        var word = piece.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".-:/"))
        if word.count > 4, word.hasSuffix("s"), !word.hasSuffix("ss") { word.removeLast() }
        return word.count >= 4 && !common.contains(word) ? word : nil
    }

    /// Whether the words of `phrase` (lowercase, separated by spaces) appear together in `text`, a hyphen
    /// counting as a space and a final plural `s` allowed.
    static func phrase(_ phrase: String, isIn text: String) -> Bool {
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        let wanted = phrase.split(separator: " ").map(String.init)
        guard !wanted.isEmpty, words.count >= wanted.count else { return false }
        for start in 0...(words.count - wanted.count) {
            let matches = wanted.indices.allSatisfy { i in
                let word = words[start + i]
                return word == wanted[i] || (i == wanted.count - 1 && word == wanted[i] + "s")
            }
            if matches { return true }
        }
        return false
    }
}

/// Finds where a word or a piece of text stands in the source, so that a warning marks it exactly.
struct SourcePlaces {
    let lines: [String: [Substring]]
    /// The line each question of a file ends before (the next question's header, or past the end).
    let ends: [String: [Int: Int]]

    init(sources: [String: String], questions: [Question]) {
        var lines: [String: [Substring]] = [:]
        for (file, text) in sources { lines[file] = text.split(separator: "\n", omittingEmptySubsequences: false) }
        var ends: [String: [Int: Int]] = [:]
        let byFile = Dictionary(grouping: questions, by: { $0.position.file })
        for (file, list) in byFile {
            let starts = list.compactMap(\.position.location?.line).sorted()
            for (i, start) in starts.enumerated() {
                ends[file, default: [:]][start] = i + 1 < starts.count ? starts[i + 1] : (lines[file]?.count ?? start) + 1
            }
        }
        self.lines = lines
        self.ends = ends
    }

    /// The first character of an option's text (after `- `).
    func optionText(_ option: AnswerOption) -> SourcePosition {
        guard let at = option.position.location else { return option.position }
        if let line = line(option.position.file, at.line), line.hasPrefix("- ") { return position(option.position.file, at.line, 3) }
        return option.position
    }

    /// A topic in the question's `topics:` line.
    func topic(_ topic: String, of question: Question) -> SourcePosition {
        let file = question.position.file
        for number in questionLines(question) {
            guard let text = line(file, number), text.hasPrefix("topics:") else { continue }
            if let column = column(of: topic, in: text, wholeWord: true) { return position(file, number, column) }
        }
        return question.position
    }

    /// A word (as `Words` normalises it) in an option's text, from its line to the next option.
    func word(_ word: String, in option: AnswerOption) -> SourcePosition? {
        let file = option.position.file
        guard let first = option.position.location?.line else { return nil }
        var number = first
        while let text = line(file, number) {
            if number > first, text.hasPrefix("- ") || !text.hasPrefix(" ") { break }
            if let column = column(of: word, in: text, wholeWord: false) { return position(file, number, column) }
            number += 1
        }
        return nil
    }

    /// The start of the `n`-th (from 0) trailing field `name:` of the question.
    func field(_ name: String, _ n: Int, of question: Question) -> SourcePosition? {
        let file = question.position.file
        var seen = 0
        for number in questionLines(question) {
            guard let text = line(file, number), text.hasPrefix(name + ":") else { continue }
            if seen == n { return position(file, number, 1) }
            seen += 1
        }
        return nil
    }

    /// A piece of text on one line of the question, from `start`'s line on.
    func literal(_ piece: String, from start: SourcePosition, in question: Question) -> SourcePosition? {
        let file = question.position.file
        for number in questionLines(question) where number >= start.location?.line ?? 0 {
            if let text = line(file, number), let column = column(of: piece, in: text, wholeWord: false, caseSensitive: true) {
                return position(file, number, column)
            }
        }
        return nil
    }

    private func questionLines(_ question: Question) -> Range<Int> {
        guard let start = question.position.location?.line, let end = ends[question.position.file]?[start] else { return 0..<0 }
        return start..<end
    }

    private func line(_ file: String, _ number: Int) -> Substring? {
        guard let all = lines[file], number >= 1, number <= all.count else { return nil }
        return all[number - 1]
    }

    private func position(_ file: String, _ line: Int, _ column: Int) -> SourcePosition {
        SourcePosition(file: file, location: SourceLocation(line: line, column: column))
    }

    /// The 1-based column (in Unicode scalars) of `piece` in `text`; case-insensitive unless asked. A
    /// whole word is not preceded or followed by a letter, digit or `-`; otherwise only its start must be
    /// (the piece may be the singular of a plural word).
    private func column(of piece: String, in text: Substring, wholeWord: Bool, caseSensitive: Bool = false) -> Int? {
        let haystack = caseSensitive ? String(text) : text.lowercased()
        let needle = caseSensitive ? piece : piece.lowercased()
        var searchStart = haystack.startIndex
        while let r = haystack.range(of: needle, range: searchStart..<haystack.endIndex) {
            let before = r.lowerBound == haystack.startIndex ? nil : haystack[haystack.index(before: r.lowerBound)]
            let after = r.upperBound == haystack.endIndex ? nil : haystack[r.upperBound]
            let isWordCharacter = { (c: Character?) in c.map { $0.isLetter || $0.isNumber || $0 == "-" } ?? false }
            if !isWordCharacter(before), !wholeWord || !isWordCharacter(after) || caseSensitive {
                return haystack.unicodeScalars.distance(from: haystack.unicodeScalars.startIndex, to: r.lowerBound.samePosition(in: haystack.unicodeScalars) ?? r.lowerBound) + 1
            }
            searchStart = haystack.index(after: r.lowerBound)
        }
        return nil
    }
}
