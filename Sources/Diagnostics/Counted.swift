/// "1 question", "3 questions": a count with its noun in the right number, for every message.
///
/// `plural` is needed only where adding "s" is wrong ("1 entry", "2 entries").
public func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) " + (count == 1 ? noun : plural ?? noun + "s")
}

/// A share as a whole percentage, rounded half up: 6 of 7 is 86, 7 of 8 is 88. Every figure a learner or
/// an instructor reads as a percentage goes through here, so that two screens never round one way each.
public func percentage(_ share: Double) -> Int {
    guard share.isFinite else { return 0 }
    return Int((share * 100).rounded(.toNearestOrAwayFromZero))
}

/// `part` of `whole` as a whole percentage (0 when `whole` is 0), rounded as `percentage(_:)` rounds.
public func percentage(_ part: Int, of whole: Int) -> Int {
    whole == 0 ? 0 : percentage(Double(part) / Double(whole))
}
