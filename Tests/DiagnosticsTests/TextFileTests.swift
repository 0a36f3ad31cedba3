import Foundation
import Testing
@testable import Diagnostics

@Suite("Reading text files, with the reason when they cannot be read")
struct TextFileTests {
    @Test("a UTF-8 file is read whole, however large")
    func readsWhole() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("big.txt").path
        let text = String(repeating: "é line\n", count: 50_000)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(TextFile.read(path) == .success(text))
    }

    // Rule: each failure gives its real reason; a device or a pipe is refused before it is read (a named
    // pipe without a writer, or /dev/zero, would block or never end).
    @Test("what cannot be read says why", arguments: [
        ("missing", TextFile.Problem.noSuchFile),
        ("missing-folder/file", .noSuchFile),
        ("folder", .isAFolder),
        ("pipe", .notARegularFile),
        ("/dev/zero", .notARegularFile),
        ("latin1", .notUTF8),
    ])
    func problems(_ name: String, _ expected: TextFile.Problem) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = name.hasPrefix("/") ? name : folder.appendingPathComponent(name).path
        switch name {
        case "folder": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case "pipe": #expect(mkfifo(path, 0o600) == 0)
        case "latin1": #expect(FileManager.default.createFile(atPath: path, contents: Data([0x63, 0x61, 0x66, 0xE9])))
        default: break
        }
        #expect(TextFile.read(path) == .failure(expected))
    }

    // Root may read any file, so the permission is checked through the errno it would give.
    @Test("errno values name their reason in words", arguments: [
        (ENOENT, "no such file"), (ENOTDIR, "no such file"), (EACCES, "permission denied"), (EPERM, "permission denied"),
        (EISDIR, "is a folder"), (ELOOP, "too many levels of symbolic links"),
    ])
    func errnoReasons(_ code: Int32, _ reason: String) {
        #expect(TextFile.Problem(errno: code).description == reason)
    }

    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("textfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
