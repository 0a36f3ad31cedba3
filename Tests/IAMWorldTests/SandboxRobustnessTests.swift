import Foundation
import Testing
import TestSupport
@testable import IAMWorld

@Suite("The sandbox never crashes and always answers")
struct SandboxRobustnessTests {
    static let words = [
        "as", "user", "root", "instance", "session", "whoami", "assume", "assume-saml", "assume-web", "get-session-token",
        "get-federation-token", "can", "explain", "policies", "exit-role", "advance", "help", "put-policy", "delete-policy",
        "set-trust", "set-boundary", "clear-boundary", "put-resource-policy", "attach-scp", "detach-scp", "create-role",
        "delete-role", "delete-service-linked-role", "add-role-to-profile", "associate-profile", "replace-profile",
        "disassociate-profile", "dev/alice", "prod/Deployer", "prod/i-0abc", "web", "prod", "dev", "s3:GetObject", "*",
        "arn:aws:s3:::logs/x", "--external-id", "--duration", "--mfa", "--serial", "--policy", "@narrow", "--tag", "a=b",
        "--session-name", "x", "2h", "0", "-5", "99999999", "'{\"Version\"", "{}", "\"", "'", "--from", "10.0.0.1",
        "--context", "aws:SourceIp=1.2.3.4", "group", "role", "--created-with", "console", "--trust", "--provider",
        "--subject", "--audience", "root", "FullAWSAccess", "é", "\u{1B}[31m", "",
    ]

    // Rule: whatever is typed, a line is either refused with one diagnostic or runs to an outcome with
    // at least one line of output; nothing traps.
    @Test("2,000 random lines: each parses to a diagnostic or runs to an outcome with output")
    func randomLines() throws {
        var sandbox = try SandboxCompletionTests.sandbox()
        var random = TestRandom(seed: 0x5A_4D_B0_C5)
        var ran = 0
        for number in 1...2_000 {
            // Mostly a real command with random arguments, sometimes anything at all.
            let head = random.below(4) == 0 ? Self.words[random.below(Self.words.count)]
                : CommandParser.commandNames[random.below(CommandParser.commandNames.count)]
            let line = ([head] + (0..<random.below(5)).map { _ in Self.words[random.below(Self.words.count)] }).joined(separator: " ")
            let parser = CommandParser(file: "<fuzz>", line: number, baseDirectory: "/nonexistent", documents: sandbox.documents)
            switch parser.parse(line) {
            case .failure(let diagnostic):
                #expect(!diagnostic.message.isEmpty && !diagnostic.message.contains("\n"), "\(line)")
            case .success(let command):
                let result = sandbox.run(command)
                #expect(!result.lines.isEmpty, "\(line)")
                ran += 1
            }
        }
        #expect(ran > 100, "too few lines ran for the test to mean much: \(ran)")
    }

    // Durations stop at 100 years, and the clock at the end of 9999: past them numbers overflow and dates
    // leave ISO 8601, where a date condition would no longer hold (and a Deny would stop applying).
    @Test("durations and the clock have limits")
    func limits() throws {
        #expect(CommandParser.duration("36500d") != nil)
        #expect(CommandParser.duration("36700d") == nil)
        #expect(CommandParser.duration("9223372036854775807s") == nil)
        var sandbox = try SandboxCompletionTests.sandbox()
        for _ in 0..<79 { _ = sandbox.run(.advance(36_500 * 86_400)) }
        let past = sandbox.run(.advance(36_500 * 86_400))
        #expect(past.outcome == .error("ValidationError"), "\(past.lines)")
        #expect(sandbox.world.now < Sandbox.endOfTime)
    }
}
