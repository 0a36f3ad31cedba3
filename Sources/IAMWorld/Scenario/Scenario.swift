import Diagnostics

/// A parsed scenario file (docs/scenario-format.md): the world it starts from and the steps that act in it.
///
/// Made by `ScenarioParser`, only when the file has no errors: the world is built through the
/// World+Changes methods, so it already follows IAM's rules, and every step's command is parsed.
public struct Scenario: Sendable, Codable {
    /// The `scenario:` id that bank questions name.
    public var id: String
    public var title: String?
    /// The `reference:` links, in the order written.
    public var references: [String]
    /// The file as given to the parser, for diagnostics.
    public var file: String
    /// The initial state: accounts, organization, principals, resources, clock, region and source IP.
    public var world: World
    /// The `document` declarations by name, for `@NAME` at the sandbox after the scenario is loaded.
    public var documents: [String: Document]
    public var steps: [Step]

    public init(id: String, title: String? = nil, references: [String] = [], file: String, world: World,
                documents: [String: Document] = [:], steps: [Step] = []) {
        self.id = id
        self.title = title
        self.references = references
        self.file = file
        self.world = world
        self.documents = documents
        self.steps = steps
    }

    /// The step a bank question's `verify:` names: a step name, or `#N` for the Nth step counting from 1.
    public func step(named reference: String) -> Step? {
        if reference.hasPrefix("#") {
            let digits = reference.dropFirst()
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits) else { return nil }
            return steps.first { $0.number == number }
        }
        return steps.first { $0.name == reference }
    }
}

/// One `step` of a scenario: a command, and what it must come to.
public struct Step: Sendable, Codable {
    /// The name after `step`, nil for `step: COMMAND`.
    public var name: String?
    /// The step's place in the file, counting every step from 1 (`#N`).
    public var number: Int
    public var command: Command
    /// The command as written, for showing the step.
    public var commandText: String
    /// What `expect:` says must happen; nil runs the step and only shows its outcome.
    public var expect: ExpectedOutcome?
    public var note: String?
    /// The whole `step` line.
    public var range: SourceRange
    /// The `expect:` value, where a failed expectation is reported.
    public var expectRange: SourceRange?

    public init(name: String?, number: Int, command: Command, commandText: String, expect: ExpectedOutcome? = nil,
                note: String? = nil, range: SourceRange, expectRange: SourceRange? = nil) {
        self.name = name
        self.number = number
        self.command = command
        self.commandText = commandText
        self.expect = expect
        self.note = note
        self.range = range
        self.expectRange = expectRange
    }

    /// `name`, or `#N` for a step without one: how the step is referred to.
    public var label: String { name ?? "#\(number)" }
}
