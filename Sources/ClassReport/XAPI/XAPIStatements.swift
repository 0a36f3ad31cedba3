import Foundation
import QuizBank
import QuizEngine

/// Turns exported answers into xAPI 1.0.3 statements (`iamquiz results export --format xapi`): pure, from
/// values to values; ``text(_:)`` writes them as the JSON array an LRS accepts on `POST /statements`.
///
/// The forms (documented in docs/results-format.md, "xAPI statements"):
/// - statement id: ``NameBasedUUID/v5(namespace:name:)`` of the answer's id (`<store id>/<answer number>`);
/// - activity ids under the home page: `<home>/iamquiz/banks/<bank>` (the parent),
///   `<home>/iamquiz/banks/<bank>/questions/<id>` (the question across versions, the grouping), and
///   `.../questions/<id>/versions/<hash>` (the object: an edited question is a new activity, as xAPI asks of a
///   change to the key or the options, 2.4.4.1 and 2.4.6 on `revision`); each part percent-encoded.
public struct XAPIStatements: Sendable {
    /// The system the learner's account is on, without a final `/`: the instructor's site. Also the root of
    /// the activity ids.
    public var homePage: String
    /// `mailto:` IRI identifying the learner instead of the account; nil for the account.
    public var mbox: String?

    /// The default home page: `.invalid` is reserved (RFC 2606), so it can never be someone's real site; an
    /// instructor sets their own with `--homepage`.
    public static let defaultHomePage = "https://iamquiz.invalid"
    public static let answeredVerb = "http://adlnet.gov/expapi/verbs/answered"
    public static let interactionType = "http://adlnet.gov/expapi/activities/cmi.interaction"
    /// The language of the texts taken from banks (RFC 5646: English, region not known).
    public static let textLanguage = "en"
    /// The most characters of a stem in an activity's `name`.
    public static let nameLength = 80

    public init(homePage: String = XAPIStatements.defaultHomePage, mbox: String? = nil) {
        self.homePage = homePage
        self.mbox = mbox
    }

    /// One statement per answer, in order.
    public func statements(header: ResultsHeader, answers: [ExportedAnswer]) -> [XAPIStatement] {
        answers.map { statement($0, store: header.store) }
    }

    /// The statements as a JSON array, one statement a line (sorted members, `\n` line ends).
    public static func text(_ statements: [XAPIStatement]) throws -> String {
        let encoder = ResultsWriter.encoder
        let lines = try statements.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        return lines.isEmpty ? "[]\n" : "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    func statement(_ answer: ExportedAnswer, store: String) -> XAPIStatement {
        let line = answer.line
        let bank = XAPIStatement.Activity(id: "\(homePage)/iamquiz/banks/\(Self.percentEncoded(line.bank))")
        let question = XAPIStatement.Activity(id: "\(bank.id)/questions/\(Self.percentEncoded(line.question))")
        let object = XAPIStatement.Activity(id: "\(question.id)/versions/\(Self.percentEncoded(line.hash))",
                                            definition: answer.question.map(Self.definition))
        let actor = XAPIStatement.Agent(name: line.learner,
                                        account: mbox == nil ? XAPIStatement.Account(homePage: homePage, name: line.learner) : nil,
                                        mbox: mbox)
        let response = line.chosen.isEmpty ? nil : line.chosen.map { $0.lowercased() }.joined(separator: "[,]")
        return XAPIStatement(
            id: NameBasedUUID.v5(namespace: NameBasedUUID.statementNamespace, name: line.answer).uuidString.lowercased(),
            actor: actor,
            verb: XAPIStatement.Verb(id: Self.answeredVerb, display: ["en-US": "answered"]),
            object: object,
            result: XAPIStatement.Result(success: line.correct, response: response, duration: Self.duration(line.seconds)),
            context: XAPIStatement.Context(
                registration: line.session.map {
                    NameBasedUUID.v5(namespace: NameBasedUUID.statementNamespace, name: "\(store)/session/\($0)").uuidString.lowercased()
                },
                platform: "iamquiz",
                contextActivities: XAPIStatement.ContextActivities(parent: [bank], grouping: [question])),
            timestamp: line.answeredAt)
    }

    /// A `choice` interaction: the stem, each option as a choice `a`, `b`..., and the key as the one correct
    /// response pattern (`b[,]d`).
    static func definition(_ question: Question) -> XAPIStatement.Definition {
        let stem = ResultsWriter.safe(question.stem)
        let choices = question.options.indices.map { index in
            XAPIStatement.Choice(id: choiceID(index), description: [textLanguage: ResultsWriter.safe(question.options[index].text)])
        }
        let key = question.key.indices.map(choiceID).joined(separator: "[,]")
        return XAPIStatement.Definition(type: interactionType, name: [textLanguage: shortName(stem)],
                                        description: [textLanguage: stem], interactionType: "choice", choices: choices,
                                        correctResponsesPattern: question.key.indices.isEmpty ? nil : [key])
    }

    /// The choice id of the option at a bank index: its letter in lowercase.
    static func choiceID(_ index: Int) -> String {
        String(AnswerInput.label(index)).lowercased()
    }

    /// The stem's first paragraph on one line, cut to ``nameLength`` characters with `…`.
    static func shortName(_ stem: String) -> String {
        let first = stem.components(separatedBy: "\n\n").first ?? stem
        let words = first.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        return words.count > nameLength ? String(words.prefix(nameLength - 1)) + "…" : words
    }

    /// Seconds as an ISO 8601 duration in seconds, to 0.01 s (4.6): `PT12.5S`, `PT3S`.
    static func duration(_ seconds: Double) -> String {
        var text = String(format: "%.2f", max(0, seconds))
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return "PT\(text)S"
    }

    /// A path segment: every byte outside RFC 3986's unreserved characters as `%XX`.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// `--homepage`'s value checked: an `http` or `https` URL with a host and nothing a terminal would act
    /// on, without its final `/`; nil otherwise.
    public static func checkedHomePage(_ text: String) -> String? {
        guard !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }),
              let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil else { return nil }
        var page = text
        while page.hasSuffix("/") { page.removeLast() }
        return page
    }

    /// `--mbox`'s value as a `mailto:` IRI (2.4.2.3): one `@` between a local part and a domain, no spaces or
    /// control characters, the domain in lowercase (it is case-insensitive); nil otherwise.
    public static func checkedMbox(_ text: String) -> String? {
        let address = text.lowercased().hasPrefix("mailto:") ? String(text.dropFirst("mailto:".count)) : text
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !address.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) })
        else { return nil }
        return "mailto:\(parts[0])@\(parts[1].lowercased())"
    }
}
