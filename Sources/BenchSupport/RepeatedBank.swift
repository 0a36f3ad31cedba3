import Foundation

/// A large bank for benchmarks, made by repeating a real one: deterministic, so that every run and every
/// commit times the same bytes.
///
/// The questions of the given bank files (in the order given, each file's in its order) are written again
/// and again until there are `count` of them, in one native-format file. Every copy renames its questions'
/// ids with a `-copyN` suffix (N from 1), so ids stay unique and valid; everything else is kept, the
/// `scenario:` lines included: a user bank's questions name the built-in scenarios, so `iamquiz check`
/// verifies the copies' keys as it verifies the built-in bank's. A file's comment lines before its first
/// question are kept with the file's first question of each copy.
public enum RepeatedBank {
    /// The bank text holding `count` questions made from `files` (bank texts in the native format).
    /// Empty when the files hold no question.
    public static func text(count: Int, from files: [String], withoutScenarios: Bool = false) -> String {
        var out = ""
        write(count: count, from: files, withoutScenarios: withoutScenarios) { out += $0 }
        return out
    }

    /// The same text in pieces, one question at a time, so that a large bank is written without being held
    /// whole in memory.
    /// `withoutScenarios` drops the `scenario:` lines and the options' `verify:` lines, so that `check`
    /// has no keys to verify.
    public static func write(count: Int, from files: [String], withoutScenarios: Bool = false, _ emit: (String) -> Void) {
        let questions = files.flatMap(questionBlocks)
        guard !questions.isEmpty, count > 0 else { return }
        for index in 0..<count {
            let block = questions[index % questions.count]
            var body = block.body
            if withoutScenarios {
                body = body.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.hasPrefix("scenario:") && !$0.hasPrefix("  verify:") }.joined(separator: "\n")
            }
            emit(block.preamble + "## \(block.id)-copy\(index / questions.count + 1)\n" + body)
        }
    }

    /// One question of a file: its id, the text after its `## id` line (up to the next question), and the
    /// file's opening comments when it is the file's first.
    struct Block {
        var preamble: String
        var id: String
        var body: String
    }

    /// The questions of a native-format text: a question starts at a line `## id` (no indentation).
    static func questionBlocks(_ text: String) -> [Block] {
        var blocks: [Block] = []
        var preamble = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                let id = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                blocks.append(Block(preamble: blocks.isEmpty ? preamble : "", id: id, body: ""))
            } else if blocks.isEmpty {
                preamble += line + "\n"
            } else {
                blocks[blocks.count - 1].body += line + "\n"
            }
        }
        // A file without a final newline gets one, so the next question's `##` starts a line.
        if var last = blocks.last, last.body.hasSuffix("\n\n") == false {
            last.body += "\n"
            blocks[blocks.count - 1] = last
        }
        return blocks
    }
}
