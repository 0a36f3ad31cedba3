import Testing
@testable import IAMPolicy

/// A matcher case: pattern, input, expected, and the rule it checks.
struct MatchCase: CustomTestStringConvertible, Sendable {
    var pattern: String
    var input: String
    var matches: Bool
    var rule: String
    var testDescription: String { "\(rule): `\(pattern)` vs `\(input)`" }
}

@Suite("Action matching")
struct ActionMatchingTests {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
    // Rule: actions match case-insensitively; `*` is any run of characters, `?` exactly one.
    static let cases: [MatchCase] = [
        MatchCase(pattern: "s3:GetObject", input: "s3:getobject", matches: true, rule: "action names ignore case"),
        MatchCase(pattern: "S3:GETOBJECT", input: "s3:GetObject", matches: true, rule: "service prefixes ignore case"),
        MatchCase(pattern: "s3:Get*", input: "s3:GetObjectAcl", matches: true, rule: "a trailing * matches any suffix"),
        MatchCase(pattern: "s3:Get*", input: "s3:PutObject", matches: false, rule: "a prefix must match"),
        MatchCase(pattern: "*", input: "iam:CreateUser", matches: true, rule: "* alone matches every action"),
        MatchCase(pattern: "s3:*", input: "ec2:RunInstances", matches: false, rule: "s3:* is only S3"),
        MatchCase(pattern: "iam:*AccessKey*", input: "iam:CreateAccessKey", matches: true, rule: "* in the middle of a name"),
        MatchCase(pattern: "iam:*AccessKey*", input: "iam:ListAccessKeys", matches: true, rule: "* on both sides"),
        MatchCase(pattern: "ec2:?escribeInstances", input: "ec2:DescribeInstances", matches: true, rule: "? matches one character"),
        MatchCase(pattern: "ec2:??scribeInstances", input: "ec2:DescribeInstances", matches: true, rule: "?? matches two"),
        MatchCase(pattern: "ec2:?DescribeInstances", input: "ec2:DescribeInstances", matches: false, rule: "? must consume a character"),
        MatchCase(pattern: "s3:GetObject", input: "s3:GetObjectAcl", matches: false, rule: "no implicit suffix"),
        MatchCase(pattern: "s3:GetObject*", input: "s3:GetObject", matches: true, rule: "* matches the empty string"),
        MatchCase(pattern: "sts:AssumeRole*", input: "sts:AssumeRoleWithSAML", matches: true, rule: "AssumeRole* covers the federation variants"),
        MatchCase(pattern: "sts:AssumeRole", input: "sts:AssumeRoleWithWebIdentity", matches: false, rule: "AssumeRole alone is only AssumeRole"),
    ]

    @Test(arguments: cases)
    func matches(_ c: MatchCase) {
        let pattern = ActionPattern(c.pattern, range: .init(line: 1, column: 1))
        #expect(pattern.matches(loweredAction: c.input.lowercased()) == c.matches)
    }
}

@Suite("Resource ARN matching")
struct ResourceMatchingTests {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
    // Rules: ARNs match case-sensitively; wildcards match within a colon-separated segment; a `*` that
    // ends a segment may expand beyond the colon; in the resource part (after the fifth colon) `*`
    // matches anything, `/` and `:` included.
    static let cases: [MatchCase] = [
        MatchCase(pattern: "arn:aws:s3:::bucket/*", input: "arn:aws:s3:::bucket/a/b/c.txt", matches: true, rule: "* spans / in the resource part"),
        MatchCase(pattern: "arn:aws:s3:::bucket/*", input: "arn:aws:s3:::Bucket/a", matches: false, rule: "resources are case-sensitive"),
        MatchCase(pattern: "arn:aws:iam::123456789012:user/Bob", input: "arn:aws:iam::123456789012:user/bob", matches: false, rule: "IAM user names in Resource are case-sensitive"),
        MatchCase(pattern: "arn:aws:s3:::bucket", input: "arn:aws:s3:::bucket/key", matches: false, rule: "a bucket ARN does not cover its objects"),
        MatchCase(pattern: "*", input: "arn:aws:sqs:us-east-1:123456789012:queue", matches: true, rule: "* covers every resource"),
        MatchCase(pattern: "arn:aws:sqs:*:123456789012:queue", input: "arn:aws:sqs:eu-west-1:123456789012:queue", matches: true, rule: "* covers a whole region segment"),
        MatchCase(pattern: "arn:aws:sqs:us-*-1:123456789012:q", input: "arn:aws:sqs:us-east-1:123456789012:q", matches: true, rule: "* inside a segment"),
        MatchCase(pattern: "arn:aws:sqs:us-*1:123456789012:q", input: "arn:aws:sqs:us-east:1:123456789012:q", matches: false, rule: "a * inside a segment does not cross a colon"),
        MatchCase(pattern: "arn:aws:sqs:*", input: "arn:aws:sqs:us-east-1:123456789012:queue", matches: true, rule: "a * ending a segment expands across colons"),
        MatchCase(pattern: "arn:aws:iam::*:role/Admin", input: "arn:aws:iam::111122223333:role/Admin", matches: true, rule: "* as the account segment"),
        MatchCase(pattern: "arn:aws:ec2:us-east-?:*:instance/*", input: "arn:aws:ec2:us-east-2:111122223333:instance/i-1", matches: true, rule: "? in the region segment"),
        MatchCase(pattern: "arn:aws:ec2:us-east-1?*:instance/*", input: "arn:aws:ec2:us-east-1:111122223333:instance/i-1", matches: false, rule: "? does not match the colon between segments"),
        MatchCase(pattern: "arn:aws:logs:us-east-1:111122223333:log-group:app:*", input: "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:x", matches: true, rule: "colons inside the resource part are ordinary characters"),
        MatchCase(pattern: "arn:aws:s3:::bucket/home/${aws:username}/*", input: "arn:aws:s3:::bucket/home/${aws:username}/x", matches: true, rule: "without expansion, ${...} is literal text"),
        MatchCase(pattern: "arn:aws:dynamodb:us-east-1:111122223333:table/Books", input: "arn:aws:dynamodb:us-east-1:111122223333:table/Books/index/ByAuthor", matches: false, rule: "no implicit suffix"),
        MatchCase(pattern: "arn:aws:s3:::b/?", input: "arn:aws:s3:::b/", matches: false, rule: "? must consume a character"),
    ]

    @Test(arguments: cases)
    func matches(_ c: MatchCase) {
        #expect(ARNPattern(c.pattern).matches(c.input) == c.matches)
    }

    @Test("a pattern of 50 stars against 10,000 characters finishes at once (linear time)")
    func pathological() {
        let pattern = "arn:aws:s3:::" + String(repeating: "a*", count: 50) + "b"
        let input = "arn:aws:s3:::" + String(repeating: "a", count: 10_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(!ARNPattern(pattern).matches(input))
            #expect(ARNPattern(pattern).matches(input + "b"))
        }
        // Generous bound: a backtracking matcher would take minutes here.
        #expect(elapsed < .seconds(2))
    }

    @Test("the automaton agrees with a reference backtracking matcher on random patterns")
    func agreesWithReference() {
        var state: UInt64 = 99
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let alphabet: [Character] = ["a", "b", ":", "/", "*", "?"]
        for _ in 0..<3000 {
            let pattern = String((0..<Int(next() % 9)).map { _ in alphabet[Int(next() % 6)] })
            let input = String((0..<Int(next() % 9)).map { _ in alphabet[Int(next() % 4)] })
            #expect(WildcardPattern(pattern).matches(input) == Self.reference(Array(pattern), Array(input)),
                    "`\(pattern)` vs `\(input)`")
            #expect(WildcardPattern(pattern, caseInsensitive: true).matches(input.uppercased()) == Self.reference(Array(pattern), Array(input)))
        }
    }

    /// Plain glob semantics by recursion (exponential, fine for tiny inputs).
    static func reference(_ p: [Character], _ s: [Character]) -> Bool {
        guard let first = p.first else { return s.isEmpty }
        if first == "*" { return reference(Array(p.dropFirst()), s) || (!s.isEmpty && reference(p, Array(s.dropFirst()))) }
        guard let c = s.first else { return false }
        return (first == "?" || first == c) && reference(Array(p.dropFirst()), Array(s.dropFirst()))
    }
}

@Suite("Policy variables")
struct PolicyVariableTests {
    static let context = RequestContext([
        "aws:username": .string("alice"),
        "aws:PrincipalTag/team": .string("blue"),
        "s3:prefix": .string("home/"),
        "aws:SourceIp": .strings(["1.1.1.1", "2.2.2.2"]),
    ])

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
    @Test(arguments: [
        ("home/${aws:username}/*", "home/alice/*", "a variable is replaced by the key's value"),
        ("home/${AWS:UserName}/*", "home/alice/*", "variable key names ignore case"),
        ("team-${aws:PrincipalTag/team}", "team-blue", "principal tags as variables"),
        ("${aws:nokey, 'guest'}", "guest", "a default applies when the key is missing"),
        ("${ aws:nokey , 'it''s' }", "it's", "spaces around key and default are ignored; '' is a quote"),
        ("a${*}b", "a*b", "${*} is a literal star"),
        ("a${?}b", "a?b", "${?} is a literal question mark"),
        ("cost${$}", "cost$", "${$} is a literal dollar"),
        ("${aws:username, '${aws:username}'}", "alice", "one round of substitution only"),
    ])
    func expands(_ template: String, _ expected: String, _ rule: String) throws {
        let t = try #require(PolicyTemplate(template), "\(rule)")
        let tokens = try #require(t.expand(in: Self.context), "\(rule)")
        #expect(PatternToken.text(tokens) == expected, "\(rule)")
    }

    @Test("an escaped star is a literal, not a wildcard; a substituted value's star is literal too")
    func escapedStarIsLiteral() throws {
        let tokens = try #require(PolicyTemplate("a${*}")?.expand(in: Self.context))
        #expect(tokens == [.literal("a"), .literal("*")])
        let context = RequestContext(["k": .string("x*")])
        let substituted = try #require(PolicyTemplate("${k}")?.expand(in: context))
        #expect(!WildcardPattern(tokens: substituted).matches("xyz"))
        #expect(WildcardPattern(tokens: substituted).matches("x*"))
    }

    @Test(arguments: [
        ("${aws:nokey}", "a missing key without a default cannot be resolved"),
        ("${aws:SourceIp}", "a multivalued key cannot be used as a variable"),
    ])
    func unresolved(_ template: String, _ rule: String) throws {
        let t = try #require(PolicyTemplate(template))
        #expect(t.expand(in: Self.context) == nil, "\(rule)")
    }

    @Test(arguments: ["${unclosed", "${a, default}", "${a, 'x}", "${}", "${a b}"])
    func malformed(_ template: String) {
        #expect(PolicyTemplate(template) == nil)
    }
}
