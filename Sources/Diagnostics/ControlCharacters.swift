/// The one definition of the characters that untrusted text (banks, policies, paths, typed values) must
/// never carry to a terminal or into a file iamquiz writes.
///
/// - the C0 controls U+0000–U+001F other than tab and line feed (ESC starts escape sequences that can
///   clear the screen, move the cursor or write the clipboard; BEL rings; CR and BS overwrite text);
/// - DEL (U+007F) and the C1 controls U+0080–U+009F (CSI, OSC and DCS in their 8-bit form);
/// - the bidirectional embeddings and overrides U+202A–U+202E and isolates U+2066–U+2069, which can
///   make text display in another order than the one stored (the "Trojan Source" problem). The marks
///   U+200E, U+200F and U+061C are kept: they only give a neutral character a direction, and right-to-left
///   text needs them.
public enum ControlCharacters {
    /// Whether `scalar` is one of the characters above. Tab and line feed are not: they are layout.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

}
