import Diagnostics
import Foundation
import QuizBank
import QuizEngine

/// Item analysis of a class's results: the one entry point of the class report's computations.
///
/// Pure: it reads only its arguments, so that it is tested on hand-computed tables and simulated classes.
public enum ClassAnalysis {
    /// Learners an item needs before its facility, discrimination and distractors are judged: below that,
    /// one learner more or less swings a share by 20 points or more, and a flag would mislead.
    public static let minimumLearners = 5
    /// A discrimination index at or below this is negative: strong learners miss the item more than weak ones.
    /// Not 0: with a class of 20 to 40, an item that does not discriminate at all shows small negative values
    /// by chance, which is the near-zero band's case, not a wrong key.
    public static let negativeDiscrimination = -0.10
    /// A discrimination index above the negative band and below this separates strong from weak learners too
    /// little to be trusted (an index under about 0.2 is commonly called weak; 0.10 keeps the flag for items
    /// that barely separate at all).
    public static let nearZeroDiscrimination = 0.10
    /// Facility above this: almost everyone gets it right.
    public static let highFacility = 0.95
    /// Facility below this: almost no one gets it right.
    public static let lowFacility = 0.20

    /// The class report of `results` (the files as read, in the order given). With `bank` (the instructor's
    /// `--bank`), each item is told current, older or not in the bank, and takes its level, topics, key and
    /// option texts from the bank when the bank holds that version.
    public static func report(_ results: [LearnerResults], bank: [Question]? = nil,
                              minimumLearners: Int = ClassAnalysis.minimumLearners) -> ClassReport {
        let bankIndex = bank.map(BankIndex.init)
        let gathered = GatheredAnswers(results, bank: bankIndex)
        let items = gathered.items.map { ItemFigures($0, bank: bankIndex) }
        let rest = RestScores(items)
        var reports = items.map { item in
            item.report(discrimination: rest.discrimination(of: item), minimumLearners: minimumLearners,
                        versions: gathered.versionCount[item.question] ?? 1, bankGiven: bankIndex != nil)
        }
        reports.sort(by: ClassAnalysis.fixFirst)

        var notes = gathered.notes
        let unknownTopics = items.filter { $0.topics == nil }.reduce(0) { $0 + $1.answers.count }
        if unknownTopics > 0 {
            notes.append(ReportNote(kind: .unknownTopics, count: unknownTopics, message:
                "\(counted(unknownTopics, "answer")) to questions whose level and topics are unknown (the learner's bank no longer held that version\(bankIndex == nil ? "" : ", nor does the bank given")): left out of topic mastery"))
        }
        let unknownKey = items.filter { $0.keyLetters == nil }.reduce(0) { $0 + $1.answers.count }
        if unknownKey > 0 {
            notes.append(ReportNote(kind: .unknownKey, count: unknownKey, message:
                "\(counted(unknownKey, "answer")) to questions whose key is unknown: their options are not told key or distractor, and no distractor is compared with the key"))
        }
        notes.sort { (NoteKind.allCases.firstIndex(of: $0.kind) ?? 0) < (NoteKind.allCases.firstIndex(of: $1.kind) ?? 0) }

        return ClassReport(
            items: reports,
            topics: TopicMastery.figures(items, bankGiven: bankIndex != nil),
            learners: gathered.learnerSummaries(items),
            notes: notes, bankGiven: bankIndex != nil, minimumLearners: minimumLearners,
            totals: ReportTotals(files: results.count, answersRead: gathered.answersRead, answers: gathered.answersCounted,
                                 analysedAnswers: items.reduce(0) { $0 + $1.answers.count }))
    }

    /// Items to fix first, then the other flagged items, then the rest; within each, by the most serious flag,
    /// then the lower discrimination, then by question id and hash.
    static func fixFirst(_ a: ItemReport, _ b: ItemReport) -> Bool {
        func key(_ item: ItemReport) -> (Int, Int) {
            let rank = item.flags.map(\.kind).min().flatMap { FlagKind.allCases.firstIndex(of: $0) } ?? FlagKind.allCases.count
            return (item.needsFix ? 0 : item.flags.isEmpty ? 2 : 1, rank)
        }
        // Within a kind, the lower discrimination first: of two items flagged negative, the one strong learners
        // miss more is likelier the wrong key (an undefined index after every defined one).
        let (x, y) = (key(a), key(b))
        let (p, q) = (a.discrimination ?? .infinity, b.discrimination ?? .infinity)
        return (x.0, x.1, p, a.question, a.hash) < (y.0, y.1, q, b.question, b.hash)
    }
}

/// The instructor's bank by question id, with each question's current hash.
struct BankIndex {
    var questions: [String: (question: Question, hash: String)] = [:]

    init(_ bank: [Question]) {
        for question in bank where questions[question.id] == nil {
            questions[question.id] = (question, ContentHash.of(question))
        }
    }
}
