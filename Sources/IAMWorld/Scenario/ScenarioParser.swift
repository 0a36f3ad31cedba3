import Diagnostics
import Foundation
import IAMPolicy

// Scenario text (docs/scenario-format.md) -> `Scenario`: the header, a `World` built through the
// World+Changes methods (so IAM's own rules hold), the named documents, and steps whose commands are
// parsed with `CommandParser` and checked against the world before anything runs.
//
// Diagnostic codes (stable: tests, docs/scenario-format.md and users refer to them). Policies in the file
// report their own codes (`J001`, `P001`...) at their position in the file; step commands report `C001`...
//
//   S001  the file does not start with `scenario: ID`
//   S002  malformed header value: scenario id, `title`, `reference`, `start` time, `region`, `source-ip`
//   S003  given twice: a header field, a single-valued attribute, or the same policy name, tag key, group,
//         MFA device, audience, OU, member, SCP or detached target in one declaration
//   S004  unknown line at column 1 (with did-you-mean over the header fields, declarations and `step`)
//   S005  unknown attribute (with did-you-mean), or an attribute under a line that takes none
//   S006  an indented line that belongs to nothing: outside a declaration, or under an attribute that
//         takes no JSON document
//   S007  a line of the wrong shape: missing or extra words, no `:` or no JSON document after it
//   S008  malformed name: account id or alias, `ACCOUNT/NAME`, user, group, role, profile, instance,
//         provider, policy, document or step name, ARN, VPC endpoint or VPC id, KMS alias
//   S009  malformed or impossible value: path, duration, `max-session` outside 1h to 12h, tag, MFA code,
//         `created-with`, service, OU path, an owner that is not the ARN's account, what IAM refuses,
//         an alias on what is not a KMS key or under `alias/aws/`, an endpoint policy over 20,480 characters
//   S010  unknown account (with did-you-mean over the ids and aliases)
//   S011  a declaration names something not declared: a group, role, instance profile, OU or SCP target
//   S012  duplicate declaration: account, alias, user, group, role, instance profile, instance, provider,
//         resource, document, organization, VPC endpoint, a KMS alias naming two keys
//   S013  missing required attribute: a role's `trust`, a resource's `owner` when its ARN has no account
//   S014  malformed step line: no `:` after `step` or its name, or no command
//   S015  duplicate step name
//   S016  unknown outcome after `expect:` (with did-you-mean)
//   S017  a step names a user, group, role, instance, instance profile, identity provider, resource,
//         organization target or VPC endpoint that is not declared (nor created by an earlier step)

/// Parses scenario files.
public enum ScenarioParser {
    /// Parses `text`; `file` names it in diagnostics and `baseDirectory` is where `file://PATH` documents
    /// of its steps are read from.
    ///
    /// Every problem of the file is reported, sorted by position; `scenario` is nil when one is an error.
    public static func parse(_ text: String, file: String, baseDirectory: String) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
        var builder = ScenarioBuilder(text: text, file: file, baseDirectory: baseDirectory)
        let scenario = builder.run()
        var seen = Set<Diagnostic>()
        // A document used by several steps is checked once per use; its problems are reported once.
        // Policy warnings the file accepts with `allow: CODE REASON` (a step that shows what the warning is about).
        let allowed = builder.allowedWarnings
        let unique = builder.diagnostics.filter { seen.insert($0).inserted && !($0.severity == .warning && allowed.contains($0.code)) }
        let diagnostics = Diagnostic.sortedForDisplay(unique)
        return (diagnostics.hasErrors ? nil : scenario, diagnostics)
    }

    /// The lines that may start at column 1 before the scenario's declarations.
    public static let headerFields = ["scenario", "title", "reference", "start", "region", "source-ip", "allow"]

    /// The warnings a scenario may accept with `allow: CODE REASON`: the policy checks (W201 to W207), which a
    /// scenario may trip on purpose to show what they catch.
    public static let allowableWarnings: Set<String> = ["W201", "W202", "W203", "W204", "W205", "W206", "W207"]

    /// The declarations of the world.
    public static let declarations = [
        "account", "organization", "user", "group", "role", "instance-profile", "instance", "saml-provider",
        "oidc-provider", "resource", "vpc-endpoint", "document",
    ]

    /// Every word that may start a line at column 1.
    public static let keywords = headerFields + declarations + ["step"]

    /// What each declaration (and `step`) accepts on its indented lines.
    static let attributes: [String: [ScenarioAttributeSpec]] = [
        "account": [],
        "saml-provider": [],
        "organization": [
            ScenarioAttributeSpec("ou", usage: "ou PATH", repeatable: true),
            ScenarioAttributeSpec("member", usage: "member ACCOUNT in PATH", repeatable: true),
            ScenarioAttributeSpec("scp", usage: "scp NAME on TARGET: JSON", repeatable: true, document: true),
            ScenarioAttributeSpec("rcp", usage: "rcp NAME on TARGET: JSON", repeatable: true, document: true),
            ScenarioAttributeSpec("detach-full-access", usage: "detach-full-access TARGET", repeatable: true),
            ScenarioAttributeSpec("root-access", usage: "root-access: centralized"),
        ],
        "user": [
            ScenarioAttributeSpec("path", usage: "path: /PATH/"),
            ScenarioAttributeSpec("group", usage: "group: NAME", repeatable: true),
            ScenarioAttributeSpec("policy", usage: "policy NAME: JSON", repeatable: true, document: true),
            ScenarioAttributeSpec("boundary", usage: "boundary NAME: JSON", document: true),
            ScenarioAttributeSpec("tag", usage: "tag: KEY=VALUE", repeatable: true),
            ScenarioAttributeSpec("mfa", usage: "mfa: SERIAL-NAME CODE", repeatable: true),
        ],
        "group": [
            ScenarioAttributeSpec("policy", usage: "policy NAME: JSON", repeatable: true, document: true),
        ],
        "role": [
            ScenarioAttributeSpec("trust", usage: "trust: JSON", document: true),
            ScenarioAttributeSpec("path", usage: "path: /PATH/"),
            ScenarioAttributeSpec("policy", usage: "policy NAME: JSON", repeatable: true, document: true),
            ScenarioAttributeSpec("boundary", usage: "boundary NAME: JSON", document: true),
            ScenarioAttributeSpec("max-session", usage: "max-session: DURATION"),
            ScenarioAttributeSpec("tag", usage: "tag: KEY=VALUE", repeatable: true),
            ScenarioAttributeSpec("service-linked", usage: "service-linked: SERVICE"),
            ScenarioAttributeSpec("created-with", usage: "created-with: console|cli"),
            ScenarioAttributeSpec("used-by", usage: "used-by: RESOURCE", repeatable: true),
        ],
        "instance-profile": [ScenarioAttributeSpec("role", usage: "role: ROLE-NAME")],
        "instance": [
            ScenarioAttributeSpec("profile", usage: "profile: NAME"),
            ScenarioAttributeSpec("vpc", usage: "vpc: VPC-ID"),
            ScenarioAttributeSpec("private-ip", usage: "private-ip: IP"),
            ScenarioAttributeSpec("imds", usage: "imds: v1 | v2"),
        ],
        "oidc-provider": [ScenarioAttributeSpec("audience", usage: "audience: CLIENT-ID", repeatable: true)],
        "resource": [
            ScenarioAttributeSpec("owner", usage: "owner: ACCOUNT"),
            ScenarioAttributeSpec("policy", usage: "policy: JSON", document: true),
            ScenarioAttributeSpec("alias", usage: "alias: alias/NAME", repeatable: true),
            ScenarioAttributeSpec("tag", usage: "tag: KEY=VALUE", repeatable: true),
            ScenarioAttributeSpec("abac", usage: "abac: enabled"),
        ],
        "vpc-endpoint": [
            ScenarioAttributeSpec("vpc", usage: "vpc: VPC-ID"),
            ScenarioAttributeSpec("policy", usage: "policy: JSON", document: true),
        ],
        "step": [
            ScenarioAttributeSpec("expect", usage: "expect: OUTCOME"),
            ScenarioAttributeSpec("note", usage: "note: TEXT"),
        ],
    ]

    /// The usage of each declaration line, for messages about its shape.
    static let declarationUsage: [String: String] = [
        "account": "account ID [ALIAS]",
        "organization": "organization MANAGEMENT-ACCOUNT",
        "user": "user ACCOUNT/NAME",
        "group": "group ACCOUNT/NAME",
        "role": "role ACCOUNT/NAME",
        "instance-profile": "instance-profile ACCOUNT/NAME",
        "instance": "instance ACCOUNT/ID",
        "saml-provider": "saml-provider ACCOUNT/NAME",
        "oidc-provider": "oidc-provider ACCOUNT/HOST",
        "resource": "resource ARN",
        "vpc-endpoint": "vpc-endpoint ACCOUNT/VPCE-ID",
        "document": "document NAME: JSON",
    ]
}

/// One attribute a declaration accepts.
struct ScenarioAttributeSpec: Sendable {
    var name: String
    var usage: String
    var repeatable: Bool
    /// Whether a JSON document follows the attribute's colon.
    var takesDocument: Bool

    init(_ name: String, usage: String, repeatable: Bool = false, document: Bool = false) {
        self.name = name
        self.usage = usage
        self.repeatable = repeatable
        self.takesDocument = document
    }
}

// MARK: - Lines and words

/// One line of the file as Unicode scalars, so that an index plus one is a column.
struct ScenarioLine {
    let number: Int
    let scalars: [Unicode.Scalar]
    /// The index after the last character that is not a space or a tab (0 for a blank line).
    let end: Int
    /// The number of leading spaces and tabs.
    let indent: Int

    init(number: Int, scalars: [Unicode.Scalar]) {
        self.number = number
        self.scalars = scalars
        var end = scalars.count
        while end > 0, Self.isSpace(scalars[end - 1]) { end -= 1 }
        var indent = 0
        while indent < end, Self.isSpace(scalars[indent]) { indent += 1 }
        self.end = end
        self.indent = indent
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" }

    var isBlank: Bool { end == 0 }

    /// `#` followed by a space or the end of the line, after the indentation.
    var isComment: Bool {
        !isBlank && scalars[indent] == "#" && (indent + 1 == end || Self.isSpace(scalars[indent + 1]))
    }

    /// Neither blank nor a comment.
    var hasContent: Bool { !isBlank && !isComment }

    func text(_ from: Int, _ to: Int) -> String {
        let lower = min(max(from, 0), scalars.count)
        let upper = min(max(to, lower), scalars.count)
        return String(String.UnicodeScalarView(scalars[lower..<upper]))
    }

    /// The columns of the scalars `from..<to`.
    func range(_ from: Int, _ to: Int) -> SourceRange {
        SourceRange(line: number, column: from + 1, length: max(1, to - from))
    }

    /// The whole line, without its indentation.
    var contentRange: SourceRange { range(indent, end) }

    func skipSpaces(from index: Int) -> Int {
        var i = index
        while i < end, Self.isSpace(scalars[i]) { i += 1 }
        return i
    }

    func firstIndex(of scalar: Unicode.Scalar, from index: Int) -> Int? {
        guard index < end else { return nil }
        return scalars[index..<end].firstIndex(of: scalar)
    }

    /// The words between `from` and `to`, separated by spaces and tabs.
    func words(_ from: Int, _ to: Int) -> [ScenarioWord] {
        var words: [ScenarioWord] = []
        var i = from
        let to = min(to, end)
        while i < to {
            if Self.isSpace(scalars[i]) {
                i += 1
                continue
            }
            let start = i
            while i < to, !Self.isSpace(scalars[i]) { i += 1 }
            words.append(ScenarioWord(text: text(start, i), range: range(start, i)))
        }
        return words
    }

    /// The name that starts a line at `from` (letters, digits and `-`), and where it ends.
    ///
    /// When the name runs into another character (`#x`, `user/x`), the whole word is returned with
    /// `wellFormed` false, for the message about an unknown name.
    func head(at from: Int) -> ScenarioLineHead {
        var i = from
        while i < end, scalars[i].isASCII, scalars[i].properties.isAlphabetic || ("0"..."9").contains(scalars[i]) || scalars[i] == "-" {
            i += 1
        }
        if i == from || (i < end && scalars[i] != ":" && !Self.isSpace(scalars[i])) {
            var j = from
            while j < end, !Self.isSpace(scalars[j]) { j += 1 }
            return ScenarioLineHead(name: text(from, j), range: range(from, j), end: j, wellFormed: false)
        }
        return ScenarioLineHead(name: text(from, i), range: range(from, i), end: i, wellFormed: true)
    }

    /// Where the value of `name: value` or `name value` starts: after the colon, if any, and spaces.
    func valueStart(after head: ScenarioLineHead) -> Int {
        var i = head.end
        if i < end, scalars[i] == ":" { i += 1 }
        return skipSpaces(from: i)
    }

    /// Splits a text into lines at `\n` (a `\r` before it is dropped); a leading byte order mark is dropped.
    static func lines(of text: String) -> [ScenarioLine] {
        var all = Array(text.unicodeScalars)
        if all.first == "\u{FEFF}" { all.removeFirst() }
        var lines: [ScenarioLine] = []
        var start = 0
        var number = 1
        for i in 0...all.count where i == all.count || all[i] == "\n" {
            var stop = i
            if stop > start, all[stop - 1] == "\r" { stop -= 1 }
            lines.append(ScenarioLine(number: number, scalars: Array(all[start..<stop])))
            number += 1
            start = i + 1
        }
        return lines
    }
}

/// The name at the start of a line.
struct ScenarioLineHead {
    var name: String
    var range: SourceRange
    /// The index after the name.
    var end: Int
    /// False when the name runs into characters a name does not have.
    var wellFormed: Bool
}

/// A word of a line and where it is.
struct ScenarioWord {
    var text: String
    var range: SourceRange

    /// The columns of `count` scalars of the word starting `offset` scalars in.
    func subrange(from offset: Int, count: Int) -> SourceRange {
        SourceRange(line: range.start.line, column: range.start.column + offset, length: max(1, count))
    }
}

// MARK: - The syntax of the file

/// An indented `name: value` (or `name value`, or `name ...: JSON`) line of a declaration or step.
struct ScenarioAttribute {
    var name: String
    var nameRange: SourceRange
    var line: Int
    /// The value's words; for an attribute with a document, the words between the name and the colon.
    var words: [ScenarioWord]
    /// The value as written (after the colon), for free text.
    var value: String
    var valueRange: SourceRange
    /// The JSON document after the colon; nil when it is missing (already reported).
    var document: Document?
    /// The attribute's line without its indentation.
    var lineRange: SourceRange
}

/// A declaration at column 1 and its attributes.
struct ScenarioDeclaration {
    var keyword: String
    var keywordRange: SourceRange
    var line: Int
    /// The words after the keyword (for `document`, those before the colon).
    var words: [ScenarioWord]
    var lineRange: SourceRange
    var attributes: [ScenarioAttribute]
    /// The JSON of `document NAME: JSON`.
    var document: Document?
}

/// A `step` line and its attributes, before the command is parsed.
struct ScenarioStepDraft {
    var name: ScenarioWord?
    var number: Int
    var commandText: String
    var commandColumn: Int
    var line: Int
    var lineRange: SourceRange
    var attributes: [ScenarioAttribute]
}

/// A header line: `scenario: ID`, `title: TEXT`...
struct ScenarioHeaderField {
    var name: String
    var nameRange: SourceRange
    var value: String
    var valueRange: SourceRange
    var line: Int
}

// MARK: - Building

/// The state of one parse: the lines, what was read from them, the world being built and the diagnostics.
struct ScenarioBuilder {
    let file: String
    let baseDirectory: String
    let lines: [ScenarioLine]
    var diagnostics: [Diagnostic] = []

    var header: [ScenarioHeaderField] = []
    /// Warning codes the file accepts (`allow:`).
    var allowedWarnings: Set<String> = []
    var declarations: [ScenarioDeclaration] = []
    var stepDrafts: [ScenarioStepDraft] = []

    var world = World()
    var documents: [String: Document] = [:]
    /// The line each entity was declared on, by `kind:account/name`, for duplicate messages.
    var declaredOn: [String: Int] = [:]
    /// Roles and instance profiles that earlier steps create, by account.
    var createdRoles: [String: Set<String>] = [:]
    var createdProfiles: [String: Set<String>] = [:]

    init(text: String, file: String, baseDirectory: String) {
        self.file = file
        self.baseDirectory = baseDirectory
        lines = ScenarioLine.lines(of: text)
    }

    mutating func run() -> Scenario? {
        scanLines()
        let (id, title, references) = readHeader()
        buildWorld()
        let steps = buildSteps()
        guard let id else { return nil }
        return Scenario(id: id, title: title, references: references, file: file, world: world, documents: documents, steps: steps)
    }

    // MARK: Reporting

    mutating func error(_ code: String, _ message: String, at range: SourceRange, help: String? = nil) {
        diagnostics.append(Diagnostic(.error, code: code, message, file: file, range: range, help: help))
    }

    /// Reports an error IAM gives for a declaration (one the checks before it did not catch).
    mutating func report(_ error: AWSError, at range: SourceRange) {
        let code = switch error.code {
        case "EntityAlreadyExists": "S012"
        case "NoSuchEntity": "S011"
        default: "S009"
        }
        var message = error.message
        if let first = message.first { message = first.lowercased() + message.dropFirst() }
        while message.hasSuffix(".") { message.removeLast() }
        self.error(code, message, at: range, help: "IAM refuses this with `\(error.code)`")
    }

    /// `did you mean `X`?` when a candidate is close to `word`.
    static func didYouMean(_ word: String, in candidates: [String], prefix: String = "") -> String? {
        closestMatch(to: word, in: candidates).map { "did you mean `\(prefix)\($0)`?" }
    }

    // MARK: Pass 1: lines into header fields, declarations and steps

    mutating func scanLines() {
        var i = 0
        var firstLine: ScenarioLine?
        var scenarioLine: ScenarioHeaderField?
        while i < lines.count {
            let line = lines[i]
            guard line.hasContent else {
                i += 1
                continue
            }
            // A top-level line owns the indented, blank and comment lines below it.
            var j = i + 1
            while j < lines.count, !lines[j].hasContent || lines[j].indent > 0 { j += 1 }
            if firstLine == nil { firstLine = line }
            if line.indent > 0 {
                error("S006", "indented line outside a declaration", at: line.contentRange,
                      help: "declarations, header fields and steps start at column 1; attributes are indented below them")
                i = j
                continue
            }
            let head = line.head(at: 0)
            let body = (i + 1)..<j
            let keyword = head.wellFormed ? head.name : ""
            if ScenarioParser.headerFields.contains(keyword) {
                let start = line.valueStart(after: head)
                let field = ScenarioHeaderField(name: keyword, nameRange: head.range, value: line.text(start, line.end),
                                        valueRange: line.range(start, line.end), line: line.number)
                if keyword == "scenario", scenarioLine == nil { scenarioLine = field }
                header.append(field)
                reportStrayLines(body, under: "`\(keyword):`")
            } else if keyword == "step" {
                scanStep(line, head: head, body: body)
            } else if keyword == "document" {
                scanDocument(line, head: head, body: body)
            } else if ScenarioParser.declarations.contains(keyword) {
                let start = line.valueStart(after: head)
                declarations.append(ScenarioDeclaration(keyword: keyword, keywordRange: head.range, line: line.number,
                                                words: line.words(start, line.end), lineRange: line.contentRange,
                                                attributes: scanAttributes(body, of: keyword)))
            } else {
                unknownLine(line, head: head)
            }
            i = j
        }
        if let firstLine, let scenarioLine, scenarioLine.line != firstLine.number {
            error("S001", "`scenario:` must be the first line", at: scenarioLine.nameRange,
                  help: "move it above line \(firstLine.number); comments and blank lines may come before it")
        } else if scenarioLine == nil {
            error("S001", "missing `scenario: ID` line", at: firstLine?.contentRange ?? SourceRange(line: 1, column: 1),
                  help: "a scenario file starts with `scenario: ID`, the id bank questions name")
        }
    }

    private mutating func unknownLine(_ line: ScenarioLine, head: ScenarioLineHead) {
        var help = Self.didYouMean(head.name, in: ScenarioParser.keywords)
        if help == nil, let first = line.scalars.first {
            if first == "{" || first == "}" || first == "[" || first == "]" || first == "\"" {
                help = "a JSON document continues on lines indented deeper than the line it belongs to"
            } else if first == "#" {
                help = "a comment is `#` followed by a space"
            } else {
                help = "a line at column 1 is a header field (`scenario:`, `title:`...), a declaration (`account`, `user`, `role`...) or a `step`"
            }
        }
        error("S004", "unknown line starting with `\(head.name)`", at: head.range, help: help)
    }

    /// Reports the first line of `body` with content: a line that belongs to nothing (S006).
    private mutating func reportStrayLines(_ body: Range<Int>, under owner: String) {
        guard let stray = body.first(where: { lines[$0].hasContent }) else { return }
        error("S006", "indented line under \(owner), which takes none", at: lines[stray].contentRange,
              help: "only declarations and steps have indented lines")
    }

    /// Reads the JSON document that starts after a colon at `from` on line `index`, continued by the
    /// lines of `continuation` (those indented deeper); nil when there is no JSON at all.
    private func document(line index: Int, from: Int, continuation: Range<Int>, name: String?) -> Document? {
        let first = lines[index]
        let start = first.skipSpaces(from: from)
        // Comment lines become empty lines, so that later lines keep their numbers.
        func body(_ k: Int) -> String { lines[k].isComment ? "" : lines[k].text(0, lines[k].end) }
        if start < first.end {
            let pieces = [first.text(start, first.end)] + continuation.map(body)
            return Document(name: name, text: pieces.joined(separator: "\n"), file: file,
                            start: SourceLocation(line: first.number, column: start + 1))
        }
        guard let firstBody = continuation.first(where: { lines[$0].hasContent }) else { return nil }
        return Document(name: name, text: (firstBody..<continuation.upperBound).map(body).joined(separator: "\n"), file: file,
                        start: SourceLocation(line: lines[firstBody].number, column: 1))
    }

    /// The lines of `range` without the blank and comment lines at its end.
    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var upper = range.upperBound
        while upper > range.lowerBound, !lines[upper - 1].hasContent { upper -= 1 }
        return range.lowerBound..<upper
    }

    private mutating func scanDocument(_ line: ScenarioLine, head: ScenarioLineHead, body: Range<Int>) {
        guard let colon = line.firstIndex(of: ":", from: head.end) else {
            error("S007", "expected `document NAME: JSON`", at: line.contentRange,
                  help: "a colon follows the document's name, then its JSON")
            return
        }
        let words = line.words(head.end, colon)
        guard words.count == 1 else {
            error("S007", words.isEmpty ? "missing document name" : "expected one document name, found \(words.count) words",
                  at: words.first?.range ?? line.range(colon, colon + 1), help: "write `document NAME: JSON`")
            return
        }
        let index = line.number - 1
        let document = document(line: index, from: colon + 1, continuation: trimmed(body), name: words[0].text)
        if document == nil {
            error("S007", "missing JSON document after `document \(words[0].text):`", at: line.range(colon, colon + 1),
                  help: "write the JSON after the colon, or on the lines below indented deeper")
        }
        declarations.append(ScenarioDeclaration(keyword: "document", keywordRange: head.range, line: line.number, words: words,
                                        lineRange: line.contentRange, attributes: [], document: document))
    }

    private mutating func scanStep(_ line: ScenarioLine, head: ScenarioLineHead, body: Range<Int>) {
        let number = stepDrafts.count + 1
        guard let colon = line.firstIndex(of: ":", from: head.end) else {
            error("S014", "expected `:` after the step's name", at: line.contentRange,
                  help: "write `step NAME: COMMAND`, or `step: COMMAND` for a step without a name")
            // The step still counts, so that later `#N` references keep their numbers.
            stepDrafts.append(ScenarioStepDraft(name: nil, number: number, commandText: "", commandColumn: 1, line: line.number,
                                        lineRange: line.contentRange, attributes: []))
            return
        }
        let words = line.words(head.end, colon)
        let commandStart = line.skipSpaces(from: colon + 1)
        var draft = ScenarioStepDraft(name: words.first, number: number, commandText: line.text(commandStart, line.end),
                              commandColumn: commandStart + 1, line: line.number, lineRange: line.contentRange,
                              attributes: scanAttributes(body, of: "step"))
        if words.count > 1 {
            error("S014", "expected `:` after the step's name", at: words[1].range,
                  help: "a step name is one word: write `step NAME: COMMAND`")
            draft.commandText = ""
        } else if commandStart >= line.end {
            error("S014", "missing command after `step\(words.first.map { " \($0.text)" } ?? ""):`", at: line.range(colon, colon + 1),
                  help: "write the command on the same line, such as `step \(words.first?.text ?? "NAME"): whoami`")
        }
        stepDrafts.append(draft)
    }

    /// Reads the indented lines of a declaration or step as attributes of `keyword`.
    private mutating func scanAttributes(_ body: Range<Int>, of keyword: String) -> [ScenarioAttribute] {
        let specs = ScenarioParser.attributes[keyword] ?? []
        var attributes: [ScenarioAttribute] = []
        var firstLine: [String: Int] = [:]
        var k = body.lowerBound
        while k < body.upperBound {
            let line = lines[k]
            guard line.hasContent else {
                k += 1
                continue
            }
            // The lines indented deeper than this one: its document, or lines that belong to nothing.
            var next = k + 1
            while next < body.upperBound, !lines[next].hasContent || lines[next].indent > line.indent { next += 1 }
            defer { k = next }
            let head = line.head(at: line.indent)
            guard head.wellFormed, let spec = specs.first(where: { $0.name == head.name }) else {
                unknownAttribute(head, of: keyword, specs: specs)
                continue
            }
            if !spec.repeatable, let first = firstLine[spec.name] {
                let extra = spec.name == "role" && keyword == "instance-profile" ? "; an instance profile holds one role" : ""
                error("S003", "`\(spec.name)` given twice", at: head.range, help: "the first is on line \(first)\(extra)")
                continue
            }
            firstLine[spec.name] = line.number
            if spec.takesDocument {
                guard let colon = line.firstIndex(of: ":", from: head.end) else {
                    error("S007", "expected `:` and a JSON document after `\(spec.name)`", at: line.contentRange,
                          help: "write `\(spec.usage)`")
                    continue
                }
                let document = document(line: k, from: colon + 1, continuation: trimmed((k + 1)..<next), name: nil)
                if document == nil {
                    error("S007", "missing JSON document after `\(line.text(line.indent, colon + 1))`", at: line.range(colon, colon + 1),
                          help: "write the JSON after the colon, or on the lines below indented deeper than `\(spec.name)`")
                }
                let start = line.skipSpaces(from: colon + 1)
                attributes.append(ScenarioAttribute(name: spec.name, nameRange: head.range, line: line.number,
                                            words: line.words(head.end, colon), value: line.text(start, line.end),
                                            valueRange: line.range(start, line.end), document: document,
                                            lineRange: line.contentRange))
            } else {
                let start = line.valueStart(after: head)
                attributes.append(ScenarioAttribute(name: spec.name, nameRange: head.range, line: line.number,
                                            words: line.words(start, line.end), value: line.text(start, line.end),
                                            valueRange: start < line.end ? line.range(start, line.end) : line.range(line.end, line.end + 1),
                                            document: nil, lineRange: line.contentRange))
                reportStrayLines((k + 1)..<next, under: "`\(spec.name)`")
            }
        }
        return attributes
    }

    private mutating func unknownAttribute(_ head: ScenarioLineHead, of keyword: String, specs: [ScenarioAttributeSpec]) {
        guard !specs.isEmpty else {
            error("S005", "`\(keyword)` takes no attributes", at: head.range,
                  help: ScenarioParser.keywords.contains(head.name) ? "`\(head.name)` starts at column 1" : nil)
            return
        }
        var help = Self.didYouMean(head.name, in: specs.map(\.name))
        if help == nil {
            help = ScenarioParser.keywords.contains(head.name)
                ? "`\(head.name)` starts at column 1; remove the indentation"
                : "`\(keyword)` takes " + specs.map { "`\($0.usage)`" }.joined(separator: ", ")
        }
        error("S005", "unknown attribute `\(head.name)` of `\(keyword)`", at: head.range, help: help)
    }

    // MARK: Pass 2: the header

    private mutating func readHeader() -> (id: String?, title: String?, references: [String]) {
        var id: String?
        var title: String?
        var references: [String] = []
        var seen: [String: Int] = [:]
        for field in header {
            if field.name != "reference", field.name != "allow" {
                if let first = seen[field.name] {
                    error("S003", "`\(field.name):` given twice", at: field.nameRange, help: "the first is on line \(first)")
                    continue
                }
                seen[field.name] = field.line
            }
            let value = field.value
            switch field.name {
            case "scenario":
                if Self.isLowercaseName(value) {
                    id = value
                } else {
                    error("S002", value.isEmpty ? "missing scenario id" : "malformed scenario id `\(value)`", at: field.valueRange,
                          help: "an id is lowercase letters, digits and `-`, such as `confused-deputy`")
                    // Still a scenario: the rest of the file is checked, and nothing is returned for the error.
                    id = value
                }
            case "title":
                if value.isEmpty { error("S002", "empty title", at: field.valueRange, help: "say in one line what the scenario shows") }
                title = value
            case "reference":
                if value.isEmpty { error("S002", "empty reference", at: field.valueRange, help: "write the link to the documentation") }
                references.append(value)
            case "allow":
                let code = String(value.prefix { $0 != " " })
                let reason = value.dropFirst(code.count).trimmingCharacters(in: .whitespaces)
                if !ScenarioParser.allowableWarnings.contains(code) {
                    error("S002", code.isEmpty ? "`allow:` names no warning code" : "`allow:` names `\(code)`, which is not a policy warning a scenario can accept",
                          at: field.valueRange, help: "write `allow: CODE REASON` with one of " + ScenarioParser.allowableWarnings.sorted().joined(separator: ", "))
                } else if reason.isEmpty {
                    error("S002", "`allow: \(code)` gives no reason", at: field.valueRange,
                          help: "say why the scenario keeps the warning, for example the step that shows what it catches")
                } else {
                    allowedWarnings.insert(code)
                }
            case "start":
                if let date = Self.time(value) {
                    world.now = date
                } else {
                    error("S002", "malformed start time `\(value)`", at: field.valueRange,
                          help: "write ISO 8601 in UTC, such as `2026-03-02T09:00:00Z`")
                }
            case "region":
                if Self.isRegion(value) {
                    world.region = value
                } else {
                    error("S002", "malformed region `\(value)`", at: field.valueRange, help: "write a region such as `us-east-1`")
                }
            default:
                if Self.isIPAddress(value) {
                    world.sourceIP = value
                } else {
                    error("S002", "malformed source IP `\(value)`", at: field.valueRange,
                          help: "write an IPv4 or IPv6 address, such as `198.51.100.10`")
                }
            }
        }
        return (id, title, references)
    }

    // MARK: Pass 3: the world

    private mutating func buildWorld() {
        // Declarations may come in any order: each kind is built once those it names exist.
        for declaration in declarations where declaration.keyword == "account" { buildAccount(declaration) }
        for declaration in declarations where declaration.keyword == "document" { buildDocument(declaration) }
        for declaration in declarations where declaration.keyword == "group" { buildGroup(declaration) }
        for declaration in declarations where declaration.keyword == "user" { buildUser(declaration) }
        for declaration in declarations where declaration.keyword == "role" { buildRole(declaration) }
        for declaration in declarations where declaration.keyword == "instance-profile" { buildInstanceProfile(declaration) }
        for declaration in declarations where declaration.keyword == "instance" { buildInstance(declaration) }
        for declaration in declarations where declaration.keyword.hasSuffix("-provider") { buildProvider(declaration) }
        for declaration in declarations where declaration.keyword == "resource" { buildResource(declaration) }
        for declaration in declarations where declaration.keyword == "vpc-endpoint" { buildEndpoint(declaration) }
        var organizationLine: Int?
        for declaration in declarations where declaration.keyword == "organization" {
            if let first = organizationLine {
                error("S012", "a second organization", at: declaration.keywordRange,
                      help: "the organization is declared on line \(first); a scenario has at most one")
                continue
            }
            organizationLine = declaration.line
            buildOrganization(declaration)
        }
    }

    /// The account a word names by id or alias (S010).
    mutating func account(_ text: String, at range: SourceRange) -> String? {
        if let id = world.accountID(named: text) { return id }
        let known = world.accounts.keys.sorted() + world.accounts.values.compactMap(\.alias).sorted()
        let help = Self.didYouMean(text, in: known)
            ?? (known.isEmpty ? "declare it with `account ID [ALIAS]`" : "declared accounts: " + known.map { "`\($0)`" }.joined(separator: ", "))
        error("S010", "unknown account `\(text)`", at: range, help: help)
        return nil
    }

    /// Checks the words of a declaration line against its usage (S007).
    private mutating func expectWords(_ declaration: ScenarioDeclaration, count: ClosedRange<Int>) -> Bool {
        guard count.contains(declaration.words.count) else {
            let usage = ScenarioParser.declarationUsage[declaration.keyword] ?? declaration.keyword
            let extra = declaration.words.count > count.upperBound ? declaration.words[count.upperBound] : nil
            error("S007", extra.map { "unexpected `\($0.text)` after the \(declaration.keyword)" } ?? "missing name after `\(declaration.keyword)`",
                  at: extra?.range ?? declaration.keywordRange, help: "write `\(usage)`")
            return false
        }
        return true
    }

    /// The `ACCOUNT/NAME` of an entity declaration: the account id and the name (S007, S008, S010).
    mutating func entity(_ declaration: ScenarioDeclaration, what: String, isValidName: (String) -> Bool,
                                 rule: String) -> (account: String, name: String)? {
        guard expectWords(declaration, count: 1...1) else { return nil }
        let word = declaration.words[0]
        guard let slash = word.text.firstIndex(of: "/") else {
            error("S008", "expected `ACCOUNT/NAME` for the \(what), found `\(word.text)`", at: word.range,
                  help: "write the account (its id or alias), a slash and the name, such as `prod/\(word.text)`")
            return nil
        }
        let accountText = String(word.text[..<slash])
        let name = String(word.text[word.text.index(after: slash)...])
        let accountLength = accountText.unicodeScalars.count
        guard let id = account(accountText, at: word.subrange(from: 0, count: accountLength)) else { return nil }
        guard isValidName(name) else {
            error("S008", name.isEmpty ? "missing \(what) name after `\(accountText)/`" : "malformed \(what) name `\(name)`",
                  at: word.subrange(from: accountLength + 1, count: name.unicodeScalars.count), help: rule)
            return nil
        }
        return (id, name)
    }

    /// Whether the entity is new; reports S012 naming the first declaration otherwise.
    mutating func isNew(_ kind: String, account: String, name: String, line: Int, at range: SourceRange, what: String) -> Bool {
        let key = "\(kind):\(account)/\(name)"
        if let first = declaredOn[key] {
            error("S012", "\(what) `\(name)` is already declared in \(accountLabel(account))", at: range, help: "the first is on line \(first)")
            return false
        }
        declaredOn[key] = line
        return true
    }

    /// Whether an id that is unique across accounts (an EC2 id) is new; reports S012 naming the first otherwise.
    mutating func isNewID(_ what: String, _ id: String, line: Int, at range: SourceRange) -> Bool {
        if let first = declaredOn["\(what):\(id)"] {
            error("S012", "\(what) `\(id)` is already declared", at: range, help: "the first is on line \(first)")
            return false
        }
        declaredOn["\(what):\(id)"] = line
        return true
    }

    func accountLabel(_ id: String) -> String {
        world.accounts[id]?.alias.map { "`\($0)`" } ?? "`\(id)`"
    }

    private mutating func buildAccount(_ declaration: ScenarioDeclaration) {
        guard expectWords(declaration, count: 1...2) else { return }
        let idWord = declaration.words[0]
        guard Account.isValidID(idWord.text) else {
            error("S008", "malformed account id `\(idWord.text)`", at: idWord.range, help: "an account id is 12 digits")
            return
        }
        if let first = declaredOn["account:\(idWord.text)"] {
            error("S012", "account `\(idWord.text)` is already declared", at: idWord.range, help: "the first is on line \(first)")
            return
        }
        declaredOn["account:\(idWord.text)"] = declaration.line
        var alias: String?
        if declaration.words.count == 2 {
            let aliasWord = declaration.words[1]
            if !Self.isAlias(aliasWord.text) {
                error("S008", "malformed account alias `\(aliasWord.text)`", at: aliasWord.range,
                      help: "an alias is 3 to 63 lowercase letters, digits and `-`, not all digits, starting and ending with a letter or digit")
            } else if let first = declaredOn["alias:\(aliasWord.text)"] {
                error("S012", "alias `\(aliasWord.text)` is already used", at: aliasWord.range, help: "the first is on line \(first)")
            } else {
                alias = aliasWord.text
                declaredOn["alias:\(aliasWord.text)"] = declaration.line
            }
        }
        do {
            try world.addAccount(idWord.text, alias: alias)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    private mutating func buildDocument(_ declaration: ScenarioDeclaration) {
        guard let nameWord = declaration.words.first else { return }
        let name = nameWord.text
        guard Self.isDocumentName(name) else {
            error("S008", "malformed document name `\(name)`", at: nameWord.range,
                  help: "a document name is letters, digits, `.`, `_` and `-`")
            return
        }
        if let first = declaredOn["document:\(name)"] {
            error("S012", "document `\(name)` is already declared", at: nameWord.range, help: "the first is on line \(first)")
            return
        }
        declaredOn["document:\(name)"] = declaration.line
        guard let document = declaration.document else { return }
        documents[name] = document
        // The kind of policy a document is depends on the step that uses it: each use checks it as that kind
        // (see `checkDocuments`). The JSON itself is checked here, so that an unused document is checked too.
        let padded = String(repeating: "\n", count: max(0, document.start.line - 1))
            + String(repeating: " ", count: max(0, document.start.column - 1)) + document.text
        if case .failure(let diagnostic) = JSONReader.parse(padded, file: file) {
            diagnostics.append(diagnostic)
        }
    }

    // MARK: Attributes shared by declarations

    /// A policy attribute: `policy NAME: JSON` when `named`, else `trust: JSON` or `policy: JSON` (then
    /// `defaultName` names it). Its diagnostics are reported; nil when it is not usable.
    mutating func policy(_ attribute: ScenarioAttribute, kind: PolicyKind, named: Bool, defaultName: String,
                                 usage: String) -> NamedPolicy? {
        var name = defaultName
        if named {
            guard attribute.words.count == 1 else {
                error("S007", attribute.words.isEmpty ? "missing policy name after `\(attribute.name)`" : "expected one policy name before `:`",
                      at: attribute.words.dropFirst().first?.range ?? attribute.nameRange, help: "write `\(usage)`")
                return nil
            }
            name = attribute.words[0].text
            guard Self.isIAMName(name, maxLength: 128) else {
                error("S008", "malformed policy name `\(name)`", at: attribute.words[0].range, help: Self.iamNameRule(128))
                return nil
            }
        } else if let extra = attribute.words.first {
            error("S007", "unexpected `\(extra.text)` before `:`", at: extra.range, help: "write `\(usage)`")
            return nil
        }
        guard let document = attribute.document else { return nil }
        return policy(document, kind: kind, name: name)
    }

    /// Parses a document as a policy of `kind`, reporting its diagnostics at their place in the file.
    ///
    /// An invalid policy is replaced by one without statements, so that the entity still exists and the
    /// steps that name it are checked; the scenario is not returned when there are errors anyway.
    private mutating func policy(_ document: Document, kind: PolicyKind, name: String) -> NamedPolicy {
        let result = document.parse(kind: kind, id: name)
        diagnostics += result.diagnostics
        validate(result.policy, in: document)
        let policy = result.policy ?? Policy(id: name, kind: kind, version: .v2012_10_17, statements: [],
                                             range: SourceRange(start: document.start, end: document.start))
        return NamedPolicy(name: name, text: document.text, policy: policy)
    }

    /// The one word of a `name: VALUE` attribute (S007).
    mutating func single(_ attribute: ScenarioAttribute, usage: String) -> ScenarioWord? {
        guard attribute.words.count == 1 else {
            error("S007", attribute.words.isEmpty ? "missing value after `\(attribute.name)`" : "expected one value after `\(attribute.name)`",
                  at: attribute.words.dropFirst().first?.range ?? attribute.valueRange, help: "write `\(usage)`")
            return nil
        }
        return attribute.words[0]
    }

    private mutating func path(_ attribute: ScenarioAttribute) -> String? {
        guard let word = single(attribute, usage: "path: /PATH/") else { return nil }
        guard Self.isPath(word.text) else {
            error("S009", "malformed path `\(word.text)`", at: word.range,
                  help: "a path starts and ends with `/`, such as `/` or `/engineering/`")
            return nil
        }
        return word.text
    }

    /// `tag: KEY=VALUE`, added to `tags` (S003 for a key given twice, S009 for a malformed tag).
    private mutating func tag(_ attribute: ScenarioAttribute, into tags: inout [String: String]) {
        guard let word = single(attribute, usage: "tag: KEY=VALUE") else { return }
        guard let equals = word.text.firstIndex(of: "="), equals != word.text.startIndex else {
            error("S009", "malformed tag `\(word.text)`", at: word.range, help: "write `tag: KEY=VALUE`; the key cannot be empty")
            return
        }
        let key = String(word.text[..<equals])
        guard tags[key] == nil else {
            error("S003", "tag `\(key)` given twice", at: word.range, help: "a tag key has one value")
            return
        }
        tags[key] = String(word.text[word.text.index(after: equals)...])
    }

    // MARK: Declarations

    private mutating func buildGroup(_ declaration: ScenarioDeclaration) {
        guard let (account, name) = entity(declaration, what: "group", isValidName: { Self.isIAMName($0, maxLength: 128) },
                                           rule: Self.iamNameRule(128)) else { return }
        var group = Group(name: name)
        for attribute in declaration.attributes {
            guard let policy = policy(attribute, kind: .identity, named: true, defaultName: "", usage: "policy NAME: JSON") else { continue }
            if group.policies.contains(where: { $0.name == policy.name }) {
                error("S003", "policy `\(policy.name)` given twice", at: attribute.words[0].range, help: "policy names are unique per group")
                continue
            }
            group.policies.append(policy)
        }
        guard isNew("group", account: account, name: name, line: declaration.line, at: declaration.words[0].range, what: "group") else { return }
        do {
            try world.addGroup(group, to: account)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    private mutating func buildUser(_ declaration: ScenarioDeclaration) {
        guard let (account, name) = entity(declaration, what: "user", isValidName: { Self.isIAMName($0, maxLength: 64) },
                                           rule: Self.iamNameRule(64)) else { return }
        var user = User(name: name)
        for attribute in declaration.attributes {
            switch attribute.name {
            case "path":
                if let path = path(attribute) { user.path = path }
            case "group":
                guard let word = single(attribute, usage: "group: NAME") else { continue }
                let groups = world.accounts[account]?.groups.keys.sorted() ?? []
                guard groups.contains(word.text) else {
                    error("S011", "no group `\(word.text)` in \(accountLabel(account))", at: word.range,
                          help: Self.didYouMean(word.text, in: groups) ?? "declare it with `group ACCOUNT/\(word.text)`")
                    continue
                }
                if user.groups.contains(word.text) {
                    error("S003", "group `\(word.text)` given twice", at: word.range, help: "a user is in a group once")
                    continue
                }
                user.groups.append(word.text)
            case "policy", "boundary":
                let isBoundary = attribute.name == "boundary"
                guard let policy = policy(attribute, kind: isBoundary ? .boundary : .identity, named: true, defaultName: "",
                                          usage: "\(attribute.name) NAME: JSON") else { continue }
                if isBoundary {
                    user.boundary = policy
                } else if user.policies.contains(where: { $0.name == policy.name }) {
                    error("S003", "policy `\(policy.name)` given twice", at: attribute.words[0].range, help: "policy names are unique per user")
                } else {
                    user.policies.append(policy)
                }
            case "tag":
                tag(attribute, into: &user.tags)
            default:
                // mfa: SERIAL-NAME CODE
                guard attribute.words.count == 2 else {
                    error("S007", "expected a device name and its code after `mfa`", at: attribute.valueRange,
                          help: "write `mfa: SERIAL-NAME CODE`, such as `mfa: alice-phone 123456`")
                    continue
                }
                let (serial, code) = (attribute.words[0], attribute.words[1])
                guard Self.isIAMName(serial.text, maxLength: 512) else {
                    error("S008", "malformed MFA device name `\(serial.text)`", at: serial.range, help: Self.iamNameRule(512))
                    continue
                }
                guard code.text.count == 6, code.text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    error("S009", "malformed MFA code `\(code.text)`", at: code.range, help: "a virtual MFA device shows six digits")
                    continue
                }
                if user.mfaDevices[serial.text] != nil {
                    error("S003", "MFA device `\(serial.text)` given twice", at: serial.range, help: "each device has one current code")
                    continue
                }
                user.mfaDevices[serial.text] = code.text
            }
        }
        guard isNew("user", account: account, name: name, line: declaration.line, at: declaration.words[0].range, what: "user") else { return }
        do {
            try world.addUser(user, to: account)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    private mutating func buildRole(_ declaration: ScenarioDeclaration) {
        guard let (account, name) = entity(declaration, what: "role", isValidName: { Self.isIAMName($0, maxLength: 64) },
                                           rule: Self.iamNameRule(64)) else { return }
        var trust: NamedPolicy?
        var sawTrust = false
        var path = "/"
        var pathAttribute: ScenarioAttribute?
        var policies: [NamedPolicy] = []
        var boundary: NamedPolicy?
        var maxSession = Role.defaultMaxSessionDuration
        var tags: [String: String] = [:]
        var service: String?
        var usedBy: [String] = []
        var createdWith = CreatedWith.cli
        for attribute in declaration.attributes {
            switch attribute.name {
            case "trust":
                sawTrust = true
                trust = policy(attribute, kind: .trust, named: false, defaultName: "trust policy", usage: "trust: JSON")
            case "path":
                pathAttribute = attribute
                if let value = self.path(attribute) { path = value }
            case "policy":
                guard let policy = policy(attribute, kind: .identity, named: true, defaultName: "", usage: "policy NAME: JSON") else { continue }
                if policies.contains(where: { $0.name == policy.name }) {
                    error("S003", "policy `\(policy.name)` given twice", at: attribute.words[0].range, help: "policy names are unique per role")
                } else {
                    policies.append(policy)
                }
            case "boundary":
                boundary = policy(attribute, kind: .boundary, named: true, defaultName: "", usage: "boundary NAME: JSON")
            case "max-session":
                guard let word = single(attribute, usage: "max-session: DURATION") else { continue }
                guard let seconds = CommandParser.duration(word.text) else {
                    error("S009", "malformed duration `\(word.text)`", at: word.range,
                          help: "write seconds or a number with `s`, `m`, `h` or `d`, largest first (`90m`, `1h30m`)")
                    continue
                }
                guard Role.maxSessionDurationRange.contains(seconds) else {
                    error("S009", "`max-session` must be from 1h to 12h, not `\(word.text)`", at: word.range,
                          help: "IAM's MaxSessionDuration is 3600 to 43200 seconds")
                    continue
                }
                maxSession = seconds
            case "tag":
                tag(attribute, into: &tags)
            case "service-linked":
                guard let word = single(attribute, usage: "service-linked: SERVICE") else { continue }
                guard word.text.hasSuffix(".amazonaws.com"), word.text.count > ".amazonaws.com".count, !word.text.contains("/") else {
                    error("S009", "malformed service `\(word.text)`", at: word.range,
                          help: "name the service principal, such as `elasticbeanstalk.amazonaws.com`")
                    continue
                }
                service = word.text
            case "used-by":
                guard let word = single(attribute, usage: "used-by: RESOURCE") else { continue }
                usedBy.append(word.text)
            default:
                // created-with: console|cli
                guard let word = single(attribute, usage: "created-with: console|cli") else { continue }
                guard let value = CreatedWith(rawValue: word.text) else {
                    error("S009", "unknown `created-with` value `\(word.text)`", at: word.range,
                          help: Self.didYouMean(word.text, in: ["console", "cli"]) ?? "write `console` or `cli`")
                    continue
                }
                createdWith = value
            }
        }
        if !sawTrust {
            error("S013", "role `\(name)` has no `trust:`", at: declaration.keywordRange,
                  help: "a role needs a trust policy saying who may assume it: add `trust:` and its JSON")
        }
        if !usedBy.isEmpty, service == nil, let first = declaration.attributes.first(where: { $0.name == "used-by" }) {
            error("S009", "`used-by` belongs to a service-linked role", at: first.valueRange,
                  help: "add `service-linked: SERVICE`, or remove `used-by`")
        }
        if let service {
            // IAM puts every service-linked role under this path.
            if let pathAttribute, path != "/aws-service-role/\(service)/" {
                error("S009", "a service-linked role's path is `/aws-service-role/\(service)/`", at: pathAttribute.valueRange,
                      help: "remove `path:`; IAM sets the path of a service-linked role")
            }
            path = "/aws-service-role/\(service)/"
        }
        let placeholder = NamedPolicy(name: "trust policy", text: "", policy: Policy(
            id: "trust policy", kind: .trust, version: .v2012_10_17, statements: [], range: declaration.keywordRange))
        var role = Role(name: name, path: path, trust: trust ?? placeholder, policies: policies, boundary: boundary,
                        maxSessionDuration: maxSession, tags: tags, serviceLinkedService: service, createdWith: createdWith)
        role.usedBy = usedBy
        guard isNew("role", account: account, name: name, line: declaration.line, at: declaration.words[0].range, what: "role") else { return }
        do {
            try world.addRole(role, to: account)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    private mutating func buildInstanceProfile(_ declaration: ScenarioDeclaration) {
        guard let (account, name) = entity(declaration, what: "instance profile", isValidName: { Self.isIAMName($0, maxLength: 128) },
                                           rule: Self.iamNameRule(128)) else { return }
        var profile = InstanceProfile(name: name)
        for attribute in declaration.attributes {
            guard let word = single(attribute, usage: "role: ROLE-NAME") else { continue }
            let roles = world.accounts[account]?.roles.keys.sorted() ?? []
            guard roles.contains(word.text) else {
                error("S011", "no role `\(word.text)` in \(accountLabel(account))", at: word.range,
                      help: Self.didYouMean(word.text, in: roles) ?? "the role is named without its account, and declared with `role ACCOUNT/\(word.text)`")
                continue
            }
            profile.roleName = word.text
        }
        guard isNew("profile", account: account, name: name, line: declaration.line, at: declaration.words[0].range,
                    what: "instance profile") else { return }
        if world.accounts[account]?.instanceProfiles[name] != nil {
            error("S012", "instance profile `\(name)` already exists in \(accountLabel(account))", at: declaration.words[0].range,
                  help: "the role `\(name)` was created with the console, which also creates an instance profile of the same name holding it")
            return
        }
        do {
            try world.addInstanceProfile(profile, to: account)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    private mutating func buildInstance(_ declaration: ScenarioDeclaration) {
        guard let (account, id) = entity(declaration, what: "instance", isValidName: Self.isInstanceID,
                                         rule: "an instance id is letters, digits and `-`, such as `i-0abc123`") else { return }
        var instance = Instance(id: id, account: account)
        for attribute in declaration.attributes {
            switch attribute.name {
            case "vpc":
                if let vpc = vpcID(attribute) { instance.vpc = vpc }
                continue
            case "private-ip":
                guard let word = single(attribute, usage: "private-ip: IP") else { continue }
                guard Self.isIPv4(Substring(word.text)) else {
                    error("S009", "malformed IPv4 address `\(word.text)`", at: word.range, help: "write the instance's private address, such as `10.0.1.15`")
                    continue
                }
                instance.privateIP = word.text
                continue
            case "imds":
                guard let word = single(attribute, usage: "imds: v1 | v2") else { continue }
                guard word.text == "v1" || word.text == "v2" else {
                    error("S009", "unknown metadata service version `\(word.text)`", at: word.range,
                          help: "`imds: v2` (tokens required, the default) or `imds: v1` (IMDSv1 also answers)")
                    continue
                }
                instance.imdsV1Allowed = word.text == "v1"
                continue
            default:
                break
            }
            guard let word = single(attribute, usage: "profile: NAME") else { continue }
            let profiles = world.accounts[account]?.instanceProfiles.keys.sorted() ?? []
            guard profiles.contains(word.text) else {
                error("S011", "no instance profile `\(word.text)` in \(accountLabel(account))", at: word.range,
                      help: Self.didYouMean(word.text, in: profiles) ?? "declare it with `instance-profile ACCOUNT/\(word.text)`")
                continue
            }
            instance.profileName = word.text
        }
        // Instance ids are unique across accounts.
        guard isNewID("instance", id, line: declaration.line, at: declaration.words[0].range) else { return }
        do {
            try world.addInstance(instance)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    private mutating func buildProvider(_ declaration: ScenarioDeclaration) {
        let isSAML = declaration.keyword == "saml-provider"
        let what = isSAML ? "SAML provider" : "OIDC provider"
        let rule = isSAML ? "a SAML provider name is letters, digits, `.`, `_` and `-`"
            : "an OIDC provider is written by its host (and path), without `https://`, such as `token.actions.githubusercontent.com`"
        guard let (account, name) = entity(declaration, what: what, isValidName: isSAML ? Self.isSAMLProviderName : Self.isOIDCHost,
                                           rule: rule) else { return }
        var provider = IdentityProvider(kind: isSAML ? .saml : .oidc, name: name)
        for attribute in declaration.attributes {
            guard let word = single(attribute, usage: "audience: CLIENT-ID") else { continue }
            if provider.audiences.contains(word.text) {
                error("S003", "audience `\(word.text)` given twice", at: word.range, help: "list each client id once")
                continue
            }
            provider.audiences.append(word.text)
        }
        guard isNew("provider", account: account, name: name, line: declaration.line, at: declaration.words[0].range,
                    what: "identity provider") else { return }
        do {
            try world.addProvider(provider, to: account)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    private mutating func buildResource(_ declaration: ScenarioDeclaration) {
        guard expectWords(declaration, count: 1...1) else { return }
        let arnWord = declaration.words[0]
        guard let arn = ARN(arnWord.text), arn.partition.hasPrefix("aws"), !arn.service.isEmpty, !arn.resource.isEmpty else {
            error("S008", "malformed ARN `\(arnWord.text)`", at: arnWord.range,
                  help: "an ARN is `arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE`, such as `arn:aws:s3:::reports`")
            return
        }
        var owner: String?
        var ownerGiven = false
        var policy: NamedPolicy?
        var aliases: [String] = []
        var tags: [String: String] = [:]
        var s3ABAC = false
        for attribute in declaration.attributes {
            if attribute.name == "abac" {
                guard let word = single(attribute, usage: "abac: enabled") else { continue }
                guard word.text == "enabled", arn.service == "s3" else {
                    error("S009", word.text == "enabled" ? "`abac:` is a setting of S3 buckets" : "unknown ABAC setting `\(word.text)`", at: word.range,
                          help: "write `abac: enabled` on an S3 bucket whose tags policies may test (other resources' tags always count)")
                    continue
                }
                s3ABAC = true
            } else if attribute.name == "tag" {
                tag(attribute, into: &tags)
            } else if attribute.name == "alias" {
                if let alias = kmsAlias(attribute, of: arnWord.text, after: aliases) { aliases.append(alias) }
            } else if attribute.name == "owner" {
                ownerGiven = true
                guard let word = single(attribute, usage: "owner: ACCOUNT"), let id = account(word.text, at: word.range) else { continue }
                if !arn.account.isEmpty, id != arn.account {
                    error("S009", "the owner `\(word.text)` is not the account of the ARN, `\(arn.account)`", at: word.range,
                          help: "a resource whose ARN names an account belongs to that account; remove `owner:`")
                    continue
                }
                owner = id
            } else {
                // A KMS key's key policy is its resource-based policy, which the evaluator reads as the key policy.
                guard Resource.servicesWithPolicies.contains(arn.service) else {
                    error("S009", "`\(arn.service)` resources have no resource-based policy", at: attribute.nameRange,
                          help: "only identity-based policies (and Organizations) govern them; grant access through a role or user policy")
                    continue
                }
                policy = self.policy(attribute, kind: .resource, named: false,
                                     defaultName: KMSAlias.isKeyARN(arnWord.text) ? "key policy" : "resource policy", usage: "policy: JSON")
            }
        }
        if owner == nil, !ownerGiven {
            if arn.account.isEmpty {
                error("S013", "missing `owner:` for `\(arnWord.text)`", at: declaration.keywordRange,
                      help: "the ARN has no account (as for S3): say which account owns the resource with `owner: ACCOUNT`")
            } else if world.accounts[arn.account] != nil {
                owner = arn.account
            } else {
                let accountOffset = arnWord.text.unicodeScalars.count - arn.resource.unicodeScalars.count - 1 - arn.account.unicodeScalars.count
                _ = account(arn.account, at: arnWord.subrange(from: accountOffset, count: arn.account.unicodeScalars.count))
            }
        }
        if let first = declaredOn["resource:\(arnWord.text)"] {
            error("S012", "resource `\(arnWord.text)` is already declared", at: arnWord.range, help: "the first is on line \(first)")
            return
        }
        declaredOn["resource:\(arnWord.text)"] = declaration.line
        guard let owner else { return }
        do {
            var resource = Resource(arn: arnWord.text, owner: owner, policy: policy, aliases: aliases, tags: tags)
            resource.s3ABAC = s3ABAC
            try world.addResource(resource)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    private mutating func buildOrganization(_ declaration: ScenarioDeclaration) {
        guard expectWords(declaration, count: 1...1),
              let management = account(declaration.words[0].text, at: declaration.words[0].range) else { return }
        var organization = Organization(managementAccount: management)
        var seen: [String: Int] = [:]
        func firstTime(_ key: String, _ line: Int) -> Int? {
            if let first = seen[key] { return first }
            seen[key] = line
            return nil
        }
        // OUs first, then members, then what is attached: the lines may come in any order.
        for attribute in declaration.attributes where attribute.name == "ou" {
            guard let word = single(attribute, usage: "ou PATH") else { continue }
            let parts = word.text.split(separator: "/", omittingEmptySubsequences: false)
            guard word.text != Organization.rootTarget, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isOUCharacter) }) else {
                error("S009", "malformed OU path `\(word.text)`", at: word.range,
                      help: "an OU path is names of letters, digits, `_` and `-` separated by `/`, such as `workloads/prod`")
                continue
            }
            // AWS Organizations nests OUs at most five levels below the root.
            // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
            guard parts.count <= 5 else {
                error("S009", "the OU path `\(word.text)` is \(parts.count) levels deep; AWS allows five", at: word.range,
                      help: "an organization nests OUs at most five levels below the root")
                continue
            }
            if let first = firstTime("ou:\(word.text)", attribute.line) {
                error("S003", "OU `\(word.text)` given twice", at: word.range, help: "the first is on line \(first)")
                continue
            }
            // `workloads/prod` nests `prod` in `workloads`, which exists with it.
            for end in parts.indices {
                let path = parts[0...end].joined(separator: "/")
                if !organization.units.contains(path) { organization.units.append(path) }
            }
        }
        for attribute in declaration.attributes where attribute.name == "member" {
            let words = attribute.words
            guard words.count == 1 || (words.count == 3 && words[1].text == "in") else {
                error("S007", "expected `member ACCOUNT in PATH`", at: attribute.valueRange,
                      help: "write `member ACCOUNT in PATH`, or `member ACCOUNT` for an account directly under the root")
                continue
            }
            guard let id = account(words[0].text, at: words[0].range) else { continue }
            if let first = firstTime("member:\(id)", attribute.line) {
                error("S003", "member `\(words[0].text)` given twice", at: words[0].range, help: "the first is on line \(first)")
                continue
            }
            organization.members.insert(id)
            if words.count == 3, words[2].text != Organization.rootTarget {
                guard organization.units.contains(words[2].text) else {
                    error("S011", "no OU `\(words[2].text)` in the organization", at: words[2].range,
                          help: Self.didYouMean(words[2].text, in: organization.units) ?? "declare it with `ou \(words[2].text)`")
                    continue
                }
                organization.placement[id] = words[2].text
            }
        }
        for attribute in declaration.attributes where attribute.name == "scp" || attribute.name == "rcp" {
            let usage = "\(attribute.name) NAME on TARGET: JSON"
            let words = attribute.words
            guard words.count == 3, words[1].text == "on" else {
                error("S007", "expected `\(attribute.name) NAME on TARGET:`", at: attribute.nameRange, help: "write `\(usage)`")
                continue
            }
            guard Self.isIAMName(words[0].text, maxLength: 128) else {
                error("S008", "malformed policy name `\(words[0].text)`", at: words[0].range, help: Self.iamNameRule(128))
                continue
            }
            guard let target = organizationTarget(words[2], in: organization, code: "S011"),
                  let document = attribute.document else { continue }
            let policy = policy(document, kind: attribute.name == "scp" ? .scp : .rcp, name: words[0].text)
            if let first = firstTime("\(attribute.name):\(target):\(policy.name)", attribute.line) {
                error("S003", "\(attribute.name) `\(policy.name)` attached twice to `\(words[2].text)`", at: words[0].range,
                      help: "the first is on line \(first)")
                continue
            }
            if attribute.name == "scp" {
                organization.scps[target, default: []].append(policy)
            } else {
                organization.rcps[target, default: []].append(policy)
            }
        }
        for attribute in declaration.attributes where attribute.name == "detach-full-access" {
            guard let word = single(attribute, usage: "detach-full-access TARGET"),
                  let target = organizationTarget(word, in: organization, code: "S011") else { continue }
            if let first = firstTime("detach:\(target)", attribute.line) {
                error("S003", "`FullAWSAccess` detached twice from `\(word.text)`", at: word.range, help: "the first is on line \(first)")
                continue
            }
            organization.fullAccessDetached.insert(target)
        }
        for attribute in declaration.attributes where attribute.name == "root-access" {
            guard let word = single(attribute, usage: "root-access: centralized") else { continue }
            guard word.text == "centralized" else {
                error("S009", "unknown root access setting `\(word.text)`", at: word.range,
                      help: "write `root-access: centralized` to let the management account start root sessions in member accounts")
                continue
            }
            organization.centralizedRootAccess = true
        }
        world.organization = organization
    }

    /// The node a target names: `root`, an OU path, or a member account by id or alias (reported with `code`).
    mutating func organizationTarget(_ word: ScenarioWord, in organization: Organization, code: String) -> String? {
        if word.text == Organization.rootTarget || organization.units.contains(word.text) { return word.text }
        if let id = world.accountID(named: word.text), organization.members.contains(id) { return id }
        let members = organization.members.sorted().flatMap { id in [id] + [world.accounts[id]?.alias].compactMap { $0 } }
        let candidates = [Organization.rootTarget] + organization.units + members
        let isOutside = world.accountID(named: word.text) != nil
        error(code, isOutside ? "account `\(word.text)` is not a member of the organization" : "no root, OU or member account `\(word.text)`",
              at: word.range,
              help: isOutside ? "add `member \(word.text) in PATH` to the organization"
                : Self.didYouMean(word.text, in: candidates) ?? "a target is `root`, an OU path or a member account")
        return nil
    }

    // MARK: Pass 4: steps

    private mutating func buildSteps() -> [Step] {
        var steps: [Step] = []
        var names: [String: Int] = [:]
        for draft in stepDrafts {
            var name: String?
            if let word = draft.name {
                if !Self.isLowercaseName(word.text) {
                    error("S008", "malformed step name `\(word.text)`", at: word.range,
                          help: "a step name is lowercase letters, digits and `-`; bank questions name steps with it")
                } else if let first = names[word.text] {
                    error("S015", "step `\(word.text)` is already declared", at: word.range,
                          help: "the first is on line \(first); step names are unique in a file")
                } else {
                    names[word.text] = draft.line
                }
                name = word.text
            }
            var expect: ExpectedOutcome?
            var expectRange: SourceRange?
            var note: String?
            for attribute in draft.attributes {
                if attribute.name == "note" {
                    note = attribute.value.isEmpty ? nil : attribute.value
                    continue
                }
                guard let word = single(attribute, usage: "expect: OUTCOME") else { continue }
                guard let outcome = ExpectedOutcome(word.text) else {
                    error("S016", "unknown outcome `\(word.text)`", at: word.range,
                          help: Self.didYouMean(word.text, in: ExpectedOutcome.words)
                            ?? "outcomes: " + ExpectedOutcome.words.joined(separator: ", "))
                    continue
                }
                expect = outcome
                expectRange = word.range
            }
            guard !draft.commandText.isEmpty else { continue }
            let parser = CommandParser(file: file, line: draft.line, baseDirectory: baseDirectory, documents: documents)
            switch parser.parseDetailed(draft.commandText, startColumn: draft.commandColumn) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .success(let parsed):
                // A step that expects a failure may name a missing entity or pass a broken document on
                // purpose (an unregistered provider, a role that does not exist, a policy IAM refuses).
                let expectsFailure = expect.map { !$0.expectsSuccess } ?? false
                if expect != .exactly(.error("MalformedPolicyDocument")) { checkDocuments(parsed.command) }
                if !expectsFailure { checkReferences(parsed) }
                validateAction(of: parsed.command, in: draft)
                track(parsed.command)
                steps.append(Step(name: name, number: draft.number, command: parsed.command, commandText: draft.commandText,
                                  expect: expect, note: note,
                                  range: SourceRange(line: draft.line, column: 1, length: draft.lineRange.end.column - 1),
                                  expectRange: expectRange))
            }
        }
        return steps
    }

    /// Checks the documents of a command as the kind of policy the command makes of them.
    private mutating func checkDocuments(_ command: Command) {
        var uses: [(Document, PolicyKind)] = []
        switch command {
        case .assume(let options): if let policy = options.policy { uses.append((policy, .session)) }
        case .getFederationToken(_, let policy, _): if let policy { uses.append((policy, .session)) }
        case .putPolicy(_, _, _, let document): uses.append((document, .identity))
        case .setTrust(_, let document): uses.append((document, .trust))
        case .setBoundary(_, _, let document): uses.append((document, .boundary))
        case .putResourcePolicy(_, let document): uses.append((document, .resource))
        case .attachSCP(_, _, let document): uses.append((document, .scp))
        case .createRole(_, let trust, _): uses.append((trust, .trust))
        default: break
        }
        for (document, kind) in uses {
            let result = document.parse(kind: kind)
            diagnostics += result.diagnostics
            validate(result.policy, in: document)
        }
    }

    /// Remembers the roles (and console instance profiles) a `create-role` step makes, for later steps.
    private mutating func track(_ command: Command) {
        guard case .createRole(let reference, let trust, let createdWith) = command, let (account, name) = world.split(reference) else { return }
        createdRoles[account, default: []].insert(name)
        if createdWith == .console, let policy = trust.parse(kind: .trust).policy, World.trusts(policy, service: "ec2.amazonaws.com") {
            createdProfiles[account, default: []].insert(name)
        }
    }

    // MARK: Static checks of the names a step uses

    /// The entities a step names must exist when it runs: declared, or created by an earlier step.
    private mutating func checkReferences(_ parsed: ParsedCommand) {
        let p = parsed.positionals
        if case .byService(_, let inner) = parsed.command {
            var unwrapped = parsed
            unwrapped.command = inner
            checkReferences(unwrapped)
            return
        }
        switch parsed.command {
        case .asUser(let reference):
            checkEntity(.user, reference, at: p[1])
        case .asRoot(let reference):
            _ = account(reference, at: p[1])
        case .assumeRoot(let reference, _, _):
            _ = account(reference, at: p[0])
        case .asInstance(let reference):
            checkInstance(reference, at: p[1])
        case .assume(let options):
            checkEntity(.role, options.role, at: p[0])
        case .assumeSAML(let options):
            if let account = checkEntity(.role, options.role, at: p[0]), let range = parsed.options["--provider"] {
                checkProvider(.saml, options.provider, in: account, at: range)
            }
        case .assumeWeb(let options):
            if let account = checkEntity(.role, options.role, at: p[0]), let range = parsed.options["--provider"] {
                checkProvider(.oidc, options.provider, in: account, at: range)
            }
        case .putPolicy(let kind, let reference, _, _), .deletePolicy(let kind, let reference, _),
             .setBoundary(let kind, let reference, _), .clearBoundary(let kind, let reference):
            checkEntity(EntityCheck(kind), reference, at: p[1])
        case .setTrust(let reference, _), .deleteRole(let reference), .deleteServiceLinkedRole(let reference):
            checkEntity(.role, reference, at: p[0])
        case .putResourcePolicy(let arn, _):
            checkResource(arn, at: p[0])
        case .attachSCP(_, let target, _), .detachSCP(_, let target):
            guard let organization = world.organization else {
                error("S017", "no organization is declared", at: parsed.range,
                      help: "declare one with `organization MANAGEMENT-ACCOUNT` to attach SCPs")
                return
            }
            _ = organizationTarget(ScenarioWord(text: target, range: p[1]), in: organization, code: "S017")
        case .createRole(let reference, _, _):
            guard let slash = reference.firstIndex(of: "/") else {
                error("S008", "expected `ACCOUNT/NAME` for the role, found `\(reference)`", at: p[0],
                      help: "write the account (its id or alias), a slash and the role's name")
                return
            }
            let accountText = String(reference[..<slash])
            let name = String(reference[reference.index(after: slash)...])
            let word = ScenarioWord(text: reference, range: p[0])
            guard account(accountText, at: word.subrange(from: 0, count: accountText.unicodeScalars.count)) != nil else { return }
            if !Self.isIAMName(name, maxLength: 64) {
                error("S008", "malformed role name `\(name)`", at: word.subrange(from: accountText.unicodeScalars.count + 1, count: name.unicodeScalars.count),
                      help: Self.iamNameRule(64))
            }
        case .addRoleToProfile(let profile, let role):
            guard let account = checkEntity(.profile, profile, at: p[0]) else { return }
            checkName(.role, role, in: account, at: p[1])
        case .associateProfile(let instance, let profile), .replaceProfile(let instance, let profile):
            guard let account = checkInstance(instance, at: p[0]) else { return }
            let name = profile.split(separator: "/").last.map(String.init) ?? profile
            checkName(.profile, name, in: account, at: p[1])
        case .disassociateProfile(let instance):
            checkInstance(instance, at: p[0])
        case .can(let call):
            if let id = call.via, let range = parsed.options["--via"] { checkEndpoint(id, at: range) }
        default:
            break
        }
    }

    /// What a step may name, with how it is shown and where its names are.
    enum EntityCheck {
        case user, group, role, profile

        init(_ kind: EntityKind) {
            switch kind {
            case .user: self = .user
            case .group: self = .group
            case .role: self = .role
            }
        }

        var word: String {
            switch self {
            case .user: "user"
            case .group: "group"
            case .role: "role"
            case .profile: "instance profile"
            }
        }

        /// The resource type in an IAM ARN.
        var arnType: String {
            switch self {
            case .profile: "instance-profile"
            default: word
            }
        }
    }

    /// The names of `kind` in `account` when the step runs.
    private func names(_ kind: EntityCheck, in account: String) -> [String] {
        guard let a = world.accounts[account] else { return [] }
        switch kind {
        case .user: return a.users.keys.sorted()
        case .group: return a.groups.keys.sorted()
        case .role: return (Set(a.roles.keys).union(createdRoles[account] ?? [])).sorted()
        case .profile: return (Set(a.instanceProfiles.keys).union(createdProfiles[account] ?? [])).sorted()
        }
    }

    /// Checks `ACCOUNT/NAME` (or an IAM ARN) names an existing entity; returns its account (S008, S010, S017).
    @discardableResult
    private mutating func checkEntity(_ kind: EntityCheck, _ reference: String, at range: SourceRange) -> String? {
        let word = ScenarioWord(text: reference, range: range)
        if reference.hasPrefix("arn:") {
            guard let arn = ARN(reference), arn.service == "iam", arn.resource.hasPrefix("\(kind.arnType)/"),
                  let name = arn.resource.split(separator: "/").last.map(String.init) else {
                error("S008", "malformed \(kind.word) ARN `\(reference)`", at: range,
                      help: "a \(kind.word) ARN is `arn:aws:iam::ACCOUNT:\(kind.arnType)/NAME`")
                return nil
            }
            let offset = reference.unicodeScalars.count - arn.resource.unicodeScalars.count - 1 - arn.account.unicodeScalars.count
            guard let account = account(arn.account, at: word.subrange(from: offset, count: arn.account.unicodeScalars.count)) else { return nil }
            checkName(kind, name, in: account, at: range, prefix: "")
            return account
        }
        guard let slash = reference.firstIndex(of: "/") else {
            error("S008", "expected `ACCOUNT/NAME` for the \(kind.word), found `\(reference)`", at: range,
                  help: "write the account (its id or alias), a slash and the name" + (kind == .role ? ", or the role's ARN" : ""))
            return nil
        }
        let accountText = String(reference[..<slash])
        let name = String(reference[reference.index(after: slash)...])
        let accountLength = accountText.unicodeScalars.count
        guard let account = account(accountText, at: word.subrange(from: 0, count: accountLength)) else { return nil }
        checkName(kind, name, in: account, at: word.subrange(from: accountLength + 1, count: name.unicodeScalars.count),
                  prefix: accountText + "/")
        return account
    }

    /// Checks a name of `kind` exists in `account` (S017); `prefix` is written before a suggestion.
    private mutating func checkName(_ kind: EntityCheck, _ name: String, in account: String, at range: SourceRange, prefix: String = "") {
        let known = names(kind, in: account)
        guard !known.contains(name) else { return }
        let help = Self.didYouMean(name, in: known, prefix: prefix)
            ?? (known.isEmpty ? "\(accountLabel(account)) has no \(kind.word)s" : "\(kind.word)s of \(accountLabel(account)): "
                + known.map { "`\($0)`" }.joined(separator: ", "))
        error("S017", "no \(kind.word) `\(name)` in \(accountLabel(account))", at: range, help: help)
    }

    /// Checks `ACCOUNT/ID` names a declared instance of that account; returns the account (S008, S010, S017).
    @discardableResult
    private mutating func checkInstance(_ reference: String, at range: SourceRange) -> String? {
        let word = ScenarioWord(text: reference, range: range)
        guard let slash = reference.firstIndex(of: "/") else {
            error("S008", "expected `ACCOUNT/ID` for the instance, found `\(reference)`", at: range,
                  help: "write the account (its id or alias), a slash and the instance id")
            return nil
        }
        let accountText = String(reference[..<slash])
        let id = String(reference[reference.index(after: slash)...])
        let accountLength = accountText.unicodeScalars.count
        guard let account = account(accountText, at: word.subrange(from: 0, count: accountLength)) else { return nil }
        guard let instance = world.instances[id], instance.account == account else {
            let known = world.instances.values.filter { $0.account == account }.map(\.id).sorted()
            error("S017", "no instance `\(id)` in \(accountLabel(account))", at: word.subrange(from: accountLength + 1, count: id.unicodeScalars.count),
                  help: Self.didYouMean(id, in: known, prefix: accountText + "/") ?? "declare it with `instance \(accountText)/\(id)`")
            return nil
        }
        return account
    }

    /// Checks an identity provider of the role's account (S017).
    private mutating func checkProvider(_ kind: IdentityProvider.Kind, _ name: String, in account: String, at range: SourceRange) {
        // Google, Facebook, Login with Amazon and Cognito need no IAM provider.
        if kind == .oidc, Sandbox.builtInWebProviders.contains(name.replacingOccurrences(of: "https://", with: "")) { return }
        let known = (world.accounts[account]?.providers.values.filter { $0.kind == kind }.map(\.name) ?? []).sorted()
        guard !known.contains(name) else { return }
        let what = kind == .saml ? "SAML provider" : "OIDC provider"
        let declaration = kind == .saml ? "saml-provider" : "oidc-provider"
        error("S017", "no \(what) `\(name)` in \(accountLabel(account))", at: range,
              help: Self.didYouMean(name, in: known) ?? "the provider must be in the role's account: declare `\(declaration) ACCOUNT/\(name)`")
    }

    /// Checks the world knows who owns a resource whose policy a step replaces (S008, S010, S017).
    private mutating func checkResource(_ text: String, at range: SourceRange) {
        guard let arn = ARN(text), !arn.service.isEmpty, !arn.resource.isEmpty else {
            error("S008", "malformed ARN `\(text)`", at: range, help: "an ARN is `arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE`")
            return
        }
        if world.resourceEntry(for: text) != nil { return }
        if arn.account.isEmpty {
            let known = world.resources.keys.sorted()
            error("S017", "no resource `\(text)` is declared", at: range,
                  help: Self.didYouMean(text, in: known) ?? "its ARN has no account: declare it with `resource \(text)` and `owner: ACCOUNT`")
            return
        }
        let offset = text.unicodeScalars.count - arn.resource.unicodeScalars.count - 1 - arn.account.unicodeScalars.count
        _ = account(arn.account, at: ScenarioWord(text: text, range: range).subrange(from: offset, count: arn.account.unicodeScalars.count))
    }

    // MARK: The shapes of names and values

    /// Lowercase letters, digits and `-`: scenario ids and step names.
    static func isLowercaseName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// IAM's names of users, groups, roles, instance profiles and policies: `[\w+=,.@-]`, up to `maxLength`.
    static func isIAMName(_ text: String, maxLength: Int) -> Bool {
        let scalars = text.unicodeScalars
        return !scalars.isEmpty && scalars.count <= maxLength && scalars.allSatisfy { s in
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || "_+=,.@-".unicodeScalars.contains(s)
        }
    }

    static func iamNameRule(_ maxLength: Int) -> String {
        "a name is up to \(maxLength) letters, digits and `_+=,.@-`"
    }

    static func isDocumentName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { s in
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || "_.-".unicodeScalars.contains(s)
        }
    }

    static func isInstanceID(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { s in
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-"
        }
    }

    static func isSAMLProviderName(_ text: String) -> Bool {
        isDocumentName(text) && text.unicodeScalars.count <= 128
    }

    static func isOIDCHost(_ text: String) -> Bool {
        !text.isEmpty && !text.contains("://") && !text.hasPrefix("/") && text.unicodeScalars.allSatisfy { s in
            s.isASCII && s.value > 0x20 && s.value < 0x7F
        }
    }

    static func isOUCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
    }

    /// An account alias: 3 to 63 lowercase letters, digits and `-`, not starting or ending with `-`, not all digits.
    static func isAlias(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard (3...63).contains(scalars.count), scalars.first != "-", scalars.last != "-" else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && !scalars.allSatisfy { ("0"..."9").contains($0) }
    }

    /// An IAM path: `/`, or `/` then printable ASCII then `/`, up to 512 characters.
    static func isPath(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        return scalars.count <= 512 && text.hasPrefix("/") && text.hasSuffix("/")
            && scalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7E } && !text.contains("//")
    }

    static func isRegion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return parts.dropLast().allSatisfy { part in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isLowercase } }
    }

    static func isIPAddress(_ text: String) -> Bool {
        text.contains(":") ? isIPv6(text) : isIPv4(Substring(text))
    }

    /// Four decimal parts of 0 to 255, without leading zeros.
    static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber }
                && (Int(part) ?? 256) <= 255 && (part.count == 1 || part.first != "0")
        }
    }

    /// Eight groups of 1 to 4 hex digits, `::` standing for one or more zero groups, and maybe a dotted
    /// IPv4 tail in place of the last two groups.
    static func isIPv6(_ text: String) -> Bool {
        var groups = 8
        var head = Substring(text)
        if let lastColon = head.lastIndex(of: ":"), head[head.index(after: lastColon)...].contains(".") {
            guard isIPv4(head[head.index(after: lastColon)...]) else { return false }
            groups = 6
            head = head[..<head.index(after: lastColon)]
            if !head.hasSuffix("::") { head = head.dropLast() }
        }
        func parts(_ s: String) -> [Substring]? {
            guard !s.isEmpty else { return [] }
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            return parts.allSatisfy { (1...4).contains($0.count) && $0.allSatisfy(\.isHexDigit) } ? parts : nil
        }
        let halves = String(head).components(separatedBy: "::")
        switch halves.count {
        case 1:
            return parts(halves[0])?.count == groups
        case 2:
            guard let left = parts(halves[0]), let right = parts(halves[1]) else { return false }
            return left.count + right.count < groups
        default:
            return false
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` (ISO 8601 in UTC) as a date; nil for anything else or an impossible date.
    static func time(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2) else { return nil }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthDays = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...monthDays[month - 1]).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }
}
