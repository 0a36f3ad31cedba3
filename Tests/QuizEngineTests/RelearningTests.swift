import Diagnostics
import Foundation
import QuizBank
import Testing
@testable import QuizEngine

/// Answers the current question of `session` right or wrong (by its bank key).
@discardableResult
private func answer(_ session: inout QuizSession, right: Bool) -> Bool {
    guard let shown = session.current else { return false }
    let key = Set(shown.question.key.indices)
    let display = shown.order.indices.filter { right ? key.contains(shown.order[$0]) : !key.contains(shown.order[$0]) }
        .prefix(shown.answersRequired)
    let typed = display.map { String(AnswerInput.label($0)) }.joined(separator: " ")
    guard case .graded(let feedback) = session.submit(typed) else { return false }
    return feedback.isCorrect
}

/// A session of the questions `q0`, `q1`, ... with the relearning `policy`.
private func session(_ count: Int, policy: RelearningPolicy = .standard) -> QuizSession {
    var random = SeededRandom(seed: 7)
    return QuizSession(questions: (0..<count).map { StudyFixture.question("q\($0)") }, random: &random, relearning: policy)
}

@Suite("Relearning in the session: a missed question comes back, counted once")
struct RelearningTests {
    @Test("a wrong answer comes back after 4 other questions, with its options in a new order, as a repeat")
    func comesBackAfterTheGap() throws {
        var quiz = session(8)
        let first = try #require(quiz.current)
        #expect(!answer(&quiz, right: false))
        #expect(quiz.turnsBeforeRepeat(of: 0) == 4)
        var asked: [String] = []
        while let shown = quiz.current, asked.count < 6 {
            asked.append(shown.question.id + (quiz.isRepeat ? "*" : ""))
            if quiz.isRepeat { #expect(shown.order != first.order, "the repeat reshuffles its options") }
            answer(&quiz, right: true)
        }
        #expect(asked == ["q1", "q2", "q3", "q4", "q0*", "q5"])
        #expect(quiz.number == 7)
    }

    @Test("the score counts each question once, by its first answer; repeats are counted apart")
    func countedOnce() {
        var quiz = session(3)
        answer(&quiz, right: false)  // q0 wrong
        answer(&quiz, right: true)   // q1
        answer(&quiz, right: true)   // q2
        #expect(quiz.isRepeat && quiz.current?.question.id == "q0", "fewer than 4 others remain: at the end")
        #expect(!quiz.isFinished && quiz.everyQuestionAsked)
        answer(&quiz, right: true)   // q0 again, right
        #expect(quiz.isFinished)
        #expect(quiz.score == Score(correct: 2, answered: 3, skipped: 0, total: 3))
        #expect(quiz.repeatsAnswered == 1 && quiz.repeatsRight == 1)
    }

    @Test("a question answered wrong again comes back once more, up to the limit of returns")
    func limitOfReturns() {
        var quiz = session(1, policy: RelearningPolicy(gap: 4, maximumReturns: 2))
        var asked = 0
        while !quiz.isFinished {
            answer(&quiz, right: false)
            asked += 1
        }
        #expect(asked == 3, "the first answer and 2 returns")
        #expect(quiz.score == Score(correct: 0, answered: 1, skipped: 0, total: 1))
        #expect(quiz.repeatsAnswered == 2 && quiz.repeatsRight == 0)
        var off = session(2, policy: .off)
        answer(&off, right: false)
        answer(&off, right: false)
        #expect(off.isFinished, "no repeats when relearning is off")
    }

    @Test("a withdrawn wrong answer takes its repeat back; a skipped repeat is dropped without counting as skipped")
    func withdrawAndSkip() {
        var quiz = session(2)
        answer(&quiz, right: false)
        #expect(quiz.repeatsPending == 1)
        quiz.withdrawLastAnswer()
        #expect(quiz.repeatsPending == 0 && quiz.index == 0 && quiz.score.answered == 0)
        answer(&quiz, right: false)
        answer(&quiz, right: true)
        #expect(quiz.isRepeat)
        quiz.skip()
        #expect(quiz.isFinished)
        #expect(quiz.score == Score(correct: 1, answered: 2, skipped: 0, total: 2))
    }
}

@Suite("Relearning and resume")
struct RelearningResumeTests {
    @Test("a question answered wrong is not asked again on resume: its pending repeat is dropped")
    func resumeSkipsAnsweredQuestions() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            var quiz = session(3)
            let recorder = try StudyRecorder(store: store, mode: .practice, questions: quiz.questions, seed: 7, filter: "")
            let shown = try #require(quiz.current)
            let wrong = shown.order.indices.filter { !shown.question.key.indices.contains(shown.order[$0]) }.prefix(1)
            _ = quiz.submit(wrong.map { String(AnswerInput.label($0)) }.joined())
            try recorder.record(shown, chosenDisplay: Array(wrong), correct: false, seconds: 3, retried: false, position: 0)
            #expect(quiz.repeatsPending == 1)
            // Interrupted here: the resumed session asks the two questions not answered, not the repeat.
            let bank = Bank(questions: quiz.questions.map(\.question))
            let remaining = try SessionRestore.remaining(sessionID: try #require(recorder.sessionID), store: store, bank: bank)
            #expect(remaining.questions.map(\.question.id) == ["q1", "q2"])
            #expect(remaining.positions == [1, 2])
        }
    }
}

@Suite("Ratings the learner gives, and the daily limit of new questions")
struct RatingOverrideTests {
    static let questions = [StudyFixture.question("a"), StudyFixture.question("b"), StudyFixture.question("c")]
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01 00:00 UTC

    /// The recorder of a new practice session of the questions, as shown in the written order.
    private func recorder(_ store: ProgressStore) throws -> (StudyRecorder, [PresentedQuestion]) {
        let shown = Self.questions.map { PresentedQuestion(question: $0, order: [0, 1, 2, 3]) }
        return (try StudyRecorder(store: store, mode: .practice, questions: shown, seed: 1, filter: ""), shown)
    }

    // Rule: a choice applies to a right answer as the rating it names (a guess: again, marked guessed); a wrong
    // answer stays again (typing `again` is accepted and changes nothing), and cannot be raised or marked a guess.
    @Test(arguments: [
        ("guess", true, "again", true), ("easy", true, "easy", false), ("hard", true, "hard", false),
        ("again", true, "again", false), ("again", false, "again", false), ("good", false, nil, false),
        ("guess", false, nil, false), ("EASY", true, "easy", false),
    ] as [(String, Bool, String?, Bool)])
    func choices(_ word: String, _ correct: Bool, _ rating: String?, _ guessed: Bool) throws {
        let choice = try #require(RatingChoice(word: word))
        switch choice.applied(correct: correct) {
        case .success(let applied):
            #expect(applied.rating.name == rating && applied.guessed == guessed)
        case .failure(let refusal):
            #expect(rating == nil, "refused: \(refusal)")
        }
        #expect(RatingChoice(word: "maybe") == nil)
    }

    @Test("the answer keeps its shown letters and automatic rating; a rating typed after recomputes the card from the one before")
    func ratingRecomputesFromThePreviousCard() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            let (recorder, shown) = try recorder(store)
            // An earlier review, so that the card before the answer is not new.
            try recorder.record(shown[0], chosenDisplay: [1], correct: true, seconds: 8, retried: false, position: 0, at: Self.t0)
            let before = try #require(try store.card(questionID: "a"))
            let later = Self.t0.addingTimeInterval(3 * 86_400)
            try recorder.record(shown[0], chosenDisplay: [1], correct: true, seconds: 8, retried: false, position: 0, at: later)
            let automatic = try #require(try store.answers(questionID: "a").last)
            #expect(automatic.shown == "B" && automatic.rating == "good" && !automatic.guessed)

            let rated = try recorder.rate(.rating(.easy))
            let scheduler = FSRSScheduler()
            let expected = scheduler.review(FSRSCard(record: before), rating: .easy, at: later)
            let card = try #require(try store.card(questionID: "a"))
            #expect(rated.rating == .easy)
            #expect(abs(card.due.timeIntervalSince(expected.due)) < 0.01 && card.state == expected.state.rawValue)
            #expect(abs((card.stability ?? 0) - (expected.stability ?? -1)) < 1e-9)
            #expect(card.reps == before.reps + 1, "a re-rating replaces the review, it does not add one")
            let row = try #require(try store.answers(questionID: "a").last)
            #expect(row.rating == "easy" && !row.guessed && row.isCorrect)
            #expect(try store.answerCount() == 2)

            // Then a guess: again, from the same card before the answer; the answer stays right.
            try recorder.rate(.guess)
            let guessedCard = try #require(try store.card(questionID: "a"))
            let again = scheduler.review(FSRSCard(record: before), rating: .again, at: later)
            #expect(abs(guessedCard.due.timeIntervalSince(again.due)) < 0.01)
            #expect(guessedCard.lapses == before.lapses + (FSRSCard(record: before).state == .review ? 1 : 0))
            let guessRow = try #require(try store.answers(questionID: "a").last)
            #expect(guessRow.rating == "again" && guessRow.guessed && guessRow.isCorrect)
        }
    }

    @Test("a wrong answer cannot be raised: nothing changes in the store")
    func wrongCannotBeRaised() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            let (recorder, shown) = try recorder(store)
            try recorder.record(shown[1], chosenDisplay: [0, 2], correct: false, seconds: 5, retried: false, isRepeat: false,
                                position: 1, at: Self.t0)
            let card = try store.card(questionID: "b")
            #expect(throws: RatingChoice.Refusal.self) { try recorder.rate(.rating(.good)) }
            #expect(throws: RatingChoice.Refusal.self) { try recorder.rate(.guess) }
            #expect(try store.card(questionID: "b") == card)
            let row = try #require(try store.answers(questionID: "b").first)
            #expect(row.rating == "again" && row.shown == "A,C" && !row.guessed)
        }
    }

    @Test("a repeat answer is recorded as a retry; with nothing recorded there is nothing to rate")
    func repeatIsRetry() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            let (recorder, shown) = try recorder(store)
            #expect(throws: RatingChoice.Refusal.self) { try recorder.rate(.rating(.easy)) }
            try recorder.record(shown[2], chosenDisplay: [0], correct: false, seconds: 5, retried: false, position: 2, at: Self.t0)
            try recorder.record(shown[2], chosenDisplay: [1], correct: true, seconds: 5, retried: false, isRepeat: true,
                                position: 2, at: Self.t0.addingTimeInterval(300))
            #expect(try store.answers(questionID: "c").map(\.isRetry) == [false, true])
        }
    }

    @Test("new questions per day: those first answered since the start of the day, the limit kept in the store")
    func newPerDay() throws {
        try withTemporaryHome { home in
            let store = try StudyFixture.store(in: home)
            let (recorder, shown) = try recorder(store)
            let dayStart = Self.t0.addingTimeInterval(86_400)
            // a: first seen the day before (not new today, even when answered again today); b and c: today.
            try recorder.record(shown[0], chosenDisplay: [1], correct: true, seconds: 5, retried: false, position: 0, at: Self.t0)
            for (i, q) in shown.enumerated() {
                try recorder.record(q, chosenDisplay: [1], correct: true, seconds: 5, retried: false, position: i,
                                    at: dayStart.addingTimeInterval(3_600 + Double(i)))
            }
            #expect(try store.questionsFirstAnswered(since: dayStart) == 2)
            #expect(try store.newPerDay() == nil)
            try store.setNewPerDay(7)
            #expect(try store.newPerDay() == 7)
            try store.setNewPerDay(0)
            #expect(try store.newPerDay() == 0)
        }
    }

    @Test("practice order: due first, then new up to the limit, then the rest by retention")
    func selectionLimit() {
        let now = Self.t0
        let bank = Bank(questions: (0..<6).map { StudyFixture.question("q\($0)") })
        let due = FSRSCard(state: .review, step: nil, stability: 3, difficulty: 5, due: now.addingTimeInterval(-3600),
                           lastReview: now.addingTimeInterval(-4 * 86_400))
        let ahead = FSRSCard(state: .review, step: nil, stability: 30, difficulty: 5, due: now.addingTimeInterval(20 * 86_400),
                             lastReview: now.addingTimeInterval(-86_400))
        let cards = ["q0": due, "q1": ahead]
        var random = SeededRandom(seed: 3)
        let picked = QuestionSelector.selectForPractice(from: bank, filter: QuizFilter(count: 10), cards: cards, now: now,
                                                        newLimit: 2, random: &random).questions.map(\.id)
        #expect(picked.count == 4 && picked.first == "q0" && picked.last == "q1")
        #expect(Set(picked.dropFirst().dropLast()).isSubset(of: ["q2", "q3", "q4", "q5"]))
        var none = SeededRandom(seed: 3)
        #expect(QuestionSelector.selectForPractice(from: bank, filter: QuizFilter(count: 10), cards: cards, now: now, newLimit: 0,
                                                   random: &none).questions.map(\.id) == ["q0", "q1"])
        let outlook = PracticeOutlook(bank: bank, filter: QuizFilter(), cards: cards, newPerDay: 5, introducedToday: 4, now: now,
                                      localTime: .utc)
        #expect(outlook == PracticeOutlook(dueToday: 1, unseen: 4, newPerDay: 5, introducedToday: 4))
        #expect(outlook.line == "1 due today, 1 new of 4 unseen (new per day: 5)")
    }
}
