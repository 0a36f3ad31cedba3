import Foundation
import IAMPolicy

// Where a request goes and what it names: a VPC endpoint it is sent through (`can --via`), and a KMS key
// named by one of its aliases.
extension Sandbox {
    /// The context keys a request through a VPC endpoint carries, which `--context` cannot set beside `--via`.
    static let endpointKeys = ["aws:sourcevpce", "aws:sourcevpc", "aws:vpcsourceip"]

    /// The declared endpoint `can --via` names, or nil without `--via`.
    ///
    /// Any caller may send a request through any declared endpoint: the network path does not depend on
    /// the credentials (a role of another account used on an instance in the VPC goes through the VPC's
    /// endpoints), and it is the endpoint policy's job to say which principals may use it.
    func endpoint(for call: CallOptions) throws(AWSError) -> VPCEndpoint? {
        guard let id = call.via else { return nil }
        guard VPCEndpoint.isEndpointID(id) else {
            throw AWSError.validation("--via takes a VPC endpoint id, `vpce-` and 8 or 17 lowercase hexadecimal digits, not `\(id)`")
        }
        if let key = call.context.first(where: { Self.endpointKeys.contains($0.key.lowercased()) })?.key {
            throw AWSError.validation("`\(key)` cannot be given with --context when --via names the endpoint: the endpoint sets it")
        }
        guard let endpoint = world.endpoints[id] else {
            let known = world.endpoints.keys.sorted()
            throw AWSError("InvalidVpcEndpointId.NotFound", "The VPC endpoint ID '\(id)' does not exist"
                + (known.isEmpty ? " (the world has no VPC endpoints)" : " (declared: \(known.joined(separator: ", ")))"))
        }
        return endpoint
    }

    /// What a request through `endpoint` carries instead of its public source address: `aws:SourceVpce`,
    /// `aws:SourceVpc` and `aws:VpcSourceIp` (the address inside the VPC), and no `aws:SourceIp`.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip
    func applyEndpoint(_ endpoint: VPCEndpoint, to context: inout RequestContext, sourceIP: String?) {
        context["aws:SourceIp"] = nil
        context["aws:SourceVpce"] = .string(endpoint.id)
        context["aws:SourceVpc"] = .string(endpoint.sourceVPC)
        context["aws:VpcSourceIp"] = ContextValue(type: .ip, values: [sourceIP ?? world.sourceIP])
    }

    /// For a KMS request on a declared key or one of its aliases: the key ARN to authorise and the keys
    /// KMS adds (`kms:RequestAlias` for a request naming an alias, `kms:ResourceAliases` for a key with
    /// aliases). A request naming an alias is authorised on the key: policies match the key's ARN, and an
    /// alias ARN in a `Resource` element names the alias only.
    /// https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html
    func kmsTarget(action: String, resource: String) -> (resource: String, context: [String: ContextValue], alias: String?) {
        guard action.lowercased().hasPrefix("kms:") else { return (resource, [:], nil) }
        var context: [String: ContextValue] = [:]
        var target = resource
        var alias: String?
        if KMSAlias.actionsTakingAlias.contains(action.lowercased()), let key = world.kmsKey(forAlias: resource),
           let name = ARN(resource)?.resource {
            target = key.arn
            alias = name
            context["kms:RequestAlias"] = .string(name)
        }
        if let key = world.resources[target], KMSAlias.isKeyARN(target), !key.aliases.isEmpty {
            context["kms:ResourceAliases"] = .strings(key.aliases)
        }
        return (target, context, alias)
    }
}
