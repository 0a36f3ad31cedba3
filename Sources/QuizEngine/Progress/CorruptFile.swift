import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Moves a damaged database out of the way without ever overwriting or deleting anything.
enum CorruptFile {
    /// Moves `url` (and its `-wal` and `-shm` files) to `NAME.corrupt-YYYYMMDD-HHMMSS`, adding `-2`,
    /// `-3` ... when that name is taken. SQLite finds a WAL by appending `-wal` to the database's
    /// name, so the moved copy can still be opened with everything it had.
    ///
    /// - Returns: where the database file now is.
    static func moveAside(_ url: URL, now: Date) throws -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = url.path + ".corrupt-" + formatter.string(from: now)
        var suffix = 1
        while true {
            let target = suffix == 1 ? base : "\(base)-\(suffix)"
            let taken = [target, target + "-wal", target + "-shm"].contains { FileManager.default.fileExists(atPath: $0) }
            if !taken, try moveWithoutReplacing(url.path, to: target) {
                for companion in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: url.path + companion) {
                    _ = try moveWithoutReplacing(url.path + companion, to: target + companion)
                }
                return URL(fileURLWithPath: target)
            }
            suffix += 1
            if suffix > 1000 { throw FileProblem(reason: "too many corrupt copies next to it") }
        }
    }

    /// Renames `source` to `target` unless `target` exists: false if it does.
    ///
    /// A hard link fails atomically when the target exists, so two processes can never overwrite
    /// each other's copy; a plain rename is the fallback for file systems without hard links.
    private static func moveWithoutReplacing(_ source: String, to target: String) throws -> Bool {
        if link(source, target) == 0 {
            if unlink(source) != 0 { throw FileProblem(reason: FileProblem.errnoReason()) }
            return true
        }
        let linkError = errno
        if linkError == EEXIST { return false }
        if linkError == ENOENT { throw FileProblem(reason: "`\(source)` disappeared (another process moved it?)") }
        if FileManager.default.fileExists(atPath: target) { return false }
        if rename(source, target) != 0 { throw FileProblem(reason: FileProblem.errnoReason()) }
        return true
    }
}

/// A file-system failure, in words.
struct FileProblem: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }

    /// The text of the current `errno`, lowercase: "permission denied".
    static func errnoReason() -> String {
        String(cString: strerror(errno)).lowercased()
    }

    /// A Foundation error in words, without its domain and code.
    static func reason(_ error: any Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
           let text = underlying.localizedFailureReason ?? Optional(underlying.localizedDescription) {
            return text.lowercased()
        }
        return (error as NSError).localizedDescription
    }
}
