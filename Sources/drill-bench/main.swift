import Dispatch
import Drills
import Foundation
import QuizEngine
import Synchronization

// drill-bench: how long one drill takes to generate and key, per family and level (release build).
//
//   drill-bench [--runs 7] [--drills 200] [--output Benchmarks/drills.json] [--family NAME]...
//   drill-bench --audit 10000 [--family NAME]...
//
// Each timed run generates `--drills` drills of one family at one level with a fresh seed (the run's
// number), through `DrillGenerator` as `iamquiz drill` does: drawing the scenario, keying every candidate
// (the evaluator, or the world's steps), choosing the options and writing the explanations. The figure is
// the median over the runs of the mean time per drill; min and max of the runs follow. `make bench` runs it.
//
// `--audit N` instead checks N drills of every family (seed 20261206) with `DrillAudit`, as a reviewer would:
// the key computed again from what the stem shows (or the scenario run by IAMWorld), distinct options, 1 to 3
// right as the stem says, each count from 1 to 3 and every level coming up, the bank format holding each drill,
// the same seed giving the same drills. It exits 1 on any problem. `make test` runs it with 10,000.

struct Options {
    var runs = 7
    var drills = 200
    var output = "Benchmarks/drills.json"
    var families: [String] = []
    var audit: Int?

    static let usage = "usage: drill-bench [--runs N (>= 5)] [--drills N (>= 10)] [--output PATH] [--family NAME]... | --audit N [--family NAME]..."

    init(_ arguments: [String]) {
        var args = arguments.makeIterator()
        func number(_ flag: String, atLeast low: Int) -> Int {
            guard let text = args.next(), let n = Int(text), n >= low else { Self.fail("\(flag) needs a number of at least \(low)") }
            return n
        }
        while let arg = args.next() {
            switch arg {
            case "--runs": runs = number(arg, atLeast: 5)
            case "--drills": drills = number(arg, atLeast: 10)
            case "--audit": audit = number(arg, atLeast: 10)
            case "--output":
                guard let path = args.next() else { Self.fail("--output needs a path") }
                output = path
            case "--family":
                guard let name = args.next(), DrillFamilies.named(name) != nil else {
                    Self.fail("--family needs one of: " + DrillFamilies.all.map(\.name).joined(separator: ", "))
                }
                families.append(name)
            case "-h", "--help":
                print(Self.usage)
                exit(0)
            default: Self.fail("unknown argument `\(arg)`")
            }
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("drill-bench: \(message)\n\(usage)\n".utf8))
        exit(2)
    }
}

/// One family at one level: the mean milliseconds per drill of each timed run.
struct Row: Codable {
    var family: String
    var level: String
    var drillsPerRun: Int
    var msPerDrill: [Double]
    var medianMs: Double { Self.median(msPerDrill) }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let clock = ContinuousClock()
if let count = options.audit {
    let chosen = options.families.isEmpty ? DrillFamilies.all : DrillFamilies.all.filter { options.families.contains($0.name) }
    print("Auditing \(count) drills of each of \(chosen.count) families (seed 20261206)")
    let start = clock.now
    let reports = Mutex<[String: DrillAudit.Report]>([:])
    DispatchQueue.concurrentPerform(iterations: chosen.count) { i in
        let report = DrillAudit.audit(chosen[i], count: count, seed: 20_261_206)
        reports.withLock { $0[chosen[i].name] = report }
    }
    var failed = false
    for family in chosen {
        guard let report = reports.withLock({ $0[family.name] }) else { continue }
        let ok = report.passed(levels: family.levels)
        failed = failed || !ok
        let mix = (1...3).map { "\($0) right: \(report.rightCounts[$0, default: 0])" }.joined(separator: ", ")
        print("\(ok ? "ok  " : "FAIL") \(family.name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(report.drills) drills; \(mix); "
            + "\(report.problemCount) problems")
        for problem in report.problems { print("       \(problem)") }
    }
    let (seconds, _) = (clock.now - start).components
    print("audit: \(failed ? "FAILED" : "passed") in \(seconds) s")
    exit(failed ? 1 : 0)
}
var rows: [Row] = []
var sink = 0
let families = options.families.isEmpty ? DrillFamilies.all : DrillFamilies.all.filter { options.families.contains($0.name) }
print("Generating and keying one drill: median of \(options.runs) runs of \(options.drills) drills each")
print("family".padding(toLength: 24, withPad: " ", startingAt: 0) + "level".padding(toLength: 14, withPad: " ", startingAt: 0)
    + "median ms   min ms   max ms")
for family in families {
    for level in family.levels {
        // Warm-up: lazily built statics (the action catalog), allocator pools.
        var warm = DrillGenerator(families: [family], level: level, seed: 999)
        sink &+= warm.drills(count: 20).count
        var times: [Double] = []
        for run in 1...options.runs {
            var generator = DrillGenerator(families: [family], level: level, seed: UInt64(run))
            let start = clock.now
            let drills = generator.drills(count: options.drills)
            let elapsed = clock.now - start
            sink &+= drills.reduce(0) { $0 &+ $1.question.options.count }
            let (seconds, attoseconds) = elapsed.components
            times.append((Double(seconds) * 1e3 + Double(attoseconds) / 1e15) / Double(options.drills))
        }
        let row = Row(family: family.name, level: level.rawValue, drillsPerRun: options.drills, msPerDrill: times)
        rows.append(row)
        print(family.name.padding(toLength: 24, withPad: " ", startingAt: 0)
            + level.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
            + String(format: "%9.3f %8.3f %8.3f", row.medianMs, times.min() ?? 0, times.max() ?? 0))
    }
}
let slowest = rows.max { $0.medianMs < $1.medianMs }
if let slowest {
    print(String(format: "slowest: %@ (%@), %.3f ms a drill; goal: under 5 ms", slowest.family, slowest.level, slowest.medianMs))
}
print("(options made: \(sink))")
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
do {
    try encoder.encode(rows).write(to: URL(fileURLWithPath: options.output))
    print("wrote \(options.output)")
} catch {
    FileHandle.standardError.write(Data("drill-bench: cannot write \(options.output): \(error.localizedDescription)\n".utf8))
    exit(1)
}
