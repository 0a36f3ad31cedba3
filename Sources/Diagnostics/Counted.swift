/// "1 question", "3 questions": a count with its noun in the right number, for every message.
///
/// `plural` is needed only where adding "s" is wrong ("1 entry", "2 entries").
public func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) " + (count == 1 ? noun : plural ?? noun + "s")
}
