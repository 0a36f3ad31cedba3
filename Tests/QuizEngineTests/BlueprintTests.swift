import Diagnostics
import QuizBank
import QuizEngine
import Testing

@Suite("Exam blueprints: the built-in ones, and a file's problems at their line and column")
struct BlueprintParserTests {
    static let valid = """
        # a comment
        name: my-exam
        title: My exam
        questions: 10
        minutes: 20.5
        level: professional
        pass-mark: 700

        weights:
          sts: 60
          mfa: 40
        """

    @Test("a valid file gives every field")
    func valid() throws {
        let result = BlueprintParser.parse(Self.valid, file: "my.blueprint")
        #expect(result.diagnostics.isEmpty)
        let blueprint = try #require(result.blueprint)
        #expect(blueprint.name == "my-exam")
        #expect(blueprint.title == "My exam")
        #expect(blueprint.questionCount == 10)
        #expect(blueprint.minutes == 20.5)
        #expect(blueprint.level == .professional)
        #expect(blueprint.passMark == 700)
        #expect(blueprint.weights == [Blueprint.Weight(topic: "sts", percent: 60), Blueprint.Weight(topic: "mfa", percent: 40)])
        #expect(blueprint.weights.first?.range == SourceRange(line: 10, column: 3, length: 3))
    }

    /// Each case: the file, then each problem as code and line:column.
    @Test("each problem at its place", arguments: [
        ("name: a\nquestion: 10\nminutes: 5\nlevel: associate\nweights:\n  sts: 100\n", ["X002 2:1", "X005 1:1"]),
        ("name: a\nquestions: -4\nminutes: x\nlevel: expert\npass-mark: 1200\nweights:\n  sts: 100\n",
         ["X003 2:12", "X003 3:10", "X003 4:8", "X003 5:12"]),
        ("name: a\nname: b\nquestions: 1\nminutes: 5\nlevel: associate\nweights:\n  sts: 50\n  mfa: 50\n  sts: 50\n", ["X004 2:1", "X004 9:3"]),
        ("name: a\nquestions: 1\nminutes: 5\nlevel: associate\nweights:\n  sts: 50\n  mfa: 40\n", ["X006 5:1"]),
        ("name: a\nquestions: 1\nminutes: 5\nlevel: associate\nweights:\n  sts 50\n  mfa: 0\n", ["X001 6:3", "X003 7:8", "X005 5:1"]),
        ("name: a\nquestions: 1\nminutes: 5\nlevel: associate\n  sts: 100\n", ["X001 5:3", "X005 1:1"]),
    ])
    func problems(text: String, expected: [String]) {
        let result = BlueprintParser.parse(text, file: "x.blueprint")
        let found = result.diagnostics.map { "\($0.code) \($0.range.map { "\($0.start)" } ?? "-")" }.sorted()
        #expect(found == expected.sorted(), "\(result.diagnostics.map(\.message))")
        #expect(result.blueprint == nil)
    }

    @Test("an unknown key and a sum off 100 say what is wrong and how to fix it")
    func helpfulMessages() {
        let typo = BlueprintParser.parse("name: a\nminuts: 5\n", file: "x").diagnostics.first { $0.code == "X002" }
        #expect(typo?.help == "did you mean `minutes`?")
        let sum = BlueprintParser.parse("name: a\nquestions: 1\nminutes: 5\nlevel: associate\nweights:\n  sts: 50\n  mfa: 40\n", file: "x")
            .diagnostics.first
        #expect(sum?.message == "the weights add up to 90, not 100")
        #expect(sum?.help?.contains("raise them by 10 in all") == true)
    }

    @Test("a weighted topic no question has is an error with the closest topic")
    func unknownTopic() throws {
        let text = Self.valid.replacingOccurrences(of: "  mfa: 40", with: "  mf: 40")
        let blueprint = try #require(BlueprintParser.parse(text, file: "my.blueprint").blueprint)
        let bank = Bank(questions: [question("q1", topics: ["sts"]), question("q2", topics: ["mfa"])])
        let problems = blueprint.unknownTopics(in: bank)
        #expect(problems.map(\.code) == ["X007"])
        #expect(problems.first?.range?.start == SourceLocation(line: 11, column: 3))
        #expect(problems.first?.help == "did you mean `mfa`?")
    }

    @Test("the built-in blueprints: AWS's counts, minutes and levels, and only topics of the built-in bank")
    func builtin() throws {
        let names = Blueprint.builtin.map { "\($0.name) \($0.questionCount) \(Int($0.minutes)) \($0.level.rawValue) \($0.passMark)" }
        #expect(names == ["saa-c03 65 130 associate 720", "sap-c02 75 180 professional 750", "scs-c02 65 170 professional 750"])
        #expect(BuiltinBank.blueprintFiles.count == 3, "every built-in file parses")
        let bank = BuiltinBank.load().bank
        for blueprint in Blueprint.builtin {
            #expect(blueprint.unknownTopics(in: bank).isEmpty, "\(blueprint.name)")
        }
        #expect(Blueprint.defaultName(for: .professional) == "sap-c02")
        #expect(Blueprint.defaultName(for: nil) == "saa-c03")
        #expect(Blueprint.builtinText(named: "SAP-C02")?.contains("questions: 75") == true)
    }
}

@Suite("Drawing questions by topic weights")
struct WeightedDrawTests {
    @Test("largest remainder: whole shares that add up to the count", arguments: [
        (10, [50.0, 30, 20], [5, 3, 2]),
        (7, [1.0, 1, 1], [3, 2, 2]),
        (5, [40.0, 35, 25], [2, 2, 1]),
        (3, [10.0, 0, 90], [0, 0, 3]),
        (0, [1.0], [0]),
    ])
    func quotas(count: Int, weights: [Double], expected: [Int]) {
        #expect(WeightedDraw.quotas(count: count, weights: weights) == expected)
    }

    /// 10 questions of `a`, 2 of `b`, 10 of `c`, 3 of `z` (not weighted), and 2 tagged `z, a` that count for `a`.
    static let bank = Bank(questions:
        (1...10).map { question("a\($0)", topics: ["a"]) } + (1...2).map { question("b\($0)", topics: ["b"]) }
            + (1...10).map { question("c\($0)", topics: ["c"]) } + (1...3).map { question("z\($0)", topics: ["z"]) }
            + (1...2).map { question("za\($0)", topics: ["z", "a"]) })

    static func counts(_ questions: [Question]) -> [String: Int] {
        Dictionary(questions.map { ($0.id.hasPrefix("za") ? "a" : String($0.id.prefix(1)), 1) }, uniquingKeysWith: +)
    }

    @Test("each topic gets its share; a short topic's rest goes to the others in proportion")
    func shares() {
        var random = SeededRandom(seed: 3)
        let drawn = WeightedDraw.select(from: Self.bank, filter: QuizFilter(count: 10),
                                        weights: [("a", 50), ("b", 30), ("c", 20)], random: &random).questions
        // Shares 5, 3, 2; `b` has 2, so its third goes to `a` (50 against 20).
        #expect(Self.counts(drawn) == ["a": 6, "b": 2, "c": 2])
        #expect(Set(drawn.map(\.id)).count == drawn.count, "no question twice")
    }

    @Test("when the weighted topics run out, questions of other topics fill the exam")
    func fillsFromTheRest() {
        var random = SeededRandom(seed: 3)
        let drawn = WeightedDraw.select(from: Self.bank, filter: QuizFilter(count: 6), weights: [("b", 100)], random: &random).questions
        #expect(drawn.count == 6)
        #expect(Self.counts(drawn)["b"] == 2)
    }

    @Test("the same seed draws the same exam; another seed another one")
    func deterministic() {
        func draw(_ seed: UInt64) -> [String] {
            var random = SeededRandom(seed: seed)
            return WeightedDraw.select(from: Self.bank, filter: QuizFilter(count: 10), weights: [("a", 50), ("c", 50)],
                                       random: &random).questions.map(\.id)
        }
        #expect(draw(7) == draw(7))
        #expect(draw(7) != draw(8))
    }

    @Test("each built-in blueprint draws its full count from the built-in bank; every topic its share, or all it has",
          arguments: ["saa-c03", "sap-c02", "scs-c02"])
    func builtinDraws(name: String) throws {
        let blueprint = try #require(Blueprint.builtin(named: name))
        let bank = BuiltinBank.load().bank
        var random = SeededRandom(seed: 1)
        let filter = QuizFilter(level: blueprint.level, count: blueprint.questionCount)
        let drawn = WeightedDraw.select(from: bank, filter: filter, weights: blueprint.topicWeights, random: &random).questions
        #expect(drawn.count == blueprint.questionCount)
        let weighted = blueprint.weights.map(\.topic)
        let counted = { (questions: [Question]) in
            Dictionary(questions.compactMap { q in q.topics.first(where: weighted.contains).map { ($0, 1) } }, uniquingKeysWith: +)
        }
        let available = counted(bank.questions.filter { $0.level == blueprint.level && $0.key != .unkeyed })
        let got = counted(drawn)
        let shares = WeightedDraw.quotas(count: blueprint.questionCount, weights: blueprint.weights.map(\.percent))
        for (weight, share) in zip(blueprint.weights, shares) {
            #expect(got[weight.topic, default: 0] >= min(share, available[weight.topic, default: 0]),
                    "\(weight.topic): \(got[weight.topic, default: 0]) drawn, share \(share), \(available[weight.topic, default: 0]) available")
        }
    }

    @Test("the level and topic filters apply before the weights")
    func filters() {
        var bank = Self.bank
        bank.questions[0].level = .professional
        var random = SeededRandom(seed: 1)
        let drawn = WeightedDraw.select(from: bank, filter: QuizFilter(level: .professional, count: 5), weights: [("a", 100)],
                                        random: &random)
        #expect(drawn.questions.map(\.id) == ["a1"])
        #expect(drawn.matching == 1)
    }
}

/// A keyed one-option question with `topics`.
private func question(_ id: String, topics: [String]) -> Question {
    Question(id: id, topics: topics, stem: "Question \(id)?", options: [AnswerOption(text: "Yes")], key: .options([0]))
}
