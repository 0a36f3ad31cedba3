#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of a folder tree that end with an extension, and every place the walk could not look.
///
/// Symbolic links are followed, to files and to folders; a folder reached twice (a link loop, or two
/// links to one folder) is walked once. A subfolder that cannot be opened, or a link that leads
/// nowhere, is a problem the caller reports: a walk never skips something silently.
public struct FolderWalk: Sendable {
    /// Matching files, sorted by path.
    public var files: [String] = []
    /// Paths the walk could not look into, with the reason, in path order.
    public var problems: [(path: String, error: FileError)] = []

    /// Walks `folder` for files whose name ends in `.EXTENSION` (compared without case).
    public init(folder: String, extensions: Set<String>) {
        var visited: Set<[UInt64]> = []
        walk(folder, extensions: Set(extensions.map { $0.lowercased() }), visited: &visited)
        files.sort()
        problems.sort { $0.path < $1.path }
    }

    private mutating func walk(_ folder: String, extensions: Set<String>, visited: inout Set<[UInt64]>) {
        let status: FileStatus
        switch FileStatus.of(folder) {
        case .failure(let error):
            problems.append((folder, error))
            return
        case .success(let s): status = s
        }
        guard visited.insert([status.device, status.inode]).inserted else { return }
        guard let dir = opendir(folder) else {
            problems.append((folder, .lastError()))
            return
        }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        closedir(dir)
        for name in names.sorted() {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let wanted = extensions.contains(Self.pathExtension(name).lowercased())
            switch FileStatus.of(path) {
            case .success(let s) where s.kind == .folder:
                walk(path, extensions: extensions, visited: &visited)
            case .success(let s) where wanted:
                if s.kind == .regular { files.append(path) } else { problems.append((path, s.kind.notRegular)) }
            case .failure(let error) where wanted:
                problems.append((path, error))
            case .failure(let error) where error.reason == FileError.errno(ELOOP).reason:
                problems.append((path, error))
            default:
                break  // another kind of file, or a broken link with another name: not part of the bank
            }
        }
    }

    /// The text after the last `.` of a file name ("" when there is none, or only a leading dot).
    static func pathExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }
}
