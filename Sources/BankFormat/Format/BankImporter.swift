import Diagnostics

/// A bank file format's reader: how its files are decoded and split into lines, and how what they hold
/// becomes bank questions. `BankLoader` reads `--bank` files through it, picking the format by the file's
/// extension, and `iamquiz import gift|aiken` converts files through it.
public protocol BankImporter: Sendable {
    /// What `parse` makes of one file.
    associatedtype Parsed: ParsedBankFile
    /// The extension of the format's files, which is also its name in `iamquiz import NAME`.
    static var fileExtension: String { get }
    /// The format's name in messages (`Moodle GIFT`).
    static var formatName: String { get }
    /// Where the format ends lines.
    static var lineBreaks: SourceFile.LineBreaks { get }
    /// The help of `E015`, for a file that is not UTF-8.
    static var utf8Help: String { get }
    /// Whether `parse` reports control characters (W104) itself; `--bank` loading adds them for the others.
    static var reportsControlCharacters: Bool { get }
    /// Parses a decoded file, reporting every problem rather than stopping at the first.
    func parse(_ source: SourceFile) -> Parsed
    /// The bank questions of a parsed file.
    func questions(from parsed: Parsed, settings: ImportSettings) -> [Question]
}

/// What a format's parser makes of one file.
public protocol ParsedBankFile: Sendable {
    /// A question as the format has it (what `iamquiz import --format json` prints).
    associatedtype Entry: Sendable
    var questions: [Entry] { get }
    /// Every problem found in the file.
    var diagnostics: [Diagnostic] { get }
    /// The file named in diagnostics and positions.
    var file: String { get }
    /// The result for a file that cannot be read as text: no questions, and the diagnostic that says why.
    init(unreadable: Diagnostic, file: String)
}

/// What an import adds to what a file says: `--bank` loading takes the defaults.
public struct ImportSettings: Sendable {
    /// The level of questions whose file gives none.
    public var level: Level
    /// The topics of questions whose file gives none.
    public var topics: [String]
    /// The prefix of the ids made for questions without one; nil to make it from the file's name.
    public var idPrefix: String?
    /// What the questions' `source:` names, in formats that carry no source (Aiken: `SOURCE, question N`).
    public var source: String?

    public init(level: Level = .associate, topics: [String] = [], idPrefix: String? = nil, source: String? = nil) {
        self.level = level
        self.topics = topics
        self.idPrefix = idPrefix
        self.source = source
    }
}

extension BankImporter {
    public static var reportsControlCharacters: Bool { false }

    /// Parses `text`; `file` names it in diagnostics.
    public func parse(_ text: String, file: String) -> Parsed {
        parse(SourceFile(text: text, file: file, lineBreaks: Self.lineBreaks))
    }

    /// Parses raw bytes, reporting `E015` at the first byte that is not UTF-8.
    public func parse(bytes: [UInt8], file: String) -> Parsed {
        switch SourceFile.decode(bytes, file: file, lineBreaks: Self.lineBreaks, help: Self.utf8Help) {
        case .success(let source): parse(source)
        case .failure(let diagnostic): Parsed(unreadable: diagnostic, file: file)
        }
    }

    /// An id prefix made from a file name: its base name without the extension, as a slug.
    public static func idPrefix(fileName: String) -> String {
        QuestionID.prefix(fileName: fileName)
    }

    /// A `--bank` file: its questions, its diagnostics (W104 included), and its text for showing source lines.
    package func load(bytes: [UInt8], file: String) -> (questions: [Question], diagnostics: [Diagnostic], text: String) {
        switch decode(bytes, file: file) {
        case .success(let source): load(source: source)
        case .failure(let diagnostic): ([], [diagnostic], String(decoding: bytes, as: UTF8.self))
        }
    }

    /// A file's bytes decoded as this format reads them, or `E015` when they are not UTF-8.
    package func decode(_ bytes: [UInt8], file: String) -> Result<SourceFile, Diagnostic> {
        SourceFile.decode(bytes, file: file, lineBreaks: Self.lineBreaks, help: Self.utf8Help)
    }

    /// A decoded `--bank` file: as ``load(bytes:file:)``, for a caller that has let the bytes go.
    package func load(source: SourceFile) -> (questions: [Question], diagnostics: [Diagnostic], text: String) {
        let parsed = parse(source)
        let controlCharacters = Self.reportsControlCharacters ? [] : ControlCharacters.warnings(in: source)
        return (questions(from: parsed, settings: ImportSettings()), parsed.diagnostics + controlCharacters, source.text)
    }
}
