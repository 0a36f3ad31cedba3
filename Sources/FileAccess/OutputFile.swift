#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written whole or not at all: `-o PATH` of import, export and stats.
///
/// What is written goes to a temporary file beside the target, which replaces the target only when
/// everything has been written and flushed to disk; a failure (a full disk, Ctrl-C) leaves the target
/// as it was. The rules, documented in the README:
/// - a target that exists is replaced only when `replace` is true (`--force`);
/// - only regular files are written or replaced: a folder, a FIFO, a device or a socket is refused, even
///   with `--force` (iamquiz never turns `/dev/full` into a file, nor writes to a pipe it was not given);
/// - a replaced file keeps its permissions (a 600 file stays 600) and, where the system allows, its owner;
///   a new file gets 666 less the umask, as any program's would;
/// - a symbolic link is followed: the file it points to is replaced and the link stays a link. A link
///   that points nowhere is refused.
public struct OutputFile: ~Copyable {
    /// The path that is replaced at the end (the link's target when the user named a link).
    public let target: String
    private let temporary: String
    /// The temporary file's descriptor; -1 once closed.
    private var fd: Int32
    /// True once the temporary file is in the target's place or removed.
    private var finished = false

    /// Checks the target and opens the temporary file beside it.
    public init(path: String, replace: Bool) throws(FileError) {
        let target = try Self.resolveTarget(path, replace: replace)
        let existing = try? FileStatus.of(target).get()
        let folder = Self.folder(of: target)
        let name = String(target.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        var opened: (String, Int32)?
        for _ in 0..<100 {
            let candidate = (folder == "." && !target.hasPrefix("./") ? "" : folder + "/")
                + ".\(name).iamquiz-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
            // 666: the kernel takes the umask off, as for any new file.
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 {
                opened = (candidate, descriptor)
                break
            }
            if currentErrno() != EEXIST { throw FileError.errno(currentErrno()).inFolder(folder) }
        }
        guard let (temporary, fd) = opened else { throw FileError("cannot create a temporary file in `\(folder)`") }
        if let existing {
            // Keep the replaced file's owner (when permitted) and permissions. The owner first:
            // changing it may clear set-id bits, which fchmod then restores.
            _ = fchown(fd, existing.owner, existing.group)
            if fchmod(fd, existing.mode) != 0 {
                let error = FileError.lastError()
                close(fd)
                unlink(temporary)
                throw error
            }
        }
        self.target = target
        self.temporary = temporary
        self.fd = fd
    }

    /// Appends bytes; on failure the temporary file is removed and the target left as it was.
    public mutating func write(_ bytes: some Collection<UInt8>) throws(FileError) {
        guard !finished else { return }
        let failure = bytes.withContiguousStorageIfAvailable { writeAll(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { writeAll($0) }
        if let failure {
            removeTemporary()
            throw failure
        }
    }

    public mutating func write(_ text: String) throws(FileError) {
        try write(text.utf8)
    }

    private func writeAll(_ buffer: UnsafeRawBufferPointer) -> FileError? {
        guard let base = buffer.baseAddress else { return nil }
        var offset = 0
        while offset < buffer.count {
            let count = systemWrite(fd, base + offset, buffer.count - offset)
            if count < 0 {
                if currentErrno() == EINTR { continue }
                return .lastError()
            }
            offset += count
        }
        return nil
    }

    /// Flushes the file to disk and puts it in the target's place.
    public consuming func commit() throws(FileError) {
        guard !finished else { throw FileError("the file could not be written") }
        if fsync(fd) != 0 || close(fd) != 0 {
            let error = FileError.lastError()
            removeTemporary()
            throw error
        }
        fd = -1
        // A regular file at the target may have been replaced by something else since `init`.
        if case .success(let status) = FileStatus.ofLink(target), status.kind != .regular {
            removeTemporary()
            throw status.kind.notRegular
        }
        if rename(temporary, target) != 0 {
            let error = FileError.lastError()
            removeTemporary()
            throw error
        }
        finished = true
        // The rename itself is durable once the folder is flushed.
        let folderFD = open(Self.folder(of: target), O_RDONLY | O_CLOEXEC)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
    }

    /// Removes the temporary file; the target is left as it was.
    public consuming func cancel() {
        removeTemporary()
    }

    private mutating func removeTemporary() {
        if fd >= 0 { close(fd) }
        fd = -1
        if !finished { unlink(temporary) }
        finished = true
    }

    deinit {
        if fd >= 0 { close(fd) }
        if !finished { unlink(temporary) }
    }

    /// Writes `text` to `path` whole or not at all (see the type's rules).
    public static func write(_ text: String, to path: String, replace: Bool) throws(FileError) {
        var file = try OutputFile(path: path, replace: replace)
        try file.write(text)
        try file.commit()
    }

    // MARK: - Checking the target

    /// The path to replace: `path` itself, or the file a symbolic link at `path` points to.
    static func resolveTarget(_ path: String, replace: Bool) throws(FileError) -> String {
        if path.isEmpty { throw FileError("the file name is empty") }
        if path.hasSuffix("/") { throw FileError("is a folder name; give a file name") }
        var current = path
        for _ in 0..<40 {
            switch FileStatus.ofLink(current) {
            case .failure(let error) where error == .errno(ENOENT):
                if current != path { throw FileError("is a symbolic link to `\(current)`, which does not exist") }
                try checkFolder(of: current)
                return current
            case .failure(let error):
                throw error
            case .success(let status) where status.kind == .symbolicLink:
                current = try linkTarget(current)
            case .success(let status) where status.kind == .regular:
                if !replace { throw FileError("the file exists", help: "use --force to replace it") }
                return current
            case .success(let status):
                throw status.kind == .folder
                    ? FileError("is a folder; give a file name")
                    : FileError("is not a regular file (it is \(status.kind.phrase))",
                                help: "iamquiz writes only regular files; without -o it writes to standard output")
            }
        }
        throw FileError.errno(ELOOP)
    }

    private static func checkFolder(of path: String) throws(FileError) {
        let folder = folder(of: path)
        switch FileStatus.of(folder) {
        case .failure(let error) where error == .errno(ENOENT):
            throw FileError("the folder `\(folder)` does not exist")
        case .failure(let error):
            throw error.inFolder(folder)
        case .success(let status) where status.kind != .folder:
            throw FileError("`\(folder)` is not a folder")
        case .success:
            break
        }
    }

    /// Where a symbolic link points, as a path usable from the current folder.
    private static func linkTarget(_ link: String) throws(FileError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(link, &buffer, buffer.count - 1)
        guard count >= 0 else { throw .lastError() }
        let destination = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if destination.hasPrefix("/") { return destination }
        let folder = folder(of: link)
        return folder == "." && !link.hasPrefix("./") ? destination : folder + "/" + destination
    }

    /// The folder part of a path ("." for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

extension FileError {
    /// The same reason, said of the folder the file would be written in.
    func inFolder(_ folder: String) -> FileError {
        FileError("cannot write in the folder `\(folder)`: \(reason)", help: help)
    }
}

/// `write(2)`, named apart from `OutputFile.write(_:)`.
func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}
