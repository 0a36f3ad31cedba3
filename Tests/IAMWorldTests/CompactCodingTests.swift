import Diagnostics
import Foundation
import Testing
@testable import IAMWorld

/// The compact form that the build writes the built-in scenarios in (`ScenarioCompiler`) and the binary reads
/// back (`ScenarioLibrary.builtIn`). The built-in scenarios themselves are compared with their folder in
/// QuizBankTests (`PrebuiltScenarioTests`); these are the coder's own rules.
@Suite("The compact form of Codable values")
struct CompactCodingTests {
    struct Sample: Codable, Equatable {
        enum Kind: String, Codable { case one, two }
        var name: String
        var count: Int
        var negative: Int64
        var ratio: Double
        var flag: Bool
        var note: String?
        var kind: Kind
        var list: [String?]
        var byName: [String: Int]
        var members: Set<String>
        var nested: [[UInt8]]
    }

    static let sample = Sample(name: "café ✓", count: 300, negative: -5_000_000_000, ratio: -0.1, flag: true, note: nil, kind: .two,
                               list: ["a", nil, ""], byName: ["b": 2, "a": 1, "c": -3], members: ["x", "y", "z"], nested: [[], [0, 255]])

    @Test("a value read back is the value written: strings, integers of every sign and size, doubles, nil, enums, collections")
    func roundTrip() throws {
        let bytes = try CompactCoding.encode(Self.sample)
        #expect(try CompactCoding.decode(Sample.self, from: bytes) == Self.sample)
        #expect(try CompactCoding.decode(Int.self, from: CompactCoding.encode(Int.min)) == Int.min)
        #expect(try CompactCoding.decode(UInt64.self, from: CompactCoding.encode(UInt64.max)) == UInt64.max)
        #expect(try CompactCoding.decode(Double.self, from: CompactCoding.encode(Double.infinity)) == .infinity)
    }

    // The form is embedded as a Swift string literal: it must be valid UTF-8, which holds when every byte
    // outside a string is below 0x80.
    @Test("every byte outside a string is below 0x80, so the form is valid UTF-8")
    func validUTF8() throws {
        let bytes = try CompactCoding.encode(Self.sample)
        #expect(String(validating: bytes, as: UTF8.self) != nil)
        let noText = Sample(name: "", count: Int.max, negative: Int64.min, ratio: .pi, flag: false, note: nil, kind: .one, list: [],
                            byName: [:], members: [], nested: [[0x80, 0xFF]])
        #expect(try CompactCoding.encode(noText).allSatisfy { $0 < 0x80 })
    }

    // The build writes the same bytes for the same scenarios whatever the hash seed of its process: the
    // entries of a dictionary and the members of a set of strings come in hash order, which depends on the
    // seed and on how the collection grew.
    @Test("the bytes do not depend on hash order: dictionaries and sets of strings grown differently write alike")
    func independentOfHashOrder() throws {
        var grownUp: [String: Int] = [:], grownDown: [String: Int] = [:]
        var setUp = Set<String>(), setDown = Set<String>(minimumCapacity: 64)
        let keys = (0..<40).map { "key\($0)" }
        for key in keys { grownUp[key] = key.count; setUp.insert(key) }
        for key in keys.reversed() { grownDown[key] = key.count; setDown.insert(key) }
        #expect(Array(grownUp.keys) != Array(grownDown.keys) || Array(setUp) != Array(setDown), "the two grew alike: the test shows nothing")
        #expect(try CompactCoding.encode(grownUp) == CompactCoding.encode(grownDown))
        #expect(try CompactCoding.encode(setUp) == CompactCoding.encode(setDown))
        #expect(try CompactCoding.decode(Set<String>.self, from: CompactCoding.encode(setDown)) == setUp)
    }

    // The binary never takes damaged bytes for a value: each cut is refused (falling back to the parser).
    @Test("bytes cut short, or with a byte of 0x80 or more where a number is, are refused")
    func damagedIsRefused() throws {
        let bytes = try CompactCoding.encode(Self.sample)
        for length in 0..<bytes.count {
            #expect(throws: DecodingError.self, "cut at \(length)") { try CompactCoding.decode(Sample.self, from: bytes[..<length]) }
        }
        var damaged = bytes
        damaged[0] = 0x80
        #expect(throws: DecodingError.self) { try CompactCoding.decode(Sample.self, from: damaged) }
        #expect(throws: DecodingError.self) { try CompactCoding.decode(Sample.self, from: bytes + [0]) }
    }

    @Test("a value of another shape is refused, not misread")
    func otherShape() throws {
        #expect(throws: DecodingError.self) { try CompactCoding.decode(Sample.self, from: CompactCoding.encode(["name": "x"])) }
        #expect(throws: DecodingError.self) { try CompactCoding.decode(Bool.self, from: CompactCoding.encode(2)) }
        #expect(throws: DecodingError.self) { try CompactCoding.decode(UInt8.self, from: CompactCoding.encode(300)) }
    }

    // A stored policy is written as its text and parsed again when read: the policy read back decides as the
    // parsed one, with its positions in the scenario file.
    @Test("a scenario read back runs as the parsed one, step by step and trace by trace")
    func scenarioRoundTrip() throws {
        let text = """
            scenario: compact-sample
            title: A role, a tagged bucket and an SCP
            start: 2026-07-07T11:00:00Z

            account 111111111111 management
            account 222222222222 prod

            organization management
              ou workloads
              member prod in workloads
              scp deny-delete on workloads:
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}

            role prod/reader
              trust:
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "sts:AssumeRole"}]}
              policy read: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:DeleteObject"], "Resource": "*"}]}
            user prod/alice
              policy assume: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}
            resource arn:aws:s3:::logs
              owner: prod
              tag: team=data

            step as-alice: as user prod/alice
            step reader: assume prod/reader --session-name reader
              expect: ok
            step read: can s3:GetObject arn:aws:s3:::logs/a.txt
              expect: allowed
            step delete: can s3:DeleteObject arn:aws:s3:::logs/a.txt
              expect: explicitDeny
            """
        let parsed = ScenarioParser.parse(text, file: "sample.iqs", baseDirectory: "/")
        let scenario = try #require(parsed.scenario, "\(parsed.diagnostics.map { DiagnosticRenderer().render($0) })")
        let bytes = try CompactCoding.encode(scenario)
        let copy = try CompactCoding.decode(Scenario.self, from: bytes)
        #expect(try CompactCoding.encode(copy) == bytes)
        #expect(Self.shown(ScenarioRunner.run(copy)) == Self.shown(ScenarioRunner.run(scenario)))
        #expect(ScenarioRunner.run(copy).failures.isEmpty)
    }

    /// What a run shows of each step: outcome, lines and evaluation trace.
    static func shown(_ run: ScenarioRun) -> [String] {
        run.steps.flatMap { step in
            ["\(step.step.number) \(step.step.commandText) \(step.result.outcome) \(String(describing: step.met))"] + step.result.lines
                + (step.result.evaluation.map { Sandbox.traceLines($0, reasons: !step.result.linesCarryReasons) } ?? [])
        }
    }
}
