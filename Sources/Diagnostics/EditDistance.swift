/// Suggests the closest of `candidates` to `word`, for "did you mean" help.
///
/// Uses the Levenshtein distance, case-insensitively; returns nil when nothing is within
/// `max(1, word.count / 3)` edits.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    let w = Array(word.lowercased())
    let limit = max(1, w.count / 3)
    var best: (String, Int)?
    for candidate in candidates {
        let d = levenshtein(w, Array(candidate.lowercased()))
        if d <= limit, d < (best?.1 ?? Int.max) {
            best = (candidate, d)
        }
    }
    return best?.0
}

/// The number of single-character insertions, deletions and substitutions that turn `a` into `b`.
public func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
