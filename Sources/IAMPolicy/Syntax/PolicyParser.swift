import Diagnostics

// Policy text -> `Policy`, validated as IAM validates a policy document of the given kind.
//
// Diagnostic codes: `PolicyCode` (stable: tests, docs and users refer to them). Malformed JSON is
// `JSONCode.malformed`, from `JSONReader`.

/// Parses and validates IAM policy documents.
public enum PolicyParser {
    /// Parses `text` as a policy of `kind`.
    ///
    /// All problems are reported, sorted by position; `policy` is nil when at least one is an error.
    /// - Parameters:
    ///   - id: the name the caller gives the policy (for example `PolicyInputList.1`).
    ///   - file: the file named in diagnostics; defaults to `id`.
    public static func parse(_ text: String, id: String, kind: PolicyKind,
                             file: String? = nil) -> (policy: Policy?, diagnostics: [Diagnostic]) {
        let file = file ?? id
        let root: JSONNode
        switch JSONReader.parse(text, file: file) {
        case .failure(let diagnostic):
            return (nil, [diagnostic])
        case .success(let node):
            root = node
        }
        var reader = PolicyReader(kind: kind, file: file)
        reader.reportDuplicateKeys(root)
        let policy = reader.policy(root, id: id)
        let diagnostics = Diagnostic.sortedForDisplay(reader.diagnostics)
        return (diagnostics.hasErrors ? nil : policy, diagnostics)
    }
}

extension PolicyKind {
    /// The kind with its article, for messages: `an identity-based policy`...
    var phrase: String {
        switch self {
        case .identity: "an identity-based policy"
        case .resource: "a resource-based policy"
        case .trust: "a role trust policy"
        case .boundary: "a permissions boundary"
        case .scp: "a service control policy"
        case .rcp: "a resource control policy"
        case .session: "a session policy"
        case .endpoint: "a VPC endpoint policy"
        }
    }

    /// Policies that IAM itself stores and validates (its `Sid` rule applies to them).
    var isStoredByIAM: Bool {
        switch self {
        case .identity, .boundary, .session, .trust: true
        case .resource, .scp, .rcp, .endpoint: false
        }
    }
}

/// Walks the JSON tree of one policy and collects diagnostics.
private struct PolicyReader {
    static let policyElements = ["Version", "Id", "Statement"]
    static let statementElements = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
                                    "Principal", "NotPrincipal", "Condition"]
    static let principalTypes: [(key: String, kind: PrincipalPattern.Kind)] = [
        ("AWS", .aws), ("Service", .service), ("Federated", .federated), ("CanonicalUser", .canonicalUser),
    ]

    let kind: PolicyKind
    let file: String
    var version: PolicyVersion = .absent
    /// False once `Version` is reported as wrong (then P014 would only repeat the problem).
    var versionIsValid = true
    var diagnostics: [Diagnostic] = []
    /// The first statement with each `Sid`, for the duplicate check.
    var sidLines: [String: Int] = [:]

    init(kind: PolicyKind, file: String) {
        self.kind = kind
        self.file = file
    }

    // MARK: Reporting

    private var errorCount: Int { diagnostics.count { $0.severity == .error } }

    private mutating func error(_ code: PolicyCode, _ message: String, at range: SourceRange, help: String? = nil) {
        diagnostics.append(Diagnostic(.error, code: code, message, file: file, range: range, help: help))
    }

    private mutating func warning(_ code: PolicyCode, _ message: String, at range: SourceRange, help: String? = nil) {
        diagnostics.append(Diagnostic(.warning, code: code, message, file: file, range: range, help: help))
    }

    /// Reports a value of the wrong JSON type.
    private mutating func wrongType(_ what: String, expected: String, _ node: JSONNode) {
        error(.wrongType, "\(what) must be \(expected), not \(node.value.kindDescription)", at: node.range)
    }

    // MARK: Duplicate keys

    /// Reports every repeated key in every object of the document (iteratively: nesting is not bounded here).
    mutating func reportDuplicateKeys(_ root: JSONNode) {
        var pending = [root]
        while let node = pending.popLast() {
            switch node.value {
            case .object(let members):
                var first: [String: SourceRange] = [:]
                for member in members {
                    if let earlier = first[member.key] {
                        error(.duplicateKey, "duplicate key `\(member.key)`, first written on line \(earlier.start.line)", at: member.keyRange,
                              help: "IAM rejects an object that repeats a key; keep one `\(member.key)`")
                    } else {
                        first[member.key] = member.keyRange
                    }
                    pending.append(member.value)
                }
            case .array(let elements):
                pending.append(contentsOf: elements)
            default:
                break
            }
        }
    }

    /// The members of an object without repeated keys (the first is kept; the others are reported as P002).
    private func uniqueMembers(_ members: [JSONMember]) -> [JSONMember] {
        var seen = Set<String>()
        return members.filter { seen.insert($0.key).inserted }
    }

    // MARK: Policy

    mutating func policy(_ root: JSONNode, id: String) -> Policy? {
        guard case .object(let allMembers) = root.value else {
            wrongType("a policy", expected: "a JSON object", root)
            return nil
        }
        let members = uniqueMembers(allMembers)
        var policyID: String?
        var versionNode: JSONNode?
        var statementNode: JSONNode?
        // `Version` decides how resources are read, so it is read before the statements.
        for member in members {
            switch member.key {
            case "Version":
                versionNode = member.value
                readVersion(member.value)
            case "Id":
                if let text = member.value.value.stringValue {
                    policyID = text
                } else {
                    wrongType("`Id`", expected: "a string", member.value)
                }
            case "Statement":
                statementNode = member.value
            default:
                unknownElement(member, known: Self.policyElements, level: "policy",
                               elsewhere: Self.statementElements, elsewhereName: "a statement")
            }
        }
        // A non-string or unknown version is already reported (P003, P004).
        if kind == .rcp, versionNode == nil || version == .v2008_10_17 {
            error(.rcpVersion, "a resource control policy needs `\"Version\": \"2012-10-17\"`",
                  at: versionNode?.range ?? opening(root),
                  help: "AWS Organizations requires every RCP to use version `2012-10-17`")
        }
        guard let statementNode else {
            error(.missingStatement, "missing `Statement` element", at: opening(root),
                  help: "a policy needs at least one statement: `\"Statement\": [{\"Effect\": ..., \"Action\": ..., ...}]`")
            return nil
        }
        var statementNodes: [JSONNode] = []
        switch statementNode.value {
        case .object:
            statementNodes = [statementNode]
        case .array(let elements):
            if elements.isEmpty {
                error(.missingStatement, "`Statement` is an empty array", at: statementNode.range, help: "a policy needs at least one statement")
            }
            statementNodes = elements
        default:
            wrongType("`Statement`", expected: "an object or an array of objects", statementNode)
            return nil
        }
        var statements: [Statement] = []
        for (index, node) in statementNodes.enumerated() {
            if let statement = statement(node, index: index) {
                statements.append(statement)
            }
        }
        return Policy(id: id, kind: kind, version: version, policyID: policyID, statements: statements, range: root.range)
    }

    private mutating func readVersion(_ node: JSONNode) {
        guard let text = node.value.stringValue else {
            wrongType("`Version`", expected: "a string", node)
            versionIsValid = false
            return
        }
        switch text {
        case PolicyVersion.v2012_10_17.rawValue: version = .v2012_10_17
        case PolicyVersion.v2008_10_17.rawValue: version = .v2008_10_17
        default:
            versionIsValid = false
            error(.unsupportedVersion, "unsupported policy version `\(text)`", at: node.range,
                  help: "IAM accepts `2012-10-17` (the current version) and `2008-10-17`; the version is a fixed date, not today's")
        }
    }

    /// The first column of a node, where "missing element" diagnostics point.
    private func opening(_ node: JSONNode) -> SourceRange {
        SourceRange(start: node.range.start, end: SourceLocation(line: node.range.start.line, column: node.range.start.column + 1))
    }

    private mutating func unknownElement(_ member: JSONMember, known: [String], level: String,
                                         elsewhere: [String], elsewhereName: String) {
        var help: String?
        if elsewhere.contains(member.key) {
            help = "`\(member.key)` belongs in \(elsewhereName)"
        } else if let match = closestMatch(to: member.key, in: known) {
            help = match.lowercased() == member.key.lowercased()
                ? "did you mean `\(match)`? element names are case-sensitive"
                : "did you mean `\(match)`?"
        } else {
            help = "the \(level) elements are " + known.map { "`\($0)`" }.joined(separator: ", ")
        }
        error(.unknownElement, "unknown \(level) element `\(member.key)`", at: member.keyRange, help: help)
    }

    // MARK: Statement

    private mutating func statement(_ node: JSONNode, index: Int) -> Statement? {
        guard case .object(let allMembers) = node.value else {
            wrongType("a statement", expected: "a JSON object", node)
            return nil
        }
        let errorsBefore = errorCount
        var sid: String?
        var effect: Effect?
        var effectSeen = false
        var actions: (member: JSONMember, patterns: [ActionPattern])?
        var resources: (member: JSONMember, patterns: [ResourcePattern])?
        var principals: (member: JSONMember, patterns: [PrincipalPattern])?
        var conditions: [ConditionClause] = []
        var effectRange: SourceRange?

        for member in uniqueMembers(allMembers) {
            switch member.key {
            case "Sid":
                sid = readSid(member.value)
            case "Effect":
                effectSeen = true
                effect = readEffect(member.value)
                effectRange = member.value.range
            case "Action", "NotAction":
                if let earlier = actions {
                    error(.actionElements, "a statement cannot have both `\(earlier.member.key)` and `\(member.key)`", at: member.keyRange,
                          help: "use `Action` to list the actions the statement applies to, or `NotAction` to list the ones it does not")
                    continue
                }
                if member.key == "NotAction", kind == .rcp {
                    error(.rcpNotAction, "`NotAction` is not supported in a resource control policy", at: member.keyRange,
                          help: "RCPs support `Action` only; list the actions, or use `*` with a condition")
                }
                actions = (member, readActions(member))
            case "Resource", "NotResource":
                if kind == .trust {
                    error(.resourceInTrustPolicy, "`\(member.key)` is not allowed in a role trust policy", at: member.keyRange,
                          help: "a trust policy applies to the role it is attached to; IAM rejects it with \"has prohibited field \(member.key)\"")
                    continue
                }
                if let earlier = resources {
                    error(.resourceElements, "a statement cannot have both `\(earlier.member.key)` and `\(member.key)`", at: member.keyRange,
                          help: "use `Resource` to list the resources the statement applies to, or `NotResource` to list the ones it does not")
                    continue
                }
                resources = (member, readResources(member))
            case "Principal", "NotPrincipal":
                guard kind.allowsPrincipal else {
                    error(.principalNotTaken, "`\(member.key)` is not allowed in \(kind.phrase)", at: member.keyRange,
                          help: kind == .scp
                              ? "a service control policy applies to the principals of the accounts it is attached to"
                              : "the principal of \(kind.phrase) is the identity it applies to; IAM rejects it with \"has prohibited field Principal\"")
                    continue
                }
                if let earlier = principals {
                    error(.principalElements, "a statement cannot have both `\(earlier.member.key)` and `\(member.key)`", at: member.keyRange)
                    continue
                }
                if member.key == "NotPrincipal", !kind.allowsNotPrincipal {
                    error(.notPrincipalMisused, "`NotPrincipal` is not supported in \(kind.phrase)", at: member.keyRange,
                          help: "`NotPrincipal` works only in resource-based policies; use `Principal` with a condition on `aws:PrincipalArn`")
                }
                principals = (member, readPrincipals(member))
            case "Condition":
                conditions = readConditions(member.value)
            default:
                unknownElement(member, known: Self.statementElements, level: "statement",
                               elsewhere: Self.policyElements, elsewhereName: "the policy, outside `Statement`")
            }
        }

        let start = opening(node)
        if !effectSeen {
            error(.malformedEffect, "missing `Effect` element", at: start, help: "every statement needs `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`")
        }
        if actions == nil {
            error(.actionElements, "missing `Action` or `NotAction` element", at: start,
                  help: "name the actions, such as `\"Action\": \"s3:GetObject\"`, or `\"Action\": \"*\"` for all")
        }
        if resources == nil, kind != .trust, !allMembers.contains(where: { $0.key == "Resource" || $0.key == "NotResource" }) {
            error(.resourceElements, "missing `Resource` or `NotResource` element", at: start,
                  help: "name the resources as ARNs, or `\"Resource\": \"*\"` for all")
        }
        if principals == nil, kind.requiresPrincipal, !allMembers.contains(where: { $0.key == "Principal" || $0.key == "NotPrincipal" }) {
            let help = switch kind {
            case .trust: "a trust policy names who may assume the role, such as `\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}`"
            case .rcp: "a resource control policy uses `\"Principal\": \"*\"`"
            default: "a resource-based policy names who it applies to, such as `\"Principal\": {\"AWS\": \"arn:aws:iam::123456789012:root\"}`"
            }
            error(.principalElements, kind.allowsNotPrincipal ? "missing `Principal` or `NotPrincipal` element" : "missing `Principal` element",
                  at: start, help: help)
        }
        if let principals, principals.member.key == "NotPrincipal", effect == .allow {
            error(.notPrincipalMisused, "`NotPrincipal` can only be used with `\"Effect\": \"Deny\"`", at: principals.member.keyRange,
                  help: "IAM does not support `NotPrincipal` with `Allow`; name the principals in `Principal` instead")
        }

        // "The effect of Allow is only supported for the RCPFullAWSAccess policy", which AWS attaches itself
        // (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html).
        if kind == .rcp, effect == .allow, let effectRange,
           !(actions?.member.value.value.stringValue == "*" && resources?.member.value.value.stringValue == "*" && conditions.isEmpty) {
            error(.rcpAllow, "a resource control policy cannot `Allow`: only AWS's `RCPFullAWSAccess` does", at: effectRange,
                  help: "RCPFullAWSAccess is attached to every target already; write `Deny` statements that say what to stop")
        }

        guard errorCount == errorsBefore, let effect, let actions else { return nil }
        return Statement(index: index, sid: sid, effect: effect,
                         actions: actions.patterns, actionPolarity: actions.member.key == "Action" ? .positive : .negated,
                         resources: resources?.patterns, resourcePolarity: resources?.member.key == "NotResource" ? .negated : .positive,
                         principals: principals?.patterns,
                         principalPolarity: principals?.member.key == "NotPrincipal" ? .negated : .positive,
                         conditions: conditions, range: node.range)
    }

    private mutating func readSid(_ node: JSONNode) -> String? {
        guard let sid = node.value.stringValue else {
            wrongType("`Sid`", expected: "a string", node)
            return nil
        }
        if kind.isStoredByIAM, !sid.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) {
            error(.malformedSid, "invalid `Sid` `\(sid)`", at: node.range,
                  help: "in \(kind.phrase) IAM accepts only ASCII letters and digits in `Sid`")
        }
        // IAM requires unique statement IDs; an empty `Sid` (written by older consoles) names nothing.
        if !sid.isEmpty {
            if let line = sidLines[sid] {
                error(.duplicateSid, "duplicate `Sid` `\(sid)`, first used on line \(line)", at: node.range,
                      help: "the `Sid` of each statement must be unique within the policy")
            } else {
                sidLines[sid] = node.range.start.line
            }
        }
        return sid
    }

    private mutating func readEffect(_ node: JSONNode) -> Effect? {
        guard let text = node.value.stringValue else {
            wrongType("`Effect`", expected: "a string", node)
            return nil
        }
        if let effect = Effect(rawValue: text) { return effect }
        let help: String
        if let match = [Effect.allow, .deny].first(where: { $0.rawValue.lowercased() == text.lowercased() }) {
            help = "did you mean `\(match.rawValue)`? `Effect` is case-sensitive"
        } else if let match = closestMatch(to: text, in: ["Allow", "Deny"]) {
            help = "did you mean `\(match)`?"
        } else {
            help = "`Effect` must be `Allow` or `Deny`"
        }
        error(.malformedEffect, "invalid effect `\(text)`", at: node.range, help: help)
        return nil
    }

    // MARK: Lists of strings

    /// The entries of an element that takes a string or a non-empty array of strings.
    private mutating func strings(_ node: JSONNode, element: String, noun: String) -> [(text: String, range: SourceRange)] {
        switch node.value {
        case .string(let text):
            return [(text, node.range)]
        case .array(let elements):
            if elements.isEmpty {
                error(.emptyArray, "`\(element)` is an empty array", at: node.range, help: "list at least one \(noun)")
            }
            var out: [(text: String, range: SourceRange)] = []
            for entry in elements {
                if let text = entry.value.stringValue {
                    out.append((text, entry.range))
                } else {
                    wrongType("each `\(element)` entry", expected: "a string", entry)
                }
            }
            return out
        default:
            wrongType("`\(element)`", expected: "a string or an array of strings", node)
            return []
        }
    }

    // MARK: Actions

    private mutating func readActions(_ member: JSONMember) -> [ActionPattern] {
        var patterns: [ActionPattern] = []
        for (text, range) in strings(member.value, element: member.key, noun: "action") {
            if let problem = Self.actionProblem(text) {
                error(.malformedAction, "invalid action `\(text)`: \(problem)", at: range,
                      help: "write `service:action`, such as `s3:GetObject` or `ec2:Describe*`, or `*` for every action")
            } else {
                patterns.append(ActionPattern(text, range: range))
            }
        }
        return patterns
    }

    /// What is wrong with an action, or nil when it is `*` or `service:action`.
    static func actionProblem(_ text: String) -> String? {
        if text == "*" { return nil }
        guard let colon = text.firstIndex(of: ":") else { return "it has no service prefix" }
        let service = text[..<colon]
        let name = text[text.index(after: colon)...]
        if service.isEmpty { return "the service prefix is empty" }
        if name.isEmpty { return "the action name is empty" }
        if !service.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }) {
            return "the service prefix `\(service)` may hold only letters, digits and `-` (no wildcards)"
        }
        if name.contains(":") { return "it has more than one `:`" }
        if name.contains(where: \.isWhitespace) { return "the action name contains a space" }
        return nil
    }

    // MARK: Resources

    private mutating func readResources(_ member: JSONMember) -> [ResourcePattern] {
        var patterns: [ResourcePattern] = []
        for (text, range) in strings(member.value, element: member.key, noun: "resource ARN") {
            var valid = true
            if text != "*", ARN(text) == nil {
                let message = "resource `\(text)` is not an ARN"
                let help = "write an ARN such as `arn:aws:s3:::amzn-s3-demo-bucket/*` (six parts separated by `:`), or `*`"
                if kind == .resource || kind == .endpoint {
                    // Some services accept their own short forms in their resource policies.
                    warning(.malformedResource, message, at: range, help: help)
                } else {
                    error(.malformedResource, message, at: range, help: help)
                    valid = false
                }
            }
            if text.contains("${") {
                if version.expandsVariables {
                    if PolicyTemplate(text) == nil {
                        error(.malformedVariable, "malformed policy variable in `\(text)`", at: range,
                              help: "write a variable as `${key}` or `${key, 'default'}`, and a literal `$` as `${$}`")
                        valid = false
                    }
                } else if versionIsValid {
                    warning(.variableNotExpanded, "policy variable in `\(text)` is not expanded", at: range,
                            help: "variables are expanded only with `\"Version\": \"2012-10-17\"`; "
                                + (version == .absent ? "without `Version`" : "in version `2008-10-17`") + " `${...}` is literal text")
                }
            }
            if valid {
                patterns.append(ResourcePattern(text, range: range, expandVariables: version.expandsVariables))
            }
        }
        return patterns
    }

    // MARK: Principals

    /// What IAM accepts as an `AWS` principal: an account id, the ARN of an account (root), user, role,
    /// role session or federated user, or a user's or role's unique id. No wildcard inside an ARN.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
    static func isValidAWSPrincipal(_ text: String) -> Bool {
        func isAccount(_ s: some StringProtocol) -> Bool { s.utf8.count == 12 && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        if isAccount(text) { return true }
        if (text.hasPrefix("AIDA") || text.hasPrefix("AROA")), text.count >= 16,
           text.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) {
            return true
        }
        guard !text.contains("*"), !text.contains("?") else { return false }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, parts[3].isEmpty, isAccount(parts[4]) else { return false }
        let resource = parts[5]
        switch parts[2] {
        case "iam":
            return resource == "root" || (resource.hasPrefix("user/") && resource.count > 5)
                || (resource.hasPrefix("role/") && resource.count > 5)
        case "sts":
            let pieces = resource.split(separator: "/", omittingEmptySubsequences: false)
            return (pieces.count == 3 && pieces[0] == "assumed-role" && !pieces[1].isEmpty && !pieces[2].isEmpty)
                || (pieces.count == 2 && pieces[0] == "federated-user" && !pieces[1].isEmpty)
        default:
            return false
        }
    }

    private mutating func readPrincipals(_ member: JSONMember) -> [PrincipalPattern] {
        let node = member.value
        if kind == .rcp {
            guard node.value.stringValue == "*" else {
                error(.rcpPrincipal, "the `\(member.key)` of a resource control policy must be `\"*\"`", at: node.range,
                      help: "RCPs apply to every principal; narrow them with conditions such as `aws:PrincipalOrgID`")
                return []
            }
        }
        switch node.value {
        case .string(let text):
            guard text == "*" else {
                error(.malformedPrincipal, "a `\(member.key)` string must be `*`, not `\(text)`", at: node.range,
                      help: "name principals in an object, such as `{\"AWS\": \"\(text)\"}` or `{\"Service\": \"ec2.amazonaws.com\"}`")
                return []
            }
            return [PrincipalPattern(kind: .everyone, value: "*", range: node.range)]
        case .object(let allMembers):
            if allMembers.isEmpty {
                error(.malformedPrincipal, "`\(member.key)` names no principal", at: node.range,
                      help: "use a key `AWS`, `Service`, `Federated` or `CanonicalUser`, or `\"*\"` for everyone")
            }
            var patterns: [PrincipalPattern] = []
            for entry in uniqueMembers(allMembers) {
                guard let type = Self.principalTypes.first(where: { $0.key == entry.key }) else {
                    let keys = Self.principalTypes.map(\.key)
                    let match = closestMatch(to: entry.key, in: keys)
                    error(.malformedPrincipal, "unknown principal type `\(entry.key)`", at: entry.keyRange,
                          help: match.map { "did you mean `\($0)`?" }
                              ?? "the principal types are " + keys.map { "`\($0)`" }.joined(separator: ", "))
                    continue
                }
                for (text, range) in strings(entry.value, element: "\(member.key).\(entry.key)", noun: "principal") {
                    // `{"AWS": "*"}` means everyone, like `"*"`.
                    let kind: PrincipalPattern.Kind = type.kind == .aws && text == "*" ? .everyone : type.kind
                    if type.kind == .aws, text != "*", !Self.isValidAWSPrincipal(text) {
                        error(.unacceptedPrincipal, "`\(text)` is not a principal IAM accepts", at: range,
                              help: "name an account (`123456789012` or `arn:aws:iam::123456789012:root`), a user, a role, a role session or a federated user by its full ARN; groups, instances and wildcards inside an ARN are not principals")
                        continue
                    }
                    patterns.append(PrincipalPattern(kind: kind, value: text, range: range))
                }
            }
            return patterns
        default:
            wrongType("`\(member.key)`", expected: "`\"*\"` or an object", node)
            return []
        }
    }

    // MARK: Conditions

    private mutating func readConditions(_ node: JSONNode) -> [ConditionClause] {
        guard case .object(let operators) = node.value else {
            wrongType("`Condition`", expected: "an object", node)
            return []
        }
        if operators.isEmpty {
            warning(.emptyCondition, "`Condition` is empty", at: node.range, help: "remove it, or add an operator such as `StringEquals`")
        }
        var clauses: [ClauseDraft] = []
        for operatorMember in uniqueMembers(operators) {
            let op = readOperator(operatorMember)
            guard case .object(let keys) = operatorMember.value.value else {
                wrongType("the `\(operatorMember.key)` block", expected: "an object of condition keys", operatorMember.value)
                continue
            }
            if keys.isEmpty {
                warning(.emptyCondition, "`\(operatorMember.key)` has no condition keys", at: operatorMember.value.range,
                        help: "add `\"key\": \"value\"`, or remove the operator")
            }
            for keyMember in uniqueMembers(keys) {
                if keyMember.key.isEmpty {
                    error(.malformedConditionValue, "empty condition key", at: keyMember.keyRange, help: "name a context key such as `aws:SourceIp`")
                }
                let values = readConditionValues(keyMember)
                if let op {
                    clauses.append(ClauseDraft(op: op, operatorText: operatorMember.key, key: keyMember.key, values: values,
                                               range: keyMember.range))
                }
            }
        }
        return clauses.map { ConditionClause(op: $0.op, operatorText: $0.operatorText, key: $0.key, values: $0.values, range: $0.range) }
    }

    private struct ClauseDraft {
        var op: ConditionOperator
        var operatorText: String
        var key: String
        var values: [String]
        var range: SourceRange
    }

    /// Parses an operator name, reporting an unknown one with a suggestion.
    private mutating func readOperator(_ member: JSONMember) -> ConditionOperator? {
        let text = member.key
        if let op = ConditionOperator(parsing: text) { return op }
        var qualifier = ""
        var base = Substring(text)
        if let colon = text.firstIndex(of: ":") {
            let prefix = String(text[..<colon])
            base = text[text.index(after: colon)...]
            let qualifiers = ["ForAllValues", "ForAnyValue"]
            guard qualifiers.contains(prefix) else {
                let match = closestMatch(to: prefix, in: qualifiers)
                error(.unknownOperator, "unknown set qualifier `\(prefix)` in condition operator `\(text)`", at: member.keyRange,
                      help: match.map { "did you mean `\($0):\(base)`?" } ?? "the set qualifiers are `ForAllValues` and `ForAnyValue`")
                return nil
            }
            qualifier = prefix + ":"
        }
        if base == "Null" || base == "NullIfExists" {
            error(.unknownOperator, "`Null` takes no set qualifier or `IfExists` suffix", at: member.keyRange,
                  help: "write `\"Null\": {\"key\": \"true\"}` to test that a key is absent, `\"false\"` that it is present")
            return nil
        }
        let help: String
        if let match = closestMatch(to: String(base), in: ConditionOperator.allNames) {
            help = match.lowercased() == base.lowercased()
                ? "did you mean `\(qualifier)\(match)`? operator names are case-sensitive"
                : "did you mean `\(qualifier)\(match)`?"
        } else {
            help = "operators include `StringEquals`, `StringLike`, `ArnLike`, `NumericLessThan`, `DateGreaterThan`, `Bool`, `IpAddress` and `Null`"
        }
        error(.unknownOperator, "unknown condition operator `\(text)`", at: member.keyRange, help: help)
        return nil
    }

    /// The values of one condition key as text: strings as written, numbers as written, booleans `true`/`false`.
    private mutating func readConditionValues(_ member: JSONMember) -> [String] {
        let node = member.value
        if let scalar = conditionScalar(node) { return [scalar] }
        guard case .array(let elements) = node.value else {
            error(.malformedConditionValue, "the value of condition key `\(member.key)` must be a string, number, boolean or an array of them, not \(node.value.kindDescription)",
                  at: node.range, help: node.value == .null ? "to test whether a key is present, use the `Null` operator" : nil)
            return []
        }
        if elements.isEmpty {
            warning(.emptyCondition, "condition key `\(member.key)` has an empty list of values", at: node.range,
                    help: "IAM accepts it, but no request value can match an empty list; list at least one value")
        }
        var values: [String] = []
        for element in elements {
            if let scalar = conditionScalar(element) {
                values.append(scalar)
            } else {
                error(.malformedConditionValue, "a condition value must be a string, number or boolean, not \(element.value.kindDescription)", at: element.range)
            }
        }
        return values
    }

    private func conditionScalar(_ node: JSONNode) -> String? {
        switch node.value {
        case .string(let s): s
        case .number(let text): text
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }
}
