import Foundation
import Testing

/// `make install` into a temporary prefix: the installed binary runs, its man pages render, and its
/// completion scripts complete topics, profiles and question ids by calling back into it.
///
/// The test installs the debug build beside the tests (`make install-files BIN=...`, the copying half of
/// `make install`, which builds in release first: too slow for the suite). `make test` builds
/// generate-manual; a plain `swift test` may not have, and then the test says so and is skipped.
/// The folder of the iamquiz the tests run, where `make test` builds generate-manual too.
private let installBinFolder = IAMQuizBinary.url.deletingLastPathComponent()

@Suite("make install end to end",
       .enabled(if: FileManager.default.isExecutableFile(atPath: installBinFolder.appendingPathComponent("generate-manual").path),
                "generate-manual is not built beside iamquiz: run the tests with `make test`"),
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/make"), "make is not installed"))
struct InstallEndToEndTests {
    static let binFolder = installBinFolder

    private func shell(_ command: String, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Completes `line` as bash would on Tab, with the installed script, and returns the candidates.
    private func bashComplete(_ line: String, script: String, environment: [String: String]) throws -> [String] {
        let harness = """
            source '\(script)'
            COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            read -r -a COMP_WORDS <<< "$COMP_LINE"
            [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMPREPLY=()
            _iamquiz iamquiz "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let run = try shell("bash -c \(shellQuoted(harness))", environment: environment)
        return run.output.split(separator: "\n").map(String.init)
    }

    private func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @Test("install puts the binary, man pages and completions under PREFIX; uninstall removes them all")
    func installRunUninstall() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-prefix-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let root = IAMQuizBinary.packageRoot.path
        let install = try shell("make -C '\(root)' --no-print-directory install-files BIN='\(Self.binFolder.path)' PREFIX='\(prefix)'")
        #expect(install.status == 0, "\(install.output)")

        // The installed binary runs, from anywhere, with its built-in bank.
        let home = try freshHome()
        let version = try shell("'\(prefix)/bin/iamquiz' --version")
        #expect(version.status == 0 && !version.output.isEmpty)
        let quiz = try shell("cd / && echo skip | '\(prefix)/bin/iamquiz' --profile installed --count 1 --seed 2", environment: home)
        #expect(quiz.status == 0, "\(quiz.output)")
        #expect(quiz.output.contains("Skipped."))

        // Man pages: one per command, generated from the commands' own help.
        let man1 = prefix + "/share/man/man1"
        for page in ["iamquiz.1", "iamquiz.quiz.1", "iamquiz.exam.1", "iamquiz.profile.reset.1", "iamquiz.simulate.1"] {
            #expect(FileManager.default.fileExists(atPath: "\(man1)/\(page)"), "missing \(page)")
        }
        let top = try String(contentsOfFile: man1 + "/iamquiz.1", encoding: .utf8)
        #expect(top.contains(".Dt IAMQUIZ 1") && top.contains("iamquiz.profile 1"))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/man") {
            let rendered = try shell("MANWIDTH=80 man -l '\(man1)/iamquiz.profile.1' 2>/dev/null")
            #expect(rendered.output.contains("NAME") && rendered.output.contains("reset"), "\(rendered.output)")
        }

        // Completions: bash completes topics, question ids and profiles by calling the installed iamquiz.
        let bash = prefix + "/share/bash-completion/completions/iamquiz"
        #expect(FileManager.default.fileExists(atPath: bash))
        var env = home
        env["PATH"] = prefix + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        if FileManager.default.isExecutableFile(atPath: "/bin/bash") || FileManager.default.isExecutableFile(atPath: "/usr/bin/bash") {
            #expect(try bashComplete("iamquiz quiz --topic trus", script: bash, environment: env) == ["trust-policy"])
            let ids = try bashComplete("iamquiz stats --question blog-0", script: bash, environment: env)
            #expect(ids.contains("blog-01-software-credentials-not-compromised"), "\(ids)")
            #expect(ids.allSatisfy { $0.hasPrefix("blog-0") })
            #expect(try bashComplete("iamquiz profile delete ", script: bash, environment: env) == ["installed"])
            #expect(try bashComplete("iamquiz prof", script: bash, environment: env) == ["profile"])
            #expect(try bashComplete("iamquiz exam --blueprint sa", script: bash, environment: env) == ["saa-c03", "sap-c02"])
            #expect(try bashComplete("iamquiz drill not", script: bash, environment: env) == ["not-action"])
            #expect(try bashComplete("iamquiz show blog-03", script: bash, environment: env)
                == ["blog-03-division-autonomy-with-governance"])
        }
        // zsh and fish: the scripts are there; their syntax is checked when the shell is installed.
        for (shellName, file) in [("zsh", "/share/zsh/site-functions/_iamquiz"), ("fish", "/share/fish/vendor_completions.d/iamquiz.fish")] {
            #expect(FileManager.default.fileExists(atPath: prefix + file))
            if let shellPath = ["/usr/bin/\(shellName)", "/bin/\(shellName)"].first(where: FileManager.default.isExecutableFile(atPath:)) {
                let check = try shell("'\(shellPath)' -n '\(prefix + file)'")
                #expect(check.status == 0, "\(shellName) -n: \(check.output)")
            }
        }

        let uninstall = try shell("make -C '\(root)' --no-print-directory uninstall PREFIX='\(prefix)'")
        #expect(uninstall.status == 0, "\(uninstall.output)")
        let left = FileManager.default.enumerator(atPath: prefix)?.compactMap { $0 as? String }
            .filter { !(try! FileManager.default.attributesOfItem(atPath: prefix + "/" + $0)[.type] as? FileAttributeType == .typeDirectory) } ?? []
        #expect(left.isEmpty, "left after uninstall: \(left)")
    }
}
