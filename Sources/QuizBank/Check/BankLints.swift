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
    ///
    /// Each stem's words are found once, for the rare words and for W112; an option's words only when its
    /// stem has a rare word. The questions are linted in parallel chunks (the warnings keep the questions'
    /// order); a lint a question accepts with `allow:` is not run.
    public static func diagnostics(for questions: [Question], sources: [String: String]) -> [Diagnostic] {
        diagnostics(for: questions, sources: SourceTexts(sources))
    }

    /// The cue warnings of `questions`, placed in the texts of `sources`.
    public static func diagnostics(for questions: [Question], sources: SourceTexts) -> [Diagnostic] {
        // The stems' words are counted chunk by chunk, then found again keeping only the rare ones (most are
        // common): the lists of every word of every stem are never all held at once.
        let chunk = 256
        let counts = Parallel.map(Array(stride(from: 0, to: questions.count, by: chunk)), chunkSize: 1) { start in
            var count: [String: Int] = [:]
            for question in questions[start..<min(questions.count, start + chunk)] {
                for word in Set(Words.significant(in: question.stem)) { count[word, default: 0] += 1 }
            }
            return count
        }
        let rare = rareWords(counts.reduce(into: [:]) { total, part in total.merge(part, uniquingKeysWith: +) }, stems: questions.count)
        let stems = Parallel.map(questions) { Words.significant(in: $0.stem).filter(rare.contains) }
        let places = SourcePlaces(sources: sources, questions: questions)
        let found = Parallel.map(Array(questions.indices)) { i in
            diagnostics(for: questions[i], stemWords: stems[i], rare: rare, places)
        }
        return found.flatMap { $0 }
    }

    /// The cue warnings of one question, without those it accepts.
    static func diagnostics(for question: Question, stemWords: [String], rare: Set<String>, _ places: SourcePlaces) -> [Diagnostic] {
        let allowed = Set(question.allowed.map(\.code))
        var found: [Diagnostic] = []
        func lint(_ code: BankCode, _ run: () -> [Diagnostic]) {
            if !allowed.contains(code.rawValue) { found += run() }
        }
        lint(.longestKey) { longKey(question, places) }
        lint(.topicNamesKey) { revealingTopics(question, places) }
        lint(.rareWordInKey) { revealingStemWords(question, stemWords: stemWords, rare: rare, places) }
        lint(.citedLetter) { letterCitations(question, places) }
        lint(.refersToOptions) { aboveOptions(question, places) }
        return found.filter { !allowed.contains($0.code) }
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
            let wanted = phrase.split(separator: " ").map(String.init)
            let mentions = question.options.indices.filter { Words.phrase(wanted, isIn: question.options[$0].text) }
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
        rareStemWords(questions.map { Words.significant(in: $0.stem) })
    }

    /// The rare words among the stems' words (one list a stem).
    static func rareStemWords(_ stems: [[String]]) -> Set<String> {
        var count: [String: Int] = [:]
        for stem in stems { for word in Set(stem) { count[word, default: 0] += 1 } }
        return rareWords(count, stems: stems.count)
    }

    /// The rare words of `count` (how many of `stems` stems use each word).
    static func rareWords(_ count: [String: Int], stems: Int) -> Set<String> {
        let limit = max(1, Int(Double(stems) * rareShare))
        return Set(count.filter { $0.value <= limit }.keys)
    }

    /// The words of the stem (rare ones when `rare` is given) that some right option uses and no wrong
    /// option does: the words a learner can match without knowing anything.
    public static func revealingStemWords(_ question: Question, rare: Set<String>? = nil) -> [String] {
        revealingStemWords(question, stemWords: Words.significant(in: question.stem), rare: rare)
    }

    static func revealingStemWords(_ question: Question, stemWords: [String], rare: Set<String>?) -> [String] {
        let right = Set(question.key.indices)
        guard !right.isEmpty, right.count < question.options.count,
              stemWords.contains(where: { rare?.contains($0) ?? true }) else { return [] }
        let options = question.options.map { Words.significant(in: $0.text) }
        var seen = Set<String>()
        return stemWords.filter { word in
            guard rare?.contains(word) ?? true, !seen.contains(word) else { return false }
            var inRight = false
            for (i, optionWords) in options.enumerated() where optionWords.contains(word) {
                if !right.contains(i) { return false }
                inRight = true
            }
            return inRight && seen.insert(word).inserted
        }
    }

    static func revealingStemWords(_ question: Question, stemWords: [String], rare: Set<String>, _ places: SourcePlaces) -> [Diagnostic] {
        let found = revealingStemWords(question, stemWords: stemWords, rare: rare)
        guard let first = found.first else { return [] }
        let option = question.options.indices.first { question.key.indices.contains($0) && Words.significant(in: question.options[$0].text).contains(first) }
            .map { question.options[$0] }
        let place = option.flatMap { places.word(first, in: $0) } ?? option.map(places.optionText) ?? question.position
        let list = found.map { "`\(Words.written($0, in: question.stem))`" }.joined(separator: ", ")
        return [warning(.rareWordInKey, "the stem's \(list) come\(found.count == 1 ? "s" : "") back in the right option only",
                        at: place, length: first.unicodeScalars.count,
                        help: "a learner can match the words without knowing the answer: use them in a distractor too, or reword the key")]
    }

    static func warning(_ code: BankCode, _ message: String, at place: SourcePosition, length: Int, help: String) -> Diagnostic {
        Diagnostic(.warning, code: code, message, file: place.file,
                   range: place.location.map { SourceRange(line: $0.line, column: $0.column, length: max(1, length)) }, help: help)
    }
}

