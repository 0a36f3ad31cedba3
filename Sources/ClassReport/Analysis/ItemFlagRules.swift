import Diagnostics
import Foundation

/// The rules that flag an item, each with a reason an instructor can act on.
///
/// Flags that judge the figures (facility, discrimination, distractors) need ``ClassReport/minimumLearners``
/// learners on the item; below that the item says "too few learners to judge" instead. Flags about versions
/// and the bank need no sample.
struct ItemFlagRules {
    var item: ItemFigures
    var facility: Double
    var discrimination: Double?
    var options: [OptionReport]
    var minimumLearners: Int
    /// How many versions of the item's question the results hold.
    var versions: Int

    func flags() -> [ItemFlag] {
        var flags: [ItemFlag] = []
        if item.learners >= minimumLearners {
            if let index = discrimination {
                if index <= ClassAnalysis.negativeDiscrimination {
                    flags.append(ItemFlag(kind: .negativeDiscrimination, reason:
                        "strong learners miss it (discrimination \(Self.decimal(index))): check the key"))
                } else if index < ClassAnalysis.nearZeroDiscrimination {
                    flags.append(ItemFlag(kind: .nearZeroDiscrimination, reason:
                        "it does not separate strong from weak learners (discrimination \(Self.decimal(index))): check the stem and options for ambiguity"))
                }
            }
            if let flag = distractorOverKey() { flags.append(flag) }
            if facility > ClassAnalysis.highFacility {
                flags.append(ItemFlag(kind: .highFacility, reason:
                    "almost everyone gets it right (\(Self.percent(facility)) at first attempt): it tells learners apart little"))
            } else if facility < ClassAnalysis.lowFacility {
                flags.append(ItemFlag(kind: .lowFacility, reason:
                    "almost no one gets it right (\(Self.percent(facility)) at first attempt): check the key, or teach it again"))
            }
        } else {
            flags.append(ItemFlag(kind: .tooFewLearners, reason:
                "too few learners to judge (\(item.learners); facility, discrimination and distractors need \(minimumLearners))"))
        }
        switch item.version {
        case .older:
            flags.append(ItemFlag(kind: .olderVersion, reason:
                "\(counted(item.answers.count, "answer")) to an older version: reported apart"))
        case .notInBank:
            flags.append(ItemFlag(kind: .notInBank, reason: "not in the bank given: removed or renamed since it was answered"))
        case .unknown where versions > 1:
            flags.append(ItemFlag(kind: .severalVersions, reason:
                "\(versions) versions in the results: give --bank to tell the current one"))
        case .current, .unknown:
            break
        }
        return flags.sorted { $0.kind < $1.kind }
    }

    /// The most chosen distractor when it beats the key (the least chosen key option when there are several).
    private func distractorOverKey() -> ItemFlag? {
        let keys = options.filter { $0.isKey == true }
        guard let weakestKey = keys.min(by: { ($0.chosenAtFirst, $1.letter) < ($1.chosenAtFirst, $0.letter) }) else { return nil }
        let distractors = options.filter { $0.isKey == false && $0.chosenAtFirst > weakestKey.chosenAtFirst }
        guard let strongest = distractors.max(by: { ($0.chosenAtFirst, $1.letter) < ($1.chosenAtFirst, $0.letter) }) else { return nil }
        let key = keys.count == 1 ? "the key \(weakestKey.letter)" : "key option \(weakestKey.letter)"
        return ItemFlag(kind: .distractorOverKey, reason:
            "option \(strongest.letter) is chosen more often than \(key) (\(strongest.chosenAtFirst) learners against \(weakestKey.chosenAtFirst)): check the key and option \(strongest.letter)")
    }

    /// `-0.42`, `0.05`.
    static func decimal(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    /// `97%`.
    static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }
}

extension TopicMastery {
    /// Mastery per topic (see ``TopicMastery``): over the items with known topics, current versions only when
    /// the bank is given.
    static func figures(_ items: [ItemFigures], bankGiven: Bool) -> [TopicMastery] {
        var byTopic: [String: (questions: Set<String>, learners: [String: (right: Int, answered: Int)])] = [:]
        for item in items where !bankGiven || item.version == .current {
            for topic in Set(item.topics ?? []) {
                var entry = byTopic[topic] ?? ([], [:])
                entry.questions.insert(item.question)
                for (learner, score) in item.firstScore {
                    var tally = entry.learners[learner] ?? (0, 0)
                    tally.right += score
                    tally.answered += 1
                    entry.learners[learner] = tally
                }
                byTopic[topic] = entry
            }
        }
        return byTopic.keys.sorted().compactMap { topic in
            guard let entry = byTopic[topic], !entry.learners.isEmpty else { return nil }
            // Summed in name order so that the same class gives the same last digit.
            let shares = entry.learners.keys.sorted().compactMap { entry.learners[$0] }.map { Double($0.right) / Double($0.answered) }
            return TopicMastery(topic: topic, mastery: shares.reduce(0, +) / Double(shares.count),
                                learners: shares.count, questions: entry.questions.count)
        }
    }
}
