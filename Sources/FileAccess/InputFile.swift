#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading the files a user names (banks, policies, scenarios, key files), with the real reason when
/// that is not possible: no such file, permission denied, a folder, a FIFO, a link loop.
///
/// Only regular files are read. A FIFO or a device is refused before it is opened, so that a name typed
/// by mistake never blocks the program waiting for a writer or reads an endless device.
public enum InputFile {
    /// The bytes of the regular file at `path` (symbolic links followed).
    public static func read(_ path: String) -> Result<[UInt8], FileError> {
        if path.isEmpty { return .failure(FileError("the file name is empty")) }
        switch FileStatus.of(path) {
        case .failure(let error): return .failure(error)
        case .success(let status) where status.kind != .regular: return .failure(status.kind.notRegular)
        case .success: break
        }
        // O_NONBLOCK: if the path was swapped for a FIFO since `stat`, opening it must not wait.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failure(.lastError()) }
        defer { close(fd) }
        var s = stat()
        guard fstat(fd, &s) == 0 else { return .failure(.lastError()) }
        let kind = FileKind(mode: s.st_mode)
        guard kind == .regular else { return .failure(kind.notRegular) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(s.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if currentErrno() == EINTR { continue }
                return .failure(.lastError())
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return .success(bytes)
    }

    /// The file as UTF-8 text; bytes that are not UTF-8 are an error (`is not valid UTF-8 text`).
    public static func readText(_ path: String) -> Result<String, FileError> {
        read(path).flatMap { bytes in
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .failure(FileError("is not valid UTF-8 text", help: "save the file as UTF-8"))
            }
            return .success(text)
        }
    }

    /// The device and inode of the file `path` names (links followed): equal for two paths of one file.
    public static func identity(of path: String) -> [UInt64]? {
        guard case .success(let status) = FileStatus.of(path) else { return nil }
        return [status.device, status.inode]
    }

    /// What tells one version of the file `path` names from another (links followed): its device, inode, size
    /// and last change; nil when it cannot be told.
    public static func version(of path: String) -> [Int]? {
        guard case .success(let status) = FileStatus.of(path) else { return nil }
        return [Int(truncatingIfNeeded: status.device), Int(truncatingIfNeeded: status.inode), status.size, status.modified]
    }

    /// What the path names, following links: a regular file, a folder, ... or why it cannot be told.
    public static func kind(of path: String) -> Result<FileKind, FileError> {
        if path.isEmpty { return .failure(FileError("the file name is empty")) }
        return FileStatus.of(path).map(\.kind)
    }
}

/// `read(2)`, named apart from `InputFile.read(_:)`.
func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}
