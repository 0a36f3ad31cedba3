import Diagnostics
import IAMPolicy
import QuizBank

extension TemplateParserState {
    /// The checks that need the whole file (required lines, options, `show:`, slots), and the template.
    mutating func finish(text: String) -> DrillTemplate? {
        let lastLine = max(1, text.split(separator: "\n", omittingEmptySubsequences: false).count)
        for (word, value) in [("title", title != nil), ("level", !levels.isEmpty), ("topics", !topics.isEmpty), ("situation", situation != nil),
                              ("ask", ask != nil), ("explanation", explanation != nil)] where !value && seen[word] == nil {
            error(.missingLine, "missing `\(word):` line", line: lastLine, help: "see docs/drill-format.md")
        }
        if options.count < 4 {
            error(.badOption, "a template needs at least 4 options, it has \(options.count)", line: options.last?.text.line ?? lastLine,
                  help: "a question shows 4 to 6 options; write more `option:` lines, some that work and some that fail")
        }
        for option in options {
            guard let first = option.steps.first else {
                error(.badOption, "an option without steps", line: option.text.line, help: "indent its steps under it, starting with `as ...`")
                continue
            }
            if !(first.text.hasPrefix("as ") || first.text == "as") {
                error(.badOption, "an option's first step says who acts: `as user ...`, `as role ...`", line: first.line, column: first.column,
                      help: "the options run one after the other in one sandbox, so each starts with `as`")
            }
        }
        while world.last?.text.isEmpty == true { world.removeLast() }
        var shown: [DrillTemplate.ShownDocument] = []
        for show in shows { if let document = resolve(show) { shown.append(document) } }
        slotUses(text)
        guard let title, let situation, let ask, let explanation else { return nil }
        return DrillTemplate(file: file, id: id, title: title.text, levels: levels, topics: topics, slots: slots, world: world, shown: shown,
                             situation: situation, ask: ask, askLine: askLine, question: question, explanation: explanation, options: options)
    }

    /// T005 for each slot used that no `vary` line declares, T006 for each declared slot never used.
    mutating func slotUses(_ text: String) {
        var used: Set<String> = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = String(line)
            let trimmed = content.trimmingLeadingSpaces
            if content.hasPrefix("vary ") || trimmed == "#" || trimmed.hasPrefix("# ") { continue }
            for case .slot(let name, let offset) in SlotScanner.pieces(content) {
                used.insert(name)
                if !slots.contains(where: { $0.name == name }) {
                    error(.undeclaredSlot, "slot `{\(name)}` is not declared", line: index + 1, column: offset + 1, length: name.count + 2,
                          help: closestMatch(to: name, in: slots.map(\.name)).map { "did you mean `{\($0)}`?" } ?? "declare it with `vary \(name): VALUE | VALUE`")
                }
            }
        }
        for slot in slots where !used.contains(slot.name) {
            diagnostics.append(Diagnostic(.warning, code: DrillTemplateCode.unusedSlot, "slot `\(slot.name)` is never used", file: file,
                                          range: SourceRange(line: slot.line, column: 6, length: slot.name.count),
                                          help: "write `{\(slot.name)}` where its value goes, or remove the line"))
        }
    }

    /// The policy a `show:` line names: `DECLARATION ATTRIBUTE` as written (`role prod/Reports trust`,
    /// `user analytics/dana policy read`, `resource arn:aws:s3:::reports policy`, `organization 111111111111
    /// scp DenyS3 on workloads`), or `document NAME`.
    mutating func resolve(_ show: TemplateText) -> DrillTemplate.ShownDocument? {
        let declarations = TemplateDeclarations(world)
        for declaration in declarations.items {
            let head = world[declaration.line].text.trimmingTrailingSpaces
            if head.hasPrefix("document "), let colon = head.firstIndex(of: ":"), String(head[..<colon]) == show.text {
                let name = String(head[head.index(head.startIndex, offsetBy: 9)..<colon])
                return .init(kind: .session, name: name, attachment: nil, lineIndex: declaration.line, prefix: String(head[...colon]),
                             continuation: declaration.json)
            }
            guard show.text.hasPrefix(head + " ") else { continue }
            let wanted = String(show.text.dropFirst(head.count + 1))
            for attribute in declaration.attributes where attribute.name == wanted {
                let words = head.split(separator: " ").map(String.init)
                let attributeWords = wanted.split(separator: " ").map(String.init)
                guard words.count >= 2, let kind = Self.kind(declaration: words[0], attribute: attributeWords[0]) else { break }
                let target = words[1]
                let name: String, attachment: String?
                switch kind {
                case .identity, .boundary:
                    name = attributeWords.count > 1 ? attributeWords[1] : target
                    attachment = "\(words[0]) `\(target)`"
                case .scp, .rcp:
                    name = attributeWords.count > 1 ? attributeWords[1] : kind.rawValue
                    attachment = attributeWords.count > 3 ? "`\(attributeWords[3])`" : nil
                default:
                    name = target
                    attachment = nil
                }
                let line = world[attribute.line].text
                return .init(kind: kind, name: name, attachment: attachment, lineIndex: attribute.line,
                             prefix: String(line[...line.firstIndex(of: ":")!]), continuation: attribute.json)
            }
        }
        error(.unknownShow, "`show:` names no policy of the template: `\(show.text)`", line: show.line, column: show.column, length: show.text.count,
              help: "write the declaration's line and the policy's attribute, as `role prod/Reports trust` or `user prod/ana policy read`")
        return nil
    }

    /// The policy kind of an attribute, or nil when it holds no policy.
    static func kind(declaration: String, attribute: String) -> PolicyKind? {
        switch (declaration, attribute) {
        case ("user", "policy"), ("group", "policy"), ("role", "policy"): .identity
        case ("user", "boundary"), ("role", "boundary"): .boundary
        case ("role", "trust"): .trust
        case ("resource", "policy"): .resource
        case ("vpc-endpoint", "policy"): .endpoint
        case ("organization", "scp"): .scp
        case ("organization", "rcp"): .rcp
        default: nil
        }
    }
}

/// The declarations among a template's scenario lines: each line at column 1, its attributes, and the lines
/// of each attribute's JSON when it starts on the next line (indented deeper than the attribute).
struct TemplateDeclarations {
    struct Attribute {
        /// The attribute's words before its `:` (`policy read`, `trust`).
        var name: String
        var line: Int
        var json: [Int]
    }
    struct Declaration {
        var line: Int
        var attributes: [Attribute]
        /// The lines of JSON that follow a declaration line ending in `:` (`document NAME:`).
        var json: [Int] = []
    }
    var items: [Declaration] = []

    init(_ lines: [TemplateText]) {
        var jsonIndent: Int?
        for (index, line) in lines.enumerated() where !line.text.isEmpty {
            let trimmed = line.text.trimmingLeadingSpaces
            let indent = line.text.count - trimmed.count
            if indent == 0 {
                items.append(Declaration(line: index, attributes: []))
                jsonIndent = line.text.hasSuffix(":") ? 0 : nil
                continue
            }
            guard !items.isEmpty else { continue }
            if let attributeIndent = jsonIndent, indent > attributeIndent {
                if items[items.count - 1].attributes.isEmpty {
                    items[items.count - 1].json.append(index)
                } else {
                    let last = items[items.count - 1].attributes.count - 1
                    items[items.count - 1].attributes[last].json.append(index)
                }
                continue
            }
            let name = trimmed.prefix { $0 != ":" }
            items[items.count - 1].attributes.append(Attribute(name: String(name).trimmingTrailingSpaces, line: index, json: []))
            jsonIndent = trimmed.trimmingTrailingSpaces.hasSuffix(":") ? indent : nil
        }
    }
}
