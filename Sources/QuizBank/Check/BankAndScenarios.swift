import Diagnostics

/// Banks with the scenarios their questions may name, loaded as the quiz, `review` and `resume` use them.
public struct BankAndScenarios: Sendable {
    /// The questions and every problem of the bank files and of the bank folders' scenario files (with V006
    /// for a built-in scenario id reused, as `check` reports it), and the text of each of those files.
    public var loaded: BankLoader.Result
    /// The built-in scenarios with the bank folders' merged over them, when there were any to merge.
    private let merged: ScenarioLibrary?

    /// Loads `paths` (the built-in bank when there are none) and the scenario files of the folders among
    /// them, merged over the built-in scenarios by ``ScenarioLibrary/merge(_:)``. With `cache`, native bank files
    /// parsed before come from it (``BankCache``: for the commands that ask questions, not for `check`).
    public static func load(paths: [String], cache: BankCache? = nil) -> BankAndScenarios {
        var loaded = paths.isEmpty ? BuiltinBank.load() : BankLoader(cache: cache).load(paths: paths)
        var given = ScenarioLibrary()
        given.add(bankFolders: paths)
        // Without scenario files of its own, a bank uses the built-in scenarios, parsed only when needed.
        guard !given.sources.isEmpty || !given.diagnostics.isEmpty else { return BankAndScenarios(loaded: loaded, merged: nil) }
        // Of the built-in ones, those the questions name and those whose ids the folder's files reuse (V006).
        var library = ScenarioLibrary.builtIn(ids: Set(loaded.bank.questions.compactMap(\.scenario)).union(given.scenarios.keys))
        loaded.diagnostics += library.merge(given)
        loaded.sources.merge(given.sources) { kept, _ in kept }
        return BankAndScenarios(loaded: loaded, merged: library)
    }

    /// The scenarios the questions name: the built-in ones (only those named are parsed), with the bank
    /// folders' merged over them.
    public func scenarios() -> ScenarioLibrary {
        merged ?? .builtIn(ids: Set(loaded.bank.questions.compactMap(\.scenario)))
    }
}
