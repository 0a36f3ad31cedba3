import Foundation

/// One figure of the benchmark with the target for it (issue 16), before (a baseline build, when
/// there is one) and now.
struct Figure {
    /// Which way the target goes: a throughput at least, a time or a memory size at most.
    enum Bound { case atLeast, atMost }

    var name: String
    var unit: String
    var now: Double
    var before: Double?
    /// The target, when the issue sets one for this figure.
    var target: (bound: Bound, value: Double)?
    /// How the target is made, when it is not a plain number (the memory limits).
    var targetNote: String?
    /// Runs that failed (a missing first question, a crash): such a figure does not mean what it says.
    var failures = 0

    var met: Bool? {
        guard let target else { return nil }
        guard failures == 0 else { return false }
        return target.bound == .atLeast ? now >= target.value : now <= target.value
    }

    func number(_ value: Double) -> String {
        let digits = value >= 100 ? 0 : 1
        return String(format: "%.\(digits)f \(unit)", value)
    }

    var targetText: String {
        guard let target else { return "" }
        return (target.bound == .atLeast ? ">= " : "<= ") + number(target.value) + (targetNote.map { " (\($0))" } ?? "")
    }

    var json: [String: Any] {
        var out: [String: Any] = ["name": name, "unit": unit, "now": rounded(now)]
        if let before { out["before"] = rounded(before) }
        if let target {
            out["target"] = [target.bound == .atLeast ? "at_least" : "at_most": rounded(target.value)]
            out["met"] = met ?? false
        }
        if failures > 0 { out["failed_runs"] = failures }
        return out
    }

    private func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}

/// The table `bank-bench` prints: one line per figure, with its target and whether it is met.
func table(_ figures: [Figure]) -> String {
    let hasBefore = figures.contains { $0.before != nil }
    var rows = [["figure"] + (hasBefore ? ["before"] : []) + ["now", "target", ""]]
    for figure in figures {
        var row = [figure.name]
        if hasBefore { row.append(figure.before.map(figure.number) ?? "-") }
        row.append(figure.number(figure.now) + (figure.failures > 0 ? " (\(figure.failures) runs failed)" : ""))
        row.append(figure.targetText)
        row.append(figure.met.map { $0 ? "met" : "NOT MET" } ?? "")
        rows.append(row)
    }
    let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { column, cell in
            // The name column is aligned left, the figures right.
            column == 0 || column >= row.count - 2
                ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[column] - cell.count) + cell
        }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }.joined(separator: "\n")
}

/// "5,000", as the issue writes counts.
func grouped(_ count: Int) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.groupingSeparator = ","
    formatter.usesGroupingSeparator = true
    return formatter.string(from: NSNumber(value: count)) ?? String(count)
}

/// Bytes in MB (10^6 bytes), as the figures quote sizes and memory.
func megabytes(_ bytes: Int) -> Double { Double(bytes) / 1_000_000 }
