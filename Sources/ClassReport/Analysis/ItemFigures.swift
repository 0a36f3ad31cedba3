import Foundation
import QuizBank
import QuizEngine

/// One item's answers sorted by learner and first attempt, with what the bank or the lines say about it.
struct ItemFigures {
    var question: String
    var hash: String
    var version: ItemVersion
    /// Every answer, learners in name order, each learner's answers earliest first.
    var answers: [CountedAnswer]
    /// Each learner's answers, earliest first.
    var byLearner: [String: [CountedAnswer]]
    /// Each learner's first-attempt score: 1 right, 0 wrong.
    var firstScore: [String: Int]
    var level: String?
    var topics: [String]?
    /// The key as bank letters; nil when unknown.
    var keyLetters: [String]?
    /// The number of options; nil when unknown.
    var optionCount: Int?
    /// Option texts by letter, where known.
    var texts: [String: String]

    init(_ item: (question: String, hash: String, answers: [CountedAnswer]), bank: BankIndex?) {
        question = item.question
        hash = item.hash
        var byLearner: [String: [CountedAnswer]] = [:]
        for answer in item.answers { byLearner[answer.learner, default: []].append(answer) }
        for learner in byLearner.keys { byLearner[learner]?.sort(by: CountedAnswer.earlier) }
        self.byLearner = byLearner
        answers = byLearner.keys.sorted().flatMap { byLearner[$0] ?? [] }
        firstScore = byLearner.compactMapValues { $0.first.map { $0.line.correct ? 1 : 0 } }

        let inBank = bank?.questions[question]
        switch (bank, inBank) {
        case (nil, _): version = .unknown
        case (_?, nil): version = .notInBank
        case (_?, let entry?): version = entry.hash == hash ? .current : .older
        }
        texts = [:]
        if version == .current, let bankQuestion = inBank?.question {
            level = bankQuestion.level.rawValue
            topics = bankQuestion.topics
            keyLetters = bankQuestion.key == .unkeyed ? nil : bankQuestion.key.indices.map(OptionLetter.letter)
            optionCount = bankQuestion.options.count
            for (index, option) in bankQuestion.options.enumerated() { texts[OptionLetter.letter(index)] = option.text }
        } else {
            // The lines' own copies, first known in the answers' order (all lines of one hash share stem, options and key).
            level = answers.lazy.compactMap(\.line.level).first
            topics = answers.lazy.compactMap(\.line.topics).first
            keyLetters = answers.lazy.compactMap(\.line.key).first
            optionCount = answers.lazy.compactMap(\.line.options).first
            for answer in answers {
                guard let chosenText = answer.line.chosenText, chosenText.count == answer.line.chosen.count else { continue }
                for (letter, text) in zip(answer.line.chosen, chosenText) where texts[letter] == nil { texts[letter] = text }
            }
        }
    }

    /// How many learners answered the item.
    var learners: Int { byLearner.count }
    /// The learners right at their first attempt.
    var rightAtFirst: Int { firstScore.values.reduce(0, +) }

    /// The options in bank letter order: every letter up to the option count, and any other letter chosen or keyed.
    func options() -> [OptionReport] {
        var chosen: [String: Int] = [:]
        for first in byLearner.values.compactMap(\.first) {
            for letter in Set(first.line.chosen) { chosen[letter, default: 0] += 1 }
        }
        var letters = Set((0..<(optionCount ?? 0)).map(OptionLetter.letter))
        letters.formUnion(chosen.keys)
        letters.formUnion(keyLetters ?? [])
        let ordered = letters.sorted { a, b in
            let (x, y) = (letterIndex(a), letterIndex(b))
            return x != y ? x < y : a < b
        }
        return ordered.map { letter in
            let count = chosen[letter] ?? 0
            return OptionReport(letter: letter, text: texts[letter], isKey: keyLetters.map { $0.contains(letter) },
                                chosenAtFirst: count, share: learners > 0 ? Double(count) / Double(learners) : 0)
        }
    }

    /// The median seconds of the learners' first attempts.
    var medianFirstSeconds: Double {
        let seconds = byLearner.values.compactMap(\.first?.line.seconds).sorted()
        guard !seconds.isEmpty else { return 0 }
        let middle = seconds.count / 2
        return seconds.count % 2 == 1 ? seconds[middle] : (seconds[middle - 1] + seconds[middle]) / 2
    }

    /// The item's report, with its flags.
    func report(discrimination: (index: Double?, learners: Int), minimumLearners: Int, versions: Int,
                bankGiven: Bool) -> ItemReport {
        let options = options()
        let facility = learners > 0 ? Double(rightAtFirst) / Double(learners) : 0
        let flags = ItemFlagRules(item: self, facility: facility, discrimination: discrimination.index, options: options,
                                  minimumLearners: minimumLearners, versions: versions).flags()
        return ItemReport(question: question, hash: hash, level: level, topics: topics, version: version,
                          learners: learners, attempts: answers.count, rightAtFirst: rightAtFirst, facility: facility,
                          discrimination: discrimination.index, discriminationLearners: discrimination.learners,
                          options: options, medianSeconds: medianFirstSeconds, flags: flags)
    }
}

/// The position of a bank letter (`A` is 0); letters the bank format cannot write sort after.
private func letterIndex(_ letter: String) -> Int {
    guard letter.count == 1, let character = letter.first, let index = OptionLetter.index(character) else { return Int.max }
    return index
}

/// Each learner's share right at first attempt on the items they answered, for the rest-of-test score of the
/// discrimination index.
struct RestScores {
    /// Per learner: the items answered (as `question`, to leave out other versions of the same question) and
    /// their first-attempt scores.
    private var scores: [String: [(question: String, score: Int)]] = [:]

    init(_ items: [ItemFigures]) {
        for item in items {
            for (learner, score) in item.firstScore { scores[learner, default: []].append((item.question, score)) }
        }
    }

    /// The item's discrimination index and the learners it is computed over (see ``ItemReport/discrimination``).
    func discrimination(of item: ItemFigures) -> (index: Double?, learners: Int) {
        var pairs: [(Double, Double)] = []
        for learner in item.byLearner.keys.sorted() {
            guard let score = item.firstScore[learner] else { continue }
            let others = (scores[learner] ?? []).filter { $0.question != item.question }
            guard !others.isEmpty else { continue }
            let rest = Double(others.reduce(0) { $0 + $1.score }) / Double(others.count)
            pairs.append((Double(score), rest))
        }
        return (ItemStatistics.pearson(pairs), pairs.count)
    }
}

/// The statistics the report needs, on plain numbers.
enum ItemStatistics {
    /// The Pearson correlation of the pairs; nil with fewer than 3 pairs or when either variable does not
    /// vary (a correlation would divide by zero: undefined, not 0).
    static func pearson(_ pairs: [(Double, Double)]) -> Double? {
        guard pairs.count >= 3 else { return nil }
        let n = Double(pairs.count)
        let meanX = pairs.reduce(0) { $0 + $1.0 } / n
        let meanY = pairs.reduce(0) { $0 + $1.1 } / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in pairs {
            sxy += (x - meanX) * (y - meanY)
            sxx += (x - meanX) * (x - meanX)
            syy += (y - meanY) * (y - meanY)
        }
        // Equal values can leave a rounding residue in the mean: treat a tiny spread as none.
        guard sxx > 1e-12, syy > 1e-12 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }
}
