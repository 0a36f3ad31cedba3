import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import IAMWorld

/// A canonical text for a parsed command, so that tables can state the expected command in one string
/// (`Command` holds documents and tuples, so it is not `Equatable`). Only the fields that are set appear.
enum CommandDescription {
    static func describe(_ command: Command) -> String {
        switch command {
        case .asUser(let name): return "as-user \(name)"
        case .asRoot(let name): return "as-root \(name)"
        case .byService(let service, let inner): return describe(inner) + " by \(service)"
        case .assumeRoot(let account, let task, let duration): return "assume-root \(account) \(task) \(duration.map { String(Int($0)) } ?? "-")"
        case .asService(let o): return "as-service \(o.principal) \(o.sourceAccount ?? "-") \(o.sourceARN ?? "-")"
        case .asInstance(let name): return "as-instance \(name)"
        case .asSession(let name): return "as-session \(name)"
        case .whoami: return "whoami"
        case .assume(let o):
            return fields("assume \(o.role)", [
                ("session", o.sessionName), ("external-id", o.externalID), ("serial", o.serialName), ("mfa", o.mfaCode),
                ("duration", o.duration.map(seconds)), ("policy", o.policy.map(describe)),
                ("policy-arns", list(o.policyARNs)), ("source-identity", o.sourceIdentity),
                ("tags", list(o.tags.map { "\($0.key)=\($0.value)" })), ("transitive", list(o.transitiveTagKeys)),
            ])
        case .assumeSAML(let o):
            return fields("assume-saml \(o.role)", [
                ("provider", o.provider), ("subject", o.subject), ("audience", o.audience),
                ("duration", o.duration.map(seconds)), ("session-duration", o.sessionDuration.map(seconds)),
                ("valid-for", o.validFor.map(seconds)), ("role-attribute", o.listsRole ? nil : "missing"),
            ])
        case .assumeWeb(let o):
            return fields("assume-web \(o.role)", [
                ("provider", o.provider), ("subject", o.subject), ("audience", o.audience),
                ("duration", o.duration.map(seconds)), ("token-valid-for", seconds(o.tokenValidFor)),
            ])
        case .getSessionToken(let duration, let serial, let code):
            return fields("get-session-token", [("duration", duration.map(seconds)), ("serial", serial), ("mfa", code)])
        case .getFederationToken(let name, let policy, let duration):
            return fields("get-federation-token \(name)", [("policy", policy.map(describe)), ("duration", duration.map(seconds))])
        case .can(let o):
            return fields("can \(o.action) \(o.resource)", [
                ("from", o.sourceIP), ("region", o.region), ("via", o.via), ("context", list(o.context.map { "\($0.key)=\($0.value)" })),
            ])
        case .advance(let interval): return "advance \(seconds(interval))"
        case .exitRole: return "exit-role"
        case .explain: return "explain"
        case .policies: return "policies"
        case .help: return "help"
        case .putPolicy(let kind, let entity, let name, let document):
            return "put-policy \(kind.rawValue) \(entity) \(name) \(describe(document))"
        case .deletePolicy(let kind, let entity, let name): return "delete-policy \(kind.rawValue) \(entity) \(name)"
        case .setTrust(let role, let document): return "set-trust \(role) \(describe(document))"
        case .setBoundary(let kind, let entity, let document): return "set-boundary \(kind.rawValue) \(entity) \(describe(document))"
        case .clearBoundary(let kind, let entity): return "clear-boundary \(kind.rawValue) \(entity)"
        case .putResourcePolicy(let arn, let document): return "put-resource-policy \(arn) \(describe(document))"
        case .attachSCP(let name, let target, let document): return "attach-scp \(name) \(target) \(describe(document))"
        case .detachSCP(let name, let target): return "detach-scp \(name) \(target)"
        case .createRole(let name, let trust, let createdWith):
            return "create-role \(name) trust=\(describe(trust)) created-with=\(createdWith.rawValue)"
        case .deleteRole(let role): return "delete-role \(role)"
        case .deleteServiceLinkedRole(let role): return "delete-service-linked-role \(role)"
        case .deleteResource(let arn): return "delete-resource \(arn)"
        case .setMaxSession(let role, let interval): return "set-max-session \(role) \(seconds(interval))"
        case .addRoleToProfile(let profile, let role): return "add-role-to-profile \(profile) \(role)"
        case .associateProfile(let instance, let profile): return "associate-profile \(instance) \(profile)"
        case .replaceProfile(let instance, let profile): return "replace-profile \(instance) \(profile)"
        case .disassociateProfile(let instance): return "disassociate-profile \(instance)"
        }
    }

    /// `@NAME` for a named document, `inline@L:C` for JSON on the command line, `file:NAME` for a file.
    static func describe(_ document: Document) -> String {
        if let name = document.name { return "@\(name)" }
        if document.file.hasSuffix(".json") { return "file:" + (document.file.split(separator: "/").last.map(String.init) ?? "") }
        return "inline@\(document.start)"
    }

    private static func seconds(_ t: TimeInterval) -> String { "\(Int(t))s" }

    private static func list(_ items: [String]) -> String? { items.isEmpty ? nil : items.joined(separator: ",") }

    private static func fields(_ head: String, _ fields: [(String, String?)]) -> String {
        ([head] + fields.compactMap { key, value in value.map { "\(key)=\($0)" } }).joined(separator: " ")
    }
}

/// One row of a table: the rule it shows, the command text and what it must parse to.
struct CommandCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var text: String
    var expected: String
    var testDescription: String { rule }
}

private let readonly = Document(name: "readonly", text: #"{"Version": "2012-10-17", "Statement": []}"#, file: "s.iqs",
                                start: SourceLocation(line: 40, column: 21))

private func commandParser(line: Int = 7, baseDirectory: String = "/nonexistent") -> CommandParser {
    CommandParser(file: "s.iqs", line: line, baseDirectory: baseDirectory, documents: ["readonly": readonly])
}

@Suite("Command parser: every command and option")
struct CommandParserTableTests {
    static let cases: [CommandCase] = [
        CommandCase(rule: "as user: act as an IAM user", text: "as user vendor/app", expected: "as-user vendor/app"),
        CommandCase(rule: "as root: act as an account's root user", text: "as root prod", expected: "as-root prod"),
        CommandCase(rule: "as instance: act as software on an instance", text: "as instance prod/i-0abc",
                    expected: "as-instance prod/i-0abc"),
        CommandCase(rule: "as session: reuse an earlier session by its name", text: "as session nightly",
                    expected: "as-session nightly"),
        CommandCase(rule: "whoami takes nothing", text: "whoami", expected: "whoami"),
        CommandCase(rule: "assume with a role alone", text: "assume customer-a/VendorReader", expected: "assume customer-a/VendorReader"),
        CommandCase(rule: "assume: every single-valued option",
                    text: "assume prod/Admin --session-name s1 --external-id x-1 --serial alice-phone --mfa 123456 --duration 2h --policy @readonly --source-identity alice",
                    expected: "assume prod/Admin session=s1 external-id=x-1 serial=alice-phone mfa=123456 duration=7200s policy=@readonly source-identity=alice"),
        CommandCase(rule: "assume: repeatable options keep their order",
                    text: "assume prod/Admin --tag team=blue --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess --tag cost=1 --transitive-tag team --policy-arn arn:aws:iam::aws:policy/B",
                    expected: "assume prod/Admin policy-arns=arn:aws:iam::aws:policy/ReadOnlyAccess,arn:aws:iam::aws:policy/B tags=team=blue,cost=1 transitive=team"),
        CommandCase(rule: "assume: a tag splits at the first `=` and its value may hold `=` or be empty",
                    text: "assume prod/Admin --tag expr=a=b --tag empty=", expected: "assume prod/Admin tags=expr=a=b,empty="),
        CommandCase(rule: "assume: a role may be named by its ARN", text: "assume arn:aws:iam::111111111111:role/app/Reader",
                    expected: "assume arn:aws:iam::111111111111:role/app/Reader"),
        CommandCase(rule: "assume-saml: required provider and subject; the audience defaults to AWS sign-in",
                    text: "assume-saml prod/SAMLAdmin --provider Okta --subject alice@example.com",
                    expected: "assume-saml prod/SAMLAdmin provider=Okta subject=alice@example.com audience=https://signin.aws.amazon.com/saml"),
        CommandCase(rule: "assume-saml: every option",
                    text: "assume-saml prod/SAMLAdmin --provider Okta --subject bob --audience https://x.example --duration 1h --session-duration 30m --valid-for 5m",
                    expected: "assume-saml prod/SAMLAdmin provider=Okta subject=bob audience=https://x.example duration=3600s session-duration=1800s valid-for=300s"),
        CommandCase(rule: "assume-saml --role-attribute missing: an assertion whose Role attribute does not list the role",
                    text: "assume-saml prod/SAMLAdmin --provider Okta --subject bob --role-attribute missing",
                    expected: "assume-saml prod/SAMLAdmin provider=Okta subject=bob audience=https://signin.aws.amazon.com/saml role-attribute=missing"),
        CommandCase(rule: "assume-web: provider, subject and audience; the token is valid 1h by default",
                    text: "assume-web prod/Deploy --provider token.actions.githubusercontent.com --subject repo:org/app:ref:refs/heads/main --audience sts.amazonaws.com",
                    expected: "assume-web prod/Deploy provider=token.actions.githubusercontent.com subject=repo:org/app:ref:refs/heads/main audience=sts.amazonaws.com token-valid-for=3600s"),
        CommandCase(rule: "assume-web: duration and token lifetime",
                    text: "assume-web prod/Deploy --provider h --subject s --audience a --duration 15m --token-valid-for 90",
                    expected: "assume-web prod/Deploy provider=h subject=s audience=a duration=900s token-valid-for=90s"),
        CommandCase(rule: "get-session-token without options", text: "get-session-token", expected: "get-session-token"),
        CommandCase(rule: "get-session-token with MFA", text: "get-session-token --duration 12h --serial alice-phone --mfa 654321",
                    expected: "get-session-token duration=43200s serial=alice-phone mfa=654321"),
        CommandCase(rule: "get-federation-token with a session policy and duration",
                    text: "get-federation-token bob --policy @readonly --duration 1d",
                    expected: "get-federation-token bob policy=@readonly duration=86400s"),
        CommandCase(rule: "can: action and resource", text: "can s3:GetObject arn:aws:s3:::reports-a/2026/q1.csv",
                    expected: "can s3:GetObject arn:aws:s3:::reports-a/2026/q1.csv"),
        CommandCase(rule: "can: source IP, region and repeated context keys",
                    text: "can ec2:RunInstances * --from 203.0.113.5 --region eu-west-1 --context aws:RequestTag/team=blue --context ec2:InstanceType=t3.micro",
                    expected: "can ec2:RunInstances * from=203.0.113.5 region=eu-west-1 context=aws:RequestTag/team=blue,ec2:InstanceType=t3.micro"),
        CommandCase(rule: "advance takes a duration", text: "advance 61m", expected: "advance 3660s"),
        CommandCase(rule: "set-max-session: a role and a duration (IAM UpdateRole)", text: "set-max-session prod/Deploy 8h",
                    expected: "set-max-session prod/Deploy 28800s"),
        CommandCase(rule: "delete-resource: an ARN", text: "delete-resource arn:aws:elasticbeanstalk:us-east-1:111111111111:environment/app/prod",
                    expected: "delete-resource arn:aws:elasticbeanstalk:us-east-1:111111111111:environment/app/prod"),
        CommandCase(rule: "exit-role takes nothing", text: "exit-role", expected: "exit-role"),
        CommandCase(rule: "put-policy on a user", text: "put-policy user prod/alice inline @readonly",
                    expected: "put-policy user prod/alice inline @readonly"),
        CommandCase(rule: "put-policy on a group", text: "put-policy group prod/devs inline @readonly",
                    expected: "put-policy group prod/devs inline @readonly"),
        CommandCase(rule: "put-policy on a role", text: "put-policy role prod/App inline @readonly",
                    expected: "put-policy role prod/App inline @readonly"),
        CommandCase(rule: "delete-policy", text: "delete-policy role prod/App inline", expected: "delete-policy role prod/App inline"),
        CommandCase(rule: "set-trust", text: "set-trust prod/App @readonly", expected: "set-trust prod/App @readonly"),
        CommandCase(rule: "set-boundary on a user", text: "set-boundary user prod/alice @readonly",
                    expected: "set-boundary user prod/alice @readonly"),
        CommandCase(rule: "clear-boundary on a role", text: "clear-boundary role prod/App", expected: "clear-boundary role prod/App"),
        CommandCase(rule: "put-resource-policy", text: "put-resource-policy arn:aws:s3:::reports-a @readonly",
                    expected: "put-resource-policy arn:aws:s3:::reports-a @readonly"),
        CommandCase(rule: "attach-scp", text: "attach-scp DenyS3 workloads/prod @readonly", expected: "attach-scp DenyS3 workloads/prod @readonly"),
        CommandCase(rule: "detach-scp", text: "detach-scp FullAWSAccess root", expected: "detach-scp FullAWSAccess root"),
        CommandCase(rule: "create-role defaults to the CLI", text: "create-role prod/Web --trust @readonly",
                    expected: "create-role prod/Web trust=@readonly created-with=cli"),
        CommandCase(rule: "create-role in the console", text: "create-role prod/Web --created-with console --trust @readonly",
                    expected: "create-role prod/Web trust=@readonly created-with=console"),
        CommandCase(rule: "delete-role", text: "delete-role prod/Web", expected: "delete-role prod/Web"),
        CommandCase(rule: "delete-service-linked-role", text: "delete-service-linked-role prod/AWSServiceRoleForX",
                    expected: "delete-service-linked-role prod/AWSServiceRoleForX"),
        CommandCase(rule: "add-role-to-profile", text: "add-role-to-profile prod/WebProfile WebRole",
                    expected: "add-role-to-profile prod/WebProfile WebRole"),
        CommandCase(rule: "associate-profile", text: "associate-profile prod/i-1 WebProfile", expected: "associate-profile prod/i-1 WebProfile"),
        CommandCase(rule: "replace-profile", text: "replace-profile prod/i-1 Other", expected: "replace-profile prod/i-1 Other"),
        CommandCase(rule: "disassociate-profile", text: "disassociate-profile prod/i-1", expected: "disassociate-profile prod/i-1"),
        CommandCase(rule: "the sandbox's explain", text: "explain", expected: "explain"),
        CommandCase(rule: "the sandbox's policies", text: "policies", expected: "policies"),
        CommandCase(rule: "the sandbox's help", text: "help", expected: "help"),
        CommandCase(rule: "can: through a VPC endpoint", text: "can s3:GetObject arn:aws:s3:::b/k --via vpce-1a2b3c4d --from 10.0.1.5",
                    expected: "can s3:GetObject arn:aws:s3:::b/k from=10.0.1.5 via=vpce-1a2b3c4d"),
        CommandCase(rule: "options may come before the positional arguments", text: "can --from 10.0.0.1 s3:ListBucket arn:aws:s3:::b",
                    expected: "can s3:ListBucket arn:aws:s3:::b from=10.0.0.1"),
        CommandCase(rule: "tabs and runs of spaces separate words", text: "as\tuser    vendor/app  ", expected: "as-user vendor/app"),
    ]

    @Test(arguments: cases)
    func parses(_ c: CommandCase) {
        switch commandParser().parse(c.text) {
        case .success(let command):
            #expect(CommandDescription.describe(command) == c.expected)
        case .failure(let diagnostic):
            Issue.record("\(diagnostic.code) \(diagnostic.message)")
        }
    }

    @Test("the documented commands table: every command is known, and its usage is the documented one")
    func documentedCommands() throws {
        let doc = try String(contentsOf: packageRoot.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
        let commands = try #require(doc.components(separatedBy: "### Commands").dropFirst().first)
        let section = commands.components(separatedBy: "\n## ").first ?? commands
        var documented: [String] = []
        for row in section.split(separator: "\n") where row.hasPrefix("| `") {
            // The first cell: backticked usages up to the first `|` outside backticks.
            for (i, piece) in row.dropFirst(2).split(separator: "`", omittingEmptySubsequences: false).enumerated() {
                if i % 2 == 0 {
                    if piece.contains("|") { break }
                    continue
                }
                // Markdown tables escape `|` inside cells as `\|`.
                documented.append(piece.replacingOccurrences(of: "\\|", with: "|"))
            }
        }
        #expect(documented.count == 32)
        for usage in documented {
            let name = String(usage.split(separator: " ").first ?? "")
            #expect(CommandParser.commandNames.contains(name), "\(name)")
            if name != "as" {
                #expect(CommandParser.usage(of: name) == usage)
            }
        }
        // Only the sandbox's own commands are not in the table.
        let names = Set(documented.map { String($0.split(separator: " ").first ?? "") })
        #expect(Set(CommandParser.commandNames).subtracting(names) == ["explain", "policies", "help"])
    }

    @Test("options(for:) lists a command's options for completion, none for an unknown command")
    func optionsForCompletion() {
        #expect(CommandParser.options(for: "assume") == ["--session-name", "--external-id", "--serial", "--mfa", "--duration",
                                                        "--policy", "--policy-arn", "--source-identity", "--tag", "--transitive-tag"])
        #expect(CommandParser.options(for: "create-role") == ["--trust", "--created-with"])
        #expect(CommandParser.options(for: "whoami").isEmpty)
        #expect(CommandParser.options(for: "nonsense").isEmpty)
    }
}

/// The package root, from this file's path.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// One row of the duration table: text, and seconds or nil when it is not a duration.
struct DurationCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var text: String
    var seconds: TimeInterval?
    var testDescription: String { rule }
}

@Suite("Command parser: durations")
struct DurationTests {
    static let cases: [DurationCase] = [
        DurationCase(rule: "a plain number is seconds", text: "90", seconds: 90),
        DurationCase(rule: "zero is a duration", text: "0", seconds: 0),
        DurationCase(rule: "s is seconds", text: "90s", seconds: 90),
        DurationCase(rule: "m is minutes", text: "15m", seconds: 900),
        DurationCase(rule: "h is hours", text: "2h", seconds: 7_200),
        DurationCase(rule: "d is days", text: "1d", seconds: 86_400),
        DurationCase(rule: "units combine, largest first", text: "1h30m", seconds: 5_400),
        DurationCase(rule: "all four units combine", text: "1d2h3m4s", seconds: 93_784),
        DurationCase(rule: "a unit may be skipped", text: "1d30s", seconds: 86_430),
        DurationCase(rule: "a number may exceed the next unit", text: "90m", seconds: 5_400),
        DurationCase(rule: "empty text is not a duration", text: "", seconds: nil),
        DurationCase(rule: "a unit needs a number", text: "h", seconds: nil),
        DurationCase(rule: "an unknown unit is refused", text: "2w", seconds: nil),
        DurationCase(rule: "units are lowercase", text: "2H", seconds: nil),
        DurationCase(rule: "smaller units cannot come first", text: "30m1h", seconds: nil),
        DurationCase(rule: "a unit cannot repeat", text: "1h1h", seconds: nil),
        DurationCase(rule: "only a lone number may omit its unit", text: "1h30", seconds: nil),
        DurationCase(rule: "negative durations are refused", text: "-5", seconds: nil),
        DurationCase(rule: "fractions are refused", text: "1.5h", seconds: nil),
        DurationCase(rule: "spaces are not part of a duration", text: "1h 30m", seconds: nil),
        DurationCase(rule: "a count too large for seconds is refused, not wrapped", text: "99999999999999999999d", seconds: nil),
        DurationCase(rule: "non-ASCII digits are refused", text: "١٢", seconds: nil),
    ]

    @Test(arguments: cases)
    func duration(_ c: DurationCase) {
        #expect(CommandParser.duration(c.text) == c.seconds)
    }
}

/// One diagnostics row: a command with markers, the code expected at marker 1️⃣.
struct CommandDiagnosticCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var marked: String
    var code: String
    var help: String?
    var testDescription: String { rule }
}

@Suite("Command parser: diagnostics at marked positions")
struct CommandParserDiagnosticTests {
    static let cases: [CommandDiagnosticCase] = [
        CommandDiagnosticCase(rule: "C001: an unterminated single quote, at the quote", marked: "assume prod/A --session-name 1️⃣'night",
                              code: "C001"),
        CommandDiagnosticCase(rule: "C001: an unterminated double quote inside a word", marked: "can s3:GetObject arn:aws:s3:::b/1️⃣\"x y",
                              code: "C001"),
        CommandDiagnosticCase(rule: "C002: an unknown command, with did-you-mean", marked: "1️⃣asume prod/A", code: "C002",
                              help: "did you mean `assume`?"),
        CommandDiagnosticCase(rule: "C002: a quoted word is never a command", marked: "1️⃣'whoami'", code: "C002"),
        CommandDiagnosticCase(rule: "C002: an empty line", marked: "1️⃣", code: "C002"),
        CommandDiagnosticCase(rule: "C003: an unknown option, with did-you-mean", marked: "assume prod/A 1️⃣--sesion-name x", code: "C003",
                              help: "did you mean `--session-name`?"),
        CommandDiagnosticCase(rule: "C003: `--option=value` is not a form options take", marked: "assume prod/A 1️⃣--duration=1h",
                              code: "C003", help: "write the value after a space: `--duration 1h`"),
        CommandDiagnosticCase(rule: "C003: a command without options", marked: "whoami 1️⃣--verbose x", code: "C003",
                              help: "`whoami` takes no options"),
        CommandDiagnosticCase(rule: "C004: a missing argument is reported after the last word, with the usage",
                              marked: "can s3:GetObject1️⃣", code: "C004", help: "usage: can ACTION RESOURCE [--from IP] [--region R] [--via VPCE-ID] [--context KEY=VALUE]..."),
        CommandDiagnosticCase(rule: "C004: a missing required option", marked: "assume-web prod/A --provider h --subject s1️⃣", code: "C004"),
        CommandDiagnosticCase(rule: "C004: create-role needs --trust", marked: "create-role prod/Web1️⃣", code: "C004"),
        CommandDiagnosticCase(rule: "C004: `as` needs a kind and a name", marked: "as user1️⃣", code: "C004"),
        CommandDiagnosticCase(rule: "C005: an extra argument", marked: "advance 5m 1️⃣10m", code: "C005", help: "usage: advance DURATION"),
        CommandDiagnosticCase(rule: "C005: a command that takes no arguments", marked: "exit-role 1️⃣now", code: "C005",
                              help: "`exit-role` takes no arguments"),
        CommandDiagnosticCase(rule: "C006: an option at the end has no value", marked: "assume prod/A 1️⃣--external-id", code: "C006"),
        CommandDiagnosticCase(rule: "C006: an option followed by another option has no value",
                              marked: "assume prod/A 1️⃣--external-id --duration 1h", code: "C006"),
        CommandDiagnosticCase(rule: "C007: a single-valued option given twice, at the second",
                              marked: "assume prod/A --duration 1h 1️⃣--duration 2h", code: "C007"),
        CommandDiagnosticCase(rule: "C008: a malformed duration, at the value", marked: "advance 1️⃣ten", code: "C008"),
        CommandDiagnosticCase(rule: "C008: a malformed option duration", marked: "assume prod/A --duration 1️⃣30m1h", code: "C008"),
        CommandDiagnosticCase(rule: "C009: a tag without `=`", marked: "assume prod/A --tag 1️⃣team", code: "C009"),
        CommandDiagnosticCase(rule: "C009: a context entry with an empty key", marked: "can s3:GetObject * --context 1️⃣=x", code: "C009"),
        CommandDiagnosticCase(rule: "C010: `as` with an unknown kind, with did-you-mean", marked: "as 1️⃣usr vendor/app", code: "C010",
                              help: "did you mean `user`?"),
        CommandDiagnosticCase(rule: "C010: an unknown entity kind", marked: "put-policy 1️⃣rol prod/A p @readonly", code: "C010",
                              help: "did you mean `role`?"),
        CommandDiagnosticCase(rule: "C010: a boundary cannot be set on a group", marked: "set-boundary 1️⃣group prod/devs @readonly",
                              code: "C010"),
        CommandDiagnosticCase(rule: "C010: `--created-with` is console or cli", marked: "create-role prod/W --trust @readonly --created-with 1️⃣api",
                              code: "C010"),
        CommandDiagnosticCase(rule: "C011: an unknown document, with did-you-mean", marked: "set-trust prod/A 1️⃣@readonyl", code: "C011",
                              help: "did you mean `@readonly`?"),
        CommandDiagnosticCase(rule: "C012: a file that cannot be read", marked: "set-trust prod/A 1️⃣file://missing.json", code: "C012"),
        CommandDiagnosticCase(rule: "C013: a bare word where a document is expected suggests `@`", marked: "set-trust prod/A 1️⃣readonly",
                              code: "C013", help: "did you mean `@readonly`?"),
        CommandDiagnosticCase(rule: "C013: `@` without a name", marked: "set-trust prod/A 1️⃣@", code: "C013"),
    ]

    @Test(arguments: cases)
    func diagnosticAtMarker(_ c: CommandDiagnosticCase) throws {
        let marked = MarkedText(c.marked)
        // The command starts at column 12 of line 7, as after `step name: ` in a scenario.
        let shifted = SourceLocation(line: 7, column: marked["1️⃣"].column + 11)
        guard case .failure(let d) = commandParser().parse(marked.text, startColumn: 12) else {
            Issue.record("`\(marked.text)` parsed")
            return
        }
        #expect(d.code == c.code, "\(d.message)")
        #expect(d.range?.start == shifted, "\(d.code) \(d.message)")
        #expect(d.file == "s.iqs")
        if let help = c.help { #expect(d.help == help) }
        #expect(d.message.first.map { !$0.isUppercase } ?? false && !d.message.hasSuffix(".") && !d.message.contains("\n"), "\(d.message)")
    }
}

@Suite("Command parser: quoting and documents")
struct CommandParserDocumentTests {
    @Test("single and double quotes group words and are removed; each quotes the other")
    func quoting() throws {
        let parsed = try commandParser().parse(#"assume prod/A --session-name 'night shift' --external-id "it's" --source-identity a"b c"d"#).get()
        #expect(CommandDescription.describe(parsed)
            == "assume prod/A session=night shift external-id=it's source-identity=ab cd")
    }

    @Test("a quoted word starting with `--` is a value, not an option")
    func quotedDashes() throws {
        let parsed = try commandParser().parse("assume prod/A --external-id '--x'").get()
        #expect(CommandDescription.describe(parsed) == "assume prod/A external-id=--x")
    }

    @Test("@NAME is the declared document itself, keeping its file and position")
    func namedDocument() throws {
        guard case .setTrust(_, let document) = try commandParser().parse("set-trust prod/A @readonly").get() else {
            Issue.record("not set-trust")
            return
        }
        #expect(document.name == "readonly")
        #expect(document.text == readonly.text)
        #expect(document.start == SourceLocation(line: 40, column: 21))
    }

    @Test("unquoted inline JSON runs to its closing brace across spaces, and starts at its column on the line")
    func inlineJSON() throws {
        let json = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "a } b"}}}]}"#
        let text = "put-policy role prod/App p " + json
        guard case .putPolicy(_, _, _, let document) = try commandParser().parse(text, startColumn: 9).get() else {
            Issue.record("not put-policy")
            return
        }
        #expect(document.text == json)
        #expect(document.file == "s.iqs")
        #expect(document.start == SourceLocation(line: 7, column: 9 + 27))
        #expect(document.parse(kind: .identity).policy != nil)
    }

    @Test("a word after inline JSON is an extra argument")
    func afterInlineJSON() {
        guard case .failure(let d) = commandParser().parse(#"set-trust prod/A {"a": 1} extra"#) else {
            Issue.record("parsed")
            return
        }
        #expect(d.code == "C005")
        #expect(d.range?.start.column == 27)
    }

    @Test("quoted inline JSON starts after the quote, so policy errors point at the file's column")
    func quotedJSON() throws {
        let marked = MarkedText(#"assume prod/A --policy '{"Version": "2012-10-17", "Statement": {"Effect": 1️⃣"Alow", "Action": "*", "Resource": "*"}}'"#)
        guard case .assume(let options) = try commandParser().parse(marked.text, startColumn: 5).get(), let policy = options.policy else {
            Issue.record("no policy")
            return
        }
        let diagnostics = policy.parse(kind: .session).diagnostics
        #expect(diagnostics.map(\.code) == ["P006"])
        #expect(diagnostics.first?.range?.start == SourceLocation(line: 7, column: marked["1️⃣"].column + 4))
        #expect(diagnostics.first?.file == "s.iqs")
    }

    @Test("unclosed inline JSON takes the rest of the line; the JSON reader reports what is missing")
    func unclosedJSON() throws {
        guard case .setTrust(_, let document) = try commandParser().parse(#"set-trust prod/A {"Version": "2012-10-17""#).get() else {
            Issue.record("not set-trust")
            return
        }
        #expect(document.parse(kind: .trust).diagnostics.map(\.code) == ["J001"])
    }

    @Test("file://PATH reads the file relative to the base directory; diagnostics name that file")
    func fileDocument() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"bad\", \"Resource\": \"*\"}\n}\n"
        try text.write(to: directory.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        try Data([0x7B, 0xFF, 0x7D]).write(to: directory.appendingPathComponent("binary.json"))
        let parser = commandParser(baseDirectory: directory.path)

        guard case .setTrust(_, let document) = try parser.parse("set-trust prod/A file://p.json").get() else {
            Issue.record("not set-trust")
            return
        }
        #expect(document.text == text)
        #expect(document.file == directory.appendingPathComponent("p.json").path)
        #expect(document.start == SourceLocation(line: 1, column: 1))
        let diagnostic = try #require(document.parse(kind: .identity).diagnostics.first)
        #expect(diagnostic.code == "P008")
        #expect(diagnostic.file == document.file)
        #expect(diagnostic.range?.start == SourceLocation(line: 3, column: 46))

        // An absolute path is read as it is.
        let absolute = try parser.parse("set-trust prod/A file://\(directory.path)/p.json").get()
        guard case .setTrust(_, let same) = absolute else { return }
        #expect(same.text == text)

        guard case .failure(let notUTF8) = parser.parse("set-trust prod/A file://binary.json") else {
            Issue.record("read bytes that are not UTF-8")
            return
        }
        #expect(notUTF8.code == "C012")
        #expect(notUTF8.message == "cannot read `binary.json`: is not valid UTF-8 text")
    }

    // Rule: a file that cannot be read gives the reason; a device or a pipe is refused, not read (it
    // would block or never end).
    @Test("file://PATH that cannot be read says why", arguments: [
        ("file://missing.json", "cannot read `missing.json`: no such file or folder"),
        ("file://.", "cannot read `.`: is a folder"),
        ("file:///dev/zero", "cannot read `/dev/zero`: is not a regular file (it is a character device)"),
    ])
    func unreadableFile(_ word: String, _ message: String) {
        guard case .failure(let diagnostic) = commandParser(baseDirectory: "/tmp").parse("set-trust prod/A \(word)") else {
            Issue.record("read `\(word)`")
            return
        }
        #expect(diagnostic.code == "C012")
        #expect(diagnostic.message == message)
    }

    @Test("random command lines never trap: each parses or gives one diagnostic on its line")
    func fuzz() {
        let pieces = ["assume", "as", "user", "prod/A", "--tag", "a=b", "=", "--duration", "1h", "'", "\"", "{", "}", "[", "@",
                      "@readonly", "file://", "--", "can", "put-policy", " ", "\t", "é", "x", ":", "\\", "create-role", "--trust"]
        var state: UInt64 = 0x0C0FFEE
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for _ in 0..<2_000 {
            let text = (0..<(next() % 9)).map { _ in pieces[next() % pieces.count] }.joined(separator: next() % 3 == 0 ? "" : " ")
            if case .failure(let d) = commandParser().parse(text, startColumn: 3) {
                #expect(d.range?.start.line == 7)
                #expect((d.range?.start.column ?? 0) >= 3, "\(text)")
                #expect(d.code.hasPrefix("C"))
            }
        }
    }

    @Test("an unknown @NAME lists the declared documents when none is close")
    func unknownDocumentListsKnown() {
        guard case .failure(let d) = commandParser().parse("set-trust prod/A @zzzzzzzz") else {
            Issue.record("parsed")
            return
        }
        #expect(d.code == "C011")
        #expect(d.help == "declared documents: `@readonly`")
    }
}
