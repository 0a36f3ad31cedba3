import Foundation
import IAMPolicy

// Software on an EC2 instance gets the role of the instance's profile through the instance metadata
// service (IMDS): no access key is stored on the instance, and the credentials are rotated before they
// expire. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html
extension Sandbox {
    /// How long IMDS credentials last. AWS does not promise a figure; six hours is what instances are
    /// observed to receive, and scenarios should not depend on more than "hours".
    public static let instanceCredentialLifetime: TimeInterval = 6 * 3_600
    /// New credentials are available at least five minutes before the old ones expire.
    /// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
    public static let instanceCredentialRefresh: TimeInterval = 5 * 60

    /// The key id of the credentials the instance's metadata service serves now, issuing new ones when the
    /// instance has none yet, its role changed, or the current ones are within five minutes of expiry.
    mutating func instanceCredentials(_ id: String) -> Result<String, AWSError> {
        guard var instance = world.instances[id] else { return .failure(AWSError("NoSuchEntity", "no instance `\(id)`")) }
        guard let account = world.accounts[instance.account] else { return .failure(AWSError("NoSuchEntity", "no account \(instance.account)")) }
        guard let profileName = instance.profileName, let profile = account.instanceProfiles[profileName] else {
            return .failure(AWSError("NoSuchEntity", "\(id) has no instance profile: its metadata service serves no credentials"))
        }
        guard let roleName = profile.roleName, let role = account.roles[roleName] else {
            return .failure(AWSError("NoSuchEntity", "the instance profile \(profileName) holds no role: the metadata service serves no credentials"))
        }
        if let key = instance.currentCredentials, let current = credentials[key], current.roleName == roleName,
           current.roleUniqueID == role.uniqueID,
           let expiry = current.expiresAt, world.now < expiry.addingTimeInterval(-Self.instanceCredentialRefresh) {
            return .success(key)
        }
        // EC2 assumes the role on the instance's behalf: the trust policy must let ec2.amazonaws.com do it.
        var set = PolicySet(resource: role.trust.policy)
        if let organization = world.organization { set.rcps = organization.rcpLevels(for: account.id) }
        let request = AuthorizationRequest(caller: Caller(kind: .service, identifier: "ec2.amazonaws.com"),
                                           action: "sts:AssumeRole", resource: account.roleARN(role), resourceAccount: account.id)
        let result = Evaluator().evaluate(request, policies: set, explain: true)
        lastAuthorization = Authorization(request: request, policies: set, result: result,
                                          policyNames: [("trust policy of \(role.name)", role.trust.name)])
        guard result.decision == .allowed else {
            return .failure(AWSError("AccessDenied", "the trust policy of \(role.name) does not let ec2.amazonaws.com assume it: the metadata service serves no credentials",
                                     evaluation: result))
        }
        var issued = Credentials(accessKeyID: nextKey(prefix: "ASIA"), kind: .roleSession, account: account.id,
                                 roleName: roleName, sessionName: id, issuedAt: world.now,
                                 expiresAt: world.now.addingTimeInterval(Self.instanceCredentialLifetime))
        issued.instanceID = id
        issued.roleUniqueID = role.uniqueID
        credentials.insert(issued)
        instance.currentCredentials = issued.accessKeyID
        world.instances[id] = instance
        return .success(issued.accessKeyID)
    }
}
