// Benchmarks for the learner's side (`make bench`): stats over a million recorded answers, opening the
// store, and the start-up of `iamquiz` to the first question.
//
//   progress-bench [--answers N] [--iamquiz PATH] [--keep DIR]
import BenchSupport
import Foundation
import QuizBank
import QuizEngine

func median(_ values: [Double]) -> Double { Timing.median(values) }
func seconds(_ body: () throws -> Void) rethrows -> Double { try Timing.seconds(body) }

var answerCount = 1_000_000
var iamquizPath: String?
var keepFolder: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let arg = arguments.next() {
    switch arg {
    case "--answers": answerCount = Int(arguments.next() ?? "") ?? answerCount
    case "--iamquiz": iamquizPath = arguments.next()
    case "--keep": keepFolder = arguments.next()
    default:
        FileHandle.standardError.write(Data("usage: progress-bench [--answers N] [--iamquiz PATH] [--keep DIR]\n".utf8))
        exit(2)
    }
}

// With --keep the profile stays in DIR (`DIR/home` is an IAMQUIZ_HOME) for profiling start-up by hand.
let folder = keepFolder.map { URL(fileURLWithPath: $0) }
    ?? FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-progress-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { if keepFolder == nil { try? FileManager.default.removeItem(at: folder) } }
// The store lives where `iamquiz` looks for the default profile, so start-up is timed against it too.
let url = folder.appendingPathComponent("home/profiles/default/progress.sqlite")
let bank = BuiltinBank.load().bank
let ids = bank.questions.map(\.id)

// A deterministic history: answers spread over two years.
var store: ProgressStore? = try ProgressStore.open(at: url)
let random = SeededRandom(seed: 42)
let start = Date().addingTimeInterval(-2 * 365 * 86_400)
let fill = try seconds {
    var rng = random
    func next() -> UInt64 { rng.next() }
    var batch: [AnswerRecord] = []
    batch.reserveCapacity(50_000)
    for i in 0..<answerCount {
        let id = ids[Int(next() % UInt64(ids.count))]
        batch.append(AnswerRecord(sessionID: nil, questionID: id, contentHash: "0", chosen: "A", isCorrect: next() % 3 != 0,
                                  seconds: Double(next() % 60), answeredAt: start.addingTimeInterval(Double(i) * 60),
                                  localHour: 12, mode: .practice, isRetry: false))
        if batch.count == 50_000 {
            try store?.insert(answers: batch)
            batch.removeAll(keepingCapacity: true)
        }
    }
    try store?.insert(answers: batch)
    let scheduler = FSRSScheduler()
    for id in ids {
        let card = scheduler.review(FSRSCard.new(at: start), rating: .good, at: start)
        try store?.save(card: CardRecord(questionID: id, state: card.state.rawValue, step: card.step, stability: card.stability,
                                         difficulty: card.difficulty, due: card.due, lastReview: card.lastReview, reps: 1))
    }
}
print("filled \(answerCount) answers in \(String(format: "%.1f", fill)) s")
store = nil

// Opening the store (SQLite's quick_check runs only up to ProgressStore.fullCheckLimit bytes).
var opens: [Double] = []
var opened: ProgressStore?
for _ in 0..<3 {
    try opened?.close()  // a store left open would start its background check during the runs below
    opens.append(try seconds { opened = try ProgressStore.open(at: url) })
}
guard let stats = opened else { exit(1) }

// Stats: the SQL aggregates and the report, as `iamquiz stats` computes them.
var runs: [Double] = []
var checksum = 0
for _ in 0..<7 {
    runs.append(try seconds {
        var cards: [String: FSRSCard] = [:]
        for record in try stats.allCards() { cards[record.questionID] = FSRSCard(record: record) }
        let report = StatsBuilder.build(bank: bank, aggregates: try stats.aggregates(), cards: cards, now: Date())
        checksum &+= report.answers
    })
}
let statsMS = median(runs) * 1000
print(String(format: "stats over %d answers: median %.1f ms (target ≤ 200 ms) %@; runs %@", answerCount, statsMS,
             statsMS <= 200 ? "pass" : "FAIL", runs.map { String(format: "%.1f", $0 * 1000) }.joined(separator: ", ")))
let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
print(String(format: "opening the store with %d answers (%.0f MB%@): median %.1f ms", answerCount, Double(size) / 1_048_576,
             size <= ProgressStore.fullCheckLimit ? ", quick_check" : ", schema check only", median(opens) * 1000))

// Start-up: `iamquiz --count 1` until it has shown the first question and read `q` (the whole run, so an
// upper bound of the time to the first question), on the profile holding the answers above; the median is
// over the ten runs after a first one.
// Closed before timing start-up: an open store of this size would start its background check
// (ProgressStore.backgroundCheckDelay after opening), which would compete with the runs below.
try stats.close()
opened = nil

if let iamquizPath {
    // A child process with stdin from a file (ChildProcess: posix_spawn, not Foundation's Process, whose own
    // tens of milliseconds are not iamquiz's), timed until it exits.
    let inputFile = folder.appendingPathComponent("q.txt").path
    _ = FileManager.default.createFile(atPath: inputFile, contents: Data("q\n".utf8))
    let child = ChildProcess(iamquizPath, arguments: ["--count", "1", "--seed", "1"],
                             environment: ["IAMQUIZ_HOME": folder.appendingPathComponent("home").path], input: inputFile)
    let launches = (0..<11).compactMap { _ in child.run()?.seconds }
    let ms = median(Array(launches.dropFirst())) * 1000
    print(String(format: "start-up to the first question (whole run of `iamquiz --count 1`, profile with %d answers): median %.1f ms (target ≤ 50 ms) %@",
                 answerCount, ms, ms <= 50 ? "pass" : "FAIL"))
}
print("checksum \(checksum)")
