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
    public static let negativeDiscrimination = -0.10
    /// A discrimination index above the negative band and below this separates too little to be trusted.
    public static let nearZeroDiscrimination = 0.10
    /// Facility above this: almost everyone gets it right.
    public static let highFacility = 0.95
    /// Facility below this: almost no one gets it right.
    public static let lowFacility = 0.20

    /// The class report of `results` (the files as read, in the order given). With `bank` (the instructor's
    /// `--bank`), each item is told current, older or not in the bank. (Not computed yet: output types only.)
    public static func report(_ results: [LearnerResults], bank: [Question]? = nil,
                              minimumLearners: Int = ClassAnalysis.minimumLearners) -> ClassReport {
        ClassReport(items: [], topics: [], learners: [], notes: [], bankGiven: bank != nil, minimumLearners: minimumLearners,
                    totals: ReportTotals(files: results.count, answersRead: 0, answers: 0, analysedAnswers: 0))
    }
}
