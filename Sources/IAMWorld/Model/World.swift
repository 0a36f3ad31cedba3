import Foundation
import IAMPolicy

/// The simulated AWS: accounts, the organization, resources, instances, and a clock.
///
/// A value type: a copy is a snapshot, so a scenario can be re-run from its initial world.
public struct World: Sendable, Codable {
    public var accounts: [String: Account] = [:]
    public var organization: Organization?
    /// Resources with owners and policies, by ARN.
    public var resources: [String: Resource] = [:]
    /// EC2 instances by id.
    public var instances: [String: Instance] = [:]
    /// VPC endpoints by id (`vpce-...`).
    public var endpoints: [String: VPCEndpoint] = [:]
    public var now: Date
    public var region: String
    /// Where calls come from unless a call says otherwise (`aws:SourceIp`).
    public var sourceIP: String
    /// How many unique ids IAM has handed out (roles get `AROA` and a number from it).
    var uniqueIDsIssued = 0

    public static let defaultStart = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    public init(now: Date = World.defaultStart, region: String = "us-east-1", sourceIP: String = "198.51.100.10") {
        self.now = now
        self.region = region
        self.sourceIP = sourceIP
    }

    /// An account by id or alias.
    public func accountID(named text: String) -> String? {
        if accounts[text] != nil { return text }
        return accounts.values.first { $0.alias == text }?.id
    }

    /// `ACCOUNT/NAME` (the account by id or alias), or a role or user ARN: the account id and the name.
    public func split(_ reference: String) -> (account: String, name: String)? {
        if let arn = ARN(reference), arn.service == "iam" {
            let name = arn.resource.split(separator: "/").last.map(String.init) ?? ""
            return accounts[arn.account] == nil || name.isEmpty ? nil : (arn.account, name)
        }
        guard let slash = reference.firstIndex(of: "/") else { return nil }
        let name = String(reference[reference.index(after: slash)...])
        guard !name.isEmpty, let id = accountID(named: String(reference[..<slash])) else { return nil }
        return (id, name)
    }

    /// The owner of a resource: declared, or the account field of its ARN.
    public func owner(of resource: String) -> String? {
        if let declared = resourceEntry(for: resource) { return declared.owner }
        if let arn = ARN(resource), Account.isValidID(arn.account) { return arn.account }
        return nil
    }

    /// The declared resource that holds the policy for `arn`: the ARN itself, or the bucket of an S3
    /// object (`arn:aws:s3:::bucket/key` is governed by the policy of `arn:aws:s3:::bucket`).
    public func resourceEntry(for arn: String) -> Resource? {
        if let exact = resources[arn] { return exact }
        if arn.hasPrefix("arn:aws:s3:::"), let slash = arn.firstIndex(of: "/") {
            return resources[String(arn[..<slash])]
        }
        return nil
    }

    /// The role and account a role ARN or `ACCOUNT/NAME` names. An ARN must be exactly the role's:
    /// partition `aws`, resource type `role`, and the role's path.
    public func role(_ reference: String) -> (account: Account, role: Role)? {
        guard let (id, name) = split(reference), let account = accounts[id], let role = account.roles[name] else { return nil }
        if reference.hasPrefix("arn:"), reference != account.roleARN(role) { return nil }
        return (account, role)
    }
}
