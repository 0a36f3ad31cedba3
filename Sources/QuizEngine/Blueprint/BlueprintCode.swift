import Diagnostics

/// The codes of an exam blueprint file (docs/blueprint-format.md).
public enum BlueprintCode: String, DiagnosticCode {
    /// a line that is neither `key: value`, `weights:`, an indented `topic: weight`, a comment nor blank
    case syntax = "X001"
    /// a key the format does not have
    case unknownKey = "X002"
    /// a value of the wrong kind: a count or minutes that is not a positive number, an unknown level, a pass mark outside 100...1000
    case badValue = "X003"
    /// a key or a topic given twice
    case duplicate = "X004"
    /// a required key (`name`, `questions`, `minutes`, `level`, `weights:`) is missing
    case missingKey = "X005"
    /// the topic weights do not add up to 100
    case weightSum = "X006"
    /// a weighted topic that no question of the bank has
    case unknownTopic = "X007"
}
