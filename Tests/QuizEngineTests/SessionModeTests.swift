import Testing
@testable import QuizEngine

@Suite("Session modes")
struct SessionModeTests {
    @Test(arguments: [(SessionMode.practice, "practice", true), (.review, "review", true), (.exam, "exam", true),
                      (.other("drill"), "drill", false)])
    func names(_ mode: SessionMode, _ name: String, _ resumable: Bool) {
        #expect(mode.rawValue == name)
        #expect(SessionMode(rawValue: name) == mode)
        #expect(mode.isResumable == resumable)
    }

    @Test func aModeThisVersionDoesNotKnowIsReadBackAsStored() throws {
        try withTemporaryHome { home in
            let store = try ProgressStore.open(environment: ["IAMQUIZ_HOME": home.path])
            let session = try store.startSession(SessionRecord(mode: .other("drill"), questionCount: 0), questions: [])
            try store.record(answer: AnswerRecord(sessionID: session.id, questionID: "q", contentHash: "0", chosen: "A",
                                                  isCorrect: true, seconds: 1, mode: .other("drill")), card: nil)
            #expect(try store.latestUnfinishedSession()?.mode == .other("drill"))
            #expect(try store.answers(questionID: "q").map(\.mode) == [.other("drill")])
        }
    }
}
