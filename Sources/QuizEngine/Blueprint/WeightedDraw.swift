import QuizBank

/// Draws an exam's questions in proportion to a blueprint's topic weights.
///
/// Each question counts for one topic: the first of its topics (as written) that the blueprint weighs, so
/// a question tagged `cross-account, trust-policy` is never counted, nor drawn, twice. Each topic gets
/// its share of the count by the largest-remainder method; a topic with fewer questions than its share
/// gives the rest to the weighted topics that have more (again in proportion), and what is still missing
/// comes from questions of topics the blueprint does not weigh. Everything is drawn from `random`, so a
/// seed repeats the exam exactly.
public enum WeightedDraw {
    /// Shares of `count` in proportion to `weights`, whole numbers that add up to `count` (Hamilton's
    /// largest-remainder method: the integer parts first, then one more to each of the largest fractional
    /// parts, ties to the earlier weight). All zero when the weights are.
    public static func quotas(count: Int, weights: [Double]) -> [Int] {
        let total = weights.reduce(0) { $0 + max(0, $1) }
        guard count > 0, total > 0 else { return weights.map { _ in 0 } }
        let exact = weights.map { Double(count) * max(0, $0) / total }
        var shares = exact.map { Int($0.rounded(.down)) }
        let left = count - shares.reduce(0, +)
        let order = exact.indices.sorted { a, b in
            let (ra, rb) = (exact[a] - Double(shares[a]), exact[b] - Double(shares[b]))
            return ra != rb ? ra > rb : a < b
        }
        for index in order.prefix(max(0, left)) { shares[index] += 1 }
        return shares
    }

    /// Picks up to `filter.count` keyed questions that match the level and topics of `filter`, spread over
    /// the topics by `weights`, in a random order drawn from `random`.
    public static func select(from bank: Bank, filter: QuizFilter, weights: [(topic: String, weight: Double)],
                              random: inout SeededRandom) -> Selection {
        var pool = QuestionSelector.select(from: bank, filter: QuizFilter(level: filter.level, topics: filter.topics, count: Int.max),
                                           random: &random)
        let count = min(max(0, filter.count), pool.questions.count)
        let weighted = Dictionary(weights.enumerated().map { ($0.element.topic, $0.offset) }, uniquingKeysWith: { first, _ in first })
        // Each question in the group of its first weighted topic, or with the rest; in the pool's (random) order.
        var groups = Array(repeating: [Question](), count: weights.count)
        var rest: [Question] = []
        for question in pool.questions {
            if let group = question.topics.lazy.compactMap({ weighted[$0] }).first {
                groups[group].append(question)
            } else {
                rest.append(question)
            }
        }
        var taken = Array(repeating: 0, count: weights.count)
        var missing = count
        // The shares, then the shortfalls shared again among the topics with questions to spare.
        while missing > 0 {
            let spare = groups.indices.map { groups[$0].count - taken[$0] }
            let open = spare.indices.filter { spare[$0] > 0 && weights[$0].weight > 0 }
            guard !open.isEmpty else { break }
            let shares = quotas(count: missing, weights: open.map { weights[$0].weight })
            var round = 0
            for (share, index) in zip(shares, open) {
                let more = min(share, spare[index])
                taken[index] += more
                round += more
            }
            missing -= round
            if round == 0 { break }
        }
        var chosen = groups.indices.flatMap { groups[$0].prefix(taken[$0]) }
        chosen += rest.prefix(max(0, missing))
        random.shuffle(&chosen)
        pool.questions = chosen
        return pool
    }
}
