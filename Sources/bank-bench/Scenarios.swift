import BenchSupport
import QuizBank

/// The built-in scenarios read in process, all of them on every core: parsed from their text (what `check` of
/// the built-in bank does, for their warnings) and read back from the compact form the build compiled (what
/// `verify`, `scenario run` and `check` of other banks do). Only this build has the compact form, so there
/// is no baseline figure.
struct ScenarioTiming {
    var count: Int
    var parsedSeconds: Double
    var compiledSeconds: Double

    /// Reads them once each way to warm up, then `runs` times each way, alternating.
    static func measure(runs: Int) -> ScenarioTiming {
        var count = 0
        var parsed: [Double] = [], compiled: [Double] = []
        for run in 0...runs {
            let parse = Timing.seconds { count = ScenarioLibrary.parsedBuiltIn().scenarios.count }
            let read = Timing.seconds {
                if ScenarioLibrary.builtIn().scenarios.count != count { stop("the compiled built-in scenarios are not the parsed ones") }
            }
            if run > 0 {
                parsed.append(parse)
                compiled.append(read)
            }
        }
        return ScenarioTiming(count: count, parsedSeconds: Timing.median(parsed), compiledSeconds: Timing.median(compiled))
    }
}
