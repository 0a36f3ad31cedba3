import ClassReport

/// Writes results files for tests from short tables: a learner, a question, the letters chosen and the key,
/// the rest filled with plain values (hash `h1`, bank `paper.iqb`, 4 options, exam mode).
struct ResultsTable {
    /// Answers by learner, in the order added; each learner's file is written in that order.
    private(set) var lines: [(learner: String, line: ResultLine)] = []
    private var counters: [String: Int] = [:]

    /// Adds an answer. `minute` is the time after 10:00 on 2026-12-06; `store` defaults to the learner's own.
    mutating func answer(_ learner: String, _ question: String, chose chosen: [String], key: [String] = ["A"],
                         hash: String = "h1", minute: Int = 0, seconds: Double = 30, topics: [String]? = ["trust-policy"],
                         level: String? = "associate", options: Int? = 4, texts: Bool = true, retry: Bool = false) {
        let number = (counters[learner] ?? 0) + 1
        counters[learner] = number
        let line = ResultLine(
            answer: "\(Self.store(of: learner))/\(number)", learner: learner, question: question, hash: hash, bank: "paper.iqb",
            level: level, topics: topics, options: options, key: key, chosen: chosen,
            chosenText: texts ? chosen.map { "option \($0) of \(question)" } : nil,
            correct: Set(chosen) == Set(key), seconds: seconds, mode: "exam", answeredAt: Self.time(minute), retry: retry,
            session: 1)
        lines.append((learner, line))
    }

    /// One file per learner, in the order learners first appear.
    func files(readiness: [String: Int] = [:]) -> [LearnerResults] {
        var order: [String] = []
        for (learner, _) in lines where !order.contains(learner) { order.append(learner) }
        return order.map { learner in
            Self.file(learner, lines.filter { $0.learner == learner }.map(\.line), readiness: readiness)
        }
    }

    /// A results file of `answers` for `learner`.
    static func file(_ learner: String, _ answers: [ResultLine], store: String? = nil, path: String? = nil,
                     readiness: [String: Int] = [:], exportedAt: String = "2026-12-06T12:00:00Z") -> LearnerResults {
        let header = ResultsHeader(learner: learner, exportedAt: exportedAt, iamquiz: "test", store: store ?? Self.store(of: learner),
                                   profile: "default", selection: "", readiness: readiness, answers: answers.count)
        return LearnerResults(file: path ?? "\(learner.lowercased()).jsonl", header: header, answers: answers,
                              lines: answers.indices.map { $0 + 2 })
    }

    /// The learner's store id in these tables.
    static func store(of learner: String) -> String { "store-\(learner.lowercased())" }

    /// `minute` minutes after 2026-12-06T10:00:00Z, as ISO 8601.
    static func time(_ minute: Int) -> String {
        let hour = 10 + minute / 60, rest = minute % 60
        return "2026-12-06T\(hour < 10 ? "0" : "")\(hour):\(rest < 10 ? "0" : "")\(rest):00Z"
    }
}

extension ClassReport {
    /// The item of `question` (at `hash` when given); tests use it after checking it exists.
    func item(_ question: String, hash: String? = nil) -> ItemReport? {
        items.first { $0.question == question && (hash == nil || $0.hash == hash) }
    }

    func learner(_ name: String) -> LearnerSummary? {
        learners.first { $0.name == name }
    }
}
