import Diagnostics

/// Makes untrusted text safe to print: removes everything that could drive the terminal.
///
/// ``clean(_:)`` removes
/// - ESC (U+001B) together with the whole sequence it starts: CSI (`ESC [` parameters,
///   intermediates, final byte), OSC (`ESC ]` up to BEL or ST), DCS / SOS / PM / APC strings
///   (`ESC P`, `ESC X`, `ESC ^`, `ESC _` up to ST), and the two-character and
///   intermediate-byte escape sequences (`ESC 7`, `ESC ( B`, `ESC # 8`, ...);
/// - the 8-bit C1 controls U+0080–U+009F, where CSI (U+009B), OSC (U+009D), DCS (U+0090),
///   SOS (U+0098), PM (U+009E) and APC (U+009F) also take their parameters or payload along;
/// - every other C0 control except line feed, DEL (U+007F), and carriage return;
/// - the bidirectional formatting characters (embeddings, overrides, isolates and marks), which can
///   make text display in an order other than the stored one.
///
/// Which characters count is defined once, in ``Diagnostics/ControlCharacters``.
///
/// A line feed is kept. A horizontal tab becomes a single space, so that display widths stay
/// predictable. ST is `ESC \` or U+009C. A sequence still open at the end of the input is
/// dropped up to the end. A control character inside a CSI or escape sequence ends the
/// sequence and is then handled as in plain text (so a line feed survives). Everything
/// else, including emoji, CJK text and combining marks, is kept unchanged.
///
/// The work is a single pass over the Unicode scalars: linear time, no failure on any input.
public enum TextSanitizer {
    /// `text` with every control character shown as a visible escape (`\u{1B}`), for messages that
    /// quote what was typed: the reader sees exactly what was there, and the terminal receives nothing
    /// it would act on.
    public static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\t" || ControlCharacters.isUnsafe(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Returns `text` without escape sequences and control characters (see ``TextSanitizer``).
    public static func clean(_ text: String) -> String {
        let scalars = text.unicodeScalars
        // Fast path: most text has nothing to remove.
        guard scalars.contains(where: needsAttention) else { return text }

        var output = String.UnicodeScalarView()
        var state = State.text
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let value = scalar.value
            var consumed = true
            switch state {
            case .text:
                state = textTransition(scalar, into: &output)

            case .escape:
                switch value {
                case 0x5B: state = .controlSequence                       // ESC [  CSI
                case 0x5D: state = .string(bellEnds: true)                // ESC ]  OSC
                case 0x50, 0x58, 0x5E, 0x5F: state = .string(bellEnds: false) // DCS SOS PM APC
                case 0x4E, 0x4F: state = .singleShift                     // ESC N, ESC O
                case 0x1B: state = .escape                                // ESC ESC: restart
                case 0x20...0x2F: state = .escapeIntermediate
                case 0x30...0x7E: state = .text                           // two-character sequence
                default:                                                  // aborted
                    state = .text
                    consumed = false
                }

            case .escapeIntermediate:
                switch value {
                case 0x20...0x2F: break
                case 0x30...0x7E: state = .text
                case 0x1B: state = .escape
                default:
                    state = .text
                    consumed = false
                }

            case .singleShift:
                // SS2/SS3 apply to the next character only; drop it with the sequence.
                switch value {
                case 0x20...0x7E: state = .text
                default:
                    state = .text
                    consumed = false
                }

            case .controlSequence:
                switch value {
                case 0x20...0x3F: break                     // parameter and intermediate bytes
                case 0x40...0x7E: state = .text             // final byte
                case 0x1B: state = .escape
                default:
                    state = .text
                    consumed = false
                }

            case .string(let bellEnds):
                switch value {
                case 0x1B: state = .stringEscape
                case 0x9C: state = .text                              // 8-bit ST
                case 0x07 where bellEnds: state = .text
                default: break                                        // payload
                }

            case .stringEscape:
                if value == 0x5C {                                    // ESC \  ST
                    state = .text
                } else {
                    // Any other ESC ends the string and starts a new escape sequence.
                    state = .escape
                    consumed = false
                }
            }
            if consumed {
                scalars.formIndex(after: &index)
            }
        }
        return String(output)
    }

    private enum State {
        case text
        case escape
        case escapeIntermediate
        case singleShift
        case controlSequence
        case string(bellEnds: Bool)
        case stringEscape
    }

    /// Handles one scalar of plain text: appends it, replaces it, or starts a sequence.
    private static func textTransition(
        _ scalar: Unicode.Scalar, into output: inout String.UnicodeScalarView
    ) -> State {
        switch scalar.value {
        case 0x0A:
            output.append(scalar)
        case 0x09:
            output.append(" ")
        case 0x1B:
            return .escape
        case 0x9B:
            return .controlSequence
        case 0x9D:
            return .string(bellEnds: true)
        case 0x90, 0x98, 0x9E, 0x9F:
            return .string(bellEnds: false)
        default:
            if !ControlCharacters.isUnsafe(scalar) { output.append(scalar) }
        }
        return .text
    }

    /// Whether `scalar` is removed or changed by ``clean(_:)`` (or starts a sequence).
    private static func needsAttention(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || ControlCharacters.isUnsafe(scalar)
    }
}
