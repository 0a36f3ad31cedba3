import ArgumentParser
import Diagnostics
import Drills
import FileAccess
import Foundation
import QuizBank
import Synchronization
import TerminalUI

/// The drill templates (`.iqd`, docs/drill-format.md) among the paths given to `check` and `drill --bank`:
/// `.iqd` files named, and those below folders (beside `.iqb` banks and `.iqs` scenarios).
enum DrillTemplateFiles {
    static let fileExtension = "iqd"

    /// Whether `path` names a template file.
    static func isTemplate(_ path: String) -> Bool { (path as NSString).pathExtension.lowercased() == fileExtension }

    /// Whether `path` is a folder with templates and no bank file, which `check` reads for its templates only.
    static func isTemplateFolder(_ path: String) -> Bool {
        guard (try? InputFile.kind(of: path).get()) == .folder else { return false }
        return !FolderWalk(folder: path, extensions: [fileExtension]).files.isEmpty
            && FolderWalk(folder: path, extensions: ["iqb"]).files.isEmpty
    }

    /// The templates of `paths`, and of the bank folders `besideBanks`, read and checked by
    /// ``DrillTemplates/load(_:draws:)``, with every problem and the text of each file (for showing the lines
    /// of its diagnostics). A bank folder that cannot be walked is left to the bank loader to report, once.
    static func load(paths: [String], besideBanks: [String] = [], draws: Int = DrillTemplate.sampleSize)
        -> (loaded: DrillTemplates.Loaded, sources: [String: String], count: Int) {
        var files: [(file: String, text: String)] = []
        var problems: [Diagnostic] = []
        func unreadable(_ path: String, _ error: FileError) {
            problems.append(Diagnostic(.error, code: DrillTemplateCode.unreadable, error.reason, file: path, help: error.help))
        }
        for path in paths + besideBanks {
            var found: [String] = []
            if isTemplate(path) {
                found = [path]
            } else if (try? InputFile.kind(of: path).get()) == .folder {
                let walk = FolderWalk(folder: path, extensions: [fileExtension])
                if !besideBanks.contains(path) { for (place, error) in walk.problems { unreadable(place, error) } }
                found = walk.files
            }
            for file in found where !files.contains(where: { $0.file == file }) {
                switch InputFile.readText(file) {
                case .success(let text): files.append((file, text))
                case .failure(let error): unreadable(file, error)
                }
            }
        }
        var loaded = DrillTemplates.load(files, draws: draws)
        loaded.diagnostics = problems + loaded.diagnostics
        return (loaded, Dictionary(files.map { ($0.file, $0.text) }) { first, _ in first }, files.count)
    }

    /// The families of the templates of `paths` for `iamquiz drill --bank`; templates with errors end the
    /// command (exit 1) with their diagnostics, as a bank with errors ends a quiz. Loaded once per process.
    /// The sample is smaller than `check`'s: here it only has to show that the template makes questions
    /// (a draw that makes none is drawn again); `check` shows every degenerate draw to the author.
    static func families(banks: [String]) throws -> [DrillFamily] {
        if banks.isEmpty { return [] }
        if let known = loadedFamilies.withLock({ $0[banks] }) { return known }
        let (loaded, sources, count) = load(paths: banks, draws: drillSample)
        if loaded.diagnostics.hasErrors {
            DiagnosticPrinter { sources[$0] }.print(loaded.diagnostics.filter { $0.severity == .error })
            Console.error("error: the drill templates have errors; fix them (see `iamquiz check`) before drilling")
            throw ExitCode(1)
        }
        if count == 0 {
            Console.error("error: no drill templates (`.\(fileExtension)` files) in \(banks.map { TextSanitizer.clean($0) }.joined(separator: ", "))")
            throw ExitCode(1)
        }
        loadedFamilies.withLock { $0[banks] = loaded.families }
        return loaded.families
    }

    /// The draws `drill --bank` makes of each template before using it.
    static let drillSample = 25

    private static let loadedFamilies = Mutex<[[String]: [DrillFamily]]>([:])
}
