// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "iamquiz",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "iamquiz", targets: ["iamquiz"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Source locations, the Diagnostic type and its rendering: shared by every parser.
        .target(name: "Diagnostics"),
        // Reading the files a user names with the real reason when that fails, walking bank folders, and
        // writing output files whole or not at all.
        .target(name: "FileAccess"),
        // The IAM policy language: parsing with positions, matching, conditions, evaluation, simulate, and
        // validation against the catalog of actions and condition keys (Catalog/, texts compiled in).
        .target(name: "IAMPolicy", dependencies: ["Diagnostics"]),
        // The simulated AWS world on top of IAMPolicy: accounts, organizations, roles, instance profiles,
        // STS on a clock, scenarios and the sandbox's commands.
        .target(name: "IAMWorld", dependencies: ["Diagnostics", "FileAccess", "IAMPolicy"]),
        // The native bank format: the question model, its parser with positioned diagnostics and its printer.
        // A target of its own, on Diagnostics alone, so that build tools can parse banks.
        .target(name: "BankFormat", dependencies: ["Diagnostics"]),
        .target(
            name: "QuizBank",
            dependencies: ["BankFormat", "Diagnostics", "FileAccess", "IAMWorld"],
            plugins: ["EmbedBank", "PrebuildBank"]
        ),
        // Drills: questions the evaluator writes and keys itself (families of generators, seeded).
        .target(name: "Drills", dependencies: ["Diagnostics", "IAMPolicy", "IAMWorld", "QuizBank", "QuizEngine"]),
        .target(
            name: "QuizEngine",
            dependencies: ["Diagnostics", "QuizBank", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Results a learner hands in (JSON Lines, xAPI) and the class report over many learners' results:
        // item analysis (facility, discrimination, distractors), flags, topics and learners. Pure computations.
        .target(name: "ClassReport", dependencies: ["Diagnostics", "FileAccess", "QuizBank", "QuizEngine"]),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "TerminalUI", dependencies: ["CEditLine", "Diagnostics"]),
        // The interactive loops (quiz, exam, sandbox) and their rendering, on an injected `Terminal`: output,
        // colour and width, a line reader, a clock and the interrupt flags. Presentation only, no rules.
        .target(name: "QuizFrontend", dependencies: ["ClassReport", "Diagnostics", "IAMWorld", "QuizBank", "QuizEngine", "TerminalUI"]),
        .executableTarget(
            name: "iamquiz",
            dependencies: [
                "ClassReport", "Diagnostics", "Drills", "FileAccess", "IAMPolicy", "IAMWorld", "QuizBank", "QuizEngine", "QuizFrontend", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "iamquiz-bench", dependencies: ["Diagnostics", "IAMPolicy"]),
        // What the benchmarks share: medians, timed child processes (with their peak memory), generated banks.
        .target(name: "BenchSupport"),
        // Benchmarks of the progress store and start-up (`make bench`).
        .executableTarget(name: "progress-bench", dependencies: ["BenchSupport", "QuizBank", "QuizEngine"]),
        // Banks at scale: the parser's throughput, `check` and the first question on generated banks (`make bench-banks`).
        .executableTarget(name: "bank-bench", dependencies: ["BenchSupport", "QuizBank"]),
        // How long a drill takes to generate and key, per family (`make bench`).
        .executableTarget(name: "drill-bench", dependencies: ["Drills", "QuizEngine"]),
        .executableTarget(name: "progress-writer", dependencies: ["QuizEngine"], path: "Tests/Tools/progress-writer"),

        // Build-time embedding of QuestionBank/ into QuizBank, as generated Swift source.
        .executableTarget(name: "BankEmbedder"),
        .plugin(name: "EmbedBank", capability: .buildTool(), dependencies: ["BankEmbedder"]),
        // Build-time parsing of the built-in bank and scenarios into QuizBank, in the compact forms that
        // `BuiltinBank.load()` and `ScenarioLibrary.builtIn(ids:)` decode: a plugin of its own, so that
        // EmbedBank's tool, which needs nothing, builds without them.
        .executableTarget(name: "BankCompiler", dependencies: ["BankFormat", "BuildToolSupport", "Diagnostics"]),
        .executableTarget(name: "ScenarioCompiler", dependencies: ["BuildToolSupport", "Diagnostics", "IAMWorld"]),
        // What those two tools share: their arguments, their messages, writing the generated file.
        .target(name: "BuildToolSupport"),
        .plugin(name: "PrebuildBank", capability: .buildTool(), dependencies: ["BankCompiler", "ScenarioCompiler"]),

        // Helpers shared by the test targets (marked fixtures).
        .target(name: "TestSupport", dependencies: ["Diagnostics"], path: "Tests/TestSupport"),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics", "TestSupport"]),
        // The registry of diagnostic codes: every producer's enum, checked against the tests and the docs.
        .testTarget(name: "DiagnosticCodeTests", dependencies: ["ClassReport", "Diagnostics", "IAMPolicy", "IAMWorld", "QuizBank", "QuizEngine"]),
        .testTarget(name: "FileAccessTests", dependencies: ["FileAccess"]),
        .testTarget(name: "IAMPolicyTests", dependencies: ["IAMPolicy", "TestSupport"]),
        .testTarget(name: "IAMWorldTests", dependencies: ["IAMWorld", "TestSupport"]),
        .testTarget(name: "QuizBankTests", dependencies: ["BankFormat", "BenchSupport", "QuizBank", "QuizEngine", "IAMWorld", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "QuizEngineTests", dependencies: ["Diagnostics", "QuizEngine", .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Fixtures", "Tools"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport"]),
        .testTarget(name: "QuizFrontendTests", dependencies: ["ClassReport", "QuizFrontend", "IAMWorld", "QuizBank", "QuizEngine", "TerminalUI"]),
        .testTarget(name: "DrillsTests", dependencies: ["Drills", "IAMPolicy", "IAMWorld", "QuizBank", "QuizEngine"]),
        .testTarget(name: "ClassReportTests", dependencies: ["ClassReport", "QuizBank", "QuizEngine"]),
        .testTarget(name: "EndToEndTests", dependencies: ["iamquiz"], exclude: ["Fixtures"]),
    ]
)

// One place for the language settings of every Swift target.
for target in package.targets where target.type != .system && target.type != .plugin {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
