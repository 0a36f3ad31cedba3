import BenchSupport
import Foundation

/// Runs of one `iamquiz` command line, each in an IAMQUIZ_HOME of its own, so that no run sees what an
/// earlier one recorded.
struct Launches {
    /// A copy of this folder is each run's IAMQUIZ_HOME (a profile whose store exists, as a learner's has);
    /// nil for an empty home (a new profile: the run creates the store).
    var profile: String?
    /// Where the runs' homes are made.
    var scratch: URL

    /// The medians of `runs` runs (after one warm-up run) of `arguments`, timed until `marker` appears on
    /// the standard output (or until the exit without one). With a baseline binary, its runs alternate with
    /// these, so that both figures come from the same minutes of a shared machine.
    func measure(_ iamquiz: String, baseline: String?, arguments: [String], until marker: String?, runs: Int) -> (now: Result, before: Result?) {
        var now: [(ChildProcess.Run, Bool)] = []
        var before: [(ChildProcess.Run, Bool)] = []
        for run in 0...runs {
            if let baseline, let result = launch(baseline, arguments, marker) {
                if run > 0 { before.append(result) }
            }
            guard let result = launch(iamquiz, arguments, marker) else { stop("cannot run `\(iamquiz)`") }
            if run > 0 { now.append(result) }
        }
        return (Result(now), before.isEmpty ? nil : Result(before))
    }

    /// The medians of some runs.
    struct Result {
        var seconds: Double
        var peakBytes: Int
        /// Runs that failed: the marker never appeared, or (without a marker) the exit status was neither 0
        /// nor 1 (a crash, a usage error; 1 is `check` finding errors).
        var failures: Int
        /// Runs whose peak is `ru_maxrss` rather than the program's own (see ChildProcess.Run.peakIsOwn).
        var peaksNotOwn: Int

        init(_ runs: [(run: ChildProcess.Run, failed: Bool)]) {
            seconds = Timing.median(runs.map(\.run.seconds))
            peakBytes = Int(Timing.median(runs.map { Double($0.run.peakBytes) }))
            failures = runs.filter(\.failed).count
            peaksNotOwn = runs.filter { !$0.run.peakIsOwn }.count
        }
    }

    /// One run in a new home, and whether it failed.
    private func launch(_ binary: String, _ arguments: [String], _ marker: String?) -> (ChildProcess.Run, Bool)? {
        let home = scratch.appendingPathComponent("home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        do {
            if let profile {
                try FileManager.default.copyItem(at: URL(fileURLWithPath: profile), to: home)
            } else {
                try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            }
        } catch {
            stop("cannot make a home in \(scratch.path): \(error.localizedDescription)")
        }
        guard let run = ChildProcess(binary, arguments: arguments, environment: ["IAMQUIZ_HOME": home.path]).run(until: marker) else {
            return nil
        }
        return (run, marker == nil ? !(run.status == 0 || run.status == 1) : !run.sawMarker)
    }
}
