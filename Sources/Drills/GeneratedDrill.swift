import IAMPolicy
import QuizBank

/// A request an option stands for: who calls which action on which resource, in which context.
public struct DrillRequest: Sendable, Hashable {
    /// The caller as the option names it ("Alice").
    public var principal: String
    /// The caller's ARN: an IAM user or a role session.
    public var callerARN: String
    public var action: String
    public var resource: String
    /// Context keys the request carries beyond those AWS adds for the caller.
    public var context: [ContextEntry]
    /// The context in words ("signed in with MFA"), or nil when it says nothing.
    public var contextPhrase: String?

    public init(principal: String, callerARN: String, action: String, resource: String, context: [ContextEntry] = [],
                contextPhrase: String? = nil) {
        self.principal = principal
        self.callerARN = callerARN
        self.action = action
        self.resource = resource
        self.context = context
        self.contextPhrase = contextPhrase
    }

    /// The option's text: "Alice calls s3:GetObject on arn:aws:s3:::reports/2026/q1.csv".
    public var text: String {
        let who = contextPhrase.map { "\(principal), \($0)," } ?? principal
        return "\(who) calls \(action) on \(resource)"
    }

    /// The request for the evaluator.
    public var authorizationRequest: AuthorizationRequest {
        var values = RequestContext()
        for entry in context { values[entry.name] = ContextValue(type: entry.type, values: entry.values) }
        let caller = Caller(parsing: callerARN) ?? Caller(kind: .user, identifier: callerARN)
        return AuthorizationRequest(caller: caller, action: action, resource: resource, context: values)
    }

    /// How many of the parts a learner reads differ from `other`'s: a near miss differs in one.
    func differences(from other: DrillRequest) -> Int {
        [principal != other.principal, action != other.action, resource != other.resource,
         contextPhrase != other.contextPhrase].filter { $0 }.count
    }
}

/// What a drill asks of its options.
public enum DrillAsk: String, Sendable, Hashable, CaseIterable {
    /// "Which of these requests are allowed?"
    case allowed
    /// "Which of these requests are denied?"
    case denied
    /// "Which of these requests does an explicit Deny stop?"
    case explicitDeny
    /// "Which of these requests are denied only because nothing allows them?"
    case implicitDeny

    /// Whether an option whose request got `decision` is right.
    public func isRight(_ decision: Decision) -> Bool {
        switch self {
        case .allowed: decision == .allowed
        case .denied: decision != .allowed
        case .explicitDeny: decision == .explicitDeny
        case .implicitDeny: decision == .implicitDeny
        }
    }

    /// The question's sentence, before "(Choose N)".
    var sentence: String {
        switch self {
        case .allowed: "Which of these requests are allowed?"
        case .denied: "Which of these requests are denied?"
        case .explicitDeny: "Which of these requests are denied by an explicit Deny?"
        case .implicitDeny: "Which of these requests are denied only because no statement allows them (an implicit deny)?"
        }
    }
}

/// One option of a generated drill: its request and what the evaluator decided for it.
public struct DrillOption: Sendable, Hashable {
    public var request: DrillRequest
    public var decision: Decision
}

/// A generated question with everything that keyed it: the policies the stem shows, what it asks, and for each
/// option (in the question's order) the request and its decision.
public struct GeneratedDrill: Sendable, Hashable {
    /// The family's name (`evaluation-logic`).
    public var family: String
    public var question: Question
    public var policies: [DrillPolicy]
    public var ask: DrillAsk
    public var options: [DrillOption]
}
