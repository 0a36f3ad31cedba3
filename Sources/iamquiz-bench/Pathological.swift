import IAMPolicy

// Case (c): a Resource pattern with 50 `*` against a very long resource that almost matches. A
// backtracking matcher takes time exponential in the number of stars here (`a*a*...a*b` against
// `aaaa...a`, with no `b`); a linear-time matcher takes time proportional to the length.

enum Pathological {
    static let prefix = "arn:aws:s3:::bucket/"
    /// `arn:aws:s3:::bucket/a*a*...a*b`: 50 stars, separated by literals so that they do not collapse.
    static let pattern = prefix + String(repeating: "a*", count: 50) + "b"

    static func policy() -> String {
        #"{"Version": "2012-10-17", "Statement": [{"Sid": "Stars", "Effect": "Allow", "Action": "s3:GetObject", "Resource": ""#
            + pattern + #""}]}"#
    }

    /// A resource of exactly `length` characters that the pattern does not match (no final `b`).
    static func resource(length: Int) -> String {
        prefix + String(repeating: "a", count: length - prefix.count)
    }

    static func request(length: Int) -> RequestSpec {
        RequestSpec(name: "wildcard-\(length / 1000)k", summary: "50-star Resource pattern, \(length)-character resource",
                    caller: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", resource: resource(length: length),
                    resourceOwner: "111122223333", identity: [policy()], expected: .implicitDeny)
    }
}
