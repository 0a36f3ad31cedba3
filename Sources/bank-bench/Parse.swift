import BenchSupport
import Foundation
import QuizBank

/// The parser timed in process: `BankParser().parse(bytes:file:)`, from the file's bytes (UTF-8 decoding
/// included) to questions and diagnostics, as `--bank` and `check` read a `.iqb` file. It is an API that
/// the commits before the BankFormat target (b068a0c) have too, so a baseline build times the same call.
struct ParseTiming: Codable {
    /// The median seconds of one parse of the whole file.
    var medianSeconds: Double
    var bytes: Int
    var questions: Int
    var errors: Int

    var megabytesPerSecond: Double { Double(bytes) / 1_000_000 / medianSeconds }

    /// Parses `path` once to warm up, then `runs` times.
    static func measure(_ path: String, runs: Int) -> ParseTiming {
        guard let data = FileManager.default.contents(atPath: path) else { stop("cannot read `\(path)`") }
        let bytes = [UInt8](data)
        var questions = 0
        var errors = 0
        var times: [Double] = []
        for run in 0...runs {
            let time = Timing.seconds {
                let result = BankParser().parse(bytes: bytes, file: path)
                questions = result.questions.count
                errors = result.diagnostics.filter { $0.severity == .error }.count
            }
            if run > 0 { times.append(time) }
        }
        return ParseTiming(medianSeconds: Timing.median(times), bytes: bytes.count, questions: questions, errors: errors)
    }

    /// The same measurement by the baseline's `bank-bench --parse`, with the baseline's parser; nil, after
    /// a warning, when it cannot be run or read.
    static func baseline(_ bench: String, path: String, runs: Int) -> ParseTiming? {
        let child = ChildProcess(bench, arguments: ["--parse", path, "--runs", String(runs)])
        guard let run = child.run(), run.status == 0,
              let timing = try? JSONDecoder().decode(ParseTiming.self, from: Data(run.output)) else {
            FileHandle.standardError.write(Data("bank-bench: the baseline \(bench) --parse failed; no before figure for the parser\n".utf8))
            return nil
        }
        return timing
    }

    /// Prints the timing as one JSON line (what `--parse` prints for the other build).
    func printJSON() {
        guard let data = try? JSONEncoder().encode(self) else { return }
        print(String(decoding: data, as: UTF8.self))
    }
}
