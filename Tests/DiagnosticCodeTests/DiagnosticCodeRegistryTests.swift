import ClassReport
import Diagnostics
import Foundation
import IAMPolicy
import IAMWorld
import QuizBank
import QuizEngine
import Testing

/// One producer's codes and the page whose tables document them.
struct Producer: Sendable, CustomTestStringConvertible {
    var name: String
    var codes: [String]
    /// A path from the package root.
    var page: String

    init<Code: DiagnosticCode>(_ type: Code.Type, page: String) {
        name = String(describing: type)
        codes = type.allCases.map(\.rawValue)
        self.page = page
    }

    var testDescription: String { "\(name) (\(page))" }
}

/// The registry of every diagnostic code: each producer's enum, and where its codes are documented.
enum CodeRegistry {
    static let producers: [Producer] = [
        Producer(BankCode.self, page: "docs/bank-format.md"),
        Producer(VerificationCode.self, page: "docs/bank-format.md"),
        Producer(BlogCode.self, page: "docs/bank-format.md"),
        Producer(GIFTCode.self, page: "docs/gift-aiken.md"),
        Producer(AikenCode.self, page: "docs/gift-aiken.md"),
        Producer(ScenarioCode.self, page: "docs/scenario-format.md"),
        Producer(CommandCode.self, page: "docs/scenario-format.md"),
        Producer(JSONCode.self, page: "README.md"),
        Producer(PolicyCode.self, page: "README.md"),
        Producer(PolicyWarningCode.self, page: "README.md"),
        Producer(SimulationCode.self, page: "README.md"),
        Producer(FSRSReplayCode.self, page: "README.md"),
        Producer(BlueprintCode.self, page: "docs/blueprint-format.md"),
        Producer(DrillTemplateCode.self, page: "docs/drill-format.md"),
        Producer(ResultsCode.self, page: "docs/results-format.md"),
    ]

    static var allCodes: [String] { producers.flatMap(\.codes) }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The Swift files under `folder` (a path from the package root), as (path from the root, text).
    static func swiftFiles(under folder: String) throws -> [(path: String, text: String)] {
        let base = packageRoot.appendingPathComponent(folder)
        let paths = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
        return try paths.filter { $0.hasSuffix(".swift") }.sorted().map { relative in
            ("\(folder)/\(relative)", try String(contentsOf: base.appendingPathComponent(relative), encoding: .utf8))
        }
    }

    /// Every match of `pattern` in `text`.
    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: $0.numberOfRanges > 1 ? 1 : 0), in: text).map { String(text[$0]) }
        }
    }

    /// A code standing alone: not part of a longer word or number (`E015`, `error[E015]`, `"E015"`).
    static let codeToken = #"(?<![A-Za-z0-9_])([A-Z][0-9]{3})(?![A-Za-z0-9_])"#
}

@Suite("Diagnostic codes: one registry, unique, each with a test and a docs row")
struct DiagnosticCodeRegistryTests {
    @Test("every code is a capital and three digits, and no two producers (nor one twice) use the same code")
    func codesAreUnique() {
        var owners: [String: [String]] = [:]
        for producer in CodeRegistry.producers {
            for code in producer.codes { owners[code, default: []].append(producer.name) }
        }
        let shared = owners.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.joined(separator: ", "))" }
        #expect(shared.isEmpty, "codes with more than one meaning: \(shared)")
        let misshapen = CodeRegistry.allCodes.filter { CodeRegistry.matches("^[A-Z][0-9]{3}$", in: $0).isEmpty }
        #expect(misshapen.isEmpty)
    }

    @Test("every DiagnosticCode enum of Sources is in the registry, so no producer's codes escape these checks")
    func everyEnumIsRegistered() throws {
        let declared = try CodeRegistry.swiftFiles(under: "Sources").flatMap { file in
            CodeRegistry.matches(#"enum\s+(\w+)\s*:\s*String\s*,\s*DiagnosticCode\b"#, in: file.text)
        }
        #expect(declared.sorted() == CodeRegistry.producers.map(\.name).sorted())
    }

    @Test("a code is written in Sources only as the raw value of its enum's case")
    func noCodeLiterals() throws {
        var strays: [String] = []
        for file in try CodeRegistry.swiftFiles(under: "Sources") {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let text = String(line)
                if text.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                if !CodeRegistry.matches(#"^\s*case\s+\w+\s*=\s*"[A-Z][0-9]{3}"\s*$"#, in: text).isEmpty { continue }
                if !CodeRegistry.matches(#"["\[][A-Z][0-9]{3}["\]]"#, in: text).isEmpty {
                    strays.append("\(file.path):\(number + 1): \(text.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(strays.isEmpty, "use the producer's enum: \(strays.joined(separator: "\n"))")
    }

    /// The codes the tests use: in expectations and fixture text of Tests/, not in comments or test names.
    static let testedCodes: Set<String> = {
        let own = "Tests/DiagnosticCodeTests/"
        var found: Set<String> = []
        for file in (try? CodeRegistry.swiftFiles(under: "Tests")) ?? [] where !file.path.hasPrefix(own) {
            for line in file.text.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("//") || trimmed.hasPrefix("@Test(") || trimmed.hasPrefix("@Suite(") { continue }
                found.formUnion(CodeRegistry.matches(CodeRegistry.codeToken, in: String(line)))
            }
        }
        return found
    }()

    @Test("every code has a test: it appears in a test's expectation or fixture", arguments: CodeRegistry.producers)
    func everyCodeIsTested(_ producer: Producer) {
        let untested = producer.codes.filter { !Self.testedCodes.contains($0) }
        #expect(untested.isEmpty, "\(producer.name) codes no test uses: \(untested)")
    }

    /// The codes in the first column of the tables of a page.
    static func documentedCodes(_ page: String) throws -> [String] {
        let text = try String(contentsOf: CodeRegistry.packageRoot.appendingPathComponent(page), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("|") else { return nil }
            let cell = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().first ?? ""
            let code = cell.trimmingCharacters(in: CharacterSet(charactersIn: " `"))
            return CodeRegistry.matches("^[A-Z][0-9]{3}$", in: code).isEmpty ? nil : code
        }
    }

    @Test("every code has a row in its page's tables", arguments: CodeRegistry.producers)
    func everyCodeIsDocumented(_ producer: Producer) throws {
        let documented = Set(try Self.documentedCodes(producer.page))
        let missing = producer.codes.filter { !documented.contains($0) }
        #expect(missing.isEmpty, "\(producer.name) codes without a row in \(producer.page): \(missing)")
    }

    @Test("every code in the docs tables is a code some producer gives")
    func everyDocumentedCodeExists() throws {
        let known = Set(CodeRegistry.allCodes)
        for page in Set(CodeRegistry.producers.map(\.page)).sorted() {
            let unknown = try Self.documentedCodes(page).filter { !known.contains($0) }
            #expect(unknown.isEmpty, "\(page) documents codes no producer gives: \(unknown)")
        }
    }
}
