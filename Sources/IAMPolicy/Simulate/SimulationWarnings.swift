import Diagnostics

extension Simulator {
    /// IAM Access Analyzer-style warnings about a prepared simulation (``PolicyValidator``): for each
    /// policy at its place in the file or argument it came from, and for each requested action, named by
    /// `actionsLabel`. They never change a decision: a misspelled name simply matches nothing.
    public static func warnings(_ input: SimulationInput, prepared: PreparedSimulation, actionsLabel: String = "--action-names",
                                validator: PolicyValidator = PolicyValidator()) -> [Diagnostic] {
        var origins: [String: String] = [:]
        for document in input.allDocuments { origins[document.id] = document.origin }
        let set = prepared.policies
        var policies = set.identity + set.boundary + set.session + set.scps.flatMap { $0 } + set.rcps.flatMap { $0 } + set.endpoint
        // The resource policy may be read twice, as a resource policy and as a trust policy: warn once.
        policies += [set.resource, prepared.trustPolicy].compactMap { $0 }
        var seen = Set<Diagnostic>()
        var out: [Diagnostic] = []
        for policy in policies {
            for warning in validator.validate(policy, file: origins[policy.id] ?? policy.id) where seen.insert(warning).inserted {
                out.append(warning)
            }
        }
        return out + validator.validate(actions: prepared.actions, file: actionsLabel)
    }
}
