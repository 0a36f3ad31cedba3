import BankFormat
import FileAccess
import Foundation

/// The text of each file a check read, by the name diagnostics use, for placing warnings and showing source
/// lines; safe to ask from several threads.
///
/// A large bank file's text can be let go once it is parsed (``letGo(largerThan:)``): of a 13 MB bank, the
/// text is as large as everything else `check` holds but the questions. It is read again only if a
/// diagnostic points into the file, and only while the file is the one that was read (same device, inode,
/// size and last change, and the same length of text); a file changed since shows no source lines rather
/// than the wrong ones.
public final class SourceTexts: @unchecked Sendable {
    private let lock = NSLock()
    /// The texts held (guarded by `lock`).
    private var texts: [String: String]
    /// The files let go: the version of the file and the length of its text when they were (guarded by `lock`).
    private var letGo: [String: (version: [Int], length: Int)] = [:]
    /// Every file's name.
    public let names: Set<String>

    public init(_ texts: [String: String]) {
        self.texts = texts
        names = Set(texts.keys)
    }

    /// Lets go of the text of each file larger than `bytes` that can be read again: a bank file on disk.
    public func letGo(largerThan bytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        for (name, text) in texts where text.utf8.count > bytes && name.hasSuffix(".\(BankParser.fileExtension)") {
            guard let version = InputFile.version(of: name) else { continue }
            letGo[name] = (version, text.utf8.count)
            texts[name] = nil
        }
    }

    /// The text of `file`, read again if it was let go; nil for a name that was never read, or a file that is
    /// no longer the one read.
    public func text(of file: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if let text = texts[file] { return text }
        guard let before = letGo[file] else { return nil }
        letGo[file] = nil
        guard InputFile.version(of: file) == before.version, case .success(let bytes) = InputFile.read(file),
              case .success(let source) = BankParser().decode(bytes, file: file), source.text.utf8.count == before.length
        else { return nil }
        texts[file] = source.text
        return source.text
    }
}
