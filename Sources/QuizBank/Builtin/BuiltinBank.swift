/// The bank compiled into the binary from `QuestionBank/` by the EmbedBank build plugin.
public enum BuiltinBank {
    /// The label that diagnostics use for built-in files, e.g. `<builtin>/practice-questions.iqb`.
    public static let label = "<builtin>"

    /// The built-in bank files: (name relative to `QuestionBank/`, contents).
    public static var files: [(name: String, bytes: [UInt8])] { EmbeddedBankFiles.files.filter { $0.name.hasSuffix(".iqb") } }

    /// The built-in scenario files (`QuestionBank/scenarios/*.iqs`): (name relative to `QuestionBank/`, contents).
    public static var scenarioFiles: [(name: String, bytes: [UInt8])] {
        EmbeddedBankFiles.files.filter { $0.name.hasSuffix(".iqs") }
    }

    /// The built-in exam blueprints (`QuestionBank/blueprints/*.blueprint`): (name relative to `QuestionBank/`,
    /// contents). QuizEngine reads them (`Blueprint.builtin`); they are embedded here, with the bank they weigh.
    public static var blueprintFiles: [(name: String, bytes: [UInt8])] {
        EmbeddedBankFiles.files.filter { $0.name.hasSuffix(".blueprint") }
    }

    /// Parses the built-in bank.
    public static func load() -> BankLoader.Result {
        BankLoader().load(sources: files.map { ("\(label)/\($0.name)", $0.bytes) })
    }
}
