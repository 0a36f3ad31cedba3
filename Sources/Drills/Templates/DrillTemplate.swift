import Diagnostics
import IAMPolicy
import QuizBank

/// A drill template (`.iqd`, docs/drill-format.md) as parsed: a scenario's declarations with slots, the
/// `vary` lines that fill the slots, the question pattern and the candidate options.
///
/// Texts are kept as written, slots and all; each draw fills them (``TemplateText/fill(_:)``), so that a
/// problem found in one draw can be shown at its place in the template.
public struct DrillTemplate: Sendable {
    /// The file the template was read from, as diagnostics name it.
    public var file: String
    /// The `drill:` id, which is the family's name.
    public var id: String
    public var title: String
    public var levels: [Level]
    public var topics: [String]
    var slots: [Slot]
    /// The scenario's lines (header fields such as `start:`, declarations, their attributes and JSON), in
    /// order, each with its line in the template.
    var world: [TemplateText]
    var shown: [ShownDocument]
    var situation: TemplateText
    var ask: DrillAsk
    /// The line of `ask:`, where problems of the outcome mix are reported.
    var askLine: Int
    var question: TemplateText?
    var explanation: TemplateText
    var options: [TemplateOption]

    /// One `vary NAME: a | b | c` line.
    struct Slot: Sendable {
        var name: String
        var values: [String]
        var line: Int
    }

    /// An `option:` line and its steps.
    struct TemplateOption: Sendable {
        var text: TemplateText
        var steps: [TemplateText]
    }

    /// A policy the stem shows: where its JSON is among the world's lines, and how the stem names it.
    struct ShownDocument: Sendable {
        var kind: PolicyKind
        /// The name in the stem's heading (`read`, `prod/Reports`), slots unfilled.
        var name: String
        /// "user `analytics/dana`", "`workloads`": where the policy is attached, slots unfilled.
        var attachment: String?
        /// The index in ``DrillTemplate/world`` of the line whose `:` the JSON follows.
        var lineIndex: Int
        /// The attribute line up to and including that `:`, slots unfilled.
        var prefix: String
        /// The indices of the lines the JSON continues on (indented deeper).
        var continuation: [Int]
    }
}

/// A piece of template text at its place: the text as written (slots unfilled), its line, and the column its
/// first character is at.
struct TemplateText: Sendable {
    var text: String
    var line: Int
    var column: Int

    /// The text with each `{NAME}` of `values` replaced by its value.
    func fill(_ values: [String: String]) -> String {
        var out = ""
        for piece in SlotScanner.pieces(text) {
            switch piece {
            case .text(let t): out += t
            case .slot(let name, _): out += values[name] ?? "{\(name)}"
            }
        }
        return out
    }

    /// The template column of column `generated` (from 1) of the filled text: within a value, its slot's `{`.
    func column(ofFilled generated: Int, _ values: [String: String]) -> Int {
        var filled = 1, written = 0
        for piece in SlotScanner.pieces(text) {
            switch piece {
            case .text(let t):
                let n = t.unicodeScalars.count
                if generated < filled + n { return column + written + (generated - filled) }
                filled += n
                written += n
            case .slot(let name, _):
                let n = (values[name] ?? "").unicodeScalars.count
                if generated < filled + n { return column + written }
                filled += n
                written += name.unicodeScalars.count + 2
            }
        }
        return column + written
    }
}

/// Finds the slots `{NAME}` of a text: a name of lowercase letters, digits and `-` starting with a letter, in
/// braces, not after `$` (so that policy variables such as `${aws:username}` stay as they are).
enum SlotScanner {
    enum Piece: Equatable {
        case text(String)
        /// The name and the offset of its `{` in the text, in Unicode scalars from 0.
        case slot(String, Int)
    }

    static func pieces(_ text: String) -> [Piece] {
        guard text.contains("{") else { return [.text(text)] }
        let scalars = Array(text.unicodeScalars)
        var pieces: [Piece] = [], plain = String.UnicodeScalarView(), i = 0
        while i < scalars.count {
            if scalars[i] == "{", i == 0 || scalars[i - 1] != "$", let end = nameEnd(scalars, from: i + 1) {
                if !plain.isEmpty { pieces.append(.text(String(plain))); plain = String.UnicodeScalarView() }
                pieces.append(.slot(String(String.UnicodeScalarView(scalars[(i + 1)..<end])), i))
                i = end + 1
            } else {
                plain.append(scalars[i])
                i += 1
            }
        }
        if !plain.isEmpty { pieces.append(.text(String(plain))) }
        return pieces
    }

    /// The index of the `}` closing a slot name that starts at `start`, or nil when there is none.
    private static func nameEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start < scalars.count, ("a"..."z").contains(scalars[start]) else { return nil }
        var i = start
        while i < scalars.count, isNameScalar(scalars[i]) { i += 1 }
        return i < scalars.count && scalars[i] == "}" ? i : nil
    }

    static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("0"..."9").contains(s) || s == "-"
    }

    /// Whether `name` is a well-formed slot or drill name.
    static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy(isNameScalar)
    }
}
