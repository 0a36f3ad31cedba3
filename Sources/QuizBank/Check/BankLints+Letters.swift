import BankFormat
import Diagnostics
import Foundation

extension BankLints {
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

    /// What a match may hold around its citation (the punctuation and spaces before a sentence's letter).
    static let citationTrimmed = CharacterSet(charactersIn: ".;:!? ")

    /// Whether `text` may cite a letter; false only when no pattern can accept a citation in it, so that
    /// most texts are not searched with the regular expressions.
    ///
    /// Every citation the patterns accept holds a capital standing alone among the options' letters (see
    /// `citations`): a text without one is not searched. Bytes suffice, as the letter is ASCII and a byte
    /// that is not an ASCII letter cannot be one either. In an ASCII text, the first capital of any match
    /// must also stand where a pattern starts (``LetterContext``).
    static func mayCiteLetter(_ text: String, optionCount: Int) -> Bool {
        guard optionCount > 0 else { return false }
        let last = UInt8(ascii: "A") + UInt8(min(optionCount, 26)) - 1
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var standsAlone = false
            for i in bytes.indices where bytes[i] >= UInt8(ascii: "A") && bytes[i] <= last {
                if (i == 0 || !ASCIIText.isLetter(bytes[i - 1])) && (i + 1 == bytes.count || !ASCIIText.isLetter(bytes[i + 1])) {
                    standsAlone = true
                    break
                }
            }
            guard standsAlone, ASCIIText.isASCII(bytes) else { return standsAlone }
            let context = LetterContext(bytes)
            return bytes.indices.contains { bytes[$0] >= UInt8(ascii: "A") && bytes[$0] <= UInt8(ascii: "Z") && context.mayStartCitation(at: $0) }
        }
        return text.utf8.withContiguousStorageIfAvailable(scan) ?? Array(text.utf8).withUnsafeBufferPointer(scan)
    }

    /// The letter citations in `text`, for a question of `optionCount` options.
    public static func letterCitations(in text: String, optionCount: Int) -> [String] {
        citations(in: text, optionCount: optionCount).map(\.cited)
    }

    /// Each citation as shown in the warning, and the text to find in the source (it may hold a parenthesis
    /// the citation leaves out; `offset` columns in).
    /// `filtered: false` searches every text, for the tests that hold the filter to the patterns.
    static func citations(in text: String, optionCount: Int, filtered: Bool = true) -> [(cited: String, source: String, offset: Int)] {
        if filtered, !mayCiteLetter(text, optionCount: optionCount) { return [] }
        let range = NSRange(text.startIndex..., in: text)
        var found: [(cited: String, source: String, offset: Int)] = []
        var taken: [NSRange] = []
        for pattern in citationPatterns {
            for match in pattern.matches(in: text, range: range) {
                // One citation, one warning, whichever patterns see it.
                guard !taken.contains(where: { NSIntersectionRange($0, match.range).length > 0 }),
                      let r = Range(match.range, in: text) else { continue }
                let source = String(text[r]).trimmingCharacters(in: citationTrimmed)
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
        var out: [Diagnostic] = []
        let optionCount = question.options.count
        // Each text, and where it starts: found in the source only when the text cites a letter.
        func look(in field: String, _ text: String, from findStart: () -> SourcePosition) {
            let found = citations(in: text, optionCount: optionCount)
            guard !found.isEmpty else { return }
            let start = findStart()
            for (cited, source, offset) in found {
                var place = places.literal(source, from: start, in: question) ?? start
                if offset > 0, let at = place.location, place.location != start.location {
                    place.location = SourceLocation(line: at.line, column: at.column + offset)
                }
                out.append(warning(.citedLetter, "\(field) cites option letters (`\(cited)`), which the quiz shuffles", at: place,
                                   length: cited.unicodeScalars.count,
                                   help: "quote the option's words instead: learners see other letters on screen"))
            }
        }
        for option in question.options {
            look(in: "an option", option.text) { option.position }
            if let why = option.why { look(in: "`why:`", why) { option.position } }
            if let note = option.note { look(in: "`note:`", note) { option.position } }
        }
        let after = question.options.last?.position ?? question.position
        if let explanation = question.explanation {
            look(in: "`explanation:`", explanation) { places.field("explanation", 0, of: question) ?? after }
        }
        for (i, changed) in question.changed.enumerated() {
            look(in: "`changed:`", changed) { places.field("changed", i, of: question) ?? after }
        }
        for (i, disputed) in question.disputed.enumerated() {
            look(in: "`disputed:`", disputed) { places.field("disputed", i, of: question) ?? after }
        }
        return out
    }

    // MARK: - W114: options about the other options

    static let abovePattern = try! NSRegularExpression(
        pattern: #"\b(?:all|none|both|neither|either|any)\s+of\s+(?:the\s+)?(?:above|these|those|them|the\s+(?:other\s+)?options|the\s+answers)\b"#,
        options: [.caseInsensitive])

    /// The words that start a phrase about the other options (`abovePattern`).
    static let aboveLeads: [[UInt8]] = ["all", "none", "both", "neither", "either", "any"].map { Array($0.utf8) }

    /// Whether `text` may hold a phrase of `abovePattern`: false only for an ASCII text without one of its
    /// first words followed by spaces, `of` and a space. (Outside ASCII, case-insensitive matching folds
    /// letters such as `ſ`, so such texts are always searched.)
    static func mayReferToOptions(_ text: String) -> Bool {
        ASCIIText.withBytes(of: text) { bytes -> Bool in
            let isSpace = { (byte: UInt8) in byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
            var i = 1
            while i + 2 < bytes.count {
                defer { i += 1 }
                guard ASCIIText.lowercase(bytes[i]) == UInt8(ascii: "o"), ASCIIText.lowercase(bytes[i + 1]) == UInt8(ascii: "f"),
                      isSpace(bytes[i - 1]), isSpace(bytes[i + 2]) else { continue }
                var end = i - 1
                while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
                for lead in aboveLeads where end >= lead.count {
                    if lead.indices.allSatisfy({ ASCIIText.lowercase(bytes[end - lead.count + $0]) == lead[$0] }) { return true }
                }
            }
            return false
        } ?? true
    }

    /// The first phrase of `abovePattern` in `text`; `filtered: false` searches every text (for the tests).
    static func phraseAboutOptions(in text: String, filtered: Bool = true) -> String? {
        if filtered, !mayReferToOptions(text) { return nil }
        let range = NSRange(text.startIndex..., in: text)
        guard let match = abovePattern.firstMatch(in: text, range: range), let r = Range(match.range, in: text) else { return nil }
        return String(text[r])
    }

    static func aboveOptions(_ question: Question, _ places: SourcePlaces) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for option in question.options {
            guard let phrase = phraseAboutOptions(in: option.text) else { continue }
            out.append(warning(.refersToOptions, "option `\(phrase)` refers to the other options, whose order the quiz shuffles",
                               at: places.literal(phrase, from: option.position, in: question) ?? option.position,
                               length: phrase.unicodeScalars.count,
                               help: "write an option that stands on its own, or ask \"Choose N\" with the right options listed"))
        }
        return out
    }

}

/// Where a capital stands in an ASCII text, against what each of `BankLints.citationPatterns` needs
/// around the first capital of a match: a necessary condition, checked before the patterns are run.
struct LetterContext {
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// `\s` in an ASCII text (a superset of ICU's, which leaves out the vertical tab).
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// Whether some pattern may match with its first capital at `i`.
    func mayStartCitation(at i: Int) -> Bool {
        afterWordNamingOptions(i) || afterParenthesis(i) || (startsSentence(i) && (listFollows(i) || verbFollows(i, Self.sentenceVerbs)))
            || verbFollows(i, Self.subjectVerbs)
    }

    /// The first pattern: "options", "answers", "choices" or "letters" (singular or plural, any case), spaces,
    /// then the capital.
    private func afterWordNamingOptions(_ i: Int) -> Bool {
        var end = i
        while end > 0, Self.isSpace(bytes[end - 1]) { end -= 1 }
        guard end < i else { return false }
        if end > 0, ASCIIText.lowercase(bytes[end - 1]) == UInt8(ascii: "s") { end -= 1 }
        return Self.optionWords.contains { word in
            end >= word.count && word.indices.allSatisfy { ASCIIText.lowercase(bytes[end - word.count + $0]) == word[$0] }
        }
    }

    /// The second and fifth patterns: `(`, maybe spaces, then the capital.
    private func afterParenthesis(_ i: Int) -> Bool {
        var j = i
        while j > 0, Self.isSpace(bytes[j - 1]) { j -= 1 }
        return j > 0 && bytes[j - 1] == UInt8(ascii: "(")
    }

    /// The third and fourth patterns start at the text's start or after `.;:!?` and spaces.
    private func startsSentence(_ i: Int) -> Bool {
        guard i > 0 else { return true }
        var j = i
        while j > 0, Self.isSpace(bytes[j - 1]) { j -= 1 }
        guard j < i, j > 0 else { return false }
        return [UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(bytes[j - 1])
    }

    /// After the capital, maybe spaces, then `,`, `and`, `or` or `&`: a list of letters goes on.
    private func listFollows(_ i: Int) -> Bool {
        var j = i + 1
        while j < bytes.count, Self.isSpace(bytes[j]) { j += 1 }
        return Self.listWords.contains { starts(with: $0, at: j) }
    }

    /// After the capital, spaces, then one of `verbs` (a prefix suffices).
    private func verbFollows(_ i: Int, _ verbs: [[UInt8]]) -> Bool {
        var j = i + 1
        while j < bytes.count, Self.isSpace(bytes[j]) { j += 1 }
        return j > i + 1 && verbs.contains { starts(with: $0, at: j) }
    }

    private func starts(with word: [UInt8], at j: Int) -> Bool {
        j + word.count <= bytes.count && word.indices.allSatisfy { bytes[j + $0] == word[$0] }
    }

    private static let optionWords = ["option", "answer", "choice", "letter"].map { Array($0.utf8) }
    private static let listWords = [",", "and", "or", "&"].map { Array($0.utf8) }
    /// What follows the letters in the third pattern (the letters of a list are checked by `listFollows`).
    private static let sentenceVerbs = ["is", "are", "was", "were", "would", "work", "fail", "only"].map { Array($0.utf8) }
    /// What follows the letter in the sixth pattern.
    private static let subjectVerbs = ["says", "said", "describes", "names", "gives", "is", "are", "was", "were"].map { Array($0.utf8) }
}
