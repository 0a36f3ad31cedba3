// The timing harness: warm-up, calibration, several timed runs, median.

/// The timings of one benchmark case.
struct Measurement {
    /// Evaluations per timed run.
    var evaluationsPerRun: Int
    /// Nanoseconds per evaluation, one entry per timed run, in run order.
    var nanosecondsPerEvaluation: [Double]

    var medianNanoseconds: Double { Self.median(nanosecondsPerEvaluation) }
    var minNanoseconds: Double { nanosecondsPerEvaluation.min() ?? 0 }
    var maxNanoseconds: Double { nanosecondsPerEvaluation.max() ?? 0 }
    var medianMicroseconds: Double { medianNanoseconds / 1000 }
    var evaluationsPerSecond: Double { medianNanoseconds > 0 ? 1e9 / medianNanoseconds : 0 }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

/// How long to warm up and how long each timed run should take.
struct TimingPlan {
    var runs: Int = 7
    var warmUp: Duration = .milliseconds(300)
    var targetRunTime: Duration = .milliseconds(250)
    /// A cap on batches per run, so that `--quick` (profiling) runs stay short.
    var maxBatchesPerRun: Int = .max
}

extension Duration {
    var nanoseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
    }
}

/// Times `batch`, which performs `evaluationsPerBatch` evaluations and returns a value derived from
/// their results (the sum of the decisions). Every returned value is added to `sink`, which the caller
/// prints, so the optimizer cannot drop the work.
func measure(evaluationsPerBatch: Int, plan: TimingPlan, sink: inout Int, _ batch: () -> Int) -> Measurement {
    let clock = ContinuousClock()

    // Warm-up: caches, branch predictors, lazily initialised statics, allocator pools.
    var warmBatches = 0
    let warmStart = clock.now
    repeat {
        sink &+= batch()
        warmBatches += 1
    } while clock.now - warmStart < plan.warmUp && warmBatches < plan.maxBatchesPerRun

    // Calibration: the number of batches that makes one run last about `targetRunTime`.
    let perBatch = (clock.now - warmStart).nanoseconds / Double(warmBatches)
    let wanted = Int((plan.targetRunTime.nanoseconds / max(perBatch, 1)).rounded(.up))
    let batches = min(max(wanted, 1), plan.maxBatchesPerRun)

    var results: [Double] = []
    results.reserveCapacity(plan.runs)
    for _ in 0..<plan.runs {
        let start = clock.now
        for _ in 0..<batches {
            sink &+= batch()
        }
        let elapsed = clock.now - start
        results.append(elapsed.nanoseconds / Double(batches * evaluationsPerBatch))
    }
    return Measurement(evaluationsPerRun: batches * evaluationsPerBatch, nanosecondsPerEvaluation: results)
}
