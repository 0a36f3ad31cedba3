import ArgumentParser
import Diagnostics
import Foundation
import QuizEngine
import QuizFrontend
import TerminalUI

/// `iamquiz profile`: the learners' profiles, where their data lives, and resetting or deleting one.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "List, locate, reset or delete learners' profiles (each keeps its own progress).",
        discussion: """
            A profile is a folder under the data directory ($IAMQUIZ_HOME, else $XDG_DATA_HOME/iamquiz, else \
            ~/.local/share/iamquiz): profiles/NAME/progress.sqlite and the prompt history. Commands that record \
            progress (quiz, exam, review, resume) create a profile on first use and say so; commands that only \
            read (stats, exams, show) never create one.
            """,
        subcommands: [List.self, Path.self, Reset.self, Delete.self]
    )

    /// `iamquiz profile list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the profiles with their answers, last answer and size.")

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            let summaries = Profiles.summaries()
            let root = DataDirectory.resolve()
            if format == .json {
                try printJSON(ProfileListReport(dataDirectory: root.path, profiles: summaries.map(ProfileListReport.Entry.init)))
                return
            }
            guard !summaries.isEmpty else {
                Console.writeLines("No profile yet in \(TextSanitizer.visible(root.path)): the first quiz creates `default`.\n")
                return
            }
            Console.writeLines("Profiles in \(TextSanitizer.visible(root.path)) (\(ProfileCommand.dataDirectorySource())):\n")
            var rows = [["NAME", "ANSWERS", "QUESTIONS", "LAST ANSWER", "SIZE"]]
            for s in summaries {
                rows.append([s.name, s.answers.map { $0.formatted() } ?? "?", s.cards.map { $0.formatted() } ?? "?",
                             s.lastAnswer.map(ProfileCommand.localMinute) ?? (s.problem == nil ? "never" : "?"),
                             ProfileCommand.size(s.bytes)])
            }
            let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                let cells = row.enumerated().map { column, text in
                    column == 0 || column == 3 ? text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[column] - text.count) + text
                }
                Console.writeLines("  " + cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n")
            }
            for s in summaries {
                if let problem = s.problem {
                    Console.error("warning: profile `\(s.name)` could not be read: \(TextSanitizer.visible(problem)); the next quiz on it checks the file")
                }
            }
        }
    }

    /// `iamquiz profile path [NAME]`.
    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the data directory, or with a NAME the folder of that profile.",
            discussion: "Only the path goes to standard output, for scripts: `cp -r \"$(iamquiz profile path alice)\" backup/`."
        )

        @Argument(help: ArgumentHelp("A profile name.", valueName: "name"), completion: .custom(Completions.profiles))
        var name: String?

        func validate() throws {
            if let name { try ProfileCommand.validateName(name) }
        }

        func run() throws {
            guard let name else {
                Console.write(DataDirectory.resolve().path + "\n")
                return
            }
            Console.write(try ProgressStore.databaseURL(profile: name).deletingLastPathComponent().path + "\n")
            if !Profiles.exists(name) {
                Console.error("note: profile `\(name)` does not exist yet; a quiz with `--profile \(name)` creates it there")
            }
        }
    }

    /// `iamquiz profile reset NAME`.
    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Empty a profile's history (answers, schedule, sessions, flags); its settings stay.",
            discussion: "Asks for confirmation on a terminal; scripts pass --yes."
        )

        @OptionGroup var target: ProfileTarget

        func run() throws {
            let (name, summary) = (target.name, try ProfileCommand.existing(target.name))
            let what = "\(counted(summary.answers ?? 0, "answer")) and the schedule of \(counted(summary.cards ?? 0, "question"))"
            try ProfileCommand.confirm("Reset profile `\(name)`, deleting its \(what)?", yes: target.yes)
            let store = try ProgressOptions(profile: name).open()
            let removed = try store.resetProgress()
            try store.close()
            Console.writeLines("Profile `\(name)` reset: \(counted(removed.answers, "answer")), \(counted(removed.cards, "card")) "
                + "and \(counted(removed.sessions, "session")) deleted.\n")
        }
    }

    /// `iamquiz profile delete NAME`.
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a profile's folder: its history, schedule, settings and prompt history.",
            discussion: "Refused while an iamquiz session has the profile open. Asks for confirmation on a terminal; scripts pass --yes."
        )

        @OptionGroup var target: ProfileTarget

        func run() throws {
            let name = target.name
            guard !Profiles.isInUse(name) else {
                Console.error("error: profile `\(name)` is open in another iamquiz session; end it first (its answers would be lost)")
                throw ExitCode(1)
            }
            let summary = try ProfileCommand.existing(name)
            try ProfileCommand.confirm("Delete profile `\(name)` and its \(counted(summary.answers ?? 0, "answer")) "
                + "(\(TextSanitizer.visible(summary.folder.path)))? This cannot be undone.", yes: target.yes)
            do {
                try Profiles.delete(name)
            } catch {
                Console.error(TextSanitizer.visible("error: \(error)"))
                throw ExitCode(1)
            }
            Console.writeLines("Profile `\(name)` deleted.\n")
        }
    }

    // MARK: - Shared

    /// The profile `reset` and `delete` act on, and whether to skip the confirmation.
    struct ProfileTarget: ParsableArguments {
        @Argument(help: ArgumentHelp("The profile.", valueName: "name"), completion: .custom(Completions.profiles))
        var name: String

        @Flag(help: "Do not ask for confirmation.")
        var yes = false

        func validate() throws { try ProfileCommand.validateName(name) }
    }

    static func validateName(_ name: String) throws {
        try ProgressOptions(profile: name).validate()
    }

    /// The summary of a profile that exists; else an error with the nearest name (exit 2).
    static func existing(_ name: String) throws -> Profiles.Summary {
        if let summary = Profiles.summaries().first(where: { $0.name == name }) { return summary }
        _ = try ProgressOptions(profile: name).openForReading()  // exits with the message for an unknown profile
        Console.error("error: no profile `\(name)`; there is nothing to change")
        throw ExitCode(2)
    }

    /// Asks `question` on a terminal and goes on only on `y` or `yes`; without a terminal, only with `--yes`.
    static func confirm(_ question: String, yes: Bool) throws {
        if yes { return }
        guard TerminalInfo.isTerminal(0) else {
            Console.error("error: this asks for confirmation: run it on a terminal, or add --yes")
            throw ExitCode(2)
        }
        Console.write(question + " [y/N] ")
        let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else {
            Console.writeLines("Nothing changed.\n")
            throw ExitCode(1)
        }
    }

    /// Which variable chose the data directory, in words.
    static func dataDirectorySource(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["IAMQUIZ_HOME"], !home.isEmpty { return "set by IAMQUIZ_HOME" }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return "under XDG_DATA_HOME" }
        return "the default; IAMQUIZ_HOME chooses another"
    }

    static func localMinute(_ date: Date) -> String {
        ExamReportRenderer.dateText(date)
    }

    static func size(_ bytes: Int64) -> String {
        bytes < 1_000_000 ? "\(max(1, (bytes + 999) / 1000)) kB" : String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}

/// `profile list --format json`.
struct ProfileListReport: Encodable {
    struct Entry: Encodable {
        var name: String
        var path: String
        var answers: Int?
        var questions: Int?
        var lastAnswer: String?
        var bytes: Int64
        var problem: String?

        init(_ s: Profiles.Summary) {
            name = s.name
            path = s.folder.path
            answers = s.answers
            questions = s.cards
            lastAnswer = s.lastAnswer.map { ISO8601DateFormatter().string(from: $0) }
            bytes = s.bytes
            problem = s.problem
        }
    }

    var dataDirectory: String
    var profiles: [Entry]
}
