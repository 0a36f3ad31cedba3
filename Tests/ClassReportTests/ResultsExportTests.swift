import Foundation
import QuizBank
import QuizEngine
import Testing
@testable import ClassReport

/// A progress store on a temporary file, filled in-process, for the export tests.
final class ExportFixture {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-results-\(UUID().uuidString)")
    let store: ProgressStore
    /// The built-in bank, parsed once for all the tests (a parse takes a while in a debug build).
    static let builtinBank = BuiltinBank.load().bank
    var builtin: Bank { Self.builtinBank }
    let day = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30T...

    init() throws {
        store = try ProgressStore.open(at: folder.appendingPathComponent("progress.sqlite"))
    }

    deinit {
        try? store.close()
        try? FileManager.default.removeItem(at: folder)
    }

    var first: Question { builtin.questions[0] }
    var second: Question { builtin.questions[1] }

    /// Records an answer in a new session of `mode` on `banks`, `chosen` as bank letters.
    @discardableResult
    func answer(_ question: Question, chosen: String, hash: String? = nil, at date: Date? = nil, mode: SessionMode = .practice,
                banks: [String] = [], session: Bool = true) throws -> Int64? {
        var sessionID: Int64?
        if session {
            sessionID = try store.startSession(SessionRecord(mode: mode, questionCount: 1, banks: banks),
                                               questions: [SessionQuestionRecord(position: 0, questionID: question.id, optionOrder: [0, 1, 2, 3])]).id
        }
        let key = AnswerRecord.letters(bankIndices: question.key.indices)
        try store.record(answer: AnswerRecord(sessionID: sessionID, questionID: question.id, contentHash: hash ?? ContentHash.of(question),
                                              chosen: chosen, isCorrect: chosen == key, seconds: 12.5, answeredAt: date ?? day, mode: mode),
                         card: nil)
        return sessionID
    }

    func export(_ selection: ResultsSelection = ResultsSelection(), banks: [String] = [],
                loadBank: @escaping ([String]) -> Bank = { $0.isEmpty ? ExportFixture.builtinBank : ResultsExport.loadBank($0) }) throws -> ResultsExport.Output {
        try ResultsExport(learner: "Ana Lima", profile: "default", selection: selection, banks: banks, iamquiz: "0.1.0",
                          now: day.addingTimeInterval(86_400)).run(store: store, loadBank: loadBank)
    }
}

@Suite("Results export from a progress store")
struct ResultsExportTests {
    @Test("an answer to a built-in question gives the documented line: hash, bank letters, texts and key")
    func documentedLine() throws {
        let f = try ExportFixture()
        let q = f.first
        let wrong = q.options.indices.first { !q.key.indices.contains($0) } ?? 0
        let letter = String(AnswerInput.label(wrong))
        try f.answer(q, chosen: letter)
        let out = try f.export(loadBank: ResultsExport.loadBank)  // the built-in bank as the command loads it
        let line = try #require(out.answers.first?.line)
        let store = try f.store.storeID()
        #expect(line.answer == "\(store)/1")
        #expect(line.learner == "Ana Lima" && line.question == q.id && line.bank == "builtin")
        #expect(line.hash == ContentHash.of(q))
        #expect(line.chosen == [letter] && line.chosenText == [q.options[wrong].text])
        #expect(line.key == q.key.indices.map { String(AnswerInput.label($0)) })
        #expect(line.level == q.level.rawValue && line.topics == q.topics && line.options == q.options.count)
        #expect(line.correct == false && line.seconds == 12.5 && line.mode == "practice" && line.retry == false && line.session == 1)
        #expect(line.answeredAt == ResultsWriter.timestamp(f.day))
        #expect(out.answers.first?.question == q)
        #expect(out.header.answers == 1 && out.header.store == store && out.header.selection == "" && out.header.learner == "Ana Lima")
        #expect(out.unmatched == 0)
    }

    @Test("an answer to an edited question (another content hash) keeps its letters and loses level, topics, key and texts")
    func editedQuestion() throws {
        let f = try ExportFixture()
        try f.answer(f.first, chosen: "B", hash: "00000000deadbeef")
        let out = try f.export()
        let line = try #require(out.answers.first?.line)
        #expect(line.chosen == ["B"] && line.hash == "00000000deadbeef")
        #expect(line.level == nil && line.topics == nil && line.options == nil && line.key == nil && line.chosenText == nil)
        #expect(out.answers.first?.question == nil && out.unmatched == 1)
    }

    @Test("--since and --exam select answers; the selection is in the header in words")
    func selection() throws {
        let f = try ExportFixture()
        try f.answer(f.first, chosen: "A", at: f.day.addingTimeInterval(-3 * 86_400))
        let exam = try f.answer(f.second, chosen: "B", mode: .exam)
        try f.answer(f.first, chosen: "C", at: f.day.addingTimeInterval(60))
        let since = try f.export(ResultsSelection(since: f.day.addingTimeInterval(-60), sinceText: "2026-11-30"))
        #expect(since.answers.map(\.line.chosen) == [["B"], ["C"]])
        #expect(since.header.selection == "--since 2026-11-30" && since.header.answers == 2)
        let onlyExam = try f.export(ResultsSelection(exam: exam))
        #expect(onlyExam.answers.map(\.line.chosen) == [["B"]] && onlyExam.answers.first?.line.mode == "exam")
        #expect(onlyExam.header.selection == "--exam \(try #require(exam))")
        #expect(try f.export(ResultsSelection(since: f.day.addingTimeInterval(3_600))).answers.isEmpty)
    }

    @Test("a session's bank is looked up by its paths (the bank is named by the file name); drills and answers without a session too")
    func banksAndDrills() throws {
        let f = try ExportFixture()
        let own = Question(id: "own-1", level: .associate, topics: ["mfa"], stem: "Which?",
                           options: [AnswerOption(text: "yes"), AnswerOption(text: "no")], key: .options([1]))
        try f.answer(own, chosen: "B", banks: ["/classes/week 3/paper.iqb"])
        try f.answer(own, chosen: "A", session: false)
        let drill = Question(id: "drill-conditions-professional-5-1", stem: "Which?", options: [AnswerOption(text: "x")], key: .options([0]))
        try f.answer(drill, chosen: "A")
        var loads: [[String]] = []
        let out = try f.export(banks: ["/elsewhere/extra.iqb"]) { paths in
            loads.append(paths)
            return paths.isEmpty ? Bank() : Bank(questions: [own])
        }
        let lines = out.answers.map(\.line)
        #expect(lines.map(\.bank) == ["paper.iqb", "extra.iqb", "drills"])
        #expect(lines[0].chosenText == ["no"] && lines[1].chosenText == ["yes"] && lines[1].session == nil)
        #expect(lines[2].level == nil && lines[2].key == nil && lines[2].chosenText == nil)
        #expect(out.unmatched == 0, "a drill is in no bank: not counted as a changed question")
        // Each bank is loaded once, whatever the number of its answers (readiness reloads --bank).
        #expect(loads.filter { $0 == ["/classes/week 3/paper.iqb"] }.count == 1)
    }

    @Test("the store id is made once and kept; readiness lists only levels with answers, as stats computes them")
    func storeIDAndReadiness() throws {
        let f = try ExportFixture()
        let first = try f.store.storeID()
        let again = try f.store.storeID()
        #expect(UUID(uuidString: first) != nil && again == first)
        #expect(try f.export().header.readiness.isEmpty)
        try f.answer(f.first, chosen: AnswerRecord.letters(bankIndices: f.first.key.indices))
        let readiness = try f.export().header.readiness
        #expect(Array(readiness.keys) == [f.first.level.rawValue])
        let stats = StatsBuilder.build(bank: f.builtin, aggregates: try f.store.aggregates(), cards: [:], now: f.day.addingTimeInterval(86_400))
        #expect(readiness[f.first.level.rawValue] == stats.readiness[f.first.level.rawValue])
    }

    @Test("the learner's name is trimmed, and refused when empty, too long or with a control character")
    func learnerNames() throws {
        #expect(try LearnerName.validated("  Ana Lima ") == "Ana Lima")
        #expect(throws: LearnerName.Problem.empty) { try LearnerName.validated("   ") }
        #expect(throws: LearnerName.Problem.controlCharacter) { try LearnerName.validated("Ana\u{1B}[2J") }
        #expect(throws: LearnerName.Problem.controlCharacter) { try LearnerName.validated("Ana\tLima") }
        #expect(throws: LearnerName.Problem.tooLong(101)) { try LearnerName.validated(String(repeating: "a", count: 101)) }
    }

    @Test("--since reads a day (local midnight) or an ISO 8601 time with its zone, and nothing else")
    func sinceForms() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/Lisbon"))
        let day = try #require(ResultsSelection.parseSince("2026-12-01", calendar: calendar))
        #expect(ResultsWriter.timestamp(day) == "2026-12-01T00:00:00.000Z")
        #expect(ResultsSelection.parseSince("2026-12-01T09:30:00+01:00") == ResultsSelection.parseSince("2026-12-01T08:30:00Z"))
        for bad in ["2026-02-30", "2026-12-1", "yesterday", "2026-12-01T08:00:00", ""] {
            #expect(ResultsSelection.parseSince(bad, calendar: calendar) == nil, "\(bad)")
        }
    }
}

@Suite("Results file: writing and reading back")
struct ResultsWriterTests {
    @Test("one JSON object a line, sorted members, `\\n` ends, no null; read back equal")
    func roundTrip() throws {
        let f = try ExportFixture()
        try f.answer(f.first, chosen: "A")
        try f.answer(f.second, chosen: "B,D", hash: "0123456789abcdef")
        let out = try f.export()
        let text = try ResultsWriter.text(header: out.header, answers: out.answers.map(\.line))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines.last == "" && !text.contains("\r") && !text.contains("null"))
        #expect(lines[0].hasPrefix("{\"answers\":2,\"exportedAt\":") && lines[1].hasPrefix("{\"answer\":\""))
        let read = ResultsReader.parse(text, file: "ana.jsonl")
        #expect(read.diagnostics.isEmpty)
        let results = try #require(read.results)
        #expect(results.header == out.header)
        #expect(results.answers == out.answers.map(\.line))
        #expect(results.lines == [2, 3] && results.file == "ana.jsonl")
        // The same answers give the same bytes.
        #expect(try ResultsWriter.text(header: out.header, answers: out.answers.map(\.line)) == text)
    }

    @Test("control characters of bank text are not written; tabs and line feeds are, escaped")
    func safeText() throws {
        #expect(ResultsWriter.safe("a\u{1B}[31mb\u{9B}c\u{202E}d\te\nf") == "a[31mbcd\te\nf")
        let line = try ResultsWriter.line(ResultLine(answer: "s/1", learner: "Ana", question: "q", hash: "h", bank: "b",
                                                     chosen: ["A"], chosenText: ["x\ty"], correct: true, seconds: 1, mode: "exam",
                                                     answeredAt: "2026-12-01T00:00:00.000Z"))
        #expect(line.contains(#""chosenText":["x\ty"]"#) && line.hasSuffix("}\n") && line.filter { $0 == "\n" }.count == 1)
    }
}
