import Foundation

/// Work spread over the machine's cores, for `iamquiz check` on banks of thousands of questions: the lints
/// of each question are independent, and so are the scenarios. Results come back in the order of the input,
/// so the output does not depend on the scheduling. A loop inside another shares the outer loop's threads
/// (Dispatch divides the cores among the outer iterations: on two cores, an inner loop of a two-way outer one
/// runs on one thread), so `check` runs its parallel loops one after the other, not inside each other.
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
}
