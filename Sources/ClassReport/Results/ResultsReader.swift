import Diagnostics
import FileAccess
import Foundation

/// Reads a results file (docs/results-format.md) for the class report: every problem of the file, each at
/// `file:line:col`, and the learner's results only when there is none.
///
/// No line is dropped in silence: a line that is not a well-formed answer is an error, and a file with an
/// error gives no results (the class report refuses to run rather than count part of a hand-in). Blank
/// lines are ignored; `\r\n` line ends are accepted. Members this version does not know are ignored, as a
/// newer writer may add optional ones without a new version.
public enum ResultsReader {
    /// What reading one file gave.
    public struct Outcome: Sendable, Equatable {
        /// The file's header and answers; nil when the file has an error.
        public var results: LearnerResults?
        /// Every problem of the file, in line order.
        public var diagnostics: [Diagnostic]
    }

    /// Reads the file at `path` (named so in diagnostics).
    public static func read(path: String) -> Outcome {
        switch InputFile.readText(path) {
        case .success(let text):
            return parse(text, file: path)
        case .failure(let error):
            return Outcome(results: nil, diagnostics: [Diagnostic(.error, code: ResultsCode.unreadable, error.reason, file: path,
                                                                  help: error.help)])
        }
    }

    /// Reads a results file's text; `file` names it in diagnostics and in the results.
    public static func parse(_ text: String, file: String) -> Outcome {
        var lines: [(number: Int, text: String)] = []
        // "\r\n" is one Character in Swift: split on it as on "\n".
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }) { lines.append((index + 1, line)) }
        }
        guard let first = lines.first else {
            return Outcome(results: nil, diagnostics: [Diagnostic(.error, code: ResultsCode.emptyFile, "the file is empty", file: file,
                                                                  help: "`iamquiz results export -o FILE` writes a results file")])
        }
        var reading = Reading(file: file)
        guard let header = reading.header(first.text, line: first.number) else {
            return Outcome(results: nil, diagnostics: reading.diagnostics)
        }
        var answers: [ResultLine] = []
        var numbers: [Int] = []
        var seen: [String: Int] = [:]
        var answerLines = 0
        for (number, text) in lines.dropFirst() {
            guard let object = reading.object(text, line: number) else { continue }
            var members = LineMembers(object, file: file, line: number)
            let type = members.string("type")
            if let type, type != "answer" {
                members.problem(.unexpectedLine, type == "header" ? "a second header: this file holds more than one results file"
                                    : "unknown line type `\(type)`", at: "type",
                                help: type == "header" ? "hand in each export as a file of its own" : "an answer line has `\"type\": \"answer\"`")
                reading.diagnostics += members.problems
                continue
            }
            answerLines += 1
            let answer = reading.answer(&members, header: header)
            reading.diagnostics += members.problems
            guard let answer else { continue }
            if let earlier = seen[answer.answer] {
                reading.diagnostics.append(Diagnostic(.error, code: ResultsCode.duplicateAnswer, "answer `\(answer.answer)` again",
                                                      file: file, range: members.range("answer"),
                                                      help: "first at line \(earlier); an answer is written once"))
                continue
            }
            seen[answer.answer] = number
            answers.append(answer)
            numbers.append(number)
        }
        if answerLines != header.value.answers {
            reading.diagnostics.append(Diagnostic(
                .error, code: ResultsCode.answerCount,
                "the header says \(header.value.answers) answers, but the file has \(answerLines)", file: file, range: header.answersRange,
                help: "the file was cut short or edited: export it again with `iamquiz results export`"))
        }
        let diagnostics = Diagnostic.sortedForDisplay(reading.diagnostics)
        guard !diagnostics.hasErrors else { return Outcome(results: nil, diagnostics: diagnostics) }
        return Outcome(results: LearnerResults(file: file, header: header.value, answers: answers, lines: numbers), diagnostics: diagnostics)
    }
}

/// The state of reading one file: its diagnostics so far.
struct Reading {
    let file: String
    var diagnostics: [Diagnostic] = []

    /// A line's JSON object, or nil after a diagnostic (R002 for text that is not JSON, R006 for other JSON).
    mutating func object(_ text: String, line: Int) -> [JSONMember]? {
        switch JSONReader.parse(text, file: file) {
        case .failure(let problem):
            let column = problem.range?.start.column ?? 1
            diagnostics.append(Diagnostic(.error, code: ResultsCode.notJSON, "not JSON: \(problem.message)", file: file,
                                          range: SourceRange(line: line, column: column), help: problem.help))
            return nil
        case .success(let node):
            guard case .object(let members) = node.value else {
                diagnostics.append(Diagnostic(.error, code: ResultsCode.wrongType, "a line must be a JSON object, not \(node.value.kindDescription)",
                                              file: file, range: SourceRange(line: line, column: node.range.start.column)))
                return nil
            }
            return members
        }
    }

    /// The header read from the first line, with where its `answers` stands; nil when the file cannot be
    /// read further (another kind of file, a newer version, a header with errors).
    mutating func header(_ text: String, line: Int) -> (value: ResultsHeader, answersRange: SourceRange)? {
        let file = self.file
        let foreign = { (help: String) in
            Diagnostic(.error, code: ResultsCode.notResultsFile, "this is not an iamquiz results file", file: file,
                       range: SourceRange(line: line, column: 1), help: help)
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard case .success(let node) = JSONReader.parse(text, file: file), case .object(let object) = node.value else {
            diagnostics.append(foreign(trimmed.hasPrefix("[")
                ? "it looks like xAPI statements (`--format xapi`), which go to a Learning Record Store; the class report reads the JSON Lines file of `iamquiz results export`"
                : "a results file starts with a line `{\"format\":\"iamquiz-results\",...}`; `iamquiz results export -o FILE` writes one"))
            return nil
        }
        var members = LineMembers(object, file: file, line: line)
        guard members.members["format"]?.value.stringValue == ResultsFormat.name else {
            let xAPI = members.members["actor"] != nil && members.members["verb"] != nil
            let answer = members.members["type"]?.value.stringValue == "answer"
            diagnostics.append(foreign(xAPI ? "it looks like an xAPI statement; the class report reads the JSON Lines file of `iamquiz results export`"
                : answer ? "the file starts with an answer: its header line is missing (was the file cut or joined?)"
                : "a results file starts with a line `{\"format\":\"iamquiz-results\",...}`; `iamquiz results export -o FILE` writes one"))
            return nil
        }
        let version = members.integer("version")
        if let version, version > ResultsFormat.version {
            diagnostics.append(Diagnostic(.error, code: ResultsCode.newerVersion,
                                          "results format version \(version) is newer than this iamquiz reads (version \(ResultsFormat.version))",
                                          file: file, range: members.range("version"),
                                          help: "update iamquiz to read this file"))
            return nil
        }
        if let version, version < 1 {
            members.problem(.badValue, "version \(version) does not exist; versions start at 1", at: "version")
        }
        if let type = members.string("type"), type != "header" {
            members.problem(.badValue, "the first line's `type` must be `header`, not `\(type)`", at: "type")
        }
        let learner = checkedLearner(&members)
        let exportedAt = members.string("exportedAt")
        if let exportedAt, ResultsWriter.parseTimestamp(exportedAt) == nil {
            members.problem(.badValue, "`exportedAt` is not an ISO 8601 time: `\(exportedAt)`", at: "exportedAt")
        }
        let iamquiz = members.string("iamquiz")
        let store = members.string("store")
        let profile = members.string("profile")
        let selection = members.string("selection")
        let readiness = members.integerMap("readiness")
        let answers = members.integer("answers")
        if let answers, answers < 0 { members.problem(.badValue, "`answers` cannot be negative", at: "answers") }
        diagnostics += members.problems
        guard members.problems.isEmpty, let version, let learner, let exportedAt, let iamquiz, let store, let profile, let selection,
              let readiness, let answers else { return nil }
        var header = ResultsHeader(learner: learner, exportedAt: exportedAt, iamquiz: iamquiz, store: store, profile: profile,
                                   selection: selection, readiness: readiness, answers: Int(answers))
        header.version = Int(version)
        return (header, members.range("answers"))
    }

    /// The learner's name, checked as the export checks it.
    private func checkedLearner(_ members: inout LineMembers) -> String? {
        guard let name = members.string("learner") else { return nil }
        do {
            _ = try LearnerName.validated(name)
            return name
        } catch {
            members.problem(.badValue, error.description, at: "learner")
            return nil
        }
    }

    /// One answer line's values, checked; nil when a member is missing or wrong (the problems are in `members`).
    func answer(_ members: inout LineMembers, header: (value: ResultsHeader, answersRange: SourceRange)) -> ResultLine? {
        let id = members.string("answer")
        if let id, id.isEmpty { members.problem(.badValue, "`answer` is empty", at: "answer") }
        let learner = members.string("learner")
        if let learner, learner != header.value.learner {
            members.problem(.otherLearner, "the answer is of `\(learner)`, but the file is of `\(header.value.learner)`", at: "learner",
                            help: "a results file holds one learner's answers; was it edited or joined with another?")
        }
        let question = members.string("question")
        if let question, question.isEmpty { members.problem(.badValue, "`question` is empty", at: "question") }
        let hash = members.string("hash")
        if let hash, hash.isEmpty { members.problem(.badValue, "`hash` is empty", at: "hash") }
        let bank = members.string("bank")
        let level = members.string("level", required: false)
        let topics = members.strings("topics", required: false)
        let options = members.integer("options", required: false)
        if let options, !(1...26).contains(options) {
            members.problem(.badValue, "`options` must be 1 to 26, not \(options)", at: "options")
        }
        let key = letters(&members, "key", required: false, options: options)
        let chosen = letters(&members, "chosen", required: true, options: options)
        let chosenText = members.strings("chosenText", required: false)
        if let chosenText, let chosen, chosenText.count != chosen.count {
            members.problem(.badValue, "`chosenText` has \(chosenText.count) texts for \(chosen.count) chosen options", at: "chosenText")
        }
        let correct = members.bool("correct")
        let seconds = members.number("seconds")
        if let seconds, seconds < 0 { members.problem(.badValue, "`seconds` cannot be negative", at: "seconds") }
        let mode = members.string("mode")
        let answeredAt = members.string("answeredAt")
        if let answeredAt, ResultsWriter.parseTimestamp(answeredAt) == nil {
            members.problem(.badValue, "`answeredAt` is not an ISO 8601 time: `\(answeredAt)`", at: "answeredAt")
        }
        let retry = members.bool("retry")
        let session = members.integer("session", required: false)
        guard members.problems.isEmpty, let id, let learner, let question, let hash, let bank, let chosen, let correct, let seconds,
              let mode, let answeredAt, let retry else { return nil }
        return ResultLine(answer: id, learner: learner, question: question, hash: hash, bank: bank, level: level, topics: topics,
                          options: options.map(Int.init), key: key, chosen: chosen, chosenText: chosenText, correct: correct,
                          seconds: seconds, mode: mode, answeredAt: answeredAt, retry: retry, session: session)
    }

    /// Option letters (`["B", "D"]`): each one capital letter, within the question's options when known.
    private func letters(_ members: inout LineMembers, _ key: String, required: Bool, options: Int64?) -> [String]? {
        guard let letters = members.strings(key, required: required) else { return nil }
        for letter in letters {
            guard letter.count == 1, let scalar = letter.unicodeScalars.first, ("A"..."Z").contains(scalar) else {
                members.problem(.badValue, "`\(key)` holds `\(letter)`, which is not an option letter A to Z", at: key)
                return nil
            }
            if let options, (1...26).contains(options), Int64(scalar.value - 65) >= options {
                members.problem(.badValue, "`\(key)` holds `\(letter)`, but the question has \(options) options", at: key)
                return nil
            }
        }
        return letters
    }
}
