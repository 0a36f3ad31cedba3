import Foundation
import QuizEngine
import TerminalUI

extension Stats {
    /// Prints `stats --forecast`: a bar a day for the next 30 days, or the same numbers as JSON.
    func showForecast(_ forecast: DueForecast) throws {
        switch format {
        case .json:
            try printJSON(forecast)
        case .text:
            Console.writeLines(Self.renderForecast(forecast, style: Style(enabled: TerminalInfo.colorEnabled(fd: 1)),
                                              width: TerminalInfo.width(fd: 1)))
        }
    }

    /// The forecast as text: a title with the total, then one line a day, `  Mon 12-07  ████░░░░  12`, the bars
    /// scaled to the busiest day and as wide as the terminal allows (8 to 30 cells).
    static func renderForecast(_ forecast: DueForecast, style: Style, width: Int) -> String {
        var out = style.bold("Due in the next \(forecast.days.count) days") + " (today includes overdue questions): "
            + "\(forecast.total) in all\n"
        let busiest = max(1, forecast.days.map(\.due).max() ?? 0)
        let barWidth = max(8, min(30, width - 26))
        let countWidth = String(busiest).count
        for (offset, day) in forecast.days.enumerated() {
            let label = offset == 0 ? "today    " : weekdayAndDay(day.date)
            let count = String(repeating: " ", count: max(0, countWidth - String(day.due).count)) + String(day.due)
            let line = "  \(label)  \(Charts.bar(Double(day.due) / Double(busiest), width: barWidth))  \(count)"
            out += (day.due == 0 ? style.dim(line) : line) + "\n"
        }
        return out
    }

    /// `Mon 12-07` for `2026-12-07` (English weekday names, whatever the locale, like the rest of iamquiz).
    private static func weekdayAndDay(_ key: String) -> String {
        let parts = key.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))
        else { return key }
        let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        return names[(calendar.component(.weekday, from: date) - 1) % 7] + " " + String(key.suffix(5))
    }
}
