/// Suggests the closest of `candidates` to `word`, for "did you mean" help.
///
/// Uses `editDistance` (so a swapped pair of letters is one edit), case-insensitively; returns nil when nothing is within
/// `max(1, word.count / 3)` edits.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    // Suggestions are for typos of names, which are short: a long word gets none (and costs nothing).
    guard word.utf8.count <= 256 else { return nil }
    let w = Array(word.lowercased())
    let limit = max(1, w.count / 3)
    var best: (String, Int)?
    for candidate in candidates {
        let c = Array(candidate.lowercased())
        // The distance is at least the difference in length.
        guard abs(c.count - w.count) <= limit else { continue }
        let d = editDistance(w, c)
        if d <= limit, d < (best?.1 ?? Int.max) {
            best = (candidate, d)
        }
    }
    return best?.0
}

/// The number of single-character insertions, deletions, substitutions and swaps of adjacent
/// characters that turn `a` into `b` (the optimal string alignment distance).
public func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}
