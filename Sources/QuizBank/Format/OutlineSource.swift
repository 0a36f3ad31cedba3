/// Questions read as outlines from a compact bank that stays at hand (the built-in bank compiled into the
/// binary, or a cache entry kept mapped), and how to read their texts: a quiz chooses among outlines and
/// reads whole only the questions it asks (``BankAndScenarios/complete(_:)``).
package struct OutlineSource: Sendable {
    /// The outlines: ids, levels, topics, keys, scenarios and positions, no texts (``CompactBankOutline``).
    package let outline: CompactBankOutline
    /// Where the first of them is in the loaded bank: they follow one another from there.
    package let first: Int
    /// The questions at these indices of ``outline``, whole.
    let complete: @Sendable ([Int]) throws -> [Question]

    package init(outline: CompactBankOutline, first: Int, complete: @escaping @Sendable ([Int]) throws -> [Question]) {
        self.outline = outline
        self.first = first
        self.complete = complete
    }
}
