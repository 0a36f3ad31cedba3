import Diagnostics

/// Writes bank questions as Moodle GIFT (docs/gift-aiken.md), in a layout that Moodle imports and that
/// `GIFTImporter` reads back to the same questions.
///
/// - A `$CATEGORY: $course$/iamquiz/LEVEL/TOPIC` line starts each run of questions with the same level and
///   first topic (`$course$/iamquiz/LEVEL` for questions without topics).
/// - Each question has a `// [id:ID] [tag:TOPIC]...` comment line, then its `// iamquiz:` lines, then
///   `::ID::STEM{`, one answer a line, the explanation as `####` general feedback, and `}`.
/// - One right option: `=` for it and `~` for the others. Several: `~%W%` with W = 100 / (right options)
///   for each right option and -100 / (wrong options) for each wrong one, written with at most five
///   decimals (`33.33333`), so that the right ones make 100% and choosing every option scores nothing.
/// - Every `\ ~ = # { } :` in a text is escaped and line breaks are written `\n` (a stem's list is one
///   `• item` line per item, which `GIFTImporter` reads back as a list); a text that would lose a
///   leading `[html]`-like tag, or an answer that would read a leading `%` as a weight, is guarded with
///   `[moodle]`, which Moodle drops.
/// - Control characters (`ControlCharacters`) are left out of every text, with a W108 warning.
/// - `// iamquiz: FIELD: VALUE` carries what GIFT has no place for: `source`, `scenario`, `right-when`,
///   `reference`, `changed`, `disputed`, `option X note` and `option X verify`. Moodle ignores these lines.
public struct GIFTExporter: Sendable {
    public init() {}

    /// The GIFT text of a bank, and the questions that could not be written.
    public struct Output: Sendable {
        public var text: String
        /// How many questions the text holds.
        public var exported: Int
        /// G112 warnings for the questions left out and W108 warnings for texts that lost control characters,
        /// at their position in the bank.
        public var diagnostics: [Diagnostic]

        public init(text: String, exported: Int, diagnostics: [Diagnostic]) {
            self.text = text
            self.exported = exported
            self.diagnostics = diagnostics
        }
    }

    /// The GIFT text of `questions`, with an optional comment at the top (one `//` line per line).
    ///
    /// Unkeyed questions and questions with fewer than two options have no GIFT form that Moodle accepts:
    /// they are left out with a G112 warning. Control characters are left out of every text (W108).
    public func export(_ questions: [Question], comment: String? = nil) -> Output {
        var blocks: [String] = []
        let (questions, removed) = ControlCharacters.removed(from: questions)
        var diagnostics = removed
        if let comment {
            blocks.append(ControlCharacters.removed(from: comment).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "//" : "// " + Self.commentSafe(String($0)) }
                .joined(separator: "\n") + "\n")
        }
        var currentCategory: String?
        var exported = 0
        for question in questions {
            guard let block = export(question) else {
                let reason = question.key == .unkeyed ? "is unkeyed" : "has fewer than two options"
                diagnostics.append(Diagnostic(
                    .warning, code: GIFTCode.notExportable, "question `\(question.id)` \(reason); left out of the GIFT file",
                    file: question.position.file,
                    range: question.position.location.map { SourceRange(line: $0.line, column: $0.column) },
                    help: "Moodle needs at least two answers and a right one; add `answer:` with the key"))
                continue
            }
            let category = Self.category(of: question)
            if category != currentCategory {
                blocks.append("$CATEGORY: \(category)\n")
                currentCategory = category
            }
            blocks.append(block)
            exported += 1
        }
        return Output(text: blocks.joined(separator: "\n"), exported: exported, diagnostics: diagnostics)
    }

    /// One question's block, ending with a newline, or nil when GIFT cannot carry it (unkeyed, fewer than
    /// two options, or a key naming no option).
    public func export(_ question: Question) -> String? {
        let key = question.key.indices
        guard question.options.count >= 2, !key.isEmpty, key.allSatisfy({ $0 >= 0 && $0 < question.options.count }) else {
            return nil
        }
        var out = "// [id:\(question.id)]"
        for topic in question.topics { out += " [tag:\(topic)]" }
        out += "\n"
        func field(_ name: String, _ value: String) {
            out += "// iamquiz: \(name): \(Self.commentValue(value))\n"
        }
        if let source = question.source { field("source", source) }
        if let scenario = question.scenario { field("scenario", scenario) }
        if question.rightWhen != .works { field("right-when", question.rightWhen.rawValue) }
        for allowed in question.allowed { field("allow", allowed.code + " " + allowed.reason) }
        for reference in question.references { field("reference", reference) }
        for changed in question.changed { field("changed", changed) }
        for disputed in question.disputed { field("disputed", disputed) }
        for (i, option) in question.options.enumerated() {
            if let note = option.note { field("option \(OptionLetter.letter(i)) note", note) }
            if let verify = option.verify { field("option \(OptionLetter.letter(i)) verify", verify) }
        }

        out += "::\(question.id)::\(Self.text(question.stem)){\n"
        let right = Set(key)
        let wrongCount = question.options.count - right.count
        for (i, option) in question.options.enumerated() {
            let marker: String
            if right.count == 1 {
                marker = right.contains(i) ? "=" : "~"
            } else {
                let weight = right.contains(i) ? 100 / Double(right.count) : -100 / Double(wrongCount)
                marker = "~%\(GIFTText.formatWeight(weight))%"
            }
            out += "\t\(marker)\(Self.text(option.text, isAnswer: true))"
            if let why = option.why { out += "#\(Self.text(why))" }
            out += "\n"
        }
        if let explanation = question.explanation { out += "\t####\(Self.text(explanation))\n" }
        out += "}\n"
        return out
    }

    /// `$course$/iamquiz/LEVEL/TOPIC`: the level and the first topic.
    static func category(of question: Question) -> String {
        var path = "$course$/iamquiz/\(question.level.rawValue)"
        if let topic = question.topics.first { path += "/\(topic)" }
        return path
    }

    /// A text with every GIFT special character escaped and line breaks as `\n`, guarded by `[moodle]`
    /// when Moodle would otherwise take its start for a format tag (or, in an answer, for a weight).
    static func text(_ text: String, isAnswer: Bool = false) -> String {
        var out = ""
        if GIFTText.startsWithFormatTag(text) || (isAnswer && text.hasPrefix("%")) { out = "[moodle]" }
        for scalar in text.unicodeScalars {
            switch scalar {
            case _ where GIFTText.escapable.contains(scalar):
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\n":
                out += "\\n"
            case "\r":
                // Moodle's own export drops carriage returns too.
                continue
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A `// iamquiz:` value: `\\` and `\n` escapes, and `[id:`/`[tag:` broken as `[id\:`/`[tag\:` so that
    /// Moodle does not take them for the question's id number or a tag.
    static func commentValue(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return commentSafe(out)
    }

    /// Breaks `[id:` and `[tag:` with an escaped colon.
    static func commentSafe(_ text: String) -> String {
        text.replacingAll("[id:", with: "[id\\:").replacingAll("[tag:", with: "[tag\\:")
    }
}

extension String {
    /// The text with every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }
}

extension Substring {
    /// The first range of `target`, compared by Unicode scalars.
    fileprivate func range(of target: String) -> Range<Index>? {
        let needle = Array(target.unicodeScalars)
        var index = startIndex
        while index < endIndex {
            var i = index
            var matched = true
            for scalar in needle {
                guard i < endIndex, unicodeScalars[i] == scalar else { matched = false; break }
                i = unicodeScalars.index(after: i)
            }
            if matched { return index..<i }
            index = unicodeScalars.index(after: index)
        }
        return nil
    }
}
