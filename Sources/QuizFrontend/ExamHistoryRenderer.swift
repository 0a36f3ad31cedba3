import Diagnostics
import Foundation
import QuizEngine
import TerminalUI

/// Draws `iamquiz exams`: one row per exam, oldest first so the newest is nearest the prompt, each with
/// its number (the one `exams show N` takes), date, blueprint or level, questions, score, pass or fail and
/// a bar with the pass mark on it; then the trend of the scores as a sparkline with pass or fail under
/// each mark.
public struct ExamHistoryRenderer {
    let terminal: Terminal

    /// A renderer for `terminal`'s width (bars are left out when it is too narrow) and colour.
    public init(terminal: Terminal) {
        self.terminal = terminal
    }

    private var style: Style { terminal.style }

    /// The widest score bar, in cells (the pass mark's line included).
    static let maximumBarWidth = 20

    /// The listing of `exams` (oldest first), or a one-line message when there are none.
    public func render(_ exams: [StoredExam]) -> String {
        guard !exams.isEmpty else { return "No exams yet: `iamquiz exam` starts one, and its report is kept here.\n" }
        let graded = exams.filter { $0.report != nil }
        let passMark = graded.last?.report?.passMark ?? ExamResult.passMark
        var out = style.bold("iamquiz exams") + ": \(counted(graded.count, "graded exam"))"
            + (exams.count > graded.count ? ", \(exams.count - graded.count) other" : "") + ", oldest first.\n"

        let numberWidth = max(2, exams.map { String($0.number).count }.max() ?? 2)
        let labels = exams.map(label)
        let labelWidth = min(24, max(4, labels.map(TextWrapper.displayWidth).max() ?? 4))
        // N, date, label, questions, score, result: the bar takes what is left of the line.
        let fixed = 2 + numberWidth + 2 + 16 + 2 + labelWidth + 2 + 9 + 2 + 8 + 2 + 4 + 2
        let barWidth = min(Self.maximumBarWidth, terminal.width - fixed)
        let showBars = barWidth >= 8
        out += style.dim("  " + "N".leftPadded(to: numberWidth) + "  " + "date".padded(to: 16) + "  " + "exam".padded(to: labelWidth)
            + "  " + "questions" + "  " + "score".padded(to: 8) + "  result"
            + (showBars ? "  100" + String(repeating: " ", count: max(0, barWidth - 7)) + "1000" : "")) + "\n"
        for (exam, label) in zip(exams, labels) {
            var row = "  " + String(exam.number).leftPadded(to: numberWidth) + "  "
                + ExamReportRenderer.dateText(exam.session.startedAt) + "  " + label.padded(to: labelWidth) + "  "
                + String(exam.report?.total ?? exam.session.questionCount).leftPadded(to: 9) + "  "
            if let report = exam.report {
                row += "\(report.score)/1000".leftPadded(to: 8) + "  "
                    + (report.passed ? style.green("PASS") : style.red("FAIL"))
                if showBars { row += "  " + Self.bar(score: report.score, passMark: report.passMark, width: barWidth) }
            } else if !exam.session.isFinished {
                row += style.yellow("unfinished, `iamquiz resume`")
            } else {
                row += style.dim("no report (ended before iamquiz kept reports, or without grading)")
            }
            out += row + "\n"
        }
        // Each exam is judged by its own blueprint's pass mark (720 for saa-c03, 750 for sap-c02 and scs-c02).
        let marks = Array(Set(graded.compactMap { $0.report?.passMark })).sorted().map(String.init)
        let markText = marks.count > 1 ? "each exam's pass mark (" + marks.joined(separator: " or ") + ")" : "the pass mark (\(passMark))"
        // Without a graded exam there is no bar and no pass mark to explain.
        if !graded.isEmpty {
            out += style.dim(showBars ? "  The bars run from 100 to 1000; │ marks \(markText)." : "  Pass mark: \(marks.joined(separator: " or ")).") + "\n"
        }
        out += style.dim("  `iamquiz exams show N` reopens one.") + "\n"
        out += trend(graded.compactMap(\.report))
        return out
    }

    /// The trend line: a sparkline of the latest scores (100 to 1000), ✓ or ✗ under each.
    func trend(_ reports: [ExamReport]) -> String {
        guard reports.count >= 2 else { return "" }
        let title = "  Trend: "
        let room = max(2, terminal.width - title.count - 20)
        let shown = Array(reports.suffix(room))
        let spark = Charts.sparkline(shown.map { Double($0.score) }, low: 100, high: 1000)
        let marks = String(shown.map { $0.passed ? "✓" : "✗" })
        let scores = shown.map { String($0.score) }
        let range = shown.count < reports.count ? " (last \(shown.count))" : ""
        return "\n" + title + spark + "  " + (scores.first ?? "") + " → " + (scores.last ?? "") + range + "\n"
            + String(repeating: " ", count: title.count) + marks + "  " + style.dim("✓ pass, ✗ fail") + "\n"
    }

    /// What the exam was: its blueprint, else the levels of its questions (else its filter).
    func label(_ exam: StoredExam) -> String {
        let level = exam.report.map { $0.level.contains("+") ? "mixed levels" : $0.level }
        let filter = exam.session.filterDescription.trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
        let text = exam.session.blueprint ?? exam.report?.blueprint ?? level ?? (filter.isEmpty ? "exam" : filter)
        return TextSanitizer.clean(text)
    }

    /// A bar of `width` cells for a score from 100 to 1000, with `│` at the pass mark: each side is to
    /// scale, so a score below the mark never reaches it.
    static func bar(score: Int, passMark: Int, width: Int) -> String {
        let cells = max(2, width - 1)
        let below = Int((Double(cells) * Double(passMark - 100) / 900).rounded())
        let above = cells - below
        var low = Double(score - 100) / Double(max(1, passMark - 100))
        // Charts.bar rounds to eighths: a score just under the mark must still stop short of it.
        if score < passMark { low = min(low, Double(below * 8 - 1) / Double(max(1, below * 8))) }
        let high = Double(score - passMark) / Double(max(1, 1000 - passMark))
        return Charts.bar(low, width: below) + "│" + (above > 0 ? Charts.bar(high, width: above) : "")
    }
}
