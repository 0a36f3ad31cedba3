#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Facts about the terminal: whether a descriptor is one, its width, whether to use colour.
public struct TerminalInfo: Sendable {
    /// The narrowest width ``width(fd:environment:)`` returns.
    public static let minimumWidth = 20
    /// The widest width ``width(fd:environment:)`` returns.
    public static let maximumWidth = 1000
    /// The width used when neither the terminal nor `$COLUMNS` tells one: output piped to a file or
    /// another program reads as on a standard terminal (scripts have the JSON formats).
    public static let defaultWidth = 80
    /// The widest measure of prose (stems, options, explanations, help texts). Lines much longer than
    /// about 80 characters are hard to read: the eye loses its place going back to the start of the next
    /// line. 100 columns keep the text near that once the hanging indents of options (5 columns) and list
    /// items are taken off. Tables and traces, which are scanned rather than read, use the full width.
    public static let maximumProseWidth = 100

    /// The columns prose is wrapped to on a display `columns` wide: all of them up to
    /// ``maximumProseWidth``, then no more.
    public static func proseWidth(columns: Int) -> Int {
        min(columns, maximumProseWidth)
    }

    /// Whether `fd` refers to a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool {
        isatty(fd) == 1
    }

    /// The number of columns to lay text out in.
    ///
    /// Asks the terminal behind `fd` (`TIOCGWINSZ`); when that fails or reports 0 columns,
    /// uses `$COLUMNS` from `environment`; otherwise 80. The result is clamped to
    /// `minimumWidth...maximumWidth` (20...1000).
    public static func width(
        fd: Int32 = 1,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Int {
        resolveWidth(terminalColumns: terminalColumns(fd: fd), environment: environment)
    }

    /// Whether ANSI colours and styles should be written to `fd`.
    ///
    /// True only when `fd` is a terminal, `NO_COLOR` is unset or empty (https://no-color.org),
    /// and `TERM` is not `dumb`.
    public static func colorEnabled(
        fd: Int32 = 1,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Bool {
        isTerminal(fd) && colorAllowed(environment: environment)
    }

    /// The environment half of ``colorEnabled(fd:environment:)``: `NO_COLOR` unset or empty,
    /// and `TERM` not `dumb`.
    static func colorAllowed(environment: [String: String]) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }

    /// The width rule of ``width(fd:environment:)``, given what the terminal reported.
    static func resolveWidth(terminalColumns: Int?, environment: [String: String]) -> Int {
        let columns: Int
        if let terminalColumns, terminalColumns > 0 {
            columns = terminalColumns
        } else if let text = environment["COLUMNS"],
                  let value = Int(String(text.drop(while: \.isWhitespace).reversed()
                      .drop(while: \.isWhitespace).reversed())), value > 0 {
            columns = value
        } else {
            columns = defaultWidth
        }
        return min(max(columns, minimumWidth), maximumWidth)
    }

    /// The column count the terminal behind `fd` reports, or nil.
    static func terminalColumns(fd: Int32) -> Int? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
