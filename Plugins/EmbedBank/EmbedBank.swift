import Foundation
import PackagePlugin

/// Turns the files of `QuestionBank/` into generated Swift source, so the built binary carries the
/// built-in bank and works from any directory.
@main
struct EmbedBank: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let bankDirectory = context.package.directoryURL.appending(path: "QuestionBank")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedBankFiles.swift")
        var files: [URL] = []
        if let walker = FileManager.default.enumerator(at: bankDirectory, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "iqb" {
                files.append(url)
            }
        }
        files.sort { $0.path < $1.path }
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) bank files from QuestionBank/",
                executable: try context.tool(named: "BankEmbedder").url,
                arguments: [output.path, bankDirectory.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
