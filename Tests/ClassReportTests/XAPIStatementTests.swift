import Foundation
import QuizBank
import QuizEngine
import Testing
@testable import ClassReport

/// Checks a statement, as parsed from the exported JSON, against the required fields of the xAPI 1.0.3
/// specification (xAPI-Data.md); returns the problems found, empty for a valid statement.
enum XAPIValidator {
    static let uuid = try! NSRegularExpression(pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    /// RFC 5646 language tag, the shape an LRS must at least check (2.2, LRS requirements): a primary subtag
    /// of 2 to 3 letters (or 4 to 8), then subtags of 1 to 8 letters or digits.
    static let languageTag = try! NSRegularExpression(pattern: "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
    /// An IRI with a scheme (2.2: no IRI without a scheme), no spaces.
    static let iri = try! NSRegularExpression(pattern: "^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$")
    /// ISO 8601 duration (4.6), in the form iamquiz writes and the general one.
    static let duration = try! NSRegularExpression(pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$")
    /// ISO 8601 timestamp with a time zone (4.5), RFC 3339 profile, at least milliseconds kept.
    static let timestamp = try! NSRegularExpression(pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3,}(Z|[+-]\\d{2}:\\d{2})$")

    static func matches(_ regex: NSRegularExpression, _ value: Any?) -> Bool {
        guard let text = value as? String else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// A language map (4.2): an object whose keys are RFC 5646 tags and values strings, not empty.
    static func isLanguageMap(_ value: Any?) -> Bool {
        guard let map = value as? [String: Any], !map.isEmpty else { return false }
        return map.allSatisfy { matches(languageTag, $0.key) && $0.value is String }
    }

    static func problems(_ s: [String: Any]) -> [String] {
        var found: [String] = []
        func check(_ ok: Bool, _ what: String) { if !ok { found.append(what) } }
        // 2.2: a statement uses actor, verb and object; no null values anywhere.
        check(s["actor"] != nil && s["verb"] != nil && s["object"] != nil, "2.2 actor, verb and object")
        check(!containsNull(s), "2.2 no null values")
        // 2.4.1: the id is a UUID in standard string form, variant 2.
        check(matches(uuid, s["id"]), "2.4.1 id UUID")
        // 2.4.2.1 and 2.4.2.3: an Agent with exactly one inverse functional identifier.
        let actor = s["actor"] as? [String: Any] ?? [:]
        check(actor["objectType"] as? String == "Agent", "2.4.2.1 objectType Agent")
        let ifis = ["mbox", "mbox_sha1sum", "openid", "account"].filter { actor[$0] != nil }
        check(ifis.count == 1, "2.4.2.1 exactly one IFI (found \(ifis))")
        if let mbox = actor["mbox"] { check((mbox as? String)?.hasPrefix("mailto:") == true, "2.4.2.3 mbox mailto IRI") }
        if let account = actor["account"] as? [String: Any] {
            // 2.4.2.4: homePage (an IRL) and name, both required.
            check(matches(iri, account["homePage"]) && (account["homePage"] as? String)?.hasPrefix("http") == true, "2.4.2.4 homePage IRL")
            check((account["name"] as? String)?.isEmpty == false, "2.4.2.4 account name")
        }
        // 2.4.3: verb id an IRI, display a language map.
        let verb = s["verb"] as? [String: Any] ?? [:]
        check(matches(iri, verb["id"]), "2.4.3 verb id IRI")
        check(isLanguageMap(verb["display"]), "2.4.3 verb display language map")
        // 2.4.4.1: the object an Activity whose id is an IRI with a scheme.
        let object = s["object"] as? [String: Any] ?? [:]
        check((object["objectType"] as? String ?? "Activity") == "Activity", "2.4.4 objectType Activity")
        check(matches(iri, object["id"]), "2.4.4.1 activity id IRI")
        var choiceIDs: Set<String>?
        if let definition = object["definition"] as? [String: Any] {
            check(isLanguageMap(definition["name"]) && isLanguageMap(definition["description"]), "2.4.4.1 name, description language maps")
            check(matches(iri, definition["type"]), "2.4.4.1 type IRI")
            // Interaction Activities: a valid interactionType; choices with distinct ids, no whitespace.
            check(definition["interactionType"] as? String == "choice", "2.4.4.1 interactionType choice")
            let choices = definition["choices"] as? [[String: Any]] ?? []
            let ids = choices.compactMap { $0["id"] as? String }
            check(!choices.isEmpty && ids.count == choices.count && Set(ids).count == ids.count, "2.4.4.1 choices with distinct ids")
            check(ids.allSatisfy { !$0.contains(where: \.isWhitespace) }, "2.4.4.1 choice ids without whitespace")
            check(choices.allSatisfy { isLanguageMap($0["description"]) }, "2.4.4.1 choice description language map")
            choiceIDs = Set(ids)
            // Response patterns for choice: ids delimited by [,], each a choice id.
            if let patterns = definition["correctResponsesPattern"] {
                let list = patterns as? [String] ?? []
                check(!list.isEmpty && list.allSatisfy { pattern in
                    pattern.components(separatedBy: "[,]").allSatisfy { Set(ids).contains($0) }
                }, "2.4.4.1 correctResponsesPattern of choice ids")
            }
        }
        // 2.4.5: result.success a boolean, response in the choice format, duration ISO 8601 (4.6).
        let result = s["result"] as? [String: Any] ?? [:]
        check(result["success"] is Bool, "2.4.5 success boolean")
        check(matches(duration, result["duration"]), "4.6 duration")
        if let response = result["response"] {
            let parts = (response as? String ?? "").components(separatedBy: "[,]")
            check(!parts.contains("") && parts.allSatisfy { choiceIDs?.contains($0) ?? !$0.contains(where: \.isWhitespace) },
                  "2.4.4.1 response pattern of choice ids")
        }
        // 2.4.6: context activities are arrays of Activities with IRI ids; revision and platform only with an Activity object.
        if let context = s["context"] as? [String: Any] {
            let activities = context["contextActivities"] as? [String: Any] ?? [:]
            check(activities.keys.allSatisfy { ["parent", "grouping", "category", "other"].contains($0) }, "2.4.6.2 context types")
            check(activities.values.allSatisfy { ($0 as? [[String: Any]])?.allSatisfy { matches(iri, $0["id"]) } == true },
                  "2.4.6.2 arrays of activities")
            if let registration = context["registration"] { check(matches(uuid, registration), "2.4.6 registration UUID") }
        }
        // 2.4.7 and 4.5: timestamp ISO 8601 with a time zone and milliseconds.
        check(matches(timestamp, s["timestamp"]), "2.4.7 timestamp")
        // 2.4.10: a provider should not set the version; if set, it must be 1.0.0.
        check(s["version"] == nil || s["version"] as? String == "1.0.0", "2.4.10 version")
        return found
    }

    static func containsNull(_ value: Any) -> Bool {
        if value is NSNull { return true }
        if let map = value as? [String: Any] { return map.values.contains(where: containsNull) }
        if let list = value as? [Any] { return list.contains(where: containsNull) }
        return false
    }
}

@Suite("xAPI statements")
struct XAPIStatementTests {
    static let question = Question(id: "sts/assume role", level: .professional, topics: ["sts"],
                                   stem: "Which two let the vendor in?\n\nChoose two.",
                                   options: ["An IAM user", "A role with an external ID", "A bucket policy", "A trust policy naming the account"]
                                       .map { AnswerOption(text: $0) }, key: .options([1, 3]))

    static func answers() -> (ResultsHeader, [ExportedAnswer]) {
        let header = ResultsHeader(learner: "Ana Lima", exportedAt: "2026-12-07T00:00:00.000Z", iamquiz: "0.1.0", store: "store-1",
                                   profile: "default", selection: "", readiness: [:], answers: 3)
        func line(_ n: Int, chosen: [String], hash: String = ContentHash.of(question), bank: String = "week 3.iqb", session: Int64? = 2) -> ResultLine {
            ResultLine(answer: "store-1/\(n)", learner: "Ana Lima", question: question.id, hash: hash, bank: bank, chosen: chosen,
                       correct: chosen == ["B", "D"], seconds: 12.5, mode: "exam", answeredAt: "2026-12-06T23:41:00.125Z", session: session)
        }
        return (header, [ExportedAnswer(line: line(1, chosen: ["B", "D"]), question: question),
                         ExportedAnswer(line: line(2, chosen: ["A"], hash: "00000000deadbeef", session: nil)),
                         ExportedAnswer(line: line(3, chosen: [], bank: "drills"))])
    }

    /// The statements as an LRS would parse the exported text.
    static func parsed(_ builder: XAPIStatements) throws -> [[String: Any]] {
        let (header, answers) = answers()
        let text = try XAPIStatements.text(builder.statements(header: header, answers: answers))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test("every statement has the xAPI 1.0.3 required fields in their forms, with an account or with an mbox")
    func requiredFields() throws {
        for builder in [XAPIStatements(), XAPIStatements(homePage: "https://lms.example.edu", mbox: "mailto:ana@example.edu")] {
            let statements = try Self.parsed(builder)
            #expect(statements.count == 3)
            for statement in statements { #expect(XAPIValidator.problems(statement).isEmpty, "\(XAPIValidator.problems(statement))") }
        }
    }

    @Test("the validator can fail: each spoiled field is caught")
    func validatorCatches() throws {
        let good = try Self.parsed(XAPIStatements())[0]
        let spoil: [(String, ([String: Any]) -> [String: Any])] = [
            ("id", { var s = $0; s["id"] = "42"; return s }),
            ("actor", { var s = $0; s["actor"] = nil; return s }),
            ("two IFIs", { var s = $0; var a = s["actor"] as! [String: Any]; a["mbox"] = "mailto:a@b.c"; s["actor"] = a; return s }),
            ("verb display", { var s = $0; s["verb"] = ["id": XAPIStatements.answeredVerb, "display": ["en_US!": "answered"]]; return s }),
            ("object id", { var s = $0; s["object"] = ["id": "no scheme here"]; return s }),
            ("duration", { var s = $0; var r = s["result"] as! [String: Any]; r["duration"] = "12.5 s"; s["result"] = r; return s }),
            ("response", { var s = $0; var r = s["result"] as! [String: Any]; r["response"] = "b,d"; s["result"] = r; return s }),
            ("timestamp", { var s = $0; s["timestamp"] = "2026-12-06 23:41"; return s }),
            ("version", { var s = $0; s["version"] = "1.0.3"; return s }),
        ]
        for (what, change) in spoil { #expect(!XAPIValidator.problems(change(good)).isEmpty, "\(what) not caught") }
    }

    @Test("a known question is a choice interaction: stem, choices a to d, the key as the pattern, the response as choice ids")
    func knownQuestion() throws {
        let s = try Self.parsed(XAPIStatements())[0]
        let object = try #require(s["object"] as? [String: Any])
        #expect(object["id"] as? String == "https://iamquiz.invalid/iamquiz/banks/week%203.iqb/questions/sts%2Fassume%20role/versions/\(ContentHash.of(Self.question))")
        let definition = try #require(object["definition"] as? [String: Any])
        #expect(definition["type"] as? String == "http://adlnet.gov/expapi/activities/cmi.interaction")
        #expect(definition["correctResponsesPattern"] as? [String] == ["b[,]d"])
        #expect((definition["choices"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["a", "b", "c", "d"])
        #expect(definition["name"] as? [String: String] == ["en": "Which two let the vendor in?"])
        #expect(definition["description"] as? [String: String] == ["en": Self.question.stem])
        let result = try #require(s["result"] as? [String: Any])
        #expect(result["response"] as? String == "b[,]d" && result["success"] as? Bool == true && result["duration"] as? String == "PT12.5S")
        #expect(s["timestamp"] as? String == "2026-12-06T23:41:00.125Z")
        let verb = try #require(s["verb"] as? [String: Any])
        #expect(verb["id"] as? String == "http://adlnet.gov/expapi/verbs/answered" && verb["display"] as? [String: String] == ["en-US": "answered"])
        let actor = try #require(s["actor"] as? [String: Any])
        #expect(actor["account"] as? [String: String] == ["homePage": "https://iamquiz.invalid", "name": "Ana Lima"] && actor["name"] as? String == "Ana Lima")
        let context = try #require(s["context"] as? [String: Any])
        let activities = try #require(context["contextActivities"] as? [String: [[String: Any]]])
        #expect(activities["parent"]?.first?["id"] as? String == "https://iamquiz.invalid/iamquiz/banks/week%203.iqb")
        #expect(context["platform"] as? String == "iamquiz" && s["version"] == nil)
    }

    @Test("an answer to a changed question has no definition; an empty answer has no response; no session, no registration")
    func unknownAndEmpty() throws {
        let statements = try Self.parsed(XAPIStatements())
        #expect((statements[1]["object"] as? [String: Any])?["definition"] == nil)
        #expect((statements[1]["result"] as? [String: Any])?["response"] as? String == "a")
        #expect((statements[1]["context"] as? [String: Any])?["registration"] == nil)
        #expect((statements[2]["result"] as? [String: Any])?["response"] == nil)
        #expect((statements[2]["object"] as? [String: Any])?["id"] as? String == "https://iamquiz.invalid/iamquiz/banks/drills/questions/sts%2Fassume%20role/versions/\(ContentHash.of(Self.question))")
    }

    @Test("statement ids are name-based UUIDs (v5) of the answer id: the same on every export, different per answer")
    func deterministicIDs() throws {
        // RFC 4122 appendix B's namespace for DNS names; the value Python's uuid.uuid5 gives for python.org.
        let dns = try #require(UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8"))
        #expect(NameBasedUUID.v5(namespace: dns, name: "python.org").uuidString.lowercased() == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        #expect(SHA1.digest(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined() == "a9993e364706816aba3e25717850c26c9cd0d89d")
        let first = try Self.parsed(XAPIStatements()).map { $0["id"] as? String }
        let again = try Self.parsed(XAPIStatements(homePage: "https://lms.example.edu")).map { $0["id"] as? String }
        #expect(first == again && Set(first).count == 3)
        #expect(first[0] == NameBasedUUID.v5(namespace: NameBasedUUID.statementNamespace, name: "store-1/1").uuidString.lowercased())
    }

    @Test("durations, home pages and e-mail addresses in the forms xAPI asks for")
    func forms() {
        #expect(XAPIStatements.duration(12.5) == "PT12.5S" && XAPIStatements.duration(3) == "PT3S" && XAPIStatements.duration(0.004) == "PT0S")
        #expect(XAPIStatements.duration(61.257) == "PT61.26S" && XAPIStatements.duration(-1) == "PT0S")
        #expect(XAPIStatements.checkedHomePage("https://lms.example.edu/") == "https://lms.example.edu")
        for bad in ["lms.example.edu", "ftp://x.org", "https://", "https://a b.org", "https://x.org/?q=1"] {
            #expect(XAPIStatements.checkedHomePage(bad) == nil, "\(bad)")
        }
        #expect(XAPIStatements.checkedMbox("Ana@Example.EDU") == "mailto:Ana@example.edu")
        #expect(XAPIStatements.checkedMbox("mailto:ana@example.edu") == "mailto:ana@example.edu")
        for bad in ["ana", "ana@", "@example.edu", "a na@example.edu", "ana@example", "ana@@example.edu"] {
            #expect(XAPIStatements.checkedMbox(bad) == nil, "\(bad)")
        }
        #expect(XAPIStatements.percentEncoded("a b/é~") == "a%20b%2F%C3%A9~")
    }
}
