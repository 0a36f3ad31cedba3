import ArgumentParser
import Diagnostics
import Foundation
import QuizEngine
import TerminalUI

/// `--profile`: which learner's progress to use.
struct ProgressOptions: ParsableArguments {
    @Option(help: "Keep progress separately for this learner (1 to \(ProgressStore.maximumProfileNameLength) letters, digits, `-`, `_`).",
            completion: .custom(Completions.profiles))
    var profile: String = ProgressOptions.defaultProfile

    init() {}

    /// The options for a profile named outside `--profile` (the argument of `iamquiz profile reset NAME`).
    init(profile: String) {
        self.profile = profile
    }

    func validate() throws {
        guard ProgressStore.isValidProfileName(profile) else {
            let limit = ProgressStore.maximumProfileNameLength
            throw ValidationError("invalid profile name `\(TextSanitizer.clean(profile))`: use 1 to \(limit) letters, digits, `-` and `_`"
                + (profile.utf8.count > limit ? " (it has \(profile.utf8.count) characters)" : ""))
        }
    }

    /// Opens the profile's store for a command that records progress (quiz, exam, review, resume),
    /// creating the profile when it does not exist yet, and saying so: a mistyped `--profile` must not
    /// start a second history unnoticed.
    ///
    /// A damaged file has been moved aside by the store: say where, and start an empty history. Anything
    /// else (permissions, a full disk) is an error: exit 1, nothing touched.
    func open() throws -> ProgressStore {
        let isNew = !Profiles.exists(profile)
        let store = try openOrCreate()
        if isNew {
            let others = Profiles.names().filter { $0 != profile }
            var note = "note: new profile `\(profile)`; its progress is kept in \(TextSanitizer.visible(store.url.deletingLastPathComponent().path))"
            if let near = closestMatch(to: profile, in: others) { note += " (did you mean `\(near)`?)" }
            Console.error(note)
        }
        return store
    }

    /// Opens the profile's store for a command that only reads progress (stats, exams, show): it never
    /// creates a profile. A profile other than `default` that does not exist is an error (exit 2, with the
    /// nearest name); `default` before any answer reads as an empty history, from a temporary store that
    /// is removed when the program ends.
    func openForReading() throws -> ProgressStore {
        if Profiles.exists(profile) { return try openOrCreate() }
        guard profile == ProgressOptions.defaultProfile else {
            let names = Profiles.names()
            var message = "error: no profile `\(profile)`"
            if let near = closestMatch(to: profile, in: names) {
                message += "; did you mean `\(near)`?"
            } else {
                message += names.isEmpty ? "; there is no profile yet" : "; the profiles are: \(names.joined(separator: ", "))"
            }
            Console.error(message)
            Console.error("  help: `iamquiz profile list` lists the profiles; a quiz with `--profile \(profile)` creates it")
            throw ExitCode(2)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-empty-\(UUID().uuidString)", isDirectory: true)
        TemporaryFolders.removeAtExit(folder)
        do {
            return try ProgressStore.open(at: folder.appendingPathComponent("progress.sqlite"))
        } catch {
            Console.error(TextSanitizer.visible("error: \(error)"))
            throw ExitCode(1)
        }
    }

    static let defaultProfile = "default"

    private func openOrCreate() throws -> ProgressStore {
        do {
            return try ProgressStore.open(profile: profile)
        } catch let error as ProgressStoreError {
            Console.error(TextSanitizer.visible("error: \(error)"))
            if let help = error.help { Console.error(TextSanitizer.visible("  help: \(help)")) }
            if case .corrupt(_, .some, _) = error {
                return try ProgressStore.open(profile: profile)
            }
            throw ExitCode(1)
        }
    }

    /// Says so when the background check of a large store (see ``ProgressStore``) found damage. Commands
    /// call it with `defer` after opening; it does not wait for a check that is still running.
    static func reportDamage(_ store: ProgressStore) {
        guard let problem = store.backgroundCheckProblem else { return }
        Console.error("warning: the progress database `\(TextSanitizer.visible(store.url.path))` failed SQLite's consistency check (\(problem)).")
        Console.error("  help: the answers of this session were written, but the file is damaged; the next start moves it "
            + "aside (nothing is deleted) and begins an empty history. Copy the file now if you want to keep it.")
    }
}
