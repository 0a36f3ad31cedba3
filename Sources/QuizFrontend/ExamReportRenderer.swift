import Diagnostics
import Foundation
import QuizBank
import QuizEngine
import TerminalUI

/// Draws a graded exam's report: a one-screen summary (score, pass mark, time, per-topic bars weakest
/// first, which questions were wrong or flagged), then every question with the learner's answer and the
/// explanations. The end of an exam and `iamquiz exams show N` both use it, so a report reopened later
/// reads as it did then.
public struct ExamReportRenderer {
    let terminal: Terminal

    /// A renderer for `terminal`'s width and colour; it returns text rather than writing it, for the pager.
    public init(terminal: Terminal) {
        self.terminal = terminal
    }

    private var style: Style { terminal.style }

    /// Where a stored exam came from, for the title line of `exams show`.
    public struct Heading: Sendable {
        /// The exam's number (`iamquiz exams show N`).
        public var number: Int64
        public var startedAt: Date

        /// The title of exam `number`, started at `startedAt`.
        public init(number: Int64, startedAt: Date) {
            self.number = number
            self.startedAt = startedAt
        }
    }

    /// The whole report as one text: the summary, then the questions. `question` finds a question of the
    /// report in the bank (nil when it is no longer there).
    public func render(_ report: ExamReport, heading: Heading? = nil, question: (ExamReport.Line) -> Question?) -> String {
        let buffer = TextBuffer()
        var capture = terminal
        capture.write = { buffer.text += $0 }
        let renderer = QuestionRenderer(terminal: capture)
        for line in summary(report, heading: heading) { renderer.say(line) }
        for line in report.questions {
            renderer.say("")
            questionSection(line, of: report.total, found: question(line), renderer: renderer)
        }
        return buffer.text
    }

    /// The summary lines: the screen a learner sees first. The score, the time and which questions were
    /// wrong or flagged come before the topics, as a full exam touches some fifty topics.
    public func summary(_ report: ExamReport, heading: Heading? = nil) -> [String] {
        var lines: [String] = []
        if let heading {
            var title = [style.bold("Exam \(heading.number)"), Self.dateText(heading.startedAt)]
            let level = report.level.replacingOccurrences(of: "+", with: " and ")
            title.append(TextSanitizer.clean(report.blueprint ?? level))
            if report.blueprint != nil, !level.isEmpty { title.append(level) }
            lines += wrapped(title.joined(separator: " · "))
        }
        let verdict = report.passed ? style.green(style.bold("PASS")) : style.red(style.bold("FAIL"))
        lines.append(style.bold("Score: \(report.score)/1000") + " \(verdict) (pass mark \(report.passMark)). "
            + "\(report.correct) of \(report.total) correct.")
        lines.append("Time used: " + Self.duration(report.secondsUsed)
            + (report.timeLimitSeconds.map { " of " + Self.duration($0) + "." } ?? " (no time limit)."))
        let unanswered = report.unansweredPositions
        let answeredWrong = report.wrongPositions.filter { !unanswered.contains($0) }
        // Question numbers, said as such: "Wrong: 1. Unanswered: 2." read as counts.
        lines += wrapped("Wrong: " + Self.numbers(answeredWrong) + "."
            + (unanswered.isEmpty ? "" : " Unanswered: \(Self.numbers(unanswered))."))
        lines += wrapped("Flagged: " + Self.numbers(report.flaggedPositions) + ".")
        if let heading, !report.wrongPositions.isEmpty {
            lines.append(style.dim("Practise them: `iamquiz review --exam \(heading.number) --wrong`"))
        }
        lines.append("")
        lines.append(style.bold("By topic (weakest first):"))
        let nameWidth = min(28, report.topics.map { TextWrapper.displayWidth(TextSanitizer.clean($0.topic)) }.max() ?? 10)
        let barWidth = max(5, min(20, terminal.width - nameWidth - 18))
        for topic in report.topics {
            let name = TextSanitizer.clean(topic.topic).padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let fraction = topic.total == 0 ? 0 : Double(topic.correct) / Double(topic.total)
            lines.append("  \(name) \(Charts.bar(fraction, width: barWidth)) \(topic.correct)/\(topic.total) (\(topic.percent)%)")
        }
        return lines
    }

    /// A summary line wrapped to the width, continued lines indented (long lists of question numbers).
    private func wrapped(_ text: String) -> [String] {
        TextWrapper.wrap(text, width: terminal.width, indent: "", subsequentIndent: "  ")
    }

    /// One question: its header, then the stem and the feedback as the quiz shows it; a note instead when
    /// the bank no longer has it as it was.
    private func questionSection(_ line: ExamReport.Line, of total: Int, found: Question?, renderer: QuestionRenderer) {
        let id = TextSanitizer.clean(line.id)
        renderer.say(style.dim("Question \(line.position) of \(total)") + (line.flagged ? style.dim(" · flagged") : "")
            + style.dim(" · id \(id)"))
        let verdict = line.correct ? "right" : line.chosen == nil ? "not answered" : "wrong"
        let given = "you chose \(line.chosen.map { $0.joined(separator: ", ") } ?? "nothing"); "
            + "the answer was \(line.key.joined(separator: ", ")): \(verdict)"
        guard let question = found else {
            renderer.say(renderer.wrap("`\(id)` is no longer in the bank: \(given)."))
            return
        }
        renderer.stem(question)
        guard let feedback = line.feedback(on: question) else {
            renderer.say(renderer.wrap("Its options changed since the exam, so the answer cannot be shown against them: \(given)."))
            return
        }
        if !line.isUnchanged(question) {
            renderer.say(style.dim(renderer.wrap("It changed since the exam: shown as it is now, with the verdict given then.")))
        }
        renderer.say("")
        renderer.feedback(feedback)
    }

    /// Positions (sorted) as a list, runs of three or more as ranges: `1, 4-7, 9`.
    static func list(_ positions: [Int]) -> String {
        var parts: [String] = []
        var index = positions.startIndex
        while index < positions.endIndex {
            var end = index
            while end + 1 < positions.endIndex, positions[end + 1] == positions[end] + 1 { end += 1 }
            parts += end - index >= 2 ? ["\(positions[index])-\(positions[end])"] : positions[index...end].map(String.init)
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }

    /// Question numbers in words: `none`, `question 2`, `questions 1, 4-6`.
    static func numbers(_ positions: [Int]) -> String {
        positions.isEmpty ? "none" : (positions.count == 1 ? "question " : "questions ") + list(positions)
    }

    /// Seconds as `m:ss`, or `h:mm:ss` from an hour.
    static func duration(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded(.down)))
        return ExamLoop.clockFace(total, hours: total >= 3600)
    }

    /// A moment as the learner's local date and time: `2026-12-06 18:40`.
    public static func dateText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}

/// Text collected from a renderer's writes.
final class TextBuffer {
    var text = ""
}
