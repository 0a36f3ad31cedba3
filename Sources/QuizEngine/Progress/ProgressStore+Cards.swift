import Foundation

extension ProgressStore {
    /// Every scheduled card by its id (a question's id, or a drill skill's card id), read in one query.
    ///
    /// What a quiz's selection, its start line and its drill plan look up for each candidate question:
    /// one `SELECT` for all of them, rather than ``card(questionID:)`` once per question, and read once
    /// per run (the drill plan takes the same dictionary). A question never answered has no entry.
    public func cardsByID() throws -> [String: FSRSCard] {
        var cards: [String: FSRSCard] = [:]
        for record in try allCards() { cards[record.questionID] = FSRSCard(record: record) }
        return cards
    }
}
