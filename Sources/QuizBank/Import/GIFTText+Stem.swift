extension GIFTText {
    /// A question text made like a native stem (`Question.stem`): as `text`, except that a line starting with
    /// `• ` (at the start, or after a line break, escaped or raw) is an item of a list; two or more escaped
    /// line breaks between items start another list. This is how `GIFTExporter` writes a stem's lists.
    static func stemText(_ chars: ArraySlice<GIFTChar>) -> String {
        var lines: [ArraySlice<GIFTChar>] = []
        var start = chars.startIndex
        for i in chars.indices where chars[i].isNewline {
            lines.append(chars[start..<i])
            start = i + 1
        }
        lines.append(chars[start...])
        func item(_ line: ArraySlice<GIFTChar>) -> ArraySlice<GIFTChar>? {
            let trimmed = trimmed(line)
            guard let first = trimmed.first, first.scalar == "•", trimmed.dropFirst().first?.isSpace == true else { return nil }
            return trimmed.dropFirst()
        }
        guard lines.contains(where: { item($0) != nil }) else { return text(chars) }
        var blocks: [StemBlock] = []
        var textRun: Range<Int>?
        var previousItemEnd: Int?
        for line in lines {
            guard let itemText = item(line) else {
                if !trimmed(line).isEmpty { textRun = (textRun?.lowerBound ?? line.startIndex)..<line.endIndex }
                continue
            }
            if let run = textRun {
                blocks += StemBlock.blocks(of: text(chars[run]))
                textRun = nil
            }
            let between = previousItemEnd.map { chars[$0..<line.startIndex].filter { $0.isNewline && $0.escaped }.count } ?? 2
            if case .list(var items)? = blocks.last, between < 2 {
                items.append(text(itemText))
                blocks[blocks.count - 1] = .list(items)
            } else {
                blocks.append(.list([text(itemText)]))
            }
            previousItemEnd = line.endIndex
        }
        if let run = textRun { blocks += StemBlock.blocks(of: text(chars[run])) }
        return StemBlock.text(of: blocks)
    }
}
