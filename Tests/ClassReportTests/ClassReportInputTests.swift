import Foundation
import QuizBank
import QuizEngine
import Testing
@testable import ClassReport

/// What the report does with versions, duplicates, several stores, drills and missing fields: nothing is
/// pooled across versions, and nothing is dropped without a note.
@Suite("Class report: versions, duplicates and notes") struct ClassReportInputTests {
    static let names = ["Ana", "Ben", "Cai", "Dee", "Eva", "Fay"]

    /// The bank's `q1`: two options, key A. Its hash is the current version.
    static let bankQuestion = Question(id: "q1", level: .professional, topics: ["external-id"], stem: "Who can assume the role?",
                                       options: [AnswerOption(text: "The vendor with the External ID"), AnswerOption(text: "Anyone")],
                                       key: .options([0]))

    /// Ana, Ben, Cai answered `q1` at hash `old` (all wrong); Dee, Eva, Fay at `hash` (all right).
    static func twoVersions(current hash: String) -> [LearnerResults] {
        var table = ResultsTable()
        for name in names.prefix(3) { table.answer(name, "q1", chose: ["B"], hash: "old0000000000000") }
        for name in names.suffix(3) { table.answer(name, "q1", chose: ["A"], hash: hash) }
        return table.files()
    }

    @Test func versionMixingRefused() throws {
        let report = ClassAnalysis.report(Self.twoVersions(current: "new0000000000000"))
        #expect(report.items.count == 2)
        let old = try #require(report.item("q1", hash: "old0000000000000"))
        let new = try #require(report.item("q1", hash: "new0000000000000"))
        // Pooled, facility would be 3 of 6; apart, each version has its own learners and figures.
        #expect(old.learners == 3 && old.facility == 0 && new.learners == 3 && new.facility == 1)
        #expect(old.version == .unknown && new.version == .unknown)
        #expect(old.flags.map(\.kind) == [.severalVersions, .tooFewLearners].sorted())
        #expect(old.flags.contains { $0.reason == "2 versions in the results: give --bank to tell the current one" })
        // The rest of the test never holds another version of the same question.
        #expect(report.learner("Ana")?.questions == 1)
    }

    @Test func withTheBankOlderVersionsAreReportedApart() throws {
        let current = ContentHash.of(Self.bankQuestion)
        var results = Self.twoVersions(current: current)
        var table = ResultsTable()
        table.answer("Ana", "gone", chose: ["A"], minute: 2)
        results[0].answers += table.files()[0].answers.map { line in
            var line = line
            line.answer = "store-ana/99"
            return line
        }
        let report = ClassAnalysis.report(results, bank: [Self.bankQuestion])
        let old = try #require(report.item("q1", hash: "old0000000000000"))
        let new = try #require(report.item("q1", hash: current))
        #expect(old.version == .older && new.version == .current)
        #expect(old.flags.first { $0.kind == .olderVersion }?.reason == "3 answers to an older version: reported apart")
        #expect(!new.flags.contains { $0.kind == .olderVersion || $0.kind == .severalVersions })
        // The current version takes level, topics, key and texts from the bank.
        #expect(new.level == "professional" && new.topics == ["external-id"])
        #expect(new.options.map(\.text) == ["The vendor with the External ID", "Anyone"])
        #expect(new.options.map(\.isKey) == [true, false])
        #expect(report.item("gone")?.version == .notInBank)
        #expect(report.item("gone")?.flags.contains { $0.reason == "not in the bank given: removed or renamed since it was answered" } == true)
        // Mastery counts current versions only: external-id from Dee, Eva, Fay (all right).
        #expect(report.topics.first { $0.topic == "external-id" }?.mastery == 1)
        #expect(report.topics.first { $0.topic == "external-id" }?.learners == 3)
    }

    /// An older version that almost no one got right is flagged, but the current question is what to fix first.
    @Test func flagsOfAnOlderVersionDoNotMakeItAnItemToFix() throws {
        let current = ContentHash.of(Self.bankQuestion)
        var table = ResultsTable()
        for name in Self.names.prefix(5) { table.answer(name, "q1", chose: ["B"], hash: "old0000000000000") }
        for (name, letter) in zip(Self.names.prefix(5), ["B", "B", "B", "A", "A"]) {
            table.answer(name, "q1", chose: [letter], key: ["A"], hash: current, minute: 1)
        }
        let report = ClassAnalysis.report(table.files(), bank: [Self.bankQuestion])
        let old = try #require(report.item("q1", hash: "old0000000000000"))
        #expect(old.flags.map(\.kind) == [.distractorOverKey, .lowFacility, .olderVersion] && !old.needsFix)
        #expect(report.items.map(\.hash) == [current, "old0000000000000"])
        #expect(report.itemsToFix.map(\.hash) == [current]) // B chosen over the key A
    }

    /// Ben's file handed in twice: his answers count once, and a note says how many were dropped.
    @Test func duplicateAnswersCountedOnce() throws {
        var files = ItemAnalysisTests.fiveByFour().files()
        var copy = files[1]
        copy.file = "ben-again.jsonl"
        files.append(copy)
        let report = ClassAnalysis.report(files)
        #expect(report.item("q1")?.attempts == 5 && report.learner("Ben")?.attempts == 4)
        #expect(report.notes.map(\.kind) == [.duplicateAnswers])
        #expect(report.notes.first?.message == "4 answers handed in twice (the same answer id in two files, or twice in one): counted once")
        #expect(report.totals == ReportTotals(files: 6, answersRead: 24, answers: 20, analysedAnswers: 20))
        #expect(report.learner("Ben")?.files == ["ben.jsonl", "ben-again.jsonl"])
    }

    /// Ana exported from her laptop and from a lab machine: one learner, with a note, and her latest readiness.
    @Test func oneLearnerFromTwoStoresIsCombined() throws {
        var table = ResultsTable()
        table.answer("Ana", "q1", chose: ["A"])
        let laptop = ResultsTable.file("Ana", table.files()[0].answers, store: "laptop", path: "ana-laptop.jsonl",
                                       readiness: ["associate": 610, "professional": 400], exportedAt: "2026-12-05T09:00:00Z")
        var lab = table.files()[0].answers[0]
        lab.answer = "lab/1"
        lab.question = "q2"
        let labFile = ResultsTable.file("Ana", [lab], store: "lab", path: "ana-lab.jsonl", readiness: ["associate": 700],
                                        exportedAt: "2026-12-06T09:00:00Z")
        let report = ClassAnalysis.report([labFile, laptop])
        let ana = try #require(report.learner("Ana"))
        #expect(report.learners.count == 1 && ana.questions == 2 && ana.stores == ["lab", "laptop"])
        #expect(ana.files == ["ana-lab.jsonl", "ana-laptop.jsonl"])
        #expect(ana.readiness == [LevelReadiness(level: "associate", score: 700, asOf: "2026-12-06T09:00:00Z"),
                                  LevelReadiness(level: "professional", score: 400, asOf: "2026-12-05T09:00:00Z")])
        #expect(report.notes.map(\.kind) == [.learnerFromSeveralStores])
        #expect(report.notes.first?.message == "learner `Ana` comes from 2 progress stores (ana-lab.jsonl, ana-laptop.jsonl): combined as one learner")
    }

    /// Drills, questions with nil fields and a line naming another learner: each counted in a note that says
    /// which figures leave them out.
    @Test func leftOutAnswersAreNamedInNotes() throws {
        var table = ResultsTable()
        table.answer("Ana", "drill-conditions-professional-7-1", chose: ["A"])
        table.answer("Ana", "q1", chose: ["A"], minute: 1, topics: nil, level: nil, options: nil, texts: false)
        table.answer("Ben", "q1", chose: ["B"], minute: 1, topics: nil, level: nil, options: nil, texts: false)
        var files = table.files()
        files[1].answers[0].learner = "Benjamin"
        files[1].answers[0].key = nil
        files[0].answers[1].key = nil
        let report = ClassAnalysis.report(files)
        #expect(report.notes.map(\.kind) == [.lineLearnerDiffers, .drillAnswers, .unknownTopics, .unknownKey])
        #expect(report.notes.map(\.count) == [1, 1, 2, 2])
        #expect(report.notes[1].message.hasPrefix("1 answer to generated drills: left out of items, topics and learners' figures"))
        #expect(report.notes[2].message == "2 answers to questions whose level and topics are unknown (the learner's bank no longer held that version): left out of topic mastery")
        #expect(report.items.map(\.question) == ["q1"] && report.topics.isEmpty)
        #expect(report.item("q1")?.options.map(\.isKey) == [nil, nil])
        #expect(report.learner("Ana")?.questions == 1 && report.learner("Ben")?.attempts == 1)
        #expect(report.totals == ReportTotals(files: 2, answersRead: 3, answers: 3, analysedAnswers: 2))
        // With the exported drill paper as the bank, the drill is an ordinary question of it.
        let paper = Question(id: "drill-conditions-professional-7-1", stem: "s", options: [AnswerOption(text: "a")], key: .options([0]))
        #expect(ClassAnalysis.report(files, bank: [paper]).item("drill-conditions-professional-7-1")?.version == .older)
    }

    /// Key B and D, graded all or nothing. First choices: Ana B+D (right), Ben B, Cai B+C, Dee B+D (right), Eva D.
    /// Facility 2/5; each chosen option counts once per learner: B 4, C 1, D 3 (shares add up to more than 1).
    @Test func multipleAnswerItemScoresAsGradedAndCountsEachOption() throws {
        var table = ResultsTable()
        let choices: [(String, [String])] = [("Ana", ["B", "D"]), ("Ben", ["B"]), ("Cai", ["B", "C"]), ("Dee", ["D", "B"]), ("Eva", ["D"])]
        for (name, chosen) in choices { table.answer(name, "multi", chose: chosen, key: ["B", "D"]) }
        let item = try #require(ClassAnalysis.report(table.files()).item("multi"))
        #expect(item.rightAtFirst == 2 && item.facility == 0.4)
        #expect(item.options.map(\.chosenAtFirst) == [0, 4, 1, 3])
        #expect(item.options.map(\.isKey) == [false, true, false, true])
        #expect(!item.flags.contains { $0.kind == .distractorOverKey }) // C (1) is below the weaker key option D (3)
    }

    /// A distractor beats the key: single key, and with two keys against the less chosen one.
    @Test func distractorChosenMoreThanTheKeyIsFlagged() throws {
        var single = ResultsTable()
        for (name, letter) in zip(Self.names, ["C", "C", "C", "A", "A"]) { single.answer(name, "q1", chose: [letter]) }
        let one = try #require(ClassAnalysis.report(single.files()).item("q1"))
        #expect(one.flags.first { $0.kind == .distractorOverKey }?.reason
            == "option C is chosen more often than the key A (3 learners against 2): check the key and option C")

        var double = ResultsTable()
        let choices: [[String]] = [["A", "C"], ["A", "C"], ["A", "C"], ["A", "B"], ["C"]]
        for (name, chosen) in zip(Self.names, choices) { double.answer(name, "q2", chose: chosen, key: ["A", "B"]) }
        let two = try #require(ClassAnalysis.report(double.files()).item("q2"))
        #expect(two.flags.first { $0.kind == .distractorOverKey }?.reason
            == "option C is chosen more often than key option B (4 learners against 1): check the key and option C")
    }

    /// The exporter's time form is read without Foundation's (slow) formatter, to the same instant.
    @Test(arguments: ["1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2026-12-06T23:40:00Z", "2000-03-01T12:00:00Z", "1969-12-31T23:59:59Z"])
    func exportTimesReadAsFoundationReadsThem(text: String) throws {
        let expected = try #require(ISO8601DateFormatter().date(from: text))
        #expect(TimeReader.utcSeconds(text) == expected.timeIntervalSince1970)
    }

    /// Another form still orders by time (fractional seconds, an offset); a time that cannot be read comes last, with a note.
    @Test func otherTimeFormsOrderByTimeAndUnreadableOnesComeLast() throws {
        var table = ResultsTable()
        table.answer("Ana", "q1", chose: ["B"])
        table.answer("Ana", "q1", chose: ["C"])
        table.answer("Ana", "q1", chose: ["A"])
        var files = table.files()
        files[0].answers[0].answeredAt = "yesterday"
        files[0].answers[1].answeredAt = "2026-12-06T11:00:00.500+01:00" // 10:00:00.5 UTC
        files[0].answers[2].answeredAt = "2026-12-06T10:00:00.250Z"
        let report = ClassAnalysis.report(files)
        #expect(report.item("q1")?.rightAtFirst == 1) // A, at 10:00:00.25, is the first
        #expect(report.notes.map(\.kind) == [.unreadableTime] && report.notes.first?.count == 1)
    }

    /// The same files in the same order give the same JSON, byte for byte.
    @Test func reportIsDeterministic() throws {
        let files = ItemAnalysisTests.fiveByFour().files() + Self.twoVersions(current: "new0000000000000")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let first = try encoder.encode(ClassAnalysis.report(files))
        for _ in 0..<3 { #expect(try encoder.encode(ClassAnalysis.report(files)) == first) }
    }
}
