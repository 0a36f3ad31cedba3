import Diagnostics
import Synchronization

/// Banks with the scenarios their questions may name, loaded as the quiz, `review` and `resume` use them.
public struct BankAndScenarios: Sendable {
    /// The questions to choose from, in bank order. For the built-in bank these are outlines: each question's
    /// id, level, topics, key, scenario, right-when and positions, but an empty stem, no options and no other
    /// text, so that a quiz decodes only the questions it asks (``complete(_:)``). For bank files they are
    /// the questions whole. Whatever shows, grades, hashes or checks a question takes it from
    /// ``complete(_:)`` or ``loaded``, never from here.
    public let outline: Bank
    /// Every problem of the bank files and of the bank folders' scenario files (with V006 for a built-in
    /// scenario id reused, as `check` reports it).
    public let diagnostics: [Diagnostic]
    /// The text of each of those files, by the name diagnostics use.
    public let sources: [String: String]
    /// The built-in scenarios with the bank folders' merged over them, when there were any to merge.
    private let merged: ScenarioLibrary?
    /// Where the texts of ``outline``'s questions are, when it holds outlines (the built-in bank).
    private let texts: PendingTexts?

    /// Loads `paths` (the built-in bank when there are none) and the scenario files of the folders among
    /// them, merged over the built-in scenarios by ``ScenarioLibrary/merge(_:)``. With `cache`, native bank files
    /// parsed before come from it (``BankCache``: for the commands that ask questions, not for `check`).
    public static func load(paths: [String], cache: BankCache? = nil) -> BankAndScenarios {
        var loaded: BankLoader.Result
        var texts: PendingTexts?
        if paths.isEmpty, let outline = try? BuiltinBank.outlinePrebuilt() {
            // The built-in bank has no diagnostics: the build refuses a bank with errors (see `BuiltinBank.load()`).
            loaded = BankLoader.Result(bank: Bank(questions: outline.questions), diagnostics: [], sources: BuiltinBank.sources)
            texts = PendingTexts(outline)
        } else {
            loaded = paths.isEmpty ? BuiltinBank.load() : BankLoader(cache: cache).load(paths: paths)
        }
        var given = ScenarioLibrary()
        given.add(bankFolders: paths)
        // Without scenario files of its own, a bank uses the built-in scenarios, parsed only when needed.
        guard !given.sources.isEmpty || !given.diagnostics.isEmpty else {
            return BankAndScenarios(outline: loaded.bank, diagnostics: loaded.diagnostics, sources: loaded.sources, merged: nil, texts: texts)
        }
        // Of the built-in ones, those the questions name and those whose ids the folder's files reuse (V006).
        var library = ScenarioLibrary.builtIn(ids: Set(loaded.bank.questions.compactMap(\.scenario)).union(given.scenarios.keys))
        loaded.diagnostics += library.merge(given)
        loaded.sources.merge(given.sources) { kept, _ in kept }
        return BankAndScenarios(outline: loaded.bank, diagnostics: loaded.diagnostics, sources: loaded.sources, merged: library, texts: texts)
    }

    /// The questions whole, with the diagnostics and sources: the built-in bank's texts are decoded on the
    /// first use, once.
    public var loaded: BankLoader.Result {
        BankLoader.Result(bank: texts?.whole() ?? outline, diagnostics: diagnostics, sources: sources)
    }

    /// `questions`, taken from ``outline``, whole: their texts read (only theirs). Questions of bank files
    /// come back as they are.
    public func complete(_ questions: [Question]) -> [Question] {
        texts?.complete(questions) ?? questions
    }

    /// The scenarios the questions name: the built-in ones (only those named are parsed), with the bank
    /// folders' merged over them.
    public func scenarios() -> ScenarioLibrary {
        merged ?? .builtIn(ids: Set(outline.questions.compactMap(\.scenario)))
    }

    /// The scenario `id` as ``scenarios()`` has it, for verifying one question: only that built-in scenario
    /// is parsed (the bank folders' were parsed with the bank).
    public func scenarios(named id: String) -> ScenarioLibrary {
        merged ?? .builtIn(ids: [id])
    }
}

/// The texts of the built-in bank's questions, still in the compact form compiled in: read for the questions
/// a quiz asks, or all at once (and kept) for a command that needs every question whole.
private final class PendingTexts: Sendable {
    private let outline: CompactBankOutline
    /// Each question's place in the bank, by id: ids are unique in the built-in bank (the build refuses a
    /// repeated one).
    private let places: [String: Int]
    private let wholeBank = Mutex<Bank?>(nil)

    init(_ outline: CompactBankOutline) {
        self.outline = outline
        places = Dictionary(outline.questions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func whole() -> Bank {
        wholeBank.withLock { bank in
            if let bank { return bank }
            let read = BuiltinBank.load().bank
            bank = read
            return read
        }
    }

    func complete(_ questions: [Question]) -> [Question] {
        func fromWhole(_ whole: Bank) -> [Question] {
            questions.map { question in places[question.id].map { whole.questions[$0] } ?? question }
        }
        if let whole = wholeBank.withLock({ $0 }) { return fromWhole(whole) }
        // Tests make sure every question's texts read back to what the parser made; should they ever not, the
        // whole bank (parsed if need be) still gives the right questions.
        guard let read = try? BuiltinBank.completePrebuilt(questions.compactMap { places[$0.id] }, of: outline) else {
            return fromWhole(whole())
        }
        var next = read.makeIterator()
        return questions.map { places[$0.id] == nil ? $0 : next.next()! }
    }
}
