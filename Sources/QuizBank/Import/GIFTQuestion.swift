import Diagnostics

/// How Moodle's importer classifies a GIFT question, from its answer block.
public enum GIFTQuestionKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// `{=A ~B}` or weighted `{~%50%A ~%50%B ~%-100%C}`: any block holding a `~`.
    case multipleChoice = "multiple-choice"
    /// `{T}`, `{TRUE}`, `{F}`, `{FALSE}`, in capitals.
    case trueFalse = "true-false"
    /// `{=A =B}` or `{A}`: no `~`, no `->`.
    case shortAnswer = "short-answer"
    /// `{=A -> 1 =B -> 2}`.
    case matching
    /// `{#3.14:0.01}`.
    case numerical
    /// `{}`.
    case essay
    /// No answer block at all.
    case description

    /// Whether iamquiz can practise questions of this kind.
    public var isPractised: Bool { self == .multipleChoice || self == .trueFalse }

    /// The words used in messages ("matching question").
    var label: String {
        switch self {
        case .multipleChoice: "multiple choice question"
        case .trueFalse: "true/false question"
        case .shortAnswer: "short answer question"
        case .matching: "matching question"
        case .numerical: "numerical question"
        case .essay: "essay question"
        case .description: "description"
        }
    }
}

/// The text formats a GIFT text can name in a leading tag (`[markdown]`...). iamquiz keeps every text
/// as written; the format is only reported.
public enum GIFTTextFormat: String, Hashable, Sendable, Codable, CaseIterable {
    case moodle, html, plain, markdown
}

/// One answer of a GIFT question.
///
/// Encoded as `{"text", "weight", "feedback", "note", "verify"}`; positions stay out of the JSON.
public struct GIFTOption: Hashable, Sendable, Codable {
    public var text: String
    /// The weight in percent: 100 for `=`, 0 for a plain `~`, else the `%W%` written (-100 to 100).
    public var weight: Double
    /// The `#feedback` shown for this answer (for true/false: the feedback shown when it is chosen).
    public var feedback: String?
    /// From `// iamquiz: option X note:`.
    public var note: String?
    /// From `// iamquiz: option X verify:`.
    public var verify: String?
    /// The answer's `=` or `~` (for true/false, the `T`/`F` word).
    public var position: SourcePosition
    /// Where the `verify` value was written.
    public var verifyPosition: SourcePosition

    public init(text: String, weight: Double, feedback: String? = nil, note: String? = nil, verify: String? = nil,
                position: SourcePosition = .unknown, verifyPosition: SourcePosition = .unknown) {
        self.text = text
        self.weight = weight
        self.feedback = feedback
        self.note = note
        self.verify = verify
        self.position = position
        self.verifyPosition = verifyPosition
    }

    private enum CodingKeys: String, CodingKey { case text, weight, feedback, note, verify }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(weight, forKey: .weight)
        try container.encode(feedback, forKey: .feedback)
        try container.encode(note, forKey: .note)
        try container.encode(verify, forKey: .verify)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        weight = try container.decode(Double.self, forKey: .weight)
        feedback = try container.decodeIfPresent(String.self, forKey: .feedback)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        verify = try container.decodeIfPresent(String.self, forKey: .verify)
        position = .unknown
        verifyPosition = .unknown
    }
}

/// One GIFT question iamquiz can practise (multiple choice or true/false), as Moodle's importer reads it,
/// with the iamquiz fields of its `// iamquiz:` comment lines.
///
/// Encoded for `--format json` in the shape the Aiken importer also uses: `stem`, `options`
/// (`[{text, weight, feedback, note, verify}]`), `key` (a list of letters), `generalFeedback`, `category`,
/// `id`, `tags`, then `kind`, `title`, `format`, `missingWord` and the iamquiz fields. `number` and the
/// positions stay out of the JSON (and `bankID`); decoding sets them to 0, `.unknown` and nil.
public struct GIFTQuestion: Hashable, Sendable, Codable {
    /// The question's place among the file's question blocks, from 1, counting the ones left out, so that
    /// an id made from it (`PREFIX-N`) does not change when a question before it is fixed.
    public var number: Int
    public var kind: GIFTQuestionKind
    /// The `::title::`, unescaped.
    public var title: String?
    /// The `// [id:...]` as written (without `\]` escapes).
    public var id: String?
    /// The bank id the file gives the question: its `[id:]`, else its `::title::`, made a native id and
    /// unique in the file by `GIFTImporter.parse`; nil when the id is to come from a prefix.
    public var bankID: String?
    /// The `// [tag:...]` values, in order.
    public var tags: [String]
    /// The `$CATEGORY:` in force, as written.
    public var category: String?
    /// The format tag of the question text (`moodle` when none is written).
    public var format: GIFTTextFormat
    /// The question text; paragraphs are separated by `"\n\n"`; a block inside the text left `_____`.
    public var stem: String
    /// Whether the answer block stood inside the text (Moodle's missing-word form).
    public var isMissingWord: Bool
    public var options: [GIFTOption]
    /// The indices of the right options, sorted.
    public var key: [Int]
    /// The `####` general feedback.
    public var generalFeedback: String?
    public var references: [String]
    public var changed: [String]
    public var disputed: [String]
    public var source: String?
    public var scenario: String?
    public var rightWhen: RightWhen?
    /// Warnings accepted on the question (`// iamquiz: allow: CODE REASON`).
    public var allowed: [AllowedWarning] = []
    /// The first character of the question's text (its `::title::` or stem).
    public var position: SourcePosition
    /// Where the `[id:]` was written.
    public var idPosition: SourcePosition
    /// Where the `scenario` value was written.
    public var scenarioPosition: SourcePosition

    public init(number: Int, kind: GIFTQuestionKind, title: String? = nil, id: String? = nil, tags: [String] = [],
                category: String? = nil, format: GIFTTextFormat = .moodle, stem: String, isMissingWord: Bool = false,
                options: [GIFTOption], key: [Int], generalFeedback: String? = nil, references: [String] = [],
                changed: [String] = [], disputed: [String] = [], source: String? = nil, scenario: String? = nil,
                rightWhen: RightWhen? = nil, position: SourcePosition = .unknown, idPosition: SourcePosition = .unknown,
                scenarioPosition: SourcePosition = .unknown) {
        self.number = number
        self.kind = kind
        self.title = title
        self.id = id
        self.bankID = nil
        self.tags = tags
        self.category = category
        self.format = format
        self.stem = stem
        self.isMissingWord = isMissingWord
        self.options = options
        self.key = key
        self.generalFeedback = generalFeedback
        self.references = references
        self.changed = changed
        self.disputed = disputed
        self.source = source
        self.scenario = scenario
        self.rightWhen = rightWhen
        self.position = position
        self.idPosition = idPosition
        self.scenarioPosition = scenarioPosition
    }

    private enum CodingKeys: String, CodingKey {
        case stem, options, key, generalFeedback, category, id, tags
        case kind, title, format, missingWord, references, changed, disputed, source, scenario, rightWhen
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stem, forKey: .stem)
        try container.encode(options, forKey: .options)
        try container.encode(key.map { OptionLetter.letter($0) }, forKey: .key)
        try container.encode(generalFeedback, forKey: .generalFeedback)
        try container.encode(category, forKey: .category)
        try container.encode(id, forKey: .id)
        try container.encode(tags, forKey: .tags)
        try container.encode(kind, forKey: .kind)
        try container.encode(title, forKey: .title)
        try container.encode(format, forKey: .format)
        try container.encode(isMissingWord, forKey: .missingWord)
        try container.encode(references, forKey: .references)
        try container.encode(changed, forKey: .changed)
        try container.encode(disputed, forKey: .disputed)
        try container.encode(source, forKey: .source)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(rightWhen, forKey: .rightWhen)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stem = try container.decode(String.self, forKey: .stem)
        options = try container.decode([GIFTOption].self, forKey: .options)
        var key: [Int] = []
        for letter in try container.decode([String].self, forKey: .key) {
            guard letter.count == 1, let character = letter.first, let index = OptionLetter.index(character),
                  index < options.count else {
                throw DecodingError.dataCorruptedError(forKey: .key, in: container,
                                                       debugDescription: "a key letter names no option: \(letter)")
            }
            key.append(index)
        }
        self.key = key.sorted()
        generalFeedback = try container.decodeIfPresent(String.self, forKey: .generalFeedback)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        bankID = nil
        tags = try container.decodeIfPresent([String].self, forKey: .tags) ?? []
        kind = try container.decodeIfPresent(GIFTQuestionKind.self, forKey: .kind) ?? .multipleChoice
        title = try container.decodeIfPresent(String.self, forKey: .title)
        format = try container.decodeIfPresent(GIFTTextFormat.self, forKey: .format) ?? .moodle
        isMissingWord = try container.decodeIfPresent(Bool.self, forKey: .missingWord) ?? false
        references = try container.decodeIfPresent([String].self, forKey: .references) ?? []
        changed = try container.decodeIfPresent([String].self, forKey: .changed) ?? []
        disputed = try container.decodeIfPresent([String].self, forKey: .disputed) ?? []
        source = try container.decodeIfPresent(String.self, forKey: .source)
        scenario = try container.decodeIfPresent(String.self, forKey: .scenario)
        rightWhen = try container.decodeIfPresent(RightWhen.self, forKey: .rightWhen)
        number = 0
        position = .unknown
        idPosition = .unknown
        scenarioPosition = .unknown
    }
}
