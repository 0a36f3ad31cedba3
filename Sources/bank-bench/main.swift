// Banks at scale (`make bench-banks`, issue 16): the bank parser's throughput, `iamquiz check` and the
// start-up to the first question on generated banks of thousands of questions, and the peak memory of each
// `iamquiz` run, each against the issue's target; and reading the built-in scenarios. With `--baseline`, another commit's build is timed in the
// same run, figure by figure (Benchmarks/build-baseline.sh builds it).
import BenchSupport
import Foundation

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))

if let file = options.parseOnly {
    ParseTiming.measure(file, runs: options.runs).printJSON()
    exit(0)
}
guard let iamquiz = options.iamquiz else { fail("--iamquiz PATH is required") }
let baselineIamquiz = options.baseline.map {
    URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("iamquiz").path
}

// The generated banks: the built-in bank's files repeated (RepeatedBank), in a folder of their own.
let folder = options.keep.map { URL(fileURLWithPath: $0) }
    ?? FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-bank-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { if options.keep == nil { try? FileManager.default.removeItem(at: folder) } }

let sourceFiles = ((try? FileManager.default.contentsOfDirectory(atPath: options.source)) ?? [])
    .filter { $0.hasSuffix(".iqb") }.sorted()
let sourceTexts = sourceFiles.compactMap { try? String(contentsOfFile: "\(options.source)/\($0)", encoding: .utf8) }
guard !sourceTexts.isEmpty, sourceTexts.count == sourceFiles.count else { stop("cannot read the .iqb files of `\(options.source)`") }
let builtinBytes = sourceTexts.reduce(0) { $0 + $1.utf8.count }

/// Writes a generated bank one question at a time (this process stays small).
func writeBank(_ count: Int, withoutScenarios: Bool = false) -> (path: String, bytes: Int) {
    let path = folder.appendingPathComponent("bank-\(count)\(withoutScenarios ? "-unverified" : "").iqb").path
    guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
        stop("cannot write \(path)")
    }
    var bytes = 0
    RepeatedBank.write(count: count, from: sourceTexts, withoutScenarios: withoutScenarios) { piece in
        bytes += piece.utf8.count
        file.write(Data(piece.utf8))
    }
    try? file.close()
    return (path, bytes)
}
let large = writeBank(options.questions)
let unverified = writeBank(options.questions, withoutScenarios: true)
let small = writeBank(options.firstQuestions)
let largeName = "\(grouped(options.questions)) questions"
let smallName = "\(grouped(options.firstQuestions)) questions"

var load = ""
if let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) { load = String(text.split(separator: " ").first ?? "") }
print("bank-bench: medians of \(options.runs) runs after a warm-up run; \(ProcessInfo.processInfo.activeProcessorCount) cores"
      + (load.isEmpty ? "" : ", load average \(load) at the start") + (options.baseline == nil ? "" : "; before = \(options.baseline!)"))
print(String(format: "banks: %@ (%.2f MB), %@ (%.2f MB), built-in %d files (%.2f MB), from %@", largeName, megabytes(large.bytes),
             smallName, megabytes(small.bytes), sourceFiles.count, megabytes(builtinBytes), options.source))
var figures: [Figure] = []

/// The peak memory figure of some runs, against 3 times the bank's size plus 30 MB.
func memory(_ name: String, bankBytes: Int, _ result: (now: Launches.Result, before: Launches.Result?)) -> Figure {
    Figure(name: "  peak memory", unit: "MB", now: megabytes(result.now.peakBytes), before: result.before.map { megabytes($0.peakBytes) },
           target: (.atMost, 3 * megabytes(bankBytes) + 30), targetNote: "3 x \(name) + 30 MB")
}

func time(_ name: String, _ result: (now: Launches.Result, before: Launches.Result?), target: Double?) -> Figure {
    Figure(name: name, unit: "ms", now: result.now.seconds * 1000, before: result.before.map { $0.seconds * 1000 },
           target: target.map { (.atMost, $0) }, failures: result.now.failures)
}

// A profile whose store exists, as a learner's does: made once by a first quiz, copied for every run. It has
// also had a quiz on the 1,000-question bank, so that bank's parsed form is in its cache (cache/banks), as
// for a learner who used that bank before; a new profile parses it.
let profile = folder.appendingPathComponent("profile")
try? FileManager.default.removeItem(at: profile)
try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
_ = ChildProcess(iamquiz, arguments: ["--count", "1", "--seed", "1"], environment: ["IAMQUIZ_HOME": profile.path]).run()
_ = ChildProcess(iamquiz, arguments: ["--bank", small.path, "--count", "1", "--seed", "1"], environment: ["IAMQUIZ_HOME": profile.path]).run()
let existing = Launches(profile: profile.path, scratch: folder)
let fresh = Launches(profile: nil, scratch: folder)

// `check` on the large bank: the whole run.
let check = existing.measure(iamquiz, baseline: baselineIamquiz, arguments: ["check", large.path], until: nil, runs: options.runs)
figures.append(time("iamquiz check, \(largeName)", check, target: 500))
figures.append(memory(String(format: "%.1f MB", megabytes(large.bytes)), bankBytes: large.bytes, check))
// The same without `scenario:` and `verify:` lines: what check costs besides running the scenarios.
figures.append(time("  the same, no scenarios to verify", existing.measure(iamquiz, baseline: baselineIamquiz, arguments: ["check", unverified.path],
                                                                          until: nil, runs: options.runs), target: nil))

// The first question: from the spawn until the answer prompt is on standard output.
let marker = "Your answer"
let quiz = ["--count", "1", "--seed", "1"]
let builtin = existing.measure(iamquiz, baseline: baselineIamquiz, arguments: quiz, until: marker, runs: options.runs)
figures.append(time("first question, built-in bank", builtin, target: 50))
figures.append(memory(String(format: "%.1f MB", megabytes(builtinBytes)), bankBytes: builtinBytes, builtin))
figures.append(time("  the same, new profile", fresh.measure(iamquiz, baseline: baselineIamquiz, arguments: quiz, until: marker,
                                                               runs: options.runs), target: nil))
let banked = existing.measure(iamquiz, baseline: baselineIamquiz, arguments: ["--bank", small.path] + quiz, until: marker, runs: options.runs)
figures.append(time("first question, --bank of \(smallName)", banked, target: 50))
figures.append(memory(String(format: "%.1f MB", megabytes(small.bytes)), bankBytes: small.bytes, banked))
figures.append(time("  the same, new profile (no cache: parsed)", fresh.measure(iamquiz, baseline: baselineIamquiz, arguments: ["--bank", small.path] + quiz,
                                                               until: marker, runs: options.runs), target: nil))

// The built-in scenarios, which the build compiles: all of them read (`scenario list`), and one read and run
// (as `verify` reads the scenario of a question).
figures.append(time("iamquiz scenario list (every built-in scenario)", existing.measure(iamquiz, baseline: baselineIamquiz, arguments: ["scenario", "list"],
                                                                                        until: nil, runs: options.runs), target: nil))
figures.append(time("iamquiz scenario run, one built-in scenario", existing.measure(iamquiz, baseline: baselineIamquiz,
                                                                                    arguments: ["scenario", "run", "role-trust-basics"],
                                                                                    until: nil, runs: options.runs), target: nil))
let scenarioTiming = ScenarioTiming.measure(runs: options.runs)
figures.append(Figure(name: "  the \(scenarioTiming.count) in process, parsed", unit: "ms", now: scenarioTiming.parsedSeconds * 1000, before: nil, target: nil))
figures.append(Figure(name: "  the same, compiled at build time", unit: "ms", now: scenarioTiming.compiledSeconds * 1000, before: nil, target: nil))

// The parser, in process.
let parseBefore = options.baseline.flatMap { ParseTiming.baseline($0, path: large.path, runs: options.runs) }
let parse = ParseTiming.measure(large.path, runs: options.runs)
if parse.errors > 0 || parse.questions != options.questions {
    stop("the generated bank \(large.path) parsed into \(parse.questions) questions with \(parse.errors) errors")
}
figures.insert(Figure(name: "parse \(largeName) (BankParser, in process)", unit: "MB/s", now: parse.megabytesPerSecond,
                      before: parseBefore?.megabytesPerSecond, target: (.atLeast, 50)), at: 0)

print(table(figures))
print("peak memory is the run's own high-water mark (VmHWM in /proc/PID/status), read when the prompt appears or as the process starts to exit")
// Runs whose peak memory could not be read as the program's own.
let peaksNotOwn = [check, builtin, banked].reduce(0) { $0 + $1.now.peaksNotOwn + ($1.before?.peaksNotOwn ?? 0) }
if peaksNotOwn > 0 {
    print(String(format: "warning: in %d runs it could not be read (ptrace refused?) and is ru_maxrss, never below bank-bench's own peak (%.1f MB)",
                 peaksNotOwn, megabytes(ChildProcess.ownPeakBytes)))
}
if let output = options.output {
    let root: [String: Any] = [
        "runs": options.runs, "cores": ProcessInfo.processInfo.activeProcessorCount, "load_average": load,
        "baseline": options.baseline ?? NSNull(),
        "peak_memory": "VmHWM", "peak_memory_runs_not_own": peaksNotOwn,
        "banks": ["large": ["questions": options.questions, "bytes": large.bytes],
                  "small": ["questions": options.firstQuestions, "bytes": small.bytes],
                  "builtin": ["files": sourceFiles.count, "bytes": builtinBytes]],
        "figures": figures.map(\.json),
    ]
    let data = try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
    try data.write(to: URL(fileURLWithPath: output))
    print("written to \(output)")
}
