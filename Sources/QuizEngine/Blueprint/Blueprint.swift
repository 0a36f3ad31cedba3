import Diagnostics
import QuizBank

/// The format of an exam: how many questions, how long, at which level, the pass mark, and how the
/// questions spread over the topics (an exam guide's emphasis).
///
/// iamquiz ships blueprints for the AWS exams its bank suits (`saa-c03`, `sap-c02`, `scs-c02`, in
/// `QuestionBank/blueprints/`, embedded in the binary); an instructor copies one (`iamquiz exam
/// --show-blueprint NAME`), edits it and passes the file (`--blueprint FILE`). The format is in
/// docs/blueprint-format.md.
public struct Blueprint: Sendable, Equatable {
    /// One topic's share of the questions.
    public struct Weight: Sendable, Equatable {
        public var topic: String
        /// Percent of the questions; the weights of a blueprint add up to 100.
        public var percent: Double
        /// Where the topic is written, for a diagnostic about it.
        public var range: SourceRange?

        public init(topic: String, percent: Double, range: SourceRange? = nil) {
            self.topic = topic
            self.percent = percent
            self.range = range
        }

        public static func == (lhs: Weight, rhs: Weight) -> Bool {
            lhs.topic == rhs.topic && lhs.percent == rhs.percent
        }
    }

    /// The short name (`sap-c02`); stored with the exam in the progress store.
    public var name: String
    /// The exam's full name, for the introduction.
    public var title: String
    public var questionCount: Int
    /// The time limit; 0 for none.
    public var minutes: Double
    public var level: Level
    /// The scaled score (100...1000) that passes.
    public var passMark: Int
    public var weights: [Weight]
    /// The file it was read from (`<builtin>/blueprints/sap-c02.blueprint` for a built-in one).
    public var file: String

    public init(name: String, title: String, questionCount: Int, minutes: Double, level: Level, passMark: Int,
                weights: [Weight], file: String) {
        self.name = name
        self.title = title
        self.questionCount = questionCount
        self.minutes = minutes
        self.level = level
        self.passMark = passMark
        self.weights = weights
        self.file = file
    }

    /// The weights as the drawing takes them.
    public var topicWeights: [(topic: String, weight: Double)] {
        weights.map { ($0.topic, $0.percent) }
    }

    /// A diagnostic for each weighted topic that no question of `bank` has, with the closest known topic.
    public func unknownTopics(in bank: Bank) -> [Diagnostic] {
        let known = bank.topics
        return weights.filter { !known.contains($0.topic) }.map { weight in
            Diagnostic(.error, code: BlueprintCode.unknownTopic, "unknown topic `\(weight.topic)`: no question of the bank has it",
                       file: file, range: weight.range,
                       help: closestMatch(to: weight.topic, in: known).map { "did you mean `\($0)`?" }
                           ?? "the topics are listed by `iamquiz check --format json`")
        }
    }
}

extension Blueprint {
    /// The label of built-in blueprint files in diagnostics.
    public static let builtinFolder = "\(BuiltinBank.label)/blueprints"

    /// The blueprints that ship with iamquiz, by name (a built-in file with errors is left out; a test
    /// keeps them clean).
    public static var builtin: [Blueprint] {
        BuiltinBank.blueprintTexts.compactMap { file in
            let parsed = BlueprintParser.parse(file.text, file: "\(BuiltinBank.label)/\(file.name)")
            return parsed.diagnostics.hasErrors ? nil : parsed.blueprint
        }.sorted { $0.name < $1.name }
    }

    /// The built-in blueprint called `name` (case-insensitive), or nil.
    public static func builtin(named name: String) -> Blueprint? {
        builtin.first { $0.name == name.lowercased() }
    }

    /// The text of the built-in blueprint called `name`, to copy and edit.
    public static func builtinText(named name: String) -> String? {
        BuiltinBank.blueprintTexts.first { $0.name == "blueprints/\(name.lowercased()).blueprint" }?.text
    }

    /// The blueprint of an exam without `--blueprint`: `sap-c02` for professional questions, else `saa-c03`.
    public static func defaultName(for level: Level?) -> String {
        level == .professional ? "sap-c02" : "saa-c03"
    }
}
