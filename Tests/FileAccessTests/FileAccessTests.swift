import Foundation
import Testing
@testable import FileAccess

/// A fresh folder under the temporary directory, removed by `clean()`.
struct Scratch {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-files-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ text: String = "text\n", mode: Int = 0o644) -> String {
        let full = path + "/" + name
        FileManager.default.createFile(atPath: full, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        return full
    }

    func fifo(_ name: String) -> String {
        let full = path + "/" + name
        mkfifo(full, 0o644)
        return full
    }

    func link(_ name: String, to destination: String) -> String {
        let full = path + "/" + name
        try? FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: destination)
        return full
    }

    func folder(_ name: String) -> String {
        let full = path + "/" + name
        try? FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    func kind(_ full: String) -> FileKind? { try? FileStatus.ofLink(full).get().kind }
    func mode(_ full: String) -> mode_t? { try? FileStatus.of(full).get().mode }
    func text(_ full: String) -> String? { try? String(contentsOfFile: full, encoding: .utf8) }
    /// Names in the folder, hidden temporary files included.
    func names() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: path).sorted()) ?? [] }
    func clean() { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("Reading the files a user names")
struct InputFileTests {
    @Test("A regular file is read whole, symbolic links followed")
    func readsRegularFiles() throws {
        let scratch = Scratch()
        defer { scratch.clean() }
        let big = String(repeating: "0123456789", count: 20_000)
        let file = scratch.file("big.iqb", big)
        #expect(try InputFile.readText(file).get() == big)
        #expect(try InputFile.readText(scratch.link("alias.iqb", to: file)).get() == big)
    }

    /// Each row: what the path is, and the reason a user must see (issue 9, point 12: a FIFO was
    /// "check that it exists", a link loop "no such file").
    @Test("Unreadable paths give the real reason", arguments: [
        ("missing", "no such file or folder"),
        ("folder", "is a folder"),
        ("fifo", "is not a regular file (it is a FIFO)"),
        ("loop", "too many levels of symbolic links"),
        ("under-a-file", "a part of the path is not a folder"),
        ("empty-name", "the file name is empty"),
        ("device", "is not a regular file (it is a character device)"),
        ("not-utf8", "is not valid UTF-8 text"),
    ])
    func reasons(kind: String, reason: String) {
        let scratch = Scratch()
        defer { scratch.clean() }
        let path: String
        switch kind {
        case "missing": path = scratch.path + "/nothing.iqb"
        case "folder": path = scratch.folder("sub.iqb")
        case "fifo": path = scratch.fifo("pipe.iqb")
        case "loop":
            _ = scratch.link("a.iqb", to: scratch.path + "/b.iqb")
            path = scratch.link("b.iqb", to: scratch.path + "/a.iqb")
        case "under-a-file": path = scratch.file("plain") + "/inside.iqb"
        case "empty-name": path = ""
        case "device": path = "/dev/null"
        default:
            path = scratch.path + "/latin1.iqb"
            FileManager.default.createFile(atPath: path, contents: Data([0x63, 0x61, 0x66, 0xE9]))
        }
        // A FIFO without a writer would block an open(2) for reading: reaching this line proves it did not.
        #expect(InputFile.readText(path).failure?.reason == reason)
    }

    @Test("Permission denied is said as such")
    func permissionDenied() {
        // Root reads any file, so the real file is checked by an end-to-end test run as another user;
        // here the errno mapping.
        #expect(FileError.errno(EACCES).reason == "permission denied")
        #expect(FileError.errno(EACCES).help != nil)
    }
}

@Suite("Walking bank folders")
struct FolderWalkTests {
    @Test("Files with the extension, sorted, from every level; other files ignored")
    func findsFiles() {
        let scratch = Scratch()
        defer { scratch.clean() }
        _ = scratch.folder("b/c")
        let expected = [scratch.file("a.iqb"), scratch.file("b/c/d.IQB"), scratch.file("b/z.iqb")]
        _ = scratch.file("notes.txt")
        _ = scratch.file("b/world.iqs")
        let walk = FolderWalk(folder: scratch.path, extensions: ["iqb"])
        #expect(walk.files == expected)
        #expect(walk.problems.isEmpty)
    }

    @Test("A link loop between folders is walked once; a link to a folder is followed")
    func linkLoops() {
        let scratch = Scratch()
        defer { scratch.clean() }
        let inner = scratch.folder("inner")
        let file = scratch.file("inner/q.iqb")
        _ = scratch.link("inner/back", to: scratch.path)
        let walk = FolderWalk(folder: scratch.path, extensions: ["iqb"])
        #expect(walk.files == [file])
        #expect(walk.problems.isEmpty)
        let viaLink = FolderWalk(folder: scratch.link("alias", to: inner), extensions: ["iqb"])
        #expect(viaLink.files.count == 1)
    }

    @Test("A bank file that cannot be read is a problem, not a silent skip")
    func problems() {
        let scratch = Scratch()
        defer { scratch.clean() }
        _ = scratch.link("gone.iqb", to: scratch.path + "/nowhere.iqb")
        _ = scratch.fifo("pipe.iqb")
        _ = scratch.link("loop1", to: scratch.path + "/loop2")
        _ = scratch.link("loop2", to: scratch.path + "/loop1")
        _ = scratch.link("other-broken.txt", to: scratch.path + "/nowhere.txt")
        let walk = FolderWalk(folder: scratch.path, extensions: ["iqb"])
        #expect(walk.files.isEmpty)
        #expect(walk.problems.map { ($0.path as NSString).lastPathComponent } == ["gone.iqb", "loop1", "loop2", "pipe.iqb"])
        #expect(walk.problems.map(\.error.reason) == [
            "no such file or folder", "too many levels of symbolic links", "too many levels of symbolic links",
            "is not a regular file (it is a FIFO)",
        ])
    }

    @Test("A folder that does not exist is the walk's one problem")
    func missingFolder() {
        let walk = FolderWalk(folder: "/nonexistent-\(UUID().uuidString)", extensions: ["iqb"])
        #expect(walk.problems.map(\.error.reason) == ["no such file or folder"])
    }
}

@Suite("Writing output files whole, and only regular files")
struct OutputFileTests {
    @Test("A new file gets the text, 666 less the umask, and no temporary file is left")
    func newFile() throws {
        let scratch = Scratch()
        defer { scratch.clean() }
        let target = scratch.path + "/out.iqb"
        try OutputFile.write("hello\n", to: target, replace: false)
        #expect(scratch.text(target) == "hello\n")
        let mask = umask(0)
        umask(mask)
        #expect(scratch.mode(target) == 0o666 & ~mask)
        #expect(scratch.names() == ["out.iqb"])
    }

    @Test("An existing file is replaced only when asked, and keeps its permissions (600 stays 600)")
    func replaceKeepsMode() throws {
        let scratch = Scratch()
        defer { scratch.clean() }
        let target = scratch.file("private.iqb", "old\n", mode: 0o600)
        #expect(throws: FileError("the file exists", help: "use --force to replace it")) {
            try OutputFile.write("new\n", to: target, replace: false)
        }
        #expect(scratch.text(target) == "old\n")
        try OutputFile.write("new\n", to: target, replace: true)
        #expect(scratch.text(target) == "new\n")
        #expect(scratch.mode(target) == 0o600)
    }

    /// Issue 9, point 1: `-o /dev/full --force` turned a device into a regular file; a FIFO and a
    /// folder were replaced the same way. Each stays what it was, with a reason.
    @Test("A folder, a FIFO or a device is never replaced, even with --force", arguments: ["fifo", "device", "folder"])
    func refusesSpecialFiles(kind: String) {
        let scratch = Scratch()
        defer { scratch.clean() }
        let target = kind == "fifo" ? scratch.fifo("pipe") : kind == "device" ? "/dev/null" : scratch.folder("dir")
        let before = scratch.kind(target)
        #expect(throws: FileError.self) { try OutputFile.write("x", to: target, replace: true) }
        #expect(scratch.kind(target) == before)
        #expect(scratch.names().allSatisfy { !$0.contains("iamquiz-") })
    }

    @Test("A symbolic link is followed: its file is replaced and the link stays a link")
    func followsLinks() throws {
        let scratch = Scratch()
        defer { scratch.clean() }
        let real = scratch.file("real.iqb", "old\n", mode: 0o640)
        let alias = scratch.link("alias.iqb", to: "real.iqb")
        #expect(throws: FileError.self) { try OutputFile.write("new\n", to: alias, replace: false) }
        try OutputFile.write("new\n", to: alias, replace: true)
        #expect(scratch.kind(alias) == .symbolicLink)
        #expect(scratch.text(real) == "new\n")
        #expect(scratch.mode(real) == 0o640)
        let dangling = scratch.link("dangling.iqb", to: scratch.path + "/nowhere.iqb")
        #expect(throws: FileError("is a symbolic link to `\(scratch.path)/nowhere.iqb`, which does not exist")) {
            try OutputFile.write("x", to: dangling, replace: true)
        }
    }

    @Test("A cancelled or failed write leaves the target as it was and no temporary file")
    func cancelLeavesTarget() throws {
        let scratch = Scratch()
        defer { scratch.clean() }
        let target = scratch.file("keep.iqb", "old\n")
        var file = try OutputFile(path: target, replace: true)
        try file.write("half of the new")
        file.cancel()
        #expect(scratch.text(target) == "old\n")
        #expect(scratch.names() == ["keep.iqb"])
    }

    @Test("A missing folder, an empty name and a name ending in / are refused with their reason", arguments: [
        ("/nonexistent-iamquiz/out.iqb", "the folder `/nonexistent-iamquiz` does not exist"),
        ("", "the file name is empty"),
        ("out/", "is a folder name; give a file name"),
    ])
    func badNames(path: String, reason: String) {
        #expect(throws: FileError(reason)) { try OutputFile.write("x", to: path, replace: true) }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
