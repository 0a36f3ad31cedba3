import Foundation

/// Writing to standard output and standard error.
///
/// A write that fails (a full disk, a closed pipe) ends the program with exit 1 and a message on
/// standard error, rather than trapping: the output is incomplete, and saying so is all that is left.
enum Console {
    static func error(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
    }
}

extension Console {
    /// Writes text as is (no newline added) to standard output.
    static func write(_ text: String) {
        write(Data(text.utf8))
    }

    static func write(_ data: Data) {
        do {
            try FileHandle.standardOutput.write(contentsOf: data)
        } catch {
            Console.error("error: cannot write to standard output: \(error.localizedDescription)")
            exit(1)
        }
    }
}
