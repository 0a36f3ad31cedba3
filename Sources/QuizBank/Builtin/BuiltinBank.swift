import IAMWorld

/// The bank compiled into the binary from `QuestionBank/` by the EmbedBank build plugin.
public enum BuiltinBank {
    /// The label that diagnostics use for built-in files, e.g. `<builtin>/practice-questions.iqb`.
    public static let label = "<builtin>"

    /// The built-in bank files: (name relative to `QuestionBank/`, contents). A copy of the bytes on each call:
    /// ``texts`` reads them in place.
    public static var files: [(name: String, bytes: [UInt8])] { texts.map { ($0.name, Array($0.text.utf8)) } }

    /// The built-in scenario files (`QuestionBank/scenarios/*.iqs`): (name relative to `QuestionBank/`, contents).
    public static var scenarioFiles: [(name: String, bytes: [UInt8])] { scenarioTexts.map { ($0.name, Array($0.text.utf8)) } }

    /// The built-in exam blueprints (`QuestionBank/blueprints/*.blueprint`): (name relative to `QuestionBank/`,
    /// contents). QuizEngine reads them (`Blueprint.builtin`); they are embedded here, with the bank they weigh.
    public static var blueprintFiles: [(name: String, bytes: [UInt8])] { blueprintTexts.map { ($0.name, Array($0.text.utf8)) } }

    /// The text of the built-in bank files, as compiled in: string literals, which read the binary's
    /// read-only data in place, so that a file nobody reads costs no memory (a quiz reads none of them).
    package static var texts: [(name: String, text: String)] { EmbeddedBankFiles.files.filter { $0.name.hasSuffix(".iqb") } }

    /// The text of the built-in scenario files, as ``texts``.
    package static var scenarioTexts: [(name: String, text: String)] { EmbeddedBankFiles.files.filter { $0.name.hasSuffix(".iqs") } }

    /// The text of the built-in exam blueprints, as ``texts``.
    package static var blueprintTexts: [(name: String, text: String)] {
        EmbeddedBankFiles.files.filter { $0.name.hasSuffix(".blueprint") }
    }

    /// The built-in bank as a quiz uses it: the questions the build parsed (the `PrebuildBank` plugin), decoded
    /// without running the parser, with the text of each file for showing source lines. The build refuses a
    /// bank with errors, so there are no diagnostics; `iamquiz check` reports warnings through ``parse()``.
    public static func load() -> BankLoader.Result {
        // Tests make sure the blob decodes to what `parse()` reads; should it ever not, the parser still gives
        // the right questions.
        guard let questions = try? decodePrebuilt() else { return parse() }
        return BankLoader.Result(bank: Bank(questions: questions), diagnostics: [], sources: sources)
    }

    /// The text of each built-in bank file, by the name diagnostics use: read in place, as ``texts``.
    static var sources: [String: String] {
        Dictionary(texts.map { ("\(label)/\($0.name)", $0.text) }, uniquingKeysWith: { first, _ in first })
    }

    /// Parses the built-in bank's text with the real parser and its checks: what `iamquiz check` reports on.
    public static func parse() -> BankLoader.Result {
        BankLoader().load(sources: files.map { ("\(label)/\($0.name)", $0.bytes) })
    }

    /// The questions of the compact form compiled in at build time; throws when it is not of this build's
    /// format version or is damaged.
    package static func decodePrebuilt() throws(CompactBankError) -> [Question] {
        try CompactBank.decode(prebuilt().utf8)
    }

    /// The outline of every question of the compact form compiled in (ids, levels, topics, keys, scenarios,
    /// positions; no texts), for choosing questions; ``completePrebuilt(_:of:)`` reads the texts of those chosen.
    package static func outlinePrebuilt() throws(CompactBankError) -> CompactBankOutline {
        try CompactBank.outline(prebuilt().utf8)
    }

    /// The built-in bank as a quiz loads it: outlines, with the compact form to read the texts from.
    static func loadOutlines() -> BankLoader.Result? {
        guard let outline = try? outlinePrebuilt() else { return nil }
        let source = OutlineSource(outline: outline, first: 0) { indices in try completePrebuilt(indices, of: outline) }
        // No diagnostics: the build refuses a bank with errors (see ``load()``).
        return BankLoader.Result(bank: Bank(questions: outline.questions), diagnostics: [], sources: sources, outlineSources: [source])
    }

    /// The compact form compiled in: a string literal, read in place. Only this function names it, and it is
    /// never inlined: the optimizer writes a literal into each function that reads it, and the binary held the
    /// bank twice when two functions did.
    @inline(never)
    private static func prebuilt() -> String { EmbeddedCompactBank.blob }

    /// The questions of `outline` (from ``outlinePrebuilt()``) at `indices`, with their texts.
    package static func completePrebuilt(_ indices: some Sequence<Int>, of outline: CompactBankOutline) throws(CompactBankError) -> [Question] {
        try CompactBank.complete(indices, of: outline, in: prebuilt().utf8)
    }

    /// The built-in scenario `id` as the build parsed it (the `PrebuildBank` plugin), read back without running
    /// the parser; nil when no built-in scenario has that id, or its compact form does not read back.
    package static func prebuiltScenario(_ id: String) -> Scenario? {
        guard let blob = EmbeddedCompactScenarios.blob(id) else { return nil }
        return try? CompactCoding.decode(Scenario.self, from: blob.utf8)
    }
}
