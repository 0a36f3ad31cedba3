import BankFormat
import Diagnostics
import Foundation

/// Finds where a word or a piece of text stands in the source, so that a warning marks it exactly.
///
/// It reads a file's lines only when a warning in that file needs them, once (most questions have none), and
/// may be asked from several threads at once.
final class SourcePlaces: @unchecked Sendable {
    private let sources: SourceTexts
    /// The header lines of each file's questions, in order: a question's lines end before the next one's.
    private let starts: [String: [Int]]
    private let lock = NSLock()
    /// The UTF-8 offset where each line of a file starts (guarded by `lock`).
    private var lineStarts: [String: [Int]] = [:]

    init(sources: SourceTexts, questions: [Question]) {
        var starts: [String: [Int]] = [:]
        for question in questions {
            if let line = question.position.location?.line { starts[question.position.file, default: []].append(line) }
        }
        self.sources = sources
        self.starts = starts.mapValues { $0.sorted() }
    }

    /// The first character of an option's text (after `- `).
    func optionText(_ option: AnswerOption) -> SourcePosition {
        guard let at = option.position.location else { return option.position }
        if let line = line(option.position.file, at.line), line.hasPrefix("- ") { return position(option.position.file, at.line, 3) }
        return option.position
    }

    /// A topic in the question's `topics:` line.
    func topic(_ topic: String, of question: Question) -> SourcePosition {
        let file = question.position.file
        for number in questionLines(question) {
            guard let text = line(file, number), text.hasPrefix("topics:") else { continue }
            if let column = column(of: topic, in: text, wholeWord: true) { return position(file, number, column) }
        }
        return question.position
    }

    /// A word (as `Words` normalises it) in an option's text, from its line to the next option.
    func word(_ word: String, in option: AnswerOption) -> SourcePosition? {
        let file = option.position.file
        guard let first = option.position.location?.line else { return nil }
        var number = first
        while let text = line(file, number) {
            if number > first, text.hasPrefix("- ") || !text.hasPrefix(" ") { break }
            if let column = column(of: word, in: text, wholeWord: false) { return position(file, number, column) }
            number += 1
        }
        return nil
    }

    /// The start of the `n`-th (from 0) trailing field `name:` of the question.
    func field(_ name: String, _ n: Int, of question: Question) -> SourcePosition? {
        let file = question.position.file
        var seen = 0
        for number in questionLines(question) {
            guard let text = line(file, number), text.hasPrefix(name + ":") else { continue }
            if seen == n { return position(file, number, 1) }
            seen += 1
        }
        return nil
    }

    /// A piece of text on one line of the question, from `start`'s line on.
    func literal(_ piece: String, from start: SourcePosition, in question: Question) -> SourcePosition? {
        let file = question.position.file
        for number in questionLines(question) where number >= start.location?.line ?? 0 {
            if let text = line(file, number), let column = column(of: piece, in: text, wholeWord: false, caseSensitive: true) {
                return position(file, number, column)
            }
        }
        return nil
    }

    /// The lines of the question: from its header to the next question's header, or to the end of the file.
    private func questionLines(_ question: Question) -> Range<Int> {
        let file = question.position.file
        guard let start = question.position.location?.line, let list = starts[file] else { return 0..<0 }
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] <= start { low = middle + 1 } else { high = middle }
        }
        return start..<(low < list.count ? list[low] : lineStarts(of: file).count + 1)
    }

    /// Line `number` (1-based) of `file`, without its line break (LF or CRLF).
    private func line(_ file: String, _ number: Int) -> Substring? {
        guard let text = sources.text(of: file) else { return nil }
        let all = lineStarts(of: file)
        guard number >= 1, number <= all.count else { return nil }
        let utf8 = text.utf8
        let start = all[number - 1]
        var end = number < all.count ? all[number] - 1 : utf8.count
        if end > start, utf8[utf8.index(utf8.startIndex, offsetBy: end - 1)] == UInt8(ascii: "\r") { end -= 1 }
        return text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
    }

    /// Where the lines of `file` start, found the first time they are needed.
    private func lineStarts(of file: String) -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        if let known = lineStarts[file] { return known }
        var found = [0]
        if let text = sources.text(of: file) {
            var i = 0
            for byte in text.utf8 {
                i += 1
                if byte == UInt8(ascii: "\n") { found.append(i) }
            }
        }
        lineStarts[file] = found
        return found
    }

    private func position(_ file: String, _ line: Int, _ column: Int) -> SourcePosition {
        SourcePosition(file: file, location: SourceLocation(line: line, column: column))
    }

    /// The 1-based column (in Unicode scalars) of `piece` in `text`; case-insensitive unless asked. A
    /// whole word is not preceded or followed by a letter, digit or `-`; otherwise only its start must be
    /// (the piece may be the singular of a plural word).
    private func column(of piece: String, in text: Substring, wholeWord: Bool, caseSensitive: Bool = false) -> Int? {
        let haystack = caseSensitive ? String(text) : text.lowercased()
        let needle = caseSensitive ? piece : piece.lowercased()
        var searchStart = haystack.startIndex
        while let r = haystack.range(of: needle, range: searchStart..<haystack.endIndex) {
            let before = r.lowerBound == haystack.startIndex ? nil : haystack[haystack.index(before: r.lowerBound)]
            let after = r.upperBound == haystack.endIndex ? nil : haystack[r.upperBound]
            let isWordCharacter = { (c: Character?) in c.map { $0.isLetter || $0.isNumber || $0 == "-" } ?? false }
            if !isWordCharacter(before), !wholeWord || !isWordCharacter(after) || caseSensitive {
                return haystack.unicodeScalars.distance(from: haystack.unicodeScalars.startIndex, to: r.lowerBound.samePosition(in: haystack.unicodeScalars) ?? r.lowerBound) + 1
            }
            searchStart = haystack.index(after: r.lowerBound)
        }
        return nil
    }
}
