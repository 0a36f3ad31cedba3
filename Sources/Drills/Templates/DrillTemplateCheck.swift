import Diagnostics
import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine

extension DrillTemplate {
    /// Draws of a template that `iamquiz check` and `iamquiz drill --bank` make before using it.
    public static let sampleSize = 200

    /// Generates `draws` drills with a fixed seed and reports what makes a question degenerate, each kind
    /// once, at its place in the template, with the slot values of its first draw and how many draws had
    /// it: a scenario that does not parse (T013, and its warnings as they are), a policy the stem cannot
    /// show (T012), every option with the same outcome (T014), two options alike (T015), fewer than 3 wrong
    /// options (T016), an earlier step of an option failing (T017), and no question at all (T018).
    public func sampleCheck(draws: Int = sampleSize, seed: UInt64 = 1) -> [Diagnostic] {
        var random = SeededRandom(seed: seed)
        var found: [String: (diagnostic: Diagnostic, count: Int)] = [:]
        var order: [String] = []
        func note(_ diagnostic: Diagnostic) {
            let key = "\(diagnostic.code)@\(diagnostic.range?.start.description ?? "")"
            if found[key] == nil { order.append(key); found[key] = (diagnostic, 0) }
            found[key]!.count += 1
        }
        func at(_ code: DrillTemplateCode, _ draw: TemplateDraw, _ message: String, line: Int, column: Int = 1, help: String? = nil) -> Diagnostic {
            Diagnostic(.error, code: code, "with \(draw.valuesText): \(message)", file: file, range: SourceRange(line: line, column: column), help: help)
        }
        var questions = 0
        let family = self.family
        for _ in 0..<draws {
            let draw = draw(&random)
            guard let draft = draw.draft else { draw.problem.map(note); continue }
            let text = WorldDrillBuilder.scenarioText(draft, family: family)
            let parsed = ScenarioParser.parse(text, file: file, baseDirectory: "/")
            for problem in parsed.diagnostics where problem.severity != .note {
                let place = problem.range.flatMap { draw.templateLocation($0.start) } ?? SourceLocation(line: askLine, column: 1)
                var mapped = problem
                mapped.range = SourceRange(line: place.line, column: place.column)
                if problem.severity == .error {
                    mapped = Diagnostic(.error, code: DrillTemplateCode.scenarioError, "with \(draw.valuesText): the scenario does not parse: "
                                        + "\(problem.code) \(problem.message)", file: file, range: mapped.range, help: problem.help)
                }
                note(mapped)
            }
            guard let scenario = parsed.scenario else { continue }
            let run = ScenarioRunner.run(scenario)
            var decided: [DecidedCandidate] = []
            var sound = true
            for (i, option) in options.enumerated() {
                for j in 0..<(option.steps.count - 1) {
                    guard let earlier = run.result(of: "c\(i + 1)-\(j + 1)")?.result, !earlier.outcome.works else { continue }
                    note(at(.earlierStepFails, draw, "step \(j + 1) of option \(i + 1) fails (\(earlier.outcome)), so its last step runs as someone else",
                            line: option.steps[j].line, column: option.steps[j].column,
                            help: "make every step but the last one work, or make the failing step the option's last"))
                    sound = false
                }
                guard let result = run.result(of: "c\(i + 1)")?.result else { sound = false; continue }
                let candidate = draft.candidates[i]
                decided.append(DecidedCandidate(text: candidate.text, parts: candidate.parts, right: ask.isRight(result.outcome), why: { "" },
                                                option: DrillOption(text: candidate.text, outcome: result.outcome, step: "c\(i + 1)")))
            }
            guard sound else { continue }
            var texts: [String: Int] = [:]
            for (i, candidate) in decided.enumerated() {
                if let first = texts[candidate.text.lowercased()] {
                    note(at(.duplicateOptions, draw, "options \(first + 1) and \(i + 1) both read `\(candidate.text)`", line: options[i].text.line,
                            column: options[i].text.column, help: "make the option texts differ whatever the slot values"))
                    sound = false
                } else {
                    texts[candidate.text.lowercased()] = i
                }
            }
            let right = decided.filter(\.right).count
            if right == 0 || right == decided.count {
                let outcome = right == 0 ? "no option is right" : "every option is right"
                note(at(.sameOutcome, draw, "\(outcome) (`ask: \(ask.rawValue)`)", line: askLine,
                        help: "the options must mix outcomes whatever the slot values: " + decided.map { "\($0.option.outcome)" }.joined(separator: ", ")))
                sound = false
            } else if decided.count - right < 3 {
                note(at(.tooFewWrong, draw, "only \(decided.count - right) of the \(decided.count) options are wrong; a question needs 3", line: askLine,
                        help: "add options that are wrong with these values"))
                sound = false
            }
            if sound, DrillQuestion.choose(decided, random: &random) != nil { questions += 1 }
        }
        var diagnostics = order.map { key -> Diagnostic in
            var (diagnostic, count) = found[key]!
            if count > 1 { diagnostic.help = "in \(count) of \(draws) draws" + (diagnostic.help.map { "; \($0)" } ?? "") }
            return diagnostic
        }
        if questions == 0, !diagnostics.hasErrors {
            diagnostics.append(Diagnostic(.error, code: DrillTemplateCode.noQuestion, "none of \(draws) draws made a question", file: file,
                                          range: SourceRange(line: askLine, column: 1),
                                          help: "with a single right option, it must not be much longer than the others"))
        }
        return diagnostics
    }
}

/// Drill templates read from files: parsed, checked by a sample, and made into families.
public enum DrillTemplates {
    /// What loading gave: a family per template without errors, and every problem of every file.
    public struct Loaded: Sendable {
        public var families: [DrillFamily] = []
        public var diagnostics: [Diagnostic] = []
    }

    /// Parses each (file, text), refuses a drill id used twice or by a built-in family (T003), and checks
    /// each template by a sample of ``DrillTemplate/sampleSize`` draws; only templates without errors
    /// become families.
    public static func load(_ files: [(file: String, text: String)], draws: Int = DrillTemplate.sampleSize) -> Loaded {
        var loaded = Loaded()
        var ids: [String: String] = [:]
        for (file, text) in files {
            let parsed = DrillTemplateParser.parse(text, file: file)
            loaded.diagnostics += parsed.diagnostics
            guard let template = parsed.template else { continue }
            let line = SourceRange(line: Self.drillLine(text), column: 8, length: template.id.count)
            if DrillFamilies.named(template.id) != nil {
                loaded.diagnostics.append(Diagnostic(.error, code: DrillTemplateCode.duplicate, "drill id `\(template.id)` is a built-in family",
                                                     file: file, range: line, help: "give the template another id"))
                continue
            }
            if let earlier = ids[template.id] {
                loaded.diagnostics.append(Diagnostic(.error, code: DrillTemplateCode.duplicate, "drill id `\(template.id)` is also the id of \(earlier)",
                                                     file: file, range: line, help: "give each template its own id"))
                continue
            }
            ids[template.id] = file
            let problems = template.sampleCheck(draws: draws)
            loaded.diagnostics += problems
            if !problems.hasErrors { loaded.families.append(template.family) }
        }
        return loaded
    }

    /// The line of `drill:` in a template's text.
    static func drillLine(_ text: String) -> Int {
        (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("drill:") } ?? 0) + 1
    }
}
