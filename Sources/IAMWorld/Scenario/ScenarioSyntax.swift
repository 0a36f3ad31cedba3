import Diagnostics

// What the first stage reads from the lines (ScenarioBuilder+Lines.swift): header fields, declarations
// with their attributes, and step drafts whose commands are not parsed yet.

/// An indented `name: value` (or `name value`, or `name ...: JSON`) line of a declaration or step.
struct ScenarioAttribute {
    var name: String
    var nameRange: SourceRange
    var line: Int
    /// The value's words; for an attribute with a document, the words between the name and the colon.
    var words: [ScenarioWord]
    /// The value as written (after the colon), for free text.
    var value: String
    var valueRange: SourceRange
    /// The JSON document after the colon; nil when it is missing (already reported).
    var document: Document?
    /// The attribute's line without its indentation.
    var lineRange: SourceRange
}

/// A declaration at column 1 and its attributes.
struct ScenarioDeclaration {
    var keyword: String
    var keywordRange: SourceRange
    var line: Int
    /// The words after the keyword (for `document`, those before the colon).
    var words: [ScenarioWord]
    var lineRange: SourceRange
    var attributes: [ScenarioAttribute]
    /// The JSON of `document NAME: JSON`.
    var document: Document?
}

/// A `step` line and its attributes, before the command is parsed.
struct ScenarioStepDraft {
    var name: ScenarioWord?
    var number: Int
    var commandText: String
    var commandColumn: Int
    var line: Int
    var lineRange: SourceRange
    var attributes: [ScenarioAttribute]
}

/// A header line: `scenario: ID`, `title: TEXT`...
struct ScenarioHeaderField {
    var name: String
    var nameRange: SourceRange
    var value: String
    var valueRange: SourceRange
    var line: Int
}
