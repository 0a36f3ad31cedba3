import Foundation
import PackagePlugin

/// Turns data files into generated Swift source, so the built binary carries them and works from any
/// directory: for QuizBank, the built-in bank, scenarios and exam blueprints of `QuestionBank/` (`.iqb`,
/// `.iqs`, `.blueprint`); for
/// IAMPolicy, the catalog of actions and condition keys in its `Catalog/` folder.
@main
struct EmbedBank: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let directory: URL
        let extensions: Set<String>
        let enumName: String
        switch target.name {
        case "IAMPolicy":
            directory = target.directoryURL.appending(path: "Catalog")
            extensions = ["txt"]
            enumName = "EmbeddedCatalogFiles"
        default:
            directory = context.package.directoryURL.appending(path: "QuestionBank")
            extensions = ["iqb", "iqs", "blueprint"]
            enumName = "EmbeddedBankFiles"
        }
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
