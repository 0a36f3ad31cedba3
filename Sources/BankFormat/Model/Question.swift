import Diagnostics

/// The exam level a question targets.
public enum Level: String, Sendable, Codable, CaseIterable, Hashable {
    case associate
    case professional
}

/// One answer option: its text, why it is right or wrong, and a remark kept from the source.
public struct AnswerOption: Hashable, Sendable, Codable {
    public var text: String
    /// Why this option is right or wrong.
    public var why: String?
    /// A remark kept from the source (for example a blog's trailing parenthetical).
    public var note: String?
    /// The step of the question's scenario that shows whether this option works (`verify:`): a step
    /// name or `#N`.
    public var verify: String?
    public var position: SourcePosition
    /// Where `verify:` was written, for diagnostics.
    public var verifyPosition: SourcePosition

    public init(text: String, why: String? = nil, note: String? = nil, verify: String? = nil,
                position: SourcePosition = .unknown, verifyPosition: SourcePosition = .unknown) {
        self.text = text
        self.why = why
        self.note = note
        self.verify = verify
        self.position = position
        self.verifyPosition = verifyPosition
    }
}

/// A warning an instructor reviewed and accepted on one question (`allow: CODE REASON`): `check` does not
/// report that code for the question.
public struct AllowedWarning: Hashable, Sendable, Codable {
    public var code: String
    /// Why the warning is accepted: required, so that no warning is left unexplained.
    public var reason: String

    public init(code: String, reason: String) {
        self.code = code
        self.reason = reason
    }
}

/// Which options a question's key selects when its options are verified by scenario steps.
public enum RightWhen: String, Hashable, Sendable, Codable, CaseIterable {
    /// An option is right exactly when its step works (`allowed` or `ok`): the default.
    case works
    /// An option is right exactly when its step fails (a denial or an error): "which of these is denied?"
    case fails
    /// An option is right exactly when its step is denied by an explicit Deny: "which of these does a Deny
    /// stop?", where an implicit deny is a wrong option (generated drills ask it).
    case explicitDeny
    /// An option is right exactly when its step is denied only because nothing allows it.
    case implicitDeny
}

/// The answer key of a question.
public enum AnswerKey: Hashable, Sendable, Codable {
    /// The indices (0-based, in written order) of the correct options, sorted.
    case options([Int])
    /// The key is not known yet (`answer: ?`); the quiz skips such questions.
    case unkeyed

    /// The correct option indices, empty when unkeyed.
    public var indices: [Int] {
        if case .options(let list) = self { return list }
        return []
    }
}

/// A question of a bank.
public struct Question: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var level: Level
    public var topics: [String]
    /// The stem: blocks separated by a blank line (`"\n\n"`), each a paragraph or a list whose items are
    /// lines starting with `• ` (see `stemBlocks`).
    public var stem: String
    public var options: [AnswerOption]
    public var key: AnswerKey
    public var explanation: String?
    public var references: [String]
    /// How and when the right answer changed.
    public var changed: [String]
    /// Why the answer is debated.
    public var disputed: [String]
    /// The id of the scenario whose steps verify the options (`verify:`), or that illustrates the answer.
    public var scenario: String?
    /// Where `scenario:` was written, for diagnostics.
    public var scenarioPosition: SourcePosition
    /// Which options the key selects when options are verified (`right-when:`).
    public var rightWhen: RightWhen
    /// Where the question came from.
    public var source: String?
    /// Warnings accepted on this question, each with its reason (`allow:`).
    public var allowed: [AllowedWarning]
    public var position: SourcePosition

    public init(
        id: String, level: Level = .associate, topics: [String] = [], stem: String,
        options: [AnswerOption], key: AnswerKey, explanation: String? = nil, references: [String] = [],
        changed: [String] = [], disputed: [String] = [], scenario: String? = nil, source: String? = nil,
        rightWhen: RightWhen = .works, allowed: [AllowedWarning] = [], position: SourcePosition = .unknown,
        scenarioPosition: SourcePosition = .unknown
    ) {
        self.id = id
        self.level = level
        self.topics = topics
        self.stem = stem
        self.options = options
        self.key = key
        self.explanation = explanation
        self.references = references
        self.changed = changed
        self.disputed = disputed
        self.scenario = scenario
        self.source = source
        self.rightWhen = rightWhen
        self.allowed = allowed
        self.position = position
        self.scenarioPosition = scenarioPosition
    }

    /// The stem's paragraphs and lists, in order.
    public var stemBlocks: [StemBlock] { StemBlock.blocks(of: stem) }

    /// Whether any option names a scenario step that verifies it.
    public var hasVerifiedOptions: Bool { options.contains { $0.verify != nil } }

    /// How many answers the stem asks for ("Choose 2 answers"), or nil when it does not say.
    public var answersAskedFor: Int? { AnswerCountPhrase.find(in: stem)?.count }

    /// The number of answers the learner must give: what the stem asks for, else the key's size.
    public var answerCount: Int { answersAskedFor ?? max(1, key.indices.count) }
}

/// One block of a question's stem: a paragraph, a list that the quiz shows one item a line, or lines shown
/// as they are written (a policy document).
///
/// In `Question.stem` blocks are separated by a blank line; a list is a block whose every line starts with
/// `• ` (so a paragraph cannot start with `• `: it reads as a list of one item); a block of lines as written
/// is one whose every line starts with a tab (``codeMark``), which no paragraph line does.
public enum StemBlock: Hashable, Sendable {
    case paragraph(String)
    case list([String])
    /// Lines kept as written, indentation included: the quiz neither joins nor reflows them.
    case code([String])

    /// What starts each item of a list in `Question.stem`.
    public static let itemMark = "• "
    /// What starts each line of a ``code(_:)`` block in `Question.stem`.
    public static let codeMark = "\t"

    /// Whether the block is lines kept as written.
    public var isCode: Bool {
        if case .code = self { true } else { false }
    }

    /// The blocks of a stem text. Runs of two or more line breaks separate blocks; inside a paragraph a
    /// line break is a space.
    public static func blocks(of stem: String) -> [StemBlock] {
        var blocks: [StemBlock] = []
        var lines: [Substring] = []
        func close() {
            guard !lines.isEmpty else { return }
            if lines.allSatisfy({ $0.hasPrefix(codeMark) }) {
                blocks.append(.code(lines.map { String($0.dropFirst(codeMark.count)) }))
            } else if lines.allSatisfy({ $0.hasPrefix(itemMark) }) {
                blocks.append(.list(lines.map { String($0.dropFirst(itemMark.count)) }))
            } else {
                blocks.append(.paragraph(lines.joined(separator: " ")))
            }
            lines = []
        }
        for line in stem.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { close() } else { lines.append(line) }
        }
        close()
        return blocks
    }

    /// The stem text of `blocks`: what `blocks(of:)` reads back to them.
    public static func text(of blocks: [StemBlock]) -> String {
        blocks.map { block in
            switch block {
            case .paragraph(let text): text
            case .list(let items): items.map { itemMark + $0 }.joined(separator: "\n")
            case .code(let lines): lines.map { codeMark + $0 }.joined(separator: "\n")
            }
        }.joined(separator: "\n\n")
    }
}

/// Where a model value was written. Equality and hashing ignore it, so that a bank parsed from
/// different text (for example after printing) compares equal when its content is the same.
public struct SourcePosition: Hashable, Sendable, Codable {
    public var file: String
    public var location: SourceLocation?

    public static let unknown = SourcePosition(file: "", location: nil)

    public init(file: String, location: SourceLocation?) {
        self.file = file
        self.location = location
    }

    public static func == (lhs: SourcePosition, rhs: SourcePosition) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

/// A set of questions, in the order they were read.
public struct Bank: Hashable, Sendable, Codable {
    public var questions: [Question]

    public init(questions: [Question] = []) {
        self.questions = questions
    }

    /// Every topic used, sorted.
    public var topics: [String] { Array(Set(questions.flatMap(\.topics))).sorted() }
}

extension AnswerOption {
    /// An option's text as compared for repeated options (E006, G013, A013): case, spacing and a final
    /// period do not count.
    package static func comparableText(_ text: String) -> String {
        // ASCII text (most options) is compared byte by byte: lowercasing and splitting `Character`s cost
        // a third of the time of parsing a large bank.
        var text = text
        let ascii = text.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                var space = false
                for byte in bytes {
                    if byte == 0x20 || byte == 0x09 {
                        space = count > 0
                        continue
                    }
                    if space {
                        out[count] = 0x20
                        count += 1
                        space = false
                    }
                    out[count] = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
                    count += 1
                }
                while count > 0, out[count - 1] == 0x2E { count -= 1 }
                return count
            }
        }
        if let ascii { return ascii }
        var words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        while words.hasSuffix(".") { words.removeLast() }
        return words
    }

    /// Whether `text` can be a `verify:` value: a step name (lowercase letters, digits, `-`) or `#N`.
    package static func isStepReference(_ text: Substring) -> Bool {
        if text.hasPrefix("#") {
            let digits = text.dropFirst()
            return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
