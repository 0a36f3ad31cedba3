import Diagnostics
import Foundation
import IAMPolicy

// Pass 1: the lines of the file into header fields, declarations with their attributes and step drafts.
// A top-level line owns the indented lines below it; a JSON document continues on deeper lines.

extension ScenarioBuilder {
    mutating func scanLines() {
        var i = 0
        var firstLine: ScenarioLine?
        var scenarioLine: ScenarioHeaderField?
        while i < lines.count {
            let line = lines[i]
            guard line.hasContent else {
                i += 1
                continue
            }
            // A top-level line owns the indented, blank and comment lines below it.
            var j = i + 1
            while j < lines.count, !lines[j].hasContent || lines[j].indent > 0 { j += 1 }
            if firstLine == nil { firstLine = line }
            if line.indent > 0 {
                error(.strayIndentedLine, "indented line outside a declaration", at: line.contentRange,
                      help: "declarations, header fields and steps start at column 1; attributes are indented below them")
                i = j
                continue
            }
            let head = line.head(at: 0)
            let body = (i + 1)..<j
            let keyword = head.wellFormed ? head.name : ""
            if ScenarioParser.headerFields.contains(keyword) {
                let start = line.valueStart(after: head)
                let field = ScenarioHeaderField(name: keyword, nameRange: head.range, value: line.text(start, line.end),
                                        valueRange: line.range(start, line.end), line: line.number)
                if keyword == "scenario", scenarioLine == nil { scenarioLine = field }
                header.append(field)
                reportStrayLines(body, under: "`\(keyword):`")
            } else if keyword == "step" {
                scanStep(line, head: head, body: body)
            } else if keyword == "document" {
                scanDocument(line, head: head, body: body)
            } else if ScenarioParser.declarations.contains(keyword) {
                let start = line.valueStart(after: head)
                declarations.append(ScenarioDeclaration(keyword: keyword, keywordRange: head.range, line: line.number,
                                                words: line.words(start, line.end), lineRange: line.contentRange,
                                                attributes: scanAttributes(body, of: keyword)))
            } else {
                unknownLine(line, head: head)
            }
            i = j
        }
        if let firstLine, let scenarioLine, scenarioLine.line != firstLine.number {
            error(.missingHeader, "`scenario:` must be the first line", at: scenarioLine.nameRange,
                  help: "move it above line \(firstLine.number); comments and blank lines may come before it")
        } else if scenarioLine == nil {
            error(.missingHeader, "missing `scenario: ID` line", at: firstLine?.contentRange ?? SourceRange(line: 1, column: 1),
                  help: "a scenario file starts with `scenario: ID`, the id bank questions name")
        }
    }

    private mutating func unknownLine(_ line: ScenarioLine, head: ScenarioLineHead) {
        var help = Self.didYouMean(head.name, in: ScenarioParser.keywords)
        if help == nil, let first = line.scalars.first {
            if first == "{" || first == "}" || first == "[" || first == "]" || first == "\"" {
                help = "a JSON document continues on lines indented deeper than the line it belongs to"
            } else if first == "#" {
                help = "a comment is `#` followed by a space"
            } else {
                help = "a line at column 1 is a header field (`scenario:`, `title:`...), a declaration (`account`, `user`, `role`...) or a `step`"
            }
        }
        error(.unknownLine, "unknown line starting with `\(head.name)`", at: head.range, help: help)
    }

    /// Reports the first line of `body` with content: a line that belongs to nothing (S006).
    private mutating func reportStrayLines(_ body: Range<Int>, under owner: String) {
        guard let stray = body.first(where: { lines[$0].hasContent }) else { return }
        error(.strayIndentedLine, "indented line under \(owner), which takes none", at: lines[stray].contentRange,
              help: "only declarations and steps have indented lines")
    }

    /// Reads the JSON document that starts after a colon at `from` on line `index`, continued by the
    /// lines of `continuation` (those indented deeper); nil when there is no JSON at all.
    private func document(line index: Int, from: Int, continuation: Range<Int>, name: String?) -> Document? {
        let first = lines[index]
        let start = first.skipSpaces(from: from)
        // Comment lines become empty lines, so that later lines keep their numbers.
        func body(_ k: Int) -> String { lines[k].isComment ? "" : lines[k].text(0, lines[k].end) }
        if start < first.end {
            let pieces = [first.text(start, first.end)] + continuation.map(body)
            return Document(name: name, text: pieces.joined(separator: "\n"), file: file,
                            start: SourceLocation(line: first.number, column: start + 1))
        }
        guard let firstBody = continuation.first(where: { lines[$0].hasContent }) else { return nil }
        return Document(name: name, text: (firstBody..<continuation.upperBound).map(body).joined(separator: "\n"), file: file,
                        start: SourceLocation(line: lines[firstBody].number, column: 1))
    }

    /// The lines of `range` without the blank and comment lines at its end.
    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var upper = range.upperBound
        while upper > range.lowerBound, !lines[upper - 1].hasContent { upper -= 1 }
        return range.lowerBound..<upper
    }

    private mutating func scanDocument(_ line: ScenarioLine, head: ScenarioLineHead, body: Range<Int>) {
        guard let colon = line.firstIndex(of: ":", from: head.end) else {
            error(.wrongShape, "expected `document NAME: JSON`", at: line.contentRange,
                  help: "a colon follows the document's name, then its JSON")
            return
        }
        let words = line.words(head.end, colon)
        guard words.count == 1 else {
            error(.wrongShape, words.isEmpty ? "missing document name" : "expected one document name, found \(words.count) words",
                  at: words.first?.range ?? line.range(colon, colon + 1), help: "write `document NAME: JSON`")
            return
        }
        let index = line.number - 1
        let document = document(line: index, from: colon + 1, continuation: trimmed(body), name: words[0].text)
        if document == nil {
            error(.wrongShape, "missing JSON document after `document \(words[0].text):`", at: line.range(colon, colon + 1),
                  help: "write the JSON after the colon, or on the lines below indented deeper")
        }
        declarations.append(ScenarioDeclaration(keyword: "document", keywordRange: head.range, line: line.number, words: words,
                                        lineRange: line.contentRange, attributes: [], document: document))
    }

    private mutating func scanStep(_ line: ScenarioLine, head: ScenarioLineHead, body: Range<Int>) {
        let number = stepDrafts.count + 1
        guard let colon = line.firstIndex(of: ":", from: head.end) else {
            error(.malformedStep, "expected `:` after the step's name", at: line.contentRange,
                  help: "write `step NAME: COMMAND`, or `step: COMMAND` for a step without a name")
            // The step still counts, so that later `#N` references keep their numbers.
            stepDrafts.append(ScenarioStepDraft(name: nil, number: number, commandText: "", commandColumn: 1, line: line.number,
                                        lineRange: line.contentRange, attributes: []))
            return
        }
        let words = line.words(head.end, colon)
        let commandStart = line.skipSpaces(from: colon + 1)
        var draft = ScenarioStepDraft(name: words.first, number: number, commandText: line.text(commandStart, line.end),
                              commandColumn: commandStart + 1, line: line.number, lineRange: line.contentRange,
                              attributes: scanAttributes(body, of: "step"))
        if words.count > 1 {
            error(.malformedStep, "expected `:` after the step's name", at: words[1].range,
                  help: "a step name is one word: write `step NAME: COMMAND`")
            draft.commandText = ""
        } else if commandStart >= line.end {
            error(.malformedStep, "missing command after `step\(words.first.map { " \($0.text)" } ?? ""):`", at: line.range(colon, colon + 1),
                  help: "write the command on the same line, such as `step \(words.first?.text ?? "NAME"): whoami`")
        }
        stepDrafts.append(draft)
    }

    /// Reads the indented lines of a declaration or step as attributes of `keyword`.
    private mutating func scanAttributes(_ body: Range<Int>, of keyword: String) -> [ScenarioAttribute] {
        let specs = ScenarioParser.attributes[keyword] ?? []
        var attributes: [ScenarioAttribute] = []
        var firstLine: [String: Int] = [:]
        var k = body.lowerBound
        while k < body.upperBound {
            let line = lines[k]
            guard line.hasContent else {
                k += 1
                continue
            }
            // The lines indented deeper than this one: its document, or lines that belong to nothing.
            var next = k + 1
            while next < body.upperBound, !lines[next].hasContent || lines[next].indent > line.indent { next += 1 }
            defer { k = next }
            let head = line.head(at: line.indent)
            guard head.wellFormed, let spec = specs.first(where: { $0.name == head.name }) else {
                unknownAttribute(head, of: keyword, specs: specs)
                continue
            }
            if !spec.repeatable, let first = firstLine[spec.name] {
                let extra = spec.name == "role" && keyword == "instance-profile" ? "; an instance profile holds one role" : ""
                error(.givenTwice, "`\(spec.name)` given twice", at: head.range, help: "the first is on line \(first)\(extra)")
                continue
            }
            firstLine[spec.name] = line.number
            if spec.takesDocument {
                guard let colon = line.firstIndex(of: ":", from: head.end) else {
                    error(.wrongShape, "expected `:` and a JSON document after `\(spec.name)`", at: line.contentRange,
                          help: "write `\(spec.usage)`")
                    continue
                }
                let document = document(line: k, from: colon + 1, continuation: trimmed((k + 1)..<next), name: nil)
                if document == nil {
                    error(.wrongShape, "missing JSON document after `\(line.text(line.indent, colon + 1))`", at: line.range(colon, colon + 1),
                          help: "write the JSON after the colon, or on the lines below indented deeper than `\(spec.name)`")
                }
                let start = line.skipSpaces(from: colon + 1)
                attributes.append(ScenarioAttribute(name: spec.name, nameRange: head.range, line: line.number,
                                            words: line.words(head.end, colon), value: line.text(start, line.end),
                                            valueRange: line.range(start, line.end), document: document,
                                            lineRange: line.contentRange))
            } else {
                let start = line.valueStart(after: head)
                attributes.append(ScenarioAttribute(name: spec.name, nameRange: head.range, line: line.number,
                                            words: line.words(start, line.end), value: line.text(start, line.end),
                                            valueRange: start < line.end ? line.range(start, line.end) : line.range(line.end, line.end + 1),
                                            document: nil, lineRange: line.contentRange))
                reportStrayLines((k + 1)..<next, under: "`\(spec.name)`")
            }
        }
        return attributes
    }

    private mutating func unknownAttribute(_ head: ScenarioLineHead, of keyword: String, specs: [ScenarioAttributeSpec]) {
        guard !specs.isEmpty else {
            error(.unknownAttribute, "`\(keyword)` takes no attributes", at: head.range,
                  help: ScenarioParser.keywords.contains(head.name) ? "`\(head.name)` starts at column 1" : nil)
            return
        }
        var help = Self.didYouMean(head.name, in: specs.map(\.name))
        if help == nil {
            help = ScenarioParser.keywords.contains(head.name)
                ? "`\(head.name)` starts at column 1; remove the indentation"
                : "`\(keyword)` takes " + specs.map { "`\($0.usage)`" }.joined(separator: ", ")
        }
        error(.unknownAttribute, "unknown attribute `\(head.name)` of `\(keyword)`", at: head.range, help: help)
    }
}
