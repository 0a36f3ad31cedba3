import Diagnostics
import IAMPolicy
import QuizBank

/// Reads a drill template (docs/drill-format.md). Every problem of the file is reported, at its line and
/// column; a file with an error gives no template.
public enum DrillTemplateParser {
    /// The template lines, each at column 1; other lines at column 1 are the scenario's.
    static let keywords = ["drill", "title", "level", "topics", "vary", "situation", "show", "ask", "question", "option", "explanation"]

    public static func parse(_ text: String, file: String) -> (template: DrillTemplate?, diagnostics: [Diagnostic]) {
        var state = TemplateParserState(file: file)
        state.read(text)
        let template = state.finish(text: text)
        let diagnostics = Diagnostic.sortedForDisplay(state.diagnostics)
        return (diagnostics.hasErrors ? nil : template, diagnostics)
    }
}

/// The parser's state as it goes through the lines.
struct TemplateParserState {
    let file: String
    var diagnostics: [Diagnostic] = []
    var id = "", title: TemplateText?, levels: [Level] = [], topics: [String] = []
    var slots: [DrillTemplate.Slot] = []
    var world: [TemplateText] = []
    var shows: [TemplateText] = []
    var situation: TemplateText?, ask: DrillAsk?, askLine = 0, question: TemplateText?, explanation: TemplateText?
    var options: [DrillTemplate.TemplateOption] = []
    var seen: [String: Int] = [:]
    /// What indented lines belong to: the scenario, an option's steps, a text that continues, or nothing.
    enum Block { case world, option, text(WritableKeyPath<TemplateParserState, TemplateText?>), none }
    var block = Block.none

    init(file: String) { self.file = file }

    mutating func error(_ code: DrillTemplateCode, _ message: String, line: Int, column: Int = 1, length: Int = 1, help: String? = nil) {
        diagnostics.append(Diagnostic(.error, code: code, message, file: file, range: SourceRange(line: line, column: column, length: length), help: help))
    }

    mutating func read(_ text: String) {
        var sawDrill = false
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            var content = String(rawLine)
            if content.hasSuffix("\r") { content.removeLast() }
            if let bad = content.unicodeScalars.first(where: { ControlCharacters.isUnsafe($0) && $0 != "\t" }) {
                error(.unreadable, "control character U+\(String(bad.value, radix: 16, uppercase: true)) in a template", line: line)
                continue
            }
            let trimmed = content.trimmingLeadingSpaces
            if trimmed.isEmpty {
                if case .world = block { world.append(TemplateText(text: "", line: line, column: 1)) }
                continue
            }
            if trimmed == "#" || trimmed.hasPrefix("# ") { continue }
            let indent = content.unicodeScalars.count - trimmed.unicodeScalars.count
            if indent > 0 {
                indented(trimmed, line: line, column: indent + 1, whole: content)
                continue
            }
            if !sawDrill {
                sawDrill = true
                guard content.hasPrefix("drill:") else {
                    error(.missingDrillLine, "a drill template starts with `drill: ID`", line: line, help: "for example `drill: cross-account-read`")
                    block = .none
                    continue
                }
            }
            topLine(content, line: line)
        }
        if !sawDrill { error(.missingDrillLine, "a drill template starts with `drill: ID`", line: 1) }
    }

    /// A line at column 1: a template line, or a line of the scenario.
    mutating func topLine(_ content: String, line: Int) {
        let word = String(content.prefix { $0 != ":" && $0 != " " })
        if word == "scenario" || word == "step" {
            error(.notInTemplate, word == "step" ? "a template has no `step` lines: steps belong to options" : "a template has no `scenario:` line",
                  line: line, length: word.count,
                  help: word == "step" ? "indent the steps under an `option:` line" : "the `drill:` line names the template")
            block = .none
            return
        }
        guard DrillTemplateParser.keywords.contains(word) else {
            world.append(TemplateText(text: content, line: line, column: 1))
            block = .world
            return
        }
        if word == "vary" { vary(content, line: line); block = .none; return }
        let afterWord = content.dropFirst(word.count)
        guard afterWord.hasPrefix(":") else {
            error(.badHeader, "`\(word)` is followed by `:`", line: line, column: word.count + 1, help: "write `\(word): ...`")
            block = .none
            return
        }
        let valueText = String(afterWord.dropFirst())
        let value = valueText.trimmingLeadingSpaces.trimmingTrailingSpaces
        let valueColumn = word.count + 2 + (valueText.unicodeScalars.count - valueText.trimmingLeadingSpaces.unicodeScalars.count)
        let located = TemplateText(text: value, line: line, column: valueColumn)
        block = .none
        if !["show", "option"].contains(word) {
            if let first = seen[word] {
                error(.duplicate, "`\(word):` given twice", line: line, length: word.count, help: "first given on line \(first)")
                return
            }
            seen[word] = line
        }
        if value.isEmpty {
            error(word == "drill" ? .missingDrillLine : .badHeader, "`\(word):` without a value", line: line, column: word.count + 1)
            return
        }
        switch word {
        case "drill":
            if SlotScanner.isName(value) { id = value } else {
                error(.badHeader, "malformed drill id `\(value)`", line: line, column: valueColumn, length: value.count,
                      help: "lowercase letters, digits and `-`, starting with a letter")
            }
        case "title": title = located
        case "level": levelLine(located)
        case "topics":
            topics = value.split(separator: ",").map { String($0).trimmingLeadingSpaces.trimmingTrailingSpaces }
            if topics.contains(where: \.isEmpty) { error(.badHeader, "an empty topic in `topics:`", line: line, column: valueColumn) }
        case "situation": situation = located; block = .text(\.situation)
        case "question": question = located; block = .text(\.question)
        case "explanation": explanation = located; block = .text(\.explanation)
        case "show": shows.append(located)
        case "ask":
            askLine = line
            if let parsed = DrillAsk(rawValue: value) { ask = parsed } else {
                error(.badAsk, "unknown ask `\(value)`", line: line, column: valueColumn, length: value.count,
                      help: "write " + DrillAsk.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                        + (closestMatch(to: value, in: DrillAsk.allCases.map(\.rawValue)).map { "; did you mean `\($0)`?" } ?? ""))
            }
        default:
            options.append(.init(text: located, steps: []))
            block = .option
        }
    }

    mutating func levelLine(_ located: TemplateText) {
        let words = located.text.split { $0 == "," || $0 == " " }.map(String.init)
        for word in words {
            guard let level = Level(rawValue: word) else {
                error(.badHeader, "unknown level `\(word)`", line: located.line, column: located.column, help: "write `associate`, `professional` or both")
                return
            }
            if !levels.contains(level) { levels.append(level) }
        }
    }

    /// `vary NAME: a | b | c` or `vary NAME: 1..5`.
    mutating func vary(_ content: String, line: Int) {
        let rest = content.dropFirst("vary".count)
        guard rest.hasPrefix(" "), let colon = rest.firstIndex(of: ":") else {
            error(.badVary, "a `vary` line is `vary NAME: VALUE | VALUE...`", line: line)
            return
        }
        let name = String(rest[..<colon]).trimmingLeadingSpaces.trimmingTrailingSpaces
        guard SlotScanner.isName(name) else {
            error(.badVary, "malformed slot name `\(name)`", line: line, column: 6, help: "lowercase letters, digits and `-`, starting with a letter")
            return
        }
        if let first = slots.first(where: { $0.name == name }) {
            error(.duplicate, "slot `\(name)` declared twice", line: line, column: 6, length: name.count, help: "first declared on line \(first.line)")
            return
        }
        let valueText = String(rest[rest.index(after: colon)...])
        var values = valueText.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingLeadingSpaces.trimmingTrailingSpaces }
        if values.count == 1, let range = Self.range(values[0]) { values = range.map(String.init) }
        guard values.count >= 2 else {
            error(.badVary, "slot `\(name)` has \(values.count == 1 && !values[0].isEmpty ? "one value" : "no value")", line: line, column: 6,
                  help: "give two values or more, separated by `|`, or a range such as `1..3`")
            return
        }
        slots.append(.init(name: name, values: values, line: line))
    }

    /// The numbers of `A..B` (A < B, at most 1,000 of them), or nil when `text` is not such a range.
    static func range(_ text: String) -> ClosedRange<Int>? {
        let ends = text.split(separator: ".", omittingEmptySubsequences: false)
        guard ends.count == 3, ends[1].isEmpty, let low = Int(ends[0]), let high = Int(ends[2]), low < high, high - low < 1000 else { return nil }
        return low...high
    }

    /// An indented line: an attribute or JSON of the scenario, a step of an option, or more of a text.
    mutating func indented(_ trimmed: String, line: Int, column: Int, whole: String) {
        switch block {
        case .world:
            world.append(TemplateText(text: whole, line: line, column: 1))
        case .option:
            options[options.count - 1].steps.append(TemplateText(text: trimmed.trimmingTrailingSpaces, line: line, column: column))
        case .text(let path):
            self[keyPath: path]?.text += " " + trimmed.trimmingTrailingSpaces
        case .none:
            error(.notInTemplate, "an indented line that belongs to nothing", line: line, column: column,
                  help: "indented lines are a declaration's attributes, an option's steps, or more of `situation:`, `question:` or `explanation:`")
        }
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " || $0 == "\t" }) }
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
