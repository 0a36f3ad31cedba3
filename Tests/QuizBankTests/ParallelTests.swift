import Testing
@testable import QuizBank

/// `Parallel`, which `iamquiz check` spreads its work with: results in the input's order whatever the
/// scheduling, so the diagnostics come out the same on any machine.
@Suite("Parallel: work on every core, results in order")
struct ParallelTests {
    @Test("map keeps the input's order, for chunks of any size", arguments: [1, 7, 256, 20_000])
    func mapKeepsOrder(chunkSize: Int) {
        let items = Array(0..<10_000)
        #expect(Parallel.map(items, chunkSize: chunkSize) { $0 * 3 + 1 } == items.map { $0 * 3 + 1 })
        #expect(Parallel.map([Int](), chunkSize: chunkSize) { $0 }.isEmpty)
    }
}
