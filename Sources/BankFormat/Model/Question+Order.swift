extension Question {
    /// The question with its options in another order, its key following them: `order[i]` is the index (in
    /// the written order) of the option that comes `i`-th. Nil when `order` is not an ordering of every option
    /// once.
    ///
    /// A fixed paper writes each question as the exam showed it, so that every learner sees one option order
    /// and the file's `answer:` letters name the options they see. Each option keeps its `why`, `note` and
    /// `verify`, so the key still selects the same option texts; a key index that names no option is dropped
    /// (such a question has errors and is never drawn).
    public func reordered(by order: [Int]) -> Question? {
        guard order.count == options.count, order.sorted() == Array(options.indices) else { return nil }
        var question = self
        question.options = order.map { options[$0] }
        if case .options(let keyed) = key {
            let right = Set(keyed)
            question.key = .options(order.indices.filter { right.contains(order[$0]) })
        }
        return question
    }
}
