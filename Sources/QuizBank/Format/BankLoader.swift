import Diagnostics
import Foundation

/// Reads bank files and folders, parses them, and runs the checks that span files.
public struct BankLoader: Sendable {
    public init() {}

    /// A parsed bank and every diagnostic of every file.
    public struct Result: Sendable {
        public var bank: Bank
        public var diagnostics: [Diagnostic]
        /// The text of each file, by the name used in diagnostics, for rendering source lines.
        public var sources: [String: String]
    }

    /// Loads files and folders (folders: every `.iqb` file below them, in path order). A file ending in
    /// `.gift` or `.aiken` is read as Moodle GIFT or Aiken.
    public func load(paths: [String]) -> Result {
        var inputs: [(String, [UInt8])] = []
        var problems: [Diagnostic] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Diagnostic(.error, code: "E015", "no such file or folder", file: path))
                continue
            }
            if isDirectory.boolValue {
                let files = Self.bankFiles(under: path)
                if files.isEmpty {
                    problems.append(Diagnostic(.error, code: "E015", "folder holds no `.iqb` bank files", file: path))
                }
                for file in files {
                    if let data = FileManager.default.contents(atPath: file) {
                        inputs.append((file, [UInt8](data)))
                    } else {
                        problems.append(Diagnostic(.error, code: "E015", "cannot read the file", file: file))
                    }
                }
            } else if let data = FileManager.default.contents(atPath: path) {
                inputs.append((path, [UInt8](data)))
            } else {
                problems.append(Diagnostic(.error, code: "E015", "cannot read the file", file: path,
                                           help: "check that it exists and that you may read it"))
            }
        }
        var result = load(sources: inputs)
        result.diagnostics = problems + result.diagnostics
        return result
    }

    /// Parses in-memory files (name used in diagnostics, bytes).
    public func load(sources: [(String, [UInt8])]) -> Result {
        var bank = Bank()
        var diagnostics: [Diagnostic] = []
        var texts: [String: String] = [:]
        let parser = BankParser()
        for (name, bytes) in sources {
            texts[name] = String(decoding: bytes, as: UTF8.self)
            // W104 for a GIFT or Aiken file (the native parser reports them itself), in lines as its format
            // splits them; nothing for bytes that are not UTF-8 (E015 says so).
            func controlCharacters(loneCRBreaksLines: (String) -> Bool) -> [Diagnostic] {
                guard let text = String(validating: bytes, as: UTF8.self) else { return [] }
                return ControlCharacters.warnings(in: text, file: name, loneCRBreaksLines: loneCRBreaksLines(text))
            }
            // Other formats by extension (docs/gift-aiken.md); everything else is the native format.
            switch (name as NSString).pathExtension.lowercased() {
            case "aiken":
                let importer = AikenImporter()
                let parsed = importer.parse(bytes: bytes, file: name)
                bank.questions += importer.questions(from: parsed, idPrefix: AikenImporter.idPrefix(fileName: name))
                diagnostics += parsed.diagnostics + controlCharacters(loneCRBreaksLines: { _ in true })
            case "gift":
                let importer = GIFTImporter()
                let parsed = importer.parse(bytes: bytes, file: name)
                bank.questions += importer.questions(from: parsed, idPrefix: GIFTImporter.idPrefix(fileName: name))
                // GIFT lines end at CR only in a file without LF, as in Moodle.
                diagnostics += parsed.diagnostics + controlCharacters(loneCRBreaksLines: { !$0.contains("\n") })
            default:
                let parsed = parser.parse(bytes: bytes, file: name)
                bank.questions += parsed.questions
                diagnostics += parsed.diagnostics
            }
        }
        diagnostics += Self.duplicateIDs(in: bank)
        return Result(bank: bank, diagnostics: diagnostics, sources: texts)
    }

    /// E002: ids used by more than one question, across all files.
    static func duplicateIDs(in bank: Bank) -> [Diagnostic] {
        var first: [String: Question] = [:]
        var found: [Diagnostic] = []
        for question in bank.questions where !question.id.isEmpty {
            if let earlier = first[question.id] {
                let line = question.position.location?.line ?? 1
                let where_ = earlier.position.location.map { "\(earlier.position.file):\($0.line)" } ?? earlier.position.file
                found.append(Diagnostic(.error, code: "E002", "duplicate question id `\(question.id)`",
                                        file: question.position.file,
                                        range: SourceRange(line: line, column: 4, length: question.id.unicodeScalars.count),
                                        help: "first used at \(where_); ids must be unique across the bank"))
            } else {
                first[question.id] = question
            }
        }
        return found
    }

    /// Every `.iqb` file below `folder`, sorted by path.
    static func bankFiles(under folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        for case let relative as String in walker where relative.hasSuffix(".iqb") {
            files.append((folder as NSString).appendingPathComponent(relative))
        }
        return files.sorted()
    }
}
