import QuizBank

/// Which questions a quiz asks: level, topics and how many.
public struct QuizFilter: Sendable, Equatable {
    public var level: Level?
    /// A question matches when it has any of these topics; empty means every topic.
    public var topics: [String]
    public var count: Int

    public init(level: Level? = nil, topics: [String] = [], count: Int = 10) {
        self.level = level
        self.topics = topics
        self.count = count
    }
}

extension QuizFilter {
    /// The level and topics in words, as the introduction line and the session record show them:
    /// ` (professional, topic sts or mfa)`, or nothing when every question may come.
    public var inWords: String {
        var parts: [String] = []
        if let level { parts.append(level.rawValue) }
        if !topics.isEmpty { parts.append("topic " + topics.joined(separator: " or ")) }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }
}

/// The questions picked for a quiz, and what was left out.
public struct Selection: Sendable {
    public var questions: [Question]
    /// Questions that matched the filter but have no key (`answer: ?`) and so cannot be graded.
    public var unkeyed: Int
    /// How many keyed questions matched the filter (before `count` was applied).
    public var matching: Int
}

public enum QuestionSelector {
    /// Picks up to `filter.count` keyed questions that match, in a random order drawn from `random`.
    public static func select(from bank: Bank, filter: QuizFilter, random: inout SeededRandom) -> Selection {
        let wantedTopics = Set(filter.topics)
        let matching = bank.questions.filter { question in
            (filter.level.map { question.level == $0 } ?? true)
                && (wantedTopics.isEmpty || !wantedTopics.isDisjoint(with: question.topics))
        }
        var keyed = matching.filter { $0.key != .unkeyed }
        random.shuffle(&keyed)
        return Selection(questions: Array(keyed.prefix(max(0, filter.count))),
                         unkeyed: matching.count - keyed.count, matching: keyed.count)
    }
}
