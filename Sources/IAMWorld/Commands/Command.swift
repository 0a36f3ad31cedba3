import Diagnostics
import Foundation
import IAMPolicy

/// A policy document passed to a command: a named `document` of a scenario, a file, or inline JSON.
public struct Document: Sendable, Codable {
    /// The `document` name (`@NAME`), nil for inline JSON or a file.
    public var name: String?
    public var text: String
    /// Where the text comes from, for diagnostics: the scenario file, or the policy file.
    public var file: String
    /// The position of the text's first character in `file`.
    public var start: SourceLocation

    public init(name: String? = nil, text: String, file: String, start: SourceLocation = SourceLocation(line: 1, column: 1)) {
        self.name = name
        self.text = text
        self.file = file
        self.start = start
    }

    /// Parses the document as a policy of `kind`; diagnostics point into `file` at the document's place.
    public func parse(kind: PolicyKind, id: String? = nil) -> (policy: Policy?, diagnostics: [Diagnostic]) {
        // Pad the text so that the JSON reader's line and column are the file's.
        let padded = String(repeating: "\n", count: max(0, start.line - 1)) + String(repeating: " ", count: max(0, start.column - 1)) + text
        return PolicyParser.parse(padded, id: id ?? name ?? "inline", kind: kind, file: file)
    }

    /// The document as a stored policy of `kind` named `name`, or `MalformedPolicyDocument` with the first
    /// problem, as IAM and STS answer a policy they cannot accept.
    public func namedPolicy(kind: PolicyKind, name: String) throws(AWSError) -> NamedPolicy {
        let result = parse(kind: kind, id: name)
        guard let policy = result.policy else {
            let first = result.diagnostics.first { $0.severity == .error }
            throw AWSError("MalformedPolicyDocument", first.map { "\($0.locationText): \($0.message)" } ?? "the policy is not valid")
        }
        return NamedPolicy(name: name, text: text, policy: policy)
    }
}

/// Which IAM entity a change names.
public enum EntityKind: String, Sendable, Codable, CaseIterable {
    case user
    case group
    case role
}

/// The options of `as service`: the service principal and the resource it acts for.
public struct ServiceCallerOptions: Sendable, Codable {
    /// The service principal, such as `lambda.amazonaws.com`.
    public var principal: String
    /// The account that owns the resource the service acts for (`aws:SourceAccount`).
    public var sourceAccount: String?
    /// The resource the service acts for (`aws:SourceArn`).
    public var sourceARN: String?

    public init(principal: String, sourceAccount: String? = nil, sourceARN: String? = nil) {
        self.principal = principal
        self.sourceAccount = sourceAccount
        self.sourceARN = sourceARN
    }
}

/// The options of `assume` (STS AssumeRole).
public struct AssumeRoleOptions: Sendable, Codable {
    public var role: String
    public var sessionName: String?
    public var externalID: String?
    public var serialName: String?
    public var mfaCode: String?
    public var duration: TimeInterval?
    public var policy: Document?
    public var policyARNs: [String] = []
    public var sourceIdentity: String?
    @CodablePairs public var tags: [(key: String, value: String)] = []
    public var transitiveTagKeys: [String] = []

    public init(role: String) { self.role = role }
}

/// The options of `assume-saml` (STS AssumeRoleWithSAML with an assertion from a registered provider).
public struct SAMLOptions: Sendable, Codable {
    public var role: String
    public var provider: String
    public var subject: String
    /// The assertion's audience; AWS requires `https://signin.aws.amazon.com/saml`.
    public var audience: String = "https://signin.aws.amazon.com/saml"
    public var duration: TimeInterval?
    /// The assertion's `SessionDuration` attribute.
    public var sessionDuration: TimeInterval?
    /// The assertion's `SessionNotOnOrAfter`, from now.
    public var validFor: TimeInterval?
    /// Whether the assertion's `Role` attribute lists this role and provider (it must, for AWS to accept it).
    public var listsRole = true
    /// Session tags, transitive tag keys and source identity the assertion carries (its `PrincipalTag:KEY`,
    /// `TransitiveTagKeys` and `SourceIdentity` attributes).
    public var session = FederatedSessionAttributes()

    public init(role: String, provider: String, subject: String) {
        self.role = role
        self.provider = provider
        self.subject = subject
    }
}

/// What a SAML assertion or a web identity token may pass to the session besides the identity.
public struct FederatedSessionAttributes: Sendable, Codable {
    @CodablePairs public var tags: [(key: String, value: String)] = []
    public var transitiveTagKeys: [String] = []
    public var sourceIdentity: String?

    public init() {}
}

/// The options of `assume-web` (STS AssumeRoleWithWebIdentity with a token from an OIDC provider).
public struct WebIdentityOptions: Sendable, Codable {
    public var role: String
    /// The provider's host (`token.actions.githubusercontent.com`, `accounts.google.com`).
    public var provider: String
    public var subject: String
    public var audience: String
    public var duration: TimeInterval?
    /// How long the token stays valid from now (default 1 hour).
    public var tokenValidFor: TimeInterval = 3_600
    /// Session tags, transitive tag keys and source identity the token carries (its
    /// `https://aws.amazon.com/tags` and `https://aws.amazon.com/source_identity` claims).
    public var session = FederatedSessionAttributes()
    /// Cognito identity pools: the token's `amr` values (`authenticated` or `unauthenticated`, and the login
    /// provider), which trust policies test as `cognito-identity.amazonaws.com:amr`.
    public var amr: [String] = []

    public init(role: String, provider: String, subject: String, audience: String) {
        self.role = role
        self.provider = provider
        self.subject = subject
        self.audience = audience
    }
}

/// A call to authorise: `can ACTION RESOURCE`.
public struct CallOptions: Sendable, Codable {
    public var action: String
    public var resource: String
    public var sourceIP: String?
    public var region: String?
    /// The VPC endpoint the request goes through (`--via vpce-ID`), if any.
    public var via: String?
    @CodablePairs public var context: [(key: String, value: String)] = []

    public init(action: String, resource: String) {
        self.action = action
        self.resource = resource
    }
}

/// One command of the sandbox prompt or one step of a scenario.
public enum Command: Sendable, Codable {
    case asUser(String)
    case asRoot(String)
    case asInstance(String)
    case asSession(String)
    /// `as service PRINCIPAL`: an AWS service acting for a resource of a customer (`--source-account`,
    /// `--source-arn`), as when S3 delivers an event to a Lambda function or CloudTrail writes to a bucket.
    case asService(ServiceCallerOptions)
    case whoami
    case assume(AssumeRoleOptions)
    case assumeSAML(SAMLOptions)
    case assumeWeb(WebIdentityOptions)
    case getSessionToken(duration: TimeInterval?, serialName: String?, mfaCode: String?)
    case getFederationToken(name: String, policy: Document?, duration: TimeInterval?)
    /// A change made by an AWS service rather than the account's administrator (`--by sso.amazonaws.com`:
    /// IAM Identity Center provisioning the role of a permission set).
    indirect case byService(String, Command)
    /// STS AssumeRoot: a privileged root session in a member account, scoped by a task policy.
    case assumeRoot(account: String, taskPolicy: String, duration: TimeInterval?)
    case can(CallOptions)
    case advance(TimeInterval)
    case exitRole
    case explain
    case policies
    case help
    case putPolicy(EntityKind, entity: String, name: String, Document)
    case deletePolicy(EntityKind, entity: String, name: String)
    case setTrust(role: String, Document)
    case setBoundary(EntityKind, entity: String, Document)
    case clearBoundary(EntityKind, entity: String)
    case putResourcePolicy(arn: String, Document)
    case attachSCP(name: String, target: String, Document)
    case detachSCP(name: String, target: String)
    case createRole(String, trust: Document, createdWith: CreatedWith)
    case deleteRole(String)
    case deleteServiceLinkedRole(String)
    /// IAM UpdateRole --max-session-duration.
    case setMaxSession(role: String, TimeInterval)
    /// The resource is deleted: its policy goes, and service-linked roles no longer count it as a use.
    case deleteResource(arn: String)
    case addRoleToProfile(profile: String, role: String)
    case associateProfile(instance: String, profile: String)
    case replaceProfile(instance: String, profile: String)
    case disassociateProfile(instance: String)
}
