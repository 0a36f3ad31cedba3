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
        let bankOutput = context.pluginWorkDirectoryURL.appending(path: "EmbeddedCompactBank.swift")
        let scenarioOutput = context.pluginWorkDirectoryURL.appending(path: "EmbeddedCompactScenarios.swift")
        // Every `.iqb` and `.iqs` file below the folder, in path order: the files `EmbedBank` embeds and
        // `BuiltinBank.files` and `BuiltinBank.scenarioFiles` hold.
        var files: [URL] = []
        if let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where ["iqb", "iqs"].contains(url.pathExtension) { files.append(url) }
        }
        files.sort { $0.path < $1.path }
        let bankFiles = files.filter { $0.pathExtension == "iqb" }
        let scenarioFiles = files.filter { $0.pathExtension == "iqs" }
        return [
            .buildCommand(
                displayName: "Parsing \(bankFiles.count) built-in bank files into \(target.name)",
                executable: try context.tool(named: "BankCompiler").url,
                arguments: [bankOutput.path, "<builtin>", directory.path, "EmbeddedCompactBank"] + bankFiles.map(\.path),
                inputFiles: bankFiles,
                outputFiles: [bankOutput]
            ),
            .buildCommand(
                displayName: "Parsing \(scenarioFiles.count) built-in scenarios into \(target.name)",
                executable: try context.tool(named: "ScenarioCompiler").url,
                arguments: [scenarioOutput.path, "<builtin>", directory.path, "EmbeddedCompactScenarios"] + scenarioFiles.map(\.path),
                inputFiles: scenarioFiles,
                outputFiles: [scenarioOutput]
            ),
        ]
    }
}
