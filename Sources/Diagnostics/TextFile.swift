#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole UTF-8 text file, or says in words why it cannot: "no such file", "permission denied",
/// "is a folder", "not a regular file" (a device or a pipe, which could block or never end).
public enum TextFile {
    /// Why a file could not be read; `description` is lowercase, for a diagnostic's message.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case noSuchFile
        case permissionDenied
        case isAFolder
        case notARegularFile
        case notUTF8
        /// Another failure of the system, in its own words (lowercase).
        case other(String)

        public var description: String {
            switch self {
            case .noSuchFile: "no such file"
            case .permissionDenied: "permission denied"
            case .isAFolder: "is a folder"
            case .notARegularFile: "not a regular file"
            case .notUTF8: "not valid UTF-8 text"
            case .other(let reason): reason
            }
        }

        init(errno code: Int32) {
            switch code {
            case ENOENT, ENOTDIR: self = .noSuchFile
            case EACCES, EPERM: self = .permissionDenied
            case EISDIR: self = .isAFolder
            default: self = .other(String(cString: strerror(code)).lowercased())
            }
        }
    }

    public static func read(_ path: String) -> Result<String, Problem> {
        // Non-blocking, so that opening a named pipe does not wait for a writer; the type is checked on
        // the open file, so that it cannot change between the check and the read.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(Problem(errno: errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(Problem(errno: errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.isAFolder)
        default: return .failure(.notARegularFile)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(Problem(errno: errno))
            }
            bytes += buffer[..<count]
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(.notUTF8) }
        return .success(text)
    }
}

/// POSIX `read`, which the name `TextFile.read` hides inside the type.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(fd, buffer.baseAddress, buffer.count)
}
