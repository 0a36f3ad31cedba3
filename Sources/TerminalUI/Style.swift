/// Wraps text in ANSI SGR sequences when enabled, and leaves it unchanged otherwise.
///
/// Each style closes only what it opened (bold and dim end with SGR 22, colours with SGR 39),
/// so a coloured word inside a bold sentence keeps the sentence bold. Dim inside bold (or the
/// reverse) ends both at the inner end, because SGR 22 resets both.
public struct Style: Sendable {
    /// Whether the styles produce escape sequences.
    public let enabled: Bool

    /// Creates a style that writes escape sequences only when `enabled` is true.
    public init(enabled: Bool) {
        self.enabled = enabled
    }

    /// A style enabled when ``TerminalInfo/colorEnabled(fd:environment:)`` says so.
    public static func automatic(fd: Int32 = 1) -> Style {
        Style(enabled: TerminalInfo.colorEnabled(fd: fd))
    }

    /// Bold text (SGR 1).
    public func bold(_ text: String) -> String { apply("1", "22", text) }
    /// Dim text (SGR 2).
    public func dim(_ text: String) -> String { apply("2", "22", text) }
    /// Green text (SGR 32).
    public func green(_ text: String) -> String { apply("32", "39", text) }
    /// Red text (SGR 31).
    public func red(_ text: String) -> String { apply("31", "39", text) }
    /// Yellow text (SGR 33).
    public func yellow(_ text: String) -> String { apply("33", "39", text) }
    /// Cyan text (SGR 36).
    public func cyan(_ text: String) -> String { apply("36", "39", text) }

    private func apply(_ open: String, _ close: String, _ text: String) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[\(open)m\(text)\u{1B}[\(close)m"
    }
}
