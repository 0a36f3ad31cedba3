import Foundation

/// Work spread over the machine's cores, for `iamquiz check` on banks of thousands of questions: the lints
/// of each question, the scenarios, and the bank's parsing beside the scenarios' are independent.
/// Results come back in the order of the input, so the output does not depend on the scheduling.
public enum Parallel {
    /// `transform` of each element, in order, computed in chunks of `chunkSize` on every core.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], chunkSize: Int = 256, _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > chunkSize else { return items.map(transform) }
        let chunks = (items.count + chunkSize - 1) / chunkSize
        var results = [[R]](repeating: [], count: chunks)
        results.withUnsafeMutableBufferPointer { slots in
            // Each chunk writes its own slot only.
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let range = chunk * chunkSize..<min(items.count, (chunk + 1) * chunkSize)
                slots[chunk] = items[range].map(transform)
            }
        }
        return results.flatMap { $0 }
    }

    /// `first()` and `second()` at the same time; returns when both are done.
    public static func both<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let results = Pair<A, B>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { results.first = first() } else { results.second = second() }
        }
        // concurrentPerform returns after both iterations: each slot was written once, by one thread.
        return (results.first!, results.second!)
    }

    /// Two slots, each written by one iteration of `both`.
    private final class Pair<A, B>: @unchecked Sendable {
        var first: A?
        var second: B?
    }
}
