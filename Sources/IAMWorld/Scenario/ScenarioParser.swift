import Diagnostics
import Foundation
import IAMPolicy

// Scenario text (docs/scenario-format.md) -> `Scenario`: the header, a `World` built through the
// World+Changes methods (so IAM's own rules hold), the named documents, and steps whose commands are
// parsed with `CommandParser` and checked against the world before anything runs.
//
// Diagnostic codes (stable: tests, docs/scenario-format.md and users refer to them). Policies in the file
// report their own codes (`J001`, `P001`...) at their position in the file; step commands report `C001`...
//
//   S001  the file does not start with `scenario: ID`
//   S002  malformed header value: scenario id, `title`, `reference`, `start` time, `region`, `source-ip`
//   S003  given twice: a header field, a single-valued attribute, or the same policy name, tag key, group,
//         MFA device, audience, OU, member, SCP or detached target in one declaration
//   S004  unknown line at column 1 (with did-you-mean over the header fields, declarations and `step`)
//   S005  unknown attribute (with did-you-mean), or an attribute under a line that takes none
//   S006  an indented line that belongs to nothing: outside a declaration, or under an attribute that
//         takes no JSON document
//   S007  a line of the wrong shape: missing or extra words, no `:` or no JSON document after it
//   S008  malformed name: account id or alias, `ACCOUNT/NAME`, user, group, role, profile, instance,
//         provider, policy, document or step name, ARN, VPC endpoint or VPC id, KMS alias
//   S009  malformed or impossible value: path, duration, `max-session` outside 1h to 12h, tag, MFA code,
//         `created-with`, service, OU path, an owner that is not the ARN's account, what IAM refuses,
//         an alias on what is not a KMS key or under `alias/aws/`, an endpoint policy over 20,480 characters
//   S010  unknown account (with did-you-mean over the ids and aliases)
//   S011  a declaration names something not declared: a group, role, instance profile, OU or SCP target
//   S012  duplicate declaration: account, alias, user, group, role, instance profile, instance, provider,
//         resource, document, organization, VPC endpoint, a KMS alias naming two keys
//   S013  missing required attribute: a role's `trust`, a resource's `owner` when its ARN has no account
//   S014  malformed step line: no `:` after `step` or its name, or no command
//   S015  duplicate step name
//   S016  unknown outcome after `expect:` (with did-you-mean)
//   S017  a step names a user, group, role, instance, instance profile, identity provider, resource,
//         organization target or VPC endpoint that is not declared (nor created by an earlier step)

/// Parses scenario files.
public enum ScenarioParser {
    /// Parses `text`; `file` names it in diagnostics and `baseDirectory` is where `file://PATH` documents
    /// of its steps are read from.
    ///
    /// Every problem of the file is reported, sorted by position; `scenario` is nil when one is an error.
    public static func parse(_ text: String, file: String, baseDirectory: String) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
        var builder = ScenarioBuilder(text: text, file: file, baseDirectory: baseDirectory)
        let scenario = builder.run()
        var seen = Set<Diagnostic>()
        // A document used by several steps is checked once per use; its problems are reported once.
        // Policy warnings the file accepts with `allow: CODE REASON` (a step that shows what the warning is about).
        let allowed = builder.allowedWarnings
        let unique = builder.diagnostics.filter { seen.insert($0).inserted && !($0.severity == .warning && allowed.contains($0.code)) }
        let diagnostics = Diagnostic.sortedForDisplay(unique)
        return (diagnostics.hasErrors ? nil : scenario, diagnostics)
    }

    /// The lines that may start at column 1 before the scenario's declarations.
    public static let headerFields = ["scenario", "title", "reference", "start", "region", "source-ip", "allow"]

    /// The warnings a scenario may accept with `allow: CODE REASON`: the policy checks (W201 to W207), which a
    /// scenario may trip on purpose to show what they catch.
    public static let allowableWarnings: Set<String> = Set(PolicyWarningCode.allCases.map(\.rawValue))

    /// The declarations of the world.
    public static let declarations = [
        "account", "organization", "user", "group", "role", "instance-profile", "instance", "saml-provider",
        "oidc-provider", "resource", "vpc-endpoint", "document",
    ]

    /// Every word that may start a line at column 1.
    public static let keywords = headerFields + declarations + ["step"]

    /// What each declaration (and `step`) accepts on its indented lines.
    static let attributes: [String: [ScenarioAttributeSpec]] = [
        "account": [],
        "saml-provider": [],
        "organization": [
            ScenarioAttributeSpec("ou", usage: "ou PATH", repeatable: true),
            ScenarioAttributeSpec("member", usage: "member ACCOUNT in PATH", repeatable: true),
            ScenarioAttributeSpec("scp", usage: "scp NAME on TARGET: JSON", repeatable: true, document: true),
            ScenarioAttributeSpec("rcp", usage: "rcp NAME on TARGET: JSON", repeatable: true, document: true),
            ScenarioAttributeSpec("detach-full-access", usage: "detach-full-access TARGET", repeatable: true),
            ScenarioAttributeSpec("root-access", usage: "root-access: centralized"),
        ],
        "user": [
            ScenarioAttributeSpec("path", usage: "path: /PATH/"),
            ScenarioAttributeSpec("group", usage: "group: NAME", repeatable: true),
            ScenarioAttributeSpec("policy", usage: "policy NAME: JSON", repeatable: true, document: true),
            ScenarioAttributeSpec("boundary", usage: "boundary NAME: JSON", document: true),
            ScenarioAttributeSpec("tag", usage: "tag: KEY=VALUE", repeatable: true),
            ScenarioAttributeSpec("mfa", usage: "mfa: SERIAL-NAME CODE", repeatable: true),
        ],
        "group": [
            ScenarioAttributeSpec("policy", usage: "policy NAME: JSON", repeatable: true, document: true),
        ],
        "role": [
            ScenarioAttributeSpec("trust", usage: "trust: JSON", document: true),
            ScenarioAttributeSpec("path", usage: "path: /PATH/"),
            ScenarioAttributeSpec("policy", usage: "policy NAME: JSON", repeatable: true, document: true),
            ScenarioAttributeSpec("boundary", usage: "boundary NAME: JSON", document: true),
            ScenarioAttributeSpec("max-session", usage: "max-session: DURATION"),
            ScenarioAttributeSpec("tag", usage: "tag: KEY=VALUE", repeatable: true),
            ScenarioAttributeSpec("service-linked", usage: "service-linked: SERVICE"),
            ScenarioAttributeSpec("created-with", usage: "created-with: console|cli"),
            ScenarioAttributeSpec("used-by", usage: "used-by: RESOURCE", repeatable: true),
        ],
        "instance-profile": [ScenarioAttributeSpec("role", usage: "role: ROLE-NAME")],
        "instance": [
            ScenarioAttributeSpec("profile", usage: "profile: NAME"),
            ScenarioAttributeSpec("vpc", usage: "vpc: VPC-ID"),
            ScenarioAttributeSpec("private-ip", usage: "private-ip: IP"),
            ScenarioAttributeSpec("imds", usage: "imds: v1 | v2"),
        ],
        "oidc-provider": [ScenarioAttributeSpec("audience", usage: "audience: CLIENT-ID", repeatable: true)],
        "resource": [
            ScenarioAttributeSpec("owner", usage: "owner: ACCOUNT"),
            ScenarioAttributeSpec("policy", usage: "policy: JSON", document: true),
            ScenarioAttributeSpec("alias", usage: "alias: alias/NAME", repeatable: true),
            ScenarioAttributeSpec("tag", usage: "tag: KEY=VALUE", repeatable: true),
            ScenarioAttributeSpec("abac", usage: "abac: enabled"),
        ],
        "vpc-endpoint": [
            ScenarioAttributeSpec("vpc", usage: "vpc: VPC-ID"),
            ScenarioAttributeSpec("policy", usage: "policy: JSON", document: true),
        ],
        "step": [
            ScenarioAttributeSpec("expect", usage: "expect: OUTCOME"),
            ScenarioAttributeSpec("note", usage: "note: TEXT"),
        ],
    ]

    /// The usage of each declaration line, for messages about its shape.
    static let declarationUsage: [String: String] = [
        "account": "account ID [ALIAS]",
        "organization": "organization MANAGEMENT-ACCOUNT",
        "user": "user ACCOUNT/NAME",
        "group": "group ACCOUNT/NAME",
        "role": "role ACCOUNT/NAME",
        "instance-profile": "instance-profile ACCOUNT/NAME",
        "instance": "instance ACCOUNT/ID",
        "saml-provider": "saml-provider ACCOUNT/NAME",
        "oidc-provider": "oidc-provider ACCOUNT/HOST",
        "resource": "resource ARN",
        "vpc-endpoint": "vpc-endpoint ACCOUNT/VPCE-ID",
        "document": "document NAME: JSON",
    ]
}

/// One attribute a declaration accepts.
struct ScenarioAttributeSpec: Sendable {
    var name: String
    var usage: String
    var repeatable: Bool
    /// Whether a JSON document follows the attribute's colon.
    var takesDocument: Bool

    init(_ name: String, usage: String, repeatable: Bool = false, document: Bool = false) {
        self.name = name
        self.usage = usage
        self.repeatable = repeatable
        self.takesDocument = document
    }
}
