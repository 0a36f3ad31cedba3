/// Why the progress store could not be opened, read or written.
///
/// Every error thrown by ``ProgressStore`` is one of these; SQLite's own errors are kept as `reason`.
public enum ProgressStoreError: Error, Sendable, Equatable {
    /// A profile name with characters other than ASCII letters, digits, `-` and `_` (or empty, or
    /// longer than 64 characters).
    case invalidProfileName(String)
    /// The folder for the database could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// The database exists but this process may not read or write it (permissions). It was left as is.
    case notAccessible(path: String, reason: String)
    /// The file is not an SQLite database or fails SQLite's consistency check.
    ///
    /// It was moved to `movedTo` (with its `-wal` and `-shm` files, if any) so that opening again
    /// starts an empty history; nothing was deleted. `movedTo` is nil when the move itself failed, in
    /// which case the file is where it was.
    case corrupt(path: String, movedTo: String?, reason: String)
    /// Any other SQLite failure: disk full, I/O error, a database locked for longer than the busy timeout.
    case database(path: String, reason: String)
}

extension ProgressStoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidProfileName(let name):
            "invalid profile name `\(name)`: use letters, digits, `-` and `_`"
        case .cannotCreateDirectory(let path, let reason):
            "cannot create the progress folder `\(path)`: \(reason)"
        case .notAccessible(let path, let reason):
            "cannot open the progress database `\(path)`: \(reason)"
        case .corrupt(let path, let movedTo?, let reason):
            "the progress database `\(path)` is damaged (\(reason)) and was moved to `\(movedTo)`"
        case .corrupt(let path, nil, let reason):
            "the progress database `\(path)` is damaged (\(reason)) and could not be moved aside"
        case .database(let path, let reason):
            "progress database `\(path)`: \(reason)"
        }
    }

    /// What the learner can do about it, for a help note under the message.
    public var help: String? {
        switch self {
        case .invalidProfileName:
            "for example `default`, `work` or `exam-2025`"
        case .cannotCreateDirectory:
            "set `IAMQUIZ_HOME` to a folder you can write"
        case .notAccessible:
            "check the file's owner and permissions, or set `IAMQUIZ_HOME` to another folder"
        case .corrupt(_, .some, _):
            "the next start begins an empty history; the old file is kept for recovery"
        case .corrupt(_, nil, _):
            "move or rename the file yourself, or set `IAMQUIZ_HOME` to another folder"
        case .database:
            nil
        }
    }
}
