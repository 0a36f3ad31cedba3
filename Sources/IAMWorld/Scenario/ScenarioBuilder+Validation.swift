import Diagnostics
import Foundation
import IAMPolicy

// The warnings `iamquiz simulate` gives about names the catalog does not know (W201-W207, see
// `PolicyValidator`), for the policies of a scenario file and the actions of its `can` steps.
extension ScenarioBuilder {
    static let validator = PolicyValidator()

    /// Adds the warnings about a parsed policy, at their place in the document's file.
    mutating func validate(_ policy: Policy?, in document: Document) {
        guard let policy else { return }
        diagnostics += Self.validator.validate(policy, file: document.file)
    }

    /// Warns about the action of a `can` step when the catalog does not know it, under the action.
    mutating func validateAction(of command: Command, in draft: ScenarioStepDraft) {
        guard case .can(let options) = command,
              var warning = Self.validator.validate(actions: [options.action], file: file).first else { return }
        if let found = draft.commandText.range(of: options.action) {
            let column = draft.commandColumn + draft.commandText[..<found.lowerBound].unicodeScalars.count
            warning.range = SourceRange(line: draft.line, column: column, length: options.action.unicodeScalars.count)
        }
        diagnostics.append(warning)
    }
}
