import TerminalUI

// Columns of the tables the renderers draw (exams, class reports), measured in terminal cells.
extension String {
    /// The text with spaces after it to `width` columns (cut with "…" when longer).
    func padded(to width: Int) -> String {
        let visible = TextWrapper.displayWidth(self)
        if visible > width { return truncated(to: width) }
        return self + String(repeating: " ", count: width - visible)
    }

    /// The text cut with "…" to `width` columns when it is longer; as it is otherwise (no spaces added,
    /// for the last cell of a line).
    func truncated(to width: Int) -> String {
        guard TextWrapper.displayWidth(self) > width else { return self }
        var out = ""
        for character in self {
            if TextWrapper.displayWidth(out + String(character)) > max(0, width - 1) { break }
            out.append(character)
        }
        return out + "…"
    }

    /// The text with spaces before it to `width` columns.
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - TextWrapper.displayWidth(self))) + self
    }
}
