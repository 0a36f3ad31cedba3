import IAMPolicy

/// One request of a benchmark, written as data: the caller, what it asks, the context, and the policy
/// documents (JSON text) that apply, so the same request can be exported for other evaluators.
struct RequestSpec {
    struct ContextKey {
        var name: String
        var type: ContextKeyType
        var values: [String]
    }

    var name: String
    /// What the request shows, in a few words.
    var summary: String
    var caller: String
    var action: String
    var resource: String
    /// The account that owns the resource (given explicitly, as PMapper needs it with a resource policy).
    var resourceOwner: String
    var context: [ContextKey] = []
    var identity: [String] = []
    var boundary: [String] = []
    /// Service control policies, one array per level of the organization.
    var scps: [[String]] = []
    var resourcePolicy: String?
    /// `.resource` for a resource-based policy, `.trust` for a role trust policy.
    var resourcePolicyKind: PolicyKind = .resource
    /// The decision AWS's documented evaluation logic gives (nil: not checked, for generated requests).
    var expected: Decision?
    /// Why PMapper is expected to disagree, when it is (a known limitation or bug).
    var pmapperCaveat: String?

    var policyCount: Int {
        identity.count + boundary.count + scps.reduce(0) { $0 + $1.count } + (resourcePolicy == nil ? 0 : 1)
    }
}

/// A request ready to evaluate: parsed once, outside the timed loops.
///
/// A class, evaluated by its own method: Swift passes a struct read from an array or another object to a
/// function in another module by copying it first (a reference count per policy array, through generic
/// value witnesses, about a tenth of case (a)), but passes its own `let` properties as they are, as any
/// caller that keeps its `PolicySet` in a variable does.
final class PreparedRequest {
    let spec: RequestSpec
    let request: AuthorizationRequest
    let policies: PolicySet

    var statementCount: Int {
        let all = policies.identity + policies.boundary + policies.session + policies.scps.flatMap { $0 }
            + (policies.resource.map { [$0] } ?? [])
        return all.reduce(0) { $0 + $1.statements.count }
    }

    convenience init(_ spec: RequestSpec) {
        var cache = PolicyCache()
        self.init(spec, cache: &cache)
    }

    /// `cache` shares parsed policies between requests that use the same documents.
    init(_ spec: RequestSpec, cache: inout PolicyCache) {
        self.spec = spec
        guard let caller = Caller(parsing: spec.caller) else { fatalError("\(spec.name): cannot read the caller `\(spec.caller)`") }
        var context = RequestContext()
        for key in spec.context {
            context[key.name] = ContextValue(type: key.type, values: key.values)
        }
        request = AuthorizationRequest(caller: caller, action: spec.action, resource: spec.resource,
                                       resourceAccount: spec.resourceOwner, context: context)
        func parse(_ text: String, _ id: String, _ kind: PolicyKind) -> Policy {
            if let policy = cache.policies[kind.rawValue + "\u{0}" + text] { return policy }
            let (policy, diagnostics) = PolicyParser.parse(text, id: id, kind: kind)
            guard let policy else {
                let problems = diagnostics.map { "\($0.locationText): \($0.code) \($0.message)" }.joined(separator: "\n")
                fatalError("\(spec.name): policy \(id) does not parse:\n\(problems)")
            }
            cache.policies[kind.rawValue + "\u{0}" + text] = policy
            return policy
        }
        policies = PolicySet(
            identity: spec.identity.enumerated().map { parse($1, "\(spec.name).identity.\($0 + 1)", .identity) },
            boundary: spec.boundary.enumerated().map { parse($1, "\(spec.name).boundary.\($0 + 1)", .boundary) },
            scps: spec.scps.enumerated().map { level, docs in
                docs.enumerated().map { parse($1, "\(spec.name).scp.\(level + 1).\($0 + 1)", .scp) }
            },
            resource: spec.resourcePolicy.map { parse($0, "\(spec.name).\(spec.resourcePolicyKind.rawValue)", spec.resourcePolicyKind) })
    }
}

/// Parsed policies by kind and text.
struct PolicyCache {
    var policies: [String: Policy] = [:]
}

/// A number per decision, summed to keep the results alive.
@inline(__always)
func decisionCode(_ decision: Decision) -> Int {
    switch decision {
    case .allowed: 1
    case .explicitDeny: 2
    case .implicitDeny: 4
    }
}

extension PreparedRequest {
    /// Evaluates the request and returns the code of the decision. Not inlined, so that `policies` stays
    /// a property of `self` and is not copied into the caller first.
    @inline(never)
    func evaluate(with evaluator: Evaluator) -> Int {
        decisionCode(evaluator.evaluate(request, policies: policies).decision)
    }
}

/// Evaluates every request once; returns the sum of the decision codes.
@inline(never)
func evaluateAll(_ requests: [PreparedRequest], with evaluator: Evaluator) -> Int {
    var sum = 0
    for prepared in requests {
        sum &+= prepared.evaluate(with: evaluator)
    }
    return sum
}
