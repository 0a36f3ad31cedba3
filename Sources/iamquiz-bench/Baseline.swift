import Foundation

/// Another build of this benchmark (`make bench BASELINE=<commit>` builds one from an older evaluator),
/// run case by case just before the same case is measured here, so that both figures of a row come from
/// the same minutes of a noisy machine.
struct Baseline {
    let binary: String

    /// The baseline's median µs per evaluation for each row of `caseName` (`small`, `large` or
    /// `wildcard`), by row name; nil, after a warning, when it could not be run or read.
    func medians(of caseName: String, options: Options) -> [String: Double]? {
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("iamquiz-bench-baseline-\(ProcessInfo.processInfo.processIdentifier).json")
        defer { try? FileManager.default.removeItem(at: output) }
        var arguments = ["--only", caseName, "--runs", String(options.runs), "--output", output.path]
        if options.quick { arguments.append("--quick") }
        if let batches = options.batches { arguments += ["--batches", String(batches)] }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        // Its table is not shown: the rows come back in the combined table.
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            warn("cannot run the baseline \(binary): \(error)")
            return nil
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            warn("the baseline \(binary) exited with status \(process.terminationStatus)")
            return nil
        }
        guard let data = try? Data(contentsOf: output),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = root["cases"] as? [[String: Any]] else {
            warn("cannot read the results of the baseline \(binary)")
            return nil
        }
        var medians: [String: Double] = [:]
        for row in cases {
            if let name = row["name"] as? String, let median = row["median_us"] as? Double { medians[name] = median }
        }
        return medians
    }

    private func warn(_ message: String) {
        FileHandle.standardError.write(Data("iamquiz-bench: \(message); showing this build's figures only\n".utf8))
    }
}
