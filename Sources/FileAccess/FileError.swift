#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a path could not be read, listed or written, in words a user can act on.
///
/// `reason` follows the house style of messages (lowercase, no final period); `help` says what to do
/// when there is something to say. Paths are not part of either: callers print the path before them.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var help: String?

    public init(_ reason: String, help: String? = nil) {
        self.reason = reason
        self.help = help
    }

    public var description: String { reason }

    /// The reason an `errno` value stands for, in our words for the common cases.
    public static func errno(_ code: Int32) -> FileError {
        switch code {
        case ENOENT: FileError("no such file or folder")
        case EACCES, EPERM: FileError("permission denied", help: "check the permissions of the file and of its folders")
        case ELOOP: FileError("too many levels of symbolic links", help: "a link in the path points back to itself (a loop)")
        case ENOTDIR: FileError("a part of the path is not a folder")
        case EISDIR: FileError("is a folder")
        case ENAMETOOLONG: FileError("the name is too long")
        case ENOSPC: FileError("no space left on the device")
        case EDQUOT: FileError("disk quota exceeded")
        case EROFS: FileError("the file system is read-only")
        case EIO: FileError("input/output error")
        default: FileError(String(cString: strerror(code)).lowercased())
        }
    }

    /// The reason for the current `errno`.
    static func lastError() -> FileError { errno(currentErrno()) }
}

/// The calling thread's `errno` (a free function, so that `FileError.errno(_:)` does not hide it).
func currentErrno() -> Int32 {
    #if canImport(Glibc)
    Glibc.errno
    #else
    Darwin.errno
    #endif
}

/// What kind of thing a path names, as `stat` tells it.
public enum FileKind: Sendable, Equatable {
    case regular, folder, fifo, characterDevice, blockDevice, socket, symbolicLink, other

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .folder
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }

    /// "a FIFO", "a character device": for "is not a regular file (...)".
    public var phrase: String {
        switch self {
        case .regular: "a regular file"
        case .folder: "a folder"
        case .fifo: "a FIFO"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .socket: "a socket"
        case .symbolicLink: "a symbolic link"
        case .other: "a special file"
        }
    }

    /// The error for a path that should be a regular file but is this.
    public var notRegular: FileError {
        self == .folder ? FileError("is a folder") : FileError("is not a regular file (it is \(phrase))")
    }
}

/// `stat` or `lstat` of a path, or why it failed.
struct FileStatus {
    var kind: FileKind
    var mode: mode_t
    var owner: uid_t
    var group: gid_t
    var device: UInt64
    var inode: UInt64
    var size: Int
    /// The last change of the contents, in nanoseconds since 1970.
    var modified: Int

    init(_ s: stat) {
        kind = FileKind(mode: s.st_mode)
        mode = s.st_mode & 0o7777
        owner = s.st_uid
        group = s.st_gid
        device = UInt64(s.st_dev)
        inode = UInt64(s.st_ino)
        size = Int(s.st_size)
        modified = Int(s.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(s.st_mtim.tv_nsec)
    }

    /// Follows symbolic links.
    static func of(_ path: String) -> Result<FileStatus, FileError> {
        var s = stat()
        guard stat(path, &s) == 0 else { return .failure(.lastError()) }
        return .success(FileStatus(s))
    }

    /// Does not follow a symbolic link at the end of the path.
    static func ofLink(_ path: String) -> Result<FileStatus, FileError> {
        var s = stat()
        guard lstat(path, &s) == 0 else { return .failure(.lastError()) }
        return .success(FileStatus(s))
    }
}

extension Result where Failure == FileError {
    /// The reason of a failure, nil on success.
    public var failureReason: String? {
        if case .failure(let error) = self { return error.reason }
        return nil
    }
}
