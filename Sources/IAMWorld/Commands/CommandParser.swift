import Diagnostics
import FileAccess
import Foundation

// One command line (typed at the sandbox prompt, or written after `step NAME:` in a scenario) -> `Command`.
//
// Diagnostic codes (stable: tests, docs/scenario-format.md and users refer to them). A command has at most
// one problem reported: the first, reading from the left.
//
//   C001  unterminated quote
//   C002  unknown command (with did-you-mean), or an empty line
//   C003  unknown option of the command (with did-you-mean)
//   C004  a missing argument or required option (help: the usage)
//   C005  an extra argument (help: the usage)
//   C006  an option without its value
//   C007  an option given twice that can be given once
//   C008  malformed duration (`90`, `90s`, `15m`, `2h`, `1d`, `1h30m` are durations)
//   C009  malformed `KEY=VALUE` (no `=`, or an empty key)
//   C010  a word outside its fixed set: `as user|root|instance|session`, `user|group|role`, `console|cli`,
//         `listed|missing`
//   C011  unknown document `@NAME` (with did-you-mean)
//   C012  a `file://PATH` document that cannot be read or is not UTF-8 text
//   C013  a document argument that is none of `@NAME`, `file://PATH` or inline JSON

/// Parses one command of the sandbox, or of a scenario step, into a `Command`.
///
/// Words are separated by spaces or tabs. Single or double quotes group words into one and are removed
/// (`--policy '{"Version": "2012-10-17", ...}'`); there are no escapes inside quotes, so a value holding `'`
/// is quoted with `"` and the other way round. A word that starts with `{` is inline JSON and runs to its
/// matching `}` even across spaces, so a policy can also be written without quotes. An unquoted word
/// starting with `--` is an option; every option takes one value, the next word.
///
/// Columns count Unicode scalars from 1, as `SourceLocation` does; `startColumn` is where the command
/// starts on its line, so that diagnostics (and inline JSON documents) point at the file's columns.
public struct CommandParser: Sendable {
    /// The file named in diagnostics and in inline documents.
    public var file: String
    /// The line of `file` the command is on.
    public var line: Int
    /// The directory `file://PATH` documents are read relative to (absolute paths are read as they are).
    public var baseDirectory: String
    /// The documents `@NAME` can name (a scenario's `document` declarations).
    public var documents: [String: Document]

    public init(file: String, line: Int, baseDirectory: String, documents: [String: Document]) {
        self.file = file
        self.line = line
        self.baseDirectory = baseDirectory
        self.documents = documents
    }

    /// Parses `text`, a whole command; `startColumn` is the column of its first character in the file.
    public func parse(_ text: String, startColumn: Int = 1) -> Result<Command, Diagnostic> {
        parseDetailed(text, startColumn: startColumn).map(\.command)
    }

    /// Every command name, in the order of docs/scenario-format.md (then the sandbox's own `explain`,
    /// `policies` and `help`): for completion and did-you-mean.
    public static let commandNames: [String] = specs.map(\.name)

    /// The options `command` accepts, in the order of its usage; empty for an unknown command.
    public static func options(for command: String) -> [String] {
        specsByName[command]?.options.map(\.name) ?? []
    }

    /// The usage line of `command` (`assume ROLE [--session-name N] ...`), nil for an unknown command.
    public static func usage(of command: String) -> String? {
        specsByName[command]?.usage
    }

    /// Reads a duration: seconds as a plain number (`90`), or numbers with units `d`, `h`, `m` and `s`,
    /// largest first and each at most once (`90s`, `15m`, `2h`, `1d`, `1h30m`). Nil for anything else, or
    /// for a duration too large to count in seconds.
    public static func duration(_ text: String) -> TimeInterval? {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        let units: [(Unicode.Scalar, Int)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
        var total = 0
        var nextUnit = 0
        var i = 0
        while i < scalars.count {
            var number = 0
            let digitsStart = i
            while i < scalars.count, ("0"..."9").contains(scalars[i]) {
                let (times10, o1) = number.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int(scalars[i].value) - 48)
                guard !o1, !o2 else { return nil }
                number = sum
                i += 1
            }
            guard i > digitsStart else { return nil }
            var multiplier = 1
            if i < scalars.count {
                guard let unit = units[nextUnit...].firstIndex(where: { $0.0 == scalars[i] }) else { return nil }
                multiplier = units[unit].1
                nextUnit = unit + 1
                i += 1
            } else if digitsStart > 0 {
                // `1h30` is not a duration: only a lone number may omit its unit.
                return nil
            }
            let (seconds, o1) = number.multipliedReportingOverflow(by: multiplier)
            let (sum, o2) = total.addingReportingOverflow(seconds)
            guard !o1, !o2 else { return nil }
            total = sum
        }
        // Longer than anything STS or a scenario needs, and past it dates leave the range of ISO 8601.
        guard total <= maximumDuration else { return nil }
        return TimeInterval(total)
    }

    /// The longest duration a command takes: 100 years.
    public static let maximumDuration = 100 * 366 * 86_400

    /// Parses `text` and keeps where each argument was written, for checks that name an argument.
    func parseDetailed(_ text: String, startColumn: Int = 1) -> Result<ParsedCommand, Diagnostic> {
        do throws(Diagnostic) {
            let tokens = try tokenize(text, startColumn: startColumn)
            var reader = ArgumentReader(parser: self, tokens: tokens, endColumn: startColumn)
            return .success(try reader.read())
        } catch {
            return .failure(error)
        }
    }

    // MARK: Command table

    /// One option: its name, the placeholder of its value, and how often it may or must be given.
    struct OptionSpec: Sendable {
        var name: String
        var placeholder: String
        var repeatable = false
        var required = false

        var usage: String {
            let text = "\(name) \(placeholder)"
            if required { return text }
            return "[\(text)]" + (repeatable ? "..." : "")
        }
    }

    /// One command: its name, its positional arguments (as placeholders) and its options.
    struct CommandSpec: Sendable {
        var name: String
        var positionals: [String] = []
        var options: [OptionSpec] = []
        var customUsage: String?

        var usage: String {
            customUsage ?? ([name] + positionals + options.map(\.usage)).joined(separator: " ")
        }

        func option(_ name: String) -> OptionSpec? { options.first { $0.name == name } }
    }

    static let asKinds = ["user", "root", "instance", "session", "service"]

    private static func option(_ name: String, _ placeholder: String, repeatable: Bool = false, required: Bool = false) -> OptionSpec {
        OptionSpec(name: name, placeholder: placeholder, repeatable: repeatable, required: required)
    }

    /// The commands of docs/scenario-format.md, with exactly its spellings, then the sandbox's own.
    static let specs: [CommandSpec] = [
        CommandSpec(name: "as", positionals: ["KIND", "NAME"],
                    options: [option("--source-account", "ID"), option("--source-arn", "ARN")],
                    customUsage: "as user ACCOUNT/NAME | as root ACCOUNT | as instance ACCOUNT/ID | as session NAME | as service PRINCIPAL [--source-account ID] [--source-arn ARN]"),
        CommandSpec(name: "whoami"),
        CommandSpec(name: "assume", positionals: ["ROLE"], options: [
            option("--session-name", "N"), option("--external-id", "X"), option("--serial", "SERIAL-NAME"),
            option("--mfa", "CODE"), option("--duration", "D"), option("--policy", "@DOC"),
            option("--policy-arn", "ARN", repeatable: true), option("--source-identity", "S"),
            option("--tag", "K=V", repeatable: true), option("--transitive-tag", "K", repeatable: true),
        ]),
        CommandSpec(name: "assume-saml", positionals: ["ROLE"], options: [
            option("--provider", "NAME", required: true), option("--subject", "S", required: true),
            option("--audience", "URL"), option("--duration", "D"), option("--session-duration", "D"),
            option("--valid-for", "D"), option("--role-attribute", "listed|missing"),
            option("--tag", "K=V", repeatable: true), option("--transitive-tag", "K", repeatable: true), option("--source-identity", "S"),
        ]),
        CommandSpec(name: "assume-web", positionals: ["ROLE"], options: [
            option("--provider", "HOST", required: true), option("--subject", "S", required: true),
            option("--audience", "A", required: true), option("--duration", "D"), option("--token-valid-for", "D"),
            option("--tag", "K=V", repeatable: true), option("--transitive-tag", "K", repeatable: true), option("--source-identity", "S"),
            option("--amr", "VALUE", repeatable: true),
        ]),
        CommandSpec(name: "get-session-token", options: [
            option("--duration", "D"), option("--serial", "SERIAL-NAME"), option("--mfa", "CODE"),
        ]),
        CommandSpec(name: "assume-root", positionals: ["ACCOUNT"], options: [
            option("--task-policy", "NAME", required: true), option("--duration", "D"),
        ]),
        CommandSpec(name: "get-federation-token", positionals: ["NAME"], options: [
            option("--policy", "@DOC"), option("--duration", "D"),
        ]),
        CommandSpec(name: "can", positionals: ["ACTION", "RESOURCE"], options: [
            option("--from", "IP"), option("--region", "R"), option("--via", "VPCE-ID"),
            option("--context", "KEY=VALUE", repeatable: true),
        ]),
        CommandSpec(name: "advance", positionals: ["DURATION"]),
        CommandSpec(name: "exit-role"),
        CommandSpec(name: "put-policy", positionals: ["user|group|role", "ACCOUNT/NAME", "POLICY-NAME", "@DOC"], options: [option("--by", "SERVICE")]),
        CommandSpec(name: "delete-policy", positionals: ["user|group|role", "ACCOUNT/NAME", "POLICY-NAME"], options: [option("--by", "SERVICE")]),
        CommandSpec(name: "set-trust", positionals: ["ROLE", "@DOC"], options: [option("--by", "SERVICE")]),
        CommandSpec(name: "set-boundary", positionals: ["user|role", "ACCOUNT/NAME", "@DOC"], options: [option("--by", "SERVICE")]),
        CommandSpec(name: "clear-boundary", positionals: ["user|role", "ACCOUNT/NAME"], options: [option("--by", "SERVICE")]),
        CommandSpec(name: "put-resource-policy", positionals: ["ARN", "@DOC"]),
        CommandSpec(name: "attach-scp", positionals: ["NAME", "TARGET", "@DOC"]),
        CommandSpec(name: "detach-scp", positionals: ["NAME", "TARGET"]),
        CommandSpec(name: "create-role", positionals: ["ACCOUNT/NAME"], options: [
            option("--trust", "@DOC", required: true), option("--created-with", "console|cli"),
        ]),
        CommandSpec(name: "delete-role", positionals: ["ROLE"], options: [option("--by", "SERVICE")]),
        CommandSpec(name: "delete-service-linked-role", positionals: ["ROLE"]),
        CommandSpec(name: "delete-resource", positionals: ["ARN"]),
        CommandSpec(name: "set-max-session", positionals: ["ROLE", "DURATION"]),
        CommandSpec(name: "add-role-to-profile", positionals: ["ACCOUNT/PROFILE", "ROLE-NAME"]),
        CommandSpec(name: "associate-profile", positionals: ["ACCOUNT/INSTANCE", "PROFILE"]),
        CommandSpec(name: "replace-profile", positionals: ["ACCOUNT/INSTANCE", "PROFILE"]),
        CommandSpec(name: "disassociate-profile", positionals: ["ACCOUNT/INSTANCE"]),
        // The sandbox's own: the trace of the last command, the current identity's policies, the command list.
        CommandSpec(name: "explain"),
        CommandSpec(name: "policies"),
        CommandSpec(name: "help"),
    ]

    static let specsByName: [String: CommandSpec] = Dictionary(specs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    // MARK: Words

    /// Splits a command into words, removing quotes; C001 for a quote that is not closed.
    func tokenize(_ text: String, startColumn: Int) throws(Diagnostic) -> [CommandToken] {
        let scalars = Array(text.unicodeScalars)
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" }
        var tokens: [CommandToken] = []
        var i = 0
        while i < scalars.count {
            if isSpace(scalars[i]) {
                i += 1
                continue
            }
            let start = i
            var content = String.UnicodeScalarView()
            var contentStart: Int?
            var quoted = false
            if scalars[i] == "{" {
                // Inline JSON: up to the bracket that closes the first one, skipping JSON strings. When it is
                // not closed the rest of the line is taken, and the JSON reader says what is missing.
                var depth = 0
                var inString = false
                var escaped = false
                contentStart = i
                while i < scalars.count {
                    let s = scalars[i]
                    content.append(s)
                    i += 1
                    if inString {
                        if escaped { escaped = false } else if s == "\\" { escaped = true } else if s == "\"" { inString = false }
                    } else if s == "\"" {
                        inString = true
                    } else if s == "{" || s == "[" {
                        depth += 1
                    } else if s == "}" || s == "]" {
                        depth -= 1
                        if depth <= 0 { break }
                    }
                }
            }
            while i < scalars.count, !isSpace(scalars[i]) {
                let s = scalars[i]
                if s == "'" || s == "\"" {
                    guard let close = scalars[(i + 1)...].firstIndex(of: s) else {
                        throw error(.unterminatedQuote, "unterminated quote", column: startColumn + i,
                                    help: "close the \(s == "'" ? "single" : "double") quote on the same line")
                    }
                    if contentStart == nil { contentStart = i + 1 }
                    content.append(contentsOf: scalars[(i + 1)..<close])
                    quoted = true
                    i = close + 1
                } else {
                    if contentStart == nil { contentStart = i }
                    content.append(s)
                    i += 1
                }
            }
            tokens.append(CommandToken(text: String(content), line: line, column: startColumn + start, length: i - start,
                                       contentColumn: startColumn + (contentStart ?? start), isQuoted: quoted))
        }
        return tokens
    }

    // MARK: Documents

    /// The document an argument names: `@NAME`, `file://PATH` or inline JSON (C011, C012, C013).
    func document(_ token: CommandToken) throws(Diagnostic) -> Document {
        let text = token.text
        if text.hasPrefix("@") {
            let name = String(text.dropFirst())
            guard !name.isEmpty else {
                throw error(.malformedDocument, "expected a document name after `@`", at: token,
                            help: "write `@NAME` for a document declared with `document NAME: JSON`")
            }
            guard var document = documents[name] else {
                let known = documents.keys.sorted()
                var help: String
                if let match = closestMatch(to: name, in: known) {
                    help = "did you mean `@\(match)`?"
                } else if known.isEmpty {
                    help = "no documents are declared; declare one with `document \(name): JSON`"
                } else {
                    help = "declared documents: " + known.map { "`@\($0)`" }.joined(separator: ", ")
                }
                throw error(.unknownDocument, "unknown document `@\(name)`", at: token, help: help)
            }
            document.name = name
            return document
        }
        if text.hasPrefix("file://") {
            let path = String(text.dropFirst("file://".count))
            let full = path.hasPrefix("/") || baseDirectory.isEmpty ? path
                : (baseDirectory.hasSuffix("/") ? baseDirectory : baseDirectory + "/") + path
            switch path.isEmpty ? .failure(FileError("the file name is empty")) : InputFile.readText(full) {
            case .success(let contents):
                return Document(text: contents, file: full)
            case .failure(let problem):
                throw error(.unreadableDocument, "cannot read `\(path)`: \(problem.reason)", at: token,
                            help: path.hasPrefix("/") ? problem.help : "a path is read relative to `\(baseDirectory.isEmpty ? "." : baseDirectory)`")
            }
        }
        if text.hasPrefix("{") {
            return Document(text: text, file: file, start: SourceLocation(line: line, column: token.contentColumn))
        }
        let help = documents[text] != nil ? "did you mean `@\(text)`?"
            : "write `@NAME` for a declared document, `file://PATH` for a file, or the JSON itself"
        throw error(.malformedDocument, "expected a policy document, found `\(text)`", at: token, help: help)
    }

    // MARK: Diagnostics

    func error(_ code: CommandCode, _ message: String, column: Int, length: Int = 1, help: String? = nil) -> Diagnostic {
        Diagnostic(.error, code: code, message, file: file, range: SourceRange(line: line, column: column, length: length), help: help)
    }

    func error(_ code: CommandCode, _ message: String, at token: CommandToken, help: String? = nil) -> Diagnostic {
        error(code, message, column: token.column, length: max(1, token.length), help: help)
    }
}

/// One word of a command, quotes removed, with where it was written.
struct CommandToken: Sendable {
    var text: String
    var line: Int
    /// The column of the word's first character as written (an opening quote included).
    var column: Int
    /// How many columns the word covers as written.
    var length: Int
    /// The column of the first character of `text`: after an opening quote.
    var contentColumn: Int
    /// Whether some part of the word was quoted (a quoted word is never an option).
    var isQuoted: Bool

    var isOption: Bool { !isQuoted && text.hasPrefix("--") }

    var range: SourceRange { SourceRange(line: line, column: column, length: max(1, length)) }
}

/// A parsed command with the places of its arguments, so that a later check can point at one.
struct ParsedCommand: Sendable {
    var command: Command
    /// The name of the command as written.
    var name: String
    /// The range of each positional argument, in order.
    var positionals: [SourceRange]
    /// The range of the value of each option given (the first, for a repeated option).
    var options: [String: SourceRange]
    /// The whole command.
    var range: SourceRange
}

/// Reads the words of one command against its `CommandSpec` and builds the `Command`.
private struct ArgumentReader {
    let parser: CommandParser
    let tokens: [CommandToken]
    /// The column just after the command, where a missing argument is reported when there are no words.
    let endColumn: Int
    var spec = CommandParser.CommandSpec(name: "")
    var positionals: [CommandToken] = []
    var options: [String: [CommandToken]] = [:]

    init(parser: CommandParser, tokens: [CommandToken], endColumn: Int) {
        self.parser = parser
        self.tokens = tokens
        self.endColumn = tokens.last.map { $0.column + $0.length } ?? endColumn
    }

    private var usageHelp: String { "usage: \(spec.usage)" }

    mutating func read() throws(Diagnostic) -> ParsedCommand {
        guard let first = tokens.first else {
            throw parser.error(.unknownCommand, "missing command", column: endColumn,
                               help: "commands: " + CommandParser.commandNames.joined(separator: ", "))
        }
        guard !first.isQuoted, let spec = CommandParser.specsByName[first.text] else {
            let help = closestMatch(to: first.text, in: CommandParser.commandNames).map { "did you mean `\($0)`?" }
                ?? "commands: " + CommandParser.commandNames.joined(separator: ", ")
            throw parser.error(.unknownCommand, "unknown command `\(first.text)`", at: first, help: help)
        }
        self.spec = spec
        var i = 1
        while i < tokens.count {
            let token = tokens[i]
            if token.isOption {
                guard let option = spec.option(token.text) else { throw unknownOption(token) }
                if !option.repeatable, options[option.name] != nil {
                    throw parser.error(.optionGivenTwice, "option `\(option.name)` given twice", at: token,
                                       help: "`\(option.name)` can be given once; \(usageHelp)")
                }
                guard i + 1 < tokens.count, !tokens[i + 1].isOption else {
                    throw parser.error(.optionWithoutValue, "option `\(option.name)` needs a value", at: token,
                                       help: "write `\(option.name) \(option.placeholder)`")
                }
                options[option.name, default: []].append(tokens[i + 1])
                i += 2
            } else {
                guard positionals.count < spec.positionals.count else {
                    let what = spec.positionals.isEmpty ? "`\(spec.name)` takes no arguments" : usageHelp
                    throw parser.error(.extraArgument, "unexpected argument `\(token.text)`", at: token, help: what)
                }
                positionals.append(token)
                i += 1
            }
        }
        if positionals.count < spec.positionals.count {
            let missing = spec.positionals[positionals.count]
            throw parser.error(.missingArgument, "missing \(missing) for `\(spec.name)`", column: endColumn, help: usageHelp)
        }
        for option in spec.options where option.required && options[option.name] == nil {
            throw parser.error(.missingArgument, "missing option `\(option.name)` for `\(spec.name)`", column: endColumn, help: usageHelp)
        }
        let command = try build()
        let firstColumn = first.column
        return ParsedCommand(command: command, name: spec.name, positionals: positionals.map(\.range),
                             options: options.compactMapValues { $0.first?.range },
                             range: SourceRange(line: first.line, column: firstColumn, length: endColumn - firstColumn))
    }

    private func unknownOption(_ token: CommandToken) -> Diagnostic {
        let names = spec.options.map(\.name)
        var help: String
        if let equals = token.text.firstIndex(of: "="), let option = spec.option(String(token.text[..<equals])) {
            help = "write the value after a space: `\(option.name) \(token.text[token.text.index(after: equals)...])`"
        } else if let match = closestMatch(to: token.text, in: names) {
            help = "did you mean `\(match)`?"
        } else if names.isEmpty {
            help = "`\(spec.name)` takes no options"
        } else {
            help = usageHelp
        }
        return parser.error(.unknownOption, "unknown option `\(token.text)` for `\(spec.name)`", at: token, help: help)
    }

    // MARK: Values

    private func text(_ option: String) -> String? { options[option]?.first?.text }

    private func texts(_ option: String) -> [String] { options[option]?.map(\.text) ?? [] }

    private func duration(_ token: CommandToken) throws(Diagnostic) -> TimeInterval {
        guard let seconds = CommandParser.duration(token.text) else {
            throw parser.error(.malformedDuration, "malformed duration `\(token.text)`", at: token,
                               help: "write seconds (`90`) or a number with `s`, `m`, `h` or `d`, largest first (`15m`, `1h30m`), at most 100 years")
        }
        return seconds
    }

    private func duration(_ option: String) throws(Diagnostic) -> TimeInterval? {
        guard let token = options[option]?.first else { return nil }
        return try duration(token)
    }

    private func document(_ option: String) throws(Diagnostic) -> Document? {
        guard let token = options[option]?.first else { return nil }
        return try parser.document(token)
    }

    /// `KEY=VALUE` split at the first `=`; the value may be empty, the key may not.
    /// `--tag`, `--transitive-tag` and `--source-identity` of `assume-saml` and `assume-web`.
    private func federatedSession() throws(Diagnostic) -> FederatedSessionAttributes {
        var session = FederatedSessionAttributes()
        session.tags = try keyValues("--tag")
        session.transitiveTagKeys = texts("--transitive-tag")
        session.sourceIdentity = text("--source-identity")
        return session
    }

    private func keyValues(_ option: String) throws(Diagnostic) -> [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        for token in options[option] ?? [] {
            guard let equals = token.text.firstIndex(of: "=") else {
                throw parser.error(.malformedKeyValue, "expected KEY=VALUE after `\(option)`, found `\(token.text)`", at: token,
                                   help: "write `\(option) KEY=VALUE`")
            }
            let key = String(token.text[..<equals])
            guard !key.isEmpty else {
                throw parser.error(.malformedKeyValue, "empty key in `\(token.text)`", at: token, help: "write `\(option) KEY=VALUE`")
            }
            pairs.append((key, String(token.text[token.text.index(after: equals)...])))
        }
        return pairs
    }

    private func oneOf(_ token: CommandToken, _ words: [String], what: String) throws(Diagnostic) -> String {
        guard words.contains(token.text) else {
            let help = closestMatch(to: token.text, in: words).map { "did you mean `\($0)`?" }
                ?? "expected " + words.map { "`\($0)`" }.joined(separator: ", ")
            throw parser.error(.wordOutsideSet, "unknown \(what) `\(token.text)`", at: token, help: help)
        }
        return token.text
    }

    private func entityKind(_ token: CommandToken, allowed: [EntityKind]) throws(Diagnostic) -> EntityKind {
        let word = try oneOf(token, allowed.map(\.rawValue), what: "entity kind")
        return EntityKind(rawValue: word) ?? .user
    }

    // MARK: Building the command

    private func build() throws(Diagnostic) -> Command {
        let command = try buildCommand()
        guard let token = options["--by"]?.first else { return command }
        // Only IAM Identity Center changes the roles of its permission sets; the account's administrator cannot.
        guard token.text == "sso.amazonaws.com" else {
            throw parser.error(.wordOutsideSet, "`--by` takes `sso.amazonaws.com` (IAM Identity Center provisioning a permission set's role)", at: token,
                               help: "a change without `--by` is made by the account's administrator")
        }
        return .byService(token.text, command)
    }

    private func buildCommand() throws(Diagnostic) -> Command {
        let p = positionals
        switch spec.name {
        case "as":
            let name = p[1].text
            let kind = try oneOf(p[0], CommandParser.asKinds, what: "identity kind for `as`")
            if kind != "service", let (option, tokens) = options.first(where: { $0.key.hasPrefix("--source-") }), let token = tokens.first {
                throw parser.error(.wordOutsideSet, "`\(option)` is for `as service` only", at: token,
                                   help: "a user, root user, instance or session acts for itself; only a service acts for a source resource")
            }
            switch kind {
            case "service": return .asService(ServiceCallerOptions(principal: name, sourceAccount: text("--source-account"), sourceARN: text("--source-arn")))
            case "user": return .asUser(name)
            case "root": return .asRoot(name)
            case "instance": return .asInstance(name)
            default: return .asSession(name)
            }
        case "whoami":
            return .whoami
        case "assume":
            var o = AssumeRoleOptions(role: p[0].text)
            o.sessionName = text("--session-name")
            o.externalID = text("--external-id")
            o.serialName = text("--serial")
            o.mfaCode = text("--mfa")
            o.duration = try duration("--duration")
            o.policy = try document("--policy")
            o.policyARNs = texts("--policy-arn")
            o.sourceIdentity = text("--source-identity")
            o.tags = try keyValues("--tag")
            o.transitiveTagKeys = texts("--transitive-tag")
            return .assume(o)
        case "assume-saml":
            var o = SAMLOptions(role: p[0].text, provider: text("--provider") ?? "", subject: text("--subject") ?? "")
            if let audience = text("--audience") { o.audience = audience }
            o.duration = try duration("--duration")
            o.sessionDuration = try duration("--session-duration")
            o.validFor = try duration("--valid-for")
            if let token = options["--role-attribute"]?.first {
                o.listsRole = try oneOf(token, ["listed", "missing"], what: "`--role-attribute` value") == "listed"
            }
            o.session = try federatedSession()
            return .assumeSAML(o)
        case "assume-web":
            var o = WebIdentityOptions(role: p[0].text, provider: text("--provider") ?? "", subject: text("--subject") ?? "",
                                       audience: text("--audience") ?? "")
            o.duration = try duration("--duration")
            if let validFor = try duration("--token-valid-for") { o.tokenValidFor = validFor }
            o.session = try federatedSession()
            o.amr = texts("--amr")
            return .assumeWeb(o)
        case "get-session-token":
            return .getSessionToken(duration: try duration("--duration"), serialName: text("--serial"), mfaCode: text("--mfa"))
        case "assume-root":
            return .assumeRoot(account: p[0].text, taskPolicy: text("--task-policy") ?? "", duration: try duration("--duration"))
        case "get-federation-token":
            return .getFederationToken(name: p[0].text, policy: try document("--policy"), duration: try duration("--duration"))
        case "can":
            var o = CallOptions(action: p[0].text, resource: p[1].text)
            o.sourceIP = text("--from")
            o.region = text("--region")
            o.via = text("--via")
            o.context = try keyValues("--context")
            return .can(o)
        case "advance":
            return .advance(try duration(p[0]))
        case "exit-role":
            return .exitRole
        case "put-policy":
            return .putPolicy(try entityKind(p[0], allowed: [.user, .group, .role]), entity: p[1].text, name: p[2].text,
                              try parser.document(p[3]))
        case "delete-policy":
            return .deletePolicy(try entityKind(p[0], allowed: [.user, .group, .role]), entity: p[1].text, name: p[2].text)
        case "set-trust":
            return .setTrust(role: p[0].text, try parser.document(p[1]))
        case "set-boundary":
            return .setBoundary(try entityKind(p[0], allowed: [.user, .role]), entity: p[1].text, try parser.document(p[2]))
        case "clear-boundary":
            return .clearBoundary(try entityKind(p[0], allowed: [.user, .role]), entity: p[1].text)
        case "put-resource-policy":
            return .putResourcePolicy(arn: p[0].text, try parser.document(p[1]))
        case "attach-scp":
            return .attachSCP(name: p[0].text, target: p[1].text, try parser.document(p[2]))
        case "detach-scp":
            return .detachSCP(name: p[0].text, target: p[1].text)
        case "create-role":
            var createdWith = CreatedWith.cli
            if let token = options["--created-with"]?.first {
                createdWith = CreatedWith(rawValue: try oneOf(token, ["console", "cli"], what: "`--created-with` value")) ?? .cli
            }
            guard let trust = try document("--trust") else {
                throw parser.error(.missingArgument, "missing option `--trust` for `create-role`", column: endColumn, help: usageHelp)
            }
            return .createRole(p[0].text, trust: trust, createdWith: createdWith)
        case "delete-role":
            return .deleteRole(p[0].text)
        case "delete-service-linked-role":
            return .deleteServiceLinkedRole(p[0].text)
        case "delete-resource":
            return .deleteResource(arn: p[0].text)
        case "set-max-session":
            return .setMaxSession(role: p[0].text, try duration(p[1]))
        case "add-role-to-profile":
            return .addRoleToProfile(profile: p[0].text, role: p[1].text)
        case "associate-profile":
            return .associateProfile(instance: p[0].text, profile: p[1].text)
        case "replace-profile":
            return .replaceProfile(instance: p[0].text, profile: p[1].text)
        case "disassociate-profile":
            return .disassociateProfile(instance: p[0].text)
        case "explain":
            return .explain
        case "policies":
            return .policies
        default:
            // `help`: the table has no other command.
            return .help
        }
    }
}
