import ClassReport
import Diagnostics
import Foundation
import QuizBank
import TerminalUI

/// Draws `iamquiz class report` for an instructor: what the report is made of, the questions to fix
/// (most serious first, each with its flags and how often each option was chosen), every question in a
/// table, class mastery per topic as bars, one line per learner, and what was combined or left out.
///
/// The figures come computed (``ClassAnalysis``); this only lays them out. A figure that is undefined is
/// shown as `—` and said why, never as 0.
public struct ClassReportRenderer {
    let terminal: Terminal

    /// A renderer for `terminal`'s width and colour; it returns text rather than writing it, for the pager.
    public init(terminal: Terminal) {
        self.terminal = terminal
    }

    private var style: Style { terminal.style }

    /// The whole report. `question` finds an item's question in the instructor's bank (nil without one),
    /// to show the start of its stem and the options' texts as the bank has them.
    public func render(_ report: ClassReport, question: (String) -> Question? = { _ in nil }) -> String {
        var lines = heading(report)
        lines.append("")
        lines += toFix(report, question: question)
        lines.append("")
        lines += itemTable(report)
        lines.append("")
        lines += topics(report)
        lines.append("")
        lines += learners(report)
        if !report.notes.isEmpty {
            lines.append("")
            lines.append(style.bold("Notes:"))
            for note in report.notes { lines += wrapped("- " + TextSanitizer.clean(note.message), indent: "  ") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The title, the totals and what the versions mean with or without a bank.
    func heading(_ report: ClassReport) -> [String] {
        let questions = Set(report.items.map(\.question)).count
        let t = report.totals
        var text = style.bold("iamquiz class report") + ": \(counted(report.learners.count, "learner")), "
            + "\(counted(questions, "question"))"
            + (report.items.count == questions ? "" : " (\(counted(report.items.count, "version")) in all)")
            + ", \(counted(t.analysedAnswers, "answer")) analysed"
            + (t.analysedAnswers == t.answersRead ? "" : " of \(t.answersRead) read")
            + " from \(counted(t.files, "file"))."
        text += report.bankGiven
            ? " Checked against the bank: each question's answers are those given to its current version."
            : " No --bank: the report cannot tell a question's current version from an older one."
        var lines = wrapped(text)
        lines += wrapped(style.dim("Figures are taken at each learner's first attempt; a question with fewer than "
            + "\(counted(report.minimumLearners, "learner")) is listed but not judged."))
        return lines
    }

    /// The items whose flags ask for a change, most serious first, each with its options.
    func toFix(_ report: ClassReport, question: (String) -> Question?) -> [String] {
        let items = report.itemsToFix
        guard !items.isEmpty else {
            return wrapped(style.bold("Questions to fix: none.") + " No question judged by these results has a flag "
                + "(wrong key, weak discrimination, a distractor over the key, facility out of 20% to 95%).")
        }
        var lines = [style.bold("Questions to fix (\(items.count)), most serious first:")]
        for (number, item) in items.enumerated() {
            lines.append("")
            lines += itemDetail(item, number: number + 1, found: question(item.question))
        }
        return lines
    }

    /// One item to fix: a title line with its figures, the start of its stem, its flags, its options.
    func itemDetail(_ item: ItemReport, number: Int, found: Question?) -> [String] {
        var title = style.bold("\(number). \(TextSanitizer.clean(item.question))") + " · version \(Self.shortHash(item.hash))"
        if item.version != .unknown { title += " (\(Self.versionWord(item.version)))" }
        title += " · \(counted(item.learners, "learner")) · facility \(percentage(item.facility))%"
            + " · discrimination \(Self.discrimination(item.discrimination))"
        var lines = wrapped(title, indent: "   ")
        let stem = found.map { TextSanitizer.clean($0.stem) }.map { $0.split(whereSeparator: \.isNewline).joined(separator: " ") }
        if let stem, !stem.isEmpty {
            lines.append("   " + style.dim(String(stem).truncated(to: max(20, terminal.width - 4))))
        }
        for flag in item.flags where flag.kind != .tooFewLearners {
            let mark = flag.kind.asksForFix ? style.red("!") : style.dim("i")
            lines += wrapped("   \(mark) " + TextSanitizer.clean(flag.reason), indent: "     ")
        }
        let barWidth = max(5, min(12, terminal.width - 60))
        for option in item.options {
            let key = option.isKey == true ? style.green("key") : option.isKey == nil ? "  ?" : "   "
            let text = TextSanitizer.clean(option.text ?? "(text not known)")
            let share = percentage(option.share)
            let row = "     \(option.letter) \(key) " + String(option.chosenAtFirst).leftPadded(to: 4)
                + " " + "\(share)%".leftPadded(to: 4) + " " + Charts.bar(min(1, option.share), width: barWidth) + " "
            // The row's cells before the text: indent, letter, key mark, count, share, bar and their spaces.
            let used = 5 + 2 + 4 + 5 + 5 + barWidth + 1
            lines.append(row + text.truncated(to: max(10, terminal.width - used)))
        }
        return lines
    }

    /// Every item in one table, in the report's order (flagged first). The question column takes what the
    /// figures leave of the width; an item's flags follow its figures, or go on a line of their own under
    /// it when they do not fit.
    func itemTable(_ report: ClassReport) -> [String] {
        guard !report.items.isEmpty else { return [style.bold("Questions:") + " none (no answers to bank questions)."] }
        // Indent, version, learners, attempts, facility, discrimination, median, each with two spaces before.
        let figures = 2 + 10 + 10 + 10 + 10 + 10 + 8
        let longest = report.items.map { TextWrapper.displayWidth(TextSanitizer.clean($0.question)) }.max() ?? 8
        let idWidth = max(8, min(longest, 36, terminal.width - figures - 2))
        var lines = [style.bold("All questions") + style.dim(" (version: the first 8 digits of the content hash)") + ":"]
        lines.append(style.dim("  " + "question".padded(to: idWidth) + "  version   learners  attempts  facility  discrim."
            + "  median  flags"))
        for item in report.items {
            let row = "  " + TextSanitizer.clean(item.question).padded(to: idWidth) + "  " + Self.shortHash(item.hash).padded(to: 8)
                + "  " + String(item.learners).leftPadded(to: 8) + "  " + String(item.attempts).leftPadded(to: 8)
                + "  " + "\(percentage(item.facility))%".leftPadded(to: 8)
                + "  " + Self.discrimination(item.discrimination).leftPadded(to: 8)
                + "  " + Self.seconds(item.medianSeconds).leftPadded(to: 6)
            let flags = item.flags.map { Self.flagWord($0.kind) }.joined(separator: ", ")
            if flags.isEmpty {
                lines.append(row + "  " + style.dim("-"))
            } else if TextWrapper.displayWidth(row) + 2 + TextWrapper.displayWidth(flags) <= terminal.width {
                lines.append(row + "  " + flags)
            } else {
                lines.append(row)
                lines += wrapped("    " + flags, indent: "    ")
            }
        }
        return lines
    }

    /// Class mastery per topic, weakest first, as bars.
    func topics(_ report: ClassReport) -> [String] {
        guard !report.topics.isEmpty else { return [style.bold("Topics:") + " none known (no bank and no topics in the results)."] }
        var lines = wrapped(style.bold("Topics") + " (class mastery: the share right at first sight, mean over learners; "
            + "weakest first):")
        let nameWidth = min(28, report.topics.map { TextWrapper.displayWidth(TextSanitizer.clean($0.topic)) }.max() ?? 10)
        let barWidth = max(5, min(20, terminal.width - nameWidth - 40))
        let sorted = report.topics.sorted { ($0.mastery, $0.topic) < ($1.mastery, $1.topic) }
        for topic in sorted {
            lines.append("  " + TextSanitizer.clean(topic.topic).padded(to: nameWidth) + " " + Charts.bar(topic.mastery, width: barWidth)
                + " " + "\(percentage(topic.mastery))%".leftPadded(to: 4)
                + style.dim("  \(counted(topic.learners, "learner")), \(counted(topic.questions, "question"))"))
        }
        return lines
    }

    /// One line per learner: questions, attempts, share right at first sight, readiness as handed in.
    func learners(_ report: ClassReport) -> [String] {
        guard !report.learners.isEmpty else { return [style.bold("Learners:") + " none."] }
        let nameWidth = min(24, max(7, report.learners.map { TextWrapper.displayWidth(TextSanitizer.clean($0.name)) }.max() ?? 7))
        var lines = [style.bold("Learners") + " (right at first sight; readiness as their export computed it):"]
        lines.append(style.dim("  " + "learner".padded(to: nameWidth) + "  questions  attempts  right  readiness"))
        for learner in report.learners {
            let readiness = learner.readiness.isEmpty ? style.dim("none (no answers at a level)")
                : learner.readiness.map { "\($0.level) \($0.score)" }.joined(separator: ", ")
                    + style.dim(" (" + Self.day(learner.readiness.map(\.asOf).max() ?? "") + ")")
            lines.append("  " + TextSanitizer.clean(learner.name).padded(to: nameWidth)
                + "  " + String(learner.questions).leftPadded(to: 9) + "  " + String(learner.attempts).leftPadded(to: 8)
                + "  " + (learner.accuracy.map { "\(percentage($0))%" } ?? "—").leftPadded(to: 5) + "  " + readiness)
        }
        return lines
    }

    private func wrapped(_ text: String, indent: String = "") -> [String] {
        TextWrapper.wrap(text, width: terminal.width, indent: "", subsequentIndent: indent)
    }

    /// The first 8 hex digits of a content hash: enough to tell versions apart in a table.
    static func shortHash(_ hash: String) -> String { String(TextSanitizer.clean(hash).prefix(8)) }

    /// A discrimination index with two decimals and its sign, or `—` when it is undefined.
    static func discrimination(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        let text = String(format: "%.2f", value)
        return text == "-0.00" ? "0.00" : text
    }

    /// A median time: `42 s`, or `1:05` from a minute.
    static func seconds(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "—" }
        let whole = Int(value.rounded())
        return whole < 60 ? "\(whole) s" : "\(whole / 60):" + String(format: "%02d", whole % 60)
    }

    /// The date part of an ISO 8601 time, `2026-12-06`.
    static func day(_ iso: String) -> String { String(TextSanitizer.clean(iso).prefix(10)) }

    static func versionWord(_ version: ItemVersion) -> String {
        switch version {
        case .current: "current"
        case .older: "older"
        case .notInBank: "not in bank"
        case .unknown: "unknown"
        }
    }

    /// A flag in a word or two, for the table's last column.
    static func flagWord(_ kind: FlagKind) -> String {
        switch kind {
        case .negativeDiscrimination: "negative discrimination"
        case .distractorOverKey: "distractor over key"
        case .nearZeroDiscrimination: "near-zero discrimination"
        case .lowFacility: "hard"
        case .highFacility: "easy"
        case .olderVersion: "older version"
        case .severalVersions: "several versions"
        case .notInBank: "not in bank"
        case .tooFewLearners: "too few learners"
        }
    }
}
