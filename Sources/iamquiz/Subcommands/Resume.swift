import ArgumentParser
import Diagnostics
import Drills
import FileAccess
import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
import TerminalUI

/// `iamquiz resume`: continue the latest practice or review session that was interrupted.
struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Continue the latest interrupted practice, review or exam session.",
        discussion: """
            Practice and review: the questions not yet answered come back in the same order, with their \
            options in the same order; answers go into the same session. An exam comes back with the answers \
            and flags given so far and the time it had left, and is graded when you finish. The session's own \
            bank files are read again (a question changed since is asked as it reads now; one removed is left \
            out); --bank reads others instead. Starting a new session keeps an unfinished one: --list shows them \
            all, and `iamquiz resume N` continues session N.
            """
    )

    @OptionGroup var progress: ProgressOptions

    @Option(name: .customLong("bank"), help: "Read this bank instead of the one the session used (repeatable).")
    var banks: [String] = []

    @Flag(help: "List the unfinished sessions, newest first, with their numbers.")
    var list = false

    @Argument(help: "The number of the session to continue, as --list shows it (default: the latest).")
    var number: Int64?

    func validate() throws {
        if list, number != nil { throw ValidationError("--list lists every unfinished session; give it no session number") }
    }

    func run() throws {
        let store = try progress.openForReading()
        defer { ProgressOptions.reportDamage(store) }
        let unfinished = try store.unfinishedSessions()
        if list {
            Console.writeLines(Self.listing(unfinished))
            return
        }
        let chosen: UnfinishedSession
        if let number {
            guard let found = unfinished.first(where: { $0.session.id == number && $0.session.mode.isResumable }) else {
                Console.error("error: no unfinished session \(number)")
                Console.error("  help: `iamquiz resume --list` shows the sessions that can be continued")
                throw ExitCode(2)
            }
            chosen = found
        } else {
            // Practice and review sessions whose every question was answered (stopped before their end was
            // saved) have nothing left: they are closed, and the latest one with something left goes on.
            for done in unfinished where done.session.mode.isResumable && !done.canContinue {
                if let id = done.session.id { try store.finishSession(id: id) }
            }
            guard let latest = unfinished.first(where: \.canContinue) else {
                Console.writeLines("Nothing to resume: no interrupted session. Start one with `iamquiz`.\n")
                return
            }
            chosen = latest
        }
        let session = chosen.session
        guard let sessionID = session.id else { return }
        let bank = try load(for: chosen)
        if session.mode == .exam {
            try resumeExam(session, sessionID: sessionID, store: store, bank: bank.loaded.bank)
            return
        }
        // Drills mixed into practice (`--drills`) are in no bank: each is written again from its id.
        var withDrills = bank.loaded.bank
        withDrills.questions += try store.sessionQuestions(sessionID: sessionID).compactMap { DrillGenerator.regenerate(id: $0.questionID)?.question }
        let remaining = try SessionRestore.remaining(sessionID: sessionID, store: store, bank: withDrills,
                                                     digest: session.bankDigest)
        Self.noteChanges(of: session, changed: remaining.changed, gone: remaining.missing, exam: false)
        guard !remaining.questions.isEmpty else {
            if remaining.missing == 0 {
                try store.finishSession(id: sessionID)
                Console.writeLines("Nothing to resume: every question of the session of \(chosen.started()) was answered.\n")
                return
            }
            try closeOrKeep(chosen, left: remaining.missing, store: store)
            return
        }
        let recorder = try StudyRecorder(store: store, resuming: session)
        var loop = QuizLoop(session: QuizSession(presented: remaining.questions),
                            terminal: .standard(reader: SelectionOptions.reader(completions: QuizLoop.commands, store: store)))
        try loop.record(with: recorder, positions: remaining.positions)
        loop.verifyWith(bank.scenarios(named:))
        DrillsInSession.verify(&loop, drills: [])
        let n = remaining.questions.count
        try ExitCode.unlessSuccess(try loop.run(
            intro: "iamquiz resume: \(counted(n, "question")) left of the \(session.mode) session of \(chosen.started()).",
            recorder: recorder))
    }

    /// Rebuilds an exam from its saved questions, answers and flags, and runs it to the end.
    private func resumeExam(_ session: SessionRecord, sessionID: Int64, store: ProgressStore, bank: Bank) throws {
        let restored = try SessionRestore.exam(sessionID: sessionID, store: store, bank: bank, digest: session.bankDigest)
        Self.noteChanges(of: session, changed: restored.changed, gone: restored.missing, exam: true)
        guard !restored.items.isEmpty else {
            try closeOrKeep(UnfinishedSession(session: session, left: restored.missing), left: restored.missing, store: store)
            return
        }
        let recorder = try ExamRecorder(store: store, resuming: session, restored: restored)
        let answered = restored.items.filter { $0.answer != nil }.count
        let timeNote: String
        if let limit = session.timeLimitSeconds, session.elapsedSeconds >= limit {
            // Left (killed, or stopped) after its time ran out: graded as it stood, never reopened.
            timeNote = "its time ran out before it was left, so it is graded as it stood"
        } else if let limit = session.timeLimitSeconds {
            // As the prompt shows it: `2:09:58 left`, or `29:58 left` for an exam under an hour.
            timeNote = ExamLoop.clockText(limit - session.elapsedSeconds, limit: limit) + " left"
        } else {
            timeNote = "no time limit"
        }
        let format = Self.blueprint(stored: session.blueprint)
        let exam = ExamSession(items: restored.items, timeLimit: session.timeLimitSeconds, passMark: format?.passMark ?? ExamResult.passMark)
        try Exam.run(exam, recorder: recorder, store: store,
                     intro: "iamquiz resume: the \(format.map { "\(TextSanitizer.clean($0.name)) " } ?? "")exam of "
                         + "\(ISO8601DateFormatter().string(from: session.startedAt)), "
                         + "\(answered) of \(restored.items.count) answered so far, \(timeNote).")
    }

    // MARK: - The bank of a session

    /// The bank to continue `unfinished` on: `--bank` when given (with a note when it is not the session's),
    /// else the banks the session stored (the built-in bank when it stored none). A bank that cannot be read
    /// or has errors ends the command (exit 1) and leaves the session as it is, to resume once it reads again.
    private func load(for unfinished: UnfinishedSession) throws -> BankAndScenarios {
        let session = unfinished.session
        let paths: [String]
        if banks.isEmpty {
            paths = session.banks
        } else {
            paths = banks
            // Sessions from before iamquiz kept banks (no digest) stored none: nothing to compare.
            if session.bankDigest != nil, SessionBanks.absolute(banks) != session.banks {
                Console.error("note: reading --bank \(Self.names(SessionBanks.absolute(banks))), not the bank the session used ("
                    + Self.names(session.banks) + ")")
            }
        }
        let bank = BankAndScenarios.load(paths: paths, cache: SelectionOptions.bankCache)
        let errors = bank.diagnostics.filter { $0.severity == .error }
        guard !errors.isEmpty else { return bank }
        let of = "of the \(unfinished.kind) of \(unfinished.started())"
        let unreadable = errors.filter { $0.code == BankCode.unreadable.rawValue }
        if unreadable.isEmpty {
            DiagnosticPrinter { bank.sources[$0] }.print(errors)
            Console.error("error: \(Self.names(paths)), the bank \(of), has errors; fix them (see `iamquiz check`)")
        } else {
            for d in unreadable {
                Console.error("error: cannot read `\(TextSanitizer.clean(d.file))`, the bank \(of): \(TextSanitizer.clean(d.message))")
            }
        }
        Console.error("  help: the session is kept: `iamquiz resume` continues it once its bank reads again, "
            + "or `iamquiz resume --bank PATH` reads another")
        throw ExitCode(1)
    }

    /// When none of the questions left is in the bank: a session whose own bank (as stored, with its digest)
    /// lost them all can never go on, and is closed, saying so; otherwise (another --bank, or a session from
    /// before iamquiz kept its bank) the bank is more likely the wrong one: an error (exit 1), session kept.
    private func closeOrKeep(_ unfinished: UnfinishedSession, left: Int, store: ProgressStore) throws {
        let session = unfinished.session
        let ownBank = session.bankDigest != nil && (banks.isEmpty || SessionBanks.absolute(banks) == session.banks)
        let what = "none of the \(counted(left, "question")) left of the \(unfinished.kind) of \(unfinished.started())"
        if ownBank, let id = session.id {
            try store.finishSession(id: id)
            Console.writeLines("Nothing to resume: \(what) is in its bank any more; the session is closed.\n")
            return
        }
        Console.error("error: \(what) is in \(Self.names(banks))")
        Console.error("  help: the session is kept; give the bank it used: `iamquiz resume --bank PATH`")
        throw ExitCode(1)
    }

    /// Says how the bank changed since the session started, when its digest tells, and that a changed question
    /// is asked in its new form (in an exam, without the answer given to the old one).
    private static func noteChanges(of session: SessionRecord, changed: Int, gone: Int, exam: Bool) {
        guard changed + gone > 0 else { return }
        guard session.bankDigest != nil else {
            // A session from before iamquiz kept digests: only the questions gone can be told.
            Console.error("note: \(counted(gone, "question")) of the session \(gone == 1 ? "is" : "are") no longer in the bank and left out")
            return
        }
        Console.error("note: the bank changed since the session started: \(counted(changed, "question")) changed, \(gone) gone; "
            + "the others continue" + (changed == 0 ? "" : changed == 1 ? ", the changed one as it reads now" : ", the changed ones as they read now")
            + (changed > 0 && exam ? " and without the answer given before" : ""))
    }

    /// "`a.iqb`, `b.iqb`", or "the built-in bank".
    private static func names(_ paths: [String]) -> String {
        paths.isEmpty ? "the built-in bank" : paths.map { "`\(TextSanitizer.clean($0))`" }.joined(separator: ", ")
    }

    // MARK: - Unfinished sessions

    /// The text of `--list`.
    static func listing(_ sessions: [UnfinishedSession]) -> String {
        let open = sessions.filter(\.canContinue)
        guard !open.isEmpty else { return "No unfinished session.\n" }
        var out = "Unfinished sessions, newest first (`iamquiz resume N` continues session N):\n"
        let width = open.compactMap { $0.session.id.map { String($0).count } }.max() ?? 1
        for s in open {
            let number = String(s.session.id ?? 0)
            out += "  " + String(repeating: " ", count: max(0, width - number.count)) + number
                + "  \(s.started())  \(s.kind), \(s.progress) · "
                // Sessions from before iamquiz kept banks stored none, whatever bank they used.
                + (s.session.bankDigest == nil && s.session.banks.isEmpty ? "bank not recorded" : names(s.session.banks)) + "\n"
        }
        return out
    }

    /// Before a new session starts: says once, on standard error, that an unfinished one is kept and how to
    /// continue it. Nothing is dropped: the new session is only added.
    static func noteUnfinished(in store: ProgressStore) throws {
        if let note = UnfinishedSession.note(keeping: try store.unfinishedSessions()) { Console.error(note) }
    }

    // MARK: - Blueprints

    /// The blueprint an exam was started with (a built-in name, or a file that still reads cleanly), for
    /// its name and pass mark; nil for an exam from before blueprints, which passes at 720.
    static func blueprint(stored: String?) -> Blueprint? {
        guard let stored else { return nil }
        if let builtin = Blueprint.builtin(named: stored) { return builtin }
        guard case .success(let text) = InputFile.readText(stored) else { return nil }
        return BlueprintParser.parse(text, file: stored).blueprint
    }
}
