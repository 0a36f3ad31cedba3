import Foundation
import PackagePlugin

/// Parses the built-in bank (`QuestionBank/*.iqb`) and scenarios (`QuestionBank/scenarios/*.iqs`) at build
/// time and compiles them into QuizBank: the questions in the compact form that `BuiltinBank.load()` decodes,
/// the scenarios in the one that `ScenarioLibrary.builtIn(ids:)` decodes, so that start-up does not run the
/// parsers. A plugin of its own: its tools depend on BankFormat and IAMWorld, and `EmbedBank`'s on nothing.
@main
struct PrebuildBank: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let directory = context.package.directoryURL.appending(path: "QuestionBank")
        // Every `.iqb` and `.iqs` file below the folder, in path order: the files `EmbedBank` embeds and
        // `BuiltinBank.files` and `BuiltinBank.scenarioFiles` hold.
        var files: [URL] = []
        if let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where ["iqb", "iqs"].contains(url.pathExtension) { files.append(url) }
        }
        files.sort { $0.path < $1.path }
        /// The command running `tool` on the files of `fileExtension`, writing the enum `name` to `name.swift`.
        func compile(_ fileExtension: String, with tool: String, into name: String, what: String) throws -> Command {
            let inputs = files.filter { $0.pathExtension == fileExtension }
            let output = context.pluginWorkDirectoryURL.appending(path: "\(name).swift")
            return .buildCommand(
                displayName: "Parsing \(inputs.count) built-in \(what) into \(target.name)",
                executable: try context.tool(named: tool).url,
                arguments: [output.path, "<builtin>", directory.path, name] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        }
        return [
            try compile("iqb", with: "BankCompiler", into: "EmbeddedCompactBank", what: "bank files"),
            try compile("iqs", with: "ScenarioCompiler", into: "EmbeddedCompactScenarios", what: "scenarios"),
        ]
    }
}
