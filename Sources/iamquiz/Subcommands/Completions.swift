import Drills
import Foundation
import QuizBank
import QuizEngine

/// Shell completion of values only iamquiz knows: profiles, topics, question ids, exam blueprints and drill families.
///
/// The completion scripts (`iamquiz --generate-completion-script bash|zsh|fish`, installed by `make
/// install`) call back into iamquiz with the words typed so far; these functions answer. Topics and ids
/// come from the banks named by `--bank` among those words, else from the built-in bank.
enum Completions {
    @Sendable static func profiles(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        Profiles.names().filter { $0.hasPrefix(prefix) }
    }

    @Sendable static func topics(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        bank(words).topics.filter { $0.hasPrefix(prefix) }
    }

    /// The built-in blueprints' names and `list`; a file name is completed by the shell's own file completion
    /// when the word contains a `/`.
    @Sendable static func blueprints(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        (Blueprint.builtin.map(\.name) + ["list"]).filter { $0.hasPrefix(prefix) }
    }

    /// The built-in drill families' names.
    @Sendable static func drillFamilies(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        DrillFamilies.all.map(\.name).filter { $0.hasPrefix(prefix) }
    }

    @Sendable static func questionIDs(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        bank(words).questions.map(\.id).filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// The bank the command line names with `--bank PATH` or `--bank=PATH`, else the built-in one: outlines
    /// (``BankAndScenarios/outline``), as completions need only ids and topics.
    static func bank(_ words: [String]) -> Bank {
        var paths: [String] = []
        for (i, word) in words.enumerated() {
            if word == "--bank", i + 1 < words.count {
                paths.append(words[i + 1])
            } else if word.hasPrefix("--bank=") {
                paths.append(String(word.dropFirst("--bank=".count)))
            }
        }
        return BankAndScenarios.load(paths: paths).outline
    }
}
