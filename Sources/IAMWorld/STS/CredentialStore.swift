/// The credentials a sandbox has issued, by access key id, with indexes for the two other ways commands
/// find them: a user's (or root's) long-term key by its owner (`as user`, `as root`), and the latest
/// session of a name (`as session`). A lookup costs the same however many credentials were issued before,
/// so a scenario that alternates `as user` and `assume` thousands of times runs in linear time.
public struct CredentialStore: Sendable {
    private struct Owner: Hashable {
        var account: String
        /// Nil for the root user.
        var user: String?
    }

    private var byKey: [String: Credentials] = [:]
    private var longTermKeys: [Owner: String] = [:]
    private var latestSessions: [String: String] = [:]

    public init() {}

    public subscript(key: String) -> Credentials? { byKey[key] }

    /// How many credentials were issued.
    public var count: Int { byKey.count }

    /// The session names issued, sorted.
    public var sessionNames: [String] { latestSessions.keys.sorted() }

    /// Keeps credentials under their access key id; the newest of a session name is the one `as session` finds.
    public mutating func insert(_ credentials: Credentials) {
        let key = credentials.accessKeyID
        byKey[key] = credentials
        if credentials.kind == .longTerm {
            longTermKeys[Owner(account: credentials.account, user: credentials.userName)] = key
        }
        if let name = credentials.sessionName { latestSessions[name] = key }
    }

    /// The key id of the long-term access key of `user` in `account` (nil `user`: the root user), if issued.
    public func longTermKey(account: String, user: String?) -> String? {
        longTermKeys[Owner(account: account, user: user)]
    }

    /// The key id of the credentials issued last under the session name `name`, else of the access key `name`.
    public func latestSession(named name: String) -> String? {
        latestSessions[name] ?? (byKey[name] == nil ? nil : name)
    }
}
