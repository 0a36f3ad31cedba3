import Diagnostics

/// A policy document given to the simulator: its id (as AWS names it, e.g. `PolicyInputList.1`), its
/// text, and where the text came from (`file://path` or the argument), for diagnostics.
public struct PolicyDocument: Sendable {
    public var id: String
    public var text: String
    public var origin: String

    public init(id: String, text: String, origin: String? = nil) {
        self.id = id
        self.text = text
        self.origin = origin ?? id
    }
}

/// A context entry as in AWS's simulate APIs: name, values, type.
public struct ContextEntry: Sendable, Hashable {
    public var name: String
    public var values: [String]
    public var type: ContextKeyType

    public init(name: String, values: [String], type: ContextKeyType) {
        self.name = name
        self.values = values
        self.type = type
    }
}

/// Everything a simulation needs, mirroring `aws iam simulate-custom-policy` plus the policy types
/// AWS's simulator does not take (SCPs per level, RCPs, session policies) and callers it refuses
/// (role sessions, services, identity providers).
public struct SimulationInput: Sendable {
    public var identityPolicies: [PolicyDocument] = []
    public var boundaryPolicies: [PolicyDocument] = []
    public var sessionPolicies: [PolicyDocument] = []
    /// One document per level of the organization.
    public var scps: [PolicyDocument] = []
    public var rcps: [PolicyDocument] = []
    public var resourcePolicy: PolicyDocument?
    /// The policy of the VPC endpoint the requests go through (an iamquiz extension).
    public var endpointPolicy: PolicyDocument?
    public var actions: [String] = []
    public var resources: [String] = []
    public var resourceOwner: String?
    public var callerARN: String?
    public var contextEntries: [ContextEntry] = []

    public init() {}

    /// Every policy document of the input, of every kind.
    public var allDocuments: [PolicyDocument] {
        identityPolicies + boundaryPolicies + sessionPolicies + scps + rcps + [resourcePolicy, endpointPolicy].compactMap { $0 }
    }

    /// The caller used when none is given: an IAM user of the account that owns the resource (the
    /// `--resource-owner`, else the account in the resource's ARN, else `defaultAccount`), so that, as in
    /// AWS's simulator, requests are judged within one account unless the caller or owner says otherwise.
    public static func defaultCaller(account: String) -> String {
        "arn:aws:iam::\(account):user/simulated-user"
    }

    /// The account of the default caller when neither the owner nor the resource names one.
    public static let defaultAccount = "123456789012"
}

/// Reads the request JSON of `SimulateCustomPolicy` (what `--cli-input-json` and `--batch` take):
/// policies are JSON strings inside it, as in the AWS API.
public enum SimulationRequestReader {
    /// The members of the request object, and the extensions iamquiz accepts beyond AWS.
    static let known: Set<String> = [
        "PolicyInputList", "PermissionsBoundaryPolicyInputList", "ActionNames", "ResourceArns", "ResourcePolicy",
        "ResourceOwner", "CallerArn", "ContextEntries", "ResourceHandlingOption", "MaxItems", "Marker",
        "ServiceControlPolicyInputList", "ResourceControlPolicyInputList", "SessionPolicyInputList", "VpcEndpointPolicy",
    ]

    /// Parses request JSON; `origin` names it in diagnostics (`--cli-input-json`, `batch.jsonl:3`).
    public static func read(_ text: String, origin: String) -> Result<SimulationInput, Diagnostic> {
        let root: JSONNode
        switch JSONReader.parse(text, file: origin) {
        case .failure(let d): return .failure(d)
        case .success(let node): root = node
        }
        guard case .object(let members) = root.value else {
            return .failure(problem("the request must be a JSON object", origin, root.range))
        }
        var input = SimulationInput()
        var seen = Set<String>()
        for member in members {
            guard known.contains(member.key) else {
                let help = closestMatch(to: member.key, in: known.sorted()).map { "did you mean `\($0)`?" }
                return .failure(problem("unknown request member `\(member.key)`", origin, member.keyRange, help: help))
            }
            guard seen.insert(member.key).inserted else {
                return .failure(problem("request member `\(member.key)` given twice", origin, member.keyRange))
            }
            func strings() -> Result<[String], Diagnostic> {
                switch member.value.value {
                case .string(let s): return .success([s])
                case .array(let items):
                    var out: [String] = []
                    for item in items {
                        guard case .string(let s) = item.value else {
                            return .failure(problem("`\(member.key)` must hold strings", origin, item.range))
                        }
                        out.append(s)
                    }
                    return .success(out)
                default:
                    return .failure(problem("`\(member.key)` must be a string or a list of strings", origin, member.value.range))
                }
            }
            func documents(_ prefix: String) -> Result<[PolicyDocument], Diagnostic> {
                strings().map { list in
                    list.enumerated().map { PolicyDocument(id: "\(prefix).\($0.offset + 1)", text: $0.element, origin: "\(origin) \(prefix).\($0.offset + 1)") }
                }
            }
            do {
                switch member.key {
                case "PolicyInputList": input.identityPolicies = try documents("PolicyInputList").get()
                case "PermissionsBoundaryPolicyInputList": input.boundaryPolicies = try documents("PermissionsBoundaryPolicyInputList").get()
                case "SessionPolicyInputList": input.sessionPolicies = try documents("SessionPolicyInputList").get()
                case "ServiceControlPolicyInputList": input.scps = try documents("ServiceControlPolicyInputList").get()
                case "ResourceControlPolicyInputList": input.rcps = try documents("ResourceControlPolicyInputList").get()
                case "ActionNames": input.actions = try strings().get()
                case "ResourceArns": input.resources = try strings().get()
                case "ResourcePolicy", "VpcEndpointPolicy":
                    guard case .string(let s) = member.value.value else {
                        return .failure(problem("`\(member.key)` must be a string holding the policy JSON", origin, member.value.range))
                    }
                    let document = PolicyDocument(id: member.key, text: s, origin: "\(origin) \(member.key)")
                    if member.key == "ResourcePolicy" { input.resourcePolicy = document } else { input.endpointPolicy = document }
                case "ResourceOwner", "CallerArn":
                    guard case .string(let s) = member.value.value else {
                        return .failure(problem("`\(member.key)` must be a string", origin, member.value.range))
                    }
                    if member.key == "CallerArn" { input.callerARN = s } else { input.resourceOwner = s }
                case "ContextEntries":
                    input.contextEntries = try ContextEntryReader.entries(from: member.value, origin: origin).get()
                default:
                    break  // ResourceHandlingOption, MaxItems, Marker: accepted, not used
                }
            } catch {
                return .failure(error)
            }
        }
        return .success(input)
    }

    static func problem(_ message: String, _ origin: String, _ range: SourceRange, help: String? = nil) -> Diagnostic {
        Diagnostic(.error, code: SimulationCode.malformedRequest, message, file: origin, range: range, help: help)
    }
}

/// Reads context entries in the JSON form (`[{"ContextKeyName": ..., "ContextKeyValues": [...],
/// "ContextKeyType": ...}]`) and in the AWS CLI shorthand
/// (`ContextKeyName=k,ContextKeyValues=v1,v2,ContextKeyType=t`).
public enum ContextEntryReader {
    public static func entries(from node: JSONNode, origin: String) -> Result<[ContextEntry], Diagnostic> {
        var nodes: [JSONNode] = []
        switch node.value {
        case .array(let items): nodes = items
        case .object: nodes = [node]
        default:
            return .failure(SimulationRequestReader.problem("context entries must be an object or a list of objects", origin, node.range))
        }
        var out: [ContextEntry] = []
        for item in nodes {
            guard case .object(let members) = item.value else {
                return .failure(SimulationRequestReader.problem("a context entry must be an object", origin, item.range))
            }
            var name: String?
            var values: [String]?
            var type: ContextKeyType?
            for member in members {
                switch member.key {
                case "ContextKeyName":
                    guard case .string(let s) = member.value.value, !s.isEmpty else {
                        return .failure(SimulationRequestReader.problem("`ContextKeyName` must be a non-empty string", origin, member.value.range))
                    }
                    name = s
                case "ContextKeyValues":
                    var list: [String] = []
                    let items: [JSONNode]
                    if case .array(let a) = member.value.value { items = a } else { items = [member.value] }
                    for v in items {
                        switch v.value {
                        case .string(let s): list.append(s)
                        case .number(let n): list.append(n)
                        case .bool(let b): list.append(b ? "true" : "false")
                        default:
                            return .failure(SimulationRequestReader.problem("context values must be strings", origin, v.range))
                        }
                    }
                    values = list
                case "ContextKeyType":
                    guard case .string(let s) = member.value.value, let t = ContextKeyType(caseInsensitive: s) else {
                        return .failure(SimulationRequestReader.problem(
                            "`ContextKeyType` must be one of \(ContextKeyType.allCases.map(\.rawValue).joined(separator: ", "))",
                            origin, member.value.range))
                    }
                    type = t
                default:
                    let help = closestMatch(to: member.key, in: ["ContextKeyName", "ContextKeyValues", "ContextKeyType"]).map { "did you mean `\($0)`?" }
                    return .failure(SimulationRequestReader.problem("unknown context entry member `\(member.key)`", origin, member.keyRange, help: help))
                }
            }
            guard let name, let values else {
                return .failure(SimulationRequestReader.problem("a context entry needs `ContextKeyName` and `ContextKeyValues`", origin, item.range))
            }
            let resolved = type ?? (values.count == 1 ? .string : .stringList)
            if !resolved.isList, values.count != 1 {
                return .failure(SimulationRequestReader.problem(
                    "context key `\(name)` has \(values.count) values, but type `\(resolved.rawValue)` takes one",
                    origin, item.range, help: "use the list type `\(resolved.rawValue)List`"))
            }
            out.append(ContextEntry(name: name, values: values, type: resolved))
        }
        return .success(out)
    }

    /// Parses the CLI shorthand `ContextKeyName=k,ContextKeyValues=v1,v2,ContextKeyType=t`.
    public static func shorthand(_ text: String) -> Result<ContextEntry, ShorthandProblem> {
        var name: String?
        var values: [String] = []
        var type: ContextKeyType?
        var current: String?
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            if let eq = part.firstIndex(of: "="), ["ContextKeyName", "ContextKeyValues", "ContextKeyType"].contains(String(part[..<eq])) {
                let key = String(part[..<eq])
                let value = String(part[part.index(after: eq)...])
                current = key
                switch key {
                case "ContextKeyName": name = value
                case "ContextKeyValues": values.append(value)
                default:
                    guard let t = ContextKeyType(caseInsensitive: value) else {
                        return .failure(ShorthandProblem(message: "`\(value)` is not a context key type; use one of \(ContextKeyType.allCases.map(\.rawValue).joined(separator: ", "))"))
                    }
                    type = t
                }
            } else if current == "ContextKeyValues" {
                values.append(String(part))
            } else {
                return .failure(ShorthandProblem(message: "cannot read `\(part)`; write ContextKeyName=KEY,ContextKeyValues=V1,V2,ContextKeyType=TYPE"))
            }
        }
        guard let name, !name.isEmpty else { return .failure(ShorthandProblem(message: "a context entry needs ContextKeyName=KEY")) }
        guard !values.isEmpty else { return .failure(ShorthandProblem(message: "context entry `\(name)` needs ContextKeyValues=VALUE")) }
        let resolved = type ?? (values.count == 1 ? .string : .stringList)
        if !resolved.isList, values.count != 1 {
            return .failure(ShorthandProblem(message: "context key `\(name)` has \(values.count) values, but type `\(resolved.rawValue)` takes one; use `\(resolved.rawValue)List`"))
        }
        return .success(ContextEntry(name: name, values: values, type: resolved))
    }
}

/// Why a context entry in the CLI shorthand could not be read.
public struct ShorthandProblem: Error, Sendable, Equatable {
    public var message: String
}
