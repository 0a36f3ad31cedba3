// Test helper for the progress store's multi-process and crash tests (not shipped).
//
//     progress-writer [--count N] [--profile NAME] [--label TEXT]
//
// Opens the store of IAMQUIZ_HOME's profile, starts a session, then records N answers (0: until
// killed), each with an updated card, printing the number of answers committed so far on its own
// line after each commit. Errors go to stderr with exit status 1.
import Foundation
import QuizEngine

var count = 0
var profile = "default"
var label = "writer-\(ProcessInfo.processInfo.processIdentifier)"
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else {
        FileHandle.standardError.write(Data("progress-writer: `\(flag)` needs a value\n".utf8))
        exit(2)
    }
    switch flag {
    case "--count": count = Int(value) ?? -1
    case "--profile": profile = value
    case "--label": label = value
    default:
        FileHandle.standardError.write(Data("progress-writer: unknown option `\(flag)`\n".utf8))
        exit(2)
    }
}
guard count >= 0 else {
    FileHandle.standardError.write(Data("progress-writer: `--count` needs a number, 0 for no end\n".utf8))
    exit(2)
}

do {
    let store = try ProgressStore.open(profile: profile)
    let questions = 50
    // The session lists its first positions so the tests can check each answer marked its position.
    let planned = count == 0 ? 1000 : min(count, 1000)
    let session = try store.startSession(
        SessionRecord(mode: .practice, questionCount: planned, filterDescription: label),
        questions: (0..<planned).map { SessionQuestionRecord(position: $0, questionID: "q\($0 % questions)", optionOrder: [2, 0, 3, 1]) })
    var committed = 0
    while count == 0 || committed < count {
        let now = Date()
        let questionID = "q\(committed % questions)"
        let answer = AnswerRecord(sessionID: session.id, questionID: questionID, contentHash: "0123456789abcdef",
                                  chosen: committed % 2 == 0 ? "B" : "A,C", isCorrect: committed % 3 != 0,
                                  seconds: Double(committed % 17) + 0.25, answeredAt: now, mode: .practice,
                                  isRetry: committed >= questions)
        let card = CardRecord(questionID: questionID, state: "review", step: nil, stability: 3.2, difficulty: 5.1,
                              due: now.addingTimeInterval(86_400), lastReview: now, reps: committed / questions + 1, lapses: 0)
        try store.record(answer: answer, card: card, position: committed < planned ? committed : nil)
        committed += 1
        // write(2) straight away: the line must leave the process before the next answer starts.
        FileHandle.standardOutput.write(Data("\(committed)\n".utf8))
    }
} catch let error as ProgressStoreError {
    FileHandle.standardError.write(Data("progress-writer: \(error)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("progress-writer: \(error)\n".utf8))
    exit(1)
}
