import Diagnostics
import Foundation
import IAMPolicy

// The builder of a scenario: its state, the passes in order (lines, header, world, steps) and what the
// passes share (reporting, accounts, `ACCOUNT/NAME` entities). Each pass over the declarations and
// steps has its own file: ScenarioBuilder+Lines, +Declarations, +Organization, +Steps.

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

    mutating func error(_ code: ScenarioCode, _ message: String, at range: SourceRange, help: String? = nil) {
        diagnostics.append(Diagnostic(.error, code: code, message, file: file, range: range, help: help))
    }

    /// Reports an error IAM gives for a declaration (one the checks before it did not catch).
    mutating func report(_ error: AWSError, at range: SourceRange) {
        let code: ScenarioCode = switch error.code {
        case "EntityAlreadyExists": .duplicateDeclaration
        case "NoSuchEntity": .undeclared
        default: .malformedValue
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

    // MARK: Pass 2: the header

    private mutating func readHeader() -> (id: String?, title: String?, references: [String]) {
        var id: String?
        var title: String?
        var references: [String] = []
        var seen: [String: Int] = [:]
        for field in header {
            if field.name != "reference", field.name != "allow" {
                if let first = seen[field.name] {
                    error(.givenTwice, "`\(field.name):` given twice", at: field.nameRange, help: "the first is on line \(first)")
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
                    error(.malformedHeaderValue, value.isEmpty ? "missing scenario id" : "malformed scenario id `\(value)`", at: field.valueRange,
                          help: "an id is lowercase letters, digits and `-`, such as `confused-deputy`")
                    // Still a scenario: the rest of the file is checked, and nothing is returned for the error.
                    id = value
                }
            case "title":
                if value.isEmpty { error(.malformedHeaderValue, "empty title", at: field.valueRange, help: "say in one line what the scenario shows") }
                title = value
            case "reference":
                if value.isEmpty { error(.malformedHeaderValue, "empty reference", at: field.valueRange, help: "write the link to the documentation") }
                references.append(value)
            case "allow":
                let code = String(value.prefix { $0 != " " })
                let reason = value.dropFirst(code.count).trimmingCharacters(in: .whitespaces)
                if !ScenarioParser.allowableWarnings.contains(code) {
                    error(.malformedHeaderValue, code.isEmpty ? "`allow:` names no warning code" : "`allow:` names `\(code)`, which is not a policy warning a scenario can accept",
                          at: field.valueRange, help: "write `allow: CODE REASON` with one of " + ScenarioParser.allowableWarnings.sorted().joined(separator: ", "))
                } else if reason.isEmpty {
                    error(.malformedHeaderValue, "`allow: \(code)` gives no reason", at: field.valueRange,
                          help: "say why the scenario keeps the warning, for example the step that shows what it catches")
                } else {
                    allowedWarnings.insert(code)
                }
            case "start":
                if let date = Self.time(value) {
                    world.now = date
                } else {
                    error(.malformedHeaderValue, "malformed start time `\(value)`", at: field.valueRange,
                          help: "write ISO 8601 in UTC, such as `2026-03-02T09:00:00Z`")
                }
            case "region":
                if Self.isRegion(value) {
                    world.region = value
                } else {
                    error(.malformedHeaderValue, "malformed region `\(value)`", at: field.valueRange, help: "write a region such as `us-east-1`")
                }
            default:
                if IPRange(address: value) != nil {
                    world.sourceIP = value
                } else {
                    error(.malformedHeaderValue, "malformed source IP `\(value)`", at: field.valueRange,
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
                error(.duplicateDeclaration, "a second organization", at: declaration.keywordRange,
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
        error(.unknownAccount, "unknown account `\(text)`", at: range, help: help)
        return nil
    }

    /// Checks the words of a declaration line against its usage (S007).
    mutating func expectWords(_ declaration: ScenarioDeclaration, count: ClosedRange<Int>) -> Bool {
        guard count.contains(declaration.words.count) else {
            let usage = ScenarioParser.declarationUsage[declaration.keyword] ?? declaration.keyword
            let extra = declaration.words.count > count.upperBound ? declaration.words[count.upperBound] : nil
            error(.wrongShape, extra.map { "unexpected `\($0.text)` after the \(declaration.keyword)" } ?? "missing name after `\(declaration.keyword)`",
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
            error(.malformedName, "expected `ACCOUNT/NAME` for the \(what), found `\(word.text)`", at: word.range,
                  help: "write the account (its id or alias), a slash and the name, such as `prod/\(word.text)`")
            return nil
        }
        let accountText = String(word.text[..<slash])
        let name = String(word.text[word.text.index(after: slash)...])
        let accountLength = accountText.unicodeScalars.count
        guard let id = account(accountText, at: word.subrange(from: 0, count: accountLength)) else { return nil }
        guard isValidName(name) else {
            error(.malformedName, name.isEmpty ? "missing \(what) name after `\(accountText)/`" : "malformed \(what) name `\(name)`",
                  at: word.subrange(from: accountLength + 1, count: name.unicodeScalars.count), help: rule)
            return nil
        }
        return (id, name)
    }

    /// The `ACCOUNT/NAME` of a user, group, role or instance profile, its name held to IAM's rule for `kind`.
    mutating func entity(_ declaration: ScenarioDeclaration, what: String, kind: IAMNames.Kind) -> (account: String, name: String)? {
        entity(declaration, what: what, isValidName: { IAMNames.isValid($0, kind) }, rule: IAMNames.rule(kind))
    }

    /// Whether the entity is new; reports S012 naming the first declaration otherwise.
    mutating func isNew(_ kind: String, account: String, name: String, line: Int, at range: SourceRange, what: String) -> Bool {
        let key = "\(kind):\(account)/\(name)"
        if let first = declaredOn[key] {
            error(.duplicateDeclaration, "\(what) `\(name)` is already declared in \(accountLabel(account))", at: range, help: "the first is on line \(first)")
            return false
        }
        declaredOn[key] = line
        return true
    }

    /// Whether an id that is unique across accounts (an EC2 id) is new; reports S012 naming the first otherwise.
    mutating func isNewID(_ what: String, _ id: String, line: Int, at range: SourceRange) -> Bool {
        if let first = declaredOn["\(what):\(id)"] {
            error(.duplicateDeclaration, "\(what) `\(id)` is already declared", at: range, help: "the first is on line \(first)")
            return false
        }
        declaredOn["\(what):\(id)"] = line
        return true
    }

    func accountLabel(_ id: String) -> String {
        world.accounts[id]?.alias.map { "`\($0)`" } ?? "`\(id)`"
    }

    // MARK: The shapes of names and values

    /// Lowercase letters, digits and `-`: scenario ids and step names.
    static func isLowercaseName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// A `document` name: letters, digits, `_`, `.` and `-`, so that it can name a policy too.
    static func isDocumentName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { IAMNames.isWordCharacter($0) || $0 == "." || $0 == "-" }
    }

    static func isOUCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
    }

    static func isRegion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return parts.dropLast().allSatisfy { part in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isLowercase } }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` (ISO 8601 in UTC) as a date; nil for anything else or an impossible date.
    /// Counted by ``UTCTime``, without Foundation's `Calendar`.
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
        guard (1...12).contains(month), (1...CivilDays.length(month: month, year: year)).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        return UTCTime.date(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }
}
