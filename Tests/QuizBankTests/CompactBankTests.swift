import Diagnostics
import Foundation
import Testing
@testable import QuizBank

@Suite("The built-in bank pre-parsed at build time")
struct PrebuiltBankTests {
    /// The `.iqb` files of the source tree's QuestionBank/, parsed now under the names the binary uses.
    static func parsedFolder() throws -> BankLoader.Result {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("QuestionBank").path
        let below = FileManager.default.subpaths(atPath: folder) ?? []
        let files = below.filter { $0.hasSuffix(".iqb") }.sorted().map { folder + "/" + $0 }
        let sources = try files.map { path in
            ("\(BuiltinBank.label)/\(path.dropFirst(folder.count + 1))", Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        return BankLoader().load(sources: sources)
    }

    @Test("the bank decoded at start-up is the QuestionBank folder parsed now, field by field and position by position")
    func decodedEqualsParsedFolder() throws {
        let parsed = try Self.parsedFolder()
        #expect(!parsed.diagnostics.hasErrors)
        let decoded = try BuiltinBank.decodePrebuilt()
        try #require(decoded.count == parsed.bank.questions.count)
        for (loaded, expected) in zip(decoded, parsed.bank.questions) {
            #expect(loaded.isExactCopy(of: expected), "\(expected.id) at \(expected.position.file)")
        }
        // Positions name the built-in files, as diagnostics and `show` print them.
        let first = try #require(decoded.first)
        #expect(first.position.file.hasPrefix("<builtin>/") && first.position.file.hasSuffix(".iqb"))
        #expect((first.position.location?.line ?? 0) > 0)
        // What the quiz loads is that bank, with the text of each file for showing source lines.
        let loaded = BuiltinBank.load()
        #expect(loaded.bank.questions.count == decoded.count)
        #expect(loaded.sources == BuiltinBank.parse().sources)
        #expect(loaded.diagnostics.isEmpty)
    }

    @Test("every field survives the compact form: unkeyed questions, absent positions, control characters and accents")
    func roundTrip() throws {
        let questions = Self.sample
        let decoded = try CompactBank.decode(CompactBank.encode(questions))
        try #require(decoded.count == questions.count)
        for (copy, original) in zip(decoded, questions) { #expect(copy.isExactCopy(of: original)) }
        // The layout is valid UTF-8 whole, so that it can be embedded as a string literal.
        #expect(String(validating: CompactBank.encode(questions), as: UTF8.self) != nil)
    }

    @Test("an outline holds what choosing a question needs and no text; completing reads the rest back exactly")
    func outlineThenComplete() throws {
        let blob = CompactBank.encode(Self.sample)
        let outline = try CompactBank.outline(blob)
        try #require(outline.questions.count == Self.sample.count)
        for (brief, original) in zip(outline.questions, Self.sample) {
            // What selection, topics, the practice outlook and scenarios use is there, positions included.
            #expect(brief.id == original.id && brief.level == original.level && brief.topics == original.topics)
            #expect(brief.key == original.key && brief.scenario == original.scenario && brief.rightWhen == original.rightWhen)
            #expect(brief.position.file == original.position.file && brief.position.location == original.position.location)
            #expect(brief.scenarioPosition.location == original.scenarioPosition.location)
            // What only showing or checking it needs is not decoded.
            #expect(brief.stem.isEmpty && brief.options.isEmpty && brief.explanation == nil && brief.references.isEmpty)
            #expect(brief.changed.isEmpty && brief.disputed.isEmpty && brief.source == nil && brief.allowed.isEmpty)
        }
        // Any questions, in any order, come back whole: the same as decoding the whole blob.
        for indices in [[0, 1], [1, 0], [1], [0], []] {
            let completed = try CompactBank.complete(indices, of: outline, in: blob)
            try #require(completed.count == indices.count)
            for (copy, index) in zip(completed, indices) { #expect(copy.isExactCopy(of: Self.sample[index]), "\(indices)") }
        }
    }

    @Test("the built-in bank read as outlines and then completed is the bank decoded whole, question by question")
    func builtinOutlineCompletes() throws {
        let whole = try BuiltinBank.decodePrebuilt()
        let outline = try BuiltinBank.outlinePrebuilt()
        let completed = try BuiltinBank.completePrebuilt(outline.questions.indices.reversed(), of: outline)
        try #require(completed.count == whole.count)
        for (copy, expected) in zip(completed.reversed(), whole) { #expect(copy.isExactCopy(of: expected), "\(expected.id)") }
    }

    @Test("damaged texts are found when a question is completed, and only that question's")
    func damagedTexts() throws {
        var bent = CompactBank.encode(Self.sample)
        // The last byte is the last question's last count (its allowed warnings): 0xFF is no number.
        bent[bent.count - 1] = 0xFF
        let outline = try CompactBank.outline(bent)
        #expect(throws: CompactBankError.self) { try CompactBank.complete([1], of: outline, in: bent) }
        #expect(try CompactBank.complete([0], of: outline, in: bent).first?.isExactCopy(of: Self.sample[0]) == true)
        // Texts cut short or followed by more bytes are refused by the outline already.
        let blob = CompactBank.encode(Self.sample)
        let cut = #expect(throws: CompactBankError.self) { try CompactBank.outline(blob.dropLast()) }
        #expect(cut?.message == "cut short")
        let trailing = #expect(throws: CompactBankError.self) { try CompactBank.outline(blob + [0, 0]) }
        #expect(trailing?.message == "2 bytes after the last question")
    }

    @Test("a blob of another format version is refused, naming both versions")
    func wrongVersion() throws {
        var blob = CompactBank.encode(Self.sample)
        blob[CompactBank.magic.count] = UInt8(CompactBank.version + 1)
        let error = #expect(throws: CompactBankError.self) { try CompactBank.decode(blob) }
        #expect(error?.description == "compact bank: format version \(CompactBank.version + 1), this build reads version \(CompactBank.version) (at byte 4)")
    }

    @Test("anything but a compact bank, a cut-short blob and trailing bytes are refused, never misread")
    func damaged() throws {
        let blob = CompactBank.encode(Self.sample)
        let notCompact = #expect(throws: CompactBankError.self) { try CompactBank.decode(Array("## q1\n".utf8)) }
        #expect(notCompact?.description == "compact bank: it does not start with `IQBC` (at byte 0)")
        for length in 0..<blob.count {
            #expect(throws: CompactBankError.self, "cut at \(length)") { try CompactBank.decode(blob.prefix(length)) }
        }
        let trailing = #expect(throws: CompactBankError.self) { try CompactBank.decode(blob + [0]) }
        #expect(trailing?.message == "1 byte after the last question" && trailing?.offset == blob.count)
        var bent = blob
        bent[bent.count - 1] = 0xFF
        #expect(throws: CompactBankError.self) { try CompactBank.decode(bent) }
    }

    /// Two questions that use every field of the model, one of them with nothing optional.
    static let sample: [Question] = [
        Question(id: "q-é1", level: .professional, topics: ["abac", "sts"], stem: "Which two?\n\n• a\n• b\n\n\tcode\u{1}",
                 options: [
                    AnswerOption(text: "Yes — \"quoted\" \\ ok", why: "because", note: "n", verify: "#2",
                                 position: SourcePosition(file: "<builtin>/a.iqb", location: SourceLocation(line: 7, column: 3)),
                                 verifyPosition: SourcePosition(file: "<builtin>/a.iqb", location: SourceLocation(line: 8, column: 11))),
                    AnswerOption(text: String(repeating: "long ", count: 40), position: SourcePosition(file: "<builtin>/b.iqb", location: nil)),
                 ],
                 key: .options([0, 1]), explanation: "", references: ["https://docs.aws.amazon.com/x"], changed: ["2024"],
                 disputed: ["d"], scenario: "s", source: "blog", rightWhen: .explicitDeny,
                 allowed: [AllowedWarning(code: "W009", reason: "why not")],
                 position: SourcePosition(file: "<builtin>/a.iqb", location: SourceLocation(line: 1, column: 1)),
                 scenarioPosition: SourcePosition(file: "<builtin>/a.iqb", location: SourceLocation(line: 4, column: 11))),
        Question(id: "q2", stem: "", options: [], key: .unkeyed),
    ]
}
