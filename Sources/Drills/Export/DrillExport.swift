import Diagnostics
import IAMWorld
import QuizBank

/// Generated drills as fixed questions for a class: GIFT for Moodle, or a bank folder whose every key
/// `iamquiz check` re-proves by running a scenario.
public enum DrillExport {
    /// A bank folder's files: the bank file's text and one scenario file per question, by file name.
    public struct BankFolder: Sendable {
        /// The bank file's name in the folder.
        public static let bankFile = "drills.iqb"
        /// The subfolder of the scenario files (`check DIR` finds `.iqs` files under the folder).
        public static let scenarioFolder = "scenarios"

        public var bank: String
        public var scenarios: [(file: String, text: String)]
    }

    /// The GIFT text of the drills: Moodle's multiple-choice questions with each option's explanation as its
    /// feedback and the key as weights (``GIFTExporter``), without scenario links (GIFT files stand alone).
    public static func gift(_ drills: [GeneratedDrill], comment: String) -> GIFTExporter.Output {
        GIFTExporter().export(drills.map(\.question), comment: comment)
    }

    /// The bank and scenario files of the drills, each scenario run first: an option whose step decides
    /// otherwise than the drill's key is an error naming the drill and the option, never a file written.
    public static func bankFolder(_ drills: [GeneratedDrill], comment: String) throws(DrillExportError) -> BankFolder {
        var questions: [Question] = []
        var scenarios: [(file: String, text: String)] = []
        for drill in drills {
            let (question, scenario) = try linked(drill)
            questions.append(question)
            scenarios.append(("\(question.id).iqs", scenario))
        }
        return BankFolder(bank: BankPrinter().print(questions, comment: comment), scenarios: scenarios)
    }

    /// A bank folder of `count` drills from `generator`, for a class: a drill the scenario format cannot express
    /// (a policy edit, a condition key only AWS sets such as aws:CalledVia) is replaced by the generator's next
    /// one, and `replaced` says which and why, so that nothing is left out unsaid. The same generator state gives
    /// the same folder. Fails when `count` drills cannot be found in twenty times as many draws.
    public static func bankFolder(from generator: inout DrillGenerator, count: Int, comment: String) throws(DrillExportError)
        -> (folder: BankFolder, drills: [GeneratedDrill], replaced: [DrillExportError]) {
        var kept: [(GeneratedDrill, Question, String)] = []
        var replaced: [DrillExportError] = []
        var draws = 0
        while kept.count < count {
            guard draws < count * 20 else {
                throw DrillExportError(drill: replaced.last?.drill ?? "", message: "only \(kept.count) of \(draws) drills could be written as "
                    + "scenarios (the last refused: \(replaced.last?.message ?? "none")); choose other families")
            }
            draws += 1
            let drill = generator.next()
            do {
                let (question, scenario) = try linked(drill)
                kept.append((drill, question, scenario))
            } catch {
                replaced.append(error)
            }
        }
        let folder = BankFolder(bank: BankPrinter().print(kept.map(\.1), comment: comment),
                                scenarios: kept.map { ("\($0.1.id).iqs", $0.2) })
        return (folder, kept.map(\.0), replaced)
    }

    /// The drill's question linked to its scenario (`scenario:` its own id, `verify:` on every option, the
    /// `right-when` of what it asks), and the scenario's text, checked by running it.
    public static func linked(_ drill: GeneratedDrill) throws(DrillExportError) -> (question: Question, scenario: String) {
        let id = drill.question.id
        var steps: [String]
        let text: String
        // An edit is right when the asked-for request becomes allowed AND every other request keeps its decision:
        // no single step of a scenario shows both, and `verify:` names one step.
        guard drill.ask != .fixes else {
            throw DrillExportError(drill: id, message: "its options are policy edits, which one scenario step cannot verify; "
                + "export it as GIFT, or choose other families for a bank folder")
        }
        if let scenario = drill.scenario {
            // Decided in a world: its scenario, under the question's id.
            steps = try drill.options.enumerated().map { index, option throws(DrillExportError) in
                guard let step = option.step else {
                    throw DrillExportError(drill: id, message: "option \(index + 1) names no step of the drill's scenario")
                }
                return step
            }
            var lines = scenario.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let first = lines.firstIndex(where: { $0.hasPrefix("scenario:") }) else {
                throw DrillExportError(drill: id, message: "the drill's scenario has no `scenario:` line")
            }
            lines[first] = "scenario: \(id)"
            text = lines.joined(separator: "\n")
        } else {
            text = try DrillScenarioRenderer.text(for: drill)
            steps = drill.options.indices.map { "c\($0 + 1)" }
        }
        try check(text, steps: steps, drill: drill)
        var question = drill.question
        question.scenario = id
        question.rightWhen = rightWhen(drill.ask)
        for index in question.options.indices { question.options[index].verify = steps[index] }
        return (question, text)
    }

    /// The `right-when` that makes the key of a drill asking `ask` the options whose steps come to it.
    static func rightWhen(_ ask: DrillAsk) -> RightWhen {
        switch ask {
        case .allowed, .works: .works
        case .denied, .fails: .fails
        case .explicitDeny: .explicitDeny
        case .implicitDeny: .implicitDeny
        // Refused by `linked` before it asks.
        case .fixes: .works
        }
    }

    /// Parses and runs the scenario: it must have no error, and each option's step must come to the option's
    /// outcome and meet every `expect:`.
    static func check(_ text: String, steps: [String], drill: GeneratedDrill) throws(DrillExportError) {
        let id = drill.question.id
        let parsed = ScenarioParser.parse(text, file: "\(id).iqs", baseDirectory: "/")
        guard let scenario = parsed.scenario else {
            let first = parsed.diagnostics.first { $0.severity == .error }
            let place = first?.range.map { "line \($0.start.line): " } ?? ""
            throw DrillExportError(drill: id, message: "its scenario does not parse: \(place)\(first?.message ?? "no scenario")")
        }
        let run = ScenarioRunner.run(scenario)
        for (index, option) in drill.options.enumerated() {
            guard let result = run.result(of: steps[index])?.result else {
                throw DrillExportError(drill: id, message: "its scenario has no step `\(steps[index])` for option \(index + 1)")
            }
            if result.outcome != option.outcome {
                throw DrillExportError(drill: id, message: "option \(index + 1) (\(option.text)): the scenario's step `\(steps[index])` "
                    + "comes to \(result.outcome), the key to \(option.outcome)" + (result.lines.first.map { " (\($0))" } ?? ""))
            }
        }
        if let failure = run.failures.first {
            throw DrillExportError(drill: id, message: "step \(failure.step.label) of its scenario expected "
                + "\(failure.step.expect.map(\.description) ?? "?") but got \(failure.result.outcome)"
                + (failure.result.lines.first.map { " (\($0))" } ?? ""))
        }
    }
}
