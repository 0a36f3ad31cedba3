import Diagnostics
import Synchronization

/// Banks with the scenarios their questions may name, loaded as the quiz, `review` and `resume` use them.
public struct BankAndScenarios: Sendable {
    /// The questions to choose from, in bank order. Those of the built-in bank, and of bank files the cache
    /// holds, are outlines: each question's id, level, topics, key, scenario, right-when and positions, but an
    /// empty stem, no options and no other text, so that a quiz decodes only the questions it asks
    /// (``complete(_:)``). Those of files parsed now are whole. Whatever shows, grades, hashes or checks a
    /// question takes it from ``complete(_:)`` or ``loaded``, never from here.
    public let outline: Bank
    /// Every problem of the bank files and of the bank folders' scenario files (with V006 for a built-in
    /// scenario id reused, as `check` reports it).
    public let diagnostics: [Diagnostic]
    /// The text of each of those files, by the name diagnostics use.
    public let sources: [String: String]
    /// The built-in scenarios with the bank folders' merged over them, when there were any to merge.
    private let merged: ScenarioLibrary?
    /// Where the texts of ``outline``'s outlines are, when it holds any.
    private let texts: PendingTexts?

    /// Loads `paths` (the built-in bank when there are none) and the scenario files of the folders among
    /// them, merged over the built-in scenarios by ``ScenarioLibrary/merge(_:)``. With `cache`, native bank files
    /// parsed before come from it (``BankCache``: for the commands that ask questions, not for `check`).
    public static func load(paths: [String], cache: BankCache? = nil) -> BankAndScenarios {
        var loaded = paths.isEmpty ? BuiltinBank.loadOutlines() ?? BuiltinBank.load()
            : BankLoader(cache: cache, outlines: cache != nil).load(paths: paths)
        // Should the texts of outlines not read (a damaged cache entry), the bank is read again without them.
        let texts = loaded.outlineSources.isEmpty ? nil : PendingTexts(loaded.bank, sources: loaded.outlineSources) {
            paths.isEmpty ? BuiltinBank.parse().bank : BankLoader().load(paths: paths).bank
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

    /// The questions whole, with the diagnostics and sources: the texts of outlines are read on the first
    /// use, once.
    public var loaded: BankLoader.Result {
        BankLoader.Result(bank: texts?.whole() ?? outline, diagnostics: diagnostics, sources: sources)
    }

    /// `questions`, taken from ``outline``, whole: the texts of the outlines among them read (only theirs).
    /// Questions parsed whole come back as they are.
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

/// The texts of the outlines of a bank, still in compact form (``OutlineSource``): read for the questions a
/// quiz asks, or all at once (and kept) for a command that needs every question whole.
private final class PendingTexts: Sendable {
    private let outline: Bank
    private let sources: [OutlineSource]
    /// Where each outline's texts are, by question id: (source, index in its outline). A bank with an id twice
    /// is refused before any question is asked; should it come here all the same, the first one counts.
    private let places: [String: (source: Int, index: Int)]
    private let reload: @Sendable () -> Bank
    private let wholeBank = Mutex<Bank?>(nil)

    init(_ outline: Bank, sources: [OutlineSource], reload: @escaping @Sendable () -> Bank) {
        self.outline = outline
        self.sources = sources
        self.reload = reload
        var places: [String: (source: Int, index: Int)] = [:]
        for (s, source) in sources.enumerated() {
            for (i, question) in source.outline.questions.enumerated() where places[question.id] == nil { places[question.id] = (s, i) }
        }
        self.places = places
    }

    func whole() -> Bank {
        wholeBank.withLock { bank in
            if let bank { return bank }
            var read = outline
            do {
                for source in sources {
                    let questions = try source.complete(Array(source.outline.questions.indices))
                    read.questions.replaceSubrange(source.first..<source.first + questions.count, with: questions)
                }
            } catch {
                read = reload()
            }
            bank = read
            return read
        }
    }

    func complete(_ questions: [Question]) -> [Question] {
        func fromWhole() -> [Question] {
            let whole = whole()
            let byID = Dictionary(whole.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return questions.map { question in places[question.id] == nil ? question : byID[question.id] ?? question }
        }
        if wholeBank.withLock({ $0 }) != nil { return fromWhole() }
        // Read source by source, then put back in the order asked.
        var read: [String: Question] = [:]
        do {
            for (s, source) in sources.enumerated() {
                let wanted = questions.compactMap { places[$0.id].flatMap { $0.source == s ? $0.index : nil } }
                guard !wanted.isEmpty else { continue }
                for question in try source.complete(wanted) { read[question.id] = question }
            }
        } catch {
            // Tests make sure the texts read back to what the parser made; should they ever not (a damaged
            // cache entry), the bank read again still gives the right questions.
            return fromWhole()
        }
        return questions.map { read[$0.id] ?? $0 }
    }
}
