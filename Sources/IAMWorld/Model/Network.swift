import Diagnostics
import Foundation
import IAMPolicy

/// A VPC endpoint: requests sent through it (`can ... --via vpce-ID`) must be allowed by its policy, and
/// carry `aws:SourceVpce`, `aws:SourceVpc` and `aws:VpcSourceIp` instead of `aws:SourceIp`.
/// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
public struct VPCEndpoint: Sendable, Codable {
    /// `vpce-` and 8 or 17 lowercase hexadecimal digits.
    public var id: String
    /// The account that owns the VPC and the endpoint.
    public var account: String
    /// The VPC the endpoint is in, when the scenario names it (`vpc-` and 8 or 17 hexadecimal digits).
    public var vpc: String?
    /// The endpoint policy; nil is AWS's default policy, which allows everything.
    public var policy: NamedPolicy?

    public init(id: String, account: String, vpc: String? = nil, policy: NamedPolicy? = nil) {
        self.id = id
        self.account = account
        self.vpc = vpc
        self.policy = policy
    }

    /// The VPC the endpoint is in: the declared one, or for an endpoint whose VPC the scenario does not
    /// name, a stable made-up id. AWS always sends `aws:SourceVpc` with a request through an endpoint, so
    /// the key is present either way; a made-up id matches no VPC a policy names.
    public var sourceVPC: String {
        if let vpc { return vpc }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return "vpc-0" + String(format: "%016llx", hash)
    }

    /// The policy requests through the endpoint must satisfy: the declared one, or AWS's default.
    public var effectivePolicy: NamedPolicy { policy ?? Self.defaultPolicy(for: id) }

    /// AWS's default endpoint policy, which grants full access through the endpoint ("Default endpoint
    /// policy" on vpc-endpoints-access.html), named after the endpoint so that traces say whose it is.
    public static func defaultPolicy(for id: String) -> NamedPolicy {
        let name = "\(id) (default)"
        let parsed = PolicyParser.parse(defaultPolicyText, id: name, kind: .endpoint).policy
        let policy = parsed ?? Policy(id: name, kind: .endpoint, version: .v2012_10_17, statements: [],
                                      range: SourceRange(line: 1, column: 1, length: 1))
        return NamedPolicy(name: name, text: defaultPolicyText, policy: policy)
    }

    /// The documented default policy, as AWS shows it (without a `Version`).
    public static let defaultPolicyText = #"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}"#

    /// `vpce-` followed by 8 or 17 lowercase hexadecimal digits, the two lengths of EC2 resource ids.
    /// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html
    public static func isEndpointID(_ text: String) -> Bool { isResourceID(text, prefix: "vpce-") }

    /// `vpc-` followed by 8 or 17 lowercase hexadecimal digits.
    public static func isVPCID(_ text: String) -> Bool { isResourceID(text, prefix: "vpc-") }

    static func isResourceID(_ text: String, prefix: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let digits = text.utf8.dropFirst(prefix.utf8.count)
        return (digits.count == 8 || digits.count == 17)
            && digits.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}

/// KMS key aliases: `alias/NAME` on a declared key stands for the key in cryptographic operations.
/// https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html
public enum KMSAlias {
    /// `alias/` and then letters, digits, `/`, `_` and `-`, 256 characters in all (CreateAlias's
    /// AliasName); `alias/aws/` is AWS's, checked apart (`isReserved`).
    /// https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
    public static func isValidName(_ text: String) -> Bool {
        guard text.hasPrefix("alias/"), text.utf8.count <= 256, text.utf8.count > 6 else { return false }
        return text.utf8.dropFirst(6).allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2F || c == 0x5F || c == 0x2D
        }
    }

    /// Aliases under `alias/aws/` belong to AWS managed keys; no customer key can have one.
    public static func isReserved(_ text: String) -> Bool { text.hasPrefix("alias/aws/") }

    /// The ARN of `alias` (`alias/NAME`) in the account and Region of the key `keyARN`.
    public static func arn(of alias: String, besideKey keyARN: String) -> String? {
        guard let key = ARN(keyARN) else { return nil }
        return "arn:\(key.partition):kms:\(key.region):\(key.account):\(alias)"
    }

    /// Whether the ARN names a KMS key (`key/ID`).
    public static func isKeyARN(_ arn: String) -> Bool {
        guard let parsed = ARN(arn) else { return false }
        return parsed.service == "kms" && parsed.resource.hasPrefix("key/")
    }

    /// The IAM actions whose request may name the key by an alias: the cryptographic operations,
    /// `DescribeKey` and `GetPublicKey` (lowercase). The alias operations act on the alias itself.
    /// https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html ("You can use an alias to
    /// identify a KMS key ... in the DescribeKey operation and in cryptographic operations")
    public static let actionsTakingAlias: Set<String> = [
        "kms:decrypt", "kms:encrypt", "kms:generatedatakey", "kms:generatedatakeypair",
        "kms:generatedatakeypairwithoutplaintext", "kms:generatedatakeywithoutplaintext", "kms:generatemac",
        "kms:reencryptfrom", "kms:reencryptto", "kms:sign", "kms:verify", "kms:verifymac", "kms:derivesharedsecret",
        "kms:describekey", "kms:getpublickey",
    ]
}

extension World {
    /// Adds a VPC endpoint of a declared account; its id is new.
    public mutating func addEndpoint(_ endpoint: VPCEndpoint) throws(AWSError) {
        guard accounts[endpoint.account] != nil else { throw AWSError("NoSuchEntity", "no account \(endpoint.account)") }
        guard VPCEndpoint.isEndpointID(endpoint.id) else {
            throw AWSError.validation("a VPC endpoint id is `vpce-` and 8 or 17 hexadecimal digits, not `\(endpoint.id)`")
        }
        guard endpoints[endpoint.id] == nil else { throw AWSError("EntityAlreadyExists", "VPC endpoint \(endpoint.id) is already declared") }
        endpoints[endpoint.id] = endpoint
    }

    /// The declared KMS key an alias ARN (`arn:aws:kms:REGION:ACCOUNT:alias/NAME`) stands for.
    public func kmsKey(forAlias arn: String) -> Resource? {
        guard let parsed = ARN(arn), parsed.service == "kms", parsed.resource.hasPrefix("alias/") else { return nil }
        let prefix = "arn:\(parsed.partition):kms:\(parsed.region):\(parsed.account):key/"
        return resources.values.first { $0.arn.hasPrefix(prefix) && $0.aliases.contains(parsed.resource) }
    }
}
