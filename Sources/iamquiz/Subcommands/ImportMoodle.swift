import ArgumentParser
import Diagnostics
import Foundation
import QuizBank
import TerminalUI

/// Options shared by `import gift` and `import aiken`.
struct MoodleImportOptions: ParsableArguments {
    @Argument(help: "The file to import.")
    var file: String

    @Option(name: .shortAndLong, help: "Write the bank to this file instead of standard output.")
    var output: String?

    @Option(help: "Output format: text (the bank format) or json (the parsed questions).")
    var format: OutputFormat = .text

    @Option(help: "The level of questions whose category and tags name none.")
    var level: Level = .associate

    @Option(name: .customLong("topic"), help: "A topic for questions whose category and tags give none (repeatable).")
    var topics: [String] = []

    @Option(help: "Prefix of generated question ids (default: from the file name).")
    var idPrefix: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        if let idPrefix, idPrefix.isEmpty || idPrefix.contains(where: { !($0.isLowercase || $0.isNumber || "-._".contains($0)) }) {
            throw ValidationError("--id-prefix must use lowercase letters, digits, `.`, `_` and `-`")
        }
        for topic in topics where topic.isEmpty || topic.contains(where: { !($0.isLowercase || $0.isNumber || $0 == "-") }) {
            throw ValidationError("topic `\(topic)` must use lowercase letters, digits and `-`")
        }
    }

    /// Reads the file, prints the importer's diagnostics (exit 1 on an error), then prints the parsed
    /// questions as JSON or writes them in the native format.
    func run<Importer: BankImporter>(_ importer: Importer) throws where Importer.Parsed.Entry: Encodable {
        let text = try ImportFiles.readText(file)
        let parsed = importer.parse(text, file: file)
        try ImportFiles.report(parsed.diagnostics, text: text)
        switch format {
        case .json: try printJSON(MoodleImportReport(file: file, questions: parsed.questions))
        case .text:
            let settings = ImportSettings(level: level, topics: topics, idPrefix: idPrefix, source: (file as NSString).lastPathComponent)
            try write(importer.questions(from: parsed, settings: settings), format: Importer.fileExtension, source: text)
        }
    }

    /// Writes the imported questions in the native format, after a comment saying where they came from;
    /// `source` is the imported file's text.
    func write(_ questions: [Question], format name: String, source: String) throws {
        let fileName = (file as NSString).lastPathComponent
        let comment = "Imported by `iamquiz import \(name)` from \(fileName): \(counted(questions.count, "question"))."
        try ImportFiles.write(ImportFiles.bankText(questions, comment: comment, source: source), to: output, force: force,
                              summary: "wrote \(counted(questions.count, "question")) to \(TextSanitizer.clean(output ?? ""))")
    }
}

/// `iamquiz import gift FILE`: Moodle GIFT to the native format (docs/gift-aiken.md).
struct ImportGIFT: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gift",
        abstract: "Import Moodle GIFT questions (multiple choice, several answers with weights, true/false, missing word).",
        discussion: """
            Categories and [tag:] comments give levels and topics, [id:] comments or titles the ids, per-answer \
            feedback the options' why, general feedback the explanation. Question types iamquiz does not \
            practise (short answer, matching, numerical, essay, description) are reported and left out. See \
            docs/gift-aiken.md.
            """
    )

    @OptionGroup var options: MoodleImportOptions

    func run() throws {
        try options.run(GIFTImporter())
    }
}

/// `iamquiz import aiken FILE`: Moodle's Aiken format to the native format.
struct ImportAiken: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aiken",
        abstract: "Import Aiken questions (a one-line stem, options `A.` or `A)`, `ANSWER: X`).",
        discussion: """
            Aiken has one answer per question and no feedback, category or id: the questions get --level, \
            --topic and ids PREFIX-N by their place in the file. Every malformed block is reported with \
            its position. See docs/gift-aiken.md.
            """
    )

    @OptionGroup var options: MoodleImportOptions

    func run() throws {
        try options.run(AikenImporter())
    }
}

/// The machine-readable result of `import gift|aiken --format json`.
struct MoodleImportReport<Entry: Encodable>: Encodable {
    var file: String
    var count: Int
    var questions: [Entry]

    init(file: String, questions: [Entry]) {
        self.file = file
        count = questions.count
        self.questions = questions
    }
}

/// `iamquiz export FORMAT`: banks to other formats.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export banks to other formats.",
        subcommands: [ExportGIFT.self]
    )
}

/// `iamquiz export gift [BANK...]`: a bank as Moodle GIFT.
struct ExportGIFT: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gift",
        abstract: "Write banks as Moodle GIFT (default: the built-in bank), to import into Moodle's question bank.",
        discussion: """
            One category per level and topic, weights for several answers, each option's why as its feedback, \
            the explanation as general feedback; iamquiz's other fields go in `// iamquiz:` comments, so that \
            `iamquiz import gift` gives the same bank back. Unkeyed questions are left out with a warning.
            """
    )

    @Argument(help: "Bank files or folders (default: the built-in bank).")
    var banks: [String] = []

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func run() throws {
        let loaded = banks.isEmpty ? BuiltinBank.load() : BankLoader().load(paths: banks)
        try ImportFiles.report(loaded.diagnostics.filter { $0.severity == .error }, loaded: loaded)
        let exported = GIFTExporter().export(loaded.bank.questions, comment: "Exported by iamquiz from \(banks.isEmpty ? "the built-in bank" : banks.joined(separator: ", ")).")
        try ImportFiles.report(exported.diagnostics, loaded: loaded)
        try ImportFiles.write(exported.text, to: output, force: force,
                              summary: "wrote \(counted(exported.exported, "question")) to \(TextSanitizer.clean(output ?? ""))")
    }
}
