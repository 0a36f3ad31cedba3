import Diagnostics

// Policy -> warnings about names the catalog does not know, in the manner of IAM Access Analyzer's policy
// validation (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
// IAM stores and evaluates such a policy: a misspelled name simply never matches a request, so the
// policy quietly allows or denies less than its author meant. These are warnings, never errors.
//
// Diagnostic codes (stable: tests, docs and users refer to them):
//
//   W201  unknown service prefix in an action (Access Analyzer: "Invalid service in action")
//   W202  unknown action of a known service ("Invalid action"), with did-you-mean
//   W203  an action with `*` or `?` that matches no action of its service
//   W204  unknown global condition key `aws:...` ("Invalid global condition key")
//   W205  unknown condition key of a known service ("Invalid service condition key"), a key whose
//         prefix is no service ("Invalid service"), or a key without a prefix ("Invalid condition key format")
//   W206  a service's condition key in a statement whose actions all belong to other services
//   W207  a condition operator of the wrong type for its key ("Type mismatch")

/// Checks the names in a parsed policy (actions, condition keys, operators against key types) against
/// the ``ServiceCatalog``.
public struct PolicyValidator: Sendable {
    public let catalog: ServiceCatalog

    public init(catalog: ServiceCatalog = .builtIn) {
        self.catalog = catalog
    }

    /// The warnings about one policy, at their place in `file`, in source order.
    public func validate(_ policy: Policy, file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for statement in policy.statements {
            for action in statement.actions {
                if let problem = actionProblem(action.text) {
                    out.append(problem.diagnostic(file: file, range: action.range))
                }
            }
            let services = Self.services(of: statement)
            for clause in statement.conditions {
                if let problem = conditionProblem(clause, statementServices: services) {
                    out.append(problem.diagnostic(file: file, range: Self.keyRange(clause)))
                }
            }
        }
        return out
    }

    /// The warnings about actions named outside a policy, such as the actions of a simulation; `file`
    /// names where they were given (`--action-names`).
    public func validate(actions: [String], file: String) -> [Diagnostic] {
        var seen = Set<String>()
        return actions.compactMap { action in
            guard seen.insert(action.lowercased()).inserted else { return nil }
            return actionProblem(action)?.diagnostic(file: file, range: nil)
        }
    }

    // MARK: Actions

    struct Problem {
        var code: PolicyWarningCode
        var message: String
        var help: String?

        func diagnostic(file: String, range: SourceRange?) -> Diagnostic {
            Diagnostic(.warning, code: code, message, file: file, range: range, help: help)
        }
    }

    func actionProblem(_ action: String) -> Problem? {
        guard action != "*", let colon = action.firstIndex(of: ":") else { return nil }
        let prefix = String(action[..<colon])
        let name = action[action.index(after: colon)...]
        guard let service = catalog.service(prefix) else {
            // A wildcard in the prefix is the parser's error (P008), not an unknown service.
            guard !prefix.contains("*"), !prefix.contains("?") else { return nil }
            let help = Self.didYouMean(service: catalog.suggestion(forService: prefix), rest: ":\(name)") { catalog.knows($0) == true }
                ?? "no AWS service has the prefix `\(prefix)`; the Service Authorization Reference lists each service's prefix"
            return Problem(code: .unknownService, message: "unknown service `\(prefix)` in action `\(action)`", help: help)
        }
        guard catalog.knows(action) == false else { return nil }
        if name.contains("*") || name.contains("?") {
            return Problem(code: .wildcardMatchesNothing, message: "action `\(action)` matches no action of `\(service.prefix)`",
                           help: "the pattern never matches a request; the actions of \(service.name) are listed at \(service.reference)")
        }
        let help = catalog.suggestion(for: action).map { "did you mean `\($0)`?" }
            ?? "\(service.name) has no action `\(name)`; its actions are listed at \(service.reference)"
        return Problem(code: .unknownAction, message: "unknown action `\(action)`", help: help)
    }

    // MARK: Condition keys

    /// The services the statement's actions belong to (lowercased), or nil when it can apply to any
    /// service (`NotAction`, `*`).
    static func services(of statement: Statement) -> Set<String>? {
        guard statement.actionPolarity == .positive else { return nil }
        var services = Set<String>()
        for action in statement.actions {
            guard let colon = action.text.firstIndex(of: ":") else { return nil }
            services.insert(action.text[..<colon].lowercased())
        }
        return services
    }

    func conditionProblem(_ clause: ConditionClause, statementServices: Set<String>?) -> Problem? {
        let key = clause.key
        guard let colon = key.firstIndex(of: ":") else {
            return Problem(code: .unknownServiceKey, message: "condition key `\(key)` has no service prefix",
                           help: "write `prefix:key`, such as `aws:SourceIp` or `s3:prefix`")
        }
        let prefix = String(key[..<colon])
        guard let entry = catalog.conditionKey(key) else { return unknownKey(key, prefix: prefix, rest: key[colon...]) }
        // IP operators take no policy variables, so AWS compares two address keys with string operators
        // (`StringNotEquals aws:Ec2InstanceSourcePrivateIPv4: ${aws:VpcSourceIp}`): not a mismatch.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-ec2instancesourceprivateip4
        let comparesWithVariables = !clause.values.isEmpty && clause.values.allSatisfy { $0.hasPrefix("${") && $0.hasSuffix("}") }
            && PreparedValues.family(of: clause.op.base) == .string
        if !comparesWithVariables, !entry.types.contains(where: { $0.accepts(clause.op.base) }) {
            let type = entry.types[0]
            return Problem(code: .operatorTypeMismatch,
                           message: "operator `\(clause.operatorText)` does not fit condition key `\(key)` of type `\(type)`",
                           help: "use \(type.base.operatorsPhrase) for `\(key)`; a value compared as the wrong type never matches as meant")
        }
        if let statementServices, !entry.services.isEmpty, entry.services.isDisjoint(with: statementServices) {
            let owners = entry.services.sorted().map { "`\($0)`" }.joined(separator: ", ")
            let actions = statementServices.sorted().map { "`\($0)`" }.joined(separator: ", ")
            return Problem(code: .keyOfOtherService, message: "condition key `\(key)` does not apply to the actions of this statement",
                           help: "`\(key)` is a key of \(owners) requests; the statement's actions are of \(actions), whose requests never carry it")
        }
        return nil
    }

    private func unknownKey(_ key: String, prefix: String, rest: Substring) -> Problem? {
        let suggestion = catalog.suggestion(forConditionKey: key).map { "did you mean `\($0)`?" }
        if prefix.lowercased() == "aws" {
            return Problem(code: .unknownGlobalKey, message: "unknown global condition key `\(key)`",
                           help: suggestion ?? "the global condition keys are listed at https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html")
        }
        if let service = catalog.service(prefix) {
            return Problem(code: .unknownServiceKey, message: "unknown condition key `\(key)` of `\(service.prefix)`",
                           help: suggestion ?? "the condition keys of \(service.name) are listed at \(service.reference)")
        }
        if catalog.hasConditionKeys(prefix: prefix) {
            return Problem(code: .unknownServiceKey, message: "unknown condition key `\(key)`", help: suggestion)
        }
        // An identity provider's keys (`token.actions.githubusercontent.com:sub`) are named by its URL.
        if prefix.contains(".") || prefix.contains("/") { return nil }
        let help = Self.didYouMean(service: catalog.suggestion(forService: prefix), rest: rest) { catalog.conditionKey($0) != nil }
        return Problem(code: .unknownServiceKey, message: "unknown service `\(prefix)` in condition key `\(key)`",
                       help: help ?? "a condition key starts with `aws:` or the prefix of a service")
    }

    /// For a misspelled service prefix: the name with the closest prefix when the catalog knows that name,
    /// else the prefix alone.
    static func didYouMean(service: String?, rest: some StringProtocol, exists: (String) -> Bool) -> String? {
        guard let service else { return nil }
        let corrected = service + rest
        return exists(corrected) ? "did you mean `\(corrected)`?" : "did you mean the service `\(service)`?"
    }

    /// The condition key as written: a clause's range starts at the key's opening quote.
    static func keyRange(_ clause: ConditionClause) -> SourceRange {
        SourceRange(line: clause.range.start.line, column: clause.range.start.column, length: clause.key.unicodeScalars.count + 2)
    }
}
