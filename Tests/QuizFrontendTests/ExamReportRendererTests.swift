import Foundation
import QuizBank
import QuizEngine
@testable import QuizFrontend
import Testing

/// An exam of `prepared` graded after `script`, with its report (as the recorder stores it) and its questions.
private func gradedExam(_ prepared: Prepared, _ script: [Keystroke]) throws -> (screen: ScriptedTerminal, report: ExamReport,
                                                                                  questions: [String: Question]) {
    var prepared = prepared
    let exam = prepared.exam(minutes: 10)
    let screen = ScriptedTerminal(script)
    var loop = ExamLoop(exam: exam, terminal: screen.terminal)
    let outcome = loop.run(intro: "iamquiz exam: test.")
    let result = try #require(outcome)
    let report = ExamReport(result: result, of: loop.exam, secondsUsed: 75, blueprint: "sap-c02")
    let questions = Dictionary(exam.items.map { ($0.question.question.id, $0.question.question) }, uniquingKeysWith: { a, _ in a })
    return (screen, report, questions)
}

@Suite("The exam report, exam history and paging, in-process")
struct ExamReportRendererTests {
    static let three = Prepared(bank: [Fixtures.single], seed: 4, count: 3)

    /// The first question answered right, the second wrong and flagged, the third left unanswered.
    static func script() throws -> [Keystroke] {
        var probe = three
        let exam = probe.exam(minutes: 10)
        return [.line(exam.items[0].question.rightLetters), "flag", .line(exam.items[1].question.wrongLetters.prefix(1).description),
                "finish"]
    }

    @Test("the end of an exam goes through the pager: the summary (score, time, topics, wrong and flagged) before the questions")
    func endOfExamIsPaged() throws {
        let (screen, report, _) = try gradedExam(Self.three, try Self.script())
        try #require(screen.paged.count == 1, "the report is paged once:\n\(screen.output)")
        let text = screen.paged[0]
        #expect(report.correct == 1 && report.score == 400)
        let order = ["Score: 400/1000 FAIL (pass mark 720). 1 of 3 correct.", "Time used: ", "Wrong: question 2. Unanswered: question 3.",
                     "Flagged: question 2.", "By topic (weakest first):", "Question 1 of 3", "Question 2 of 3 · flagged", "Question 3 of 3"]
        let positions = order.map { text.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "missing one of \(order) in:\n\(text)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "out of order:\n\(text)")
        #expect(text.contains("✓ Correct.") && text.contains("✗ Wrong.") && text.contains("✗ Not answered."))
    }

    @Test("exams show: a title with the number, date and blueprint; per-topic bars with their tallies; the review hint")
    func storedReport() throws {
        let (screen, report, questions) = try gradedExam(Self.three, try Self.script())
        let renderer = ExamReportRenderer(terminal: screen.terminal)
        let started = Date(timeIntervalSince1970: 1_780_000_000)
        let text = renderer.render(report, heading: .init(number: 12, startedAt: started)) { questions[$0.id] }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("Exam 12 · ") && lines[0].contains(" · sap-c02 · \(report.level.replacingOccurrences(of: "+", with: " and "))"), "\(lines[0])")
        #expect(lines[1].hasPrefix("Score: 400/1000 FAIL"))
        #expect(lines[2] == "Time used: 1:15 of 10:00.")
        for topic in report.topics {
            let row = try #require(lines.first { $0.hasPrefix("  \(topic.topic) ") }, "no bar for \(topic.topic)")
            #expect(row.hasSuffix(" \(topic.correct)/\(topic.total) (\(topic.percent)%)"))
            #expect(row.contains(topic.correct == topic.total ? "████" : "░"))
        }
        // Weakest first.
        #expect(report.topics.map(\.percent) == report.topics.map(\.percent).sorted())
        #expect(text.contains("Practise them: `iamquiz review --exam 12 --wrong`"))
    }

    @Test("a question no longer in the bank is listed by its id with the answer given and the verdict")
    func missingQuestion() throws {
        let (screen, report, questions) = try gradedExam(Self.three, try Self.script())
        let gone = report.questions[1].id
        let text = ExamReportRenderer(terminal: screen.terminal).render(report) { $0.id == gone ? nil : questions[$0.id] }
        let chosen = report.questions[1].chosen?.joined(separator: ", ") ?? ""
        let key = report.questions[1].key.joined(separator: ", ")
        let unwrapped = text.replacingOccurrences(of: "\n", with: " ")
        #expect(unwrapped.contains("`\(gone)` is no longer in the bank: you chose \(chosen); the answer was \(key): wrong."), "\(text)")
        #expect(text.occurrences(of: "Explanation:") <= 2)
    }

    @Test("exams: one row per exam with number, score, pass or fail and a bar; unfinished ones say resume; the trend")
    func history() throws {
        let (screen, report, _) = try gradedExam(Self.three, try Self.script())
        var passed = report
        passed.score = 1000
        passed.passed = true
        let day = Date(timeIntervalSince1970: 1_780_000_000)
        let exams = [StoredExam(session: SessionRecord(id: 3, mode: .exam, startedAt: day, questionCount: 3, isFinished: true), report: report),
                     StoredExam(session: SessionRecord(id: 5, mode: .exam, startedAt: day, questionCount: 3, isFinished: true), report: passed),
                     StoredExam(session: SessionRecord(id: 8, mode: .exam, startedAt: day, questionCount: 75), report: nil)]
        let text = ExamHistoryRenderer(terminal: screen.terminal).render(exams)
        let rows = text.split(separator: "\n").map(String.init)
        let row3 = try #require(rows.first { $0.hasPrefix("   3  ") }, "\(text)")
        #expect(row3.contains("sap-c02") && row3.contains("400/1000  FAIL"))
        let row5 = try #require(rows.first { $0.hasPrefix("   5  ") })
        #expect(row5.contains("1000/1000  PASS"))
        #expect(rows.first { $0.hasPrefix("   8  ") }?.contains("75  unfinished, `iamquiz resume`") == true, "\(text)")
        #expect(text.contains("Trend: ▃█  400 → 1000"), "\(text)")
        #expect(text.contains("✗✓"))
        #expect(text.contains("│ marks the pass mark (720)"))
        #expect(ExamHistoryRenderer(terminal: screen.terminal).render([]) == "No exams yet: `iamquiz exam` starts one, and its report is kept here.\n")
    }

    @Test("question numbers are listed with runs of three or more as ranges", arguments: [
        ([], ""), ([4], "4"), ([1, 2], "1, 2"), ([1, 2, 3], "1-3"), ([1, 2, 3, 5, 7, 8, 9, 10], "1-3, 5, 7-10"),
    ] as [([Int], String)])
    func positionList(_ positions: [Int], _ text: String) {
        #expect(ExamReportRenderer.list(positions) == text)
    }

    @Test("the bar of a score has the pass mark at the same place; a score below it never reaches it", arguments: [100, 719, 720, 1000])
    func barAtThePassMark(score: Int) {
        let bar = ExamHistoryRenderer.bar(score: score, passMark: 720, width: 20)
        let parts = bar.split(separator: "│", omittingEmptySubsequences: false)
        #expect(parts.count == 2 && bar.count == 20)
        #expect(parts[0].count == 13)
        #expect(parts[0].hasSuffix("█") == (score >= 720), "\(bar)")
        #expect(parts[1].contains("█") == (score == 1000))
    }

    @Test("verify's trace goes through the pager, in the quiz and after its last question")
    func verifyIsPaged() throws {
        var prepared = Prepared(bank: [Fixtures.verifiedBank], seed: 1)
        let library = prepared.bank.scenarios()
        let screen = ScriptedTerminal(ScriptedTerminal.typed("ab\nverify\nq\n"))
        var loop = QuizLoop(session: prepared.quiz(), terminal: screen.terminal)
        loop.verifyWith { _ in library }
        loop.run(intro: "iamquiz: test.")
        #expect(screen.paged.count == 1)
        #expect(screen.paged.first?.hasPrefix("scenario e2e-deputy") == true, "\(screen.paged)")
    }
}
