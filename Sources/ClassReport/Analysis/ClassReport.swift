// What `iamquiz class report` computes from many learners' results files: item analysis in the sense of
// Moodle's quiz statistics (facility, discrimination, distractors), flags an instructor can act on, class
// mastery per topic, and a line per learner. Values only: ``ClassAnalysis/report(_:bank:minimumLearners:)``
// fills them, the command renders them as text, CSV or JSON (these types are the JSON).
//
// Every list is in a fixed order, so that the same files give the same report, byte for byte.

/// The class report: items (questions at one version), topics, learners and what was dropped or combined.
public struct ClassReport: Codable, Sendable, Equatable {
    /// One entry per question id and content hash, the items to fix first (see ``ItemReport`` for the order).
    public var items: [ItemReport]
    /// Class mastery per topic, by topic name.
    public var topics: [TopicMastery]
    /// One entry per learner name, by name.
    public var learners: [LearnerSummary]
    /// Everything dropped, combined or left out of some figure, with counts; nothing is dropped silently.
    public var notes: [ReportNote]
    /// Whether the instructor gave the bank (`--bank`): only then can an item be told current or older.
    public var bankGiven: Bool
    /// The learners an item needs before its facility, discrimination and distractors are judged
    /// (``ClassAnalysis/minimumLearners`` unless the caller chose another).
    public var minimumLearners: Int
    /// Files read, answers counted (after duplicates were removed) and answers to bank questions analysed.
    public var totals: ReportTotals

    public init(items: [ItemReport], topics: [TopicMastery], learners: [LearnerSummary], notes: [ReportNote],
                bankGiven: Bool, minimumLearners: Int, totals: ReportTotals) {
        self.items = items
        self.topics = topics
        self.learners = learners
        self.notes = notes
        self.bankGiven = bankGiven
        self.minimumLearners = minimumLearners
        self.totals = totals
    }

    /// The items with at least one flag that asks for a change to the question (``FlagKind/asksForFix``):
    /// the first entries of ``items``.
    public var itemsToFix: [ItemReport] { items.filter(\.needsFix) }
}

/// How much the report is made of, for its heading.
public struct ReportTotals: Codable, Sendable, Equatable {
    /// Results files handed in.
    public var files: Int
    /// Answer lines read, duplicates included.
    public var answersRead: Int
    /// Answers counted once each (duplicates across files removed).
    public var answers: Int
    /// Of ``answers``, those that make up the items (drills left out, see the notes).
    public var analysedAnswers: Int

    public init(files: Int, answersRead: Int, answers: Int, analysedAnswers: Int) {
        self.files = files
        self.answersRead = answersRead
        self.answers = answers
        self.analysedAnswers = analysedAnswers
    }
}

/// Whether an item is the question as the bank has it now.
public enum ItemVersion: String, Codable, Sendable, Equatable, CaseIterable {
    /// The bank was given and the item's hash is the bank question's.
    case current
    /// The bank was given, holds the question, and its hash is another one: the item is an older (or other) version.
    case older
    /// The bank was given and holds no question with this id.
    case notInBank
    /// No bank was given: the results alone cannot tell which version is current.
    case unknown
}

/// The analysis of one item: a question at one version (id and content hash).
///
/// Answers to different versions of a question are never pooled: another stem, option or key makes other
/// figures. Scores are those of each learner's *first attempt* at the item (the earliest `answeredAt`, then
/// the earlier file and line), as Moodle's statistics use the first attempt by default: later attempts are
/// taken after feedback and do not measure the same thing. A learner who did not answer the item is left
/// out of all its figures (never counted wrong).
///
/// ``ClassReport/items`` lists the items to fix first (``needsFix``), then the other flagged items, then the
/// items without flags; within each group by the most serious flag (``FlagKind`` order), then by question id
/// and hash.
public struct ItemReport: Codable, Sendable, Equatable {
    /// The question's id in its bank.
    public var question: String
    /// The ``ContentHash`` of the version answered.
    public var hash: String
    /// The level, from the bank when it holds this version, else from the answer lines; nil when neither says.
    public var level: String?
    /// The topics, from the bank when it holds this version, else from the answer lines; nil when neither says.
    public var topics: [String]?
    /// Whether this is the bank's current version.
    public var version: ItemVersion
    /// How many learners answered the item (at least once).
    public var learners: Int
    /// How many answers it got in all, retries included.
    public var attempts: Int
    /// How many learners were right at their first attempt.
    public var rightAtFirst: Int
    /// Moodle's facility index: the share of learners right at their first attempt (0 to 1).
    public var facility: Double
    /// Moodle's discrimination index, -1 to 1: the Pearson correlation, over the learners who answered the
    /// item and at least one other, between their first-attempt score on the item (1 right, 0 wrong; a
    /// multiple-answer question scores as it was graded, all or nothing) and their share right at first attempt
    /// on the other items of the report they answered (other versions of the same question excluded).
    ///
    /// Nil, never 0, when it is undefined: fewer than 3 such learners, or either score the same for all
    /// of them (all right or all wrong on the item, or the same rest share for everyone), where a correlation
    /// divides by zero. A nil index raises no discrimination flag.
    public var discrimination: Double?
    /// How many learners the discrimination index is computed over (answered this item and another).
    public var discriminationLearners: Int
    /// Each option the bank or the answers know of, in bank letter order.
    public var options: [OptionReport]
    /// The median of the first attempts' seconds: the time a learner meeting the question needs (later
    /// attempts are faster as the question is known).
    public var medianSeconds: Double
    /// What to look at, most serious first.
    public var flags: [ItemFlag]

    public init(question: String, hash: String, level: String?, topics: [String]?, version: ItemVersion, learners: Int,
                attempts: Int, rightAtFirst: Int, facility: Double, discrimination: Double?, discriminationLearners: Int,
                options: [OptionReport], medianSeconds: Double, flags: [ItemFlag]) {
        self.question = question
        self.hash = hash
        self.level = level
        self.topics = topics
        self.version = version
        self.learners = learners
        self.attempts = attempts
        self.rightAtFirst = rightAtFirst
        self.facility = facility
        self.discrimination = discrimination
        self.discriminationLearners = discriminationLearners
        self.options = options
        self.medianSeconds = medianSeconds
        self.flags = flags
    }

    /// Whether a flag asks for a change to the question as the bank has it: a flag of ``FlagKind/asksForFix`` on
    /// an item that is not an older version nor absent from the bank (those flags are still listed, but the
    /// question they speak of has changed or gone since).
    public var needsFix: Bool {
        version != .older && version != .notInBank && flags.contains { $0.kind.asksForFix }
    }
}

/// How often one option of an item was chosen.
public struct OptionReport: Codable, Sendable, Equatable {
    /// The option's bank letter (`A`, `B`...), the bank's order, not the shuffled display.
    public var letter: String
    /// The option's text: from the bank when it holds this version, else as a learner's answer line gave it;
    /// nil when no one who chose it had the text.
    public var text: String?
    /// Whether the option is in the key; nil when neither the bank nor the answers give the key.
    public var isKey: Bool?
    /// How many learners chose it at their first attempt (a multiple-answer question counts each chosen option).
    public var chosenAtFirst: Int
    /// ``chosenAtFirst`` over the item's learners (0 to 1). On a multiple-answer question the shares add up to
    /// more than 1, as each learner chooses several options.
    public var share: Double

    public init(letter: String, text: String?, isKey: Bool?, chosenAtFirst: Int, share: Double) {
        self.letter = letter
        self.text = text
        self.isKey = isKey
        self.chosenAtFirst = chosenAtFirst
        self.share = share
    }
}

/// Something about an item an instructor should know, with the reason in words.
public struct ItemFlag: Codable, Sendable, Equatable {
    public var kind: FlagKind
    /// One line an instructor can act on, with the figures (`strong learners miss it (discrimination -0.42): check the key`).
    public var reason: String

    public init(kind: FlagKind, reason: String) {
        self.kind = kind
        self.reason = reason
    }
}

/// The kinds of flag, most serious first: the order of the cases is the order of ``ItemReport/flags`` and of
/// the items to fix.
public enum FlagKind: String, Codable, Sendable, Equatable, CaseIterable, Comparable {
    /// Discrimination at or below ``ClassAnalysis/negativeDiscrimination``: strong learners miss it more than
    /// weak ones, the mark of a wrong key.
    case negativeDiscrimination
    /// A distractor chosen at first attempt by more learners than the key (than the least chosen key option
    /// when there are several): a wrong key or a misleading option.
    case distractorOverKey
    /// Discrimination between the negative band and ``ClassAnalysis/nearZeroDiscrimination``: the item does not
    /// separate strong from weak learners, often an ambiguous stem or option.
    case nearZeroDiscrimination
    /// Facility below ``ClassAnalysis/lowFacility``: almost no one gets it right.
    case lowFacility
    /// Facility above ``ClassAnalysis/highFacility``: almost everyone gets it right.
    case highFacility
    /// The bank was given and holds another version of the question: these answers are reported apart.
    case olderVersion
    /// No bank was given and the results hold several versions of the question.
    case severalVersions
    /// The bank was given and holds no question with this id.
    case notInBank
    /// Fewer learners than ``ClassReport/minimumLearners``: facility, discrimination and distractors are not judged.
    case tooFewLearners

    /// Whether the flag asks for a change to the question; the others are information about the figures.
    public var asksForFix: Bool {
        switch self {
        case .negativeDiscrimination, .distractorOverKey, .nearZeroDiscrimination, .lowFacility, .highFacility: true
        case .olderVersion, .severalVersions, .notInBank, .tooFewLearners: false
        }
    }

    /// The more serious kind first.
    public static func < (a: FlagKind, b: FlagKind) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// Class mastery of one topic.
///
/// ``mastery`` is the mean over learners of each learner's share right at first attempt on the topic's
/// questions they answered: "right at first sight, mean over learners". Each learner weighs the same,
/// however many of the topic's questions they answered. Only current versions count when the bank is given
/// (every version when it is not, as the results cannot tell); items whose topics are unknown are left out.
public struct TopicMastery: Codable, Sendable, Equatable {
    public var topic: String
    /// 0 to 1: see the type's comment.
    public var mastery: Double
    /// Learners who answered at least one of the topic's questions.
    public var learners: Int
    /// The topic's questions that learners answered (question ids: without a bank, versions of one count once).
    public var questions: Int

    public init(topic: String, mastery: Double, learners: Int, questions: Int) {
        self.topic = topic
        self.mastery = mastery
        self.learners = learners
        self.questions = questions
    }
}

/// One learner's figures. A learner is a name: files with the same header name are combined (a note says so
/// when they come from different stores).
public struct LearnerSummary: Codable, Sendable, Equatable {
    /// The name as the header gives it.
    public var name: String
    /// The items (question and version) the learner answered.
    public var questions: Int
    /// All their answers to items, retries included.
    public var attempts: Int
    /// The share of their items they got right at their first attempt (0 to 1); nil when they answered no item.
    public var accuracy: Double?
    /// Readiness per level, by level name, from their most recent header that gives it.
    public var readiness: [LevelReadiness]
    /// The files their answers came from, in the order given.
    public var files: [String]
    /// The progress stores those files come from, sorted.
    public var stores: [String]

    public init(name: String, questions: Int, attempts: Int, accuracy: Double?, readiness: [LevelReadiness],
                files: [String], stores: [String]) {
        self.name = name
        self.questions = questions
        self.attempts = attempts
        self.accuracy = accuracy
        self.readiness = readiness
        self.files = files
        self.stores = stores
    }
}

/// A learner's readiness at one level as their export computed it (the `iamquiz stats` scaled score).
public struct LevelReadiness: Codable, Sendable, Equatable {
    public var level: String
    /// The scaled score, 100 to 1000.
    public var score: Int
    /// When it was computed: the header's `exportedAt`.
    public var asOf: String

    public init(level: String, score: Int, asOf: String) {
        self.level = level
        self.score = score
        self.asOf = asOf
    }
}

/// Something the report dropped, combined or left out of a figure, said once for the whole report.
public struct ReportNote: Codable, Sendable, Equatable {
    public var kind: NoteKind
    /// How many answers (or learners, for ``NoteKind/learnerFromSeveralStores`` and ``NoteKind/storeWithSeveralNames``).
    public var count: Int
    /// The note in words, with what it means for the figures.
    public var message: String

    public init(kind: NoteKind, count: Int, message: String) {
        self.kind = kind
        self.count = count
        self.message = message
    }
}

/// The kinds of note, in the order the report lists them.
public enum NoteKind: String, Codable, Sendable, Equatable, CaseIterable {
    /// The same answer id in two files (or twice in one): counted once.
    case duplicateAnswers
    /// One learner name from two or more progress stores: combined as one learner.
    case learnerFromSeveralStores
    /// One progress store exported under two or more names: kept as different learners.
    case storeWithSeveralNames
    /// Answer lines naming another learner than their file's header: counted for the header's learner.
    case lineLearnerDiffers
    /// Answers to generated drills: left out of items, topics and learners' figures.
    case drillAnswers
    /// Answers whose level and topics are unknown (the learner's bank no longer held that version, and the
    /// given bank does not either): left out of topic mastery.
    case unknownTopics
    /// Answers whose key is unknown: their item cannot say which options are keys, nor compare distractors.
    case unknownKey
    /// Answers whose time cannot be read: ordered after the learner's other answers to the same item.
    case unreadableTime
}
