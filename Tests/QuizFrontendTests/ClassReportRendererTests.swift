import ClassReport
import Foundation
import QuizBank
import Testing
@testable import QuizFrontend

/// `iamquiz class report` as text: the questions to fix come first with their reasons and options, every
/// figure that is undefined reads `—` (never 0), and bank text is cleaned of terminal controls.
@Suite("Class report as text") struct ClassReportRendererTests {
    /// A class of 6 where `q-trust` looks miskeyed and `q-easy` is fine; one learner has no readiness.
    static func report() -> ClassReport {
        let miskeyed = ItemReport(
            question: "q-trust", hash: "1a2b3c4d5e6f7788", level: "associate", topics: ["trust-policy"], version: .current,
            learners: 6, attempts: 7, rightAtFirst: 2, facility: 2.0 / 6, discrimination: -0.42, discriminationLearners: 6,
            options: [OptionReport(letter: "A", text: "The role's trust policy", isKey: false, chosenAtFirst: 4, share: 4.0 / 6),
                      OptionReport(letter: "B", text: "The user's \u{1B}[31midentity\u{1B}[0m policy", isKey: true, chosenAtFirst: 2,
                                   share: 2.0 / 6)],
            medianSeconds: 75,
            flags: [ItemFlag(kind: .negativeDiscrimination, reason: "strong learners miss it (discrimination -0.42): check the key"),
                    ItemFlag(kind: .distractorOverKey, reason: "option A is chosen by 4 at first attempt, the key B by 2")])
        let fine = ItemReport(
            question: "q-easy", hash: "ffeeddccbbaa9988", level: "associate", topics: ["sts"], version: .current, learners: 2,
            attempts: 2, rightAtFirst: 2, facility: 1, discrimination: nil, discriminationLearners: 2,
            options: [OptionReport(letter: "A", text: nil, isKey: true, chosenAtFirst: 2, share: 1)], medianSeconds: 12,
            flags: [ItemFlag(kind: .tooFewLearners, reason: "2 learners: too few to judge")])
        return ClassReport(
            items: [miskeyed, fine],
            topics: [TopicMastery(topic: "sts", mastery: 0.9, learners: 2, questions: 1),
                     TopicMastery(topic: "trust-policy", mastery: 1.0 / 3, learners: 6, questions: 1)],
            learners: [LearnerSummary(name: "Ana", questions: 2, attempts: 3, accuracy: 0.5,
                                      readiness: [LevelReadiness(level: "associate", score: 640, asOf: "2026-12-05T10:00:00Z")],
                                      files: ["ana.jsonl"], stores: ["s1"]),
                       LearnerSummary(name: "Ben", questions: 0, attempts: 0, accuracy: nil, readiness: [], files: ["ben.jsonl"],
                                      stores: ["s2"])],
            notes: [ReportNote(kind: .duplicateAnswers, count: 3, message: "3 answers were handed in twice: counted once")],
            bankGiven: true, minimumLearners: 5,
            totals: ReportTotals(files: 2, answersRead: 12, answers: 9, analysedAnswers: 9))
    }

    @Test("the questions to fix come first, with each reason, the key marked and the shares of each option")
    func toFixFirst() throws {
        let screen = ScriptedTerminal([], width: 100)
        let text = ClassReportRenderer(terminal: screen.terminal).render(Self.report())
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("iamquiz class report: 2 learners, 2 questions, 9 answers analysed of 12 read from 2 files."))
        let fixAt = try #require(lines.firstIndex { $0.hasPrefix("Questions to fix (1)") }, "\(text)")
        let tableAt = try #require(lines.firstIndex { $0.hasPrefix("All questions") })
        #expect(fixAt < tableAt)
        let detail = lines[fixAt..<tableAt].joined(separator: "\n")
        #expect(detail.contains("1. q-trust · version 1a2b3c4d (current) · 6 learners · facility 33% · discrimination -0.42"))
        #expect(detail.contains("! strong learners miss it (discrimination -0.42): check the key"))
        #expect(detail.contains("A        4  67% "), "\(detail)")
        #expect(detail.contains("B key    2  33% "), "\(detail)")
        #expect(!detail.contains("q-easy"), "an item with too few learners is not one to fix")
        // Bank text reaches the terminal without its control sequences.
        #expect(!text.contains("\u{1B}"))
        #expect(!lines.contains { $0.hasSuffix(" ") }, "no trailing spaces")
        #expect(detail.contains("The user's [31midentity[0m policy") || detail.contains("The user's identity policy"))
    }

    @Test("an undefined discrimination or accuracy reads — and topics are listed weakest first")
    func undefinedFiguresAndTopics() throws {
        let text = ClassReportRenderer(terminal: ScriptedTerminal([], width: 140).terminal).render(Self.report())
        let rows = text.split(separator: "\n").map(String.init)
        let easy = try #require(rows.first { $0.hasPrefix("  q-easy") }, "\(text)")
        #expect(easy.contains("100%") && easy.contains("—") && easy.contains("12 s") && easy.contains("too few learners"))
        let trust = try #require(rows.first { $0.hasPrefix("  q-trust") })
        #expect(trust.contains("-0.42") && trust.contains("1:15") && trust.contains("negative discrimination, distractor over key"))
        // On 80 columns the table keeps to the width: the flags go under the row.
        let narrow = ClassReportRenderer(terminal: ScriptedTerminal([], width: 80).terminal).render(Self.report())
        let narrowRows = narrow.split(separator: "\n").map(String.init)
        let at = try #require(narrowRows.firstIndex { $0.hasPrefix("  q-trust ") }, "\(narrow)")
        #expect(narrowRows[at].count <= 80 && narrowRows[at + 1] == "    negative discrimination, distractor over key", "\(narrow)")
        let weakest = try #require(rows.firstIndex { $0.hasPrefix("  trust-policy") })
        let strongest = try #require(rows.firstIndex { $0.hasPrefix("  sts ") })
        #expect(weakest < strongest, "weakest topic first")
        #expect(rows[weakest].contains("33%") && rows[weakest].contains("6 learners, 1 question"))
        let ben = try #require(rows.first { $0.hasPrefix("  Ben") })
        #expect(ben.contains("—") && ben.contains("none (no answers at a level)"))
        let ana = try #require(rows.first { $0.hasPrefix("  Ana") })
        #expect(ana.contains("50%") && ana.contains("associate 640 (2026-12-05)"))
        #expect(text.contains("- 3 answers were handed in twice: counted once"))
    }

    @Test("with nothing to fix the report says so, and what it would have flagged")
    func nothingToFix() {
        var report = Self.report()
        report.items.removeFirst()
        let text = ClassReportRenderer(terminal: ScriptedTerminal([], width: 100).terminal).render(report)
        #expect(text.contains("Questions to fix: none."))
    }

    @Test("CSV: one row per item, shares as decimals, an undefined discrimination empty, formulas defused")
    func csv() {
        var report = Self.report()
        report.items[1].question = "=HYPERLINK(\"x\")"
        let rows = ClassReportCSV.items(report).components(separatedBy: "\r\n")
        #expect(rows[0] == ClassReportCSV.columns.joined(separator: ","))
        #expect(rows[1] == "q-trust,current,1a2b3c4d5e6f7788,associate,trust-policy,6,7,2,0.333,-0.420,6,75.000,A=4;B*=2,"
            + "negativeDiscrimination;distractorOverKey")
        #expect(rows[2].hasPrefix("\"'=HYPERLINK(\"\"x\"\")\",current,"), "\(rows[2])")
        #expect(rows[2].contains(",1.000,,2,12.000,A*=2,tooFewLearners"))
        #expect(rows.count == 4 && rows[3].isEmpty)
    }
}
