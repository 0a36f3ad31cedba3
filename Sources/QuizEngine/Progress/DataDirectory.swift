import Foundation

/// Where iamquiz keeps progress and history.
public enum DataDirectory {
    /// The data directory for an environment: `$IAMQUIZ_HOME` if set, else `$XDG_DATA_HOME/iamquiz`,
    /// else `~/.local/share/iamquiz`.
    ///
    /// An empty variable counts as unset, and a relative `XDG_DATA_HOME` is ignored, as the XDG Base
    /// Directory specification asks. A relative `IAMQUIZ_HOME` is taken from the current directory.
    /// `~` is `$HOME`, or the account's home directory when `HOME` is unset or empty. Nothing is
    /// created here; ``ProgressStore/open(profile:environment:)`` creates the folders it needs.
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let home = nonEmpty(environment["IAMQUIZ_HOME"]) {
            return URL(fileURLWithPath: home, isDirectory: true).standardizedFileURL
        }
        if let xdg = nonEmpty(environment["XDG_DATA_HOME"]), xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("iamquiz", isDirectory: true)
                .standardizedFileURL
        }
        let home = nonEmpty(environment["HOME"]).map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".local/share/iamquiz", isDirectory: true).standardizedFileURL
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
