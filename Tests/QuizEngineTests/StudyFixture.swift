import Foundation
import QuizBank
@testable import QuizEngine

/// Questions and stores for the tests of recording, restoring and selecting study sessions.
enum StudyFixture {
    /// A question with `options` explained options, keyed `key`.
    static func question(_ id: String, topics: [String] = ["sts"], key: [Int] = [1], options: Int = 4) -> Question {
        Question(id: id, level: .associate, topics: topics, stem: "Which?",
                 options: (0..<options).map { AnswerOption(text: "\(id) option \($0)", why: "why \($0)") }, key: .options(key))
    }

    /// The default profile's store under `home` (a folder from `withTemporaryHome`).
    static func store(in home: URL) throws -> ProgressStore {
        try ProgressStore.open(environment: ["IAMQUIZ_HOME": home.path])
    }
}
