// What the build tools that compile `QuestionBank/` into Swift source (BankCompiler, ScenarioCompiler)
// share: their arguments, their messages to the build, and writing the generated file.
import Foundation

/// The arguments of a compiling build tool: `OUTPUT.swift LABEL FOLDER ENUM_NAME FILE...`.
public struct ToolArguments {
    public let tool: String
    /// The generated Swift file.
    public let output: URL
    /// What names the built-in files in diagnostics and in the binary (`<builtin>`).
    public let label: String
    /// The folder the files' names are relative to (`QuestionBank/`).
    public let root: String
    /// The enum the generated file declares.
    public let enumName: String
    public let files: [String]

    /// Reads the process's arguments; a usage line and exit status 2 when some are missing.
    public init(tool: String) {
        let arguments = CommandLine.arguments
        guard arguments.count >= 5 else {
            report("usage: \(tool) OUTPUT.swift LABEL FOLDER ENUM_NAME FILE...")
            exit(2)
        }
        self.tool = tool
        output = URL(fileURLWithPath: arguments[1])
        label = arguments[2]
        root = URL(fileURLWithPath: arguments[3]).standardizedFileURL.path
        enumName = arguments[4]
        files = Array(arguments.dropFirst(5))
    }

    /// A file's name in the binary: the label and its path below the folder (`<builtin>/scenarios/x.iqs`).
    public func name(of url: URL) -> String {
        "\(label)/\(url.path.hasPrefix(root + "/") ? String(url.path.dropFirst(root.count + 1)) : url.lastPathComponent)"
    }

    /// The bytes of `path`, or a message and exit status 1.
    public func read(_ path: String) -> (url: URL, data: Data) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path) else {
            report("\(path): error: \(tool) cannot read the file")
            exit(1)
        }
        return (url, data)
    }

    /// Writes the generated source, only when it changed (so that what depends on it is not rebuilt for nothing);
    /// a message and exit status 1 when it cannot.
    public func write(_ source: String) {
        guard (try? String(contentsOf: output, encoding: .utf8)) != source else { return }
        do {
            try source.write(to: output, atomically: true, encoding: .utf8)
        } catch {
            report("error: \(tool) cannot write \(output.path): \(error)")
            exit(1)
        }
    }
}

/// Prints to standard error, where the build shows it.
public func report(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// A compact form as a Swift string literal: every byte outside its strings is below 0x80, so the bytes are
/// valid UTF-8 text, and `debugDescription` escapes quotes, backslashes and control characters as Swift does.
public func swiftLiteral(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self).debugDescription
}
