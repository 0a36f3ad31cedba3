import Diagnostics
import FileAccess
import Foundation
import IAMWorld

/// The scenarios questions can name: the built-in ones and any scenario files given, by id.
public struct ScenarioLibrary: Sendable {
    public var scenarios: [String: Scenario] = [:]
    /// Problems of the scenario files: parse errors, duplicate ids.
    public var diagnostics: [Diagnostic] = []
    /// The text of each file, for rendering diagnostics with their source line.
    public var sources: [String: String] = [:]

    public init() {}

    /// The built-in scenarios of `QuestionBank/scenarios/` as the build parsed them (the `PrebuildBank`
    /// plugin), read back without running the parser; with `ids`, only those (a built-in scenario's id is its
    /// file's name, which the build holds to). No diagnostics: the build refuses a scenario with errors, and
    /// `iamquiz check` reports warnings through ``parsedBuiltIn(ids:)``. Should a compact form not read back
    /// (tests make sure it does), that scenario is parsed instead.
    public static func builtIn(ids: Set<String>? = nil) -> ScenarioLibrary {
        builtIn(ids: ids) { file in
            BuiltinBank.prebuiltScenario(builtInID(ofFile: file.name)).map { (scenario: $0, diagnostics: []) } ?? parse(file)
        }
    }

    /// The built-in scenarios parsed from their text with the parser's checks, warnings included: what
    /// `iamquiz check` reports on. With `ids`, only those.
    public static func parsedBuiltIn(ids: Set<String>? = nil) -> ScenarioLibrary {
        builtIn(ids: ids, read: parse)
    }

    /// The ids of the built-in scenarios, read from their files' names.
    public static var builtInIDs: Set<String> { Set(BuiltinBank.scenarioTexts.map { builtInID(ofFile: $0.name) }) }

    /// The built-in scenarios with `ids` (all without), each read by `read`: on every core, then kept in the
    /// files' order (so a duplicate id is reported as before), with their texts as ``sources``.
    private static func builtIn(ids: Set<String>?,
                                read: @Sendable ((name: String, text: String)) -> (scenario: Scenario?, diagnostics: [Diagnostic])) -> ScenarioLibrary {
        var library = ScenarioLibrary()
        let files = BuiltinBank.scenarioTexts.filter { ids?.contains(builtInID(ofFile: $0.name)) ?? true }
        let read = Parallel.map(files, chunkSize: 1, read)
        for (file, result) in zip(files, read) { library.add(parsed: result, text: file.text, file: "\(BuiltinBank.label)/\(file.name)") }
        return library
    }

    /// A built-in scenario file parsed, under the name diagnostics use (`<builtin>/scenarios/ID.iqs`).
    private static func parse(_ file: (name: String, text: String)) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
        ScenarioParser.parse(file.text, file: "\(BuiltinBank.label)/\(file.name)", baseDirectory: "/")
    }

    /// The id of the built-in scenario in `name` (`scenarios/ID.iqs`).
    static func builtInID(ofFile name: String) -> String {
        String((name as NSString).lastPathComponent.dropLast(".iqs".count))
    }

    /// Adds scenario files, or every `.iqs` file under folders; unreadable paths are reported, and so is a
    /// folder without scenarios unless `foldersMayBeEmpty` (a bank folder need not hold any).
    public mutating func add(paths: [String], foldersMayBeEmpty: Bool = false) {
        for path in paths {
            var files: [String] = []
            switch InputFile.kind(of: path) {
            case .failure(let error):
                diagnostics.append(Diagnostic(.error, code: ScenarioCode.unreadable, error.reason, file: path, help: error.help))
            case .success(.folder):
                let walk = FolderWalk(folder: path, extensions: ["iqs"])
                // In a bank folder, a subfolder that cannot be opened is reported by the bank's loader.
                for (place, error) in walk.problems where !foldersMayBeEmpty || place.hasSuffix(".iqs") {
                    diagnostics.append(Diagnostic(.error, code: ScenarioCode.unreadable, error.reason, file: place, help: error.help))
                }
                files = walk.files
                if files.isEmpty, walk.problems.isEmpty, !foldersMayBeEmpty {
                    diagnostics.append(Diagnostic(.error, code: ScenarioCode.unreadable, "folder holds no `.iqs` scenario files", file: path))
                }
            case .success:
                files = [path]
            }
            for file in files {
                switch InputFile.readText(file) {
                case .success(let text):
                    add(text: text, file: file, baseDirectory: (file as NSString).deletingLastPathComponent)
                case .failure(let error):
                    diagnostics.append(Diagnostic(.error, code: ScenarioCode.unreadable, error.reason, file: file, help: error.help))
                }
            }
        }
    }

    /// Adds the scenario files of the folders among bank paths: scenarios in a bank folder belong to that
    /// bank (a folder without any is fine, and a bank file is not a folder).
    public mutating func add(bankFolders paths: [String]) {
        add(paths: paths.filter { (try? InputFile.kind(of: $0).get()) == .folder }, foldersMayBeEmpty: true)
    }

    /// Merges scenario files given (a bank folder's, `check`'s paths) over this library, the built-in one,
    /// by the rule that `check` and the quiz share: a given file with the file name of a built-in one
    /// replaces it (the built-in file itself, or a copy of `QuestionBank/` being edited), and its text takes
    /// the built-in file's place in ``sources``; a file of another name that reuses a built-in id is an
    /// error (V006), and its scenario is the one kept. Returns the problems of the given files: V006 and
    /// their own. ``diagnostics`` keeps this library's own.
    public mutating func merge(_ given: ScenarioLibrary) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (id, scenario) in given.scenarios.sorted(by: { $0.key < $1.key }) {
            if let builtIn = scenarios[id] {
                if (builtIn.file as NSString).lastPathComponent == (scenario.file as NSString).lastPathComponent {
                    sources[builtIn.file] = nil
                } else {
                    problems.append(Diagnostic(.error, code: VerificationCode.duplicateScenarioID, "scenario id `\(id)` is already used by a built-in scenario",
                                               file: scenario.file, range: SourceRange(line: 1, column: 1),
                                               help: "give the scenario another `scenario:` id"))
                }
            }
            scenarios[id] = scenario
        }
        sources.merge(given.sources) { kept, _ in kept }
        return problems + given.diagnostics
    }

    /// Parses one scenario file and keeps it under its id.
    public mutating func add(text: String, file: String, baseDirectory: String) {
        add(parsed: ScenarioParser.parse(text, file: file, baseDirectory: baseDirectory), text: text, file: file)
    }

    /// Keeps a parsed scenario file under its id.
    mutating func add(parsed: (scenario: Scenario?, diagnostics: [Diagnostic]), text: String, file: String) {
        sources[file] = text
        diagnostics += parsed.diagnostics
        guard let scenario = parsed.scenario else { return }
        if let existing = scenarios[scenario.id] {
            diagnostics.append(Diagnostic(.error, code: VerificationCode.duplicateScenarioID, "scenario id `\(scenario.id)` is already used by `\(existing.file)`",
                                          file: file, range: SourceRange(line: 1, column: 1),
                                          help: "give each scenario its own `scenario:` id"))
            return
        }
        scenarios[scenario.id] = scenario
    }
}
