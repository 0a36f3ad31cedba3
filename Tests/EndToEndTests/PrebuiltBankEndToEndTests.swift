import Foundation
import Testing

/// The tool the `PrebuildBank` plugin runs at build time: a built-in bank with an error must stop the build,
/// with the parser's diagnostics at the files on disk.
@Suite("BankCompiler, the build step that pre-parses the built-in bank")
struct PrebuiltBankEndToEndTests {
    /// The tool beside the `iamquiz` binary: the build makes it for the plugin (`-tool`) and as a product.
    static let tool: URL = {
        let folder = IAMQuizBinary.url.deletingLastPathComponent()
        let candidates = ["BankCompiler-tool", "BankCompiler"].map { folder.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// Runs the tool on the `.iqb` files of `files` (name, text) in a fresh folder: its exit status, its
    /// standard error, the folder, and the generated source if it wrote one.
    static func compile(_ files: [(String, String)]) throws -> (status: Int32, stderr: String, folder: String, output: String?) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-compile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let output = folder.appendingPathComponent("out.swift")
        let process = Process()
        process.executableURL = tool
        process.arguments = [output.path, "<builtin>", folder.path, "EmbeddedCompactBank"] + files.map { folder.appendingPathComponent($0.0).path }
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, errors, folder.path, try? String(contentsOf: output, encoding: .utf8))
    }

    static let good = """
        ## q1
        level: associate
        topics: sts

        Which one?

        - This one.
          why: it is.
        - That one.
          why: it is not.

        answer: A

        """

    @Test("a bank with errors stops the build: file:line:col at the files on disk, exit 1, nothing written")
    func errorsStop() throws {
        let bad = Self.good.replacingOccurrences(of: "level: associate", with: "level: expert")
        let run = try Self.compile([("a.iqb", Self.good), ("b.iqb", bad)])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(run.folder)/b.iqb:2:8: error[E008]: unknown level `expert`"), "\(run.stderr)")
        // The check across files runs too: the id of a.iqb used again in b.iqb.
        #expect(run.stderr.contains("\(run.folder)/b.iqb:1:4: error[E002]: duplicate question id `q1`"), "\(run.stderr)")
        #expect(run.stderr.contains("error: the built-in bank has errors"))
        #expect(run.output == nil)
    }

    @Test("a clean bank is written as generated Swift holding the compact form")
    func cleanWritten() throws {
        let run = try Self.compile([("a.iqb", Self.good)])
        #expect(run.status == 0, "\(run.stderr)")
        let output = try #require(run.output)
        #expect(output.contains("enum EmbeddedCompactBank"))
        #expect(output.contains("static let blob = \"IQBC"))
    }
}
