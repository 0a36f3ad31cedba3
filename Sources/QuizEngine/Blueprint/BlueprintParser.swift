import Diagnostics
import Foundation
import QuizBank

/// Reads an exam blueprint (docs/blueprint-format.md): header lines `key: value`, then `weights:` and one
/// indented `topic: percent` line per topic. Every problem of the file is reported, each at its line and
/// column (columns count Unicode scalars).
public enum BlueprintParser {
    /// A blueprint, or nil with the problems that prevent one; `diagnostics` has every problem found.
    public struct Result: Sendable {
        public var blueprint: Blueprint?
        public var diagnostics: [Diagnostic]
    }

    static let keys = ["name", "title", "questions", "minutes", "level", "pass-mark", "weights"]

    /// Parses `text`, read from `file` (the name diagnostics give).
    public static func parse(_ text: String, file: String) -> Result {
        var diagnostics: [Diagnostic] = []
        func problem(_ code: BlueprintCode, _ message: String, line: Int, column: Int, length: Int, help: String? = nil) {
            diagnostics.append(Diagnostic(.error, code: code, message, file: file,
                                          range: SourceRange(line: line, column: column, length: length), help: help))
        }
        var values: [String: (value: String, line: Int, column: Int)] = [:]
        var weights: [Blueprint.Weight] = []
        var inWeights = false
        var weightsLine: Int?
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indent = line.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
            guard let colon = trimmed.firstIndex(of: ":") else {
                problem(.syntax, "expected `key: value`, `weights:` or an indented `topic: percent`", line: number,
                        column: indent + 1, length: trimmed.unicodeScalars.count)
                continue
            }
            let key = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            let valueColumn = line.unicodeScalars.count - value.unicodeScalars.count + 1
            let keyLength = key.unicodeScalars.count
            if indent > 0 {
                guard inWeights else {
                    problem(.syntax, "an indented line belongs under `weights:`", line: number, column: indent + 1, length: keyLength)
                    continue
                }
                let range = SourceRange(line: number, column: indent + 1, length: keyLength)
                if key.isEmpty || key.contains(where: \.isWhitespace) {
                    problem(.syntax, "expected `topic: percent`", line: number, column: indent + 1, length: max(1, keyLength))
                } else if weights.contains(where: { $0.topic == key }) {
                    problem(.duplicate, "topic `\(key)` is weighted twice", line: number, column: indent + 1, length: keyLength)
                } else if let percent = Double(value), percent.isFinite, percent > 0, percent <= 100 {
                    weights.append(Blueprint.Weight(topic: key, percent: percent, range: range))
                } else {
                    problem(.badValue, "the weight of `\(key)` must be a number of percent above 0, up to 100", line: number,
                            column: valueColumn, length: max(1, value.unicodeScalars.count))
                }
                continue
            }
            inWeights = false
            guard keys.contains(key) else {
                problem(.unknownKey, "unknown key `\(key)`", line: number, column: 1, length: max(1, keyLength),
                        help: closestMatch(to: key, in: keys).map { "did you mean `\($0)`?" } ?? "the keys are \(keys.joined(separator: ", "))")
                continue
            }
            if values[key] != nil || (key == "weights" && weightsLine != nil) {
                problem(.duplicate, "`\(key)` is given twice", line: number, column: 1, length: keyLength)
                continue
            }
            if key == "weights" {
                weightsLine = number
                inWeights = true
                if !value.isEmpty {
                    problem(.syntax, "`weights:` stands alone; put each `topic: percent` on an indented line below it",
                            line: number, column: valueColumn, length: value.unicodeScalars.count)
                }
                continue
            }
            values[key] = (value, number, valueColumn)
        }

        func required(_ key: String) -> (value: String, line: Int, column: Int)? {
            if let entry = values[key] { return entry }
            diagnostics.append(Diagnostic(.error, code: BlueprintCode.missingKey, "missing `\(key):`", file: file,
                                          range: SourceRange(line: 1, column: 1)))
            return nil
        }
        func bad(_ entry: (value: String, line: Int, column: Int), _ message: String) {
            problem(.badValue, message, line: entry.line, column: entry.column, length: max(1, entry.value.unicodeScalars.count))
        }
        let name = required("name")
        if let name, name.value.isEmpty || name.value.contains(where: { $0.isWhitespace || $0 == "/" }) {
            bad(name, "the name is one word without `/`, such as `sap-c02`")
        }
        var count: Int?
        if let entry = required("questions") {
            count = Int(entry.value).flatMap { $0 >= 1 ? $0 : nil }
            if count == nil { bad(entry, "`questions` must be a whole number of at least 1") }
        }
        var minutes: Double?
        if let entry = required("minutes") {
            minutes = Double(entry.value).flatMap { $0.isFinite && $0 >= 0 && $0 <= 100_000 ? $0 : nil }
            if minutes == nil { bad(entry, "`minutes` must be a number from 0 (no limit) to 100000") }
        }
        var level: Level?
        if let entry = required("level") {
            level = Level(rawValue: entry.value.lowercased())
            if level == nil {
                bad(entry, "unknown level `\(entry.value)`; the levels are \(Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        var passMark = ExamResult.passMark
        if let entry = values["pass-mark"] {
            if let mark = Int(entry.value), (100...1000).contains(mark) { passMark = mark } else {
                bad(entry, "`pass-mark` must be a whole number from 100 to 1000")
            }
        }
        if let weightsLine {
            let sum = weights.reduce(0) { $0 + $1.percent }
            if weights.isEmpty {
                problem(.missingKey, "`weights:` has no `topic: percent` line", line: weightsLine, column: 1, length: 7)
            } else if abs(sum - 100) > 0.01 {
                problem(.weightSum, "the weights add up to \(sum.formatted(.number.precision(.fractionLength(0...2)))), not 100",
                        line: weightsLine, column: 1, length: 7,
                        help: "each weight is the percent of the questions on its topic; \(sum < 100 ? "raise" : "lower") them by "
                            + "\(abs(100 - sum).formatted(.number.precision(.fractionLength(0...2)))) in all")
            }
        } else {
            diagnostics.append(Diagnostic(.error, code: BlueprintCode.missingKey, "missing `weights:`", file: file,
                                          range: SourceRange(line: 1, column: 1)))
        }
        guard !diagnostics.hasErrors, let name, let count, let minutes, let level else {
            return Result(blueprint: nil, diagnostics: diagnostics)
        }
        let blueprint = Blueprint(name: name.value.lowercased(), title: values["title"]?.value ?? name.value, questionCount: count,
                                  minutes: minutes, level: level, passMark: passMark, weights: weights, file: file)
        return Result(blueprint: blueprint, diagnostics: diagnostics)
    }
}
