import Foundation
import Testing
@testable import ClassReport

/// The results file's lines keep their documented member names (docs/results-format.md), so that files
/// written by one version are read by the next.
@Suite("Results file lines") struct ResultsFileTests {
    @Test func answerLineRoundTripsWithDocumentedNames() throws {
        let line = ResultLine(answer: "s1/7", learner: "Ana", question: "q-1", hash: "00ff00ff00ff00ff", bank: "paper.iqb",
                              level: "associate", topics: ["sts"], options: 4, key: ["B"], chosen: ["C"],
                              chosenText: ["An IAM user"], correct: false, seconds: 12.5, mode: "exam",
                              answeredAt: "2026-12-06T23:40:00Z", session: 3)
        let data = try JSONEncoder().encode(line)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["type"] as? String == "answer")
        #expect(object["chosenText"] as? [String] == ["An IAM user"])
        #expect(object["answeredAt"] as? String == "2026-12-06T23:40:00Z")
        #expect(try JSONDecoder().decode(ResultLine.self, from: data) == line)
    }

    @Test func headerNamesItsFormatAndVersion() throws {
        let header = ResultsHeader(learner: "Ana", exportedAt: "2026-12-06T23:40:00Z", iamquiz: "1.0", store: "x",
                                   profile: "default", selection: "", readiness: ["associate": 640], answers: 2)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(header)) as? [String: Any])
        #expect(object["format"] as? String == "iamquiz-results")
        #expect(object["version"] as? Int == 1)
        #expect(object["type"] as? String == "header")
    }
}
