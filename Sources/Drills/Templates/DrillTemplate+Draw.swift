import Diagnostics
import IAMPolicy
import QuizBank
import QuizEngine

/// One draw of a template: the slot values chosen, and the world draft they make (or why they make none).
struct TemplateDraw {
    /// The values by slot, in the order the `vary` lines come.
    var values: [(name: String, value: String)]
    var draft: WorldDraft?
    /// Why the draw makes no draft: a shown policy the stem cannot show with these values.
    var problem: Diagnostic?
    /// The template text behind each line of the draft's scenario (from line 1), to place its problems.
    var origins: [Origin?]

    /// A line of the scenario and the template text it was filled from; `prefix` counts the characters the
    /// scenario puts before it (`step c2: `), `exact` is false for a shown policy rewritten on one line.
    struct Origin {
        var text: TemplateText
        var prefix: Int
        var exact: Bool
    }

    /// The values in words, for messages: `who=dana, bucket=reports`.
    var valuesText: String {
        values.map { "\($0.name)=\($0.value.count > 40 ? String($0.value.prefix(37)) + "..." : $0.value)" }.joined(separator: ", ")
    }

    /// Where a problem of the scenario at `location` is in the template.
    func templateLocation(_ location: SourceLocation) -> SourceLocation? {
        guard location.line >= 1, location.line <= origins.count, let origin = origins[location.line - 1] else { return nil }
        guard origin.exact else { return SourceLocation(line: origin.text.line, column: origin.text.column + origin.prefix) }
        let filled = max(1, location.column - origin.prefix)
        return SourceLocation(line: origin.text.line, column: origin.text.column(ofFilled: filled, Dictionary(uniqueKeysWithValues: values.map { ($0.name, $0.value) })))
    }
}

extension DrillTemplate {
    /// A family whose every drill is a draw of this template, keyed by running its options' steps in the world.
    public var family: DrillFamily {
        let template = self
        return DrillFamily(name: id, title: title, levels: levels, topics: topics) { family, level, random in
            guard let draft = template.draw(&random).draft else { return nil }
            return WorldDrillBuilder.assemble(draft, family: family, level: level, random: &random)
        }
    }

    /// Chooses a value for every slot and fills the template: the situation, the world (each shown policy
    /// written on one line as the stem shows it), the options and their steps.
    func draw(_ random: inout SeededRandom) -> TemplateDraw {
        let chosen = slots.map { (name: $0.name, value: $0.values[random.below($0.values.count)]) }
        let values = Dictionary(uniqueKeysWithValues: chosen.map { ($0.name, $0.value) })
        var lines = world.map { $0.fill(values) }
        var origins: [TemplateDraw.Origin?] = [nil] + world.map { TemplateDraw.Origin(text: $0, prefix: 0, exact: true) }
        var policies: [DrillPolicy] = []
        for document in shown {
            let prefix = TemplateText(text: document.prefix, line: 0, column: 1).fill(values)
            let json = ([String(lines[document.lineIndex].dropFirst(prefix.count))] + document.continuation.map { lines[$0] }).joined(separator: "\n")
            let place = world[document.lineIndex]
            let statements: Result<[DrillStatement], ShowProblem>
            switch JSONReader.parse(json, file: file) {
            case .success(let node): statements = ShownPolicy.statements(node)
            case .failure(let problem): statements = .failure(ShowProblem(problem.message))
            }
            let fill = { (text: String) in TemplateText(text: text, line: 0, column: 1).fill(values) }
            switch statements {
            case .success(let parsed):
                let policy = DrillPolicy(kind: document.kind, name: fill(document.name), statements: parsed, attachment: document.attachment.map(fill))
                policies.append(policy)
                lines[document.lineIndex] = prefix + " " + policy.document
                origins[document.lineIndex + 1]?.exact = false
                origins[document.lineIndex + 1]?.prefix = prefix.count + 1
                for index in document.continuation { lines[index] = "" }
            case .failure(let why):
                let problem = Diagnostic(.error, code: DrillTemplateCode.unshowablePolicy, "with \(TemplateDraw(values: chosen, origins: []).valuesText): \(why.message)",
                                         file: file, range: SourceRange(line: place.line, column: 1 + document.prefix.count - document.prefix.trimmingLeadingSpaces.count),
                                         help: "the stem shows each statement of a shown policy on one line; see docs/drill-format.md")
                return TemplateDraw(values: chosen, problem: problem, origins: origins)
            }
        }
        origins.append(nil)
        var candidates: [WorldCandidate] = []
        for (i, option) in options.enumerated() {
            let steps = option.steps.map { $0.fill(values) }
            for (j, step) in option.steps.enumerated() {
                let name = j == steps.count - 1 ? "c\(i + 1)" : "c\(i + 1)-\(j + 1)"
                origins.append(TemplateDraw.Origin(text: step, prefix: "step \(name): ".count, exact: true))
            }
            candidates.append(WorldCandidate(text: option.text.fill(values), steps: steps, parts: steps))
        }
        let draft = WorldDraft(situation: situation.fill(values), shown: policies, world: lines.joined(separator: "\n"), candidates: candidates,
                               ask: ask, sentence: question?.fill(values), explanation: explanation.fill(values))
        return TemplateDraw(values: chosen, draft: draft, origins: origins)
    }
}
