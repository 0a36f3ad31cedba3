import Foundation
import IAMPolicy

/// An AWS Organizations tree: a root, organizational units, member accounts, and the service and resource
/// control policies attached to each node.
///
/// Every node has AWS's `FullAWSAccess` SCP (and `RCPFullAWSAccess` RCP) attached unless detached, as a new
/// organization does. The management account is never restricted by SCPs or RCPs.
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
public struct Organization: Sendable, Codable {
    /// `o-` and ten characters, derived from the management account.
    public var id: String
    public var managementAccount: String
    /// OU paths (`workloads`, `workloads/prod`); the root is `root`.
    public var units: [String] = []
    /// The OU path of each member account; an account not listed is directly under the root.
    public var placement: [String: String] = [:]
    /// SCPs by target (`root`, an OU path or an account id).
    public var scps: [String: [NamedPolicy]] = [:]
    public var rcps: [String: [NamedPolicy]] = [:]
    /// Targets whose `FullAWSAccess` SCP was detached.
    public var fullAccessDetached: Set<String> = []
    /// Accounts that belong to the organization (the management account included).
    public var members: Set<String> = []
    /// Centralized root access for member accounts (since November 2024): the management account may start
    /// privileged root sessions in member accounts with `sts:AssumeRoot`.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html
    public var centralizedRootAccess = false

    public static let rootTarget = "root"

    public init(managementAccount: String) {
        self.managementAccount = managementAccount
        id = "o-" + String(managementAccount.suffix(10))
        members = [managementAccount]
    }

    /// The nodes from the root down to the account: `root`, each OU path, the account id.
    public func levels(of account: String) -> [String] {
        var levels = [Self.rootTarget]
        if let path = placement[account] {
            let parts = path.split(separator: "/").map(String.init)
            for i in parts.indices { levels.append(parts[0...i].joined(separator: "/")) }
        }
        levels.append(account)
        return levels
    }

    /// `aws:PrincipalOrgPaths` of an account: `o-id/r-root/ou-.../`.
    public func path(of account: String) -> String {
        var text = "\(id)/r-root/"
        for level in levels(of: account).dropFirst().dropLast() {
            text += "ou-\(level.split(separator: "/").last ?? "")/"
        }
        return text
    }

    static let fullAccessText = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}
        """
    static let fullAccessSCP: Policy = PolicyParser.parse(fullAccessText, id: "FullAWSAccess", kind: .scp).policy!
    static let fullAccessRCP: Policy = PolicyParser.parse(
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#,
        id: "RCPFullAWSAccess", kind: .rcp).policy!

    /// AWS's FullAWSAccess as attached at one level, named with the level so that a trace tells the
    /// levels apart (`FullAWSAccess on workloads`).
    static func fullAccess(at level: String) -> Policy {
        let base = fullAccessSCP
        return Policy(id: "FullAWSAccess on \(level)", kind: .scp, version: base.version, statements: base.statements, range: base.range)
    }

    /// The SCPs that restrict principals of `account`, one array per level; empty for the management
    /// account and accounts outside the organization.
    public func scpLevels(for account: String) -> [[Policy]] {
        guard members.contains(account), account != managementAccount else { return [] }
        return levels(of: account).map { level in
            (fullAccessDetached.contains(level) ? [] : [Self.fullAccess(at: level)]) + (scps[level] ?? []).map(\.policy)
        }
    }

    /// The RCPs that restrict resources of `account`, one array per level (only when some RCP is attached).
    public func rcpLevels(for account: String) -> [[Policy]] {
        guard members.contains(account), account != managementAccount, !rcps.isEmpty else { return [] }
        return levels(of: account).map { level in [Self.fullAccessRCP] + (rcps[level] ?? []).map(\.policy) }
    }
}
