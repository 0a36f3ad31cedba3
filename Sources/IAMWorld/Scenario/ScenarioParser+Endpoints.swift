import Diagnostics
import Foundation
import IAMPolicy

// The network and key declarations of a scenario: `vpc-endpoint ACCOUNT/vpce-ID` with its VPC and policy,
// `alias: alias/NAME` of a KMS key's `resource`, and the endpoint a step's `can --via` names.
extension ScenarioBuilder {
    /// The most characters an endpoint policy may have, white space included ("Considerations" on
    /// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
    static let endpointPolicyLimit = 20_480

    mutating func buildEndpoint(_ declaration: ScenarioDeclaration) {
        guard let (account, id) = entity(declaration, what: "VPC endpoint", isValidName: VPCEndpoint.isEndpointID,
                                         rule: "a VPC endpoint id is `vpce-` and 8 or 17 lowercase hexadecimal digits, such as `vpce-1a2b3c4d`")
        else { return }
        var endpoint = VPCEndpoint(id: id, account: account)
        for attribute in declaration.attributes {
            if attribute.name == "vpc" {
                if let vpc = vpcID(attribute) { endpoint.vpc = vpc }
            } else {
                guard let policy = policy(attribute, kind: .endpoint, named: false, defaultName: id, usage: "policy: JSON") else { continue }
                if policy.text.count > Self.endpointPolicyLimit {
                    error(.malformedValue, "the endpoint policy has \(policy.text.count) characters; AWS allows \(Self.endpointPolicyLimit)",
                          at: attribute.nameRange, help: "an endpoint policy counts its white space too")
                }
                endpoint.policy = policy
            }
        }
        // Endpoint ids are unique across accounts, as all EC2 resource ids are.
        guard isNewID("endpoint", id, line: declaration.line, at: declaration.words[0].range) else { return }
        do {
            try world.addEndpoint(endpoint)
        } catch {
            report(error, at: declaration.lineRange)
        }
    }

    /// `alias: alias/NAME` of the resource `keyARN`: the alias, or nil after reporting why it cannot be one
    /// (S007, S008, S009, S003 for the same alias twice, S012 for an alias of another key).
    /// https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
    mutating func kmsAlias(_ attribute: ScenarioAttribute, of keyARN: String, after earlier: [String]) -> String? {
        guard let word = single(attribute, usage: "alias: alias/NAME") else { return nil }
        guard KMSAlias.isKeyARN(keyARN) else {
            error(.malformedValue, "`alias` belongs to a KMS key", at: attribute.nameRange,
                  help: "only a key, `arn:aws:kms:REGION:ACCOUNT:key/ID`, has aliases")
            return nil
        }
        guard KMSAlias.isValidName(word.text) else {
            error(.malformedName, "malformed KMS alias `\(word.text)`", at: word.range,
                  help: "an alias is `alias/` and then letters, digits, `/`, `_` and `-`, 256 characters in all")
            return nil
        }
        guard !KMSAlias.isReserved(word.text) else {
            error(.malformedValue, "`\(word.text)` is reserved", at: word.range, help: "aliases under `alias/aws/` name AWS managed keys")
            return nil
        }
        guard !earlier.contains(word.text) else {
            error(.givenTwice, "alias `\(word.text)` given twice", at: word.range, help: "list each alias once")
            return nil
        }
        // An alias is unique in its account and Region.
        let key = "kms-alias:" + (KMSAlias.arn(of: word.text, besideKey: keyARN) ?? word.text)
        if let first = declaredOn[key] {
            error(.duplicateDeclaration, "alias `\(word.text)` already names another key", at: word.range, help: "the first is on line \(first)")
            return nil
        }
        declaredOn[key] = attribute.line
        return word.text
    }

    /// Checks the endpoint `can --via` names is declared (S008, S017).
    mutating func checkEndpoint(_ id: String, at range: SourceRange) {
        guard VPCEndpoint.isEndpointID(id) else {
            error(.malformedName, "malformed VPC endpoint id `\(id)`", at: range,
                  help: "a VPC endpoint id is `vpce-` and 8 or 17 lowercase hexadecimal digits")
            return
        }
        guard world.endpoints[id] == nil else { return }
        let known = world.endpoints.keys.sorted()
        error(.undeclaredInStep, "no VPC endpoint `\(id)` is declared", at: range,
              help: Self.didYouMean(id, in: known) ?? "declare it with `vpc-endpoint ACCOUNT/\(id)`")
    }

    /// `vpc: VPC-ID` of an endpoint or an instance (S008 when malformed).
    mutating func vpcID(_ attribute: ScenarioAttribute) -> String? {
        guard let word = single(attribute, usage: "vpc: VPC-ID") else { return nil }
        guard VPCEndpoint.isVPCID(word.text) else {
            error(.malformedName, "malformed VPC id `\(word.text)`", at: word.range,
                  help: "a VPC id is `vpc-` and 8 or 17 lowercase hexadecimal digits, such as `vpc-0a1b2c3d`")
            return nil
        }
        return word.text
    }
}
