import Foundation
import Testing
@testable import ClassReport

/// The reader of results files: every problem at file:line:col with its code, nothing dropped in silence.
@Suite("Results file reader")
struct ResultsReaderTests {
    static let header = ResultsHeader(learner: "Ana", exportedAt: "2026-12-06T23:40:00.000Z", iamquiz: "0.1.0", store: "s",
                                      profile: "default", selection: "", readiness: ["associate": 640], answers: 2)
    static func answer(_ n: Int, chosen: [String] = ["B"]) -> ResultLine {
        ResultLine(answer: "s/\(n)", learner: "Ana", question: "q-\(n)", hash: "00ff00ff00ff00ff", bank: "paper.iqb", level: "associate",
                   topics: ["sts"], options: 4, key: ["B"], chosen: chosen, chosenText: chosen.map { "text \($0)" }, correct: chosen == ["B"],
                   seconds: 12.5, mode: "exam", answeredAt: "2026-12-06T23:41:00.000Z", retry: false, session: 3)
    }

    /// A valid file of two answers, as lines.
    static func lines() throws -> [String] {
        try ResultsWriter.text(header: header, answers: [answer(1), answer(2, chosen: ["A", "C"])])
            .split(separator: "\n").map(String.init)
    }

    static func read(_ lines: [String]) -> ResultsReader.Outcome {
        ResultsReader.parse(lines.joined(separator: "\n") + "\n", file: "ana.jsonl")
    }

    /// `code@line:column` of each diagnostic.
    static func found(_ outcome: ResultsReader.Outcome) -> [String] {
        outcome.diagnostics.map { "\($0.code)@\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0)" }
    }

    @Test("a valid file reads with no diagnostic; blank lines are ignored and CRLF is accepted")
    func valid() throws {
        let plain = Self.read(try Self.lines())
        #expect(plain.diagnostics.isEmpty && plain.results?.answers.count == 2 && plain.results?.lines == [2, 3])
        let crlf = ResultsReader.parse((try Self.lines()).joined(separator: "\r\n") + "\r\n\r\n", file: "ana.jsonl")
        #expect(crlf.diagnostics.isEmpty && crlf.results?.answers == plain.results?.answers)
        var spaced = try Self.lines()
        spaced.insert("", at: 1)
        spaced.insert("   ", at: 3)
        let blank = Self.read(spaced)
        #expect(blank.diagnostics.isEmpty && blank.results?.lines == [3, 5])
    }

    @Test("an empty file is R001")
    func empty() {
        #expect(Self.found(ResultsReader.parse("", file: "a.jsonl")) == ["R001@0:0"])
        #expect(ResultsReader.parse("\n \n", file: "a.jsonl").diagnostics.map(\.code) == ["R001"])
    }

    @Test("a line that is not JSON is R002 at the column where it stops being JSON; the other lines are still read")
    func notJSON() throws {
        var lines = try Self.lines()
        lines[1] = String(lines[1].prefix(30))  // cut short
        lines[2] = lines[2].replacingOccurrences(of: "\"correct\":false", with: "\"correct\":nope")
        let outcome = Self.read(lines)
        #expect(outcome.results == nil)
        // In line order: the header's count (the broken lines are not answers), then each broken line.
        #expect(outcome.diagnostics.map(\.code) == ["R009", "R002", "R002"])
        let column = try #require(lines[2].range(of: "nope")).lowerBound.utf16Offset(in: lines[2]) + 1
        #expect(outcome.diagnostics[2].range?.start == .init(line: 3, column: column))
        #expect(outcome.diagnostics[1].range?.start == .init(line: 2, column: 30))  // the string left open
    }

    @Test("a first line that is not a results header is R003 and nothing else: xAPI statements, a GIFT file, a header-less file")
    func foreign() throws {
        let xapi = ResultsReader.parse("[\n{\"actor\":{},\"verb\":{}}\n]\n", file: "ana.json")
        #expect(Self.found(xapi) == ["R003@1:1"] && xapi.diagnostics[0].help?.contains("xAPI") == true)
        let statement = ResultsReader.parse("{\"actor\":{\"mbox\":\"mailto:a@b.c\"},\"verb\":{},\"object\":{}}\n", file: "s.json")
        #expect(statement.diagnostics.map(\.code) == ["R003"] && statement.diagnostics[0].help?.contains("xAPI") == true)
        let gift = ResultsReader.parse("// week 3\n::q1:: Which? {=yes ~no}\n", file: "week3.gift")
        #expect(Self.found(gift) == ["R003@1:1"])
        let headless = Self.read(Array(try Self.lines().dropFirst()))
        #expect(Self.found(headless) == ["R003@1:1"] && headless.diagnostics[0].help?.contains("header") == true)
        #expect(gift.diagnostics[0].message == "this is not an iamquiz results file")
    }

    @Test("a newer version is R004, naming the version and asking for an update; the rest is not read")
    func newerVersion() throws {
        var lines = try Self.lines()
        lines[0] = lines[0].replacingOccurrences(of: "\"version\":1", with: "\"version\":2")
        lines[1] = "not even JSON"
        let outcome = Self.read(lines)
        #expect(outcome.diagnostics.map(\.code) == ["R004"])
        #expect(outcome.diagnostics[0].message.contains("version 2") && outcome.diagnostics[0].help?.contains("update iamquiz") == true)
    }

    @Test("a missing member is R005 naming it; a wrong type is R006 at the value")
    func membersAndTypes() throws {
        var lines = try Self.lines()
        lines[1] = lines[1].replacingOccurrences(of: "\"hash\":\"00ff00ff00ff00ff\",", with: "")
        lines[2] = lines[2].replacingOccurrences(of: "\"seconds\":12.5", with: "\"seconds\":\"12.5\"")
        let outcome = Self.read(lines)
        #expect(outcome.diagnostics.map(\.code) == ["R005", "R006"])
        #expect(outcome.diagnostics[0].message == "missing member `hash` (a string)" && outcome.diagnostics[0].range?.start.line == 2)
        #expect(outcome.diagnostics[1].message == "member `seconds` must be a number, not a string")
        let column = try #require(lines[2].range(of: "\"12.5\"")).lowerBound.utf16Offset(in: lines[2]) + 1
        #expect(outcome.diagnostics[1].range?.start == .init(line: 3, column: column))
        var header = try Self.lines()
        header[0] = header[0].replacingOccurrences(of: "\"profile\":\"default\",", with: "")
        #expect(Self.read(header).diagnostics.map(\.message) == ["missing member `profile` (a string)"])
    }

    @Test("values the format does not allow are R007: a letter beyond the options, a bad time, texts not matching the letters")
    func badValues() throws {
        var lines = try Self.lines()
        lines[1] = lines[1].replacingOccurrences(of: "\"chosen\":[\"B\"]", with: "\"chosen\":[\"F\"]")
        lines[2] = lines[2].replacingOccurrences(of: "\"answeredAt\":\"2026-12-06T23:41:00.000Z\"", with: "\"answeredAt\":\"yesterday\"")
            .replacingOccurrences(of: "\"chosenText\":[\"text A\",\"text C\"]", with: "\"chosenText\":[\"text A\"]")
        let outcome = Self.read(lines)
        #expect(outcome.diagnostics.map(\.code) == ["R007", "R007", "R007"])
        #expect(outcome.diagnostics[0].message == "`chosen` holds `F`, but the question has 4 options")
        #expect(outcome.diagnostics.contains { $0.message == "`answeredAt` is not an ISO 8601 time: `yesterday`" })
        #expect(outcome.diagnostics.contains { $0.message == "`chosenText` has 1 texts for 2 chosen options" })
    }

    @Test("an answer of another learner is R008; a count that differs from the header's is R009 at the header's `answers`")
    func learnerAndCount() throws {
        var lines = try Self.lines()
        lines[2] = lines[2].replacingOccurrences(of: "\"learner\":\"Ana\"", with: "\"learner\":\"Bo\"")
        #expect(Self.read(lines).diagnostics.map(\.code) == ["R008"])
        let cut = Self.read(Array(try Self.lines().prefix(2)))
        #expect(cut.diagnostics.map(\.code) == ["R009"] && cut.results == nil)
        #expect(cut.diagnostics[0].message == "the header says 2 answers, but the file has 1" && cut.diagnostics[0].range?.start == .init(line: 1, column: 12))
    }

    @Test("a second header (two files joined) and an unknown line type are R010; the same answer twice is R011")
    func joinedAndDuplicated() throws {
        let lines = try Self.lines()
        let joined = Self.read(lines + lines)
        #expect(joined.diagnostics.map(\.code) == ["R009", "R010", "R011", "R011"])
        #expect(joined.diagnostics[1].message.contains("a second header") && joined.diagnostics[2].help == "first at line 2; an answer is written once")
        var other = lines
        other[2] = other[2].replacingOccurrences(of: "\"type\":\"answer\"", with: "\"type\":\"comment\"")
        #expect(Self.read(other).diagnostics.map(\.message) == ["the header says 2 answers, but the file has 1", "unknown line type `comment`"])
    }

    @Test("a file that cannot be read is R012 with the reason")
    func unreadable() throws {
        let missing = ResultsReader.read(path: "/nonexistent/ana.jsonl")
        #expect(missing.diagnostics.map(\.code) == ["R012"] && missing.results == nil)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("results-\(UUID().uuidString).jsonl")
        try Data([0xFF, 0xFE, 0x00]).write(to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(ResultsReader.read(path: folder.path).diagnostics.map(\.message) == ["is not valid UTF-8 text"])
    }
}
