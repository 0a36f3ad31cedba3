import Diagnostics
import Foundation
import Testing
@testable import QuizBank

/// A scenario file with one account and nothing to run: enough to have an id.
private func scenarioText(_ id: String) -> String {
    """
    scenario: \(id)
    title: \(id)
    start: 2026-03-02T09:00:00Z

    account 111111111111 main
    """
}

/// A library holding `files` (file name, scenario id).
private func library(_ files: [(file: String, id: String)]) -> ScenarioLibrary {
    var library = ScenarioLibrary()
    for (file, id) in files { library.add(text: scenarioText(id), file: file, baseDirectory: "/") }
    return library
}

/// A bank folder with one question and the given scenario files, removed afterwards.
private func withBankFolder<T>(scenarios: [String: String], _ body: (String) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-merge-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try """
        ## only-question
        level: associate
        topics: sts

        Which call returns temporary credentials for a role?

        - sts:AssumeRole
          why: it returns credentials for the role
        - iam:GetRole
          why: it only describes the role

        answer: A
        """.write(to: folder.appendingPathComponent("bank.iqb"), atomically: true, encoding: .utf8)
    for (name, text) in scenarios {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return try body(folder.path)
}

@Suite("Scenarios of a bank merged over the built-in ones: one rule for check and the quiz")
struct ScenarioMergeTests {
    static let builtIn = library([("<builtin>/scenarios/deputy.iqs", "deputy"), ("<builtin>/scenarios/mfa.iqs", "mfa")])

    @Test("a file with a built-in file's name replaces it, silently, and its text takes the built-in one's place")
    func sameFileNameReplaces() throws {
        var merged = Self.builtIn
        let problems = merged.merge(library([("/banks/copy/scenarios/deputy.iqs", "deputy")]))
        #expect(problems.isEmpty)
        #expect(merged.scenarios["deputy"]?.file == "/banks/copy/scenarios/deputy.iqs")
        #expect(merged.sources["<builtin>/scenarios/deputy.iqs"] == nil)
        #expect(merged.sources["/banks/copy/scenarios/deputy.iqs"] != nil)
        #expect(merged.scenarios["mfa"]?.file == "<builtin>/scenarios/mfa.iqs")
    }

    @Test("another file reusing a built-in id is V006 at its first line, and its scenario is the one kept")
    func reusedIDIsAnError() throws {
        var merged = Self.builtIn
        let problems = merged.merge(library([("/banks/mine/other.iqs", "deputy")]))
        #expect(problems.map(\.code) == ["V006"])
        let v006 = try #require(problems.first)
        #expect(v006.severity == .error && v006.file == "/banks/mine/other.iqs")
        #expect(v006.range == SourceRange(line: 1, column: 1))
        #expect(v006.message == "scenario id `deputy` is already used by a built-in scenario")
        #expect(merged.scenarios["deputy"]?.file == "/banks/mine/other.iqs")
    }

    @Test("a new id is added; the given files' own problems are returned, the library's own stay its own")
    func newIDsAndGivenProblems() throws {
        var given = library([("/banks/mine/new.iqs", "new-one")])
        given.add(text: "scenario: broken\nnot a line of the format\n", file: "/banks/mine/broken.iqs", baseDirectory: "/")
        #expect(!given.diagnostics.isEmpty)
        var merged = Self.builtIn
        let problems = merged.merge(given)
        #expect(problems == given.diagnostics)
        #expect(merged.diagnostics.isEmpty)
        #expect(Set(merged.scenarios.keys) == ["deputy", "mfa", "new-one"])
    }

    @Test("the quiz's bank loading reports a bank folder reusing a built-in scenario id (V006), as check does")
    func bankFolderReusingABuiltInID() throws {
        let builtInID = try #require(ScenarioLibrary.builtIn().scenarios.keys.sorted().first)
        try withBankFolder(scenarios: ["mine.iqs": scenarioText(builtInID)]) { folder in
            let loaded = BankAndScenarios.load(paths: [folder])
            #expect(loaded.loaded.diagnostics.map(\.code) == ["V006"])
            #expect(loaded.loaded.diagnostics.first?.file == folder + "/mine.iqs")
            #expect(loaded.loaded.sources[folder + "/mine.iqs"] != nil)
            #expect(loaded.scenarios().scenarios[builtInID]?.file == folder + "/mine.iqs")
        }
    }

    @Test("the quiz's bank loading reports a bank folder's scenario errors, and adds its good scenarios")
    func bankFolderScenarioErrors() throws {
        try withBankFolder(scenarios: ["broken.iqs": "scenario: broken\nnot a line of the format\n",
                                       "extra.iqs": scenarioText("e2e-extra")]) { folder in
            let loaded = BankAndScenarios.load(paths: [folder])
            #expect(loaded.loaded.diagnostics.hasErrors)
            #expect(loaded.loaded.diagnostics.allSatisfy { $0.file == folder + "/broken.iqs" })
            #expect(loaded.scenarios().scenarios["e2e-extra"] != nil)
        }
    }

    /// Only the built-in scenarios that the questions name are parsed (`ScenarioLibrary.builtIn(ids:)`).
    @Test("a bank without scenario files of its own uses the built-in scenarios its questions name, with nothing to report")
    func bankWithoutScenarios() throws {
        try withBankFolder(scenarios: [:]) { folder in
            let loaded = BankAndScenarios.load(paths: [folder])
            #expect(loaded.loaded.diagnostics.isEmpty)
            #expect(loaded.loaded.bank.questions.map(\.id) == ["only-question"])
            #expect(Set(loaded.scenarios().scenarios.keys) == Set(loaded.loaded.bank.questions.compactMap(\.scenario)))
        }
        let builtIn = BankAndScenarios.load(paths: [])
        #expect(builtIn.loaded.bank.questions.count == BuiltinBank.load().bank.questions.count)
        let named = Set(builtIn.loaded.bank.questions.compactMap(\.scenario))
        #expect(!named.isEmpty)
        #expect(Set(builtIn.scenarios().scenarios.keys) == named)
        // Verifying one question parses only its scenario.
        let one = try #require(named.sorted().first)
        #expect(Array(builtIn.scenarios(named: one).scenarios.keys) == [one])
    }

    /// A quiz chooses among outlines and reads whole only the questions it asks (`Quiz`, `SelectionOptions`).
    @Test("the built-in bank loads as outlines; completing any of them, or asking for the whole bank, gives the questions whole")
    func builtinOutlines() throws {
        let whole = BuiltinBank.load()
        let builtIn = BankAndScenarios.load(paths: [])
        let outline = builtIn.outline.questions
        try #require(outline.count == whole.bank.questions.count)
        #expect(outline.map(\.id) == whole.bank.questions.map(\.id))
        #expect(outline.map(\.key) == whole.bank.questions.map(\.key))
        #expect(builtIn.outline.topics == whole.bank.topics)
        #expect(outline.allSatisfy { $0.stem.isEmpty && $0.options.isEmpty })
        #expect(builtIn.diagnostics.isEmpty && builtIn.sources == whole.sources)
        // Some questions in a shuffled order, as a selection makes them.
        var random = SystemRandomNumberGenerator()
        let chosen = Array(outline.shuffled(using: &random).prefix(12))
        let completed = builtIn.complete(chosen)
        let byID = Dictionary(uniqueKeysWithValues: whole.bank.questions.map { ($0.id, $0) })
        #expect(completed.map(\.id) == chosen.map(\.id))
        for question in completed { #expect(question.isExactCopy(of: byID[question.id]!), "\(question.id)") }
        // The whole bank for the commands that need every text, and completion after it has been read.
        let loaded = builtIn.loaded
        #expect(zip(loaded.bank.questions, whole.bank.questions).allSatisfy { $0.isExactCopy(of: $1) })
        #expect(builtIn.complete(chosen).map(\.stem) == completed.map(\.stem))
        // A bank file's questions are whole already and come back as they are.
        try withBankFolder(scenarios: [:]) { folder in
            let fromFile = BankAndScenarios.load(paths: [folder])
            #expect(fromFile.outline.questions.allSatisfy { !$0.stem.isEmpty })
            #expect(fromFile.complete(fromFile.outline.questions).map(\.stem) == fromFile.outline.questions.map(\.stem))
        }
    }
}
