import IAMPolicy
import IAMWorld
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

    /// The parts a learner reads, compared to find near misses (options that differ in one part).
    var parts: [String] { [principal, action, resource, contextPhrase ?? ""] }
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
    /// Drills decided in a world: "Which of these succeed?" (an `allowed` or `ok` outcome).
    case works
    /// "Which of these fail?" (a denial or an AWS error).
    case fails
    /// Drills whose options are policy edits: "Which one-statement change lets the target request happen and
    /// nothing more?" ``isRight(_:)`` answers for the target request only: an edit is right when it allows the
    /// target and every other request keeps its decision (``DrillOption/decisions``).
    case fixes

    /// Whether an option whose request got `decision` is right.
    public func isRight(_ decision: Decision) -> Bool {
        switch self {
        case .allowed: decision == .allowed
        case .denied: decision != .allowed
        case .explicitDeny: decision == .explicitDeny
        case .implicitDeny: decision == .implicitDeny
        case .works: decision == .allowed
        case .fails: decision != .allowed
        case .fixes: decision == .allowed
        }
    }

    /// Whether an option whose steps came to `outcome` is right.
    public func isRight(_ outcome: Outcome) -> Bool {
        switch self {
        case .allowed, .works, .fixes: outcome.works
        case .denied, .fails: !outcome.works
        case .explicitDeny: outcome == .explicitDeny
        case .implicitDeny: outcome == .implicitDeny
        }
    }

    /// The question's sentence, before "(Choose N)".
    var sentence: String {
        switch self {
        case .allowed: "Which of these requests are allowed?"
        case .denied: "Which of these requests are denied?"
        case .explicitDeny: "Which of these requests are denied by an explicit Deny?"
        case .implicitDeny: "Which of these requests are denied only because no statement allows them (an implicit deny)?"
        case .works: "Which of these succeed?"
        case .fails: "Which of these fail?"
        case .fixes: "Which of these one-statement changes, made alone, allow the request and change nothing else?"
        }
    }
}

/// One option of a generated drill: what it stands for and what came of it.
public struct DrillOption: Sendable, Hashable {
    /// The option's text, as the question shows it.
    public var text: String
    /// The request the option stands for, in a drill keyed by the evaluator; nil in a drill decided in a world.
    public var request: DrillRequest?
    /// What the evaluator decided for the request (`allowed`, `implicitDeny`, `explicitDeny`), or what the
    /// option's steps came to in the world (also `ok` or an AWS error code).
    public var outcome: Outcome
    /// In a drill decided in a world: the scenario step whose outcome decides the option (`c3`).
    public var step: String?
    /// In a drill whose options are policy edits (`fix-the-policy`): the edit the option stands for. Its
    /// ``outcome`` is then the target request's decision once the edit is made.
    public var edit: DrillEdit?
    /// With ``edit``: the decision of every request of ``GeneratedDrill/requests`` once the edit is made, in order.
    public var decisions: [Decision]?

    public init(text: String, request: DrillRequest? = nil, outcome: Outcome, step: String? = nil, edit: DrillEdit? = nil,
                decisions: [Decision]? = nil) {
        self.text = text
        self.request = request
        self.outcome = outcome
        self.step = step
        self.edit = edit
        self.decisions = decisions
    }

    /// The evaluator's decision, for an option whose outcome is one.
    public var decision: Decision? {
        switch outcome {
        case .allowed: .allowed
        case .implicitDeny: .implicitDeny
        case .explicitDeny: .explicitDeny
        default: nil
        }
    }
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
    /// The scenario (docs/scenario-format.md) that decides the options of a drill decided in a world: its
    /// world, then each candidate's steps, the deciding one named `cN` with its outcome as `expect:`.
    /// ``DrillOption/step`` names the step of each option. Nil for drills keyed by the evaluator alone.
    public var scenario: String?
    /// In a drill whose options are policy edits: the requests of its scenario, the target first (the request
    /// the edit must allow), then those that must keep their decision, as the stem lists them. Nil otherwise.
    public var requests: [DrillRequest]?
}
