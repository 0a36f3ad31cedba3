import Diagnostics
import Foundation
import QuizBank
import QuizEngine

/// One answer as the analysis sees it: the line, whose it is and where it stood, so that ties are broken the
/// same way every time.
struct CountedAnswer {
    var line: ResultLine
    /// The learner: the header's name of the file the line is in.
    var learner: String
    /// Index of the file in the order given, and of the line in its file.
    var file: Int
    var order: Int
    /// `answeredAt` read; nil when it cannot be read (the answer then comes after the others).
    var date: Date?

    /// Earlier first: by time, then by file and line.
    static func earlier(_ a: CountedAnswer, _ b: CountedAnswer) -> Bool {
        switch (a.date, b.date) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return (a.file, a.order) < (b.file, b.order)
        }
    }
}

/// The answers of all files, counted once each, drills set apart, grouped by item; and the notes that say
/// what was dropped or combined on the way.
struct GatheredAnswers {
    /// Answers of each item (question id and hash), by question id and hash.
    var items: [(question: String, hash: String, answers: [CountedAnswer])] = []
    /// How many versions (hashes) of each question id the items hold.
    var versionCount: [String: Int] = [:]
    var notes: [ReportNote] = []
    var answersRead = 0
    var answersCounted = 0
    /// Learners by name: their files (indices, in order given) and the headers of those files.
    var learnerFiles: [String: [Int]] = [:]
    var results: [LearnerResults]

    init(_ results: [LearnerResults], bank: BankIndex?) {
        self.results = results
        let reader = TimeReader()
        var seen = Set<String>()
        var duplicates = 0, otherLearner = 0, drills = 0, unreadable = 0
        var byItem: [String: [String: [CountedAnswer]]] = [:]
        for (fileIndex, file) in results.enumerated() {
            let learner = file.header.learner
            learnerFiles[learner, default: []].append(fileIndex)
            for (order, line) in file.answers.enumerated() {
                answersRead += 1
                guard seen.insert(line.answer).inserted else { duplicates += 1; continue }
                answersCounted += 1
                if line.learner != learner { otherLearner += 1 }
                // A generated drill is a new question for each learner, unless the bank given is a paper of
                // exported drills that the whole class took.
                if DrillID(parsing: line.question) != nil, bank?.questions[line.question] == nil {
                    drills += 1
                    continue
                }
                let date = reader.date(line.answeredAt)
                if date == nil { unreadable += 1 }
                byItem[line.question, default: [:]][line.hash, default: []]
                    .append(CountedAnswer(line: line, learner: learner, file: fileIndex, order: order, date: date))
            }
        }
        for question in byItem.keys.sorted() {
            let versions = byItem[question] ?? [:]
            versionCount[question] = versions.count
            for hash in versions.keys.sorted() {
                items.append((question, hash, versions[hash] ?? []))
            }
        }

        if duplicates > 0 {
            notes.append(ReportNote(kind: .duplicateAnswers, count: duplicates, message:
                "\(counted(duplicates, "answer")) handed in twice (the same answer id in two files, or twice in one): counted once"))
        }
        for (name, files) in learnerFiles.sorted(by: { $0.key < $1.key }) {
            let stores = Set(files.map { results[$0].header.store })
            if stores.count > 1 {
                notes.append(ReportNote(kind: .learnerFromSeveralStores, count: stores.count, message:
                    "learner `\(name)` comes from \(stores.count) progress stores (\(files.map { results[$0].file }.joined(separator: ", "))): combined as one learner"))
            }
        }
        var namesByStore: [String: Set<String>] = [:]
        for file in results { namesByStore[file.header.store, default: []].insert(file.header.learner) }
        for (store, names) in namesByStore.sorted(by: { $0.key < $1.key }) where names.count > 1 {
            notes.append(ReportNote(kind: .storeWithSeveralNames, count: names.count, message:
                "progress store `\(store)` was exported under \(names.count) names (\(names.sorted().joined(separator: ", "))): kept as different learners"))
        }
        if otherLearner > 0 {
            notes.append(ReportNote(kind: .lineLearnerDiffers, count: otherLearner, message:
                "\(counted(otherLearner, "answer")) name another learner than their file's header: counted for the header's learner"))
        }
        if drills > 0 {
            notes.append(ReportNote(kind: .drillAnswers, count: drills, message:
                "\(counted(drills, "answer")) to generated drills: left out of items, topics and learners' figures, as each learner's drills are new questions (give --bank with an exported drill paper to analyse it)"))
        }
        if unreadable > 0 {
            notes.append(ReportNote(kind: .unreadableTime, count: unreadable, message:
                "\(counted(unreadable, "answer")) with a time that cannot be read: taken as later than the learner's other answers to the same question"))
        }
    }

    /// One summary per learner name, by name: items answered, attempts, first-attempt accuracy, readiness.
    func learnerSummaries(_ items: [ItemFigures]) -> [LearnerSummary] {
        var answered: [String: (items: Int, attempts: Int, right: Int)] = [:]
        for item in items {
            for (learner, answers) in item.byLearner {
                var figures = answered[learner] ?? (0, 0, 0)
                figures.items += 1
                figures.attempts += answers.count
                if item.firstScore[learner] == 1 { figures.right += 1 }
                answered[learner] = figures
            }
        }
        let reader = TimeReader()
        return learnerFiles.keys.sorted().map { name in
            let files = learnerFiles[name] ?? []
            let figures = answered[name] ?? (0, 0, 0)
            // The most recent header first (by exportedAt, then the later file), so each level takes its latest readiness.
            let headers = files.map { results[$0].header }.enumerated().sorted { a, b in
                let (x, y) = (reader.date(a.element.exportedAt), reader.date(b.element.exportedAt))
                if let x, let y, x != y { return x > y }
                return a.offset > b.offset
            }.map(\.element)
            var readiness: [String: LevelReadiness] = [:]
            for header in headers {
                for (level, score) in header.readiness where readiness[level] == nil {
                    readiness[level] = LevelReadiness(level: level, score: score, asOf: header.exportedAt)
                }
            }
            var paths: [String] = []
            for index in files where !paths.contains(results[index].file) { paths.append(results[index].file) }
            return LearnerSummary(
                name: name, questions: figures.items, attempts: figures.attempts,
                accuracy: figures.items > 0 ? Double(figures.right) / Double(figures.items) : nil,
                readiness: readiness.keys.sorted().compactMap { readiness[$0] },
                files: paths, stores: Set(files.map { results[$0].header.store }).sorted())
        }
    }
}

/// Reads the ISO 8601 times of results files, with or without fractional seconds.
///
/// The exporter writes `2026-12-06T23:40:00Z`; that form is read directly (Foundation's formatter is slow enough
/// on Linux to dominate a class report), any other form through `ISO8601DateFormatter`.
struct TimeReader {
    private let plain = ISO8601DateFormatter()
    private let fractional: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    func date(_ text: String) -> Date? {
        Self.utcSeconds(text).map { Date(timeIntervalSince1970: $0) } ?? plain.date(from: text) ?? fractional.date(from: text)
    }

    /// Seconds since 1970 of `YYYY-MM-DDTHH:MM:SSZ`; nil for any other form (or an impossible date).
    static func utcSeconds(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        // Days from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Double(days * 86_400 + hour * 3_600 + minute * 60 + second)
    }
}
