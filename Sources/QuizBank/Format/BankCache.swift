import Diagnostics
import FileAccess
import Foundation

/// Parsed `.iqb` files kept between runs, so that a quiz on a large bank of one's own starts without
/// parsing it again: the file's questions in the compact form the built-in bank uses (``CompactBank``).
///
/// An entry is found by a 64-bit FNV-1a digest of the file's path and bytes (and their count) together with
/// ``salt``, which names the iamquiz build: another file, another place, an edited byte or a rebuilt iamquiz
/// all miss, and the file is parsed as before. Only files that parsed without an error are kept, and a hit
/// gives the questions without the parser's warnings: the commands that ask questions use the cache and
/// show no warnings, while `iamquiz check` never uses it. An entry that does not decode (cut short, another
/// format version) is parsed again and replaced; failing to write one only costs the next run a parse.
public struct BankCache: Sendable {
    /// The folder of entries (created when the first one is written).
    public let folder: URL
    /// What names the build, mixed into every key (see ``buildIdentity()``).
    public let salt: String
    /// Entries kept; beyond that the least recently written are removed.
    public static let capacity = 32

    public init(folder: URL, salt: String) {
        self.folder = folder
        self.salt = salt
    }

    /// The running executable's size and modification time, with the compact format's version: a rebuilt
    /// iamquiz, whose parser may read a file differently, never reads its predecessor's entries.
    public static func buildIdentity() -> String {
        var info = stat()
        let exe = stat("/proc/self/exe", &info) == 0 ? "\(info.st_size)-\(info.st_mtim.tv_sec)-\(info.st_mtim.tv_nsec)"
            : CommandLine.arguments.first ?? "iamquiz"
        return "v\(CompactBank.version)-\(exe)"
    }

    /// The entry's file for `bytes` read from `file`.
    func entry(file: String, bytes: [UInt8]) -> URL {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for byte in salt.utf8 { add(byte) }
        add(0)
        for byte in file.utf8 { add(byte) }
        add(0)
        bytes.withUnsafeBufferPointer { buffer in for byte in buffer { add(byte) } }
        let hex = String(hash, radix: 16)
        return folder.appendingPathComponent(String(repeating: "0", count: 16 - hex.count) + hex + "-\(bytes.count).iqbc")
    }

    /// The questions kept for `bytes` of `file`, or nil when there is no good entry.
    func questions(file: String, bytes: [UInt8]) -> [Question]? {
        questions(at: entry(file: file, bytes: bytes))
    }

    /// The questions of the entry `target` (see ``entry(file:bytes:)``), or nil when there is no good one.
    func questions(at target: URL) -> [Question]? {
        mappedEntry(at: target).flatMap { try? CompactBank.decode($0) }
    }

    /// The entry `target`, mapped, when there is one: nothing of it is read until it is decoded.
    ///
    /// The entry is mapped rather than read into a buffer: its pages count while it is decoded, as a buffer's
    /// would, and are given back after; a buffer of megabytes freed in the middle of the heap would stay with
    /// the process. Entries are replaced by renaming, never rewritten in place, so a mapped one cannot change.
    func mappedEntry(at target: URL) -> Data? {
        try? Data(contentsOf: target, options: .alwaysMapped)
    }

    /// Keeps `questions` of `file` (parsed from `bytes` without an error) for the next run.
    func keep(_ questions: [Question], file: String, bytes: [UInt8]) {
        keep(questions, at: entry(file: file, bytes: bytes))
    }

    /// Keeps `questions` as the entry `target` (see ``entry(file:bytes:)``).
    func keep(_ questions: [Question], at target: URL) {
        let manager = FileManager.default
        guard (try? manager.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return }
        // Written beside its place and renamed over it, so a reader never meets half an entry.
        let temporary = folder.appendingPathComponent(".\(UUID().uuidString).tmp")
        guard manager.createFile(atPath: temporary.path, contents: Data(CompactBank.encode(questions))) else { return }
        if rename(temporary.path, target.path) != 0 { try? manager.removeItem(at: temporary) }
        prune()
    }

    /// Removes the oldest entries beyond ``capacity``.
    private func prune() {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return }
        let entries = names.filter { $0.hasSuffix(".iqbc") }.map { folder.appendingPathComponent($0) }
        guard entries.count > Self.capacity else { return }
        func modified(_ url: URL) -> Date {
            (try? manager.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? .distantPast
        }
        for url in entries.sorted(by: { modified($0) < modified($1) }).prefix(entries.count - Self.capacity) {
            try? manager.removeItem(at: url)
        }
    }
}
