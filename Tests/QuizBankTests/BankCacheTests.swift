import Foundation
import Testing
@testable import QuizBank

/// Bank files parsed in an earlier run come back from the cache only when nothing that could change the
/// parse has changed: the path, one byte of the file, the iamquiz build.
@Suite("Bank cache") struct BankCacheTests {
    static let bank = """
        ## cached-one
        level: associate
        topics: sts

        Which service issues temporary credentials?

        - AWS STS
          why: it issues them.
        - Amazon S3
          why: it stores objects.

        answer: A

        """

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-bank-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a file parsed once loads from the cache with the same questions and positions; an edit, a move or another build misses")
    func hitsAndMisses() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = BankCache(folder: root.appendingPathComponent("cache"), salt: "build-1")
        let bytes = Array(Self.bank.utf8)
        let parsed = BankLoader().load(sources: [("a.iqb", bytes)])
        #expect(cache.questions(file: "a.iqb", bytes: bytes) == nil, "nothing kept yet")
        let first = BankLoader(cache: cache).load(sources: [("a.iqb", bytes)])
        #expect(first.bank.questions == parsed.bank.questions)
        let kept = try #require(cache.questions(file: "a.iqb", bytes: bytes))
        #expect(kept.count == 1 && kept[0].isExactCopy(of: parsed.bank.questions[0]), "positions too")
        let second = BankLoader(cache: cache).load(sources: [("a.iqb", bytes)])
        #expect(second.bank.questions == parsed.bank.questions && second.sources["a.iqb"] == Self.bank)

        var edited = bytes
        edited[edited.firstIndex(of: UInt8(ascii: "?"))!] = UInt8(ascii: "!")
        #expect(cache.questions(file: "a.iqb", bytes: edited) == nil)
        #expect(cache.questions(file: "b.iqb", bytes: bytes) == nil, "positions name the file: another path misses")
        #expect(BankCache(folder: cache.folder, salt: "build-2").questions(file: "a.iqb", bytes: bytes) == nil)
    }

    @Test("a file with an error is never kept, and a damaged entry is parsed again and replaced")
    func errorsAndDamage() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = BankCache(folder: root.appendingPathComponent("cache"), salt: "s")
        let broken = Array(Self.bank.replacingOccurrences(of: "level: associate", with: "level: expert").utf8)
        let loaded = BankLoader(cache: cache).load(sources: [("bad.iqb", broken)])
        #expect(loaded.diagnostics.contains { $0.severity == .error })
        #expect(cache.questions(file: "bad.iqb", bytes: broken) == nil)
        #expect(BankLoader(cache: cache).load(sources: [("bad.iqb", broken)]).diagnostics.contains { $0.code == "E008" },
                "the error is reported again on the next run")

        let bytes = Array(Self.bank.utf8)
        _ = BankLoader(cache: cache).load(sources: [("a.iqb", bytes)])
        let entry = cache.entry(file: "a.iqb", bytes: bytes)
        try Data("IQBC garbage".utf8).write(to: entry)
        #expect(cache.questions(file: "a.iqb", bytes: bytes) == nil)
        let again = BankLoader(cache: cache).load(sources: [("a.iqb", bytes)])
        #expect(again.bank.questions.count == 1 && again.diagnostics.isEmpty)
        #expect(cache.questions(file: "a.iqb", bytes: bytes) != nil, "replaced")
    }
}

/// A file the cache serves is never held whole: its bytes go before its questions are decoded, and its text is
/// read again only when a diagnostic points into it.
@Suite("Bank cache: files served from it") struct BankCacheFileTests {
    static func files(_ texts: [String: String]) throws -> (root: URL, paths: [String: String]) {
        let root = try BankCacheTests.folder()
        var paths: [String: String] = [:]
        for (name, text) in texts {
            let url = root.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            paths[name] = url.path
        }
        return (root, paths)
    }

    @Test("a hit keeps no text; a duplicate id pointing into a cached file still shows its line")
    func textOnlyForDiagnostics() throws {
        let other = BankCacheTests.bank.replacingOccurrences(of: "## cached-one", with: "## cached-two")
        let (root, paths) = try Self.files(["a.iqb": BankCacheTests.bank, "b.iqb": other])
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = BankCache(folder: root.appendingPathComponent("cache"), salt: "s")
        let a = try #require(paths["a.iqb"]), b = try #require(paths["b.iqb"])
        let first = BankLoader(cache: cache).load(paths: [a])
        #expect(first.sources[a] == BankCacheTests.bank, "parsed: the text is kept")
        let hit = BankLoader(cache: cache).load(paths: [a])
        #expect(hit.bank.questions == first.bank.questions && hit.diagnostics.isEmpty)
        #expect(hit.sources[a] == nil, "served from the cache: no text held")

        // b.iqb is edited to reuse a's id and loaded alone, so that the cache holds both; together, the
        // duplicate's error points into b.iqb, which the cache serves.
        try Data(BankCacheTests.bank.utf8).write(to: URL(fileURLWithPath: b))
        _ = BankLoader(cache: cache).load(paths: [b])
        let clash = BankLoader(cache: cache).load(paths: [a, b])
        let duplicate = try #require(clash.diagnostics.first { $0.severity == .error })
        #expect(duplicate.file == b && duplicate.code == "E002", "\(clash.diagnostics)")
        #expect(clash.sources[b] == BankCacheTests.bank, "read again for the lines of the error")
        #expect(clash.sources[a] == nil, "no diagnostic points into a.iqb")
    }

    @Test("a damaged entry for a file on disk: the file is read again, parsed, and the entry replaced")
    func damagedEntryOfAFile() throws {
        let (root, paths) = try Self.files(["a.iqb": BankCacheTests.bank])
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = BankCache(folder: root.appendingPathComponent("cache"), salt: "s")
        let a = try #require(paths["a.iqb"])
        let parsed = BankLoader(cache: cache).load(paths: [a])
        let entry = cache.entry(file: a, bytes: Array(BankCacheTests.bank.utf8))
        try Data("IQBC garbage".utf8).write(to: entry)
        let again = BankLoader(cache: cache).load(paths: [a])
        #expect(again.bank.questions == parsed.bank.questions && again.diagnostics.isEmpty)
        #expect(again.sources[a] == BankCacheTests.bank, "parsed again: the text is kept")
        #expect(cache.questions(file: a, bytes: Array(BankCacheTests.bank.utf8)) != nil, "replaced")
    }
}

/// A quiz on bank files the cache holds reads their questions' outlines and keeps the entries mapped: only
/// the questions it asks are read whole (`BankLoader(cache:outlines:)`, `BankAndScenarios.complete`).
@Suite("Bank cache: outlines for a quiz") struct BankCacheOutlineTests {
    /// Two files of the built-in bank as bank files of their own, with a GIFT file between them (never cached).
    static func bankFiles() throws -> (root: URL, paths: [String]) {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let questionBank = tests.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("QuestionBank")
        let root = try BankCacheTests.folder()
        var paths: [String] = []
        for source in [questionBank.appendingPathComponent("federation.iqb"), tests.appendingPathComponent("Fixtures/gift/course.gift"),
                       questionBank.appendingPathComponent("abac.iqb")] {
            let copy = root.appendingPathComponent(source.lastPathComponent)
            try FileManager.default.copyItem(at: source, to: copy)
            paths.append(copy.path)
        }
        return (root, paths)
    }

    /// ``bankFiles()`` parsed, and loaded once through a cache, which now holds the two `.iqb` files.
    static func cachedFiles() throws -> (root: URL, paths: [String], cache: BankCache, parsed: BankLoader.Result) {
        let (root, paths) = try bankFiles()
        let cache = BankCache(folder: root.appendingPathComponent("cache"), salt: "s")
        let parsed = BankLoader().load(paths: paths)
        #expect(!parsed.diagnostics.hasErrors)
        _ = BankLoader(cache: cache).load(paths: paths)
        return (root, paths, cache, parsed)
    }

    @Test("cached files give outlines; completing some in any order, or reading the whole bank, gives the parsed questions exactly")
    func outlinesComplete() throws {
        let (root, paths, cache, parsed) = try Self.cachedFiles()
        defer { try? FileManager.default.removeItem(at: root) }
        let hit = BankLoader(cache: cache, outlines: true).load(paths: paths)
        // The two .iqb files are outlines, in place; the GIFT file between them was parsed whole.
        let gift = parsed.bank.questions.filter { $0.position.file.hasSuffix(".gift") }.count
        #expect(gift > 0 && hit.outlineSources.map(\.first) == [0, hit.outlineSources[0].outline.questions.count + gift])
        try #require(hit.bank.questions.count == parsed.bank.questions.count)
        #expect(hit.bank.questions.map(\.id) == parsed.bank.questions.map(\.id))
        #expect(hit.bank.questions.map(\.key) == parsed.bank.questions.map(\.key))
        #expect(hit.bank.questions.map { $0.stem.isEmpty } == parsed.bank.questions.map { !$0.position.file.hasSuffix(".gift") })

        let bank = BankAndScenarios.load(paths: paths, cache: cache)
        #expect(bank.outline.questions.map { $0.stem.isEmpty } == hit.bank.questions.map { $0.stem.isEmpty }, "a quiz's load gives outlines")
        let byID = Dictionary(uniqueKeysWithValues: parsed.bank.questions.map { ($0.id, $0) })
        var random = SystemRandomNumberGenerator()
        let chosen = Array(bank.outline.questions.shuffled(using: &random).prefix(15))
        let completed = bank.complete(chosen)
        #expect(completed.map(\.id) == chosen.map(\.id))
        for question in completed { #expect(question.isExactCopy(of: byID[question.id]!), "\(question.id)") }
        let whole = bank.loaded.bank.questions
        try #require(whole.count == parsed.bank.questions.count)
        for (question, expected) in zip(whole, parsed.bank.questions) { #expect(question.isExactCopy(of: expected), "\(expected.id)") }
    }

    @Test("texts that do not read from an entry: the bank is read again, and a quiz still gets its questions whole")
    func damagedTexts() throws {
        let (root, paths, cache, parsed) = try Self.cachedFiles()
        defer { try? FileManager.default.removeItem(at: root) }
        // The last byte of an entry is the count of its last question's allowed warnings: 0xFF is no number.
        // The outlines still read (they check only the texts' lengths); the texts of that question do not.
        let entry = cache.entry(file: paths[2], bytes: Array(try Data(contentsOf: URL(fileURLWithPath: paths[2]))))
        var bytes = Array(try Data(contentsOf: entry))
        bytes[bytes.count - 1] = 0xFF
        try Data(bytes).write(to: entry)
        let bank = BankAndScenarios.load(paths: paths, cache: cache)
        let last = try #require(bank.outline.questions.last)
        #expect(last.stem.isEmpty, "still an outline")
        let completed = try #require(bank.complete([last]).first)
        #expect(completed.isExactCopy(of: try #require(parsed.bank.questions.last)))
        #expect(zip(bank.loaded.bank.questions, parsed.bank.questions).allSatisfy { $0.isExactCopy(of: $1) })
    }
}
