import Diagnostics
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

    /// The built-in scenarios of `QuestionBank/scenarios/`.
    public static func builtIn() -> ScenarioLibrary {
        var library = ScenarioLibrary()
        for file in BuiltinBank.scenarioFiles {
            library.add(text: String(decoding: file.bytes, as: UTF8.self), file: "\(BuiltinBank.label)/\(file.name)", baseDirectory: "/")
        }
        return library
    }

    /// Adds scenario files, or every `.iqs` file under folders; unreadable paths are reported, and so is a
    /// folder without scenarios unless `foldersMayBeEmpty` (a bank folder need not hold any).
    public mutating func add(paths: [String], foldersMayBeEmpty: Bool = false) {
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(.error, code: "S000", "no such file or folder `\(path)`", file: path))
                continue
            }
            var files: [String] = []
            if isDirectory.boolValue {
                let walker = FileManager.default.enumerator(atPath: path)
                while let name = walker?.nextObject() as? String {
                    if name.hasSuffix(".iqs") { files.append((path as NSString).appendingPathComponent(name)) }
                }
                files.sort()
                if files.isEmpty, !foldersMayBeEmpty {
                    diagnostics.append(Diagnostic(.error, code: "S000", "folder holds no `.iqs` scenario files", file: path))
                }
            } else {
                files = [path]
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                    diagnostics.append(Diagnostic(.error, code: "S000", "cannot read `\(file)` as UTF-8 text", file: file))
                    continue
                }
                add(text: text, file: file, baseDirectory: (file as NSString).deletingLastPathComponent)
            }
        }
    }

    /// Adds the scenario files of the folders among bank paths: scenarios in a bank folder belong to that
    /// bank (a folder without any is fine, and a bank file is not a folder).
    public mutating func add(bankFolders paths: [String]) {
        add(paths: paths.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }, foldersMayBeEmpty: true)
    }

    /// Parses one scenario file and keeps it under its id.
    public mutating func add(text: String, file: String, baseDirectory: String) {
        sources[file] = text
        let parsed = ScenarioParser.parse(text, file: file, baseDirectory: baseDirectory)
        diagnostics += parsed.diagnostics
        guard let scenario = parsed.scenario else { return }
        if let existing = scenarios[scenario.id] {
            diagnostics.append(Diagnostic(.error, code: "V006", "scenario id `\(scenario.id)` is already used by `\(existing.file)`",
                                          file: file, range: SourceRange(line: 1, column: 1),
                                          help: "give each scenario its own `scenario:` id"))
            return
        }
        scenarios[scenario.id] = scenario
    }
}
