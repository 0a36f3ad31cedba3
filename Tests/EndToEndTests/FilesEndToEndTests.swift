import Foundation
import Testing

/// Files a command reads or writes (issue 9, points 1, 8, 11, 12 and 17): output replaced only when it is a
/// regular file and whole, inputs read by extension, and the real reason when a path cannot be read.
@Suite("Files in and out, end to end")
struct FilesEndToEndTests {
    /// A folder for one test, open to every user (the permission tests run as `nobody`).
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-files-e2e-\(UUID().uuidString)")
        var path: String { url.path }
        init() {
            try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
            chmod(url.path, 0o777)
        }
        deinit {
            chmod(url.path, 0o777)
            try? FileManager.default.removeItem(at: url)
        }
        func file(_ name: String, _ text: String = "x\n", mode: Int = 0o644) -> String {
            let full = url.appendingPathComponent(name).path
            FileManager.default.createFile(atPath: full, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
            return full
        }
        func kind(_ full: String) -> String {
            (try? FileManager.default.attributesOfItem(atPath: full)[.type] as? FileAttributeType)?.rawValue ?? "missing"
        }
    }

    // MARK: Output files (point 1)

    /// `export gift`, `import aiken` and `stats --export csv` all write through one writer; each row is a
    /// command whose `-o` is replaced.
    static let writers: [[String]] = [
        ["export", "gift"],
        ["import", "aiken", IAMQuizBinary.fixtures.appendingPathComponent("moodle/quiz.aiken").path],
        ["stats", "--export", "csv"],
    ]

    @Test("-o --force keeps a replaced file's permissions (600 stays 600) and writes it whole", arguments: writers)
    func keepsMode(command: [String]) throws {
        let folder = Folder()
        let target = folder.file("out", "old\n", mode: 0o600)
        let refused = try IAMQuizBinary.run(command + ["-o", target])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the file exists"), "\(refused.stderr)")
        let out = try IAMQuizBinary.run(command + ["-o", target, "--force"])
        #expect(out.status == 0, "\(out.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: target, encoding: .utf8) != "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out"])
    }

    @Test("-o --force never turns a FIFO or a device into a file", arguments: writers)
    func refusesSpecialFiles(command: [String]) throws {
        let folder = Folder()
        let fifo = folder.url.appendingPathComponent("pipe").path
        mkfifo(fifo, 0o644)
        let out = try IAMQuizBinary.run(command + ["-o", fifo, "--force"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("pipe: error: is not a regular file (it is a FIFO)"), "\(out.stderr)")
        #expect(folder.kind(fifo) != FileAttributeType.typeRegular.rawValue && folder.kind(fifo) != "missing")
        let device = try IAMQuizBinary.run(command + ["-o", "/dev/null", "--force"])
        #expect(device.status == 1)
        #expect(device.stderr.contains("is not a regular file (it is a character device)"))
        #expect(folder.kind("/dev/null") == FileAttributeType.typeCharacterSpecial.rawValue)
    }

    @Test("-o through a symbolic link replaces the file it points to; the link stays")
    func followsLink() throws {
        let folder = Folder()
        let real = folder.file("real.gift", "old\n")
        let link = folder.url.appendingPathComponent("link.gift").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.gift")
        let out = try IAMQuizBinary.run(["export", "gift", "-o", link, "--force"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(folder.kind(link) == FileAttributeType.typeSymbolicLink.rawValue)
        #expect(try String(contentsOfFile: real, encoding: .utf8).contains("$CATEGORY"))
    }

    // MARK: Inputs (points 8 and 12)

    /// Each row: what the path is, and the reason the user must see.
    @Test("An input that cannot be read says why", arguments: [
        ("fifo", "is not a regular file (it is a FIFO)"),
        ("loop", "too many levels of symbolic links"),
        ("missing", "no such file or folder"),
        ("folder-of-nothing", "folder holds no `.iqb` bank files"),
    ])
    func inputReasons(kind: String, reason: String) throws {
        let folder = Folder()
        var path = folder.url.appendingPathComponent("bank.iqb").path
        switch kind {
        case "fifo": mkfifo(path, 0o644)
        case "loop": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: path)
        case "folder-of-nothing": path = folder.path
        default: break
        }
        for command in [["check", path], ["--bank", path, "--count", "1"]] {
            let out = try IAMQuizBinary.run(command)
            #expect(out.status == 1)
            #expect(out.stderr.contains(reason), "\(command): \(out.stderr)")
        }
    }

    @Test("fsrs replay: a file that cannot be read is F001 with the reason; a line that is no history is F002 at its position")
    func replayInputs() throws {
        let folder = Folder()
        let missing = folder.url.appendingPathComponent("missing.jsonl").path
        let unread = try IAMQuizBinary.run(["fsrs", "replay", missing])
        #expect(unread.status == 1)
        #expect(unread.stderr.contains("missing.jsonl: error[F001]: no such file or folder"), "\(unread.stderr)")
        let malformed = folder.file("histories.jsonl", "{\"id\": \"q1\", \"reviews\": []}\n{\"id\": true, \"reviews\": []}\n")
        let bad = try IAMQuizBinary.run(["fsrs", "replay", malformed])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("histories.jsonl:2:8: error[F002]: `id` must be a string or a number, found a boolean"), "\(bad.stderr)")
    }

    @Test("A folder or file that may not be read says permission denied, once")
    func permissionDenied() throws {
        let folder = Folder()
        let closed = folder.url.appendingPathComponent("closed").path
        try FileManager.default.createDirectory(atPath: closed, withIntermediateDirectories: false)
        chmod(closed, 0)
        let secret = folder.file("secret.iqb", "x", mode: 0)
        let out = try IAMQuizBinary.run(["check", closed, secret], unprivileged: true)
        #expect(out.status == 1)
        #expect(out.stderr.contains("closed: error[E015]: permission denied"), "\(out.stderr)")
        #expect(out.stderr.contains("secret.iqb: error[E015]: permission denied"), "\(out.stderr)")
        #expect(out.stderr.occurrences(of: "permission denied") == 2, "\(out.stderr)")
    }

    @Test("--bank reads a file by its extension: a scenario file or another type is refused with the list")
    func bankExtensions() throws {
        let folder = Folder()
        let scenario = folder.file("world.iqs", "scenario: world\n")
        let text = folder.file("notes.txt", "Q: what?\n")
        let asScenario = try IAMQuizBinary.run(["--bank", scenario, "--count", "1"])
        #expect(asScenario.status == 1)
        #expect(asScenario.stderr.contains("world.iqs: error[E023]: is a scenario file, not a bank"), "\(asScenario.stderr)")
        #expect(!asScenario.stderr.contains("E011"))
        let asText = try IAMQuizBinary.run(["check", text])
        #expect(asText.status == 1)
        #expect(asText.stderr.contains("unknown bank file type `.txt`"))
        #expect(asText.stderr.contains("`.iqb` (iamquiz's own format), `.gift` (Moodle GIFT), `.aiken` (Aiken)"))
    }

    // MARK: Escapes in messages (point 11)

    @Test("Paths and typed values in messages reach the terminal without control characters")
    func noEscapesInMessages() throws {
        let evil = "\u{1B}]52;c;aGk=\u{07}\u{1B}[2J\u{202E}x"
        for command in [["fsrs", "replay", evil], ["--level", evil], ["check", evil + ".iqb"], ["stats", "--profile", evil]] {
            let out = try IAMQuizBinary.run(command)
            #expect(out.status != 0)
            #expect(!out.stderr.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" },
                    "\(command): \(out.stderr.debugDescription)")
        }
    }

    @Test("A diagnostic excerpt shows a bidi override as U+FFFD, not as an override")
    func bidiInExcerpt() throws {
        let folder = Folder()
        let bank = folder.file("bidi.iqb", "id: q\u{202E}1\nlevel: nope\n")
        let out = try IAMQuizBinary.run(["check", bank])
        #expect(out.status == 1)
        #expect(!out.stderr.unicodeScalars.contains("\u{202E}"), "\(out.stderr.debugDescription)")
    }

    // MARK: Usage (point 17)

    @Test("stats -o without --export, and an empty -o, are usage or file errors with a clear message")
    func statsOutputUsage() throws {
        let alone = try IAMQuizBinary.run(["stats", "-o", "x.csv"])
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("-o/--output goes with --export csv"))
        let empty = try IAMQuizBinary.run(["stats", "--export", "csv", "-o", ""])
        #expect(empty.status == 1)
        #expect(empty.stderr.hasPrefix("error: the file name is empty"), "\(empty.stderr)")
        let export = try IAMQuizBinary.run(["export", "gift", "-o", ""])
        #expect(export.stderr.hasPrefix("error: the file name is empty"), "\(export.stderr)")
    }
}

extension FilesEndToEndTests {
    @Test("The same bank file named twice, or also inside a folder given, is read once: no duplicate ids")
    func sameFileTwice() throws {
        let bank = IAMQuizBinary.fixtures.appendingPathComponent("single-answers.iqb").path
        let out = try IAMQuizBinary.run(["check", bank, bank])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(!out.stderr.contains("E002"))
        #expect(out.stderr.contains("note[E015]: given twice; read once"))
        let folder = Folder()
        try FileManager.default.copyItem(atPath: bank, toPath: folder.path + "/bank.iqb")
        let viaFolder = try IAMQuizBinary.run(["check", folder.path, folder.path + "/bank.iqb"])
        #expect(viaFolder.status == 0, "\(viaFolder.stderr)")
        #expect(viaFolder.stderr.contains("read once"))
    }

    @Test("The profile name's limits are in the help and in the message")
    func profileLimit() throws {
        let long = String(repeating: "a", count: 65)
        let out = try IAMQuizBinary.run(["stats", "--profile", long])
        #expect(out.status == 2)
        #expect(out.stderr.contains("use 1 to 64 letters, digits, `-` and `_` (it has 65 characters)"), "\(out.stderr)")
        #expect(try IAMQuizBinary.run(["stats", "--help"]).stdout.contains("(1 to 64"))
    }
}
