import Foundation
import PackagePlugin

/// Turns data files into generated Swift source, so the built binary carries them and works from any
/// directory: the built-in bank, scenarios and exam blueprints of `QuestionBank/` (`.iqb`, `.iqs`,
/// `.blueprint`), for QuizBank.
@main
struct EmbedBank: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let directory = context.package.directoryURL.appending(path: "QuestionBank")
        let extensions: Set<String> = ["iqb", "iqs", "blueprint"]
        let enumName = "EmbeddedBankFiles"
        let output = context.pluginWorkDirectoryURL.appending(path: "\(enumName).swift")
        var files: [URL] = []
        if let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where extensions.contains(url.pathExtension) {
                files.append(url)
            }
        }
        files.sort { $0.path < $1.path }
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) files from \(directory.lastPathComponent)/ into \(target.name)",
                executable: try context.tool(named: "BankEmbedder").url,
                arguments: [output.path, directory.path, enumName] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
