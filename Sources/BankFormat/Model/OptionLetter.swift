/// Option letters, for every format: `A` names the first option … `Z` the 26th. The bank's `answer:`, GIFT's
/// `// iamquiz: option B note:`, Aiken's `ANSWER: B`, blog answer keys and every message about an option
/// name options so.
public enum OptionLetter {
    /// The letter of the option at `index`: `A` … `Z`, and `#27`, `#28`… past `Z` (for messages about
    /// options that cannot be lettered).
    public static func letter(_ index: Int) -> String {
        guard index >= 0, index < 26, let scalar = Unicode.Scalar(65 + index) else { return "#\(index + 1)" }
        return String(Character(scalar))
    }

    /// The index a capital letter names: 0 for `A` … 25 for `Z`; nil for anything else (lowercase too).
    public static func index(_ scalar: Unicode.Scalar) -> Int? {
        ("A"..."Z").contains(scalar) ? Int(scalar.value) - 65 : nil
    }

    /// The index a character that is one capital letter names; nil for anything else.
    public static func index(_ character: Character) -> Int? {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return nil }
        return index(scalar)
    }
}
