import ArgumentParser
import Foundation
import QuizEngine
import TerminalUI

/// `--profile`: which learner's progress to use.
struct ProgressOptions: ParsableArguments {
    @Option(help: "Keep progress separately for this learner (1 to \(ProgressStore.maximumProfileNameLength) letters, digits, `-`, `_`).")
    var profile: String = "default"

    func validate() throws {
        guard ProgressStore.isValidProfileName(profile) else {
            let limit = ProgressStore.maximumProfileNameLength
            throw ValidationError("invalid profile name `\(TextSanitizer.clean(profile))`: use 1 to \(limit) letters, digits, `-` and `_`"
                + (profile.utf8.count > limit ? " (it has \(profile.utf8.count) characters)" : ""))
        }
    }

    /// Opens the profile's store. A damaged file has been moved aside by the store: say where, and start
    /// an empty history. Anything else (permissions, a full disk) is an error: exit 1, nothing touched.
    func open() throws -> ProgressStore {
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
