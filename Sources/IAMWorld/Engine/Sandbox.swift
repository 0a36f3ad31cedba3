import Foundation
import IAMPolicy

/// The simulated AWS as one learner or one scenario uses it: the world, the credentials STS has issued,
/// and the identity commands act as.
///
/// Commands run one at a time through ``run(_:)``. The current identity is a stack: `as` replaces it,
/// a successful `assume*`, `get-session-token` or `get-federation-token` pushes the new session, and
/// `exit-role` pops it. A value type: copying a sandbox snapshots it.
public struct Sandbox: Sendable {
    public var world: World
    /// Every credential issued so far, by access key id.
    public internal(set) var credentials = CredentialStore()
    /// The identities acted as, the current one last.
    public internal(set) var stack: [String] = []
    /// Named policy documents commands can pass as `@NAME` (a scenario's `document`s).
    public var documents: [String: Document] = [:]
    /// The latest authorisation, for `explain`.
    public internal(set) var lastAuthorization: Authorization?
    private var issued = 0
    /// The AWS service making the change being applied (`--by`), or nil for the administrator.
    var changeBy: String?

    public init(world: World) {
        self.world = world
    }

    public var documentNames: [String] { documents.keys.sorted() }

    /// 9999-12-31T23:59:59Z: the last moment a policy's date condition can name.
    static let endOfTime = Date(timeIntervalSince1970: 253_402_300_799)

    /// The credentials commands act with now, if any.
    public var current: Credentials? { stack.last.flatMap { credentials[$0] } }

    // MARK: - Running commands

    /// Runs one command and says what came of it.
    public mutating func run(_ command: Command) -> CommandResult {
        switch command {
        case .asUser(let reference):
            guard let (account, name) = world.split(reference), world.accounts[account]?.users[name] != nil else {
                stack = []  // a failed `as` leaves nobody acting, never the previous identity
                return .failure(AWSError("NoSuchEntity", "no user `\(reference)`"))
            }
            let key = longTermKey(account: account, user: name)
            stack = [key]
            return CommandResult(outcome: .ok, lines: ["Acting as \(describe(key))."])
        case .asRoot(let reference):
            guard let account = world.accountID(named: reference) else {
                stack = []
                return .failure(AWSError("NoSuchEntity", "no account `\(reference)`"))
            }
            let key = longTermKey(account: account, user: nil)
            stack = [key]
            return CommandResult(outcome: .ok, lines: ["Acting as \(describe(key))."])
        case .asInstance(let reference):
            let id = reference.split(separator: "/").last.map(String.init) ?? reference
            switch instanceCredentials(id) {
            case .success(let key):
                stack = [key]
                return CommandResult(outcome: .ok, lines: ["Acting as software on \(id), with the credentials its metadata service serves: \(describe(key))."])
            case .failure(let error):
                stack = []
                return .failure(error)
            }
        case .asSession(let name):
            guard let key = credentials.latestSession(named: name) else {
                stack = []
                return .failure(AWSError("NoSuchEntity", "no session named `\(name)`"))
            }
            stack = [key]
            return CommandResult(outcome: .ok, lines: ["Acting as \(describe(key))."])
        case .asService(let options):
            do {
                let key = try serviceKey(options)
                stack = [key]
                return CommandResult(outcome: .ok, lines: ["Acting as \(describe(key))."])
            } catch {
                stack = []
                return .failure(error)
            }
        case .whoami:
            return whoami()
        case .assume(let options):
            do { return issued(try assumeRole(options)) } catch { return .failure(error) }
        case .assumeSAML(let options):
            do { return issued(try assumeRoleWithSAML(options)) } catch { return .failure(error) }
        case .assumeWeb(let options):
            do { return issued(try assumeRoleWithWebIdentity(options)) } catch { return .failure(error) }
        case .getSessionToken(let duration, let serial, let code):
            do { return issued(try getSessionToken(duration: duration, serialName: serial, code: code)) } catch { return .failure(error) }
        case .assumeRoot(let account, let task, let duration):
            do { return issued(try assumeRoot(account: account, taskPolicy: task, duration: duration)) } catch { return .failure(error) }
        case .getFederationToken(let name, let policy, let duration):
            do { return issued(try getFederationToken(name: name, policy: policy, duration: duration)) } catch { return .failure(error) }
        case .can(let call):
            return can(call)
        case .advance(let interval):
            guard interval > 0 else { return .failure(.validation("advance needs a positive duration")) }
            // Dates stay within ISO 8601's four-digit years, which policies compare against.
            guard world.now.addingTimeInterval(interval) < Self.endOfTime else {
                return .failure(.validation("the clock cannot go past 9999-12-31"))
            }
            world.now = world.now.addingTimeInterval(interval)
            return CommandResult(outcome: .ok, lines: ["The clock is now \(Self.format(world.now))."])
        case .exitRole:
            guard stack.count > 1 else {
                return .failure(.validation(stack.isEmpty ? "not acting as anyone yet: use `as`" : "not in a role session: nothing to exit"))
            }
            stack.removeLast()
            return CommandResult(outcome: .ok, lines: ["Back to \(describe(stack[stack.count - 1]))."])
        case .explain:
            return explain()
        case .policies:
            return policiesInEffect()
        case .help:
            return CommandResult(outcome: .info, lines: Self.helpLines)
        case .byService(let service, let inner):
            changeBy = service
            defer { changeBy = nil }
            return change(inner)
        default:
            return change(command)
        }
    }

    /// Keeps credentials an operation issued, and acts with them.
    private mutating func issued(_ issued: Credentials) -> CommandResult {
        credentials.insert(issued)
        stack.append(issued.accessKeyID)
        var lines = ["Now acting as \(describe(issued.accessKeyID))."]
        if let expiry = issued.expiresAt {
            lines.append("The credentials expire at \(Self.format(expiry)) (in \(Self.duration(expiry.timeIntervalSince(world.now)))).")
        }
        return CommandResult(outcome: .ok, lines: lines, evaluation: lastAuthorization?.result)
    }

    // MARK: - Identities

    /// The key id of the long-term access key of a user (or the root user), issued on first use.
    private mutating func longTermKey(account: String, user: String?) -> String {
        if let existing = credentials.longTermKey(account: account, user: user) { return existing }
        let key = nextKey(prefix: "AKIA")
        credentials.insert(Credentials(accessKeyID: key, kind: .longTerm, account: account, userName: user, issuedAt: world.now))
        return key
    }

    /// The caller of `as service`: an AWS service principal, acting for a source account and resource when
    /// given. Services sign with credentials of their own, which no policy of the customer's names; the
    /// sandbox keeps them under a key of the form `service:PRINCIPAL|ACCOUNT|ARN`.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services
    private mutating func serviceKey(_ o: ServiceCallerOptions) throws(AWSError) -> String {
        let principal = o.principal
        let labels = principal.split(separator: ".", omittingEmptySubsequences: false)
        guard principal.hasSuffix(".amazonaws.com") || principal.hasSuffix(".amazonaws.com.cn"), labels.count >= 3,
              labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" } }) else {
            throw AWSError.validation("`\(principal)` is not a service principal: write the service's name as policies do, such as `lambda.amazonaws.com`")
        }
        if let account = o.sourceAccount, !Account.isValidID(account) {
            throw AWSError.validation("`--source-account` takes a 12-digit account id, not `\(account)`")
        }
        if let arn = o.sourceARN, ARN(arn) == nil {
            throw AWSError.validation("`--source-arn` takes an ARN, such as `arn:aws:s3:::reports`, not `\(arn)`")
        }
        let key = "service:\(principal)|\(o.sourceAccount ?? "")|\(o.sourceARN ?? "")"
        if credentials[key] == nil {
            var c = Credentials(accessKeyID: key, kind: .service, account: o.sourceAccount ?? "", issuedAt: world.now)
            c.servicePrincipal = principal
            c.sourceAccount = o.sourceAccount
            c.sourceARN = o.sourceARN
            credentials.insert(c)
        }
        return key
    }

    /// A fresh access key id: `AKIA` for long-term keys, `ASIA` for temporary ones, as AWS prefixes them.
    mutating func nextKey(prefix: String) -> String {
        issued += 1
        return prefix + String(format: "%016d", issued)
    }

    /// The caller's credentials, checked: someone is acting, and temporary credentials have not expired.
    func callerCredentials() throws(AWSError) -> Credentials {
        guard let caller = current else {
            throw AWSError("InvalidClientTokenId", "no credentials: act as someone first (`as user ACCOUNT/NAME`)")
        }
        if caller.isExpired(at: world.now) { throw AWSError.expired() }
        // A session of a role that was deleted (even if a role of that name was created since) grants
        // nothing: AWS no longer knows the role it names.
        if caller.kind == .roleSession, let roleName = caller.roleName,
           world.accounts[caller.account]?.roles[roleName]?.uniqueID != caller.roleUniqueID {
            throw AWSError("AccessDenied", "the role \(roleName) of this session was deleted; the session can do nothing")
        }
        return caller
    }

    /// One line naming the identity behind a key.
    public func describe(_ key: String) -> String {
        guard let c = credentials[key] else { return key }
        var text = principalARN(c)
        switch c.kind {
        case .longTerm: text += " (long-term access key)"
        case .sessionToken: text += c.rootTask.map { " (privileged root session, task policy \($0))" } ?? " (session token\(c.mfaAuthenticatedAt != nil ? ", MFA" : ""))"
        case .roleSession: text += c.instanceID.map { " (instance profile credentials of \($0))" } ?? " (role session)"
        case .federatedUser: text += " (federated user)"
        case .service: text += " (the service" + (c.sourceARN.map { ", for \($0)" } ?? c.sourceAccount.map { ", for account \($0)" } ?? "") + ")"
        }
        if c.isExpired(at: world.now) { text += ", expired" }
        return text
    }

    /// The ARN of the principal behind credentials, with the user's path.
    func principalARN(_ c: Credentials) -> String {
        c.arn(userPath: userPath(c))
    }

    func userPath(_ c: Credentials) -> String {
        guard let name = c.userName else { return "/" }
        return world.accounts[c.account]?.users[name]?.path ?? "/"
    }

    private func whoami() -> CommandResult {
        guard let c = current else {
            return CommandResult(outcome: .info, lines: ["Not acting as anyone: use `as user ACCOUNT/NAME`, `as root ACCOUNT` or `as instance ACCOUNT/ID`."])
        }
        var lines = ["\(principalARN(c))", "  account \(c.account), access key \(c.accessKeyID)"]
        if let expiry = c.expiresAt {
            lines.append(c.isExpired(at: world.now)
                ? "  expired at \(Self.format(expiry))"
                : "  expires at \(Self.format(expiry)) (in \(Self.duration(expiry.timeIntervalSince(world.now))))")
        }
        if c.mfaAuthenticatedAt != nil { lines.append("  signed in with MFA") }
        if let source = c.sourceIdentity { lines.append("  source identity \(source)") }
        if !c.tags.isEmpty { lines.append("  session tags " + c.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")) }
        if stack.count > 1 { lines.append("  (\(stack.count - 1) session\(stack.count == 2 ? "" : "s") deep; `exit-role` goes back)") }
        return CommandResult(outcome: .info, lines: lines)
    }

    // MARK: - Text

    /// `2025-03-01T09:30:00Z` (``UTCTime``: no `Calendar`, so no ICU, for every request a scenario runs).
    static func format(_ date: Date) -> String {
        UTCTime.text(date)
    }

    /// `1h`, `15m`, `2h30m`, `45s`.
    public static func duration(_ interval: TimeInterval) -> String {
        let total = Int(interval.rounded())
        if total <= 0 { return "0s" }
        let d = total / 86_400, h = total % 86_400 / 3_600, m = total % 3_600 / 60, s = total % 60
        var text = ""
        if d > 0 { text += "\(d)d" }
        if h > 0 { text += "\(h)h" }
        if m > 0 { text += "\(m)m" }
        if s > 0 { text += "\(s)s" }
        return text
    }

    /// `help`: the usage of every command, from the command parser's own table, so it never drifts.
    static var helpLines: [String] {
        ["Commands (docs/scenario-format.md has the details); `exit` leaves the sandbox:"]
            + CommandParser.commandNames.compactMap { CommandParser.usage(of: $0).map { "  " + $0 } }
    }
}

/// What a command printed and came to.
public struct CommandResult: Sendable {
    public var outcome: Outcome
    public var lines: [String]
    /// The policy evaluation behind the outcome, if one was made.
    public var evaluation: EvaluationResult?
    public var error: AWSError?

    public init(outcome: Outcome, lines: [String], evaluation: EvaluationResult? = nil, error: AWSError? = nil) {
        self.outcome = outcome
        self.lines = lines
        self.evaluation = evaluation
        self.error = error
    }

    /// Whether `lines` already hold the decision's reasons (`can` prints them), so that a trace shown
    /// under them leaves them out.
    public var linesCarryReasons: Bool {
        outcome == .allowed || outcome == .implicitDeny || outcome == .explicitDeny
    }

    static func failure(_ error: AWSError) -> CommandResult {
        CommandResult(outcome: .error(error.code), lines: ["\(error.code): \(error.message)"], evaluation: error.evaluation,
                      error: error)
    }
}
