import Foundation
import Synchronization

/// Folders removed when the program ends, however it ends normally (a return from `main` or `exit`):
/// the empty store a reading command opens for a profile that has no history yet.
enum TemporaryFolders {
    private static let folders = Mutex<[URL]>([])
    private static let registered = Mutex(false)

    /// Removes `folder` and what it holds at exit.
    static func removeAtExit(_ folder: URL) {
        folders.withLock { $0.append(folder) }
        let first = registered.withLock { done in
            defer { done = true }
            return !done
        }
        if first {
            atexit {
                for folder in TemporaryFolders.folders.withLock({ $0 }) { try? FileManager.default.removeItem(at: folder) }
            }
        }
    }
}
