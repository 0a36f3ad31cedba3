import Foundation

/// Small helpers shared by the benchmark executables (`progress-bench`, `bank-bench`): they quote
/// medians, because the machines they run on are shared and a mean would carry every hiccup.
public enum Timing {
    /// The median of `values` (the upper one of an even count); 0 for none.
    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// The wall time `body` takes, in seconds, on the monotonic clock.
    public static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        return (ContinuousClock.now - start).seconds
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
