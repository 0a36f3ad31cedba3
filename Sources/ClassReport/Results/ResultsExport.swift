import Foundation
import QuizBank
import QuizEngine

/// One exported answer: its results-file line, and the question it answered when that question is still in
/// its bank with the same content (the xAPI statements need the stem and every option; the line holds only
/// what was chosen).
public struct ExportedAnswer: Sendable, Equatable {
    public var line: ResultLine
    /// The question as answered; nil when it is no longer in its bank with the answer's ``ContentHash``, and
    /// for drills.
    public var question: Question?

    public init(line: ResultLine, question: Question? = nil) {
        self.line = line
        self.question = question
    }
}

/// Reads a profile's answers for `iamquiz results export`: the selected answers as results-file lines, each
/// looked up in the bank its session used, and the header with the learner's readiness.
public struct ResultsExport: Sendable {
    /// The learner's name, checked (``LearnerName/validated(_:)``).
    public var learner: String
    public var profile: String
    public var selection: ResultsSelection
    /// `--bank`: the bank for answers recorded without a session, and the bank readiness is computed on
    /// (as `iamquiz stats --bank` does); empty for the built-in bank.
    public var banks: [String]
    /// The iamquiz version that writes the file.
    public var iamquiz: String
    public var now: Date

    public init(learner: String, profile: String, selection: ResultsSelection = ResultsSelection(), banks: [String] = [],
                iamquiz: String, now: Date = Date()) {
        self.learner = learner
        self.profile = profile
        self.selection = selection
        self.banks = banks
        self.iamquiz = iamquiz
        self.now = now
    }

    /// The export's header and answers, oldest first.
    public struct Output: Sendable, Equatable {
        public var header: ResultsHeader
        public var answers: [ExportedAnswer]
        /// How many bank answers (drills left aside) were not found in their bank with the same content, so
        /// that their texts are left out.
        public var unmatched: Int
    }

    /// The bank name a results file gives the built-in bank.
    public static let builtinName = "builtin"
    /// The bank name a results file gives drills (they are in no bank).
    public static let drillsName = "drills"

    /// Loads the questions of `paths`, or of the built-in bank for none. A bank that no longer loads gives the
    /// questions it still has (or none): its answers keep their letters and lose their texts.
    public static func loadBank(_ paths: [String]) -> Bank {
        paths.isEmpty ? BuiltinBank.load().bank : BankLoader().load(paths: paths).bank
    }

    /// The bank name of a list of bank paths: `builtin`, or the last path component of the first.
    public static func bankName(_ paths: [String]) -> String {
        guard let first = paths.first else { return builtinName }
        let name = URL(fileURLWithPath: first).standardizedFileURL.lastPathComponent
        return name.isEmpty ? first : name
    }

    /// Reads the store. `loadBank` is called once per distinct list of bank paths (tests give their own banks).
    public func run(store: ProgressStore, loadBank: ([String]) -> Bank = ResultsExport.loadBank) throws -> Output {
        let storeID = try store.storeID()
        var banksByPaths: [[String]: [String: Question]] = [:]
        func questions(_ paths: [String]) -> [String: Question] {
            if let known = banksByPaths[paths] { return known }
            var byID: [String: Question] = [:]
            for question in loadBank(paths).questions where byID[question.id] == nil { byID[question.id] = question }
            banksByPaths[paths] = byID
            return byID
        }
        var sessions: [Int64: SessionRecord?] = [:]
        var answers: [ExportedAnswer] = []
        var unmatched = 0
        try store.forEachAnswer { record in
            guard selection.includes(answeredAt: record.answeredAt, session: record.sessionID) else { return }
            let session: SessionRecord?
            if let id = record.sessionID {
                if let known = sessions[id] {
                    session = known
                } else {
                    session = try store.session(id: id)
                    sessions[id] = session
                }
            } else {
                session = nil
            }
            let isDrill = record.questionID.hasPrefix(DrillID.prefix)
            let paths = session?.banks ?? banks
            var line = ResultLine(answer: "\(storeID)/\(record.id ?? 0)", learner: learner, question: record.questionID,
                                  hash: record.contentHash, bank: isDrill ? Self.drillsName : Self.bankName(paths),
                                  chosen: record.chosen.split(separator: ",").map(String.init), correct: record.isCorrect,
                                  seconds: (max(0, record.seconds) * 1000).rounded() / 1000, mode: record.mode.rawValue,
                                  answeredAt: ResultsWriter.timestamp(record.answeredAt), retry: record.isRetry,
                                  session: record.sessionID)
            var matched: Question?
            if !isDrill {
                if let question = questions(paths)[record.questionID], ContentHash.of(question) == record.contentHash {
                    matched = question
                    Self.describe(&line, with: question)
                } else {
                    unmatched += 1
                }
            }
            answers.append(ExportedAnswer(line: line, question: matched))
        }
        let header = ResultsHeader(learner: learner, exportedAt: ResultsWriter.timestamp(now), iamquiz: iamquiz, store: storeID,
                                   profile: profile, selection: selection.inWords,
                                   readiness: try readiness(store: store, bank: loadBank(banks)), answers: answers.count)
        return Output(header: header, answers: answers, unmatched: unmatched)
    }

    /// Fills what the bank knows of the question: level, topics, the number of options, the key and the texts
    /// of the chosen options (a letter beyond the options has no text: the list is then left out).
    static func describe(_ line: inout ResultLine, with question: Question) {
        line.level = question.level.rawValue
        line.topics = question.topics
        line.options = question.options.count
        line.key = question.key.indices.map { String(AnswerInput.label($0)) }
        let indices = AnswerRecord.bankIndices(letters: line.chosen.joined(separator: ","))
        if indices.allSatisfy(question.options.indices.contains) {
            line.chosenText = indices.map { ResultsWriter.safe(question.options[$0].text) }
        }
    }

    /// The scaled score (100 to 1000) per level that `iamquiz stats` shows for `bank`, for the levels with at
    /// least one answered question.
    func readiness(store: ProgressStore, bank: Bank) throws -> [String: Int] {
        let cards = try store.cardsByID()
        let report = StatsBuilder.build(bank: bank, aggregates: try store.aggregates(), cards: cards, now: now)
        var readiness: [String: Int] = [:]
        for level in report.levels where level.seen > 0 {
            readiness[level.name] = report.readiness[level.name]
        }
        return readiness
    }
}
