import Foundation
import PackagePlugin

/// Parses the built-in bank (`QuestionBank/*.iqb`) at build time and compiles its questions, in the compact
/// form that `BuiltinBank.load()` decodes, into QuizBank, so that start-up does not run the parser. A plugin
/// of its own: its tool depends on BankFormat, which `EmbedBank`'s tool must not (IAMPolicy uses that one).
@main
struct PrebuildBank: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let directory = context.package.directoryURL.appending(path: "QuestionBank")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedCompactBank.swift")
        // Every `.iqb` file below the folder, in path order: the files `EmbedBank` embeds and `BuiltinBank.files` holds.
        var files: [URL] = []
        if let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "iqb" { files.append(url) }
        }
        files.sort { $0.path < $1.path }
        return [
            .buildCommand(
                displayName: "Parsing \(files.count) built-in bank files into \(target.name)",
                executable: try context.tool(named: "BankCompiler").url,
                arguments: [output.path, "<builtin>", directory.path, "EmbeddedCompactBank"] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
