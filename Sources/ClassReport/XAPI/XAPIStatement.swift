// The parts of an xAPI 1.0.3 statement that `iamquiz results export --format xapi` writes (xAPI-Data.md,
// section 2.4 "Statement Properties"). Members that are nil are left out: the LRS rejects null values
// (2.2, LRS requirements).

/// A statement: who answered which question, with what result and when.
public struct XAPIStatement: Codable, Sendable, Equatable {
    /// A UUID (2.4.1), made by the provider so that sending the file again does not store the answers twice.
    public var id: String
    public var actor: Agent
    public var verb: Verb
    public var object: Activity
    public var result: Result
    public var context: Context
    /// ISO 8601 with milliseconds and a time zone (2.4.7, 4.5).
    public var timestamp: String

    /// The learner (2.4.2.1): exactly one inverse functional identifier, `account` or `mbox` (2.4.2.3).
    public struct Agent: Codable, Sendable, Equatable {
        public var objectType = "Agent"
        public var name: String
        public var account: Account?
        public var mbox: String?
    }

    /// A user account on a system (2.4.2.4): the instructor's home page and the learner's name there.
    public struct Account: Codable, Sendable, Equatable {
        public var homePage: String
        public var name: String
    }

    /// The verb (2.4.3): an IRI and a language map for display.
    public struct Verb: Codable, Sendable, Equatable {
        public var id: String
        public var display: [String: String]
    }

    /// An activity (2.4.4.1): the question answered, the bank, or the question across its versions.
    public struct Activity: Codable, Sendable, Equatable {
        public var objectType = "Activity"
        public var id: String
        public var definition: Definition?
    }

    /// An interaction activity's definition (2.4.4.1, "Interaction Activities"): a `choice` question.
    public struct Definition: Codable, Sendable, Equatable {
        public var type: String?
        public var name: [String: String]?
        public var description: [String: String]?
        public var interactionType: String?
        public var choices: [Choice]?
        public var correctResponsesPattern: [String]?
    }

    /// One option as an interaction component (2.4.4.1, "Interaction Components").
    public struct Choice: Codable, Sendable, Equatable {
        public var id: String
        public var description: [String: String]
    }

    /// The outcome (2.4.5): right or wrong, the options chosen, the time taken.
    public struct Result: Codable, Sendable, Equatable {
        public var success: Bool
        /// The chosen choice ids joined by `[,]` (2.4.4.1, "Response Patterns"); nil when nothing was chosen.
        public var response: String?
        /// ISO 8601 duration (4.6): `PT12.5S`.
        public var duration: String
    }

    /// Where the answer was given (2.4.6): iamquiz, the session as a registration, the bank as the parent and
    /// the question across its versions as the grouping (2.4.6.2).
    public struct Context: Codable, Sendable, Equatable {
        public var registration: String?
        public var platform: String
        public var contextActivities: ContextActivities
    }

    /// Context activities, always as arrays (2.4.6.2, requirements).
    public struct ContextActivities: Codable, Sendable, Equatable {
        public var parent: [Activity]
        public var grouping: [Activity]
    }
}
