import Foundation
import ClassReport
import QuizBank
import QuizEngine

/// A class of simulated learners answering a bank, to test the item analysis against a truth we know.
///
/// **Model** (Rasch, or one-parameter logistic, with a tempting distractor). Learner *i* has an ability θᵢ and
/// question *j* a difficulty bⱼ, on the same logit scale. The learner knows the answer with probability
/// σ(θᵢ − bⱼ) = 1 / (1 + e^−(θᵢ − bⱼ)) and then chooses the true key. Otherwise they are misled, with
/// probability m = ``misled``, by the question's *near miss* (the option after the true key: every question
/// has a tempting distractor), or else guess uniformly among the n options. So
///
///     P(true key)  = σ + (1 − σ)(1 − m) / n
///     P(near miss) = (1 − σ)(m + (1 − m) / n)
///     P(any other distractor) = (1 − σ)(1 − m) / n
///
/// and the guessing floor (θ → −∞) is (1 − m) / n. With uniform guessing alone (m = 0) a wrong key would be hit
/// only by 1 in n guessers, and its negative discrimination (about −0.2 in a class of 40) would be lost in
/// sampling noise (a correlation over 40 learners has a standard error of about 0.15).
///
/// **Truth against the bank.** Each simulated question has a *true key* (what a learner who knows chooses)
/// and the *bank's key* (what the bank says, and what the answer is graded by). They are the same, except for
/// a question given a wrong key on purpose: its bank key is the near miss, the slip an author makes. Learners
/// who know choose the true key and are graded wrong, while misled learners are graded right: the signature
/// of a wrong key, a discrimination of about −0.36 in this class (right keys: 0.42 or more). m = 0.4 and
/// difficulties up to 0.5 keep the near miss below the key on the hardest right-keyed question (0.32 against
/// 0.50 chosen), so an honest bank raises no distractor flag either.
///
/// **Lines.** ``results(seed:)`` writes what a real export writes: the bank question's content hash, the bank
/// letters chosen and their texts, the bank's key, level, topics and option count, `correct` as graded by the
/// bank's key, seconds and a time. Abilities are evenly spaced (a fixed spread, not drawn, so that the class
/// has the same strong and weak learners for every seed); the choices and seconds are drawn from QuizEngine's
/// ``SeededRandom``, so the same seed gives the same class on every machine.
struct SimulatedClass {
    /// A bank question with the truth behind it.
    struct Item {
        var question: Question
        /// bⱼ, in logits: 0 is a question an average learner knows half the time.
        var difficulty: Double
        /// The index of the option a learner who knows chooses.
        var trueKey: Int
    }

    var items: [Item]
    /// m: the chance that a learner who does not know is drawn to the near miss rather than guessing.
    static let misled = 0.4
    /// θᵢ of each learner, in logits.
    var abilities: [Double]

    /// The bank as the instructor gives it (`--bank`), wrong key included.
    var bank: [Question] { items.map(\.question) }

    /// A bank of `questions` single-answer questions, difficulties evenly spread over -2…0.5 logits, 4 or 5
    /// options, topics `topic-1`…`topic-4`; the question at `wrongKey` has its bank key on a distractor.
    /// `learners` abilities evenly spread over -2.5…2.5 logits.
    init(questions: Int, learners: Int, wrongKey: Int? = nil) {
        abilities = (0..<learners).map { -2.5 + 5 * Double($0) / Double(max(1, learners - 1)) }
        items = (0..<questions).map { index in
            let optionCount = index % 3 == 0 ? 5 : 4
            let trueKey = (index * 7) % optionCount
            let bankKey = index == wrongKey ? Self.nearMiss(trueKey, of: optionCount) : trueKey
            let question = Question(
                id: "sim-\(index + 1 < 10 ? "0" : "")\(index + 1)", level: index % 2 == 0 ? .associate : .professional,
                topics: ["topic-\(index % 4 + 1)"], stem: "Simulated question \(index + 1)",
                options: (0..<optionCount).map { AnswerOption(text: "Option \(OptionLetter.letter($0)) of question \(index + 1)") },
                key: .options([bankKey]))
            return Item(question: question, difficulty: -2 + 2.5 * Double(index) / Double(max(1, questions - 1)), trueKey: trueKey)
        }
    }

    /// σ(θ − b): the chance that a learner of ability θ knows a question of difficulty b.
    static func knows(ability: Double, difficulty: Double) -> Double {
        1 / (1 + exp(-(ability - difficulty)))
    }

    /// The near miss of a question whose true key is `key`: the next option.
    static func nearMiss(_ key: Int, of options: Int) -> Int {
        (key + 1) % options
    }

    /// The facility the model predicts for `item` over this class: the mean over learners of the chance to
    /// choose the bank's key (the true key when they agree, the near miss's share otherwise).
    func expectedFacility(_ item: Item) -> Double {
        let options = Double(item.question.options.count)
        let keyIsTrue = item.question.key.indices == [item.trueKey]
        let chances = abilities.map { ability in
            let known = Self.knows(ability: ability, difficulty: item.difficulty)
            let guess = (1 - known) * (1 - Self.misled) / options
            return keyIsTrue ? known + guess : (1 - known) * Self.misled + guess
        }
        return chances.reduce(0, +) / Double(chances.count)
    }

    /// Every learner answers every question once, in bank order, a minute apart: one results file per learner.
    func results(seed: UInt64) -> [LearnerResults] {
        var random = SeededRandom(seed: seed)
        let hashes = items.map { ContentHash.of($0.question) }
        return abilities.enumerated().map { learnerIndex, ability in
            let name = "Learner \(learnerIndex + 1 < 10 ? "0" : "")\(learnerIndex + 1)"
            let store = "sim-store-\(learnerIndex + 1)"
            let lines = items.enumerated().map { itemIndex, item in
                let question = item.question
                let optionCount = question.options.count
                let draw = Double(random.next() >> 11) / Double(1 << 53)
                let known = Self.knows(ability: ability, difficulty: item.difficulty)
                let chosen = draw < known ? item.trueKey
                    : draw < known + (1 - known) * Self.misled ? Self.nearMiss(item.trueKey, of: optionCount)
                    : random.below(optionCount)
                let keyLetters = question.key.indices.map(OptionLetter.letter)
                return ResultLine(
                    answer: "\(store)/\(itemIndex + 1)", learner: name, question: question.id, hash: hashes[itemIndex],
                    bank: "simulated.iqb", level: question.level.rawValue, topics: question.topics, options: optionCount,
                    key: keyLetters, chosen: [OptionLetter.letter(chosen)], chosenText: [question.options[chosen].text],
                    correct: question.key.indices == [chosen], seconds: Double(20 + random.below(60)), mode: "exam",
                    answeredAt: ResultsTable.time(itemIndex), session: 1)
            }
            let header = ResultsHeader(learner: name, exportedAt: "2026-12-06T12:00:00Z", iamquiz: "simulated", store: store,
                                       profile: "default", selection: "--exam 1", readiness: [:], answers: lines.count)
            return LearnerResults(file: "learner-\(learnerIndex + 1).jsonl", header: header, answers: lines,
                                  lines: lines.indices.map { $0 + 2 })
        }
    }
}
