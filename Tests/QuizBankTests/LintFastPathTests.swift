import BankFormat
import QuizEngine
import Testing
@testable import QuizBank

/// The cue lints' fast paths give exactly what the slow ones give: the words of ASCII texts split by bytes
/// (`Words`), and the byte filters that spare most texts the regular expressions of W113 and W114. Each is
/// compared with the general path on the built-in bank's texts and on many random texts made of the
/// pieces those rules look at.
@Suite("Bank lints: the fast paths agree with the general ones")
struct LintFastPathTests {
    /// Pieces that the words, the letter citations and the phrases about options are made of, with
    /// spaces, punctuation and characters outside ASCII (`ſ` folds to `s` when case is ignored).
    static let pieces = [
        "option", "Options", "ANSWER", "answers", "choice", "Choices", "letter", "letters", "(", ")", "A", "B", "C", "D", "E",
        "F", "Z", "a", ",", "and", "or", "&", "is", "are", "was", "were", "would", "works", "fails", "only", "says", "describes",
        "account", "Role", ".", ";", ":", "!", "?", " ", "  ", "\t", "\n", "\r\n", "IAM", "S3", "all", "None", "of", "OF", "the",
        "above", "these", "those", "them", "other", "both", "neither", "either", "any", "é", "’", "-", "'", "ſ", "\u{00A0}",
        "buckets", "Bucket.", "s3:GetObject", "${aws:username}", "-role-", "class", "Access", "policies/",
        // Near-citations and near-phrases, which the random joins then complete or spoil.
        "option B", "(A", "(A, C)", "B is", ". C and", "answers\tA or", "all of", "none of the", "of the above", "any of\nthem",
        "both of those", "Neither  of", "of the other options", "of these",
    ]

    /// `count` random texts of 1 to 14 pieces, joined by a space or by nothing.
    static func randomTexts(_ count: Int, seed: UInt64) -> [String] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 1...14, using: &random)).map { _ in
                pieces.randomElement(using: &random)! + (Bool.random(using: &random) ? " " : "")
            }.joined()
        }
    }

    /// Every text of the built-in bank that the lints read.
    static var builtinTexts: [String] {
        var texts: [String] = []
        for question in BuiltinBank.load().bank.questions {
            texts.append(question.stem)
            for option in question.options {
                texts.append(option.text)
                texts += [option.why, option.note].compactMap { $0 }
            }
            if let explanation = question.explanation { texts.append(explanation) }
            texts += question.changed + question.disputed
        }
        return texts
    }

    @Test("words and topic phrases by bytes are those by characters")
    func wordsByBytes() {
        let texts = Self.builtinTexts + Self.randomTexts(5_000, seed: 1) + [
            "Buckets — and “policies” → roles’ … 5 € \u{00A0}trust", "ⓐ circled: a letter", "İstanbul Straße ΣΑΣ", "e\u{301}te",
            "1\u{FE0F}\u{20E3} keycap", "👍🏽 thumbs", "🇺🇸 flags", "\u{0600}1 prepend", "ǅ titlecase", "Ⅻ roman",
        ]
        // Topic words as `check` makes them, and some no token can equal (capitals, `_`, outside ASCII).
        let phrases = [["role"], ["service", "linked", "role"], ["bucket", "policy"], ["s3"], ["trust"], ["access", "option"],
                       ["of", "the", "above"], ["IAM"], ["s3_bucket"], ["straße"], ["a"]]
        var byBytes = 0
        for text in texts {
            if ASCIIText.withWordBytes(of: text, { _ in true }) != nil { byBytes += 1 }
            #expect(Words.significant(in: text) == Words.significantByCharacters(in: text), "\(text.debugDescription)")
            for wanted in phrases {
                #expect(Words.phrase(wanted, isIn: text) == Words.phrase(wanted, isAmong: Words.tokensByCharacters(of: text)),
                        "\(wanted) in \(text.debugDescription)")
            }
        }
        #expect(byBytes > 1_000)
        // Letters, numbers, marks and characters with a lowercase form outside ASCII take the character path.
        for text in ["ⓐ", "é", "e\u{301}", "İ", "Ⅻ", "\u{FE0F}", "\u{1F3FD}", "\u{0600}"] {
            #expect(ASCIIText.withWordBytes(of: text, { _ in true }) == nil, "\(text.debugDescription)")
        }
        #expect(ASCIIText.withWordBytes(of: "a’b — c → d", { _ in true }) == true)
    }

    @Test("the letter filter never hides a citation the patterns accept", arguments: [1, 2, 4, 6])
    func letterFilter(optionCount: Int) {
        var cited = 0, skipped = 0, texts = 0
        for text in Self.builtinTexts + Self.randomTexts(20_000, seed: UInt64(optionCount)) {
            let all = BankLints.citations(in: text, optionCount: optionCount, filtered: false).map(\.cited)
            #expect(BankLints.citations(in: text, optionCount: optionCount).map(\.cited) == all, "\(text.debugDescription)")
            if !all.isEmpty { cited += 1 }
            if !BankLints.mayCiteLetter(text, optionCount: optionCount) { skipped += 1 }
            texts += 1
        }
        // The random texts hold citations, and the filter spares the patterns many texts.
        // Measured: 2,772 to 4,357 texts with citations and 14,489 to 18,271 of 22,787 not searched.
        #expect(cited > 1_000)
        #expect(skipped * 2 > texts)
    }

    @Test("the filter of phrases about the other options never hides one")
    func aboveFilter() {
        var found = 0
        for text in Self.builtinTexts + Self.randomTexts(20_000, seed: 7) {
            let all = BankLints.phraseAboutOptions(in: text, filtered: false)
            #expect(BankLints.phraseAboutOptions(in: text) == all, "\(text.debugDescription)")
            if all != nil { found += 1 }
        }
        #expect(found > 500)  // measured: 1,672
    }
}
