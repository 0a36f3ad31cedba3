import Foundation
import Testing

/// `iamquiz profile` and the rule that only commands recording progress create a profile.
@Suite("iamquiz profile end to end")
struct ProfileEndToEndTests {
    private func profileFolder(_ env: [String: String], _ name: String) -> String {
        env["IAMQUIZ_HOME"]! + "/profiles/" + name
    }

    @Test("reading commands never create a profile; an unknown one is an error with the nearest name")
    func readingNeverCreates() throws {
        let env = try freshHome()
        for arguments in [["stats"], ["stats", "--format", "json"], ["resume"], ["review"]] {
            let run = try IAMQuizBinary.run(arguments, environment: env)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
        }
        let unknown = try IAMQuizBinary.run(["stats", "--profile", "nosuchprofile"], environment: env)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("error: no profile `nosuchprofile`"))
        // A quiz that cannot start (an unknown topic, a bank with errors) creates nothing either.
        let badTopic = try IAMQuizBinary.run(["--topic", "trustpolicy"], environment: env)
        #expect(badTopic.status == 2 && badTopic.stderr.hasPrefix("error: unknown topic"))
        let badBank = try IAMQuizBinary.run(["exam", "--bank", "/nonexistent/bank.iqb"], environment: env)
        #expect(badBank.status == 1)
        #expect(!FileManager.default.fileExists(atPath: env["IAMQUIZ_HOME"]! + "/profiles"),
                "nothing may be written under the data directory by a reading command or a quiz that did not start")

        // A quiz creates the profile and says so; then a near miss gets a suggestion.
        let quiz = try IAMQuizBinary.run(["--profile", "alice", "--count", "1", "--seed", "1"], input: "skip\n", environment: env)
        #expect(quiz.status == 0)
        #expect(quiz.stderr.contains("note: new profile `alice`; its progress is kept in " + profileFolder(env, "alice")))
        let again = try IAMQuizBinary.run(["--profile", "alice", "--count", "1", "--seed", "1"], input: "skip\n", environment: env)
        #expect(!again.stderr.contains("new profile"))
        let typo = try IAMQuizBinary.run(["stats", "--profile", "alcie"], environment: env)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean `alice`?"))
    }

    @Test("profile list, path, reset and delete; reset and delete refuse without a terminal or --yes")
    func listPathResetDelete() throws {
        let env = try freshHome()
        let empty = try IAMQuizBinary.run(["profile", "list"], environment: env)
        #expect(empty.status == 0 && empty.stdout.hasPrefix("No profile yet"))
        // Two answers in `alice`: a single-answer question takes `a`, one asking for two refuses it and takes `a b`.
        let quiz = try IAMQuizBinary.run(["--profile", "alice", "--count", "2", "--seed", "5", "--level", "associate"],
                                         input: "a\na b\na\na b\n", environment: env)
        #expect(quiz.status == 0, "\(quiz.stderr)")
        // At least two answers (a missed question comes back once in the session): as many as stats counts.
        let stats = try IAMQuizBinary.run(["stats", "--profile", "alice", "--format", "json"], environment: env)
        let answers = try #require((try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])?["answers"] as? Int)
        #expect(answers >= 2)
        let list = try IAMQuizBinary.run(["profile", "list"], environment: env)
        #expect(list.status == 0)
        let row = try #require(list.stdout.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("alice") })
        let cells = row.split(separator: " ")
        #expect(cells[1] == "\(answers)", "the answers recorded: \(row)")
        let json = try IAMQuizBinary.run(["profile", "list", "--format", "json"], environment: env)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let profiles = try #require(decoded?["profiles"] as? [[String: Any]])
        #expect(profiles.map { $0["name"] as? String } == ["alice"])
        #expect(profiles.first?["answers"] as? Int == answers)

        let path = try IAMQuizBinary.run(["profile", "path"], environment: env)
        #expect(path.stdout == env["IAMQUIZ_HOME"]! + "\n")
        let alicePath = try IAMQuizBinary.run(["profile", "path", "alice"], environment: env)
        #expect(alicePath.stdout == profileFolder(env, "alice") + "\n" && alicePath.stderr.isEmpty)
        let badName = try IAMQuizBinary.run(["profile", "path", "../x"], environment: env)
        #expect(badName.status == 2 && badName.stderr.hasPrefix("error: invalid profile name"))

        // Piped standard input is not a terminal: without --yes nothing changes.
        let refused = try IAMQuizBinary.run(["profile", "reset", "alice"], input: "yes\n", environment: env)
        #expect(refused.status == 2 && refused.stderr.contains("add --yes"))
        let reset = try IAMQuizBinary.run(["profile", "reset", "alice", "--yes"], environment: env)
        #expect(reset.status == 0 && reset.stdout.contains("\(answers) answers"))
        let emptied = try IAMQuizBinary.run(["stats", "--profile", "alice", "--format", "json"], environment: env)
        #expect(emptied.status == 0 && emptied.stdout.contains("\"answers\" : 0"))

        let unknown = try IAMQuizBinary.run(["profile", "delete", "bob", "--yes"], environment: env)
        #expect(unknown.status == 2 && unknown.stderr.contains("no profile `bob`"))
        let delete = try IAMQuizBinary.run(["profile", "delete", "alice", "--yes"], environment: env)
        #expect(delete.status == 0)
        #expect(!FileManager.default.fileExists(atPath: profileFolder(env, "alice")))
    }

    @Test("on a terminal, reset asks and only `y` goes on; delete is refused while a quiz has the profile open",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "`script` (util-linux) is not installed"))
    func confirmationAndProfileInUse() throws {
        let env = try freshHome()
        let quiz = try IAMQuizBinary.run(["--profile", "carol", "--count", "1", "--seed", "5"], input: "skip\n", environment: env)
        #expect(quiz.status == 0)
        let binary = IAMQuizBinary.url.path

        let declined = try PseudoTerminalSession(shellCommand: "\(binary) profile reset carol; echo status=$?", environment: env)
        #expect(declined.waitFor("[y/N]"))
        declined.type("n\r")
        #expect(declined.waitFor("status=1"))
        declined.finish()
        #expect(declined.text.contains("Nothing changed."))

        // A quiz left open at its prompt holds the profile: delete must refuse, and the quiz's answers stay.
        let open = try PseudoTerminalSession(shellCommand: "\(binary) --profile carol --count 2 --seed 5", environment: env)
        #expect(open.waitFor("Your answer"))
        let refused = try IAMQuizBinary.run(["profile", "delete", "carol", "--yes"], environment: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is open in another iamquiz session"))
        open.type("q\r")
        open.finish()
        #expect(FileManager.default.fileExists(atPath: profileFolder(env, "carol") + "/progress.sqlite"))

        let accepted = try PseudoTerminalSession(shellCommand: "\(binary) profile delete carol; echo status=$?", environment: env)
        #expect(accepted.waitFor("[y/N]"))
        accepted.type("y\r")
        #expect(accepted.waitFor("status=0"))
        accepted.finish()
        #expect(!FileManager.default.fileExists(atPath: profileFolder(env, "carol")))
    }
}
