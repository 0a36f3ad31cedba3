/// Small charts drawn with text: bars, sparklines and a calendar heatmap. They use block characters
/// only (no colour needed), so they read the same with `NO_COLOR`.
public enum Charts {
    /// A bar of `width` cells filled to `fraction` (0 to 1), with eighth-cell precision.
    public static func bar(_ fraction: Double, width: Int) -> String {
        let width = max(1, width)
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let eighths = Int((clamped * Double(width * 8)).rounded())
        let full = eighths / 8
        let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var out = String(repeating: "█", count: full)
        let rest = eighths % 8
        if rest > 0 { out.append(partials[rest - 1]) }
        out += String(repeating: "░", count: max(0, width - full - (rest > 0 ? 1 : 0)))
        return out
    }

    /// A sparkline: one character per value, scaled between `low` and `high` (default: the values' range).
    public static func sparkline(_ values: [Double], low: Double? = nil, high: Double? = nil) -> String {
        let ticks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let finite = values.filter(\.isFinite)
        guard let minValue = low ?? finite.min(), let maxValue = high ?? finite.max() else { return "" }
        let span = maxValue - minValue
        return String(values.map { v in
            guard v.isFinite else { return " " }
            let level = span <= 0 ? 0.5 : (v - minValue) / span
            return ticks[min(ticks.count - 1, max(0, Int((level * Double(ticks.count - 1)).rounded())))]
        })
    }

    /// A calendar heatmap of the last `weeks` weeks: one row per weekday (Monday first), one column per
    /// week, the shade by the day's count relative to the busiest day. `counts[i]` is the count of the day
    /// `i` days before today (index 0 is today); `weekdayOfToday` is 0 for Monday ... 6 for Sunday.
    public static func calendar(counts: [Int], weekdayOfToday: Int, weeks: Int) -> [String] {
        let shades: [Character] = ["·", "░", "▒", "▓", "█"]
        let busiest = max(1, counts.prefix(weeks * 7).max() ?? 1)
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        var rows: [String] = []
        for weekday in 0..<7 {
            var row = names[weekday] + " "
            for week in 0..<weeks {
                // Days back from today for this cell: the last column is the current week.
                let back = (weeks - 1 - week) * 7 + (weekdayOfToday - weekday)
                if back < 0 {
                    row.append(" ")
                    continue
                }
                let count = back < counts.count ? counts[back] : 0
                let level = count == 0 ? 0 : 1 + min(3, (count * 4 - 1) / busiest)
                row.append(shades[level])
            }
            rows.append(row)
        }
        return rows
    }
}
