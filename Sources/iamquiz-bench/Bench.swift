import Foundation
import IAMPolicy

// iamquiz-bench: in-process throughput of the IAM policy evaluator.
//
//   iamquiz-bench [--output Benchmarks/results.json] [--runs 7] [--only small|large|wildcard] [--quick]
//                 [--baseline OTHER-BUILD-OF-IAMQUIZ-BENCH]
//   iamquiz-bench --export-small Benchmarks/small-requests.json
//
// Build it in release: `swift build -c release --product iamquiz-bench` (or `make bench`).

struct Options {
    var output = "Benchmarks/results.json"
    var exportSmall: String?
    var runs = 7
    var only: Set<String> = ["small", "large", "wildcard"]
    var quick = false
    /// Fixed batches per run (and one warm-up batch): an exact number of evaluations, for profilers.
    var batches: Int?
    /// Also time each small request alone.
    var perRequest = false
    /// Another build of the benchmark to run before each case, for a before/after table.
    var baseline: String?

    static let usage = """
    usage: iamquiz-bench [--output PATH] [--runs N] [--only small|large|wildcard[,...]] [--quick | --batches N]
                         [--baseline PATH]
           iamquiz-bench --export-small PATH

      --output PATH        where to write the results as JSON (default Benchmarks/results.json)
      --runs N             timed runs per case, at least 5 (default 7); the median is reported
      --only CASES         run only these cases (comma-separated)
      --quick              short warm-up and runs, for profilers (figures are then indicative only)
      --batches N          exactly N batches per run after one warm-up batch (a batch evaluates every
                           request of the case once), for profilers such as callgrind
      --per-request        also time each request of case (a) alone (shorter runs)
      --baseline PATH      another build of iamquiz-bench (`make bench BASELINE=<commit>` makes one): run
                           it on each case just before this build, and show both medians and their ratio
      --export-small PATH  write the small requests of case (a) as JSON and exit
    """

    init(_ arguments: [String]) {
        var args = arguments.makeIterator()
        func value(_ flag: String) -> String {
            guard let v = args.next() else { Self.fail("\(flag) needs a value") }
            return v
        }
        while let arg = args.next() {
            switch arg {
            case "--output": output = value(arg)
            case "--export-small": exportSmall = value(arg)
            case "--runs":
                guard let n = Int(value(arg)), n >= 5 else { Self.fail("--runs needs a number of at least 5") }
                runs = n
            case "--only":
                only = Set(value(arg).split(separator: ",").map(String.init))
                let unknown = only.subtracting(["small", "large", "wildcard"])
                if !unknown.isEmpty { Self.fail("unknown case \(unknown.sorted().joined(separator: ", "))") }
            case "--quick": quick = true
            case "--per-request": perRequest = true
            case "--baseline": baseline = value(arg)
            case "--batches":
                guard let n = Int(value(arg)), n >= 1 else { Self.fail("--batches needs a positive number") }
                batches = n
            case "-h", "--help":
                print(Self.usage)
                exit(0)
            default: Self.fail("unknown argument `\(arg)`")
            }
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("iamquiz-bench: \(message)\n\(usage)\n".utf8))
        exit(2)
    }
}

/// One line of the table and of results.json.
struct CaseResult {
    var name: String
    var description: String
    var measurement: Measurement
    /// Target in microseconds per evaluation; nil when the row is informative only.
    var targetMicroseconds: Double?
    /// For rows judged otherwise (linearity): the verdict and what it is.
    var customVerdict: (pass: Bool, target: String)?
    var extra: [(String, String)] = []
    /// The same row measured with the baseline build, when one was given.
    var baselineMicroseconds: Double?

    /// How many times faster than the baseline.
    var speedup: Double? {
        baselineMicroseconds.map { $0 / measurement.medianMicroseconds }
    }

    var pass: Bool {
        if let customVerdict { return customVerdict.pass }
        guard let targetMicroseconds else { return true }
        return measurement.medianMicroseconds <= targetMicroseconds
    }

    var targetText: String {
        if let customVerdict { return customVerdict.target }
        guard let targetMicroseconds else { return "-" }
        return targetMicroseconds >= 1000 ? "≤ \(format(targetMicroseconds / 1000, 0)) ms" : "≤ \(format(targetMicroseconds, 0)) µs"
    }
}

func format(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

/// `1234567` as `1,234,567`.
func grouped(_ value: Double) -> String {
    let digits = String(Int(value.rounded()))
    var out = ""
    for (i, c) in digits.reversed().enumerated() {
        if i > 0, i % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return String(out.reversed())
}

func writeFile(_ path: String, _ text: String) {
    let url = URL(fileURLWithPath: path)
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    } catch {
        Options.fail("cannot write \(path): \(error)")
    }
}

@main
struct Bench {
    static func main() {
        let options = Options(Array(CommandLine.arguments.dropFirst()))
        let evaluator = Evaluator()

        // Case (a): parse once, check the decisions against the documented ones.
        var smallCache = PolicyCache()
        let small = SmallRequests.all.map { PreparedRequest($0, cache: &smallCache) }
        var disagreements: [String] = []
        var smallDecisions: [Decision] = []
        for prepared in small {
            precondition((1...3).contains(prepared.spec.policyCount), "\(prepared.spec.name): 1 to 3 policies")
            precondition(prepared.statementCount <= 10, "\(prepared.spec.name): at most 10 statements")
            let decision = evaluator.evaluate(prepared.request, policies: prepared.policies).decision
            smallDecisions.append(decision)
            if let expected = prepared.spec.expected, decision != expected {
                disagreements.append("\(prepared.spec.name): evaluator says \(decision.rawValue), AWS's documented logic gives \(expected.rawValue)")
            }
        }

        if let path = options.exportSmall {
            let items = zip(small, smallDecisions).map { $0.spec.json(swiftDecision: $1, indent: "    ") }
            let text = JSONText.object([
                ("description", JSONText.string("case (a) of iamquiz-bench: typical small requests; policies are JSON objects, context values are strings with their AWS ContextKeyType")),
                ("requests", JSONText.array(items, indent: "  ")),
            ]) + "\n"
            writeFile(path, text)
            print("wrote \(small.count) requests to \(path)")
            for line in disagreements { print("warning: \(line)") }
            return
        }

        var plan = TimingPlan(runs: options.runs)
        if options.quick {
            plan.warmUp = .milliseconds(20)
            plan.targetRunTime = .milliseconds(20)
        }
        if let batches = options.batches {
            plan.warmUp = .zero
            plan.targetRunTime = .seconds(1_000_000)
            plan.maxBatchesPerRun = batches
        }
        var sink = 0
        var results: [CaseResult] = []

        print("iamquiz-bench: \(plan.runs) timed runs per case after a \(plan.warmUp) warm-up, median reported\n")

        let baseline = options.baseline.map(Baseline.init(binary:))
        if let baseline { print("baseline: \(baseline.binary), run on each case just before this build\n") }

        if options.only.contains("small") {
            let totalStatements = small.reduce(0) { $0 + $1.statementCount }
            let before = baseline?.medians(of: "small", options: options)
            let m = measure(evaluationsPerBatch: small.count, plan: plan, sink: &sink) { evaluateAll(small, with: evaluator) }
            results.append(CaseResult(
                name: "a. small requests",
                description: "\(small.count) requests, 1-3 policies and at most 10 statements each (\(totalStatements) in all)",
                measurement: m, targetMicroseconds: 1,
                extra: [("requests", String(small.count)), ("statements", String(totalStatements))],
                baselineMicroseconds: before?["a. small requests"]))
        }

        var perRequestRows: [String] = []
        if options.only.contains("small"), options.perRequest {
            var short = plan
            short.warmUp = min(plan.warmUp, .milliseconds(50))
            short.targetRunTime = min(plan.targetRunTime, .milliseconds(50))
            print("case (a), each request alone (median µs/evaluation, \(short.runs) runs):")
            for prepared in small {
                let one = [prepared]
                let m = measure(evaluationsPerBatch: 1, plan: short, sink: &sink) { evaluateAll(one, with: evaluator) }
                let name = prepared.spec.name.padding(toLength: 30, withPad: " ", startingAt: 0)
                print("  \(name) \(format(m.medianMicroseconds, 3)) µs  (\(prepared.policies.identity.count + prepared.policies.boundary.count + prepared.policies.scps.joined().count + (prepared.policies.resource == nil ? 0 : 1)) policies, \(prepared.statementCount) statements)")
                perRequestRows.append(JSONText.object([("name", JSONText.string(prepared.spec.name)),
                                                       ("median_us", JSONText.number(m.medianMicroseconds))], indent: "    "))
            }
            print("")
        }

        if options.only.contains("large") {
            var cache = PolicyCache()
            let large = LargePolicySet.requests().map { PreparedRequest($0, cache: &cache) }
            let statements = large[0].statementCount
            precondition(statements == 1000, "the large set has \(statements) statements")
            var decisions: [String: Int] = [:]
            for prepared in large {
                decisions[evaluator.evaluate(prepared.request, policies: prepared.policies).decision.rawValue, default: 0] += 1
            }
            let before = baseline?.medians(of: "large", options: options)
            let m = measure(evaluationsPerBatch: large.count, plan: plan, sink: &sink) { evaluateAll(large, with: evaluator) }
            let decisionText = decisions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            results.append(CaseResult(
                name: "b. 1,000 statements",
                description: "\(large.count) requests against one set of \(statements) statements (\(decisionText))",
                measurement: m, targetMicroseconds: 100,
                extra: [("requests", String(large.count)), ("statements", String(statements)),
                        ("decisions", JSONText.string(decisionText))],
                baselineMicroseconds: before?["b. 1,000 statements"]))
        }

        if options.only.contains("wildcard") {
            var perChar: [Int: Double] = [:]
            let before = baseline?.medians(of: "wildcard", options: options)
            for length in [10_000, 20_000, 40_000] {
                let prepared = PreparedRequest(Pathological.request(length: length))
                precondition(prepared.request.resource.count == length)
                let decision = evaluator.evaluate(prepared.request, policies: prepared.policies).decision
                if decision != .implicitDeny { disagreements.append("wildcard \(length): evaluator says \(decision.rawValue), expected implicitDeny") }
                let one = [prepared]
                let m = measure(evaluationsPerBatch: 1, plan: plan, sink: &sink) { evaluateAll(one, with: evaluator) }
                perChar[length] = m.medianNanoseconds / Double(length)
                var result = CaseResult(
                    name: "c. 50 stars, \(length / 1000)k chars",
                    description: "Resource `\(Pathological.prefix)a*…a*b` (50 stars) against a \(length)-character resource",
                    measurement: m, targetMicroseconds: length == 10_000 ? 1000 : nil,
                    extra: [("resource_length", String(length)), ("ns_per_char", JSONText.number(m.medianNanoseconds / Double(length), digits: 3))])
                result.baselineMicroseconds = before?[result.name]
                if length > 10_000, let base = perChar[10_000], let this = perChar[length] {
                    // Linear: the time per character stays flat (within 1.5x of the 10k run).
                    let ratio = this / base
                    result.customVerdict = (ratio <= 1.5, "linear (×\(length / 10_000) of 10k)")
                    result.extra.append(("time_ratio_vs_10k", JSONText.number(m.medianNanoseconds / (base * 10_000), digits: 3)))
                    result.extra.append(("per_char_ratio_vs_10k", JSONText.number(ratio, digits: 3)))
                }
                results.append(result)
            }
        }

        printTable(results)
        for line in disagreements { print("warning: \(line)") }
        print("checksum (sum of decision codes, keeps the work alive): \(sink)")

        let json = JSONText.object([
            ("tool", JSONText.string("iamquiz-bench")),
            ("clock", JSONText.string("ContinuousClock")),
            ("runs", String(plan.runs)),
            ("quick", options.quick || options.batches != nil ? "true" : "false"),
            ("checksum", String(sink)),
            ("baseline", options.baseline.map(JSONText.string) ?? "null"),
            ("cases", JSONText.array(results.map { r in
                var members: [(String, String)] = [
                    ("name", JSONText.string(r.name)),
                    ("description", JSONText.string(r.description)),
                    ("median_us", JSONText.number(r.measurement.medianMicroseconds)),
                    ("min_us", JSONText.number(r.measurement.minNanoseconds / 1000)),
                    ("max_us", JSONText.number(r.measurement.maxNanoseconds / 1000)),
                    ("evals_per_sec", JSONText.number(r.measurement.evaluationsPerSecond, digits: 0)),
                    ("evaluations_per_run", String(r.measurement.evaluationsPerRun)),
                    ("runs_us", "[" + r.measurement.nanosecondsPerEvaluation.map { JSONText.number($0 / 1000) }.joined(separator: ", ") + "]"),
                    ("target", JSONText.string(r.targetText)),
                    ("target_us", r.targetMicroseconds.map { JSONText.number($0) } ?? "null"),
                    ("pass", r.pass ? "true" : "false"),
                ]
                if let before = r.baselineMicroseconds, let speedup = r.speedup {
                    members += [("baseline_median_us", JSONText.number(before)), ("speedup", JSONText.number(speedup, digits: 2))]
                }
                members += r.extra
                return JSONText.object(members, indent: "    ")
            }, indent: "  ")),
            ("small_per_request", JSONText.array(perRequestRows, indent: "  ")),
            ("decision_disagreements", JSONText.array(disagreements.map(JSONText.string), indent: "  ")),
        ]) + "\n"
        writeFile(options.output, json)
        print("results written to \(options.output)")
        if results.contains(where: { !$0.pass }) { print("note: at least one target was missed (see the table)") }
    }

    static func printTable(_ results: [CaseResult]) {
        func micro(_ value: Double) -> String { format(value, value < 10 ? 3 : 1) }
        // With a baseline, its median and the ratio come before this build's figures.
        let compared = results.contains { $0.baselineMicroseconds != nil }
        var header = ["case", "median µs/eval", "evals/s", "target", "result"]
        if compared {
            header.insert("baseline µs/eval", at: 1)
            header.insert("speed-up", at: 3)
        }
        let rows = results.map { r in
            var row = [r.name, micro(r.measurement.medianMicroseconds), grouped(r.measurement.evaluationsPerSecond),
                       r.targetText, r.pass ? "pass" : "FAIL"]
            if compared {
                row.insert(r.baselineMicroseconds.map(micro) ?? "-", at: 1)
                row.insert(r.speedup.map { "×" + format($0, 2) } ?? "-", at: 3)
            }
            return row
        }
        let leftAligned: Set<Int> = [0, header.firstIndex(of: "target") ?? 3]
        let widths = (0..<header.count).map { col in ([header] + rows).map { $0[col].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return leftAligned.contains(i) ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingCharacters(whereIn: { $0 == " " })
        }
        print(line(header))
        print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for row in rows { print(line(row)) }
        print("")
        for r in results {
            let m = r.measurement
            print("  \(r.name): \(r.description); \(m.evaluationsPerRun) evaluations per run, runs \(format(m.minNanoseconds / 1000, 3))-\(format(m.maxNanoseconds / 1000, 3)) µs/eval")
        }
        print("")
    }
}
