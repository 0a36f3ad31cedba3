import Diagnostics
import FileAccess
import Foundation

/// Reads bank files and folders, parses them, and runs the checks that span files.
public struct BankLoader: Sendable {
    /// Parsed native files kept between runs (the commands that ask questions); nil parses every file.
    public var cache: BankCache?
    /// Whether a file the cache holds gives only its questions' outlines, its entry kept mapped to read their
    /// texts later (``Result/outlineSources``): for a quiz, which asks a few questions of a large bank.
    public var outlines: Bool

    public init(cache: BankCache? = nil, outlines: Bool = false) {
        self.cache = cache
        self.outlines = outlines
    }

    /// A parsed bank and every diagnostic of every file.
    public struct Result: Sendable {
        /// The questions; with ``BankLoader/outlines``, those of the files in ``outlineSources`` are outlines.
        public var bank: Bank
        public var diagnostics: [Diagnostic]
        /// The text of each file, by the name used in diagnostics, for rendering source lines.
        public var sources: [String: String]
        /// Where the texts of the questions that are outlines are.
        package var outlineSources: [OutlineSource] = []
    }

    /// The readers of bank files, each for the files with its extension.
    static let importers: [any BankImporter] = [BankParser(), GIFTImporter(), AikenImporter()]

    /// The reader of the files with `path`'s extension (in any case), if a bank format has it.
    static func importer(for path: String) -> (any BankImporter)? {
        let ext = (path as NSString).pathExtension.lowercased()
        return importers.first { type(of: $0).fileExtension == ext }
    }

    /// Loads files and folders (folders: every `.iqb` file below them, in path order). A file is read by
    /// its extension: `.iqb` as the native format, `.gift` and `.aiken` as Moodle GIFT and Aiken; any other
    /// is refused (E023) rather than guessed at. A path that cannot be read is reported with the reason
    /// (E015): no such file, permission denied, not a regular file, a link loop.
    public func load(paths: [String]) -> Result {
        var inputs: [(String, [UInt8])] = []
        var problems: [Diagnostic] = []
        func unreadable(_ path: String, _ error: FileError) {
            problems.append(Diagnostic(.error, code: BankCode.unreadable, error.reason, file: path, help: error.help))
        }
        // A file reached twice (named twice, or also inside a folder given) is read once.
        var seen: [[UInt64]: String] = [:]
        func firstTime(_ file: String) -> Bool {
            guard let identity = InputFile.identity(of: file) else { return true }
            if let earlier = seen[identity] {
                problems.append(Diagnostic(.note, code: BankCode.unreadable, earlier == file ? "given twice; read once"
                                           : "the same file as `\(earlier)`; read once", file: file))
                return false
            }
            seen[identity] = file
            return true
        }
        for path in paths {
            switch InputFile.kind(of: path) {
            case .failure(let error):
                unreadable(path, error)
            case .success(.folder):
                let walk = FolderWalk(folder: path, extensions: [BankParser.fileExtension])
                for (place, error) in walk.problems { unreadable(place, error) }
                if walk.files.isEmpty, walk.problems.isEmpty {
                    problems.append(Diagnostic(.error, code: BankCode.unreadable, "folder holds no `.iqb` bank files", file: path,
                                               help: "a folder is read for `.iqb` files; name `.gift` and `.aiken` files one by one"))
                }
                for file in walk.files where firstTime(file) {
                    switch InputFile.read(file) {
                    case .success(let bytes): inputs.append((file, bytes))
                    case .failure(let error): unreadable(file, error)
                    }
                }
            case .success(let kind) where kind != .regular:
                unreadable(path, kind.notRegular)
            case .success:
                if let refused = Self.refusedExtension(path) {
                    problems.append(refused)
                    continue
                }
                guard firstTime(path) else { continue }
                switch InputFile.read(path) {
                case .success(let bytes): inputs.append((path, bytes))
                case .failure(let error): unreadable(path, error)
                }
            }
        }
        var result = load(sources: consume inputs)
        result.diagnostics = problems + result.diagnostics
        return result
    }

    /// E023 for a file whose extension is not a bank format's.
    static func refusedExtension(_ path: String) -> Diagnostic? {
        let ext = (path as NSString).pathExtension
        if importer(for: path) != nil { return nil }
        if ext.lowercased() == "iqs" {
            return Diagnostic(.error, code: BankCode.unknownFileType, "is a scenario file, not a bank", file: path,
                              help: "scenarios are read from a bank's folder (`--bank FOLDER`); `iamquiz scenario run FILE` runs one")
        }
        let formats = importers.map { "`.\(type(of: $0).fileExtension)` (\(type(of: $0).formatName))" }.joined(separator: ", ")
        return Diagnostic(.error, code: BankCode.unknownFileType,
                          ext.isEmpty ? "a bank file name must end in its format's extension" : "unknown bank file type `.\(ext)`",
                          file: path, help: "iamquiz reads \(formats); `iamquiz import blog FILE` turns a blog post into a bank")
    }

    /// Parses in-memory files (name used in diagnostics, bytes). Each file's bytes are let go as soon as its
    /// text is decoded, so that the bank is never held both as bytes and as text (pass them with `consume`).
    ///
    /// A native file the cache holds is not decoded at all: its bytes go before its questions are read from the
    /// entry, and its text is not kept (when the name is a file that can be read again): the commands that use
    /// a cache show source lines only for errors. When a diagnostic points into such a file all the same (an id
    /// another file also uses), the file is read again for the lines. With ``outlines``, its questions are
    /// outlines and the entry stays mapped (its pages are read only for the texts asked for).
    public func load(sources: consuming [(String, [UInt8])]) -> Result {
        var bank = Bank()
        var diagnostics: [Diagnostic] = []
        var texts: [String: String] = [:]
        var servedFromCache: Set<String> = []
        var outlineSources: [OutlineSource] = []
        var pending = consume sources
        pending.reverse()
        while !pending.isEmpty {
            var (name, bytes) = pending.removeLast()
            // The format by extension (docs/gift-aiken.md); any other file is read as the native format.
            let importer = Self.importer(for: name) ?? BankParser()
            // The key of a native file's cache entry, taken while its bytes are here.
            var entry = importer is BankParser ? cache?.entry(file: name, bytes: bytes) : nil
            if let cache, let found = entry, let mapped = cache.mappedEntry(at: found) {
                if (try? InputFile.kind(of: name).get()) == .regular {
                    // The bytes go first: the file can be read again, should the entry not decode.
                    _ = consume bytes
                    if outlines, let outline = try? CompactBank.outline(mapped) {
                        outlineSources.append(OutlineSource(outline: outline, first: bank.questions.count) { indices in
                            try CompactBank.complete(indices, of: outline, in: mapped)
                        })
                        bank.questions += outline.questions
                        servedFromCache.insert(name)
                        continue
                    }
                    if let questions = try? CompactBank.decode(mapped) {
                        bank.questions += questions
                        servedFromCache.insert(name)
                        continue
                    }
                    // A damaged entry: the file is read again (its key taken anew, should it have changed since),
                    // parsed, and the entry replaced.
                    switch InputFile.read(name) {
                    case .success(let again):
                        bytes = again
                        entry = cache.entry(file: name, bytes: bytes)
                    case .failure(let error):
                        diagnostics.append(Diagnostic(.error, code: BankCode.unreadable, error.reason, file: name, help: error.help))
                        continue
                    }
                } else if let questions = try? CompactBank.decode(mapped) {
                    // A name that is no file keeps its text: it could not be read again.
                    bank.questions += questions
                    texts[name] = String(decoding: bytes, as: UTF8.self)
                    continue
                }
            }
            let source: SourceFile
            switch importer.decode(bytes, file: name) {
            case .success(let decoded):
                source = decoded
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                texts[name] = String(decoding: bytes, as: UTF8.self)
                continue
            }
            _ = consume bytes
            let file = importer.load(source: source)
            if let cache, let entry, !file.diagnostics.contains(where: { $0.severity == .error }) {
                cache.keep(file.questions, at: entry)
            }
            // The first file's questions are taken as they are, not copied into a second array.
            if bank.questions.isEmpty { bank.questions = file.questions } else { bank.questions += file.questions }
            diagnostics += file.diagnostics
            texts[name] = file.text
        }
        diagnostics += bank.duplicateIDs()
        for file in Set(diagnostics.map(\.file)) where servedFromCache.contains(file) {
            if case .success(let bytes) = InputFile.read(file) { texts[file] = String(decoding: bytes, as: UTF8.self) }
        }
        return Result(bank: bank, diagnostics: diagnostics, sources: texts, outlineSources: outlineSources)
    }
}
