import Diagnostics

/// A simulation ready to run: policies parsed, caller and context resolved, requests built.
public struct PreparedSimulation: Sendable {
    /// Each action on each resource, in order, with the policies that apply to it.
    var requests: [(request: AuthorizationRequest, policies: PolicySet)] = []
    public var policies: PolicySet
    /// The resource policy read as a role trust policy, for `sts:AssumeRole*` actions.
    var trustPolicy: Policy?
    /// The caller given with `--caller-arn`; nil when the default caller (a user of each resource's
    /// account) is used.
    public var caller: Caller?
    public var actions: [String]
    public var resources: [String]
    public var resourceOwner: String?
    public var context: RequestContext
}

/// One action on one resource, and what the policies decided.
public struct SimulationResult: Sendable {
    public var action: String
    public var resource: String
    public var result: EvaluationResult
}

/// Runs simulations the way `aws iam simulate-custom-policy` does, with iamquiz's extensions.
public enum Simulator {
    /// Parses every policy and the caller; all problems are returned, each naming its argument.
    public static func prepare(_ input: SimulationInput) -> Result<PreparedSimulation, DiagnosticList> {
        var problems: [Diagnostic] = []
        func parse(_ documents: [PolicyDocument], _ kind: PolicyKind) -> [Policy] {
            documents.compactMap { doc in
                let (policy, diagnostics) = PolicyParser.parse(doc.text, id: doc.id, kind: kind, file: doc.origin)
                problems += diagnostics.filter { $0.severity == .error }
                return policy
            }
        }
        let identity = parse(input.identityPolicies, .identity)
        let endpoint = input.endpointPolicy.map { parse([$0], .endpoint) } ?? []
        let boundary = parse(input.boundaryPolicies, .boundary)
        let session = parse(input.sessionPolicies, .session)
        let scps = input.scps.map { parse([$0], .scp) }
        let rcps = input.rcps.map { parse([$0], .rcp) }
        var resourcePolicy: Policy?
        var trustPolicy: Policy?
        if let doc = input.resourcePolicy {
            let assumes = input.actions.contains { Evaluator.assumeRoleActions.contains($0.lowercased()) }
            let others = input.actions.contains { !Evaluator.assumeRoleActions.contains($0.lowercased()) }
            if assumes {
                trustPolicy = parse([doc], .trust).first
            }
            if others || !assumes {
                resourcePolicy = parse([doc], .resource).first
            }
        }

        if input.actions.isEmpty {
            problems.append(Diagnostic(.error, code: SimulationCode.malformedAction, "no action to simulate", file: "--action-names",
                                       help: "give one or more actions, for example `--action-names s3:GetObject`"))
        }
        for action in input.actions where action != "*" && !(action.contains(":") && !action.hasPrefix(":") && !action.hasSuffix(":")) {
            problems.append(Diagnostic(.error, code: SimulationCode.malformedAction, "action `\(action)` is not of the form `service:Action`", file: "--action-names"))
        }
        let caller = input.callerARN.flatMap(Caller.init(parsing:))
        if let callerText = input.callerARN, caller == nil {
            problems.append(Diagnostic(
                .error, code: SimulationCode.unreadableCaller, "cannot read the caller `\(callerText)`", file: "--caller-arn",
                help: "give an IAM user, root or role ARN, a role session `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`, a service such as `ec2.amazonaws.com`, or an identity provider"))
        }
        var owner: String?
        if let given = input.resourceOwner {
            if given.count == 12, given.allSatisfy({ $0.isASCII && $0.isNumber }) {
                owner = given
            } else if let arn = ARN(given), arn.account.count == 12 {
                owner = arn.account
            } else {
                problems.append(Diagnostic(.error, code: SimulationCode.unreadableOwner, "cannot read the resource owner `\(given)`", file: "--resource-owner",
                                           help: "give an account ID or an ARN such as `arn:aws:iam::123456789012:root`"))
            }
        }
        var context = RequestContext()
        for entry in input.contextEntries {
            context[entry.name] = ContextValue(type: entry.type, values: entry.values)
        }
        guard problems.isEmpty else { return .failure(DiagnosticList(diagnostics: problems)) }
        let policies = PolicySet(identity: identity, boundary: boundary, session: session, scps: scps, rcps: rcps,
                                 resource: resourcePolicy, endpoint: endpoint)
        var prepared = PreparedSimulation(
            policies: policies, trustPolicy: trustPolicy, caller: caller, actions: input.actions,
            resources: input.resources.isEmpty ? ["*"] : input.resources, resourceOwner: owner, context: context)
        var defaultCallers = DefaultCallers()
        for action in prepared.actions {
            var set = policies
            if Evaluator.assumeRoleActions.contains(action.lowercased()), let trust = trustPolicy {
                set.resource = trust
            }
            for resource in prepared.resources {
                let resourceAccount = owner ?? Self.account(of: resource)
                // Without --caller-arn the caller is a user of the resource's own account, as in AWS's simulator.
                let requestCaller = caller ?? defaultCallers.caller(in: resourceAccount ?? SimulationInput.defaultAccount)
                let request = AuthorizationRequest(caller: requestCaller, action: action, resource: resource,
                                                   resourceAccount: resourceAccount, context: context)
                prepared.requests.append((request, set))
            }
        }
        return .success(prepared)
    }

    /// Evaluates every action on every resource, in order.
    public static func run(_ simulation: PreparedSimulation, explain: Bool = false) -> [SimulationResult] {
        let evaluator = Evaluator()
        return simulation.requests.map { item in
            SimulationResult(action: item.request.action, resource: item.request.resource,
                             result: evaluator.evaluate(item.request, policies: item.policies, explain: explain))
        }
    }

    /// The default caller of each account, parsed once.
    struct DefaultCallers {
        var byAccount: [String: Caller] = [:]

        mutating func caller(in account: String) -> Caller {
            if let known = byAccount[account] { return known }
            let made = Caller(kind: .user, identifier: SimulationInput.defaultCaller(account: account), account: account)
            byAccount[account] = made
            return made
        }
    }

    /// The account in a resource ARN, when it names one.
    static func account(of resource: String) -> String? {
        guard let arn = ARN(resource), arn.account.count == 12, arn.account.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return arn.account
    }
}

/// Several diagnostics as one error.
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}
