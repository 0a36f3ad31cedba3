import QuizBank

/// The letters a learner saw for the options of an answer, which the log keeps as bank letters.
///
/// Options are shuffled and relabelled on screen, so `B` in the log (``AnswerRecord/chosen``) may have been
/// `A` on screen. Answers keep the letters seen since ``AnswerRecord/shown`` exists; for older ones they are
/// derived from the option order the session stored for the question.
public enum SeenLetters {
    /// The letters seen for the bank letters `chosen` (`B,D`) when the options were shown in `optionOrder`
    /// (`optionOrder[display] = bank index`): `A,B` for the order `[1, 3, 0, 2]`, sorted. Nil when the order
    /// is not a permutation or lacks a chosen option: the letters then cannot be told, and none are made up.
    public static func derive(chosen: String, optionOrder: [Int]) -> String? {
        guard optionOrder.sorted() == Array(optionOrder.indices) else { return nil }
        var display: [Int] = []
        for bankIndex in AnswerRecord.bankIndices(letters: chosen) {
            guard let position = optionOrder.firstIndex(of: bankIndex) else { return nil }
            display.append(position)
        }
        return display.sorted().map { OptionLetter.letter($0) }.joined(separator: ",")
    }

    /// The letters `answer` was given with on screen: as recorded, else derived from `orders` (by session id,
    /// ``ProgressStore/optionOrders(questionID:)``); nil when neither tells.
    public static func of(_ answer: AnswerRecord, orders: [Int64: [Int]]) -> String? {
        if let shown = answer.shown { return shown }
        guard let sessionID = answer.sessionID, let order = orders[sessionID] else { return nil }
        return derive(chosen: answer.chosen, optionOrder: order)
    }
}
