import ArgumentParser
import Diagnostics
import Drills
import FileAccess
import Foundation
import QuizBank
import QuizEngine
import TerminalUI

/// `iamquiz stats`: progress, mastery and readiness, with charts; JSON and CSV for scripts.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show progress: answers, accuracy, streak, mastery per topic and level, what is due, readiness.",
        discussion: """
            Mastery of a topic is the share of its questions whose latest answer was right, each weighted by \
            the chance (FSRS retrievability) that you still remember it; a question answered wrong last, or \
            never, counts 0. Readiness is the score (100 to 1000, pass mark 720) expected on an exam of new \
            questions on --exam-date (default: in 7 days): per topic, a new question is right with probability \
            mastery + (1 - mastery) x your first-sight accuracy, the share of the topic's questions you got \
            right the first time you saw them (starting from the chance of a blind guess). The README has \
            the formula.
            """
    )

    @OptionGroup var progress: ProgressOptions

    @Option(name: .customLong("bank"), help: "The bank the progress refers to (default: the built-in bank; repeatable).")
    var banks: [String] = []

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Write the answer log in this format (csv) instead of the summary.")
    var export: ExportFormat?

    @Option(name: .shortAndLong, help: "With --export: the file to write (default: standard output).")
    var output: String?

    @Option(help: "Show one question's history and memory state.", completion: .custom(Completions.questionIDs))
    var question: String?

    @Flag(help: "With --export and -o: replace the file if it exists.")
    var force = false

    @Flag(help: "Show how many questions fall due on each of the next 30 days (today includes overdue ones).")
    var forecast = false

    @Option(name: .customLong("exam-date"), help: "The day of your exam (YYYY-MM-DD, today or later): readiness is for that day (default: in 7 days).")
    var examDate: String?

    /// The exam date as a moment (noon, local time), checked.
    func examMoment(now: Date) throws -> Date? {
        guard let examDate else { return nil }
        let parts = examDate.split(separator: "-", omittingEmptySubsequences: false)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              let date = calendar.date(from: DateComponents(year: y, month: m, day: d, hour: 12)),
              calendar.component(.day, from: date) == d, calendar.component(.month, from: date) == m else {
            throw ValidationError("--exam-date takes a day as YYYY-MM-DD, such as 2027-03-15, not `\(TextSanitizer.clean(examDate))`")
        }
        let today = calendar.startOfDay(for: now)
        guard date >= today else { throw ValidationError("--exam-date `\(examDate)` is in the past") }
        guard date < today.addingTimeInterval(3_660 * 86_400) else {
            throw ValidationError("--exam-date must be within 10 years")
        }
        return date
    }

    enum ExportFormat: String, ExpressibleByArgument {
        case csv
    }

    func validate() throws {
        if output != nil, export == nil {
            throw ValidationError("-o/--output goes with --export csv (the summary is printed, not written to a file)")
        }
        if force, output == nil {
            throw ValidationError("--force goes with -o/--output")
        }
        if forecast, export != nil || question != nil {
            throw ValidationError("--forecast shows the due counts of all questions; it does not go with --export or --question")
        }
        _ = try examMoment(now: Date())
    }

    func run() throws {
        let store = try progress.openForReading()
        defer { ProgressOptions.reportDamage(store) }
        if export != nil {
            try exportCSV(store)
            return
        }
        let loaded = banks.isEmpty ? BuiltinBank.load() : BankLoader().load(paths: banks)
        let scheduler = FSRSScheduler()
        let cards = try store.cardsByID()
        if let question {
            // A drill is scheduled by its skill's card (``DrillSkill``), and written again from its id.
            try showQuestion(question, store: store, bank: loaded.bank, card: cards[DrillSkill.cardID(forQuestion: question)],
                             scheduler: scheduler)
            return
        }
        if forecast {
            try showForecast(DueForecast(cards: cards, questionIDs: Set(loaded.bank.questions.map(\.id)), now: Date()))
            return
        }
        let report = StatsBuilder.build(bank: loaded.bank, aggregates: try store.aggregates(), cards: cards,
                                        flagged: try store.flaggedQuestions(), now: Date(), examDate: try examMoment(now: Date()),
                                        scheduler: scheduler)
        let drills = DrillSkillStats.build(answers: try store.drillAnswers(), cards: try store.allCards().reduce(into: [:]) { $0[$1.questionID] = $1 })
        switch format {
        case .json:
            try printJSON(WithDrills(report: report, drills: drills))
        case .text:
            Console.write(render(report, drills: drills))
        }
    }

    /// The report's JSON with a `drills` array beside its keys (one object per skill, ``DrillSkillStats``).
    struct WithDrills: Encodable {
        var report: StatsReport
        var drills: [DrillSkillStats]
        private enum Key: String, CodingKey { case drills }

        func encode(to encoder: any Encoder) throws {
            try report.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(drills, forKey: .drills)
        }
    }

    /// The drills section: one row per skill (family and level), each drill counted once, right the first time.
    private func renderDrills(_ drills: [DrillSkillStats], style: Style) -> String {
        guard !drills.isEmpty else { return "" }
        var out = "\n" + style.bold("Drills") + " (per family and level; each drill counted once, right at first sight):\n"
        let width = min(24, drills.map(\.skill.family.count).max() ?? 10)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        for d in drills {
            let name = TextSanitizer.clean(d.skill.family).padding(toLength: width, withPad: " ", startingAt: 0)
            let level = d.skill.level.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
            let accuracy = d.accuracy.map { "\(percentage($0))%" } ?? "no accuracy yet"
            let due = d.due.map { $0 <= Date() ? "due now" : "due \(formatter.string(from: $0))" } ?? "not scheduled"
            out += row("  \(name) \(level) ", "\(d.answered) answered, \(d.right) right, \(accuracy), \(due)")
        }
        return out
    }

    private func render(_ r: StatsReport, drills: [DrillSkillStats]) -> String {
        let style = Style(enabled: TerminalInfo.colorEnabled(fd: 1))
        var out = style.bold("iamquiz stats") + style.dim(" (profile \(progress.profile))") + "\n"
        out += "Answers \(r.answers) · accuracy \(percentage(r.accuracy))% · streak \(counted(r.streakDays, "day"))"
        out += " · due today \(r.dueToday) · due this week \(r.dueThisWeek)"
        out += (r.flagged > 0 ? " · flagged \(r.flagged) (`iamquiz review --flagged`)" : "") + "\n\n"
        out += style.bold("Readiness") + " (the score expected on an exam of new questions on \(r.examDate); pass mark \(ExamResult.passMark)):\n"
        for level in r.levels where level.questions > 0 {
            let score = r.readiness[level.name] ?? 100
            let mark = score >= ExamResult.passMark ? style.green("likely pass") : style.yellow("not yet")
            out += row("  " + level.name.padding(toLength: 13, withPad: " ", startingAt: 0) + Charts.bar(Double(score - 100) / 900, width: 24)
                + " \(score)  \(mark)  ", style.dim("seen \(level.seen)/\(level.questions)\(firstSight(level))"))
        }
        out += "\n" + style.bold("Mastery by topic") + " (what you know and still remember; weakest first):\n"
        let nameWidth = min(24, r.topics.map(\.name.count).max() ?? 10)
        for topic in r.topics {
            let name = TextSanitizer.clean(topic.name).padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            out += row("  \(name) \(Charts.bar(topic.mastery, width: 20)) \(String(format: "%3d", percentage(topic.mastery)))%  ",
                       style.dim("seen \(topic.seen)/\(topic.questions)\(firstSight(topic))"))
        }
        out += renderDrills(drills, style: style)
        // Calendar of the last 16 weeks and accuracy by day.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let today = calendar.startOfDay(for: Date())
        let byDay = Dictionary(uniqueKeysWithValues: r.days.map { ($0.date, $0) })
        let counts = (0..<(16 * 7)).map { back -> Int in
            let day = today.addingTimeInterval(Double(-back) * 86_400 + 43_200)
            return byDay[StatsBuilder.dayKey(day, calendar: calendar)]?.answers ?? 0
        }
        let weekday = (calendar.component(.weekday, from: today) + 5) % 7  // Monday = 0
        out += "\n" + style.bold("Study days") + " (last 16 weeks; darker is more answers):\n"
        for row in Charts.calendar(counts: counts, weekdayOfToday: weekday, weeks: 16) { out += "  \(row)\n" }
        let recent = r.days.suffix(30)
        if !recent.isEmpty {
            let values = recent.map { $0.answers == 0 ? Double.nan : Double($0.correct) / Double($0.answers) }
            out += "\n" + style.bold("Accuracy by study day") + " (last \(recent.count)): "
                + Charts.sparkline(values, low: 0, high: 1) + "\n"
        }
        return Console.wrapped(out)
    }

    /// A table row laid out to the width, its last cell wrapping under itself (``TextWrapper/tableRow``).
    private func row(_ cells: String, _ last: String) -> String {
        TextWrapper.tableRow(cells, last: last, width: Console.width).joined(separator: "\n") + "\n"
    }

    /// ", 7 of 10 right at first sight", or nothing before any answer.
    private func firstSight(_ group: StatsReport.Group) -> String {
        group.firstAnswers == 0 ? "" : ", \(group.firstRight) of \(group.firstAnswers) right at first sight"
    }

    private func showQuestion(_ id: String, store: ProgressStore, bank: Bank, card: FSRSCard?, scheduler: FSRSScheduler) throws {
        guard let q = bank.questions.first(where: { $0.id == id }) ?? DrillGenerator.regenerate(id: id)?.question else {
            // A usage error of `stats` (exit 2), said once: thrown as a ValidationError from `run`, it came with the
            // usage of `iamquiz` itself, which does not help.
            throw Show.unknownQuestion(id, in: bank)
        }
        let answers = try store.answers(questionID: id)
        let orders = try store.optionOrders(questionID: id)
        var out = "Question `\(TextSanitizer.clean(id))` · \(q.level.rawValue) · \(TextSanitizer.clean(q.topics.joined(separator: ", ")))\n"
        out += TextWrapper.wrap(TextSanitizer.clean(q.stem.components(separatedBy: "\n\n").first ?? ""), width: Console.proseWidth)
            .joined(separator: "\n") + "\n\n"
        if let card, card.lastReview != nil {
            let r = scheduler.retrievability(of: card, at: Date())
            let of = DrillID(parsing: id).map { " (of the skill `\($0.skill.id)`)" } ?? ""
            out += "Memory\(of): \(card.state.rawValue), stability \(String(format: "%.2f", card.stability ?? 0)) days, "
                + "difficulty \(String(format: "%.2f", card.difficulty ?? 0)), recall now \(percentage(r))%, "
                + "due \(ISO8601DateFormatter().string(from: card.due))\n"
        } else {
            out += "Memory: not studied yet\n"
        }
        out += "Answers: \(answers.count)" + (answers.isEmpty ? "" : ", \(answers.filter(\.isCorrect).count) right") + "\n"
        let formatter = ISO8601DateFormatter()
        let hash = ContentHash.of(q)
        for a in answers {
            out += "  \(formatter.string(from: a.answeredAt))  \(a.isCorrect ? "right" : "wrong")  " + String(format: "%.1f s", a.seconds)
                + "  \(a.mode)\(a.isRetry ? " · retried" : "")  \(choice(a, question: q, hash: hash, orders: orders))\n"
        }
        if format == .json {
            let lines = answers.map { a in
                let shown = SeenLetters.of(a, orders: orders).map { "\"\($0)\"" } ?? "null"
                return "{\"answeredAt\":\"\(formatter.string(from: a.answeredAt))\",\"correct\":\(a.isCorrect),\"chosen\":\"\(a.chosen)\","
                    + "\"shown\":\(shown),\"seconds\":\(a.seconds),\"mode\":\"\(a.mode)\"}"
            }
            Console.write("{\"question\":\"\(id)\",\"answers\":[\(lines.joined(separator: ","))]}\n")
        } else {
            Console.writeLines(out)
        }
    }

    /// What the learner chose, by the letters seen and the bank's: `chose A (bank B): Amazon S3`, or
    /// `chose B (bank letters): Amazon S3` when the letters seen are not known (an answer older than
    /// ``AnswerRecord/shown`` whose session order is lost). Each option's text is cut to
    /// ``choiceTextLength`` characters, and left out when the question changed since the answer: the current
    /// text would not be what the learner chose.
    private func choice(_ a: AnswerRecord, question q: Question, hash: String, orders: [Int64: [Int]]) -> String {
        guard !a.chosen.isEmpty else { return "no answer" }
        var text = SeenLetters.of(a, orders: orders).map { "chose \($0) (bank \(a.chosen))" } ?? "chose \(a.chosen) (bank letters)"
        guard a.contentHash == hash else { return text + ", to an earlier version of the question" }
        let texts = AnswerRecord.bankIndices(letters: a.chosen).filter(q.options.indices.contains).map { index in
            let option = TextSanitizer.clean(q.options[index].text)
            return option.count > Self.choiceTextLength ? String(option.prefix(Self.choiceTextLength - 1)) + "…" : option
        }
        text += ": " + texts.joined(separator: " · ")
        return text
    }

    /// The most characters of an option's text in a line of `--question`'s history.
    static let choiceTextLength = 40

    /// Streams the answer log as CSV (RFC 4180 quoting), oldest first: to standard output, or to the
    /// `-o` file whole or not at all (``OutputFile``: a failed export leaves the file as it was).
    private func exportCSV(_ store: ProgressStore) throws {
        var file: OutputFile?
        if let output {
            do {
                file = try OutputFile(path: output, replace: force)
            } catch {
                DiagnosticPrinter.print(error, file: output)
                throw ExitCode(1)
            }
        }
        func emit(_ text: String) throws {
            guard file != nil else { return Console.write(text) }
            do {
                try file?.write(text)
            } catch {
                DiagnosticPrinter.print(error, file: output ?? "")
                throw ExitCode(1)
            }
        }
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var buffer = "answered_at,question_id,content_hash,chosen,correct,seconds,local_hour,mode,retried,session_id\n"
        var count = 0
        try store.forEachAnswer { a in
            buffer += [formatter.string(from: a.answeredAt), field(a.questionID), a.contentHash, field(a.chosen),
                       a.isCorrect ? "true" : "false", String(format: "%.3f", a.seconds), String(a.localHour), field(a.mode.rawValue),
                       a.isRetry ? "true" : "false", a.sessionID.map(String.init) ?? ""].joined(separator: ",") + "\n"
            count += 1
            if buffer.utf8.count > 1 << 16 {
                try emit(buffer)
                buffer = ""
            }
        }
        try emit(buffer)
        guard let output, let finished = file.take() else { return }
        do {
            try finished.commit()
        } catch {
            DiagnosticPrinter.print(error, file: output)
            throw ExitCode(1)
        }
        Console.error("wrote \(counted(count, "answer")) to \(TextSanitizer.clean(output))")
    }
}
