import Foundation
import Testing
@testable import BankFormat
@testable import QuizBank

/// What loading a bank keeps in memory changed for issue 16 (the embedded files read in place, a file's bytes
/// let go once decoded, parsed values stored at their own size); what it loads must not change.
@Suite("Bank loading, memory") struct BankMemoryTests {
    @Test("the embedded texts are the files' bytes, and the built-in bank's sources are those texts")
    func embeddedTexts() {
        #expect(BuiltinBank.texts.map(\.name) == BuiltinBank.files.map(\.name))
        #expect(zip(BuiltinBank.texts, BuiltinBank.files).allSatisfy { Array($0.text.utf8) == $1.bytes })
        #expect(zip(BuiltinBank.scenarioTexts, BuiltinBank.scenarioFiles).allSatisfy { Array($0.text.utf8) == $1.bytes })
        #expect(zip(BuiltinBank.blueprintTexts, BuiltinBank.blueprintFiles).allSatisfy { Array($0.text.utf8) == $1.bytes })
        let loaded = BuiltinBank.load()
        #expect(loaded.sources.count == BuiltinBank.texts.count)
        for file in BuiltinBank.texts {
            #expect(loaded.sources["\(BuiltinBank.label)/\(file.name)"] == file.text)
        }
    }

    @Test("a compacted value is the same text", arguments: ["", "short", "exactly fifteen", "sixteen bytes!!!", "é ü 🇫🇷 → long enough to be stored apart"])
    func compacted(text: String) {
        var grown = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) { grown.appendLine(String(word), paragraph: false) }
        #expect(grown.compacted == text)
        #expect(Array(grown.compacted.utf8) == Array(text.utf8))
    }

    @Test("several files, one not UTF-8, load in order with the cache: E015 for that one, nothing kept of it")
    func severalFilesWithCache() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-bank-memory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = BankCache(folder: root, salt: "s")
        let first = Array(BankCacheTests.bank.utf8)
        let second = Array(BankCacheTests.bank.replacingOccurrences(of: "cached-one", with: "cached-two").utf8)
        let broken = Array("## bad\n".utf8) + [0xFF, 0x0A]
        let sources = [("a.iqb", first), ("bad.iqb", broken), ("b.iqb", second)]
        let parsed = BankLoader().load(sources: sources)
        for loader in [BankLoader(cache: cache), BankLoader(cache: cache)] {  // the second run reads the cache
            let loaded = loader.load(sources: sources)
            #expect(loaded.bank.questions.map(\.id) == ["cached-one", "cached-two"])
            #expect(loaded.bank.questions == parsed.bank.questions)
            #expect(loaded.diagnostics.map(\.code) == ["E015"] && loaded.diagnostics.first?.file == "bad.iqb")
            #expect(loaded.sources["a.iqb"] == BankCacheTests.bank && loaded.sources.count == 3)
        }
        #expect(cache.questions(file: "a.iqb", bytes: first) != nil && cache.questions(file: "b.iqb", bytes: second) != nil)
        #expect(cache.questions(file: "bad.iqb", bytes: broken) == nil)
    }
}
