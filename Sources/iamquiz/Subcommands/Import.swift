import ArgumentParser
import Diagnostics
import Foundation
import QuizBank
import TerminalUI

/// `iamquiz import FORMAT ...`: converts other question formats into the native bank format.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import questions from other formats into a bank.",
        subcommands: [ImportBlog.self, ImportGIFT.self, ImportAiken.self]
    )
}

/// `iamquiz import blog FILE [-o OUT] [--key KEYS] [--format json]`.
struct ImportBlog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blog",
        abstract: "Import the practice questions of a blog post (bulleted questions and options).",
        discussion: """
            Finds the bulleted question list after a heading such as "Practice Questions", with each \
            question's options, the number of answers it asks for, the [PROFESSIONAL] level marker, and \
            options' trailing parenthetical remarks as notes. Posts carry no answer marks: questions are \
            written unkeyed (`answer: ?`) unless --key or --key-file gives the key.
            """
    )

    @Argument(help: "The blog post as plain text.")
    var file: String

    @Option(name: .shortAndLong, help: "Write the bank to this file instead of standard output.")
    var output: String?

    @Option(help: "The answer key, for example \"1:B 2:AD 3:A,C\".")
    var key: String?

    @Option(help: "A file holding the answer key in the --key syntax (one or more entries a line, # comments).")
    var keyFile: String?

    @Option(help: "Prefix of the question ids (default: from the post's title or file name).")
    var idPrefix: String?

    @Option(help: "Output format: text (the bank format) or json (the parsed questions).")
    var format: OutputFormat = .text

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        if key != nil, keyFile != nil { throw ValidationError("give either --key or --key-file, not both") }
        if let idPrefix, idPrefix.isEmpty || idPrefix.contains(where: { !($0.isLowercase || $0.isNumber || "-._".contains($0)) }) {
            throw ValidationError("--id-prefix must use lowercase letters, digits, `.`, `_` and `-`")
        }
    }

    func run() throws {
        let text = try ImportFiles.readText(file)
        let importer = BlogImporter()
        let result = importer.parse(text, file: file)
        try ImportFiles.report(result.diagnostics, text: text)
        let renderer = DiagnosticRenderer(color: TerminalInfo.colorEnabled(fd: 2))

        var answerKey: [Int: [Int]] = [:]
        var keyLabel = "--key"
        var keySource: String?
        if let key {
            keySource = key
        } else if let keyFile {
            keyLabel = keyFile
            keySource = try ImportFiles.readText(keyFile)
        }
        if let keySource {
            do {
                answerKey = try AnswerKeyText.parse(keySource)
            } catch {
                let location = keyFile != nil ? "\(keyLabel):\(error.line):\(error.column)" : "--key:\(error.column)"
                Console.error(TextSanitizer.visible("\(location): error[\(BlogCode.malformedKey.rawValue)]: \(error.message)"))
                throw ExitCode(1)
            }
            let problems = importer.validate(key: answerKey, against: result, keyLabel: keyLabel)
            for problem in problems { Console.diagnostic(renderer.render(problem)) }
            if problems.hasErrors { throw ExitCode(1) }
        }

        switch format {
        case .json:
            try printJSON(BlogImportReport(file: file, result: result, key: answerKey))
        case .text:
            let prefix = idPrefix ?? BlogImporter.idPrefix(title: result.title, fileName: file)
            let sourceName = (file as NSString).lastPathComponent
            let questions = importer.questions(from: result, key: answerKey, idPrefix: prefix, source: sourceName)
            let unkeyed = questions.filter { $0.key == .unkeyed }.count
            var comment = "Imported by `iamquiz import blog` from \(sourceName): \(counted(questions.count, "question"))."
            comment += "\nTo do: add `topics:` and a `why:` under every option"
            comment += unkeyed > 0 ? ", and replace each `answer: ?` with the key." : "."
            let bankText = ImportFiles.bankText(questions, comment: comment, source: text)
            try ImportFiles.write(bankText, to: output, force: force,
                                  summary: "wrote \(counted(questions.count, "question")) to \(TextSanitizer.clean(output ?? "")) (\(unkeyed) unkeyed)")
        }
    }
}

/// The machine-readable result of `import blog --format json`.
struct BlogImportReport: Encodable {
    struct Entry: Encodable {
        var number: Int
        var line: Int
        var level: String
        var stem: String
        var answersAskedFor: Int
        var options: [BlogImporter.ImportedOption]
        /// The letters of the key, or nil when the post was imported without one.
        var key: [String]?
    }

    var file: String
    var count: Int
    var questions: [Entry]

    init(file: String, result: BlogImporter.Result, key: [Int: [Int]]) {
        self.file = file
        count = result.questions.count
        questions = result.questions.map { q in
            Entry(number: q.number, line: q.line, level: q.level.rawValue, stem: q.stem,
                  answersAskedFor: q.answersAskedFor, options: q.options,
                  key: key[q.number].map { $0.map(OptionLetter.letter) })
        }
    }
}
